"""What the core plugin says about the privacy of a study's people (see docs/privacy.md).

The core hides names and withholds quotes without consent before any plugin sees the study
(``ctx.privacy`` says what it did); this module makes that visible:

* the validation ``core.no-consent``: a warning when a study with quotes records no consent at all;
* the metric ``core.quotes_withheld``: how many quotes are not shown for want of an explicit yes
  (only in a study that records consent);
* :func:`privacy_note`: the sentence the report's summary gives about it.
"""

from __future__ import annotations

from impactkit.plugin import Finding, Location, Metric, Text, Validation, plural

NO_CONSENT = Text(
    en="the changes record no consent: every quote is shown as given. Add a consent column (ja/nee, yes/no) "
    "so that only quotes with an explicit yes are shown (see docs/privacy.md)",
    nl="de veranderingen leggen geen toestemming vast: elk citaat wordt getoond zoals het is aangeleverd. Voeg een "
    "kolom toestemming (ja/nee) toe, dan worden alleen citaten met een uitdrukkelijk ja getoond (zie docs/privacy.md)",
)


def _has_quotes(ctx) -> bool:
    return ctx.privacy.quotes > 0


def no_consent(ctx):
    """``core.no-consent``: a warning when the study has quotes and records no consent at all."""
    if ctx.privacy.consent_recorded or not _has_quotes(ctx):
        return
    study = ctx.study
    where = Location(file=str(study.changes_file), row=1) if study.changes_file else ctx.locate("changes")
    yield Finding(code="core.no-consent", severity="warning", message=NO_CONSENT, location=where)


def quotes_withheld(ctx) -> int | None:
    """``core.quotes_withheld``: the quotes not shown for want of an explicit yes; ``None`` (not
    applicable) when the study records no consent."""
    return ctx.privacy.quotes_withheld if ctx.privacy.consent_recorded else None


def privacy_note(ctx) -> Text | None:
    """The report's sentences on privacy: quotes withheld (or that no consent is recorded), and how
    people are named. ``None`` for a study without changes."""
    shown = ctx.privacy
    if not ctx.study.change_list:
        return None
    parts: list[Text] = []
    if shown.consent_recorded and shown.quotes_withheld:
        parts.append(
            plural(
                shown.quotes_withheld,
                Text(
                    en="{n} of {total} quotes is not shown: the respondent gave no explicit consent.",
                    nl="{n} van de {total} citaten wordt niet getoond: de respondent gaf geen uitdrukkelijke "
                    "toestemming.",
                ),
                Text(
                    en="{n} of {total} quotes are not shown: the respondents gave no explicit consent.",
                    nl="{n} van de {total} citaten worden niet getoond: de respondenten gaven geen uitdrukkelijke "
                    "toestemming.",
                ),
                total=shown.quotes,
            )
        )
    elif shown.consent_recorded and shown.quotes:
        parts.append(
            Text(en="Every quote shown has the respondent's consent.", nl="Elk getoond citaat heeft toestemming.")
        )
    elif shown.quotes:
        parts.append(
            Text(
                en="The study does not record whether respondents consented to being quoted; quotes are shown as "
                "given.",
                nl="De studie legt niet vast of respondenten toestemming gaven voor een citaat; citaten worden "
                "getoond zoals ze zijn aangeleverd.",
            )
        )
    if shown.pseudonyms and not shown.show_names:
        parts.append(
            Text(
                en="People are named by pseudonym, role and group.",
                nl="Mensen worden genoemd met pseudoniem, rol en groep.",
            )
        )
    if not parts:
        return None
    return Text(en=" ".join(p.en for p in parts), nl=" ".join(p.nl for p in parts))


METRICS = [
    Metric(
        id="core.quotes_withheld",
        title=Text(en="Quotes withheld (no consent)", nl="Citaten weggelaten (geen toestemming)"),
        description=Text(
            en="Quotes not shown in any output because the respondent gave no explicit yes; only in a study "
            "that records consent.",
            nl="Citaten die in geen enkele uitvoer staan omdat de respondent geen uitdrukkelijk ja gaf; alleen in "
            "een studie die toestemming vastlegt.",
        ),
        compute=quotes_withheld,
    )
]

VALIDATIONS = [
    Validation(
        id="core.no-consent",
        check=no_consent,
        title=Text(en="Consent to quote is recorded", nl="Toestemming voor citaten is vastgelegd"),
        explain=Text(
            en="The figures do not change, but the quotes in this report are shown without a recorded consent of "
            "the people who gave them.",
            nl="De cijfers veranderen niet, maar de citaten in dit rapport staan erin zonder vastgelegde toestemming "
            "van de mensen die ze gaven.",
        ),
    )
]

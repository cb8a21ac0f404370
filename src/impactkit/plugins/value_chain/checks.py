"""The value chain's checks: references, the output/outcome check, and gaps in the line need → project.

Each check yields :class:`Finding` objects located in ``study.yaml``. Codes are stable:

==========================================  ========  =========================================================
code                                        severity  fires when
==========================================  ========  =========================================================
``value_chain.unknown-activity``            error     a review entry names an activity the study does not define
``value_chain.unknown-reference``           error     a need, effect, outcome or stakeholder id is not defined
``value_chain.duplicate``                   error     a need id, an effect's outcome or a review's activity twice
``value_chain.output-phrased``              warning   an effect reads as an output (counts, output verbs)
``value_chain.effect-without-indicator``    warning   an effect does not say how we will see it
``value_chain.need-unserved``               warning   no effect serves a need
``value_chain.effect-without-need``         warning   an effect serves no need (so not the ambition)
``value_chain.effect-unserved``             warning   no project serves an effect
``value_chain.project-unserving``           warning   a project (not stopped) serves no effect
``value_chain.project-off-ambition``        warning   a project serves effects, none of which the ambition holds
``value_chain.stop-depended-on``            warning   a stopped project is still funded or still the only one behind something
``value_chain.ambition-without-need``       warning   the ambition answers no need
``value_chain.need-as-wish``                info      a need names a solution or activity (a bingo) instead of the need
``value_chain.unreviewed``                  info      a project has no review entry
==========================================  ========  =========================================================

A message naming the section names it as the study file does (``methods.value_chain``, or
``methods.leerkring`` in a study that still uses the old name).
"""

from __future__ import annotations

import functools
from collections.abc import Iterator
from typing import Any

from impactkit.plugin import Finding, Location, Text, Validation, format_list, using

from .chain import SECTION, Chain, state
from .lexicon import output_cues, wish_cues


def _at(ctx: Any, *path: str | int) -> Location | None:
    """Where ``methods.value_chain.<path>`` is (under the alias, when the file uses it)."""
    return ctx.locate("methods", SECTION, *path)


def _effect_at(ctx: Any, chain: Chain, effect: str, entry: bool = False) -> Location | None:
    """With ``entry``: the effect's line in ``methods.value_chain.effects`` if it has one. Else its outcome/impact."""
    for i, item in enumerate(chain.settings.effects if entry else ()):
        if item.outcome == effect:
            return _at(ctx, "effects", i, "outcome")
    return _node_at(ctx, effect)


def _node_at(ctx: Any, node: str, key: str = "id") -> Location | None:
    for listing in ("activities", "outcomes", "impacts"):
        for i, item in enumerate(getattr(ctx.study, listing)):
            if item.id == node:
                return ctx.locate(listing, i, key)
    return None


def _review_at(ctx: Any, chain: Chain, project: str) -> Location | None:
    for i, review in enumerate(chain.settings.review):
        if review.activity == project:
            return _at(ctx, "review", i, "decision")
    return _node_at(ctx, project)


def _checked(fn):
    """``fn(ctx, chain)`` as a check that finds nothing when the study is no leerkring."""
    return using(state)(functools.wraps(fn)(lambda chain, ctx: fn(ctx, chain)))


def _list(items: Any, lang: str) -> str:
    """Ids as a list in running text (``a, b en c``), ``–`` when there are none."""
    return format_list(list(items), lang)


def _finding(code: str, severity: str, en: str, nl: str, where: Location | None) -> Finding:
    return Finding(code=code, severity=severity, message=Text(en=en, nl=nl), location=where)


# -- references ------------------------------------------------------------------------------


def unknown_activity(ctx: Any, chain: Chain) -> Iterator[Finding]:
    for i, review in enumerate(chain.settings.review):
        if review.activity not in chain.projects:
            yield _finding(
                "value_chain.unknown-activity",
                "error",
                f"the review names project '{review.activity}', which is not an activity of the study "
                f"(activities: {_list(chain.projects, 'en')})",
                f"de beoordeling noemt project '{review.activity}', maar dat is geen activiteit van de "
                f"studie (activiteiten: {_list(chain.projects, 'nl')})",
                _at(ctx, "review", i, "activity"),
            )


def unknown_reference(ctx: Any, chain: Chain) -> Iterator[Finding]:
    holders = {h.id for h in ctx.study.stakeholders}
    settings = chain.settings

    def bad(what_en: str, what_nl: str, value: str, known: Any, path: tuple) -> Finding:
        return _finding(
            "value_chain.unknown-reference",
            "error",
            f"{what_en} '{value}' is not defined in the study (known: {_list(known, 'en')})",
            f"{what_nl} '{value}' staat niet in de studie (bekend: {_list(known, 'nl')})",
            _at(ctx, *path),
        )

    for i, need in enumerate(settings.needs):
        for j, holder in enumerate(need.stakeholders):
            if holder not in holders:
                yield bad("stakeholder", "stakeholder", holder, sorted(holders), ("needs", i, "stakeholders", j))
    if settings.ambition is not None:
        for j, need in enumerate(settings.ambition.needs):
            if need not in chain.needs:
                yield bad("need", "behoefte", need, chain.needs, ("ambition", "needs", j))
    for i, entry in enumerate(settings.effects):
        if entry.outcome not in chain.effects:
            yield bad("outcome or impact", "effect of impact", entry.outcome, chain.effects, ("effects", i, "outcome"))
        for j, need in enumerate(entry.needs):
            if need not in chain.needs:
                yield bad("need", "behoefte", need, chain.needs, ("effects", i, "needs", j))
        for j, holder in enumerate(entry.stakeholders):
            if holder not in holders:
                yield bad("stakeholder", "stakeholder", holder, sorted(holders), ("effects", i, "stakeholders", j))
    for i, review in enumerate(settings.review):
        for j, effect in enumerate(review.effects):
            if effect not in chain.effects:
                yield bad("effect", "effect", effect, chain.effects, ("review", i, "effects", j))


def duplicates(ctx: Any, chain: Chain) -> Iterator[Finding]:
    settings = chain.settings
    for listing, key, values in (
        ("needs", "id", [n.id for n in settings.needs]),
        ("effects", "outcome", [e.outcome for e in settings.effects]),
        ("review", "activity", [r.activity for r in settings.review]),
    ):
        first: dict[str, int] = {}
        for i, value in enumerate(values):
            if value not in first:
                first[value] = i
                continue
            line = getattr(_at(ctx, listing, first[value], key), "line", None) or "?"
            yield _finding(
                "value_chain.duplicate",
                "error",
                f"'{value}' is already in {chain.section}.{listing} at line {line}; only the first counts",
                f"'{value}' staat al in {chain.section}.{listing} op regel {line}; alleen de eerste telt",
                _at(ctx, listing, i, key),
            )


# -- the output/outcome check ----------------------------------------------------------------


def output_phrased(ctx: Any, chain: Chain) -> Iterator[Finding]:
    for effect, node in chain.effects.items():
        cues = output_cues(node.name)
        if cues.flagged:
            quoted = [f"'{word}'" for word in cues.because]
            yield _finding(
                "value_chain.output-phrased",
                "warning",
                f"effect '{effect}' reads as an output ({_list(quoted, 'en')}): what do we then see with the "
                f"target group? Phrase it as what changes for them, e.g. 'young people have a say in ...'",
                f"effect '{effect}' leest als een output ({_list(quoted, 'nl')}): wat zien we dan bij de doelgroep? "
                f"Formuleer wat er voor hen verandert, bijvoorbeeld 'jongeren praten en beslissen mee "
                f"over ...'",
                _node_at(ctx, effect, "name"),
            )


def _effect_gap(code: str, missing: Any, en: str, nl: str, entry: bool = False):
    """A check that warns for every effect for which ``missing(chain, effect)`` holds; ``{effect}`` in
    the messages is the effect's id, ``{section}`` the section's key as the study file gives it."""

    def check(ctx: Any, chain: Chain) -> Iterator[Finding]:
        for effect in chain.effects:
            if missing(chain, effect):
                yield _finding(
                    code,
                    "warning",
                    en.format(effect=effect, section=chain.section),
                    nl.format(effect=effect, section=chain.section),
                    _effect_at(ctx, chain, effect, entry=entry),
                )

    check.__name__ = code.split(".")[1].replace("-", "_")
    return check


without_indicator = _effect_gap(
    "value_chain.effect-without-indicator",
    lambda chain, e: not chain.indicator(e),
    "effect '{effect}' does not say how we will see it: add an 'indicator' (to the outcome or its "
    "{section}.effects entry)",
    "effect '{effect}' zegt niet hoe we het terugzien: voeg een 'indicator' toe (aan het effect of aan zijn "
    "regel in {section}.effects)",
    entry=True,
)
effect_without_need = _effect_gap(
    "value_chain.effect-without-need",
    lambda chain, e: bool(chain.needs) and not chain.effect_needs(e),
    "effect '{effect}' serves no need, so it does not concretise the ambition: name the needs it serves "
    "({section}.effects) or reconsider it",
    "effect '{effect}' dient geen behoefte en concretiseert dus de ambitie niet: noem de behoeften die het "
    "dient ({section}.effects) of heroverweeg het",
    entry=True,
)
effect_unserved = _effect_gap(
    "value_chain.effect-unserved",
    lambda chain, e: not chain.served_by(e, live=False),
    "no project serves effect '{effect}': which activity brings it about? (a 'leads_to' chain from an "
    "activity, or the effect in a review entry's 'effects')",
    "geen project dient effect '{effect}': welke activiteit brengt het tot stand? (een 'leads_to'-keten vanaf "
    "een activiteit, of het effect bij 'effects' van een beoordeling)",
)


# -- gaps in the line need → ambition → effect ← project -----------------------------------


def need_unserved(ctx: Any, chain: Chain) -> Iterator[Finding]:
    for i, need in enumerate(chain.settings.needs):
        if need.id in chain.needs and chain.needs[need.id] is need and not chain.need_effects(need.id):
            yield _finding(
                "value_chain.need-unserved",
                "warning",
                f"no effect serves need '{need.id}': which effect for the target group answers it? "
                f"(list the need under an effect's 'needs')",
                f"geen effect dient behoefte '{need.id}': welk effect bij de doelgroep beantwoordt haar? "
                f"(noem de behoefte bij de 'needs' van een effect)",
                _at(ctx, "needs", i, "id"),
            )


def project_unserving(ctx: Any, chain: Chain) -> Iterator[Finding]:
    for project in chain.projects:
        if chain.live(project) and not chain.serves(project):
            yield _finding(
                "value_chain.project-unserving",
                "warning",
                f"project '{project}' serves no effect: review it — stop it, or adapt it to an effect of the leerkring",
                f"project '{project}' dient geen effect: beoordeel het — stoppen, of aanpassen aan een "
                f"effect van de leerkring",
                _review_at(ctx, chain, project),
            )


def project_off_ambition(ctx: Any, chain: Chain) -> Iterator[Finding]:
    if not chain.answered:
        return  # the ambition answers no need: that is reported once, by ambition-without-need
    for project in chain.projects:
        if chain.live(project) and chain.serves(project) and not chain.fits(project):
            effects = chain.serves(project)
            yield _finding(
                "value_chain.project-off-ambition",
                "warning",
                f"project '{project}' serves only effects outside the ambition ({_list(effects, 'en')}): review "
                f"it — stop it, or adapt it",
                f"project '{project}' dient alleen effecten buiten de ambitie ({_list(effects, 'nl')}): "
                f"beoordeel het — stoppen, of aanpassen",
                _review_at(ctx, chain, project),
            )


def stop_depended_on(ctx: Any, chain: Chain) -> Iterator[Finding]:
    study = ctx.study
    for project in chain.projects:
        if chain.live(project):
            continue
        funded = [i.id for i in study.inputs if project in i.to]
        alone = [e for e in chain.serves(project) if not chain.served_by(e)]
        fed = [a for a in chain.projects if a != project and chain.live(a) and _only_source(study, chain, a, project)]
        parts_en, parts_nl = [], []
        if funded:
            parts_en.append(f"input {_list(funded, 'en')} still invests in it")
            parts_nl.append(f"inzet {_list(funded, 'nl')} investeert er nog in")
        if alone:
            parts_en.append(f"no other project serves {_list(alone, 'en')}")
            parts_nl.append(f"geen ander project dient {_list(alone, 'nl')}")
        if fed:
            parts_en.append(f"{_list(fed, 'en')} comes only from it")
            parts_nl.append(f"{_list(fed, 'nl')} komt alleen hieruit voort")
        if parts_en:
            yield _finding(
                "value_chain.stop-depended-on",
                "warning",
                f"project '{project}' is marked stop, but " + "; ".join(parts_en),
                f"project '{project}' staat op stoppen, maar " + "; ".join(parts_nl),
                _review_at(ctx, chain, project),
            )


def _only_source(study: Any, chain: Chain, activity: str, stopped: str) -> bool:
    sources = {n.id for _, n in study.chain_nodes() if activity in n.leads_to}
    sources |= set(chain.projects[activity].comes_from)
    sources |= {link.source for link in study.links if link.target == activity}
    return sources == {stopped}


def ambition_without_need(ctx: Any, chain: Chain) -> Iterator[Finding]:
    ambition = chain.settings.ambition
    if ambition is not None and not chain.answered:
        yield _finding(
            "value_chain.ambition-without-need",
            "warning",
            "the ambition answers no need: list the needs it answers in 'ambition.needs'",
            "de ambitie beantwoordt geen behoefte: noem de behoeften die ze beantwoordt bij 'ambition.needs'",
            _at(ctx, "ambition", "needs") or _at(ctx, "ambition", "text"),
        )


def need_as_wish(ctx: Any, chain: Chain) -> Iterator[Finding]:
    for i, need in enumerate(chain.settings.needs):
        cues = wish_cues(need.statement)
        if cues.flagged:
            quoted = [f"'{word}'" for word in cues.because]
            yield _finding(
                "value_chain.need-as-wish",
                "info",
                f"need '{need.id}' names a solution or activity ({_list(quoted, 'en')}); a need is not a wish: "
                f"what underlying need would it answer (loneliness, mobility ... rather than 'a bingo')?",
                f"behoefte '{need.id}' noemt een oplossing of activiteit ({_list(quoted, 'nl')}); een behoefte is geen "
                f"wens: welke onderliggende behoefte zou die beantwoorden (eenzaamheid, mobiliteit ... in "
                f"plaats van 'een bingo')?",
                _at(ctx, "needs", i, "statement"),
            )


def unreviewed(ctx: Any, chain: Chain) -> Iterator[Finding]:
    for project in chain.projects:
        if project not in chain.reviews:
            yield _finding(
                "value_chain.unreviewed",
                "info",
                f"project '{project}' has no review entry: continue, improve, new or stop?",
                f"project '{project}' is niet beoordeeld: blijven, verbeteren, nieuw of stoppen?",
                _node_at(ctx, project),
            )


CHECKS: list[tuple[str, Any, Text, Text]] = [
    (
        "unknown-activity",
        unknown_activity,
        Text(en="Review entries name activities of the study", nl="Beoordelingen noemen activiteiten van de studie"),
        Text(
            en="A review entry for a project the study does not describe is left out of the review and its figures.",
            nl="Een beoordeling van een project dat de studie niet beschrijft, ontbreekt in de beoordeling en de "
            "cijfers ervan.",
        ),
    ),
    (
        "unknown-reference",
        unknown_reference,
        Text(
            en="Needs, effects and stakeholders named exist", nl="Genoemde behoeften, effecten en stakeholders bestaan"
        ),
        Text(
            en="A need, effect or stakeholder that is named but not described breaks a line of the chain: the "
            "figures about it are missing.",
            nl="Een behoefte, effect of stakeholder die wel genoemd maar niet beschreven is, breekt een lijn van de "
            "keten: de cijfers erover ontbreken.",
        ),
    ),
    (
        "duplicate",
        duplicates,
        Text(en="Each need, effect and project once", nl="Elke behoefte, elk effect en project één keer"),
        Text(
            en="Only the first of a need, effect or project given twice counts; what the second says is not in the "
            "figures.",
            nl="Alleen de eerste van een behoefte, effect of project dat twee keer is gegeven, telt; wat de tweede "
            "zegt, staat niet in de cijfers.",
        ),
    ),
    (
        "output-phrased",
        output_phrased,
        Text(en="Effects are outcomes, not outputs", nl="Effecten zijn outcomes, geen outputs"),
        Text(
            en="An effect phrased as an output says what is done, not what changes for the target group: it cannot "
            "show value created.",
            nl="Een effect dat als output is geformuleerd, zegt wat er gedaan wordt, niet wat er voor de doelgroep "
            "verandert: het kan geen gecreëerde waarde laten zien.",
        ),
    ),
    (
        "effect-without-indicator",
        without_indicator,
        Text(en="Every effect says how we will see it", nl="Elk effect zegt hoe we het terugzien"),
        Text(
            en="For an effect that does not say how we will see it, there is nothing to evaluate it by.",
            nl="Voor een effect dat niet zegt hoe we het terugzien, is er niets om het aan te evalueren.",
        ),
    ),
    (
        "need-unserved",
        need_unserved,
        Text(en="Every need is served by an effect", nl="Elke behoefte wordt door een effect gediend"),
        Text(
            en="A need that no effect serves is not answered by the leerkring; the share of needs served is lower.",
            nl="Een behoefte die geen effect dient, wordt door de leerkring niet beantwoord; het aandeel gediende "
            "behoeften is lager.",
        ),
    ),
    (
        "effect-without-need",
        effect_without_need,
        Text(en="Every effect serves a need", nl="Elk effect dient een behoefte"),
        Text(
            en="An effect that serves no need does not concretise the ambition; projects behind it do not count as "
            "fitting it.",
            nl="Een effect dat geen behoefte dient, concretiseert de ambitie niet; projecten erachter tellen niet "
            "als passend.",
        ),
    ),
    (
        "effect-unserved",
        effect_unserved,
        Text(en="Every effect is served by a project", nl="Elk effect wordt door een project gediend"),
        Text(
            en="An effect that no project serves will not come about by the leerkring's work; the share of effects "
            "served is lower.",
            nl="Een effect dat geen project dient, komt niet tot stand door het werk van de leerkring; het aandeel "
            "gediende effecten is lager.",
        ),
    ),
    (
        "project-unserving",
        project_unserving,
        Text(en="Every project serves an effect", nl="Elk project dient een effect"),
        Text(
            en="A project that serves no effect adds nothing the chain can show; it lowers the share of projects "
            "that fit the ambition.",
            nl="Een project dat geen effect dient, voegt niets toe wat de keten kan laten zien; het verlaagt het "
            "aandeel projecten dat bij de ambitie past.",
        ),
    ),
    (
        "project-off-ambition",
        project_off_ambition,
        Text(en="Projects fit the ambition", nl="Projecten passen bij de ambitie"),
        Text(
            en="A project that serves only effects outside the ambition lowers the share of projects that fit it.",
            nl="Een project dat alleen effecten buiten de ambitie dient, verlaagt het aandeel projecten dat bij de "
            "ambitie past.",
        ),
    ),
    (
        "stop-depended-on",
        stop_depended_on,
        Text(en="Nothing still depends on a stopped project", nl="Niets hangt nog af van een gestopt project"),
        Text(
            en="A project marked stop no longer counts as serving anything, but funding or an effect still depends "
            "on it.",
            nl="Een project dat op stoppen staat, telt niet meer als dienend, maar er hangt nog financiering of een "
            "effect van af.",
        ),
    ),
    (
        "ambition-without-need",
        ambition_without_need,
        Text(en="The ambition answers needs", nl="De ambitie beantwoordt behoeften"),
        Text(
            en="An ambition that answers no need gives the chain no line to follow: no project can be said to fit it.",
            nl="Een ambitie die geen behoefte beantwoordt, geeft de keten geen lijn om te volgen: van geen project "
            "is te zeggen dat het past.",
        ),
    ),
    (
        "need-as-wish",
        need_as_wish,
        Text(en="Needs are needs, not wishes or solutions", nl="Behoeften zijn behoeften, geen wensen of oplossingen"),
        Text(
            en="A need written as a wish or a solution may hide the need behind it; the figures do not change.",
            nl="Een behoefte die als wens of oplossing is geschreven, kan de behoefte erachter verbergen; de cijfers "
            "veranderen niet.",
        ),
    ),
    (
        "unreviewed",
        unreviewed,
        Text(en="Every project is reviewed", nl="Elk project is beoordeeld"),
        Text(
            en="A project without a review is counted among the projects but in none of the decisions.",
            nl="Een project zonder beoordeling telt mee bij de projecten maar bij geen van de besluiten.",
        ),
    ),
]


def validations() -> list[Validation]:
    """The checks; each says in ``explain`` what a problem it finds means for the figures."""
    return [
        Validation(id=f"value_chain.{key}", check=_checked(fn), title=title, explain=explain)
        for key, fn, title, explain in CHECKS
    ]

"""core/privacy.py: what a study's outputs may show of the people in it (names, quotes, consent)."""

from __future__ import annotations

import json

import pytest

import impactkit
from impactkit.core.model import Change, Study
from impactkit.core.privacy import consent_recorded, is_code, parse_consent, quote_allowed, shown

from . import privacy_study as survey


def _study(changes: list[dict], **more) -> Study:
    return Study.model_validate(
        {
            "impactkit": 1,
            "id": "s",
            "title": "S",
            "stakeholders": [{"id": "bewoners", "name": "Bewoners"}],
            "changes": changes,
            **more,
        }
    )


def _change(**fields) -> dict:
    return {"stakeholder": "bewoners", "change": "Ik voel me minder alleen.", **fields}


@pytest.mark.parametrize(
    ("written", "meant"),
    [("ja", True), ("Ja", True), (" YES ", True), ("true", True), ("1", True), (1, True), (True, True)]
    + [("nee", False), ("No", False), ("FALSE", False), ("0", False), (0, False), (False, False)]
    + [("", None), ("  ", None), (None, None)],
)
def test_consent_is_read_as_researchers_write_it(written, meant):
    assert parse_consent(written) is meant


def test_a_consent_that_is_no_consent_is_refused_in_both_languages():
    from impactkit.core.errors import TextError

    with pytest.raises(TextError) as caught:
        parse_consent("misschien")
    assert "misschien" in caught.value.text.en and "toestemming" in caught.value.text.nl


def test_a_code_is_kept_and_a_name_is_not():
    assert all(is_code(v) for v in ("R001", "ST01", "17", "R_3kXyZ9", "O-12"))
    assert not any(is_code(v) for v in ("Jan de Vries", "Anna", "anna@example.org", "", None, "x" * 41 + "1"))


def test_names_become_stable_pseudonyms_one_per_person_and_codes_stay():
    study = _study(
        [
            _change(person="Jan de Vries"),
            _change(person="ST01"),
            _change(person="anna  Smit"),
            _change(person="JAN DE VRIES"),
            _change(person="Anna Smit"),
        ]
    )
    out, report = shown(study)
    assert [c.person for c in out.change_list] == ["R001", "ST01", "R002", "R001", "R002"]
    assert report.pseudonyms == 2 and not report.show_names
    assert [c.person for c in study.change_list][0] == "Jan de Vries"  # the study itself is untouched
    assert shown(study)[0].change_list[2].person == "R002"  # the same file, the same pseudonyms


def test_a_pseudonym_never_takes_a_code_the_study_uses():
    out, _ = shown(_study([_change(person="R001"), _change(person="Piet"), _change(person="r002")]))
    assert [c.person for c in out.change_list] == ["R001", "R003", "r002"]


def test_respondents_with_the_same_name_stay_different_people():
    study = _study([_change(person="Jan", respondent=str(n)) for n in (101, 102, 103)])
    out, report = shown(study)
    assert [c.person for c in out.change_list] == ["101", "102", "103"]
    assert len({c.who for c in out.change_list}) == 3 == len({c.who for c in study.change_list})
    assert report.pseudonyms == 3


def test_a_respondent_written_as_a_name_or_an_email_is_a_pseudonym_too():
    out, _ = shown(_study([_change(respondent="jan@example.org"), _change(respondent="jan@example.org")]))
    assert {c.respondent for c in out.change_list} == {"R001"} and {c.person for c in out.change_list} == {"R001"}


def test_names_in_texts_and_personal_columns_are_taken_out():
    study = _study(
        [
            _change(person="Fatima Yilmaz", extra={"E-mail": "f@example.org", "bron": "gesprek"}),
            _change(
                person="Anna Smit",
                change="Samen met fatima  yilmaz durf ik weer naar buiten.",
                theme="Buiten met Fatima Yilmaz",
                quote="Fatima Yilmaz haalt me op.",
                extra={"E-mail": "a@example.org", "bron": "Anna Smit vertelde het"},
            ),
        ]
    )
    out, report = shown(study)
    second = out.change_list[1]
    assert second.change == "Samen met R001 durf ik weer naar buiten."
    assert second.theme == "Buiten met R001" and second.quote == "R001 haalt me op."
    assert dict(second.extra) == {"bron": "R002 vertelde het"}
    assert report.columns_left_out == ("E-mail",)


def test_show_names_keeps_everything_but_quotes_without_consent():
    study = _study(
        [
            _change(person="Jan", quote="mag", consent="ja"),
            _change(person="Piet", quote="mag niet", consent="nee", extra={"E-mail": "p@example.org"}),
        ],
        privacy={"show_names": True},
    )
    out, report = shown(study)
    assert [c.person for c in out.change_list] == ["Jan", "Piet"]
    assert [c.quote for c in out.change_list] == ["mag", None]
    assert out.change_list[1].extra == {"E-mail": "p@example.org"}
    assert report.show_names and report.quotes == 2 and report.quotes_withheld == 1


def test_quotes_need_an_explicit_yes_once_consent_is_recorded():
    changes = [
        _change(person="A1", quote="een", consent="ja"),
        _change(person="A2", quote="twee", consent="nee"),
        _change(person="A3", quote="drie"),  # not known: withheld
        _change(person="A4", consent="nee"),  # no quote: nothing withheld
    ]
    out, report = shown(_study(changes))
    assert [c.quote for c in out.change_list] == ["een", None, None, None]
    assert (report.consent_recorded, report.quotes, report.quotes_withheld) == (True, 3, 2)


def test_without_any_consent_recorded_quotes_are_shown():
    out, report = shown(_study([_change(person="A1", quote="een"), _change(person="A2", quote="twee")]))
    assert [c.quote for c in out.change_list] == ["een", "twee"]
    assert not report.consent_recorded and report.quotes_withheld == 0
    assert not consent_recorded(out.change_list)
    assert quote_allowed(Change(person="x", stakeholder="b", change="c"), recorded=False)


def test_a_double_coded_change_counts_its_withheld_quote_once():
    rows = [_change(id="C1", person="A1", quote="q", consent="nee", coder=c) for c in ("a", "b")]
    assert shown(_study(rows))[1].quotes_withheld == 1


def test_a_study_with_nothing_to_hide_is_shown_as_it_is():
    study = _study([_change(person="ST01", quote="q")])
    assert shown(study)[0] is study


# -- the outputs -------------------------------------------------------------------------------


@pytest.fixture
def survey_study(tmp_path):
    return survey.write(tmp_path / "werkplaats")


def test_the_run_counts_people_by_respondent_and_the_context_says_what_was_hidden(survey_study):
    result = impactkit.run(impactkit.load(survey_study), lang="nl")
    assert result.metrics["core.people"] == len(survey.ROWS)  # three Jan de Vries are three people
    assert result.context.privacy.quotes_withheld == len(survey.WITHHELD)
    assert result.context.privacy.consent_recorded
    names = {c.person for c in result.study.change_list}
    assert names == {row[0] for row in survey.ROWS}


def test_no_output_holds_a_name_an_email_or_a_quote_without_consent(survey_study, tmp_path, cli):
    out = tmp_path / "out"
    ran = cli("run", survey_study, "-o", out, "--json")
    assert ran.exit_code in (0, 1), ran.output
    assert len(list(out.rglob("*"))) > 5
    printed = tmp_path / "printed"
    printed.mkdir()
    (printed / "stdout.txt").write_text(ran.output, encoding="utf-8")
    assert survey.found(out, survey.NAMES + survey.EMAILS + survey.WITHHELD) == []
    assert survey.found(printed, survey.NAMES + survey.EMAILS + survey.WITHHELD) == []
    # the quotes with consent are there, in every kind of file: the search can find what it looks for
    reached = {name for name, _ in survey.found(out, survey.SHOWN)}
    assert {"report.md", "result.json"} <= reached
    binary = {"report.pdf", "report.docx", "tables.xlsx"} & {p.name for p in out.iterdir()}
    assert binary <= reached


def test_the_suggestions_file_holds_no_name(survey_study, cli):
    ran = cli("code", survey_study, "--method", "idg", "--all")
    assert ran.exit_code == 0, ran.output
    assert survey.found(survey_study, survey.NAMES) == [("changes.csv", n) for n in survey.NAMES]


def test_show_names_shows_the_names_but_still_no_quote_without_consent(survey_study, tmp_path, cli):
    text = survey.STUDY + "privacy:\n  show_names: true\n"
    (survey_study / "study.yaml").write_text(text, encoding="utf-8")
    out = tmp_path / "out"
    cli("run", survey_study, "-o", out)
    assert survey.found(out, survey.WITHHELD) == []
    data = json.loads((out / "result.json").read_text(encoding="utf-8"))
    assert data["metrics"]["core.people"] == len(survey.ROWS)


def test_privacy_changes_no_figure(survey_study):
    hidden = impactkit.run(impactkit.load(survey_study), lang="en").metrics
    (survey_study / "study.yaml").write_text(survey.STUDY + "privacy: {show_names: true}\n", encoding="utf-8")
    named = impactkit.run(impactkit.load(survey_study), lang="en").metrics
    assert {k: v for k, v in hidden.items() if k != "idg.top_changes"} == {
        k: v for k, v in named.items() if k != "idg.top_changes"
    }


# -- what the core plugin says -------------------------------------------------------------------


def test_the_report_says_how_many_quotes_were_withheld_and_the_metric_counts_them(survey_study, tmp_path, cli):
    out = tmp_path / "out"
    cli("--lang", "nl", "run", survey_study, "-o", out)
    report = (out / "report.md").read_text(encoding="utf-8")
    n = len(survey.WITHHELD)
    assert f"{n} van de {len(survey.ROWS)} citaten worden niet getoond" in report
    assert "pseudoniem" in report
    data = json.loads((out / "result.json").read_text(encoding="utf-8"))
    assert data["metrics"]["core.quotes_withheld"] == n
    assert not any(f["code"] == "core.no-consent" for f in data["findings"])


def test_a_study_without_consent_gets_a_warning_and_a_sentence(survey_study, tmp_path, cli):
    changes = survey_study / "changes.csv"
    changes.write_text(changes.read_text(encoding="utf-8").replace("Toestemming", "Opmerking"), encoding="utf-8")
    checked = cli("--lang", "nl", "validate", survey_study)
    assert checked.exit_code == 0, checked.output
    assert "leggen geen toestemming vast" in checked.output and "[core.no-consent]" in checked.output
    assert f"{changes}:1" in checked.output
    result = impactkit.run(impactkit.load(survey_study), lang="en")
    assert "core.quotes_withheld" not in result.metrics  # not applicable without consent
    assert "does not record whether respondents consented" in result.report_markdown("en")


def test_no_warning_for_a_study_without_quotes(write_study, core_plugins):
    result = impactkit.run(impactkit.load(write_study(), plugins=core_plugins), plugins=core_plugins)
    assert not any(f.code == "core.no-consent" for f in result.findings)

"""Which column holds which field: names impactkit knows (group prefixes left aside, a survey
tool's own columns), the study's ``changes: {columns, values, wide}``, the column that fits a
missing field best (by header and by values) with the exact way to accept it, and a value that is
not a stakeholder told once with its rows and what it most likely means."""

from __future__ import annotations

import pytest

import impactkit
from impactkit.core.errors import StudyError
from impactkit.core.mapping import (
    Layout,
    header_keys,
    is_left_out,
    last_part,
    map_flag,
    numbered,
    propose,
    resolve,
    stakeholder_for,
    value_flag,
)
from impactkit.core.model import ChangesSource, Study

LOOKUP = {"person": "person", "persoon": "person", "naam": "person", "rol": "role", "verandering": "change"}
LOOKUP |= {"stakeholder": "stakeholder", "id": "id", "citaat": "quote", "belang": "importance"}
LOOKUP |= {"respondent": "respondent", "toestemming_citaat": "consent", "change": "change"}


def study(**extra) -> Study:
    return Study.model_validate(
        {
            "impactkit": 1,
            "id": "s",
            "title": "S",
            "stakeholders": [
                {"id": "studenten", "name": "Studenten", "roles": ["mentor"]},
                {"id": "bewoners", "name": "Bewoners"},
                {"id": "docenten", "name": "Docenten"},
            ],
            **extra,
        }
    )


def test_group_prefixes_are_left_aside_but_not_words_before_a_full_stop():
    assert last_part("intro/persoon") == "persoon"
    assert last_part("groep.vraag") == "vraag"
    assert last_part("a/b.rol") == "rol"
    assert last_part("Wat? Bijv. meer rust") == "Wat? Bijv. meer rust"
    assert header_keys(["intro/Stakeholder group"]) == ["intro/stakeholder_group", "stakeholder_group"]


def test_numbered_columns_of_a_wide_export():
    assert numbered("Verandering 2") == ("Verandering", 2)
    assert numbered("vragen/verandering_3") == ("verandering", 3)
    assert numbered("Citaat (1)") == ("Citaat", 1)
    assert numbered("Verandering") is None and numbered("12") is None


def test_forms_id_is_the_respondent_and_kobo_prefixes_are_matched_on_their_last_part():
    forms = {c: [c] for c in ["Id", "Begintijd", "Tijd van voltooien", "E-mail", "Naam", "Rol"]}
    layout, problems = resolve(forms, LOOKUP)
    assert not problems and layout.tool == "forms"
    assert layout.fields == {"respondent": "Id", "person": "Naam", "role": "Rol"}
    assert layout.given == {"respondent"}  # the tool's meaning of 'Id' is saved with the mapping
    plain, _ = resolve({"id": ["id"], "person": ["person"]}, LOOKUP)
    assert plain.fields == {"id": "id", "person": "person"} and plain.tool is None
    kobo, _ = resolve({c: [c] for c in ["start", "intro/persoon", "intro/rol", "vragen/verandering"]}, LOOKUP)
    assert kobo.fields == {"person": "intro/persoon", "role": "intro/rol", "change": "vragen/verandering"}


def test_the_studys_columns_come_first_and_name_any_header_row():
    names = {"Q1": ["Q1", "Wie ben je?"], "Q2": ["Q2", "Wat is er voor jou veranderd?"], "persoon": ["persoon"]}
    source = ChangesSource(file="x", columns={"change": "Wat is er voor jou veranderd?", "stakeholder": "q1"})
    layout, problems = resolve(names, LOOKUP, source)
    assert not problems
    assert layout.fields == {"change": "Q2", "stakeholder": "Q1", "person": "persoon"}


def test_a_mapping_naming_what_is_not_there_says_what_is():
    names = {"Naam": ["Naam"], "Verandering": ["Verandering"]}
    source = ChangesSource(file="x", columns={"stakeholdr": "Naam", "change": "Veranderng", "person": "Naam"})
    _, problems = resolve(names, LOOKUP | {"stakeholder": "stakeholder"}, source, file="e.csv", where="--map")
    texts = [p.message.en for p in problems]
    assert texts[0].startswith("'stakeholdr' is not a field of a change") and "did you mean 'stakeholder'?" in texts[0]
    assert (
        texts[1]
        == "--map names column 'Veranderng' for 'change', but the table has no such column; did you mean 'Verandering'?"
    )


def test_wide_columns_by_their_stem():
    names = {c: [c] for c in ["Naam", "Verandering 1", "Verandering 2", "Citaat 1", "Citaat 2", "Groep"]}
    layout, problems = resolve(names, LOOKUP | {"groep": "stakeholder"}, ChangesSource(file="x", wide=True))
    assert not problems
    assert layout.wide == {"change": {1: "Verandering 1", 2: "Verandering 2"}, "quote": {1: "Citaat 1", 2: "Citaat 2"}}
    given, _ = resolve(
        {c: [c] for c in ["Naam", "Wat veranderde 1", "Wat veranderde 2"]},
        LOOKUP,
        ChangesSource(file="x", wide=True, columns={"change": "Wat veranderde"}),
    )
    assert given.wide == {"change": {1: "Wat veranderde 1", 2: "Wat veranderde 2"}}
    _, none = resolve({"Naam": ["Naam"]}, LOOKUP, ChangesSource(file="x", wide=True))
    assert "needs numbered columns for the change" in none[0].message.en


FORMS_CELLS = {
    "Ik doe mee als": ["Student", "Bewoner", "student", "Docent", "Studenten"],
    "Wat is er voor jou veranderd?": [
        "Ik durf meer te vragen aan anderen",
        "Ik ken mijn buren nu",
        "Meer samenwerken met de wijk",
        "Ik plan beter",
        "Minder alleen",
    ],
    "Hoe belangrijk (1-5)": ["4", "5", "3", "5", "2"],
    "Citaat": ["Echt", "", "Top", "", "Fijn"],
    "E-mail": ["a@x.nl", "b@x.nl", "c@x.nl", "d@x.nl", "e@x.nl"],
}


def test_proposals_by_header_and_by_values():
    names = {c: [c] for c in FORMS_CELLS}
    layout = Layout(fields={"quote": "Citaat"})
    chosen = propose(names, lambda c: FORMS_CELLS[c], layout, study())
    assert [(p.field, p.column) for p in chosen] == [
        ("stakeholder", "Ik doe mee als"),
        ("change", "Wat is er voor jou veranderd?"),
        ("importance", "Hoe belangrijk (1-5)"),
    ]
    reasons = {p.field: p.reason.nl for p in chosen}
    assert reasons["stakeholder"] == (
        "de kop leest als 'stakeholder', en de waarden passen bij de stakeholders van de studie in 5 van 5 rijen"
    )
    assert reasons["importance"] == "de kop leest als 'importance', en getallen van 2 tot 5"
    assert "de langste vrije tekst" in reasons["change"]


def test_proposals_by_values_alone_when_the_headers_say_nothing():
    cells = {"Q1": FORMS_CELLS["Ik doe mee als"], "Q2": FORMS_CELLS["Wat is er voor jou veranderd?"]}
    cells |= {
        "Q3": ["R_1", "R_2", "R_3", "R_4", "R_5"],
        "Q4": ["ja", "nee", "Ja", "ja", "nee"],
        "Q5": ["1", "4", "2", "5", "3"],
    }
    chosen = propose({c: [c] for c in cells}, lambda c: cells[c], Layout(), study())
    assert {p.field: p.column for p in chosen} == {
        "stakeholder": "Q1",
        "change": "Q2",
        "respondent": "Q3",
        "consent": "Q4",
        "importance": "Q5",
    }


def test_the_scale_a_column_holds_is_written_as_each_language_writes_numbers():
    cells = {"Q1": ["1.5", "4,5", "2", "3", "2,5"]}
    (chosen,) = propose({c: [c] for c in cells}, lambda c: cells[c], Layout(), study())
    assert chosen.field == "importance"
    assert (chosen.reason.en, chosen.reason.nl) == ("numbers from 1.5 to 4.5", "getallen van 1,5 tot 4,5")


def test_personal_and_administration_columns_are_never_proposed_and_are_left_out():
    assert is_left_out(["E-mail"]) and is_left_out(["Begintijd"]) and is_left_out(["meta/instanceID"])
    assert is_left_out(["RecipientEmail", "Recipient Email"]) and not is_left_out(["E-mail"], keep=["e-mail"])
    assert not is_left_out(["Domein"]) and not is_left_out(["Wat is er voor jou veranderd?"])
    cells = {"E-mail": ["a long text that is really free text"] * 5}
    assert propose({"E-mail": ["E-mail"]}, lambda c: cells[c], Layout(), study()) == []


def test_a_value_is_matched_to_the_stakeholder_it_most_likely_means():
    s = study()
    assert stakeholder_for("Student", s) == "studenten"
    assert stakeholder_for("DOCENT", s) == "docenten"
    assert stakeholder_for("mentor", s) == "studenten"  # a role of the stakeholder
    assert stakeholder_for("Gemeente", s) is None


def test_flags_are_quoted_for_any_shell():
    assert map_flag("change", "Wat is er voor jou veranderd?") == '--map "change=Wat is er voor jou veranderd?"'
    assert map_flag("person", "Naam") == "--map person=Naam"
    assert value_flag("stakeholder", "Student", "studenten") == "--map-value stakeholder:Student=studenten"
    assert value_flag("consent", 'Ja "graag"', "ja") == "--map-value 'consent:Ja \"graag\"=ja'"


# -- validate and run read an export through the study's mapping ------------------------------------

HEAD = """\
impactkit: 1
id: x
title: X
language: nl
stakeholders: [{id: studenten, name: Studenten}, {id: bewoners, name: Bewoners}]
"""


def test_a_missing_required_column_proposes_the_study_file_lines(write_study, core_plugins):
    folder = write_study(
        HEAD + "changes: export.csv\n",
        export__csv="Naam,Ik doe mee als,Wat is er voor jou veranderd?\n"
        "An,Student,Ik durf meer te vragen\nBo,Bewoner,Ik ken mijn buren nu\n",
    )
    with pytest.raises(StudyError) as info:
        impactkit.load(folder, plugins=core_plugins)
    lines = [p.render("nl").split("export.csv", 1)[1] for p in info.value.problems]
    assert lines[0].startswith(
        ":1:stakeholder: verplichte kolom 'stakeholder' ontbreekt "
        "(gevonden kolommen: Naam, Ik doe mee als en Wat is er voor jou veranderd?)"
    )
    assert "past het best: 'Ik doe mee als' (de kop leest als 'stakeholder', en de waarden passen" in lines[0]
    assert lines[-1] == (
        ": om deze kolommen over te nemen, schrijf in study.yaml: changes: {file: export.csv, columns: "
        '{stakeholder: Ik doe mee als, change: "Wat is er voor jou veranderd?"}}'
    )


def test_validate_reads_the_export_through_the_mapping_with_its_values(write_study, core_plugins):
    folder = write_study(
        HEAD
        + "changes:\n  file: export.csv\n"
        + "  columns: {stakeholder: Ik doe mee als, change: 'Wat is er voor jou veranderd?'}\n"
        + "  values: {stakeholder: {Student: studenten, bewoner: bewoners}}\n",
        export__csv="Naam,Ik doe mee als,Wat is er voor jou veranderd?,Domein\n"
        "An,Student,Ik durf meer te vragen,zorg\nBo,BEWONER,Ik ken mijn buren nu,wijk\n",
    )
    loaded = impactkit.load(folder, plugins=core_plugins)
    assert [(c.person, c.stakeholder, c.change, c.extra["domein"]) for c in loaded.change_list] == [
        ("An", "studenten", "Ik durf meer te vragen", "zorg"),
        ("Bo", "bewoners", "Ik ken mijn buren nu", "wijk"),
    ]
    assert loaded.changes_file == folder / "export.csv"
    assert loaded._changes_columns["stakeholder"] == "Ik doe mee als"


def test_an_unknown_stakeholder_is_told_once_with_its_rows_and_what_it_likely_means(write_study, core_plugins):
    rows = "".join(
        f"p{i},{'Student' if i % 2 else 'studenten'},verandering {i},{'hoog' if i % 2 == 0 else 3}\n"
        for i in range(1, 21)
    )
    folder = write_study(HEAD + "changes: c.csv\n", c__csv="persoon,stakeholder,verandering,belang\n" + rows)
    with pytest.raises(StudyError) as info:
        impactkit.load(folder, plugins=core_plugins)
    lines = [p.render("nl").split("c.csv", 1)[1] for p in info.value.problems]
    assert lines == [
        ":2:stakeholder: 'Student' (10 rijen: 2, 4, 6, 8, 10, 12, 14, 16, …) hoort niet bij de stakeholders van de "
        "studie (studenten en bewoners); bedoel je 'studenten'? values: {stakeholder: {Student: studenten}}",
        ":3:belang: kolom 'belang': 'hoog' is geen getal (ook in nog 9 rijen: 5, 7, 9, 11, 13, 15, 17, 19, …)",
    ]

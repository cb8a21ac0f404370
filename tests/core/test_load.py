"""Loading a study: valid files load, and every kind of bad input names file, line and key."""

from __future__ import annotations

import pytest

import impactkit
from impactkit.core.errors import StudyError


def problems(folder, plugins):
    with pytest.raises(StudyError) as info:
        impactkit.load(folder, plugins=plugins)
    return info.value.problems


def test_minimal_study_loads(write_study, core_plugins):
    study = impactkit.load(write_study(), plugins=core_plugins)
    assert study.id == "demo"
    assert [s.id for s in study.stakeholders] == ["students", "residents"]
    assert len(study.change_list) == 3
    assert study.path.name == "study.yaml"


def test_yaml_syntax_error_has_line_and_column(write_study, core_plugins):
    folder = write_study("impactkit: 1\nid: x\ntitle: [unclosed\nroute: linear\n")
    (problem,) = problems(folder, core_plugins)
    assert problem.location.file.endswith("study.yaml")
    assert problem.location.line in (3, 4)
    assert problem.location.column is not None
    assert "YAML" in problem.message.en and "YAML" in problem.message.nl


def test_unknown_key_is_an_error_with_suggestion(write_study, core_plugins):
    folder = write_study("impactkit: 1\nid: x\ntitle: X\nstakeholders:\n  - {id: a, name: A, hellix: education}\n")
    (problem,) = problems(folder, core_plugins)
    assert (problem.location.line, problem.location.key) == (5, "stakeholders[0].hellix")
    assert "unknown key 'hellix'" in problem.message.en
    assert "did you mean 'helix'" in problem.message.en
    assert "onbekende sleutel" in problem.message.nl


def test_wrong_types_and_missing_keys_are_all_reported(write_study, core_plugins):
    folder = write_study("""\
        impactkit: 1
        id: x
        title: X
        stakeholders:
          - {id: a, name: A, size: many}
          - {id: b}
        links:
          - {source: a, target: b, confidence: 1.5}
        """)
    found = {p.location.key: p for p in problems(folder, core_plugins)}
    assert set(found) == {"stakeholders[0].size", "stakeholders[1].name", "links[0].confidence"}
    assert found["stakeholders[0].size"].location.line == 5
    assert "'many'" in found["stakeholders[0].size"].message.en
    assert found["stakeholders[1].name"].location.line == 6
    assert "name" in found["stakeholders[1].name"].message.en
    assert found["links[0].confidence"].location.line == 8


def test_not_a_mapping(write_study, core_plugins):
    (problem,) = problems(write_study("- just\n- a list\n"), core_plugins)
    assert problem.location.line == 1


def test_missing_folder_and_file(tmp_path, core_plugins):
    (problem,) = problems(tmp_path / "nowhere", core_plugins)
    assert "no study here" in problem.message.en and "geen studie" in problem.message.nl
    (problem,) = problems(tmp_path, core_plugins)  # a folder without study.yaml
    assert problem.location.file.endswith("study.yaml")


def test_missing_changes_file_points_at_the_changes_key(write_study, core_plugins):
    folder = write_study("impactkit: 1\nid: x\ntitle: X\nchanges: nowhere.csv\n")
    (problem,) = problems(folder, core_plugins)
    assert problem.location.line == 4
    assert "nowhere.csv" in problem.message.en


def test_changes_csv_with_dutch_headers_semicolons_and_unknown_columns(write_study, core_plugins):
    folder = write_study(
        "impactkit: 1\nid: x\ntitle: X\nstakeholders: [{id: studenten, name: Studenten}]\nchanges: veranderingen.csv\n",
        veranderingen__csv="Persoon;Rol;Stakeholder;Verandering;Citaat;Belang;IDG;Opleiding\n"
        'p1;student;studenten;Ik leer sneller;"Echt, ja";3,5;"Thinking; Relating";Social work\n',
    )
    study = impactkit.load(folder, plugins=core_plugins)
    (change,) = study.change_list
    assert change.person == "p1" and change.quote == "Echt, ja"
    assert change.importance == 3.5
    # no plugin declares an IDG column here: it is an unknown column, kept as written
    assert change.codes == {} and change.extra == {"IDG": "Thinking; Relating", "Opleiding": "Social work"}
    assert change.row == 2


def test_bad_rows_are_each_reported_with_row_and_column(write_study, core_plugins):
    folder = write_study(
        "impactkit: 1\nid: x\ntitle: X\nchanges: changes.csv\n",
        changes__csv="person,stakeholder,change,importance,Toestemming\n"
        "p1,students,fine,4,ja\n"
        "p2,students,,4,ja\n"
        "p3,students,ok,high,nee\n"
        "p4,students,ok,2,misschien\n",
    )
    found = problems(folder, core_plugins)
    assert [(p.location.row, p.location.key) for p in found] == [(3, "change"), (4, "importance"), (5, "Toestemming")]
    assert "column 'Toestemming': 'misschien' is not a consent" in found[2].message.en
    assert "kolom 'Toestemming': 'misschien' is geen toestemming" in found[2].message.nl


def test_a_row_with_too_many_cells_is_not_shifted_silently(write_study, core_plugins):
    folder = write_study(
        "impactkit: 1\nid: x\ntitle: X\nchanges: c.csv\n", c__csv="person;stakeholder;change\np1;a;x\np2;a;x;y\n"
    )
    (problem,) = problems(folder, core_plugins)
    assert problem.location.row == 3 and "3 columns" in problem.message.en


def test_required_column_missing(write_study, core_plugins):
    folder = write_study("impactkit: 1\nid: x\ntitle: X\nchanges: c.csv\n", c__csv="who,what\np1,x\n")
    keys = sorted(p.location.key for p in problems(folder, core_plugins))
    assert keys == ["change", "person", "stakeholder"]


def test_changes_from_xlsx(write_study, core_plugins, tmp_path):
    import pandas as pd

    folder = write_study("impactkit: 1\nid: x\ntitle: X\nchanges: c.xlsx\n")
    pd.DataFrame(
        {
            "person": ["p1", "p2"],
            "stakeholder": ["a", "a"],
            "change": ["x", "y"],
            "importance": [4, None],
            "extra col": ["k", "l"],
        }
    ).to_excel(folder / "c.xlsx", index=False)
    study = impactkit.load(folder, plugins=core_plugins)
    assert [c.importance for c in study.change_list] == [4.0, None]
    assert study.change_list[1].extra == {"extra col": "l"}
    assert study.changes_file.name == "c.xlsx"


def test_unknown_file_type(write_study, core_plugins):
    folder = write_study("impactkit: 1\nid: x\ntitle: X\nchanges: c.json\n", c__json="[]")
    (problem,) = problems(folder, core_plugins)
    assert ".json" in problem.message.en


def test_method_section_without_plugin_is_kept_with_a_warning(write_study, core_plugins):
    folder = write_study("impactkit: 1\nid: x\ntitle: X\nmethods:\n  mystery: {a: 1}\n")
    study = impactkit.load(folder, plugins=core_plugins)
    assert study.methods == {"mystery": {"a": 1}}
    result = impactkit.run(study, plugins=core_plugins)
    (finding,) = [f for f in result.findings if f.code == "core.method-unknown"]
    assert finding.severity == "warning" and finding.location.line == 5


def test_quoted_cells_keep_line_breaks_and_odd_separators(write_study, core_plugins):
    folder = write_study("impactkit: 1\nid: x\ntitle: X\nchanges: c.csv\n")
    (folder / "c.csv").write_text(
        'person,stakeholder,change\np1,s,"learned\na lot"\np2,s,a\u2028b\n', encoding="utf-8", newline=""
    )
    study = impactkit.load(folder, plugins=core_plugins)
    assert [c.change for c in study.change_list] == ["learned\na lot", "a\u2028b"]
    assert [c.row for c in study.change_list] == [2, 3]


def test_duplicate_column_names_are_refused(write_study, core_plugins):
    folder = write_study(
        "impactkit: 1\nid: x\ntitle: X\nchanges: c.csv\n",
        c__csv="person,stakeholder,change,note,Note\np1,s,a,keep1,keep2\n",
    )
    (problem,) = problems(folder, core_plugins)
    assert (problem.location.row, problem.location.key) == (1, "Note")
    assert "columns 4 and 5" in problem.message.en


def test_rows_sharing_an_id_must_be_codings_of_one_change(write_study, core_plugins):
    folder = write_study(
        "impactkit: 1\nid: x\ntitle: X\nchanges: c.csv\n",
        c__csv="id,person,stakeholder,change,coder\n1,p1,s,a,ann\n1,p1,s,a,bob\n2,p2,s,b,ann\n2,p3,s,c,bob\n",
    )
    (problem,) = problems(folder, core_plugins)
    assert (problem.location.row, problem.location.key) == (5, "person")
    assert "row 4" in problem.message.en and "rij 4" in problem.message.nl
    inline = write_study(
        "impactkit: 1\nid: x\ntitle: X\nchanges:\n  - {id: a, person: p, stakeholder: s, change: x}\n"
        "  - {id: a, person: p, stakeholder: s, change: y}\n"
    )
    (problem,) = problems(inline, core_plugins)
    assert problem.location.line == 6 and "change 1" in problem.message.en


def test_a_respondent_number_column_is_not_taken_for_a_change_id(write_study, core_plugins):
    folder = write_study(
        "impactkit: 1\nid: x\ntitle: X\nchanges: c.csv\n", c__csv="nr,person,stakeholder,change\n1,p1,s,a\n1,p1,s,b\n"
    )
    study = impactkit.load(folder, plugins=core_plugins)
    assert [c.id for c in study.change_list] == [None, None]
    assert study.change_list[0].extra == {"nr": "1"}


def test_infinite_and_missing_numbers_are_refused(write_study, core_plugins):
    folder = write_study(
        "impactkit: 1\nid: x\ntitle: X\nchanges: c.csv\n",
        c__csv="person,stakeholder,change,importance\np1,s,a,inf\np2,s,b,nan\n",
    )
    assert [(p.location.row, p.location.key) for p in problems(folder, core_plugins)] == [
        (2, "importance"),
        (3, "importance"),
    ]
    yaml_inf = write_study(
        "impactkit: 1\nid: x\ntitle: X\nstakeholders: [{id: s, name: S}]\n"
        "inputs: [{id: i, name: I, stakeholder: s, value: .inf}]\n"
    )
    (problem,) = problems(yaml_inf, core_plugins)
    assert problem.location.key == "inputs[0].value"


def test_xlsx_with_a_title_row_and_blank_rows_keeps_sheet_row_numbers(write_study, core_plugins):
    from openpyxl import Workbook

    folder = write_study("impactkit: 1\nid: x\ntitle: X\nchanges: c.xlsx\n")
    sheet = (book := Workbook()).active
    for row in (["Survey 2025"], [], ["person", "stakeholder", "change"], ["p1", "s", "a"], [], ["p2", "s", None]):
        sheet.append(row)
    book.save(folder / "c.xlsx")
    (problem,) = problems(folder, core_plugins)
    assert (problem.location.row, problem.location.key) == (6, "change")


def test_dutch_thousands_in_yaml_are_refused_not_read_as_decimals(write_study, core_plugins):
    folder = write_study(
        "impactkit: 1\nid: x\ntitle: X\nstakeholders: [{id: s, name: S}]\n"
        "inputs:\n  - {id: i, name: I, stakeholder: s, value: 20.000}\n"
        "links:\n  - {source: i, target: s, confidence: 0.250}\n"
    )
    (problem,) = problems(folder, core_plugins)
    assert (problem.location.line, problem.location.column, problem.location.key) == (6, 45, "inputs[0].value")
    assert "20000 or 20" in problem.message.en and "20000 of 20" in problem.message.nl


def test_every_problem_of_the_file_at_once_in_file_order(write_study):
    from impactkit.core.plugins import make_manager

    folder = write_study("""\
        impactkit: 1
        id: x
        stakeholders:
          - {id: s, name: S, size: many}
        methods:
          idg: {framwork: idg-2021}
        inputs:
          - {id: i, name: I, stakeholder: s, value: lots}
        """)
    found = problems(folder, make_manager(load=["core", "idg"]))
    # the core model's problems and the method section's come together, sorted by line
    assert [(p.location.line, p.location.key) for p in found] == [
        (1, "title"),
        (4, "stakeholders[0].size"),
        (6, "methods.idg.framwork"),
        (8, "inputs[0].value"),
    ]
    assert str(found[0].location).endswith("study.yaml:1:1 (title)")


def test_a_union_field_reports_the_branch_the_user_meant(write_study, core_plugins):
    listed = problems(
        write_study("""\
        impactkit: 1
        id: x
        title: X
        stakeholders: [{id: s, name: S}]
        changes:
          - {person: p, stakeholder: s, change: c, importance: veel}
        """),
        core_plugins,
    )
    assert [p.location.key for p in listed] == ["changes[0].importance"]  # not also "not a string"
    (neither,) = problems(write_study("impactkit: 1\nid: x\ntitle: X\nchanges: 5\n"), core_plugins)
    assert neither.location.key == "changes" and neither.location.line == 4
    assert neither.message.en.startswith("Input should be a valid list or a valid string")
    assert " of " in neither.message.nl

"""Changes input: every problem of every row at once, located by row and column, SDG cells
as people write them, and ``impactkit import changes`` never replacing changes silently."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

import impactkit
from impactkit.cli import cli
from impactkit.core.errors import StudyError
from impactkit.core.graph import build_graph

HEAD = "impactkit: 1\nid: x\ntitle: X\nstakeholders: [{id: students, name: Students}]\n"


@pytest.fixture
def run_cli(monkeypatch):
    monkeypatch.setenv("IMPACTKIT_LOAD_PLUGINS", "core")

    def invoke(*args):
        return CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False)

    return invoke


def problems(folder, plugins):
    with pytest.raises(StudyError) as info:
        impactkit.load(folder, plugins=plugins)
    return info.value.problems


def where(found):
    return [(p.location.row, p.location.key) for p in found]


# -- every problem of every row ------------------------------------------------------------------


def test_a_row_with_too_many_cells_does_not_hide_the_rows_after_it(write_study, core_plugins):
    folder = write_study(
        HEAD + "changes: c.csv\n",
        c__csv="person,role,stakeholder,change\n"
        "p1,student,students,I learn\n"
        "p2,student,students,I learn,and more,and more\n"
        "p3,student,students\n",
    )
    found = problems(folder, core_plugins)
    assert where(found) == [(3, "#5"), (4, "change")]
    lines = [str(p.location) for p in found]
    assert lines[0].endswith("c.csv:3:#5") and lines[1].endswith("c.csv:4:change")


def test_every_bad_cell_of_a_row_with_too_many_cells_is_reported(write_study, core_plugins):
    folder = write_study(
        HEAD + "changes: c.csv\n", c__csv="person,stakeholder,change,importance\np1,students,,high,extra\n"
    )
    assert where(problems(folder, core_plugins)) == [(2, "change"), (2, "importance"), (2, "#5")]


def test_an_xlsx_row_with_too_many_cells_does_not_hide_the_rows_after_it(write_study, core_plugins):
    from openpyxl import Workbook

    folder = write_study(HEAD + "changes: c.xlsx\n")
    sheet = (book := Workbook()).active
    for row in (["person", "stakeholder", "change"], ["p1", "students", "a", "stray"], ["p2", "students", None]):
        sheet.append(row)
    book.save(folder / "c.xlsx")
    assert where(problems(folder, core_plugins)) == [(2, "#4"), (3, "change")]


def test_every_bad_goal_of_an_sdg_cell_is_reported(write_study, core_plugins):
    folder = write_study(
        HEAD + "changes: c.csv\n", c__csv="person,stakeholder,change,sdg\np1,students,a,18;x\np2,students,b,4\n"
    )
    found = problems(folder, core_plugins)
    assert where(found) == [(2, "sdg"), (2, "sdg")]
    assert ["'18'" in found[0].message.en, "'x'" in found[1].message.en] == [True, True]
    assert "1 to 17" in found[0].message.en and "1 tot en met 17" in found[0].message.nl
    assert "SDG 4" in found[1].message.en and "SDG 4" in found[1].message.nl


def test_problems_of_the_shape_and_of_the_cells_come_in_row_order(write_study, core_plugins):
    folder = write_study(
        HEAD + "changes: c.csv\n",
        c__csv="person;stakeholder;change;sdg\np1;students;;0\np2;students;b;4;x\np3;students;c;SDG 99\n",
    )
    assert where(problems(folder, core_plugins)) == [(2, "change"), (2, "sdg"), (3, "#5"), (4, "sdg")]


def test_context_read_table_still_refuses_a_row_with_too_many_cells(write_study, core_plugins):
    from impactkit.core.context import Context

    folder = write_study(HEAD + "changes: []\n", other__csv="a,b\n1,2\n3,4,5\n")
    study = impactkit.load(folder, plugins=core_plugins)
    ctx = Context(study=study, graph=build_graph(study)[0])
    with pytest.raises(StudyError) as info:
        ctx.read_table("other.csv")
    assert where(info.value.problems) == [(3, "#3")]


# -- SDG cells ---------------------------------------------------------------------------------


def sdg_cell(write_study, plugins, cell):
    """The goals read from an ``sdg`` cell, or the ``(key, value)`` of each problem it gives."""
    folder = write_study(HEAD + "changes: c.csv\n", c__csv=f'person,stakeholder,change,SDG\np1,students,a,"{cell}"\n')
    try:
        return impactkit.load(folder, plugins=plugins).change_list[0].sdg
    except StudyError as exc:
        return [(p.location.key, p.message.en.split("'")[3]) for p in exc.problems]


@pytest.mark.parametrize(
    "cell, goals",
    [
        ("4", [4]),
        ("SDG4", [4]),
        ("SDG 4", [4]),
        ("sdg 4", [4]),
        ("SDG-4", [4]),
        ("sdg - 4", [4]),
        ("4;10", [4, 10]),
        ("SDG 4, SDG 10", [4, 10]),
        (" 17 ; 1 ", [17, 1]),
        ("4; goal 5", [4, 5]),
        ("Doel 4, doel 17", [4, 17]),
        ("SDG 04", [4]),  # goal/doel: as methods.sdg reads them
    ],
)
def test_sdg_cells_people_write_are_read(write_study, core_plugins, cell, goals):
    assert sdg_cell(write_study, core_plugins, cell) == goals


@pytest.mark.parametrize(
    "cell, bad",
    [
        ("18", ["18"]),
        ("x", ["x"]),
        ("0", ["0"]),
        ("18;x", ["18", "x"]),
        ("4 10", ["4 10"]),
        ("SDG", ["SDG"]),
        ("4; goal", ["goal"]),
        ("goal 18", ["goal 18"]),
        ("target 4", ["target 4"]),
    ],
)
def test_what_is_not_an_sdg_is_refused(write_study, core_plugins, cell, bad):
    assert sdg_cell(write_study, core_plugins, cell) == [("SDG", part) for part in bad]


@pytest.mark.parametrize("text", ["SDG 4", "4, 5", "goal 4; doel 17", "sdg-4;SDG5", "x", "4; 18"])
def test_inline_changes_and_a_table_read_the_same_goals(write_study, core_plugins, text):
    """One reading of a goal (``core.changes.sdg_goals``) for a changes file, a study's inline
    changes and ``methods.sdg``: the same text gives the same goals, or the same refusal."""
    from impactkit.plugins.sdg.settings import SdgSettings

    def read(folder):  # the goals, or the problems with them (without where they are)
        try:
            return impactkit.load(folder, plugins=core_plugins).change_list[0].sdg
        except StudyError as exc:
            return [
                p.message.en.split(" (got ")[0].removeprefix("column 'sdg': ")
                for p in exc.problems
                if p.location.key in ("sdg", "changes[0].sdg")
            ]

    from_yaml = read(
        write_study(HEAD + f'changes:\n  - {{person: p1, stakeholder: students, change: a, sdg: "{text}"}}\n')
    )
    from_csv = read(
        write_study(HEAD + "changes: c.csv\n", c__csv=f'person,stakeholder,change,sdg\np1,students,a,"{text}"\n')
    )
    assert from_yaml == from_csv
    if all(isinstance(goal, int) for goal in from_csv):
        parts = text.replace(",", ";").split(";")
        assert SdgSettings.model_validate({"outcomes": {"o": parts}}).outcomes["o"].goals == list(
            dict.fromkeys(from_csv)
        )
    else:
        assert "is not an SDG; expected a goal number from 1 to 17" in from_csv[0]


def test_an_sdg_cell_with_a_space_loads(write_study, core_plugins):
    folder = write_study(
        HEAD + "changes: c.csv\n",
        c__csv="person,stakeholder,change,sdg\np1,students,a,SDG 4\np2,students,b,sdg 4; SDG-10\n",
    )
    assert [c.sdg for c in impactkit.load(folder, plugins=core_plugins).change_list] == [[4], [4, 10]]


# -- the unknown-stakeholder finding names its column ------------------------------------------


def test_unknown_stakeholder_of_a_change_names_the_column(write_study, core_plugins):
    folder = write_study(
        HEAD + "changes: c.csv\n", c__csv="Persoon,Stakeholdergroep,Verandering\np1,students,x\np2,nobody,y\n"
    )
    (finding,) = build_graph(impactkit.load(folder, plugins=core_plugins))[1]
    assert finding.code == "core.unknown-stakeholder"
    assert str(finding.location).endswith("c.csv:3:Stakeholdergroep")


def test_unknown_stakeholder_of_an_inline_change_names_the_key(write_study, core_plugins):
    folder = write_study(HEAD + "changes:\n  - {person: p1, stakeholder: nobody, change: x}\n")
    (finding,) = build_graph(impactkit.load(folder, plugins=core_plugins))[1]
    assert (finding.location.line, finding.location.column, finding.location.key) == (6, 31, "changes[0].stakeholder")


def test_unknown_outcome_of_a_change_names_the_column(write_study, core_plugins):
    folder = write_study(HEAD + "changes: c.csv\n", c__csv="person,stakeholder,change,effect\np1,students,x,gone\n")
    (finding,) = build_graph(impactkit.load(folder, plugins=core_plugins))[1]
    assert str(finding.location).endswith("c.csv:2:effect")


def test_the_cli_prints_the_column_of_an_unknown_stakeholder(run_cli, write_study):
    folder = write_study(
        HEAD + "changes: changes.csv\n", changes__csv="person,stakeholder,change\np1,students,x\np2,nobody,y\n"
    )
    result = run_cli("validate", folder)
    assert result.exit_code == 1 and "changes.csv:3:stakeholder:" in result.output


# -- import changes: nothing replaced silently -------------------------------------------------

EXPORT = "person,stakeholder,change\np7,students,new one\np8,students,another\n"


@pytest.fixture
def export(tmp_path):
    path = tmp_path / "export.csv"
    path.write_text(EXPORT, encoding="utf-8")
    return path


def test_import_refuses_to_replace_a_changes_file(run_cli, write_study, export):
    old = "person,stakeholder,change,note\np1,students,a,keep\np2,students,b,\n\np3,students,c,\n"
    folder = write_study(HEAD + "changes: changes.csv\n", changes__csv=old)
    before = (folder / "study.yaml").read_text()
    result = run_cli("import", "changes", export, "--study", folder)
    assert result.exit_code == 2
    (line,) = result.output.splitlines()
    assert "study.yaml:5:1 (changes):" in line
    assert "3 changes in changes.csv" in line and "--append" in line and "--force" in line
    assert (folder / "changes.csv").read_text() == old and (folder / "study.yaml").read_text() == before
    dutch = run_cli("--lang", "nl", "import", "changes", export, "--study", folder)
    assert dutch.exit_code == 2 and "3 veranderingen in changes.csv" in dutch.output


def test_import_refuses_to_replace_inline_changes_and_keeps_study_yaml(run_cli, write_study, export):
    text = HEAD + "changes:\n  # from the pilot\n  - {person: p0, stakeholder: students, change: inline}  # p0\n"
    folder = write_study(text)
    result = run_cli("import", "changes", export, "--study", folder)
    assert result.exit_code == 2 and len(result.output.splitlines()) == 1
    assert "study.yaml:5:1 (changes):" in result.output and "1 change inline in study.yaml" in result.output
    assert (folder / "study.yaml").read_text() == text and not (folder / "changes.csv").exists()


def test_import_force_replaces_and_says_what_it_replaced(run_cli, write_study, export):
    folder = write_study(
        HEAD + "changes: changes.csv\n",
        changes__csv="person,stakeholder,change\np1,students,a\np2,students,b\np3,students,c\n",
    )
    result = run_cli("import", "changes", export, "--study", folder, "--force")
    assert result.exit_code == 0
    assert "Imported 2 changes into" in result.output and "replaced 3 changes from changes.csv" in result.output
    assert (folder / "changes.csv").read_text().splitlines()[1:] == ["p7,students,new one", "p8,students,another"]
    folder2 = write_study(HEAD + "changes: changes.csv\n", changes__csv="person,stakeholder,change\np1,students,a\n")
    dutch = run_cli("--lang", "nl", "import", "changes", export, "--study", folder2, "--force")
    assert "1 veranderingen uit changes.csv vervangen" in dutch.output


def test_import_force_replaces_inline_changes_and_keeps_their_comments(run_cli, write_study, export):
    folder = write_study(
        HEAD + "changes:\n  # from the pilot\n"
        '  - {person: p0, stakeholder: students, change: "inline # not a comment"}  # p0 said it twice\n'
        "decisions: []\n"
    )
    result = run_cli("import", "changes", export, "--study", folder, "--force")
    assert result.exit_code == 0 and "replaced 1 changes from study.yaml (inline)" in result.output
    assert (folder / "study.yaml").read_text() == (
        HEAD + "changes: changes.csv\n  # from the pilot\n  # p0 said it twice\ndecisions: []\n"
    )
    assert "p0" not in (folder / "changes.csv").read_text()


def test_import_append_moves_inline_changes_and_keeps_their_comments(run_cli, write_study, export):
    folder = write_study(
        HEAD + "changes:\n  - person: p0   # the first one\n    stakeholder: students\n"
        "    change: inline\n  # more to come\n\n  - {person: p1, stakeholder: students, change: two}\n"
        "# about decisions\ndecisions: []\n"
    )
    result = run_cli("import", "changes", export, "--study", folder, "--append")
    assert result.exit_code == 0, result.output
    assert "after the 2 from study.yaml (inline)" in result.output
    assert (folder / "study.yaml").read_text() == (
        HEAD + "changes: changes.csv\n  # the first one\n  # more to come\n# about decisions\ndecisions: []\n"
    )
    rows = (folder / "changes.csv").read_text().splitlines()[1:]
    assert [r.split(",")[0] for r in rows] == ["p0", "p1", "p7", "p8"]
    assert [c.person for c in impactkit.load(folder).change_list] == ["p0", "p1", "p7", "p8"]


def test_import_append_adds_to_a_changes_file(run_cli, write_study, export):
    folder = write_study(
        HEAD + "changes: changes.csv\n", changes__csv="person,stakeholder,change,note\np1,students,a,keep\n"
    )
    result = run_cli("import", "changes", export, "--study", folder, "--append")
    assert (
        result.exit_code == 0 and "Imported 2 changes" in result.output and "after the 1 already there" in result.output
    )
    assert (folder / "changes.csv").read_text().splitlines() == [
        "person,stakeholder,change,note",
        "p1,students,a,keep",
        "p7,students,new one,",
        "p8,students,another,",
    ]


def test_import_into_a_study_without_changes_needs_no_flag(run_cli, write_study, export):
    folder = write_study(HEAD + "changes: changes.csv\n", changes__csv="person,stakeholder,change\n\n")
    result = run_cli("import", "changes", export, "--study", folder)
    assert result.exit_code == 0 and "replaced" not in result.output
    inline = write_study(HEAD)
    (inline / "changes.csv").unlink()
    assert run_cli("import", "changes", export, "--study", inline).exit_code == 0
    assert (inline / "study.yaml").read_text() == HEAD + "changes: changes.csv\n"


def test_import_does_not_overwrite_a_changes_csv_the_study_does_not_name(run_cli, write_study, export):
    folder = write_study(HEAD, changes__csv="person,stakeholder,change\np1,students,mine\n")
    result = run_cli("import", "changes", export, "--study", folder)
    assert result.exit_code == 2 and "changes.csv exists already" in result.output
    assert "mine" in (folder / "changes.csv").read_text() and "changes:" not in (folder / "study.yaml").read_text()


def test_import_force_repairs_an_unreadable_changes_file(run_cli, write_study, export):
    folder = write_study(HEAD + "changes: c.xlsx\n", c__xlsx="not a workbook")
    refused = run_cli("import", "changes", export, "--study", folder)
    assert refused.exit_code == 2 and "cannot be read" in refused.output and "--force" in refused.output
    result = run_cli("import", "changes", export, "--study", folder, "--force")
    assert result.exit_code == 0 and "replaced the unreadable c.xlsx" in result.output
    assert [c.person for c in impactkit.load(folder).change_list] == ["p7", "p8"]


def test_import_append_and_force_together_are_refused(run_cli, write_study, export):
    folder = write_study(HEAD + "changes: changes.csv\n", changes__csv="person,stakeholder,change\np1,students,a\n")
    result = run_cli("import", "changes", export, "--study", folder, "--append", "--force")
    assert result.exit_code == 2 and "exclude each other" in result.output
    assert "p7" not in (folder / "changes.csv").read_text()


def test_import_reports_every_bad_row_of_the_export(run_cli, write_study, tmp_path):
    folder = write_study(HEAD)
    bad = tmp_path / "bad.csv"
    bad.write_text(
        "person,role,stakeholder,change,sdg\np1,student,students,a,18;x\n"
        "p2,student,students,b,4,oops\np3,student,students\n",
        encoding="utf-8",
    )
    result = run_cli("import", "changes", bad, "--study", folder)
    assert result.exit_code == 2
    assert [line.split(": ")[0].rsplit("bad.csv:", 1)[1] for line in result.output.splitlines()] == [
        "2:sdg",
        "2:sdg",
        "3:#6",
        "4:change",
    ]

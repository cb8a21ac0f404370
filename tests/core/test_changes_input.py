"""Changes input: every problem of every row at once, located by row and column; the columns
plugins declare (read by their parse, kept as unknown columns when the plugin is not loaded);
respondent and consent; and ``impactkit import changes`` never replacing changes silently."""

from __future__ import annotations

import types

import pytest
from click.testing import CliRunner
from pydantic import BaseModel, ConfigDict

import impactkit
from impactkit.cli import cli
from impactkit.core.contributions import ChangeColumn, StudySection
from impactkit.core.errors import StudyError, TextError
from impactkit.core.graph import build_graph
from impactkit.core.hookspecs import hookimpl
from impactkit.core.i18n import Text
from impactkit.core.plugins import make_manager

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


def test_problems_of_the_shape_and_of_the_cells_come_in_row_order(write_study, core_plugins):
    folder = write_study(
        HEAD + "changes: c.csv\n",
        c__csv="person;stakeholder;change;consent\np1;students;;2\np2;students;b;ja;x\np3;students;c;misschien\n",
    )
    assert where(problems(folder, core_plugins)) == [(2, "change"), (2, "consent"), (3, "#5"), (4, "consent")]


def test_context_read_table_still_refuses_a_row_with_too_many_cells(write_study, core_plugins):
    from impactkit.core.context import Context

    folder = write_study(HEAD + "changes: []\n", other__csv="a,b\n1,2\n3,4,5\n")
    study = impactkit.load(folder, plugins=core_plugins)
    ctx = Context(study=study, graph=build_graph(study)[0])
    with pytest.raises(StudyError) as info:
        ctx.read_table("other.csv")
    assert where(info.value.problems) == [(3, "#3")]


# -- the columns plugins declare -----------------------------------------------------------------

MOODS = ("happy", "glad", "sad")


def _moods(value):
    """The ``mood`` column of the fake plugin: words of MOODS, separated by ';' (or a list)."""
    words = [w.strip() for w in value.split(";")] if isinstance(value, str) else list(value)
    bad = [TextError(en=f"'{w}' is not a mood", nl=f"'{w}' is geen stemming") for w in words if w not in MOODS]
    if len(bad) == 1:
        raise bad[0]
    if bad:
        raise ExceptionGroup("not moods", bad)
    return [w for w in words if w]


class _MoodSettings(BaseModel):
    model_config = ConfigDict(extra="forbid")


MOOD = ChangeColumn(
    name="mood",
    aliases=("Stemming", "mood codes"),
    title=Text(en="Mood", nl="Stemming"),
    description=Text(en="How the person felt", nl="Hoe de persoon zich voelde"),
    parse=_moods,
    json_schema={"type": "string"},
    example=Text(en="happy", nl="happy"),
)


def column_plugin(*columns, section="mood"):
    """A plugin module whose study section ``section`` declares ``columns``."""
    module = types.ModuleType(section)
    module.impactkit_study_sections = hookimpl(
        lambda: [StudySection(id=section, model=_MoodSettings, title=Text(en="M", nl="M"), columns=columns)]
    )
    return module


@pytest.fixture
def mood_plugins():
    """The core plugin and a plugin that owns the change column ``mood``."""
    plugins = make_manager(load=["core"])
    plugins.register(column_plugin(MOOD), "mood")
    return plugins


def test_a_declared_column_is_read_by_its_parse_under_its_name_or_an_alias(write_study, mood_plugins):
    for header in ("mood", "MOOD", "Stemming", "Mood-codes"):
        folder = write_study(
            HEAD + "changes: c.csv\n", c__csv=f"person,stakeholder,change,{header}\np1,students,a,happy; sad\n"
        )
        (change,) = impactkit.load(folder, plugins=mood_plugins).change_list
        assert change.codes == {"mood": ["happy", "sad"]} and change.extra == {}, header


def test_a_bad_cell_of_a_declared_column_names_file_row_and_the_users_header(write_study, mood_plugins):
    folder = write_study(
        HEAD + "changes: c.csv\n",
        c__csv="person,stakeholder,change,Stemming\np1,students,a,happy\np2,students,b,angry\np3,students,c,x;y\n",
    )
    found = problems(folder, mood_plugins)
    assert [str(p.location).rsplit("c.csv:", 1)[1] for p in found] == ["3:Stemming", "4:Stemming", "4:Stemming"]
    assert found[0].message.en == "column 'Stemming': 'angry' is not a mood"
    assert found[0].message.nl == "kolom 'Stemming': 'angry' is geen stemming"
    assert ["'x'" in found[1].message.en, "'y'" in found[2].message.en] == [True, True]  # every bad part


def test_an_inline_change_writes_a_declared_column_as_its_own_key(write_study, mood_plugins):
    folder = write_study(
        HEAD + "changes:\n  - {person: p1, stakeholder: students, change: a, mood: [glad]}\n"
        "  - {person: p2, stakeholder: students, change: b, mood: 'sad; happy'}\n"
        "  - {person: p3, stakeholder: students, change: c}\n"
    )
    study = impactkit.load(folder, plugins=mood_plugins)
    assert [c.codes for c in study.change_list] == [{"mood": ["glad"]}, {"mood": ["sad", "happy"]}, {}]
    bad = write_study(HEAD + "changes:\n  - {person: p1, stakeholder: students,\n     change: a, mood: angry}\n")
    (problem,) = problems(bad, mood_plugins)
    assert (problem.location.line, problem.location.column, problem.location.key) == (7, 23, "changes[0].mood")
    assert problem.message.en == "'angry' is not a mood (got 'angry')"
    assert problem.message.nl == "'angry' is geen stemming (gekregen: 'angry')"


def test_the_changes_frame_has_a_column_per_declared_column(write_study, mood_plugins, core_plugins):
    folder = write_study(
        HEAD + "changes: c.csv\n",
        c__csv="person,stakeholder,change,mood,note\np1,students,a,happy,x\np2,students,b,,y\n",
    )
    frame = impactkit.run(impactkit.load(folder, plugins=mood_plugins)).context.changes
    assert list(frame.columns) == [
        *("id", "person", "respondent", "role", "stakeholder", "change", "theme", "quote", "consent"),
        *("importance", "mood", "coder", "wave", "outcome", "row", "note"),
    ]
    assert list(frame["mood"]) == [["happy"], []]
    without = impactkit.run(impactkit.load(folder, plugins=core_plugins)).context.changes
    assert "mood" in without.columns and list(without["mood"]) == ["happy", ""]  # an unknown column: as written
    empty = write_study(HEAD + "changes: []\n")
    assert "mood" in impactkit.run(impactkit.load(empty, plugins=mood_plugins)).context.changes.columns


def test_without_its_plugin_a_column_is_kept_as_an_unknown_one(write_study, core_plugins):
    table = write_study(HEAD + "changes: c.csv\n", c__csv="person,stakeholder,change,mood\np1,students,a,angry\n")
    (change,) = impactkit.load(table, plugins=core_plugins).change_list
    assert change.codes == {} and change.extra == {"mood": "angry"}
    inline = write_study(HEAD + "changes:\n  - {person: p1, stakeholder: students, change: a, mood: [happy, sad]}\n")
    study = impactkit.load(inline, plugins=core_plugins)
    assert study.change_list[0].extra == {"mood": "happy; sad"}
    (warning,) = impactkit.run(study).findings
    assert warning.code == "core.change-key-unknown" and warning.severity == "warning"
    assert (warning.location.line, warning.location.key) == (6, "changes[0].mood")
    assert "kept as an extra column" in warning.message.en and "extra kolom" in warning.message.nl
    typo = write_study(HEAD + "changes:\n  - {person: p1, stakeholder: students, change: a, qoute: hi}\n")
    (warning,) = impactkit.run(impactkit.load(typo, plugins=core_plugins)).findings
    assert "did you mean 'quote'" in warning.message.en


def test_a_parse_that_fails_is_named_as_the_plugins_failure(write_study):
    def broken(value):
        raise KeyError(value)

    plugins = make_manager(load=["core"])
    plugins.register(column_plugin(MOOD.model_copy(update={"parse": broken})), "mood")
    folder = write_study(HEAD + "changes: c.csv\n", c__csv="person,stakeholder,change,mood\np1,students,a,happy\n")
    (problem,) = problems(folder, plugins)
    assert str(problem.location).endswith("c.csv:2:mood")
    assert "plugin 'mood' could not read column 'mood': KeyError" in problem.message.en


def test_a_column_two_plugins_declare_is_refused_for_both(write_study):
    from impactkit.core.changes import change_columns

    plugins = make_manager(load=["core"])
    plugins.register(column_plugin(MOOD), "mood")
    plugins.register(column_plugin(MOOD, section="other"), "other")
    plugins.register(
        column_plugin(MOOD.model_copy(update={"name": "feel", "aliases": ("thema",)}), section="feel"), "feel"
    )
    columns = change_columns(plugins)
    assert columns.names == ("feel",) and columns.declared["feel"].aliases == ()
    assert [f.code for f in columns.findings] == ["core.plugin-conflict", "core.plugin-conflict"]
    assert "'mood' is provided by both 'mood' and 'other'" in columns.findings[0].message.en
    assert "'thema', which is already the change's own 'theme'" in columns.findings[1].message.en
    folder = write_study(HEAD + "changes: c.csv\n", c__csv="person,stakeholder,change,mood\np1,students,a,x\n")
    result = impactkit.run(impactkit.load(folder, plugins=plugins), plugins=plugins)
    assert result.study.change_list[0].extra == {"mood": "x"}  # refused: an unknown column, nothing lost
    assert {f.code for f in result.errors} == {"core.plugin-conflict"}


@pytest.mark.parametrize("name", ["person", "codes", "Mood", "my-column", ""])
def test_a_column_may_not_take_a_field_of_the_change_or_a_bad_name(name):
    with pytest.raises(ValueError):
        ChangeColumn.model_validate(MOOD.model_dump() | {"name": name})


# -- respondent and consent ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "cell, consent",
    [("ja", True), ("NEE", False), ("Yes", True), ("no", False), ("TRUE", True), ("false", False)]
    + [("1", True), ("0", False), ("", None), (" Ja ", True)],
)
def test_consent_cells_are_read_in_any_case(write_study, core_plugins, cell, consent):
    folder = write_study(
        HEAD + "changes: c.csv\n", c__csv=f"person,stakeholder,change,Toestemming\np1,students,a,{cell}\n"
    )
    assert impactkit.load(folder, plugins=core_plugins).change_list[0].consent is consent


def test_consent_in_the_study_file_and_a_bad_one_at_its_line(write_study, core_plugins):
    folder = write_study(
        HEAD + "changes:\n  - {person: p1, stakeholder: students, change: a, consent: ja}\n"
        "  - {person: p2, stakeholder: students, change: b, consent: false}\n"
        "  - {person: p3, stakeholder: students, change: c, consent: 0}\n"
        "  - {person: p4, stakeholder: students, change: d}\n"
    )
    assert [c.consent for c in impactkit.load(folder, plugins=core_plugins).change_list] == [True, False, False, None]
    bad = write_study(HEAD + "changes:\n  - {person: p1, stakeholder: students, change: a, consent: maybe}\n")
    (problem,) = problems(bad, core_plugins)
    assert (problem.location.line, problem.location.key) == (6, "changes[0].consent")
    assert "'maybe' is not a consent" in problem.message.en and "geen toestemming" in problem.message.nl


def test_people_are_counted_by_respondent_when_there_is_one(write_study, core_plugins):
    same_name = write_study(
        HEAD + "changes: c.csv\n",
        c__csv="Respondent_ID,Persoon,stakeholder,change\nR1,Sam,students,a\nR2,Sam,students,b\nR2,Sam,students,c\n",
    )
    result = impactkit.run(impactkit.load(same_name, plugins=core_plugins))
    assert [c.respondent for c in result.study.change_list] == ["R1", "R2", "R2"]
    assert result.metrics["core.people"] == 2  # two respondents with the same name are two people
    assert result.tables["core.changes_per_group"].loc["students", "people"] == 2
    assert "3 experienced changes from 2 people" in result.report_markdown("en")
    names = write_study(HEAD + "changes: c.csv\n", c__csv="person,stakeholder,change\nSam,students,a\nSam,students,b\n")
    assert impactkit.run(impactkit.load(names, plugins=core_plugins)).metrics["core.people"] == 1


def test_a_respondent_without_a_person_is_the_person(write_study, core_plugins):
    folder = write_study(
        HEAD + "changes: c.csv\n", c__csv="respondent,stakeholder,change\n17,students,a\n18,students,b\n"
    )
    study = impactkit.load(folder, plugins=core_plugins)
    assert [(c.person, c.respondent) for c in study.change_list] == [("17", "17"), ("18", "18")]
    inline = write_study(HEAD + "changes:\n  - {respondent: 17, stakeholder: students, change: a}\n")
    assert impactkit.load(inline, plugins=core_plugins).change_list[0].person == "17"
    missing = write_study(HEAD + "changes: c.csv\n", c__csv="stakeholder,change\nstudents,a\n")
    (problem,) = problems(missing, core_plugins)
    assert "required column 'person' is missing" in problem.message.en


def test_rows_share_an_id_only_for_the_same_respondent(write_study, core_plugins):
    folder = write_study(
        HEAD + "changes: c.csv\n",
        c__csv="id,respondent,person,stakeholder,change\n1,R1,Sam,students,a\n1,R2,Sam,students,a\n",
    )
    (problem,) = problems(folder, core_plugins)
    assert (problem.location.row, problem.location.key) == (3, "respondent")
    assert "for a different respondent" in problem.message.en


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
    assert "1 verandering uit changes.csv vervangen" in dutch.output


def test_import_force_replaces_inline_changes_and_keeps_their_comments(run_cli, write_study, export):
    folder = write_study(
        HEAD + "changes:\n  # from the pilot\n"
        '  - {person: p0, stakeholder: students, change: "inline # not a comment"}  # p0 said it twice\n'
        "decisions: []\n"
    )
    result = run_cli("import", "changes", export, "--study", folder, "--force")
    assert result.exit_code == 0 and "replaced 1 change from study.yaml (inline)" in result.output
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
        "person,role,stakeholder,change,importance,Toestemming\np1,student,students,a,high,perhaps\n"
        "p2,student,students,b,4,yes,oops\np3,student,students\n",
        encoding="utf-8",
    )
    result = run_cli("import", "changes", bad, "--study", folder)
    assert result.exit_code == 2
    assert [line.split(": ")[0].rsplit("bad.csv:", 1)[1] for line in result.output.splitlines()] == [
        "2:importance",
        "2:Toestemming",
        "3:#7",
        "4:change",
    ]

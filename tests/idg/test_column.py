"""The ``idg`` column of the changes, which the IDG plugin declares: codes as a changes file and the
study file write them, a value that cannot hold codes reported where it is, the column kept as an
unknown one without the plugin, and people counted by respondent in the IDG figures."""

from __future__ import annotations

import pytest

import impactkit
from impactkit.core.errors import StudyError
from impactkit.core.plugins import make_manager
from impactkit.plugins.idg.column import COLUMN, parse_codes

HEAD = "impactkit: 1\nid: x\ntitle: X\nstakeholders: [{id: students, name: Students}]\n"


@pytest.mark.parametrize(
    "value, codes",
    [
        ("Thinking; Relating", ["Thinking", "Relating"]),
        (" Thinking ;; ", ["Thinking"]),
        (["Being", " Trust "], ["Being", "Trust"]),
        ("", []),
    ],
)
def test_codes_as_people_write_them(value, codes):
    assert parse_codes(value) == codes


@pytest.mark.parametrize("value", [4, {"a": 1}, ["Thinking", 4]])
def test_what_cannot_hold_codes_is_refused_in_both_languages(value):
    with pytest.raises(ValueError) as info:
        parse_codes(value)
    assert "IDG" in info.value.text.en and "IDG" in info.value.text.nl


def test_a_changes_file_and_the_study_file_give_the_same_codes(write_study, idg_plugins):
    for header in ("IDG", "idg codes", "IDG-codering"):
        table = write_study(
            HEAD + "changes: c.csv\n", c__csv=f'person,stakeholder,change,{header}\np1,students,a,"Thinking; Trust"\n'
        )
        assert impactkit.load(table, plugins=idg_plugins).change_list[0].codes == {"idg": ["Thinking", "Trust"]}
    inline = write_study(
        HEAD + "changes:\n  - {person: p1, stakeholder: students, change: a, idg: [Thinking, Trust]}\n"
    )
    assert impactkit.load(inline, plugins=idg_plugins).change_list[0].codes == {"idg": ["Thinking", "Trust"]}


def test_a_number_in_the_study_file_is_reported_at_its_line(write_study, idg_plugins):
    folder = write_study(HEAD + "changes:\n  - {person: p1, stakeholder: students, change: a, idg: [Thinking, 4]}\n")
    with pytest.raises(StudyError) as info:
        impactkit.load(folder, plugins=idg_plugins)
    (problem,) = info.value.problems
    assert (problem.location.line, problem.location.key) == (6, "changes[0].idg")
    assert "not 4" in problem.message.en and "niet 4" in problem.message.nl


def test_without_the_plugin_the_codes_are_kept_and_not_counted(write_study):
    folder = write_study(HEAD + "changes: c.csv\n", c__csv="person,stakeholder,change,idg\np1,students,a,Thinking\n")
    result = impactkit.run(impactkit.load(folder, plugins=make_manager(load=["core"])))
    assert result.study.change_list[0].extra == {"idg": "Thinking"}
    assert not any(key.startswith("idg.") for key in result.metrics)


def test_a_new_nonlinear_study_has_the_column_with_a_dutch_example(tmp_path):
    from impactkit.core.scaffold import scaffold

    scaffold(tmp_path / "nl", route="nonlinear", lang="nl", sections=[s for s in _sections() if s.id == "idg"])
    header, example = (tmp_path / "nl" / "changes.csv").read_text(encoding="utf-8").splitlines()
    assert header.endswith(",belang,idg") and example.endswith(",4,Denken")
    assert COLUMN.example.nl == "Denken"


def _sections():
    found, _ = make_manager(load=["core", "idg"]).collect("impactkit_study_sections")
    return found


def test_people_are_counted_by_respondent_in_the_top_changes(write_study, idg_plugins):
    folder = write_study(
        HEAD + "changes: c.csv\n",
        c__csv="respondent,person,stakeholder,change,theme,idg\n"
        "R1,Sam,students,I learn,learning,Thinking\n"
        "R2,Sam,students,I learn too,learning,Thinking\n"
        "R2,Sam,students,I learn more,learning,Thinking\n",
    )
    result = impactkit.run(impactkit.load(folder, plugins=idg_plugins), lang="en")
    (entry,) = result.metrics["idg.top_changes"]["students"]
    assert entry["people"] == 2 and entry["changes"] == 3  # two respondents with the same name
    assert "learning (2 people)" in result.report_markdown("en")
    names = folder.parent / "names"
    names.mkdir()
    (names / "study.yaml").write_text(HEAD + "changes: c.csv\n", encoding="utf-8")
    (names / "c.csv").write_text(
        "person,stakeholder,change,theme,idg\nSam,students,a,t,Thinking\nSam,students,b,t,Being\n"
    )
    again = impactkit.run(impactkit.load(names, plugins=idg_plugins))
    assert again.metrics["idg.top_changes"]["students"][0]["people"] == 1

"""The ``sdg`` column of the changes, which the SDG plugin declares: goals as people write them in a
changes file and in the study file, one reading everywhere (also ``methods.sdg``), every bad part
reported at its row and column or its line; and what the core does with it (the changes frame, the
schema, a new study's ``changes.csv``)."""

from __future__ import annotations

import pytest

import impactkit
from impactkit.core.errors import StudyError
from impactkit.core.plugins import make_manager

HEAD = "impactkit: 1\nid: x\ntitle: X\nstakeholders: [{id: students, name: Students}]\n"


def problems(folder, plugins):
    with pytest.raises(StudyError) as info:
        impactkit.load(folder, plugins=plugins)
    return info.value.problems


def test_every_bad_goal_of_an_sdg_cell_is_reported(write_study, sdg_plugins):
    folder = write_study(
        HEAD + "changes: c.csv\n", c__csv="person,stakeholder,change,sdg\np1,students,a,18;x\np2,students,b,4\n"
    )
    found = problems(folder, sdg_plugins)
    assert [(p.location.row, p.location.key) for p in found] == [(2, "sdg"), (2, "sdg")]
    assert ["'18'" in found[0].message.en, "'x'" in found[1].message.en] == [True, True]
    assert "1 to 17" in found[0].message.en and "1 tot en met 17" in found[0].message.nl
    assert "SDG 4" in found[1].message.en and "SDG 4" in found[1].message.nl


def test_the_column_is_read_under_its_aliases(write_study, sdg_plugins):
    for header in ("SDG", "SDGs", "SDG goals", "sdg-doelen"):
        folder = write_study(HEAD + "changes: c.csv\n", c__csv=f"person,stakeholder,change,{header}\np1,students,a,4\n")
        assert impactkit.load(folder, plugins=sdg_plugins).change_list[0].codes == {"sdg": [4]}, header


def test_every_bad_goal_of_an_inline_change_is_reported_at_its_line(write_study, sdg_plugins):
    folder = write_study(HEAD + "changes:\n  - {person: p1, stakeholder: students, change: a, sdg: [4, 18, x]}\n")
    found = problems(folder, sdg_plugins)
    assert [(p.location.line, p.location.key) for p in found] == [(6, "changes[0].sdg")] * 2
    assert ["'18' is not an SDG" in found[0].message.en, "'x' is geen SDG" in found[1].message.nl] == [True, True]
    mapping = write_study(HEAD + "changes:\n  - {person: p1, stakeholder: students, change: a, sdg: {goal: 4}}\n")
    (problem,) = problems(mapping, sdg_plugins)
    assert "not a mapping" in problem.message.en and "geen verzameling" in problem.message.nl


def test_without_the_plugin_the_column_is_an_unknown_one(write_study):
    folder = write_study(HEAD + "changes: c.csv\n", c__csv="person,stakeholder,change,SDG\np1,students,a,SDG 99\n")
    (change,) = impactkit.load(folder, plugins=make_manager(load=["core"])).change_list
    assert change.codes == {} and change.extra == {"SDG": "SDG 99"}  # not read, not lost


def test_the_changes_frame_holds_the_goals(write_study, sdg_plugins):
    folder = write_study(
        HEAD + "changes: c.csv\n", c__csv="person,stakeholder,change,sdg\np1,students,a,4; SDG 17\np2,students,b,\n"
    )
    frame = impactkit.run(impactkit.load(folder, plugins=sdg_plugins)).context.changes
    assert list(frame["sdg"]) == [[4, 17], []]
    assert list(frame.columns).index("sdg") == list(frame.columns).index("importance") + 1


def test_the_schema_describes_the_column_as_a_key_of_an_inline_change(sdg_plugins):
    from impactkit.core.schema import study_schema

    change = study_schema(sdg_plugins)["$defs"]["Change"]
    assert "codes" not in change["properties"]
    sdg = change["properties"]["sdg"]
    assert sdg["title"] == "SDG goals" and "SDG4" in sdg["description"]
    assert {"type": "integer", "minimum": 1, "maximum": 17} in sdg["anyOf"]
    assert change["required"] == ["stakeholder", "change"]  # and a person or a respondent:
    assert change["anyOf"] == [{"required": ["person"]}, {"required": ["respondent"]}]
    core_only = study_schema(make_manager(load=["core"]))["$defs"]["Change"]["properties"]
    assert "sdg" not in core_only and "codes" not in core_only


def sdg_cell(write_study, plugins, cell):
    """The goals read from an ``sdg`` cell, or the ``(key, value)`` of each problem it gives."""
    folder = write_study(HEAD + "changes: c.csv\n", c__csv=f'person,stakeholder,change,SDG\np1,students,a,"{cell}"\n')
    try:
        return impactkit.load(folder, plugins=plugins).change_list[0].codes["sdg"]
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
def test_sdg_cells_people_write_are_read(write_study, sdg_plugins, cell, goals):
    assert sdg_cell(write_study, sdg_plugins, cell) == goals


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
def test_what_is_not_an_sdg_is_refused(write_study, sdg_plugins, cell, bad):
    assert sdg_cell(write_study, sdg_plugins, cell) == [("SDG", part) for part in bad]


@pytest.mark.parametrize("text", ["SDG 4", "4, 5", "goal 4; doel 17", "sdg-4;SDG5", "x", "4; 18"])
def test_inline_changes_and_a_table_read_the_same_goals(write_study, sdg_plugins, text):
    """One reading of a goal (``column.sdg_goals``) for a changes file, a study's inline changes and
    ``methods.sdg``: the same text gives the same goals, or the same refusal."""
    from impactkit.plugins.sdg.settings import SdgSettings

    def read(folder):  # the goals, or the problems with them (without where they are)
        try:
            return impactkit.load(folder, plugins=sdg_plugins).change_list[0].codes["sdg"]
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


def test_an_sdg_cell_with_a_space_loads(write_study, sdg_plugins):
    folder = write_study(
        HEAD + "changes: c.csv\n",
        c__csv="person,stakeholder,change,sdg\np1,students,a,SDG 4\np2,students,b,sdg 4; SDG-10\n",
    )
    assert [c.codes["sdg"] for c in impactkit.load(folder, plugins=sdg_plugins).change_list] == [[4], [4, 10]]

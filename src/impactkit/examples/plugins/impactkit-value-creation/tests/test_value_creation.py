"""The value-creation plugin, tested with impactkit's testing kit (``impactkit.testing``): only ``core``
and this plugin are loaded, on studies built in a few lines or on the example study."""

from __future__ import annotations

from pathlib import Path

import impactkit_value_creation as plugin
import pytest
from impactkit_value_creation.cycles import IDS, LOOP, cycle_id

from impactkit.plugin import StudyError
from impactkit.testing import (
    StudyBuilder,
    assert_finding,
    assert_no_errors,
    assert_no_finding,
    check_template,
    context,
    contributions,
    load,
    metric,
    run,
)

EXAMPLE = Path(__file__).resolve().parents[1] / "example"


def community(tmp_path, *stories, language="en"):
    """Students and residents, three changes (C01-C03), and ``stories`` under methods.value_creation."""
    return (
        StudyBuilder(tmp_path, language=language)
        .stakeholder("students", "Students", helix="education")
        .stakeholder("residents", "Residents", helix="civil_society")
        .change("s1", "students", "I ask residents what they need", id="C01")
        .change("s1", "students", "I plan my projects with residents", id="C02")
        .change("r1", "residents", "I know where to go for help", id="C03")
        .method("value_creation", {"community": "The learning circle", "stories": list(stories)})
    )


def story(id="s", stakeholder="students", **cycles):
    return {"id": id, "title": f"Story {id}", "stakeholder": stakeholder, "cycles": cycles}


# -- the cycles --------------------------------------------------------------------------------------


def test_seven_cycles_five_of_them_a_loop():
    assert IDS == ("immediate", "potential", "applied", "realised", "reframing", "strategic", "enabling")
    assert LOOP == IDS[:5]


@pytest.mark.parametrize(
    ("key", "cycle"),
    [
        ("realized", "realised"),
        ("Gerealiseerde waarde", "realised"),
        ("potentiële", "potential"),
        ("directe", "immediate"),
        ("herdefiniërende waarde", "reframing"),
        ("transformative", "reframing"),
        ("faciliterende", "enabling"),
        ("Strategic value", "strategic"),
        ("value", None),
        ("gerealiseerd-toegepast", None),
    ],
)
def test_a_cycle_by_its_dutch_name_or_another_spelling(key, cycle):
    assert cycle_id(key) == cycle


# -- the section ----------------------------------------------------------------------------------------


def test_a_misspelt_cycle_is_refused_at_its_line_with_a_hint(tmp_path):
    with pytest.raises(StudyError) as caught:
        load(plugin, community(tmp_path, story(immediate="We met", realisd="Fewer evictions")))
    [problem] = caught.value.problems
    assert problem.location.key == "methods.value_creation.stories[0].cycles.realisd"
    assert problem.location.line is not None
    assert "'realisd' is not a cycle" in problem.message.en and "realised" in problem.message.en
    assert "geen cyclus van waardecreatie" in problem.message.nl


def test_one_cycle_under_two_names_is_refused(tmp_path):
    with pytest.raises(StudyError) as caught:
        load(plugin, community(tmp_path, story(applied="a", toegepast="b")))
    assert "'applied' and 'toegepast' are the same cycle" in caught.value.problems[0].message.en


def test_a_story_needs_a_cycle(tmp_path):
    with pytest.raises(StudyError) as caught:
        load(plugin, community(tmp_path, story()))
    assert caught.value.problems[0].location.key == "methods.value_creation.stories[0].cycles"


def test_the_init_template_validates_in_both_languages():
    results = check_template(plugin)
    assert [r.lang for r in results] == ["en", "nl"]
    for result in results:
        assert metric(result, "value_creation.stories") == 1
        assert metric(result, "value_creation.furthest")["applied"] == 1


# -- the checks ---------------------------------------------------------------------------------------


def test_realised_value_without_applied_value_is_a_warning_at_the_realised_key(tmp_path):
    result = run(plugin, community(tmp_path, story(immediate="We met", gerealiseerd="Fewer evictions")))
    [finding] = assert_finding(
        result,
        "value_creation.realised-without-applied",
        severity="warning",
        key="methods.value_creation.stories[0].cycles.gerealiseerd",
    )
    assert finding.location.line is not None
    assert "what did someone do differently" in finding.message.en
    assert_no_errors(result)
    assert metric(result, "value_creation.realised_without_applied") == ["s"]


def test_realised_value_with_applied_value_behind_it_is_fine(tmp_path):
    result = run(plugin, community(tmp_path, story(applied="I ask first", realised="Fewer evictions")))
    assert_no_finding(result, "value_creation.realised-without-applied")
    assert metric(result, "value_creation.realised_without_applied") == []


def test_unknown_teller_and_change_are_errors_with_a_hint(tmp_path):
    result = run(
        plugin,
        community(
            tmp_path,
            story(stakeholder="studentz", applied={"text": "I ask first", "changes": ["C01", "C1"]}),
        ),
        lang="nl",
    )
    assert_finding(
        result,
        "value_creation.unknown-stakeholder",
        severity="error",
        key="methods.value_creation.stories[0].stakeholder",
        message="bedoelde je 'students'",
    )
    [finding] = assert_finding(
        result, "value_creation.unknown-change", key="methods.value_creation.stories[0].cycles.applied.changes[1]"
    )
    assert "'C1'" in finding.message.en and "applied value" in finding.message.en
    assert "toegepaste waarde" in finding.message.nl
    assert result.exit_code == 1


def test_a_story_id_given_twice_is_an_error_at_the_second(tmp_path):
    result = run(plugin, community(tmp_path, story(id="a", immediate="x"), story(id="a", potential="y")))
    [finding] = assert_finding(result, "value_creation.duplicate-story", severity="error")
    assert finding.location.key == "methods.value_creation.stories[1].id"


# -- the figures --------------------------------------------------------------------------------------


def test_figures_per_cycle_per_stakeholder_and_how_far_the_stories_reach(tmp_path):
    result = run(
        plugin,
        community(
            tmp_path,
            story("a", immediate="We met", potential={"text": "I know whom to ask", "changes": ["C01"]}),
            story(
                "b", applied={"text": "I plan with residents", "changes": ["C02", "C01"]}, enabling="Hours in my job"
            ),
            story("c", "Residents", immediate="We talked", realised={"text": "Help came sooner", "changes": ["C03"]}),
            story("d", strategic="The council listens"),
        ),
    )
    assert_finding(result, "value_creation.realised-without-applied", count=1)  # story c
    assert metric(result, "value_creation.stories") == 4
    assert metric(result, "value_creation.cycles") == {
        "immediate": 2,
        "potential": 1,
        "applied": 1,
        "realised": 1,
        "reframing": 0,
        "strategic": 1,
        "enabling": 1,
    }
    by = metric(result, "value_creation.by_stakeholder")
    assert list(by) == ["students", "residents"]  # the study's order; a name resolves to the id
    assert by["students"]["stories"] == 3 and by["residents"]["cycles"]["realised"] == 1
    assert metric(result, "value_creation.furthest") == {
        "immediate": 0,
        "potential": 1,
        "applied": 1,
        "realised": 1,
        "reframing": 0,
    }  # story d tells of no cycle of the loop
    assert metric(result, "value_creation.changes_cited") == 3


def test_not_applicable_without_the_section(tmp_path):
    result = run(plugin, StudyBuilder(tmp_path).stakeholder("students").change("s1", "students", "I learn"))
    assert not [key for key in result.metrics if key.startswith("value_creation.")]
    assert "value_creation.matrix" not in result.tables
    assert result.render("value_creation.matrix", "dot") is None


def test_one_metric_on_its_own_context(tmp_path):
    ctx = context(plugin, community(tmp_path, story(immediate="x", potential="y")))
    assert contributions(plugin, "metrics")["value_creation.furthest"].compute(ctx)["potential"] == 1


# -- table, matrix, report, step ---------------------------------------------------------------------


def test_the_matrix_table_holds_the_accounts(tmp_path):
    result = run(plugin, community(tmp_path, story(toegepast={"text": "I ask first", "changes": ["C01"]})))
    frame = result.tables["value_creation.matrix"]
    assert list(frame.columns[:3]) == ["story", "title", "stakeholder"]
    row = frame.iloc[0]
    assert row["applied"] == "I ask first" and row["immediate"] == "" and row["changes"] == "C01"


def test_the_matrix_picture_in_both_languages(tmp_path):
    builder = community(tmp_path, story(immediate="x", realised={"text": "y", "changes": ["C03"]}))
    result = run(plugin, builder)
    dot = result.render("value_creation.matrix", "dot", "en").decode()
    assert "Value-creation matrix of The learning circle" in dot
    assert "no applied" in dot and "C03" in dot and ">told<" in dot
    dutch = result.render("value_creation.matrix", "dot", "nl").decode()
    assert "Waardecreatiematrix" in dutch and "geen toegepaste" in dutch and "gerealiseerde" in dutch
    svg = result.render("value_creation.matrix", "svg", "nl")
    assert svg.lstrip().startswith(b"<") and b"svg" in svg[:400]
    assert_no_errors(result)  # drawing raised nothing


def test_the_report_section_in_both_languages(tmp_path):
    builder = community(
        tmp_path,
        story("a", immediate="We met", realised={"text": "Help came sooner", "changes": ["C03"]}),
        story("b", applied={"text": "I plan with residents", "evidence": "my plans", "changes": ["C01", "C02"]}),
    )
    result = run(plugin, builder)
    english = result.report_markdown("en")
    assert "## Value creation (Wenger-Trayner)" in english
    assert "2 value-creation stories of The learning circle, told by Students." in english
    assert "Help came sooner (change C03)" in english
    assert "I plan with residents (shows in: my plans; changes C01, C02)" in english
    assert "I know where to go for help" in english  # the text of the change the story cites
    assert "Realised value without applied value" in english
    dutch = result.report_markdown("nl")
    assert "## Waardecreatie (Wenger-Trayner)" in dutch and "2 waardecreatieverhalen van" in dutch
    assert "(verandering C03)" in dutch and "(zichtbaar in: my plans; veranderingen C01, C02)" in dutch
    assert_no_errors(result)


def test_the_step_says_what_is_missing(tmp_path):
    [step] = contributions(plugin, "steps").values()
    assert step.number == 4
    ctx = context(plugin, community(tmp_path, story(realised="Fewer evictions")))
    status = step.check(ctx)
    assert not status.done and len(status.missing) == 2  # the gap, and no changes cited
    ctx = context(plugin, community(tmp_path, story(applied={"text": "I ask", "changes": ["C01"]})))
    assert step.check(ctx).done


# -- the example: a Krachtige Leerkring tells its stories -----------------------------------------------


def test_the_example_leerkring():
    result = run(plugin, EXAMPLE)
    assert_no_errors(result)
    [gap] = assert_finding(result, "value_creation.realised-without-applied", severity="warning")
    assert gap.location.key == "methods.value_creation.stories[5].cycles.gerealiseerde"
    assert metric(result, "value_creation.stories") == 6
    assert metric(result, "value_creation.realised_without_applied") == ["jongerenonderzoek"]
    cycles = metric(result, "value_creation.cycles")
    assert all(cycles[c] >= 1 for c in IDS)  # every cycle is told of at least once
    assert metric(result, "core.changes") == 13
    assert "value_creation.matrix" in result.tables
    assert "Krachtige Leerkring Lingewaard" in result.report_markdown("nl")

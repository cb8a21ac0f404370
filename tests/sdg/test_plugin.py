"""The SDG plugin through impactkit's public API: load → run → metrics, findings, graph, views, report."""

from __future__ import annotations

import pytest

import impactkit
from impactkit.core.errors import StudyError

STUDY = """\
impactkit: 1
id: sdg-demo
title: SDG demo
language: en
route: nonlinear
stakeholders:
  - {id: students, name: Students, group: students, helix: education}
  - {id: city, name: City, group: city, helix: government}
  - {id: parents, name: Parents, group: residents}
outcomes:
  - {id: learning, name: Students learn, stakeholders: [students]}
  - {id: together, name: Working together, stakeholders: [city]}
changes:
  - {id: c1, person: p1, stakeholder: students, change: I learn faster, sdg: 4}
  - {id: c1, person: p1, stakeholder: students, change: I learn faster, sdg: "4; 8", coder: B}
  - {id: c2, person: p2, stakeholder: students, change: We work with the city, sdg: "17", outcome: together}
  - {id: c3, person: p3, stakeholder: city, change: I work with students, outcome: together}
  - {id: c4, person: p4, stakeholder: parents, change: I feel less alone, sdg: "3"}
  - {id: c5, person: p5, stakeholder: parents, change: I dare to ask for help}
methods:
  sdg:
    min_changes: 2
    helices: [onderwijs, overheid, industry]
    outcomes:
      together: {goals: [17, "SDG 11"], rationale: partners}
      learnin: [4]
"""


@pytest.fixture
def result(write_study, sdg_plugins):
    return impactkit.run(impactkit.load(write_study(STUDY), plugins=sdg_plugins), lang="en")


def test_counts_goals_and_coverage(result):
    m = result.metrics
    # c1 counts once (first coding: SDG 4); c2 = 17 + outcome (11, 17); c3 via outcome only; c4 = 3; c5 none
    assert m["sdg.goal_counts"] == {**{str(g): 0 for g in range(1, 18)}, "3": 1, "4": 1, "11": 2, "17": 2}
    assert m["sdg.goals"] == [11, 17] and m["sdg.goals_reached"] == 2  # min_changes 2
    assert m["sdg.coverage"] == {"reached": 2, "total": 17, "share": pytest.approx(2 / 17), "goals": [11, 17]}
    assert m["sdg.coded"] == 4 and m["sdg.uncoded"] == 1
    assert m["sdg.by_group"]["students"]["goal_counts"] == {"4": 1, "11": 1, "17": 1}
    assert m["sdg.by_group"]["residents"]["helices"] == []


def test_helices(result):
    m = result.metrics
    helices = m["sdg.helices"]
    assert set(helices) == {"education", "industry", "government", "civil_society", "environment"}
    assert helices["education"] == {
        "stakeholders": ["students"],
        "changes": 2,
        "coded": 2,
        "goal_counts": {"4": 1, "11": 1, "17": 1},
        "goals": [11, 17],
        "reached": True,
    }
    assert helices["government"]["goals"] == [11, 17] and not helices["industry"]["reached"]
    assert m["sdg.helices_reached"] == 2
    assert m["sdg.goal_helix"]["17"]["education"] == 1 and m["sdg.goal_helix"]["17"]["government"] == 1
    assert m["sdg.connecting"] == {"11": ["education", "government"], "17": ["education", "government"]}
    assert m["sdg.outcomes"]["together"] == {"goals": [17, 11], "rationale": "partners", "changes": 2}


def test_findings(result):
    by_code: dict[str, list] = {}
    for finding in result.findings:
        if finding.plugin == "sdg":
            by_code.setdefault(finding.code, []).append(finding)
    unknown = by_code["sdg.unknown-outcome"][0]
    assert unknown.severity == "error" and "did you mean 'learning'" in unknown.message.en
    assert "bedoelde je" in unknown.message.nl and unknown.location.line is not None
    helix = by_code["sdg.no-helix"][0]
    assert helix.severity == "warning" and "'parents' reports 2 changes" in helix.message.en
    thin = {f.message.en.split(" rests")[0] for f in by_code["sdg.thin-goal"]}
    assert thin == {"SDG 3 Good health and well-being", "SDG 4 Quality education"}
    assert all(f.severity == "info" for f in by_code["sdg.thin-goal"])
    uncoded = by_code["sdg.uncoded"][0]
    assert (
        uncoded.message.en.startswith("1 of 5 changes contributes to no SDG (change c5)")
        and uncoded.location is not None
    )
    expected = by_code["sdg.helix-not-reached"]
    assert len(expected) == 1 and "industry" in expected[0].message.en and "bedrijfsleven" in expected[0].message.nl
    assert result.exit_code == 1  # the unknown outcome is an error


def test_graph_has_goal_nodes_and_contributes_to_edges(result):
    graph = result.graph
    assert graph.nodes["sdg:17"]["kind"] == "sdg_goal" and graph.nodes["sdg:17"]["colour"] == "#19486A"
    assert graph.nodes["sdg:11"]["label_nl"] == "SDG 11 Duurzame steden en gemeenschappen"
    assert graph.has_edge("together", "sdg:11") and graph.nodes["sdg:17"]["changes"] == 2
    students = graph.edges["students", "sdg:17", "contributes_to"]  # the changes, counted per stakeholder
    assert (students["changes"], students["via"]) == (1, ["code", "outcome"])
    assert graph.edges["city", "sdg:17", "contributes_to"]["via"] == ["outcome"]
    assert not any(kind == "change" for _, kind in graph.nodes(data="kind"))
    assert "sdg:5" not in graph  # only the goals the study names


def test_tables_views_and_report_in_both_languages(result):
    assert result.tables["sdg.goals"].loc[17, "changes"] == 2
    assert result.tables["sdg.goal_helix"].loc[11, "government"] == 1
    for lang in ("en", "nl"):
        assert result.render("sdg.goals", "svg", lang).startswith(b"<?xml")
        assert result.render("sdg.helix_goals", "png", lang)[:4] == b"\x89PNG"
        assert (
            result.render("sdg.helices", "svg", lang).startswith(b"<?xml")
            or b"<svg" in result.render("sdg.helices", "svg", lang)[:400]
        )


def test_the_chart_title_says_how_many_goals(result):
    from impactkit.plugins.sdg import views
    from impactkit.plugins.sdg.state import build

    state = build(result.study)
    dutch = views.goals_chart(state, "nl").get_suptitle()
    assert dutch.startswith("De veranderingen dragen bij aan 2 van de 17 SDG's")
    # the n is the changes with a goal, not all changes
    assert "n = 4 veranderingen met een doel, van de 5" in dutch
    assert "contribute to 2 of the 17 SDGs" in views.goals_chart(state, "en").get_suptitle()
    dot = views.helices_dot(state, "en")
    assert 'fillcolor="#19486A"' in dot and "h_government -> sdg17" in dot and "sdg3" not in dot


def test_report_section(result):
    from impactkit.plugins.sdg.report import render
    from impactkit.plugins.sdg.state import build

    state = build(result.study)
    en, nl = render(state, "en"), render(state, "nl")
    assert "**2 of the 17 SDGs**" in en and "**2 van de 17 SDG's**" in nl
    assert "Duurzame steden en gemeenschappen" in nl and "Sustainable cities and communities" in en
    assert "**SDG 17 Partnerships for the goals** connects education and government" in en


def test_a_study_without_sdgs_gets_no_sdg_figures(write_study, sdg_plugins):
    result = impactkit.run(impactkit.load(write_study(), plugins=sdg_plugins))
    assert not [k for k in result.metrics if k.startswith("sdg.")]
    assert not [f for f in result.findings if f.plugin == "sdg"]


@pytest.mark.parametrize(
    "section, en, nl",
    [
        ("{min_changes: 0}", "greater than or equal to 1", None),
        ("{outcomes: {x: [18]}}", "'18' is not an SDG", "'18' is geen SDG"),
        ("{helices: [business-ish]}", "'business-ish' is not a helix", "is geen helix"),
        ("{codes_from: sometimes}", "codes_from must be changes, outcomes or both", "codes_from moet"),
        ("{outcomes: {x: {goals: []}}}", "name at least one goal", "noem minstens één doel"),
        ("{colour: red}", "colour", None),
    ],
)
def test_bad_settings_are_reported_at_their_line(write_study, sdg_plugins, section, en, nl):
    folder = write_study(
        STUDY.replace("methods:\n  sdg:\n    min_changes: 2", f"methods:\n  sdg: {section}\n  x:").split("\n  x:")[0]
        + "\n"
    )
    with pytest.raises(StudyError) as info:
        impactkit.load(folder, plugins=sdg_plugins)
    problem = info.value.problems[0]
    assert problem.location.line is not None and str(problem.location).startswith(str(folder / "study.yaml") + ":")
    assert en in problem.message.en
    if nl:
        assert nl in problem.message.nl


def test_goals_and_helices_may_be_written_in_several_ways():
    from impactkit.plugins.sdg.settings import SdgSettings, parse_goal

    assert [parse_goal(v) for v in (4, "4", "SDG 4", "sdg-04", "SDG4", "goal 17", 0, "18", "four", True)] == [
        4,
        4,
        4,
        4,
        4,
        17,
        None,
        None,
        None,
        None,
    ]
    settings = SdgSettings.model_validate(
        {"helices": ["Maatschappij", "civil society", "overheid"], "codes_from": "beide", "outcomes": {"a": 4}}
    )
    assert settings.helices == ["civil_society", "government"] and settings.codes_from == "both"
    assert settings.outcomes["a"].goals == [4]


def test_codes_from_changes_or_outcomes_only(write_study, sdg_plugins):
    only_outcomes = STUDY.replace("    min_changes: 2", "    codes_from: outcomes")
    m = impactkit.run(impactkit.load(write_study(only_outcomes), plugins=sdg_plugins)).metrics
    assert m["sdg.goals"] == [11, 17] and m["sdg.goal_counts"]["3"] == 0
    only_changes = STUDY.replace("    min_changes: 2", "    codes_from: changes")
    result = impactkit.run(impactkit.load(write_study(only_changes), plugins=sdg_plugins))
    assert result.metrics["sdg.goals"] == [3, 4, 17]
    assert any(f.code == "sdg.codes-ignored" for f in result.findings)


def test_primary_coder_chooses_the_coding(write_study, sdg_plugins):
    text = STUDY.replace("    min_changes: 2", "    primary_coder: B")
    m = impactkit.run(impactkit.load(write_study(text), plugins=sdg_plugins)).metrics
    assert m["sdg.goal_counts"]["8"] == 1


def test_importing_the_plugin_loads_no_heavy_libraries():
    import subprocess
    import sys

    code = (
        "import impactkit.plugins.sdg as p, sys\n"
        "[h() for h in (p.impactkit_study_sections, p.impactkit_validations, p.impactkit_metrics, "
        "p.impactkit_tables, p.impactkit_visualisations, p.impactkit_report_sections, p.impactkit_coders)]\n"
        "print(','.join(m for m in ('pandas', 'numpy', 'matplotlib', 'networkx') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == ""

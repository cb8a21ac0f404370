"""The study graph: kinds, relations, link attributes; dangling ids, duplicates and cycles."""

from __future__ import annotations

import impactkit
from impactkit.core.graph import build_graph


def graph_of(folder, plugins):
    return build_graph(impactkit.load(folder, plugins=plugins))


def test_nodes_and_relations(write_study, core_plugins):
    graph, findings = graph_of(write_study(), core_plugins)
    assert findings == []
    kinds = dict(graph.nodes(data="kind"))
    assert kinds["students"] == "stakeholder" and kinds["subsidy"] == "input"
    assert kinds["workshops"] == "activity" and kinds["inclusive"] == "impact"
    assert sum(1 for k in kinds.values() if k == "change") == 3
    relations = {(u, v): r for u, v, r in graph.edges(data="relation")}
    assert relations[("residents", "subsidy")] == "provides"
    assert relations[("subsidy", "workshops")] == "invests_in"
    assert relations[("workshops", "sessions")] == "produces"
    assert relations[("sessions", "less-alone")] == "leads_to"
    assert relations[("less-alone", "residents")] == "experienced_by"
    assert relations[("change:3", "residents")] == "experienced_by"  # matched by name, case-insensitively
    assert relations[("continue", "less-alone")] == "rests_on"


def test_explicit_link_carries_assumption_evidence_confidence(write_study, core_plugins):
    graph, _ = graph_of(write_study(), core_plugins)
    edge = graph.edges["sessions", "less-alone", "leads_to"]
    assert (edge["assumption"], edge["evidence"], edge["confidence"]) == ("contact helps", "interviews", 0.5)
    assert graph.number_of_edges("sessions", "less-alone") == 1  # attached, not duplicated


def test_dangling_reference_has_the_line_of_the_reference(write_study, core_plugins):
    folder = write_study("impactkit: 1\nid: x\ntitle: X\nactivities:\n  - id: a\n    name: A\n    leads_to: [ghost]\n")
    _, findings = graph_of(folder, core_plugins)
    (finding,) = findings
    assert finding.code == "core.dangling" and finding.severity == "error"
    assert finding.location.line == 7 and "ghost" in finding.message.en


def test_duplicate_ids(write_study, core_plugins):
    folder = write_study(
        "impactkit: 1\nid: x\ntitle: X\noutputs:\n  - {id: a, name: A}\noutcomes:\n  - {id: a, name: B}\n"
    )
    _, findings = graph_of(folder, core_plugins)
    (finding,) = findings
    assert finding.code == "core.duplicate-id" and finding.location.line == 7 and "line 5" in finding.message.en


def test_causal_cycle_is_found_once_with_its_path(write_study, core_plugins):
    folder = write_study("""\
        impactkit: 1
        id: x
        title: X
        outcomes:
          - {id: a, name: A, leads_to: [b]}
          - {id: b, name: B, leads_to: [c]}
          - {id: c, name: C, leads_to: [a]}
          - {id: d, name: D, leads_to: [d]}
        """)
    _, findings = graph_of(folder, core_plugins)
    cycles = [f for f in findings if f.code == "core.cycle"]
    assert len(cycles) == 2
    assert "a → b → c → a" in cycles[0].message.en and cycles[0].location.line == 5
    assert "d → d" in cycles[1].message.en


def test_comes_from_and_leads_to_make_one_edge(write_study, core_plugins):
    folder = write_study(
        "impactkit: 1\nid: x\ntitle: X\noutputs:\n  - {id: a, name: A, leads_to: [b]}\n"
        "outcomes:\n  - {id: b, name: B, comes_from: [a]}\n"
    )
    graph, findings = graph_of(folder, core_plugins)
    assert findings == [] and graph.number_of_edges("a", "b") == 1


def test_change_with_unknown_stakeholder_names_its_row(write_study, core_plugins):
    folder = write_study(
        "impactkit: 1\nid: x\ntitle: X\nstakeholders: [{id: a, name: A}]\nchanges: c.csv\n",
        c__csv="person,stakeholder,change\np1,a,x\np2,nobody,y\n",
    )
    _, findings = graph_of(folder, core_plugins)
    (finding,) = findings
    assert finding.code == "core.unknown-stakeholder"
    assert finding.location.row == 3 and finding.location.file.endswith("c.csv")

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
    assert "change" not in kinds.values()  # a node per change only when asked for (the change layer)
    relations = {(u, v): r for u, v, r in graph.edges(data="relation")}
    assert relations[("residents", "subsidy")] == "provides"
    assert relations[("subsidy", "workshops")] == "invests_in"
    assert relations[("workshops", "sessions")] == "produces"
    assert relations[("sessions", "less-alone")] == "leads_to"
    assert relations[("less-alone", "residents")] == "experienced_by"
    assert relations[("continue", "less-alone")] == "rests_on"


def test_the_graph_counts_what_the_changes_say_of_its_nodes(write_study, core_plugins):
    folder = write_study(
        "impactkit: 1\nid: x\ntitle: X\n"
        "stakeholders: [{id: a, name: A, group: g}, {id: b, name: B, group: g}, {id: c, name: C}]\n"
        "outcomes: [{id: o, name: O}, {id: p, name: P}]\nchanges: c.csv\n",
        c__csv="id,person,stakeholder,change,outcome,coder\nC1,p1,a,x,o,ann\nC1,p1,a,x,o,bob\n"
        ",p1,A,y,o,\n,p2,b,z,,\n,p3,a,w,p,\n",
    )
    graph, findings = graph_of(folder, core_plugins)
    assert findings == []
    nodes = graph.nodes
    assert (nodes["a"]["changes"], nodes["a"]["people"]) == (3, 2)  # C1 coded twice counts once; 'A' is a
    assert (nodes["b"]["changes"], nodes["b"]["people"]) == (1, 1)
    assert (nodes["c"]["changes"], nodes["c"]["people"]) == (0, 0)
    assert (nodes["o"]["changes"], nodes["p"]["changes"]) == (2, 1)
    assert graph.graph["groups"] == {"g": {"changes": 4, "people": 3}}


def test_the_change_layer_has_the_documented_nodes_and_edges(write_study, core_plugins):
    study = impactkit.load(write_study(), plugins=core_plugins)
    graph, findings = build_graph(study, changes=True)
    assert findings == []
    changes = {node: data for node, data in graph.nodes(data=True) if data["kind"] == "change"}
    assert sorted(changes) == ["change:1", "change:2", "change:3"]
    assert changes["change:3"]["stakeholder"] == "residents" and changes["change:3"]["change_index"] == 2
    assert graph.edges["change:3", "residents", "experienced_by"]  # matched by name, case-insensitively
    plain, _ = build_graph(study)
    assert set(graph) - set(plain) == set(changes)


def test_a_plugin_edge_from_a_change_brings_the_change_layer(write_study, core_plugins):
    from impactkit.core.contributions import GraphEdge
    from impactkit.core.graph import extend_graph, has_change_layer

    study = impactkit.load(write_study(), plugins=core_plugins)
    graph, _ = build_graph(study)
    assert not has_change_layer(graph)
    findings = extend_graph(graph, "mine", [GraphEdge(source="change:2", target="less-alone", relation="mine")], study)
    assert findings == [] and has_change_layer(graph)
    assert graph.edges["change:2", "less-alone", "mine"]["source"] == "mine"
    refused = extend_graph(graph, "mine", [GraphEdge(source="change:9", target="less-alone", relation="mine")], study)
    assert [f.code for f in refused] == ["core.plugin-graph"]  # a change that is not there is still refused


def test_a_decision_may_rest_on_a_change(write_study, core_plugins):
    folder = write_study(
        "impactkit: 1\nid: x\ntitle: X\nstakeholders: [{id: a, name: A}]\n"
        "changes:\n  - {id: C1, person: p1, stakeholder: a, change: x}\n"
        "decisions:\n  - {id: d, text: Go, evidence: [change:C1]}\n"
    )
    result = impactkit.run(impactkit.load(folder, plugins=core_plugins), plugins=core_plugins)
    assert [f.code for f in result.findings if f.severity == "error"] == []
    assert result.graph.edges["d", "change:C1", "rests_on"]


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

"""The graph's node ids are documented where a plugin author looks (docs/architecture.md "Node ids",
docs/plugins.md at impactkit_graph_elements), and what is documented is what the core builds:
every kind of node the core makes, ``change:C01`` and ``change:1``, and the prefixes the built-in
plugins give their nodes."""

from __future__ import annotations

import re
from pathlib import Path

import impactkit
from impactkit.core.graph import build_graph
from impactkit.core.plugins import make_manager
from impactkit.plugin import change_node_id

DOCS = Path(__file__).resolve().parents[2] / "docs"


def section(text: str, heading: str) -> str:
    """The text under ``heading`` up to the next heading of the same or a higher level."""
    level = heading.split(" ", 1)[0]
    start = text.index(heading + "\n")
    rest = text[start + len(heading) + 1 :]
    end = re.search(rf"^#{{1,{len(level)}}} ", rest, flags=re.M)
    return rest[: end.start()] if end else rest


def node_id_table() -> dict[str, list[str]]:
    """The rows of the "Node ids" table of docs/architecture.md: its first cell → the ids in backticks of its last."""
    text = section(section((DOCS / "architecture.md").read_text(encoding="utf-8"), "## The graph"), "### Node ids")
    rows = [line.split("|")[1:-1] for line in text.splitlines() if line.startswith("| ") and "---" not in line]
    return {cells[0].strip(): re.findall(r"`([^`]+)`", cells[-1]) for cells in rows[1:]}


STUDY = """\
impactkit: 1
id: ids
title: Node ids
language: en
stakeholders:
  - {id: students, name: Students, group: students, helix: education}
inputs:
  - {id: hours, name: Hours, stakeholder: students, value: 100, to: [projects]}
activities:
  - {id: projects, name: Projects, stakeholders: [students], leads_to: [reports]}
outputs:
  - {id: reports, name: Reports, leads_to: [learning]}
outcomes:
  - {id: learning, name: Learning, stakeholders: [students], leads_to: [society]}
impacts:
  - {id: society, name: A learning society}
changes:
  - {person: p1, stakeholder: students, change: I learn faster}
  - {id: C01, person: p2, stakeholder: students, change: I ask more questions}
decisions:
  - {id: go-on, text: Go on, evidence: [learning]}
"""


def test_every_kind_of_node_the_core_makes_has_its_id_documented(write_study):
    study = impactkit.load(write_study(STUDY), plugins=make_manager(load=["core"]))
    graph, findings = build_graph(study, changes=True)  # with its node per change (the change layer)
    assert findings == []
    kinds = {data["kind"] for _, data in graph.nodes(data=True)}
    assert kinds == {"stakeholder", "input", "activity", "output", "outcome", "impact", "change", "decision"}
    table = node_id_table()
    documented = " ".join(table)
    for kind in kinds:
        assert kind in documented, kind
    assert [change_node_id(study, i) for i in range(2)] == ["change:1", "change:C01"]
    assert {"change:1", "change:C01"} <= set(graph)
    examples = {example for examples in table.values() for example in examples}
    assert {"change:1", "change:C01"} <= examples


def test_the_prefixes_of_the_built_in_plugins_nodes_are_documented():
    prefixes = set()
    for example in ("pwmi", "leerkring-lingewaard"):
        result = impactkit.run(impactkit.load(impactkit.examples_dir() / example))
        prefixes |= {node.split(":", 1)[0] for node, data in result.graph.nodes(data=True) if data.get("source")}
    assert prefixes == {"idg", "sdg", "need", "ambition"}
    [plugin_row] = [examples for name, examples in node_id_table().items() if "plugin" in name]
    assert {example.split(":", 1)[0] for example in plugin_row} >= prefixes


def test_plugins_md_says_what_the_graph_hook_gets_and_how_it_names_nodes():
    text = section((DOCS / "plugins.md").read_text(encoding="utf-8"), "### impactkit_graph_elements")
    assert "not a\n`Context`" in text or "not a `Context`" in text
    for words in ('study.method("mymethod")', "`change:C01`", "`change:1`", "change_node_id(study, i)"):
        assert words in text, words
    assert "(architecture.md#node-ids)" in text
    lines = (DOCS / "plugins.md").read_text(encoding="utf-8").splitlines()
    [study_row] = [line for line in lines if line.startswith("| `ctx.study` |")]
    assert "`method(key)`" in study_row

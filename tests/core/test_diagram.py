"""Theory-of-change diagrams: escaping, line styles, colours, determinism, rendering."""

from __future__ import annotations

import pytest

import impactkit
from impactkit.core.diagram import line_style, toc_dot, toc_mermaid, wrap
from impactkit.core.render import render_dot

NASTY = 'Quotes " and <tags> & back\\\\slash, {braces} | pipes [x] and a newline'


@pytest.fixture
def nasty(write_study, core_plugins):
    text = f"""\
impactkit: 1
id: x
title: 'Title with "quotes" & <b>'
stakeholders: [{{id: s1, name: "S & one"}}, {{id: s2, name: Two}}]
activities:
  - {{id: "act:1", name: '{NASTY}', stakeholders: [s2], leads_to: [out]}}
outputs:
  - {{id: out, name: Output, leads_to: [o1, o2, o3]}}
outcomes:
  - {{id: o1, name: High, stakeholders: [s1]}}
  - {{id: o2, name: Medium, stakeholders: [s1]}}
  - {{id: o3, name: Low}}
links:
  - {{source: out, target: o1, confidence: 0.9}}
  - {{source: out, target: o2, confidence: 0.5}}
  - {{source: out, target: o3, confidence: 0.1}}
"""
    return impactkit.run(impactkit.load(write_study(text), plugins=core_plugins))


def test_any_text_is_escaped_and_renders(nasty):
    dot = toc_dot(nasty.graph, "en", title=nasty.study.title)
    assert "&lt;tags&gt; &amp;" in dot and "&quot;" in dot
    svg = render_dot(dot, "svg").decode()
    assert "&lt;tags&gt;" in svg and "S &amp; one" in svg


def test_confidence_is_line_style_and_stakeholder_is_colour(nasty):
    dot = toc_dot(nasty.graph, "en")
    assert "out -> o1 [label=<0.9> fontsize=8 penwidth=1.6 style=bold]" in dot
    assert "style=dashed" in dot and "style=dotted" in dot
    assert [line_style(c) for c in (None, 0.95, 0.5, 0.2)] == ["solid", "bold", "dashed", "dotted"]
    assert '"act:1" [label=' in dot and 'fillcolor="#a6d4f2"' in dot  # s2 is the second colour


def rebuilt(graph):
    """The same graph with its edges added in the opposite order and every attribute dict reversed;
    the nodes keep their order (it is the study's, which the diagram follows on purpose)."""
    import networkx as nx

    again = nx.MultiDiGraph(**graph.graph)
    for node, data in graph.nodes(data=True):
        again.add_node(node, **dict(reversed(data.items())))
    for u, v, key, data in reversed(list(graph.edges(keys=True, data=True))):
        again.add_edge(u, v, key=key, **dict(reversed(data.items())))
    return again


def test_the_diagram_does_not_depend_on_the_order_the_graph_got_its_edges(nasty):
    again = rebuilt(nasty.graph)
    assert list(again.edges(keys=True)) != list(nasty.graph.edges(keys=True))  # really another order
    for lang in ("nl", "en"):
        assert toc_dot(again, lang, title="T") == toc_dot(nasty.graph, lang, title="T")
        assert toc_mermaid(again, lang) == toc_mermaid(nasty.graph, lang)
    assert "Activiteiten" in toc_dot(nasty.graph, "nl") and "Activities" in toc_dot(nasty.graph, "en")
    # (the same bytes under another PYTHONHASHSEED: tests/core/test_cli.py runs `impactkit run` twice)


def test_mermaid_escapes_and_styles(nasty):
    text = toc_mermaid(nasty.graph, "en")
    assert (
        text.startswith("---\ntitle: ") and "\nflowchart LR\n" in text and "#quot;" in text and "&lt;tags&gt;" in text
    )
    assert 'n1 == "0.9" ==> n2' in text and 'n1 -. "0.5" .-> n3' in text and 'n1 -. "0.1" .-> n4' in text


def test_wrap_limits_lines():
    lines = wrap("word " * 40, width=10, max_lines=3)
    assert len(lines) == 3 and lines[-1].endswith("…")


def test_the_legend_explains_only_what_the_diagram_uses(nasty, write_study, core_plugins):
    dot = toc_dot(nasty.graph, "nl", title="Titel")
    assert "S &amp; one" in dot and "Two" in dot  # both colour a node
    assert all(text in dot for text in ("zekerheid ≥ 0,7", "zekerheid 0,4–0,7", "zekerheid &lt; 0,4"))
    assert "zekerheid niet opgegeven" in dot  # act:1 -> out states none
    assert "legend" not in dot  # the legend is the graph's label: it takes no column of the chain

    plain = impactkit.run(
        impactkit.load(
            write_study("""\
        impactkit: 1
        id: plain
        title: Plain
        stakeholders: [{id: s1, name: Unused}]
        activities: [{id: a, name: A, leads_to: [o]}]
        outcomes: [{id: o, name: O}]
        """),
            plugins=core_plugins,
        )
    )
    dot = toc_dot(plain.graph, "en")
    assert "Unused" not in dot and "confidence" not in dot and "label=<<TABLE" not in dot


def test_backslashes_and_hashes_reach_the_picture_as_written(write_study, core_plugins):
    study = impactkit.run(
        impactkit.load(
            write_study("""\
        impactkit: 1
        id: paths
        title: Paths
        activities: [{id: a, name: 'Map C:\\Nieuw \\G x #35; y', leads_to: [o]}]
        outcomes: [{id: o, name: O}]
        links: [{source: a, target: o, assumption: 'a \\N b'}]
        """),
            plugins=core_plugins,
        )
    )
    dot = toc_dot(study.graph, "en")
    assert 'tooltip="Map C:\\\\Nieuw \\\\G x #35; y"' in dot and 'tooltip="a \\\\N b"' in dot
    # (Graphviz reads '\\' as one backslash; graphviz-pure 0.2 still expands escapes in tooltips)
    mermaid = toc_mermaid(study.graph, "en")
    assert "x #35;35;<br/>y" in mermaid  # a literal '#35;' is shown as written, not as '#'


def test_the_theory_of_change_shows_the_studys_own_links_not_plugin_relations(write_study):
    from impactkit.core.contributions import GraphEdge
    from impactkit.core.hookspecs import hookimpl
    from impactkit.core.plugins import make_manager

    class Serves:
        @hookimpl
        def impactkit_graph_elements(self, study):
            return [GraphEdge(source="workshops", target="less-alone", relation="serves")]

    manager = make_manager(load=["core"])
    manager.register(Serves(), "serving")
    result = impactkit.run(impactkit.load(write_study(), plugins=manager), plugins=manager)
    assert result.graph.has_edge("workshops", "less-alone")
    dot = toc_dot(result.graph, "en")
    assert "workshops -> sessions" in dot and 'workshops -> "less-alone"' not in dot


def test_a_step_nothing_leads_to_keeps_its_column(write_study, core_plugins):
    study = impactkit.run(
        impactkit.load(
            write_study("""\
        impactkit: 1
        id: columns
        title: Columns
        stakeholders: [{id: s, name: S}]
        inputs: [{id: money, name: Money, stakeholder: s, value: 10, to: [a]}]
        activities: [{id: a, name: A, leads_to: [o]}, {id: stopped, name: Stopped project}]
        outcomes: [{id: o, name: O}, {id: alone, name: Nothing leads here}]
        """),
            plugins=core_plugins,
        )
    )
    dot = toc_dot(study.graph, "en")
    assert "money -> stopped [style=invis]" in dot  # held in the activities' column
    assert "money -> a [style=invis]" not in dot  # a is fed by money already
    assert "a -> alone [style=invis]" in dot  # the first of the column before

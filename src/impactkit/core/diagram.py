"""Theory-of-change diagrams: inputs → activities → outputs → outcomes → impacts, left to right.

Fill colour says which stakeholder a step belongs to (its first stakeholder; an input its
investor), line style says how confident the link is (solid bold ≥ 0.7, dashed ≥ 0.4, dotted
below, thin solid when no confidence is given). Labels are wrapped and written as HTML-like
labels with every special character escaped, so any text is safe. The output is deterministic:
the same study gives byte-identical DOT.
"""

from __future__ import annotations

import html
import re
import textwrap
from typing import TYPE_CHECKING, Any

from .i18n import Text
from .numbers import format_money, format_number
from .render import FONT

if TYPE_CHECKING:  # pragma: no cover
    import networkx as nx

# Colour-blind-friendly pastel palette (light versions of the Okabe–Ito colours, then Tableau).
PALETTE = (
    "#f7c98b",
    "#a6d4f2",
    "#9fd9c3",
    "#f5ef9d",
    "#e3b5d1",
    "#d9d9d9",
    "#c9c3e6",
    "#9fbfe0",
    "#f2b48c",
    "#c7e9c0",
    "#fdd0a2",
    "#fcbba1",
)
NO_STAKEHOLDER = "#ffffff"

COLUMNS: tuple[tuple[str, Text], ...] = (
    ("input", Text(en="Inputs", nl="Inzet")),
    ("activity", Text(en="Activities", nl="Activiteiten")),
    ("output", Text(en="Outputs", nl="Resultaten (output)")),
    ("outcome", Text(en="Outcomes", nl="Effecten (outcome)")),
    ("impact", Text(en="Impact", nl="Impact")),
)
CONFIDENCE = (
    (0.7, "bold", Text(en="confidence ≥ 0.7", nl="zekerheid ≥ 0,7")),
    (0.4, "dashed", Text(en="confidence 0.4–0.7", nl="zekerheid 0,4–0,7")),
    (0.0, "dotted", Text(en="confidence < 0.4", nl="zekerheid < 0,4")),
)
LEGEND_TITLE = Text(en="Stakeholders", nl="Stakeholders")
NO_CONFIDENCE = Text(en="confidence not stated", nl="zekerheid niet opgegeven")


LABEL_LINES = 6
"""Lines of a step's label before it is cut with "…" (the tooltip holds the whole text)."""
TITLE_WIDTH, TITLE_LINES = 90, 2
"""Characters per line and lines of a diagram's title before it is cut with "…"."""


def wrap(text: str, width: int = 22, max_lines: int = LABEL_LINES) -> list[str]:
    lines = textwrap.wrap(" ".join(str(text).split()), width=width, break_long_words=True) or [""]
    if len(lines) > max_lines:
        lines = lines[:max_lines]
        lines[-1] = lines[-1][: width - 1].rstrip() + "…"
    return lines


def html_label(lines: list[str], bold_first: bool = False) -> str:
    """An HTML-like DOT label of ``lines``: each escaped (``<``, ``>``, ``&``, quotes; control
    characters left out), so no text ends the label or adds markup to it."""
    escaped = [html.escape(_DOT_CONTROL.sub("", str(line)), quote=True) for line in lines]
    if bold_first and escaped:
        escaped[0] = f"<B>{escaped[0]}</B>"
    return "<" + "<BR/>".join(escaped) + ">"


def line_style(confidence: float | None) -> str:
    if confidence is None:
        return "solid"
    for floor, style, _ in CONFIDENCE:
        if confidence >= floor:
            return style
    return "dotted"  # pragma: no cover - confidence is validated to be >= 0


def stakeholder_colours(graph: "nx.MultiDiGraph") -> dict[str, str]:
    """Each stakeholder's colour, by the order stakeholders appear in the study."""
    holders = [n for n, kind in graph.nodes(data="kind") if kind == "stakeholder"]
    return {holder: PALETTE[i % len(PALETTE)] for i, holder in enumerate(holders)}


def chain_view(graph: "nx.MultiDiGraph") -> tuple[dict[str, list[str]], list[tuple[str, str, dict[str, Any]]]]:
    """The nodes of the causal chain per column, and the study's own edges between them (its chain
    and its links, not the relations plugins add), in a stable order."""
    columns = {kind: [] for kind, _ in COLUMNS}
    for node, kind in graph.nodes(data="kind"):
        if kind in columns:
            columns[kind].append(node)
    chain = {n for nodes in columns.values() for n in nodes}
    # the study's own chain and links; a plugin's relations between chain steps are its own views'
    edges = [
        (u, v, data) for u, v, data in graph.edges(data=True) if u in chain and v in chain and "source" not in data
    ]
    edges.sort(key=lambda e: (e[0], e[1], e[2].get("relation", "")))
    return columns, edges


def node_lines(graph: "nx.MultiDiGraph", node: str, lang: str) -> list[str]:
    """The lines of a step's label: its name wrapped (cut after :data:`LABEL_LINES`), and for an
    input the value it brings in."""
    data = graph.nodes[node]
    lines = wrap(data.get("label") or node)
    if data.get("kind") == "input" and data.get("value") is not None:
        lines.append(format_money(data["value"], lang))
    return lines


def toc_dot(graph: "nx.MultiDiGraph", lang: str = "en", title: str | None = None) -> str:
    """The theory of change of the study graph as DOT text."""
    import graphviz

    colours = stakeholder_colours(graph)
    dot = graphviz.Digraph(
        name="theory_of_change",
        graph_attr={
            "rankdir": "LR",
            "newrank": "true",
            "nodesep": "0.25",
            "ranksep": "0.6",
            "fontname": FONT,
            "fontsize": "12",
            "labelloc": "t",
            "labeljust": "l",
        },
        node_attr={
            "shape": "box",
            "style": "rounded,filled",
            "fontname": FONT,
            "fontsize": "10",
            "fillcolor": NO_STAKEHOLDER,
            "color": "#555555",
        },
        edge_attr={"color": "#444444", "arrowsize": "0.7"},
    )
    columns, edges = chain_view(graph)
    filled: set[str] = set()
    for kind, heading in COLUMNS:
        nodes = columns[kind]
        if not nodes:
            continue
        with dot.subgraph(name=f"cluster_{kind}") as column:
            column.attr(
                label=html_label([heading.get(lang)], bold_first=True),
                labeljust="c",
                style="rounded,dashed",
                color="#bbbbbb",
                fontname=FONT,
            )
            for node in nodes:
                data = graph.nodes[node]
                holders = [h for h in (data.get("stakeholders") or []) if h in colours]
                fill = colours[holders[0]] if holders else NO_STAKEHOLDER
                filled.update(holders[:1])
                lines = node_lines(graph, node, lang)
                tooltip = dot_text(data.get("label") or node)  # the whole name, where the label is cut
                column.node(node, label=html_label(lines), fillcolor=fill, tooltip=tooltip)
    # a step nothing earlier leads to (a project that was stopped, say) still stands in its own
    # column: an invisible edge from the column before holds it there
    previous: str | None = None
    fed = {v for u, v, _ in edges if graph.nodes[u].get("kind") != graph.nodes[v].get("kind")}
    for kind, _ in COLUMNS:
        nodes = columns[kind]
        if not nodes:
            continue
        if previous is not None:
            for node in nodes:
                if node not in fed:
                    dot.edge(previous, node, style="invis")
        previous = nodes[0]
    for u, v, data in edges:
        confidence = data.get("confidence")
        attrs = {"style": line_style(confidence)}
        if confidence is not None:
            attrs["penwidth"] = "1.6" if confidence >= 0.7 else "1.0"
            attrs["label"] = html_label([format_number(confidence, lang)])
            attrs["fontsize"] = "8"
        if data.get("assumption"):
            attrs["tooltip"] = dot_text(data["assumption"])
        dot.edge(u, v, **attrs)
    used_colours = {holder: colour for holder, colour in colours.items() if holder in filled}
    used_styles = {line_style(data.get("confidence")) for _, _, data in edges}
    heading = _heading(graph, title, used_colours, used_styles, lang)
    if heading:  # the graph's own label, so it takes no column of the chain
        dot.attr(label=heading)
    return dot.source


LEGEND_COLUMNS = 3
"""Stakeholders per row of the legend, so that it stays low beside a wide diagram."""


def _heading(
    graph: "nx.MultiDiGraph", title: str | None, colours: dict[str, str], styles: set[str], lang: str
) -> str | None:
    """The title and the legend: the stakeholder colours and line styles the diagram uses, nothing else."""
    width = 2 * min(LEGEND_COLUMNS, max(len(colours), 1))
    rows = []
    if title:  # cut as a step's label is: a title of any length lays out in a moment
        text = '<BR ALIGN="LEFT"/>'.join(html.escape(line) for line in wrap(title, TITLE_WIDTH, TITLE_LINES))
        rows.append(f'<TR><TD COLSPAN="{width}" ALIGN="LEFT"><FONT POINT-SIZE="14"><B>{text}</B></FONT></TD></TR>')
    if colours:
        rows.append(f'<TR><TD COLSPAN="{width}" ALIGN="LEFT"><B>{html.escape(LEGEND_TITLE.get(lang))}</B></TD></TR>')
        cells = []
        for holder, colour in colours.items():
            name = html.escape(wrap(str(graph.nodes[holder].get("label") or holder), 40, 1)[0])
            cells.append(f'<TD BGCOLOR="{colour}" WIDTH="14"> </TD><TD ALIGN="LEFT">{name}</TD>')
        for start in range(0, len(cells), LEGEND_COLUMNS):
            rows.append("<TR>" + "".join(cells[start : start + LEGEND_COLUMNS]) + "</TR>")
    if styles - {"solid"}:  # thin solid lines alone need no explanation
        symbols = {"bold": "<B>———</B>", "dashed": "- - -", "dotted": "·····", "solid": "———"}
        # a space between each sample and its words, and a wider one before the next sample
        sample = '<TD ALIGN="RIGHT">{symbol}&#160;&#160;</TD><TD ALIGN="LEFT">{text}&#160;&#160;&#160;&#160;</TD>'
        cells = [
            sample.format(symbol=symbols[style], text=html.escape(text.get(lang)))
            for _, style, text in CONFIDENCE
            if style in styles
        ]
        if "solid" in styles:
            cells.append(sample.format(symbol=symbols["solid"], text=html.escape(NO_CONFIDENCE.get(lang))))
        rows.append(
            f'<TR><TD COLSPAN="{width}"><TABLE BORDER="0" CELLBORDER="0" CELLSPACING="2"><TR>'
            + "".join(cells)
            + "</TR></TABLE></TD></TR>"
        )
    if not rows:
        return None
    return '<<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="2">' + "".join(rows) + "</TABLE>>"


def mermaid_text(text: str) -> str:
    """``text`` safe inside a Mermaid ``["label"]`` or ``-- "label" -->``: HTML characters escaped,
    and ``#`` (Mermaid's entity mark), quotes, pipes and brackets written as entity codes."""
    return (
        html.escape(str(text).replace("#", "#35;"), quote=False)
        .replace('"', "#quot;")
        .replace("|", "#124;")
        .replace("[", "#91;")
        .replace("]", "#93;")
    )


_DOT_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def dot_escape(text: str) -> str:
    """``text`` for inside a ``"…"`` string of DOT — a label, a tooltip, any attribute — written by
    hand: backslashes doubled (so Graphviz reads no ``\\N``, ``\\G`` or ``\\l`` escape into it),
    ``"`` escaped, line breaks as spaces and other control characters left out. Whatever the text,
    it cannot end the string it stands in, so it can never end the attribute, add one or make a
    node (the one escaping every DOT writer uses, the core's and the plugins')."""
    flat = " ".join(str(text).replace("\\", "\\\\").splitlines())
    return _DOT_CONTROL.sub("", flat).replace('"', '\\"')


def dot_text(text: str) -> str:
    """:func:`dot_escape` for an attribute given to the ``graphviz`` package (``tooltip=…``): the
    same escaping, and marked as plain text, so that text written like ``<…>`` is quoted as a
    string and never passed on as an HTML-like label (which the package writes unquoted — a
    way out of the attribute)."""
    from graphviz import nohtml

    return nohtml(dot_escape(text))


MERMAID_ARROWS = {"bold": ("==", "==>"), "dashed": ("-.", ".->"), "dotted": ("-.", ".->"), "solid": ("--", "-->")}
"""Line style → the two halves of a Mermaid edge with a label between: ``a -- "0,5" --> b``."""


def toc_mermaid(graph: "nx.MultiDiGraph", lang: str = "en", title: str | None = None) -> str:
    """The theory of change as Mermaid ``flowchart LR`` text (for Markdown and wikis).

    The title (``title``, else the study's) is Mermaid front matter; links with a confidence
    carry it as their label, inputs their value, like the DOT diagram.
    """
    import json

    colours = stakeholder_colours(graph)
    columns, edges = chain_view(graph)
    ids: dict[str, str] = {}
    lines = []
    title = title if title is not None else graph.graph.get("title")
    if title:  # a JSON string is a YAML string: any text is safe in the front matter
        lines += ["---", f"title: {json.dumps(' '.join(str(title).split()), ensure_ascii=False)}", "---"]
    lines.append("flowchart LR")
    for kind, heading in COLUMNS:
        if not columns[kind]:
            continue
        lines.append(f'  subgraph {kind}["{mermaid_text(heading.get(lang))}"]')
        for node in columns[kind]:
            ids[node] = f"n{len(ids)}"
            label = "<br/>".join(mermaid_text(line) for line in node_lines(graph, node, lang))
            lines.append(f'    {ids[node]}["{label}"]')
        lines.append("  end")
    for u, v, data in edges:
        confidence = data.get("confidence")
        start, end = MERMAID_ARROWS[line_style(confidence)]
        if confidence is None:  # no confidence stated: a plain arrow
            lines.append(f"  {ids[u]} --> {ids[v]}")
        else:
            lines.append(f'  {ids[u]} {start} "{mermaid_text(format_number(confidence, lang))}" {end} {ids[v]}')
    for i, (holder, colour) in enumerate(colours.items()):
        members = [ids[n] for n in ids if (graph.nodes[n].get("stakeholders") or [None])[0] == holder]
        if members:
            lines.append(f"  classDef s{i} fill:{colour},stroke:#555555")
            lines.append(f"  class {','.join(members)} s{i}")
    return "\n".join(lines) + "\n"

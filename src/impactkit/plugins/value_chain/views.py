"""The value-chain diagram (DOT, Mermaid) and the chart of the review decisions (matplotlib, no pyplot).

The diagram reads left to right: needs → ambition → effects → projects. A project's fill colour,
and a line under its name, say the review decision; a stopped project has a dashed border and a
dashed line to its effects. Every effect a project serves (the value-chain table's rows) is joined
to it: the first effects down its chain, or named in its review, with a plain line; an effect it
reaches only through another effect (an impact after an outcome) with a faint one. An effect that
leads to another is joined to it by a dotted line. The legend explains the colours and every kind
of line drawn, in the reader's language. Nodes get ids by position (``need_0``, ``effect_2`` ...),
labels are escaped HTML-like labels, and everything is in file order, so the same study gives the
same DOT.
"""

from __future__ import annotations

import html
from typing import Any

from impactkit.plugin import Text, catalog, dot_escape, fill, format_number, html_label, mermaid_text, wrap

from .chain import Chain
from .figures import review_counts
from .settings import DECISION_LABELS, DECISIONS

COLOURS = {"continue": "#9fd9c3", "improve": "#f5ef9d", "new": "#a6d4f2", "stop": "#f4b6a6", None: "#ffffff"}
BORDER = "#555555"
COLUMNS = (
    ("needs", Text(en="Needs", nl="Behoeften")),
    ("ambition", Text(en="Ambition", nl="Ambitie")),
    ("effects", Text(en="Desired effects", nl="Gewenste effecten")),
    ("projects", Text(en="Projects", nl="Projecten")),
)
VIEW_WORDS = catalog(
    [
        ("legend", "Review of the projects", "Beoordeling van de projecten"),
        ("lines", "Lines", "Lijnen"),
        ("unreviewed", "not reviewed", "niet beoordeeld"),
        (
            "chart-title",
            ("Review of the projects (n = {n} project)", "Review of the projects (n = {n} projects)"),
            ("Beoordeling van de projecten (n = {n} project)", "Beoordeling van de projecten (n = {n} projecten)"),
        ),
        ("projects", "projects", "projecten"),
    ]
)


def _word(key: str, lang: str, **params: object) -> str:
    return fill(VIEW_WORDS[key], **params).get(lang)


def _decision_text(decision: str | None, lang: str) -> str:
    return DECISION_LABELS[decision].get(lang) if decision else _word("unreviewed", lang)


Edge = tuple[str, str, str, "str | None"]
"""``(from, to, what, decision)``: ``what`` is ``"ambition"`` (need → ambition → effect), ``"chain"``
(an effect that leads to another), ``"serves"`` (effect → a project whose chain reaches it first, or
whose review names it) or ``"via"`` (effect → a project that reaches it only through another
effect); ``decision`` is the project's review decision on the last two."""


def _layout(chain: Chain) -> tuple[dict[str, list[tuple[str, str]]], list[Edge]]:
    """Per column ``(dot id, study id)``, and the edges in a fixed order."""
    ids: dict[str, str] = {}
    columns: dict[str, list[tuple[str, str]]] = {key: [] for key, _ in COLUMNS}

    def add(column: str, key: str) -> None:
        ids[f"{column}:{key}"] = f"{column[:-1]}_{len(columns[column])}"  # need_0, effect_0, project_0
        columns[column].append((ids[f"{column}:{key}"], key))

    for need in chain.needs:
        add("needs", need)
    if chain.settings.ambition is not None:
        columns["ambition"].append(("ambition", ""))
    for effect in chain.effects:
        add("effects", effect)
    for project in chain.projects:
        add("projects", project)
    edges: list[Edge] = []
    if chain.settings.ambition is not None:
        edges += [(ids[f"needs:{n}"], "ambition", "ambition", None) for n in chain.answered]
        edges += [("ambition", ids[f"effects:{e}"], "ambition", None) for e in chain.effects if chain.on_ambition(e)]
    for effect in chain.effects:  # an outcome that leads to an impact
        edges += [(ids[f"effects:{effect}"], ids[f"effects:{e}"], "chain", None) for e in chain.nearest[effect]]
    for project in chain.projects:  # every effect it serves, as the value-chain table lists them
        first = set(chain.nearest[project])
        edges += [
            (
                ids[f"effects:{e}"],
                ids[f"projects:{project}"],
                "serves" if e in first else "via",
                chain.decision(project),
            )
            for e in chain.serves(project)
        ]
    return columns, edges


def _label(chain: Chain, column: str, key: str, lang: str) -> tuple[list[str], str]:
    """The lines of a node's label and its tooltip."""
    if column == "needs":
        need = chain.needs[key]
        lines = wrap(need.statement, 26, 7)
        return ([f"{need.theme}:"] + lines if need.theme else lines), f"{key}: {need.statement}"
    if column == "ambition":
        ambition = chain.settings.ambition
        return wrap(ambition.label or ambition.text, 30, 10), ambition.text
    if column == "effects":
        node = chain.effects[key]
        return wrap(node.name, 26, 7), f"{key}: {chain.indicator(key) or node.name}"
    node = chain.projects[key]
    return wrap(node.name, 26, 6) + [f"({_decision_text(chain.decision(key), lang)})"], f"{key}: {node.name}"


def value_chain_dot(chain: Chain, lang: str) -> str | None:
    columns, edges = _layout(chain)
    if not any(columns.values()):
        return None
    out = [
        "digraph value_chain {",
        '  graph [rankdir=LR, newrank=true, nodesep=0.25, ranksep=0.7, fontname="Helvetica", fontsize=12];',
        f'  node [shape=box, style="rounded,filled", fontname="Helvetica", fontsize=10, fillcolor="#ffffff", '
        f'color="{BORDER}"];',
        '  edge [color="#444444", arrowsize=0.7];',
    ]
    for column, heading in COLUMNS:
        if not columns[column]:
            continue
        out.append(f"  subgraph cluster_{column} {{")
        out.append(
            f'    label={html_label([heading.get(lang)], bold_first=True)}; style="rounded,dashed"; '
            f'color="#bbbbbb"; rank=same;'
        )
        for dot_id, key in columns[column]:
            lines, tooltip = _label(chain, column, key, lang)
            attrs = [f"label={html_label(lines)}", f'tooltip="{dot_escape(tooltip)}"']
            if column == "projects":
                decision = chain.decision(key)
                attrs.append(f'fillcolor="{COLOURS[decision]}"')
                if decision in ("stop", None):
                    attrs.append('style="rounded,filled,dashed"')
            elif column == "needs":
                attrs.append('fillcolor="#eeeeee"')
            elif column == "ambition":
                attrs.append('fillcolor="#d9d9d9"')
            elif column == "effects" and not chain.on_ambition(key):
                attrs.append('style="rounded,filled,dashed"')
            out.append(f"    {dot_id} [{', '.join(attrs)}];")
        out.append("  }")
    for source, target, what, decision in edges:
        out.append(f"  {source} -> {target}{_edge_style(what, decision)};")
    if columns["projects"] or any(what == "chain" for _, _, what, _ in edges):
        out.append(f'  legend [shape=plaintext, style="", label={_legend(chain, edges, lang)}];')
    out.append("}")
    return "\n".join(out) + "\n"


LINES = {  # what an edge is → its DOT attributes, the legend's sample of it, and its words
    "chain": (
        'style=dotted, color="#777777"',
        '<FONT COLOR="#777777">·····</FONT>',
        Text(en="leads to (one effect to another)", nl="leidt tot (het ene effect naar het andere)"),
    ),
    "serves": ("", "———", Text(en="the project serves the effect", nl="het project dient het effect")),
    "via": (
        'color="#aaaaaa", penwidth=0.7',
        '<FONT COLOR="#aaaaaa">———</FONT>',
        Text(en="the project serves it through another effect", nl="het project dient het via een ander effect"),
    ),
    "stop": (
        'style=dashed, color="#999999"',
        '<FONT COLOR="#999999">- - -</FONT>',
        Text(en="a stopped project's line", nl="lijn van een gestopt project"),
    ),
}


def _line(what: str, decision: str | None) -> str:
    """The kind of line an edge is drawn with (a key of :data:`LINES`, or ``""``)."""
    if what in ("serves", "via") and decision == "stop":
        return "stop"
    return what if what in LINES else ""


def _edge_style(what: str, decision: str | None) -> str:
    attrs = LINES[_line(what, decision)][0] if _line(what, decision) else ""
    return f" [{attrs}]" if attrs else ""


def _legend(chain: Chain, edges: list[Edge], lang: str) -> str:
    rows = []
    if chain.projects:
        rows.append(f'<TR><TD COLSPAN="2" ALIGN="LEFT"><B>{html.escape(_word("legend", lang))}</B></TD></TR>')
        used = {chain.decision(p) for p in chain.projects}
        for decision in (*DECISIONS, None):
            if decision is None and None not in used:
                continue
            rows.append(
                f'<TR><TD BGCOLOR="{COLOURS[decision]}" WIDTH="14"> </TD>'
                f'<TD ALIGN="LEFT">{html.escape(_decision_text(decision, lang))}</TD></TR>'
            )
    drawn = {_line(what, decision) for _, _, what, decision in edges}
    if drawn & {"chain", "via", "stop"}:  # plain arrows alone need no explanation
        rows.append(f'<TR><TD COLSPAN="2" ALIGN="LEFT"><B>{html.escape(_word("lines", lang))}</B></TD></TR>')
        for key, (_, sample, text) in LINES.items():
            if key in drawn:
                rows.append(f'<TR><TD>{sample}</TD><TD ALIGN="LEFT">{html.escape(text.get(lang))}</TD></TR>')
    return '<<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="2">' + "".join(rows) + "</TABLE>>"


def value_chain_mermaid(chain: Chain, lang: str) -> str | None:
    columns, edges = _layout(chain)
    if not any(columns.values()):
        return None
    out = ["flowchart LR"]
    for column, heading in COLUMNS:
        if not columns[column]:
            continue
        out.append(f'  subgraph {column}["{mermaid_text(heading.get(lang))}"]')
        for dot_id, key in columns[column]:
            lines, _ = _label(chain, column, key, lang)
            out.append(f'    {dot_id}["{"<br/>".join(mermaid_text(line) for line in lines)}"]')
        out.append("  end")
    faint = []
    for number, (source, target, what, decision) in enumerate(edges):
        line = _line(what, decision)
        out.append(f"  {source} {'-.->' if line in ('stop', 'chain') else '-->'} {target}")
        if line == "via":
            faint.append(str(number))
    if faint:
        out.append(f"  linkStyle {','.join(faint)} stroke:#aaaaaa")
    for _i, decision in enumerate((*DECISIONS, None)):
        members = [dot_id for dot_id, key in columns["projects"] if chain.decision(key) == decision]
        if members:
            name = decision or "unreviewed"
            out.append(f"  classDef {name} fill:{COLOURS[decision]},stroke:{BORDER}")
            out.append(f"  class {','.join(members)} {name}")
    return "\n".join(out) + "\n"


def decisions_chart(chain: Chain, lang: str) -> Any:
    """Horizontal bars: the number of projects per review decision, in the diagram's colours."""
    from matplotlib.figure import Figure

    if not chain.projects:
        return None
    counts = review_counts(chain)
    keys = [*DECISIONS] + (["not_reviewed"] if counts["not_reviewed"] else [])
    labels = [_decision_text(None if k == "not_reviewed" else k, lang) for k in keys]
    values = [counts[k] for k in keys]
    fig = Figure(figsize=(6.5, 0.5 * len(keys) + 1.4), dpi=100)
    ax = fig.add_subplot()
    bars = ax.barh(labels, values, color=[COLOURS[None if k == "not_reviewed" else k] for k in keys], edgecolor=BORDER)
    for bar, value in zip(bars, values):
        ax.annotate(
            format_number(value, lang),
            (bar.get_width(), bar.get_y() + bar.get_height() / 2),
            xytext=(4, 0),
            textcoords="offset points",
            va="center",
            fontsize=9,
        )
    ax.invert_yaxis()
    ax.set_xlim(0, max(values) * 1.2 + 1)
    ax.set_xlabel(_word("projects", lang))
    ax.set_title(_word("chart-title", lang, n=len(chain.projects)), fontsize=11)
    ax.xaxis.get_major_locator().set_params(integer=True)
    ax.spines[["top", "right"]].set_visible(False)
    fig.tight_layout()
    return fig

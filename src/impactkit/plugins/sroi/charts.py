"""Pictures of an SROI analysis: the value-map diagram (DOT) and three charts (matplotlib).

Charts are made with :class:`matplotlib.figure.Figure` directly, without pyplot, so no GUI
backend is touched (it works headless and leaves a notebook's backend alone).
"""

from __future__ import annotations

import html
from typing import TYPE_CHECKING, Any

from impactkit.plugin import fill, format_money, format_number, format_percent, format_ratio

from .texts import WORDS

if TYPE_CHECKING:  # pragma: no cover
    from impactkit.plugin import Context

    from .analysis import Analysis

MAX_OUTCOMES = 30
"""The diagram shows the outcomes with the largest present values; the rest are summed per stakeholder."""


MAP_COLUMNS = (  # column of the value map → its heading and fill colour
    ("inputs", "map-inputs", "#DCE6F1"),
    ("activities", "map-activities", "#E2EFDA"),
    ("outcomes", "map-outcomes", "#FFF2CC"),
    ("stakeholders", "map-stakeholders", "#FCE4D6"),
)
WIDTH = 26
"""Characters per label line, as in the other diagrams (``impactkit.core.diagram.wrap``)."""


def value_map_dot(ctx: "Context", a: "Analysis", lang: str) -> str | None:
    """Inputs → activities → outcomes → stakeholders, money on the edges.

    The conventions of every impactkit diagram (:mod:`impactkit.core.diagram`): left to right,
    Helvetica, rounded filled boxes in a dashed column each with its heading, labels wrapped over
    several lines and escaped, the title above. Node ids are positions (``in_0``, ``act_1``,
    ``out_2``, ``sh_0``), everything is in file order, so the same study gives the same DOT.
    """
    from impactkit.plugin import dot_escape, downstream, html_label, wrap

    calc = a.calculation
    if calc is None:
        return None
    cur = a.settings.currency
    summary = a.summary or {}

    def money(value: float | None) -> str:
        return format_money(value, lang, currency=cur)

    columns: dict[str, list[str]] = {key: [] for key, _, _ in MAP_COLUMNS}
    edges: list[str] = []

    def node(column: str, node_id: str, lines: list[str], tooltip: str, extra: str = "") -> None:
        fill = {key: colour for key, _, colour in MAP_COLUMNS}[column]
        columns[column].append(
            f'    {node_id} [label={html_label(lines)}, tooltip="{dot_escape(tooltip)}", fillcolor="{fill}"{extra}];'
        )

    def edge(source: str, target: str, label: str | None = None, extra: str = "") -> None:
        attrs = ([f'label="{dot_escape(label)}"'] if label else []) + ([extra] if extra else [])
        edges.append(f"  {source} -> {target}" + (f" [{', '.join(attrs)}]" if attrs else "") + ";")

    activities = list(ctx.study.activities)
    act_ids = [f"act_{i}" for i in range(len(activities))]
    reaches = [downstream(ctx.graph, act.id) for act in activities]  # along every causal relation
    for node_id, item in zip(act_ids, activities, strict=True):
        node("activities", node_id, wrap(item.name, WIDTH, 6), f"{item.id}: {item.name}")
    generic = "act_all"
    need_generic = False
    for i, item in enumerate(a.value_map.inputs):
        kind = f" ({WORDS['col-in-kind'].get(lang).lower()})" if item.in_kind else ""
        text = f"{item.stakeholder_name}: {item.name}{kind}"
        node("inputs", f"in_{i}", wrap(text, WIDTH, 6) + [money(item.amount if item.value is not None else None)], text)
        targets = [act_ids[j] for j, act in enumerate(activities) if act.id in item.activities]
        if not targets:
            targets = act_ids if len(act_ids) == 1 else [generic]
            need_generic = need_generic or targets == [generic]
        share = None if item.value is None else item.amount / len(targets)
        for target in targets:
            edge(f"in_{i}", target, money(share) if len(targets) == 1 else f"{money(share)} (1/{len(targets)})")
    lines = a.value_map.lines
    holder_ids: dict[str, str] = {}  # stakeholder id → sh_<position>, in the order they first appear
    for line in lines:
        holder_ids.setdefault(line.stakeholder_id, f"sh_{len(holder_ids)}")
    holders: dict[str, float] = dict.fromkeys(holder_ids, 0.0)
    shown = set(sorted(range(len(lines)), key=lambda i: (-abs(float(calc.present_value[i])), i))[:MAX_OUTCOMES])
    others: dict[str, list[float]] = {}
    for i, line in enumerate(lines):
        pv = float(calc.present_value[i])
        holders[line.stakeholder_id] += pv
        if i not in shown:
            others.setdefault(line.stakeholder_id, []).append(pv)
            continue
        node(
            "outcomes",
            f"out_{i}",
            wrap(line.outcome_name, WIDTH, 6) + [money(pv)],
            f"{line.stakeholder_name}: {line.outcome_name}",
        )
        sources = [act_ids[j] for j, reached in enumerate(reaches) if line.outcome_id in reached]
        if not sources:
            sources = act_ids if len(act_ids) == 1 else [generic]
            need_generic = need_generic or sources == [generic]
        for source in sources:
            edge(source, f"out_{i}")
        edge(f"out_{i}", holder_ids[line.stakeholder_id], money(pv))
    names = {line.stakeholder_id: line.stakeholder_name for line in reversed(lines)}  # the first name given
    for key, values in others.items():
        node_id = f"other_{holder_ids[key][3:]}"
        words = fill(WORDS["other-outcomes"], n=len(values)).get(lang)
        node(
            "outcomes",
            node_id,
            wrap(words, WIDTH, 2) + [money(sum(values))],
            f"{names[key]}: {words}",
            ', style="rounded,filled,dashed"',
        )
        source = act_ids[0] if len(act_ids) == 1 else generic
        need_generic = need_generic or source == generic
        edge(source, node_id, extra="style=dashed")
        edge(node_id, holder_ids[key], money(sum(values)), "style=dashed")
    for key, node_id in holder_ids.items():
        node("stakeholders", node_id, wrap(names[key], WIDTH, 4) + [money(holders[key])], names[key], ", shape=ellipse")
    if need_generic:
        node("activities", generic, [WORDS["activities"].get(lang)], WORDS["activities"].get(lang))

    # the title above, as the core's diagrams have it: bold, left-aligned, the ratio under it
    title = (
        '<<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="2">'
        f'<TR><TD ALIGN="LEFT"><FONT POINT-SIZE="14"><B>'
        f"{html.escape(WORDS['value-map'].get(lang) + ': ' + a.study_title)}</B></FONT></TD></TR>"
        f'<TR><TD ALIGN="LEFT">'
        f"{html.escape(WORDS['metric-ratio'].get(lang) + ' ' + format_ratio(summary.get('ratio'), lang))}</TD></TR>"
        "</TABLE>>"
    )
    out = [
        "digraph sroi_value_map {",
        '  graph [rankdir=LR, newrank=true, nodesep=0.25, ranksep=0.6, fontname="Helvetica", fontsize=12, '
        f"labelloc=t, labeljust=l, label={title}];",
        '  node [shape=box, style="rounded,filled", fontname="Helvetica", fontsize=10, fillcolor="#ffffff", '
        'color="#555555"];',
        '  edge [color="#444444", arrowsize=0.7, fontname="Helvetica", fontsize=9];',
    ]
    for key, heading, _ in MAP_COLUMNS:
        if not columns[key]:
            continue
        out.append(f"  subgraph cluster_{key} {{")
        out.append(
            f'    label={html_label([WORDS[heading].get(lang)], bold_first=True)}; style="rounded,dashed"; '
            f'color="#bbbbbb"; rank=same;'
        )
        out.extend(columns[key])
        out.append("  }")
    out.extend(edges)
    out.append("}")
    return "\n".join(out) + "\n"


def _figure(width: float = 7.5, height: float = 4.5) -> Any:
    from matplotlib.figure import Figure

    return Figure(figsize=(width, height), layout="constrained")


def stakeholder_chart(a: "Analysis", lang: str) -> Any:
    records = a.by_stakeholder()
    if not records:
        return None
    import numpy as np

    fig = _figure(7.5, 0.6 * len(records) + 1.8)
    ax = fig.add_subplot()
    y = np.arange(len(records))
    ax.barh(
        y - 0.2,
        [r["present_value"] for r in records],
        height=0.4,
        color="#5B9BD5",
        label=WORDS["metric-present_value"].get(lang),
    )
    ax.barh(y + 0.2, [r["inputs"] for r in records], height=0.4, color="#ED7D31", label=WORDS["inputs-short"].get(lang))
    ax.set_yticks(y, [r["name"] for r in records])
    ax.invert_yaxis()
    ax.set_xlabel(f"{WORDS['amount-axis'].get(lang)} ({a.settings.currency})")
    ax.set_title(WORDS["value-per-stakeholder"].get(lang))
    ax.legend(loc="lower right")
    ax.xaxis.set_major_formatter(_money_formatter(lang))
    return fig


def _money_formatter(lang: str) -> Any:
    from matplotlib.ticker import FuncFormatter

    return FuncFormatter(lambda x, _: format_number(x, lang, decimals=0))


def tornado_chart(a: "Analysis", lang: str, top: int = 15) -> Any:
    base, rows = a.tornado
    if base is None or not rows:
        return None
    import textwrap

    rows = rows[:top]
    labels = [textwrap.fill(a.param_label(r.param, lang, r.params), 48) for r in rows]
    lines = sum(label.count("\n") + 1 for label in labels)
    fig = _figure(10, 0.15 * lines + 0.12 * len(rows) + 1.4)
    ax = fig.add_subplot()
    for y, r in enumerate(rows):
        for value, colour in ((r.ratio_low, "#ED7D31"), (r.ratio_high, "#5B9BD5")):
            if value is not None:
                ax.barh(y, value - base, left=base, color=colour, height=0.6)
    ax.set_yticks(range(len(rows)), labels, fontsize=8)
    ax.invert_yaxis()
    ax.axvline(
        base,
        color="black",
        linewidth=1,
        label=f"{WORDS['base-ratio'].get(lang)} {format_number(base, lang, decimals=2)}",
    )
    ax.axvline(1.0, color="#C00000", linestyle="--", linewidth=1, label=WORDS["break-even-line"].get(lang))
    ax.set_xlabel(WORDS["ratio-axis"].get(lang))
    ax.set_title(WORDS["tornado"].get(lang))
    from matplotlib.patches import Patch

    handles = [
        Patch(color="#ED7D31", label=WORDS["col-low"].get(lang)),
        Patch(color="#5B9BD5", label=WORDS["col-high"].get(lang)),
    ]
    handles += ax.get_legend_handles_labels()[0]
    ax.legend(handles=handles, loc="lower left", fontsize=8)
    return fig


def monte_carlo_chart(a: "Analysis", lang: str, mc: Any = None) -> Any:
    """Histogram of the ratio over the draws (of ``mc``, by default the study's own simulation)."""
    mc = mc if mc is not None else a.monte_carlo
    if mc is None:
        return None
    import numpy as np

    ratios = mc.ratios[np.isfinite(mc.ratios)]
    if ratios.size == 0:
        return None
    stats = mc.stats
    fig = _figure()
    ax = fig.add_subplot()
    ax.hist(ratios, bins=60, color="#5B9BD5", edgecolor="white", linewidth=0.3)
    ax.axvline(1.0, color="#C00000", linestyle="--", linewidth=1.2, label=WORDS["break-even-line"].get(lang))
    for key, name, style in (("p5", "P5", ":"), ("median", WORDS["median"].get(lang), "-"), ("p95", "P95", ":")):
        ax.axvline(
            stats[key],
            color="black",
            linestyle=style,
            linewidth=1,
            label=f"{name} {format_number(stats[key], lang, decimals=2)}",
        )
    prob = format_percent(stats["probability_below_1"], lang)
    below = "P(ratio < 1)"
    draws = format_number(mc.draws, lang)
    ax.set_title(
        f"{WORDS['monte-carlo'].get(lang)} — {draws} {WORDS['draws-axis'].get(lang).lower()}; {below} = {prob}"
    )
    ax.set_xlabel(WORDS["ratio-axis"].get(lang))
    ax.set_ylabel(WORDS["draws-axis"].get(lang))
    ax.legend(fontsize=8)
    return fig

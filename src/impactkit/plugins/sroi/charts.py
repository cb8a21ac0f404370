"""Pictures of an SROI analysis: the value-map diagram (DOT) and three charts (matplotlib).

Charts are made with :class:`matplotlib.figure.Figure` directly, without pyplot, so no GUI
backend is touched (it works headless and leaves a notebook's backend alone).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from . import formatting as fmt
from .texts import T

if TYPE_CHECKING:  # pragma: no cover
    from impactkit.core.context import Context

    from .analysis import Analysis

CAUSAL = frozenset({"produces", "leads_to", "invests_in"})
MAX_OUTCOMES = 30
"""The diagram shows the outcomes with the largest present values; the rest are summed per stakeholder."""


def _q(text: str) -> str:
    return '"' + str(text).replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def _reaches(ctx: "Context", start: str, goal: str) -> bool:
    graph = ctx.graph
    if graph is None or start not in graph or goal not in graph:
        return False
    seen, stack = set(), [start]
    while stack:
        node = stack.pop()
        if node == goal:
            return True
        if node in seen:
            continue
        seen.add(node)
        stack.extend(v for _, v, r in graph.out_edges(node, data="relation") if r in CAUSAL)
    return False


def value_map_dot(ctx: "Context", a: "Analysis", lang: str) -> str | None:
    """Inputs → activities → outcomes → stakeholders, money on the edges."""
    calc = a.calculation
    if calc is None:
        return None
    cur = a.settings.currency
    summary = a.summary or {}
    title = f"{T['value-map'].get(lang)}: {a.study_title}\n{T['metric-ratio'].get(lang)} {fmt.ratio(summary.get('ratio'), lang)}"
    out = ["digraph value_map {", "  rankdir=LR;", f"  label={_q(title)}; labelloc=t;",
           '  node [fontname="Helvetica", fontsize=10, style="filled,rounded", shape=box];',
           '  edge [fontname="Helvetica", fontsize=9];']
    activities = [node for node in ctx.study.activities]
    act_ids = [f"act_{i}" for i in range(len(activities))]
    for node_id, node in zip(act_ids, activities, strict=True):
        out.append(f"  {node_id} [label={_q(node.name)}, fillcolor=\"#E2EFDA\"];")
    generic = "act_all"
    need_generic = False
    for i, item in enumerate(a.value_map.inputs):
        kind = f" ({T['col-in-kind'].get(lang).lower()})" if item.in_kind else ""
        out.append(f"  in_{i} [label={_q(item.stakeholder_name + ': ' + item.name + kind)}, fillcolor=\"#DCE6F1\"];")
        targets = [act_ids[j] for j, node in enumerate(activities) if node.id in item.activities]
        if not targets:
            targets = act_ids if len(act_ids) == 1 else [generic]
            need_generic = need_generic or targets == [generic]
        share = None if item.value is None else item.amount / len(targets)
        amount = fmt.money(share, cur, lang)
        for target in targets:
            label = amount if len(targets) == 1 else f"{amount} (1/{len(targets)})"
            out.append(f"  in_{i} -> {target} [label={_q(label)}];")
    holders: dict[str, float] = {}
    lines = a.value_map.lines
    shown = set(sorted(range(len(lines)), key=lambda i: (-abs(float(calc.present_value[i])), i))[:MAX_OUTCOMES])
    others: dict[str, list[float]] = {}
    for i, line in enumerate(lines):
        pv = float(calc.present_value[i])
        if i not in shown:
            others.setdefault(line.stakeholder_id, []).append(pv)
            holders[line.stakeholder_id] = holders.get(line.stakeholder_id, 0.0) + pv
            continue
        out.append(f"  out_{i} [label={_q(line.outcome_name + chr(10) + fmt.money(pv, cur, lang))}, "
                   f"fillcolor=\"#FFF2CC\"];")
        sources = [act_ids[j] for j, node in enumerate(activities) if _reaches(ctx, node.id, line.outcome_id)]
        if not sources:
            sources = act_ids if len(act_ids) == 1 else [generic]
            need_generic = need_generic or sources == [generic]
        for source in sources:
            out.append(f"  {source} -> out_{i};")
        holders[line.stakeholder_id] = holders.get(line.stakeholder_id, 0.0) + pv
        out.append(f"  out_{i} -> sh_{_safe(line.stakeholder_id)} [label={_q(fmt.money(pv, cur, lang))}];")
    names = {line.stakeholder_id: line.stakeholder_name for line in lines}
    for key, values in others.items():
        node = f"other_{_safe(key)}"
        total = sum(values)
        label = f"{T['other-outcomes'].get(lang).format(n=len(values))}\n{fmt.money(total, cur, lang)}"
        out.append(f"  {node} [label={_q(label)}, fillcolor=\"#FFF2CC\", style=\"filled,rounded,dashed\"];")
        source = act_ids[0] if len(act_ids) == 1 else generic
        need_generic = need_generic or source == generic
        out.append(f"  {source} -> {node} [style=dashed];")
        out.append(f"  {node} -> sh_{_safe(key)} [label={_q(fmt.money(total, cur, lang))}, style=dashed];")
    for key, total in holders.items():
        out.append(f"  sh_{_safe(key)} [label={_q(names[key] + chr(10) + fmt.money(total, cur, lang))}, "
                   f"shape=ellipse, fillcolor=\"#FCE4D6\"];")
    if need_generic:
        out.append(f"  {generic} [label={_q(T['activities'].get(lang))}, fillcolor=\"#E2EFDA\"];")
    out.append("}")
    return "\n".join(out) + "\n"


def _safe(text: str) -> str:
    return "".join(ch if ch.isalnum() else "_" for ch in text)


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
    ax.barh(y - 0.2, [r["present_value"] for r in records], height=0.4, color="#5B9BD5",
            label=T["metric-present_value"].get(lang))
    ax.barh(y + 0.2, [r["inputs"] for r in records], height=0.4, color="#ED7D31",
            label=T["inputs-short"].get(lang))
    ax.set_yticks(y, [r["name"] for r in records])
    ax.invert_yaxis()
    ax.set_xlabel(f"{T['amount-axis'].get(lang)} ({a.settings.currency})")
    ax.set_title(T["value-per-stakeholder"].get(lang))
    ax.legend(loc="lower right")
    ax.xaxis.set_major_formatter(_money_formatter(lang))
    return fig


def _money_formatter(lang: str) -> Any:
    from matplotlib.ticker import FuncFormatter

    return FuncFormatter(lambda x, _: fmt.number(x, 0, lang))


def tornado_chart(a: "Analysis", lang: str, top: int = 15) -> Any:
    base, rows = a.tornado
    if base is None or not rows:
        return None
    import textwrap

    rows = rows[:top]
    labels = [textwrap.fill(a.param_label(r.param, lang), 48) for r in rows]
    lines = sum(label.count("\n") + 1 for label in labels)
    fig = _figure(10, 0.15 * lines + 0.12 * len(rows) + 1.4)
    ax = fig.add_subplot()
    for y, r in enumerate(rows):
        for value, colour in ((r.ratio_low, "#ED7D31"), (r.ratio_high, "#5B9BD5")):
            if value is not None:
                ax.barh(y, value - base, left=base, color=colour, height=0.6)
    ax.set_yticks(range(len(rows)), labels, fontsize=8)
    ax.invert_yaxis()
    ax.axvline(base, color="black", linewidth=1, label=f"{T['base-ratio'].get(lang)} {fmt.number(base, 2, lang)}")
    ax.axvline(1.0, color="#C00000", linestyle="--", linewidth=1, label=T["break-even-line"].get(lang))
    ax.set_xlabel(T["ratio-axis"].get(lang))
    ax.set_title(T["tornado"].get(lang))
    from matplotlib.patches import Patch

    handles = [Patch(color="#ED7D31", label=T["col-low"].get(lang)), Patch(color="#5B9BD5", label=T["col-high"].get(lang))]
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
    ax.axvline(1.0, color="#C00000", linestyle="--", linewidth=1.2, label=T["break-even-line"].get(lang))
    for key, style in (("p5", ":"), ("median", "-"), ("p95", ":")):
        ax.axvline(stats[key], color="black", linestyle=style, linewidth=1,
                   label=f"{'P5' if key == 'p5' else 'P95' if key == 'p95' else 'mediaan' if lang == 'nl' else 'median'} "
                         f"{fmt.number(stats[key], 2, lang)}")
    prob = fmt.percent(stats["probability_below_1"], lang)
    below = "P(ratio < 1)"
    draws = fmt.number(mc.draws, 0, lang)
    ax.set_title(f"{T['monte-carlo'].get(lang)} — {draws} {T['draws-axis'].get(lang).lower()}; {below} = {prob}")
    ax.set_xlabel(T["ratio-axis"].get(lang))
    ax.set_ylabel(T["draws-axis"].get(lang))
    ax.legend(fontsize=8)
    return fig

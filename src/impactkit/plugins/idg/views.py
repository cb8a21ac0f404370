"""Charts (matplotlib ``Figure`` objects, no pyplot state) and the themes diagram (DOT, Mermaid)."""

from __future__ import annotations

import textwrap
from typing import Any

from impactkit.plugin import dot_escape, mermaid_text

from . import analysis as a
from .report import count
from .state import State

_T = {
    "changes": {"en": "changes", "nl": "veranderingen"},
    "dimensions_title": {
        "en": "Experienced changes per IDG dimension (n = {n} coded)",
        "nl": "Ervaren veranderingen per IDG-dimensie (n = {n} gecodeerd)",
    },
    "groups_title": {
        "en": "IDG dimensions per stakeholder group (share of coded changes)",
        "nl": "IDG-dimensies per stakeholdergroep (aandeel van gecodeerde veranderingen)",
    },
    "share": {"en": "share of coded changes", "nl": "aandeel van gecodeerde veranderingen"},
}


def _t(key: str, lang: str, **params: Any) -> str:
    text = _T[key]["nl" if lang == "nl" else "en"]
    return text.format(**params) if params else text


def _percent(value: float) -> str:
    return f"{round(value * 100)}%"


def dimensions_chart(s: State, lang: str) -> Any:
    """Bar chart of the dimensions: counts on the bars, shares above them, IDG colours."""
    from matplotlib.figure import Figure

    coded = a.n_coded(s.coded)
    if not coded:
        return None
    counts = a.dimension_counts(s.coded, s.framework)
    shares = a.dimension_shares(s.coded, s.framework) or {}
    dims = s.framework.dimensions
    fig = Figure(figsize=(7.5, 4.2), dpi=100)
    ax = fig.add_subplot()
    labels = [f"{d.label(lang)}\n({d.name})" if lang == "nl" and d.name_nl != d.name else d.label(lang) for d in dims]
    values = [counts[d.name] for d in dims]
    bars = ax.bar(labels, values, color=[s.colour(d.name) for d in dims])
    top = max(values) if values else 0
    for bar, dim in zip(bars, dims):
        ax.annotate(
            f"{counts[dim.name]} ({_percent(shares.get(dim.name, 0.0))})",
            (bar.get_x() + bar.get_width() / 2, bar.get_height()),
            xytext=(0, 3),
            textcoords="offset points",
            ha="center",
            va="bottom",
            fontsize=9,
        )
    ax.set_ylim(0, top * 1.15 + 1)
    ax.set_ylabel(_t("changes", lang))
    ax.set_title(_t("dimensions_title", lang, n=coded), fontsize=11)
    ax.spines[["top", "right"]].set_visible(False)
    fig.tight_layout()
    return fig


def groups_chart(s: State, lang: str) -> Any:
    """Horizontal 100% bars: per stakeholder group, the share of its coded changes per dimension."""
    from matplotlib.figure import Figure

    parts = {k: v for k, v in a.breakdown(s.coded, s.framework, "group").items() if v["coded"]}
    if not parts:
        return None
    dims = s.framework.dimensions
    groups = list(parts)
    fig = Figure(figsize=(8, 0.6 * len(groups) + 1.8), dpi=100)
    ax = fig.add_subplot()
    left = [0.0] * len(groups)
    for dim in dims:
        widths = [(parts[g]["dimension_shares"] or {}).get(dim.name, 0.0) for g in groups]
        ax.barh(groups, widths, left=left, color=s.colour(dim.name), label=dim.label(lang))
        for i, width in enumerate(widths):
            if width >= 0.08:
                ax.text(left[i] + width / 2, i, _percent(width), ha="center", va="center", fontsize=8, color="white")
        left = [x + w for x, w in zip(left, widths)]
    ax.set_yticks(range(len(groups)))
    ax.set_yticklabels([f"{g} (n = {parts[g]['coded']})" for g in groups])
    ax.invert_yaxis()
    ax.set_xlabel(_t("share", lang))
    ax.set_xlim(0, max(1.0, max(left)))
    from matplotlib.ticker import FuncFormatter

    ax.xaxis.set_major_formatter(FuncFormatter(lambda x, _: _percent(x)))
    fig.suptitle(_t("groups_title", lang), fontsize=11)  # centred on the figure: the labels take room
    ax.legend(
        ncol=len(dims),
        loc="upper center",
        bbox_to_anchor=(0.5, -0.25 if len(groups) < 4 else -0.12),
        frameon=False,
        fontsize=8,
    )
    ax.spines[["top", "right"]].set_visible(False)
    fig.tight_layout()
    return fig


def _wrap(text: str, width: int = 38) -> list[str]:
    return textwrap.wrap(text, width) or [text]


def themes_dot(s: State, lang: str) -> str | None:
    """Stakeholder groups → their top themes → IDG dimensions; edge labels count people / changes."""
    top = a.top_changes(s.coded, s.framework, rank_by=s.settings.rank_by, top=s.settings.top)
    if not any(top.values()):
        return None
    lines = [
        "digraph idg_themes {",
        "  rankdir=LR;",
        '  node [fontname="Helvetica", fontsize=10];',
        '  edge [fontname="Helvetica", fontsize=9, color="#777777"];',
    ]
    used: set[str] = set()
    for gi, (group, entries) in enumerate(top.items()):
        lines.append(f'  g{gi} [shape=box, style="rounded,filled", fillcolor="#EEEEEE", label="{dot_escape(group)}"];')
        for ti, entry in enumerate(entries):
            node = f"t{gi}_{ti}"
            label = "\\n".join(dot_escape(line) for line in _wrap(entry["theme"]))
            lines.append(f'  {node} [shape=note, label="{label}"];')
            lines.append(f'  g{gi} -> {node} [label="{count(entry["people"], "people", lang)}"];')
            for dim, n in entry["dimensions"].items():
                key = s.framework.dimension(dim).key
                used.add(dim)
                lines.append(
                    f'  {node} -> d_{key.replace("-", "_")} [label="{n}", '
                    f'color="{s.colour(dim)}", penwidth={1 + min(n, 12) / 4:.2f}];'
                )
    for dim in s.framework.dimensions:
        if dim.name in used:
            lines.append(
                f'  d_{dim.key.replace("-", "_")} [shape=ellipse, style=filled, fontcolor="white", '
                f'fillcolor="{s.colour(dim.name)}", label="{dot_escape(dim.label(lang))}"];'
            )
    lines.append("}")
    return "\n".join(lines) + "\n"


def themes_mermaid(s: State, lang: str) -> str | None:
    top = a.top_changes(s.coded, s.framework, rank_by=s.settings.rank_by, top=s.settings.top)
    if not any(top.values()):
        return None

    lines = ["flowchart LR"]
    used: set[str] = set()
    for gi, (group, entries) in enumerate(top.items()):
        lines.append(f'  g{gi}["{mermaid_text(group)}"]')
        for ti, entry in enumerate(entries):
            node = f"t{gi}_{ti}"
            lines.append(f'  {node}["{mermaid_text(entry["theme"])}"]')
            lines.append(f'  g{gi} -- "{count(entry["people"], "people", lang)}" --> {node}')
            for dim, n in entry["dimensions"].items():
                used.add(dim)
                lines.append(f'  {node} -- "{n}" --> d_{s.framework.dimension(dim).key.replace("-", "_")}')
    for dim in s.framework.dimensions:
        if dim.name in used:
            node = f"d_{dim.key.replace('-', '_')}"
            lines.append(f'  {node}(("{mermaid_text(dim.label(lang))}"))')
            lines.append(f"  style {node} fill:{s.colour(dim.name)},color:#fff")
    return "\n".join(lines) + "\n"

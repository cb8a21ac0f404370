"""Charts (matplotlib ``Figure`` objects, no pyplot state) and the themes diagram (DOT, Mermaid)."""

from __future__ import annotations

import textwrap
from typing import Any

from impactkit.plugin import catalog, dot_escape, fill, format_list, format_number, format_percent, mermaid_text

from . import analysis as a
from .report import group_name, people, shares_shown
from .state import State

CHART_WORDS = catalog(
    [
        ("changes", "changes", "veranderingen"),
        (
            "dimensions-title",
            (
                "Experienced changes per IDG dimension (n = {n} coded change)",
                "Experienced changes per IDG dimension (n = {n} coded changes)",
            ),
            (
                "Ervaren veranderingen per IDG-dimensie (n = {n} gecodeerde verandering)",
                "Ervaren veranderingen per IDG-dimensie (n = {n} gecodeerde veranderingen)",
            ),
        ),
        (
            "groups-title",
            (
                "IDG dimensions per stakeholder group (share of the coded changes, n = {n})",
                "IDG dimensions per stakeholder group (share of the coded changes, n = {n})",
            ),
            (
                "IDG-dimensies per stakeholdergroep (aandeel van de gecodeerde veranderingen, n = {n})",
                "IDG-dimensies per stakeholdergroep (aandeel van de gecodeerde veranderingen, n = {n})",
            ),
        ),
        ("share", "share of the coded changes", "aandeel van de gecodeerde veranderingen"),
        ("group-n", "{group} (n = {n})", "{group} (n = {n})"),
        (
            "counts-only",
            "counts, too few for shares: {counts}",
            "aantallen, te weinig voor aandelen: {counts}",
        ),
        (
            "small-n",
            (
                "Below {n} coded change a group is shown as counts, not as shares.",
                "Below {n} coded changes a group is shown as counts, not as shares.",
            ),
            (
                "Onder {n} gecodeerde verandering staat een groep als aantallen, niet als aandelen.",
                "Onder {n} gecodeerde veranderingen staat een groep als aantallen, niet als aandelen.",
            ),
        ),
        (
            "small-n-all",
            (
                "Fewer than {n} coded change: counts, not shares.",
                "Fewer than {n} coded changes: counts, not shares.",
            ),
            (
                "Minder dan {n} gecodeerde verandering: aantallen, geen aandelen.",
                "Minder dan {n} gecodeerde veranderingen: aantallen, geen aandelen.",
            ),
        ),
        (
            "themes-caption",
            (
                "Top themes per stakeholder group (n = {n} coded change); lines count people and changes",
                "Top themes per stakeholder group (n = {n} coded changes); lines count people and changes",
            ),
            (
                "Belangrijkste thema's per stakeholdergroep (n = {n} gecodeerde verandering); lijnen tellen mensen "
                "en veranderingen",
                "Belangrijkste thema's per stakeholdergroep (n = {n} gecodeerde veranderingen); lijnen tellen "
                "mensen en veranderingen",
            ),
        ),
    ]
)


def _word(key: str, lang: str, **params: Any) -> str:
    return fill(CHART_WORDS[key], **params).get(lang)


def _tick_percent(value: float, lang: str) -> str:
    """An axis tick of shares (0, 0.2 … 1): a whole percentage."""
    return format_percent(value, lang, decimals=0)


def dimensions_chart(s: State, lang: str) -> Any:
    """Bar chart of the dimensions: counts on the bars, shares beside them (only with at least
    ``min_n`` coded changes), IDG colours; the title gives the n of coded changes."""
    from matplotlib.figure import Figure

    coded = a.n_coded(s.coded)
    if not coded:
        return None
    with_shares = shares_shown(coded, s)
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
        text = format_number(counts[dim.name], lang)
        if with_shares:
            text += f" ({format_percent(shares.get(dim.name, 0.0), lang)})"
        ax.annotate(
            text,
            (bar.get_x() + bar.get_width() / 2, bar.get_height()),
            xytext=(0, 3),
            textcoords="offset points",
            ha="center",
            va="bottom",
            fontsize=9,
        )
    ax.set_ylim(0, top * 1.15 + 1)
    ax.yaxis.get_major_locator().set_params(integer=True)
    ax.set_ylabel(_word("changes", lang))
    title = _word("dimensions-title", lang, n=coded)
    if not with_shares:
        title += "\n" + _word("small-n-all", lang, n=s.settings.min_n)
    ax.set_title(title, fontsize=11)
    ax.spines[["top", "right"]].set_visible(False)
    fig.tight_layout()
    return fig


def groups_chart(s: State, lang: str) -> Any:
    """Horizontal 100% bars: per stakeholder group, the share of its coded changes per dimension.
    A group with fewer than ``min_n`` coded changes gets no bar: its counts are written in its row,
    and the title says why. Every row says its n; the title the n of all coded changes."""
    from matplotlib.figure import Figure

    parts = {k: v for k, v in a.breakdown(s.coded, s.framework, "group").items() if v["coded"]}
    if not parts:
        return None
    dims = s.framework.dimensions
    groups = list(parts)
    small = {g for g in groups if not shares_shown(parts[g]["coded"], s)}
    fig = Figure(figsize=(8, 0.6 * len(groups) + 1.8 + (0.3 if small else 0)), dpi=100)
    ax = fig.add_subplot()
    left = [0.0] * len(groups)
    for dim in dims:
        widths = [0.0 if g in small else (parts[g]["dimension_shares"] or {}).get(dim.name, 0.0) for g in groups]
        ax.barh(groups, widths, left=left, color=s.colour(dim.name), label=dim.label(lang))
        for i, width in enumerate(widths):
            if width >= 0.08:
                ax.text(
                    left[i] + width / 2,
                    i,
                    format_percent(width, lang, decimals=0),
                    ha="center",
                    va="center",
                    fontsize=8,
                    color="white",
                )
        left = [x + w for x, w in zip(left, widths)]
    for i, group in enumerate(groups):
        if group in small:
            counts = parts[group]["dimension_counts"]
            listed = [f"{d.label(lang)} {format_number(counts[d.name], lang)}" for d in dims if counts.get(d.name)]
            ax.text(
                0.01,
                i,
                _word("counts-only", lang, counts=format_list(listed, lang)),
                ha="left",
                va="center",
                fontsize=8,
                color="#444444",
            )
    ax.set_yticks(range(len(groups)))
    ax.set_yticklabels(
        [_word("group-n", lang, group=group_name(s.study, g), n=format_number(parts[g]["coded"], lang)) for g in groups]
    )
    ax.invert_yaxis()
    ax.set_xlabel(_word("share", lang))
    ax.set_xlim(0, max(1.0, max(left)))
    from matplotlib.ticker import FuncFormatter

    ax.xaxis.set_major_formatter(FuncFormatter(lambda x, _: _tick_percent(x, lang)))
    title = _word("groups-title", lang, n=a.n_coded(s.coded))
    if small:
        title += "\n" + _word("small-n", lang, n=s.settings.min_n)
    fig.suptitle(title, fontsize=11)  # centred on the figure: the labels take room
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


def _pen(n: int) -> float:
    """The line width of an edge that counts ``n`` changes (a DOT attribute, not a figure)."""
    return round(1 + min(n, 12) / 4, 2)


def _wrap(text: str, width: int = 38) -> list[str]:
    return textwrap.wrap(text, width) or [text]


def themes_dot(s: State, lang: str) -> str | None:
    """Stakeholder groups → their top themes → IDG dimensions; edge labels count people / changes."""
    top = a.top_changes(s.coded, s.framework, rank_by=s.settings.rank_by, top=s.settings.top)
    if not any(top.values()):
        return None
    caption = dot_escape(_word("themes-caption", lang, n=a.n_coded(s.coded)))
    lines = [
        "digraph idg_themes {",
        "  rankdir=LR;",
        f'  label="{caption}"; labelloc=t; fontname="Helvetica"; fontsize=11;',
        '  node [fontname="Helvetica", fontsize=10];',
        '  edge [fontname="Helvetica", fontsize=9, color="#777777"];',
    ]
    used: set[str] = set()
    for gi, (group, entries) in enumerate(top.items()):
        name = dot_escape(group_name(s.study, group))
        lines.append(f'  g{gi} [shape=box, style="rounded,filled", fillcolor="#EEEEEE", label="{name}"];')
        for ti, entry in enumerate(entries):
            node = f"t{gi}_{ti}"
            label = "\\n".join(dot_escape(line) for line in _wrap(entry["theme"]))
            lines.append(f'  {node} [shape=note, label="{label}"];')
            lines.append(f'  g{gi} -> {node} [label="{people(entry["people"], lang)}"];')
            for dim, n in entry["dimensions"].items():
                key = s.framework.dimension(dim).key
                used.add(dim)
                lines.append(
                    f'  {node} -> d_{key.replace("-", "_")} [label="{format_number(n, lang)}", '
                    f'color="{s.colour(dim)}", penwidth={_pen(n)}];'
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
        lines.append(f'  g{gi}["{mermaid_text(group_name(s.study, group))}"]')
        for ti, entry in enumerate(entries):
            node = f"t{gi}_{ti}"
            lines.append(f'  {node}["{mermaid_text(entry["theme"])}"]')
            lines.append(f'  g{gi} -- "{people(entry["people"], lang)}" --> {node}')
            for dim, n in entry["dimensions"].items():
                used.add(dim)
                target = f"d_{s.framework.dimension(dim).key.replace('-', '_')}"
                lines.append(f'  {node} -- "{format_number(n, lang)}" --> {target}')
    for dim in s.framework.dimensions:
        if dim.name in used:
            node = f"d_{dim.key.replace('-', '_')}"
            lines.append(f'  {node}(("{mermaid_text(dim.label(lang))}"))')
            lines.append(f"  style {node} fill:{s.colour(dim.name)},color:#fff")
    return "\n".join(lines) + "\n"

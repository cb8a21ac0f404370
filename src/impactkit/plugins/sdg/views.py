"""Charts (matplotlib ``Figure`` objects, no pyplot state) and the helices diagram (DOT, Mermaid).

* ``goals_chart``: the 17 goals as bars, the reached ones in their official SDG colour, the others
  grey; the title says how many of the 17 are reached and the n: the changes with a goal.
* ``helix_goals_chart``: a heatmap of changes per helix (rows) and reached goal (columns); its n:
  the changes that reach a reached goal.
* ``helices_dot`` / ``helices_mermaid``: stakeholder groups (as the study names them) → helices →
  reached goals, edge labels counting changes.

Every word comes from :data:`CHART_WORDS`, every number from the public formatters.
"""

from __future__ import annotations

import textwrap
from typing import Any

from impactkit.plugin import HELIX_LABELS, catalog, dot_escape, fill, format_number, helix_label, mermaid_text

from . import analysis as a
from .goals import GOALS, GREY, goals
from .report import group_name
from .state import State

CHART_WORDS = catalog(
    [
        ("changes", "changes", "veranderingen"),
        (
            "goals-title",
            (
                "The changes contribute to {reached} of the 17 SDGs\n(changes per goal; n = {n} change with a goal, "
                "of {total})",
                "The changes contribute to {reached} of the 17 SDGs\n(changes per goal; n = {n} changes with a "
                "goal, of {total})",
            ),
            (
                "De veranderingen dragen bij aan {reached} van de 17 SDG's\n(veranderingen per doel; n = {n} "
                "verandering met een doel, van de {total})",
                "De veranderingen dragen bij aan {reached} van de 17 SDG's\n(veranderingen per doel; n = {n} "
                "veranderingen met een doel, van de {total})",
            ),
        ),
        (
            "heat-title",
            (
                "Changes per helix and SDG (n = {n} change with a reached goal;\n{reached} of the 17 SDGs, {helices})",
                "Changes per helix and SDG (n = {n} changes with a reached goal;\n{reached} of the 17 SDGs, {helices})",
            ),
            (
                "Veranderingen per helix en SDG (n = {n} verandering met een bereikt doel;\n{reached} van de 17 "
                "SDG's, {helices})",
                "Veranderingen per helix en SDG (n = {n} veranderingen met een bereikt doel;\n{reached} van de 17 "
                "SDG's, {helices})",
            ),
        ),
        ("helices", ("{n} helix", "{n} helices"), ("{n} helix", "{n} helices")),
        ("no-helix", "no helix", "geen helix"),
        (
            "minimum",
            ("reached: at least {n} change", "reached: at least {n} changes"),
            ("bereikt: minstens {n} verandering", "bereikt: minstens {n} veranderingen"),
        ),
        (
            "helices-caption",
            (
                "Stakeholder groups, helices and the SDGs they reach (n = {n} change with a reached goal)",
                "Stakeholder groups, helices and the SDGs they reach (n = {n} changes with a reached goal)",
            ),
            (
                "Stakeholdergroepen, helices en de SDG's die ze bereiken (n = {n} verandering met een bereikt doel)",
                "Stakeholdergroepen, helices en de SDG's die ze bereiken (n = {n} veranderingen met een bereikt doel)",
            ),
        ),
    ]
)


def _word(key: str, lang: str, **params: object) -> str:
    return fill(CHART_WORDS[key], **params).get(lang)


def _ink(colour: str) -> str:
    """Black or white text, whichever reads better on ``colour``."""
    r, g, b = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    return "#000000" if 0.299 * r + 0.587 * g + 0.114 * b > 150 else "#FFFFFF"


def goals_chart(s: State, lang: str) -> Any:
    """17 horizontal bars, official colours for the reached goals, grey for the rest."""
    from matplotlib.figure import Figure

    if not a.n_coded(s.items):
        return None
    counts = a.goal_counts(s.items)
    reached = set(a.reached(s.items, s.min_changes))
    info = goals()
    fig = Figure(figsize=(8.5, 6.4), dpi=100)
    ax = fig.add_subplot()
    values = [counts[str(g)] for g in GOALS]
    colours = [info[g].colour if g in reached else GREY for g in GOALS]
    positions = list(range(len(GOALS)))
    bars = ax.barh(positions, values, color=colours)
    top = max(values + [0])
    for bar, value in zip(bars, values):
        if value:
            ax.annotate(
                format_number(value, lang),
                (bar.get_width(), bar.get_y() + bar.get_height() / 2),
                xytext=(3, 0),
                textcoords="offset points",
                ha="left",
                va="center",
                fontsize=9,
            )
    ax.set_yticks(positions)
    ax.set_yticklabels([f"{g}  {info[g].short(lang)}" for g in GOALS], fontsize=9)
    for label, g in zip(ax.get_yticklabels(), GOALS):
        label.set_color("#000000" if g in reached else "#999999")
    ax.invert_yaxis()
    ax.set_xlim(0, top * 1.12 + 1)
    ax.set_xlabel(_word("changes", lang))
    total = format_number(len(s.items), lang)
    title = _word("goals-title", lang, reached=len(reached), n=a.n_coded(s.items), total=total)
    fig.suptitle(title, fontsize=11)  # centred on the figure: the goal names take room
    if s.min_changes > 1:
        ax.axvline(s.min_changes, color="#777777", linewidth=0.8, linestyle="--")
        ax.text(
            s.min_changes,
            len(GOALS) - 0.4,
            " " + _word("minimum", lang, n=s.min_changes),
            ha="left",
            va="bottom",
            fontsize=8,
            color="#555555",
        )
    ax.spines[["top", "right"]].set_visible(False)
    fig.tight_layout()
    return fig


def _heat_rows(s: State) -> tuple[list[str], list[int], list[list[int]]]:
    table = a.goal_helix(s.items, s.min_changes)
    goals_ = [int(g) for g in table]
    helices = [h for h in (*a.HELICES, "none") if any(row.get(h) for row in table.values())]
    grid = [[table[str(g)].get(h, 0) for g in goals_] for h in helices]
    return helices, goals_, grid


def helix_goals_chart(s: State, lang: str) -> Any:
    """Heatmap: helices × reached goals, the number of changes in each cell."""
    from matplotlib.figure import Figure

    helices, goals_, grid = _heat_rows(s)
    if not goals_ or not helices:
        return None
    info = goals()
    fig = Figure(figsize=(1.0 + 0.75 * len(goals_) + 1.6, 0.6 * len(helices) + 2.2), dpi=100)
    ax = fig.add_subplot()
    top = max(max(row) for row in grid) or 1
    image = ax.imshow(grid, cmap="Blues", vmin=0, vmax=top, aspect="auto")
    for i, row in enumerate(grid):
        for j, value in enumerate(row):
            ax.text(
                j,
                i,
                format_number(value, lang),
                ha="center",
                va="center",
                fontsize=9,
                color="white" if value > top * 0.6 else "black",
            )
    ax.set_xticks(range(len(goals_)))
    ax.set_xticklabels([f"SDG {g}" for g in goals_], fontsize=8)
    for label, g in zip(ax.get_xticklabels(), goals_):
        label.set_color(info[g].colour)
        label.set_fontweight("bold")
    ax.set_yticks(range(len(helices)))
    ax.set_yticklabels([_helix_label(h, lang) for h in helices], fontsize=9)
    helices_ = fill(CHART_WORDS["helices"], n=len(a.helices_reached(s.study, s.items, s.min_changes)))
    n = a.n_reaching(s.items, s.min_changes)
    ax.set_title(_word("heat-title", lang, n=n, reached=len(goals_), helices=helices_), fontsize=11)
    fig.colorbar(image, ax=ax, label=_word("changes", lang), shrink=0.8)
    fig.tight_layout()
    return fig


def _flows(s: State) -> tuple[dict[tuple[str, str], int], dict[tuple[str, int], int]]:
    """(group, helix) → changes and (helix, goal) → changes, over reached goals only."""
    reached = set(a.reached(s.items, s.min_changes))
    group_helix: dict[tuple[str, str], int] = {}
    helix_goal: dict[tuple[str, int], int] = {}
    for item in s.items:
        goals_ = [g for g in item.goals if g in reached]
        if not goals_:
            continue
        helix = item.helix or "none"
        group_helix[(item.group, helix)] = group_helix.get((item.group, helix), 0) + 1
        for g in goals_:
            helix_goal[(helix, g)] = helix_goal.get((helix, g), 0) + 1
    return group_helix, helix_goal


def _pen(n: int) -> float:
    """The line width of an edge that counts ``n`` changes (a DOT attribute, not a figure)."""
    return round(1 + min(n, 40) / 10, 2)


def _helix_label(helix: str, lang: str) -> str:
    return helix_label(helix, lang) if helix in HELIX_LABELS else _word("no-helix", lang)


def helices_dot(s: State, lang: str) -> str | None:
    """Stakeholder groups → helices → SDGs; edge labels count changes, goal nodes in SDG colours."""
    group_helix, helix_goal = _flows(s)
    if not helix_goal:
        return None
    info = goals()
    groups = list(dict.fromkeys(g for g, _ in group_helix))
    helices = [h for h in (*a.HELICES, "none") if any(k[1] == h for k in group_helix)]
    goals_ = sorted({g for _, g in helix_goal})
    caption = dot_escape(_word("helices-caption", lang, n=a.n_reaching(s.items, s.min_changes)))
    lines = [
        "digraph sdg_helices {",
        "  rankdir=LR;",
        f'  label="{caption}"; labelloc=t; fontname="Helvetica"; fontsize=11;',
        '  node [fontname="Helvetica", fontsize=10];',
        '  edge [fontname="Helvetica", fontsize=9, color="#777777"];',
    ]
    for gi, group in enumerate(groups):
        name = dot_escape(group_name(s.study, group))
        lines.append(f'  g{gi} [shape=box, style="rounded,filled", fillcolor="#EEEEEE", label="{name}"];')
    for helix in helices:
        lines.append(
            f'  h_{helix} [shape=hexagon, style=filled, fillcolor="#DDE7F0", '
            f'label="{dot_escape(_helix_label(helix, lang))}"];'
        )
    for g in goals_:
        colour = info[g].colour
        label = "\\n".join(dot_escape(line) for line in textwrap.wrap(info[g].label(lang), 22))
        lines.append(
            f'  sdg{g} [shape=box, style="filled", fillcolor="{colour}", fontcolor="{_ink(colour)}", label="{label}"];'
        )
    for (group, helix), n in group_helix.items():
        lines.append(f'  g{groups.index(group)} -> h_{helix} [label="{format_number(n, lang)}"];')
    for (helix, g), n in sorted(helix_goal.items(), key=lambda kv: (helices.index(kv[0][0]), kv[0][1])):
        lines.append(
            f'  h_{helix} -> sdg{g} [label="{format_number(n, lang)}", color="{info[g].colour}", penwidth={_pen(n)}];'
        )
    lines.append("}")
    return "\n".join(lines) + "\n"


def helices_mermaid(s: State, lang: str) -> str | None:
    group_helix, helix_goal = _flows(s)
    if not helix_goal:
        return None
    info = goals()

    groups = list(dict.fromkeys(g for g, _ in group_helix))
    lines = ["flowchart LR"]
    for gi, group in enumerate(groups):
        lines.append(f'  g{gi}["{mermaid_text(group_name(s.study, group))}"]')
    for helix in dict.fromkeys(h for _, h in group_helix):
        lines.append(f'  h_{helix}{{{{"{mermaid_text(_helix_label(helix, lang))}"}}}}')
    for g in sorted({g for _, g in helix_goal}):
        lines.append(f'  sdg{g}["{mermaid_text(info[g].label(lang))}"]')
        lines.append(f"  style sdg{g} fill:{info[g].colour},color:{_ink(info[g].colour)}")
    for (group, helix), n in group_helix.items():
        lines.append(f'  g{groups.index(group)} -- "{format_number(n, lang)}" --> h_{helix}')
    for (helix, g), n in sorted(helix_goal.items()):
        lines.append(f'  h_{helix} -- "{format_number(n, lang)}" --> sdg{g}')
    return "\n".join(lines) + "\n"

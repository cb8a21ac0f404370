"""The value-creation matrix: the stories (grouped by who tells them) against the seven cycles.

Each cell a story tells of is coloured by its cycle and holds the ids of the experienced changes
that back it up (or "told" when it cites none); a story that claims realised value without
applied value behind it has its applied cell marked. The table of the same name holds the text.
"""

from __future__ import annotations

import html
from typing import TYPE_CHECKING, Any

from impactkit.plugin import dot_escape, fill, wrap

from .analysis import State, state
from .cycles import CYCLES
from .texts import MESSAGES

if TYPE_CHECKING:  # pragma: no cover
    from impactkit.plugin import Context

GAP_COLOUR = "#f4c7c3"
HEADER_COLOUR = "#eeeeee"


def _cell(lines: list[str], **attrs: str) -> str:
    extra = "".join(f' {key.upper()}="{value}"' for key, value in attrs.items())
    return f"<TD{extra}>" + "<BR/>".join(html.escape(line) for line in lines) + "</TD>"


def community(current: State, lang: str) -> str:
    return current.settings.community or MESSAGES["the-community"].get(lang)


def holder_name(ctx: Context, key: str) -> str:
    holder = ctx.study.stakeholder(key)
    return holder.name if holder else key


def matrix_dot(ctx: Context, lang: str) -> str | None:
    """The matrix as DOT (an HTML-like table), or ``None`` when the study tells no story."""
    current = state(ctx)
    if current is None or not current.stories:
        return None
    changes = ctx.study.change_list
    rows = [
        "<TR>"
        + _cell([MESSAGES["stakeholder"].get(lang)], bgcolor=HEADER_COLOUR)
        + _cell([MESSAGES["story"].get(lang)], bgcolor=HEADER_COLOUR)
        + "".join(_cell(wrap(c.name.get(lang), 15), bgcolor=c.colour) for c in CYCLES)
        + "</TR>"
    ]
    for key in current.stakeholders:
        stories = current.of(key)
        for k, told in enumerate(stories):
            cells = [_cell(wrap(holder_name(ctx, key), 16), rowspan=str(len(stories)))] if k == 0 else []
            cells.append(_cell(wrap(told.story.title, 28, 3), align="left"))
            for cycle in CYCLES:
                if cycle.id in told.cycles:
                    ids = [changes[i].id or str(i + 1) for i in told.changes(cycle.id)]
                    text = wrap(", ".join(ids), 15, 3) if ids else [MESSAGES["told"].get(lang)]
                    cells.append(_cell(text, bgcolor=cycle.colour))
                elif cycle.id == "applied" and told.realised_without_applied:
                    cells.append(_cell(wrap(MESSAGES["no-applied"].get(lang), 15), bgcolor=GAP_COLOUR))
                else:
                    cells.append(_cell([""]))
            rows.append("<TR>" + "".join(cells) + "</TR>")
    legend = MESSAGES["legend"].get(lang)
    rows.append(f'<TR><TD COLSPAN="{len(CYCLES) + 2}" ALIGN="left">{html.escape(legend)}</TD></TR>')
    title = fill(MESSAGES["matrix-title"], community=community(current, lang)).get(lang)
    table = '<TABLE BORDER="0" CELLBORDER="1" CELLSPACING="0" CELLPADDING="5">' + "".join(rows) + "</TABLE>"
    return "\n".join(
        [
            "digraph value_creation {",
            f'  graph [label="{dot_escape(title)}", labelloc=t, fontname="Helvetica", fontsize=14];',
            '  node [shape=plaintext, fontname="Helvetica", fontsize=10];',
            f"  matrix [label=<{table}>];",
            "}",
            "",
        ]
    )


def matrix_table(ctx: Context) -> Any:
    """The matrix as a table: one row per story, the account of each cycle in its own column."""
    import pandas as pd

    current = state(ctx)
    if current is None:
        return None
    changes = ctx.study.change_list
    rows = []
    for told in current.stories:
        row: dict[str, Any] = {"story": told.story.id, "title": told.story.title, "stakeholder": told.stakeholder}
        for cycle in CYCLES:
            found = told.story.account(cycle.id)
            row[cycle.id] = found[1].text if found else ""
        row["changes"] = "; ".join(changes[i].id or str(i + 1) for i in told.changes())
        row["realised_without_applied"] = told.realised_without_applied
        rows.append(row)
    columns = ["story", "title", "stakeholder", *(c.id for c in CYCLES), "changes", "realised_without_applied"]
    return pd.DataFrame(rows, columns=columns)

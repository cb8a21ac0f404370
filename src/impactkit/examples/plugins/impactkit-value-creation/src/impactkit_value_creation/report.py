"""The report section: how far the stories reach, per cycle and per stakeholder, and the stories themselves."""

from __future__ import annotations

from typing import TYPE_CHECKING

from impactkit.plugin import fill, format_list, format_number, md_escape, md_table

from .analysis import state
from .cycles import CYCLES
from .texts import MESSAGES
from .views import community, holder_name

if TYPE_CHECKING:  # pragma: no cover
    from impactkit.plugin import Context


def render(ctx: Context, lang: str) -> str | None:
    """The section in ``lang``, or ``None`` (left out) when the study tells no story."""
    current = state(ctx)
    if current is None or not current.stories:
        return None
    say = {key: text.get(lang) for key, text in MESSAGES.items() if hasattr(text, "get")}
    changes = ctx.study.change_list
    tellers = format_list([holder_name(ctx, key) for key in current.stakeholders], lang)
    summary = fill(MESSAGES["summary"], n=len(current.stories), community=community(current, lang), tellers=tellers)
    out = [md_escape(summary.get(lang)), md_escape(say["per-cycle"])]
    counts = current.cycle_counts()
    out.append(
        md_table(
            [say["cycle"], say["stories"], say["question"]],
            [[c.name.get(lang), format_number(counts[c.id], lang), c.question.get(lang)] for c in CYCLES],
        )
    )
    out.append(md_escape(say["per-stakeholder"]))
    out.append(
        md_table(
            [say["stakeholder"], *(c.name.get(lang) for c in CYCLES)],
            [
                [
                    holder_name(ctx, key),
                    *(format_number(n, lang) for n in current.cycle_counts(current.of(key)).values()),
                ]
                for key in current.stakeholders
            ],
        )
    )
    out.append(f"**{md_escape(say['the-stories'])}**")
    for told in current.stories:
        teller = fill(MESSAGES["told-by"], stakeholder=holder_name(ctx, told.stakeholder)).get(lang)
        lines = [f"*{md_escape(told.story.title)}* — {md_escape(teller)} (`{told.story.id}`)", ""]
        for cycle in CYCLES:
            found = told.story.account(cycle.id)
            if found is None:
                continue
            account = found[1]
            notes = []
            if account.evidence:
                notes.append(fill(MESSAGES["evidence"], evidence=account.evidence).get(lang))
            cited = told.changes(cycle.id)
            if cited:
                ids = ", ".join(changes[i].id or str(i + 1) for i in cited)
                notes.append(fill(MESSAGES["changes"], n=len(cited), changes=ids).get(lang))
            tail = f" ({md_escape('; '.join(notes))})" if notes else ""
            lines.append(f"- **{md_escape(cycle.name.get(lang))}**: {md_escape(account.text)}{tail}")
            for i in cited:
                change = changes[i]
                lines.append(
                    f"  - {md_escape(change.id or str(i + 1))}, {md_escape(change.person)}: {md_escape(change.change)}"
                )
        if told.realised_without_applied:
            lines.append(f"\n> {md_escape(say['gap-note'])}")
        out.append("\n".join(lines))
    return "\n\n".join(out)

"""Counting helpers of the core plugin."""

from __future__ import annotations

from typing import Any


def distinct_changes(study: Any) -> int:
    """Changes counted once each: rows sharing an ``id`` are codings of the same change."""
    seen: set[str] = set()
    count = 0
    for change in study.change_list:
        if change.id is None:
            count += 1
        elif change.id not in seen:
            seen.add(change.id)
            count += 1
    return count


def group_of(study: Any, stakeholder: str) -> str:
    holder = study.stakeholder(stakeholder)
    if holder is None:
        return stakeholder
    return holder.group or holder.id


def changes_per_group(ctx: Any) -> Any:
    import pandas as pd

    rows: dict[str, dict[str, set]] = {}
    for change in ctx.study.change_list:
        group = group_of(ctx.study, change.stakeholder)
        entry = rows.setdefault(group, {"changes": set(), "people": set(), "roles": set()})
        entry["changes"].add(change.id or f"row{change.row}:{id(change)}")
        entry["people"].add(change.person)
        if change.role:
            entry["roles"].add(change.role.strip().casefold())
    if not rows:
        return None
    frame = pd.DataFrame(
        [{"group": g, "changes": len(v["changes"]), "people": len(v["people"]), "roles": len(v["roles"])}
         for g, v in sorted(rows.items())])
    return frame.set_index("group")

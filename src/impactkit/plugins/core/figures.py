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


def role_key(role: str) -> str:
    """A role as counted: ``Teacher`` and ``teacher `` are one role."""
    return role.strip().casefold()


def people(study: Any) -> int:
    """Different people who reported changes (metric ``core.people``): by respondent when a change
    has one, else by person (``Change.who``)."""
    return len({c.who for c in study.change_list})


def roles(study: Any) -> int:
    """Different roles among them, by :func:`role_key` (metric ``core.roles``)."""
    return len({role_key(c.role) for c in study.change_list if c.role})


def groups(study: Any) -> int:
    """Stakeholder groups that reported changes, by :func:`group_of` (metric ``core.stakeholder_groups``)."""
    return len({group_of(study, c.stakeholder) for c in study.change_list})


def changes_per_group(ctx: Any) -> Any:
    import pandas as pd

    rows: dict[str, dict[str, set]] = {}
    for change in ctx.study.change_list:
        group = group_of(ctx.study, change.stakeholder)
        entry = rows.setdefault(group, {"changes": set(), "people": set(), "roles": set()})
        entry["changes"].add(change.id or f"row{change.row}:{id(change)}")
        entry["people"].add(change.who)
        if change.role:
            entry["roles"].add(role_key(change.role))
    if not rows:
        return None
    frame = pd.DataFrame(
        [
            {"group": g, "changes": len(v["changes"]), "people": len(v["people"]), "roles": len(v["roles"])}
            for g, v in sorted(rows.items())
        ]
    )
    return frame.set_index("group")

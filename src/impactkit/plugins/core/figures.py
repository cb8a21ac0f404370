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


def group_label(study: Any, group: str) -> str:
    """A group as the study writes it: the ``group`` its stakeholders give, or, for a stakeholder
    without a group (whose id stands for its group), its name."""
    holder = study.stakeholder(group)
    if holder is not None and holder.group is None and holder.id == group:
        return holder.name
    return group


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


def per_group(study: Any) -> dict[str, dict[str, int]]:
    """Per stakeholder group (:func:`group_of`), in the order the groups first report: its changes
    (rows sharing an id once), people and roles."""
    rows: dict[str, dict[str, set]] = {}
    for i, change in enumerate(study.change_list):
        group = group_of(study, change.stakeholder)
        entry = rows.setdefault(group, {"changes": set(), "people": set(), "roles": set()})
        entry["changes"].add(change.id or f"#{i}")
        entry["people"].add(change.who)
        if change.role:
            entry["roles"].add(role_key(change.role))
    return {group: {key: len(values) for key, values in entry.items()} for group, entry in rows.items()}


def quoted(study: Any) -> int:
    """Changes (rows sharing an id once) with a quote the outputs may show: the study is the one
    the core shows, so a quote without consent is already withheld."""
    seen: set[str] = set()
    count = 0
    for i, change in enumerate(study.change_list):
        key = change.id or f"#{i}"
        if key in seen:
            continue
        seen.add(key)
        count += bool((change.quote or "").strip())
    return count


def waves(study: Any) -> list[str]:
    """The rounds (``wave``) the changes were collected in, in the order they first appear."""
    return list(dict.fromkeys(str(c.wave).strip() for c in study.change_list if c.wave and str(c.wave).strip()))


def changes_per_group(ctx: Any) -> Any:
    import pandas as pd

    groups = per_group(ctx.study)
    if not groups:
        return None
    frame = pd.DataFrame(
        [
            {"group": g, "changes": v["changes"], "people": v["people"], "roles": v["roles"]}
            for g, v in sorted(groups.items())
        ]
    )
    return frame.set_index("group")

"""Counting helpers of the core plugin, on the changes as one table (``study.change_frame``): each
figure is a count of distinct values of a column, worked out once per distinct value."""

from __future__ import annotations

from typing import Any

from impactkit.plugin import each_value


def _frame(study: Any) -> Any:
    return study.change_frame


def _text(value: Any) -> str:
    return value if isinstance(value, str) else ""


def _per_value(series: Any, fn: Any) -> Any:
    """``fn`` of every value of ``series`` (:func:`~impactkit.plugin.each_value`), as a Series."""
    import pandas as pd

    return pd.Series(each_value(series, fn), index=series.index, dtype=object)


def _who(frame: Any) -> Any:
    """Who reported each change, as people are counted: the respondent when given, else the person."""
    respondent = frame["respondent"]
    given = _per_value(respondent, lambda r: bool(_text(r))).astype(bool)
    return respondent.where(given, frame["person"])


def _change_keys(frame: Any) -> Any:
    """Which change each row is: its ``id`` (rows sharing an id are codings of one change), else
    its position (``#0``, ``#1``…)."""
    import pandas as pd

    ids = frame["id"]
    given = _per_value(ids, lambda v: bool(_text(v))).astype(bool)
    return ids.where(given, pd.Series([f"#{i}" for i in range(len(frame))], index=frame.index, dtype=object))


def distinct_changes(study: Any) -> int:
    """Changes counted once each: rows sharing an ``id`` are codings of the same change."""
    ids = _frame(study)["id"]
    return int(ids.isna().sum()) + int(ids.dropna().nunique())


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


def _roles(frame: Any) -> Any:
    """Each change's role as counted (:func:`role_key`), ``None`` without one."""
    return _per_value(frame["role"], lambda r: role_key(r) if _text(r) else None)


def _groups(study: Any, frame: Any) -> Any:
    return _per_value(frame["stakeholder"], lambda s: group_of(study, s))


def people(study: Any) -> int:
    """Different people who reported changes (metric ``core.people``): by respondent when a change
    has one, else by person (``Change.who``)."""
    return int(_who(_frame(study)).nunique())


def roles(study: Any) -> int:
    """Different roles among them, by :func:`role_key` (metric ``core.roles``)."""
    return int(_roles(_frame(study)).nunique())


def groups(study: Any) -> int:
    """Stakeholder groups that reported changes, by :func:`group_of` (metric ``core.stakeholder_groups``)."""
    frame = _frame(study)
    return int(_groups(study, frame).nunique()) if len(frame) else 0


def per_group(study: Any) -> dict[str, dict[str, int]]:
    """Per stakeholder group (:func:`group_of`), in the order the groups first report: its changes
    (rows sharing an id once), people and roles."""
    import pandas as pd

    frame = _frame(study)
    if not len(frame):
        return {}
    table = pd.DataFrame(
        {"group": _groups(study, frame), "changes": _change_keys(frame), "people": _who(frame), "roles": _roles(frame)}
    )
    counted = table.groupby("group", sort=False).nunique()
    return {
        str(group): {key: int(counted.at[group, key]) for key in ("changes", "people", "roles")}
        for group in counted.index
    }


def quoted(study: Any) -> int:
    """Changes (rows sharing an id once) with a quote the outputs may show: the study is the one
    the core shows, so a quote without consent is already withheld."""
    frame = _frame(study)
    if not len(frame):
        return 0
    first = ~_change_keys(frame).duplicated()
    with_quote = _per_value(frame["quote"], lambda q: bool(_text(q).strip())).astype(bool)
    return int((first & with_quote).sum())


def waves(study: Any) -> list[str]:
    """The rounds (``wave``) the changes were collected in, in the order they first appear."""
    import pandas as pd

    frame = _frame(study)
    texts = _per_value(frame["wave"], lambda w: str(w).strip() if w is not None and w == w and str(w).strip() else None)
    return [str(w) for w in pd.unique(texts.dropna())]


def reporting(study: Any) -> set[str]:
    """The ids of the study's stakeholders that report changes."""
    frame = _frame(study)
    found = (study.stakeholder(value) for value in frame["stakeholder"].unique())
    return {holder.id for holder in found if holder is not None}


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

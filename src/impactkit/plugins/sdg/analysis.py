"""The SDG analysis as plain functions over change records, independent of the CLI.

Counting convention (documented in ``docs/plugins/sdg.md``):

* Rows that share an ``id`` and a person (``respondent``, else ``person``) are codings of one change (double coding); the
  change counts once, with the SDG codes of ``primary_coder`` (default: its first row).
* The **goals of a change** are its own ``sdg`` codes and/or the goals of the outcome it is
  evidence of (its ``outcome`` column, mapped in ``methods.sdg.outcomes``), as
  ``codes_from`` says (default both: the union). A change counts **once per goal**, however many
  times the goal is named.
* A goal is **reached** when at least ``min_changes`` changes contribute to it.
* A **helix is reached** when at least one change of a stakeholder of that helix contributes to
  a reached goal. The helix of a change is its stakeholder's ``helix``.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from impactkit.plugin import HELICES, chosen_rows, each_value, factorise_lists, first_rows

from .goals import GOALS
from .settings import SdgSettings


@dataclass
class Record:
    """One change (its primary coding), with the goals it contributes to."""

    index: int
    id: str | None
    person: str
    role: str | None
    stakeholder: str
    group: str
    helix: str | None
    change: str
    theme: str | None
    outcome: str | None
    codes: tuple[int, ...]
    """The change's own ``sdg`` codes."""
    mapped: tuple[int, ...] = ()
    """The goals of its outcome (``methods.sdg.outcomes``)."""
    goals: tuple[int, ...] = field(default=())
    """The goals it counts for (by ``codes_from``), in goal order."""
    row: int | None = None


def records(study: Any, settings: SdgSettings) -> "GoalTable":
    """One :class:`Record` per change of ``study`` (double codings merged: the row of
    ``primary_coder`` when it coded the change, else its first row), in file order, as one table
    (:class:`GoalTable`; iterating it gives the records). Each distinct set of codes and outcome
    is worked out once."""
    import numpy as np
    import pandas as pd

    frame = study.change_frame
    rows = np.sort(chosen_rows(study.change_keys(), frame["coder"], settings.primary_coder))  # in file order
    if "sdg" in frame:
        own, own_values = factorise_lists(frame["sdg"].to_numpy(dtype=object)[rows])
        own_values = [_distinct(codes) for codes in own_values]
        merged, distinct = pd.factorize(pd.Series(own_values, dtype=object))  # (1, 1) and (1,) are one
        own, own_values = merged[own], list(distinct)
    else:
        own, own_values = np.zeros(len(rows), dtype=np.int64), [()]
    mapping = {key: tuple(value.goals) for key, value in settings.outcomes.items()}
    outcome = frame["outcome"].to_numpy(dtype=object)[rows]
    named, names = pd.factorize(pd.Series(outcome, dtype=object))  # -1: none
    goals_of = [mapping.get(o or "", ()) for o in np.asarray(names, dtype=object)] + [()]
    via, via_values = pd.factorize(pd.Series(goals_of, dtype=object))
    via = via[named]
    use_codes = settings.codes_from in ("changes", "both")
    use_mapped = settings.codes_from in ("outcomes", "both")
    stakeholder = frame["stakeholder"].to_numpy(dtype=object)[rows]
    at, values = pd.factorize(pd.Series(stakeholder, dtype=object))  # each stakeholder looked up once
    holders = [study.stakeholder(v) for v in np.asarray(values, dtype=object)]

    def per_holder(known: Any, unknown: Any) -> Any:
        """A column of what ``known(holder)`` says of each row's stakeholder, ``unknown(value)`` for
        a value that is not one of the study's."""
        made = _objects([known(h) if h else unknown(v) for h, v in zip(holders, values)] + [None])[at]
        missing = at < 0
        if missing.any():
            made[missing] = [unknown(v) for v in stakeholder[missing]]
        return made

    return GoalTable(
        {
            "index": rows,
            "id": frame["id"].to_numpy(dtype=object)[rows],
            "person": frame["person"].to_numpy(dtype=object)[rows],
            "role": frame["role"].to_numpy(dtype=object)[rows],
            "stakeholder": per_holder(lambda h: h.id, lambda v: v),
            "group": per_holder(lambda h: h.group or h.id, lambda v: v),
            "helix": per_holder(lambda h: h.helix, lambda v: None),
            "known": per_holder(lambda h: True, lambda v: False).astype(bool),
            "change": frame["change"].to_numpy(dtype=object)[rows],
            "theme": frame["theme"].to_numpy(dtype=object)[rows],
            "outcome": outcome,
            "codes": _objects(own_values)[own],
            "mapped": _objects(list(via_values))[via],
            "row": frame["row"].to_numpy(dtype=object)[rows],
        },
        use_codes,
        use_mapped,
        factors=(own, own_values, via, list(via_values)),
    )


def _distinct(codes: Any) -> tuple[int, ...]:
    return tuple(dict.fromkeys(codes or ()))


def _missing(value: Any) -> bool:
    return value is None or (isinstance(value, float) and value != value)


def _objects(values: Sequence[Any]) -> Any:
    """``values`` as a one-dimensional numpy object array (tuples stay items)."""
    import pandas as pd

    return pd.Series(list(values), dtype=object).to_numpy()


class _Sliced(dict):  # type: ignore[type-arg]
    """The columns of a part of a table, each cut out when it is first asked for."""

    def __init__(self, base: dict[str, Any], mask: Any):
        super().__init__()
        self._base, self._mask = base, mask

    def __missing__(self, key: str) -> Any:
        if key not in self._base:
            raise KeyError(key)
        value = self[key] = self._base[key][self._mask]
        return value

    def get(self, key: str, default: Any = None) -> Any:  # type: ignore[override]
        return self[key] if key in self._base else default

    def _whole(self) -> None:
        for key in self._base:
            self.__getitem__(key)  # cut out every column

    def items(self) -> Any:  # type: ignore[override]
        self._whole()
        return super().items()

    def values(self) -> Any:  # type: ignore[override]
        self._whole()
        return super().values()


class GoalTable(Sequence[Record]):
    """The records of the changes (:func:`records`) as one table: a column per field of a
    :class:`Record`, and ``matrix``, a row per change and a column per goal, whether it counts
    for it. The functions of this module count on it as tables; iterating gives each
    :class:`Record` (made when asked for)."""

    def __init__(self, columns: dict[str, Any], use_codes: bool = True, use_mapped: bool = True, factors: Any = None):
        """``factors``: the ``codes`` and ``mapped`` columns factorised, ``(a number per row, the
        distinct codes, a number per row, the distinct mapped goals)``, when the caller has them."""
        import numpy as np
        import pandas as pd

        self.columns = columns
        self.use = (use_codes, use_mapped)
        count = len(columns["index"])
        if factors is None:
            own, own_values = pd.factorize(pd.Series(columns["codes"], dtype=object))
            via, via_values = pd.factorize(pd.Series(columns["mapped"], dtype=object))
        else:
            own, own_values, via, via_values = factors
        own_values, via_values = list(own_values), list(via_values)
        # each distinct pair of codes and mapped goals (a pattern): the goals it counts for
        pairs, distinct = pd.factorize(np.asarray(own, dtype=np.int64) * (len(via_values) + 1) + via)
        mine, theirs = distinct // (len(via_values) + 1), distinct % (len(via_values) + 1)
        goals = [
            tuple(sorted(set(own_values[o] if use_codes else ()) | set(via_values[m] if use_mapped else ())))
            for o, m in zip(mine, theirs)
        ]
        self.columns["goals"] = _objects(goals)[pairs] if count else _objects([])
        own_goal, via_goal = (
            np.array([[g in found for g in GOALS] for found in map(set, values)], dtype=bool).reshape(-1, len(GOALS))
            for values in (own_values, via_values)
        )
        counted = np.zeros((len(distinct), len(GOALS)), dtype=bool)
        if use_codes:
            counted |= own_goal[mine]
        if use_mapped:
            counted |= via_goal[theirs]
        rows = (counted, own_goal[mine], via_goal[theirs])
        self._patterns = (pairs, rows)
        """A number per row (its pair of codes and mapped goals) and a row of each matrix per pair."""
        self.matrix, self.from_codes, self.from_outcome = (matrix[pairs] for matrix in rows)
        """``matrix``: a row per change, a column per goal (1 to 17), whether the change counts for it;
        ``from_codes``, ``from_outcome``: whether its own codes, its outcome name the goal."""
        self._items: list[Record | None] = [None] * count

    def patterns(self) -> tuple[Any, tuple[Any, Any, Any]]:
        """The rows of ``matrix``, ``from_codes`` and ``from_outcome`` as patterns (there are few): a
        number per row, and of each matrix a row per pattern."""
        if getattr(self, "_patterns", None) is None:
            self._patterns = _patterns(self.matrix, self.from_codes, self.from_outcome)
        return self._patterns

    def subset(self, mask: Any) -> "GoalTable":
        """The changes where ``mask`` holds, in the same order."""
        out = GoalTable.__new__(GoalTable)
        out.columns = _Sliced(self.columns, mask)
        out.use = self.use
        out.matrix, out.from_codes, out.from_outcome = self.matrix[mask], self.from_codes[mask], self.from_outcome[mask]
        made = getattr(self, "_patterns", None)
        out._patterns = (made[0][mask], made[1]) if made is not None else None
        out._items = [None] * len(out.matrix)
        return out

    def __len__(self) -> int:
        return len(self._items)

    def _plain(self) -> dict[str, Any]:
        """The columns with a missing value as ``None`` (made once)."""
        plain = getattr(self, "_plain_columns", None)
        if plain is None:
            import pandas as pd

            plain = {}
            for name, values in self.columns.items():
                values = pd.Series(values, dtype=object).to_numpy(dtype=object, copy=True)
                values[pd.isna(values)] = None
                plain[name] = values
            self._plain_columns = plain
        return plain

    def item(self, at: int) -> Record:
        found = self._items[at]
        if found is None:
            value = {name: v[at] for name, v in self._plain().items()}
            found = self._items[at] = Record(
                **{name: value[name] for name in Record.__dataclass_fields__ if name not in ("index", "row")},
                index=int(value["index"]),
                row=None if value["row"] is None else int(value["row"]),
            )
        return found

    def __getitem__(self, at: Any) -> Any:
        if isinstance(at, slice):
            return [self.item(i) for i in range(*at.indices(len(self)))]
        return self.item(at if at >= 0 else at + len(self))

    def __iter__(self) -> Iterator[Record]:
        for at in range(len(self)):
            yield self.item(at)


def _table(items: Sequence[Record]) -> GoalTable:
    """``items`` as a :class:`GoalTable` (a list of records is made into one)."""
    if isinstance(items, GoalTable):
        return items
    columns = {name: _objects([getattr(item, name) for item in items]) for name in Record.__dataclass_fields__}
    columns["index"] = columns["index"].astype(int) if len(items) else columns["index"]
    table = GoalTable.__new__(GoalTable)
    import numpy as np

    table.columns = columns
    table.use = (True, True)
    table.matrix = np.array([[g in item.goals for g in GOALS] for item in items], dtype=bool).reshape(-1, len(GOALS))
    table.from_codes = np.array([[g in item.codes for g in GOALS] for item in items], dtype=bool).reshape(
        -1, len(GOALS)
    )
    table.from_outcome = np.array([[g in item.mapped for g in GOALS] for item in items], dtype=bool).reshape(
        -1, len(GOALS)
    )
    table._items = list(items)
    return table


def goal_counts(items: Sequence[Record]) -> dict[str, int]:
    """``{"1": changes, ..., "17": changes}``: each change once per goal it contributes to."""
    if isinstance(items, GoalTable):
        sums = items.matrix.sum(axis=0)
        return {str(g): int(sums[g - 1]) for g in GOALS}
    counts = {str(g): 0 for g in GOALS}
    for item in items:
        for goal in item.goals:
            counts[str(goal)] += 1
    return counts


def reached(items: Sequence[Record], min_changes: int) -> list[int]:
    counts = goal_counts(items)
    return [g for g in GOALS if counts[str(g)] >= min_changes]


def coverage(items: Sequence[Record], min_changes: int) -> dict[str, Any]:
    goals = reached(items, min_changes)
    return {"reached": len(goals), "total": len(GOALS), "share": len(goals) / len(GOALS), "goals": goals}


def n_coded(items: Sequence[Record]) -> int:
    if isinstance(items, GoalTable):
        return int(items.matrix.any(axis=1).sum())
    return sum(1 for item in items if item.goals)


def n_reaching(items: Sequence[Record], min_changes: int) -> int:
    """Changes that contribute to at least one reached goal (what the helix figures rest on)."""
    goals = set(reached(items, min_changes))
    if isinstance(items, GoalTable):
        return int(items.matrix[:, [g - 1 for g in sorted(goals)]].any(axis=1).sum())
    return sum(1 for item in items if goals.intersection(item.goals))


def by_group(items: Sequence[Record], min_changes: int) -> dict[str, dict[str, Any]]:
    """Per stakeholder group: changes, coded, goal_counts (non-zero), goals reached, helices."""
    groups: dict[str, Sequence[Record]] = {}
    if isinstance(items, GoalTable):
        import pandas as pd

        group = items.columns["group"]
        if all(isinstance(name, str) for name in pd.unique(group)):  # each group's rows in one pass
            found = pd.Series(group, dtype=object).groupby(group, sort=False).indices
            groups = {name: items.subset(found[name]) for name in pd.unique(group)}
        else:
            for name in pd.unique(group):
                groups[name] = items.subset(group == name)
    else:
        for item in items:
            groups.setdefault(item.group, []).append(item)  # type: ignore[attr-defined]
    out = {}
    for name, members in groups.items():
        counts = {g: n for g, n in goal_counts(members).items() if n}
        goals = reached(members, min_changes)
        if isinstance(members, GoalTable):
            import pandas as pd

            helix = pd.unique(pd.Series(members.columns["helix"], dtype=object))  # each helix once
        else:
            helix = [m.helix for m in members]
        out[name] = {
            "changes": len(members),
            "coded": n_coded(members),
            "goal_counts": counts,
            "goals": goals,
            "goals_reached": len(goals),
            "helices": sorted({h for h in helix if h}, key=HELICES.index),
        }
    return out


def helices(study: Any, items: Sequence[Record], min_changes: int) -> dict[str, dict[str, Any]]:
    """Helix → ``{stakeholders, changes, coded, goals, goal_counts, reached}`` for all five helices.

    ``stakeholders`` are the study's stakeholders of the helix; ``changes`` the changes they
    report; ``goals`` the reached goals those changes contribute to; ``reached`` whether there is
    any.
    """
    overall = set(reached(items, min_changes))
    out: dict[str, dict[str, Any]] = {}
    for helix in HELICES:
        if isinstance(items, GoalTable):
            members: Sequence[Record] = items.subset(items.columns["helix"] == helix)
        else:
            members = [item for item in items if item.helix == helix]
        counts = {g: n for g, n in goal_counts(members).items() if n}
        goals = [g for g in GOALS if str(g) in counts and g in overall]
        out[helix] = {
            "stakeholders": [h.id for h in study.stakeholders if h.helix == helix],
            "changes": len(members),
            "coded": n_coded(members),
            "goal_counts": counts,
            "goals": goals,
            "reached": bool(goals),
        }
    return out


def helices_reached(study: Any, items: Sequence[Record], min_changes: int) -> list[str]:
    return [h for h, entry in helices(study, items, min_changes).items() if entry["reached"]]


def goal_helix(items: Sequence[Record], min_changes: int) -> dict[str, dict[str, int]]:
    """Reached goal → ``{helix: changes}`` (``"none"`` for changes whose stakeholder has no helix)."""
    out: dict[str, dict[str, int]] = {}
    if isinstance(items, GoalTable):
        import numpy as np
        import pandas as pd

        helix = each_value(items.columns["helix"], lambda h: h or "none")
        codes, names = pd.factorize(pd.Series(helix, dtype=object))
        names = list(names)
        others = [name for name in names if name not in HELICES and name != "none"]
        for goal in reached(items, min_changes):
            mine = codes[items.matrix[:, goal - 1]]
            counts = np.bincount(mine, minlength=len(names))
            row = dict.fromkeys(HELICES, 0)
            # the others in the order the goal's changes name them, as a row is filled
            for at in pd.unique(mine) if others else np.flatnonzero(counts):
                row[names[at]] = row.get(names[at], 0) + int(counts[at])
            if "none" in row:  # after the helices, as a row is filled
                row["none"] = row.pop("none")
            out[str(goal)] = {h: n for h, n in row.items() if n or h in HELICES}
        return out
    for goal in reached(items, min_changes):
        row = dict.fromkeys(HELICES, 0)
        for item in items:
            if goal in item.goals:
                key = item.helix or "none"
                row[key] = row.get(key, 0) + 1
        out[str(goal)] = {h: n for h, n in row.items() if n or h in HELICES}
    return out


def connecting(items: Sequence[Record], min_changes: int) -> dict[str, list[str]]:
    """Reached goals that changes of more than one helix contribute to: goal → helices."""
    table = goal_helix(items, min_changes)
    return {
        goal: [h for h in HELICES if row.get(h)]
        for goal, row in table.items()
        if sum(1 for h in HELICES if row.get(h)) > 1
    }


def outcome_table(study: Any, settings: SdgSettings, items: Sequence[Record]) -> dict[str, dict[str, Any]]:
    """Mapped outcome/impact → ``{goals, rationale, changes}`` (changes that name it as ``outcome``)."""
    if isinstance(items, GoalTable):
        import pandas as pd

        named = pd.Series(items.columns["outcome"], dtype=object).value_counts()
        return {
            key: {"goals": list(value.goals), "rationale": value.rationale, "changes": int(named.get(key, 0))}
            for key, value in settings.outcomes.items()
        }
    return {
        key: {
            "goals": list(value.goals),
            "rationale": value.rationale,
            "changes": sum(1 for item in items if item.outcome == key),
        }
        for key, value in settings.outcomes.items()
    }


# -- what the checks and the graph ask of the changes -----------------------------------------


def stakeholder_goals(items: Sequence[Record]) -> list[tuple[str, int, int, list[str]]]:
    """Per stakeholder of the study (in order of first appearance) and goal its changes count for:
    ``(stakeholder, goal, changes, via)``, ``via`` saying whether the goal came from a change's own
    ``code``, from the ``outcome`` it names, or both (``["code", "outcome"]``). Changes whose
    stakeholder is not one of the study's are left out."""
    import numpy as np
    import pandas as pd

    table = _table(items)
    known = table.columns.get("known")
    keep = known.astype(bool) if known is not None else pd.notna(pd.Series(table.columns["stakeholder"])).to_numpy()
    at, holders = pd.factorize(pd.Series(table.columns["stakeholder"][keep], dtype=object))  # in order
    # a stakeholder's changes counted per pattern of goals (there are few), then each pattern's goals
    pattern, (goals, own, mapped) = table.patterns()
    size = max(len(goals), 1)
    pairs, distinct = pd.factorize(at.astype(np.int64) * size + pattern[keep])
    holder, found = distinct // size, distinct % size
    times = np.bincount(pairs, minlength=len(distinct))[:, None]
    cells = (holder[:, None] * len(GOALS) + np.arange(len(GOALS))).ravel()  # (stakeholder, goal) of each

    def per_holder(values: Any) -> Any:
        summed = np.bincount(cells, weights=values.ravel(), minlength=len(holders) * len(GOALS))
        return summed.reshape(-1, len(GOALS)).astype(np.int64)

    counts = per_holder(times * goals[found])
    by_code, by_outcome = per_holder(goals[found] & own[found]), per_holder(goals[found] & mapped[found])
    out = []
    for h, name in enumerate(holders):
        for goal in GOALS:
            if counts[h, goal - 1]:
                via = [
                    what for what, ok in (("code", by_code[h, goal - 1]), ("outcome", by_outcome[h, goal - 1])) if ok
                ]
                out.append((str(name), goal, int(counts[h, goal - 1]), via))
    return out


def _patterns(*matrices: Any) -> tuple[Any, tuple[Any, ...]]:
    """The rows of ``matrices`` (each a row per change and a column per goal) as patterns: a number
    per row (numbered in order), and of each matrix a row per pattern (the rows of one pattern are
    the same in every matrix)."""
    import numpy as np
    import pandas as pd

    packed = np.packbits(np.concatenate(matrices, axis=1), axis=1, bitorder="little")  # 3 × 17 bits a row
    bits = np.zeros((len(packed), 8), dtype=np.uint8)
    bits[:, : packed.shape[1]] = packed
    number, _ = pd.factorize(bits.view("<u8").ravel())  # a row's bits as one number
    first = first_rows(number)
    return number, tuple(matrix[first] for matrix in matrices)


def changes_per_stakeholder(items: Sequence[Record]) -> dict[str, int]:
    """How many changes each stakeholder (as the records name it) reports."""
    import pandas as pd

    holders = pd.Series(_table(items).columns["stakeholder"], dtype=object)
    return {str(k): int(v) for k, v in holders.value_counts(sort=False).items()}


def first_coded(items: Sequence[Record]) -> dict[int, int]:
    """Goal → the position in ``study.change_list`` of the first change coded with it (its own
    ``sdg`` codes)."""
    import numpy as np

    table = _table(items)
    index = table.columns["index"]
    own = table.from_codes
    out: dict[int, int] = {}
    firsts = [(int(np.argmax(own[:, g - 1])), g) for g in GOALS if own[:, g - 1].any()]
    for at, goal in sorted(firsts):
        out[goal] = int(index[at])
    return out


def without_goals(items: Sequence[Record]) -> Sequence[Record]:
    """The changes that count for no goal, in order."""
    table = _table(items)
    return table.subset(~table.matrix.any(axis=1))


def uncoded_places(items: Sequence[Record]) -> tuple[list[str], int | None, int | None]:
    """The changes that count for no goal: each named by its row (else its id, else its position
    from 1), and the index and row of the first (``None`` when every change counts for a goal)."""
    import numpy as np
    import pandas as pd

    table = _table(items)
    pattern, (goals, _, _) = table.patterns()
    at = np.flatnonzero(~goals.any(axis=1)[pattern])
    rows, index = np.asarray(table.columns["row"], dtype=object)[at], np.asarray(table.columns["index"])[at]
    gone = pd.isna(rows)
    if gone.any() or not all(rows):  # a change without a row number: named by its id, else its position
        ids = np.asarray(table.columns["id"], dtype=object)[at]
        rows = [None if missing else int(r) for r, missing in zip(rows, gone)]
        ids = [None if missing else i for i, missing in zip(ids, pd.isna(ids))]
        names = [str(r or i or int(n) + 1) for r, i, n in zip(rows, ids, index)]
    else:
        rows = [int(r) for r in rows]
        names = [str(r) for r in rows]
    first = int(index[0]) if names else None
    return names, first, (rows[0] if rows else None)


def with_codes(items: Sequence[Record]) -> int:
    """How many changes have SDG codes of their own."""
    table = _table(items)
    return int(sum(1 for codes in table.columns["codes"] if codes))


def with_mapped(items: Sequence[Record]) -> int:
    """How many changes name an outcome mapped to goals."""
    table = _table(items)
    return int(sum(1 for mapped in table.columns["mapped"] if mapped))


def coding_rows(items: Sequence[Record], helix_name: Any) -> dict[str, Any]:
    """The columns of the coding table (one row per change): ``id row person group stakeholder
    helix helix_name outcome codes via_outcome goals change``; ``helix_name(helix)`` names a helix."""
    table = _table(items)
    c = table.columns

    import pandas as pd

    def joined(values: Any) -> Any:
        return text(each_value(values, lambda v: "; ".join(map(str, v or ()))))

    def text(values: Any) -> Any:
        """Python strings (``None`` when missing), not converted to another string type."""
        column = pd.Series(values, dtype=object)
        return column.where(column.notna(), None)

    rows = c["row"]
    return {
        "id": text(c["id"]),
        "row": [None if _missing(r) else int(r) for r in rows] if pd.isna(rows).any() else rows.astype(int),
        "person": text(c["person"]),
        "group": text(c["group"]),
        "stakeholder": text(c["stakeholder"]),
        "helix": text(c["helix"]),
        "helix_name": text(each_value(c["helix"], lambda h: helix_name(h) if h else "")),
        "outcome": text(c["outcome"]),
        "codes": joined(c["codes"]),
        "via_outcome": joined(c["mapped"]),
        "goals": joined(c["goals"]),
        "change": text(c["change"]),
    }

"""The IDG analysis as plain functions over change records (dicts), independent of the CLI.

A *record* is one row of the changes: ``index`` (position in ``study.change_list``), ``id``,
``person``, ``respondent``, ``role``, ``stakeholder``, ``group``, ``change``, ``theme``, ``quote``,
``importance``, ``idg`` (list of codes), ``coder`` and ``row``.

Counting convention (documented in ``docs/plugins/idg.md``):

* People are told apart by ``respondent`` when a change has one, else by ``person`` (:func:`who`):
  two respondents with the same name are two people.
* Rows that share an ``id`` (and a person) are codings of one change by different coders
  (double coding). The change counts once, with the codes of ``primary_coder`` (default: its
  first row); the other rows feed the inter-rater reliability only. Rows with one id but
  different people are not merged: the core reports them as an error, and meanwhile each
  counts as a change of its own.
* A change counts once in every dimension it is coded with: a skill counts for its dimension,
  and two codes of one dimension count once. The counts of the dimensions add up to the number
  of coded changes only when every change has codes in one dimension.
* Shares are over the *coded* changes (changes with at least one valid code): the share of a
  dimension is the share of coded changes that are about it. The share of a named group of
  dimensions counts each change once, even when it is coded in several of them.
"""

from __future__ import annotations

import copy
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from itertools import combinations
from typing import Any

from impactkit.plugin import change_keys, chosen_rows, each_value, factorise_lists, first_rows

from .framework import Framework, Resolution
from .reliability import cohen_kappa, confusion, krippendorff_alpha, percent_agreement


@dataclass
class Coded:
    """One change (its primary coding) with its codes resolved against the framework."""

    record: dict[str, Any]
    resolutions: list[Resolution]
    dimensions: tuple[str, ...]
    skills: tuple[str, ...]

    @property
    def coded(self) -> bool:
        return bool(self.dimensions)

    def __getitem__(self, key: str) -> Any:
        return self.record.get(key)

    def get(self, key: str, default: Any = None) -> Any:
        return self.record.get(key, default)


def records_from_study(study: Any) -> list[dict[str, Any]]:
    """Change records from a :class:`~impactkit.plugin.Study` (``group``: the stakeholder's group)."""
    return list(RecordTable(records_frame(study)))


def who(record: dict[str, Any] | Coded) -> str:
    """Who reported a row, as people are counted: its ``respondent`` when given, else its ``person``."""
    value = record.get("respondent") or record.get("person")
    return "" if value is None else str(value)


def _person(record: dict[str, Any]) -> str:
    """The person of a row (:func:`who`), compared without case and surrounding or repeated spaces."""
    return " ".join(who(record).split()).casefold()


def _key(record: dict[str, Any]) -> tuple[str, ...]:
    """Which change a row is a coding of.

    Rows are codings of one change only when they share an ``id`` *and* a person: rows with one
    id but different people are an error the core reports, and until it is fixed they stay
    separate changes (each counted) rather than being merged into a made-up double coding.
    A row without an id is a change of its own.
    """
    change_id = str(record.get("id") or "").strip()
    if change_id:
        return ("id", change_id, _person(record))
    return ("index", str(record.get("index")))


def resolve_codes(codes: Iterable[str], fw: Framework) -> tuple[list[Resolution], tuple[str, ...], tuple[str, ...]]:
    """Resolutions of ``codes`` and the distinct dimensions and skills, in framework order."""
    resolutions = [fw.resolve(code) for code in codes if str(code).strip()]
    dims = {r.dimension for r in resolutions if r.ok}
    skills = {r.skill for r in resolutions if r.ok and r.skill}
    return (
        resolutions,
        tuple(d for d in fw.dimension_names if d in dims),
        tuple(s for s in fw.skill_names if s in skills),
    )


def group_codings(records: Sequence[dict[str, Any]]) -> dict[tuple[str, ...], list[dict[str, Any]]]:
    """Rows grouped by change (rows sharing an ``id`` and a ``person``), in file order (of a
    :class:`RecordTable`: only the changes coded more than once)."""
    if isinstance(records, RecordTable):
        records = records.shared_records()
    groups: dict[tuple[str, ...], list[dict[str, Any]]] = {}
    for record in records:
        groups.setdefault(_key(record), []).append(record)
    return groups


def primary_rows(records: Sequence[dict[str, Any]], primary_coder: str | None = None) -> list[dict[str, Any]]:
    """One row per change: the row of ``primary_coder`` if it coded the change, else the first."""
    out = []
    wanted = primary_coder.casefold() if primary_coder else None
    for rows in group_codings(records).values():
        chosen = rows[0]
        if wanted:
            for row in rows:
                if (row.get("coder") or "").casefold() == wanted:
                    chosen = row
                    break
        out.append(chosen)
    return out


def code(records: Sequence[dict[str, Any]], fw: Framework, primary_coder: str | None = None) -> list[Coded]:
    """The changes (one per id) with their primary codes resolved."""
    out = []
    for record in primary_rows(records, primary_coder):
        resolutions, dims, skills = resolve_codes(record.get("idg") or [], fw)
        out.append(Coded(record=record, resolutions=resolutions, dimensions=dims, skills=skills))
    return out


# -- counts ------------------------------------------------------------------------------------


def dimension_counts(coded: Sequence[Coded], fw: Framework) -> dict[str, int]:
    if isinstance(coded, CodedTable):
        sums = dict(zip(coded.framework.dimension_names, coded.sums(0).tolist()))
        return {d: int(sums.get(d, 0)) for d in fw.dimension_names}
    counts = dict.fromkeys(fw.dimension_names, 0)
    for item in coded:
        for dim in item.dimensions:
            counts[dim] += 1
    return counts


def skill_counts(coded: Sequence[Coded], fw: Framework, *, keep_zero: bool = True) -> dict[str, int]:
    if isinstance(coded, CodedTable):
        sums = dict(zip(coded.framework.skill_names, coded.sums(1).tolist()))
        counts = {s: int(sums.get(s, 0)) for s in fw.skill_names}
    else:
        counts = dict.fromkeys(fw.skill_names, 0)
        for item in coded:
            for skill in item.skills:
                counts[skill] += 1
    return counts if keep_zero else {s: n for s, n in counts.items() if n}


def n_coded(coded: Sequence[Coded]) -> int:
    if isinstance(coded, CodedTable):
        return int(coded.coded_mask.sum())
    return sum(1 for item in coded if item.coded)


def dimension_shares(coded: Sequence[Coded], fw: Framework) -> dict[str, float] | None:
    """Dimension → share of the coded changes about it; ``None`` when nothing is coded."""
    total = n_coded(coded)
    if not total:
        return None
    return {d: n / total for d, n in dimension_counts(coded, fw).items()}


def group_shares(coded: Sequence[Coded], groups: dict[str, list[str]]) -> dict[str, float] | None:
    """Named group → share of coded changes with a code in any of its dimensions (each change once)."""
    total = n_coded(coded)
    if not total or not groups:
        return None
    return {name: count / total for name, count in group_counts(coded, groups).items()}


def group_counts(coded: Sequence[Coded], groups: dict[str, list[str]]) -> dict[str, int]:
    if isinstance(coded, CodedTable):
        names = coded.framework.dimension_names
        return {
            name: int(coded.sums(0, [i for i, d in enumerate(names) if d in set(dims)]))
            for name, dims in groups.items()
        }
    return {name: sum(1 for item in coded if set(item.dimensions) & set(dims)) for name, dims in groups.items()}


def summary(coded: Sequence[Coded], fw: Framework, groups: dict[str, list[str]] | None = None) -> dict[str, Any]:
    """Counts, shares, skills and coded/uncoded for one set of changes."""
    out: dict[str, Any] = {
        "changes": len(coded),
        "coded": n_coded(coded),
        "uncoded": len(coded) - n_coded(coded),
        "dimension_counts": dimension_counts(coded, fw),
        "dimension_shares": dimension_shares(coded, fw),
        "skill_counts": skill_counts(coded, fw, keep_zero=False),
    }
    if groups:
        out["group_shares"] = group_shares(coded, groups)
    return out


def breakdown(
    coded: Sequence[Coded], fw: Framework, by: str, groups: dict[str, list[str]] | None = None
) -> dict[str, dict[str, Any]]:
    """:func:`summary` per value of ``by`` (``"group"`` or ``"role"``), in order of first appearance."""
    if isinstance(coded, CodedTable):
        return {key: summary(part, fw, groups) for key, part in coded.parts(by).items()}
    parts: dict[str, list[Coded]] = {}
    for item in coded:
        value = item[by]
        key = str(value).strip() if value not in (None, "") else "-"
        parts.setdefault(key, []).append(item)
    return {key: summary(items, fw, groups) for key, items in parts.items()}


# -- top changes -----------------------------------------------------------------------------


def _theme_key(item: Coded) -> str:
    theme = (item["theme"] or "").strip() or (item["change"] or "").strip()
    return " ".join(theme.split())


def _importance(item: Coded) -> float | None:
    value = item["importance"]
    if value is None or value != value:  # NaN
        return None
    return float(value)


def top_changes(
    coded: Sequence[Coded], fw: Framework, *, rank_by: str = "people", top: int = 3
) -> dict[str, list[dict[str, Any]]]:
    """Per stakeholder group, the top ``top`` themes (the theme, else the change statement).

    Scores: ``people`` = number of different people reporting the theme; ``importance`` = their
    mean importance; ``people_x_importance`` = the product. Themes without importance rank after
    those with one under the importance-based scores. Ties: more people, then more changes,
    then first appearance. Each theme carries a representative quote: the ``quote`` of its most
    important change that has one (``quote_kind`` ``"quote"``), else that change in the person's
    own words (``"statement"``); and an example statement (its most important change). The core
    has already withheld every quote that may not be shown (no explicit consent in a study that
    records consent; docs/privacy.md), so the quote is that of the next change whose quote may be
    shown; ``quote_by`` is the role (else the pseudonym), never a name.
    """
    if rank_by not in ("people", "importance", "people_x_importance"):
        raise ValueError(f"rank_by must be people, importance or people_x_importance, not {rank_by!r}")
    if isinstance(coded, CodedTable):
        key = (fw.id, rank_by, top)
        if key not in coded.tops:  # the metric, the table and the report ask for the same
            coded.tops[key] = _top_table(coded, fw, rank_by, top)
        return copy.deepcopy(coded.tops[key])
    by_group: dict[str, dict[str, list[Coded]]] = {}
    for item in coded:
        group = str(item["group"] or "-")
        by_group.setdefault(group, {}).setdefault(_theme_key(item), []).append(item)
    out: dict[str, list[dict[str, Any]]] = {}
    for group, themes in by_group.items():
        entries = []
        for order, (theme, items) in enumerate(themes.items()):
            people = len({who(i).strip() for i in items})
            weights = [w for w in (_importance(i) for i in items) if w is not None]
            mean = sum(weights) / len(weights) if weights else None
            if rank_by == "people":
                score: float | None = float(people)
            elif rank_by == "importance":
                score = mean
            else:
                score = people * mean if mean is not None else None

            def strength(i: Coded) -> tuple[float, int]:
                w = _importance(i)
                return (w if w is not None else float("-inf"), -int(i["index"] or 0))

            ranked = sorted(items, key=strength, reverse=True)
            with_quote = [i for i in ranked if (i["quote"] or "").strip()]
            quoted = with_quote[0] if with_quote else None
            voice = quoted or ranked[0]
            dims = dimension_counts(items, fw)
            entries.append(
                {
                    "theme": theme,
                    "people": people,
                    "changes": len(items),
                    "mean_importance": mean,
                    "score": score,
                    "dimensions": {d: n for d, n in dims.items() if n},
                    "quote": quoted["quote"].strip() if quoted else (ranked[0]["change"] or "").strip() or None,
                    "quote_kind": "quote" if quoted else "statement",
                    "quote_by": voice["role"] or voice["person"],
                    "example": ranked[0]["change"],
                    "_order": order,
                }
            )
        entries.sort(key=lambda e: (e["score"] is None, -(e["score"] or 0.0), -e["people"], -e["changes"], e["_order"]))
        for rank, entry in enumerate(entries[:top], start=1):
            entry.pop("_order")
            entry["rank"] = rank
        out[group] = [{"rank": e["rank"], **{k: v for k, v in e.items() if k != "rank"}} for e in entries[:top]]
    return out


# -- reliability -----------------------------------------------------------------------------


@dataclass
class Reliability:
    coders: list[str]
    units: int
    """Changes coded by at least two coders."""
    values: dict[tuple[str, ...], dict[str, str | None]] = field(default_factory=dict)
    """Change key (see :func:`group_codings`) → coder → combined dimension label (``"Being+Relating"``) or ``None``."""
    dimension_sets: dict[tuple[str, ...], dict[str, frozenset[str] | None]] = field(default_factory=dict)


def _label(dims: Sequence[str]) -> str | None:
    return "+".join(dims) if dims else None


def collect_codings(records: Sequence[dict[str, Any]], fw: Framework) -> Reliability | None:
    """Each double-coded change's codes per coder; ``None`` when no change is double coded.

    A row without a ``coder`` is named after its position among the change's rows
    (``coder 1``, ``coder 2`` ...). A coder with no valid code for a change is missing there.
    Of a :class:`RecordTable`, the rows of the changes coded more than once are read a column at a
    time (no record made), and the result is made once.
    """
    if isinstance(records, RecordTable):
        if fw.id not in records.codings:
            records.codings[fw.id] = _table_codings(records, fw)
        return records.codings[fw.id]
    coders: list[str] = []
    values: dict[tuple[str, ...], dict[str, str | None]] = {}
    sets: dict[tuple[str, ...], dict[str, frozenset[str] | None]] = {}
    dimensions: dict[tuple[str, ...], tuple[str, ...]] = {}  # each distinct set of codes resolved once
    for key, rows in group_codings(records).items():
        if len(rows) < 2:
            continue
        per: dict[str, str | None] = {}
        per_set: dict[str, frozenset[str] | None] = {}
        for position, row in enumerate(rows, start=1):
            coder = (row.get("coder") or "").strip() or f"coder {position}"
            if coder in per:  # the same coder twice: keep the first
                continue
            codes = tuple(row.get("idg") or ())
            dims = dimensions.get(codes)
            if dims is None:
                dims = dimensions[codes] = resolve_codes(list(codes), fw)[1]
            per[coder] = _label(dims)
            per_set[coder] = frozenset(dims) if dims else None
            if coder not in coders:
                coders.append(coder)
        if len(per) >= 2:
            values[key] = per
            sets[key] = per_set
    if not values:
        return None
    return Reliability(coders=coders, units=len(values), values=values, dimension_sets=sets)


def _table_codings(records: "RecordTable", fw: Framework) -> Reliability | None:
    """:func:`collect_codings` of a :class:`RecordTable`: its changes coded more than once, each
    change's rows in file order, the changes in the order they first appear (:meth:`RecordTable.keys`)."""
    import numpy as np
    import pandas as pd

    at = np.flatnonzero(records.shared())
    keys = records.keys()[at]
    order = np.argsort(keys, kind="stable")  # by change, each change's rows in file order
    at, keys = at[order], keys[order]
    frame = records.frame
    named = each_value(frame["coder"].to_numpy(dtype=object)[at], lambda c: c.strip() if isinstance(c, str) else "")
    named = named.tolist()
    every, uniques = records.code_tuples()
    codes = every[at].tolist()
    found: dict[int, tuple[str | None, frozenset[str] | None]] = {}  # each distinct set of codes resolved once
    coders: list[str] = []
    units: list[tuple[int, dict[str, str | None], dict[str, frozenset[str] | None]]] = []
    starts = [0, *(np.flatnonzero(keys[1:] != keys[:-1]) + 1).tolist(), len(at)]
    for start, end in zip(starts, starts[1:]):
        per: dict[str, str | None] = {}
        per_set: dict[str, frozenset[str] | None] = {}
        for position, i in enumerate(range(start, end), start=1):
            coder = named[i] or f"coder {position}"
            if coder in per:  # the same coder twice: keep the first
                continue
            made = found.get(codes[i])
            if made is None:
                dims = resolve_codes(list(uniques[codes[i]]), fw)[1]
                made = found[codes[i]] = (_label(dims), frozenset(dims) if dims else None)
            per[coder], per_set[coder] = made
            if coder not in coders:
                coders.append(coder)
        if len(per) >= 2:
            units.append((start, per, per_set))
    if not units:
        return None
    heads = at[[start for start, _, _ in units]]  # each change's first row: its key (:func:`_key`)
    columns = {k: frame[k].to_numpy(dtype=object)[heads] for k in ("id", "person", "respondent", "index") if k in frame}
    plain = {k: [None if gone else v for v, gone in zip(values, pd.isna(values))] for k, values in columns.items()}
    names = [_key(dict(zip(plain, row))) for row in zip(*plain.values())]
    values = {key: per for key, (_, per, _) in zip(names, units)}
    sets = {key: per_set for key, (_, _, per_set) in zip(names, units)}
    return Reliability(coders=coders, units=len(values), values=values, dimension_sets=sets)


def reliability(records: Sequence[dict[str, Any]], fw: Framework) -> dict[str, Any] | None:
    """Agreement between coders at the level of dimensions; ``None`` without double coding.

    ``kappa``: Cohen's kappa when exactly two coders coded the changes; ``alpha``:
    Krippendorff's alpha (nominal) over all coders, missing codes allowed. A change coded with
    several dimensions is one category (``Being+Relating``). ``per_dimension``: the same
    statistics for "is the change about this dimension?" (yes/no per coder). ``pairs``: Cohen's
    kappa and agreement for every pair of coders.
    """
    data = collect_codings(records, fw)
    if data is None:
        return None
    keys = list(data.values)
    matrix = [[data.values[k].get(c) for k in keys] for c in data.coders]
    pairs = []
    for a, b in combinations(range(len(data.coders)), 2):
        both = sum(1 for x, y in zip(matrix[a], matrix[b]) if x is not None and y is not None)
        if both == 0:
            continue
        pairs.append(
            {
                "coders": [data.coders[a], data.coders[b]],
                "units": both,
                "agreement": percent_agreement(matrix[a], matrix[b]),
                "kappa": cohen_kappa(matrix[a], matrix[b]),
            }
        )
    per_dimension = {}
    coded_sets = [[data.dimension_sets[k].get(c) for k in keys] for c in data.coders]
    for dim in fw.dimension_names:
        binary = [
            [None if dims is None else int(dim in dims) for dims in sets] for sets in coded_sets
        ]  # 1: coded with dim, 0: with others, None: not coded
        entry: dict[str, Any] = {"alpha": krippendorff_alpha(binary)}
        if len(data.coders) == 2:
            entry["kappa"] = cohen_kappa(binary[0], binary[1])
            entry["agreement"] = percent_agreement(binary[0], binary[1])
        per_dimension[dim] = entry
    out: dict[str, Any] = {
        "coders": data.coders,
        "units": data.units,
        "agreement": pairs[0]["agreement"] if len(data.coders) == 2 and pairs else None,
        "kappa": pairs[0]["kappa"] if len(data.coders) == 2 and pairs else None,
        "alpha": krippendorff_alpha(matrix),
        "per_dimension": per_dimension,
        "pairs": pairs,
    }
    return out


def confusion_table(
    records: Sequence[dict[str, Any]], fw: Framework
) -> tuple[list[str], dict[str, dict[str, int]]] | None:
    """The first two coders' dimension codes against each other (rows: first coder)."""
    data = collect_codings(records, fw)
    if data is None or len(data.coders) < 2:
        return None
    first, second = data.coders[:2]
    a = [data.values[k].get(first) for k in data.values]
    b = [data.values[k].get(second) for k in data.values]
    seen = {x for x in a + b if x}
    labels = [d for d in fw.dimension_names if d in seen] + sorted(x for x in seen if x not in fw.dimension_names)
    return [first, second], confusion(a, b, labels)


# -- the same, on the changes as one table ---------------------------------------------------
#
# A study of many changes is analysed as tables: each distinct set of codes is resolved once, and
# the counts are sums over a table of the dimensions (one row per change, a column per dimension)
# instead of loops over the changes. The functions above take a :class:`CodedTable` as they take
# a list of :class:`Coded` (it is one, made item by item when iterated), so the report and views
# work on either, and give the same figures.

RECORD_KEYS = (
    "index",
    "id",
    "person",
    "respondent",
    "role",
    "stakeholder",
    "group",
    "known_stakeholder",
    "change",
    "theme",
    "quote",
    "importance",
    "idg",
    "coder",
    "row",
)
"""The keys of a record (a row of the changes), as :func:`records_from_study` makes them."""


def _missing(value: Any) -> bool:
    return value is None or (isinstance(value, float) and value != value)


def records_frame(study: Any) -> Any:
    """The records of ``study`` as one ``pandas.DataFrame`` (a column per key of a record), made from
    its changes as a table (``study.change_frame``): the stakeholder's group is looked up once per
    stakeholder."""
    import numpy as np
    import pandas as pd

    changes = study.change_frame
    codes, names = pd.factorize(changes["stakeholder"])  # each stakeholder looked up once
    names = np.asarray(names, dtype=object)
    holders = [study.stakeholder(v) if isinstance(v, str) else None for v in names]
    groups = _objects([(h.group or h.id) if h is not None else v for h, v in zip(holders, names)] + [None])
    known = np.array([h is not None for h in holders] + [False], dtype=bool)
    count = len(changes)
    frame = pd.DataFrame(
        {
            "index": np.arange(count),
            **{name: changes[name] for name in ("id", "person", "respondent", "role", "stakeholder")},
            "group": groups[codes],
            "known_stakeholder": known[codes],
            **{name: changes[name] for name in ("change", "theme", "quote", "importance")},
            "idg": changes["idg"] if "idg" in changes else pd.Series([[] for _ in range(count)], dtype=object),
            "coder": changes["coder"],
            "row": changes["row"],
        },
        copy=False,  # the columns of the changes' table, read only
    )
    return frame.reset_index(drop=True)


class RecordTable(Sequence[dict[str, Any]]):
    """Records held as one table (:func:`records_frame`); each record is made as a dict when asked
    for. ``subset(mask)`` gives the records of some rows only."""

    def __init__(self, frame: Any, keys: Any = None):
        self.frame = frame
        self._columns: dict[str, list[Any]] | None = None
        self._shared: list[dict[str, Any]] | None = None
        self._keys: Any = keys
        """:meth:`keys`: given (a study's :meth:`~impactkit.plugin.Study.change_keys`), else made."""
        self._firsts: Any = None
        self._tuples: tuple[Any, list[tuple[str, ...]]] | None = None
        self.codings: dict[str, Any] = {}
        """:func:`collect_codings` per framework, made once (the reliability and the confusion table ask)."""

    @classmethod
    def of_records(cls, records: Sequence[dict[str, Any]]) -> "RecordTable":
        import pandas as pd

        keys = [k for k in RECORD_KEYS if any(k in r for r in records)] or list(RECORD_KEYS)
        columns = {k: [r.get(k) for r in records] for k in keys}  # inferred as a study's table is
        if "idg" in columns:
            columns["idg"] = pd.Series(columns["idg"], dtype=object)
        return cls(pd.DataFrame(columns))

    def __len__(self) -> int:
        return len(self.frame)

    def _values(self) -> dict[str, list[Any]]:
        if self._columns is None:
            self._columns = {str(c): self.frame[c].tolist() for c in self.frame.columns}
        return self._columns

    def record(self, position: int) -> dict[str, Any]:
        values = self._values()
        out = {}
        for key, column in values.items():
            value = column[position]
            if key == "idg":
                out[key] = list(value) if isinstance(value, (list, tuple)) else []
            elif key == "row":
                out[key] = None if _missing(value) else int(value)
            elif key == "index":
                out[key] = int(value)
            elif key == "known_stakeholder":
                out[key] = bool(value)
            else:
                out[key] = None if _missing(value) else value
        return out

    def __getitem__(self, position: Any) -> Any:
        if isinstance(position, slice):
            return [self.record(i) for i in range(*position.indices(len(self)))]
        return self.record(position if position >= 0 else position + len(self))

    def __iter__(self) -> Iterator[dict[str, Any]]:
        for position in range(len(self)):
            yield self.record(position)

    def subset(self, mask: Any) -> list[dict[str, Any]]:
        """The records of the rows where ``mask`` holds, made a column at a time."""
        import numpy as np
        import pandas as pd

        at = np.flatnonzero(mask)
        columns: dict[str, list[Any]] = {}
        for key in self.frame.columns:
            values = self.frame[key].to_numpy(dtype=object)[at]
            if key == "idg":
                columns[key] = [list(v) if isinstance(v, (list, tuple)) else [] for v in values]
                continue
            values[pd.isna(values)] = None
            if key in ("row", "index"):
                columns[key] = [None if v is None else int(v) for v in values]
            elif key == "known_stakeholder":
                columns[key] = [bool(v) for v in values]
            else:
                columns[key] = list(values)
        keys = list(columns)
        return [dict(zip(keys, row)) for row in zip(*columns.values())]

    def code_tuples(self) -> tuple[Any, list[tuple[str, ...]]]:
        """The codes of every row as a tuple: a number per row into the distinct tuples, and those."""
        if self._tuples is None:
            self._tuples = factorise_lists(self.frame["idg"].to_numpy(dtype=object))
        return self._tuples

    def keys(self) -> Any:
        """The change each row is a coding of (:func:`_key`), as a number per row: the same number
        for the rows of one change, the changes numbered from 0 in the order they first appear
        (:func:`~impactkit.plugin.change_keys`)."""
        if self._keys is None:
            self._keys = self._make_keys()
        return self._keys

    def _make_keys(self) -> Any:
        import pandas as pd

        frame = self.frame
        ids = frame["id"]
        if ids.dtype != object:  # not the changes' table (whose ids are stripped text): made so
            ids = pd.Series(each_value(ids, lambda v: str(v).strip() if not _missing(v) and v else ""))
        columns = {"id": ids.to_numpy(dtype=object), "person": frame["person"].to_numpy(dtype=object)}
        if "respondent" in frame:
            columns["respondent"] = frame["respondent"].to_numpy(dtype=object)
        return change_keys(pd.DataFrame(columns))

    def firsts(self) -> Any:
        """The first row of every change (in the order of :meth:`keys`), made once."""
        if self._firsts is None:
            self._firsts = first_rows(self.keys())
        return self._firsts

    def shared_records(self) -> list[dict[str, Any]]:
        """The records of the changes coded more than once (rows sharing a key), made once."""
        if self._shared is None:
            self._shared = self.subset(self.shared())
        return self._shared

    def shared(self) -> Any:
        """Whether each row is one of several codings of its change (its key has other rows)."""
        import numpy as np

        keys = self.keys()
        return np.bincount(keys)[keys] > 1 if len(keys) else np.zeros(0, dtype=bool)


def _who(frame: Any) -> Any:
    """:func:`who` of every row: the respondent when given, else the person (text)."""
    import numpy as np

    person = frame["person"]
    if "respondent" in frame:
        respondent = frame["respondent"]
        person = respondent.where(respondent.notna() & (respondent != ""), person)
    return np.asarray(person.where(person.notna(), ""), dtype=object)


class CodedTable(Sequence[Coded]):
    """:func:`code` as tables: one row per change (its primary coding), in the order :func:`code`
    gives them, with the dimensions and skills of each as columns of booleans. Iterating gives the
    :class:`Coded` items themselves (made when asked for)."""

    records: RecordTable
    framework: Framework
    positions: Any
    """The row (in ``records``) of every change, in :func:`code`'s order."""
    dimensions: Any
    """A ``DataFrame``: a row per change, a column per dimension, whether it is coded with it."""
    skills: Any
    """The same per skill."""

    @classmethod
    def of(cls, records: RecordTable, fw: Framework, primary_coder: str | None = None) -> "CodedTable":
        """The changes of ``records`` with their primary codes resolved (:func:`code`), each distinct
        set of codes resolved once."""
        import numpy as np
        import pandas as pd

        positions = records.firsts()
        if primary_coder:
            positions = chosen_rows(records.keys(), records.frame["coder"], primary_coder)
        every, uniques = records.code_tuples()
        factor, used = pd.factorize(every[positions]) if len(positions) else (every[:0], [])
        resolved = [resolve_codes(list(uniques[u]), fw) for u in used]
        dims = np.array([[d in r[1] for d in fw.dimension_names] for r in resolved], dtype=bool)
        named = np.array([[k in r[2] for k in fw.skill_names] for r in resolved], dtype=bool)
        matrices = (dims.reshape(-1, len(fw.dimension_names)), named.reshape(-1, len(fw.skill_names)))
        return cls(records, fw, positions, np.asarray(factor, dtype=int).reshape(-1), resolved, matrices)

    def __init__(
        self, records: RecordTable, fw: Framework, positions: Any, factor: Any, resolved: list[Any], matrices: Any
    ):
        import numpy as np

        self.records, self.framework, self.positions = records, fw, positions
        self._factor, self._resolved, self._matrices = factor, resolved, matrices
        self.coded_mask = matrices[0].any(axis=1)[factor] if len(factor) else np.zeros(0, dtype=bool)
        self._frames: dict[str, Any] = {}
        self._tally: Any = None
        self._items: list[Coded | None] = [None] * len(positions)
        self.tops: dict[tuple[str, str, int], Any] = {}

    @property
    def dimensions(self) -> Any:
        """A ``DataFrame``: a row per change, a column per dimension, whether it is coded with it."""
        return self._frame(0, self.framework.dimension_names)

    @property
    def skills(self) -> Any:
        """The same per skill."""
        return self._frame(1, self.framework.skill_names)

    def _frame(self, which: int, names: list[str]) -> Any:
        import pandas as pd

        if which not in self._frames:
            self._frames[which] = pd.DataFrame(self._matrices[which][self._factor], columns=names)
        return self._frames[which]

    def sums(self, which: int, columns: Any = None) -> Any:
        """How many changes are coded with each dimension (``which`` 0) or skill (1), counted per
        distinct set of codes; ``columns``: how many with any of those (their positions)."""
        import numpy as np

        if self._tally is None:
            self._tally = np.bincount(self._factor, minlength=len(self._resolved))
        matrix = self._matrices[which]
        if columns is not None:
            matrix = matrix[:, columns].any(axis=1)
        return self._tally @ matrix.astype(np.int64)

    def sums_by(self, parts: Any, count: int, which: int) -> Any:
        """:meth:`sums` per part: ``parts`` numbers each change's part (0 to ``count`` - 1; below 0:
        none), a row per part, counted per part and distinct set of codes."""
        import numpy as np
        import pandas as pd

        matrix = self._matrices[which].astype(np.int64)
        width = matrix.shape[1]
        taken = parts >= 0
        sets = max(len(self._resolved), 1)
        pairs, distinct = pd.factorize(parts[taken].astype(np.int64) * sets + self._factor[taken])
        times = np.bincount(pairs, minlength=len(distinct))
        cells = ((distinct // sets)[:, None] * width + np.arange(width)).ravel()
        found = (times[:, None] * matrix[distinct % sets]).ravel()
        return np.bincount(cells, weights=found, minlength=count * width).reshape(count, width).astype(np.int64)

    def subset(self, mask: Any) -> "CodedTable":
        """The changes where ``mask`` holds, in the same order."""
        return CodedTable(
            self.records, self.framework, self.positions[mask], self._factor[mask], self._resolved, self._matrices
        )

    def parts(self, by: str) -> dict[str, "CodedTable"]:
        """The changes per value of their record's ``by`` (as :func:`breakdown` names them: the value
        stripped, ``-`` when empty), in order of first appearance."""
        import pandas as pd

        keys = each_value(self.column(by), lambda v: str(v).strip() if v not in (None, "") and not _missing(v) else "-")
        found = pd.Series(keys, dtype=object).groupby(keys, sort=False).indices
        return {key: self.subset(found[key]) for key in pd.unique(keys)}

    def __len__(self) -> int:
        return len(self.positions)

    def item(self, at: int) -> Coded:
        found = self._items[at]
        if found is None:
            resolutions, dims, skills = self._resolved[self._factor[at]]
            record = self.records.record(int(self.positions[at]))
            found = self._items[at] = Coded(record=record, resolutions=resolutions, dimensions=dims, skills=skills)
        return found

    def __getitem__(self, at: Any) -> Any:
        if isinstance(at, slice):
            return [self.item(i) for i in range(*at.indices(len(self)))]
        return self.item(at if at >= 0 else at + len(self))

    def __iter__(self) -> Iterator[Coded]:
        for at in range(len(self)):
            yield self.item(at)

    def column(self, key: str) -> Any:
        """The value of ``key`` in every change's record (an object array, in order)."""
        return self.records.frame[key].to_numpy(dtype=object)[self.positions]

    def labels(self) -> tuple[Any, Any, Any]:
        """Every change's dimensions, skills and unknown codes, each joined with ``"; "``."""
        joined = [
            ("; ".join(dims), "; ".join(skills), "; ".join(r.code for r in resolutions if not r.ok))
            for resolutions, dims, skills in self._resolved
        ]
        return tuple(_objects([row[i] for row in joined])[self._factor] for i in range(3))


def _top_table(coded: CodedTable, fw: Framework, rank_by: str, top: int) -> dict[str, list[dict[str, Any]]]:
    """:func:`top_changes` of a :class:`CodedTable`: the themes of each group counted as tables
    (a group by group and theme), then ranked and given their quote as :func:`top_changes` says."""
    import numpy as np
    import pandas as pd

    count = len(coded)
    if not count:
        return {}
    group = each_value(coded.column("group"), lambda g: str(g or "-") if not _missing(g) else "-")
    theme = each_value(coded.column("theme"), lambda t: " ".join(t.strip().split()) if isinstance(t, str) else "")
    bare = theme == ""  # no theme: the change's own words stand for it
    if bare.any():
        words = lambda c: " ".join(c.strip().split()) if isinstance(c, str) else ""  # noqa: E731
        theme[bare] = each_value(coded.column("change")[bare], words)
    frame = coded.records.frame
    if frame["importance"].dtype.kind == "f":  # a table of changes: NaN when not given
        weight = frame["importance"].to_numpy()[coded.positions]
    else:
        weight = np.array([np.nan if _missing(w) else float(w) for w in coded.column("importance")], dtype=float)
    if frame["index"].dtype.kind in "iu":
        index = frame["index"].to_numpy()[coded.positions]
    else:
        index = np.array([int(i or 0) for i in coded.column("index")])
    quote = coded.column("quote")
    has_quote = each_value(quote, lambda q: isinstance(q, str) and bool(q.strip())).astype(bool)
    who = each_value(_who_of(coded), lambda w: w.strip())
    # the (group, theme) of each change as a number, in order of first appearance
    groups, group_names = pd.factorize(pd.Series(group, dtype=object))
    themes, theme_names = pd.factorize(pd.Series(theme, dtype=object))
    group_names, theme_names = list(group_names), list(theme_names)
    pair, pairs = pd.factorize(groups.astype(np.int64) * len(theme_names) + themes)
    size = len(pairs)
    sizes = np.bincount(pair, minlength=size)
    people_of, persons = pd.factorize(pd.Series(who, dtype=object))
    seen = pd.unique(pair.astype(np.int64) * max(len(persons), 1) + people_of)  # each person once per pair
    people = np.bincount(seen // max(len(persons), 1), minlength=size)
    given = np.flatnonzero(~np.isnan(weight))
    by_pair = given[np.argsort(pair[given], kind="stable")]  # the weights of each pair, in order
    bounds = np.searchsorted(pair[by_pair], np.arange(size + 1))
    weights = weight[by_pair].tolist()
    ranked = np.lexsort((index, -np.where(np.isnan(weight), -np.inf, weight)))  # most important first
    voices = np.zeros(size, dtype=np.int64)  # by pair: its most important change
    first = ranked[~pd.Series(pair[ranked]).duplicated().to_numpy()]
    voices[pair[first]] = first
    with_quote = ranked[has_quote[ranked]]
    quoted = np.full(size, -1)  # by pair: its most important change with a quote, if any
    first = with_quote[~pd.Series(pair[with_quote]).duplicated().to_numpy()]
    quoted[pair[first]] = first
    counts = coded.sums_by(pair, size, 0)
    role, person, changes = coded.column("role"), coded.column("person"), coded.column("change")
    per_group: dict[str, list[int]] = {}  # group → its (group, theme) pairs, in order of first appearance
    for at in range(size):
        per_group.setdefault(group_names[pairs[at] // len(theme_names)], []).append(at)
    out: dict[str, list[dict[str, Any]]] = {}
    for group_name, keys in per_group.items():
        entries = []
        for order, key in enumerate(keys):
            n_people = int(people[key])
            values = weights[bounds[key] : bounds[key + 1]]
            mean = sum(values) / len(values) if values else None
            if rank_by == "people":
                score: float | None = float(n_people)
            elif rank_by == "importance":
                score = mean
            else:
                score = n_people * mean if mean is not None else None
            entries.append((key, n_people, int(sizes[key]), mean, score, order))
        entries.sort(key=lambda e: (e[4] is None, -(e[4] or 0.0), -e[1], -e[2], e[5]))
        chosen = []
        for rank, (key, n_people, n_changes, mean, score, _order) in enumerate(entries[:top], start=1):
            first = int(voices[key])
            said = int(quoted[key]) if quoted[key] >= 0 else None
            voice = said if said is not None else first
            chosen.append(
                {
                    "rank": rank,
                    "theme": theme_names[pairs[key] % len(theme_names)],
                    "people": n_people,
                    "changes": n_changes,
                    "mean_importance": mean,
                    "score": score,
                    "dimensions": {d: int(counts[key, j]) for j, d in enumerate(fw.dimension_names) if counts[key, j]},
                    "quote": quote[said].strip() if said is not None else (changes[first] or "").strip() or None,
                    "quote_kind": "quote" if said is not None else "statement",
                    "quote_by": role[voice] if not _missing(role[voice]) and role[voice] else person[voice],
                    "example": changes[first],
                }
            )
        out[group_name] = chosen
    return out


def _who_of(coded: CodedTable) -> Any:
    return _who(coded.records.frame)[coded.positions]


# -- what the checks ask of the changes --------------------------------------------------------


def code_problems(records: Sequence[dict[str, Any]], fw: Framework, which: Any) -> list[tuple[int, str, Resolution]]:
    """Every code of every row whose resolution ``which`` picks (``lambda r: not r.ok``), as
    ``(index, code, resolution)`` in file order; of a :class:`RecordTable`, each distinct set of
    codes is looked at once."""
    if not isinstance(records, RecordTable):
        return [(r["index"], code, fw.resolve(code)) for r in records for code in r["idg"] if which(fw.resolve(code))]
    import numpy as np

    frame = records.frame
    factor, uniques = records.code_tuples()
    picked = [[(code, fw.resolve(code)) for code in u if which(fw.resolve(code))] for u in uniques]
    has = np.array([bool(p) for p in picked], dtype=bool)[factor] if picked else np.zeros(len(factor), dtype=bool)
    index = frame["index"].to_numpy()
    return [(int(index[i]), code, res) for i in np.flatnonzero(has) for code, res in picked[factor[i]]]


def without_codes(coded: Sequence[Coded]) -> tuple[list[str], int | None, int | None]:
    """The changes that have no IDG code at all: each named by its row (else its id, else its
    position from 1), and the index and row of the first (``None`` when every change has codes)."""
    if isinstance(coded, CodedTable):
        every, uniques = coded.records.code_tuples()
        none = [at for at, codes in enumerate(uniques) if not codes]  # the rows without a list are () too
        at = coded.positions[every[coded.positions] == none[0]] if none else coded.positions[:0]
        frame = coded.records.frame
        rows, index = frame["row"].to_numpy()[at], frame["index"].to_numpy()[at]
        if rows.dtype.kind in "iu" and rows.all():  # every change has its row number
            rows = rows.tolist()
            names = [str(r) for r in rows]
        else:  # else named by its id, else by its position
            ids = frame["id"].to_numpy(dtype=object)[at]
            rows = [None if _missing(r) else int(r) for r in rows]
            names = [str(r or (None if _missing(i) else i) or int(n) + 1) for r, i, n in zip(rows, ids, index)]
        return names, (int(index[0]) if len(index) else None), (rows[0] if rows else None)
    missing = [item for item in coded if not item.record["idg"]]
    names = [str(item["row"] or item["id"] or item["index"] + 1) for item in missing]
    return names, (missing[0]["index"] if missing else None), (missing[0]["row"] if missing else None)


def _objects(values: Sequence[Any]) -> Any:
    """``values`` as a one-dimensional numpy object array."""
    import pandas as pd

    return pd.Series(list(values), dtype=object).to_numpy()


def coders_twice(records: Sequence[dict[str, Any]]) -> list[tuple[int, Any, str]]:
    """Each row whose coder (stripped, in any case) already coded its change, as ``(index, id,
    coder)``: the change's rows in file order, the changes in the order they first appear. Of a
    :class:`RecordTable`, only the changes coded more than once are looked at, a column at a time."""
    if not isinstance(records, RecordTable):
        out = []
        for rows in group_codings(records).values():
            seen: set[str] = set()
            for record in rows if len(rows) > 1 else ():
                coder = (record.get("coder") or "").strip()
                if coder and coder.casefold() in seen:
                    out.append((record["index"], record["id"], coder))
                if coder:
                    seen.add(coder.casefold())
        return out
    import numpy as np
    import pandas as pd

    at = np.flatnonzero(records.shared())
    frame = records.frame
    coder = each_value(frame["coder"].to_numpy(dtype=object)[at], lambda c: c.strip() if isinstance(c, str) else "")
    keys = records.keys()[at]
    table = pd.DataFrame({"key": keys, "coder": coder, "case": each_value(coder, str.casefold), "at": at})
    table = table[table["coder"] != ""]
    # a change's rows in file order, the changes in the order they first appear (coded or not): by key
    twice = table[table.duplicated(["key", "case"])].sort_values(["key", "at"], kind="stable")
    index = frame["index"].to_numpy()
    ids = frame["id"].to_numpy(dtype=object)
    return [
        (int(index[i]), None if _missing(ids[i]) else ids[i], coder) for i, coder in zip(twice["at"], twice["coder"])
    ]

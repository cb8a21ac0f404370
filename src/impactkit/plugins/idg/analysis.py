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

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from itertools import combinations
from typing import Any

from .column import codes
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
    out = []
    for index, change in enumerate(study.change_list):
        holder = study.stakeholder(change.stakeholder)
        out.append(
            {
                "index": index,
                "id": change.id,
                "person": change.person,
                "respondent": change.respondent,
                "role": change.role,
                "stakeholder": holder.id if holder else change.stakeholder,
                "group": (holder.group or holder.id) if holder else change.stakeholder,
                "known_stakeholder": holder is not None,
                "change": change.change,
                "theme": change.theme,
                "quote": change.quote,
                "importance": change.importance,
                "idg": codes(change),
                "coder": change.coder,
                "row": change.row,
            }
        )
    return out


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
    """Rows grouped by change (rows sharing an ``id`` and a ``person``), in file order."""
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
    counts = dict.fromkeys(fw.dimension_names, 0)
    for item in coded:
        for dim in item.dimensions:
            counts[dim] += 1
    return counts


def skill_counts(coded: Sequence[Coded], fw: Framework, *, keep_zero: bool = True) -> dict[str, int]:
    counts = dict.fromkeys(fw.skill_names, 0)
    for item in coded:
        for skill in item.skills:
            counts[skill] += 1
    return counts if keep_zero else {s: n for s, n in counts.items() if n}


def n_coded(coded: Sequence[Coded]) -> int:
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
    return {name: sum(1 for item in coded if set(item.dimensions) & set(dims)) / total for name, dims in groups.items()}


def group_counts(coded: Sequence[Coded], groups: dict[str, list[str]]) -> dict[str, int]:
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
    """
    coders: list[str] = []
    values: dict[tuple[str, ...], dict[str, str | None]] = {}
    sets: dict[tuple[str, ...], dict[str, frozenset[str] | None]] = {}
    for key, rows in group_codings(records).items():
        if len(rows) < 2:
            continue
        per: dict[str, str | None] = {}
        per_set: dict[str, frozenset[str] | None] = {}
        for position, row in enumerate(rows, start=1):
            coder = (row.get("coder") or "").strip() or f"coder {position}"
            if coder in per:  # the same coder twice: keep the first
                continue
            _, dims, _ = resolve_codes(row.get("idg") or [], fw)
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


def _present(dims: frozenset[str] | None, dim: str) -> int | None:
    """1 if the coder coded the change with ``dim``, 0 if with other dimensions, None if not coded."""
    return None if dims is None else int(dim in dims)


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
    for dim in fw.dimension_names:
        binary = [[_present(data.dimension_sets[k].get(c), dim) for k in keys] for c in data.coders]
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

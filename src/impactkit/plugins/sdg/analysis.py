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

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from impactkit.plugin import HELICES

from .column import goals as goals_of
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


def _key(change: Any, index: int) -> tuple[str, ...]:
    if change.id and str(change.id).strip():
        return ("id", str(change.id).strip(), " ".join(change.who.split()).casefold())
    return ("index", str(index))


def records(study: Any, settings: SdgSettings) -> list[Record]:
    """One :class:`Record` per change of ``study`` (double codings merged), in file order."""
    chosen: dict[tuple[str, ...], int] = {}
    wanted = settings.primary_coder.casefold() if settings.primary_coder else None
    for index, change in enumerate(study.change_list):
        key = _key(change, index)
        if key not in chosen:
            chosen[key] = index
        elif (
            wanted
            and (change.coder or "").casefold() == wanted
            and (study.change_list[chosen[key]].coder or "").casefold() != wanted
        ):
            chosen[key] = index
    mapping = {key: tuple(value.goals) for key, value in settings.outcomes.items()}
    out = []
    for index in sorted(chosen.values()):
        change = study.change_list[index]
        holder = study.stakeholder(change.stakeholder)
        codes = tuple(dict.fromkeys(goals_of(change)))
        mapped = mapping.get(change.outcome or "", ())
        use = set()
        if settings.codes_from in ("changes", "both"):
            use.update(codes)
        if settings.codes_from in ("outcomes", "both"):
            use.update(mapped)
        out.append(
            Record(
                index=index,
                id=change.id,
                person=change.person,
                role=change.role,
                stakeholder=holder.id if holder else change.stakeholder,
                group=(holder.group or holder.id) if holder else change.stakeholder,
                helix=holder.helix if holder else None,
                change=change.change,
                theme=change.theme,
                outcome=change.outcome,
                codes=codes,
                mapped=mapped,
                goals=tuple(sorted(use)),
                row=change.row,
            )
        )
    return out


def goal_counts(items: Sequence[Record]) -> dict[str, int]:
    """``{"1": changes, ..., "17": changes}``: each change once per goal it contributes to."""
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
    return sum(1 for item in items if item.goals)


def n_reaching(items: Sequence[Record], min_changes: int) -> int:
    """Changes that contribute to at least one reached goal (what the helix figures rest on)."""
    goals = set(reached(items, min_changes))
    return sum(1 for item in items if goals.intersection(item.goals))


def by_group(items: Sequence[Record], min_changes: int) -> dict[str, dict[str, Any]]:
    """Per stakeholder group: changes, coded, goal_counts (non-zero), goals reached, helices."""
    groups: dict[str, list[Record]] = {}
    for item in items:
        groups.setdefault(item.group, []).append(item)
    out = {}
    for name, members in groups.items():
        counts = {g: n for g, n in goal_counts(members).items() if n}
        goals = reached(members, min_changes)
        out[name] = {
            "changes": len(members),
            "coded": n_coded(members),
            "goal_counts": counts,
            "goals": goals,
            "goals_reached": len(goals),
            "helices": sorted({m.helix for m in members if m.helix}, key=HELICES.index),
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
    return {
        key: {
            "goals": list(value.goals),
            "rationale": value.rationale,
            "changes": sum(1 for item in items if item.outcome == key),
        }
        for key, value in settings.outcomes.items()
    }

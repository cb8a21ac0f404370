"""The leerkring's figures, computed from the chain (the values of its public metrics)."""

from __future__ import annotations

from collections import Counter
from typing import Any

from .chain import Chain
from .lexicon import output_cues
from .settings import DECISIONS, STATUSES


def _share(part: int, whole: int) -> float | None:
    return part / whole if whole else None


def review_counts(chain: Chain) -> dict[str, int]:
    """Decision → number of projects, always with every decision, plus ``not_reviewed``."""
    counts = Counter(chain.decision(p) or "not_reviewed" for p in chain.projects)
    return {key: counts.get(key, 0) for key in (*DECISIONS, "not_reviewed")}


def needs_served(chain: Chain) -> float | None:
    return _share(sum(1 for n in chain.needs if chain.need_effects(n)), len(chain.needs))


def effects_served(chain: Chain) -> float | None:
    return _share(sum(1 for e in chain.effects if chain.served_by(e)), len(chain.effects))


def projects_fit(chain: Chain) -> float | None:
    live = [p for p in chain.projects if chain.live(p)]
    return _share(sum(1 for p in live if chain.fits(p)), len(live))


def output_phrased(chain: Chain) -> list[str]:
    return [e for e, node in chain.effects.items() if output_cues(node.name).flagged]


def per_need(chain: Chain) -> dict[str, dict[str, list[str]]]:
    """Per need the effects that serve it and the (not stopped) projects that serve those effects."""
    out = {}
    for need in chain.needs:
        effects = chain.need_effects(need)
        projects = [p for p in chain.projects if chain.live(p) and any(e in chain.serves(p) for e in effects)]
        out[need] = {"effects": effects, "projects": projects}
    return out


def evidence_changes(chain: Chain) -> dict[str, int]:
    """Per effect the number of experienced changes whose ``outcome`` points at it (each change once)."""
    seen: set[Any] = set()
    counts: Counter[str] = Counter()
    for i, change in enumerate(chain.study.change_list):
        key = change.id if change.id is not None else ("row", i)
        if change.outcome in chain.effects and key not in seen:
            seen.add(key)
            counts[change.outcome] += 1
    return dict(counts)


def evaluation(chain: Chain) -> dict[str, Any] | None:
    """How far the effects are evaluated; ``None`` when no effect has a status and no change points at one."""
    changes = evidence_changes(chain)
    statuses = {e: chain.entries[e].status for e in chain.effects if e in chain.entries and chain.entries[e].status}
    if not changes and not statuses:
        return None
    evaluated = [e for e in chain.effects if changes.get(e) or statuses.get(e) not in (None, "not_evaluated")]
    return {
        "effects": len(chain.effects),
        "evaluated": len(evaluated),
        "coverage": _share(len(evaluated), len(chain.effects)),
        "with_changes": sum(1 for e in chain.effects if changes.get(e)),
        "changes": {e: changes.get(e, 0) for e in chain.effects},
        "status": {s: sum(1 for v in statuses.values() if v == s) for s in STATUSES},
    }

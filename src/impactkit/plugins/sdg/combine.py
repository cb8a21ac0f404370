"""Combining the goals that several SDG query systems name for a text into one suggestion.

Each system (:mod:`.querysets`) names goals with their targets and the words that matched. A
:class:`Rule` says which goals to suggest: a goal is suggested when a *trusted* system names it,
or when at least ``agree`` of the systems name it. The rule impactkit uses (:data:`DEFAULT`) was
chosen on the development set of ``benchmarks/sdg_dev.py``, never on the benchmark; see
``docs/plugins/sdg.md``.

A suggestion keeps what each system found: its targets (``4.7``) and its reasons, each named after
its system when more than one system is used (``aurora 4.7: global citizenship``). Goals are
ordered by how many systems name them, then by how many targets matched, then by number.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from .querysets import GoalMatch


@dataclass(frozen=True)
class Rule:
    """Suggest a goal that a system of ``trusted`` names, or that ``agree`` of the systems name."""

    systems: tuple[str, ...]
    trusted: frozenset[str]
    agree: int = 1

    def accepts(self, names: set[str]) -> bool:
        return bool(names & self.trusted) or len(names) >= self.agree


@dataclass(slots=True)
class Suggested:
    goal: int
    systems: tuple[str, ...]
    score: float
    targets: tuple[str, ...]
    reasons: tuple[str, ...]
    queries: tuple[str, ...] = ()
    """The queries that matched (``aurora 4.7 line 2``), of every system that names the goal."""


def _any(*names: str) -> Rule:
    return Rule(names, frozenset(names), 1)


RULES: dict[str, Rule] = {
    "aurora": _any("aurora"),
    "aurora | bergen-action": _any("aurora", "bergen-action"),
    "aurora | bergen-topic": _any("aurora", "bergen-topic"),
    "aurora | bergen-topic | bergen-action": _any("aurora", "bergen-topic", "bergen-action"),
    "2 of aurora, bergen-topic, bergen-action": Rule(("aurora", "bergen-topic", "bergen-action"), frozenset(), 2),
    "aurora | (bergen-topic & bergen-action)": Rule(
        ("aurora", "bergen-topic", "bergen-action"), frozenset({"aurora"}), 2
    ),
    # added with keywords-en, before the development set was measured with it:
    "aurora | bergen-topic | bergen-action | keywords-en": _any(
        "aurora", "bergen-topic", "bergen-action", "keywords-en"
    ),
}
"""The candidate rules compared on the development set, written down before it was measured."""


def combine(hits: Mapping[str, Sequence[GoalMatch]], rule: Rule | None = None) -> list[Suggested]:
    """The goals ``rule`` suggests from each system's ``hits`` (system name → its goal matches), best first.

    Without a rule every system is trusted (a goal named by any system is suggested). With a single
    system its own order and reasons are kept unchanged.
    """
    names = list(hits)
    if rule is None:
        rule = Rule(tuple(names), frozenset(names), 1)
    single = len(names) == 1
    by_goal: dict[int, list[tuple[str, GoalMatch]]] = {}
    for name in names:
        for match in hits[name]:
            by_goal.setdefault(match.goal, []).append((name, match))
    out = []
    for goal, found in by_goal.items():
        systems = {name for name, _ in found}
        if not rule.accepts(systems):
            continue
        targets = tuple(dict.fromkeys(t for _, m in found for t in m.targets))
        reasons = tuple(r if single else f"{name} {r}" for name, m in found for r in m.reasons)
        queries = tuple(q for _, m in found for q in m.queries)
        systems_ = tuple(n for n in names if n in systems)
        out.append(Suggested(goal, systems_, sum(m.score for _, m in found), targets, reasons, queries))
    if single:
        order = {m.goal: i for i, m in enumerate(hits[names[0]])}
        return sorted(out, key=lambda s: order[s.goal])
    return sorted(out, key=lambda s: (-len(s.systems), -s.score, s.goal))

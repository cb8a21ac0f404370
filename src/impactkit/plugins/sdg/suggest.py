"""Transparent SDG suggesters: which goals a change statement is about, and which words say so.

**English: the Aurora SDG queries v5.** Every query line of the Aurora Universities Network's
Scopus queries (``data/aurora-v5.csv``: 378 lines for the 169 targets) is evaluated on the text
with :mod:`.scopus`. A goal is suggested when at least one line of one of its targets matches; the
reason names the target and the words of the text that matched (``4.4: increase skills;
employment``). Goals are ordered by the number of their targets that match, then by number.

**Dutch: impactkit's own lexicon** (``data/lexicon-nl.csv``: ``goal, term, weight``), written by
hand from the goals and targets and everyday Dutch of the social domain. A term ending in ``*``
matches every word that starts with it (``armoede*``), a term of several words that phrase; case
and accents are ignored. A goal scores the summed weight of its terms that occur (each term
once); it is suggested when it scores at least :data:`NL_THRESHOLD`, at most
:data:`NL_MAX_GOALS` goals, best first. The reason lists the words that triggered it.

Neither suggester ever reads human codes or the benchmark's texts.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from .goals import GOALS, read_data
from .scopus import Document, compile_query, evaluate, fold, words

NL_THRESHOLD = 2.0
NL_MAX_GOALS = 3


@dataclass(frozen=True)
class GoalHit:
    goal: int
    score: float
    reasons: tuple[str, ...]
    """``"4.4: increase skills; employment"`` (English) or ``"armoede, schuld*"`` (Dutch)."""


@dataclass(frozen=True)
class QueryLine:
    goal: int
    target: str
    line: int
    field: str
    text: str
    tree: Any


@lru_cache(maxsize=1)
def aurora_lines() -> tuple[QueryLine, ...]:
    """Every Aurora v5 query line, compiled once."""
    rows = csv.DictReader(read_data("aurora-v5.csv").splitlines())
    return tuple(
        QueryLine(
            int(r["goal"]), r["target"], int(r["line"]), r["field"], r["query"], compile_query(r["query"], r["field"])
        )
        for r in rows
    )


def suggest_en(text: str) -> list[GoalHit]:
    """The goals whose Aurora queries match ``text``, best first."""
    doc = Document(text)
    targets: dict[int, dict[str, tuple[str, ...]]] = {}
    for line in aurora_lines():
        hit = targets.get(line.goal, {})
        if line.target in hit:
            continue  # one matching line is enough for a target
        ok, matched = evaluate(line.tree, doc)
        if ok:
            targets.setdefault(line.goal, {})[line.target] = matched
    hits = [
        GoalHit(
            goal=g,
            score=float(len(found)),
            reasons=tuple(f"{target}: {'; '.join(matched)}" for target, matched in found.items()),
        )
        for g, found in targets.items()
    ]
    return sorted(hits, key=lambda h: (-h.score, h.goal))


def goals_en(text: str) -> list[int]:
    """Just the goal numbers :func:`suggest_en` names (the benchmark's prediction), through the index
    of the query system ``aurora`` (:mod:`.querysets`): the same goals, found faster."""
    from .querysets import builtin

    return [hit.goal for hit in builtin("aurora").hits(text)]


@dataclass(frozen=True)
class Term:
    goal: int
    words: tuple[str, ...]
    prefix: bool
    weight: float
    text: str


@lru_cache(maxsize=1)
def lexicon_nl() -> tuple[Term, ...]:
    terms = []
    for number, row in enumerate(csv.DictReader(read_data("lexicon-nl.csv").splitlines()), start=2):
        goal = int(row["goal"])
        if goal not in GOALS:
            raise ValueError(f"data/lexicon-nl.csv row {number}: {goal} is not a goal")
        raw = row["term"].strip()
        found = tuple(words(raw.rstrip("*")))
        if not found:
            raise ValueError(f"data/lexicon-nl.csv row {number}: empty term")
        terms.append(
            Term(goal=goal, words=found, prefix=raw.endswith("*"), weight=float(row.get("weight") or 1), text=raw)
        )
    return tuple(terms)


def suggest_nl(text: str) -> list[GoalHit]:
    """The goals of the Dutch lexicon that ``text`` scores at least :data:`NL_THRESHOLD` on, best first."""
    tokens = words(fold(text))
    scores: dict[int, float] = {}
    matched: dict[int, list[str]] = {}
    for term in lexicon_nl():
        size = len(term.words)
        for start in range(len(tokens) - size + 1):
            window = tokens[start : start + size]
            if window[:-1] != list(term.words[:-1]):
                continue
            last, want = window[-1], term.words[-1]
            if last.startswith(want) if term.prefix else last == want:
                scores[term.goal] = scores.get(term.goal, 0.0) + term.weight
                matched.setdefault(term.goal, []).append(" ".join(window))
                break  # each term counts once
    hits = [
        GoalHit(goal=g, score=s, reasons=tuple(dict.fromkeys(matched[g])))
        for g, s in scores.items()
        if s >= NL_THRESHOLD
    ]
    return sorted(hits, key=lambda h: (-h.score, h.goal))[:NL_MAX_GOALS]


def suggest(text: str, lang: str) -> list[GoalHit]:
    return suggest_nl(text) if lang == "nl" else suggest_en(text)

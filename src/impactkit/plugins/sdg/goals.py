"""The 17 goals and 169 targets as data (``data/goals.csv``, ``data/targets.csv``), loaded once.

Only the standard library is used, so the CLI can import this cheaply; nothing is read until a
function is called. See ``data/README.md`` for the sources and licences.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

GOALS = tuple(range(1, 18))
GREY = "#C8C8C8"


@dataclass(frozen=True)
class Goal:
    number: int
    short_en: str
    title_en: str
    short_nl: str
    colour: str

    def short(self, lang: str) -> str:
        return self.short_nl if lang == "nl" else self.short_en

    def label(self, lang: str) -> str:
        """``SDG 4 Quality education`` / ``SDG 4 Kwaliteitsonderwijs``."""
        return f"SDG {self.number} {self.short(lang)}"


@dataclass(frozen=True)
class Target:
    id: str
    goal: int
    title_en: str


def read_data(name: str) -> str:
    return resources.files(__package__).joinpath("data").joinpath(name).read_text("utf-8")


def _rows(name: str) -> list[dict[str, str]]:
    return list(csv.DictReader(read_data(name).splitlines()))


@lru_cache(maxsize=1)
def goals() -> dict[int, Goal]:
    """Goal number → :class:`Goal`, for all 17 goals."""
    out = {
        int(r["goal"]): Goal(int(r["goal"]), r["short_en"], r["title_en"], r["short_nl"], r["colour"])
        for r in _rows("goals.csv")
    }
    if tuple(out) != GOALS:
        raise ValueError("data/goals.csv must list the goals 1 to 17 in order")
    return out


@lru_cache(maxsize=1)
def targets() -> dict[str, Target]:
    """Target id (``"4.4"``, ``"1.a"``) → :class:`Target`, for all 169 targets."""
    return {r["target"]: Target(r["target"], int(r["goal"]), r["title_en"]) for r in _rows("targets.csv")}


def goal(number: int) -> Goal:
    return goals()[number]

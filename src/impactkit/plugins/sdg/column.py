"""The ``sdg`` column of the changes, and the one reading of an SDG goal the plugin uses everywhere.

A goal is written as a number from 1 to 17 (``4``, ``"04"``), optionally after ``SDG``, ``goal``
or ``doel`` in any case, with or without a space or ``-`` (``SDG4``, ``SDG 4``, ``SDG-4``,
``goal 4``, ``doel 4``). The same reading serves a cell of a changes file (goals separated by
``;`` or ``,``), an inline change (``sdg: [4, 17]`` or ``sdg: "4; SDG 5"``) and ``methods.sdg``
(:mod:`.settings`). The core keeps the goals in ``change.codes["sdg"]`` as numbers.
"""

from __future__ import annotations

import re
from typing import Any

from impactkit.plugin import ChangeColumn, Text, TextError, catalog, fill

NAME = "sdg"
"""The column's name: the key of an inline change, the header of a changes file, ``ctx.changes[NAME]``."""

MESSAGES = catalog(
    [
        (
            "not-a-goal",
            "'{value}' is not an SDG; expected a goal number from 1 to 17 (4, SDG4, SDG 4, SDG-4, goal 4 or doel 4), "
            "several separated by ; or ,",
            "'{value}' is geen SDG; verwacht een doelnummer van 1 tot en met 17 (4, SDG4, SDG 4, SDG-4, goal 4 of "
            "doel 4), meerdere gescheiden door ; of ,",
        ),
    ]
)

_SDG = re.compile(r"(?:(?:sdg|goal|doel)[\s_-]*)?0*(\d{1,2})", re.IGNORECASE)


def sdg_goal(value: object) -> int | None:
    """One SDG as written by a user, or ``None`` when it is not one (see the module's docstring)."""
    if isinstance(value, bool):
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, int):
        return value if 1 <= value <= 17 else None
    if isinstance(value, str):
        found = _SDG.fullmatch(value.strip())
        if found and 1 <= int(found[1]) <= 17:
            return int(found[1])
    return None


def sdg_goals(value: object) -> tuple[list[int], list[str]]:
    """The goals in an ``sdg`` value (a table cell, or a study's inline change) and the parts that
    are not goals.

    A text holds goals separated by ``;`` or ``,``, each as :func:`sdg_goal` reads it; a number is
    one goal; a list holds numbers or such texts.
    """

    def split(item: object) -> list[object]:
        return [part.strip() for part in re.split(r"[;,]", item)] if isinstance(item, str) else [item]

    parts = [part for item in value for part in split(item)] if isinstance(value, (list, tuple)) else split(value)
    goals: list[int] = []
    bad: list[str] = []
    for part in parts:
        if part == "":
            continue
        goal = sdg_goal(part)
        if goal is None:
            bad.append(str(part))
        else:
            goals.append(goal)
    return goals, bad


def not_a_goal(value: str) -> Text:
    """Why ``value`` is not an SDG, in both languages."""
    return fill(MESSAGES["not-a-goal"], value=value)


def parse_goals(value: Any) -> list[int]:
    """The goals of one ``sdg`` value; every part that is not a goal is a :class:`TextError` (several
    together in an ``ExceptionGroup``, so each is reported)."""
    if isinstance(value, dict):
        raise TextError(
            en="SDG goals are numbers from 1 to 17 or a text such as '4; SDG 5', not a mapping",
            nl="SDG-doelen zijn getallen van 1 tot en met 17 of een tekst zoals '4; SDG 5', geen verzameling",
        )
    goals, bad = sdg_goals(value)
    errors = [TextError(en=why.en, nl=why.nl) for why in map(not_a_goal, bad)]
    if len(errors) == 1:
        raise errors[0]
    if errors:
        raise ExceptionGroup("not SDGs", errors)
    return goals


def goals(change: Any) -> list[int]:
    """The SDG codes of a change (``[]`` when it has none)."""
    return list(change.codes.get(NAME, ()))


_GOAL_SCHEMA: dict[str, Any] = {
    "anyOf": [
        {"type": "integer", "minimum": 1, "maximum": 17},
        {"type": "string", "examples": ["4", "SDG 4", "goal 4"]},
    ]
}

COLUMN = ChangeColumn(
    name=NAME,
    aliases=("sdgs", "sdg_goals", "sdg_doelen"),
    title=Text(en="SDG goals", nl="SDG-doelen"),
    description=Text(
        en="SDG goals 1-17: numbers, or text such as '4; SDG 5' (4, SDG4, SDG 4, SDG-4, goal 4, doel 4).",
        nl="SDG-doelen 1-17: getallen, of tekst zoals '4; SDG 5' (4, SDG4, SDG 4, SDG-4, goal 4, doel 4).",
    ),
    parse=parse_goals,
    json_schema={"anyOf": [{"type": "array", "items": _GOAL_SCHEMA}, *_GOAL_SCHEMA["anyOf"]]},
    example=Text(en="4", nl="4"),
)

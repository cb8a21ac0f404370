"""The limits impactkit keeps to, so that no file can make it hang or run out of memory.

Each is generous for real studies and documented in docs/safety.md; input beyond one is refused
with the place it was found (``FILE:LINE:COL``) and exit code 2, never a hang or a crash.

YAML (``study.yaml``) is checked on its event stream, before anything is built from it:

* nesting deeper than :data:`YAML_MAX_DEPTH` levels (a study needs about six);
* aliases (``*name``) whose expansion would give more than :data:`YAML_MAX_EXPANDED` nodes in
  all — the "billion laughs" alias bomb — or more than :data:`YAML_MAX_ALIASES` aliases;
* a file larger than :data:`YAML_MAX_BYTES`;
* a plain scalar that YAML reads as a date but is none (``2025-13-45``).

Numbers in a study have sane ranges, checked by the study models: money at most
:data:`MAX_MONEY` (in any currency), counts of people at most :data:`MAX_PEOPLE`, an importance
between ``-MAX_SCALE`` and ``MAX_SCALE``; infinity and NaN are never a value.
"""

from __future__ import annotations

import datetime as _dt
import re
from typing import Any

from .contributions import Location
from .errors import Problem, StudyError
from .i18n import Text, fill

YAML_MAX_BYTES = 50 * 1024 * 1024
YAML_MAX_DEPTH = 64
YAML_MAX_ALIASES = 10_000
YAML_MAX_EXPANDED = 1_000_000

MAX_MONEY = 1e12
MAX_PEOPLE = 1_000_000_000
MAX_SCALE = 1_000

_DATE = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})(?:[Tt ]|$)")

MESSAGES = {
    "too-deep": Text(
        en="the YAML is nested more than {limit} levels deep here; a study needs only a few levels",
        nl="de YAML is hier meer dan {limit} niveaus diep genest; een studie heeft maar een paar niveaus nodig",
    ),
    "too-many-aliases": Text(
        en="more than {limit} aliases (*name) in one file; write the values out instead",
        nl="meer dan {limit} aliassen (*naam) in één bestand; schrijf de waarden liever uit",
    ),
    "alias-bomb": Text(
        en="the aliases (*name) in this file would expand to more than {limit} values (an alias bomb?); "
        "write the values out instead",
        nl="de aliassen (*naam) in dit bestand zouden uitgroeien tot meer dan {limit} waarden (een aliasbom?); "
        "schrijf de waarden liever uit",
    ),
    "not-a-date": Text(
        en="'{value}' is not a date: write a date as YYYY-MM-DD (month 1-12, a day the month has), "
        "or put it in quotes to keep it as text",
        nl="'{value}' is geen datum: schrijf een datum als JJJJ-MM-DD (maand 1-12, een dag die de maand heeft), "
        "of zet hem tussen aanhalingstekens om hem als tekst te houden",
    ),
    "too-large": Text(
        en="the file is {size} bytes; a study file may be at most {limit} bytes (put the changes in a table)",
        nl="het bestand is {size} bytes; een studiebestand mag hoogstens {limit} bytes zijn "
        "(zet de veranderingen in een tabel)",
    ),
}


def _refuse(file: str, mark: Any, key: str, **params: Any) -> StudyError:
    line = mark.line + 1 if mark is not None else None
    column = mark.column + 1 if mark is not None else None
    return StudyError([Problem(Location(file=file, line=line, column=column), fill(MESSAGES[key], **params))])


def check_yaml(text: str, file: str) -> None:
    """Refuse ``text`` (the YAML of ``file``) when it is too large, nested too deep or its aliases
    expand too far: :class:`StudyError` at the place, before any object is built. Syntax errors are
    left to the loader, which words them."""
    from ruamel.yaml import YAML
    from ruamel.yaml.error import YAMLError
    from ruamel.yaml.events import (
        AliasEvent,
        CollectionEndEvent,
        CollectionStartEvent,
        NodeEvent,
    )

    size = len(text.encode("utf-8", "surrogatepass"))
    if size > YAML_MAX_BYTES:
        raise _refuse(file, None, "too-large", size=size, limit=YAML_MAX_BYTES)
    # open collections: [anchor or None, nodes inside so far]; anchors: name → nodes it expands to
    open_: list[list[Any]] = []
    anchors: dict[str, int] = {}
    aliases = expanded = 0
    try:
        for event in YAML(typ="rt").parse(text):
            if isinstance(event, AliasEvent):
                aliases += 1
                if aliases > YAML_MAX_ALIASES:
                    raise _refuse(file, event.start_mark, "too-many-aliases", limit=YAML_MAX_ALIASES)
                nodes = anchors.get(event.anchor, 1)
            elif isinstance(event, CollectionStartEvent):
                if len(open_) >= YAML_MAX_DEPTH:
                    raise _refuse(file, event.start_mark, "too-deep", limit=YAML_MAX_DEPTH)
                open_.append([event.anchor, 1])
                continue
            elif isinstance(event, CollectionEndEvent):
                anchor, nodes = open_.pop()
                if anchor is not None:
                    anchors[anchor] = nodes
                if open_:
                    open_[-1][1] += nodes
                continue
            elif isinstance(event, NodeEvent):  # a scalar
                nodes = 1
                if getattr(event, "style", None) is None and (date := _DATE.match(event.value or "")):
                    try:
                        _dt.date(*map(int, date.groups()))
                    except ValueError:
                        raise _refuse(file, event.start_mark, "not-a-date", value=event.value) from None
                if event.anchor is not None:
                    anchors[event.anchor] = 1
            else:
                continue
            expanded += nodes
            if expanded > YAML_MAX_EXPANDED:
                raise _refuse(file, event.start_mark, "alias-bomb", limit=YAML_MAX_EXPANDED)
            if open_:
                open_[-1][1] += nodes
    except YAMLError:
        return  # the loader reports the syntax error with its own words

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

Tables (the changes file, an impact map, an export to import) are read within these bounds, each
refused with the file and the row (:func:`table_problem`):

* a CSV cell of at most :data:`MAX_CELL_CHARS` characters (a 1 MB survey answer is fine);
* at most :data:`MAX_COLUMNS` columns (a spreadsheet's own most) and :data:`MAX_CELLS` cells;
* a workbook that unpacks to at most :data:`MAX_UNPACKED` bytes (a zip bomb is refused before it
  is opened), read row by row as its rows come, whatever size its sheets claim to have.
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

MAX_CELL_CHARS = 1_048_576
MAX_COLUMNS = 16_384
MAX_CELLS = 20_000_000  # a million changes of 20 columns (issue 13: a study of a million changes)
MAX_UNPACKED = 512 * 1024 * 1024

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
    "cell-too-large": Text(
        en='a cell that starts here is longer than {limit} characters (1 MB); is a quote (") opened here never '
        'closed? A quote inside a quoted cell is written twice ("")',
        nl='een cel die hier begint is langer dan {limit} tekens (1 MB); wordt een aanhalingsteken (") dat hier '
        'opent nooit gesloten? Een aanhalingsteken binnen een cel tussen aanhalingstekens schrijf je dubbel ("")',
    ),
    "quote-not-closed": Text(
        en='the quote (") that opens a cell in this row (line {line}) is never closed, so every line after it '
        'would be one cell; close it, or write a quote inside a quoted cell twice ("")',
        nl='het aanhalingsteken (") dat in deze rij (regel {line}) een cel opent, wordt nooit gesloten, zodat elke '
        "regel erna één cel zou worden; sluit het, of schrijf een aanhalingsteken binnen een cel tussen "
        'aanhalingstekens dubbel ("")',
    ),
    "quote-then-text": Text(
        en="a quoted cell that opens in this row (line {line}) has more text after its closing quote (line {end}); "
        'is a quote (") here never closed? A quote inside a quoted cell is written twice ("")',
        nl="een cel tussen aanhalingstekens die in deze rij (regel {line}) opent, heeft nog tekst na het sluitende "
        'aanhalingsteken (regel {end}); wordt een aanhalingsteken (") hier nooit gesloten? Een aanhalingsteken '
        'binnen een cel tussen aanhalingstekens schrijf je dubbel ("")',
    ),
    "csv-error": Text(
        en="this row (line {line}) cannot be read as CSV: {error}",
        nl="deze rij (regel {line}) is niet als CSV te lezen: {error}",
    ),
    "too-many-columns": Text(
        en="the row has {n} cells; a table may have at most {limit} columns",
        nl="de rij heeft {n} cellen; een tabel mag hoogstens {limit} kolommen hebben",
    ),
    "too-many-cells": Text(
        en="the table has more than {limit} cells; split it, or leave out the columns impactkit does not use",
        nl="de tabel heeft meer dan {limit} cellen; splits haar, of laat de kolommen weg die impactkit niet gebruikt",
    ),
    "workbook-too-large": Text(
        en="the workbook unpacks to {size} bytes; impactkit reads a workbook of at most {limit} bytes unpacked "
        "(a zip bomb?); save the sheet as CSV, or leave out what impactkit does not use",
        nl="de werkmap pakt uit tot {size} bytes; impactkit leest een werkmap van hoogstens {limit} bytes uitgepakt "
        "(een zipbom?); sla het blad op als CSV, of laat weg wat impactkit niet gebruikt",
    ),
    "mixed-encoding": Text(
        en="the file mixes encodings: it is UTF-8, but this row (line {line}) holds a byte (0x{byte}) that is not; "
        "read as Windows-1252, its letters would be garbled (café as cafÃ©). Save the whole file as UTF-8",
        nl="het bestand mengt coderingen: het is UTF-8, maar deze rij (regel {line}) bevat een byte (0x{byte}) die "
        "dat niet is; als Windows-1252 gelezen zouden de letters verminkt worden (café als cafÃ©). Sla het hele "
        "bestand op als UTF-8",
    ),
    "nul-bytes": Text(
        en="the file holds NUL bytes (this row, line {line}): it is not a text table (CSV) in an encoding impactkit "
        "knows (UTF-8, UTF-16, UTF-32, Windows-1252, Latin-1)",
        nl="het bestand bevat NUL-bytes (deze rij, regel {line}): het is geen teksttabel (CSV) in een codering die "
        "impactkit kent (UTF-8, UTF-16, UTF-32, Windows-1252, Latin-1)",
    ),
    "too-large": Text(
        en="the file is {size} bytes; a study file may be at most {limit} bytes (put the changes in a table)",
        nl="het bestand is {size} bytes; een studiebestand mag hoogstens {limit} bytes zijn "
        "(zet de veranderingen in een tabel)",
    ),
}


def table_problem(file: str, row: int | None, key: str, **params: Any) -> StudyError:
    """A :class:`StudyError` for a table beyond a limit (or unreadable as CSV): ``file``, the row
    (``None``: the whole file) and the message ``key`` of :data:`MESSAGES`."""
    from .numbers import format_number

    counts = {
        name: Text(en=format_number(value, "en"), nl=format_number(value, "nl"))
        for name, value in params.items()
        if name in ("limit", "size", "n") and isinstance(value, int)
    }
    return StudyError([Problem(Location(file=file, row=row), fill(MESSAGES[key], **{**params, **counts}))])


def _refuse(file: str, mark: Any, key: str, **params: Any) -> StudyError:
    line = mark.line + 1 if mark is not None else None
    column = mark.column + 1 if mark is not None else None
    return StudyError([Problem(Location(file=file, line=line, column=column), fill(MESSAGES[key], **params))])


def check_yaml_size(text: str, file: str) -> None:
    """Refuse ``text`` (the YAML of ``file``) when it is larger than :data:`YAML_MAX_BYTES`."""
    size = len(text.encode("utf-8", "surrogatepass"))
    if size > YAML_MAX_BYTES:
        raise _refuse(file, None, "too-large", size=size, limit=YAML_MAX_BYTES)


class _YamlLimits:
    """The nesting, alias and date limits, checked on a YAML event stream an event at a time."""

    def __init__(self, file: str):
        from ruamel.yaml.events import AliasEvent, CollectionEndEvent, CollectionStartEvent, NodeEvent

        self.file = file
        self.kinds = (AliasEvent, CollectionStartEvent, CollectionEndEvent, NodeEvent)
        self.open: list[list[Any]] = []  # open collections: [anchor or None, nodes inside so far]
        self.anchors: dict[str, int] = {}  # anchor → the nodes it expands to
        self.aliases = self.expanded = 0

    def see(self, event: Any) -> None:
        """Refuse the document at ``event`` (:class:`StudyError` at its place) when it passes a limit."""
        alias, start, end, node = self.kinds
        if isinstance(event, alias):
            self.aliases += 1
            if self.aliases > YAML_MAX_ALIASES:
                raise _refuse(self.file, event.start_mark, "too-many-aliases", limit=YAML_MAX_ALIASES)
            nodes = self.anchors.get(event.anchor, 1)
        elif isinstance(event, start):
            if len(self.open) >= YAML_MAX_DEPTH:
                raise _refuse(self.file, event.start_mark, "too-deep", limit=YAML_MAX_DEPTH)
            self.open.append([event.anchor, 1])
            return
        elif isinstance(event, end):
            anchor, nodes = self.open.pop()
            if anchor is not None:
                self.anchors[anchor] = nodes
            if self.open:
                self.open[-1][1] += nodes
            return
        elif isinstance(event, node):  # a scalar
            nodes = 1
            if getattr(event, "style", None) is None and (date := _DATE.match(event.value or "")):
                try:
                    _dt.date(*map(int, date.groups()))
                except ValueError:
                    raise _refuse(self.file, event.start_mark, "not-a-date", value=event.value) from None
            if event.anchor is not None:
                self.anchors[event.anchor] = 1
        else:
            return
        self.expanded += nodes
        if self.expanded > YAML_MAX_EXPANDED:
            raise _refuse(self.file, event.start_mark, "alias-bomb", limit=YAML_MAX_EXPANDED)
        if self.open:
            self.open[-1][1] += nodes


def check_yaml(text: str, file: str) -> None:
    """Refuse ``text`` (the YAML of ``file``) when it is too large, nested too deep or its aliases
    expand too far: :class:`StudyError` at the place, before any object is built. Syntax errors are
    left to the loader, which words them. (:func:`yaml_loader` checks the same while it loads.)"""
    from ruamel.yaml import YAML
    from ruamel.yaml.error import YAMLError

    check_yaml_size(text, file)
    limits = _YamlLimits(file)
    try:
        for event in YAML(typ="rt").parse(text):
            limits.see(event)
    except YAMLError:
        return  # the loader reports the syntax error with its own words


def yaml_loader(file: str) -> Any:
    """A round-trip ``ruamel.yaml.YAML`` that checks :func:`check_yaml`'s limits (but the size:
    :func:`check_yaml_size` first) on each event as it parses ``file``'s text: the document is
    composed whole before any object is built from it, so a refused one builds nothing, and the text
    is parsed once."""
    from ruamel.yaml import YAML
    from ruamel.yaml.parser import RoundTripParser

    limits = _YamlLimits(file)

    class CheckedParser(RoundTripParser):  # type: ignore[misc]
        def get_event(self) -> Any:
            event = super().get_event()
            limits.see(event)
            return event

    yaml = YAML(typ="rt")
    yaml.Parser = CheckedParser
    return yaml

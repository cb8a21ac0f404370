"""Experienced changes from survey or interview exports (CSV/XLSX), one row per reported change.

Column names are matched case-insensitively, with Dutch aliases (``persoon``, ``rol``,
``verandering``, ``citaat`` ...). Unknown columns are kept in ``Change.extra``. Every bad cell is
reported with its row (1 is the header, so the first change is row 2) and column; no row is
skipped silently.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pydantic import ValidationError

from .contributions import Location
from .errors import Problem, StudyError
from .i18n import Text, msg
from .model import Change

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

    from .model import Study
    from .plugins import Plugins

ALIASES: dict[str, tuple[str, ...]] = {
    "id": ("id", "change_id", "verandering_id"),
    "person": ("person", "persoon", "respondent", "respondent_id", "deelnemer", "participant"),
    "role": ("role", "rol", "functie"),
    "stakeholder": ("stakeholder", "stakeholdergroep", "stakeholder_group", "groep", "group", "belanghebbende"),
    "change": ("change", "verandering", "ervaren_verandering", "experienced_change"),
    "theme": ("theme", "thema", "cluster"),
    "quote": ("quote", "citaat", "quotation"),
    "importance": ("importance", "belang", "gewicht", "weight", "score"),
    "idg": ("idg", "idg_code", "idg_codes"),
    "sdg": ("sdg", "sdgs", "sdg_goals"),
    "coder": ("coder", "codeur", "beoordelaar", "rater"),
    "wave": ("wave", "meting", "ronde", "golf", "meetmoment"),
    "outcome": ("outcome", "effect", "uitkomst"),
}
REQUIRED = ("person", "stakeholder", "change")
_LOOKUP = {alias: field for field, aliases in ALIASES.items() for alias in aliases}


def normalise_header(header: str) -> str:
    """A column header as it is looked up: lower case, runs of spaces and dashes as ``_``
    (``Stakeholder group`` → ``stakeholder_group``)."""
    return re.sub(r"[\s\-]+", "_", header.strip().casefold())


def map_columns(columns: list[str]) -> dict[str, str]:
    """Source column → impactkit field, for the columns impactkit knows (first match wins)."""
    mapping: dict[str, str] = {}
    taken: set[str] = set()
    for column in columns:
        field = _LOOKUP.get(normalise_header(str(column)))
        if field and field not in taken:
            mapping[column] = field
            taken.add(field)
    return mapping


def read_table(path: Path, plugins: "Plugins", *, keep_problems: bool = False) -> "pd.DataFrame":
    """Read a table through the ``impactkit_read_table`` hook; a :class:`StudyError` if impossible.

    The core's readers note what is wrong with the file's shape (duplicate column names, rows
    with too many cells) in ``frame.attrs["problems"]``; these are raised here, unless
    ``keep_problems``: then they stay on the frame, for :func:`rows_to_changes` to report
    together with every bad cell.
    """
    where = Location(file=str(path))
    if not path.is_file():
        raise StudyError([Problem(where, msg("file-missing"))])
    try:
        frame = plugins.pm.hook.impactkit_read_table(path=path)
    except StudyError:
        raise
    except Exception as exc:
        raise StudyError([Problem(where, msg("changes-unreadable", error=f"{type(exc).__name__}: {exc}"))]) from None
    if frame is None:
        raise StudyError([Problem(where, msg("changes-format", suffix=path.suffix or "?"))])
    if not keep_problems and frame.attrs.get("problems"):
        raise StudyError(list(frame.attrs["problems"]))
    return frame


def parse_number(text: str) -> float:
    """A number cell (a decimal comma is allowed); ``ValueError`` when it is not a finite number."""
    value = float(text.replace(",", "."))
    if not math.isfinite(value):
        raise ValueError(text)
    return value


_SDG = re.compile(r"(?:(?:sdg|goal|doel)[\s_-]*)?0*(\d{1,2})", re.IGNORECASE)


def sdg_goal(value: object) -> int | None:
    """One SDG as written by a user, or ``None`` when it is not one.

    A number from 1 to 17 (``4``, ``"4"``, ``"04"``), optionally after ``SDG``, ``goal`` or
    ``doel`` (any case, with or without a space or ``-``: ``SDG4``, ``SDG 4``, ``SDG-4``,
    ``goal 4``, ``doel 4``).
    """
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
    return msg("sdg-not-a-goal", value=value)


def _by_row(problems: list[Problem]) -> list[Problem]:
    """Problems in file order: by row (stable, so a row's cells stay in column order)."""
    return sorted(problems, key=lambda p: p.location.row if p.location.row is not None else 0)


def rows_to_changes(frame: "pd.DataFrame", file: str) -> list[Change]:
    """Turn a table of strings into :class:`Change` objects, or raise with every problem.

    Every row is checked, also after a bad one, and every bad cell of a row is reported; the
    reader's problems (``frame.attrs["problems"]``, see :func:`read_table`) come along, in row
    order.
    """
    changes, problems = check_rows(frame, file)
    if problems:
        raise StudyError(problems)
    return changes


def check_rows(frame: "pd.DataFrame", file: str) -> tuple[list[Change], list[Problem]]:
    """The changes of the rows that can be read, and every problem of the table, in row order.

    A row with a problem of its own (a bad or empty cell, more cells than the header) gives no
    change, so what is checked further (e.g. :func:`unknown_stakeholders`) is what the row
    says. Only a missing required column is raised at once (no row can be read then).
    """
    columns = [str(c) for c in frame.columns]
    mapping = map_columns(columns)
    shape: list[Problem] = list(frame.attrs.get("problems", ()))  # the reader's: header and too many cells
    problems: list[Problem] = []
    present = set(mapping.values())
    header_row = int(frame.attrs.get("header_row", 1))
    missing = [
        Problem(
            Location(file=file, row=header_row, key=field),
            msg("changes-column-missing", column=field, found=", ".join(columns) or "-"),
        )
        for field in REQUIRED
        if field not in present
    ]
    if missing:
        raise StudyError(_by_row(missing + shape))
    reverse = {field: column for column, field in mapping.items()}
    changes: list[Change] = []
    first_row = header_row + 1
    for index, record in enumerate(frame.itertuples(index=False, name=None)):
        row = index + first_row
        values = {col: ("" if val is None else str(val)).strip() for col, val in zip(columns, record)}
        if not any(values.values()):
            continue  # a wholly empty line is not a change; nothing is lost
        data: dict[str, Any] = {"row": row, "extra": {}}
        bad = False
        for column, value in values.items():
            field = mapping.get(column)
            if field is None:
                data["extra"][column] = value
                continue
            if value == "":
                if field in REQUIRED:
                    problems.append(
                        Problem(Location(file=file, row=row, key=column), msg("changes-empty-cell", column=column))
                    )
                    bad = True
                continue
            if field == "importance":
                try:
                    data[field] = parse_number(value)
                except ValueError:
                    problems.append(
                        Problem(
                            Location(file=file, row=row, key=column),
                            msg("changes-bad-number", column=column, value=value),
                        )
                    )
                    bad = True
                continue
            if field == "sdg":
                goals, wrong = sdg_goals(value)
                for part in wrong:
                    why = not_a_goal(part)
                    problems.append(
                        Problem(
                            Location(file=file, row=row, key=column),
                            Text(en=f"column '{column}': {why.en}", nl=f"kolom '{column}': {why.nl}"),
                        )
                    )
                bad = bad or bool(wrong)
                data[field] = goals
                continue
            data[field] = value
        if bad:
            continue
        try:
            changes.append(Change.model_validate(data))
        except ValidationError as exc:  # pragma: no cover - the checks above catch what the model would
            for item in exc.errors(include_url=False):
                field = str(item["loc"][0]) if item["loc"] else "?"
                problems.append(
                    Problem(
                        Location(file=file, row=row, key=reverse.get(field, field)),
                        msg("bad-value", problem=item["msg"]),
                    )
                )
    problems += shape  # after a row's cells: the cells past the header's last column
    unreadable = {p.location.row for p in problems}
    problems += shared_id_problems(changes, lambda i: Location(file=file, row=changes[i].row))
    return [c for c in changes if c.row not in unreadable], _by_row(problems)


def unknown_stakeholders(study: "Study", changes: list[Change], file: str, column: str) -> list[Problem]:
    """A problem for each change whose stakeholder is not the study's, at its row and ``column``
    (the header as the file writes it, e.g. ``Stakeholdergroep``)."""
    known = ", ".join(h.id for h in study.stakeholders) or "-"
    return [
        Problem(
            Location(file=file, row=change.row, key=column),
            msg("stakeholder-unknown", value=change.stakeholder, known=known),
        )
        for change in changes
        if study.stakeholder(change.stakeholder) is None
    ]


def shared_id_problems(changes: list[Change], where: Callable[[int], Location | None]) -> list[Problem]:
    """Rows may share an ``id`` only as codings of one change: same person, same change text.

    Anything else would merge different changes silently, so it is refused, naming both rows.
    """
    first: dict[str, Change] = {}
    problems = []
    for index, change in enumerate(changes):
        if change.id is None:
            continue
        seen = first.setdefault(change.id, change)
        if seen is change:
            continue
        if (seen.person, " ".join(seen.change.split())) != (change.person, " ".join(change.change.split())):
            what = "person" if seen.person != change.person else "change"
            place = where(index) or Location()
            if place.row is not None:
                place = place.model_copy(update={"key": what})
            other = f"row {seen.row}" if seen.row is not None else f"change {changes.index(seen) + 1}"
            other_nl = other.replace("row", "rij").replace("change", "verandering")
            problems.append(
                Problem(
                    place,
                    Text(
                        en=f"id '{change.id}' is also used by {other} for a different {what}; rows share an id "
                        f"only when they are codings of the same change (double coding)",
                        nl=f"id '{change.id}' wordt ook gebruikt door {other_nl} voor een andere "
                        f"{'persoon' if what == 'person' else 'verandering'}; rijen delen alleen een id als ze "
                        f"coderingen van dezelfde verandering zijn (dubbel coderen)",
                    ),
                )
            )
    return problems


def load_changes_file(study: "Study", path: Path, plugins: "Plugins") -> tuple[list[Change], dict[str, str]]:
    """The changes in ``path`` and which column holds each field (``{"person": "Persoon", ...}``).

    A missing file is reported at the ``changes:`` line of the study. When some cells cannot be
    used, the rows that can be read are checked for stakeholders the study does not have too
    (when it lists any), so that one round shows everything; in a file without bad cells an
    unknown stakeholder is left to the graph (an error finding).
    """
    if not path.is_file():
        from .locate import locate

        where = locate(study, ("changes",)) or Location(file=str(study.path))
        raise StudyError(
            [
                Problem(
                    where,
                    Text(en=f"changes file '{path}' not found", nl=f"veranderingenbestand '{path}' niet gevonden"),
                )
            ]
        )
    frame = read_table(path, plugins, keep_problems=True)
    columns = {field: column for column, field in map_columns([str(c) for c in frame.columns]).items()}
    changes, problems = check_rows(frame, str(path))
    if problems:
        if study.stakeholders:  # the graph would tell these later (exit 1); now they come with the cells
            problems += unknown_stakeholders(study, changes, str(path), columns.get("stakeholder", "stakeholder"))
        raise StudyError(_by_row(problems))
    return changes, columns

"""Experienced changes from survey or interview exports (CSV/XLSX), one row per reported change,
and from the inline changes of ``study.yaml``.

Column names are matched case-insensitively, with Dutch aliases (``persoon``, ``rol``,
``verandering``, ``citaat`` ...). Besides the core's fields, a change has the columns the loaded
plugins declare (:class:`~impactkit.core.contributions.ChangeColumn`, on their study section):
:func:`change_columns` collects them, and each value is read by its column's ``parse`` into
``Change.codes``. The core knows no such column by name. Unknown columns (and the columns of a
plugin that is not loaded) are kept in ``Change.extra``. Every bad cell is reported with its row
(1 is the header, so the first change is row 2) and column; no row is skipped silently.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pydantic import ValidationError

from .contributions import ChangeColumn, Finding, Location
from .errors import Problem, StudyError, TextError
from .i18n import Text, catalog, did_you_mean, fill, msg
from .model import Change, parse_consent

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

    from .model import Study
    from .plugins import Plugins

ALIASES: dict[str, tuple[str, ...]] = {
    "id": ("id", "change_id", "verandering_id"),
    "person": ("person", "persoon", "deelnemer", "participant"),
    "respondent": ("respondent", "respondent_id", "respondentnummer", "response_id", "responsnummer"),
    "role": ("role", "rol", "functie"),
    "stakeholder": ("stakeholder", "stakeholdergroep", "stakeholder_group", "groep", "group", "belanghebbende"),
    "change": ("change", "verandering", "ervaren_verandering", "experienced_change"),
    "theme": ("theme", "thema", "cluster"),
    "quote": ("quote", "citaat", "quotation"),
    "consent": ("consent", "toestemming", "quote_consent", "consent_quote", "toestemming_citaat"),
    "importance": ("importance", "belang", "gewicht", "weight", "score"),
    "coder": ("coder", "codeur", "beoordelaar", "rater"),
    "wave": ("wave", "meting", "ronde", "golf", "meetmoment"),
    "outcome": ("outcome", "effect", "uitkomst"),
}
"""The core's fields and the headers they are read from (compared as :func:`normalise_header` makes them)."""
REQUIRED = ("person", "stakeholder", "change")
"""Columns a changes file must have; ``person`` may be left out when there is a ``respondent`` column."""
_LOOKUP = {alias: field for field, aliases in ALIASES.items() for alias in aliases}

_M = catalog(
    [
        ("what-column", "change column", "veranderingenkolom"),
        (
            "alias-taken",
            "plugin '{plugin}': column '{column}' may not be read from '{alias}', which is already {owner}",
            "plug-in '{plugin}': kolom '{column}' kan niet uit '{alias}' worden gelezen, dat is al {owner}",
        ),
        ("owner-core", "the change's own '{field}'", "het eigen veld '{field}' van een verandering"),
        ("owner-plugin", "column '{column}' of plugin '{plugin}'", "kolom '{column}' van plug-in '{plugin}'"),
        ("in-column", "column '{column}': {why}", "kolom '{column}': {why}"),
        (
            "parse-failed",
            "plugin '{plugin}' could not read column '{column}': {error}",
            "plug-in '{plugin}' kon kolom '{column}' niet lezen: {error}",
        ),
        (
            "key-unknown",
            "'{key}' is not a field of a change nor a column of a loaded plugin (fields: {known}); it is kept "
            "as an extra column{hint}",
            "'{key}' is geen veld van een verandering en geen kolom van een geladen plug-in (velden: {known}); "
            "het blijft bewaard als extra kolom{hint}",
        ),
    ]
)


# -- the columns plugins declare ------------------------------------------------------------------


@dataclass(frozen=True)
class Columns:
    """The change columns the loaded plugins declare, by name (in the order of their sections' ids),
    with the plugin of each, and the findings about declarations that were refused."""

    declared: Mapping[str, ChangeColumn] = field(default_factory=dict)
    plugin: Mapping[str, str] = field(default_factory=dict)
    """Column name → the plugin that declares it."""
    findings: tuple[Finding, ...] = ()

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(self.declared)

    def lookup(self) -> dict[str, str]:
        """Normalised header → the field or declared column it holds (the core's headers first)."""
        out = dict(_LOOKUP)
        for name, column in self.declared.items():
            for alias in (name, *column.aliases):
                out.setdefault(normalise_header(alias), name)
        return out

    def parse(self, name: str, value: Any) -> tuple[list[Any] | None, list[Text]]:
        """The stored value of ``value`` in column ``name`` and, when it cannot be read, why
        (one text per bad part; a plugin's own failure is named as such)."""
        column = self.declared[name]
        try:
            parsed = column.parse(value)
        except TextError as exc:
            return None, [exc.text]
        except ExceptionGroup as group:
            texts = [e.text for e in group.exceptions if isinstance(e, TextError)]
            if len(texts) == len(group.exceptions) and texts:
                return None, texts
            return None, [self._failed(name, group)]
        except Exception as exc:
            return None, [self._failed(name, exc)]
        if not isinstance(parsed, list):
            return None, [self._failed(name, TypeError(f"parse returned {type(parsed).__name__}; expected a list"))]
        return parsed, []

    def _failed(self, name: str, exc: BaseException) -> Text:
        from .plugins import describe_error

        return fill(_M["parse-failed"], plugin=self.plugin.get(name, "?"), column=name, error=describe_error(exc))


NO_COLUMNS = Columns()
"""No plugin columns (a study read without plugins)."""


def change_columns(plugins: "Plugins | None") -> Columns:
    """The change columns the study sections of ``plugins`` declare.

    A column name two plugins declare is refused for both, and a header alias that is already
    the core's or another column's is not read for it; each with a ``core.plugin-conflict``
    finding naming the plugins.
    """
    if plugins is None:
        return NO_COLUMNS
    sections, _ = plugins.collect("impactkit_study_sections")
    by_name: dict[str, list[tuple[ChangeColumn, str]]] = {}
    for section in sections:
        for column in section.columns:
            by_name.setdefault(column.name, []).append((column, section.plugin))
    findings: list[Finding] = []
    declared: dict[str, ChangeColumn] = {}
    owner: dict[str, str] = {}
    for name, given in by_name.items():
        if len(given) > 1:
            first, second = sorted(plugin for _, plugin in given)[:2]
            findings.append(
                Finding(
                    code="core.plugin-conflict",
                    severity="error",
                    plugin=second,
                    message=msg("plugin-duplicate", what=_M["what-column"], id=name, first=first, second=second),
                )
            )
            continue
        declared[name], owner[name] = given[0]
    taken: dict[str, Text] = {alias: fill(_M["owner-core"], field=f) for alias, f in _LOOKUP.items()}
    taken.update({name: fill(_M["owner-plugin"], column=name, plugin=owner[name]) for name in declared})
    kept: dict[str, ChangeColumn] = {}
    for name, column in declared.items():
        aliases = []
        for alias in column.aliases:
            key = normalise_header(alias)
            if key == name or key in aliases:
                continue
            if key in taken:
                findings.append(
                    Finding(
                        code="core.plugin-conflict",
                        severity="error",
                        plugin=owner[name],
                        message=fill(_M["alias-taken"], plugin=owner[name], column=name, alias=alias, owner=taken[key]),
                    )
                )
                continue
            taken[key] = fill(_M["owner-plugin"], column=name, plugin=owner[name])
            aliases.append(key)
        kept[name] = column.model_copy(update={"aliases": tuple(aliases)})
    return Columns(declared=kept, plugin=owner, findings=tuple(findings))


def study_columns(study: "Study") -> Columns:
    """The change columns of the plugins ``study`` was loaded with (none for a study built in memory)."""
    return change_columns(study._plugins)


# -- reading a table ------------------------------------------------------------------------------


def normalise_header(header: str) -> str:
    """A column header as it is looked up: lower case, runs of spaces and dashes as ``_``
    (``Stakeholder group`` → ``stakeholder_group``)."""
    return re.sub(r"[\s\-]+", "_", header.strip().casefold())


def map_columns(columns: list[str], declared: Columns = NO_COLUMNS) -> dict[str, str]:
    """Source column → the change field or declared column it holds, for the columns impactkit
    knows (first match wins)."""
    lookup = declared.lookup()
    mapping: dict[str, str] = {}
    taken: set[str] = set()
    for column in columns:
        field_name = lookup.get(normalise_header(str(column)))
        if field_name and field_name not in taken:
            mapping[column] = field_name
            taken.add(field_name)
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


def _by_row(problems: list[Problem]) -> list[Problem]:
    """Problems in file order: by row (stable, so a row's cells stay in column order)."""
    return sorted(problems, key=lambda p: p.location.row if p.location.row is not None else 0)


def rows_to_changes(frame: "pd.DataFrame", file: str, declared: Columns = NO_COLUMNS) -> list[Change]:
    """Turn a table of strings into :class:`Change` objects, or raise with every problem.

    Every row is checked, also after a bad one, and every bad cell of a row is reported; the
    reader's problems (``frame.attrs["problems"]``, see :func:`read_table`) come along, in row
    order.
    """
    changes, problems = check_rows(frame, file, declared)
    if problems:
        raise StudyError(problems)
    return changes


def _cell_value(field_name: str, value: str, declared: Columns, column: str) -> tuple[Any, list[Text]]:
    """A non-empty cell of ``field_name`` (in the file's ``column``) as the change stores it, or why
    it cannot be."""
    if field_name == "importance":
        try:
            return parse_number(value), []
        except ValueError:
            return None, [msg("changes-bad-number", column=column, value=value)]
    if field_name == "consent":
        try:
            return parse_consent(value), []
        except TextError as exc:
            return None, [fill(_M["in-column"], column=column, why=exc.text)]
    if field_name in declared.declared:
        stored, why = declared.parse(field_name, value)
        return stored, [fill(_M["in-column"], column=column, why=text) for text in why]
    return value, []


def check_rows(frame: "pd.DataFrame", file: str, declared: Columns = NO_COLUMNS) -> tuple[list[Change], list[Problem]]:
    """The changes of the rows that can be read, and every problem of the table, in row order.

    ``declared`` are the columns of the loaded plugins (:func:`change_columns`): a cell of one is
    read by its ``parse`` into ``Change.codes``; without it, such a column is an unknown one.
    A row with a problem of its own (a bad or empty cell, more cells than the header) gives no
    change, so what is checked further (e.g. :func:`unknown_stakeholders`) is what the row
    says. Only a missing required column is raised at once (no row can be read then).
    """
    columns = [str(c) for c in frame.columns]
    mapping = map_columns(columns, declared)
    shape: list[Problem] = list(frame.attrs.get("problems", ()))  # the reader's: header and too many cells
    problems: list[Problem] = []
    present = set(mapping.values())
    required = [f for f in REQUIRED if not (f == "person" and "respondent" in present)]
    header_row = int(frame.attrs.get("header_row", 1))
    missing = [
        Problem(
            Location(file=file, row=header_row, key=field_name),
            msg("changes-column-missing", column=field_name, found=", ".join(columns) or "-"),
        )
        for field_name in required
        if field_name not in present
    ]
    if missing:
        raise StudyError(_by_row(missing + shape))
    reverse = {field_name: column for column, field_name in mapping.items()}
    changes: list[Change] = []
    first_row = header_row + 1
    for index, record in enumerate(frame.itertuples(index=False, name=None)):
        row = index + first_row
        values = {col: ("" if val is None else str(val)).strip() for col, val in zip(columns, record)}
        if not any(values.values()):
            continue  # a wholly empty line is not a change; nothing is lost
        data: dict[str, Any] = {"row": row, "extra": {}, "codes": {}}
        bad = False
        for column, value in values.items():
            field_name = mapping.get(column)
            if field_name is None:
                data["extra"][column] = value
                continue
            if value == "":
                if field_name in required and not (field_name == "person" and values.get(reverse.get("respondent"))):
                    problems.append(
                        Problem(Location(file=file, row=row, key=column), msg("changes-empty-cell", column=column))
                    )
                    bad = True
                continue
            stored, why = _cell_value(field_name, value, declared, column)
            if why:
                problems += [Problem(Location(file=file, row=row, key=column), text) for text in why]
                bad = True
                continue
            if field_name in declared.declared:
                data["codes"][field_name] = stored
            else:
                data[field_name] = stored
        if bad:
            continue
        try:
            changes.append(Change.model_validate(data))
        except ValidationError as exc:  # pragma: no cover - the checks above catch what the model would
            for item in exc.errors(include_url=False):
                name = str(item["loc"][0]) if item["loc"] else "?"
                problems.append(
                    Problem(
                        Location(file=file, row=row, key=reverse.get(name, name)),
                        msg("bad-value", problem=item["msg"]),
                    )
                )
    problems += shape  # after a row's cells: the cells past the header's last column
    unreadable = {p.location.row for p in problems}
    problems += shared_id_problems(changes, lambda i: Location(file=file, row=changes[i].row))
    return [c for c in changes if c.row not in unreadable], _by_row(problems)


# -- inline changes (study.yaml) ------------------------------------------------------------------

_INLINE_FIELDS = tuple(name for name in Change.model_fields if name != "codes")
"""The keys of an inline change the core reads itself (``codes`` is written as the columns' own keys)."""


def inline_changes(
    items: list[Any], declared: Columns, file: str, position: Callable[[list[str | int], bool], Any]
) -> tuple[list[Any], list[Problem], list[Finding]]:
    """The inline changes of ``study.yaml`` ready for the model: each declared column's key read by
    its ``parse`` into ``codes``, and every other key that is not a field of a change kept in
    ``extra`` (as text) with a warning. Returns the changes, the problems of the columns' values
    (at their YAML line) and the warnings.

    ``position(path, of_key)`` is the 1-based ``(line, column)`` of a key path in the file, or ``None``.
    """
    out: list[Any] = []
    problems: list[Problem] = []
    warnings: list[Finding] = []
    known = [*_INLINE_FIELDS, *declared.names]
    for index, item in enumerate(items):
        if not isinstance(item, dict):
            out.append(item)  # the model says what is wrong with it
            continue
        data: dict[str, Any] = {}
        codes: dict[str, Any] = {}
        extra: dict[str, str] = {}
        for key, value in item.items():
            if key in _INLINE_FIELDS:
                data[key] = value
            elif key in declared.declared:
                if value is None or (isinstance(value, str) and not value.strip()):
                    continue  # an empty value: no codes, as an empty cell
                stored, why = declared.parse(key, value)
                if why:
                    where = _at(file, position(["changes", index, key], False), f"changes[{index}].{key}")
                    got = _shown(value)
                    problems += [
                        Problem(where, Text(en=f"{text.en} (got {got})", nl=f"{text.nl} (gekregen: {got})"))
                        for text in why
                    ]
                else:
                    codes[key] = stored
            else:
                extra[key] = _as_text(value)
                hint = did_you_mean(key, known) or Text(en="", nl="")
                warnings.append(
                    Finding(
                        code="core.change-key-unknown",
                        severity="warning",
                        plugin="core",
                        message=fill(_M["key-unknown"], key=key, known=", ".join(known), hint=hint),
                        location=_at(file, position(["changes", index, key], True), f"changes[{index}].{key}"),
                    )
                )
        if codes:
            data["codes"] = codes
        if extra:
            given = data.get("extra")
            data["extra"] = {**given, **extra} if isinstance(given, dict) else (given if given is not None else extra)
        out.append(data)
    return out, problems, warnings


def _at(file: str, pos: tuple[int, int] | None, key: str) -> Location:
    return Location(file=file, line=pos[0] if pos else None, column=pos[1] if pos else None, key=key)


def _shown(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _as_text(value: Any) -> str:
    """A YAML value as the text of an extra column: a list joined with ``"; "``."""
    if value is None:
        return ""
    if isinstance(value, (list, tuple)):
        return "; ".join(_as_text(v) for v in value)
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


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


_WHAT_NL = {"person": "persoon", "respondent": "respondent", "change": "verandering"}


def shared_id_problems(changes: list[Change], where: Callable[[int], Location | None]) -> list[Problem]:
    """Rows may share an ``id`` only as codings of one change: same person (respondent, when
    given), same change text.

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
        if (seen.who, " ".join(seen.change.split())) != (change.who, " ".join(change.change.split())):
            if seen.who == change.who:
                what = "change"
            else:
                what = "respondent" if seen.respondent or change.respondent else "person"
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
                        f"{_WHAT_NL[what]}; rijen delen alleen een id als ze "
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
    declared = change_columns(plugins)
    columns = {field: column for column, field in map_columns([str(c) for c in frame.columns], declared).items()}
    changes, problems = check_rows(frame, str(path), declared)
    if problems:
        if study.stakeholders:  # the graph would tell these later (exit 1); now they come with the cells
            problems += unknown_stakeholders(study, changes, str(path), columns.get("stakeholder", "stakeholder"))
        raise StudyError(_by_row(problems))
    return changes, columns

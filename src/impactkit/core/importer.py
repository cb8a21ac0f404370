"""``impactkit import changes``: bring a survey export into a study without losing anything.

The rows are checked first, all in one pass: every bad cell and every stakeholder the study does
not have, each with its row and the column as the export names it. Then they are written to the
study's changes file (``changes.csv`` next to ``study.yaml`` when the study had none) as the
export has them: its own headers (Dutch ones are read back fine), its column order with unknown
columns where they were, and every cell as written (``4,5`` stays ``4,5``), with the separator
of a CSV export (of an XLSX export: that of the file it replaces). Rows added to the changes a
study has (``append``) go under their header and keep their file's separator (inline changes:
the keys of ``study.yaml``); a column it lacks is added at the end. ``study.yaml`` is only
touched when its ``changes:`` key must point to the new file, and then only those lines are
rewritten: comments, order, quoting and indentation stay as they were.

Changes the study already has are never replaced silently: without ``append`` (add to them) or
``force`` (replace them) the import is refused, naming how many there are and where. Inline
changes that are appended to move into the changes file with the new ones; the comments among
them stay in ``study.yaml``.
"""

from __future__ import annotations

import codecs
import csv
import io
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from .changes import (
    NO_COLUMNS,
    Columns,
    change_columns,
    check_rows,
    map_columns,
    parse_number,
    read_table,
    unknown_stakeholders,
)
from .contributions import Location
from .errors import Problem, StudyError, UserError
from .i18n import msg
from .model import Change

if TYPE_CHECKING:  # pragma: no cover
    from .model import Study
    from .plugins import Plugins


def fields(declared: Columns = NO_COLUMNS) -> list[str]:
    """The columns a changes file written from changes can have, in order: the fields of a change,
    with the declared columns (``declared``) where its ``codes`` are."""
    out: list[str] = []
    for name in Change.model_fields:
        if name == "codes":
            out += list(declared.names)
        elif name not in ("extra", "row"):
            out.append(name)
    return out


def _cell(change: Change, field: str) -> str:
    value = change.codes.get(field) if field not in Change.model_fields else getattr(change, field)
    if value is None:
        return ""
    if isinstance(value, list):
        return ";".join(str(v) for v in value)
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


# -- the file as the user wrote it -------------------------------------------------------------

XLSX = (".xlsx", ".xlsm")


@dataclass
class _Sheet:
    """A table as written: its header, its rows of cells (text as given), and which column holds
    each field impactkit knows (``{"person": "Persoon", ...}``)."""

    header: list[str]
    rows: list[list[str]]
    fields: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class _Style:
    """How a CSV is written: separator, line ending, byte-order mark."""

    delimiter: str = ","
    newline: str = "\r\n"
    bom: bool = False


def _sheet_of(changes: list[Change], declared: Columns = NO_COLUMNS) -> _Sheet:
    """Changes without a file of their own (inline in ``study.yaml``): known columns that are used
    (and the required ones), then their extra columns."""
    used = [
        f for f in fields(declared) if any(_cell(c, f) for c in changes) or f in ("person", "stakeholder", "change")
    ]
    extras: list[str] = []
    for change in changes:
        extras += [k for k in change.extra if k not in extras]
    rows = [[_cell(c, f) for f in used] + [c.extra.get(k, "") for k in extras] for c in changes]
    return _Sheet(used + extras, rows, {f: f for f in used})


def _sheet(frame: Any, declared: Columns = NO_COLUMNS) -> _Sheet:
    """A table read by :func:`~impactkit.core.changes.read_table`, as its file has it: the header and
    the cells as written (``4,5`` stays ``4,5``), without wholly empty rows and without columns
    that have neither a name nor a value (a separator at the end of the line)."""
    header = [str(c) for c in frame.columns]
    rows = [["" if v is None else str(v) for v in record] for record in frame.itertuples(index=False, name=None)]
    rows = [row for row in rows if any(cell.strip() for cell in row)]
    keep = [i for i, name in enumerate(header) if name != f"column {i + 1}" or any(row[i].strip() for row in rows)]
    header = [header[i] for i in keep]
    rows = [[row[i] for i in keep] for row in rows]
    return _Sheet(header, rows, {f: column for column, f in map_columns(header, declared).items()})


def _join(first: _Sheet, second: _Sheet, *, base: _Sheet) -> _Sheet:
    """``first``'s rows then ``second``'s, under ``base``'s header (``base`` is one of the two):
    a column of the other one goes to the column that holds the same field (``persoon`` →
    ``person``) or has the same name; a column ``base`` lacks is added at the end."""
    other = second if base is first else first
    header = list(base.header)
    fields = dict(base.fields)
    named = {h.strip().casefold(): i for i, h in enumerate(header) if h not in fields.values()}
    field_of = {column: f for f, column in other.fields.items()}
    place: list[int] = []
    for column in other.header:
        known = field_of.get(column)
        if known and known in fields:
            place.append(header.index(fields[known]))
        elif not known and column.strip().casefold() in named:
            place.append(named[column.strip().casefold()])
        else:
            header.append(column)
            place.append(len(header) - 1)
            if known:
                fields[known] = column
            else:
                named[column.strip().casefold()] = len(header) - 1

    def pad(row: list[str]) -> list[str]:
        return row + [""] * (len(header) - len(row))

    def moved(row: list[str]) -> list[str]:
        out = [""] * len(header)
        for cell, i in zip(row, place):
            out[i] = cell
        return out

    rows_of = {id(base): [pad(r) for r in base.rows], id(other): [moved(r) for r in other.rows]}
    return _Sheet(header, rows_of[id(first)] + rows_of[id(second)], fields)


def _style(path: Path) -> _Style | None:
    """The separator, line ending and byte-order mark of an existing CSV file (``None``: not one)."""
    from .readers import csv_delimiter, decode_csv

    if path.suffix.lower() in XLSX or not path.is_file():
        return None
    try:
        raw = path.read_bytes()
        text, _ = decode_csv(raw)
    except (OSError, UnicodeDecodeError):
        return None
    return _Style(
        delimiter=csv_delimiter(text), newline="\r\n" if b"\r\n" in raw else "\n", bom=raw.startswith(codecs.BOM_UTF8)
    )


def _add_rows(rows: list[list[str]], path: Path, style: _Style) -> None:
    """Add ``rows`` at the end of the CSV at ``path``, leaving what is there as it is."""
    from .readers import decode_csv

    text, encoding = decode_csv(path.read_bytes())
    if text and not text.endswith(("\n", "\r")):
        text += style.newline
    buffer = io.StringIO(newline="")
    csv.writer(buffer, delimiter=style.delimiter, lineterminator=style.newline).writerows(rows)
    whole = ("\ufeff" if style.bom else "") + text + buffer.getvalue()
    try:  # the file's own encoding (UTF-16 with its mark)
        data = whole.encode("utf-8" if encoding == "utf-8-sig" else encoding)
    except UnicodeEncodeError:  # a Windows-1252 or Latin-1 file and a character it cannot hold: all of it as UTF-8
        data = whole.encode("utf-8")
    path.write_bytes(data)


def _write(sheet: _Sheet, path: Path, style: _Style) -> None:
    if path.suffix.lower() in XLSX:
        from openpyxl import Workbook

        workbook = Workbook()
        page = workbook.active
        page.append(sheet.header)
        number = sheet.header.index(sheet.fields["importance"]) if "importance" in sheet.fields else None
        for row in sheet.rows:
            cells: list[Any] = list(row)
            if number is not None and cells[number].strip():
                try:  # a number in a workbook is a number; its look is the workbook's
                    cells[number] = parse_number(cells[number].strip())
                except ValueError:
                    pass
            page.append(cells)
        workbook.save(path)
        return
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, delimiter=style.delimiter, lineterminator=style.newline)
    writer.writerow(sheet.header)
    writer.writerows(sheet.rows)
    path.write_text(buffer.getvalue(), encoding="utf-8-sig" if style.bom else "utf-8", newline="")


def _comments(text: str, first: int, last: int) -> list[str]:
    """The comments on lines ``first`` to ``last - 1`` (0-based) of a YAML text, as comment lines.

    A comment on a line of its own is kept as that line; one after a value (``- {...}  # why``)
    becomes a line of its own, indented by two spaces. A ``#`` inside a quoted value is not a
    comment (the YAML scanner tells them apart).
    """
    from ruamel.yaml import YAML
    from ruamel.yaml.tokens import CommentToken

    lines = text.splitlines()
    found: dict[tuple[int, int], str] = {}

    def collect(item: object) -> None:
        if isinstance(item, CommentToken):
            line, column = item.start_mark.line, item.start_mark.column
            for offset, part in enumerate(item.value.splitlines()):  # one token may hold several lines
                if part.strip().startswith("#"):
                    found.setdefault(
                        (line + offset, column if offset == 0 else len(part) - len(part.lstrip())), part.strip()
                    )
        elif isinstance(item, (list, tuple)):
            for inner in item:
                collect(inner)

    try:
        for token in YAML().scan(text):
            collect(getattr(token, "comment", None))
            collect(getattr(token, "_comment", None))
    except Exception:
        found = {
            (n, 0): lines[n].strip() for n in range(first, min(last, len(lines))) if lines[n].lstrip().startswith("#")
        }
    kept = []
    for (number, _), comment in sorted(found.items()):
        if not first <= number < last:
            continue
        own_line = number < len(lines) and lines[number].lstrip().startswith("#")
        kept.append((lines[number].rstrip() if own_line else "  " + comment) + "\n")
    return kept


def point_changes_at(study_path: Path, filename: str) -> None:
    """Set ``changes: <filename>`` in ``study.yaml`` by editing only those lines of the text.

    Everything else — comments, quoting, indentation, order — stays byte for byte as it was.
    An inline list of changes is replaced (its rows were moved into the file first, or replaced
    on request); the comments among its rows are kept, right after the new line, and comment
    lines that stand right before the next key stay with that key.
    """
    from .load import read_yaml

    text = study_path.read_text(encoding="utf-8-sig")
    lines = text.splitlines(keepends=True)
    root = read_yaml(study_path)
    entry = f"changes: {filename}\n"
    if "changes" not in root:
        if lines and not lines[-1].endswith("\n"):
            lines[-1] += "\n"
        study_path.write_text("".join(lines) + entry, encoding="utf-8")
        return
    keys = list(root)
    start = root.lc.key("changes")[0]
    later = [root.lc.key(k)[0] for k in keys[keys.index("changes") + 1 :]]
    end = min(later) if later else len(lines)
    while end - 1 > start and (not lines[end - 1].strip() or lines[end - 1].lstrip().startswith("#")):
        end -= 1
    kept = _comments(text, start, end)
    study_path.write_text("".join(lines[:start] + [entry] + kept + lines[end:]), encoding="utf-8")


@dataclass(frozen=True)
class Imported:
    """What :func:`import_changes` did."""

    target: Path
    """The changes file written."""
    count: int
    """How many changes were imported."""
    mode: Literal["new", "append", "replace"]
    """``new`` when the study had no changes, else what was asked: ``append`` or ``replace``."""
    previous: int | None
    """How many changes the study had before (``None``: a changes file whose rows cannot be read)."""
    previous_source: str
    """Where those were: the changes file as ``study.yaml`` names it, or the study file's name (inline)."""
    inline: bool
    """Whether they were listed in ``study.yaml`` itself."""


def _changes_key(study: "Study") -> Location:
    """The ``changes:`` key of ``study.yaml`` (its line, also when the value is a list below it)."""
    from .locate import locate

    try:
        line, column = study._positions.lc.key("changes")
        return Location(file=str(study.path), line=line + 1, column=column + 1, key="changes")
    except (AttributeError, KeyError, TypeError):
        return locate(study, ("changes",)) or Location(file=str(study.path))


def _existing_count(study: "Study", plugins: "Plugins") -> int | None:
    """How many changes the study has, without requiring its changes file to be valid.

    ``None`` when there is a changes file but it cannot be read as a table.
    """
    if study.changes_file is None:
        return len(study.change_list)
    if not study.changes_file.is_file():
        return 0
    try:
        frame = read_table(study.changes_file, plugins, keep_problems=True)
    except StudyError:
        return None
    return sum(
        1 for record in frame.itertuples(index=False, name=None) if any(str(v).strip() for v in record if v is not None)
    )


def _rows_in_order(problems: list[Problem]) -> list[Problem]:
    return sorted(problems, key=lambda p: p.location.row if p.location.row is not None else 0)


def import_changes(
    source: Path, study_path: Path, plugins: "Plugins", *, append: bool = False, force: bool = False
) -> Imported:
    """Import ``source`` into the study and say what was done.

    A study that already has changes is refused (a :class:`StudyError` at its ``changes:``
    line, saying how many and where) unless ``append`` (keep them, add the new ones after
    them) or ``force`` (replace them). Replacing does not need the old changes file to be valid
    (that is how a broken file is repaired); appending does, since its rows are kept.
    """
    from .changes import load_changes_file, shared_id_problems
    from .load import load_study

    if append and force:
        raise UserError(
            "--append and --force exclude each other: add to the changes, or replace them",
            "--append en --force sluiten elkaar uit: voeg toe aan de veranderingen, of vervang ze",
        )
    study = load_study(study_path, plugins=plugins, load_changes=False)
    inline = study.changes_file is None
    previous = _existing_count(study, plugins)
    where = study.path.name if inline else str(study.changes)
    if previous != 0 and not (append or force):
        place = _changes_key(study)
        if inline:
            text = msg("import-has-inline-changes", n=previous, file=where)
        elif previous is None:
            text = msg("import-has-unreadable-changes", file=where)
        else:
            text = msg("import-has-changes", n=previous, file=where)
        raise StudyError([Problem(place, text)])
    target = study.changes_file or (study.directory / "changes.csv")
    if inline and target.exists() and not force:
        place = _changes_key(study) if "changes" in (study._positions or {}) else Location(file=str(study.path))
        raise StudyError([Problem(place, msg("import-target-exists", file=target.name, study=study.path.name))])
    frame = read_table(source, plugins, keep_problems=True)
    declared = change_columns(plugins)  # the plugins' columns are read, and kept where they are
    incoming, problems = check_rows(frame, str(source), declared)  # every bad cell and unknown stakeholder at once
    sheet = _sheet(frame, declared)
    problems += unknown_stakeholders(study, incoming, str(source), sheet.fields.get("stakeholder", "stakeholder"))
    existing: list[Change] = []
    written = kept = sheet
    if append:
        if inline:
            existing = list(study.change_list)
            inline_sheet = _sheet_of(existing, declared)  # the keys as study.yaml writes them
            written = _join(inline_sheet, sheet, base=inline_sheet)
        elif study.changes_file.is_file():
            existing, _ = load_changes_file(study, study.changes_file, plugins)  # must be valid: its rows are kept
            kept = _sheet(read_table(study.changes_file, plugins, keep_problems=True), declared)
            written = _join(kept, sheet, base=kept)
    if existing:  # an id the export shares with a change the study has (among the export: told above)
        combined = existing + incoming
        problems += shared_id_problems(combined, lambda i: Location(file=str(source), row=combined[i].row))
    if problems:
        raise StudyError(_rows_in_order(list(dict.fromkeys(problems))))
    # rows added to a changes file keep its separator; otherwise a CSV export's own, else the replaced file's
    extended = append and not inline
    style = (_style(target) if extended else None) or _style(source) or _style(target) or _Style()
    if extended and kept is not sheet and kept.header == written.header and target.suffix.lower() not in XLSX:
        _add_rows(written.rows[len(kept.rows) :], target, style)  # what her file has stays byte for byte
    else:
        _write(written, target, style)
    if inline:
        point_changes_at(study.path, target.name)
    mode = "new" if previous == 0 else ("append" if append else "replace")
    return Imported(
        target=target, count=len(incoming), mode=mode, previous=previous, previous_source=where, inline=inline
    )

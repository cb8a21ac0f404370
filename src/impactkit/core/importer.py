"""``impactkit import changes``: bring a survey export into a study without losing anything.

The export is read as the study's ``changes:`` says (its saved mapping, see
:class:`~impactkit.core.model.ChangesSource`) and the command line adds to it: ``--map
FIELD=HEADER`` (or ``--map auto``: the best-fitting columns, :func:`impactkit.core.mapping.propose`),
``--map-value FIELD:TEXT=VALUE`` (or ``--map-value auto``: the stakeholder a value most likely
means), ``--sheet``, ``--header-rows``, ``--wide``. A workbook's sheet and a Qualtrics export's
three header rows are found when not given.

The rows are checked first, all in one pass: every bad cell and every stakeholder the study does
not have (each value once, with its rows and what it most likely means), each with its row and
the column as the export names it. Then they are written to the study's changes file
(``changes.csv`` next to ``study.yaml`` when the study had none) as the export has them: its own
headers (and header rows), its column order, every cell as written (``4,5`` stays ``4,5``), the
separator of a CSV export (of a workbook: that of the file it replaces) — with three exceptions
that protect the people in the data: the names in the ``person`` column become pseudonyms
(``R001``, ``R002``, ...; the same name the same pseudonym in every wave, the key kept in
``.impactkit/pseudonyms.csv`` inside the study, which holds personal data and is no output),
unless ``keep_names``; columns of personal data or survey administration the study does not use
(e-mail, times, IP address, :func:`impactkit.core.mapping.left_out`) are not copied, and the
import names them; cells of a UTF-16 or Windows export are written as UTF-8 with a byte-order
mark (so Excel reads them). Rows added to the changes a study has (``append``) go under their
header and keep their file's separator (inline changes: the keys of ``study.yaml``); a column it
lacks is added at the end.

``study.yaml`` is touched only when its ``changes:`` must change — to point to the new file, or
to save the mapping the import used (``changes: {file, columns, values, wide, ...}``) so that the
next export of the same survey imports with no flags and ``validate``/``run`` read the file
through it — and then only those lines are rewritten: comments, order, quoting and indentation
stay as they were.

Changes the study already has are never replaced silently: without ``append`` (add to them) or
``force`` (replace them) the import is refused, naming how many there are and where. Inline
changes that are appended to move into the changes file with the new ones; the comments among
them stay in ``study.yaml``.
"""

from __future__ import annotations

import codecs
import contextlib
import csv
import io
import json
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from .changes import (
    NO_COLUMNS,
    Columns,
    change_columns,
    check_rows,
    header_names,
    layout_of,
    parse_number,
)
from .contributions import Location
from .errors import Problem, StudyError, UserError
from .files import atomic_write, inside, keep_text, refuse_links, study_lock
from .i18n import Text, catalog, fill, msg
from .mapping import Layout, Proposal, left_out, unknown_values, value_proposals
from .model import Change, ChangesSource
from .privacy import PSEUDONYM_KEY, read_pseudonym_key

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
    lines: list[list[str]] = field(default_factory=list)
    """The header's further rows (a Qualtrics export's question texts and ``ImportId`` row)."""


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


def _sheet(frame: Any, layout: Layout, drop: Iterable[str] = ()) -> _Sheet:
    """A table read by :func:`~impactkit.core.changes.read_table`, as its file has it: the header
    (and its further rows) and the cells as written (``4,5`` stays ``4,5``), without wholly empty
    rows, without columns that have neither a name nor a value (a separator at the end of the
    line) and without the columns ``drop`` names; ``layout`` says which column holds which field."""
    header = [str(c) for c in frame.columns]
    rows = [["" if v is None else str(v) for v in record] for record in frame.itertuples(index=False, name=None)]
    rows = [row for row in rows if any(cell.strip() for cell in row)]
    dropped = set(drop)
    keep = [
        i
        for i, name in enumerate(header)
        if name not in dropped and (name != f"column {i + 1}" or any(row[i].strip() for row in rows))
    ]
    lines = [[line[i] if i < len(line) else "" for i in keep] for line in frame.attrs.get("header_lines", ())]
    header = [header[i] for i in keep]
    rows = [[row[i] for i in keep] for row in rows]
    return _Sheet(header, rows, {f: c for f, c in layout.fields.items() if c in header}, lines)


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
    return _Sheet(header, rows_of[id(first)] + rows_of[id(second)], fields, [pad(line) for line in base.lines])


def _style(path: Path) -> _Style | None:
    """The separator, line ending and byte-order mark of an existing CSV file (``None``: not one)."""
    from .readers import WORKBOOK_SUFFIXES, csv_delimiter, decode_csv

    if path.suffix.lower() in WORKBOOK_SUFFIXES or not path.is_file():
        return None
    try:
        raw = path.read_bytes()
        text, _ = decode_csv(raw, path)
    except (OSError, UnicodeDecodeError, StudyError):
        return None
    return _Style(
        delimiter=csv_delimiter(text), newline="\r\n" if b"\r\n" in raw else "\n", bom=raw.startswith(codecs.BOM_UTF8)
    )


def _add_rows(rows: list[list[str]], path: Path, style: _Style) -> None:
    """Add ``rows`` at the end of the CSV at ``path``, leaving what is there as it is."""
    from .readers import decode_csv

    text, encoding = decode_csv(path.read_bytes(), path)
    if text and not text.endswith(("\n", "\r")):
        text += style.newline
    buffer = io.StringIO(newline="")
    csv.writer(buffer, delimiter=style.delimiter, lineterminator=style.newline).writerows(rows)
    whole = ("\ufeff" if style.bom else "") + text + buffer.getvalue()
    try:  # the file's own encoding (UTF-16 with its mark)
        data = whole.encode("utf-8" if encoding == "utf-8-sig" else encoding)
    except UnicodeEncodeError:  # a Windows-1252 or Latin-1 file and a character it cannot hold: all of it as UTF-8
        data = whole.encode("utf-8")
    atomic_write(path, data)


def _write(sheet: _Sheet, path: Path, style: _Style) -> None:
    """Write ``sheet`` to ``path`` atomically: a workbook (text stays text, never a formula:
    :func:`~impactkit.core.files.keep_text`) or a CSV in ``style``."""
    if path.suffix.lower() in XLSX:
        from openpyxl import Workbook

        workbook = Workbook()
        page = workbook.active

        def append(cells: list[Any]) -> None:
            page.append(cells)
            for cell in page[page.max_row]:
                keep_text(cell)  # a change written "=HYPERLINK(…)" or "+31 6 …" stays that text

        append(list(sheet.header))
        for line in sheet.lines:
            append(list(line))
        number = sheet.header.index(sheet.fields["importance"]) if "importance" in sheet.fields else None
        for row in sheet.rows:
            cells: list[Any] = list(row)
            if number is not None and cells[number].strip():
                try:  # a number in a workbook is a number; its look is the workbook's
                    cells[number] = parse_number(cells[number].strip())
                except ValueError:
                    pass
            append(cells)
        out = io.BytesIO()
        workbook.save(out)
        atomic_write(path, out.getvalue())
        return
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, delimiter=style.delimiter, lineterminator=style.newline)
    writer.writerow(sheet.header)
    writer.writerows(sheet.lines)
    writer.writerows(sheet.rows)
    atomic_write(path, buffer.getvalue(), encoding="utf-8-sig" if style.bom else "utf-8")


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


def changes_entry(source: ChangesSource) -> str:
    """The ``changes:`` lines of ``study.yaml`` for ``source``: ``changes: changes.csv`` when it
    holds nothing but the file, else a block with what it holds (inner mappings on one line)."""
    plain = ChangesSource(file=source.file)
    if source == plain:
        return f"changes: {_scalar(source.file)}\n"
    lines = ["changes:\n", f"  file: {_scalar(source.file)}\n"]
    if source.sheet is not None:
        lines.append(f"  sheet: {_scalar(source.sheet)}\n")
    if source.header_rows is not None:
        lines.append(f"  header_rows: {source.header_rows}\n")
    if source.wide:
        lines.append("  wide: true\n")
    if source.columns:
        lines.append("  columns:\n")
        lines += [f"    {key}: {_scalar(header)}\n" for key, header in source.columns.items()]
    if source.values:
        lines.append("  values:\n")
        for key, given in source.values.items():
            inner = ", ".join(f"{_scalar(text)}: {_scalar(meant)}" for text, meant in given.items())
            lines.append(f"    {key}: {{{inner}}}\n")
    if source.keep:
        lines.append(f"  keep: [{', '.join(_scalar(k) for k in source.keep)}]\n")
    if source.keep_names:
        lines.append("  keep_names: true\n")
    return "".join(lines)


_PLAIN = re.compile(r"[A-Za-z_\u00c0-\u024f][\w \u00c0-\u024f().?/-]*")
_YAML_WORDS = frozenset({"yes", "no", "true", "false", "on", "off", "y", "n", "null", "~"})


def _scalar(value: object) -> str:
    """A YAML scalar for ``value``: plain when YAML reads it back as the same text, else quoted."""
    text = str(value)
    if isinstance(value, int) and not isinstance(value, bool):
        return text
    if _PLAIN.fullmatch(text) and text == text.strip() and text.casefold() not in _YAML_WORDS:
        return text
    return json.dumps(text, ensure_ascii=False)


def point_changes_at(study_path: Path, filename: str | ChangesSource) -> None:
    """Set ``changes: <filename>`` (or the block :func:`changes_entry` writes for a
    :class:`ChangesSource`) in ``study.yaml`` by editing only those lines of the text.

    Everything else — comments, quoting, indentation, order — stays byte for byte as it was.
    An inline list of changes is replaced (its rows were moved into the file first, or replaced
    on request); the comments among its rows are kept, right after the new line, and comment
    lines that stand right before the next key stay with that key.
    """
    from .load import read_yaml

    text = study_path.read_text(encoding="utf-8-sig")
    lines = text.splitlines(keepends=True)
    root = read_yaml(study_path)
    entry = changes_entry(filename if isinstance(filename, ChangesSource) else ChangesSource(file=filename))
    if "changes" not in root:
        if lines and not lines[-1].endswith("\n"):
            lines[-1] += "\n"
        atomic_write(study_path, "".join(lines) + entry)
        return
    keys = list(root)
    start = root.lc.key("changes")[0]
    later = [root.lc.key(k)[0] for k in keys[keys.index("changes") + 1 :]]
    end = min(later) if later else len(lines)
    while end - 1 > start and (not lines[end - 1].strip() or lines[end - 1].lstrip().startswith("#")):
        end -= 1
    kept = _comments(text, start, end)
    atomic_write(study_path, "".join(lines[:start] + [entry] + kept + lines[end:]))


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
    columns: dict[str, str] = field(default_factory=dict)
    """Field → the column of the export that held it (of a wide field: its first numbered column)."""
    chosen: tuple[Proposal, ...] = ()
    """The columns ``--map auto`` took, with why."""
    values_chosen: dict[str, str] = field(default_factory=dict)
    """The stakeholder values ``--map-value auto`` mapped (value as written → stakeholder id)."""
    suggested: tuple[Proposal, ...] = ()
    """Columns that may hold a field no column held (an optional one), not taken."""
    left_out: tuple[str, ...] = ()
    """The export's columns not copied: personal data or survey administration the study does not use."""
    names: int = 0
    """How many different names became pseudonyms."""
    new_names: int = 0
    """How many of them got a pseudonym for the first time."""
    pseudonyms: Path | None = None
    """The file that holds the pseudonyms' key (personal data), when names became pseudonyms."""
    saved: bool = False
    """Whether ``study.yaml``'s ``changes:`` was written with the mapping the import used."""
    sheet: str | None = None
    """The workbook's sheet that was read."""
    header_rows: int = 1
    """How many rows the export's header took."""
    tool: str | None = None
    """The survey tool the export's columns are recognised as (``forms``, ``qualtrics``, ...)."""


PSEUDONYMS = PSEUDONYM_KEY
"""Where a study keeps the key of its pseudonyms (name → ``R001``): personal data, never an output."""

_PSEUDONYM = re.compile(r"R\d{3,}")


def _name_key(name: str) -> str:
    return " ".join(name.split()).casefold()


read_pseudonyms = read_pseudonym_key


def _pseudonymise(sheet: _Sheet, directory: Path) -> tuple[int, int, dict[str, tuple[str, str]]]:
    """Replace the names in ``sheet``'s person column by the study's pseudonyms (new names get the
    next free ``R###``). Returns how many different names there were, how many were new, and the
    whole key to save. A cell with a digit in it (``p1``, ``R017``) is a code already, not a name,
    and stays as it is."""
    table = read_pseudonyms(directory)
    column = sheet.fields.get("person")
    if column is None or column not in sheet.header:
        return 0, 0, table
    at = sheet.header.index(column)
    numbers = [int(p[1:]) for p, _ in table.values() if _PSEUDONYM.fullmatch(p)]
    following = max(numbers, default=0) + 1
    seen: set[str] = set()
    new = 0
    for row in sheet.rows:
        name = row[at].strip()
        if not name or any(ch.isdigit() for ch in name):
            continue  # a code already (p1, R017, resp-12), not a name
        key = _name_key(name)
        if key not in table:
            table[key] = (f"R{following:03d}", name)
            following += 1
            new += 1
        seen.add(key)
        row[at] = table[key][0]
    return len(seen), new, table


def _save_pseudonyms(directory: Path, table: dict[str, tuple[str, str]]) -> Path:
    """Write the key of the pseudonyms (``pseudonym,name``, UTF-8 with a byte-order mark) and a
    ``.gitignore`` that keeps it out of a repository."""
    path = directory / PSEUDONYMS
    path.parent.mkdir(exist_ok=True)
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["pseudonym", "name"])
    order = sorted(table.values(), key=lambda item: (len(item[0]), item[0]))
    writer.writerows(order)
    atomic_write(path, "\ufeff" + buffer.getvalue())
    ignore = path.parent / ".gitignore"
    if not ignore.exists():
        atomic_write(
            ignore,
            "# pseudonyms.csv holds the names behind the pseudonyms: personal data, keep it out of repositories\n"
            "pseudonyms.csv\n",
        )
    return path


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
    from .changes import load_changes_file, read_source

    try:
        return len(load_changes_file(study, study.changes_file, plugins)[0])
    except StudyError:
        pass
    try:
        frame = read_source(study.changes_file, plugins, study.changes_source)
    except StudyError:
        return None
    return sum(
        1 for record in frame.itertuples(index=False, name=None) if any(str(v).strip() for v in record if v is not None)
    )


def _rows_in_order(problems: list[Problem]) -> list[Problem]:
    return sorted(problems, key=lambda p: p.location.row if p.location.row is not None else 0)


def import_changes(
    source: Path,
    study_path: Path,
    plugins: "Plugins",
    *,
    append: bool = False,
    force: bool = False,
    columns: Mapping[str, str] | None = None,
    auto: bool = False,
    values: Mapping[str, Mapping[str, str]] | None = None,
    values_auto: bool = False,
    sheet: str | int | None = None,
    header_rows: int | None = None,
    wide: bool | None = None,
    keep: Sequence[str] = (),
    keep_names: bool | None = None,
) -> Imported:
    """Import ``source`` into the study and say what was done.

    A study that already has changes is refused (a :class:`StudyError` at its ``changes:``
    line, saying how many and where) unless ``append`` (keep them, add the new ones after
    them) or ``force`` (replace them). Replacing does not need the old changes file to be valid
    (that is how a broken file is repaired); appending does, since its rows are kept.

    ``columns`` (field → header), ``values`` (field → {text: value}), ``wide``, ``keep`` and
    ``keep_names`` add to what the study's ``changes:`` saved; ``auto`` takes the proposed columns
    for the fields no column holds, ``values_auto`` the stakeholder each unknown value most likely
    means. ``sheet`` and ``header_rows`` say how to read the export (found when not given).

    The study is locked while it is read and written (:func:`~impactkit.core.files.study_lock`:
    a second command that changes it waits), every file is written atomically (a kill or a full
    disk leaves it as it was or whole), and the changes file is never written outside the study
    folder or through a symbolic link.
    """
    if append and force:
        raise UserError(
            "--append and --force exclude each other: add to the changes, or replace them",
            "--append en --force sluiten elkaar uit: voeg toe aan de veranderingen, of vervang ze",
        )
    folder = study_path if study_path.is_dir() else study_path.parent
    with study_lock(folder) if folder.is_dir() else contextlib.nullcontext():  # no write lost beside another
        return _import_changes(
            source,
            study_path,
            plugins,
            append=append,
            force=force,
            columns=columns,
            auto=auto,
            values=values,
            values_auto=values_auto,
            sheet=sheet,
            header_rows=header_rows,
            wide=wide,
            keep=keep,
            keep_names=keep_names,
        )


def _import_changes(
    source: Path,
    study_path: Path,
    plugins: "Plugins",
    *,
    append: bool,
    force: bool,
    columns: Mapping[str, str] | None,
    auto: bool,
    values: Mapping[str, Mapping[str, str]] | None,
    values_auto: bool,
    sheet: str | int | None,
    header_rows: int | None,
    wide: bool | None,
    keep: Sequence[str],
    keep_names: bool | None,
) -> Imported:
    """:func:`import_changes`, with the study locked: everything read and written under the lock."""
    from .changes import load_changes_file, read_source, shared_id_problems
    from .load import load_study

    study = load_study(study_path, plugins=plugins, load_changes=False)
    inline = study.changes_file is None
    previous = _existing_count(study, plugins)
    where = study.path.name if inline else str(study.changes_source.file if study.changes_source else study.changes)
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
    # never written outside the study, whatever is allowed, nor through a link: refused before anything is written
    inside(study.directory, target, what=CHANGES_FILE, writing=True)
    for written_file in (target, study.path):
        refuse_links(written_file.parent, [written_file.name])
    if inline and target.exists() and not force:
        place = _changes_key(study) if "changes" in (study._positions or {}) else Location(file=str(study.path))
        raise StudyError([Problem(place, msg("import-target-exists", file=target.name, study=study.path.name))])
    if source.exists() and target.exists() and source.resolve() == target.resolve():
        raise StudyError([Problem(Location(file=str(source)), fill(MESSAGES["is-target"], study=study.path.name))])
    declared = change_columns(plugins)  # the plugins' columns are read, and kept where they are
    saved = study.changes_source if isinstance(study.changes, ChangesSource) else None
    wanted = _wanted(saved, source, columns or {}, values or {}, wide, keep, keep_names, header_rows, sheet)
    frame = read_source(source, plugins, wanted, declared)
    wanted = _present(wanted, saved, columns or {}, frame, declared)  # a saved column this export lacks is no error
    layout, chosen, suggested = _layout(frame, str(source), declared, wanted, study, auto)
    if chosen:
        wanted = wanted.model_copy(update={"columns": {**wanted.columns, **{p.field: p.header for p in chosen}}})
    incoming, problems = check_rows(frame, str(source), declared, wanted, layout=layout, study=study, how="flags")
    stakeholder_column = layout.column("stakeholder") or "stakeholder"
    found = [(c.stakeholder, c.row, stakeholder_column) for c in incoming]
    values_chosen: dict[str, str] = {}
    if values_auto and found:
        values_chosen = value_proposals(study, found)
        if values_chosen:
            merged = {**wanted.values.get("stakeholder", {}), **values_chosen}
            wanted = wanted.model_copy(update={"values": {**wanted.values, "stakeholder": merged}})
            layout, _, _ = _layout(frame, str(source), declared, wanted, study, False)
            incoming, problems = check_rows(
                frame, str(source), declared, wanted, layout=layout, study=study, how="flags"
            )
    problems += unknown_values(
        study, [(c.stakeholder, c.row, stakeholder_column) for c in incoming], str(source), how="flags"
    )
    left = left_out(header_names(frame), layout.column_field(), wanted.keep)
    sheet_ = _sheet(frame, layout, drop=left)
    names = new_names = 0
    key: dict[str, tuple[str, str]] = {}
    if not wanted.keep_names:  # only the imported rows: the rows a study has are its own
        names, new_names, key = _pseudonymise(sheet_, study.directory)
    existing: list[Change] = []
    written = kept = sheet_
    if append:
        if inline:
            existing = list(study.change_list)
            inline_sheet = _sheet_of(existing, declared)  # the keys as study.yaml writes them
            written = _join(inline_sheet, sheet_, base=inline_sheet)
        elif study.changes_file.is_file():
            existing, _ = load_changes_file(study, study.changes_file, plugins)  # must be valid: its rows are kept
            old = read_source(study.changes_file, plugins, study.changes_source, declared)
            old_layout = layout_of(old, str(study.changes_file), declared, study.changes_source, study=study)
            kept = _sheet(old, old_layout)
            written = _join(kept, sheet_, base=kept)
    if existing:  # an id the export shares with a change the study has (among the export: told above)
        combined = existing + incoming
        problems += shared_id_problems(combined, lambda i: Location(file=str(source), row=combined[i].row))
    if problems:
        raise StudyError(_rows_in_order(list(dict.fromkeys(problems))))
    # rows added to a changes file keep its separator; otherwise a CSV export's own, else the replaced file's
    extended = append and not inline
    style = (_style(target) if extended else None) or _style(source) or _style(target) or _Style()
    if not extended and frame.attrs.get("encoding") not in (None, "utf-8-sig"):
        style = _Style(delimiter=style.delimiter, newline=style.newline, bom=True)  # UTF-16/Windows: Excel's UTF-8
    if extended and kept is not sheet_ and kept.header == written.header and target.suffix.lower() not in XLSX:
        _add_rows(written.rows[len(kept.rows) :], target, style)  # what her file has stays byte for byte
    else:
        _write(written, target, style)
    pseudonym_file = _save_pseudonyms(study.directory, key) if new_names else None
    if names and pseudonym_file is None:
        pseudonym_file = study.directory / PSEUDONYMS
    file_text = study.changes_source.file if study.changes_source is not None else target.name
    entry = _saved_source(file_text, written, layout, wanted, declared)
    before = saved if saved is not None else (ChangesSource(file=str(study.changes)) if not inline else None)
    if inline or entry != before:
        point_changes_at(study.path, entry)
    mode = "new" if previous == 0 else ("append" if append else "replace")
    return Imported(
        target=target,
        count=len(incoming),
        mode=mode,
        previous=previous,
        previous_source=where,
        inline=inline,
        columns={name: layout.column(name) or name for name in _in_order([*layout.fields, *layout.wide], declared)},
        chosen=tuple(chosen),
        values_chosen=values_chosen,
        suggested=tuple(suggested),
        left_out=tuple(left),
        names=names,
        new_names=new_names,
        pseudonyms=pseudonym_file,
        saved=entry != ChangesSource(file=entry.file),
        sheet=frame.attrs.get("sheet"),
        header_rows=int(frame.attrs.get("data_row", 2)) - int(frame.attrs.get("header_row", 1)),
        tool=layout.tool,
    )


def _in_order(names: Iterable[str], declared: Columns) -> list[str]:
    """Fields in the order of a change's fields (declared columns where its codes are)."""
    order = {name: i for i, name in enumerate(fields(declared))}
    return sorted(names, key=lambda name: order.get(name, len(order)))


CHANGES_FILE = Text(en="the changes file", nl="het veranderingenbestand")

MESSAGES = catalog(
    [
        (
            "is-target",
            "this is the changes file of {study} itself; import another export into it",
            "dit is het veranderingenbestand van {study} zelf; importeer er een andere export in",
        ),
    ]
)


def _wanted(
    saved: ChangesSource | None,
    source: Path,
    columns: Mapping[str, str],
    values: Mapping[str, Mapping[str, str]],
    wide: bool | None,
    keep: Sequence[str],
    keep_names: bool | None,
    header_rows: int | None,
    sheet: str | int | None,
) -> ChangesSource:
    """How to read the export: what the study saved, and what the command line adds or changes."""
    base = saved or ChangesSource(file=source.name)
    merged_values = {name: dict(given) for name, given in base.values.items()}
    for name, given in values.items():
        merged_values.setdefault(name, {}).update(given)
    return ChangesSource(
        file=source.name,
        sheet=sheet,
        header_rows=header_rows if header_rows is not None else base.header_rows,
        columns={**base.columns, **columns},
        values=merged_values,
        wide=base.wide if wide is None else wide,
        keep=list(dict.fromkeys([*base.keep, *keep])),
        keep_names=base.keep_names if keep_names is None else keep_names,
    )


def _present(
    wanted: ChangesSource, saved: ChangesSource | None, given: Mapping[str, str], frame: Any, declared: Columns
) -> ChangesSource:
    """``wanted`` without the saved columns (not given now) that the export does not have: the
    study's file and a new export may name a column differently (``Persoon``, ``Naam``)."""
    if saved is None:
        return wanted
    from .mapping import resolve

    names = header_names(frame)
    keepers = {}
    for name, header in wanted.columns.items():
        if name in given:
            keepers[name] = header
            continue
        one = ChangesSource(file="", columns={name: header}, wide=wanted.wide)
        _, problems = resolve(names, declared.lookup(), one)
        if not problems:
            keepers[name] = header
    return wanted.model_copy(update={"columns": keepers})


def _layout(
    frame: Any, file: str, declared: Columns, wanted: ChangesSource, study: "Study", auto: bool
) -> tuple[Layout, list[Proposal], list[Proposal]]:
    """The layout of the export, the proposals ``auto`` took (all of them, for the fields no column
    holds), and those left as suggestions (for optional fields, when nothing was missing)."""
    from .mapping import missing_fields, propose, resolve

    names = header_names(frame)
    header_row = int(frame.attrs.get("header_row", 1))
    layout, problems = resolve(names, declared.lookup(), wanted, file=file, header_row=header_row, where="--map")
    if problems:
        raise StudyError(_rows_in_order(problems))
    proposals = propose(
        names, lambda c: [str(v or "").strip() for v in frame[c].tolist()], layout, study, keep=wanted.keep
    )
    if auto and proposals:
        columns = {**wanted.columns, **{p.field: p.header for p in proposals}}
        layout, problems = resolve(names, declared.lookup(), wanted.model_copy(update={"columns": columns}), file=file)
        if problems:  # pragma: no cover - a proposal names a column the table has
            raise StudyError(problems)
        if missing_fields(layout):
            layout_of(frame, file, declared, wanted.model_copy(update={"columns": columns}), study=study, how="flags")
        return layout, proposals, []
    if missing_fields(layout):
        layout_of(frame, file, declared, wanted, study=study, how="flags")  # raises, with the proposals
    return layout, [], proposals


def _saved_source(
    file: str, written: _Sheet, layout: Layout, wanted: ChangesSource, declared: Columns
) -> ChangesSource:
    """What ``study.yaml`` keeps for the written changes file: the columns its names alone do not
    tell (a name the lookup reads the same way is left out), the values, wide, the header rows,
    ``keep`` and ``keep_names``."""
    from .mapping import header_keys, numbered

    lookup = declared.lookup()

    def reads_as(header: str) -> str | None:
        return next((lookup[k] for k in header_keys([header]) if k in lookup), None)

    columns: dict[str, str] = {}
    for name, column in layout.fields.items():
        header = written.fields.get(name, column)
        if header in written.header and reads_as(header) != name:
            columns[name] = header
    for name, by_number in layout.wide.items():
        stem = (numbered(by_number[min(by_number)]) or (by_number[min(by_number)], 0))[0]
        if reads_as(stem) != name:
            columns[name] = stem
    order = {name: i for i, name in enumerate(fields(declared))}
    return ChangesSource(
        file=file,
        header_rows=1 + len(written.lines) if written.lines else None,
        columns=dict(sorted(columns.items(), key=lambda item: order.get(item[0], len(order)))),
        values={name: dict(given) for name, given in wanted.values.items() if given},
        wide=bool(layout.wide),
        keep=list(wanted.keep),
        keep_names=wanted.keep_names,
    )

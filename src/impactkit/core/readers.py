"""The core's readers for tabular files (``.csv``, ``.xlsx`` and ``.ods``), as ``trylast`` hook impls.

Everything is read as text, so that nothing is reinterpreted before impactkit checks it and
reports a bad cell with its row and column. Row numbers are the file's own: the header's row is
kept in ``frame.attrs["header_row"]`` (1 unless a spreadsheet has title or blank rows above
it), and blank rows stay in the frame so that the rows after them keep their numbers.

A CSV may be UTF-8 (with or without a byte-order mark), UTF-16 (as Excel's "Unicode text" and
some survey tools write it), Windows-1252 or Latin-1: :func:`decode_csv` tells them apart. A
header may take several rows: a Qualtrics export has the question texts and a row of ``ImportId``
JSON under its column names, which are found and kept in ``frame.attrs["header_names"]`` (every
header text of each column) so the columns can be named by either; ``header_rows`` says how many
when it cannot be seen. A workbook's sheet is chosen by name or position (1 is the first).

Refused, with the row (and column) named, rather than guessed: a row with more cells than the
header has columns, and two columns with the same header. Refused at once, naming the file and
the row (:mod:`impactkit.core.limits`): a quote that is never closed or is followed by more text
(the row where it opens), a file that mixes UTF-8 with another encoding (the row of the first
byte that is no UTF-8), a text with NUL bytes, a cell over 1 MB, more columns or cells than a
table may have, and a workbook that would unpack to more than its limit (a zip bomb). A workbook
is read with each formula's last result (never its text), row by row as the rows come, whatever
size its sheets claim. The readers do not stop at these:
they put them in ``frame.attrs["problems"]`` (a list of :class:`Problem`), so that the rest of
the file is still checked and every problem is reported at once; :func:`impactkit.core.changes.read_table`
raises them (or hands them on to the row checks).

:func:`read_rows` is the row-level reader under both: every row of the file with its number, no
header chosen, for a reader that finds its own header (the SROI impact map below the title rows of
an exported Value Map). It reads through the same hook, so a plugin that adds a format (ODS, SPSS)
reaches the changes and the impact maps alike.
"""

from __future__ import annotations

import codecs
import contextlib
import csv
import datetime as _dt
import io
import json
import re
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from .contributions import Location
from .errors import Problem, StudyError
from .hookspecs import hookimpl
from .i18n import Text, catalog, did_you_mean, fill, msg
from .limits import MAX_CELL_CHARS, MAX_CELLS, MAX_COLUMNS, MAX_UNPACKED, table_problem
from .numbers import format_count

CSV_SUFFIXES = frozenset({".csv", ".tsv", ".txt"})
XLSX_SUFFIXES = frozenset({".xlsx", ".xlsm"})
ODS_SUFFIXES = frozenset({".ods"})
WORKBOOK_SUFFIXES = XLSX_SUFFIXES | ODS_SUFFIXES
TABLE_SUFFIXES = CSV_SUFFIXES | WORKBOOK_SUFFIXES


def _frame(
    path: Path, header: list[str], body: list[list[str]], header_row: int, more_header: Sequence[list[str]] = ()
) -> Any:
    """A DataFrame of strings from a header and rows, with the problems every format shares.

    The problems (duplicate column names, rows with more cells than the header) are kept in
    ``frame.attrs["problems"]``, not raised, so that the rows are still checked one by one.
    The extra cells of a row that has too many are not in the frame. ``more_header`` are the
    header's further rows (a Qualtrics export's question texts and ``ImportId`` row), right under
    ``header``: the first data row is below them (``frame.attrs["data_row"]``), and every header
    text of a column is in ``frame.attrs["header_names"]`` (by the column's name in the frame).
    """
    import pandas as pd

    problems = []
    seen: dict[str, int] = {}
    for position, name in enumerate(header, start=1):
        key = name.strip().casefold()
        if not key:
            continue
        if key in seen:
            problems.append(
                Problem(
                    Location(file=str(path), row=header_row, key=name),
                    Text(
                        en=f"columns {seen[key]} and {position} are both called '{name}'; give each column its own name",
                        nl=f"kolom {seen[key]} en {position} heten allebei '{name}'; geef elke kolom een eigen naam",
                    ),
                )
            )
        else:
            seen[key] = position
    data_row = header_row + 1 + len(more_header)
    for number, row in enumerate(body, start=data_row):
        extra = [cell for cell in row[len(header) :] if cell.strip()]
        if extra:
            # the first cell without a header, by position: '#11' reads the same in either language
            problems.append(
                Problem(
                    Location(file=str(path), row=number, key=f"#{len(header) + 1}"),
                    Text(
                        en=f"the row has {format_count(len(row), 'cell', 'cells', 'en')} but the header has "
                        f"{format_count(len(header), 'column', 'columns', 'en')} (quote cells that contain the separator)",
                        nl=f"de rij heeft {format_count(len(row), 'cel', 'cellen', 'nl')} maar de kop heeft "
                        f"{format_count(len(header), 'kolom', 'kolommen', 'nl')} "
                        f"(zet cellen met het scheidingsteken tussen aanhalingstekens)",
                    ),
                )
            )
    width = len(header)
    body = [(row + [""] * width)[:width] for row in body]
    unnamed = [name or f"column {i}" for i, name in enumerate(header, start=1)]
    frame = pd.DataFrame(body, columns=unnamed, dtype=str)
    frame.attrs["header_row"] = header_row
    frame.attrs["data_row"] = data_row
    frame.attrs["problems"] = problems
    extra = [(list(row) + [""] * width)[:width] for row in more_header]
    frame.attrs["header_lines"] = extra
    frame.attrs["header_names"] = {
        key: [text for text in [name, *(row[i].strip() for row in extra)] if text]
        for i, (key, name) in enumerate(zip(unnamed, header))
    }
    return frame


_UTF8_SEQUENCE = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")
"""A character UTF-8 writes in more than one byte (``é`` is ``C3 A9``)."""


def decode_csv(raw: bytes, path: str | Path | None = None) -> tuple[str, str]:
    """The text of a CSV file and its encoding, decided for the whole file.

    ``utf-32``/``utf-16`` when it starts with their byte-order mark, ``utf-32-le``/``-be`` or
    ``utf-16-le``/``-be`` when its start is mostly zeros (ASCII in UTF-32 or UTF-16 without a mark),
    ``utf-8-sig`` for UTF-8 with or without a mark, else ``cp1252`` (Windows) or, when it holds a
    byte Windows-1252 does not define, ``latin-1``.

    Refused (:class:`StudyError` naming ``path`` and the row, never a silent guess): a file that
    is UTF-8 but for some bytes (it holds UTF-8's own characters, ``é`` as ``C3 A9``, and a byte
    that is no UTF-8) — read as Windows-1252 it would be garbled — and a text with NUL characters,
    which no table in a known encoding has.
    """
    text, encoding = _decoded(raw, path)
    if "\x00" in text:
        at = text.index("\x00")
        raise table_problem(str(path or "?"), _row_at(text[:at]), "nul-bytes", line=text.count("\n", 0, at) + 1)
    return text, encoding


def _decoded(raw: bytes, path: str | Path | None) -> tuple[str, str]:
    if raw.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):
        return raw.decode("utf-32"), "utf-32"
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return raw.decode("utf-16"), "utf-16"
    start = raw[:4000]
    zeros = start.count(0)
    if len(start) >= 4 and zeros * 4 >= len(start) * 3:  # text in UTF-32 is three quarters zeros (ASCII)
        encoding = "utf-32-le" if start[0] != 0 else "utf-32-be"
        with contextlib.suppress(UnicodeDecodeError):
            return raw.decode(encoding), encoding
    if len(start) >= 2 and zeros * 3 >= len(start):  # text in UTF-16 is half zeros (ASCII)
        odd_zeros = start[1::2].count(0)
        encoding = "utf-16-le" if odd_zeros >= start[0::2].count(0) else "utf-16-be"
        with contextlib.suppress(UnicodeDecodeError):
            return raw.decode(encoding), encoding
    try:
        return raw.decode("utf-8-sig"), "utf-8-sig"
    except UnicodeDecodeError as exc:
        bad = exc.start + (3 if raw.startswith(codecs.BOM_UTF8) else 0)
        if raw.startswith(codecs.BOM_UTF8) or _UTF8_SEQUENCE.search(raw):  # UTF-8, but for this byte
            before = raw[:bad].decode("utf-8-sig", "replace")
            raise table_problem(
                str(path or "?"), _row_at(before), "mixed-encoding", line=before.count("\n") + 1, byte=f"{raw[bad]:02X}"
            ) from None
    try:
        return raw.decode("cp1252"), "cp1252"
    except UnicodeDecodeError:  # 0x81 0x8D 0x8F 0x90 0x9D: not Windows-1252, so ISO 8859-1
        return raw.decode("latin-1"), "latin-1"


def _row_at(before: str) -> int:
    """The row (counted as the readers count: a quoted cell may hold line breaks) that the text
    after ``before`` is in."""
    if not before:
        return 1
    delimiter = csv_delimiter(before)
    rows = sum(1 for _ in csv.reader(io.StringIO(before, newline=""), delimiter=delimiter))
    return rows + 1 if before.endswith(("\n", "\r")) else max(rows, 1)


def csv_delimiter(text: str) -> str:
    """The separator of a CSV text: the one of ``,`` ``;`` and tab its header line uses most."""
    end = text.find("\n")
    header_line = text if end < 0 else text[:end]  # not split: the file may be large
    return max(",;\t", key=header_line.count)  # ties go to ","


def csv_rows(path: Path) -> list[list[str]]:
    """Every row of a CSV file (``,`` ``;`` or tab; any encoding :func:`decode_csv` knows) as its
    cells' text, row 1 first.

    Quoted cells may hold the separator and line breaks. The separator is the one the first line
    uses most. Read as :func:`parse_csv` reads (a quote never closed is refused, naming its row).
    """
    text, _ = decode_csv(path.read_bytes(), path)
    return parse_csv(text, csv_delimiter(text), path)


def parse_csv(text: str, delimiter: str, path: str | Path) -> list[list[str]]:
    """The rows of CSV ``text``, each checked as it is read: a :class:`StudyError` naming ``path``
    and the row where it opens for a quote (``"``) that is never closed or is followed by more text
    (a stray quote would otherwise make one cell of many rows, silently), a cell longer than
    :data:`~impactkit.core.limits.MAX_CELL_CHARS` characters, a row of more than
    :data:`~impactkit.core.limits.MAX_COLUMNS` cells or more than
    :data:`~impactkit.core.limits.MAX_CELLS` cells in all."""
    file = str(path)
    csv.field_size_limit(MAX_CELL_CHARS)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    rows: list[list[str]] = []
    cells = 0
    while True:
        line = reader.line_num + 1
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            number, error = len(rows) + 1, str(exc)
            if "field limit" in error:
                raise table_problem(file, number, "cell-too-large", limit=MAX_CELL_CHARS) from None
            if "unexpected end of data" in error:
                raise table_problem(file, number, "quote-not-closed", line=line) from None
            if "expected after" in error:
                raise table_problem(file, number, "quote-then-text", line=line, end=reader.line_num) from None
            raise table_problem(file, number, "csv-error", line=line, error=error) from None
        if len(row) > MAX_COLUMNS:
            raise table_problem(file, len(rows) + 1, "too-many-columns", n=len(row), limit=MAX_COLUMNS)
        cells += len(row)
        if cells > MAX_CELLS:
            raise table_problem(file, len(rows) + 1, "too-many-cells", limit=MAX_CELLS)
        rows.append(row)
    return rows


def read_csv(path: Path, *, header_rows: int | None = None) -> Any:
    """Read a CSV (see :func:`csv_rows`) as strings, the first row its header (and the rows under
    it that :func:`header_height` finds, or ``header_rows`` in all); its encoding in
    ``frame.attrs["encoding"]``.

    A well-formed file is parsed by pyarrow's CSV reader or pandas' C parser (:func:`_parsed`),
    which read what :func:`parse_csv` reads, several times faster; anything they might read
    otherwise (a quote out of place, a row wider than the first, a cell or a file past a limit) is
    read by :func:`parse_csv`, which names the row of each problem."""
    raw = path.read_bytes()
    text, encoding = decode_csv(raw, path)
    delimiter = csv_delimiter(text)
    frame = _parsed(path, raw if encoding == "utf-8-sig" else None, text, delimiter, header_rows)
    if frame is None:
        frame = _table(path, parse_csv(text, delimiter, path), first=0, header_rows=header_rows)
    frame.attrs["encoding"] = encoding
    return frame


def quotes_well_placed(text: str, delimiter: str) -> bool:
    """Whether every quote (``"``) of CSV ``text`` is where :func:`parse_csv` reads it without a
    problem: one that starts a cell opens a quoted cell, which a quote closes right before the
    separator, a line break or the end (``""`` inside it is a quote); any other quote is text.
    Only the quotes are looked at, not every character."""
    ends = (delimiter, "\r", "\n")
    inside = False
    at = text.find('"')
    while at >= 0:
        if not inside:
            inside = at == 0 or text[at - 1] in ends  # else a quote within an unquoted cell: text
            at = text.find('"', at + 1)
            continue
        after = text[at + 1 : at + 2]
        if after == '"':  # a quote written twice inside a quoted cell
            at = text.find('"', at + 2)
            continue
        if after and after not in ends:
            return False  # text after the closing quote
        inside = False
        at = text.find('"', at + 1)
    return not inside  # a quote never closed when still inside


def _parsed(path: Path, raw: bytes | None, text: str, delimiter: str, header_rows: int | None) -> Any:
    """The CSV as :func:`_table` makes it of :func:`parse_csv`'s rows, parsed by pyarrow
    (:func:`_arrow_cells`), else by pandas' C parser (from ``raw`` when it is UTF-8, else from
    ``text``); ``None`` when it might read the file otherwise than :func:`parse_csv`: a blank first
    line, a second byte-order mark, a quote out of place (:func:`quotes_well_placed`), a row wider
    than the first, cells past the header holding text, or a cell, a row or the file past a limit
    (:mod:`~impactkit.core.limits`)."""
    import pandas as pd

    first_line = text[: text.find("\n")] if "\n" in text else text
    if not first_line.strip() or first_line.lstrip().startswith(("\r",)):
        return None
    if text.startswith("\ufeff"):  # a second byte-order mark: the fast parsers drop it, parse_csv keeps it
        return None
    # each separator and line break is a character: a text no longer than the cell limit is within it
    if first_line.count(delimiter) >= MAX_COLUMNS or (
        len(text) > MAX_CELLS and text.count(delimiter) + text.count("\n") > MAX_CELLS
    ):
        return None  # past a limit: parse_csv refuses it at once, where pandas would first read it all
    if '"' in text and not quotes_well_placed(text, delimiter):
        return None
    rows = _arrow_cells(raw, text, delimiter, first_line.count(delimiter) + 1)
    if rows is None:  # a blank line or a short row, say: pandas' C parser reads those as parse_csv does
        try:
            rows = pd.read_csv(
                io.BytesIO(raw) if raw is not None else io.StringIO(text),
                encoding="utf-8-sig" if raw is not None else None,
                sep=delimiter,
                header=None,
                dtype=str,
                keep_default_na=False,
                na_filter=False,
                skip_blank_lines=False,
                quoting=csv.QUOTE_MINIMAL,
                doublequote=True,
                engine="c",
                low_memory=False,
            )
        except (pd.errors.ParserError, pd.errors.EmptyDataError, ValueError, UnicodeDecodeError):
            return None
    rows = rows.fillna("")
    count, width = rows.shape
    if not count or width > MAX_COLUMNS or count * width > MAX_CELLS:
        return None
    if any(rows[c].str.len().max() > MAX_CELL_CHARS for c in rows.columns):
        return None
    last = count - 1  # blank rows at the end are no rows, as in _table
    while last >= 0 and not any(cell.strip() for cell in rows.iloc[last]):
        last -= 1
    if last < 0:
        return None
    rows = rows.iloc[: last + 1]
    head = [list(rows.iloc[i]) for i in range(min(3, len(rows)))]
    height = header_rows or header_height(head, 0)
    header = list(head[0])
    while header and not header[-1].strip():
        header = header[:-1]
    body = rows.iloc[height:]
    past = list(body.columns[len(header) :])
    if past and (body[past].apply(lambda column: column.str.strip()) != "").any().any():
        return None  # a row with more cells than the header: parse_csv names it
    more = [list(rows.iloc[i]) for i in range(1, min(height, len(rows)))]
    frame = _frame(path, header, [], 1, more)
    data = body.iloc[:, : len(header)].reset_index(drop=True)
    data.columns = list(frame.columns)
    data.attrs = frame.attrs
    return data


_ARROW_BLOCK_LIMIT = 2**31 - 2
"""pyarrow reads a block of at most 2 GiB; a larger file is left to pandas' C parser."""


def _arrow_cells(raw: bytes | None, text: str, delimiter: str, width: int) -> Any:
    """Every cell of a well-formed CSV as text (columns numbered from 0, the header a row), read by
    pyarrow's CSV reader (several times quicker than pandas' C parser, on every core); ``None``
    when it does not read the file, or not every column as text: a blank line, a row shorter or
    longer than the first, or a first line (``width`` cells at most) that a quoted line break cuts
    short; or without pyarrow (an optional dependency). Then the C parser reads it."""
    try:
        import pyarrow as pa
        import pyarrow.csv as pc
    except ImportError:
        return None

    data = raw if raw is not None else text.encode("utf-8")
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8) :]
    if len(data) >= _ARROW_BLOCK_LIMIT:
        return None
    try:
        table = pc.read_csv(
            io.BytesIO(data),
            # the file as one block: pyarrow drops the \n of a quoted \r\n whose \r ends a block
            # (apache/arrow#51368), and the file is in memory anyway
            read_options=pc.ReadOptions(autogenerate_column_names=True, block_size=len(data) + 1),
            parse_options=pc.ParseOptions(
                delimiter=delimiter,
                quote_char='"',
                double_quote=True,
                escape_char=False,
                newlines_in_values=True,
                ignore_empty_lines=False,
            ),
            convert_options=pc.ConvertOptions(
                column_types={f"f{i}": pa.string() for i in range(width)},
                strings_can_be_null=False,
                quoted_strings_can_be_null=False,
            ),
        )
    except (pa.ArrowException, UnicodeDecodeError):  # any file pyarrow does not read: the C parser tries
        return None
    if any(not pa.types.is_string(column.type) for column in table.columns):
        return None
    frame = table.to_pandas()
    frame.columns = range(frame.shape[1])
    return frame


def _is_import_id(cell: str) -> bool:
    """A cell of a Qualtrics export's third header row: ``{"ImportId":"QID3_TEXT"}``."""
    text = cell.strip()
    if not (text.startswith("{") and "importid" in text.casefold()):
        return False
    try:
        return isinstance(json.loads(text), dict)
    except ValueError:
        return False


def header_height(rows: Sequence[Sequence[str]], first: int) -> int:
    """How many rows the header starting at ``rows[first]`` takes: 1, or — in a Qualtrics export,
    whose header has its column names, its question texts and a row of ``{"ImportId": ...}`` —
    down to the row whose filled cells are mostly such JSON (within 3 rows of the first)."""
    for height in (2, 3):
        at = first + height - 1
        if at >= len(rows):
            break
        filled = [cell for cell in rows[at] if cell.strip()]
        if filled and sum(_is_import_id(c) for c in filled) * 2 > len(filled):
            return height
    return 1


def _table(path: Path, rows: list[list[str]], *, first: int, header_rows: int | None) -> Any:
    """A frame from ``rows``: the header at ``rows[first]``, with ``header_rows`` rows in all
    (``None``: :func:`header_height`), the rest its rows."""
    while rows and not any(c.strip() for c in rows[-1]):
        rows = rows[:-1]
    if not rows:
        return _frame(path, [], [], 1)
    height = header_rows or header_height(rows, first)
    header = list(rows[first])
    while header and not header[-1].strip():
        header = header[:-1]
    more = rows[first + 1 : first + height]
    return _frame(path, header, rows[first + height :], first + 1, more)


def cell_text(value: Any) -> str:
    """A spreadsheet cell's value as the text a CSV would hold (``None`` → ``""``, whole floats without ``.0``)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, _dt.datetime):
        return value.date().isoformat() if value.time() == _dt.time() else value.isoformat()
    if isinstance(value, _dt.date):
        return value.isoformat()
    return str(value)


MESSAGES = catalog(
    [
        (
            "no-sheet",
            "the workbook has no sheet '{sheet}' (its sheets: {sheets}){hint}",
            "de werkmap heeft geen blad '{sheet}' (de bladen: {sheets}){hint}",
        ),
        (
            "no-sheet-number",
            "the workbook has no sheet {sheet}: it has {count} (its sheets: {sheets})",
            "de werkmap heeft geen blad {sheet}: het heeft er {count} (de bladen: {sheets})",
        ),
        (
            "no-workbook",
            "--sheet is for a workbook (.xlsx, .ods); {file} is not one",
            "--sheet is voor een werkmap (.xlsx, .ods); {file} is dat niet",
        ),
    ]
)


def sheet_names(path: Path) -> list[str]:
    """The names of a workbook's sheets (``.xlsx`` or ``.ods``), in order."""
    if path.suffix.lower() in ODS_SUFFIXES:
        import pandas as pd

        check_workbook(path)
        with pd.ExcelFile(path, engine="odf") as book:
            return [str(name) for name in book.sheet_names]
    workbook = open_workbook(path)
    try:
        return list(workbook.sheetnames)
    finally:
        workbook.close()


def check_workbook(path: Path) -> None:
    """Refuse (:class:`StudyError`) a workbook (a zip file) that would unpack to more than
    :data:`~impactkit.core.limits.MAX_UNPACKED` bytes — a zip bomb — before anything is unpacked.
    A file that is no zip is left for the workbook reader to report."""
    import zipfile

    try:
        with zipfile.ZipFile(path) as archive:
            size = sum(max(info.file_size, 0) for info in archive.infolist())
    except (zipfile.BadZipFile, OSError, ValueError):
        return
    if size > MAX_UNPACKED:
        raise table_problem(str(path), None, "workbook-too-large", size=size, limit=MAX_UNPACKED)


def open_workbook(path: Path) -> Any:
    """An ``.xlsx`` workbook opened to read, after :func:`check_workbook`: read-only, each cell's
    value as last computed (``data_only``: a formula's result, never its text)."""
    from openpyxl import load_workbook

    check_workbook(path)
    return load_workbook(path, read_only=True, data_only=True)


def sheet_rows(sheet: Any, path: Path) -> list[list[Any]]:
    """The rows of a read-only sheet as they come, as wide as its widest row holds values: a sheet's
    stated size (its ``dimension``, which a forged file sets to a million rows by 16,384 columns) is
    not trusted; more than :data:`~impactkit.core.limits.MAX_COLUMNS` columns or
    :data:`~impactkit.core.limits.MAX_CELLS` cells are refused."""
    sheet.reset_dimensions()
    rows: list[list[Any]] = []
    cells = 0
    for values in sheet.iter_rows(values_only=True):
        row = list(values)
        while row and row[-1] is None:
            row.pop()
        if len(row) > MAX_COLUMNS:
            raise table_problem(str(path), len(rows) + 1, "too-many-columns", n=len(row), limit=MAX_COLUMNS)
        cells += len(row)
        if cells > MAX_CELLS:
            raise table_problem(str(path), len(rows) + 1, "too-many-cells", limit=MAX_CELLS)
        rows.append(row)
    width = max(map(len, rows), default=0)  # as wide as its widest row really is
    return [row + [None] * (width - len(row)) for row in rows]


def pick_sheet(path: Path, names: Sequence[str], sheet: str | int | None, sheets: Sequence[str] = ()) -> str:
    """The sheet ``sheet`` names among a workbook's ``names``: a name (in any case) or a position
    (``2``, ``"2"``: the second sheet); ``None``: the first named one of ``sheets``, else the first.
    A sheet the workbook does not have is a :class:`StudyError` listing those it has."""
    if not names:
        raise StudyError([Problem(Location(file=str(path)), msg("changes-unreadable", error="no sheets"))])
    if sheet is None:
        wanted = {name.strip().casefold() for name in sheets}
        return next((name for name in names if name.strip().casefold() in wanted), names[0])
    given = str(sheet).strip()
    by_name = {name.strip().casefold(): name for name in names}
    if given.casefold() in by_name:
        return by_name[given.casefold()]
    listed = ", ".join(names)
    if given.isdigit():
        if 1 <= int(given) <= len(names):
            return names[int(given) - 1]
        text = fill(MESSAGES["no-sheet-number"], sheet=given, count=len(names), sheets=listed)
    else:
        hint = did_you_mean(given, names) or Text(en="", nl="")
        text = fill(MESSAGES["no-sheet"], sheet=given, sheets=listed, hint=hint)
    raise StudyError([Problem(Location(file=str(path), key="sheet"), text)])


def xlsx_rows(path: Path, sheets: Sequence[str] = (), *, sheet: str | int | None = None) -> list[list[Any]]:
    """Every row of a workbook's sheet as its cells' values (text, numbers, booleans, dates;
    ``None`` when empty), row 1 first: the sheet ``sheet`` names (a name or a position, 1 the
    first), else the first sheet named one of ``sheets`` (in any case), else the first sheet.
    A number typed in a cell stays a number. ``.ods`` workbooks are read too (pandas' ``odf``)."""
    if path.suffix.lower() in ODS_SUFFIXES:
        return _ods_rows(path, pick_sheet(path, sheet_names(path), sheet, sheets))
    workbook = open_workbook(path)
    try:
        name = pick_sheet(path, workbook.sheetnames, sheet, sheets)
        return sheet_rows(workbook[name], path)
    finally:
        workbook.close()


def _ods_rows(path: Path, sheet: str) -> list[list[Any]]:
    """The rows of an OpenDocument sheet as values (``None`` when empty; whole numbers as ``int``)."""
    import pandas as pd

    check_workbook(path)
    frame = pd.read_excel(path, sheet_name=sheet, header=None, engine="odf", dtype=object)

    def value(cell: Any) -> Any:
        if cell is None or (not isinstance(cell, str) and pd.isna(cell) is True):
            return None
        if isinstance(cell, float) and cell.is_integer():
            return int(cell)
        if isinstance(cell, pd.Timestamp):
            return cell.to_pydatetime()
        return cell

    return [[value(cell) for cell in row] for row in frame.itertuples(index=False, name=None)]


def read_xlsx(path: Path, *, sheet: str | int | None = None, header_rows: int | None = None) -> Any:
    """Read a sheet of a workbook (``.xlsx`` or ``.ods``; the first, or ``sheet``) as strings.

    The header is the first row with at least two filled cells, so a title line or blank rows
    above the table are fine; the row numbers reported are the sheet's. The header's further
    rows are found as for a CSV (or ``header_rows`` says how many rows it takes).
    """
    rows = [[cell_text(v) for v in row] for row in xlsx_rows(path, sheet=sheet)]
    first = next((i for i, row in enumerate(rows) if sum(1 for c in row if c.strip()) >= 2), 0)
    frame = _table(path, rows, first=first, header_rows=header_rows)
    return frame


def read_table_file(path: Path, *, sheet: str | int | None = None, header_rows: int | None = None) -> Any:
    """A CSV, XLSX or ODS file as a frame of strings (``None``: not one of these), its sheet and
    header rows as given (``None``: the first sheet, the header rows found). The sheet read is in
    ``frame.attrs["sheet"]``, a CSV's encoding in ``frame.attrs["encoding"]``."""
    suffix = path.suffix.lower()
    if suffix in CSV_SUFFIXES:
        if sheet is not None:
            raise StudyError(
                [Problem(Location(file=str(path), key="sheet"), fill(MESSAGES["no-workbook"], file=path.name))]
            )
        return read_csv(path, header_rows=header_rows)
    if suffix in WORKBOOK_SUFFIXES:
        names = sheet_names(path)
        chosen = pick_sheet(path, names, sheet)
        frame = read_xlsx(path, sheet=chosen, header_rows=header_rows)
        frame.attrs["sheet"] = chosen
        frame.attrs["sheets"] = names
        return frame
    return None


@hookimpl(trylast=True)
def impactkit_read_table(path: Path) -> Any:
    return read_table_file(path)


def read_rows(path: Path, plugins: Any = None, *, sheets: Sequence[str] = ()) -> list[tuple[int, list[Any]]]:
    """Every row of a tabular file as ``(row number, cells)``, row 1 first, blank rows included:
    the row-level reader, for a reader that finds its own header.

    A plugin's ``impactkit_read_table`` (of ``plugins``, a plugin manager) reads the file first, as
    for the changes: its table comes back as its header row (``frame.attrs["header_row"]``, else 1)
    and the rows below it, a missing cell as ``None``. The core's own formats are read cell by cell:
    CSV as text (:func:`csv_rows`), a workbook's sheet with typed numbers as numbers
    (:func:`xlsx_rows`; ``sheets`` names the sheets to prefer). Without ``plugins`` only the core's
    formats are read. A file that is missing, of another type or unreadable is a
    :class:`StudyError` naming the file.
    """
    path = Path(path)
    where = Location(file=str(path))
    if not path.is_file():
        raise StudyError([Problem(where, msg("file-missing"))])
    suffix = path.suffix.lower()
    try:
        if plugins is not None:
            others = plugins.pm.subset_hook_caller("impactkit_read_table", remove_plugins=[sys.modules[__name__]])
            frame = others(path=path)
            if frame is not None:
                return frame_rows(frame)
        if suffix in CSV_SUFFIXES:
            rows = csv_rows(path)
        elif suffix in WORKBOOK_SUFFIXES:
            rows = xlsx_rows(path, sheets)
        else:
            raise StudyError([Problem(where, msg("changes-format", suffix=path.suffix or "?"))])
    except StudyError:
        raise
    except Exception as exc:
        raise StudyError([Problem(where, msg("changes-unreadable", error=f"{type(exc).__name__}: {exc}"))]) from None
    return list(enumerate(rows, start=1))


def frame_rows(frame: Any) -> list[tuple[int, list[Any]]]:
    """A table a reader returned as ``(row number, cells)`` rows: its header (in the row
    ``frame.attrs["header_row"]``, else 1), then its rows; an empty or missing cell is ``None``."""

    import pandas as pd

    def cell(value: Any) -> Any:
        if isinstance(value, str):
            return value
        if value is None or pd.isna(value) is True:  # None, NaN, NaT, pandas.NA
            return None
        if callable(getattr(value, "item", None)):  # a numpy scalar: its Python value
            value = value.item()
        return value if isinstance(value, int | float | _dt.date) else str(value)

    header_row = int(frame.attrs.get("header_row", 1))
    rows = [(header_row, [cell(name) for name in frame.columns])]
    for number, values in enumerate(frame.itertuples(index=False, name=None), start=header_row + 1):
        rows.append((number, [cell(value) for value in values]))
    return rows

"""The core's readers for tabular files (``.csv`` and ``.xlsx``), as ``trylast`` hook impls.

Everything is read as text, so that nothing is reinterpreted before impactkit checks it and
reports a bad cell with its row and column. Row numbers are the file's own: the header's row is
kept in ``frame.attrs["header_row"]`` (1 unless a spreadsheet has title or blank rows above
it), and blank rows stay in the frame so that the rows after them keep their numbers.

Refused, with the row (and column) named, rather than guessed: a row with more cells than the
header has columns, and two columns with the same header. The readers do not stop at these:
they put them in ``frame.attrs["problems"]`` (a list of :class:`Problem`), so that the rest of
the file is still checked and every problem is reported at once; :func:`impactkit.core.changes.read_table`
raises them (or hands them on to the row checks).

:func:`read_rows` is the row-level reader under both: every row of the file with its number, no
header chosen, for a reader that finds its own header (the SROI impact map below the title rows of
an exported Value Map). It reads through the same hook, so a plugin that adds a format (ODS, SPSS)
reaches the changes and the impact maps alike.
"""

from __future__ import annotations

import csv
import datetime as _dt
import io
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from .contributions import Location
from .errors import Problem, StudyError
from .hookspecs import hookimpl
from .i18n import Text, msg
from .numbers import format_count

CSV_SUFFIXES = frozenset({".csv", ".tsv", ".txt"})
XLSX_SUFFIXES = frozenset({".xlsx", ".xlsm"})


def _frame(path: Path, header: list[str], body: list[list[str]], header_row: int) -> Any:
    """A DataFrame of strings from a header and rows, with the problems every format shares.

    The problems (duplicate column names, rows with more cells than the header) are kept in
    ``frame.attrs["problems"]``, not raised, so that the rows are still checked one by one.
    The extra cells of a row that has too many are not in the frame.
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
    for number, row in enumerate(body, start=header_row + 1):
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
    frame.attrs["problems"] = problems
    return frame


def decode_csv(raw: bytes) -> tuple[str, str]:
    """The text of a CSV file and its encoding: ``utf-8-sig`` (with or without a BOM) or ``cp1252``."""
    try:
        return raw.decode("utf-8-sig"), "utf-8-sig"
    except UnicodeDecodeError:
        return raw.decode("cp1252"), "cp1252"


def csv_delimiter(text: str) -> str:
    """The separator of a CSV text: the one of ``,`` ``;`` and tab its header line uses most."""
    header_line = text.split("\n", 1)[0]
    return max(",;\t", key=header_line.count)  # ties go to ","


def csv_rows(path: Path) -> list[list[str]]:
    """Every row of a CSV file (``,`` ``;`` or tab, UTF-8 or Windows-1252) as its cells' text, row 1 first.

    Quoted cells may hold the separator and line breaks. The separator is the one the first line
    uses most.
    """
    text, _ = decode_csv(path.read_bytes())
    return list(csv.reader(io.StringIO(text, newline=""), delimiter=csv_delimiter(text)))


def read_csv(path: Path) -> Any:
    """Read a CSV (see :func:`csv_rows`) as strings, the first row its header."""
    rows = csv_rows(path)
    if not rows:
        return _frame(path, [], [], 1)
    return _frame(path, rows[0], rows[1:], 1)


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


def xlsx_rows(path: Path, sheets: Sequence[str] = ()) -> list[list[Any]]:
    """Every row of a workbook's sheet as its cells' values (text, numbers, booleans, dates;
    ``None`` when empty), row 1 first: the first sheet named one of ``sheets`` (in any case),
    else the first sheet. A number typed in a cell stays a number."""
    from openpyxl import load_workbook

    workbook = load_workbook(path, read_only=True, data_only=True)
    try:
        wanted = {name.strip().casefold() for name in sheets}
        sheet = next(
            (workbook[name] for name in workbook.sheetnames if name.strip().casefold() in wanted),
            workbook.worksheets[0],
        )
        return [list(row) for row in sheet.iter_rows(values_only=True)]
    finally:
        workbook.close()


def read_xlsx(path: Path) -> Any:
    """Read the first sheet of a workbook as strings.

    The header is the first row with at least two filled cells, so a title line or blank rows
    above the table are fine; the row numbers reported are the sheet's.
    """
    rows = [[cell_text(v) for v in row] for row in xlsx_rows(path)]
    while rows and not any(c.strip() for c in rows[-1]):
        rows.pop()
    header_index = next((i for i, row in enumerate(rows) if sum(1 for c in row if c.strip()) >= 2), 0)
    if not rows:
        return _frame(path, [], [], 1)
    header = rows[header_index]
    while header and not header[-1].strip():
        header = header[:-1]
    return _frame(path, header, rows[header_index + 1 :], header_index + 1)


@hookimpl(trylast=True)
def impactkit_read_table(path: Path) -> Any:
    suffix = path.suffix.lower()
    if suffix in CSV_SUFFIXES:
        return read_csv(path)
    if suffix in XLSX_SUFFIXES:
        return read_xlsx(path)
    return None


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
        elif suffix in XLSX_SUFFIXES:
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

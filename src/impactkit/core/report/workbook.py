"""``tables.xlsx``: every table of the result on a sheet of its own, for readers who work on.

A sheet is named after the table's title in the reader's language (cut to Excel's 31 characters,
made unique); headers come from the table's ``columns`` (its ``Column.title``), else the column's
own name. Numbers stay numbers, with a number format by the column's kind (``count`` whole,
``percent`` as a percentage, ``money`` in euros; else whole numbers as counts and fractions with
two decimals); text stays text, never a formula (text that starts like one, ``=…``, ``@…``, carries
Excel's quote prefix); the header row is bold and frozen, with a filter. Deterministic: fixed dates in
the workbook's properties and its zip entries.
"""

from __future__ import annotations

import datetime
import io
import math
import re
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # pragma: no cover
    from ..result import Result

FIXED_DATE = datetime.datetime(2000, 1, 1)
FORMATS = {
    "count": "#,##0",
    "number": "#,##0.00",
    "percent": "0.0%",
    "money": '"€" #,##0.00',
}
_BAD_SHEET_CHARS = re.compile(r"[\[\]:*?/\\]")


def sheet_name(title: str, taken: set[str]) -> str:
    """A sheet name Excel accepts (31 characters, none of ``[]:*?/\\``), not yet in ``taken``."""
    base = " ".join(_BAD_SHEET_CHARS.sub(" ", title).split()).strip("'") or "Sheet"
    name, n = base[:31], 1
    while name.casefold() in taken:
        n += 1
        suffix = f" ({n})"
        name = base[: 31 - len(suffix)] + suffix
    taken.add(name.casefold())
    return name


def _frame(frame: Any) -> Any:
    """The frame with a meaningful index as its first columns (as the CSV files write it)."""
    index = frame.index
    named = any(name is not None for name in index.names)
    if named:
        return frame.reset_index()
    if index.nlevels == 1 and index.dtype.kind in "iu":
        return frame.reset_index(drop=True)
    return frame.reset_index()


def _cell(value: Any) -> Any:
    import numpy as np

    if value is None:
        return None
    if isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, float) and (math.isnan(value) or math.isinf(value)):
        return None
    if isinstance(value, (list, tuple, set, dict)):
        if isinstance(value, dict):
            return "; ".join(f"{k}: {v}" for k, v in value.items())
        return "; ".join(map(str, value))
    if isinstance(value, (bool, int, float, str, datetime.date)):
        return value
    try:
        import pandas as pd

        if pd.isna(value):
            return None
    except (TypeError, ValueError):
        pass
    return str(value)


def to_xlsx(result: "Result", lang: str) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    from ..files import keep_text
    from . import property_text
    from .write import stable_zip

    declared = {t.id: t for t in result.plugins.collect("impactkit_tables")[0]}
    book = Workbook()
    book.remove(book.active)
    taken: set[str] = set()
    bold = Font(bold=True)
    fill = PatternFill("solid", fgColor="DDE5EE")
    for table_id, frame in result.tables.items():
        if not hasattr(frame, "columns"):
            continue
        table = declared.get(table_id)
        title = table.title.get(lang) if table else table_id
        flat = _frame(frame)
        sheet = book.create_sheet(sheet_name(title, taken))
        names = [str(c) for c in flat.columns]
        columns = [table.column(n) if table else None for n in names]
        headers = [n if column is None else column.title.get(lang) for n, column in zip(names, columns)]
        sheet.append(headers)
        for cell in sheet[1]:
            keep_text(cell)
            cell.font, cell.fill = bold, fill
            cell.alignment = Alignment(wrap_text=True, vertical="top")
        widths = [len(h) for h in headers]
        for row in flat.itertuples(index=False, name=None):
            values = [_cell(v) for v in row]
            sheet.append(values)
            for c, value in enumerate(values):
                cell = sheet.cell(row=sheet.max_row, column=c + 1)
                keep_text(cell)  # text stays text, never a formula
                kind = columns[c].kind if columns[c] is not None else None
                if isinstance(value, bool):
                    pass
                elif isinstance(value, (int, float)):
                    if kind in FORMATS:
                        cell.number_format = FORMATS[kind]
                    elif isinstance(value, int) or float(value).is_integer():
                        cell.number_format = FORMATS["count"]
                    else:
                        cell.number_format = FORMATS["number"]
                widths[c] = max(widths[c], min(len(str(value)) if value is not None else 0, 60))
        for c, width in enumerate(widths, 1):
            sheet.column_dimensions[get_column_letter(c)].width = max(8, min(width + 2, 62))
        sheet.freeze_panes = "A2"
        if sheet.max_row > 1:
            sheet.auto_filter.ref = f"A1:{get_column_letter(len(headers))}{sheet.max_row}"
    if not book.worksheets:
        book.create_sheet("–")
    book.properties.creator = "impactkit"
    book.properties.lastModifiedBy = "impactkit"
    book.properties.title = property_text(result.study.title)
    book.properties.created = book.properties.modified = FIXED_DATE
    out = io.BytesIO()
    book.save(out)
    return stable_zip(out.getvalue())

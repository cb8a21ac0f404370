"""The core's readers for tabular files (``.csv`` and ``.xlsx``), as ``trylast`` hook impls.

Everything is read as text, so that nothing is reinterpreted before impactkit checks it and
reports a bad cell with its row and column.
"""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

from .hookspecs import hookimpl


def read_csv(path: Path) -> Any:
    """Read a CSV (``,`` ``;`` or tab, UTF-8 or Windows-1252) as strings.

    A row with more cells than the header is an error naming its row: silently shifting
    cells into the wrong columns is worse than stopping.
    """
    import pandas as pd

    from .contributions import Location
    from .errors import Problem, StudyError
    from .i18n import Text

    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = raw.decode("cp1252")
    header_line = text.split("\n", 1)[0]
    delimiter = max(",;\t", key=header_line.count)  # the header says it best; ties go to ","
    rows = list(csv.reader(text.splitlines(), delimiter=delimiter))
    if not rows:
        return pd.DataFrame()
    header, body = rows[0], rows[1:]
    problems = []
    for number, row in enumerate(body, start=2):
        if len(row) > len(header):
            problems.append(Problem(Location(file=str(path), row=number, key=f"column {len(header) + 1}"), Text(
                en=f"the row has {len(row)} cells but the header has {len(header)} columns "
                   f"(quote cells that contain '{delimiter}')",
                nl=f"de rij heeft {len(row)} cellen maar de kop heeft {len(header)} kolommen "
                   f"(zet cellen met '{delimiter}' tussen aanhalingstekens)")))
    if problems:
        raise StudyError(problems)
    body = [row + [""] * (len(header) - len(row)) for row in body]
    return pd.DataFrame(body, columns=header, dtype=str)


def read_xlsx(path: Path) -> Any:
    import pandas as pd

    frame = pd.read_excel(path, dtype=object, sheet_name=0, engine="openpyxl")
    def cell(value: Any) -> str:
        if value is None or (isinstance(value, float) and value != value):
            return ""
        if isinstance(value, float) and value.is_integer():
            return str(int(value))
        return str(value)
    return frame.apply(lambda column: column.map(cell)).astype(str)


@hookimpl(trylast=True)
def impactkit_read_table(path: Path) -> Any:
    suffix = path.suffix.lower()
    if suffix in {".csv", ".tsv", ".txt"}:
        return read_csv(path)
    if suffix in {".xlsx", ".xlsm"}:
        return read_xlsx(path)
    return None

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
    import pandas as pd

    raw = path.read_bytes()
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            text = raw.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    sample = text[:8192]
    try:
        delimiter = csv.Sniffer().sniff(sample, delimiters=",;\t").delimiter
    except csv.Error:
        delimiter = ","
    from io import StringIO

    return pd.read_csv(StringIO(text), sep=delimiter, dtype=str, keep_default_na=False,
                       skip_blank_lines=True)


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

"""Small helpers shared by the test modules (fixtures live in ``conftest.py``)."""

from __future__ import annotations

import csv
import io
from pathlib import Path


def read_rows(path: Path, delimiter: str = ",") -> list[dict[str, str]]:
    """The rows of a CSV file as dicts (a BOM is allowed)."""
    return list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8-sig")), delimiter=delimiter))

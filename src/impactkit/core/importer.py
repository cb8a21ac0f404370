"""``impactkit import changes``: bring a survey export into a study without losing anything.

The rows are checked first (every bad cell reported with row and column, stakeholders must be
the study's); then they are written to the study's changes file (``changes.csv`` next to
``study.yaml`` when the study had none), keeping unknown columns. ``study.yaml`` is only touched
when its ``changes:`` key must point to the new file, and then through a round-trip YAML
writer that keeps comments, order and quoting.
"""

from __future__ import annotations

import csv
from pathlib import Path
from typing import TYPE_CHECKING

from .changes import read_table, rows_to_changes
from .contributions import Location
from .errors import Problem, StudyError
from .i18n import msg
from .model import Change

if TYPE_CHECKING:  # pragma: no cover
    from .plugins import Plugins

FIELDS = ("id", "person", "role", "stakeholder", "change", "theme", "quote", "importance",
          "idg", "sdg", "coder", "wave", "outcome")


def _cell(change: Change, field: str) -> str:
    value = getattr(change, field)
    if value is None:
        return ""
    if isinstance(value, list):
        return ";".join(str(v) for v in value)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def write_changes(changes: list[Change], path: Path) -> None:
    """Write changes as CSV (or XLSX by suffix): known columns that are used, then extra columns."""
    fields = [f for f in FIELDS if any(_cell(c, f) for c in changes) or f in ("person", "stakeholder", "change")]
    extras: list[str] = []
    for change in changes:
        extras += [k for k in change.extra if k not in extras]
    header = fields + extras
    rows = [[_cell(c, f) for f in fields] + [c.extra.get(k, "") for k in extras] for c in changes]
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        import pandas as pd

        pd.DataFrame(rows, columns=header).to_excel(path, index=False)
        return
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(rows)


def import_changes(source: Path, study_path: Path, plugins: "Plugins", *, append: bool = False) -> tuple[Path, int]:
    """Import ``source`` into the study; returns the changes file written and the number of rows."""
    from ruamel.yaml import YAML

    from .io import load_study, read_yaml

    study = load_study(study_path, plugins=plugins)
    incoming = rows_to_changes(read_table(source, plugins), str(source))
    problems = []
    known = ", ".join(h.id for h in study.stakeholders) or "-"
    for change in incoming:
        if study.stakeholder(change.stakeholder) is None:
            problems.append(Problem(Location(file=str(source), row=change.row, key="stakeholder"),
                                    msg("stakeholder-unknown", value=change.stakeholder, known=known)))
    if problems:
        raise StudyError(problems)
    existing = study.change_list
    # inline changes move into the new file; a previous file is replaced unless --append
    combined = (existing + incoming) if (append or study.changes_file is None) else incoming
    target = study.changes_file or (study.directory / "changes.csv")
    for change in combined:
        change.row = None
    write_changes(combined, target)
    if study.changes_file is None:
        root = read_yaml(study.path)
        root["changes"] = target.name
        yaml = YAML(typ="rt")
        yaml.preserve_quotes = True
        yaml.width = 4096
        with study.path.open("w", encoding="utf-8") as handle:
            yaml.dump(root, handle)
    return target, len(incoming)

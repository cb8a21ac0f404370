"""``impactkit import changes``: bring a survey export into a study without losing anything.

The rows are checked first (every bad cell reported with row and column, stakeholders must be
the study's); then they are written to the study's changes file (``changes.csv`` next to
``study.yaml`` when the study had none), keeping unknown columns. ``study.yaml`` is only touched
when its ``changes:`` key must point to the new file, and then only those lines are rewritten:
comments, order, quoting and indentation stay as they were.
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


def point_changes_at(study_path: Path, filename: str) -> None:
    """Set ``changes: <filename>`` in ``study.yaml`` by editing only those lines of the text.

    Everything else — comments, quoting, indentation, order — stays byte for byte as it was.
    An inline list of changes is replaced (its rows were moved into the file first); comment
    lines that stand right before the next key stay with that key.
    """
    from .io import read_yaml

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
    later = [root.lc.key(k)[0] for k in keys[keys.index("changes") + 1:]]
    end = min(later) if later else len(lines)
    while end - 1 > start and (not lines[end - 1].strip() or lines[end - 1].lstrip().startswith("#")):
        end -= 1
    study_path.write_text("".join(lines[:start] + [entry] + lines[end:]), encoding="utf-8")


def import_changes(source: Path, study_path: Path, plugins: "Plugins", *, append: bool = False) -> tuple[Path, int]:
    """Import ``source`` into the study; returns the changes file written and the number of rows.

    Replacing a changes file does not need the old one to be valid (that is how a broken file
    is repaired); appending does, since its rows are kept.
    """
    from .changes import shared_id_problems
    from .io import load_study

    study = load_study(study_path, plugins=plugins, load_changes=append)
    incoming = rows_to_changes(read_table(source, plugins), str(source))
    problems = []
    known = ", ".join(h.id for h in study.stakeholders) or "-"
    for change in incoming:
        if study.stakeholder(change.stakeholder) is None:
            problems.append(Problem(Location(file=str(source), row=change.row, key="stakeholder"),
                                    msg("stakeholder-unknown", value=change.stakeholder, known=known)))
    existing = study.change_list
    had_file = study.changes_file is not None
    # inline changes move into the new file; a previous file is replaced unless --append
    combined = (existing + incoming) if (append or not had_file) else incoming
    problems += shared_id_problems(combined, lambda i: Location(file=str(source), row=combined[i].row))
    if problems:
        raise StudyError(problems)
    target = study.changes_file or (study.directory / "changes.csv")
    for change in combined:
        change.row = None
    write_changes(combined, target)
    if not had_file:
        point_changes_at(study.path, target.name)
    return target, len(incoming)

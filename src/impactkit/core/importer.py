"""``impactkit import changes``: bring a survey export into a study without losing anything.

The rows are checked first (every bad cell reported with row and column, stakeholders must be
the study's); then they are written to the study's changes file (``changes.csv`` next to
``study.yaml`` when the study had none), keeping unknown columns. ``study.yaml`` is only touched
when its ``changes:`` key must point to the new file, and then only those lines are rewritten:
comments, order, quoting and indentation stay as they were.

Changes the study already has are never replaced silently: without ``append`` (add to them) or
``force`` (replace them) the import is refused, naming how many there are and where. Inline
changes that are appended to move into the changes file with the new ones; the comments among
them stay in ``study.yaml``.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from .changes import read_table, rows_to_changes
from .contributions import Location
from .errors import Problem, StudyError, UserError
from .i18n import msg
from .model import Change

if TYPE_CHECKING:  # pragma: no cover
    from .model import Study
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
                    found.setdefault((line + offset, column if offset == 0 else len(part) - len(part.lstrip())),
                                     part.strip())
        elif isinstance(item, (list, tuple)):
            for inner in item:
                collect(inner)

    try:
        for token in YAML().scan(text):
            collect(getattr(token, "comment", None))
            collect(getattr(token, "_comment", None))
    except Exception:  # noqa: BLE001 - the file was read before; fall back to whole comment lines
        found = {(n, 0): lines[n].strip() for n in range(first, min(last, len(lines)))
                 if lines[n].lstrip().startswith("#")}
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
    from .io import locate

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
    return sum(1 for record in frame.itertuples(index=False, name=None)
               if any(str(v).strip() for v in record if v is not None))


def import_changes(source: Path, study_path: Path, plugins: "Plugins", *, append: bool = False,
                   force: bool = False) -> Imported:
    """Import ``source`` into the study and say what was done.

    A study that already has changes is refused (a :class:`StudyError` at its ``changes:``
    line, saying how many and where) unless ``append`` (keep them, add the new ones after
    them) or ``force`` (replace them). Replacing does not need the old changes file to be valid
    (that is how a broken file is repaired); appending does, since its rows are kept.
    """
    from .changes import load_changes_file, shared_id_problems
    from .io import load_study

    if append and force:
        raise UserError("--append and --force exclude each other: add to the changes, or replace them",
                        "--append en --force sluiten elkaar uit: voeg toe aan de veranderingen, of vervang ze")
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
    incoming = rows_to_changes(read_table(source, plugins, keep_problems=True), str(source))
    problems = []
    known = ", ".join(h.id for h in study.stakeholders) or "-"
    for change in incoming:
        if study.stakeholder(change.stakeholder) is None:
            problems.append(Problem(Location(file=str(source), row=change.row, key="stakeholder"),
                                    msg("stakeholder-unknown", value=change.stakeholder, known=known)))
    existing: list[Change] = []
    if append:
        if inline:
            existing = list(study.change_list)
        elif study.changes_file.is_file():
            existing, _ = load_changes_file(study, study.changes_file, plugins)  # must be valid: its rows are kept
    combined = existing + incoming
    problems += shared_id_problems(combined, lambda i: Location(file=str(source), row=combined[i].row))
    if problems:
        raise StudyError(problems)
    for change in combined:
        change.row = None
    write_changes(combined, target)
    if inline:
        point_changes_at(study.path, target.name)
    mode = "new" if previous == 0 else ("append" if append else "replace")
    return Imported(target=target, count=len(incoming), mode=mode, previous=previous,
                    previous_source=where, inline=inline)

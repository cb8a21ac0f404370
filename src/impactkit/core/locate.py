"""Where things are in the user's files: key paths, YAML positions and the rows of changes.

A study keeps its round-trip YAML document; :func:`locate` turns a key path such as
``("methods", "sroi", "outcomes", 3)`` into ``FILE:LINE:COL``, and :func:`locate_change` a change
into its table row and column (or its YAML line, for inline changes).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from .contributions import Location

if TYPE_CHECKING:  # pragma: no cover
    from .model import Study


def key_path(path: Sequence[str | int]) -> str:
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def position(root: Any, path: Sequence[str | int], *, of_key: bool = False) -> tuple[int, int] | None:
    """1-based (line, column) of the value at ``path`` (or of its key) in a round-trip document.

    When the path does not exist all the way down (a missing key), the deepest existing
    parent is used, which is where the user has to add it.
    """
    node, found = root, None
    for i, part in enumerate(path):
        last = i == len(path) - 1
        lc = getattr(node, "lc", None)
        try:
            if isinstance(part, int) and isinstance(node, list) and 0 <= part < len(node):
                found = lc.item(part) if lc else found
                node = node[part]
            elif isinstance(node, dict) and part in node:
                found = (lc.key(part) if (of_key and last) else lc.value(part)) if lc else found
                node = node[part]
            else:
                break
        except (KeyError, IndexError, AttributeError, TypeError):
            break
    if found is None:
        return None
    return found[0] + 1, found[1] + 1


def locate(study: "Study", path: Sequence[str | int]) -> Location | None:
    """The :class:`Location` of ``path`` in ``study``'s YAML file, or ``None`` if unknown.

    ``("methods", <section id>, ...)`` is found under the key the file gives the section, which
    may be one of its aliases (see :class:`~impactkit.core.contributions.StudySection`)."""
    if len(path) > 1 and path[0] == "methods" and path[1] in study._section_keys:
        path = ("methods", study._section_keys[str(path[1])], *path[2:])
    if study.path is None:
        return Location(key=key_path(path)) if path else None
    pos = position(study._positions, list(path)) if study._positions is not None else None
    return Location(
        file=str(study.path), line=pos[0] if pos else None, column=pos[1] if pos else None, key=key_path(path) or None
    )


def locate_change(study: "Study", index: int, column: str | None = None) -> Location | None:
    """Where change ``index`` (and its ``column``, e.g. ``"idg"``) was given.

    For a changes file: the row, and the column as the file names it (``IDG``, ``citaat`` ...);
    for inline changes: the line in the YAML.
    """
    if study.changes_file is not None and study._frame is not None:
        rows = study._frame["row"]
        if not 0 <= index < len(rows):
            return None
        key = study._changes_columns.get(column, column) if column else None
        return Location(file=str(study.changes_file), row=int(rows.iat[index]), key=key)
    changes = study.change_list
    if not 0 <= index < len(changes):
        return None
    if study.changes_file is not None:
        key = study._changes_columns.get(column, column) if column else None
        return Location(file=str(study.changes_file), row=changes[index].row, key=key)
    return locate(study, ("changes", index, column) if column else ("changes", index))

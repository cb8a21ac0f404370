"""Put an impact map into ``study.yaml`` by editing only the lines that must change.

``impactkit sroi import --study`` sets ``methods.sroi.impact_map`` (a linked file) or
``methods.sroi.outcomes`` (rows written inline), and removes the other. Like the core's
``impactkit import changes`` (:func:`impactkit.core.importer.point_changes_at`) it works on the
text: the lines of the key it replaces are replaced, a key it adds is inserted at the end of its
block, and every other byte of the file — comments, quoting, indentation, order, line endings —
stays as it was. The new rows follow the file's own indentation of block lists.

What is replaced is the key and its value, up to the next key; comment and blank lines right
before the next key stay with that key (as the core does). The rows of a replaced ``outcomes``
list, with comments between them, go: they are what ``--force`` replaces.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from impactkit.plugin import UserError

_AMBIGUOUS_FLOAT = re.compile(r"^[+-]?[1-9]\d{0,2}\.\d{3}$")


@dataclass(frozen=True)
class _Style:
    indent: int  # spaces per mapping level
    dash: int  # spaces between a key and the '-' of its block list


def _indent_of(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _is_filler(line: str) -> bool:
    """Blank or comment-only."""
    stripped = line.strip()
    return not stripped or stripped.startswith("#")


def _char_at(lines: list[str], pos: tuple[int, int] | None) -> str:
    if pos is None or pos[0] >= len(lines):
        return ""
    line = lines[pos[0]]
    return line[pos[1]] if pos[1] < len(line) else ""


def _block_end(lines: list[str], start: int, column: int) -> int:
    """The index of the first line after ``start`` that no longer belongs to the key at
    (``start``, ``column``): a line of content indented less, or as much but not a list item."""
    for j in range(start + 1, len(lines)):
        line = lines[j]
        if _is_filler(line):
            continue
        indent = _indent_of(line)
        text = line.lstrip(" ")
        if text.startswith(("---", "...")) and indent == 0:
            return j
        if indent < column or (indent == column and not (text.startswith("- ") or text.rstrip() == "-")):
            return j
    return len(lines)


def _trim(lines: list[str], start: int, end: int) -> int:
    """Move ``end`` back over the comment and blank lines before it: they belong to what follows."""
    while end - 1 > start and _is_filler(lines[end - 1]):
        end -= 1
    return end


def _key_range(lines: list[str], mapping: Any, key: str) -> tuple[int, int]:
    """Lines ``[start, end)`` of ``key`` and its value in the block ``mapping``."""
    keys = list(mapping)
    start, column = mapping.lc.key(key)
    later = [mapping.lc.key(k)[0] for k in keys[keys.index(key) + 1 :]]
    end = min(later) if later else _block_end(lines, start, column)
    return start, _trim(lines, start, end)


def _mapping_end(lines: list[str], parent_line: int, parent_column: int) -> int:
    """The line after the last line of the block mapping that is the value of the key at
    ``parent_line``/``parent_column``, before the comments that lead into what follows."""
    return _trim(lines, parent_line, _block_end(lines, parent_line, parent_column))


def _style(root: Any, lines: list[str]) -> _Style:
    """The file's indentation: of a nested mapping, and of the dash of a block list."""
    indent = dash = None
    stack = [root]
    while stack and (indent is None or dash is None):
        node = stack.pop(0)
        if not isinstance(node, dict) or not hasattr(node, "lc"):
            continue
        for key, value in node.items():
            try:
                key_column = node.lc.key(key)[1]
            except Exception:
                continue
            if isinstance(value, dict) and value and hasattr(value, "lc"):
                first = next(iter(value))
                line, column = value.lc.key(first)
                if indent is None and column > key_column and line > node.lc.key(key)[0]:
                    indent = column - key_column
                stack.append(value)
            elif isinstance(value, list) and value and hasattr(value, "lc"):
                position = (value.lc.line, value.lc.col)
                if dash is None and _char_at(lines, position) == "-" and value.lc.line > node.lc.key(key)[0]:
                    dash = value.lc.col - key_column
                stack.extend(item for item in value if isinstance(item, dict))
    return _Style(indent=indent or 2, dash=2 if dash is None else dash)


def _yaml() -> Any:
    from ruamel.yaml import YAML

    yaml = YAML(typ="rt")
    yaml.width = 4096
    yaml.preserve_quotes = True

    def float_text(representer: Any, value: float) -> Any:
        text = repr(float(value))
        if _AMBIGUOUS_FLOAT.match(text):  # 2.125 would read as "two thousand one hundred and twenty-five?"
            text += "0"
        return representer.represent_scalar("tag:yaml.org,2002:float", text)

    yaml.representer.add_representer(float, float_text)
    return yaml


def _dump(key: str, value: Any, column: int, style: _Style, newline: str) -> list[str]:
    """``key: value`` as block YAML lines starting at ``column``; rows are block mappings, the
    mappings inside them (numbers with a range, extra columns) flow mappings."""
    from io import StringIO

    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    def convert(node: Any, depth: int) -> Any:
        if isinstance(node, dict):
            out = CommentedMap((k, convert(v, depth + 1)) for k, v in node.items())
            if depth >= 2:
                out.fa.set_flow_style()
            return out
        if isinstance(node, list):
            return CommentedSeq(convert(v, depth + 1) for v in node)
        return node

    yaml = _yaml()
    yaml.indent(mapping=style.indent, sequence=style.dash + 2, offset=style.dash)
    buffer = StringIO()
    yaml.dump(CommentedMap([(key, convert(value, 0))]), buffer)
    pad = " " * column
    return [pad + line + newline for line in buffer.getvalue().splitlines()]


def set_impact_map(text: str, *, impact_map: str | None = None, outcomes: list[dict[str, Any]] | None = None) -> str:
    """``text`` of a study file with ``methods.sroi.impact_map`` set to ``impact_map`` (and
    ``outcomes`` removed), or ``methods.sroi.outcomes`` set to ``outcomes`` (and ``impact_map``
    removed). Raises :class:`UserError` when the place to edit is written in flow style."""
    if (impact_map is None) == (outcomes is None):
        raise ValueError("give impact_map or outcomes")
    key, other = ("impact_map", "outcomes") if impact_map is not None else ("outcomes", "impact_map")
    value: Any = impact_map if impact_map is not None else outcomes
    lines = text.splitlines(keepends=True)
    newline = "\r\n" if lines and lines[0].endswith("\r\n") else "\n"
    root = _yaml().load(text) if text.strip() else None
    if root is not None and not (isinstance(root, dict) and hasattr(root, "lc")):
        raise UserError(
            "the study file is not a mapping of keys; cannot add the impact map",
            "het studiebestand is geen lijst van sleutels; kan de impactmap niet toevoegen",
        )
    style = _style(root, lines) if root is not None else _Style(2, 2)
    step = style.indent

    def entry(column: int) -> list[str]:
        return _dump(key, value, column, style, newline)

    def with_newline(part: list[str]) -> list[str]:
        if part and not part[-1].endswith(("\n", "\r")):
            part = part[:-1] + [part[-1] + newline]
        return part

    def flow(where: str, line: int) -> UserError:
        return UserError(
            f"{where} is written in flow style ({{…}}) on line {line + 1}; write it as a block (one key per "
            f"line) so that impactkit can add '{key}' to it, or add it yourself",
            f"{where} staat in flow-stijl ({{…}}) op regel {line + 1}; schrijf het als blok (één sleutel per "
            f"regel) zodat impactkit er '{key}' aan kan toevoegen, of voeg het zelf toe",
        )

    def empty_flow(mapping: Any, name: str) -> tuple[int, int] | None:
        """Position of an empty ``{}`` written as the value of ``name``, if that is what it is."""
        pos = mapping.lc.value(name)
        line = lines[pos[0]] if pos[0] < len(lines) else ""
        if _char_at(lines, pos) == "{" and line[pos[1] :].lstrip("{ ").startswith("}"):
            return pos
        return None

    def open_empty(mapping: Any, name: str) -> str:
        """The line of ``name: {}`` without the ``{}`` (the new block follows it)."""
        pos = empty_flow(mapping, name)
        if pos is None:
            raise flow(name, mapping.lc.key(name)[0])
        line = lines[pos[0]]
        close = line.index("}", pos[1]) + 1
        rest = line[close:].rstrip("\r\n")
        return line[: pos[1]].rstrip() + (rest if rest.strip() else "") + newline

    if root is None or "methods" not in root:
        body = with_newline(lines) + [f"methods:{newline}", " " * step + f"sroi:{newline}"] + entry(2 * step)
        return "".join(body)

    def block(parent: Any, name: str, where: str, body: Any) -> tuple[Any, str | None, int, int]:
        """The block mapping ``parent[name]`` and the line and column of its key; when it is empty
        (``name:`` or ``name: {}``) instead the finished text, with ``body(column)`` as its content."""
        node = parent[name]
        line, col = parent.lc.key(name)
        if node is None or (isinstance(node, dict) and not node and empty_flow(parent, name)):
            head = open_empty(parent, name) if node is not None else lines[line]
            new = [head if head.endswith(("\n", "\r")) else head + newline] + body(col + step)
            return None, "".join(lines[:line] + new + lines[line + 1 :]), line, col
        if not isinstance(node, dict):
            raise UserError(
                f"'{where}' on line {line + 1} is not a mapping; cannot add the impact map to it",
                f"'{where}' op regel {line + 1} is geen mapping; kan er de impactmap niet aan toevoegen",
            )
        if _char_at(lines, parent.lc.value(name)) == "{":
            raise flow(where, line)
        return node, None, line, col

    def sroi_block(column: int) -> list[str]:
        return [" " * column + f"sroi:{newline}"] + entry(column + step)

    methods, done, m_line, m_col = block(root, "methods", "methods", sroi_block)
    if done is not None:
        return done
    if "sroi" not in methods:
        end = _mapping_end(lines, m_line, m_col)
        column = methods.lc.key(next(iter(methods)))[1]
        return "".join(with_newline(lines[:end]) + sroi_block(column) + lines[end:])
    section, done, s_line, s_col = block(methods, "sroi", "methods.sroi", entry)
    if done is not None:
        return done
    column = section.lc.key(next(iter(section)))[1]
    edits: list[tuple[int, int, list[str]]] = []  # (start, end, new lines), applied bottom-up
    if key in section:
        edits.append((*_key_range(lines, section, key), entry(column)))
        if other in section:
            edits.append((*_key_range(lines, section, other), []))
    elif other in section:
        edits.append((*_key_range(lines, section, other), entry(column)))
    else:
        end = _mapping_end(lines, s_line, s_col)
        edits.append((end, end, entry(column)))
    for start, end, new in sorted(edits, reverse=True):
        before = with_newline(lines[:start]) if start == len(lines) else lines[:start]
        lines = before + new + lines[end:]
    return "".join(lines)

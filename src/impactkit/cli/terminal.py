"""What reaches the terminal: user text with its control characters made visible.

A study's text (a quote, a coder's name, a file name) may hold terminal escape sequences — ``ESC]0;…``
sets the window title, ``ESC[2J`` clears the screen, a bare ``\\r`` overwrites the line before it.
impactkit prints such text, so it shows those characters instead of obeying them:

* :func:`visible` writes every control character except newline and tab as an escape
  (``\\x1b``, ``\\r``, ``\\x9b``), and the Unicode bidirectional overrides that reorder a line
  (``\\u202e``) likewise. Messages built from user text go through it before they are coloured.
* :class:`SafeStream` wraps standard output and standard error for the console script (see
  :func:`install`): whatever a command or a plugin command writes, only the colour codes
  impactkit itself adds (``ESC[…m``) pass; every other control character is made visible.
"""

from __future__ import annotations

import io
import re
import sys
from typing import Any, TextIO

_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")
_COLOUR = re.compile("\x1b\\[[0-9;]*m")
_NAMED = {"\r": "\\r", "\x0b": "\\v", "\x0c": "\\f", "\x08": "\\b", "\x07": "\\a", "\x00": "\\0"}


def _escape(match: re.Match[str]) -> str:
    char = match.group(0)
    if char in _NAMED:
        return _NAMED[char]
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def visible(text: str) -> str:
    """``text`` with every control character but newline and tab (and the bidi overrides) written
    as an escape, so a terminal shows it instead of obeying it."""
    return _CONTROL.sub(_escape, text)


def visible_except_colour(text: str) -> str:
    """:func:`visible`, but the colour codes (``ESC[1;31m``) that click.style adds are kept."""
    out, last = [], 0
    for match in _COLOUR.finditer(text):
        out += [visible(text[last : match.start()]), match.group(0)]
        last = match.end()
    out.append(visible(text[last:]))
    return "".join(out)


class SafeStream(io.TextIOBase):
    """A text stream in front of ``stream`` that makes control characters visible (colours pass).

    Bytes written to ``buffer`` (a rendered PNG on standard output) pass untouched."""

    def __init__(self, stream: TextIO) -> None:
        self._stream = stream

    def write(self, text: str) -> int:
        self._stream.write(visible_except_colour(text))
        return len(text)

    def flush(self) -> None:
        self._stream.flush()

    def isatty(self) -> bool:
        return self._stream.isatty()

    def fileno(self) -> int:
        return self._stream.fileno()

    @property
    def encoding(self) -> str:  # type: ignore[override]
        return self._stream.encoding

    @property
    def errors(self) -> str | None:  # type: ignore[override]
        return self._stream.errors

    @property
    def buffer(self) -> Any:
        return self._stream.buffer

    def writable(self) -> bool:
        return True


def install() -> None:
    """Put :class:`SafeStream` in front of ``sys.stdout`` and ``sys.stderr`` (the console script)."""
    if not isinstance(sys.stdout, SafeStream):
        sys.stdout = SafeStream(sys.stdout)
    if not isinstance(sys.stderr, SafeStream):
        sys.stderr = SafeStream(sys.stderr)

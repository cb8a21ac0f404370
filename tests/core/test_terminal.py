"""User text reaches the terminal with its control characters shown, not obeyed (escape sequences
that set the window title or clear the screen, a bare carriage return, bidi overrides)."""

from __future__ import annotations

import io

from impactkit.cli.terminal import SafeStream, visible, visible_except_colour
from tests.helpers import run_impactkit

TITLE, CLEAR, CSI = "\x1b]0;pwned\x07", "\x1b[2J", "\x9b"


def test_control_characters_are_written_as_escapes():
    assert visible(f"a{TITLE}b{CLEAR}c\rd{CSI}e") == "a\\x1b]0;pwned\\ab\\x1b[2Jc\\rd\\x9be"
    assert visible("line\nnext\tcell é € 😀") == "line\nnext\tcell é € 😀"
    assert visible("abc\u202edef") == "abc\\u202edef"  # right-to-left override


def test_only_impactkit_s_own_colours_pass():
    coloured = "\x1b[31merror\x1b[0m"
    assert visible_except_colour(coloured + CLEAR) == coloured + "\\x1b[2J"


def test_the_safe_stream_filters_text_and_passes_bytes():
    raw = io.TextIOWrapper(io.BytesIO(), encoding="utf-8")
    stream = SafeStream(raw)
    assert stream.write(f"x{TITLE}") == len(f"x{TITLE}")
    stream.flush()
    stream.buffer.write(b"\x89PNG\x1b")
    stream.flush()
    raw.buffer.seek(0)
    assert raw.buffer.read() == b"x\\x1b]0;pwned\\a\x89PNG\x1b"
    assert stream.encoding == "utf-8" and stream.writable()


def test_the_console_script_shows_escape_sequences_from_a_study(write_study):
    folder = write_study(
        'impactkit: 1\nid: t\ntitle: "T\\e]0;pwned\\a"\nlanguage: en\n'
        "stakeholders:\n"
        '  - {id: s, name: "S\\e[2J", group: g, helix: education}\n'
        "inputs:\n"
        '  - {id: i, name: I, stakeholder: "nobody\\e[2J\\r", value: 1}\n'
    )
    for command in (["validate", folder], ["status", folder], ["run", folder]):
        out = run_impactkit(*command, plugins="core")
        assert out.returncode in (0, 1, 2), out.stderr
        text = out.stdout + out.stderr
        assert "\x1b" not in text and "\r" not in text, command
    validate = run_impactkit("validate", folder, plugins="core")
    assert "nobody\\x1b[2J" in validate.stdout + validate.stderr

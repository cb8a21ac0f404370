"""The progress bar: silent off a terminal and for quick work; drawn, in the user's language, otherwise."""

from __future__ import annotations

import io

from impactkit.cli.progress import ProgressBar


class Tty(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_silent_when_not_a_terminal():
    stream = io.StringIO()
    bar = ProgressBar(stream=stream, delay=0)
    bar("metrics", 1, 2)
    bar.close()
    assert stream.getvalue() == ""


def test_silent_for_quick_work_on_a_terminal():
    stream = Tty()
    ProgressBar(stream=stream, delay=60)("metrics", 1, 2)
    assert stream.getvalue() == ""


def test_drawn_and_cleared_on_a_terminal_in_dutch():
    stream = Tty()
    with ProgressBar(stream=stream, delay=0, width=10, lang="nl") as bar:
        bar("metrics", 5, 10)
        assert stream.getvalue() == "\rcijfers    [#####     ] 5/10"
    assert stream.getvalue().endswith("\r")

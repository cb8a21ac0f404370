"""The ``impactkit`` command line: a thin layer over the Python API."""

from __future__ import annotations

import sys
from typing import Any

__all__ = ["cli", "main"]


def help_language(argv: list[str]) -> str | None:
    """The ``--lang`` given before the command (``impactkit --lang nl run --help``), if any."""
    for position, token in enumerate(argv):
        if token == "--lang":
            return argv[position + 1] if position + 1 < len(argv) else None
        if token.startswith("--lang="):
            return token.partition("=")[2]
        if not token.startswith("-"):  # the command: what follows is its own
            return None
    return None


def main() -> None:
    """The console script. Help texts are chosen when they are shown (``--lang`` before the
    command, else ``IMPACTKIT_LANG`` or the locale); click's own words (``Usage:``, ``Error:``)
    come from its gettext catalogue, installed here, before click says anything, in the language
    ``--lang`` names."""
    from impactkit.core.i18n import default_lang

    from . import click_nl

    lang = help_language(sys.argv[1:])
    click_nl.use(lang if lang in ("en", "nl") else default_lang())
    from . import common
    from .main import main as run

    common.started_in(lang)

    run()


def __getattr__(name: str) -> Any:
    if name == "cli":
        from .main import cli

        return cli
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")

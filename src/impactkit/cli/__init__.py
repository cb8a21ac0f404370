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


INTERRUPTED_AT_START = {
    "en": "impactkit: interrupted (Ctrl-C) before the command began; nothing was written",
    "nl": "impactkit: onderbroken (Ctrl-C) voordat het commando begon; er is niets geschreven",
}
"""Ctrl-C while impactkit starts (a command's own: ``ImpactkitGroup.invoke``), in plain strings:
nothing else may be imported yet."""


def main() -> None:
    """The console script. Help texts are chosen when they are shown (``--lang`` before the
    command, else ``IMPACTKIT_LANG`` or the locale); click's own words (``Usage:``, ``Error:``)
    come from its gettext catalogue, installed here, before click says anything, in the language
    ``--lang`` names. Ctrl-C while the modules are still being imported: one line, exit 130."""
    explicit = lang = help_language(sys.argv[1:])
    try:
        from impactkit.core.i18n import default_lang

        from . import click_nl

        lang = lang if lang in ("en", "nl") else default_lang()
        click_nl.use(lang)
        from . import common
        from .main import main as run

        common.started_in(explicit)
    except KeyboardInterrupt:
        sys.stderr.write("\n" + INTERRUPTED_AT_START["nl" if lang == "nl" else "en"] + "\n")
        raise SystemExit(130) from None  # common.EXIT_INTERRUPTED, which may not be imported yet
    run()


def __getattr__(name: str) -> Any:
    if name == "cli":
        from .main import cli

        return cli
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")

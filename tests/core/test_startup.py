"""The CLI starts fast: heavy libraries are imported only by the functions that need them."""

from __future__ import annotations

import importlib
import os
from pathlib import Path

import click
import pytest

from impactkit.cli.common import PathValue, help_width
from impactkit.cli.main import OWN_MODULES
from tests.helpers import run_python

HEAVY = ("pandas", "networkx", "matplotlib", "numpy", "openpyxl", "scipy")


def imported_after(code: str) -> list[str]:
    probe = f"{code}\nimport sys\nprint(','.join(m for m in {HEAVY!r} if m in sys.modules))"
    return [m for m in run_python(probe).strip().split(",") if m]


def test_importing_the_cli_imports_nothing_heavy():
    assert imported_after("import impactkit.cli.main") == []


def test_loading_every_plugin_and_its_declarations_imports_nothing_heavy():
    code = (
        "from impactkit.core.plugins import make_manager\n"
        "from impactkit.core.contributions import CONTRIBUTION_TYPES\n"
        "m = make_manager(load=True)\n"
        "[m.collect(h) for h in CONTRIBUTION_TYPES]\n"
        "assert m.failures == [], m.failures"
    )
    assert imported_after(code) == []


@pytest.mark.parametrize("columns", [None, "100", "60", "30", "0", "-5", "wide"])
@pytest.mark.parametrize("max_width", [None, 60, 120])
@pytest.mark.parametrize("terminal", [None, 97, 0])
def test_the_help_is_as_wide_as_click_makes_it(monkeypatch, columns, max_width, terminal):
    """help_width() works out what click.HelpFormatter does, without importing shutil."""
    if columns is None:
        monkeypatch.delenv("COLUMNS", raising=False)
    else:
        monkeypatch.setenv("COLUMNS", columns)
    if terminal is not None:  # a terminal of that many columns on standard output
        monkeypatch.setattr(os, "get_terminal_size", lambda fd=None: os.terminal_size((terminal, 30)))
    assert help_width(max_width) == click.HelpFormatter(max_width=max_width).width


def test_a_forced_help_width_is_kept(monkeypatch):
    monkeypatch.setattr(click.formatting, "FORCED_WIDTH", 66)
    assert help_width() == click.HelpFormatter().width == 66


def test_a_path_parameter_gives_a_pathlib_path():
    value = PathValue(file_okay=False).convert("some/folder", None, None)
    assert isinstance(value, Path) and value == Path("some/folder")
    given = Path("other")
    assert PathValue().convert(given, None, None) is given


def test_each_command_in_a_module_of_its_own_has_its_name(cli):
    for name, where in OWN_MODULES.items():
        module, _, attribute = where.partition(":")
        assert getattr(importlib.import_module(f"impactkit.cli.{module}"), attribute).name == name
    assert all(f"  {sub} " in cli("import", "--help").output for sub in ("changes", "qdpx"))

"""The CLI starts fast: heavy libraries are imported only by the functions that need them."""

from __future__ import annotations

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

"""The SROI plugin is built on the public plugin API only, as a third-party plugin would be."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import impactkit.plugins.sroi as sroi

ALLOWED = {"impactkit.plugin", "impactkit.cli.plugin"}
MODULES = sorted(Path(sroi.__file__).parent.glob("*.py"))


def impactkit_imports(source: str) -> list[tuple[int, str]]:
    """``(line, module)`` of every absolute import of impactkit in ``source`` (TYPE_CHECKING ones too)."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names = [node.module] if node.module != "impactkit" else [f"impactkit.{a.name}" for a in node.names]
        elif isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        else:
            continue
        found += [(node.lineno, name) for name in names if name.split(".")[0] == "impactkit"]
    return found


def test_the_scan_finds_every_way_of_importing_impactkit():
    source = (
        "import impactkit\nfrom impactkit import __version__\nfrom impactkit.core.i18n import Text\n"
        "from .texts import WORDS\nfrom impactkit.plugin import Text\n"
        "if TYPE_CHECKING:\n    from impactkit.core.model import Study\n"
        "def f():\n    import impactkit.cli.main\n"
    )
    assert [name for _, name in impactkit_imports(source) if name not in ALLOWED] == [
        "impactkit",
        "impactkit.__version__",
        "impactkit.core.i18n",
        "impactkit.core.model",
        "impactkit.cli.main",
    ]


@pytest.mark.parametrize("path", MODULES, ids=[p.name for p in MODULES])
def test_a_module_imports_only_impactkit_plugin_and_impactkit_cli_plugin(path):
    wrong = [f"{path.name}:{line}: {name}" for line, name in impactkit_imports(path.read_text()) if name not in ALLOWED]
    assert wrong == []

"""The public plugin API: the built-in plugins import from impactkit only ``impactkit.plugin`` (and,
for their commands, ``impactkit.cli.plugin``), as a third-party plugin would; every name that API
exports exists and is documented in docs/plugins.md; the core and the CLI name no method."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

import impactkit.plugin

ROOT = Path(__file__).resolve().parents[1]
PLUGINS = ROOT / "src" / "impactkit" / "plugins"
PUBLIC = frozenset({"impactkit.plugin", "impactkit.cli.plugin"})


def _module_name(path: Path, root: Path) -> str:
    parts = path.relative_to(root / "src").with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(path: Path, root: Path) -> list[tuple[int, str]]:
    """``(line, module)`` for every import in ``path`` (anywhere in it, also inside functions), in line
    order, relative imports resolved (``from .. import x`` in ``impactkit.plugins.a.b`` →
    ``impactkit.plugins.x``; ``from impactkit import plugin`` → ``impactkit.plugin``)."""
    module = _module_name(path, root)
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    found: list[tuple[int, str]] = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parts = package.split(".")
                parts = parts[: len(parts) - (node.level - 1)]
                base = ".".join([*parts, node.module] if node.module else parts)
            if base == "impactkit" or not node.module:  # the imported names are modules
                found += [(node.lineno, f"{base}.{alias.name}") for alias in node.names]
            else:
                found.append((node.lineno, base))
    return sorted(found)


def foreign_imports(path: Path, root: Path = ROOT) -> list[str]:
    """What ``path`` (a module of a plugin package) imports from impactkit besides the public API and
    its own package, as ``FILE:LINE: module``."""
    own = _module_name(path, root).split(".")[:3]  # impactkit.plugins.<name>
    out = []
    for line, name in _imports(path, root):
        parts = name.split(".")
        if parts[0] != "impactkit" or name in PUBLIC:
            continue
        if len(own) == 3 and parts[:3] == own:
            continue  # its own package
        out.append(f"{path.relative_to(root)}:{line}: {name}")
    return out


def plugin_modules() -> list[Path]:
    return sorted(p for p in PLUGINS.rglob("*.py") if "__pycache__" not in p.parts)


def test_the_scan_finds_what_a_plugin_must_not_import(tmp_path):
    """The checker itself: absolute and relative imports out of the package, at any depth, are found;
    the public API and the package's own modules are not."""
    package = tmp_path / "src" / "impactkit" / "plugins" / "mine"
    package.mkdir(parents=True)
    module = package / "views.py"
    module.write_text(
        "from impactkit.plugin import Text\n"
        "from impactkit.cli.plugin import print_findings\n"
        "from impactkit import plugin\n"
        "from . import state\n"
        "from .column import COLUMN\n"
        "from impactkit.core.i18n import Text\n"
        "import impactkit.core.graph\n"
        "from .. import other\n"
        "from ...core import model\n"
        "from impactkit import cli\n"
        "def late():\n"
        "    from impactkit.plugins.other import thing\n",
        encoding="utf-8",
    )
    assert [entry.split(":", 1)[1] for entry in foreign_imports(module, tmp_path)] == [
        "6: impactkit.core.i18n",
        "7: impactkit.core.graph",
        "8: impactkit.plugins.other",
        "9: impactkit.core",
        "10: impactkit.cli",
        "12: impactkit.plugins.other",
    ]


def test_there_are_plugin_modules_to_check():
    packages = {p.relative_to(PLUGINS).parts[0] for p in plugin_modules() if len(p.relative_to(PLUGINS).parts) > 1}
    assert {"core", "idg", "sdg"} <= packages


@pytest.mark.parametrize("path", plugin_modules(), ids=lambda p: str(p.relative_to(PLUGINS)))
def test_a_plugin_imports_only_the_public_api(path):
    assert foreign_imports(path) == [], "import these names from impactkit.plugin (or impactkit.cli.plugin)"


def test_every_public_name_exists():
    assert impactkit.plugin.__all__ == sorted(
        impactkit.plugin.__all__, key=lambda n: (not n.isupper(), not n[:1].isupper(), n)
    ), "keep __all__ sorted: constants, classes, then functions"
    missing = [name for name in impactkit.plugin.__all__ if not hasattr(impactkit.plugin, name)]
    assert missing == []
    assert len(set(impactkit.plugin.__all__)) == len(impactkit.plugin.__all__)


def test_every_public_name_is_documented_in_the_plugin_guide():
    docs = (ROOT / "docs" / "plugins.md").read_text(encoding="utf-8")
    start = docs.index("## The public API: `impactkit.plugin`")
    end = docs.index("\n## ", start + 1)
    listed = set(re.findall(r"`([A-Za-z_][A-Za-z0-9_]*)(?:\(|`)", docs[start:end]))
    undocumented = [name for name in impactkit.plugin.__all__ if name not in listed]
    assert undocumented == [], "list these in docs/plugins.md under 'The public API'"


METHOD_NAMES = re.compile(r"\b(idg|sdgs?|sroi|leerkring|value_chain)\b", re.IGNORECASE)


def method_names_outside_docstrings(path: Path, root: Path = ROOT) -> list[str]:
    """Where ``path`` names a method (``idg``, ``sdg``, ``sroi``, ``leerkring``, ``value_chain``) in code or
    in a string a user reads; docstrings (generic examples for readers of the source) and comments
    don't count."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    docstrings = {
        id(node.body[0].value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef)
        and node.body
        and isinstance(node.body[0], ast.Expr)
        and isinstance(node.body[0].value, ast.Constant)
        and isinstance(node.body[0].value.value, str)
    }
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings:
            text = node.value
        elif isinstance(node, ast.Name):
            text = node.id
        elif isinstance(node, ast.Attribute):
            text = node.attr
        elif isinstance(node, ast.alias):
            text = node.name
        else:
            continue
        if match := METHOD_NAMES.search(text):
            found.append(
                (
                    getattr(node, "lineno", 0),
                    f"{path.relative_to(root)}:{getattr(node, 'lineno', '?')}: {match.group(0)!r}",
                )
            )
    return [entry for _, entry in sorted(found)]


def test_the_method_name_scan_skips_docstrings_only(tmp_path):
    module = tmp_path / "m.py"
    module.write_text(
        '"""Example: ``--method idg``."""\n'
        "def f():\n"
        '    """SROI in a docstring."""\n'
        '    return "Value in money (SROI)"\n'
        "sdg = 1  # a comment about leerkring\n",
        encoding="utf-8",
    )
    assert [entry.split(":", 1)[1] for entry in method_names_outside_docstrings(module, tmp_path)] == [
        "4: 'SROI'",
        "5: 'sdg'",
    ]


@pytest.mark.parametrize(
    "path",
    sorted(
        p
        for folder in ("core", "cli")
        for p in (ROOT / "src" / "impactkit" / folder).rglob("*.py")
        if "__pycache__" not in p.parts
    ),
    ids=lambda p: str(p.relative_to(ROOT / "src" / "impactkit")),
)
def test_the_core_and_the_cli_name_no_method(path):
    assert method_names_outside_docstrings(path) == [], "the core is method-blind: let the plugin say it"

"""The import-linter contract (pyproject ``[tool.importlinter]``, run by ``make lint``) covers every core
module: a new module must be given its layer, or nothing would check what it imports."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def layered_modules() -> set[str]:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    (contract,) = [c for c in config["tool"]["importlinter"]["contracts"] if c["type"] == "layers"]
    assert contract["containers"] == ["impactkit.core"]
    return {name for layer in contract["layers"] for name in re.findall(r"[A-Za-z_][A-Za-z0-9_]*", layer)}


def core_modules() -> set[str]:
    core = ROOT / "src" / "impactkit" / "core"
    modules = {p.stem for p in core.glob("*.py") if p.stem != "__init__"}
    packages = {p.parent.name for p in core.glob("*/__init__.py")}
    return modules | packages


def test_every_core_module_has_a_layer():
    missing = sorted(core_modules() - layered_modules())
    assert missing == [], "give these modules a layer in pyproject [tool.importlinter]"


def test_every_layer_names_a_module_that_exists():
    assert sorted(layered_modules() - core_modules()) == []

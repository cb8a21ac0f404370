"""Every hook is documented (a heading in docs/plugins.md) and exercised by the test suite."""

from __future__ import annotations

import inspect
from pathlib import Path

from impactkit.core import hookspecs

ROOT = Path(__file__).resolve().parents[2]
HOOKS = sorted(
    name for name, obj in vars(hookspecs).items() if name.startswith("impactkit_") and inspect.isfunction(obj)
)


def test_there_are_hooks():
    assert len(HOOKS) >= 10


def test_every_hook_has_a_docstring_and_a_heading():
    docs = (ROOT / "docs" / "plugins.md").read_text(encoding="utf-8")
    for name in HOOKS:
        assert getattr(hookspecs, name).__doc__, name
        assert f"\n### {name}\n" in docs, f"{name} has no heading in docs/plugins.md"


def test_every_hook_is_exercised_by_a_test():
    tests = "".join(
        p.read_text(encoding="utf-8") for p in (ROOT / "tests").rglob("test_*.py") if p.name != "test_docs.py"
    )
    for name in HOOKS:
        assert f"{name}=" in tests or f"def {name}(" in tests, f"no test registers an implementation of {name}"


def test_architecture_lists_every_hook():
    text = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")
    for name in HOOKS:
        assert f"`{name}(" in text, name


def test_every_field_of_every_contribution_is_documented():
    from pydantic import BaseModel

    from impactkit.core import contributions

    docs = (ROOT / "docs" / "plugins.md").read_text(encoding="utf-8")
    part = docs[docs.index("# The contributions") : docs.index("# The hooks")]
    models = [
        obj
        for name, obj in vars(contributions).items()
        if isinstance(obj, type)
        and issubclass(obj, BaseModel)
        and obj.__module__ == contributions.__name__
        and not name.startswith("_")
    ]
    assert len(models) >= 15
    for model in models:
        assert model.__name__ in part, f"{model.__name__} has no section under '# The contributions'"
        for field in set(model.model_fields) - {"id", "plugin"}:
            assert f"| `{field}` |" in part, f"{model.__name__}.{field} is not documented in docs/plugins.md"

"""Every hook is documented (its own section in docs/plugins.md) and called by a test that asserts.

"Called by a test" is read from the tests' syntax trees, not from their text: a hook's name in a
comment, a string or a test that asserts nothing does not count (see the scanner's own test below).
"""

from __future__ import annotations

import ast
import inspect
import re
import textwrap
from collections.abc import Iterator
from pathlib import Path

from impactkit.core import hookspecs

ROOT = Path(__file__).resolve().parents[2]
HOOKS = sorted(
    name for name, obj in vars(hookspecs).items() if name.startswith("impactkit_") and inspect.isfunction(obj)
)


def test_there_are_hooks():
    assert len(HOOKS) >= 10


# -- every hook is called by a test -------------------------------------------------------------


def hooks_reached(node: ast.AST, hooks: set[str]) -> set[str]:
    """The hooks the code under ``node`` calls or implements for a plugin it registers:

    * ``<anything>.hook.<hook>(...)``: pluggy's caller (``pm.hook.impactkit_read_table(path=p)``);
    * ``<manager>.collect("<hook>")``: the core's collecting call;
    * ``<plugin>.<hook>(...)``: a plugin's implementation called directly;
    * ``<hook>=...`` as a keyword (``plugin(impactkit_tables=...)``), ``def <hook>(`` (a test
      plugin's method or function) or ``<module>.<hook> = ...``: a test plugin implementing it.
    """
    found: set[str] = set()
    for inner in ast.walk(node):
        if isinstance(inner, ast.Call):
            func = inner.func
            if isinstance(func, ast.Attribute) and func.attr in hooks:
                found.add(func.attr)
            if isinstance(func, ast.Attribute) and func.attr == "collect" and inner.args:
                first = inner.args[0]
                if isinstance(first, ast.Constant) and first.value in hooks:
                    found.add(first.value)
            found.update(k.arg for k in inner.keywords if k.arg in hooks)
        elif isinstance(inner, ast.FunctionDef | ast.AsyncFunctionDef) and inner.name in hooks:
            found.add(inner.name)
        elif isinstance(inner, ast.Assign):
            found.update(t.attr for t in inner.targets if isinstance(t, ast.Attribute) and t.attr in hooks)
    return found


def asserts(function: ast.FunctionDef) -> bool:
    """Whether a test checks something: an ``assert``, or a ``pytest.raises``/``pytest.fail``."""
    for inner in ast.walk(function):
        if isinstance(inner, ast.Assert):
            return True
        if isinstance(inner, ast.Attribute) and inner.attr in ("raises", "fail"):
            return True
    return False


def names_used(node: ast.AST) -> set[str]:
    """The names a test or helper reads, a function's fixtures (parameters) included."""
    used = {n.id for n in ast.walk(node) if isinstance(n, ast.Name)}
    if isinstance(node, ast.FunctionDef):
        used |= {a.arg for a in node.args.args}
    return used


def found_tests(tree: ast.Module) -> Iterator[ast.FunctionDef]:
    """The test functions of a module, methods of ``Test*`` classes included."""
    for node in tree.body:
        if isinstance(node, ast.FunctionDef) and node.name.startswith("test_"):
            yield node
        elif isinstance(node, ast.ClassDef) and node.name.startswith("Test"):
            yield from (n for n in node.body if isinstance(n, ast.FunctionDef) and n.name.startswith("test_"))


def helpers_of(tree: ast.Module) -> dict[str, ast.AST]:
    """A module's own functions, fixtures and classes that are not tests, by name."""
    kinds = ast.FunctionDef | ast.ClassDef
    return {n.name: n for n in tree.body if isinstance(n, kinds) and not n.name.startswith(("test_", "Test"))}


def called_hooks(sources: dict[str, str], hooks: set[str]) -> dict[str, set[str]]:
    """Each hook → the tests (``file::name``) that assert something and call or implement it, directly
    or through a helper, fixture or plugin class of their module or of a ``conftest.py``."""
    trees = {name: ast.parse(text, name) for name, text in sources.items()}
    shared = {k: v for name, tree in trees.items() if name.endswith("conftest.py") for k, v in helpers_of(tree).items()}
    reached: dict[str, set[str]] = {hook: set() for hook in hooks}
    for name, tree in trees.items():
        helpers = {**shared, **helpers_of(tree)}
        via = {helper: hooks_reached(node, hooks) for helper, node in helpers.items()}
        changed = True
        while changed:  # a helper that uses a helper reaches what that one reaches
            changed = False
            for helper, node in helpers.items():
                more = set().union(*(via[n] for n in names_used(node) & via.keys() if n != helper))
                if not more <= via[helper]:
                    via[helper] |= more
                    changed = True
        for test in found_tests(tree):
            if not asserts(test):
                continue
            hit = hooks_reached(test, hooks).union(*(via[n] for n in names_used(test) & via.keys()))
            for hook in hit:
                reached[hook].add(f"{name}::{test.name}")
    return reached


def test_the_scanner_counts_calls_and_registered_implementations_not_mentions():
    hooks = {"impactkit_a", "impactkit_b", "impactkit_c", "impactkit_d", "impactkit_e", "impactkit_f", "impactkit_g"}
    source = textwrap.dedent("""
        import pytest

        def helper():
            return plugin(impactkit_b=lambda: [1])

        @pytest.fixture
        def fixture_plugin():
            class P:
                @hookimpl
                def impactkit_c(self):
                    return [2]
            return P()

        def test_direct(pm, tmp_path):
            assert pm.hook.impactkit_a(path=tmp_path) is not None

        def test_through_a_helper_and_a_fixture(fixture_plugin):
            manager.register(helper(), "h")
            manager.register(fixture_plugin, "f")
            assert run().metrics

        def test_collect():
            found, _ = manager.collect("impactkit_d")
            with pytest.raises(ValueError):
                found[0]()

        def test_mentions_only():
            # impactkit_e in a comment
            text = "impactkit_e( impactkit_e= def impactkit_e("
            assert text and "impactkit_f" in text

        def test_asserts_nothing():
            plugin(impactkit_g=lambda: [])
            manager.collect("impactkit_g")
    """)
    reached = called_hooks({"tests/test_x.py": source}, hooks)
    assert reached == {
        "impactkit_a": {"tests/test_x.py::test_direct"},
        "impactkit_b": {"tests/test_x.py::test_through_a_helper_and_a_fixture"},
        "impactkit_c": {"tests/test_x.py::test_through_a_helper_and_a_fixture"},
        "impactkit_d": {"tests/test_x.py::test_collect"},
        "impactkit_e": set(),
        "impactkit_f": set(),
        "impactkit_g": set(),
    }


def test_every_hook_is_called_by_a_test_that_asserts():
    sources = {
        p.relative_to(ROOT).as_posix(): p.read_text(encoding="utf-8")
        for p in sorted((ROOT / "tests").rglob("*.py"))
        if p.name != "test_docs.py"
    }
    reached = called_hooks(sources, set(HOOKS))
    untested = [hook for hook in HOOKS if not reached[hook]]
    assert not untested, f"no test calls these hooks (or implements them in a plugin it registers): {untested}"


# -- every hook has its own section in docs/plugins.md ----------------------------------------------


def hook_sections() -> dict[str, str]:
    """The ``### <name>`` sections under ``# The hooks`` in docs/plugins.md, by name (headings are
    read outside code blocks only: a ``# comment`` in an example is not one)."""
    sections: dict[str, list[str]] = {}
    part, current, fenced = None, None, False
    for line in (ROOT / "docs" / "plugins.md").read_text(encoding="utf-8").splitlines():
        if line.startswith("```"):
            fenced = not fenced
        elif not fenced and line.startswith("# "):
            part, current = line[2:].strip(), None
        elif not fenced and line.startswith("### ") and part == "The hooks":
            current = line[4:].strip()
            assert current not in sections, f"two sections for {current} in docs/plugins.md"
            sections[current] = []
            continue
        if current is not None:
            sections[current].append(line)
    return {name: "\n".join(lines) for name, lines in sections.items()}


def test_every_hook_has_its_own_section_with_signature_and_example():
    sections = hook_sections()
    assert sorted(sections) == HOOKS, "the sections under '# The hooks' are not one per hook"
    for name in HOOKS:
        spec = getattr(hookspecs, name)
        assert spec.__doc__, f"{name} has no docstring in core/hookspecs.py"
        body = sections[name]
        first = next(line for line in body.splitlines() if line.strip())
        parameters = ", ".join(inspect.signature(spec).parameters)
        assert first.startswith(f"`{name}({parameters}) -> "), f"{name}: its section starts with {first!r}"
        firstresult = spec.impactkit_spec["firstresult"]
        assert ("(`firstresult`)" in first) is firstresult, f"{name}: say whether it is pick-one (firstresult)"
        examples = [ast.parse(b) for b in re.findall(r"```python\n(.*?)```", body, flags=re.S)]
        implementations = [
            f
            for tree in examples
            for f in ast.walk(tree)
            if isinstance(f, ast.FunctionDef)
            and f.name == name
            and any("hookimpl" in ast.unparse(d) for d in f.decorator_list)
        ]
        assert implementations, f"{name}: its section has no ```python example with @hookimpl def {name}("
        assert [a.arg for a in implementations[0].args.args] == list(inspect.signature(spec).parameters)[
            : len(implementations[0].args.args)
        ], f"{name}: the example's parameters are not the spec's"


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

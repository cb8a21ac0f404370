"""The SDG matcher compiled with mypyc (``impactkit.plugins.sdg.native``).

A build is used only when it was made from the matcher's current source; it maps a corpus to the
same goals, targets and words as the Python matcher; its query trees travel to other processes by
pickle as the Python ones do. The build itself runs mypyc (about 15 s), so it is a slow test; mypy is
the ``native`` extra, which ``make test`` installs."""

from __future__ import annotations

import importlib.util
import json
import os
import pickle
import subprocess
import sys
import types
from importlib.machinery import ModuleSpec
from pathlib import Path

import pytest

from impactkit.plugins.sdg import native
from impactkit.plugins.sdg.matcher import And, AndNot, Near, Or, Phrase, Unknown

SOURCE = Path(native.__file__).with_name("matcher.py")


def python_matcher(name: str = "impactkit.plugins.sdg._matcher_probe") -> types.ModuleType:
    """matcher.py loaded as Python under another name (the module in use may be the compiled one)."""
    spec = importlib.util.spec_from_file_location(name, SOURCE)
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module  # dataclasses look their module up while the classes are made
    try:
        spec.loader.exec_module(module)
    finally:
        del sys.modules[name]
    return module


def fake_build(monkeypatch, fingerprint: str) -> types.ModuleType:
    name = "impactkit.plugins.sdg._matcher_c"
    fake = types.ModuleType(name)
    fake.__spec__ = ModuleSpec(name, None)
    fake.SOURCE_SHA256 = fingerprint
    for node in python_matcher()._NODES:
        setattr(fake, node, type(node, (), {}))
    monkeypatch.setitem(sys.modules, name, fake)
    return fake


def test_a_build_is_used_only_when_made_from_the_matcher_as_it_is_now(monkeypatch):
    matcher = python_matcher()
    current = native.digest(SOURCE.read_bytes())
    fake = fake_build(monkeypatch, current)
    assert matcher._compiled_build() is fake
    assert fake.Near.__module__ == matcher.__name__  # its trees pickled as the matcher's, read where it is Python
    fake_build(monkeypatch, native.digest(SOURCE.read_bytes() + b"# edited\n"))
    assert matcher._compiled_build() is None


def test_without_a_build_the_matcher_is_python(monkeypatch):
    monkeypatch.setattr(importlib.util, "find_spec", lambda name, package=None: None)
    assert python_matcher()._compiled_build() is None


def test_the_status_says_which_matcher_runs_and_why(monkeypatch, tmp_path):
    from impactkit.plugins.sdg import matcher

    python = types.ModuleType("impactkit.plugins.sdg.matcher")
    python.pure_wanted = lambda: False
    monkeypatch.setattr("impactkit.plugins.sdg.matcher", python, raising=False)
    monkeypatch.setitem(sys.modules, "impactkit.plugins.sdg.matcher", python)
    monkeypatch.setattr(native, "built_file", lambda folder=None: None)
    assert "runs as Python (not compiled" in native.status("en")
    assert "niet gecompileerd" in native.status("nl")

    stale = tmp_path / "_matcher_c.cpython-311-x86_64-linux-gnu.so"
    monkeypatch.setattr(native, "built_file", lambda folder=None: stale)
    fake_build(monkeypatch, "0" * 64)  # loads, but was built from another source
    assert "older matcher.py" in native.status("en") and "oudere matcher.py" in native.status("nl")

    monkeypatch.setitem(sys.modules, "impactkit.plugins.sdg._matcher_c", None)  # cannot be imported
    assert "cannot be loaded" in native.status("en") and "kan niet geladen worden" in native.status("nl")

    python.pure_wanted = lambda: True
    assert "IMPACTKIT_SDG_PURE is set" in native.status("en")
    assert matcher.__name__.startswith("impactkit.plugins.sdg.")


@pytest.mark.parametrize("value, pure", [("1", True), ("yes", True), ("0", False), ("", False)])
def test_impactkit_sdg_pure_asks_for_python_unless_0_or_empty(monkeypatch, value, pure):
    monkeypatch.setenv("IMPACTKIT_SDG_PURE", value)
    assert python_matcher().pure_wanted() is pure


def test_query_trees_travel_by_pickle():
    tree = Or(
        (
            Near(Phrase(("climate", "change")), Or((Phrase(("adapt*",)), Phrase(("=resilience",)))), 3, False),
            AndNot(And((Phrase(("school",)), Unknown("SRCTITLE(x)"))), Phrase(("=fish",))),
        )
    )
    again = pickle.loads(pickle.dumps(tree))
    assert again == tree and type(again) is type(tree)


def test_without_mypyc_the_build_says_what_to_install(monkeypatch, tmp_path):
    monkeypatch.setitem(sys.modules, "mypyc", None)  # import mypyc → ImportError
    with pytest.raises(native.UserError, match=r"impactkit\[native\]"):
        native.build(folder=tmp_path, echo=lambda _: None)
    assert list(tmp_path.iterdir()) == []


MAP = """
import json, pickle, sys
from pathlib import Path
import impactkit.plugins.sdg as package
package.__path__.insert(0, sys.argv[1])  # the build under test before any other
from impactkit.plugins.sdg import matcher
from impactkit.plugins.sdg.coding import find
from impactkit.plugins.sdg.querysets import builtin, load
from impactkit.plugins.sdg.sample import sample_texts
if sys.argv[2] == "read":  # query systems pickled by the other matcher
    with open(sys.argv[3], "rb") as handle:
        systems = pickle.load(handle)
else:
    own = Path(sys.argv[3])
    systems = [builtin("aurora"), builtin("bergen"), load(own.name, own.parent)]
    with open(sys.argv[3] + ".pickle", "wb") as handle:
        pickle.dump(systems, handle)
rows = [[(s.goal, s.systems, s.targets, s.reasons) for s in find(systems, text)] for text in sample_texts(400, seed=5)]
print(json.dumps({"matcher": matcher.__name__, "rows": rows}))
"""
OWN = 'syntax: wos\n4.7: TS=("global citizenship" NEAR/3 educat*)\n13: TS=("climate change" OR "global warming")\n'


def built_or_skipped(folder: Path) -> Path:
    """The matcher built into ``folder``; the test is skipped where it cannot be built (mypy not
    installed, no C compiler) unless ``IMPACTKIT_REQUIRE_NATIVE=1`` (CI sets it: there it must build)."""
    required = os.environ.get("IMPACTKIT_REQUIRE_NATIVE") == "1"
    if not required:
        pytest.importorskip("mypyc", reason="mypy is not installed: pip install 'impactkit[native]'")
    try:
        return native.build(folder=folder, echo=lambda _: None)
    except native.UserError as exc:
        if required:
            raise
        pytest.skip(f"the matcher cannot be built here: {exc.text.en}")


@pytest.mark.slow
def test_the_compiled_matcher_maps_a_corpus_as_the_python_one_and_their_trees_travel_between_them(tmp_path):
    build = tmp_path / "build"
    build.mkdir()
    built = built_or_skipped(build)
    assert built.parent == build and built.name.startswith("_matcher_c.")
    own = tmp_path / "own.txt"
    own.write_text(OWN, encoding="utf-8")

    def mapped(pure: bool, *how: str) -> dict:
        env = {**os.environ, "IMPACTKIT_SDG_PURE": "1" if pure else ""}
        done = subprocess.run([sys.executable, "-c", MAP, str(build), *how], capture_output=True, text=True, env=env)
        assert done.returncode == 0, done.stderr
        return json.loads(done.stdout)

    compiled = mapped(False, "write", str(own))
    by_compiled = (tmp_path / "own.txt.pickle").read_bytes()
    python = mapped(True, "write", str(own))
    by_python = (tmp_path / "own.txt.pickle").read_bytes()
    assert compiled["matcher"] == "impactkit.plugins.sdg._matcher_c"
    assert python["matcher"] == "impactkit.plugins.sdg.matcher"
    assert sum(map(len, python["rows"])) > 400  # goals found: the comparison is not of empty lists
    assert compiled["rows"] == python["rows"]
    # query systems (a user's among them) pickled where the build runs are read where it does not, and back
    (tmp_path / "by-compiled.pickle").write_bytes(by_compiled)
    (tmp_path / "by-python.pickle").write_bytes(by_python)
    assert mapped(True, "read", str(tmp_path / "by-compiled.pickle"))["rows"] == python["rows"]
    assert mapped(False, "read", str(tmp_path / "by-python.pickle"))["rows"] == python["rows"]


@pytest.mark.slow
def test_the_index_tests_pass_with_the_python_matcher_too():
    """``make test`` runs the suite with the compiled matcher; its index tests run here once more
    with the Python one (with no build, as in a plain checkout, they already did)."""
    from impactkit.plugins.sdg import matcher

    if not matcher.__name__.endswith("_matcher_c"):
        pytest.skip("the Python matcher is the one in use: the suite itself tests it")
    env = {**os.environ, "IMPACTKIT_SDG_PURE": "1"}
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "tests/sdg/test_index.py"],
        capture_output=True,
        text=True,
        env=env,
        cwd=Path(__file__).parents[2],
    )
    assert done.returncode == 0, done.stdout[-3000:]


def test_the_command_says_its_usage_and_fails_without_mypyc(monkeypatch, capsys):
    monkeypatch.setenv("IMPACTKIT_LANG", "nl")
    assert native.main(["--status"]) == 0
    assert "SDG-matcher" in capsys.readouterr().out
    assert native.main(["--fast"]) == 2
    assert "gebruik: python -m impactkit.plugins.sdg.native [--status]" in capsys.readouterr().err
    monkeypatch.setitem(sys.modules, "mypyc", None)
    assert native.main([]) == 2
    assert "mypyc is niet geïnstalleerd" in capsys.readouterr().err


def test_a_folder_that_cannot_be_written_is_one_line_and_exit_2(monkeypatch, capsys):
    def refused(*args, **kwargs):
        raise PermissionError(13, "Permission denied", "/usr/lib/python3/site-packages/impactkit/plugins/sdg")

    monkeypatch.setattr(native, "build", refused)
    monkeypatch.setenv("IMPACTKIT_LANG", "en")
    assert native.main([]) == 2
    err = capsys.readouterr().err
    assert "cannot write the compiled SDG matcher to /usr/lib/python3/" in err and "Traceback" not in err

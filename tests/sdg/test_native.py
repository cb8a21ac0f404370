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
    monkeypatch.setitem(sys.modules, name, fake)
    return fake


def test_a_build_is_used_only_when_made_from_the_matcher_as_it_is_now(monkeypatch):
    matcher = python_matcher()
    current = native.digest(SOURCE.read_bytes())
    fake = fake_build(monkeypatch, current)
    assert matcher._compiled_build() is fake
    fake_build(monkeypatch, native.digest(SOURCE.read_bytes() + b"# edited\n"))
    assert matcher._compiled_build() is None


def test_without_a_build_the_matcher_is_python(monkeypatch):
    monkeypatch.setattr(importlib.util, "find_spec", lambda name, package=None: None)
    assert python_matcher()._compiled_build() is None


def test_the_status_says_which_matcher_runs(monkeypatch):
    monkeypatch.setenv("IMPACTKIT_SDG_PURE", "1")
    from impactkit.plugins.sdg import matcher

    said = {lang: native.status(lang) for lang in ("en", "nl")}
    if matcher.__name__.endswith("_matcher_c"):  # made before this process: it stays in use
        assert "in use" in said["en"] and "in gebruik" in said["nl"]
    else:
        assert "IMPACTKIT_SDG_PURE" in said["en"] and "draait als Python" in said["nl"]


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
import impactkit.plugins.sdg as package
package.__path__.insert(0, sys.argv[1])  # the build under test before any other
from impactkit.plugins.sdg import matcher
from impactkit.plugins.sdg.coding import find
from impactkit.plugins.sdg.querysets import builtin
from impactkit.plugins.sdg.sample import sample_texts
systems = [builtin("aurora"), builtin("bergen")]
rows = [[(s.goal, s.systems, s.targets, s.reasons) for s in find(systems, text)] for text in sample_texts(400, seed=5)]
trees = [q.tree for q in systems[1].queries]
assert pickle.loads(pickle.dumps(trees)) == trees
print(json.dumps({"matcher": matcher.__name__, "rows": rows}))
"""


@pytest.mark.slow
def test_the_compiled_matcher_maps_a_corpus_as_the_python_one(tmp_path):
    pytest.importorskip(
        "mypyc", reason="mypy is not installed: pip install 'impactkit[native]' (make test installs it)"
    )
    built = native.build(folder=tmp_path, echo=lambda _: None)
    assert built.parent == tmp_path and built.name.startswith("_matcher_c.")

    def mapped(pure: bool) -> dict:
        env = {**os.environ, "IMPACTKIT_SDG_PURE": "1" if pure else ""}
        done = subprocess.run(
            [sys.executable, "-c", MAP, str(tmp_path)], capture_output=True, text=True, env=env, check=True
        )
        return json.loads(done.stdout)

    compiled, python = mapped(pure=False), mapped(pure=True)
    assert compiled["matcher"] == "impactkit.plugins.sdg._matcher_c"
    assert python["matcher"] == "impactkit.plugins.sdg.matcher"
    assert sum(map(len, python["rows"])) > 400  # goals found: the comparison is not of empty lists
    assert compiled["rows"] == python["rows"]


def test_the_command_says_its_usage_and_fails_without_mypyc(monkeypatch, capsys):
    monkeypatch.setenv("IMPACTKIT_LANG", "nl")
    assert native.main(["--status"]) == 0
    assert "SDG-matcher" in capsys.readouterr().out
    assert native.main(["--fast"]) == 2
    assert "gebruik: python -m impactkit.plugins.sdg.native [--status]" in capsys.readouterr().err
    monkeypatch.setitem(sys.modules, "mypyc", None)
    assert native.main([]) == 1
    assert "mypyc is niet geïnstalleerd" in capsys.readouterr().err

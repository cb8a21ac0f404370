"""The value-creation plugin (examples/plugins/impactkit-value-creation) is an outside package: it uses
only the public plugin API, it is not in impactkit's wheel, and installed next to impactkit in a fresh
venv it shows up in ``impactkit plugins``, its figures come out of ``impactkit run --json`` on its
example study, its ``init`` template validates, and its own tests pass.

The venv (tests/freshvenv.py) is made without the system's site-packages, offline: impactkit is
installed from this checkout and the plugin from its folder; the dependencies they share are this
venv's, reached through a ``.pth`` file.
"""

from __future__ import annotations

import ast
import json
import zipfile
from pathlib import Path

import pytest

import impactkit
from tests.freshvenv import ROOT, fresh_venv

PLUGIN = ROOT / "src" / "impactkit" / "examples" / "plugins" / "impactkit-value-creation"
EXAMPLE = PLUGIN / "example"


def impactkit_imports(path: Path) -> set[str]:
    """The impactkit modules a file imports (``impactkit``, ``impactkit.plugin`` …)."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names if a.name.split(".")[0] == "impactkit")
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and (node.module or "").split(".")[0] == "impactkit":
            found.add(node.module)
    return found


def test_the_plugin_uses_only_the_public_api_and_its_tests_only_the_kit_besides():
    sources = sorted((PLUGIN / "src").rglob("*.py"))
    tests = sorted((PLUGIN / "tests").rglob("*.py"))
    assert len(sources) >= 5 and tests
    for path in sources:
        assert impactkit_imports(path) <= {"impactkit.plugin"}, path
    for path in tests:
        assert impactkit_imports(path) <= {"impactkit.plugin", "impactkit.testing"}, path
    assert any("impactkit.testing" in impactkit_imports(path) for path in tests)


def test_the_example_is_not_an_example_study_of_impactkit():
    examples = {p.parent.name for p in impactkit.examples_dir().glob("*/study.yaml")}
    assert "plugins" not in examples and "example" not in examples  # demo and the figures tests skip it


@pytest.mark.slow
def test_installed_in_a_fresh_venv_it_works_from_its_own_folder(tmp_path):
    venv = fresh_venv(tmp_path)
    python, site = venv.python, venv.site
    venv.pip_install(PLUGIN, cwd=tmp_path)

    where = venv.run(
        python,
        "-c",
        "import importlib.metadata as m, impactkit, impactkit_value_creation as vc; "
        "print(impactkit.__file__); print(m.distribution('impactkit').locate_file('')); print(vc.__file__)",
        cwd=tmp_path,
    ).stdout.splitlines()
    assert Path(where[0]).is_relative_to(ROOT / "src")  # impactkit from this checkout
    assert Path(where[1]) == site  # ... installed into the fresh venv, not borrowed
    assert Path(where[2]).is_relative_to(site)  # the plugin installed, not read from its folder

    listed = json.loads(venv.run("impactkit", "plugins", "--json", cwd=tmp_path).stdout)
    [info] = [p for p in listed if p["name"] == "value_creation"]
    assert info["version"] == "0.1.0" and info["module"] == "impactkit_value_creation"
    assert "value_creation.cycles" in info["contributions"]["metric"]
    assert "value_creation" in info["contributions"]["study section"]

    done = venv.run("impactkit", "run", EXAMPLE, "--json", cwd=tmp_path)  # a warning only: exit 0
    result = json.loads(done.stdout)
    metrics = result["metrics"]
    assert metrics["value_creation.stories"] == 6
    assert metrics["value_creation.realised_without_applied"] == ["jongerenonderzoek"]
    assert set(metrics["value_creation.cycles"]) == {
        "immediate",
        "potential",
        "applied",
        "realised",
        "reframing",
        "strategic",
        "enabling",
    }
    assert metrics["value_creation.by_stakeholder"]["corporatie"]["cycles"]["reframing"] == 1
    assert [f["code"] for f in result["findings"]] == ["value_creation.realised-without-applied"]

    study = tmp_path / "new"
    venv.run("impactkit", "--lang", "nl", "init", study, "--method", "value_creation", cwd=tmp_path)
    venv.run("impactkit", "validate", study, cwd=tmp_path)
    assert "value_creation:" in (study / "study.yaml").read_text(encoding="utf-8")

    tests = venv.run(python, "-m", "pytest", "-q", "-p", "no:cacheprovider", cwd=PLUGIN)
    assert " passed" in tests.stdout and "failed" not in tests.stdout, tests.stdout

    wheels = tmp_path / "wheels"
    venv.run(
        python, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-build-isolation", "-w", wheels, ROOT, cwd=tmp_path
    )
    [wheel] = wheels.glob("impactkit-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    assert any(n.startswith("impactkit/examples/pwmi/") for n in names)
    assert not [n for n in names if n.startswith("impactkit/examples/plugins/")]  # not in the core's wheel
    assert "impactkit/scaffolds/plugin/plugin.py.tmpl" in names  # what `impactkit new-plugin` is made from

"""``impactkit new-plugin NAME [-o DIR]``: an installable plugin package that works at once.

The fast tests check what is written (and where, and what is refused) and run the new plugin in
this process; the slow one installs impactkit and the new package into a fresh venv, offline, as a
user would, runs the package's own tests there and finds it in ``impactkit plugins``.
"""

from __future__ import annotations

import ast
import importlib.util
import json
import subprocess
import sys
from pathlib import Path

import pytest

from impactkit.core.newplugin import FILES, name_problem
from impactkit.testing import StudyBuilder, assert_no_errors, check_template, metric, run
from tests.freshvenv import fresh_venv

RUFF = Path(sys.executable).with_name("ruff")


def tree(folder: Path) -> set[str]:
    return {str(p.relative_to(folder)) for p in folder.rglob("*") if p.is_file()}


def imported(path: Path) -> set[str]:
    """The modules a file imports (absolute imports, their full dotted names)."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0:
            found.add(node.module or "")
    return found


def load_module(package: Path, name: str):
    """The new plugin's module, imported from its folder (as ``pytest`` there does, before installing)."""
    spec = importlib.util.spec_from_file_location(
        f"impactkit_{name}", package / "src" / f"impactkit_{name}" / "__init__.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_package_holds_its_files_and_nothing_is_written_elsewhere(cli, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = cli("new-plugin", "mood")  # default folder: impactkit-mood, here
    assert result.exit_code == 0, result.output
    assert "Made the plugin 'mood' in impactkit-mood (4 files)" in result.output and "pip install -e ." in result.output
    assert tree(tmp_path) == {
        "impactkit-mood/pyproject.toml",
        "impactkit-mood/README.md",
        "impactkit-mood/src/impactkit_mood/__init__.py",
        "impactkit-mood/tests/test_mood.py",
    }
    assert len(FILES) == 4
    package = tmp_path / "impactkit-mood"
    pyproject = (package / "pyproject.toml").read_text(encoding="utf-8")
    assert 'name = "impactkit-mood"' in pyproject
    assert '[project.entry-points.impactkit]\nmood = "impactkit_mood"' in pyproject
    for path in package.rglob("*"):
        if path.is_file():
            assert "{{" not in path.read_text(encoding="utf-8"), path  # every placeholder filled


def test_the_new_plugin_imports_only_the_public_api_and_its_tests_only_the_kit(cli, tmp_path):
    assert cli("new-plugin", "mood", "-o", tmp_path / "p").exit_code == 0
    source, tests = tmp_path / "p" / "src" / "impactkit_mood" / "__init__.py", tmp_path / "p" / "tests" / "test_mood.py"
    assert {m for m in imported(source) if m.startswith("impactkit")} == {"impactkit.plugin"}
    assert {m for m in imported(tests) if m.startswith("impactkit")} == {
        "impactkit.plugin",
        "impactkit.testing",
        "impactkit_mood",
    }
    lint = subprocess.run([str(RUFF), "check", "."], cwd=tmp_path / "p", capture_output=True, text=True, timeout=120)
    assert lint.returncode == 0, lint.stdout  # with its own ruff settings, in its pyproject
    layout = subprocess.run(
        [str(RUFF), "format", "--check", "."], cwd=tmp_path / "p", capture_output=True, text=True, timeout=120
    )
    assert layout.returncode == 0, layout.stdout


def test_the_new_plugin_works_at_once(cli, tmp_path):
    assert cli("new-plugin", "moodmeter", "-o", tmp_path / "p").exit_code == 0
    plugin = load_module(tmp_path / "p", "moodmeter")
    study = (
        StudyBuilder(tmp_path)
        .stakeholder("students", "Students", helix="education")
        .change("s1", "students", "I learn faster", moodmeter="strong")
        .change("s2", "students", "I ask more", moodmeter="zwak")
        .method("moodmeter", {"group": "students"})
    )
    result = run(plugin, study)
    assert_no_errors(result, warnings=True)
    assert metric(result, "moodmeter.strengths") == {"weak": 1, "medium": 0, "strong": 1}
    assert result.render("moodmeter.strengths", "dot", "en").startswith(b"digraph strengths {")
    assert "2 changes have a strength." in result.report_markdown("en")
    assert [r.lang for r in check_template(plugin)] == ["en", "nl"]


@pytest.mark.parametrize(
    ("name", "said"),
    [
        ("Mood", "use a lower-case letter, then lower-case letters, digits or _ (40 at most), e.g. 'mood'"),
        ("my-method", "e.g. 'my_method'"),
        ("1mood", "'1mood' cannot be a plugin name"),
        ("../escape", "'../escape' cannot be a plugin name"),
        ("a" * 41, "(40 at most)"),
        ("core", "impactkit keeps it for itself"),
        ("impactkit", "impactkit keeps it for itself"),
        ("person", "it is a column of the changes impactkit reads itself"),
        ("persoon", "it is a column of the changes impactkit reads itself"),
        ("class", "it is a word of Python"),
        ("idg", "an installed plugin has it (impactkit.plugins.idg)"),
    ],
)
def test_a_name_that_cannot_be_a_plugins_is_refused_and_nothing_is_written(cli, tmp_path, monkeypatch, name, said):
    monkeypatch.chdir(tmp_path)
    result = cli("new-plugin", name)
    assert result.exit_code == 2 and said in result.output, result.output
    assert tree(tmp_path) == set() and list(tmp_path.iterdir()) == []


def test_the_refusal_speaks_dutch(cli, tmp_path):
    result = cli("--lang", "nl", "new-plugin", "Mood", "-o", tmp_path / "p")
    assert result.exit_code == 2 and "'Mood' kan geen plug-innaam zijn" in result.output
    made = cli("--lang", "nl", "new-plugin", "mood", "-o", tmp_path / "p")
    assert made.exit_code == 0 and "Plug-in 'mood' gemaakt in" in made.output


def test_a_folder_that_holds_anything_is_refused_unless_forced(cli, tmp_path):
    folder = tmp_path / "p"
    folder.mkdir()
    assert cli("new-plugin", "mood", "-o", folder).exit_code == 0  # an empty folder is fine
    notes = folder / "notes.txt"
    notes.write_text("mine", encoding="utf-8")
    (folder / "README.md").write_text("changed", encoding="utf-8")
    refused = cli("new-plugin", "mood", "-o", folder)
    assert refused.exit_code == 2 and "exists and is not empty" in refused.output and "--force" in refused.output
    assert (folder / "README.md").read_text(encoding="utf-8") == "changed"
    forced = cli("new-plugin", "mood", "-o", folder, "--force")
    assert forced.exit_code == 0
    assert notes.read_text(encoding="utf-8") == "mine"  # what the package does not hold stays
    assert (folder / "README.md").read_text(encoding="utf-8").startswith("# impactkit-mood")
    afile = tmp_path / "afile"
    afile.write_text("x", encoding="utf-8")
    assert cli("new-plugin", "mood", "-o", afile, "--force").exit_code == 2


def test_the_name_rule_accepts_plain_names():
    for name in ("mood", "most_significant_change", "msc2", "a" * 40):
        assert name_problem(name) is None, name


@pytest.mark.slow
def test_installed_in_a_fresh_venv_it_passes_its_tests_and_is_listed(tmp_path):
    venv = fresh_venv(tmp_path)
    venv.run("impactkit", "new-plugin", "mood", cwd=tmp_path)
    package = tmp_path / "impactkit-mood"
    before = venv.run(venv.python, "-m", "pytest", "-q", "-p", "no:cacheprovider", cwd=package)  # not installed yet
    assert "10 passed" in before.stdout, before.stdout
    venv.pip_install("-e", package, cwd=tmp_path)  # as its README says

    listed = json.loads(venv.run("impactkit", "plugins", "--json", cwd=tmp_path).stdout)
    [info] = [p for p in listed if p["name"] == "mood"]
    assert (info["version"], info["module"], info["error"]) == ("0.1.0", "impactkit_mood", None)
    assert info["contributions"] == {
        "metric": ["mood.strengths"],
        "report section": ["mood.summary"],
        "step": ["mood.coded"],
        "study section": ["mood"],
        "table": ["mood.per_stakeholder"],
        "validation": ["mood.group"],
        "visualisation": ["mood.strengths"],
    }
    after = venv.run(venv.python, "-m", "pytest", "-q", "-p", "no:cacheprovider", cwd=package)
    assert "10 passed" in after.stdout, after.stdout

    study = tmp_path / "study"
    venv.run("impactkit", "--lang", "nl", "init", study, "--method", "mood", cwd=tmp_path)
    venv.run("impactkit", "validate", study, cwd=tmp_path)
    metrics = json.loads(venv.run("impactkit", "run", study, "--json", cwd=tmp_path).stdout)["metrics"]
    assert metrics["mood.strengths"] == {"weak": 0, "medium": 0, "strong": 1}  # init's example change: 'sterk'

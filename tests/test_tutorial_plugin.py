"""docs/tutorial-plugin.md builds the value-creation plugin; its code is the plugin's own.

Every Python, TOML and YAML block of the tutorial starts with a comment naming a file of the
plugin's package (``# src/impactkit_value_creation/cycles.py``); its lines, in parts split by
``# …``, must stand in that file word for word and in order. The plugin itself is run here on
its example study (and its own tests in a fresh venv by tests/test_value_creation_plugin.py), so
the tutorial shows code that works.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from impactkit.testing import assert_finding, assert_no_errors, check_template, metric, run

ROOT = Path(__file__).resolve().parents[1]
TUTORIAL = ROOT / "docs" / "tutorial-plugin.md"
PLUGIN = ROOT / "src" / "impactkit" / "examples" / "plugins" / "impactkit-value-creation"
CHECKED = ("python", "toml", "yaml")
ELISION = "# …"


def blocks() -> list[tuple[str, str, int]]:
    """``(language, body, line)`` of each fenced block of the tutorial."""
    text = TUTORIAL.read_text(encoding="utf-8")
    return [
        (found.group(1), found.group(2), text[: found.start()].count("\n") + 1)
        for found in re.finditer(r"^```(\w*)\n(.*?)^```$", text, flags=re.M | re.S)
    ]


def code_blocks() -> list[tuple[str, str, int]]:
    return [block for block in blocks() if block[0] in CHECKED]


def test_the_tutorial_is_linked_from_the_plugin_guide_and_the_readme():
    assert "(tutorial-plugin.md)" in (ROOT / "docs" / "plugins.md").read_text(encoding="utf-8")
    assert "(docs/tutorial-plugin.md)" in (ROOT / "README.md").read_text(encoding="utf-8")


def test_every_code_block_names_a_file_of_the_plugin():
    found = code_blocks()
    assert len(found) >= 20  # the tutorial shows the plugin, not a summary of it
    files = set()
    for language, body, line in found:
        first = body.splitlines()[0]
        assert first.startswith("# "), f"tutorial line {line}: a {language} block must start with '# FILE'"
        path = PLUGIN / first[2:].strip()
        assert path.is_file(), f"tutorial line {line}: {first[2:]} is not a file of the plugin"
        files.add(path.name)
    assert {
        "pyproject.toml",
        "__init__.py",
        "cycles.py",
        "settings.py",
        "analysis.py",
        "views.py",
        "report.py",
    } <= files
    assert {"texts.py", "test_value_creation.py", "study.yaml"} <= files


@pytest.mark.parametrize(("language", "body", "line"), code_blocks(), ids=lambda v: str(v)[:20])
def test_each_block_stands_in_its_file_word_for_word(language, body, line):
    first, *rest = body.splitlines(keepends=True)
    source = (PLUGIN / first[2:].strip()).read_text(encoding="utf-8")
    parts, part = [], []
    for text in rest:
        if text.strip() == ELISION:
            parts.append("".join(part))
            part = []
        else:
            part.append(text)
    parts.append("".join(part))
    at = 0
    for n, excerpt in enumerate(parts, 1):
        excerpt = excerpt.strip("\n")
        assert excerpt, f"tutorial line {line}: part {n} is empty"
        where = source.find(excerpt, at)
        assert where >= 0, (
            f"tutorial line {line}: part {n} is not in {first[2:].strip()} (after the part before):\n{excerpt}"
        )
        at = where + len(excerpt)


def test_the_plugin_the_tutorial_builds_works_on_its_example(monkeypatch):
    monkeypatch.syspath_prepend(str(PLUGIN / "src"))
    import impactkit_value_creation as plugin

    assert plugin.impactkit_api == ">=1.0"
    result = run(plugin, PLUGIN / "example")
    assert_no_errors(result)
    [gap] = assert_finding(result, "value_creation.realised-without-applied", severity="warning")
    assert gap.location.line is not None  # step 5: the warning at its line
    assert metric(result, "value_creation.stories") == 6
    assert result.render("value_creation.matrix", "dot", "nl").startswith(b"digraph value_creation")
    assert "value_creation.matrix" in result.tables
    assert "Krachtige Leerkring Lingewaard" in result.report_markdown("nl")
    assert [r.lang for r in check_template(plugin)] == ["en", "nl"]  # step 3's template

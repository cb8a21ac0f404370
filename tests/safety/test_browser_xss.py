"""Every example's report.html with hostile text seeded into every free-text field of the study and
its changes files — titles, names, descriptions, assumptions, sources, quotes, changes, themes,
coders — opened in Debian's Chromium: no script runs, no link leads to ``javascript:``."""

from __future__ import annotations

import csv
import io
import shutil
from pathlib import Path

import pytest

import impactkit

CHROMIUM = Path("/usr/bin/chromium")
pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        not CHROMIUM.exists(), reason="Debian's chromium is not installed here (.ci/run installs it for CI)"
    ),
]

EXAMPLES = ["pwmi", "sroi-werkplaats", "leerkring-lingewaard", "leerkring-brakkenstein"]
PAYLOAD = (
    ' <img src=x onerror="window.__pwned=1"><script>window.__pwned=1</script>'
    '<svg onload="window.__pwned=1"></svg> [klik](javascript:window.__pwned=1) '
    '" onmouseover="window.__pwned=1" x=\'\''
)
FREE_TEXT = {
    "title", "name", "description", "question", "text", "assumption", "label", "intro", "indicator",
    "indicator_source", "proxy", "proxy_source", "justification", "note", "source", "quote", "change",
    "theme", "coder", "role", "summary", "goal", "notes",
}  # fmt: skip
"""Keys (and columns) whose value is free text in every example; ids, codes and numbers are left alone."""


def _seed_yaml(path: Path) -> None:
    from ruamel.yaml import YAML

    yaml = YAML(typ="rt")
    yaml.width = 4096
    data = yaml.load(path.read_text(encoding="utf-8"))

    def walk(node: object) -> None:
        if isinstance(node, dict):
            for key, value in list(node.items()):
                if isinstance(value, str) and key in FREE_TEXT and key != "source":
                    node[key] = str(value) + PAYLOAD  # plain, whatever style the file gave it
                else:
                    walk(value)
        elif isinstance(node, list):
            for item in node:
                walk(item)

    walk(data)
    out = io.StringIO()
    yaml.dump(data, out)
    path.write_text(out.getvalue(), encoding="utf-8")


def _seed_csv(path: Path) -> None:
    text = path.read_text(encoding="utf-8-sig")
    delimiter = max(",;\t", key=text.split("\n", 1)[0].count)
    rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    if not rows:
        return
    free = [i for i, name in enumerate(rows[0]) if name.strip().casefold() in FREE_TEXT | {"verandering", "citaat"}]
    for row in rows[1:]:
        for i in free:
            if i < len(row) and row[i].strip():
                row[i] += PAYLOAD
    out = io.StringIO(newline="")
    csv.writer(out, delimiter=delimiter, lineterminator="\n").writerows(rows)
    path.write_text(out.getvalue(), encoding="utf-8")


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=["--no-sandbox"])
        yield browser
        browser.close()


@pytest.mark.parametrize("example", EXAMPLES)
def test_hostile_text_in_every_field_runs_no_script_in_the_report(browser, example, tmp_path, cli):
    folder = tmp_path / example
    shutil.copytree(impactkit.examples_dir() / example, folder)
    _seed_yaml(folder / "study.yaml")
    for table in folder.glob("*.csv"):
        _seed_csv(table)
    done = cli("report", folder, "-o", tmp_path / "out", "--format", "html,md", catch=True)
    assert done.exit_code in (0, 1), done.output
    page_file = tmp_path / "out" / "report.html"
    html = page_file.read_text(encoding="utf-8")
    assert "window.__pwned" in html  # the text is there, shown as text
    page = browser.new_page()
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.goto(page_file.as_uri())
    page.wait_for_load_state("load")
    for link in page.query_selector_all("a[href]"):
        assert not link.get_attribute("href").strip().casefold().startswith(("javascript:", "data:")), link
    page.mouse.move(10, 10)
    page.hover("body")
    assert page.evaluate("() => window.__pwned") is None
    assert page.evaluate("() => document.querySelectorAll('script, iframe, object, embed').length") == 0
    handlers = page.evaluate(
        "() => [...document.querySelectorAll('*')].flatMap(e => [...e.attributes].map(a => a.name))"
        ".filter(n => n.startsWith('on'))"
    )
    assert handlers == []
    assert dialogs == []
    page.close()
    from markdown_it import MarkdownIt  # report.md in a viewer that lets raw HTML through: none is there

    shown = MarkdownIt("commonmark", {"html": True}).render(
        (tmp_path / "out" / "report.md").read_text(encoding="utf-8")
    )
    assert "window.__pwned" in shown
    assert "<img src=x" not in shown and "<script" not in shown and "<svg onload" not in shown
    assert 'href="javascript' not in shown

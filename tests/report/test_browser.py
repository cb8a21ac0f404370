"""Each example's report.html as a person opens it: Debian's Chromium, driven by playwright, at
1280 and 390 px wide (and printed), with the fonts a Debian machine has (DejaVu) and with
Liberation Sans (Arial's metrics) forced on the diagrams' text."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.report.test_report import EXAMPLES

CHROMIUM = Path("/usr/bin/chromium")
pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        not CHROMIUM.exists(), reason="Debian's chromium is not installed here (.ci/run installs it for CI)"
    ),
]

CHECK = """() => {
  const out = {overflow: document.documentElement.scrollWidth - window.innerWidth, hidden: [], spilled: []};
  for (const el of document.querySelectorAll('img, svg.drawing')) {
    const box = el.getBoundingClientRect(), style = getComputedStyle(el);
    if (!(box.width > 0 && box.height > 0) || style.visibility === 'hidden' || style.display === 'none')
      out.hidden.push(el.getAttribute('aria-label') || el.getAttribute('alt') || el.tagName);
  }
  // each text of a diagram's node against the smallest shape around its centre (a legend's words
  // beside a colour sample stand in no shape and are not boxes to fit)
  for (const node of document.querySelectorAll('svg.drawing g.node')) {
    const shapes = [...node.querySelectorAll('polygon, path, ellipse, rect')].map(s => s.getBBox());
    for (const text of node.querySelectorAll('text')) {
      if (!text.textContent.trim()) continue;
      const t = text.getBBox(), cx = t.x + t.width / 2, cy = t.y + t.height / 2;
      const around = shapes.filter(s => s.x <= cx && cx <= s.x + s.width && s.y <= cy && cy <= s.y + s.height)
                           .sort((a, b) => a.width * a.height - b.width * b.height);
      if (!around.length) continue;
      const s = around[0];
      if (t.x < s.x - 1 || t.x + t.width > s.x + s.width + 1)
        out.spilled.push(text.textContent + ' ' + JSON.stringify([t.x, t.width, s.x, s.width]));
    }
  }
  return out;
}"""
FONTS = {
    "dejavu": "svg.drawing text { font-family: 'DejaVu Sans' !important; }",
    "liberation": "svg.drawing text { font-family: 'Liberation Sans' !important; }",
}


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=["--no-sandbox"])
        yield browser
        browser.close()


@pytest.mark.parametrize("example", EXAMPLES)
def test_the_report_reads_well_in_a_browser_wide_and_narrow_and_prints(browser, examples_written, example, tmp_path):
    import pypdf

    source = examples_written.folder / example / "output" / "report.html"
    page_file = tmp_path / "alone" / "report.html"  # copied on its own: it must still show everything
    page_file.parent.mkdir()
    shutil.copy(source, page_file)
    for width in (1280, 390):
        page = browser.new_page(viewport={"width": width, "height": 900})
        problems: list[str] = []
        say = problems.append
        page.on("console", lambda m, say=say: say(f"console {m.type}: {m.text}") if m.type == "error" else None)
        page.on("pageerror", lambda e, say=say: say(f"page error: {e}"))
        page.on("requestfailed", lambda r, say=say: say(f"failed request: {r.url}"))
        page.on("dialog", lambda d, say=say: (say(f"dialog: {d.message}"), d.dismiss()))
        page.goto(page_file.as_uri(), wait_until="load")
        for font, css in FONTS.items():
            page.add_style_tag(content=css)
            found = page.evaluate(CHECK)
            assert found["overflow"] <= 0, f"{width} px: the page scrolls sideways by {found['overflow']} px"
            assert found["hidden"] == [], f"{width} px: pictures not shown: {found['hidden']}"
            assert found["spilled"] == [], f"{width} px, {font}: text outside its box: {found['spilled']}"
        page.screenshot(path=str(tmp_path / f"{example}-{width}.png"), full_page=True)
        assert problems == [], problems
        if width == 1280:
            pdf = tmp_path / f"{example}.pdf"
            page.emulate_media(media="print")
            page.pdf(path=str(pdf), format="A4", print_background=True)
            pages = len(pypdf.PdfReader(str(pdf)).pages)
            assert 2 <= pages <= 60, pages  # the summary on a page of its own, the rest after it
        page.close()
    assert (tmp_path / f"{example}-390.png").stat().st_size > 10_000

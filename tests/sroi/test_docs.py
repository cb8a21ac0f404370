"""Every worked example of docs/plugins/sroi.md is a test: each ``yaml`` block that starts with
``# worked example`` is put under the page's shared head, run, and its figures compared with the
line ``→ present value … · inputs … · ratio … · payback … months`` under it."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

DOC = Path(__file__).parents[2] / "docs" / "plugins" / "sroi.md"
BLOCK = re.compile(r"```yaml\n(.*?)```", re.S)
FIGURES = re.compile(r"→ present value ([\d,.]+) · inputs ([\d,.]+) · ratio ([\d.]+) · payback ([\d.]+) months")


def _blocks() -> tuple[str, list[tuple[str, str, tuple[float, ...]]]]:
    text = DOC.read_text(encoding="utf-8")
    head = None
    examples = []
    for match in BLOCK.finditer(text):
        body = match.group(1)
        if body.startswith("# the head every worked example shares"):
            head = body
        elif body.startswith("# worked example: "):
            name = body.splitlines()[0].removeprefix("# worked example: ")
            stated = FIGURES.search(text, match.end())
            assert stated and stated.start() - match.end() < 10, f"no figures under '{name}'"
            examples.append((name, body, tuple(float(x.replace(",", "")) for x in stated.groups())))
    assert head is not None
    return head, examples


HEAD, EXAMPLES = _blocks()


def test_the_page_has_a_worked_example_per_convention():
    assert [name for name, _, _ in EXAMPLES] == [
        "the check value",
        "valuation year with compounding",
        "a lag of two years",
        "drop-off from the first year",
        "a proxy of three factors",
        "a haircut",
    ]


@pytest.mark.parametrize("name, body, stated", EXAMPLES, ids=[name for name, _, _ in EXAMPLES])
def test_a_worked_example_gives_the_figures_the_page_states(name, body, stated, study_dir, run_study):
    result = run_study(study_dir(HEAD + body))
    m = result.metrics
    assert not result.errors, [f.render("en") for f in result.errors]
    present_value, inputs, ratio, payback = stated
    assert round(m["sroi.present_value"], 2) == present_value
    assert round(m["sroi.total_inputs"], 2) == inputs
    assert round(m["sroi.ratio"], 4) == ratio
    assert round(m["sroi.payback_months"], 2) == payback

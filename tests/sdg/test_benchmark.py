"""The benchmark figures in docs/plugins/sdg.md are what the suggester measures (when the benchmark is there)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from impactkit.plugins.sdg.benchmark import COLUMNS, measure, rounded

ROOT = Path(__file__).resolve().parents[2]
BENCHMARK = ROOT.parent / "shared" / "data" / "sdg-benchmark" / "benchmark.csv"
DOCS = ROOT / "docs" / "plugins" / "sdg.md"


def documented(name: str = "sdg-benchmark") -> list[dict[str, str]]:
    text = DOCS.read_text(encoding="utf-8")
    block = re.search(rf"<!-- {name} begin -->\n(.*?)<!-- {name} end -->", text, re.S).group(1)
    lines = [line for line in block.strip().splitlines() if line.startswith("|")]
    header = [cell.strip() for cell in lines[0].strip("|").split("|")]
    assert tuple(header) == COLUMNS
    return [dict(zip(header, (cell.strip() for cell in line.strip("|").split("|")))) for line in lines[2:]]


@pytest.mark.skipif(not BENCHMARK.exists(), reason="../shared/data/sdg-benchmark is not beside the clone")
def test_the_documented_benchmark_figures_are_measured_now():
    assert [rounded(row) for row in measure(BENCHMARK)] == documented()


@pytest.mark.skipif(not BENCHMARK.exists(), reason="../shared/data/sdg-benchmark is not beside the clone")
def test_the_documented_figures_of_aurora_and_bergen_combined_are_measured_now():
    from impactkit.plugins.sdg.combine import combine
    from impactkit.plugins.sdg.querysets import builtin

    systems = [builtin("aurora"), builtin("bergen")]

    def predict(text: str) -> list[int]:
        return [s.goal for s in combine({system.name: system.hits(text) for system in systems})]

    assert [rounded(row) for row in measure(BENCHMARK, predict)] == documented("sdg-benchmark-combined")


@pytest.mark.skipif(not BENCHMARK.exists(), reason="../shared/data/sdg-benchmark is not beside the clone")
def test_the_documented_figures_of_the_three_systems_combined_are_measured_now():
    from impactkit.plugins.sdg.coding import find
    from impactkit.plugins.sdg.querysets import builtin

    systems = [builtin("aurora"), builtin("bergen"), builtin("keywords-en")]

    def predict(text: str) -> list[int]:
        return [s.goal for s in find(systems, text)]

    assert [rounded(row) for row in measure(BENCHMARK, predict)] == documented("sdg-benchmark-keywords")


def test_the_measurement_counts_as_published(tmp_path):
    path = tmp_path / "benchmark.csv"
    path.write_text(
        "id,text,sdg,label\n"
        "a,Policies to reduce extreme poverty,1,True\n"  # tp
        "b,The weather was nice,1,True\n"  # fn
        "c,Reduce extreme poverty now,1,False\n"  # fp
        "d,Nothing here,1,False\n"  # tn
        "e,Nothing here either,2,False\n",
        encoding="utf-8",
    )  # goal 2: tn, never named
    average, one, two = measure(path)
    assert (one["tp"], one["fp"], one["tn"], one["fn"]) == (1, 1, 1, 1)
    assert one["accuracy"] == 50.0 and one["precision"] == 50.0 and one["recall"] == 50.0 and one["f1"] == 0.5
    assert two["precision"] == 0.0 and two["recall"] == 0.0 and two["f1"] == 0.0 and two["accuracy"] == 100.0
    assert average["accuracy"] == 75.0 and average["n"] == 2.5

"""The benchmark script still runs (tiny sizes; no timing is asserted anywhere in the tests)."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_benchmark_script_runs_and_reports_its_figures(capsys):
    spec = importlib.util.spec_from_file_location("bench_sroi", ROOT / "benchmarks" / "bench_sroi.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert module.main(["--draws", "300", "--outcomes", "4", "--years", "3", "--json"]) == 0
    figures = json.loads(capsys.readouterr().out)
    assert figures["uncertain_numbers"] == 28 and figures["random_numbers"] == 300 * 28
    assert {"floor_seconds", "monte_carlo_seconds", "ratio_to_floor", "peak_traced_mb", "max_rss_mb"} <= set(figures)

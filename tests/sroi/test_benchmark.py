"""The benchmark script still runs (tiny sizes; no timing is asserted anywhere in the tests)."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _bench():
    spec = importlib.util.spec_from_file_location("bench_sroi", ROOT / "benchmarks" / "bench_sroi.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_benchmark_script_runs_and_reports_its_figures(capsys):
    module = _bench()
    assert module.main(["--draws", "300", "--outcomes", "4", "--years", "3", "--json"]) == 0
    figures = json.loads(capsys.readouterr().out)
    assert figures["uncertain_numbers"] == 28 and figures["random_numbers"] == 300 * 28
    assert {
        "floor_seconds",
        "monte_carlo_seconds",
        "monte_carlo_threads_seconds",
        "ratio_to_floor",
        "cpu_ratio_to_floor",
        "uniform_floor_seconds",
        "peak_traced_mb",
        "peak_traced_mb_by_chunk",
        "max_rss_mb",
    } <= set(figures)
    assert figures["floor_seconds"] > 0 and figures["monte_carlo_seconds"] > 0


def test_the_floor_draws_the_simulations_own_random_numbers():
    # the floor is fair only if it draws what the simulation draws: after it, every stream is
    # where the simulation leaves it (beta's sampler takes a varying count of numbers a draw)
    module = _bench()
    arrays, params = module.synthetic_map(3, 4)
    floor, simulation = module._groups(params, 5), module._groups(params, 5)
    module.floor(floor, 40, 7)
    for g in simulation:
        g.allocate(7, 1)
        for first in range(0, 40, 7):
            g.fill(0, min(7, 40 - first))
    assert [g.kind for g in floor] == [
        "triangular",
        "triangular",
        "lognormal",
        "beta",
        "uniform",
        "triangular",
        "normal",
    ]
    for a, b in zip(floor, simulation):
        assert a.rng.bit_generator.state == b.rng.bit_generator.state, (a.target, a.kind)

"""Benchmark of the SROI Monte Carlo: 100,000 draws of an impact map with 500 outcomes over 10 years.

Run as ``python benchmarks/bench_sroi.py`` (options: ``--draws``, ``--outcomes``, ``--years``,
``--chunk-size``, ``--json``). In the same run it measures

* the *floor*: one numpy pass that only generates the same number of random numbers (uniform
  doubles, in the same chunks), which no Monte Carlo of this size can beat;
* the Monte Carlo itself (:func:`impactkit.plugins.sroi.sensitivity.monte_carlo`), every one of
  the 7 numbers of every outcome uncertain (triangular, uniform, normal, lognormal and beta);

and prints the seconds of each, the ratio of the two, and the peak memory (tracemalloc's peak of
the Monte Carlo call, and the process's maximum resident set size). There are deliberately no
timing assertions in the test suite; this script is where the figure comes from.
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import time
import tracemalloc
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from impactkit.plugins.sroi.calc import MapArrays
from impactkit.plugins.sroi.model import make_estimate
from impactkit.plugins.sroi.sensitivity import Param, chunk_for, monte_carlo


def synthetic_map(outcomes: int, years: int, seed: int = 1, beta: bool = True) -> tuple[MapArrays, list[Param]]:
    """An impact map of ``outcomes`` rows lasting ``years`` years, every number with a distribution.

    ``beta=False`` draws the deadweight from a triangular instead of a beta distribution (numpy's
    beta sampler is by far the slowest of the five).
    """
    rng = np.random.default_rng(seed)
    rows, params = [], []
    for i in range(outcomes):
        q = float(rng.integers(10, 200))
        p = float(rng.integers(100, 5000))
        dw, dp, at, do = (float(x) for x in rng.uniform(0.05, 0.35, 4))
        specs = {
            "quantity": (q, {"value": q, "distribution": f"triangular({q * 0.7}, {q}, {q * 1.2})"}, "count"),
            "proxy_value": (p, {"value": p, "distribution": f"lognormal({p}, {p * 0.25})"}, "money"),
            "deadweight": (
                dw,
                {
                    "value": dw,
                    "distribution": f"beta({dw * 20}, {(1 - dw) * 20})"
                    if beta
                    else f"triangular({dw * 0.5}, {dw}, {min(1.0, dw * 1.5)})",
                },
                "fraction",
            ),
            "displacement": (
                dp,
                {"value": dp, "distribution": f"uniform({dp * 0.5}, {min(1.0, dp * 1.5)})"},
                "fraction",
            ),
            "attribution": (
                at,
                {"value": at, "distribution": f"triangular({at * 0.5}, {at}, {min(1.0, at * 1.6)})"},
                "fraction",
            ),
            "drop_off": (do, {"value": do, "distribution": f"normal({do}, {do * 0.2})"}, "fraction"),
            "duration": (
                float(years),
                {"value": years, "distribution": f"triangular({years * 0.8}, {years}, {years})"},
                "count",
            ),
        }
        rows.append({name: value for name, (value, _, _) in specs.items()})
        for name, (_, spec, kind) in specs.items():
            params.append(Param("row", i, name, make_estimate(spec, kind), kind))  # type: ignore[arg-type]
    inputs = [float(sum(r["quantity"] * r["proxy_value"] for r in rows) * 0.4)]
    return MapArrays.build(rows, inputs, 0.035), params


def floor(draws: int, columns: int, chunk: int, seed: int) -> float:
    """Seconds to generate draws × columns uniform doubles in chunks of ``chunk`` draws."""
    rng = np.random.default_rng(seed)
    start = time.perf_counter()
    for first in range(0, draws, chunk):
        rng.random((min(chunk, draws - first), columns))
    return time.perf_counter() - start


def run(
    draws: int = 100_000,
    outcomes: int = 500,
    years: int = 10,
    chunk_size: int | None = None,
    seed: int = 2012,
    beta: bool = True,
) -> dict[str, float | int]:
    arrays, params = synthetic_map(outcomes, years, beta=beta)
    chunk = chunk_size or chunk_for(arrays.size, len(params))
    monte_carlo(arrays, params, draws=1000, seed=seed, chunk_size=chunk)  # warm-up (imports, caches)
    floor_seconds = floor(draws, len(params), chunk, seed)
    tracemalloc.start()
    start = time.perf_counter()
    result = monte_carlo(arrays, params, draws=draws, seed=seed, chunk_size=chunk)
    seconds = time.perf_counter() - start
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert result is not None
    maxrss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    maxrss_mb = maxrss / (1024 * 1024) if sys.platform == "darwin" else maxrss / 1024
    return {
        "draws": draws,
        "outcomes": outcomes,
        "years": years,
        "beta": beta,
        "uncertain_numbers": len(params),
        "random_numbers": draws * len(params),
        "chunk_size": chunk,
        "floor_seconds": round(floor_seconds, 3),
        "monte_carlo_seconds": round(seconds, 3),
        "ratio_to_floor": round(seconds / floor_seconds, 2),
        "peak_traced_mb": round(peak / 1e6, 1),
        "max_rss_mb": round(maxrss_mb, 1),
        "mean_ratio": round(float(result.stats["mean"]), 4),
        "probability_below_1": round(float(result.stats["probability_below_1"]), 4),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--draws", type=int, default=100_000)
    parser.add_argument("--outcomes", type=int, default=500)
    parser.add_argument("--years", type=int, default=10)
    parser.add_argument("--chunk-size", type=int, default=None)
    parser.add_argument("--no-beta", action="store_true", help="draw deadweight from a triangular, not a beta")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    figures = run(args.draws, args.outcomes, args.years, args.chunk_size, beta=not args.no_beta)
    if args.json:
        print(json.dumps(figures, indent=2))
        return 0
    print(
        f"SROI Monte Carlo: {figures['draws']:,} draws × {figures['outcomes']} outcomes × {figures['years']} years "
        f"({figures['uncertain_numbers']:,} uncertain numbers, {figures['random_numbers']:,} random numbers, "
        f"chunks of {figures['chunk_size']:,} draws{'' if figures['beta'] else ', no beta distributions'})"
    )
    print(f"  floor (generate the random numbers only): {figures['floor_seconds']:.2f} s")
    print(
        f"  Monte Carlo:                              {figures['monte_carlo_seconds']:.2f} s "
        f"({figures['ratio_to_floor']:.2f} × the floor)"
    )
    print(
        f"  peak memory: {figures['peak_traced_mb']:.1f} MB traced during the Monte Carlo, "
        f"{figures['max_rss_mb']:.1f} MB max RSS of the process"
    )
    print(f"  mean ratio {figures['mean_ratio']}, P(ratio < 1) = {figures['probability_below_1']}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

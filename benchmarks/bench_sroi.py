"""Benchmark of the SROI Monte Carlo: 100,000 draws of an impact map with 500 outcomes over 10 years.

Run as ``python benchmarks/bench_sroi.py`` (options: ``--draws``, ``--outcomes``, ``--years``,
``--chunk-size``, ``--repeat``, ``--no-beta``, ``--json``). Every one of the 7 numbers of every
outcome is uncertain (triangular, uniform, normal, lognormal and beta). In the same run it measures

* the *floor*: drawing the simulation's random numbers with numpy and doing nothing else — the
  same generators (PCG64, each group of numbers its own stream, spawned from the seed as the
  simulation spawns them), the same calls (``random``, ``standard_normal``, ``beta``), float64,
  in the same chunks, into buffers allocated once. Those numbers are what the simulation cannot do
  without (the same seed must give the same draws), so everything else it does is what the ratio
  measures;
* the Monte Carlo (:func:`impactkit.plugins.sroi.sensitivity.monte_carlo`) on one thread: its
  ratio to the floor (target, issue 13: ≤ 2×);
* the Monte Carlo with its default threads (the cores, at most 4): seconds (target ≤ 5 s on 2 cores);
* for comparison with the figures before, the old floor: as many uniform doubles from one generator
  (numpy's normal and, above all, beta samplers cost several uniform doubles each, so no simulation
  that draws those distributions can come near it);
* memory: tracemalloc's peak during the simulation for several chunk sizes, and how much it grows
  per draw from a quarter of the draws to all of them (the results and their summary, 48 bytes a
  draw at most: the working arrays are those of one chunk).

The floor and the simulation take turns (``--repeat`` rounds); the fastest run of each counts, so
a busy machine slows both alike. There are deliberately no timing assertions in the test suite;
this script is where the figures come from.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import sys
import time
import tracemalloc
from pathlib import Path
from typing import Any

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
sys.path.insert(0, str(Path(__file__).parent))

from common import goal, report
from impactkit.plugins.sroi.calc import MapArrays
from impactkit.plugins.sroi.model import make_estimate
from impactkit.plugins.sroi.sensitivity import ELEMENT_BUDGET, Param, _groups, chunk_for, monte_carlo

RATIO_TARGET = 2.0
SECONDS_TARGET = 5.0
GROWTH_TARGET = 48.0
"""Bytes per draw the simulation may grow by: its ratio and present value (16) and their summary."""


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


def floor(groups: list[Any], draws: int, chunk: int) -> None:
    """Draw the simulation's random numbers: each group's generator and call, in chunks of ``chunk``
    draws (``groups`` as :func:`~impactkit.plugins.sroi.sensitivity._groups` makes them)."""
    buffers = [np.empty((chunk, g.k)) for g in groups]
    for first in range(0, draws, chunk):
        m = min(chunk, draws - first)
        for g, buffer in zip(groups, buffers):
            if g.kind in ("uniform", "triangular"):
                g.rng.random(out=buffer[:m])
            elif g.kind in ("normal", "lognormal"):
                g.rng.standard_normal(out=buffer[:m])
            else:
                g.rng.beta(g.a, g.b, size=(m, g.k))


def uniform_floor(draws: int, columns: int, chunk: int, seed: int) -> None:
    """Generate draws × columns uniform doubles in chunks of ``chunk`` draws (the old floor)."""
    rng = np.random.default_rng(seed)
    buffer = np.empty((chunk, columns))
    for first in range(0, draws, chunk):
        rng.random(out=buffer[: min(chunk, draws - first)])


def clocked(func, *args, **kwargs) -> tuple[float, float, object]:
    """Wall-clock seconds, CPU seconds of this process, and what ``func`` returned."""
    wall, cpu = time.perf_counter(), time.process_time()
    out = func(*args, **kwargs)
    return time.perf_counter() - wall, time.process_time() - cpu, out


def peak_mb(
    arrays: MapArrays, params: list[Param], draws: int, chunk: int, seed: int, workers: int | None = None
) -> float:
    tracemalloc.start()
    try:
        monte_carlo(arrays, params, draws=draws, seed=seed, chunk_size=chunk, workers=workers)
        return tracemalloc.get_traced_memory()[1] / 1e6
    finally:
        tracemalloc.stop()


def run(
    draws: int = 100_000,
    outcomes: int = 500,
    years: int = 10,
    chunk_size: int | None = None,
    seed: int = 2012,
    beta: bool = True,
    repeat: int = 3,
) -> dict[str, float | int]:
    arrays, params = synthetic_map(outcomes, years, beta=beta)
    load_before = os.getloadavg()[0]
    chunk = chunk_size or chunk_for(arrays.size, len(params))
    monte_carlo(arrays, params, draws=min(draws, 1000), seed=seed, chunk_size=chunk)  # warm-up
    runs = {
        "floor": lambda: floor(_groups(params, seed), draws, chunk),
        "one": lambda: monte_carlo(arrays, params, draws=draws, seed=seed, chunk_size=chunk, workers=1),
        "uniform": lambda: uniform_floor(draws, len(params), chunk, seed),
        "threads": lambda: monte_carlo(arrays, params, draws=draws, seed=seed, chunk_size=chunk),
    }
    wall = {name: float("inf") for name in runs}
    cpu = dict(wall)
    out: dict[str, object] = {}
    for _ in range(repeat):  # in turns, so that a busy machine slows each alike
        for name, func in runs.items():
            seconds, cpu_seconds, out[name] = clocked(func)
            wall[name], cpu[name] = min(wall[name], seconds), min(cpu[name], cpu_seconds)
    result, threaded = out["one"], out["threads"]
    assert result is not None and threaded is not None
    assert np.array_equal(threaded.ratios, result.ratios)  # the same figures on any number of threads
    memory = {}
    for size in sorted({max(1, chunk // 4), chunk, chunk * 4}):
        memory[size] = peak_mb(arrays, params, draws, size, seed)
    # growth per draw, on one thread from a quarter of the draws to all (once a quarter fills a chunk)
    one_thread = peak_mb(arrays, params, draws, chunk, seed, workers=1)
    quarter = peak_mb(arrays, params, draws // 4, chunk, seed, workers=1) if draws // 4 >= chunk else None
    growth = None if quarter is None else (one_thread - quarter) * 1e6 / (draws - draws // 4)
    load_after = os.getloadavg()[0]
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
        "element_budget": ELEMENT_BUDGET,
        "floor_seconds": round(wall["floor"], 3),
        "floor_cpu_seconds": round(cpu["floor"], 3),
        "uniform_floor_seconds": round(wall["uniform"], 3),
        "monte_carlo_seconds": round(wall["one"], 3),
        "monte_carlo_cpu_seconds": round(cpu["one"], 3),
        "monte_carlo_threads_seconds": round(wall["threads"], 3),
        "ratio_to_floor": round(wall["one"] / wall["floor"], 2),
        "cpu_ratio_to_floor": round(cpu["one"] / cpu["floor"], 2),
        "threads_ratio_to_floor": round(wall["threads"] / wall["floor"], 2),
        "ratio_to_uniform_floor": round(wall["one"] / wall["uniform"], 2),
        "floor_to_uniform_floor": round(wall["floor"] / wall["uniform"], 2),
        "peak_traced_mb": round(memory[chunk], 1),
        "peak_traced_mb_by_chunk": {str(size): round(mb, 1) for size, mb in memory.items()},
        "peak_traced_mb_one_thread": round(one_thread, 1),
        "growth_bytes_per_draw": None if growth is None else round(growth, 1),
        "max_rss_mb": round(maxrss_mb, 1),
        "load_average": [round(load_before, 2), round(load_after, 2)],
        "mean_ratio": round(float(result.stats["mean"]), 4),
        "probability_below_1": round(float(result.stats["probability_below_1"]), 4),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--draws", type=int, default=100_000)
    parser.add_argument("--outcomes", type=int, default=500)
    parser.add_argument("--years", type=int, default=10)
    parser.add_argument("--chunk-size", type=int, default=None)
    parser.add_argument("--repeat", type=int, default=3, help="rounds of floor and simulation; the fastest counts")
    parser.add_argument("--no-beta", action="store_true", help="draw deadweight from a triangular, not a beta")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    f = run(args.draws, args.outcomes, args.years, args.chunk_size, beta=not args.no_beta, repeat=args.repeat)
    if args.json:
        print(json.dumps(f, indent=2))
        return 0
    size = f"{f['draws']:,} × {f['outcomes']} × {f['years']}"
    print(
        f"SROI Monte Carlo: {f['draws']:,} draws × {f['outcomes']} outcomes × {f['years']} years "
        f"({f['uncertain_numbers']:,} uncertain numbers, {f['random_numbers']:,} random numbers, "
        f"chunks of {f['chunk_size']:,} draws{'' if f['beta'] else ', no beta distributions'})"
    )
    before, after = f["load_average"]
    print(f"  load average (1 minute) {before} before and {after} after, on {os.cpu_count()} cores")
    print(
        f"  floor (draw its random numbers with numpy):  {f['floor_seconds']:.2f} s "
        f"({f['floor_cpu_seconds']:.2f} s CPU)"
    )
    print(
        f"  Monte Carlo, 1 thread:                       {f['monte_carlo_seconds']:.2f} s "
        f"({f['monte_carlo_cpu_seconds']:.2f} s CPU): {f['ratio_to_floor']:.2f} × the floor "
        f"({f['cpu_ratio_to_floor']:.2f} × in CPU time)"
    )
    print(
        f"  Monte Carlo, default threads:                {f['monte_carlo_threads_seconds']:.2f} s "
        f"({f['threads_ratio_to_floor']:.2f} × the floor)"
    )
    print(
        f"  as many uniform doubles (the old floor):     {f['uniform_floor_seconds']:.2f} s "
        f"(its random numbers take {f['floor_to_uniform_floor']:.2f} × that; the simulation "
        f"{f['ratio_to_uniform_floor']:.2f} ×)"
    )
    by_chunk = ", ".join(f"{mb} MB at {int(c):,} draws" for c, mb in f["peak_traced_mb_by_chunk"].items())
    print(
        f"  peak memory (tracemalloc) by chunk size, default threads: {by_chunk}; "
        f"{f['peak_traced_mb_one_thread']} MB on 1 thread; max RSS {f['max_rss_mb']:.1f} MB"
    )
    if f["growth_bytes_per_draw"] is not None:
        print(f"  memory grows by {f['growth_bytes_per_draw']} bytes a draw (a quarter of the draws to all)")
    print(f"  mean ratio {f['mean_ratio']}, P(ratio < 1) = {f['probability_below_1']}")
    report("sroi", [f])
    goal(f"SROI Monte Carlo {size}, 1 thread / drawing its random numbers", f["ratio_to_floor"], RATIO_TARGET)
    goal(f"SROI Monte Carlo {size}, 1 thread / drawing them, CPU time", f["cpu_ratio_to_floor"], RATIO_TARGET)
    goal(f"SROI Monte Carlo {size}, default threads", f["monte_carlo_threads_seconds"], SECONDS_TARGET, unit=" s")
    if f["growth_bytes_per_draw"] is not None:
        goal(f"SROI Monte Carlo memory growth per draw ({size})", f["growth_bytes_per_draw"], GROWTH_TARGET, unit=" B")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

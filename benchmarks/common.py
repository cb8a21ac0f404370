"""Helpers for the benchmark scripts: best-of timing, peak memory, ratio reporting, and the targets.

A script states each figure the project has a target for with :func:`goal` (the measured value,
the target, ``≤`` unless ``at_least``); it is printed at once, and ``make bench``
(``benchmarks/run.py``) prints every goal of every script again at the end, each with whether it
holds, and writes them to ``benchmarks/results/targets.json``.
"""

from __future__ import annotations

import json
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path
from typing import Any

RESULTS = Path(__file__).parent / "results"

GOALS: list[dict[str, Any]] = []
"""Every :func:`goal` stated in this process, in order (``run.py`` prints them at the end)."""


def goal(name: str, measured: float, target: float, *, unit: str = "×", at_least: bool = False) -> dict[str, Any]:
    """A measured figure with its target: it holds when ``measured ≤ target`` (``at_least``:
    ``measured ≥ target``). Printed now, kept in :data:`GOALS`; returns the row for :func:`report`."""
    holds = measured >= target if at_least else measured <= target
    row = {
        "goal": name,
        "measured": measured,
        "target": target,
        "unit": unit,
        "at_least": at_least,
        "holds": bool(holds),
    }
    GOALS.append(row)
    print("  " + describe_goal(row), flush=True)
    return row


def describe_goal(row: dict[str, Any]) -> str:
    """``name: 1.23× (target ≤ 1.6×) holds`` — one goal on one line."""
    unit = row["unit"]
    sign = "≥" if row["at_least"] else "≤"
    verdict = "holds" if row["holds"] else "MISSES"
    return f"{row['goal']}: {row['measured']:.3g}{unit} (target {sign} {row['target']:g}{unit}) {verdict}"


def user_env(tmp: Path) -> dict[str, str]:
    """The environment of a new process as a user's shell starts it: Python keeps the bytecode it
    compiles (here under ``tmp``), as an installed package has its modules compiled. A machine that
    sets ``PYTHONDONTWRITEBYTECODE`` (CI images often do) would otherwise make every process compile
    impactkit's modules anew, an editable install's cost no user pays. Run each command once first."""
    import os

    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env.update(PYTHONPYCACHEPREFIX=str(tmp / "pyc"), XDG_CACHE_HOME=str(tmp / "cache"))
    return env


def best_of(func: Callable[[], Any], repeat: int = 5) -> float:
    """The fastest of ``repeat`` runs, in seconds (the least disturbed by the machine)."""
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        func()
        best = min(best, time.perf_counter() - start)
    return best


def peak_memory(func: Callable[[], Any]) -> int:
    """Peak bytes Python allocated while ``func`` ran (tracemalloc; numpy buffers included)."""
    tracemalloc.start()
    try:
        func()
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def report(name: str, rows: list[dict[str, Any]]) -> None:
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / f"{name}.json").write_text(json.dumps(rows, indent=2), encoding="utf-8")
    for row in rows:
        print("  " + "  ".join(f"{k}={v:.4g}" if isinstance(v, float) else f"{k}={v}" for k, v in row.items()))

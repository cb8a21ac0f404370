"""The columnar core at scale: a generated study of 100,000 experienced changes (``scale_study.py``,
17 MB of CSV) read, checked and analysed.

Targets (issue 13), each measured in this run:

* load + validate of 100k changes ≤ 3× ``pandas.read_csv`` of the same file: ``impactkit validate
  STUDY`` against ``python -c "import pandas; pandas.read_csv(FILE, dtype=str)"``, each a new process
  as a user starts it (the fastest of five runs, taking turns; Python keeping its bytecode, :func:`common.user_env`). The same in one process (imports done) is
  printed beside it: ``load_study`` + the checks against ``pandas.read_csv`` alone.
* ``impactkit run --json`` at 100k ≤ 5 s and ≤ 1 GB (peak resident memory of the process).
* at 1,000,000 changes ≤ 12× the time at 100k and ≤ 4 GB (generating and running it adds about a
  minute on 2 cores; ``--no-million`` or ``IMPACTKIT_BENCH_MILLION=0`` leaves it out, and says so).

``python benchmarks/bench_changes.py [--changes N] [--no-million] [--rounds N]``.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from common import best_of, goal, report, user_env
from scale_study import make_study

EXE = Path(sys.executable).with_name("impactkit")


def _process(command: list[str], env: dict[str, str] | None = None) -> tuple[float, float, bytes]:
    """Seconds, peak resident MB and standard output of ``command`` run as a new process."""
    start = time.perf_counter()
    child = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env)
    out = child.stdout.read() if child.stdout else b""
    _, status, usage = os.wait4(child.pid, 0)
    seconds = time.perf_counter() - start
    child.returncode = os.waitstatus_to_exitcode(status)
    if child.returncode not in (0, 1):  # 1: findings (a warning is no failure, an error finding is)
        raise RuntimeError(f"{' '.join(command)} exited {child.returncode}")
    return seconds, usage.ru_maxrss / 1024, out  # ru_maxrss is in KiB on Linux


def _rounds(commands: dict[str, list[str]], rounds: int, env: dict[str, str]) -> dict[str, tuple[float, float, bytes]]:
    """Each command run ``rounds`` times, taking turns (a busy machine slows all alike): the fastest
    seconds, the highest peak MB and the output of each."""
    best: dict[str, tuple[float, float, bytes]] = {}
    for _ in range(rounds):
        for name, command in commands.items():
            seconds, mb, out = _process(command, env)
            if name in best:
                seconds, mb, out = min(seconds, best[name][0]), max(mb, best[name][1]), best[name][2]
            best[name] = (seconds, mb, out)
    return best


def _floor_command(csv: Path) -> list[str]:
    return [sys.executable, "-c", f"import pandas; pandas.read_csv({str(csv)!r}, dtype=str, keep_default_na=False)"]


def in_process(folder: Path) -> dict:
    """Load + validate in this process (imports and plugins warm) against ``pandas.read_csv``."""
    import pandas as pd

    import impactkit
    from impactkit.core.pipeline import analyse
    from impactkit.core.plugins import make_manager

    plugins = make_manager()
    csv = folder / "changes.csv"

    def floor() -> None:
        pd.read_csv(csv, dtype=str, keep_default_na=False)

    def work() -> None:
        analyse(impactkit.load(folder, plugins=plugins), plugins=plugins, metrics=False)

    work()  # warm: imports, the framework, the query caches
    floor_s, work_s = best_of(floor, 3), best_of(work, 3)
    return {
        "bench": "load + validate, in one process",
        "read_csv_s": floor_s,
        "seconds": work_s,
        "ratio": work_s / floor_s,
    }


def scale(changes: int, million: bool, rounds: int) -> list[dict]:
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        folder = make_study(Path(tmp) / "study", changes)
        csv = folder / "changes.csv"
        commands = {
            "floor": _floor_command(csv),
            "validate": [str(EXE), "validate", str(folder)],
            "run": [str(EXE), "run", "--json", str(folder)],
        }
        env = user_env(Path(tmp))
        for command in commands.values():  # warm: the file in the page cache, bytecode
            _process(command, env)
        best = _rounds(commands, rounds, env)
        (floor_s, floor_mb, _), (validate_s, validate_mb, _), (run_s, run_mb, out) = (
            best["floor"],
            best["validate"],
            best["run"],
        )
        metrics = json.loads(out)["metrics"]
        rows.append({"bench": f"pandas.read_csv, {changes:,} changes", "seconds": floor_s, "peak_mb": floor_mb})
        rows.append(
            {
                "bench": f"impactkit validate, {changes:,} changes",
                "seconds": validate_s,
                "peak_mb": validate_mb,
                "ratio": validate_s / floor_s,
            }
        )
        rows.append(goal(f"load + validate {changes:,} changes / pandas.read_csv", validate_s / floor_s, 3.0))
        inside = in_process(folder)
        rows.append(inside)
        print(f"  in one process: {inside['ratio']:.3g}× read_csv ({inside['seconds']:.3g} s)", flush=True)
        rows.append({"bench": f"impactkit run --json, {changes:,} changes", "seconds": run_s, "peak_mb": run_mb})
        rows.append(goal(f"run --json {changes:,} changes, seconds", run_s, 5.0, unit=" s"))
        rows.append(goal(f"run --json {changes:,} changes, peak MB", run_mb, 1024.0, unit=" MB"))
        rows.append(
            {"bench": "figures at scale", "changes": metrics.get("core.changes"), "people": metrics.get("core.people")}
        )
    if not million:
        print(f"  {changes * 10:,} changes: left out (--no-million or IMPACTKIT_BENCH_MILLION=0)", flush=True)
        return rows
    with tempfile.TemporaryDirectory() as tmp:
        folder = make_study(Path(tmp) / "study", changes * 10)
        big_s, big_mb, _ = _process([str(EXE), "run", "--json", str(folder)], user_env(Path(tmp)))
        rows.append({"bench": f"impactkit run --json, {changes * 10:,} changes", "seconds": big_s, "peak_mb": big_mb})
        rows.append(goal(f"run --json {changes * 10:,} / {changes:,} changes, time", big_s / run_s, 12.0))
        rows.append(goal(f"run --json {changes * 10:,} changes, peak MB", big_mb, 4096.0, unit=" MB"))
    return rows


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--changes", type=int, default=100_000)
    parser.add_argument(
        "--million",
        action=argparse.BooleanOptionalAction,
        default=os.environ.get("IMPACTKIT_BENCH_MILLION") != "0",
        help="also run ten times as many changes (the default)",
    )
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    report("changes", scale(args.changes, args.million, args.rounds))

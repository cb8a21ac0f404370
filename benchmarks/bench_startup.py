"""Start-up of the command line: ``impactkit --help``, ``--version`` and ``plugins --help``.

Floor, measured in the same run: ``python -c "import click, pluggy"`` — the two libraries any
plugin-based click program starts with. Target (issue 13): each ≤ 1.6× the floor.

Each command runs as a new process, as a user starts it: with bytecode caches (written to a
temporary ``PYTHONPYCACHEPREFIX``, so the source tree stays clean, after one warm-up run), and with
the declaration cache of the plugins' commands (cli/declared.py) in a temporary cache folder, made
by the warm-up run. The floor and the commands take turns, so a busy machine slows both alike;
the fastest run of each counts.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from common import goal, report, user_env

EXE = Path(sys.executable).with_name("impactkit")
TARGET = 1.6
COMMANDS = {"help": ["--help"], "version": ["--version"], "plugins-help": ["plugins", "--help"]}


def _seconds(command: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, check=True, capture_output=True, env=env)
    return time.perf_counter() - start


def startup(rounds: int = 15) -> list[dict]:
    with tempfile.TemporaryDirectory() as tmp:
        env = user_env(Path(tmp))
        floor_command = [sys.executable, "-c", "import click, pluggy"]
        runs = {name: [EXE, *args] for name, args in COMMANDS.items()}
        for command in [floor_command, *runs.values()]:  # warm-up: bytecode, the declaration cache
            _seconds(command, env)
        best = {name: float("inf") for name in ["floor", *runs]}
        for _ in range(rounds):
            best["floor"] = min(best["floor"], _seconds(floor_command, env))
            for name, command in runs.items():
                best[name] = min(best[name], _seconds(command, env))
    rows = [{"bench": "floor: import click, pluggy", "seconds": best["floor"]}]
    for name, args in COMMANDS.items():
        ratio = best[name] / best["floor"]
        rows.append({"bench": f"impactkit {' '.join(args)}", "seconds": best[name], "ratio": ratio})
        rows.append(goal(f"impactkit {' '.join(args)} / import click, pluggy", ratio, TARGET))
    return rows


if __name__ == "__main__":
    report("startup", startup())

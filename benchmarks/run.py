"""Run every ``benchmarks/bench_*.py`` script and print its results.

Each script measures its own floor in the same run (something irreducible of the same size) and
reports the work as a ratio to it, so the figures mean the same on a slow or a fast machine.
Results are also written to ``benchmarks/results/<name>.json``.
"""

from __future__ import annotations

import runpy
import sys
from pathlib import Path

HERE = Path(__file__).parent


def main() -> int:
    selected = sys.argv[1:]
    scripts = sorted(HERE.glob("bench_*.py"))
    if selected:
        scripts = [s for s in scripts if any(name in s.stem for name in selected)]
    for script in scripts:
        print(f"== {script.stem}", flush=True)
        sys.argv = [str(script)]  # the names chosen here are not the script's own options
        runpy.run_path(str(script), run_name="__main__")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

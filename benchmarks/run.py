"""Run every ``benchmarks/bench_*.py`` script and print its results.

Each script measures its own floor in the same run (something irreducible of the same size) and
reports the work as a ratio to it, so the figures mean the same on a slow or a fast machine.
Results are also written to ``benchmarks/results/<name>.json``. At the end every target a
script stated (``common.goal``) is printed again, each with whether it holds, and written to
``benchmarks/results/targets.json``; a script that fails is named there and the others still run.

``python benchmarks/run.py [NAME...]`` runs only the scripts whose name holds one of the NAMEs.
"""

from __future__ import annotations

import json
import runpy
import sys
import traceback
from pathlib import Path

HERE = Path(__file__).parent
sys.path.insert(0, str(HERE))
import common  # noqa: E402  (the scripts' own helpers: one module, so their goals gather here)


def main() -> int:
    selected = sys.argv[1:]
    scripts = sorted(HERE.glob("bench_*.py"))
    if selected:
        scripts = [s for s in scripts if any(name in s.stem for name in selected)]
    failed = []
    for script in scripts:
        print(f"== {script.stem}", flush=True)
        sys.argv = [str(script)]  # the names chosen here are not the script's own options
        try:
            runpy.run_path(str(script), run_name="__main__")
        except SystemExit as exc:
            if exc.code not in (None, 0):
                failed.append(f"{script.stem}: exit {exc.code}")
        except Exception:
            traceback.print_exc()
            failed.append(f"{script.stem}: {traceback.format_exc().strip().splitlines()[-1]}")
    print("== targets", flush=True)
    for row in common.GOALS:
        print("  " + common.describe_goal(row))
    holding = sum(row["holds"] for row in common.GOALS)
    print(f"  {holding} of {len(common.GOALS)} targets hold")
    for failure in failed:
        print(f"  script failed: {failure}")
    common.RESULTS.mkdir(exist_ok=True)
    summary = {"goals": common.GOALS, "failed": failed}
    (common.RESULTS / "targets.json").write_text(json.dumps(summary, indent=2), encoding="utf-8")
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())

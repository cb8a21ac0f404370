"""A portfolio of 1,000 generated studies of 200 changes each, on 2 cores (``impactkit portfolio``).

Target (issue 13): the portfolio finishes within 4× the ideal of its workers, the time of the
largest single study × 1,000 / 2 — near-linear with the workers.

In the same run it measures

* the single studies: a sample of the generated studies analysed one at a time in this process
  (warm: plugins loaded, as in a worker), the slowest of them counting as "the largest single
  study" (the studies are generated alike, so the sample stands for all);
* the portfolio: ``impactkit portfolio DIR -o OUT --workers 2`` as a new process, everything a
  user waits for (start-up, the worker processes, every study, the report and tables).

``python benchmarks/bench_portfolio.py [--studies N] [--changes N] [--workers N] [--sample N]``.
"""

from __future__ import annotations

import argparse
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from common import goal, report

EXE = Path(sys.executable).with_name("impactkit")
TARGET = 4.0
DIMENSIONS = ("Being", "Thinking", "Relating", "Collaborating", "Acting")
GROUPS = ("students", "residents", "professionals", "municipality")


def make_study(folder: Path, number: int, changes: int) -> Path:
    """A route-2 study: stakeholders in four groups and helices, a small theory of change, and
    ``changes`` experienced changes coded with IDG dimensions and SDGs."""
    rng = random.Random(number)
    folder.mkdir(parents=True)
    helices = ("education", "civil_society", "industry", "government")
    (folder / "study.yaml").write_text(
        f"impactkit: 1\nid: study-{number}\ntitle: Generated study {number}\nlanguage: en\n"
        "question: What does the werkplaats yield, and for whom?\nroute: nonlinear\n"
        "stakeholders:\n"
        + "".join(f"  - {{id: {g}, name: {g.title()}, group: {g}, helix: {h}}}\n" for g, h in zip(GROUPS, helices))
        + "activities:\n  - {id: work, name: Working together, stakeholders: [students], leads_to: [learning]}\n"
        "outcomes:\n"
        "  - {id: learning, name: Students learn in practice, stakeholders: [students], leads_to: [together]}\n"
        "  - {id: together, name: Residents and students work together, stakeholders: [residents]}\n"
        "changes: changes.csv\n"
        "methods:\n  idg: {framework: idg-2021}\n  sdg: {}\n",
        encoding="utf-8",
    )
    lines = ["person,role,stakeholder,change,importance,idg,sdg"]
    for i in range(changes):
        goals = ";".join(str(g) for g in sorted(rng.sample(range(1, 18), rng.randint(1, 2))))
        lines.append(
            f"p{rng.randrange(60)},role {rng.randrange(8)},{rng.choice(GROUPS)},"
            f"change {i} of study {number} in a few words,{rng.randint(1, 5)},{rng.choice(DIMENSIONS)},{goals}"
        )
    (folder / "changes.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return folder


def single_studies(folders: list[Path], sample: int) -> list[float]:
    """Seconds of each of ``sample`` studies, analysed one at a time here (warm)."""
    from impactkit.core.plugins import make_manager
    from impactkit.core.portfolio import run_portfolio, run_study

    manager = make_manager()
    figures, _ = manager.collect("impactkit_portfolio_metrics")
    metric_ids = sorted({f.id for f in figures} | {f.interval[0] for f in figures if f.interval})
    run_portfolio([folders[0]], plugins=manager, workers=1)  # warm: imports, caches
    chosen = random.Random(7).sample(folders, min(sample, len(folders)))
    seconds = []
    for folder in chosen:
        row = run_study(str(folder), manager, metric_ids)
        assert row["status"] != "failed", row["error"]
        seconds.append(row["seconds"])
    return seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--studies", type=int, default=1000)
    parser.add_argument("--changes", type=int, default=200)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--sample", type=int, default=20)
    args, _ = parser.parse_known_args()
    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp) / "studies"
        folders = [make_study(base / f"s{n:04d}", n, args.changes) for n in range(args.studies)]
        singles = single_studies(folders, args.sample)
        largest = max(singles)
        ideal = largest * args.studies / args.workers
        start = time.perf_counter()
        done = subprocess.run(
            [str(EXE), "portfolio", str(base), "-o", str(Path(tmp) / "out"), "--workers", str(args.workers)],
            capture_output=True,
            text=True,
        )
        wall = time.perf_counter() - start
        if done.returncode != 0:
            raise SystemExit(f"impactkit portfolio failed ({done.returncode}): {done.stdout}\n{done.stderr[-2000:]}")
    ratio = wall / ideal
    report(
        "portfolio",
        [
            {
                "bench": f"portfolio-{args.studies}x{args.changes}-changes-{args.workers}-workers",
                "single_study_median_s": sorted(singles)[len(singles) // 2],
                "largest_single_study_s": largest,
                "ideal_s": ideal,
                "portfolio_s": wall,
                "studies_per_s": args.studies / wall,
                "ratio": ratio,
            },
            goal(
                f"portfolio of {args.studies} studies on {args.workers} workers / largest study × {args.studies} / "
                f"{args.workers}",
                ratio,
                TARGET,
            ),
        ],
    )


if __name__ == "__main__":
    main()

"""Accuracy of the SDG suggester (Aurora SDG queries v5) on the SDG Classification Benchmark.

Evaluates ``impactkit.plugins.sdg`` on ``../shared/data/sdg-benchmark/benchmark.csv`` the way the
published results are computed (per goal: does the suggester name this goal for this text, against
the expert label → accuracy, precision, recall, F1, tp/fp/tn/fn; then the mean of the 17 rows) and
prints it beside ``published/*.stats.csv``. Also times it: the floor is tokenising every text once
(the least any keyword method must do). Writes ``benchmarks/results/sdg_accuracy.json``.

``python benchmarks/bench_sdg_accuracy.py [--shared PATH]``; skipped (exit 0) when the benchmark
is not there.
"""

from __future__ import annotations

import argparse
import csv
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from common import report
from impactkit.plugins.sdg.benchmark import COLUMNS, measure, read_published, rounded
from impactkit.plugins.sdg.scopus import Document

ROOT = Path(__file__).resolve().parents[1]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    args, _ = parser.parse_known_args()
    folder = args.shared / "data" / "sdg-benchmark"
    benchmark = folder / "benchmark.csv"
    if not benchmark.exists():
        print(f"  skipped: {benchmark} not found")
        return 0
    with benchmark.open(encoding="utf-8", newline="") as handle:
        texts = [row["text"] for row in csv.DictReader(handle)]
    start = time.perf_counter()
    for text in texts:
        Document(text)
    floor = time.perf_counter() - start
    start = time.perf_counter()
    rows = measure(benchmark)
    seconds = time.perf_counter() - start

    print("  impactkit sdg suggester (Aurora SDG queries v5, evaluated on the plain text):")
    print("  " + " ".join(f"{c:>9}" for c in COLUMNS))
    for row in rows:
        shown = rounded(row)
        print("  " + " ".join(f"{shown[c]:>9}" for c in COLUMNS))
    print("\n  Average row against the published tools (accuracy / precision / recall in %, F1):")
    ours = rows[0]
    table = {"impactkit-aurora-queries": {k: float(ours[k]) for k in COLUMNS[1:]}}
    table.update(read_published(folder / "published"))
    for name, row in sorted(table.items(), key=lambda kv: -kv[1]["accuracy"]):
        print(
            f"  {name:<26} accuracy {row['accuracy']:5.1f}  precision {row['precision']:5.1f}  "
            f"recall {row['recall']:5.1f}  F1 {row['f1']:.2f}"
        )
    report(
        "sdg_accuracy",
        [
            {
                "bench": "sdg-accuracy",
                "texts": len(texts),
                "seconds": seconds,
                "floor_s": floor,
                "ratio": seconds / floor if floor else float("nan"),
                **{k: float(ours[k]) for k in ("accuracy", "precision", "recall", "f1")},
            }
        ],
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

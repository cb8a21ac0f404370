"""Accuracy and speed of the SDG suggester on the SDG Classification Benchmark: per query system and combined.

Evaluates ``impactkit.plugins.sdg`` on ``../shared/data/sdg-benchmark/benchmark.csv`` the way the
published results are computed (per goal: does the suggester name this goal for this text, against
the expert label → accuracy, precision, recall, F1, tp/fp/tn/fn; then the mean of the 17 rows) and
prints it beside ``published/*.stats.csv``, for each query system on its own and for the combined
rule (a goal that ``aurora``, ``bergen`` or ``keywords-en`` names; chosen on the development set
of ``benchmarks/sdg_dev.py``, not here) and the one chosen before ``keywords-en`` existed
(``aurora`` or ``bergen``). The benchmark is a test set: its figures are reported, never
used to choose anything.

Speed: texts per second of each system and of the combinations over the benchmark's texts, and as
a ratio to the floor measured in the same run: tokenising every text once (the least any keyword
method must do); the speed target of ``impactkit sdg map`` is measured on generated texts by
``bench_sdg_map.py``. Writes ``benchmarks/results/sdg_accuracy.json``.

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
from common import goal, report
from impactkit.plugins.sdg.benchmark import COLUMNS, measure, read_published, rounded
from impactkit.plugins.sdg.coding import find
from impactkit.plugins.sdg.matcher import words
from impactkit.plugins.sdg.querysets import builtin

ROOT = Path(__file__).resolve().parents[1]
SYSTEMS = ("aurora", "bergen-topic", "bergen-action", "bergen", "keywords-en")
COMBINATIONS = (("aurora", "bergen"), ("aurora", "bergen", "keywords-en"))
COMBINED = COMBINATIONS[-1]
"""``methods.sdg.query_sets: [aurora, bergen, keywords-en]``: the rule chosen on the development set
(``[aurora, bergen]`` was chosen before ``keywords-en`` existed; both are reported)."""


def predictor(names: tuple[str, ...]):
    systems = [builtin(name) for name in names]
    return lambda text: [s.goal for s in find(systems, text)]


def table(title: str, rows: list[dict]) -> None:
    print(f"\n  {title}:")
    print("  " + " ".join(f"{c:>9}" for c in COLUMNS))
    for row in rows:
        shown = rounded(row)
        print("  " + " ".join(f"{shown[c]:>9}" for c in COLUMNS))


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
    for name in SYSTEMS:
        _ = builtin(name).index  # compiled once per process
    compile_s = time.perf_counter() - start

    start = time.perf_counter()
    for text in texts:
        words(text)
    floor = time.perf_counter() - start
    speed = {}
    for names in [(name,) for name in SYSTEMS] + list(COMBINATIONS):
        predict = predictor(names)
        start = time.perf_counter()
        for text in texts:
            predict(text)
        speed[" + ".join(names)] = time.perf_counter() - start

    results = {}
    for names in [(name,) for name in SYSTEMS] + list(COMBINATIONS):
        label = " + ".join(names)
        results[label] = rows = measure(benchmark, predictor(names))
        table(f"impactkit {label} (evaluated on the plain text)", rows)

    print("\n  Average rows against the published tools (accuracy / precision / recall in %, F1):")
    overview = {f"impactkit {label}": {k: float(rows[0][k]) for k in COLUMNS[1:]} for label, rows in results.items()}
    overview.update(read_published(folder / "published"))
    for name, row in sorted(overview.items(), key=lambda kv: -kv[1]["accuracy"]):
        print(
            f"  {name:<34} accuracy {row['accuracy']:5.1f}  precision {row['precision']:5.1f}  "
            f"recall {row['recall']:5.1f}  F1 {row['f1']:.2f}"
        )
    print(f"\n  speed on {len(texts)} texts (queries compiled in {compile_s:.2f} s, once per process):")
    for label, seconds in speed.items():
        print(f"  {label:<24} {len(texts) / seconds:8.0f} texts/s   {seconds / floor:6.1f}× tokenising the texts")
    combined = " + ".join(COMBINED)
    out = [
        {
            "bench": f"sdg-accuracy {label}",
            "texts": len(texts),
            "seconds": speed[label],
            "floor_s": floor,
            "ratio": speed[label] / floor if floor else float("nan"),
            **{k: float(results[label][0][k]) for k in ("accuracy", "precision", "recall", "f1")},
        }
        for label in results
    ]
    out.append(
        goal(f"sdg accuracy %, {combined}", float(results[combined][0]["accuracy"]), 83.0, unit="%", at_least=True)
    )
    out.append(
        goal(f"sdg precision %, {combined}", float(results[combined][0]["precision"]), 80.0, unit="%", at_least=True)
    )
    report("sdg_accuracy", out)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

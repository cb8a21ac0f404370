"""Core benchmarks: analysing a large generated study (the command line's start-up is in
bench_startup.py).

Floor, measured in the same run: reading the same changes CSV with the csv module — the least
work any tool must do.
"""

from __future__ import annotations

import csv
import random
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from common import best_of, peak_memory, report


def make_study(folder: Path, changes: int, people: int = 2000) -> Path:
    rng = random.Random(1)
    groups = [f"group{i}" for i in range(12)]
    (folder / "study.yaml").write_text(
        "impactkit: 1\nid: big\ntitle: Big study\nroute: nonlinear\n"
        "stakeholders:\n"
        + "".join(f"  - {{id: {g}, name: {g.title()}, group: {g}}}\n" for g in groups)
        + "outcomes:\n"
        + "".join(
            f"  - {{id: o{i}, name: Outcome {i}, stakeholders: [{groups[i % 12]}], leads_to: [o{i + 1}]}}\n"
            for i in range(199)
        )
        + "  - {id: o199, name: Outcome 199, stakeholders: [group0]}\nchanges: changes.csv\n",
        encoding="utf-8",
    )
    with (folder / "changes.csv").open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["person", "role", "stakeholder", "change", "importance"])
        for i in range(changes):
            writer.writerow(
                [
                    f"p{rng.randrange(people)}",
                    f"role{rng.randrange(40)}",
                    rng.choice(groups),
                    f"change number {i} in words",
                    rng.randint(1, 5),
                ]
            )
    return folder


def analysis(changes: int) -> dict:
    import impactkit
    from impactkit.core.plugins import make_manager

    with tempfile.TemporaryDirectory() as tmp:
        folder = make_study(Path(tmp), changes)

        def floor() -> None:
            with (folder / "changes.csv").open(newline="", encoding="utf-8") as handle:
                list(csv.DictReader(handle))

        def work() -> None:
            plugins = make_manager(load=["core"])
            impactkit.run(impactkit.load(folder, plugins=plugins), plugins=plugins)

        work()  # warm imports
        floor_s, work_s = best_of(floor, 5), best_of(work, 3)
        return {
            "bench": f"analyse-{changes}-changes",
            "floor_s": floor_s,
            "work_s": work_s,
            "ratio": work_s / floor_s,
            "peak_mb": peak_memory(work) / 2**20,
        }


if __name__ == "__main__":
    report("core", [analysis(1_000), analysis(20_000)])

"""The development set of the SDG suggester, and the choice of the rule that combines query systems.

The SDG Classification Benchmark is a test set: no rule, threshold or term is chosen on it. The
choices are made here, on a development set built from other open texts:

* ``targets`` — the wording of the 169 SDG targets, each labelled with its goal;
* ``indicators`` — the wording of the SDG indicators, each labelled with its goal
  (both from ``../shared/data/sdg-titles``: open-sdg/sdg-translations, MIT);
* ``written`` — ``benchmarks/data/sdg-dev-en.csv``: 102 short English texts written for impactkit
  (six per goal, in the style of reports and abstracts, one or two goals each) and 16 texts about
  no goal.

Each goal is scored as the benchmark scores it: the texts labelled with the goal are its positives,
an equal number of texts not labelled with it (drawn with a fixed seed) its negatives; accuracy,
precision, recall and F1 per goal, then the mean over the 17 goals.

``python benchmarks/sdg_dev.py [--shared PATH]`` prints every system (``aurora``, the two Bergen
approaches and impactkit's ``keywords-en``) and every candidate rule (``combine.RULES``), and which
rule wins: the highest mean F1 among the rules whose mean precision is at least 80%. The
``keywords-en`` list was written from the targets' and indicators' wording, which flatters it on
those two parts; the written texts are the fairer part for it.
"""

from __future__ import annotations

import argparse
import csv
import random
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = Path(__file__).resolve().parent / "data"
sys.path.insert(0, str(Path(__file__).parent))

from impactkit.plugins.sdg.combine import RULES, combine  # noqa: E402
from impactkit.plugins.sdg.querysets import builtin  # noqa: E402

SYSTEMS = ("aurora", "bergen-topic", "bergen-action", "keywords-en")
PRECISION_FLOOR = 80.0


def _yaml(path: Path) -> dict[str, str]:
    from ruamel.yaml import YAML

    return {str(k): " ".join(str(v).split()) for k, v in YAML(typ="safe").load(path.read_text("utf-8")).items()}


def dev_set(shared: Path) -> list[tuple[str, str, frozenset[int]]]:
    """``(part, text, goals)`` for every text of the development set."""
    titles = shared / "data" / "sdg-titles"
    out = []
    for key, text in _yaml(titles / "global_targets.yml").items():
        found = re.fullmatch(r"(\d+)-\w+-title", key)
        if found:
            out.append(("targets", text, frozenset([int(found[1])])))
    for key, text in _yaml(titles / "global_indicators.yml").items():
        found = re.fullmatch(r"(\d+)-\w+-\w+-title", key)
        if found:
            out.append(("indicators", text, frozenset([int(found[1])])))
    with (DATA / "sdg-dev-en.csv").open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            goals = frozenset(int(g) for g in row["goals"].split(";") if g.strip())
            out.append(("written", row["text"], goals))
    return out


def score(rows: list[tuple[str, str, frozenset[int]]], predicted: list[set[int]]) -> dict[str, float]:
    """Mean over the goals of accuracy, precision, recall (%) and F1, each goal balanced as the benchmark is."""
    per_goal = []
    for goal in range(1, 18):
        positives = [i for i, row in enumerate(rows) if goal in row[2]]
        others = [i for i, row in enumerate(rows) if goal not in row[2]]
        negatives = random.Random(goal).sample(others, min(len(positives), len(others)))
        tp = sum(goal in predicted[i] for i in positives)
        fp = sum(goal in predicted[i] for i in negatives)
        fn, tn = len(positives) - tp, len(negatives) - fp
        precision = tp / (tp + fp) if tp + fp else 0.0
        recall = tp / (tp + fn) if tp + fn else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        per_goal.append((100 * (tp + tn) / (tp + tn + fp + fn), 100 * precision, 100 * recall, f1))
    return {
        name: sum(row[k] for row in per_goal) / 17 for k, name in enumerate(("accuracy", "precision", "recall", "f1"))
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    args = parser.parse_args()
    rows = dev_set(args.shared)
    systems = {name: builtin(name) for name in SYSTEMS}
    hits = {name: [system.hits(text) for _, text, _ in rows] for name, system in systems.items()}
    print(
        f"development set: {len(rows)} texts",
        {p: sum(r[0] == p for r in rows) for p in ("targets", "indicators", "written")},
    )
    results: dict[str, dict[str, float]] = {}

    def show(name: str, predicted: list[set[int]]) -> None:
        results[name] = figures = score(rows, predicted)
        parts = {
            p: score([r for r in rows if r[0] == p], [x for x, r in zip(predicted, rows) if r[0] == p])
            for p in ("targets", "indicators", "written")
        }
        print(
            f"  {name:<34} accuracy {figures['accuracy']:5.1f}  precision {figures['precision']:5.1f}  "
            f"recall {figures['recall']:5.1f}  F1 {figures['f1']:.2f}   "
            + "  ".join(f"{p} {v['accuracy']:.1f}/{v['precision']:.1f}/{v['recall']:.1f}" for p, v in parts.items())
        )

    print("systems (accuracy / precision / recall per part: targets, indicators, written):")
    for name in SYSTEMS:
        show(name, [{h.goal for h in found} for found in hits[name]])
    print("rules:")
    for rule_name, rule in RULES.items():
        predicted = []
        for i in range(len(rows)):
            per_system = {name: hits[name][i] for name in rule.systems}
            predicted.append({h.goal for h in combine(per_system, rule)})
        show(rule_name, predicted)
    eligible = {n: r for n, r in results.items() if n in RULES and r["precision"] >= PRECISION_FLOOR}
    best = max(eligible, key=lambda n: (round(eligible[n]["f1"], 4), -len(RULES[n].systems)))
    print(f"chosen: {best} (highest mean F1 with mean precision >= {PRECISION_FLOOR:.0f}%)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

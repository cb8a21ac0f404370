"""The Dutch lexicon (``lexicon-nl``) measured on a small Dutch evaluation set.

``benchmarks/data/sdg-nl-eval.csv`` (``id, goals, text``): 70 short Dutch texts in the style of
experienced changes and project descriptions of the social domain, written by hand for impactkit
(MIT), each labelled with the goals it is about (one to three; seven texts about none). No public
Dutch texts that name their SDGs could be reached from the machine this was made on (only the
package registries are), so the set was written, not collected; it was written before the lexicon
was read, and it is kept apart from the lexicon's sources (the PWMI example and the goals' names).
Its labels are one reader's judgement.

Prints, over all (text, goal) pairs, the lexicon's precision, recall and F1 (micro-averaged), how
many texts get at least one right goal, the false positives on the texts about no goal, and the
figures per goal. ``python benchmarks/sdg_nl_eval.py``.
"""

from __future__ import annotations

import csv
from pathlib import Path

from impactkit.plugins.sdg.querysets import builtin

DATA = Path(__file__).resolve().parent / "data" / "sdg-nl-eval.csv"


def main() -> int:
    lexicon = builtin("lexicon-nl")
    with DATA.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    tp = fp = fn = any_right = 0
    per_goal = {g: [0, 0, 0] for g in range(1, 18)}
    empty_fp = 0
    for row in rows:
        human = {int(g) for g in row["goals"].split(";") if g.strip()}
        machine = {hit.goal for hit in lexicon.hits(row["text"])}
        tp += len(machine & human)
        fp += len(machine - human)
        fn += len(human - machine)
        any_right += bool(machine & human)
        empty_fp += len(machine) if not human else 0
        for g in machine | human:
            per_goal[g][0 if g in machine and g in human else 1 if g in machine else 2] += 1
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    labelled = sum(1 for row in rows if row["goals"].strip())
    print(f"  lexicon-nl on {len(rows)} Dutch texts ({labelled} about a goal, {len(rows) - labelled} about none):")
    print(f"  precision {100 * precision:.1f}%  recall {100 * recall:.1f}%  F1 {f1:.2f}  (tp {tp}, fp {fp}, fn {fn})")
    print(
        f"  texts with at least one right goal: {any_right} of {labelled}; goals named for texts about none: {empty_fp}"
    )
    print("  per goal (tp / fp / fn):", ", ".join(f"{g}: {a}/{b}/{c}" for g, (a, b, c) in per_goal.items()))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""Measure the English suggester on the SDG Classification Benchmark, as the published results do.

The benchmark (``benchmark.csv``: ``id, text, sdg, label``; 1,251 expert-labelled snippets) checks
each text against one goal. For every row the suggester's prediction is binary — *does it name
``sdg`` for ``text``?* — and is compared with ``label``. Per goal this gives tp/fp/tn/fn and
accuracy, precision, recall (in percent) and F1 (0–1); precision is 0 when the suggester never
names the goal (no positive predictions), F1 is 0 when precision and recall are 0. The
**Average** row is the unweighted mean of the 17 per-goal rows, as in the published
``*.stats.csv`` files.

The benchmark is a **test set**: nothing in the suggester was derived from its texts. This module
reads it only when asked (``benchmarks/bench_sdg_accuracy.py``, ``tests/sdg``); the package does not
ship it.
"""

from __future__ import annotations

import csv
from collections.abc import Callable
from pathlib import Path

COLUMNS = ("sdg", "n", "accuracy", "precision", "recall", "f1", "tp", "fp", "tn", "fn")


def _row(goal: str, tp: int, fp: int, tn: int, fn: int) -> dict[str, float | str]:
    n = tp + fp + tn + fn
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {
        "sdg": goal,
        "n": n,
        "accuracy": 100 * (tp + tn) / n if n else 0.0,
        "precision": 100 * precision,
        "recall": 100 * recall,
        "f1": f1,
        "tp": tp,
        "fp": fp,
        "tn": tn,
        "fn": fn,
    }


def measure(benchmark: Path, predict: Callable[[str], list[int]] | None = None) -> list[dict[str, float | str]]:
    """The Average row, then one row per goal (``COLUMNS``), for ``predict`` (default: the Aurora suggester)."""
    if predict is None:
        from .suggest import goals_en as predict
    counts: dict[int, list[int]] = {}
    with Path(benchmark).open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            goal = int(row["sdg"])
            predicted = goal in predict(row["text"])
            actual = row["label"].strip().lower() == "true"
            entry = counts.setdefault(goal, [0, 0, 0, 0])  # tp fp tn fn
            entry[0 if predicted and actual else 1 if predicted else 3 if actual else 2] += 1
    rows = [_row(str(g), *counts[g]) for g in sorted(counts)]
    average = {"sdg": "Average"}
    for column in COLUMNS[1:]:
        average[column] = sum(float(r[column]) for r in rows) / len(rows)
    return [average, *rows]


def read_published(folder: Path) -> dict[str, dict[str, float]]:
    """Tool name → its published Average row, from ``published/<tool>.stats.csv``."""
    out = {}
    for path in sorted(Path(folder).glob("*.stats.csv")):
        with path.open(encoding="utf-8", newline="") as handle:
            for row in csv.DictReader(handle):
                if row["sdg"] == "Average":
                    out[path.name.removesuffix(".stats.csv")] = {k: float(v) for k, v in row.items() if k != "sdg"}
    return out


def rounded(row: dict[str, float | str]) -> dict[str, str]:
    """A row as the docs print it: percentages with one decimal, F1 with two, counts with one."""
    out = {"sdg": str(row["sdg"])}
    for column in COLUMNS[1:]:
        value = float(row[column])
        digits = 2 if column == "f1" else 1
        out[column] = (
            f"{value:.{digits}f}"
            if row["sdg"] == "Average" or column not in ("n", "tp", "fp", "tn", "fn")
            else str(int(value))
        )
    return out

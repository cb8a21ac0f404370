"""Every example's figures (``impactkit run --json``) are those it had before the architecture
change (stored in ``tests/data/figures/``): refactoring the core and the plugins moves code, never
a number. Metric ids that were renamed are compared under their new name."""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest

import impactkit

FIGURES = Path(__file__).parent / "data" / "figures"
RENAMED = {"leerkring.": "value_chain."}
"""Metric id prefixes renamed since the figures were stored: old prefix -> new prefix."""


def _renamed(key: str) -> str:
    for old, new in RENAMED.items():
        if key.startswith(old):
            return new + key[len(old) :]
    return key


def _same(before: object, after: object, where: str) -> None:
    if isinstance(before, float) or isinstance(after, float):
        assert isinstance(after, int | float) and math.isclose(before, after, rel_tol=1e-12, abs_tol=1e-12), where
    elif isinstance(before, dict):
        assert isinstance(after, dict) and sorted(map(_renamed, before)) == sorted(after), where
        for key, value in before.items():
            _same(value, after[_renamed(key)], f"{where}.{key}")
    elif isinstance(before, list):
        assert isinstance(after, list) and len(before) == len(after), where
        for i, (b, a) in enumerate(zip(before, after)):
            _same(b, a, f"{where}[{i}]")
    elif isinstance(before, str):
        assert isinstance(after, str) and _renamed(before) == after, where
    else:
        assert before == after, where


@pytest.mark.parametrize("example", sorted(p.stem for p in FIGURES.glob("*.json")))
def test_every_examples_figures_are_unchanged(example, monkeypatch):
    monkeypatch.setenv("IMPACTKIT_LANG", "en")
    before = json.loads((FIGURES / f"{example}.json").read_text(encoding="utf-8"))
    result = impactkit.run(impactkit.load(impactkit.examples_dir() / example), lang="en")
    after = json.loads(result.to_json("en"))["metrics"]
    _same(before, after, example)

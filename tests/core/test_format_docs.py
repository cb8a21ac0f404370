"""docs/study-format.md documents every key of the study file."""

from __future__ import annotations

from pathlib import Path

from impactkit.core.model import ChainNode, Change, Decision, Input, Link, Stakeholder, Study

DOC = (Path(__file__).resolve().parents[2] / "docs" / "study-format.md").read_text(encoding="utf-8")
SECTIONS = {
    "## Top level": Study,
    "## `stakeholders`": Stakeholder,
    "## `inputs`": Input,
    "## `activities`": ChainNode,
    "## `links`": Link,
    "## `changes`": Change,
    "## `decisions`": Decision,
}
INTERNAL = {"extra", "row", "codes"}  # set by the loader, not written by users (codes: the plugins' columns)


def section(heading: str) -> str:
    start = DOC.index(heading)
    end = DOC.find("\n## ", start + 1)
    return DOC[start : end if end > 0 else None]


def test_every_key_is_documented_in_its_section():
    for heading, model in SECTIONS.items():
        text = section(heading)
        for name in set(model.model_fields) - INTERNAL:
            assert f"| `{name}`" in text, f"{name} is not documented under {heading}"

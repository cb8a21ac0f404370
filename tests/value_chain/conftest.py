"""Fixtures of the value_chain plugin tests: a fresh manager with only the core and value_chain plugins,
and a small clean leerkring study (as a dict, written as JSON, which is YAML) to vary per test."""

from __future__ import annotations

import copy
import json

import pytest

from impactkit.core.plugins import make_manager

BASE = {
    "impactkit": 1,
    "id": "lk",
    "title": "Leerkring test",
    "language": "en",
    "stakeholders": [
        {"id": "youth", "name": "Young people", "helix": "civil_society"},
        {"id": "students", "name": "Students", "helix": "education"},
    ],
    "inputs": [],
    "activities": [
        {"id": "panel", "name": "Youth panel", "stakeholders": ["youth"], "leads_to": ["meetings"]},
        {"id": "coaching", "name": "Coaching by students", "stakeholders": ["students"]},
    ],
    "outputs": [{"id": "meetings", "name": "6 panel meetings", "leads_to": ["say"]}],
    "outcomes": [
        {
            "id": "say",
            "name": "Young people have a say in their village",
            "stakeholders": ["youth"],
            "indicator": "plans made by young people are adopted",
            "leads_to": ["part"],
        },
        {
            "id": "grow",
            "name": "Students work with residents as equals",
            "stakeholders": ["students"],
            "indicator": "reflection reports",
        },
    ],
    "impacts": [{"id": "part", "name": "Everyone takes part in village life", "stakeholders": ["youth"]}],
    "methods": {
        "value_chain": {
            "needs": [
                {
                    "id": "voice",
                    "statement": "Young people have no voice in local decisions",
                    "stakeholders": ["youth"],
                    "theme": "participation",
                    "source": "interviews",
                },
                {
                    "id": "practice",
                    "statement": "Students lack real practice",
                    "stakeholders": ["students"],
                    "source": "curriculum",
                },
            ],
            "ambition": {"text": "Together for a village where everyone takes part", "needs": ["voice", "practice"]},
            "effects": [
                {"outcome": "say", "needs": ["voice"]},
                {"outcome": "grow", "needs": ["practice"]},
                {"outcome": "part", "needs": ["voice"], "indicator": "people join village activities"},
            ],
            "review": [
                {"activity": "panel", "decision": "continue", "rationale": "fits the ambition"},
                {"activity": "coaching", "decision": "verbeteren", "rationale": "more equal", "effects": ["grow"]},
            ],
        }
    },
}


@pytest.fixture
def value_chain_plugins():
    return make_manager(load=["core", "value_chain"])


@pytest.fixture
def base():
    return copy.deepcopy(BASE)


@pytest.fixture
def write_dict(write_study):
    """Write a study given as a dict; returns the folder."""

    def write(data: dict, **files: str):
        return write_study(json.dumps(data, indent=2, ensure_ascii=False) + "\n", **files)

    return write


@pytest.fixture
def run_dict(write_dict, value_chain_plugins):
    def run(data: dict, lang: str = "en"):
        import impactkit

        return impactkit.run(impactkit.load(write_dict(data), plugins=value_chain_plugins), lang=lang)

    return run


def section(data: dict) -> dict:
    return data["methods"]["value_chain"]

"""The PWMI example reproduces "PWMI draagt bij aan 8 van de 17 SDG's", computed from changes.csv."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

import impactkit

ROOT = Path(__file__).resolve().parents[2]
PWMI = impactkit.examples_dir() / "pwmi"


@pytest.fixture(scope="module")
def run_json(cli):
    outcome = cli("run", ROOT / "examples" / "pwmi", "--json", plugins="core,idg,sdg")
    return outcome, json.loads(outcome.stdout)


def _first_codings() -> list[dict[str, str]]:
    with (PWMI / "changes.csv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    seen, out = set(), []
    for row in rows:
        if row["id"] not in seen:
            seen.add(row["id"])
            out.append(row)
    return out


def test_eight_of_seventeen_goals(run_json):
    _, data = run_json
    m = data["metrics"]
    assert m["sdg.goals_reached"] == 8
    assert m["sdg.coverage"]["reached"] == 8 and m["sdg.coverage"]["total"] == 17
    # the same, counted here straight from the file
    counted = {int(g) for row in _first_codings() for g in row["sdg"].split(";") if g}
    assert m["sdg.goals"] == sorted(counted) and len(counted) == 8
    assert sum(m["sdg.goal_counts"].values()) == sum(len(r["sdg"].split(";")) for r in _first_codings())
    assert m["sdg.coded"] == 256 and m["sdg.uncoded"] == 0


def test_the_helices(run_json):
    _, data = run_json
    m = data["metrics"]
    study = impactkit.load(PWMI)
    expected = {h.helix for h in study.stakeholders}
    assert m["sdg.helices_reached"] == len(expected) == 3
    assert (
        {h for h, e in m["sdg.helices"].items() if e["reached"]}
        == expected
        == {"education", "civil_society", "government"}
    )
    changes = m["sdg.helices"]
    assert (
        changes["education"]["changes"] + changes["civil_society"]["changes"] + changes["government"]["changes"] == 256
    )
    # "PWMI verbindt onderwijs, zorg, gemeente ...": SDG 17 is reached from all three helices
    assert m["sdg.connecting"]["17"] == ["education", "government", "civil_society"]


def test_no_sdg_findings_on_the_example(run_json):
    outcome, data = run_json
    assert [f for f in data["findings"] if f["plugin"] == "sdg"] == []
    assert outcome.exit_code == 0


def test_the_idg_figures_are_unchanged(run_json):
    _, data = run_json
    assert data["metrics"]["idg.dimension_counts"] == {
        "Being": 38,
        "Thinking": 30,
        "Relating": 71,
        "Collaborating": 98,
        "Acting": 19,
    }


def test_the_readme_mentions_the_sdgs():
    text = (PWMI / "README.md").read_text(encoding="utf-8")
    assert "8 of the 17 SDGs" in text and "8 van de 17 SDG's" in text


def test_the_dutch_suggester_on_the_example(sdg_plugins):
    from impactkit.plugins.sdg.coding import measure
    from impactkit.plugins.sdg.state import build

    state = build(impactkit.load(PWMI, plugins=sdg_plugins))
    figures = measure(state.items, "nl")
    assert figures["changes"] == 256 and figures["suggester"] == "impactkit lexicon-nl"
    assert 0 < figures["precision"] < 1 and 0 < figures["recall"] < 1

"""``impactkit code STUDY --method sdg``: the core command with the SDG plugin's coder."""

from __future__ import annotations

import csv
import json

import pytest

from tests.helpers import read_rows

STUDY = """\
impactkit: 1
id: code-demo
title: Code demo
language: {lang}
stakeholders:
  - {{id: ouders, name: Ouders, group: bewoners, helix: civil_society}}
changes: changes.csv
methods:
  sdg: {{}}
"""

CHANGES_NL = (
    "id;persoon;stakeholder;verandering;sdg\r\n"
    "1;p1;ouders;Ik voel me minder eenzaam en mijn gezondheid is beter.;\r\n"
    "2;p2;ouders;Ik ga naar taalles en leer Nederlands.;4\r\n"
    "3;p3;ouders;Het weer was mooi.;\r\n"
    "4;p4;ouders;We komen rond zonder schulden, de armoede is minder.;\r\n"
)
CHANGES_EN = (
    "id,person,stakeholder,change,sdg\r\n"
    "1,p1,ouders,The programme helped to reduce extreme poverty in the neighbourhood.,\r\n"
    "2,p2,ouders,The weather was nice.,\r\n"
)


@pytest.fixture
def invoke(cli):
    return lambda *args: cli(*args, plugins="core,sdg", catch=True)


def test_dutch_suggestions_with_their_words(invoke, coded_study):
    study = coded_study(STUDY.format(lang="nl"), CHANGES_NL)
    outcome = invoke("code", str(study), "--method", "sdg")
    assert outcome.exit_code == 0, outcome.output
    rows = read_rows(study / "changes.sdg-suggestions.csv")
    assert [r["id"] for r in rows] == ["1", "3", "4"]  # change 2 has a human code
    assert rows[0]["sdg_suggested"] == "3"
    assert "SDG 3 Goede gezondheid en welzijn — gezondheid, eenzaam" in rows[0]["sdg_suggested_because"]
    assert rows[1]["sdg_suggested"] == ""
    assert rows[2]["sdg_suggested"].split("; ")[0] == "1" and "armoede" in rows[2]["sdg_suggested_because"]


def test_english_suggestions_name_the_aurora_target(invoke, coded_study):
    study = coded_study(STUDY.format(lang="en"), CHANGES_EN)
    assert invoke("code", str(study), "--method", "sdg").exit_code == 0
    rows = read_rows(study / "changes.sdg-suggestions.csv")
    assert rows[0]["sdg_suggested"] == "1"
    assert "SDG 1 No poverty — 1.1: reduce extreme poverty" in rows[0]["sdg_suggested_because"]
    assert rows[1]["sdg_suggested"] == ""


def test_accepting_writes_goal_numbers_into_empty_cells(invoke, coded_study):
    study = coded_study(STUDY.format(lang="nl"), CHANGES_NL)
    invoke("code", str(study), "--method", "sdg")
    path = study / "changes.sdg-suggestions.csv"
    rows = read_rows(path)
    rows[0].update(accept="ja", sdg_suggested="SDG 3; sdg 11")
    rows[1].update(accept="ja", sdg_suggested="18")  # not a goal: refused
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    outcome = invoke("--lang", "en", "code", str(study), "--method", "sdg", "--accept")
    assert outcome.exit_code == 0, outcome.output
    assert "'18' is not an SDG" in outcome.output
    assert [r["sdg"] for r in read_rows(study / "changes.csv", ";")] == ["3; 11", "4", "", ""]


def test_evaluate_compares_with_the_human_codes(invoke, coded_study):
    study = coded_study(STUDY.format(lang="nl"), CHANGES_NL)
    outcome = invoke("code", str(study), "--method", "sdg", "--evaluate", "--json")
    assert outcome.exit_code == 0, outcome.output
    figures = json.loads(outcome.stdout)
    assert figures["changes"] == 1 and figures["tp"] == 1 and figures["precision"] == 1.0
    assert figures["per_goal"] == {"4": {"tp": 1, "fp": 0, "fn": 0}}


def test_normalise():
    from impactkit.plugins.sdg.coding import normalise

    assert [normalise(None, t) for t in ("4", " SDG 4 ", "sdg-17", "0", "x")] == ["4", "4", "17", None, None]

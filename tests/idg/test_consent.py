"""The IDG top changes under the core's privacy rules: a quote without consent is never the
representative quote, the next change whose quote may be shown is; people are named by role."""

from __future__ import annotations

import impactkit
from tests.core import privacy_study as survey


def _top(folder, **run):
    result = impactkit.run(impactkit.load(folder), lang="nl", **run)
    return result.metrics["idg.top_changes"], result


def test_the_top_change_takes_the_next_quote_that_may_be_shown(tmp_path):
    top, result = _top(survey.write(tmp_path / "s"))
    alone = next(e for e in top["bewoners"] if e["theme"] == "Ik voel me minder alleen.")
    # Fatima's change is the most important (5) but she said no: Piet's quote (4, yes) stands for the theme
    assert alone["quote"] == "Eindelijk iemand die luistert naar wat wij nodig hebben."
    assert alone["quote_kind"] == "quote" and alone["quote_by"] == "bewoner"
    together = next(e for e in top["studenten"] if e["theme"] == "Ik werk beter samen met bewoners.")
    assert together["people"] == 3  # three respondents named Jan de Vries are three people
    shown = {e["quote"] for entries in top.values() for e in entries}
    assert not shown & set(survey.WITHHELD)
    frame = result.tables["idg.top_changes"]
    assert not set(frame["quote"]) & set(survey.WITHHELD)
    assert not set(result.tables["idg.coding"]["person"]) & set(survey.NAMES)


def test_a_theme_whose_quotes_are_all_withheld_is_shown_by_its_statement(tmp_path):
    top, _ = _top(survey.write(tmp_path / "s"))
    braver = next(e for e in top["bewoners"] if e["quote_kind"] == "statement")
    assert braver["quote"] == "Samen met 104 durf ik weer naar buiten."  # Fatima's name is her code here

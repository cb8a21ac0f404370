"""The output/outcome and wish/solution heuristics, and their word lists in the docs."""

from __future__ import annotations

from pathlib import Path

import pytest

from impactkit.plugins.value_chain.lexicon import LEXICON, output_cues, wish_cues

DOC = (Path(__file__).resolve().parents[2] / "docs" / "plugins" / "value_chain.md").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    "text, because",
    [
        ("We zetten 40 studenten in dit jaar", ("40 studenten", "zetten … in")),
        ("We starten drie projecten op", ("drie projecten", "starten", "starten … op")),
        ("Aantal workshops voor ouderen", ("aantal workshops",)),
        ("We organiseren een bingo", ("organiseren",)),
        ("We deploy 40 students this year", ("40 students", "deploy")),
        ("Number of meetings held", ("number of meetings",)),
        ("Three extra workshops in the library", ("three extra workshops",)),
    ],
)
def test_outputs_are_flagged_with_their_words(text, because):
    cues = output_cues(text)
    assert cues.flagged and cues.because == because


@pytest.mark.parametrize(
    "text",
    [
        "Jongeren praten en beslissen mee over wat er in hun wijk gebeurt",
        "Ouderen durven weer naar buiten en zijn minder eenzaam",
        "Jongeren organiseren zelf activiteiten in hun wijk",  # an output verb, but a change for the target group
        "Professionals handelen anders: ze stemmen hun aanbod af",
        "Students feel more confident with residents",
        "In 2025 residents trust the neighbourhood team",
    ],
)
def test_outcomes_are_not_flagged(text):
    assert not output_cues(text).flagged


@pytest.mark.parametrize(
    "text, flagged",
    [
        ("Een bingo organiseren voor ouderen", True),
        ("Ouderen willen een koffieochtend", True),
        ("A workshop on money matters", True),
        ("Ouderen zijn eenzaam en durven niet naar buiten", False),
        ("Young people have no voice in local decisions", False),
    ],
)
def test_needs_that_are_wishes_or_solutions(text, flagged):
    assert wish_cues(text).flagged is flagged


def test_accents_and_case_do_not_matter():
    assert output_cues("WE ORGANISÉREN een avond").verbs == ("organiseren",)


def test_every_word_of_the_lists_is_in_the_docs():
    for name, lists in LEXICON.items():
        for lang, words in lists.items():
            for word in words:
                assert f"`{word}`" in DOC, f"{name}/{lang}: {word!r} is not in docs/plugins/value_chain.md"

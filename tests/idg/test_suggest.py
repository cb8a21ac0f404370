"""The lexicon suggester: transparent, bilingual, and measured against the PWMI example's codes."""

from __future__ import annotations

from pathlib import Path

import pytest

import impactkit
from impactkit.plugins.idg.framework import load_framework
from impactkit.plugins.idg.state import build
from impactkit.plugins.idg.suggest import evaluate, load_lexicon, parse_lexicon

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def lexicon():
    return load_lexicon("idg-2021")


def test_every_dimension_and_skill_has_dutch_and_english_terms(lexicon):
    fw = lexicon.framework
    for target in fw.skill_names + fw.dimension_names:
        langs = {t.lang for t in lexicon.terms if t.target == target}
        assert langs == {"en", "nl"}, target


def test_a_lexicon_naming_something_outside_the_framework_is_refused():
    with pytest.raises(ValueError, match="row 2"):
        parse_lexicon("target,lang,term,weight\nKindness,en,kind*,1\n", load_framework("idg-2021"))


@pytest.mark.parametrize(
    "text, code, words",
    [
        ("Ik voel me minder alleen door het contact met andere ouders.", "Connectedness", "minder alleen"),
        ("We werken nu echt samen met de partners in de buurt.", "Co-creation Skills", "partners"),
        ("I learned to trust my colleagues and rely on them.", "Trust", "trust"),
        ("Ik durf knopen door te hakken en neem initiatief.", "Courage", "durf"),
        ("Ik kijk kritisch naar de onderbouwing van plannen.", "Critical Thinking", "kritisch"),
        ("Ik heb meer zelfvertrouwen en reflecteer op mijn handelen.", "Self-awareness", "zelfvertrouwen"),
    ],
)
def test_suggestions_say_which_words_triggered_them(lexicon, text, code, words):
    suggestion = lexicon.suggest(text)
    assert suggestion.code == code
    triggered = [w for group in suggestion.because.values() for w in group]
    assert words in triggered
    assert words in suggestion.explain(lexicon.framework, "en")


def test_matching_ignores_case_accents_and_uses_word_prefixes(lexicon):
    assert lexicon.suggest("SAMENWERKINGSPARTNERS").dimension == "Collaborating"
    assert lexicon.suggest("Langetermijnoriëntatie is nodig").dimension == "Thinking"
    # a prefix term matches the start of a word only, not the middle
    assert lexicon.suggest("onsamenwerkbaar").code is None


@pytest.mark.parametrize(
    "text", ["Ik blijf thuis.", "Mijn moeder kookt.", "Op die positie.", "Met het openbaar vervoer."]
)
def test_prefixes_do_not_catch_unrelated_common_words(lexicon, text):
    assert lexicon.suggest(text).code is None


def test_no_matching_word_means_no_suggestion(lexicon):
    suggestion = lexicon.suggest("Het weer was mooi.")
    assert suggestion.code is None and suggestion.because == {}
    assert suggestion.explain(lexicon.framework) == ""


def test_explanations_are_in_the_language_asked(lexicon):
    suggestion = lexicon.suggest("Ik vertrouw mijn collega's meer.")
    assert "Vertrouwen" in suggestion.explain(lexicon.framework, "nl")
    assert "Trust" in suggestion.explain(lexicon.framework, "en")


def test_the_explanation_explains_the_suggested_code_and_labels_the_runners_up(lexicon):
    fw = lexicon.framework
    # PW239 of the PWMI example: "durf" points at Courage (Acting), "gesprek" at Communication
    # Skills (Collaborating); the tie goes to Collaborating, so Courage is a runner-up
    suggestion = lexicon.suggest("Ik durf nu in het Nederlands een gesprek met de juf te voeren.")
    assert suggestion.code == "Communication Skills"
    assert suggestion.explain(fw, "nl") == "gesprek → Communicatievaardigheden (ook: durf → Moed)"
    assert suggestion.explain(fw, "en") == "gesprek → Communication Skills (also: durf → Courage)"
    # the winner's words come first even when another dimension's target is listed first in because
    suggestion = lexicon.suggest("Ik ervaar meer betekenis in wat ik doe doordat ik bijdraag aan de wijk.")
    assert suggestion.code == "Inner Compass" and list(suggestion.because)[0] == "Connectedness"
    assert suggestion.explain(fw, "en") == "betekenis → Inner Compass (also: wijk → Connectedness)"
    # targets of the suggested dimension explain it too: they are not runners-up
    suggestion = lexicon.suggest("We werken samen met partners en vertrouwen elkaar.")
    assert suggestion.dimension == "Collaborating" and "also:" not in suggestion.explain(fw, "en")
    assert suggestion.explain(fw, "en").startswith(
        f"{', '.join(suggestion.because[suggestion.code])} → {fw.label(suggestion.code, 'en')}"
    )


def test_agreement_with_the_pwmi_codes_is_what_the_docs_report(idg_plugins):
    study = impactkit.load(impactkit.examples_dir() / "pwmi", plugins=idg_plugins)
    state = build(study)
    result = evaluate(state.coded, load_lexicon(state.framework.id))
    assert result["changes"] == 256
    docs = (ROOT / "docs" / "plugins" / "idg.md").read_text(encoding="utf-8")
    for figure in (
        f"{result['suggested']} of 256",
        f"{result['coverage'] * 100:.1f}%",
        f"{result['accuracy'] * 100:.1f}%",
        f"{result['accuracy_suggested'] * 100:.1f}%",
        f"{result['kappa']:.2f}",
        f"{result['skill_accuracy'] * 100:.1f}%",
    ):
        assert figure in docs, f"docs/plugins/idg.md does not report {figure}; update the measurement"
    # the suggester must beat always guessing the most common dimension (98 of 256 = 38.3%)
    assert result["accuracy"] > 98 / 256
    assert result["kappa"] > 0.4

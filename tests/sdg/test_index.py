"""The compiled index of a query system finds exactly what evaluating each query on its own finds.

``Index.matches`` (one scan of the words, the queries compiled into functions over the phrases
found, proximity and the matched words worked out only where needed) against ``evaluate`` of
every query on a :class:`Document`: on the shipped systems with generated texts and the
development set's texts, and on random queries of every node kind (hypothesis).
"""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from impactkit.plugins.sdg.matcher import And, AndNot, Document, Index, Near, Or, Phrase, Unknown, evaluate, words
from impactkit.plugins.sdg.querysets import builtin
from impactkit.plugins.sdg.sample import sample_texts

ROOT = Path(__file__).resolve().parents[2]
DEV = ROOT / "benchmarks" / "data" / "sdg-dev-en.csv"
TITLES = ROOT.parent / "shared" / "data" / "sdg-titles" / "global_targets.yml"


def one_by_one(trees, text: str) -> list[tuple[int, tuple[str, ...]]]:
    doc = Document(text)
    return [(i, found) for i, tree in enumerate(trees) for ok, found in [evaluate(tree, doc)] if ok]


def dev_texts() -> list[str]:
    with DEV.open(encoding="utf-8", newline="") as handle:
        texts = [row["text"] for row in csv.DictReader(handle)]
    if TITLES.exists():  # the wording of the targets, when ../shared is beside the clone
        from ruamel.yaml import YAML

        texts += [str(v) for k, v in YAML(typ="safe").load(TITLES.read_text("utf-8")).items() if k.endswith("-title")]
    return texts


@pytest.mark.parametrize("system", ["aurora", "bergen", "bergen-topic", "keywords-en"])
def test_the_index_finds_what_each_query_finds_on_generated_and_development_texts(system):
    queries = builtin(system).queries
    trees = [q.tree for q in queries]
    index = Index(trees)
    texts = sample_texts(60, seed=7) + dev_texts() + ["", "   ", "Équité et éducation: l'école pour tous"]
    found = 0
    for text in texts:
        expected = one_by_one(trees, text)
        assert index.matches(text) == expected, text
        assert index.matches(text, words(text)) == expected
        found += len(expected)
    assert found > len(texts)  # the texts do make queries true


def test_the_shipped_systems_compile_once_and_share_the_words_of_a_text():
    aurora = builtin("aurora")
    assert aurora.index is aurora.index
    text = "Cash transfers reduced extreme poverty among rural households."
    assert aurora.hits(text, words(text)) == aurora.hits(text)


# -- random queries ----------------------------------------------------------------------------

VOCABULARY = ["a", "b", "ab", "abc", "ba", "cab", "as", "bs"]
PATTERNS = ["a", "=a", "b", "=ab", "ab*", "a*", "*b", "*a*", "a$", "ab$", "?b", "c?b", "b*s", "cab"]

leaf = st.lists(st.sampled_from(PATTERNS), min_size=1, max_size=3).map(lambda w: Phrase(tuple(w)))
unknown = st.just(Unknown("SRCTITLE(x)"))


def extend(children):
    parts = st.lists(children, min_size=2, max_size=4).map(tuple)
    return st.one_of(
        parts.map(Or),
        parts.map(And),
        st.tuples(children, children).map(lambda lr: AndNot(*lr)),
        st.tuples(children, children, st.integers(0, 6), st.booleans()).map(lambda t: Near(*t)),
    )


trees = st.recursive(st.one_of(leaf, leaf, leaf, unknown), extend, max_leaves=10)
texts = st.lists(st.sampled_from(VOCABULARY), min_size=0, max_size=14).map(" ".join)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(trees, min_size=1, max_size=6), st.lists(texts, min_size=1, max_size=5))
def test_random_queries_match_alike_on_both_paths(queries, samples):
    index = Index(queries)
    for text in samples:
        assert index.matches(text) == one_by_one(queries, text)


def test_a_target_needs_one_true_query_so_the_others_of_it_are_not_tested():
    from impactkit.plugins.sdg.querysets import together

    aurora, bergen = builtin("aurora"), builtin("bergen")
    both = together((aurora, bergen))
    for text in sample_texts(40, seed=11):
        for system in (aurora, bergen):
            scan, true = system.index.true_queries(text)  # every true query
            assert system.hits(text) == system.goal_matches(true, lambda i, s=scan, x=system: x.index.words(s, i))
            scan, first = system.index.true_queries(text, once=system.targets)
            assert set(first) <= set(true) and {system.targets[i] for i in first} == {system.targets[i] for i in true}
        assert both.hits(text) == {"aurora": aurora.hits(text), "bergen": bergen.hits(text)}


@pytest.mark.parametrize(
    "text", ["Équité et éducation", "İstanbul", "Straße", "under‐5 mortality", "ﬁnance", "Ⅻ", "naïve café"]
)
def test_folding_drops_accents_as_decomposing_and_filtering_does(text):
    import unicodedata

    from impactkit.plugins.sdg.matcher import fold

    decomposed = unicodedata.normalize("NFKD", text)
    assert fold(text) == "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()


_MOSTLY_ASCII = st.lists(
    st.text(alphabet=st.characters(max_codepoint=0x7F), max_size=12) | st.text(max_size=3), max_size=10
).map("".join)
"""ASCII with runs of any other characters in it (accents, marks, quotes, ligatures, other scripts)."""


@settings(max_examples=500, deadline=None)
@given(
    st.text(alphabet=st.characters(max_codepoint=0x17F), max_size=80)
    | st.text(alphabet=st.characters(max_codepoint=0x7F), max_size=80)
    | st.text(max_size=40)
    | _MOSTLY_ASCII
)
def test_the_words_of_a_text_are_the_runs_of_letters_and_digits_of_its_folded_form(text):
    import re

    from impactkit.plugins.sdg.matcher import fold

    # words() folds each run of non-ASCII characters by itself; the whole text folded at once is the reference
    assert words(text) == re.findall(r"[a-z0-9]+", fold(text))


@pytest.mark.parametrize(
    "text",
    ["e\u0301te\u0301", "Straße", "ﬁnance’s", "A\u0308\u0323b", "x™y", "İstanbul", "ΟΔΟΣ 5", "under‐5 – “mortality”"],
)
def test_runs_of_other_characters_fold_as_the_whole_text_does(text):
    import re

    from impactkit.plugins.sdg.matcher import fold

    expected = re.findall(r"[a-z0-9]+", fold(text))
    assert words(text) == expected
    assert words(text) == expected  # a second time, from the runs learned the first time


def test_the_runs_learned_are_bounded(monkeypatch):
    from impactkit.plugins.sdg import matcher

    monkeypatch.setattr(matcher, "_RUNS_KEPT", 3)
    matcher._RUNS.clear()
    texts = [f"caf{accent} no{n}" for n, accent in enumerate("éèêëēėę")]
    assert [words(text) for text in texts] == [["cafe", f"no{n}"] for n in range(len(texts))]
    assert 0 < len(matcher._RUNS) <= 3


@pytest.mark.parametrize("n", range(0, 40))
def test_the_written_out_spread_covers_0_to_n_places(n):
    from impactkit.plugins.sdg.matcher import _spread_lines

    for bits in (0b1, 0b1001, 0b1 << 50 | 0b101):
        namespace = {"x": bits}
        exec("\n".join(_spread_lines("x", n)), namespace)
        expected = 0
        for k in range(n + 1):
            expected |= bits << k
        assert namespace["x"] == expected

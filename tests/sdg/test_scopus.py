"""The Scopus query evaluator: syntax, precedence, proximity, wildcards and unknown fields."""

from __future__ import annotations

import pytest

from impactkit.plugins.sdg.scopus import Document, QueryError, compile_query, evaluate


def matches(query: str, text: str) -> bool:
    return evaluate(query, text)[0]


@pytest.mark.parametrize(
    "query, text, expected",
    [
        ('"quality education"', "Access to Quality-education for all", True),
        ('"quality education"', "education of quality", False),
        ('"equit*"', "an equitable system", True),
        ('"equit*"', "quite", False),
        ('"child* labo*"', "child labourers", True),
        ('"wom?n"', "women and men", True),
        ('"school"', "new schools", True),  # plain plural, as Scopus
        ('"policy"', "their policies", True),
        ('"a" OR "b"', "b", True),
        ('"a" AND "b"', "a only", False),
        ('"a" "b"', "b then a", True),  # side by side: AND
        ('"a" AND NOT "b"', "a b", False),
        ('"a" AND NOT "b"', "a c", True),
        ('"a" AND NOT "b" AND "c"', "a b", True),  # AND NOT binds loosest: a AND NOT (b AND c)
        ('"x" OR "a" W/1 "c"', "a b c", True),  # OR binds tighter than W/n: (x OR a) W/1 c
        ('"a" W/1 "c"', "c b a", True),
        ('"a" W/0 "c"', "a b c", False),
        ('"a" PRE/1 "c"', "a b c", True),
        ('"c" PRE/1 "a"', "a b c", False),
        ('("poverty") W/3 ("reduc*" OR "end")', "policies that reduce extreme rural poverty", True),
        ('("poverty") W/3 ("reduc*" OR "end")', "reduce the number of people who live in extreme poverty", False),
        ('TITLE-ABS-KEY("water" AND "sanitation")', "water and sanitation", True),
        ('("a") AND ("b")', "a b", True),  # AND before a parenthesis is the operator, not a field
        ('("a") OR ("b")', "b", True),
    ],
)
def test_syntax(query, text, expected):
    assert matches(query, text) is expected


def test_fields_a_text_does_not_have_are_unknown_and_never_make_a_match():
    text = "school meals in Kenya"
    assert not matches('SRCTITLE("lancet")', text)
    assert not matches('"school" AND AFFILCOUNTRY(kenya)', text)  # unknown AND true: unknown
    assert matches('"school" OR SRCTITLE("lancet")', text)  # unknown OR true: true
    assert not matches('"school" AND NOT SRCTITLE("lancet")', text)  # NOT unknown: unknown
    assert not matches('"school" AND PUBYEAR > 2009', text)
    assert not evaluate(compile_query('"school"', "AF-ID"), text)[0]  # a query line on another field


def test_the_words_that_matched_are_returned():
    ok, words = evaluate(
        '(("increas*" W/3 ("skills" OR "competenc*")) AND ("employ*"))',
        "Programmes increase digital skills and employment.",
    )
    assert ok and words == ("increase digital skills", "employment")


def test_a_document_caches_look_ups():
    doc = Document("Équité and equity")
    assert doc.positions("equit*") == (0, 2)  # accents folded
    assert doc.positions("equit*") is doc.positions("equit*")


@pytest.mark.parametrize("query", ['("a" OR "b"', '"a" OR', '"*"', 'TITLE("a"'])
def test_broken_queries_are_refused(query):
    with pytest.raises(QueryError):
        compile_query(query)


def test_every_aurora_line_compiles():
    from impactkit.plugins.sdg.goals import targets as load_targets
    from impactkit.plugins.sdg.suggest import aurora_lines

    lines = aurora_lines()
    assert len(lines) == 378 and {line.goal for line in lines} == set(range(1, 18))
    targets = {line.target for line in lines}
    # every target has a query, plus Aurora's general query for goal 13 ("13.0")
    assert targets - {"13.0"} == set(load_targets()) and len(load_targets()) == 169

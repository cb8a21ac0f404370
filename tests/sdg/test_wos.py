"""The Web of Science query parser (the Bergen SDG strings) and the shared index of many queries."""

from __future__ import annotations

import pytest

from impactkit.plugins.sdg.matcher import Document, Index, evaluate
from impactkit.plugins.sdg.scopus import compile_query
from impactkit.plugins.sdg.syntax import QueryError
from impactkit.plugins.sdg.wos import compile_wos


def matches(query: str, text: str) -> bool:
    return evaluate(compile_wos(query), Document(text))[0]


@pytest.mark.parametrize(
    "query, text, expected",
    [
        ('TS=("primary school*")', "Primary-schools in Kenya", True),
        ('TS=("school")', "new schools", False),  # no plural without a wildcard: the strings write school$
        ('TS=("school$")', "new schools", True),
        ("TS=(school)", "new schools", True),  # unquoted: lemmatised by Web of Science, a plain plural here
        ('TS=("school$")', "schooling", False),
        ('TS=("wom?n")', "women", True),
        ('TS=("*forest*")', "reforestation", True),
        ('TS=("*tidal")', "intertidal zone", True),
        ('TS=("anti-poverty")', "anti poverty measures", True),
        ('"a" NEAR/2 "d"', "d c b a", True),  # either order, two words in between
        ('"a" NEAR/1 "d"', "d c b a", False),
        ('"a" NEAR "d"', "a " + "x " * 15 + "d", True),  # NEAR alone: NEAR/15
        ('"a" NEAR "d"', "a " + "x " * 16 + "d", False),
        ('"a" OR "b" AND "c"', "a", True),  # AND binds tighter than OR: a OR (b AND c)
        ('"a" AND "b" NOT "c"', "a b c", False),  # NOT binds tighter than AND: a AND (b NOT c)
        ('"a" AND "b" NOT "c"', "a b", True),
        ('"a" NOT "b" NOT "c"', "a c", False),
        ('"x" AND "a" NEAR/0 "b"', "x a b", True),  # NEAR binds tightest
        ('("a" or "b") and "c"', "b c", True),  # operators in any case
        ('TS=("a") AND SO=("marine pollution bulletin")', "a", False),  # a journal: unknown, never a match
        ('TS=("a") OR SO=("marine pollution bulletin")', "a", True),
        ('TS=("a") NOT SO=("lancet")', "a", False),  # NOT unknown is unknown
        ("TS=(“quality education”)", "quality education", True),  # typographic quotes
        ('TS=(\n  "a"\n  # a comment with or and "b"\n  OR "c"\n)', "c", True),
    ],
)
def test_syntax(query, text, expected):
    assert matches(query, text) is expected


@pytest.mark.parametrize(
    "query, line, column",
    [
        ('TS=("a" OR', 1, 11),
        ('TS=(\n  "a" OR "b"', 1, 4),  # the parenthesis that is not closed
        ('TS=("a" OR "*")', 1, 13),
        ('"a" "b', 1, 5),
        ('"a")', 1, 4),
    ],
)
def test_errors_say_where(query, line, column):
    with pytest.raises(QueryError) as info:
        compile_wos(query)
    assert (info.value.line, info.value.column) == (line, column), info.value.en
    assert info.value.nl != info.value.en


def test_every_bergen_phrase_compiles_and_can_match():
    from impactkit.plugins.sdg.querysets import builtin

    system = builtin("bergen")
    assert len(system.queries) == 423
    assert {q.goal for q in system.queries} == {1, 2, 3, 4, 7, 11, 12, 13, 14, 15}
    assert system.index.never == ()  # every phrase can be true for some text
    assert sum(') AND (TS= ( "ocean$"' in q.source for q in system.queries) == 21  # combined with the marine terms


def test_unknown_fields_on_the_compiled_path():
    index = Index([compile_query('"a" AND NOT ("b" OR SRCTITLE("x"))'), compile_query('SRCTITLE("x")')])
    assert index.never == (0, 1)  # NOT (b OR unknown) is never false, so the first query is never true
    assert index.matches("a c") == []  # NOT unknown stays unknown, also on the compiled path
    assert index.matches("a b") == []
    index = Index([compile_query('"a" OR SRCTITLE("x")'), compile_query('"a" AND NOT SRCTITLE("x")')])
    assert index.matches("a") == [(0, ("a",))]

"""The Web of Science query parser (the Bergen SDG strings) and the shared index of many queries."""

from __future__ import annotations

import pytest

from impactkit.plugins.sdg.matcher import Document, Index, evaluate, requirements, triggers
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
    assert all(requirements(q.tree) for q in system.queries)
    assert sum(') AND (TS= ( "ocean$"' in q.source for q in system.queries) == 21  # combined with the marine terms


TEXTS = [
    "Cash transfers reduced extreme poverty among rural households in Kenya and Uganda.",
    "Teachers received in-service training in primary schools; dropout of girls fell.",
    "Reforestation and the restoration of degraded wetlands protect freshwater biodiversity.",
    "Plastic pollution in coastal waters harms seagrass meadows and coral reefs.",
    "Solar home systems brought electricity to villages without access to the grid.",
    "The weather was nice and the meeting was moved to Thursday.",
    "Équité et éducation: the policies of Côte d'Ivoire for girls' schooling",
]


@pytest.mark.parametrize("system", ["aurora", "bergen"])
def test_the_index_finds_what_evaluating_each_query_finds(system):
    from impactkit.plugins.sdg.querysets import builtin

    queries = builtin(system).queries
    index = Index([q.tree for q in queries])
    for text in TEXTS:
        doc = Document(text)
        one_by_one = [(i, m) for i, q in enumerate(queries) for ok, m in [evaluate(q.tree, doc)] if ok]
        assert index.matches(text) == one_by_one


def test_triggers_and_requirements():
    tree = compile_query('("a" OR "bb") AND "ccc" AND NOT "d"')
    assert triggers(tree) in ({"a", "bb"}, {"ccc"})
    assert set(requirements(tree)) == {frozenset({"a", "bb"}), frozenset({"ccc"})}
    assert triggers(compile_query('SRCTITLE("x")')) is None
    unknown_or = compile_query('"a" OR SRCTITLE("x")')
    assert triggers(unknown_or) == {"a"}
    index = Index([compile_query('"a" AND NOT ("b" OR SRCTITLE("x"))'), compile_query('SRCTITLE("x")')])
    assert index.never == (1,)
    assert index.matches("a c") == []  # NOT unknown stays unknown, also on the fast path
    assert index.matches("a b") == []

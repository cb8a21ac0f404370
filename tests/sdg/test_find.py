"""The suggester of ``impactkit code --method sdg`` and ``impactkit sdg map`` (:func:`coding.find`):
its short way for query systems gives what each system's goal matches, combined, give.

``combine(hits_of(systems, text))`` is the long way (each system's :class:`GoalMatch` list, then
:func:`combine.combine`); :func:`coding.find` reads the true queries of the systems' one index
straight into the suggestions when every system is a query system with a name of its own.
"""

from __future__ import annotations

import pytest

from impactkit.plugins.sdg.coding import _finder, find
from impactkit.plugins.sdg.combine import combine
from impactkit.plugins.sdg.querysets import builtin, hits_of, load
from impactkit.plugins.sdg.sample import sample_texts

OWN = "goal,target,term,context\n4,4.7,global citizenship,\n13,,climate change,adaptation|mitigation\n6,,water*,\n"
EDGES = [
    "",
    "   ",
    "Équité et éducation: l'école pour tous",
    "poverty poverty poverty reduction",
    "Global citizenship, climate change adaptation and clean water for all.",
]


def texts() -> list[str]:
    return (
        sample_texts(80, seed=21)
        + sample_texts(20, seed=22, length=1500)
        + sample_texts(20, seed=23, length=120)
        + EDGES
    )


@pytest.mark.parametrize(
    "names",
    [("aurora",), ("bergen",), ("aurora", "bergen"), ("bergen", "aurora"), ("aurora", "bergen", "keywords-en")],
)
def test_find_gives_what_the_systems_goal_matches_combined_give(names):
    systems = [builtin(name) for name in names]
    assert _finder(systems) is not None  # the short way is taken
    found = 0
    for text in texts():
        expected = combine(hits_of(systems, text))
        assert find(systems, text) == expected, text
        found += len(expected)
    assert found > 100


def test_a_users_own_system_is_cited_by_its_lines_on_the_short_way_too(tmp_path):
    (tmp_path / "own.csv").write_text(OWN, encoding="utf-8")
    own = load("own.csv", tmp_path)
    for systems in ([own], [builtin("aurora"), own]):
        for text in texts():
            assert find(systems, text) == combine(hits_of(systems, text)), text
    both = find([builtin("aurora"), own], EDGES[-1])
    assert any(reason.startswith("own.csv 4.7 (own.csv:2): ") for s in both for reason in s.reasons)


def test_the_long_way_is_kept_for_the_lexicon_and_for_two_systems_of_one_name():
    aurora = builtin("aurora")
    assert _finder([aurora, builtin("lexicon-nl")]) is None
    assert _finder([aurora, aurora]) is None
    assert _finder([]) is None
    text = "Armoede en schulden in de wijk; poverty reduction and access to basic services."
    assert find([aurora, builtin("lexicon-nl")], text) == combine(hits_of([aurora, builtin("lexicon-nl")], text))
    assert find([aurora, aurora], text) == combine(hits_of([aurora, aurora], text))

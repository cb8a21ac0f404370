"""The IDG analysis on plain change records: the counting convention, top changes, reliability."""

from __future__ import annotations

import pytest

from impactkit.plugins.idg import analysis as a
from impactkit.plugins.idg.framework import load_framework

FW = load_framework("idg-2021")


def rec(
    i,
    idg,
    *,
    id=None,
    person=None,
    group="students",
    role="student",
    theme=None,
    quote=None,
    importance=None,
    coder=None,
    change=None,
):
    # rows sharing an id are codings of one change, so they share its person unless a test says otherwise
    return {
        "index": i,
        "id": id,
        "person": person or (f"p-{id}" if id else f"p{i}"),
        "role": role,
        "stakeholder": group,
        "group": group,
        "change": change or f"change {i}",
        "theme": theme,
        "quote": quote,
        "importance": importance,
        "idg": list(idg),
        "coder": coder,
        "row": i + 2,
    }


def test_each_change_counts_once_per_dimension_and_shares_are_of_coded_changes():
    records = [
        rec(0, ["Collaborating"]),
        rec(1, ["Trust", "Co-creation Skills"]),  # two skills, one dimension: counts once
        rec(2, ["Relating", "Samenwerken"]),  # two dimensions: counted in both
        rec(3, []),  # uncoded
        rec(4, ["Nonsense"]),  # only an unknown code: not coded
    ]
    coded = a.code(records, FW)
    assert a.dimension_counts(coded, FW) == {"Being": 0, "Thinking": 0, "Relating": 1, "Collaborating": 3, "Acting": 0}
    assert a.n_coded(coded) == 3
    shares = a.dimension_shares(coded, FW)
    assert shares["Collaborating"] == pytest.approx(1.0)
    assert shares["Relating"] == pytest.approx(1 / 3)
    skills = a.skill_counts(coded, FW)
    assert skills["Trust"] == 1 and skills["Co-creation Skills"] == 1 and sum(skills.values()) == 2
    # a named group counts each change once, even when coded in two of its dimensions
    groups = {"connecting": ["Relating", "Collaborating"], "being": ["Being"]}
    assert a.group_counts(coded, groups) == {"connecting": 3, "being": 0}
    assert a.group_shares(coded, groups) == {"connecting": pytest.approx(1.0), "being": 0.0}


def test_nothing_coded_gives_no_shares():
    coded = a.code([rec(0, []), rec(1, [])], FW)
    assert a.dimension_shares(coded, FW) is None
    assert a.group_shares(coded, {"x": ["Being"]}) is None


def test_rows_sharing_an_id_are_one_change_with_the_primary_coders_codes():
    records = [
        rec(0, ["Being"], id="c1", coder="A"),
        rec(1, ["Relating"], id="c1", coder="B"),
        rec(2, ["Acting"], id="c2", coder="B"),
        rec(3, ["Thinking"], id="c2", coder="A"),
    ]
    first = a.code(records, FW)
    assert [c.dimensions for c in first] == [("Being",), ("Acting",)]
    chosen = a.code(records, FW, primary_coder="a")
    assert [c.dimensions for c in chosen] == [("Being",), ("Thinking",)]


def test_rows_sharing_an_id_but_not_a_person_are_two_changes():
    # the core reports such rows as an error; the plugin must not silently merge them meanwhile
    records = [
        rec(0, ["Being"], id="c1", person="anna", coder="A"),
        rec(1, ["Relating"], id="c1", person="bram", coder="B"),
    ]
    coded = a.code(records, FW)
    assert [c["person"] for c in coded] == ["anna", "bram"]
    assert a.n_coded(coded) == 2
    assert a.dimension_counts(coded, FW) == {"Being": 1, "Thinking": 0, "Relating": 1, "Collaborating": 0, "Acting": 0}
    assert list(a.group_codings(records).values()) == [[records[0]], [records[1]]]
    # two people's changes are not two codings of one change: no made-up reliability
    assert a.reliability(records, FW) is None
    assert a.confusion_table(records, FW) is None


def test_the_same_person_written_differently_is_still_one_change():
    records = [
        rec(0, ["Being"], id="c1", person="Anna ", coder="A"),
        rec(1, ["Being"], id="c1", person="anna", coder="B"),
    ]
    assert len(a.code(records, FW)) == 1
    assert a.reliability(records, FW)["units"] == 1


def test_rows_without_an_id_are_never_merged():
    records = [rec(0, ["Being"], person="anna", change="same"), rec(1, ["Being"], person="anna", change="same")]
    assert len(a.code(records, FW)) == 2
    assert a.reliability(records, FW) is None


def test_breakdown_per_group_and_role():
    records = [
        rec(0, ["Being"], group="students"),
        rec(1, ["Acting"], group="residents", role="parent"),
        rec(2, [], group="residents", role="parent"),
    ]
    parts = a.breakdown(a.code(records, FW), FW, "group")
    assert list(parts) == ["students", "residents"]
    assert parts["residents"]["coded"] == 1 and parts["residents"]["uncoded"] == 1
    assert parts["residents"]["dimension_counts"]["Acting"] == 1
    assert parts["residents"]["skill_counts"] == {}
    assert a.breakdown(a.code(records, FW), FW, "role")["parent"]["changes"] == 2


def themed(group="g"):
    """Theme A: 3 people, mean importance 2; theme B: 2 people, mean 5; theme C: 1 person, no importance."""
    return [
        rec(0, ["Being"], group=group, person="p1", theme="A", importance=2),
        rec(1, ["Being"], group=group, person="p2", theme="A", importance=2, quote="quiet quote"),
        rec(2, ["Relating"], group=group, person="p3", theme="A", importance=None),
        rec(3, ["Acting"], group=group, person="p1", theme="B", importance=5, quote="loud quote"),
        rec(4, ["Acting"], group=group, person="p2", theme="B", importance=5),
        rec(5, ["Thinking"], group=group, person="p4", theme="C"),
    ]


def test_top_changes_rank_by_people_importance_or_their_product():
    coded = a.code(themed(), FW)
    by_people = a.top_changes(coded, FW, rank_by="people", top=3)["g"]
    assert [e["theme"] for e in by_people] == ["A", "B", "C"]
    assert by_people[0]["people"] == 3 and by_people[0]["mean_importance"] == pytest.approx(2.0)
    assert by_people[0]["dimensions"] == {"Being": 2, "Relating": 1}
    by_importance = a.top_changes(coded, FW, rank_by="importance", top=3)["g"]
    assert [e["theme"] for e in by_importance] == ["B", "A", "C"]  # no importance ranks last
    product = a.top_changes(coded, FW, rank_by="people_x_importance", top=2)["g"]
    assert [(e["theme"], e["score"]) for e in product] == [("B", 10.0), ("A", 6.0)]
    assert [e["rank"] for e in product] == [1, 2]
    with pytest.raises(ValueError):
        a.top_changes(coded, FW, rank_by="votes")


def test_top_changes_carry_the_quote_of_the_most_important_change():
    top = a.top_changes(a.code(themed(), FW), FW, rank_by="people")["g"]
    assert top[0]["quote"] == "quiet quote" and top[0]["quote_by"] == "student"
    assert top[1]["quote"] == "loud quote"
    assert [t["quote_kind"] for t in top] == ["quote", "quote", "statement"]
    # without a quote, the person's own words of the most important change stand in, marked so
    assert top[2]["quote"] == top[2]["example"] == "change 5"


def test_changes_without_a_theme_are_grouped_by_their_statement():
    records = [
        rec(0, ["Being"], change="I feel  less alone"),
        rec(1, ["Being"], change="I feel less alone"),
        rec(2, ["Acting"], change="Something else"),
    ]
    top = a.top_changes(a.code(records, FW), FW)["students"]
    assert top[0]["theme"] == "I feel less alone" and top[0]["people"] == 2


def test_reliability_overall_and_per_dimension():
    # five changes coded by A and B: agree on 4 (one of them with different skills of one dimension)
    pairs = [
        ("Being", "Zijn"),
        ("Trust", "Co-creation Skills"),
        ("Relating", "Collaborating"),
        ("Acting", "Acting"),
        ("Thinking", "Thinking"),
    ]
    records = []
    for i, (x, y) in enumerate(pairs):
        records += [rec(2 * i, [x], id=f"c{i}", coder="A"), rec(2 * i + 1, [y], id=f"c{i}", coder="B")]
    records.append(rec(99, ["Being"], id="single", coder="A"))  # coded once: not a unit
    rel = a.reliability(records, FW)
    assert rel["coders"] == ["A", "B"] and rel["units"] == 5
    assert rel["agreement"] == pytest.approx(0.8)
    # categories A: Being, Collab, Relating, Acting, Thinking; B: Being, Collab, Collab, Acting, Thinking
    # p_o = 0.8; p_e = (1*1 + 1*2 + 1*0 + 1*1 + 1*1)/25 = 0.2; kappa = 0.6/0.8 = 0.75
    assert rel["kappa"] == pytest.approx(0.75)
    # n = 10 values (Being 2, Collab 3, Relating 1, Acting 2, Thinking 2); disagreeing pairs: 2
    # alpha = 1 - (n-1) * 2 / (n^2 - sum n_c^2) = 1 - 9*2/(100-22) = 1 - 18/78
    assert rel["alpha"] == pytest.approx(1 - 18 / 78)
    assert rel["per_dimension"]["Being"]["kappa"] == pytest.approx(1.0)
    assert rel["per_dimension"]["Relating"]["agreement"] == pytest.approx(0.8)
    (first, second), table = a.confusion_table(records, FW)
    assert (first, second) == ("A", "B")
    assert table["Relating"]["Collaborating"] == 1 and table["Collaborating"]["Collaborating"] == 1


def test_reliability_with_three_coders_and_missing_codes():
    records = [
        rec(0, ["Being"], id="c1", coder="A"),
        rec(1, ["Being"], id="c1", coder="B"),
        rec(2, [], id="c1", coder="C"),
        rec(3, ["Acting"], id="c2", coder="A"),
        rec(4, ["Acting"], id="c2", coder="B"),
        rec(5, ["Acting"], id="c2", coder="C"),
        rec(6, ["Relating"], id="c3", coder="A"),
        rec(7, ["Relating"], id="c3"),  # no coder name
    ]
    rel = a.reliability(records, FW)
    assert rel["coders"] == ["A", "B", "C", "coder 2"]
    assert rel["kappa"] is None  # Cohen's kappa is for exactly two coders; see "pairs"
    assert rel["alpha"] == pytest.approx(1.0)
    assert {tuple(p["coders"]) for p in rel["pairs"]} >= {("A", "B"), ("A", "C")}


def test_no_double_coding_no_reliability():
    assert a.reliability([rec(0, ["Being"], id="x"), rec(1, ["Acting"], id="y")], FW) is None
    assert a.confusion_table([rec(0, ["Being"])], FW) is None


# -- the same figures on the changes as one table ---------------------------------------------

from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

CODES = ["Being", "Denken", "Trust", "Samenwerken/Vertrouwen", "Being/Trust", "Nonsense", "Empathie", "Courage"]


@settings(max_examples=120, deadline=None)
@given(st.data())
def test_a_coded_table_gives_the_figures_the_list_gives(data):
    count = data.draw(st.integers(0, 14))
    records = []
    for i in range(count):
        records.append(
            rec(
                i,
                data.draw(st.lists(st.sampled_from(CODES), max_size=3)),
                id=data.draw(st.sampled_from([None, "c1", "c2", "c3"])),
                person=data.draw(st.sampled_from(["anna", "Anna ", "bram", None])),
                group=data.draw(st.sampled_from(["students", "residents", ""])),
                role=data.draw(st.sampled_from(["student", "parent", None, " parent "])),
                theme=data.draw(st.sampled_from([None, "A", "B", " a  b "])),
                quote=data.draw(st.sampled_from([None, "", "said", "  "])),
                importance=data.draw(st.sampled_from([None, 1, 2.5, 5])),
                coder=data.draw(st.sampled_from([None, "A", "b", "B"])),
                change=data.draw(st.sampled_from([None, "same", "other  one"])),
            )
        )
    primary = data.draw(st.sampled_from([None, "a", "B"]))
    listed = a.code(records, FW, primary)
    table = a.CodedTable.of(a.RecordTable.of_records(records), FW, primary)
    assert [(c.record, c.dimensions, c.skills) for c in table] == [(c.record, c.dimensions, c.skills) for c in listed]
    groups = {"connecting": ["Relating", "Collaborating"], "being": ["Being"]}
    assert a.dimension_counts(table, FW) == a.dimension_counts(listed, FW)
    assert a.skill_counts(table, FW, keep_zero=False) == a.skill_counts(listed, FW, keep_zero=False)
    assert a.n_coded(table) == a.n_coded(listed)
    assert a.group_shares(table, groups) == a.group_shares(listed, groups)
    for by in ("group", "role"):
        assert a.breakdown(table, FW, by, groups) == a.breakdown(listed, FW, by, groups)
    for rank_by in ("people", "importance", "people_x_importance"):
        assert a.top_changes(table, FW, rank_by=rank_by, top=2) == a.top_changes(listed, FW, rank_by=rank_by, top=2)
    records_table = a.RecordTable.of_records(records)
    assert a.reliability(records_table, FW) == a.reliability(records, FW)
    assert a.confusion_table(records_table, FW) == a.confusion_table(records, FW)
    unknown = lambda r: bool(str(r.code).strip()) and not r.ok  # noqa: E731
    assert a.code_problems(records_table, FW, unknown) == a.code_problems(records, FW, unknown)
    assert a.without_codes(table) == a.without_codes(listed)
    assert a.coders_twice(records_table) == a.coders_twice(records)

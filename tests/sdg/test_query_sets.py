"""A user's own query sets: keyword lists and query files, named in methods.sdg.query_sets."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from impactkit.plugin import StudyError
from impactkit.plugins.sdg.combine import combine
from impactkit.plugins.sdg.querysets import builtin, load
from tests.helpers import read_rows

KEYWORDS = (
    "goal,target,term,context\n"
    "4,4.7,global citizenship,\n"
    "13,,climate change,adaptation|mitigation\n"
    "SDG 5,,gender equalit*,\n"
)


def problems(exc: pytest.ExceptionInfo) -> list[str]:
    return [f"{p.location}: {p.message.en}" for p in exc.value.problems]


def test_a_keyword_list_names_goals_targets_and_words(tmp_path):
    (tmp_path / "own.csv").write_text(KEYWORDS, encoding="utf-8")
    system = load("own.csv", tmp_path)
    hits = {h.goal: h for h in system.hits("Global citizenship and gender equality in school")}
    assert sorted(hits) == [4, 5]
    assert hits[4].targets == ("4.7",) and hits[4].reasons == ("4.7 (own.csv:2): global citizenship",)
    assert hits[5].reasons == ("SDG 5 (own.csv:4): gender equality",)
    assert system.hits("climate change is real") == []  # the context term is missing
    assert [h.goal for h in system.hits("adaptation to climate change")] == [13]
    assert system.hits("global citizens") == []  # words as written: no plural or stem without a wildcard


def test_a_dutch_keyword_list_with_semicolons(tmp_path):
    (tmp_path / "eigen.csv").write_text(
        "doel;subdoel;term;context\n1;1.2;armoede;\n11;;buurt*;veilig*|groen\n", encoding="utf-8"
    )
    system = load("eigen.csv", tmp_path)
    assert [h.goal for h in system.hits("Minder armoede in een veiligere buurt")] == [1, 11]


@pytest.mark.parametrize(
    "content, expected",
    [
        ("doel,tekst\n", "own.csv:1: the keyword list needs the columns goal and term"),
        ("goal,term\n", "own.csv: the keyword list holds no term"),
        ("goal,term\n18,x\n", "own.csv:2:goal: '18' is not an SDG"),
        ("goal,target,term\n5,4.7,x\n", "own.csv:2:target: target 4.7 belongs to goal 4, not to goal 5"),
        ("goal,target,term\n4,4.77,x\n", "own.csv:2:target: '4.77' is not an SDG target"),
        ("goal,term\n4,\n", "own.csv:2:term: the term is missing"),
        ("goal,term\n4,*\n", "own.csv:2:term: empty or wildcard-only term"),
        ("goal,term,context\n4,school,*\n", "own.csv:2:context: empty or wildcard-only term"),
        ("", "own.csv: the keyword list is empty"),
    ],
)
def test_a_bad_keyword_list_says_where(tmp_path, content, expected):
    (tmp_path / "own.csv").write_text(content, encoding="utf-8")
    with pytest.raises(StudyError) as info:
        load("own.csv", tmp_path)
    assert any(line.startswith(expected) for line in problems(info)), problems(info)
    assert all(p.message.nl != p.message.en for p in info.value.problems)


def test_every_bad_row_is_reported_at_once(tmp_path):
    (tmp_path / "own.csv").write_text("goal,term\n0,a\n4,b\n19,c\n", encoding="utf-8")
    with pytest.raises(StudyError) as info:
        load("own.csv", tmp_path)
    assert [str(p.location) for p in info.value.problems] == ["own.csv:2:goal", "own.csv:4:goal"]


QUERIES = """\
# my organisation's queries
syntax: wos
4.7: TS=("global citizenship" NEAR/3 educat*)
13: TS=("climate change"
    AND ("adaptation" OR "mitigation"))
"""


def test_a_query_file_in_web_of_science_syntax(tmp_path):
    (tmp_path / "ours.txt").write_text(QUERIES, encoding="utf-8")
    system = load("ours.txt", tmp_path)
    hits = system.hits("Education for global citizenship and climate change adaptation")
    assert [(h.goal, h.targets) for h in hits] == [(4, ("4.7",)), (13, ())]
    assert hits[0].reasons == ("4.7 (ours.txt:3): education for global citizenship",)


def test_a_query_file_in_scopus_syntax_by_default(tmp_path):
    (tmp_path / "ours.txt").write_text('SDG 6: TITLE-ABS-KEY("water" W/3 "sanitation")\n', encoding="utf-8")
    assert [h.goal for h in load("ours.txt", tmp_path).hits("Waters and basic sanitation")] == [6]  # Scopus plurals


@pytest.mark.parametrize(
    "content, expected",
    [
        ('4.7: TS=("a" OR\n', "ours.txt:1:16: the query ends too early"),
        ('syntax: wos\n13: TS=("climate"\n    AND ("a" OR "b")\n', "ours.txt:2:8: this parenthesis is not closed"),
        ('4: "a"\n\n# note\n5: TS=("b" OR "*")\n', "ours.txt:4:16: empty or wildcard-only term"),
        ('18: "a"\n', "ours.txt:1:1: '18' is not an SDG or target"),
        ('"a" OR "b"\n', "ours.txt:1:1: a query starts with its goal or target and a colon"),
        ('   "a"\n', "ours.txt:1:1: an indented line continues a query"),
        ("syntax: lucene\n", "ours.txt:1:9: syntax must be scopus or wos"),
        ("# nothing\n", "ours.txt: the query file holds no query"),
    ],
)
def test_a_bad_query_file_says_line_and_column(tmp_path, content, expected):
    (tmp_path / "ours.txt").write_text(content, encoding="utf-8")
    with pytest.raises(StudyError) as info:
        load("ours.txt", tmp_path)
    assert any(line.startswith(expected) for line in problems(info)), problems(info)


def test_names_and_paths(tmp_path):
    assert load("Bergen", tmp_path) is builtin("bergen")
    (tmp_path.parent / "outside.csv").write_text(KEYWORDS, encoding="utf-8")
    with pytest.raises(StudyError) as info:
        load("../outside.csv", tmp_path)
    assert "lies outside the study folder" in problems(info)[0]
    with pytest.raises(StudyError) as info:
        load("auroa", tmp_path)
    assert "'auroa' is not a query set" in problems(info)[0]
    with pytest.raises(StudyError) as info:
        load("missing.csv", tmp_path)
    assert "does not exist in the study folder" in problems(info)[0]


def test_combining_systems_keeps_each_systems_reasons():
    text = "Education for sustainable development and global citizenship in schools"
    aurora, bergen = builtin("aurora"), builtin("bergen-topic")
    alone = combine({"aurora": aurora.hits(text)})
    both = combine({"aurora": aurora.hits(text), "bergen-topic": bergen.hits(text)})
    assert {s.goal for s in alone} <= {s.goal for s in both}
    four = next(s for s in both if s.goal == 4)
    assert "4.7" in four.targets
    assert all(r.startswith(("aurora ", "bergen-topic ")) for r in four.reasons)
    assert not any(r.startswith("aurora ") for r in next(s for s in alone if s.goal == 4).reasons)


STUDY = """\
impactkit: 1
id: sets
title: Query sets
language: en
stakeholders:
  - {{id: pupils, name: Pupils, group: school, helix: education}}
changes: changes.csv
methods:
  sdg:
    query_sets: {sets}
"""
CHANGES = (
    "id,person,stakeholder,change,sdg\r\n"
    "1,p1,pupils,Pupils learn about global citizenship and protect the wetlands near the school.,\r\n"
)


@pytest.fixture
def invoke(monkeypatch):
    from impactkit.cli.main import cli

    monkeypatch.setenv("IMPACTKIT_LOAD_PLUGINS", "core,sdg")
    return lambda *args: CliRunner().invoke(cli, list(args))


def test_the_code_command_uses_the_query_sets(invoke, coded_study):
    study = coded_study(STUDY.format(sets="[aurora, bergen, own.csv]"), CHANGES)
    (study / "own.csv").write_text(KEYWORDS, encoding="utf-8")
    outcome = invoke("code", str(study), "--method", "sdg")
    assert outcome.exit_code == 0, outcome.output
    row = read_rows(study / "changes.sdg-suggestions.csv")[0]
    assert "4" in row["sdg_suggested"].split("; ") and "15" in row["sdg_suggested"].split("; ")
    assert "own.csv 4.7 (own.csv:2): global citizenship" in row["sdg_suggested_because"]
    assert "bergen 15." in row["sdg_suggested_because"]


def test_a_query_set_outside_the_study_is_refused_at_its_line(invoke, coded_study, tmp_path):
    study = coded_study(STUDY.format(sets="[aurora, ../outside.csv]"), CHANGES)
    (study.parent / "outside.csv").write_text(KEYWORDS, encoding="utf-8")
    outcome = invoke("code", str(study), "--method", "sdg")
    assert outcome.exit_code == 2, outcome.output
    assert "study.yaml:10:" in outcome.output and "lies outside the study folder" in outcome.output
    assert not (study / "changes.sdg-suggestions.csv").exists()


def test_a_bad_keyword_list_stops_the_code_command_with_its_place(invoke, coded_study):
    study = coded_study(STUDY.format(sets="[own.csv]"), CHANGES)
    (study / "own.csv").write_text("goal,term\n4,global citizenship\n20,x\n", encoding="utf-8")
    outcome = invoke("--lang", "nl", "code", str(study), "--method", "sdg")
    assert outcome.exit_code == 2, outcome.output
    assert "own.csv:3:goal: '20' is geen SDG" in outcome.output


def test_validate_reports_a_bad_query_file_at_its_line(invoke, coded_study):
    study = coded_study(STUDY.format(sets="[aurora, ours.txt]"), CHANGES)
    (study / "ours.txt").write_text('4.7: TS=("global" OR\n', encoding="utf-8")
    outcome = invoke("validate", str(study))
    assert outcome.exit_code == 1, outcome.output
    assert "ours.txt:1:21: error: the query ends too early" in outcome.output and "[sdg.query-sets]" in outcome.output
    (study / "ours.txt").write_text('4.7: TS=("global" OR "world")\n', encoding="utf-8")
    assert invoke("validate", str(study)).exit_code == 0


def test_the_english_keyword_list_is_a_shipped_system_for_the_goals_bergen_leaves_out():
    from impactkit.plugins.sdg.querysets import BUILTIN, builtin

    system = builtin("keywords-en")
    assert "keywords-en" in BUILTIN and builtin("keywords-en") is system
    assert system.goals() == {5, 6, 8, 9, 10, 16, 17}
    assert len(system.queries) == 430 and all(q.target.split(".")[0] == str(q.goal) for q in system.queries)
    [water] = system.hits("Households gained access to safe drinking water.")
    assert (water.goal, water.targets, water.reasons) == (
        6,
        ("6.1",),
        ("6.1: drinking water",),
    )  # one term of a target is enough
    assert water.queries == ("keywords-en row 59",)
    assert system.hits("The toilet was repainted.") == []  # a term with a context needs it
    [toilets] = system.hits("A new toilet block was built beside the water point.")
    assert toilets.targets == ("6.2",) and toilets.reasons == ("6.2: toilet; water",)

"""Each value_chain check fires on the study that has the problem, at its line, and not on a clean one."""

from __future__ import annotations

import pytest

from .conftest import section


def value_chain_findings(result):
    return [f for f in result.findings if f.code.startswith("value_chain.")]


def test_a_clean_study_has_no_value_chain_findings(run_dict, base):
    result = run_dict(base)
    assert value_chain_findings(result) == []
    assert result.exit_code == 0


def _review_unknown(d):
    section(d)["review"][0]["activity"] = "panle"


def _unknown_need(d):
    section(d)["ambition"]["needs"].append("voices")


def _unknown_outcome(d):
    section(d)["effects"][0]["outcome"] = "sai"


def _unknown_holder(d):
    section(d)["needs"][0]["stakeholders"] = ["youngsters"]


def _duplicate_need(d):
    section(d)["needs"].append({"id": "voice", "statement": "Again"})


def _output_effect(d):
    d["outcomes"][1]["name"] = "We zetten 40 studenten in dit jaar"


def _output_verb(d):
    d["outcomes"][1]["name"] = "We organise a bingo for the elderly"


def _no_indicator(d):
    del d["outcomes"][1]["indicator"]


def _need_unserved(d):
    section(d)["effects"][1]["needs"] = []


def _effect_unserved(d):
    section(d)["review"][1]["effects"] = []


def _project_unserving(d):
    d["activities"].append({"id": "bingo", "name": "Bingo night"})
    section(d)["review"].append({"activity": "bingo", "decision": "new", "rationale": "residents like it"})


def _project_off_ambition(d):
    d["outcomes"].append({"id": "fun", "name": "Residents enjoy an evening out", "indicator": "they come back"})
    d["activities"].append({"id": "bingo", "name": "Bingo night", "leads_to": ["fun"]})
    section(d)["review"].append({"activity": "bingo", "decision": "continue", "rationale": "subsidy"})


def _stop_depended_on(d):
    section(d)["review"][1]["decision"] = "stoppen"
    d["stakeholders"].append({"id": "city", "name": "City", "helix": "government"})
    d["inputs"].append({"id": "grant", "name": "Grant", "stakeholder": "city", "to": ["coaching"]})


def _ambition_without_need(d):
    section(d)["ambition"]["needs"] = []


def _need_as_wish(d):
    section(d)["needs"][0]["statement"] = "Ouderen willen een bingo"


def _unreviewed(d):
    del section(d)["review"][0]


CASES = [
    (_review_unknown, "value_chain.unknown-activity", "error", "project 'panle'", ('"activity": "panle"',)),
    (_unknown_need, "value_chain.unknown-reference", "error", "need 'voices'", ("voices",)),
    (_unknown_outcome, "value_chain.unknown-reference", "error", "outcome or impact 'sai'", ("sai",)),
    (_unknown_holder, "value_chain.unknown-reference", "error", "stakeholder 'youngsters'", ("youngsters",)),
    (
        _duplicate_need,
        "value_chain.duplicate",
        "error",
        "'voice' is already in methods.value_chain.needs",
        ('"id": "voice"',),
    ),
    (
        _output_effect,
        "value_chain.output-phrased",
        "warning",
        "reads as an output ('40 studenten' and 'zetten … in')",
        ("40 studenten",),
    ),
    (_output_verb, "value_chain.output-phrased", "warning", "'organise'", ("bingo",)),
    (_no_indicator, "value_chain.effect-without-indicator", "warning", "effect 'grow'", ('"outcome": "grow"',)),
    (_need_unserved, "value_chain.need-unserved", "warning", "no effect serves need 'practice'", ('"id": "practice"',)),
    (_effect_unserved, "value_chain.effect-unserved", "warning", "no project serves effect 'grow'", ('"id": "grow"',)),
    (
        _project_unserving,
        "value_chain.project-unserving",
        "warning",
        "project 'bingo' serves no effect",
        ('"decision": "new"',),
    ),
    (
        _project_off_ambition,
        "value_chain.project-off-ambition",
        "warning",
        "only effects outside the ambition (fun)",
        ('"decision": "continue"',),
    ),
    (
        _stop_depended_on,
        "value_chain.stop-depended-on",
        "warning",
        "marked stop, but input grant still invests in it; no other project serves grow",
        ('"decision": "stoppen"',),
    ),
    (
        _ambition_without_need,
        "value_chain.ambition-without-need",
        "warning",
        "the ambition answers no need",
        ('"needs": []',),
    ),
    (_need_as_wish, "value_chain.need-as-wish", "info", "names a solution or activity ('bingo')", ("bingo",)),
    (_unreviewed, "value_chain.unreviewed", "info", "project 'panel' has no review entry", ('"id": "panel"',)),
]


@pytest.mark.parametrize(
    "change, code, severity, words, line_has", CASES, ids=[c[0].__name__.strip("_") for c in CASES]
)
def test_each_check_fires_at_its_line(run_dict, base, change, code, severity, words, line_has):
    change(base)
    result = run_dict(base)
    found = [f for f in value_chain_findings(result) if f.code == code]
    assert len(found) == 1, [f.render("en") for f in value_chain_findings(result)]
    finding = found[0]
    assert finding.severity == severity
    assert words in finding.message.en
    assert finding.message.nl and finding.message.nl != finding.message.en
    lines = result.study.path.read_text(encoding="utf-8").splitlines()
    assert finding.location.file == str(result.study.path) and finding.location.line is not None
    line = lines[finding.location.line - 1]
    assert all(part in line for part in line_has), line
    assert result.exit_code == (1 if severity == "error" else 0)


def test_a_stopped_project_with_nothing_on_it_is_fine(run_dict, base):
    base["activities"].append({"id": "research", "name": "A lector's research"})
    section(base)["review"].append(
        {"activity": "research", "decision": "stop", "rationale": "does not fit", "initiator": "a lector"}
    )
    assert value_chain_findings(run_dict(base)) == []


def test_a_stopped_project_that_alone_feeds_another(run_dict, base):
    base["activities"][1]["leads_to"] = ["follow-up"]
    base["activities"].append({"id": "follow-up", "name": "Follow-up", "leads_to": ["meetings"]})
    section(base)["review"][1]["decision"] = "stop"
    section(base)["review"].append({"activity": "follow-up", "decision": "continue", "rationale": "x"})
    (finding,) = [f for f in value_chain_findings(run_dict(base)) if f.code == "value_chain.stop-depended-on"]
    assert "follow-up comes only from it" in finding.message.en and "komt alleen hieruit voort" in finding.message.nl


def test_off_ambition_is_not_repeated_when_the_ambition_answers_nothing(run_dict, base):
    _ambition_without_need(base)
    codes = [f.code for f in value_chain_findings(run_dict(base))]
    assert codes == ["value_chain.ambition-without-need"]


def test_an_effect_that_serves_no_need(run_dict, base):
    section(base)["effects"].pop()  # 'part' keeps its outcome but loses its entry
    base["impacts"][0]["indicator"] = "people join in"
    (finding,) = value_chain_findings(run_dict(base))
    assert finding.code == "value_chain.effect-without-need" and "effect 'part'" in finding.message.en


def test_findings_in_dutch(run_dict, base):
    _output_effect(base)
    result = run_dict(base, lang="nl")
    (finding,) = value_chain_findings(result)
    assert "wat zien we dan bij de doelgroep?" in finding.render("nl")
    assert "waarschuwing" in finding.render("nl")


def test_a_study_without_the_section_gets_nothing_from_the_plugin(run_dict, base):
    del base["methods"]
    result = run_dict(base)
    assert value_chain_findings(result) == []
    assert not [k for k in result.metrics if k.startswith("value_chain.")]
    assert not [k for k in result.tables if k.startswith("value_chain.")]
    assert result.render("value_chain.value-chain", "dot") is None
    assert "Krachtige Leerkring" not in result.report_markdown("en")

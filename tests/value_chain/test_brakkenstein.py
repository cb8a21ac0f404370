"""The bundled example ``examples/leerkring-brakkenstein`` runs clean, yields the figures it was designed
to, and exercises the leerkring's evaluation step with experienced changes (route 2)."""

from __future__ import annotations

import json
from collections import Counter

import pytest

import impactkit

EXAMPLE = impactkit.examples_dir() / "leerkring-brakkenstein"


@pytest.fixture(scope="module")
def result():
    from impactkit.core.plugins import make_manager

    plugins = make_manager(load=["core", "value_chain", "idg"])
    return impactkit.run(impactkit.load(EXAMPLE, plugins=plugins), plugins=plugins, lang="nl")


def test_the_example_runs_without_errors_or_warnings(result):
    # but one: the reconstructed rows record no consent to quote, which the core warns about (docs/privacy.md)
    assert [f.code for f in result.findings if f.code == "core.no-consent"] == ["core.no-consent"]
    findings = [f for f in result.findings if f.code != "core.no-consent"]
    assert [f.render("en") for f in findings if f.severity in ("error", "warning")] == []
    assert result.exit_code == 0 and result.study.language == "nl"
    # the one finding is the deliberate one: the mobility need records the seed's bingo (see README)
    infos = [(f.code, f.location.key if f.location else None) for f in findings]
    assert infos == [("value_chain.need-as-wish", "methods.value_chain.needs[0].statement")]
    assert "bingo" in findings[0].render("nl")


def test_the_figures_are_computed_from_the_study(result):
    study, m = result.study, result.metrics
    settings = study.method("value_chain")
    assert m["value_chain.needs"] == len(settings.needs) == 4
    assert m["value_chain.effects"] == len(study.outcomes) + len(study.impacts) == 7
    assert m["value_chain.projects"] == len(study.activities) == 7
    decisions = [r.decision for r in settings.review]
    assert m["value_chain.review"] == {d: decisions.count(d) for d in ("continue", "improve", "new", "stop")} | {
        "not_reviewed": 0
    }
    assert m["value_chain.review"] == {"continue": 1, "improve": 2, "new": 2, "stop": 2, "not_reviewed": 0}
    assert m["value_chain.needs_served"] == 1.0 and m["value_chain.effects_served"] == 1.0
    assert m["value_chain.projects_fit"] == 1.0 and m["value_chain.output_phrased_effects"] == 0
    # the mobility need is served by moving older residents, not by the bingo
    assert m["value_chain.chain"]["mobiliteit"] == {
        "effects": ["durven-naar-buiten", "contact"],
        "projects": ["samen-op-pad", "ontmoeting", "valonderzoek"],
    }
    assert "bingo" not in json.dumps(m["value_chain.chain"]) and "website" not in json.dumps(m["value_chain.chain"])


def test_the_evaluation_counts_the_changes_pointing_at_each_effect(result):
    study, m = result.study, result.metrics
    pointing = Counter(c.outcome for c in study.change_list if c.outcome)
    evaluation = m["value_chain.evaluation"]
    assert evaluation["changes"] == {e: pointing.get(e, 0) for e in evaluation["changes"]}
    assert evaluation["changes"] == {
        "durven-naar-buiten": 7,
        "contact": 5,
        "meedoen": 0,
        "zorg-op-tijd": 4,
        "studenten-leren": 7,
        "professionals-signaleren": 3,
        "langer-thuis": 2,
    }
    assert evaluation["effects"] == 7 and evaluation["evaluated"] == 7 and evaluation["coverage"] == 1.0
    assert evaluation["with_changes"] == 6  # 'meedoen' is evaluated by its status alone: not achieved
    assert evaluation["status"] == {"achieved": 1, "partly": 2, "not_achieved": 1, "not_evaluated": 0}
    assert sum(pointing.values()) == 28 and len(study.change_list) == m["core.changes"] == 32
    assert m["core.people"] == 23
    # route 2 runs too: every change carries an IDG code
    assert m["idg.coded"] == 32 and m["idg.uncoded"] == 0
    holders = {h.id for h in study.stakeholders}
    assert {c.stakeholder for c in study.change_list} == holders  # everyone reports a change


def test_the_seed_is_reproduced(result):
    settings = result.study.method("value_chain")
    needs = {n.id: n for n in settings.needs}
    assert "durven de stap naar buiten niet" in needs["mobiliteit"].statement
    assert {"mobiliteit van ouderen", "ouderenparticipatie", "zorg voor ouderen"} <= {n.theme for n in settings.needs}
    reviews = {r.activity: r for r in settings.review}
    assert reviews["bingo"].decision == "stop" and "wens" in reviews["bingo"].rationale
    assert reviews["website"].decision == "stop" and reviews["website"].funding
    assert reviews["valonderzoek"].initiator and reviews["samen-op-pad"].decision == "new"
    assert any("150 huisbezoeken" in o.name for o in result.study.outputs)  # counts sit among the outputs
    assert result.study.decisions


def test_the_example_draws_and_reports(result):
    assert result.render("value_chain.value-chain", "png", "nl").startswith(b"\x89PNG")
    assert result.render("core.toc", "png", "nl").startswith(b"\x89PNG")
    report = result.report_markdown("nl")
    assert "Krachtige Leerkring: waardecreatie" in report and "**Niet meer doen**" in report
    assert "Alle 7 effecten zijn geformuleerd als wat we bij de doelgroep zien." in report
    assert "7 van de 7 effecten geëvalueerd; 6 met ervaren veranderingen als onderbouwing." in report
    dot = result.render("value_chain.value-chain", "dot", "nl").decode()
    assert "…" not in dot  # no label is cut short
    assert "lijn van een gestopt project" in dot  # the bingo's dashed line to 'contact'


@pytest.fixture
def invoke(cli):
    return lambda *args: cli(*args, plugins="core,value_chain,idg")


def test_cli_validate(invoke):
    out = invoke("validate", str(EXAMPLE))
    assert out.exit_code == 0, out.output
    assert "value_chain.need-as-wish" in out.output and "warning" not in out.output


def test_cli_run_json(invoke):
    out = invoke("run", str(EXAMPLE), "--json")
    assert out.exit_code == 0, out.output
    m = json.loads(out.output)["metrics"]
    assert (m["value_chain.needs"], m["value_chain.effects"], m["value_chain.projects"]) == (4, 7, 7)
    assert m["value_chain.review"] == {"continue": 1, "improve": 2, "new": 2, "stop": 2, "not_reviewed": 0}
    assert m["value_chain.evaluation"]["coverage"] == 1.0 and m["value_chain.evaluation"]["with_changes"] == 6


def test_cli_status_shows_the_leerkring_steps_done(invoke):
    out = invoke("--lang", "en", "status", str(EXAMPLE))
    assert out.exit_code == 0, out.output
    for line in (
        "1.1 Leerkring: local needs established — done",
        "2.1 Leerkring: ambition set — done",
        "4.1 Leerkring: effects concretised — done",
        "5.1 Leerkring: projects reviewed — done",
        "5.2 Leerkring: value creation evaluated — done",
        "3. Changes — done",
    ):
        assert line in out.output, out.output
    assert "✗" not in out.output


def test_cli_renders_the_value_chain_to_png(invoke, tmp_path):
    target = tmp_path / "value-chain.png"
    out = invoke("diagram", str(EXAMPLE), "--view", "value-chain", "-o", str(target))
    assert out.exit_code == 0, out.output
    assert target.read_bytes().startswith(b"\x89PNG")

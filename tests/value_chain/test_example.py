"""The bundled example ``examples/leerkring-lingewaard`` runs clean and reproduces the seed's line."""

from __future__ import annotations

import json

import pytest

import impactkit

EXAMPLE = impactkit.examples_dir() / "leerkring-lingewaard"


@pytest.fixture(scope="module")
def result():
    from impactkit.core.plugins import make_manager

    plugins = make_manager(load=["core", "value_chain"])
    return impactkit.run(impactkit.load(EXAMPLE, plugins=plugins), plugins=plugins, lang="nl")


def test_the_example_runs_without_errors_or_warnings(result):
    assert [f.render("en") for f in result.findings if f.severity in ("error", "warning")] == []
    assert result.exit_code == 0 and result.study.language == "nl"


def test_the_figures_are_computed_from_the_study(result):
    study, m = result.study, result.metrics
    settings = study.method("value_chain")
    assert m["value_chain.needs"] == len(settings.needs) == 4
    assert m["value_chain.effects"] == len(study.outcomes) + len(study.impacts) == 6
    assert m["value_chain.projects"] == len(study.activities) == 7
    decisions = [r.decision for r in settings.review]
    assert m["value_chain.review"] == {d: decisions.count(d) for d in ("continue", "improve", "new", "stop")} | {
        "not_reviewed": 0
    }
    assert set(decisions) == {"continue", "improve", "new", "stop"}  # every kind of decision is shown
    assert m["value_chain.needs_served"] == 1.0 and m["value_chain.effects_served"] == 1.0
    assert m["value_chain.projects_fit"] == 1.0 and m["value_chain.output_phrased_effects"] == 0
    chain = m["value_chain.chain"]
    assert chain["armoede"] == {
        "effects": ["eerder-hulp", "zelfregie"],
        "projects": ["keukentafel", "wijkprojecten", "jongerenonderzoek", "jongerenraad"],
    }
    assert "subsidieproject" not in json.dumps(chain) and "lectoraatsonderzoek" not in json.dumps(chain)
    assert "value_chain.evaluation" not in m  # the leerkring has yet to evaluate


def test_the_seed_is_reproduced(result):
    settings = result.study.method("value_chain")
    assert "gedeeld beeld van Lingewaard" in settings.ambition.text
    themes = {n.theme for n in settings.needs}
    assert {"participatie van jongeren", "armoede bestrijden"} <= themes
    stopped = {r.activity: r for r in settings.review if r.decision == "stop"}
    assert stopped["subsidieproject"].funding and stopped["lectoraatsonderzoek"].initiator
    # the seed's output examples sit among the outputs, where counts belong, not among the effects
    assert any("40 studenten" in o.name for o in result.study.outputs)
    assert result.study.decisions


def test_the_example_draws_and_reports(result):
    assert result.render("value_chain.value-chain", "svg", "nl")
    assert result.render("value_chain.decisions", "svg", "en")
    report = result.report_markdown("nl")
    assert "Krachtige Leerkring: waardecreatie" in report and "**Niet meer doen**" in report
    assert "Alle 6 effecten zijn geformuleerd als wat we bij de doelgroep zien." in report


def test_the_value_chain_diagram_draws_every_project_the_table_lists(result):
    import re

    table = result.tables["value_chain.value_chain"]
    listed = {(e, p) for e, p in zip(table["effect"], table["project"]) if isinstance(p, str)}
    assert {p for e, p in listed if e == "zelfregie"} == {
        "keukentafel",
        "wijkprojecten",
        "jongerenonderzoek",
        "jongerenraad",
    }
    dot = result.render("value_chain.value-chain", "dot", "nl").decode()
    ids = {}
    for dot_id, key in re.findall(r'^    ((?:effect|project)_\d+) \[.*tooltip="([^:"]+):', dot, re.M):
        ids[dot_id] = key
    drawn = {(ids[a], ids[b]) for a, b in re.findall(r"^  (effect_\d+) -> (project_\d+)", dot, re.M)}
    assert listed <= drawn
    assert len(re.findall(r"^  (effect_\d+) -> (project_\d+)", dot, re.M)) == len(drawn)  # no arrow twice
    # the projects reach zelfregie through another effect: a faint line, explained in the legend
    assert "het project dient het via een ander effect" in dot
    assert "leidt tot (het ene effect naar het andere)" in dot  # the dotted effect → effect lines
    english = result.render("value_chain.value-chain", "dot", "en").decode()
    assert "leads to (one effect to another)" in english and "through another effect" in english
    assert "…" not in dot  # no label is cut short
    # the theory of change draws the study's own chain only: no project → effect arrows
    toc = result.render("core.toc", "dot", "nl").decode()
    assert '"keukentafel" -> zelfregie' not in toc and "keukentafel -> zelfregie" not in toc


@pytest.fixture
def invoke(cli):
    return lambda *args: cli(*args, plugins="core,value_chain")


def test_cli_run_json(invoke):
    out = invoke("run", str(EXAMPLE), "--json")
    assert out.exit_code == 0, out.output
    data = json.loads(out.output)
    assert data["metrics"]["value_chain.review"]["stop"] == 2
    assert data["metrics"]["value_chain.needs"] == 4


def test_cli_diagram_views(invoke):
    dot = invoke("diagram", str(EXAMPLE), "--view", "value-chain", "-f", "dot")
    assert dot.exit_code == 0 and dot.output.startswith("digraph value_chain")
    assert "Projecten" in dot.output  # the study is Dutch
    english = invoke("--lang", "en", "diagram", str(EXAMPLE), "--view", "value-chain", "-f", "mermaid")
    assert english.exit_code == 0 and "Desired effects" in english.output
    chart = invoke("diagram", EXAMPLE, "--view", "decisions", "-f", "svg")
    assert chart.exit_code == 0 and "<svg" in chart.output


def test_cli_status_shows_the_leerkring_steps(invoke):
    out = invoke("--lang", "en", "status", str(EXAMPLE))
    assert "1.1 Leerkring: local needs established — done" in out.output.replace("✓ ", "")
    assert "5.2 Leerkring: value creation evaluated — missing: an evaluation of: jongeren-beslissen-mee" in out.output
    # the seed's chain: needs → ambition → effects → project review → evaluation
    text = out.output.replace("✓ ", "").replace("✗ ", "")
    order = [
        "1.1 Leerkring: local needs",
        "2.1 Leerkring: ambition",
        "4.1 Leerkring: effects",
        "5.1 Leerkring: projects reviewed",
        "5.2 Leerkring: value creation evaluated",
    ]
    assert [text.index(line) for line in order] == sorted(text.index(line) for line in order)
    assert "3.1 Leerkring" not in text
    assert "IDG" not in out.output  # a study without changes has nothing to code

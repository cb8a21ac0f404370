"""The PWMI example reproduces the published figures (issue: route 2 and the IDG plugin)."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

import impactkit

ROOT = Path(__file__).resolve().parents[2]
PWMI = impactkit.examples_dir() / "pwmi"

# The published top-3 per stakeholder group and its quote ("Impact meten bij leren in de stad").
PUBLISHED = {
    "studenten": (
        [
            "Ik ervaar meer betekenis in wat ik doe doordat ik direct bijdraag aan bewoners en de wijk.",
            "Ik leer sneller en dieper doordat ik leer in echte situaties met echte gevolgen.",
            "Ik ervaar meer uitdaging en variatie doordat ik in meerdere projecten en met diverse doelgroepen werk.",
        ],
        "Door al die verschillende projecten moet ik nu op verschillende manieren inzetbaar zijn",
    ),
    "werkveldpartners": (
        [
            "Deelname aan PWMI heeft bijgedragen aan een duurzame relatie tussen mijn organisatie, het onderwijs en "
            "de lokale gemeenschap.",
            "Mijn organisatie speelt beter in op maatschappelijke vraagstukken door de samenwerking binnen PWMI.",
            "Ik kan efficiënter werken doordat studenten bepaalde taken overnemen of ondersteunen.",
        ],
        "Docenten zijn wekelijks bij mij op locatie",
    ),
    "bruggenbouwers": (
        [
            "De PWMI draagt bij aan een inclusieve, duurzame en lerende samenleving.",
            "Ik ervaar meer verbondenheid met partners binnen onderwijs, welzijn en beleid.",
            "Ik zie groei bij studenten op IDG-vaardigheden zoals samenwerken, reflecteren en verantwoordelijkheid nemen.",
        ],
        "Door structurele samenwerking, wordt er nauw met elkaar opgetrokken",
    ),
    "bewoners": (
        [
            "Ik voel me minder alleen door het contact met andere ouders.",
            "Ik praat en oefen zelf meer Nederlands.",
            "Ik heb nieuwe ouders leren kennen en voel me deel van een groep.",
        ],
        "Ik heb nieuwe vrienden gemaakt. Uit mijn eigen cultuur maar ook uit andere culturen.",
    ),
}


@pytest.fixture(scope="module")
def run_json(cli):
    """``impactkit run examples/pwmi --json``, through the CLI."""
    outcome = cli("run", ROOT / "examples" / "pwmi", "--json", plugins="core,idg")
    return outcome, json.loads(outcome.stdout)


def test_run_json_gives_the_published_figures(run_json):
    _, data = run_json
    m = data["metrics"]
    assert m["core.changes"] == 256
    assert m["core.people"] == 43
    assert m["core.roles"] == 15
    assert m["idg.dimension_counts"] == {"Being": 38, "Thinking": 30, "Relating": 71, "Collaborating": 98, "Acting": 19}
    assert m["idg.coded"] == 256 and m["idg.uncoded"] == 0
    share = m["idg.group_shares"]["samenwerken en verbinden"]
    assert share == pytest.approx((71 + 98) / 256)
    assert round(share * 100) == 66


def test_top_three_per_group_and_their_quotes_come_out_of_the_ranking(run_json):
    _, data = run_json
    top = data["metrics"]["idg.top_changes"]
    for group, (themes, quote) in PUBLISHED.items():
        assert [entry["theme"] for entry in top[group]] == themes, group
        quotes = [entry["quote"] for entry in top[group] if entry["quote_kind"] == "quote"]
        assert all(entry["quote"] for entry in top[group])  # every top change has words to show
        assert len(quotes) == 1 and quotes[0].startswith(quote), group


def test_the_published_themes_are_also_the_most_reported(idg_plugins):
    from impactkit.plugins.idg import analysis as a
    from impactkit.plugins.idg.state import build

    state = build(impactkit.load(PWMI, plugins=idg_plugins))
    by_people = a.top_changes(state.coded, state.framework, rank_by="people", top=3)
    for group, (themes, _) in PUBLISHED.items():
        assert {e["theme"] for e in by_people[group]} == set(themes), group


def test_double_coding_gives_reliability_figures(run_json):
    _, data = run_json
    rel = data["metrics"]["idg.reliability"]
    assert rel["coders"] == ["codeur A", "codeur B"] and rel["units"] == 64
    assert 0.8 < rel["kappa"] < 0.95 and 0.8 < rel["alpha"] < 0.95
    assert set(rel["per_dimension"]) == {"Being", "Thinking", "Relating", "Collaborating", "Acting"}


def test_no_idg_findings_on_the_example(run_json):
    _, data = run_json
    assert [f for f in data["findings"] if f["plugin"] == "idg"] == []


def test_the_example_runs_without_errors(run_json):
    outcome, data = run_json
    assert [f for f in data["findings"] if f["severity"] == "error"] == []
    assert outcome.exit_code == 0


def test_changes_csv_is_what_the_committed_generator_makes():
    spec = importlib.util.spec_from_file_location("make_changes", PWMI / "make_changes.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert module.render() == (PWMI / "changes.csv").read_text(encoding="utf-8")


def test_the_readme_says_the_rows_are_a_reconstruction():
    text = (PWMI / "README.md").read_text(encoding="utf-8")
    assert "reconstruction consistent with the published figures" in text
    assert "not the original data" in text
    assert "niet de oorspronkelijke data" in text


def test_unknown_columns_are_kept(idg_plugins):
    study = impactkit.load(PWMI, plugins=idg_plugins)
    assert study.change_list[0].extra["bron"] in {"interview", "werksessie", "vragenlijst"}


def test_the_written_report_embeds_the_idg_figures(idg_plugins, tmp_path):
    result = impactkit.run(impactkit.load(PWMI, plugins=idg_plugins), lang="nl")
    result.write(tmp_path, formats=("svg",))
    report = (tmp_path / "report.md").read_text(encoding="utf-8")
    for figure in ("idg.dimensions", "idg.groups", "idg.themes"):
        assert (tmp_path / "figures" / f"{figure}.svg").exists()
    for figure in ("idg.dimensions", "idg.groups"):  # charts as pictures, the diagram as Mermaid
        assert f"(figures/{figure}.svg)" in report, figure
    assert report.index("```mermaid", report.index("## Inner Development Goals")) > 0
    # after the IDG text, not somewhere else
    assert report.index("(figures/idg.dimensions.svg)") > report.index("## Inner Development Goals")

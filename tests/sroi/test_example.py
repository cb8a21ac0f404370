"""The route-1 example study ``examples/sroi-werkplaats`` runs fully and clean."""

from __future__ import annotations

import pytest

import impactkit
from impactkit.plugins.sroi.analysis import Analysis
from impactkit.plugins.sroi.io import read_impact_map, write_xlsx

EXAMPLE = impactkit.examples_dir() / "sroi-werkplaats"


@pytest.fixture(scope="module")
def result():
    from impactkit.core.plugins import make_manager

    plugins = make_manager(load=["core", "sroi"])
    return impactkit.run(impactkit.load(EXAMPLE, plugins=plugins), plugins=plugins, lang="nl")


def test_the_example_runs_without_errors_or_warnings(result):
    assert [f.render("en") for f in result.findings if f.severity in ("error", "warning")] == []
    assert result.study.route == "linear" and result.study.language == "nl"


def test_the_example_has_plausible_figures(result):
    m = result.metrics
    assert m["sroi.total_inputs"] == 145_400  # 60,000 + 57,000 + 14,400 + 14,000
    assert 2 < m["sroi.ratio"] < 3.5
    assert m["sroi.net_present_value"] == pytest.approx(m["sroi.present_value"] - 145_400)
    assert set(m["sroi.value_by_stakeholder"]) == {
        "bewoners",
        "studenten",
        "hogeschool",
        "gemeente",
        "corporatie",
        "welzijn",
    }
    mc = m["sroi.monte_carlo"]
    assert mc["draws"] == 20_000 and mc["seed"] == 2024 and mc["uncertain"] >= 15
    assert mc["p5"] < m["sroi.ratio"] < mc["p95"]
    # the decisions of the example rest on these figures: keep them true
    assert m["sroi.probability_ratio_below_1"] < 0.05
    assert m["sroi.ratio"] > 2
    tornado = result.tables["sroi.tornado"]
    assert tornado.iloc[0]["outcome"] == "minder-eenzaam"


def test_the_example_draws_and_reports_in_dutch(result):
    for view in ("sroi.value-map", "sroi.by-stakeholder", "sroi.tornado", "sroi.montecarlo"):
        assert result.render(view, "svg", "nl")
    report = result.report_markdown("nl")
    assert "Wie de waarde krijgt, wie betaalt" in report and "Omslagwaarden" in report


def test_the_example_exports_to_a_value_map_that_reads_back(result, tmp_path):
    analysis = Analysis(result.study)
    write_xlsx(tmp_path / "waardekaart.xlsx", analysis, "nl")
    again = read_impact_map(tmp_path / "waardekaart.xlsx")
    assert again.problems == [] and again.rows == [line.row for line in analysis.value_map.lines]

"""The SDG plugin names helices as the core does: the core's aliases in ``methods.sdg.helices``, the
core's labels in its report, tables, charts and diagram; ids in data."""

from __future__ import annotations

import pytest

import impactkit
from impactkit.core.helices import label
from impactkit.plugins.sdg.settings import SdgSettings

STUDY = """\
impactkit: 1
id: helices
title: Helices
language: nl
stakeholders:
  - {id: buurt, name: Buurt, group: bewoners, helix: Maatschappelijk middenveld}
  - {id: bedrijf, name: Bakker, group: ondernemers, helix: ondernemers}
  - {id: los, name: Los, group: los}
changes:
  - {person: p1, stakeholder: buurt, change: minder alleen, sdg: 10}
  - {person: p2, stakeholder: bedrijf, change: nieuwe klanten, sdg: "8; 10"}
  - {person: p3, stakeholder: los, change: iets, sdg: 10}
methods:
  sdg:
    helices: [civil society, bedrijven, natuur]
"""


@pytest.fixture
def result(write_study, sdg_plugins):
    return impactkit.run(impactkit.load(write_study(STUDY), plugins=sdg_plugins), lang="nl")


def test_the_settings_take_every_core_alias():
    settings = SdgSettings.model_validate(
        {"helices": ["maatschappelijk middenveld", "Ondernemers", "industrie", "natuur", "onderwijs", "education"]}
    )
    assert settings.helices == ["civil_society", "industry", "environment", "education"]


def test_the_coding_table_keeps_the_id_and_adds_the_label(result):
    table = result.tables["sdg.coding"]
    assert list(table["helix"])[:2] == ["civil_society", "industry"] and table["helix"].isna().iloc[2]
    assert list(table["helix_name"]) == ["maatschappij", "bedrijfsleven", ""]
    assert list(table.columns).index("helix_name") == list(table.columns).index("helix") + 1


def test_the_goals_table_and_the_report_use_the_core_labels(result):
    goals = result.tables["sdg.goals"]
    assert goals.loc[10, "helices"] == "bedrijfsleven, maatschappij"
    text = result.report_markdown("nl")
    assert "**SDG 10 Ongelijkheid verminderen** verbindt bedrijfsleven en maatschappij" in text
    assert "Niet bereikt: onderwijs, overheid en milieu." in text


def test_the_diagram_and_chart_use_the_core_labels(result):
    from impactkit.plugins.sdg import views
    from impactkit.plugins.sdg.state import state

    current = state(result.context)
    dot = views.helices_dot(current, "nl")
    assert f'label="{label("civil_society", "nl")}"' in dot and 'label="geen helix"' in dot
    assert "h_civil_society" in dot  # ids stay the ids
    chart = views.helix_goals_chart(current, "nl")
    ticks = [t.get_text() for t in chart.axes[0].get_yticklabels()]
    assert ticks == ["bedrijfsleven", "maatschappij", "geen helix"]


def test_the_findings_name_helices_in_the_readers_language(result):
    by_code = {f.code: f for f in result.findings}
    assert "de helix milieu" in by_code["sdg.helix-not-reached"].message.nl
    assert "the helix environment" in by_code["sdg.helix-not-reached"].message.en
    no_helix = by_code["sdg.no-helix"].message
    assert "onderwijs, bedrijfsleven, overheid, maatschappij of milieu" in no_helix.nl
    assert "education, industry, government, civil_society or environment" in no_helix.en


def test_data_keep_the_ids(result):
    assert result.metrics["sdg.goal_helix"]["10"] == {
        "education": 0,
        "industry": 1,
        "government": 0,
        "civil_society": 1,
        "environment": 0,
        "none": 1,
    }
    assert result.metrics["sdg.by_group"]["ondernemers"]["helices"] == ["industry"]

"""The Python API: load → run → metrics, findings, tables, graph, pictures, notebook display."""

from __future__ import annotations

import impactkit
from impactkit.core.i18n import resolve_lang


def test_load_run_result(write_study, core_plugins):
    study = impactkit.load(write_study(), plugins=core_plugins)
    result = impactkit.run(study)
    assert result.metrics["core.changes"] == 3
    assert result.findings == [] and result.exit_code == 0
    table = result.tables["core.changes_per_group"]
    assert table.loc["students", "changes"] == 2 and table.loc["residents", "people"] == 1
    assert result.graph.nodes["workshops"]["kind"] == "activity"
    assert impactkit.run(study).metrics == result.metrics  # runs are repeatable


def test_changes_dataframe_normalises_stakeholders(write_study, core_plugins):
    result = impactkit.run(impactkit.load(write_study(), plugins=core_plugins))
    frame = result.context.changes
    assert list(frame["stakeholder"]) == ["students", "students", "residents"]
    assert {"id", "person", "respondent", "role", "change", "consent", "row"} <= set(frame.columns)


def test_double_coded_rows_count_as_one_change(write_study, core_plugins):
    text = (
        "impactkit: 1\nid: x\ntitle: X\nstakeholders: [{id: s, name: S}]\nchanges:\n"
        "  - {id: c1, person: p1, stakeholder: s, change: a, coder: ann}\n"
        "  - {id: c1, person: p1, stakeholder: s, change: a, coder: bob}\n"
        "  - {id: c2, person: p2, stakeholder: s, change: b, coder: ann}\n"
    )
    result = impactkit.run(impactkit.load(write_study(text), plugins=core_plugins))
    assert result.metrics["core.changes"] == 2 and result.metrics["core.people"] == 2
    assert result.findings == []  # one node per change, not a duplicate-id error per coding
    assert result.graph.nodes["s"]["changes"] == 2  # counted once per change
    assert sum(1 for _, kind in result.context.change_graph().nodes(data="kind") if kind == "change") == 2


def test_notebook_html_shows_the_summary_and_the_diagram(write_study, core_plugins):
    html = impactkit.run(impactkit.load(write_study(), plugins=core_plugins))._repr_html_()
    assert "What does the learning environment yield?" in html and "<svg" in html and "Demo study" in html
    assert "core.changes" not in html  # a reader's summary: no metric ids


def test_language_choice(write_study, core_plugins, monkeypatch):
    folder = write_study("impactkit: 1\nid: x\ntitle: X\nlanguage: nl\noutputs:\n  - {id: a, name: A, leads_to: [b]}\n")
    study = impactkit.load(folder, plugins=core_plugins)
    assert "verwijst naar" in impactkit.run(study).to_dict()["findings"][0]["message"]
    assert "refers to" in impactkit.run(study, lang="en").to_dict()["findings"][0]["message"]
    monkeypatch.setenv("IMPACTKIT_LANG", "en")
    assert resolve_lang(None, "nl") == "en"


def test_report_in_both_languages(write_study, core_plugins):
    result = impactkit.run(impactkit.load(write_study(), plugins=core_plugins))
    english, dutch = result.report_markdown("en"), result.report_markdown("nl")
    assert "## The five steps" in english and "## De vijf stappen" in dutch
    assert "3 experienced changes from 2 people in 2 roles" in english
    assert "3 ervaren veranderingen van 2 mensen in 2 rollen" in dutch


def test_bundled_examples_ship_inside_the_package():
    assert any(impactkit.examples_dir().glob("*/study.yaml"))


def test_report_embeds_only_figures_that_were_drawn(write_study, core_plugins, tmp_path):
    result = impactkit.run(impactkit.load(write_study(), plugins=core_plugins))
    text = result.report_markdown()
    assert "figures/" not in text  # nothing drawn yet: no broken links, the diagram as Mermaid
    assert "```mermaid\n---\ntitle:" in text
    result.write(tmp_path / "out", report=("md", "html"))
    assert "```mermaid" in (tmp_path / "out" / "report.md").read_text()
    page = (tmp_path / "out" / "report.html").read_text()
    assert "<svg" in page and "figures/" not in page  # inline: the page stands on its own


def test_the_report_names_no_metric_ids_the_figures_stay_in_result_json(write_study):
    from impactkit.core.contributions import Metric
    from impactkit.core.hookspecs import hookimpl
    from impactkit.core.i18n import Text
    from impactkit.core.plugins import make_manager

    class Long:
        @hookimpl
        def impactkit_metrics(self):
            return [
                Metric(
                    id="long.per_person",
                    title=Text(en="Per person", nl="Per persoon"),
                    compute=lambda ctx: {f"person {i}": i for i in range(60)},
                )
            ]

    manager = make_manager(load=["core"])
    manager.register(Long(), "long")
    result = impactkit.run(impactkit.load(write_study(), plugins=manager), plugins=manager)
    text = result.report_markdown("nl")
    assert "core.people" not in text and "long.per" not in text and "person 59" not in text
    assert '"person 59": 59' in result.to_json()

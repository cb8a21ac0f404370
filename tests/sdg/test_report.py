"""The SDG section, charts and step: honest figures (the n a chart rests on is the coded changes, a
step without results is not complete), names as the study writes them, numbers and lists as the
reader's language writes them."""

from __future__ import annotations

import impactkit

from .test_plugin import STUDY


def section(markdown: str, heading: str) -> str:
    start = markdown.index(f"## {heading}\n")
    end = markdown.find("\n## ", start + 1)
    return markdown[start:end]


def test_a_step_with_no_goal_reached_is_not_complete(write_study, sdg_plugins, cli):
    # two changes name a goal each, but a goal needs 3: none of the 17 is reached
    study = write_study(STUDY.replace("min_changes: 2", "min_changes: 3"))
    result = impactkit.run(impactkit.load(study, plugins=sdg_plugins), lang="en")
    assert result.metrics["sdg.goals_reached"] == 0
    steps = section(result.report_markdown("en"), "The five steps")
    row = next(line for line in steps.splitlines() if line.startswith("| 4."))
    assert "| no |" in row and "SDGs and helices reached: a goal reached: none of the 17 rests on 3 changes yet" in row
    dutch = section(result.report_markdown("nl"), "De vijf stappen")
    assert "SDG's en helices bereikt: een bereikt doel: nog geen van de 17 rust op 3 veranderingen" in dutch
    status = cli("--lang", "en", "status", study, plugins="core,sdg").output
    assert "✗ 4.1 SDGs and helices reached — missing: a goal reached" in status


def test_a_step_with_goals_and_helices_reached_is_complete(write_study, sdg_plugins):
    result = impactkit.run(impactkit.load(write_study(STUDY), plugins=sdg_plugins), lang="en")
    from impactkit.core.pipeline import context_for

    ctx, _ = context_for(result.study, sdg_plugins, lang="en")
    (status,) = [status for step, status in ctx.steps() if step.id == "sdg.reached"]
    assert status.done


def test_the_charts_state_the_coded_changes_they_rest_on(write_study, sdg_plugins):
    from impactkit.plugins.sdg import views
    from impactkit.plugins.sdg.state import build

    result = impactkit.run(impactkit.load(write_study(STUDY), plugins=sdg_plugins), lang="en")
    state = build(result.study)
    assert result.metrics["sdg.coded"] == 4 and len(state.items) == 5
    goals = views.goals_chart(state, "en").get_suptitle()
    assert "n = 4 changes with a goal, of 5" in goals and "n = 5" not in goals
    # the heatmap rests on the changes that reach a reached goal (SDG 11 or 17): c2 and c3
    heat = views.helix_goals_chart(state, "nl").axes[0].get_title()
    assert "n = 2 veranderingen met een bereikt doel" in heat and "2 helices" in heat
    dot = views.helices_dot(state, "en")
    assert 'label="Stakeholder groups, helices and the SDGs they reach (n = 2 changes with a reached goal)"' in dot


def test_the_report_names_stakeholders_and_writes_lists_in_the_readers_language(write_study, sdg_plugins):
    result = impactkit.run(impactkit.load(write_study(STUDY), plugins=sdg_plugins), lang="nl")
    dutch = section(result.report_markdown("nl"), "Bredere impact: SDG's en helices")
    assert "4 van de 5 veranderingen dragen bij aan minstens één doel." in dutch
    assert "Een doel telt als bereikt vanaf 2 veranderingen" in dutch
    assert "**onderwijs** (Students): 2 veranderingen, SDG 11 en 17" in dutch  # the stakeholder's name, not its id
    assert "**overheid** (City): 1 verandering, SDG 11 en 17" in dutch
    assert "2 van de 5 helices dragen bij aan de doelen: onderwijs en overheid." in dutch
    assert (
        "Genoemd maar niet bereikt (minder dan 2 veranderingen): SDG 3 Goede gezondheid en welzijn (1) en SDG 4"
        in dutch
    )
    assert "n/a" not in dutch and "n.v.t." not in dutch
    english = section(result.report_markdown("en"), "Broader impact: SDGs and helices")
    assert "**government** (City): 1 change, SDG 11 and 17" in english


def test_the_report_says_which_goals_were_accepted_suggestions(write_study, sdg_plugins):
    study = """\
impactkit: 1
id: s
title: S
route: nonlinear
stakeholders: [{id: students, name: Students, group: students, helix: education}]
changes: changes.csv
methods:
  sdg: {min_changes: 1}
"""
    changes = "id,person,stakeholder,change,sdg\nc1,p1,students,I learn,4\nc2,p2,students,We work together,17\n"
    suggestions = "id,row,person,stakeholder,change,sdg_suggested,sdg_suggested_because,accept\nc1,2,p1,students,I learn,4,learn,ja\n"
    folder = write_study(study, **{"changes.csv": changes, "changes.sdg-suggestions.csv": suggestions})
    result = impactkit.run(impactkit.load(folder, plugins=sdg_plugins), lang="en")
    english = section(result.report_markdown("en"), "How the study was done")
    assert "| Coded by hand, by a researcher | 1 |" in english
    assert "| Suggested by keywords and accepted by a researcher | 1 |" in english
    # the query system behind them, credited as its licence asks (the study's language: English, Aurora)
    assert "The suggestions came from the Aurora SDG queries: “Search Queries for ‘Mapping Research Output" in english
    assert "Maurice Vanderfeesten (VUA), DOI 10.5281/zenodo.3817445, licensed under Creative Commons" in english
    dutch = section(result.report_markdown("nl"), "Verantwoording")
    assert "| Voorgesteld op trefwoorden en geaccepteerd door een onderzoeker | 1 |" in dutch
    assert "De suggesties kwamen uit de Aurora-SDG-zoekvragen" in dutch
    assert "suggest" not in section(result.report_markdown("en"), "Broader impact: SDGs and helices")


def test_findings_about_one_change_read_in_the_singular(write_study, sdg_plugins):
    text = STUDY.replace("min_changes: 2", "min_changes: 2\n    codes_from: outcomes")
    text = text.replace('sdg: "4; 8", coder: B', "coder: B").replace(', sdg: "17"', "").replace(', sdg: "3"', "")
    result = impactkit.run(impactkit.load(write_study(text), plugins=sdg_plugins), lang="en")
    (ignored,) = [f for f in result.findings if f.code == "sdg.codes-ignored"]
    assert ignored.message.en == "codes_from is 'outcomes': the SDG codes of 1 change are not counted"
    assert ignored.message.nl == "codes_from is 'outcomes': de SDG-codes van 1 verandering tellen niet mee"


def test_the_methods_note_credits_the_query_sets_a_study_chose_and_never_names_its_files(write_study, sdg_plugins):
    study = """\
impactkit: 1
id: s
title: S
language: nl
route: nonlinear
stakeholders: [{id: students, name: Students, group: students, helix: education}]
changes: changes.csv
methods:
  sdg: {query_sets: [bergen-topic, lexicon-nl, own.csv]}
"""
    changes = "id,person,stakeholder,change,sdg\nc1,p1,students,I learn,4\nc2,p2,students,Nothing yet,\n"
    own = "goal,target,term,context\n4,4.4,leren,\n"
    folder = write_study(study, **{"changes.csv": changes, "own.csv": own})
    result = impactkit.run(impactkit.load(folder, plugins=sdg_plugins), lang="nl")
    dutch = section(result.report_markdown("nl"), "Verantwoording")
    assert "| Met de hand gecodeerd, door een onderzoeker | 1 |" in dutch
    assert "| Geen doel (niet in de SDG-cijfers) | 1 |" in dutch
    assert "De studie vraagt suggesties aan de Bergen-SDG-zoekstrings (de onderwerpbenadering): Armitage" in dutch
    assert "het eigen Nederlandse SDG-lexicon van impactkit en een eigen trefwoordenlijst" in dutch
    assert "geen van de getelde doelen komt daaruit" in dutch and "own.csv" not in result.report_markdown("nl")


def test_the_summary_names_the_goals_and_helices_reached_with_their_tiles(write_study, sdg_plugins):
    result = impactkit.run(impactkit.load(write_study(STUDY), plugins=sdg_plugins), lang="nl")
    dutch = result.report_markdown("nl")
    summary = dutch[dutch.index("## Samenvatting") : dutch.index("\n## ", dutch.index("## Samenvatting") + 1)]
    assert (
        "De ervaren veranderingen dragen bij aan **2 van de 17 SDG's**: 11 Duurzame steden en gemeenschappen" in summary
    )
    assert "**2 van de 5 helices** dragen eraan bij: onderwijs en overheid." in summary
    assert "Niet bereikt: bedrijfsleven, maatschappij en milieu." in summary
    assert "SDG 11 en 17 verbinden onderwijs en overheid." in summary
    tiles = {k.label: (k.value, k.note) for k in result.document("nl").key_figures}
    assert tiles["SDG's bereikt"] == ("2 van de 17", "n = 4 veranderingen met een doel")
    assert tiles["helices bereikt"] == ("2 van de 5", "onderwijs en overheid")
    english = {k.label: k.value for k in result.document("en").key_figures}
    assert english["SDGs reached"] == "2 of 17" and english["helices reached"] == "2 of 5"

"""The IDG plugin through impactkit's public API: load → run → metrics, findings, views, report."""

from __future__ import annotations

import subprocess
import sys

import pytest

import impactkit
from impactkit.core.errors import StudyError

STUDY = """\
impactkit: 1
id: idg-demo
title: IDG demo
language: en
route: nonlinear
stakeholders:
  - {id: students, name: Students, group: students}
  - {id: parents, name: Parents, group: residents}
changes:
  - {id: c1, person: p1, role: student, stakeholder: students, change: I work together with partners, theme: together, idg: Collaborating, importance: 4}
  - {id: c2, person: p2, role: student, stakeholder: students, change: We co-create with the neighbourhood, theme: together, idg: "Co-creation Skills; Connectedness", quote: We do it together now}
  - {id: c3, person: p2, role: student, stakeholder: students, change: I reflect more, theme: reflecting, idg: zelfbewustzijn, importance: 5}
  - {id: c4, person: p3, role: mother, stakeholder: parents, change: I feel less alone, theme: less alone, idg: Verbondenheid}
  - {id: c5, person: p4, role: mother, stakeholder: parents, change: I feel less alone too, theme: less alone, idg: "Being/Trust"}
  - {id: c6, person: p4, role: mother, stakeholder: parents, change: I dare to ask for help, theme: asking}
  - {id: c7, person: p5, role: father, stakeholder: parents, change: I speak more Dutch, theme: language, idg: Comunication}
methods:
  idg:
    rank_by: people
    top: 2
    groups:
      connecting: [Verbinden, Samenwerken]
"""


@pytest.fixture
def result(write_study, idg_plugins):
    return impactkit.run(impactkit.load(write_study(STUDY), plugins=idg_plugins), lang="en")


def test_counts_shares_and_named_groups(result):
    m = result.metrics
    assert m["idg.coded"] == 5 and m["idg.uncoded"] == 2  # c6 has no code, c7 only an unknown one
    assert m["idg.dimension_counts"] == {"Being": 1, "Thinking": 0, "Relating": 2, "Collaborating": 3, "Acting": 0}
    assert m["idg.dimension_shares"]["Collaborating"] == pytest.approx(3 / 5)
    assert m["idg.skill_counts"]["Trust"] == 1 and m["idg.skill_counts"]["Self-awareness"] == 1
    # c1, c2, c4, c5 are about Relating or Collaborating (c2 in both, counted once)
    assert m["idg.group_shares"] == {"connecting": pytest.approx(4 / 5)}
    assert m["idg.by_group"]["residents"]["uncoded"] == 2
    assert m["idg.by_role"]["mother"]["dimension_counts"]["Relating"] == 1
    top = m["idg.top_changes"]
    assert [e["theme"] for e in top["students"]] == ["together", "reflecting"]
    assert top["students"][0]["quote"] == "We do it together now"
    assert top["residents"][0]["theme"] == "less alone" and top["residents"][0]["people"] == 2
    assert "idg.reliability" not in m  # nothing is double coded


def test_findings_point_at_the_change(result):
    by_code = {}
    for finding in result.findings:
        by_code.setdefault(finding.code, []).append(finding)
    unknown = by_code["idg.unknown-code"]
    assert len(unknown) == 1 and unknown[0].severity == "error"
    assert "Comunication" in unknown[0].message.en and "did you mean 'Communication Skills'" in unknown[0].message.en
    assert "bedoelde je" in unknown[0].message.nl
    assert unknown[0].location.line is not None  # the line of the change in study.yaml
    wrong = by_code["idg.skill-dimension"][0]
    assert wrong.severity == "warning" and "Trust belongs to Collaborating, not Being" in wrong.message.en
    uncoded = by_code["idg.uncoded"][0]
    assert uncoded.severity == "warning" and uncoded.message.en.startswith("1 of 7 changes has no IDG code")
    assert result.exit_code == 1


def test_views_and_report_in_both_languages(result):
    for lang in ("en", "nl"):
        assert result.render("idg.dimensions", "svg", lang).startswith(b"<?xml")
        assert result.render("idg.groups", "png", lang)[:4] == b"\x89PNG"
        dot = result.render("idg.themes", "dot", lang).decode()
        assert "digraph" in dot and "less alone" in dot
        mermaid = result.render("idg.themes", "mermaid", lang).decode()
        assert mermaid.startswith("flowchart LR")
    assert "Verbinden" in result.render("idg.themes", "dot", "nl").decode()
    english = result.report_markdown("en")
    dutch = result.report_markdown("nl")
    assert "## Inner Development Goals" in english and "of the coded changes" in english
    assert "van de gecodeerde veranderingen" in dutch and "Samenwerken / Collaborating" in dutch


def test_counts_in_the_report_and_the_themes_diagram_agree_with_their_number(result):
    # "reflecting" is reported by one person (p2), "together" by two (p1, p2)
    english = result.report_markdown("en")
    dutch = result.report_markdown("nl")
    assert "reflecting (1 person)" in english and "together (2 people)" in english
    assert "reflecting (1 persoon)" in dutch and "together (2 mensen)" in dutch
    assert "1 people" not in english and "1 mensen" not in dutch
    assert "5 of 7 experienced changes are coded" in english
    assert "5 van de 7 ervaren veranderingen zijn gecodeerd" in dutch
    for lang, one, many in (("en", "1 person", "2 people"), ("nl", "1 persoon", "2 mensen")):
        for fmt in ("dot", "mermaid"):
            text = result.render("idg.themes", fmt, lang).decode()
            assert f'"{one}"' in text and f'"{many}"' in text and "1 people" not in text and "1 mensen" not in text


def test_one_coded_change_and_one_double_coded_change_read_in_the_singular(write_study, idg_plugins):
    study = write_study("""\
impactkit: 1
id: one
title: One
route: nonlinear
stakeholders: [{id: students, name: Students}]
changes:
  - {id: c1, person: p1, stakeholder: students, change: I trust them, theme: trust, idg: Trust, coder: A}
  - {id: c1, person: p1, stakeholder: students, change: I trust them, theme: trust, idg: Trust, coder: B}
  - {id: c2, person: p2, stakeholder: students, change: I learn, theme: learning}
""")
    result = impactkit.run(impactkit.load(study, plugins=idg_plugins), lang="en")
    english, dutch = result.report_markdown("en"), result.report_markdown("nl")
    assert "1 of 2 experienced changes is coded" in english
    assert "1 van de 2 ervaren veranderingen is gecodeerd" in dutch
    assert "1 change was coded by more than one coder (A and B)" in english
    assert "1 verandering is door meer dan één codeur gecodeerd (A en B)" in dutch
    uncoded = next(f for f in result.findings if f.code == "idg.uncoded")
    assert uncoded.message.en.startswith("1 of 2 changes has no IDG code (change c2)")
    assert uncoded.message.nl.startswith("1 van de 2 veranderingen heeft geen IDG-code (verandering c2)")


def test_tables(result):
    tables = result.tables
    assert tables["idg.dimensions"].loc["Collaborating", "changes"] == 3
    assert tables["idg.coding"].set_index("id").loc["c7", "unknown"] == "Comunication"
    assert list(tables["idg.top_changes"]["group"]) == ["students", "students", "residents", "residents"]
    assert "idg.confusion" not in tables


def test_graph_has_dimension_nodes_and_coded_as_edges(result):
    graph = result.graph
    node = graph.nodes["idg:collaborating"]
    assert node["kind"] == "idg_dimension" and node["changes"] == 3  # as the dimensions table counts
    assert node["skills"] == {"Co-creation Skills": 1, "Trust": 1}
    edges = {(u, v): d for u, v, d in graph.edges(data=True) if d.get("relation") == "coded_as"}
    assert set(edges) == {
        ("students", "idg:collaborating"),
        ("students", "idg:relating"),
        ("students", "idg:being"),
        ("parents", "idg:relating"),
        ("parents", "idg:collaborating"),
    }  # from each stakeholder to the dimensions of its changes, counted; not a node per change
    assert edges["students", "idg:collaborating"]["changes"] == 2
    assert edges["parents", "idg:collaborating"]["skills"] == {"Trust": 1}
    assert not any(kind == "change" for _, kind in graph.nodes(data="kind"))


def test_step_three_reports_uncoded_changes(write_study, idg_plugins):
    from impactkit.core.context import Context
    from impactkit.core.graph import build_graph

    study = impactkit.load(write_study(STUDY), plugins=idg_plugins)
    steps, _ = idg_plugins.collect("impactkit_steps")
    (step,) = [s for s in steps if s.id == "idg.patterns"]
    status = step.check(Context(study=study, graph=build_graph(study)[0]))
    assert step.number == 3 and not status.done
    assert "2 changes" in status.missing[0].en


def test_a_study_without_idg_gets_no_idg_figures(write_study, idg_plugins):
    text = STUDY[: STUDY.index("changes:")] + "changes:\n  - {person: p1, stakeholder: students, change: I learn}\n"
    result = impactkit.run(impactkit.load(write_study(text), plugins=idg_plugins))
    assert not [k for k in result.metrics if k.startswith("idg.")]
    assert not [f for f in result.findings if f.plugin == "idg"]


@pytest.mark.parametrize(
    "section, message",
    [
        ("framework: idg-1999", "unknown IDG framework 'idg-1999'; available: idg-2021"),
        ("groups: {x: [Relatin]}", "'Relatin' is not a dimension of idg-2021"),
        ("groups: {x: [Trust]}", "'Trust' is not a dimension"),
        ("rank_by: votes", "rank_by"),
        ("colours: {Being: not a colour}", "not a colour"),
        ("frameworks: idg-2021", "unknown key 'frameworks'"),
    ],
)
def test_bad_settings_are_reported_at_their_line(write_study, idg_plugins, section, message):
    text = STUDY[: STUDY.index("methods:")] + f"methods:\n  idg:\n    {section}\n"
    with pytest.raises(StudyError) as info:
        impactkit.load(write_study(text), plugins=idg_plugins)
    problem = info.value.problems[0]
    assert message in problem.message.en
    assert problem.location.line is not None and problem.location.line >= 18


@pytest.mark.parametrize(
    "section, english, dutch",
    [
        ("framework: idg-2099", "unknown IDG framework 'idg-2099'", "onbekend IDG-raamwerk 'idg-2099'"),
        (
            "groups: {x: [Relatng]}",
            "'Relatng' is not a dimension of idg-2021",
            "'Relatng' is geen dimensie van idg-2021",
        ),
        ("groups: {x: []}", "names no dimensions", "noemt geen dimensies"),
        ("colours: {Bein: '#123456'}", "'Bein' is not a dimension", "'Bein' is geen dimensie"),
        ("colours: {Being: vaag!}", "'vaag!' is not a colour", "'vaag!' is geen kleur"),
        (
            "rank_by: votes",
            "rank_by must be people, importance or people_x_importance",
            "rank_by moet people, importance of people_x_importance zijn",
        ),
    ],
)
def test_settings_errors_are_reported_in_dutch(write_study, idg_plugins, section, english, dutch):
    text = STUDY[: STUDY.index("methods:")] + f"methods:\n  idg:\n    {section}\n"
    with pytest.raises(StudyError) as info:
        impactkit.load(write_study(text), plugins=idg_plugins)
    (problem,) = info.value.problems
    assert english in problem.render("en")
    nl = problem.render("nl")
    assert dutch in nl and english not in nl and "ongeldige waarde" not in nl


def test_independent_settings_errors_come_out_in_one_pass(write_study, idg_plugins):
    text = STUDY[: STUDY.index("methods:")] + (
        "methods:\n"
        "  idg:\n"
        "    top: 0\n"
        "    groups:\n"
        "      x: [Relatng]\n"
        "      y: [Relating, Being]\n"
        "      z: []\n"
        "    colours: {Bein: '#123456', Acting: nope!}\n"
    )
    lines = text.splitlines()
    with pytest.raises(StudyError) as info:
        impactkit.load(write_study(text), plugins=idg_plugins)
    found = {p.location.key: p for p in info.value.problems}
    assert set(found) == {
        "methods.idg.top",
        "methods.idg.groups.x[0]",
        "methods.idg.groups.z",
        "methods.idg.colours.Bein",
        "methods.idg.colours.Acting",
    }
    assert found["methods.idg.top"].location.line == lines.index("    top: 0") + 1
    assert found["methods.idg.groups.x[0]"].location.line == lines.index("      x: [Relatng]") + 1
    assert "'Relatng' is not a dimension" in found["methods.idg.groups.x[0]"].message.en
    assert "did you mean 'Relating'" in found["methods.idg.groups.x[0]"].message.en
    assert found["methods.idg.groups.z"].location.line == lines.index("      z: []") + 1
    colours = lines.index("    colours: {Bein: '#123456', Acting: nope!}") + 1
    assert found["methods.idg.colours.Bein"].location.line == colours
    assert "not a colour" in found["methods.idg.colours.Acting"].message.en


def test_groups_and_colours_are_resolved_to_framework_names(write_study, idg_plugins):
    text = STUDY[: STUDY.index("methods:")] + (
        "methods:\n  idg:\n    groups: {g: [verbinden, Relating, samenwerken]}\n    colours: {zijn: ' #123456 '}\n"
    )
    settings = impactkit.load(write_study(text), plugins=idg_plugins).method("idg")
    assert settings.groups == {"g": ["Relating", "Collaborating"]}
    assert settings.colours == {"Being": "#123456"}


def test_dutch_rank_by_alias(write_study, idg_plugins):
    study = impactkit.load(
        write_study(STUDY.replace("rank_by: people", "rank_by: mensen x belang")), plugins=idg_plugins
    )
    assert study.method("idg").rank_by == "people_x_importance"


def test_importing_the_plugin_loads_no_heavy_libraries():
    code = (
        "import sys, impactkit.plugins.idg as p; p.impactkit_metrics(); p.impactkit_validations(); "
        "p.impactkit_visualisations(); print(sorted(m for m in ('pandas', 'numpy', 'matplotlib') "
        "if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_a_bad_code_in_a_changes_file_names_its_row(write_study, idg_plugins):
    text = STUDY[: STUDY.index("changes:")] + "changes: changes.csv\nmethods: {idg: {}}\n"
    folder = write_study(
        text,
        changes__csv="persoon,stakeholder,verandering,idg\n"
        "p1,students,I listen better,Communication Skills\n"
        "p2,students,I trust others,Trsut\n",
    )
    result = impactkit.run(impactkit.load(folder, plugins=idg_plugins), lang="en")
    (finding,) = [f for f in result.findings if f.code == "idg.unknown-code"]
    assert finding.location.row == 3 and finding.location.file.endswith("changes.csv")
    assert "changes.csv:3:idg:" in finding.render("en") and "did you mean 'Trust'" in finding.render("en")

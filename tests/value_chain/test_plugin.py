"""The value_chain plugin (a Krachtige Leerkring's value chain) through impactkit's API: the section, the graph, figures, views, report, steps."""

from __future__ import annotations

import subprocess
import sys

import pytest

import impactkit
from impactkit.core.errors import StudyError

from .conftest import section

# -- the section -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "change, key, english, dutch",
    [
        (
            lambda s: s["review"][0].update(decision="maybe"),
            "methods.value_chain.review[0].decision",
            "decision must be continue, improve, new or stop",
            "decision moet continue, improve, new of stop zijn",
        ),
        (
            lambda s: s["effects"][0].update(status="done"),
            "methods.value_chain.effects[0].status",
            "status must be achieved, partly",
            "status moet achieved, partly",
        ),
        (
            lambda s: s["needs"][0].update(statement="  "),
            "methods.value_chain.needs[0].statement",
            "the need's statement is empty",
            "de omschrijving van de behoefte is leeg",
        ),
        (
            lambda s: s["ambition"].update(text=""),
            "methods.value_chain.ambition.text",
            "the ambition's text is empty",
            "de tekst van de ambitie is leeg",
        ),
        (
            lambda s: s["review"][1].update(rationle="x"),
            "methods.value_chain.review[1].rationle",
            "unknown key 'rationle'",
            "onbekende sleutel 'rationle'",
        ),
        (
            lambda s: s["needs"][1].update(id="two words"),
            "methods.value_chain.needs[1].id",
            "an id starts with a letter or digit",
            "een id begint met een letter of cijfer",
        ),
    ],
)
def test_bad_section_values_are_reported_at_their_line_in_both_languages(
    write_dict, value_chain_plugins, base, change, key, english, dutch
):
    change(section(base))
    folder = write_dict(base)
    with pytest.raises(StudyError) as info:
        impactkit.load(folder, plugins=value_chain_plugins)
    (problem,) = info.value.problems
    assert problem.location.key == key and problem.location.line is not None
    line = (folder / "study.yaml").read_text(encoding="utf-8").splitlines()[problem.location.line - 1]
    assert f'"{key.rsplit(".", 1)[-1].split("[")[0]}"' in line
    assert english in problem.render("en")
    assert dutch in problem.render("nl") and english not in problem.render("nl")


def test_unknown_key_suggests_the_right_one(write_dict, value_chain_plugins, base):
    section(base)["reveiw"] = section(base).pop("review")
    with pytest.raises(StudyError) as info:
        impactkit.load(write_dict(base), plugins=value_chain_plugins)
    assert "did you mean 'review'?" in info.value.problems[0].message.en


@pytest.mark.parametrize(
    "given, decision",
    [
        ("blijven", "continue"),
        ("Verbeteren", "improve"),
        ("nieuw", "new"),
        ("stoppen", "stop"),
        ("STOP", "stop"),
        ("niet meer", "stop"),
        ("improve", "improve"),
    ],
)
def test_decisions_in_dutch_and_english(write_dict, value_chain_plugins, base, given, decision):
    section(base)["review"][0]["decision"] = given
    study = impactkit.load(write_dict(base), plugins=value_chain_plugins)
    assert study.method("value_chain").review[0].decision == decision


def test_the_cli_exits_2_with_file_and_line(write_dict, base):
    section(base)["review"][0]["decision"] = "maybe"
    folder = write_dict(base)
    import os
    from pathlib import Path

    exe = Path(sys.executable).with_name("impactkit")
    out = subprocess.run(
        [str(exe), "validate", str(folder)],
        capture_output=True,
        text=True,
        env={**os.environ, "IMPACTKIT_LOAD_PLUGINS": "core,value_chain"},
    )
    assert out.returncode == 2, out.stderr
    text = out.stdout + out.stderr
    lines = (folder / "study.yaml").read_text().splitlines()
    line = next(i for i, ln in enumerate(lines, 1) if '"maybe"' in ln)
    assert f"study.yaml:{line}:" in text and "decision must be continue" in text


# -- graph -----------------------------------------------------------------------------------


def test_need_to_project_is_a_path_in_the_graph(run_dict, base):
    graph = run_dict(base).graph
    assert graph.nodes["need:voice"]["kind"] == "need" and graph.nodes["ambition:value_chain"]["kind"] == "ambition"
    relations = {(u, v): d["relation"] for u, v, d in graph.edges(data=True)}
    assert relations[("need:voice", "ambition:value_chain")] == "answered_by"
    assert relations[("ambition:value_chain", "say")] == "concretised_in"
    assert relations[("say", "need:voice")] == "answers"
    # every project → effect relation is a serves edge: coaching serves 'grow' through its review,
    # panel 'say' and 'part' through the causal chain (panel → meetings → say → part)
    serves = {(u, v): d for u, v, d in graph.edges(data=True) if d["relation"] == "serves"}
    assert set(serves) == {("coaching", "grow"), ("panel", "say"), ("panel", "part")}
    assert serves[("coaching", "grow")]["in_review"] and not serves[("coaching", "grow")]["through_chain"]
    assert serves[("panel", "part")]["through_chain"] and serves[("panel", "part")]["decision"] == "continue"
    import networkx as nx

    line = nx.DiGraph(
        [
            (u, v)
            for u, v, r in graph.edges(data="relation")
            if r in ("answered_by", "concretised_in", "serves", "leads_to", "produces")
        ]
    )
    reverse = line.reverse()
    assert nx.has_path(line, "need:voice", "say") and nx.has_path(reverse, "say", "panel")
    assert nx.has_path(line, "need:practice", "grow") and nx.has_path(reverse, "grow", "coaching")


# -- figures and tables ----------------------------------------------------------------------


def test_figures_follow_the_data(run_dict, base):
    m = run_dict(base).metrics
    assert (m["value_chain.needs"], m["value_chain.effects"], m["value_chain.projects"]) == (2, 3, 2)
    assert m["value_chain.review"] == {"continue": 1, "improve": 1, "new": 0, "stop": 0, "not_reviewed": 0}
    assert m["value_chain.needs_served"] == 1.0 and m["value_chain.effects_served"] == 1.0
    assert m["value_chain.chain"] == {
        "voice": {"effects": ["say", "part"], "projects": ["panel"]},
        "practice": {"effects": ["grow"], "projects": ["coaching"]},
    }
    assert m["value_chain.output_phrased_effects"] == 0 and m["value_chain.projects_fit"] == 1.0
    assert "value_chain.evaluation" not in m  # nothing is evaluated

    section(base)["review"][1]["decision"] = "stop"
    section(base)["effects"][1]["needs"] = []
    base["outcomes"][0]["name"] = "We run three projects"
    m = run_dict(base).metrics
    assert m["value_chain.review"]["stop"] == 1 and m["value_chain.review"]["improve"] == 0
    assert m["value_chain.effects_served"] == pytest.approx(2 / 3)  # grow is served only by a stopped project
    assert m["value_chain.needs_served"] == 0.5
    assert m["value_chain.output_phrased_effects"] == 1
    assert m["value_chain.chain"]["practice"] == {"effects": [], "projects": []}


def test_evaluation_counts_statuses_and_changes(run_dict, base):
    section(base)["effects"][1].update(status="bereikt", evidence="reflection reports")
    section(base)["effects"][2].update(status="not_evaluated")
    base["changes"] = [
        {"id": "c1", "person": "p1", "stakeholder": "youth", "change": "I was heard", "outcome": "say"},
        {"id": "c1", "person": "p1", "stakeholder": "youth", "change": "I was heard", "outcome": "say", "coder": "b"},
        {"person": "p2", "stakeholder": "youth", "change": "My plan happened", "outcome": "say"},
    ]
    result = run_dict(base)
    assert result.metrics["value_chain.evaluation"] == {
        "effects": 3,
        "evaluated": 2,
        "coverage": pytest.approx(2 / 3),
        "with_changes": 1,
        "changes": {"say": 2, "grow": 0, "part": 0},
        "status": {"achieved": 1, "partly": 0, "not_achieved": 0, "not_evaluated": 1},
    }
    report = result.report_markdown("en")
    assert "2 of 3 effects evaluated; 1 with experienced changes" in report and "achieved" in report


def test_tables(run_dict, base):
    tables = run_dict(base).tables
    chain = tables["value_chain.value_chain"]
    assert list(zip(chain["need"], chain["effect"], chain["project"])) == [
        ("voice", "say", "panel"),
        ("voice", "part", "panel"),
        ("practice", "grow", "coaching"),
    ]
    review = tables["value_chain.review"]
    assert review.loc["coaching", "decision"] == "improve" and bool(review.loc["coaching", "grow"])
    assert not bool(review.loc["coaching", "say"]) and review.loc["panel", "rationale"] == "fits the ambition"


# -- views -----------------------------------------------------------------------------------


def _drawn_in_a_new_process(folder, hash_seed: str) -> str:
    """The value-chain diagram of the study in ``folder`` as DOT then Mermaid, drawn by a fresh Python
    whose ``PYTHONHASHSEED`` is ``hash_seed`` (so set and dict orders built from strings differ)."""
    import os

    code = (
        "import sys, impactkit; from impactkit.core.plugins import make_manager; "
        "p = make_manager(load=['core', 'value_chain']); "
        "r = impactkit.run(impactkit.load(sys.argv[1], plugins=p), plugins=p, lang='en'); "
        "sys.stdout.write(r.render('value_chain.value-chain', 'dot', 'en').decode() "
        "+ r.render('value_chain.value-chain', 'mermaid', 'en').decode())"
    )
    out = subprocess.run(
        [sys.executable, "-c", code, str(folder)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env={**os.environ, "PYTHONHASHSEED": hash_seed, "PYTHONIOENCODING": "utf-8"},
    )
    assert out.returncode == 0, out.stderr
    return out.stdout


def test_the_diagram_is_deterministic_escaped_and_in_both_languages(write_dict, run_dict, base):
    section(base)["needs"][0]["statement"] = 'Youth <say> "nothing" & {feel} ignored \\ here'
    section(base)["review"][1]["decision"] = "stop"
    result = run_dict(base)
    dot = result.render("value_chain.value-chain", "dot", "en").decode()
    # the same study gives the same DOT and Mermaid in any process, whatever its string hashing
    folder = write_dict(base)
    first, second = (_drawn_in_a_new_process(folder, seed) for seed in ("1", "4242"))
    assert first == second and first.startswith(dot)
    need = next(line for line in dot.splitlines() if line.strip().startswith("need_0 "))
    assert (
        "Youth &lt;say&gt; &quot;nothing&quot; &amp;<BR/>{feel} ignored \\ here>" in need
        and "<say>" not in need.split("tooltip")[0]
    )
    assert 'tooltip="voice: Youth <say> \\"nothing\\" & {feel} ignored \\\\ here"' in need
    assert (
        dot.index("cluster_needs")
        < dot.index("cluster_ambition")
        < dot.index("cluster_effects")
        < dot.index("cluster_projects")
    )
    assert "effect_2 -> project_1 [style=dashed" not in dot and "effect_1 -> project_1 [style=dashed" in dot
    assert "Review of the projects" in dot and "#f4b6a6" in dot
    dutch = result.render("value_chain.value-chain", "dot", "nl").decode()
    assert "Behoeften" in dutch and "niet meer doen" in dutch and "Beoordeling van de projecten" in dutch
    assert result.render("value_chain.value-chain", "svg", "en").lstrip().startswith(b"<")
    mermaid = result.render("value_chain.value-chain", "mermaid", "nl").decode()
    assert mermaid.startswith("flowchart LR") and "classDef stop" in mermaid and "&lt;say&gt;" in mermaid


def test_the_decisions_chart(run_dict, base):
    result = run_dict(base)
    assert result.render("value_chain.decisions", "png", "nl")[:4] == b"\x89PNG"


# -- report and steps ------------------------------------------------------------------------


def test_the_report_names_needs_effects_and_projects_not_their_ids(run_dict, base):
    base["activities"].append({"id": "p-x", "name": "Unnamed idea", "stakeholders": ["youth"]})
    result = run_dict(base)
    english, dutch = result.report_markdown("en"), result.report_markdown("nl")
    # a need by its theme, else its statement
    assert "It answers the needs: participation and Students lack real practice." in english
    assert "Ze beantwoordt de behoeften: participation en Students lack real practice." in dutch
    assert "voice, practice" not in english
    effects = english[english.index("### Desired effects") : english.index("### Review")]
    row = next(line for line in effects.splitlines() if line.startswith("| Young people have a say"))
    assert "| participation | Youth panel |" in row and "| voice |" not in row and "| panel |" not in row
    assert (
        "**Youth panel** (serves: Young people have a say in their village and Everyone takes part in village life)"
    ) in english
    assert "(dient: Young people have a say in their village en Everyone takes part in village life)" in dutch
    assert "3 projects:" in english and "3 projecten:" in dutch
    # nothing the section prints is an English id in the Dutch report
    section_nl = dutch[dutch.index("## Krachtige Leerkring") : dutch.index("## ", dutch.index("## Krachtige") + 3)]
    for word in ("continue", "improve", "not_reviewed", "serves", "voice,"):
        assert word not in section_nl, word


def test_report_in_both_languages(run_dict, base):
    base["outcomes"][1]["name"] = "We zetten 40 studenten in"
    result = run_dict(base)
    english, dutch = result.report_markdown("en"), result.report_markdown("nl")
    assert "## Krachtige Leerkring: value creation" in english
    assert "> Together for a village where everyone takes part" in english
    assert "**Continue**" in english and "**Improve**" in english and "fits the ambition" in english
    assert "1 of 3 effects reads as an output" in english and "40 studenten" in english
    assert "## Krachtige Leerkring: waardecreatie" in dutch and "**Blijven doen**" in dutch
    assert "Hoe zien we dat terug" in dutch and "1 van de 3 effecten leest als output" in dutch


def _steps(study, plugins):
    from impactkit.core.context import Context
    from impactkit.core.graph import build_graph

    steps, _ = plugins.collect("impactkit_steps")
    context = Context(study=study, graph=build_graph(study)[0])
    return {
        s.id: (s.number, s.check(context))
        for s in sorted(steps, key=lambda s: (s.number, s.order, s.id))
        if s.id.startswith("value_chain.")
    }


def test_steps_say_what_is_missing(write_dict, value_chain_plugins, base):
    steps = _steps(impactkit.load(write_dict(base), plugins=value_chain_plugins), value_chain_plugins)
    assert {k: (n, s.done) for k, (n, s) in steps.items()} == {
        "value_chain.needs": (1, True),
        "value_chain.ambition": (2, True),
        "value_chain.effects": (4, True),
        "value_chain.review": (5, True),
        "value_chain.evaluation": (5, False),
    }
    # shown in the order of the leerkring's chain: the evaluation after the review, both in step 5
    assert list(steps) == [
        "value_chain.needs",
        "value_chain.ambition",
        "value_chain.effects",
        "value_chain.review",
        "value_chain.evaluation",
    ]
    del section(base)["needs"][1]["source"]
    del section(base)["review"][0]
    del section(base)["ambition"]
    steps = _steps(impactkit.load(write_dict(base), plugins=value_chain_plugins), value_chain_plugins)
    assert "practice" in steps["value_chain.needs"][1].missing[0].en
    assert "the ambition" in steps["value_chain.ambition"][1].missing[0].en
    assert "a review of: panel" in steps["value_chain.review"][1].missing[0].en
    assert "een beoordeling van: panel" in steps["value_chain.review"][1].missing[0].nl


def test_importing_the_plugin_loads_no_heavy_libraries():
    code = (
        "import sys, impactkit.plugins.value_chain as p; p.impactkit_metrics(); p.impactkit_validations(); "
        "p.impactkit_visualisations(); p.impactkit_tables(); p.impactkit_steps(); p.impactkit_report_sections(); "
        "print(sorted(m for m in ('pandas', 'numpy', 'matplotlib', 'networkx') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"

"""The SROI plugin through impactkit's public API: impactkit.run(load()), findings, tables, pictures, report."""

from __future__ import annotations

import pytest

import impactkit
from impactkit.core.errors import StudyError

from ..helpers import HASH_SEEDS, run_impactkit
from .conftest import CHECK_STUDY

METRIC_IDS = {
    "sroi.total_inputs",
    "sroi.present_value",
    "sroi.net_present_value",
    "sroi.ratio",
    "sroi.net_ratio",
    "sroi.payback_months",
    "sroi.value_by_stakeholder",
    "sroi.inputs_by_stakeholder",
}


def codes(result, severity=None):
    return sorted(
        f.code for f in result.findings if f.code.startswith("sroi.") and (severity is None or f.severity == severity)
    )


def test_check_value_through_the_pipeline(study_dir, run_study):
    result = run_study(study_dir())
    m = result.metrics
    assert METRIC_IDS <= set(m)
    assert round(m["sroi.present_value"], 2) == 41_098.05
    assert round(m["sroi.ratio"], 4) == 2.0549
    assert round(m["sroi.payback_months"], 2) == 14.81
    assert m["sroi.total_inputs"] == 20_000
    assert m["sroi.net_present_value"] == pytest.approx(21_098.05, abs=0.005)
    assert m["sroi.net_ratio"] == pytest.approx(1.0549, abs=5e-5)
    assert m["sroi.value_by_stakeholder"] == {"students": pytest.approx(41_098.05, abs=0.005), "city": 0.0}
    assert m["sroi.inputs_by_stakeholder"] == {"students": 0.0, "city": 20_000.0}
    assert "sroi.monte_carlo" not in m  # nothing uncertain in this study
    assert codes(result) == []


def test_tables_say_who_gets_the_value_and_who_pays(study_dir, run_study):
    tables = run_study(study_dir()).tables
    assert {
        "sroi.value_map",
        "sroi.by_stakeholder",
        "sroi.by_outcome",
        "sroi.years",
        "sroi.tornado",
        "sroi.break_even",
    } <= set(tables)
    value_map = tables["sroi.value_map"]
    assert value_map.loc[1, ["year_1", "year_2", "year_3"]].tolist() == pytest.approx([16_200, 14_580, 13_122])
    holders = tables["sroi.by_stakeholder"]
    assert holders.loc["city", "inputs"] == 20_000 and holders.loc["students", "present_value"] == pytest.approx(
        41_098.05, abs=0.005
    )
    assert holders.loc["students", "share_of_value"] == 1.0
    years = tables["sroi.years"]
    assert years["cumulative_present_value"].iloc[-1] == pytest.approx(41_098.05, abs=0.005)
    tornado = tables["sroi.tornado"]
    assert list(tornado["swing"]) == sorted(tornado["swing"], reverse=True)
    breakeven = tables["sroi.break_even"]
    row = breakeven[breakeven["field"] == "quantity"].iloc[0]
    assert row["switching_value"] == pytest.approx(30 * 20_000 / 41_098.05210816143)


UNCERTAIN = CHECK_STUDY.replace("quantity: 30", "quantity: {value: 30, low: 10, high: 40}").replace(
    "deadweight: 25%", "deadweight: {value: 25%, distribution: 'beta(5, 15)'}"
)


def test_ranges_give_a_monte_carlo_that_is_reproducible(study_dir, run_study):
    folder = study_dir(UNCERTAIN + "    monte_carlo: {draws: 2000, seed: 7}\n")
    first, second = run_study(folder), run_study(folder)
    mc = first.metrics["sroi.monte_carlo"]
    assert mc["draws"] == 2000 and mc["seed"] == 7 and mc["uncertain"] == 2
    assert mc == second.metrics["sroi.monte_carlo"]
    assert first.metrics["sroi.probability_ratio_below_1"] == mc["probability_below_1"]
    assert 0 < mc["probability_below_1"] < 0.5
    # the quantity's range (10–40) holds its switching value (14.6): the conclusion is fragile
    assert "sroi.fragile" in codes(first, "warning")


def test_monte_carlo_can_be_switched_off(study_dir, run_study):
    result = run_study(study_dir(UNCERTAIN + "    monte_carlo: {enabled: false}\n"))
    assert "sroi.monte_carlo" not in result.metrics and "sroi.ratio" in result.metrics


PROBLEMS = """\
impactkit: 1
id: problems
title: A map with problems
route: linear
stakeholders:
  - {id: students, name: Students}
  - {id: residents, name: Residents}
  - {id: teachers, name: Teachers}
  - {id: city, name: City}
inputs:
  - {id: rooms, name: Rooms, stakeholder: city, value: 3000, in_kind: true}
  - {id: time, name: Volunteer time, stakeholder: residents}
outcomes:
  - {id: skills, name: Skills, stakeholders: [students], leads_to: [job]}
  - {id: job, name: A job, stakeholders: [students]}
  - {id: safety, name: Safer streets, stakeholders: [residents]}
  - {id: unvalued, name: Not valued, stakeholders: [residents]}
methods:
  sroi:
    outcomes:
      - {stakeholder: students, outcome: skills, quantity: 10, proxy_value: 100, duration: 1,
         proxy: course, deadweight: 0, displacement: 0, attribution: 0}
      - {stakeholder: students, outcome: job, indicator: contract, quantity: 5, proxy_value: 2000,
         proxy_source: CBS, proxy: wage, duration: 7, drop_off: 0.1, deadweight: 0.1, displacement: 0, attribution: 0}
      - {stakeholder: students, outcome: safety, indicator: reports, quantity: 5, proxy_value: -50,
         proxy_source: police, proxy: cost, duration: 3, deadweight: 0, attribution: 0.5}
      - {stakeholder: students, outcome: skills, indicator: test, quantity: 1, proxy_value: 10, proxy_source: x,
         proxy: y, duration: 8, justification: long-lived, drop_off: 0, deadweight: 0, displacement: 0, attribution: 0}
"""


def test_each_check_cites_its_principle(study_dir, run_study):
    result = run_study(study_dir(PROBLEMS))
    found = codes(result)
    for code in (
        "sroi.no-indicator",
        "sroi.no-proxy-source",
        "sroi.deduction-empty",
        "sroi.long-duration",
        "sroi.drop-off-empty",
        "sroi.double-counting",
        "sroi.not-experienced",
        "sroi.input-no-value",
        "sroi.in-kind-no-valuation",
        "sroi.stakeholder-left-out",
        "sroi.outcome-not-valued",
        "sroi.negative-outcome",
    ):
        assert code in found, code
    for finding in result.findings:
        if finding.code.startswith("sroi."):
            assert "(SROI principle " in finding.message.en and "(SROI-principe " in finding.message.nl
    by_code = {}
    for f in result.findings:
        by_code.setdefault(f.code, []).append(f)
    # the duration of 8 years comes with a justification: only the 7-year one is flagged
    (long,) = by_code["sroi.long-duration"]
    assert "7 years" in long.message.en and long.location.key == "methods.sroi.outcomes[1].duration"
    assert long.location.line == 24
    (empty,) = by_code["sroi.deduction-empty"]  # stated zeros are fine, only row 3's displacement is empty
    assert "displacement" in empty.message.en and "Do not over-claim" in empty.message.en
    doubles = [f.message.en for f in by_code["sroi.double-counting"]]
    assert any("'Skills' leads to 'A job'" in m for m in doubles)
    assert any("valued twice" in m for m in doubles)
    (stranger,) = by_code["sroi.not-experienced"]
    assert "Safer streets" in stranger.message.en and "Involve stakeholders" in stranger.message.en
    assert [f.location.key for f in by_code["sroi.stakeholder-left-out"]] == ["stakeholders[2].id"]
    assert result.metrics["sroi.total_inputs"] == 3000  # the input without a value counts as 0


def test_no_inputs_means_no_ratio(study_dir, run_study):
    text = CHECK_STUDY.replace(
        "inputs:\n  - {id: grant, name: Grant, stakeholder: city, value: 20000, to: [coaching]}\n", ""
    )
    result = run_study(study_dir(text))
    assert "sroi.no-inputs" in codes(result, "warning")
    assert "sroi.ratio" not in result.metrics and result.metrics["sroi.present_value"] == pytest.approx(
        41_098.05, abs=0.01
    )


def test_a_study_without_sroi_section(study_dir, run_study):
    text = CHECK_STUDY.split("methods:")[0]
    result = run_study(study_dir(text))
    assert codes(result) == ["sroi.no-map"]  # route linear, but no impact map: an info
    assert not any(k.startswith("sroi.") for k in result.metrics)


BAD_CSV = """\
stakeholder,outcome,indicator,quantity,duration,proxy,proxy_value,proxy_source,deadweight,displacement,attribution,drop_off
students,confidence,score,-30,3,course,1000,list,25%,10%,20%,10%
students,confidence,score,30,3,course,1000,list,140,10%,20%,10%
students,confidence,score,30,3,course,,list,25%,10%,20%,10%
aliens,confidence,score,30,3,course,1000,list,25%,10%,20%,10%
students,confidence,score,30,3,course,1000,list,25%,10%,140%,10%
"""


def test_a_bad_impact_map_file_gives_row_and_column_and_no_figures(study_dir, run_study):
    text = CHECK_STUDY.split("    outcomes:")[0] + "    impact_map: map.csv\n"
    folder = study_dir(text, map__csv=BAD_CSV)
    result = run_study(folder)
    errors = {(f.location.row, f.location.key): f for f in result.errors}
    assert set(errors) == {
        (2, "quantity"),
        (3, "deadweight"),
        (4, "proxy_value"),
        (5, "stakeholder"),
        (6, "attribution"),
    }
    assert all(f.location.file == str(folder / "map.csv") for f in errors.values())
    assert "negative" in errors[2, "quantity"].message.en
    assert "above 1" in errors[3, "deadweight"].message.en
    assert "proxy_value" in errors[4, "proxy_value"].message.en
    assert "'aliens' is not one of the study's stakeholders" in errors[5, "stakeholder"].message.en
    assert "140%" in errors[6, "attribution"].message.en
    assert not any(k.startswith("sroi.") for k in result.metrics)
    assert "sroi.not-computed" in codes(result, "info")
    assert result.exit_code == 1


def test_a_missing_impact_map_file(study_dir, run_study):
    folder = study_dir(CHECK_STUDY.split("    outcomes:")[0] + "    impact_map: nowhere.xlsx\n")
    (error,) = run_study(folder).errors
    assert error.location.file.endswith("nowhere.xlsx") and "file not found" in error.message.en


def test_bad_inline_values_stop_loading_with_line_numbers(study_dir, sroi_plugins):
    text = CHECK_STUDY.replace("quantity: 30", "quantity: -30").replace("deadweight: 25%", "deadweight: 140")
    with pytest.raises(StudyError) as info:
        impactkit.load(study_dir(text), plugins=sroi_plugins)
    rendered = info.value.render()
    assert ":21:19 " in rendered and "-30 is negative" in rendered
    assert ":26:21 " in rendered and "140 is above 1" in rendered


def test_unknown_stakeholder_and_missing_proxy_inline(study_dir, run_study):
    text = CHECK_STUDY.replace("stakeholder: students\n", "stakeholder: aliens\n").replace(
        "        proxy_value: 1000\n", ""
    )
    result = run_study(study_dir(text))
    by_code = {f.code: f for f in result.errors}
    assert set(by_code) == {"sroi.unknown-stakeholder", "sroi.missing-proxy-value"}
    assert by_code["sroi.unknown-stakeholder"].location.line == 18
    assert by_code["sroi.missing-proxy-value"].location.key == "methods.sroi.outcomes[0].proxy_value"


def test_pictures_and_report(study_dir, run_study):
    result = run_study(study_dir(UNCERTAIN + "    monte_carlo: {draws: 1000}\n"))
    dot = result.render("sroi.value-map", "dot").decode()
    assert "City: Grant" in dot and "in_0 -> act_0" in dot and "€41,098" in dot and "act_0 -> out_0" in dot
    for view in ("sroi.by-stakeholder", "sroi.tornado", "sroi.montecarlo"):
        svg = result.render(view, "svg")
        assert svg is not None and svg.lstrip().startswith(b"<?xml")
    english = result.report_markdown("en")
    assert "## Social Return on Investment (route 1)" in english and "| SROI ratio | 2.05 : 1 |" in english
    assert "Switching values" in english and "Monte Carlo" in english
    dutch = result.report_markdown("nl")
    assert "## Maatschappelijk rendement, SROI (route 1)" in dutch and "| SROI-ratio | 2,05 : 1 |" in dutch
    assert "€ 41.098" in dutch


def test_no_pictures_when_nothing_can_be_computed(study_dir, run_study):
    folder = study_dir(CHECK_STUDY.split("    outcomes:")[0] + "    impact_map: map.csv\n", map__csv=BAD_CSV)
    result = run_study(folder)
    assert result.render("sroi.value-map", "dot") is None
    assert result.render("sroi.tornado", "svg") is None
    assert "not computed" in result.report_markdown("en")


def test_extra_inputs_with_a_range_count_and_vary(study_dir, run_study):
    text = (
        CHECK_STUDY
        + """\
    inputs:
      - name: Volunteer hours
        stakeholder: students
        value: {value: 5000, low: 3000, high: 8000}
        in_kind: true
        valuation: 250 hours at the replacement cost of 20 per hour
    monte_carlo: {draws: 2000}
"""
    )
    result = run_study(study_dir(text))
    m = result.metrics
    assert m["sroi.total_inputs"] == 25_000
    assert m["sroi.inputs_by_stakeholder"]["students"] == 5_000
    assert m["sroi.ratio"] == pytest.approx(41_098.05210816143 / 25_000)
    assert m["sroi.monte_carlo"]["uncertain"] == 1
    assert min(m["sroi.monte_carlo"]["p5"], m["sroi.monte_carlo"]["p95"]) > 41_098 / 28_001
    tornado = result.tables["sroi.tornado"]
    row = tornado[(tornado["field"] == "input") & (tornado["base"] == 5_000)].iloc[0]
    assert row["ratio_low"] == pytest.approx(41_098.05210816143 / 23_000)
    assert row["ratio_high"] == pytest.approx(41_098.05210816143 / 28_000)
    breakeven = result.tables["sroi.break_even"]
    volunteers = breakeven[(breakeven["field"] == "input") & (breakeven["base"] == 5_000)].iloc[0]
    assert volunteers["switching_value"] == pytest.approx(21_098.05210816143)
    assert "sroi.in-kind-no-valuation" not in codes(result)


def test_the_value_map_diagram_sums_the_smallest_outcomes(study_dir, run_study):
    rows = "".join(
        f"      - {{stakeholder: students, outcome: outcome {i}, quantity: {i + 1}, proxy_value: 10, duration: 1}}\n"
        for i in range(40)
    )
    text = CHECK_STUDY.split("    outcomes:")[0] + "    outcomes:\n" + rows
    dot = run_study(study_dir(text)).render("sroi.value-map", "dot").decode()
    assert dot.count("[label=<outcome ") == 30
    assert "[label=<10 other outcomes<BR/>€531.40>" in dot  # outcomes 0–9: (1 + … + 10) × 10 / 1.035 = 531.40
    one = run_study(
        study_dir(
            text.replace("outcome 39,", "outcome 40,").replace(
                "      - {stakeholder: students, outcome: outcome 40, quantity: 40, proxy_value: 10, duration: 1}\n",
                "      - {stakeholder: students, outcome: outcome 40, quantity: 40, proxy_value: 10, duration: 1}\n"
                "      - {stakeholder: city, outcome: city outcome, quantity: 1, proxy_value: 1, duration: 1}\n",
            )
        )
    )
    assert "[label=<1 other outcome<BR/>" in one.render("sroi.value-map", "dot").decode()


def test_the_value_map_follows_the_diagram_conventions(study_dir, run_study):
    """Helvetica, left to right, the core's node style, wrapped and escaped HTML labels, positional ids."""
    import re

    from impactkit.core.diagram import html_label, wrap

    text = CHECK_STUDY.replace("{id: city, name: City}", '{id: city, name: "City <of> \\"Brabant\\" & more"}').replace(
        "name: More confidence", "name: Students feel much more confident about finding work after school"
    )
    result = run_study(study_dir(text))
    dot = result.render("sroi.value-map", "dot").decode()
    folder = study_dir(text)
    for seed in HASH_SEEDS:  # the same bytes whatever order sets and dicts of strings have
        drawn = run_impactkit(
            "diagram", folder, "--view", "sroi.value-map", "-f", "dot", plugins="core,sroi", hash_seed=seed
        )
        assert drawn.returncode == 0, drawn.stderr
        assert drawn.stdout == dot
    assert "rankdir=LR" in dot and 'fontname="Helvetica"' in dot and "Times" not in dot
    assert 'node [shape=box, style="rounded,filled", fontname="Helvetica", fontsize=10' in dot
    assert "\\n" not in dot  # no single-line labels with \n: HTML labels wrapped like every other diagram
    outcome = wrap("Students feel much more confident about finding work after school", 26, 6)
    assert len(outcome) > 1 and html_label(outcome)[1:-1] in dot
    assert "City &lt;of&gt; &quot;Brabant&quot; &amp;<BR/>more: Grant" in dot  # escaped
    assert 'tooltip="City <of> \\"Brabant\\" & more: Grant"' in dot
    assert re.findall(r"^    (\w+) \[", dot, re.M) == ["in_0", "act_0", "out_0", "sh_0"]
    assert (
        dot.index("cluster_inputs")
        < dot.index("cluster_activities")
        < dot.index("cluster_outcomes")
        < dot.index("cluster_stakeholders")
    )
    dutch = result.render("sroi.value-map", "dot", "nl").decode()
    assert "<B>Investeringen</B>" in dutch and "Wie de waarde krijgt" in dutch and "SROI-ratio" in dutch
    svg = result.render("sroi.value-map", "svg").decode()
    assert "Helvetica" in svg and "Times" not in svg


def test_stakeholder_ids_that_look_alike_get_their_own_node(study_dir, run_study):
    text = CHECK_STUDY.replace(
        "  - {id: city, name: City}\n",
        "  - {id: city, name: City}\n"
        "  - {id: stu-dents, name: Other students}\n"
        "  - {id: stu_dents, name: Third students}\n",
    )
    text += (
        "      - {stakeholder: stu-dents, outcome: confidence, quantity: 1, proxy_value: 10, duration: 1}\n"
        "      - {stakeholder: stu_dents, outcome: confidence, quantity: 1, proxy_value: 10, duration: 1}\n"
    )
    dot = run_study(study_dir(text)).render("sroi.value-map", "dot").decode()
    assert "Other students" in dot and "Third students" in dot
    assert "out_1 -> sh_1" in dot and "out_2 -> sh_2" in dot


DUTCH_MAP = """\
Belanghebbende;Uitkomst;Indicator;Aantal;Duur (jaren);Waarde proxy;Bron proxy;Deadweight;Verplaatsing;Attributie;Afname (drop-off)
students;confidence;score;30;3;PROXY;lijst;25%;10%;20%;10%
"""


def test_a_dutch_thousands_separator_is_an_error_not_one_euro(study_dir, run_study):
    text = CHECK_STUDY.split("    outcomes:")[0] + "    impact_map: kaart.csv\n"
    folder = study_dir(text, kaart__csv=DUTCH_MAP.replace("PROXY", "€ 1.000"))
    result = run_study(folder)
    (error,) = result.errors
    assert (error.location.file, error.location.row, error.location.key) == (
        str(folder / "kaart.csv"),
        2,
        "Waarde proxy",
    )
    assert error.message.en.startswith("'€ 1.000' is ambiguous: 1000 or 1?")
    assert error.message.nl.startswith("'€ 1.000' is dubbelzinnig: 1000 of 1?")
    assert "sroi.ratio" not in result.metrics and result.exit_code == 1
    # written without the separator, or with decimals, it is the check value
    for proxy in ("€ 1000", "1000,00", "€ 1.000,00", "1000.00"):
        (folder / "kaart.csv").write_text(DUTCH_MAP.replace("PROXY", proxy), encoding="utf-8")
        result = run_study(folder)
        assert round(result.metrics["sroi.ratio"], 4) == 2.0549 and result.exit_code == 0


@pytest.mark.parametrize(
    "field, line, column", [("quantity", 21, 19), ("proxy_value", 24, 22), ("deadweight", 26, 21), ("drop_off", 29, 19)]
)
@pytest.mark.parametrize("value", [".nan", ".inf", "-.inf", ".NaN", "'nan'", "'inf'"])
def test_non_finite_yaml_numbers_stop_loading_with_their_line(study_dir, sroi_plugins, field, line, column, value):
    text = CHECK_STUDY.replace(f"        {field}: ", f"        {field}: {value}  # was ", 1)
    with pytest.raises(StudyError) as info:
        impactkit.load(study_dir(text), plugins=sroi_plugins)
    (problem,) = info.value.problems
    assert f":{line}:{column} " in problem.render("en") and "is not a finite number" in problem.render("en")


def test_a_non_finite_distribution_parameter_is_an_error(study_dir, sroi_plugins):
    text = CHECK_STUDY.replace("deadweight: 25%", "deadweight: {value: 25%, distribution: {type: normal, sd: .nan}}")
    with pytest.raises(StudyError) as info:
        impactkit.load(study_dir(text), plugins=sroi_plugins)
    assert ":26:21 " in info.value.render() and "sd: 'nan' is not a finite number" in info.value.render()


def test_importing_the_calculation_loads_no_heavy_libraries():
    import subprocess
    import sys

    code = (
        "import sys\n"
        "import impactkit.plugins.sroi.calc, impactkit.plugins.sroi.sensitivity, impactkit.plugins.sroi.analysis\n"
        "import impactkit.plugins.sroi.cli, impactkit.plugins.sroi.io, impactkit.plugins.sroi.mapping\n"
        "print(sorted(m for m in ('numpy', 'pandas', 'matplotlib', 'openpyxl') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_a_duration_of_0_is_an_error_with_its_line_inline_and_its_cell_in_a_file(study_dir, sroi_plugins, run_study):
    with pytest.raises(StudyError) as info:
        impactkit.load(study_dir(CHECK_STUDY.replace("duration: 3", "duration: 0")), plugins=sroi_plugins)
    (problem,) = info.value.problems
    assert ":22:19 " in problem.render("en") and "a duration of 0 years values nothing" in problem.render("en")
    assert "een duur van 0 jaar waardeert niets" in problem.render("nl")

    text = CHECK_STUDY.split("    outcomes:")[0] + "    impact_map: map.csv\n"
    folder = study_dir(
        text,
        map__csv="stakeholder,outcome,indicator,quantity,duration,proxy_value,proxy_source\n"
        "students,confidence,score,30,0,1000,list\n",
    )
    result = run_study(folder)
    (error,) = result.errors
    assert (error.location.row, error.location.key) == (2, "duration")
    assert "sroi.payback_months" not in result.metrics and "sroi.present_value" not in result.metrics


def test_a_duration_below_a_year_is_an_info_naming_its_line(study_dir, run_study):
    result = run_study(study_dir(CHECK_STUDY.replace("duration: 3", "duration: 0.5")))
    (short,) = [f for f in result.findings if f.code == "sroi.short-duration"]
    assert short.severity == "info" and short.location.line == 22
    assert "lasts 0.5 of a year: 50% of its first-year value is counted" in short.message.en
    assert "duurt 0,5 jaar: 50% van de waarde in het eerste jaar telt mee" in short.message.nl
    assert result.metrics["sroi.payback_months"] == pytest.approx(20_000 / (8_100 / 12))


@pytest.mark.parametrize(
    "route, en, nl",
    [
        (
            "linear",
            "the study follows route 1 (linear, an SROI analysis) but has no impact map",
            "de studie volgt route 1 (lineair, een SROI-analyse) maar heeft geen impactmap",
        ),
        (
            "both",
            "the study follows both routes, so route 1 (linear, an SROI analysis) too, but has no impact map",
            "de studie volgt beide routes, dus ook route 1 (lineair, een SROI-analyse), maar heeft geen impactmap",
        ),
    ],
)
def test_the_no_map_finding_names_the_route_in_the_users_language(study_dir, run_study, route, en, nl):
    text = CHECK_STUDY.split("methods:")[0].replace("route: linear", f"route: {route}")
    (finding,) = [f for f in run_study(study_dir(text)).findings if f.code == "sroi.no-map"]
    assert finding.message.en.startswith(en) and finding.message.nl.startswith(nl)
    assert "(both)" not in finding.message.en + finding.message.nl
    assert "linear" not in finding.message.nl.replace("'", "")


def step_status(folder, plugins, lang="en"):
    from impactkit.core.context import Context
    from impactkit.core.graph import build_graph
    from impactkit.plugins.sroi import impactkit_steps

    study = impactkit.load(folder, plugins=plugins)
    (step,) = impactkit_steps()
    assert step.id == "sroi.value-map" and step.number == 3
    return step.check(Context(study=study, graph=build_graph(study)[0], lang=lang))


def test_the_status_step_says_what_the_impact_map_lacks(study_dir, sroi_plugins):
    assert step_status(study_dir(), sroi_plugins).done  # the check study is complete

    no_map = step_status(study_dir(CHECK_STUDY.split("methods:")[0]), sroi_plugins)
    assert not no_map.done and no_map.applies
    assert "an impact map ('methods.sroi'" in no_map.missing[0].en

    gaps = (
        CHECK_STUDY.replace("        indicator: self-efficacy score up by one point\n", "")
        .replace("        proxy_source: price list 2024\n", "")
        .replace("inputs:\n  - {id: grant, name: Grant, stakeholder: city, value: 20000, to: [coaching]}\n", "")
    )
    state = step_status(study_dir(gaps), sroi_plugins)
    assert not state.done
    assert [m.en for m in state.missing] == [
        "an indicator ('indicator') for 'More confidence' (Students)",
        "the source of the proxy ('proxy_source') for 'More confidence' (Students)",
        "inputs with a value ('inputs': money and in-kind contributions)",
    ]
    assert state.missing[0].nl == "een indicator ('indicator') voor 'More confidence' (Students)"

    broken = CHECK_STUDY.split("    outcomes:")[0] + "    impact_map: map.csv\n"
    folder = study_dir(
        broken, map__csv="stakeholder,outcome,quantity,proxy_value\nstudents,confidence,30,\naliens,confidence,x,1\n"
    )
    assert [m.en for m in step_status(folder, sroi_plugins).missing] == [
        "fixes for 2 errors in the impact map (`impactkit validate` lists them)",
        "an indicator ('indicator') for 'More confidence' (Students)",
        "a financial proxy ('proxy') for 'More confidence' (Students)",
        "the value of the proxy ('proxy_value') for 'More confidence' (Students)",
        "the source of the proxy ('proxy_source') for 'More confidence' (Students)",
    ]


def test_the_status_step_does_not_apply_to_a_route_2_study(study_dir, sroi_plugins):
    text = CHECK_STUDY.split("methods:")[0].replace("route: linear", "route: nonlinear")
    assert not step_status(study_dir(text), sroi_plugins).applies
    # a route-2 study that does an SROI analysis anyway gets the step
    assert step_status(study_dir(CHECK_STUDY.replace("route: linear", "route: nonlinear")), sroi_plugins).applies

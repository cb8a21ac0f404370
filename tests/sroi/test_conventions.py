"""The conventions published SROI reports need, against hand-computed cases (docs/plugins/sroi.md,
"Conventions"): an evaluative map over calendar years with inputs per year and a rate per year,
a lag of two years, drop-off from the first year, a proxy of three factors with a range on one,
a haircut; year-per-row maps; the checks and refusals that go with them.

Every expected figure is written out as the arithmetic a reader would do by hand."""

from __future__ import annotations

import re

import pytest

from .conftest import CHECK_STUDY

HEAD = """\
impactkit: 1
id: conventions
title: Conventions
language: en
route: linear
stakeholders:
  - {id: students, name: Students, group: learners}
  - {id: pupils, name: Pupils, group: learners}
  - {id: city, name: City}
  - {id: justice, name: Justice system}
outcomes:
  - {id: confidence, name: More confidence, stakeholders: [students, pupils]}
  - {id: savings, name: Savings, stakeholders: [city]}
"""

EVALUATIVE = (
    HEAD
    + """\
inputs:
  - {id: grant-2023, name: Grant 2023, stakeholder: city, value: 1000, year: 2023}
  - {id: grant-2024, name: Grant 2024, stakeholder: city, value: 1000, year: 2024}
  - {id: grant-2025, name: Grant 2025, stakeholder: city, value: 1000, year: 2025}
methods:
  sroi:
    valuation_year: 2025
    discount_rate: 3.5%
    rates: {2023: 4%, 2024: 5%}
    monte_carlo: {enabled: false}
    outcomes:
      - {stakeholder: students, outcome: confidence, year: 2023, quantity: 10, proxy_value: 100, deadweight: 10%,
         displacement: 0, attribution: 0, duration: 1, indicator: i, proxy: p, proxy_source: s}
      - {stakeholder: students, outcome: confidence, year: 2024, quantity: 20, proxy_value: 100, deadweight: 10%,
         displacement: 0, attribution: 0, duration: 1, indicator: i, proxy: p, proxy_source: s}
      - {stakeholder: students, outcome: confidence, year: 2025, quantity: 30, proxy_value: 100, deadweight: 10%,
         displacement: 0, attribution: 0, duration: 1, indicator: i, proxy: p, proxy_source: s}
      - {stakeholder: city, outcome: savings, year: 2025, quantity: 1, proxy_value: 500, deadweight: 0,
         displacement: 0, attribution: 0, duration: 2, drop_off: 20%, indicator: i, proxy: p, proxy_source: s}
"""
)

# By hand: the rate of year t carries an amount from t to t + 1, so 2023 → 2025 is × 1.04 × 1.05
# and 2024 → 2025 is × 1.05; 2026 → 2025 is ÷ 1.035 (no rate given for 2025: the discount rate).
TO_2025 = {2023: 1.04 * 1.05, 2024: 1.05, 2025: 1.0, 2026: 1 / 1.035}
VALUE = {2023: 10 * 100 * 0.9, 2024: 20 * 100 * 0.9, 2025: 30 * 100 * 0.9 + 500, 2026: 500 * 0.8}
PV = sum(VALUE[y] * TO_2025[y] for y in VALUE)  # 982.8 + 1890 + 3200 + 386.47… = 6459.27…
INPUTS = sum(1000 * TO_2025[y] for y in (2023, 2024, 2025))  # 1092 + 1050 + 1000 = 3142


def test_an_evaluative_map_over_three_calendar_years_with_a_rate_per_year(study_dir, run_study):
    result = run_study(study_dir(EVALUATIVE))
    m = result.metrics
    assert PV == pytest.approx(6459.273429951691, abs=1e-9) and INPUTS == pytest.approx(3142)
    assert m["sroi.present_value"] == pytest.approx(PV, rel=1e-12)
    assert m["sroi.total_inputs"] == pytest.approx(INPUTS, rel=1e-12)
    assert m["sroi.ratio"] == pytest.approx(PV / INPUTS, rel=1e-12)  # 2.0557…
    # payback from the first year's value of each outcome: 2023 for confidence (900), 2025 for savings (500)
    assert m["sroi.payback_months"] == pytest.approx(INPUTS / ((900 + 500) / 12), rel=1e-12)
    by_year = {r["year"]: r for r in m["sroi.by_year"]}
    assert sorted(by_year) == [2023, 2024, 2025, 2026]
    for year in (2023, 2024, 2025, 2026):
        assert by_year[year]["value"] == pytest.approx(VALUE[year])
        assert by_year[year]["present_value"] == pytest.approx(VALUE[year] * TO_2025[year])
        assert by_year[year]["t"] == year - 2025
    assert [by_year[y]["ratio"] for y in (2023, 2024)] == pytest.approx([900 / 1000, 1800 / 1000])
    assert by_year[2025]["ratio"] == pytest.approx(3200 / 1000) and by_year[2026]["ratio"] is None
    assert by_year[2023]["present_inputs"] == pytest.approx(1092)
    # one outcome over three years is not valued twice
    assert not [f for f in result.findings if f.code == "sroi.double-counting"]
    assert result.exit_code == 0


def test_the_export_labels_each_column_with_its_calendar_year(study_dir, run_study, tmp_path):
    from openpyxl import load_workbook

    from impactkit.plugins.sroi.analysis import Analysis
    from impactkit.plugins.sroi.io import write_xlsx

    result = run_study(study_dir(EVALUATIVE.replace("valuation_year: 2025", "base_year: 2025")))
    write_xlsx(tmp_path / "map.xlsx", Analysis(result.study), "en")
    sheet = load_workbook(tmp_path / "map.xlsx")["Calculation"]
    heads = [cell.value for cell in sheet[3]]
    assert heads[3:7] == ["2023", "2024", "2025", "2026"] and "Year 1 (2026)" not in heads
    assert heads[:3] == ["Stakeholder", "Outcome", "Impact"]
    assert sheet.cell(row=4, column=2).value == "More confidence (2023)"
    factors = [
        row for row in sheet.iter_rows(values_only=True) if row[0] == "Factor to 2025 (discounted or compounded)"
    ]
    assert list(factors[0][3:7]) == pytest.approx([TO_2025[y] for y in (2023, 2024, 2025, 2026)], abs=5e-5)


def test_a_lag_of_two_years(study_dir, run_study):
    # 10 × 500 = 5,000 in year 3 and 4,000 in year 4 (drop-off 20%), nothing in years 1 and 2
    text = CHECK_STUDY.split("    outcomes:")[0] + (
        "    outcomes:\n"
        "      - {stakeholder: students, outcome: confidence, quantity: 10, proxy_value: 500, duration: 2,\n"
        "         drop_off: 20%, deadweight: 0, displacement: 0, attribution: 0, starts_after_years: 2}\n"
    )
    m = run_study(study_dir(text)).metrics
    pv = 5_000 / 1.035**3 + 4_000 / 1.035**4  # 4,509.71 + 3,485.77 = 7,995.48
    assert m["sroi.present_value"] == pytest.approx(pv, rel=1e-12)
    assert round(m["sroi.present_value"], 2) == 7_995.48
    assert m["sroi.ratio"] == pytest.approx(pv / 20_000, rel=1e-12)
    assert m["sroi.payback_months"] == pytest.approx(20_000 / (5_000 / 12))  # the first year of value, 48 months
    assert [r["value"] for r in m["sroi.by_year"]] == pytest.approx([0, 0, 0, 5_000, 4_000])  # t = 0 … 4


def test_drop_off_from_the_first_year(study_dir, run_study):
    # the check value with its first year already reduced once: 14,580 · 13,122 · 11,809.80
    text = CHECK_STUDY.replace(
        "        drop_off: 10%\n", "        drop_off: 10%\n        drop_off_starts: first_year\n"
    )
    m = run_study(study_dir(text)).metrics
    pv = 14_580 / 1.035 + 13_122 / 1.035**2 + 11_809.8 / 1.035**3  # 36,988.25 = 0.9 × 41,098.05
    assert m["sroi.present_value"] == pytest.approx(pv, rel=1e-12)
    assert round(m["sroi.present_value"], 2) == 36_988.25
    assert round(m["sroi.ratio"], 4) == 1.8494
    assert m["sroi.payback_months"] == pytest.approx(20_000 / (14_580 / 12))  # 16.46 months
    # for the whole map, too
    whole = CHECK_STUDY.replace("    outcomes:\n", "    drop_off_starts: first_year\n    outcomes:\n")
    assert run_study(study_dir(whole)).metrics["sroi.present_value"] == pytest.approx(pv, rel=1e-12)


THREE_FACTORS = (
    HEAD
    + """\
inputs:
  - {id: grant, name: Grant, stakeholder: city, value: 5000}
methods:
  sroi:
    monte_carlo: {draws: 4000, seed: 3}
    outcomes:
      - stakeholder: students
        outcome: confidence
        quantity: 2
        duration: 1
        deadweight: 0
        displacement: 0
        attribution: 0
        indicator: i
        proxy: volunteering time
        proxy_source: see the factors
        proxy_factors:
          - {name: hours per week, value: 3, source: survey}
          - {name: weeks, value: 40}
          - {name: hourly wage, value: {value: 25.5, low: 22, high: 30}, source: CBS 2024}
"""
)


def test_a_proxy_of_three_factors_with_a_range_on_one(study_dir, run_study):
    result = run_study(study_dir(THREE_FACTORS))
    m = result.metrics
    proxy = 3 * 40 * 25.5  # 3,060
    assert m["sroi.present_value"] == pytest.approx(2 * proxy / 1.035, rel=1e-12)  # 5,913.04
    assert m["sroi.ratio"] == pytest.approx(2 * proxy / 1.035 / 5_000, rel=1e-12)  # 1.1826
    rows = {tuple(n.get("factor") or n["field"] for n in r["numbers"]): r for r in m["sroi.tornado"]}
    wage = rows[("hourly wage",)]
    assert (wage["numbers"][0]["low"], wage["numbers"][0]["high"], wage["numbers"][0]["range_from"]) == (
        22,
        30,
        "range",
    )
    assert wage["ratio_low"] == pytest.approx(2 * 3 * 40 * 22 / 1.035 / 5_000, rel=1e-12)
    assert wage["ratio_high"] == pytest.approx(2 * 3 * 40 * 30 / 1.035 / 5_000, rel=1e-12)
    # quantity, hours and weeks at ±20% move the ratio identically: one row that names all three
    same = rows[("quantity", "hours per week", "weeks")]
    assert same["ratio_low"] == pytest.approx(0.8 * m["sroi.ratio"]) and len(same["numbers"]) == 3
    assert [n.get("path") for n in same["numbers"]][1:] == [
        ["methods", "sroi", "outcomes", 0, "proxy_factors", 0, "value"],
        ["methods", "sroi", "outcomes", 0, "proxy_factors", 1, "value"],
    ]
    label = result.tables["sroi.tornado"]["assumption"].tolist()
    assert "Students — More confidence: quantity, hours per week and weeks" in label
    # the wage that brings the ratio to 1:1: 5,000 × 1.035 / (2 × 3 × 40) = 21.5625
    breakeven = {b.get("factor") or b["field"]: b for b in m["sroi.break_even"]}
    assert breakeven["hourly wage"]["switching_value"] == pytest.approx(5_000 * 1.035 / (2 * 3 * 40), rel=1e-12)
    assert breakeven["weeks"]["switching_value"] == pytest.approx(5_000 * 1.035 / (2 * 3 * 25.5), rel=1e-12)
    # the Monte Carlo draws the wage alone, triangular(22, 25.5, 30)
    mc = m["sroi.monte_carlo"]
    assert mc["uncertain"] == 1
    low, high = 2 * 3 * 40 * 22 / 1.035 / 5_000, 2 * 3 * 40 * 30 / 1.035 / 5_000
    assert low < mc["p5"] < mc["median"] < mc["p95"] < high
    assert mc["mean"] == pytest.approx(2 * 3 * 40 * (22 + 25.5 + 30) / 3 / 1.035 / 5_000, rel=0.01)


def test_a_haircut_is_one_more_deduction(study_dir, run_study):
    text = CHECK_STUDY.replace("        drop_off: 10%\n", "        drop_off: 10%\n        haircut: 25%\n")
    result = run_study(study_dir(text))
    m = result.metrics
    impact = 30 * 1_000 * 0.75 * 0.9 * 0.8 * 0.75  # 12,150
    pv = impact / 1.035 + impact * 0.9 / 1.035**2 + impact * 0.81 / 1.035**3  # 30,823.54
    assert m["sroi.present_value"] == pytest.approx(pv, rel=1e-12)
    assert round(m["sroi.present_value"], 2) == 30_823.54 and round(m["sroi.ratio"], 4) == 1.5412
    assert m["sroi.payback_months"] == pytest.approx(20_000 / (impact / 12))
    haircut = next(b for b in m["sroi.break_even"] if b["field"] == "haircut")
    assert haircut["switching_value"] == pytest.approx(1 - 0.75 * 20_000 / pv, rel=1e-12)


def test_the_check_value_still_holds(study_dir, run_study):
    m = run_study(study_dir(CHECK_STUDY)).metrics
    assert round(m["sroi.present_value"], 2) == 41_098.05
    assert round(m["sroi.ratio"], 4) == 2.0549
    assert round(m["sroi.payback_months"], 2) == 14.81


# -- checks and refusals that go with the conventions -----------------------------------------------


def codes(result):
    return [f.code for f in result.findings]


def test_a_drop_off_that_cannot_act_gets_an_info(study_dir, run_study):
    text = CHECK_STUDY.replace("duration: 3", "duration: 1")
    result = run_study(study_dir(text))
    (idle,) = [f for f in result.findings if f.code == "sroi.drop-off-idle"]
    assert idle.severity == "info" and idle.location.key == "methods.sroi.outcomes[0].drop_off"
    assert "does not act" in idle.message.en and "drop_off_starts: first_year" in idle.message.en
    assert "werkt niet" in idle.message.nl
    acting = text.replace("        drop_off: 10%\n", "        drop_off: 10%\n        drop_off_starts: first_year\n")
    assert "sroi.drop-off-idle" not in codes(run_study(study_dir(acting)))


def test_two_rows_of_one_outcome_in_the_same_year_are_still_valued_twice(study_dir, run_study):
    text = EVALUATIVE.replace("year: 2024, quantity: 20", "year: 2023, quantity: 20")
    assert codes(run_study(study_dir(text))).count("sroi.double-counting") == 1


def test_ratios_per_stakeholder_and_per_group(study_dir, run_study):
    text = EVALUATIVE.replace(
        "      - {stakeholder: city, outcome: savings",
        "      - {stakeholder: pupils, outcome: confidence, quantity: 5, proxy_value: 100, deadweight: 0,\n"
        "         displacement: 0, attribution: 0, duration: 1, indicator: i, proxy: p, proxy_source: s}\n"
        "      - {stakeholder: justice, outcome: savings",
    )
    result = run_study(study_dir(text))
    m = result.metrics
    pupils = 5 * 100 / 1.035  # a row without a year: the year after the base (valuation) year
    justice = 500 + 400 / 1.035
    students = PV - justice
    assert m["sroi.ratio_by_stakeholder"] == pytest.approx(
        {"students": students / INPUTS, "pupils": pupils / INPUTS, "justice": justice / INPUTS}, rel=1e-12
    )
    assert m["sroi.ratio_by_group"] == pytest.approx(
        {"learners": (students + pupils) / INPUTS, "justice": justice / INPUTS}, rel=1e-12
    )
    report = result.report_markdown("en")
    assert "### Value per group of stakeholders" in report and "| learners |" in report
    assert "### Value and inputs per year" in report and "| 2023 |" in report
    # the justice system appears only in the impact map: it takes part, it is not 'not linked'
    assert "core.unused-stakeholder" not in codes(result)


def test_years_need_a_year_to_count_from(study_dir, run_study, sroi_plugins):
    import impactkit
    from impactkit.plugin import StudyError

    result = run_study(
        study_dir(
            EVALUATIVE.replace(
                "    valuation_year: 2025\n    discount_rate: 3.5%\n    rates: {2023: 4%, 2024: 5%}\n", ""
            )
        )
    )
    (error,) = [f for f in result.findings if f.code == "sroi.no-valuation-year"]
    assert error.severity == "error" and "valuation_year" in error.message.en and "sroi.ratio" not in result.metrics
    with pytest.raises(StudyError) as info:
        impactkit.load(study_dir(EVALUATIVE.replace("    valuation_year: 2025\n", "")), plugins=sroi_plugins)
    assert "give valuation_year (or base_year)" in info.value.problems[0].message.en


def test_a_proxy_value_that_is_not_its_factors_is_refused(study_dir, sroi_plugins):
    import impactkit
    from impactkit.plugin import StudyError

    text = THREE_FACTORS.replace("        proxy_source: see the factors\n", "        proxy_value: 3000\n")
    with pytest.raises(StudyError) as info:
        impactkit.load(study_dir(text), plugins=sroi_plugins)
    message = info.value.problems[0].message
    assert "not the product of proxy_factors (3,060)" in message.en and "(3.060)" in message.nl
    agreeing = THREE_FACTORS.replace("        proxy_source: see the factors\n", "        proxy_value: 3060\n")
    assert impactkit.load(study_dir(agreeing), plugins=sroi_plugins)


def test_a_lag_given_twice_must_agree(study_dir, sroi_plugins):
    import impactkit
    from impactkit.plugin import StudyError

    text = CHECK_STUDY.replace(
        "        drop_off: 10%\n", "        starts_after_activity: true\n        starts_after_years: 2\n"
    )
    with pytest.raises(StudyError) as info:
        impactkit.load(study_dir(text), plugins=sroi_plugins)
    assert "give starts_after_years only" in info.value.problems[0].message.en


@pytest.mark.parametrize("language, ok", [("en", True), ("nl", False)])
def test_a_quoted_number_with_three_decimals_is_read_as_a_decimal_in_an_english_study(
    study_dir, run_study, language, ok
):
    text = CHECK_STUDY.replace("language: en", f"language: {language}").replace(
        "proxy_value: 1000", "proxy_value: '1.000'"
    )
    result = run_study(study_dir(text))
    if ok:
        assert result.metrics["sroi.present_value"] == pytest.approx(41.09805210816143)  # 1.000 is one
        assert "sroi.ambiguous-number" not in codes(result)
    else:
        (error,) = [f for f in result.findings if f.code == "sroi.ambiguous-number"]
        assert error.location.key == "methods.sroi.outcomes[0].proxy_value" and error.location.line == 24
        assert "Schrijf het zonder scheidingsteken voor duizendtallen: 1000" in error.message.nl
        assert "bedoel je 1, schrijf dan 1" in error.message.nl and "sroi.ratio" not in result.metrics


def test_the_new_columns_go_through_a_file_and_back(study_dir, tmp_path, sroi_plugins):
    import impactkit
    from impactkit.plugins.sroi import io
    from impactkit.plugins.sroi.analysis import Analysis

    text = THREE_FACTORS.replace(
        "        indicator: i\n",
        "        indicator: i\n        year: 2024\n        starts_after_years: 2\n        drop_off_starts: first_year\n"
        "        haircut: {value: 10%, low: 5%, high: 20%}\n",
    ).replace("    monte_carlo:", "    valuation_year: 2025\n    monte_carlo:")
    study = impactkit.load(study_dir(text), plugins=sroi_plugins)
    rows = list(study.method("sroi").outcomes)
    assert rows[0].proxy_value.value == 3 * 40 * 25.5 and rows[0].lag == 2
    for lang in ("en", "nl"):
        io.write_xlsx(tmp_path / f"map-{lang}.xlsx", Analysis(study), lang)
        again = io.read_impact_map(tmp_path / f"map-{lang}.xlsx")
        assert again.problems == [] and again.rows == rows
    io.write_csv(tmp_path / "map.csv", rows)
    header = (tmp_path / "map.csv").read_text(encoding="utf-8").splitlines()[0].split(",")
    assert {"year", "starts_after_years", "drop_off_starts", "haircut", "proxy_factors", "haircut_low"} <= set(header)
    assert io.read_impact_map(tmp_path / "map.csv").rows == rows
    assert io.rows_to_yaml(rows)[0]["proxy_factors"][2] == {
        "name": "hourly wage",
        "value": {"value": 25.5, "low": 22, "high": 30},
        "source": "CBS 2024",
    }
    assert "proxy_value" not in io.rows_to_yaml(rows)[0]  # the factors say it


def test_bad_cells_of_the_new_columns_name_their_row_and_column(tmp_path):
    from impactkit.plugins.sroi.io import read_impact_map

    (tmp_path / "map.csv").write_text(
        "Belanghebbende;Uitkomst;Aantal;Waarde proxy;Jaar;Start na (jaren);Afname begint;Factoren van de proxy\n"
        "s;o;1;10;twintig;1;eerste jaar;\n"
        "s;o;1;10;2024;-1;second_year;\n"
        "s;o;1;10;2024;1;derde jaar;\n"
        "s;o;1;;2024;1;;[{name: a, value: 2}, {name: b, value: 3}]\n"
        "s;o;1;;2024;1;;geen lijst\n",
        encoding="utf-8",
    )
    imported = read_impact_map(tmp_path / "map.csv")
    lines = [p.render("en") for p in imported.problems]
    where = str(tmp_path / "map.csv")
    assert lines == [
        f"{where}:2:Jaar: 'twintig' is not a calendar year; expected a year such as 2024",
        f"{where}:3:Start na (jaren): '-1' is not a whole number of years; expected 0, 1, 2 …",
        f"{where}:4:Afname begint: 'derde jaar' is not when drop-off starts; expected first_year or second_year",
        f"{where}:6:Factoren van de proxy: the proxy factors are a list such as [{{name: hours per week, value: 3}}, "
        "{name: weeks, value: 40}]",
    ]
    (row,) = imported.rows
    assert row.proxy_value.value == 6 and row.year == 2024 and row.drop_off_starts is None


@pytest.mark.parametrize("kind", ["count", "money", "fraction"])
@pytest.mark.parametrize("given", ["abc", "inf", "1.000", "14.229", "€ 2,500", "140%", "1.4", "25", "-3", True])
def test_every_refused_number_names_a_form_that_is_accepted(kind, given):
    from impactkit.plugins.sroi.parse import SroiValueError, parse_value

    try:
        parse_value(given, kind)
    except SroiValueError as exc:
        for text in (exc.text.en, exc.text.nl):
            # the forms a refusal offers: after 'write', 'such as', 'e.g.', 'schrijf', 'zoals', 'bijv.'
            offered = re.findall(
                r'(?:write|such as|e\.g\.|schrijf(?: dan)?|zoals|bijv\.|decimals|decimalen|:) ("?[-\d.,]+%?"?)', text
            )
            offered = [form.strip('"').rstrip(",") for form in offered if re.search(r"\d", form)]
            assert offered, text
            for form in offered:
                parse_value(form, kind)  # raises if a suggestion were refused too
    else:
        assert given in ("25", "1.4", "-3", "140%") or kind != "fraction"

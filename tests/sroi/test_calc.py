"""The SROI calculation against hand-computed cases (see docs/plugins/sroi.md, "Conventions")."""

from __future__ import annotations

import numpy as np
import pytest

from impactkit.plugins.sroi.calc import MapArrays, calculate, present_values, pv_factor, summarise


def summary(rows, inputs, rate=0.035):
    return calculate(MapArrays.build(rows, inputs, rate)).summary()


CHECK_ROW = dict(
    quantity=30, proxy_value=1000, deadweight=0.25, displacement=0.10, attribution=0.20, drop_off=0.10, duration=3
)


def test_check_value_of_the_issue():
    # impact = 30 × 1000 × 0.75 × 0.9 × 0.8 = 16,200; years 16,200 / 14,580 / 13,122
    calc = calculate(MapArrays.build([CHECK_ROW], [20_000], 0.035))
    assert calc.impact[0] == pytest.approx(16_200)
    assert calc.years[0].tolist() == pytest.approx([16_200, 14_580, 13_122])
    s = calc.summary()
    assert round(s["present_value"], 2) == 41_098.05
    assert round(s["ratio"], 4) == 2.0549
    assert round(s["payback_months"], 2) == 14.81
    assert round(s["net_present_value"], 2) == 21_098.05
    assert round(s["net_ratio"], 4) == 1.0549
    assert s["total_inputs"] == 20_000


def test_starts_after_activity_shifts_the_stream_one_year():
    # impact 10 × 500 = 5,000 in year 2, 4,000 in year 3 (drop-off 20%):
    # PV = 5000 / 1.035² + 4000 / 1.035³ = 4,667.56 + 3,607.77 = 8,275.32
    row = dict(
        quantity=10,
        proxy_value=500,
        deadweight=0,
        displacement=0,
        attribution=0,
        drop_off=0.2,
        duration=2,
        starts_after_activity=True,
    )
    calc = calculate(MapArrays.build([row], [4_000], 0.035))
    assert calc.years[0].tolist() == pytest.approx([0, 5_000, 4_000])
    s = calc.summary()
    assert s["present_value"] == pytest.approx(8_275.324324504103, abs=1e-6)
    # payback uses the first-year impact, whatever year it falls in: 4000 / (5000 / 12) = 9.6
    assert s["payback_months"] == pytest.approx(9.6)
    unshifted = summary([{**row, "starts_after_activity": False}], [4_000])
    assert unshifted["present_value"] == pytest.approx(s["present_value"] * 1.035)


def test_zero_drop_off_is_a_plain_annuity():
    # impact 12 × 2500 × 0.9 × 0.5 = 13,500 for 4 years: PV = 13,500 × Σ 1/1.035^t = 49,586.57
    row = dict(quantity=12, proxy_value=2500, deadweight=0.10, displacement=0, attribution=0.5, drop_off=0, duration=4)
    s = summary([row], [25_000])
    assert s["present_value"] == pytest.approx(49_586.56931626503, abs=1e-6)
    assert s["ratio"] == pytest.approx(1.9834627726506011, rel=1e-12)


def test_several_stakeholders_pay_and_benefit():
    # students: 20 × 800 × 0.8 × 0.75 = 9,600, then 4,800 (drop-off 50%) → PV 13,756.21
    # residents: 50 × 300 × 0.6 × 0.9 × 0.7 = 5,670 for one year → PV 5,478.26
    # inputs: 15,000 money + 5,000 in kind = 20,000
    rows = [
        dict(quantity=20, proxy_value=800, deadweight=0.2, displacement=0, attribution=0.25, drop_off=0.5, duration=2),
        dict(quantity=50, proxy_value=300, deadweight=0.4, displacement=0.1, attribution=0.3, drop_off=0, duration=1),
    ]
    calc = calculate(MapArrays.build(rows, [15_000, 5_000], 0.035))
    assert calc.present_value.tolist() == pytest.approx([13_756.213680599314, 5_478.260869565217], abs=1e-6)
    s = calc.summary()
    assert s["total_inputs"] == 20_000
    assert s["present_value"] == pytest.approx(19_234.47455016453, abs=1e-6)
    assert s["ratio"] == pytest.approx(0.9617237275082265, rel=1e-12)
    assert s["net_present_value"] == pytest.approx(-765.5254498354687, abs=1e-6)
    assert s["payback_months"] == pytest.approx(20_000 / ((9_600 + 5_670) / 12))


def test_fractional_duration_counts_the_last_year_in_part():
    row = dict(quantity=1, proxy_value=100, drop_off=0.5, duration=2.5)
    calc = calculate(MapArrays.build([row], [100], 0.0))
    assert calc.years[0].tolist() == pytest.approx([100, 50, 12.5])
    assert calc.summary()["present_value"] == pytest.approx(162.5)


def test_missing_deductions_count_as_zero_and_missing_duration_as_one_year():
    calc = calculate(MapArrays.build([dict(quantity=2, proxy_value=10)], [10], 0.0))
    assert calc.years.shape == (1, 1)
    assert calc.summary()["ratio"] == pytest.approx(2.0)


def test_no_inputs_gives_no_ratio_and_no_payback():
    s = summary([CHECK_ROW], [])
    assert s["ratio"] is None and s["net_ratio"] is None and s["payback_months"] is None
    assert s["present_value"] == pytest.approx(41_098.05, abs=0.01)


def test_negative_outcomes_lower_the_value_and_payback_needs_positive_impact():
    s = summarise(-500.0, 1000.0, -100.0)
    assert s["ratio"] == -0.5 and s["payback_months"] is None


def test_closed_form_equals_the_year_by_year_table():
    rng = np.random.default_rng(7)
    n = 400
    rows = [
        dict(
            quantity=rng.uniform(0, 100),
            proxy_value=rng.normal(500, 400),
            deadweight=rng.uniform(),
            displacement=rng.uniform(),
            attribution=rng.uniform(),
            drop_off=rng.choice([0.0, 1.0, rng.uniform()]),
            duration=rng.choice([0, 0.4, 1, 2.5, 3, 7]),
            starts_after_activity=bool(rng.uniform() < 0.5),
        )
        for _ in range(n)
    ]
    for rate in (0.0, 0.035, 0.12):
        arrays = MapArrays.build(rows, [1.0], rate)
        np.testing.assert_allclose(present_values(arrays), calculate(arrays).present_value, rtol=1e-12, atol=1e-9)


@pytest.mark.parametrize(
    "drop, years, lag, rate, expected",
    [
        (0.1, 3, 0, 0.035, 1 / 1.035 + 0.9 / 1.035**2 + 0.81 / 1.035**3),
        (0.0, 3, 0, 0.0, 3.0),  # x = 1: no drop-off, no discounting
        (1.0, 3, 1, 0.0, 1.0),  # drop-off 100%: only the first year counts
        (1.0, 0, 0, 0.035, 0.0),  # no duration, no value
        (0.5, 0.5, 0, 0.0, 0.5),
    ],
)
def test_pv_factor_edge_cases(drop, years, lag, rate, expected):
    assert float(pv_factor(drop, years, 1 + lag, rate)) == pytest.approx(expected, rel=1e-12, abs=1e-15)


def test_payback_rests_only_on_value_that_is_counted():
    # half a year: year 1 holds half the impact, in the PV and in the payback alike
    half = calculate(MapArrays.build([{**CHECK_ROW, "duration": 0.5}], [20_000], 0.035))
    assert half.years[0].tolist() == pytest.approx([8_100])
    s = half.summary()
    assert s["present_value"] == pytest.approx(8_100 / 1.035)
    assert s["payback_months"] == pytest.approx(20_000 / (8_100 / 12))
    # a duration of 0 values nothing (the map refuses it, but the calculation must agree with
    # itself): no present value, so no payback either — not 14.81 months
    none = calculate(MapArrays.build([{**CHECK_ROW, "duration": 0}], [20_000], 0.035)).summary()
    assert none["present_value"] == 0 and none["payback_months"] is None
    # rows of a year or more count their whole impact
    mixed = calculate(MapArrays.build([CHECK_ROW, {**CHECK_ROW, "duration": 0}], [20_000], 0.035)).summary()
    assert round(mixed["payback_months"], 2) == 14.81


def test_the_closed_form_and_the_year_sum_agree_with_starts_first_year_drop_off_and_a_rate_schedule():
    rng = np.random.default_rng(11)
    n = 300
    rows = [
        dict(
            quantity=rng.uniform(0, 100),
            proxy_value=rng.normal(500, 400),
            deadweight=rng.uniform(),
            haircut=rng.uniform(0, 0.5),
            drop_off=rng.choice([0.0, 1.0, rng.uniform()]),
            duration=rng.choice([0.4, 1, 2.5, 3, 7]),
            start=int(rng.integers(-4, 5)),
            drop_off_first=bool(rng.uniform() < 0.5),
        )
        for _ in range(n)
    ]
    for schedule in ({}, {-3: 0.04, -1: 0.0, 0: 0.07, 2: 0.02}):
        arrays = MapArrays.build(rows, [(1000.0, -2), (500.0, 3)], 0.035, schedule)
        np.testing.assert_allclose(present_values(arrays), calculate(arrays).present_value, rtol=1e-12, atol=1e-9)
    # the input at t = −2 is carried forward through year −2 (no rate given: 3.5%) and year −1 (0%);
    # the one at t = 3 discounted through years 0 (7%), 1 (3.5%) and 2 (2%)
    assert arrays.total_inputs == pytest.approx(1000 * 1.035 * 1.0 + 500 / (1.07 * 1.035 * 1.02), rel=1e-12)


def test_the_monte_carlo_brings_draws_to_the_valuation_year_as_the_calculation_does():
    from impactkit.plugins.sroi.model import make_estimate
    from impactkit.plugins.sroi.sensitivity import Param, monte_carlo

    rows = [{**CHECK_ROW, "start": -2}, {**CHECK_ROW, "start": 1, "drop_off_first": True}]
    arrays = MapArrays.build(rows, [(8_000, -1), (12_000, 2)], 0.05, {-2: 0.04, 1: 0.06})
    # a discount rate drawn in a sliver around 5%: every draw is the deterministic ratio at 5%
    rate = make_estimate("uniform(0.05, 0.0500000000001)", "fraction")
    result = monte_carlo(arrays, [Param("rate", 0, "discount_rate", rate, "fraction")], draws=500, seed=1)
    expected = calculate(arrays).summary()["ratio"]
    np.testing.assert_allclose(result.ratios, expected, rtol=1e-9)

"""One-at-a-time sensitivity, switching values and the Monte Carlo simulation."""

from __future__ import annotations

import numpy as np
import pytest

from impactkit.plugins.sroi.calc import MapArrays, calculate
from impactkit.plugins.sroi.model import make_estimate
from impactkit.plugins.sroi.sensitivity import (
    Param,
    distribution_range,
    monte_carlo,
    oat_range,
    one_at_a_time,
    switching_values,
)

CHECK = dict(
    quantity=30, proxy_value=1000, deadweight=0.25, displacement=0.10, attribution=0.20, drop_off=0.10, duration=3
)
KINDS = {
    "quantity": "count",
    "duration": "count",
    "proxy_value": "money",
    "deadweight": "fraction",
    "displacement": "fraction",
    "attribution": "fraction",
    "drop_off": "fraction",
}


def params_for(rows: list[dict], specs: dict[tuple[int, str], object] | None = None, rate=0.035) -> list[Param]:
    """A Param for every number of every row (``specs`` overrides with ranges/distributions)."""
    specs = specs or {}
    out = []
    for i, row in enumerate(rows):
        for name, kind in KINDS.items():
            if row.get(name) is not None:
                spec = specs.get((i, name), row[name])
                out.append(Param("row", i, name, make_estimate(spec, kind), kind, f"{i}:{name}"))
    out.append(Param("rate", 0, "discount_rate", make_estimate(specs.get("rate", rate), "fraction"), "fraction"))
    return out


def ratio(rows, inputs=(20_000,), rate=0.035):
    return calculate(MapArrays.build(rows, list(inputs), rate)).summary()["ratio"]


# -- ranges ------------------------------------------------------------------------------------


def test_oat_ranges_come_from_range_distribution_or_default():
    assert oat_range(make_estimate({"value": 30, "low": 20, "high": 40}, "count"), "count", 0.2) == (20, 40, "range")
    assert oat_range(make_estimate("triangular(1, 2, 5)", "count"), "count", 0.2) == (1, 5, "distribution")
    low, high, source = oat_range(make_estimate(1000, "money"), "money", 0.2)
    assert (low, high, source) == (pytest.approx(800), pytest.approx(1200), "default")
    assert oat_range(make_estimate(0.9, "fraction"), "fraction", 0.2)[1] == 1.0  # clipped to a fraction
    assert oat_range(make_estimate(-100, "money"), "money", 0.1)[:2] == (pytest.approx(-110), pytest.approx(-90))


def test_distribution_ranges_are_5th_to_95th_percentiles():
    normal = make_estimate("normal(100, 10)", "count").distribution
    assert distribution_range(normal) == pytest.approx((100 - 16.448536, 100 + 16.448536), rel=1e-6)
    beta = make_estimate("beta(2, 5)", "fraction").distribution
    draws = np.random.default_rng(3).beta(2, 5, 400_000)
    assert distribution_range(beta) == pytest.approx(tuple(np.percentile(draws, [5, 95])), abs=2e-3)
    lognormal = make_estimate("lognormal(1000, 200)", "money").distribution
    draws = np.random.default_rng(3).lognormal(*_mu_sigma(1000, 200), 400_000)
    assert distribution_range(lognormal) == pytest.approx(tuple(np.percentile(draws, [5, 95])), rel=5e-3)


def _mu_sigma(mean, sd):
    sigma2 = np.log1p((sd / mean) ** 2)
    return np.log(mean) - sigma2 / 2, np.sqrt(sigma2)


# -- one at a time -----------------------------------------------------------------------------


def test_tornado_recomputes_the_ratio_with_each_number_at_its_ends():
    arrays = MapArrays.build([CHECK], [20_000], 0.035)
    params = params_for(
        [CHECK],
        {
            (0, "quantity"): {"value": 30, "low": 15, "high": 45},
            (0, "deadweight"): {"value": 0.25, "low": 0.1, "high": 0.5},
        },
    )
    base, rows = one_at_a_time(arrays, params, default=0.2)
    assert base == pytest.approx(2.0549026054080715)
    by = {r.param.field: r for r in rows}
    assert by["quantity"].ratio_low == pytest.approx(ratio([{**CHECK, "quantity": 15}]))
    assert by["quantity"].ratio_high == pytest.approx(ratio([{**CHECK, "quantity": 45}]))
    assert by["deadweight"].ratio_high == pytest.approx(ratio([{**CHECK, "deadweight": 0.5}]))
    assert by["drop_off"].low == pytest.approx(0.08) and by["drop_off"].source == "default"
    assert by["drop_off"].ratio_low == pytest.approx(ratio([{**CHECK, "drop_off": 0.08}]))
    assert by["duration"].ratio_high == pytest.approx(ratio([{**CHECK, "duration": 3.6}]))
    assert by["discount_rate"].ratio_high == pytest.approx(ratio([CHECK], rate=0.042))
    swings = [r.swing for r in rows]
    assert swings == sorted(swings, reverse=True) and rows[0].param.field == "quantity"


def test_tornado_only_moves_the_row_it_varies():
    rows = [CHECK, {**CHECK, "quantity": 10}]
    arrays = MapArrays.build(rows, [20_000], 0.035)
    _, tornado = one_at_a_time(arrays, params_for(rows), default=0.5)
    second = next(r for r in tornado if r.param.index == 1 and r.param.field == "quantity")
    assert second.ratio_low == pytest.approx(ratio([CHECK, {**CHECK, "quantity": 5}]))


# -- switching values --------------------------------------------------------------------------


def test_switching_values_bring_the_ratio_to_exactly_one():
    rows = [
        CHECK,
        dict(
            quantity=5,
            proxy_value=2000,
            deadweight=0.1,
            displacement=0,
            attribution=0.3,
            drop_off=0.4,
            duration=4,
            starts_after_activity=True,
        ),
    ]
    inputs = [52_000]  # ratio 1.03: every number can bring it to 1:1 on its own
    arrays = MapArrays.build(rows, inputs, 0.035)
    found = switching_values(arrays, params_for(rows))
    checked = 0
    for row in found:
        if row.value is None:
            continue
        p = row.param
        if p is None:  # total inputs: the present value itself
            assert ratio(rows, [row.value]) == pytest.approx(1.0)
        elif p.target == "rate":
            assert ratio(rows, inputs, rate=row.value) == pytest.approx(1.0, abs=1e-9)
        else:
            changed = [dict(r) for r in rows]
            changed[p.index][p.field] = row.value
            assert ratio(changed, inputs) == pytest.approx(1.0, abs=1e-9), p.field
        checked += 1
    assert checked == 16  # 2 rows × 7 numbers, the discount rate and the total inputs
    quantity = next(r for r in found if r.param and r.param.field == "quantity" and r.param.index == 0)
    # linear: row 1's PV must fall by PV − inputs = 53,510.70 − 52,000 out of its 41,098.05
    assert quantity.value == pytest.approx(30 * (1 - 1_510.70100577631 / 41_098.05210816143))
    assert quantity.change == pytest.approx((quantity.value - 30) / 30)
    assert found == sorted(
        found,
        key=lambda r: (
            r.value is None,
            abs(r.change) if r.change is not None else 1e99,
            r.param.key if r.param else "",
        ),
    )


def test_switching_values_that_cannot_be_reached_are_none():
    # one outcome worth 41 times the inputs
    arrays = MapArrays.build([CHECK], [1_000], 0.035)  # ratio 41
    found = {r.param.field if r.param else "inputs": r for r in switching_values(arrays, params_for([CHECK]))}
    assert found["deadweight"].value == pytest.approx(1 - 0.75 * 1_000 / 41_098.05210816143)
    assert found["drop_off"].value is None  # even 100% drop-off leaves year 1 worth 16,200 > 1,000
    assert found["duration"].value == pytest.approx(1_000 / 16_200 * 1.035)  # part of year 1
    assert found["inputs"].value == pytest.approx(41_098.05210816143)
    low = MapArrays.build([CHECK], [100_000], 0.035)  # ratio 0.41
    found = {r.param.field if r.param else "inputs": r for r in switching_values(low, params_for([CHECK]))}
    assert found["deadweight"].value is None and found["discount_rate"].value is None
    assert found["quantity"].value == pytest.approx(30 * 100_000 / 41_098.05210816143)


# -- Monte Carlo -------------------------------------------------------------------------------

SPECS = {
    (0, "quantity"): {"value": 30, "low": 20, "high": 40},
    (0, "proxy_value"): "lognormal(1000, 200)",
    (0, "deadweight"): {"value": 0.25, "distribution": "beta(5, 15)"},
    (0, "displacement"): "uniform(0.05, 0.15)",
    (0, "drop_off"): {"value": 0.1, "distribution": "normal(0.1, 0.08)"},
    (1, "duration"): "triangular(1, 2, 4)",
    "rate": "uniform(0.015, 0.05)",
}
ROWS = [CHECK, dict(quantity=10, proxy_value=500, deadweight=0.1, drop_off=0.2, duration=2)]


def test_monte_carlo_is_reproducible_and_independent_of_the_chunk_size():
    arrays = MapArrays.build(ROWS, [20_000], 0.035)
    params = params_for(ROWS, SPECS)
    whole = monte_carlo(arrays, params, draws=5_000, seed=11, chunk_size=5_000)
    for chunk in (1, 7, 333, 4_999):
        other = monte_carlo(arrays, params, draws=5_000, seed=11, chunk_size=chunk)
        assert np.array_equal(other.ratios, whole.ratios), chunk
    again = monte_carlo(arrays, params, draws=5_000, seed=11)
    assert np.array_equal(again.ratios, whole.ratios) and again.stats == whole.stats
    assert not np.array_equal(monte_carlo(arrays, params, draws=5_000, seed=12).ratios, whole.ratios)


def test_monte_carlo_draws_follow_their_distributions():
    # only the quantity is uncertain, so the ratio is linear in it: its distribution is the quantity's
    arrays = MapArrays.build([CHECK], [20_000], 0.035)
    per_unit = 2.0549026054080715 / 30
    params = params_for([CHECK], {(0, "quantity"): "uniform(10, 50)"})
    result = monte_carlo(arrays, params, draws=200_000, seed=5)
    q = result.ratios / per_unit
    assert q.min() >= 10 and q.max() <= 50
    assert q.mean() == pytest.approx(30, abs=0.1) and q.std() == pytest.approx(40 / np.sqrt(12), rel=0.01)
    # P(ratio < 1) = P(q < 1 / per_unit) for a uniform q on 10–50
    assert result.stats["probability_below_1"] == pytest.approx((1 / per_unit - 10) / 40, abs=0.005)
    tri = monte_carlo(arrays, params_for([CHECK], {(0, "quantity"): "triangular(10, 20, 60)"}), 200_000, 5)
    assert (tri.ratios / per_unit).mean() == pytest.approx(30, abs=0.1)
    assert np.median(tri.ratios / per_unit) == pytest.approx(60 - np.sqrt(0.5 * 50 * 40), abs=0.15)
    beta = monte_carlo(arrays, params_for([CHECK], {(0, "deadweight"): "beta(2, 6)"}), 200_000, 5)
    deadweight = 1 - beta.ratios / (per_unit * 30 / 0.75)
    assert deadweight.mean() == pytest.approx(0.25, abs=0.002) and deadweight.min() >= 0
    norm = monte_carlo(arrays, params_for([CHECK], {(0, "proxy_value"): "normal(1000, 100)"}), 200_000, 5)
    proxy = norm.ratios / (per_unit * 30 / 1000)
    assert proxy.mean() == pytest.approx(1000, abs=1) and proxy.std() == pytest.approx(100, rel=0.01)
    logn = monte_carlo(arrays, params_for([CHECK], {(0, "proxy_value"): "lognormal(1000, 300)"}), 200_000, 5)
    proxy = logn.ratios / (per_unit * 30 / 1000)
    assert proxy.mean() == pytest.approx(1000, rel=0.005) and proxy.std() == pytest.approx(300, rel=0.02)
    assert proxy.min() > 0


def test_monte_carlo_clips_normal_draws_of_fractions_and_counts():
    arrays = MapArrays.build([CHECK], [20_000], 0.035)
    result = monte_carlo(arrays, params_for([CHECK], {(0, "attribution"): "normal(0.5, 1)"}), 50_000, 3)
    attribution = 1 - result.ratios / (2.0549026054080715 / 0.8)
    assert attribution.min() >= -1e-12 and attribution.max() <= 1 + 1e-12
    assert np.mean(attribution > 1 - 1e-12) > 0.2  # clipped mass at 100%


def test_monte_carlo_summary_statistics():
    arrays = MapArrays.build(ROWS, [20_000], 0.035)
    result = monte_carlo(arrays, params_for(ROWS, SPECS), draws=20_000, seed=1)
    s = result.stats
    assert s["draws"] == 20_000 and s["seed"] == 1 and s["uncertain"] == 7
    assert s["p5"] < s["median"] < s["p95"]
    assert s["mean"] == pytest.approx(result.ratios.mean())
    assert s["probability_below_1"] == pytest.approx(np.mean(result.ratios < 1))
    assert s["present_value_mean"] == pytest.approx(result.present_values.mean())


def test_monte_carlo_needs_something_uncertain_and_inputs():
    arrays = MapArrays.build([CHECK], [20_000], 0.035)
    assert monte_carlo(arrays, params_for([CHECK]), draws=1_000) is None
    no_inputs = MapArrays.build([CHECK], [], 0.035)
    assert monte_carlo(no_inputs, params_for([CHECK], {(0, "quantity"): "uniform(1, 2)"}), draws=1_000) is None

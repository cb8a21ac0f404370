"""The Monte Carlo against a second, plain implementation of it, on random maps and on the example.

The reference below draws every random stream at once — one (draws × numbers) block per group of
numbers (a column of the map × a distribution type), each group's stream spawned from the seed
at its fixed place — with the textbook transforms (``np.where`` for the two branches of the
triangular inverse CDF), and values each draw on its own with the plain-Python year loop of
``test_independent`` (no closed form, no chunks, no buffers). impactkit's vectorised, chunked,
threaded simulation must give the same present value and ratio for every draw, to 1e-9. So the
streams are those documented (the same seed gives the same draws as before the simulation was
vectorised), and every convention holds in every draw.

Then: the figures are the same to the last bit for any chunk size and any number of threads, and
the memory a simulation holds grows with the number of draws only by its results (and their
summary), not by its working arrays.
"""

from __future__ import annotations

import math
import random
import tracemalloc

import numpy as np
import pytest

from impactkit.plugins.sroi.calc import MapArrays
from impactkit.plugins.sroi.model import FIELD_KINDS as KINDS
from impactkit.plugins.sroi.model import make_estimate
from impactkit.plugins.sroi.sensitivity import DISTRIBUTION_TYPES, TARGETS, Param, monte_carlo

from .test_independent import brought_to

CLIPS = {"fraction": (0.0, 1.0), "count": (0.0, math.inf), "money": (-math.inf, math.inf)}

# -- the reference -------------------------------------------------------------------------------


def reference_draws(params: list[Param], draws: int, seed: int) -> dict[str, np.ndarray]:
    """Every drawn number's ``draws`` values, by the param's key."""
    streams = np.random.SeedSequence(seed).spawn(len(TARGETS) * len(DISTRIBUTION_TYPES))
    groups: dict[tuple[str, str], list] = {}
    for p in params:
        d = p.estimate.mc_distribution()
        if d is not None:
            groups.setdefault((p.field if p.target == "row" else p.target, d.type), []).append((p, d))
    out = {}
    for (target, kind), members in groups.items():
        place = TARGETS.index(target) * len(DISTRIBUTION_TYPES) + DISTRIBUTION_TYPES.index(kind)
        rng = np.random.Generator(np.random.PCG64(streams[place]))
        shape = (draws, len(members))
        if kind in ("uniform", "triangular"):
            block = rng.random(shape)
        elif kind in ("normal", "lognormal"):
            block = rng.standard_normal(shape)
        else:
            block = rng.beta([d.alpha for _, d in members], [d.beta for _, d in members], size=shape)
        for j, (p, d) in enumerate(members):
            x = block[:, j]
            if kind in ("uniform", "beta"):
                x = d.low + (d.high - d.low) * x
            elif kind == "triangular":
                width = d.high - d.low
                rising = d.low + np.sqrt(x * width * (d.mode - d.low))
                falling = d.high - np.sqrt((1.0 - x) * width * (d.high - d.mode))
                x = np.where(x < (d.mode - d.low) / width, rising, falling)
            else:
                sigma = math.sqrt(math.log(1.0 + (d.sd / d.mean) ** 2)) if kind == "lognormal" else d.sd
                mu = math.log(d.mean) - sigma**2 / 2 if kind == "lognormal" else d.mean
                x = mu + sigma * x
                x = np.clip(np.exp(x) if kind == "lognormal" else x, *CLIPS[p.kind])
            out[p.key] = x
    return out


def reference(arrays: MapArrays, params: list[Param], draws: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """Present value and ratio of every draw, each draw valued year by year in plain Python."""
    drawn = reference_draws(params, draws, seed)
    schedule = dict(arrays.schedule)
    pvs, ratios = np.empty(draws), np.empty(draws)
    for j in range(draws):

        def number(target: str, index: int, name: str, base: float, j: int = j) -> float:
            column = drawn.get(f"{target}:{index}:{name}")
            return base if column is None else float(column[j])

        rate = number("rate", 0, "discount_rate", arrays.rate)
        factors = [number("factor", k, "proxy_factor", float(v)) for k, v in enumerate(arrays.factor_value)]
        pv = 0.0
        for i in range(arrays.size):
            row = {name: number("row", i, name, float(getattr(arrays, name)[i])) for name in KINDS}
            own = [f for f, r in zip(factors, arrays.factor_row) if r == i]
            impact = row["quantity"] * (math.prod(own) if own else row["proxy_value"])
            for name in ("deadweight", "displacement", "attribution", "haircut"):
                impact *= 1.0 - row[name]
            remaining, k, start = row["duration"], 0, int(arrays.start[i])
            while remaining > 0:
                value = impact * (1.0 - row["drop_off"]) ** (k + arrays.first[i]) * min(1.0, remaining)
                pv += value * brought_to(start + k, 0, rate, schedule)
                remaining, k = remaining - 1.0, k + 1
        inputs = sum(
            number("input", k, "value", float(amount)) * brought_to(int(offset), 0, rate, schedule)
            for k, (amount, offset) in enumerate(zip(arrays.inputs, arrays.input_offset))
        )
        pvs[j], ratios[j] = pv, pv / inputs if inputs > 0 else math.nan
    return pvs, ratios


# -- random maps -------------------------------------------------------------------------------------


def uncertain(rng: random.Random, value: float, kind: str) -> object:
    """``value`` fixed, with a range, or with one of the five distributions (a triangular one may
    have its mode at an end)."""
    low, high = (max(0.0, value - 0.15), min(1.0, value + 0.2)) if kind == "fraction" else (value * 0.6, value * 1.5)
    if high - low < 1e-6:
        return value
    choice = rng.choice(["fixed", "range", "triangular", "rising", "falling", "uniform", "normal", "lognormal", "beta"])
    mean = max(value, 0.01)
    return {
        "fixed": value,
        "range": {"value": value, "low": low, "high": high},
        "triangular": f"triangular({low}, {value}, {high})",
        "rising": f"triangular({low}, {high}, {high})",
        "falling": f"triangular({low}, {low}, {high})",
        "uniform": f"uniform({low}, {high})",
        "normal": f"normal({value}, {0.4 if kind == 'fraction' else (high - low) / 3})",
        "lognormal": f"lognormal({mean}, {mean * rng.uniform(0.1, 0.8)})",
        "beta": f"beta({rng.uniform(0.5, 6)}, {rng.uniform(0.5, 9)})"
        if kind == "fraction"
        else f"beta({rng.uniform(1, 5)}, {rng.uniform(1, 9)}, {low}, {high})",
    }[choice]


def random_case(seed: int) -> tuple[MapArrays, list[Param]]:
    """A map with every convention: starts before, at and after the valuation year, lags,
    drop-off from the first year, drop-off 0 and 100%, fractional durations, haircuts, proxies of
    factors beside drawn proxy values, inputs of several years, a rate schedule, a drawn rate."""
    rng = random.Random(seed)
    rows = []
    for _ in range(rng.randint(1, 7)):
        row = {
            "quantity": float(rng.randint(1, 90)),
            "proxy_value": rng.uniform(10.0, 3000.0),
            "deadweight": rng.choice([0.0, rng.uniform(0.0, 0.5)]),
            "displacement": rng.choice([0.0, 0.0, rng.uniform(0.0, 0.3)]),
            "attribution": rng.uniform(0.0, 0.6),
            "haircut": rng.choice([0.0, 0.0, 0.2]),
            "drop_off": rng.choice([0.0, 1.0, rng.uniform(0.0, 0.6)]),
            "duration": rng.choice([1.0, 3.0, 0.5, 2.5, rng.uniform(0.2, 9.0)]),
            "start": rng.choice([None, None, -2, 0, 1, 3]),
            "starts_after_years": rng.choice([None, 0, 2]),
            "drop_off_first": rng.random() < 0.3,
        }
        if rng.random() < 0.35:
            row["factors"] = [rng.uniform(1.0, 30.0) for _ in range(rng.randint(1, 3))]
        rows.append(row)
    inputs = [(rng.uniform(2000.0, 40_000.0), float(rng.choice([0, 0, -1, 2]))) for _ in range(rng.randint(1, 3))]
    schedule = {rng.randint(-2, 3): rng.uniform(0.0, 0.08) for _ in range(2)} if rng.random() < 0.3 else None
    rate = rng.choice([0.0, 0.035, rng.uniform(0.0, 0.1)])
    arrays = MapArrays.build(rows, inputs, rate, schedule)
    params, factor = [], 0
    for i, row in enumerate(rows):
        for name, kind in KINDS.items():
            if name == "proxy_value" and row.get("factors"):
                continue
            estimate = make_estimate(uncertain(rng, row[name], kind), kind)
            params.append(Param("row", i, name, estimate, kind, f"{i}:{name}"))  # type: ignore[arg-type]
        for value in row.get("factors") or ():
            estimate = make_estimate(uncertain(rng, value, "money"), "money")
            params.append(Param("factor", factor, "proxy_factor", estimate, "money", row=i))
            factor += 1
    for k, (amount, _) in enumerate(inputs):
        params.append(Param("input", k, "value", make_estimate(uncertain(rng, amount, "count"), "count"), "count"))
    rate_estimate = make_estimate(uncertain(rng, rate, "fraction") if rng.random() < 0.5 else rate, "fraction")
    params.append(Param("rate", 0, "discount_rate", rate_estimate, "fraction"))
    return arrays, params


def agree(arrays: MapArrays, params: list[Param], draws: int, seed: int, **options: object) -> None:
    result = monte_carlo(arrays, params, draws=draws, seed=seed, **options)
    if result is None:
        assert all(p.estimate.mc_distribution() is None for p in params) or arrays.total_inputs <= 0
        return
    pvs, ratios = reference(arrays, params, draws, seed)
    scale = float(np.max(np.abs(pvs))) + 1.0
    np.testing.assert_allclose(result.present_values, pvs, rtol=1e-9, atol=1e-9 * scale)
    np.testing.assert_allclose(result.ratios, ratios, rtol=1e-9, atol=1e-12)


@pytest.mark.parametrize("seed", range(40))
def test_the_simulation_agrees_with_the_reference_on_random_maps(seed):
    arrays, params = random_case(seed)
    agree(arrays, params, draws=150, seed=seed, chunk_size=[None, 1, 7, 64][seed % 4], workers=[1, 2][seed % 2])


def test_the_simulation_agrees_with_the_reference_on_the_example(sroi_plugins):
    import impactkit
    from impactkit.plugins.sroi.analysis import Analysis

    analysis = Analysis(impactkit.load(impactkit.examples_dir() / "sroi-werkplaats", plugins=sroi_plugins))
    assert sum(p.estimate.mc_distribution() is not None for p in analysis.params) >= 15
    agree(analysis.arrays, analysis.params, draws=400, seed=2024, chunk_size=64)


def test_a_drawn_proxy_value_counts_beside_drawn_proxy_factors():
    # the simulation before it was vectorised put every row back to its fixed proxy value as soon
    # as a factor of another row's proxy was drawn: row 2 then counted 10 in every draw
    rows = [{"quantity": 1, "factors": [2.0, 3.0]}, {"quantity": 1, "proxy_value": 10.0}]
    arrays = MapArrays.build(rows, [10.0], 0.0)
    proxy = Param("row", 1, "proxy_value", make_estimate("uniform(0, 1000)", "money"), "money")
    factor = Param("factor", 0, "proxy_factor", make_estimate("uniform(1.9, 2.1)", "money"), "money", row=0)
    alone = monte_carlo(arrays, [proxy], draws=50, seed=1)
    both = monte_carlo(arrays, [proxy, factor], draws=50, seed=1)
    assert alone is not None and both is not None
    assert both.present_values.std() > 100  # row 2's draws, uniform on 0–1000
    # the same draws of row 2 (its own stream); row 1 is 3 × a factor within 1.9–2.1
    assert np.all(np.abs(both.present_values - alone.present_values) <= 0.3 + 1e-9)
    agree(arrays, [proxy, factor], draws=50, seed=1)


# -- the same figures whatever the chunks and threads ----------------------------------------


@pytest.mark.parametrize("seed", range(6))
def test_the_figures_are_the_same_to_the_bit_for_any_chunk_size_and_threads(seed):
    arrays, params = random_case(100 + seed)
    whole = monte_carlo(arrays, params, draws=700, seed=seed, workers=1)
    assert whole is not None
    for chunk in (1, 2, 13, 64, 700, 5000):
        for workers in (1, 2, 3):
            other = monte_carlo(arrays, params, draws=700, seed=seed, chunk_size=chunk, workers=workers)
            assert np.array_equal(other.present_values, whole.present_values), (chunk, workers)
            assert np.array_equal(other.ratios, whole.ratios, equal_nan=True), (chunk, workers)
            assert other.stats == whole.stats


def test_memory_does_not_grow_with_the_draws():
    rows = [dict(quantity=10 + i, proxy_value=100.0, deadweight=0.2, drop_off=0.1, duration=5) for i in range(60)]
    arrays = MapArrays.build(rows, [50_000.0], 0.035)
    params = [
        Param("row", i, name, make_estimate(spec, kind), kind)  # type: ignore[arg-type]
        for i in range(60)
        for name, spec, kind in (
            ("quantity", "triangular(5, 12, 20)", "count"),
            ("deadweight", "beta(2, 8)", "fraction"),
            ("drop_off", "normal(0.1, 0.03)", "fraction"),
        )
    ]

    def peak(draws: int) -> int:
        tracemalloc.start()
        try:
            monte_carlo(arrays, params, draws=draws, seed=3, chunk_size=100, workers=1)
            return tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()

    small, large = peak(2_000), peak(40_000)
    # a draw keeps its ratio and present value (16 bytes), and the summary sorts copies of them
    # (at most as much again, and a mask): 48 bytes a draw; the 60 rows' working arrays stay
    # those of a chunk of 100 draws (were they of all draws, 38,000 more draws would take 18 MB)
    assert large - small <= 48 * (40_000 - 2_000), (small, large)


def test_an_interruption_or_a_failed_draw_ends_the_drawing_threads(monkeypatch):
    import threading

    from impactkit.plugins.sroi import sensitivity

    arrays, params = random_case(7)

    def drawing_threads() -> list[str]:
        return [t.name for t in threading.enumerate() if t.name.startswith("sroi-monte-carlo")]

    def progress(done: int, total: int) -> None:
        if done > 300:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        monte_carlo(arrays, params, draws=5_000, seed=1, chunk_size=50, workers=2, progress=progress)
    assert drawing_threads() == []

    fill = sensitivity._Group.fill
    calls = []

    def failing(self, slot, m):
        calls.append(m)
        if len(calls) > 9:
            raise MemoryError("no room for the draws")
        return fill(self, slot, m)

    monkeypatch.setattr(sensitivity._Group, "fill", failing)
    with pytest.raises(MemoryError, match="no room"):
        monte_carlo(arrays, params, draws=5_000, seed=1, chunk_size=50, workers=2)
    assert drawing_threads() == []

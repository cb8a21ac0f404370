"""A second, independent implementation of the SROI conventions — plain Python, loops over the
years, no impactkit and no numpy — against impactkit on 200 random impact maps, written as
study files and loaded as a user's would be: present value, inputs, ratio, payback and the value
of every calendar year agree to 1e-9.

The maps mix everything: years relative to the activity or calendar years brought to a
valuation year, a rate per year, lags, drop-off from the first or the second year, fractional
durations, proxies made of factors, haircuts, inputs spent in several years, rows of one outcome
over several years."""

from __future__ import annotations

import math
import random
import re
from collections import defaultdict

import pytest

# -- the independent implementation ------------------------------------------------------------


def brought_to(year: int, valued: int, rate: float, schedule: dict[int, float]) -> float:
    """What one unit of ``year`` is worth in ``valued``: the rate of year u carries an amount
    from u to u + 1."""
    factor = 1.0
    for u in range(valued, year):  # later years: discounted step by step
        factor /= 1.0 + schedule.get(u, rate)
    for u in range(year, valued):  # earlier years: compounded step by step
        factor *= 1.0 + schedule.get(u, rate)
    return factor


def independent(m: dict) -> dict:
    valued = m["valuation_year"] if m["valuation_year"] is not None else (m["base_year"] or 0)
    base = m["base_year"] if m["base_year"] is not None else valued
    rate, schedule = m["rate"], m["rates"]
    present_value = 0.0
    per_year: dict[int, float] = defaultdict(float)
    first: list[tuple[tuple[str, str] | None, int, float]] = []
    for row in m["rows"]:
        proxy = math.prod(row["factors"]) if row["factors"] else row["proxy_value"]
        impact = row["quantity"] * proxy
        for deduction in ("deadweight", "displacement", "attribution", "haircut"):
            impact *= 1.0 - row[deduction]
        start = (row["year"] if row["year"] is not None else base + 1) + row["lag"]
        shift = 1 if row["first_year"] else 0
        remaining, k = row["duration"], 0
        while remaining > 0:
            value = impact * (1.0 - row["drop_off"]) ** (k + shift) * min(1.0, remaining)
            per_year[start + k] += value
            present_value += value * brought_to(start + k, valued, rate, schedule)
            remaining -= 1.0
            k += 1
        in_first = impact * (1.0 - row["drop_off"]) ** shift * min(1.0, row["duration"])
        group = (row["stakeholder"], row["outcome"]) if row["year"] is not None else None
        first.append((group, start, in_first))
    inputs = 0.0
    for amount, year in m["inputs"]:
        year = base if year is None else year
        inputs += amount * brought_to(year, valued, rate, schedule)
    first_value = 0.0
    for group, start, value in first:
        earliest = min(s for g, s, _ in first if g == group) if group is not None else start
        first_value += value if start == earliest else 0.0
    return {
        "present_value": present_value,
        "total_inputs": inputs,
        "ratio": present_value / inputs,
        "payback_months": inputs / (first_value / 12) if first_value > 0 else None,
        "per_year": {year - valued: value for year, value in per_year.items()},
    }


# -- random maps, as study files -----------------------------------------------------------------


def number(value: float) -> str:
    """A float as YAML text that is never refused as a possible thousands group."""
    text = repr(float(value))
    return text + "0" if re.fullmatch(r"-?[1-9]\d{0,2}\.\d{3}", text) else text


def random_map(rng: random.Random) -> dict:
    mode = rng.choice(["relative", "base", "calendar", "calendar"])
    calendar = mode == "calendar"
    valuation = rng.randint(2022, 2026) if calendar else None
    base = {"relative": None, "base": 2024, "calendar": rng.choice([None, 2023, 2024])}[mode]
    rates = {y: rng.uniform(0.0, 0.08) for y in rng.sample(range(2018, 2032), rng.randint(0, 4))} if calendar else {}
    rows = []
    for _ in range(rng.randint(1, 6)):
        factors = [rng.uniform(0.5, 40.0) for _ in range(rng.randint(2, 3))] if rng.random() < 0.3 else []
        rows.append(
            {
                "stakeholder": rng.choice(["s1", "s2"]),
                "outcome": rng.choice(["a", "b", "c"]),
                "quantity": rng.uniform(0.0, 100.0),
                "proxy_value": rng.uniform(-200.0, 2000.0),
                "factors": factors,
                "deadweight": rng.uniform(0.0, 0.6),
                "displacement": rng.uniform(0.0, 0.6),
                "attribution": rng.uniform(0.0, 0.6),
                "haircut": rng.choice([0.0, rng.uniform(0.0, 0.5)]),
                "drop_off": rng.choice([0.0, 1.0, rng.uniform(0.0, 1.0), rng.uniform(0.0, 1.0)]),
                "duration": rng.choice([0.4, 1.0, 1.0, 2.5, 3.0, 5.0, rng.uniform(0.1, 7.0)]),
                "lag": rng.choice([0, 0, 1, 2, 3]),
                "first_year": rng.random() < 0.4,
                "year": rng.randint(2019, 2027) if calendar and rng.random() < 0.8 else None,
            }
        )
    inputs = [
        (rng.uniform(100.0, 20_000.0), rng.randint(2019, 2026) if calendar and rng.random() < 0.7 else None)
        for _ in range(rng.randint(1, 3))
    ]
    return {
        "valuation_year": valuation,
        "base_year": base,
        "rate": rng.uniform(0.0, 0.1),
        "rates": rates,
        "drop_off_starts": rng.choice(["second_year", "first_year"]),
        "rows": rows,
        "inputs": inputs,
    }


def study_text(m: dict) -> str:
    lines = [
        "impactkit: 1",
        "id: random",
        "title: Random map",
        "language: en",
        "stakeholders: [{id: s1, name: One}, {id: s2, name: Two}]",
        "inputs:",
    ]
    for i, (amount, year) in enumerate(m["inputs"]):
        when = "" if year is None else f", year: {year}"
        lines.append(f"  - {{id: i{i}, name: Input {i}, stakeholder: s1, value: {number(amount)}{when}}}")
    lines += ["methods:", "  sroi:", f"    discount_rate: {number(m['rate'])}", "    monte_carlo: {enabled: false}"]
    lines.append(f"    drop_off_starts: {m['drop_off_starts']}")
    for key in ("base_year", "valuation_year"):
        if m[key] is not None:
            lines.append(f"    {key}: {m[key]}")
    if m["rates"]:
        lines.append("    rates: {" + ", ".join(f"{y}: {number(r)}" for y, r in m["rates"].items()) + "}")
    lines.append("    outcomes:")
    for row in m["rows"]:
        lines += [f"      - stakeholder: {row['stakeholder']}", f"        outcome: {row['outcome']}"]
        for key in ("quantity", "deadweight", "displacement", "attribution", "haircut", "drop_off", "duration"):
            lines.append(f"        {key}: {number(row[key])}")
        if row["factors"]:
            lines.append("        proxy_factors:")
            lines += [f"          - {{name: f{j}, value: {number(f)}}}" for j, f in enumerate(row["factors"])]
        else:
            lines.append(f"        proxy_value: {number(row['proxy_value'])}")
        lines.append(f"        starts_after_years: {row['lag']}")
        # the row says when its drop-off starts when it differs from the map's
        if row["first_year"] != (m["drop_off_starts"] == "first_year"):
            lines.append(f"        drop_off_starts: {'first_year' if row['first_year'] else 'second_year'}")
        if row["year"] is not None:
            lines.append(f"        year: {row['year']}")
    return "\n".join(lines) + "\n"


def close(a: float | None, b: float | None, scale: float) -> bool:
    if a is None or b is None:
        return a is b
    return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-9 * max(1.0, scale))


@pytest.mark.parametrize("chunk", range(4))
def test_impactkit_agrees_with_an_independent_implementation_on_200_random_maps(chunk, tmp_path, sroi_plugins):
    import impactkit
    from impactkit.plugins.sroi.analysis import Analysis

    rng = random.Random(2012 + chunk)
    for n in range(50):  # 4 chunks × 50 maps (the chunks run in parallel)
        m = random_map(rng)
        folder = tmp_path / f"map{n}"
        folder.mkdir()
        (folder / "study.yaml").write_text(study_text(m), encoding="utf-8")
        analysis = Analysis(impactkit.load(folder, plugins=sroi_plugins))
        assert analysis.value_map.ok, [f.message.en for f in analysis.value_map.problems]
        ours, theirs = analysis.summary, independent(m)
        scale = abs(theirs["present_value"]) + theirs["total_inputs"]
        for key in ("present_value", "total_inputs", "ratio", "payback_months"):
            assert close(ours[key], theirs[key], scale if key != "ratio" else 1.0), (n, key, ours[key], theirs[key])
        per_year = {r["t"]: r["value"] for r in analysis.by_year()}
        for t, value in theirs["per_year"].items():
            assert close(per_year.get(t, 0.0), value, scale), (n, t)
        assert math.isclose(
            sum(per_year.values()), sum(theirs["per_year"].values()), rel_tol=1e-9, abs_tol=1e-9 * scale
        )

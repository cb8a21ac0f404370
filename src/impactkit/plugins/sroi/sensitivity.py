"""Sensitivity and uncertainty: one-at-a-time (tornado), switching values, Monte Carlo.

All three work on :class:`~impactkit.plugins.sroi.calc.MapArrays` plus a list of
:class:`Param` (which number of which row, and its :class:`~.model.Estimate`), so they can be
used without a study (the benchmark does).

* **One at a time**: each number is set to its low and then its high value, everything else at
  its base value, and the ratio is recomputed. The range is the number's ``low``/``high``; else
  the bounds of a triangular or uniform distribution, or the 5th–95th percentile of a normal,
  lognormal or beta one; else the value ± ``default_sensitivity`` (relative, so a stated 0 stays
  0). Fractions are kept within 0–1 and counts at 0 or more.
* **Switching values** (break-even): for each number, the value at which the ratio becomes
  exactly 1, all else equal. Linear in quantity, proxy value and (1 − deduction), so solved
  exactly; drop-off, duration and the discount rate by bisection (to 1e-12).
* **Monte Carlo**: every number with a range or distribution is drawn (a range without a
  distribution is drawn as triangular(low, value, high)). Draws are vectorised and made in
  chunks so memory stays bounded; each family of distributions has its own random stream,
  spawned from the seed, so the result is the same whatever the chunk size. Normal draws of
  fractions are clipped to 0–1 and of counts at 0.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from .calc import DEDUCTIONS, FIELDS, MapArrays, impact, proxy_with_factors, pv_factor, year_factor
from .model import Distribution, Estimate
from .parse import Kind

if TYPE_CHECKING:  # pragma: no cover - numpy is imported by the functions that use it
    import numpy as np

CLIP: dict[str, tuple[float, float]] = {
    "fraction": (0.0, 1.0),
    "count": (0.0, math.inf),
    "money": (-math.inf, math.inf),
}
ELEMENT_BUDGET = 131_072
"""Elements per working array in a Monte Carlo chunk (1 MB of float64): small enough to stay in
the processor's cache, which is as fast as larger chunks and keeps memory flat."""


@dataclass(frozen=True)
class Param:
    """One number of the analysis that can vary."""

    target: str  # "row", "factor" (of a row's proxy), "input" or "rate"
    index: int  # the row, the factor (in MapArrays.factor_*), the input; 0 for the rate
    field: str  # a row field, "proxy_factor", "value" for inputs, "discount_rate"
    estimate: Estimate
    kind: Kind
    label: str = ""
    row: int = -1
    """For a factor: the row of its proxy."""

    @property
    def line(self) -> int:
        """The row the number belongs to (a row's own number or a factor of its proxy); −1 for
        inputs and the rate."""
        return self.index if self.target == "row" else self.row if self.target == "factor" else -1

    @property
    def key(self) -> str:
        return f"{self.target}:{self.index}:{self.field}"


# -- ranges ------------------------------------------------------------------------------------


def _beta_quantiles(a: float, b: float, qs: tuple[float, ...]) -> list[float]:
    """Quantiles of Beta(a, b) by a fine-grid numerical CDF (deterministic, no SciPy)."""
    import numpy as np

    grid = np.linspace(0.0, 1.0, 20001)
    mid = (grid[:-1] + grid[1:]) / 2
    with np.errstate(divide="ignore"):
        log_pdf = (a - 1) * np.log(mid) + (b - 1) * np.log1p(-mid)
    pdf = np.exp(log_pdf - log_pdf.max())
    cdf = np.concatenate([[0.0], np.cumsum(pdf)])
    cdf /= cdf[-1]
    return [float(np.interp(q, cdf, grid)) for q in qs]


def distribution_range(dist: Distribution) -> tuple[float, float]:
    """Bounds of a triangular/uniform distribution; 5th–95th percentile of the others."""
    z = 1.6448536269514722
    if dist.type in ("triangular", "uniform"):
        return float(dist.low), float(dist.high)  # type: ignore[arg-type]
    if dist.type == "normal":
        return dist.mean - z * dist.sd, dist.mean + z * dist.sd  # type: ignore[operator]
    if dist.type == "lognormal":
        mu, sigma = lognormal_params(dist.mean, dist.sd)  # type: ignore[arg-type]
        return math.exp(mu - z * sigma), math.exp(mu + z * sigma)
    lo, hi = _beta_quantiles(dist.alpha, dist.beta, (0.05, 0.95))  # type: ignore[arg-type]
    return dist.low + (dist.high - dist.low) * lo, dist.low + (dist.high - dist.low) * hi  # type: ignore[operator]


def lognormal_params(mean: float, sd: float) -> tuple[float, float]:
    """``mu`` and ``sigma`` of the underlying normal, from the mean and sd of the number itself."""
    sigma2 = math.log1p((sd / mean) ** 2)
    return math.log(mean) - sigma2 / 2, math.sqrt(sigma2)


def oat_range(est: Estimate, kind: Kind, default: float) -> tuple[float, float, str]:
    """``(low, high, source)`` used for the one-at-a-time analysis of ``est``."""
    if est.low is not None and est.high is not None:
        low, high, source = est.low, est.high, "range"
    elif est.distribution is not None:
        low, high = distribution_range(est.distribution)
        source = "distribution"
    else:
        low, high, source = est.value * (1 - default), est.value * (1 + default), "default"
        low, high = min(low, high), max(low, high)
    lo_clip, hi_clip = CLIP[kind]
    return max(low, lo_clip), min(high, hi_clip), source


# -- one at a time -----------------------------------------------------------------------------


def _row_pv(arrays: MapArrays, **override: Any) -> np.ndarray:
    """PV of every row, with some numbers replaced: a row field, ``factors`` (all factor values)
    or ``rate``."""
    v = {name: override.get(name, getattr(arrays, name)) for name in FIELDS}
    if "factors" in override:
        v["proxy_value"] = proxy_with_factors(arrays, override["factors"])
    rate = override.get("rate", arrays.rate)
    imp = impact(v["quantity"], v["proxy_value"], v["deadweight"], v["displacement"], v["attribution"], v["haircut"])
    return imp * pv_factor(v["drop_off"], v["duration"], arrays.start, rate, arrays.first, arrays.schedule)


def total_inputs_at(arrays: MapArrays, rate: Any) -> Any:
    """The inputs brought to the valuation year at the discount rate ``rate``."""
    import numpy as np

    if arrays.inputs.size == 0:
        return np.zeros(np.shape(rate)[:1]) if np.ndim(rate) else 0.0
    return (arrays.inputs * year_factor(arrays.input_offset, rate, arrays.schedule)).sum(axis=-1)


def _same(a: float | None, b: float | None) -> bool:
    if a is None or b is None:
        return a is b
    return math.isclose(a, b, rel_tol=1e-12, abs_tol=1e-15)


@dataclass(frozen=True)
class TornadoRow:
    """One row of the tornado: one number set to its low and high end — or several numbers of one
    outcome that move the ratio identically (quantity and proxy value at ±20%), merged."""

    params: tuple[Param, ...]
    lows: tuple[float, ...]
    highs: tuple[float, ...]
    sources: tuple[str, ...]
    ratio_low: float | None
    ratio_high: float | None

    @property
    def param(self) -> Param:
        return self.params[0]

    @property
    def low(self) -> float:
        return self.lows[0]

    @property
    def high(self) -> float:
        return self.highs[0]

    @property
    def source(self) -> str:
        return self.sources[0]

    @property
    def swing(self) -> float:
        if self.ratio_low is None or self.ratio_high is None:
            return 0.0
        return abs(self.ratio_high - self.ratio_low)


def _one(p: Param, low: float, high: float, source: str, r_low: float | None, r_high: float | None) -> TornadoRow:
    return TornadoRow((p,), (low,), (high,), (source,), r_low, r_high)


def one_at_a_time(
    arrays: MapArrays, params: list[Param], default: float = 0.2
) -> tuple[float | None, list[TornadoRow]]:
    """Base ratio and one tornado row per parameter, sorted by swing (largest first); the numbers
    of one row that move the ratio identically share a tornado row (:func:`merge_identical`)."""
    import numpy as np

    total_inputs = arrays.total_inputs
    if total_inputs <= 0:
        return None, []
    base_row_pv = _row_pv(arrays)
    base_pv = float(base_row_pv.sum())
    base = base_pv / total_inputs
    ranges = {p.key: oat_range(p.estimate, p.kind, default) for p in params}
    rows: list[TornadoRow] = []
    by_field: dict[str, list[Param]] = {}
    for p in params:
        by_field.setdefault(p.field if p.target == "row" else p.target, []).append(p)
    present = arrays.present_inputs
    for name, group in by_field.items():
        if name in FIELDS:  # one row each: all rows varied at once
            idx = np.array([p.index for p in group])
            out = {}
            for end in (0, 1):
                values = getattr(arrays, name).copy()
                values[idx] = [ranges[p.key][end] for p in group]
                changed = _row_pv(arrays, **{name: values})
                out[end] = (base_pv - base_row_pv[idx] + changed[idx]) / total_inputs
            for k, p in enumerate(group):
                rows.append(_one(p, *ranges[p.key], float(out[0][k]), float(out[1][k])))
        elif name == "factor":  # several may belong to one row: one at a time
            for p in group:
                ratios = []
                for end in (0, 1):
                    values = arrays.factor_value.copy()
                    values[p.index] = ranges[p.key][end]
                    changed = _row_pv(arrays, factors=values)
                    ratios.append(float(base_pv - base_row_pv[p.line] + changed[p.line]) / total_inputs)
                rows.append(_one(p, *ranges[p.key], ratios[0], ratios[1]))
        elif name == "rate":
            for p in group:
                low, high, source = ranges[p.key]
                r_low, r_high = (
                    float(_row_pv(arrays, rate=np.float64(x)).sum()) / float(total_inputs_at(arrays, np.float64(x)))
                    for x in (low, high)
                )
                rows.append(_one(p, low, high, source, r_low, r_high))
        else:  # inputs: the PV stays, the denominator moves
            factors = arrays.input_factors
            for p in group:
                low, high, source = ranges[p.key]
                others = total_inputs - float(present[p.index])
                ratios = [
                    base_pv / (others + x * factors[p.index]) if others + x * factors[p.index] > 0 else None
                    for x in (low, high)
                ]
                rows.append(_one(p, low, high, source, ratios[0], ratios[1]))
    rows = merge_identical(rows)
    rows.sort(key=lambda r: (-r.swing, r.param.label, r.param.key))
    return base, rows


def merge_identical(rows: list[TornadoRow]) -> list[TornadoRow]:
    """The rows of one outcome row (a row's numbers and its proxy's factors) that move the ratio
    identically, at both ends, as one row naming them all, in the order they came."""
    merged: list[TornadoRow] = []
    for r in rows:
        into = next(
            (
                i
                for i, m in enumerate(merged)
                if r.param.line >= 0
                and m.param.line == r.param.line
                and _same(m.ratio_low, r.ratio_low)
                and _same(m.ratio_high, r.ratio_high)
            ),
            None,
        )
        if into is None:
            merged.append(r)
            continue
        m = merged[into]
        merged[into] = TornadoRow(
            m.params + r.params, m.lows + r.lows, m.highs + r.highs, m.sources + r.sources, m.ratio_low, m.ratio_high
        )
    return merged


# -- switching values ----------------------------------------------------------------------------


@dataclass(frozen=True)
class SwitchRow:
    param: Param | None  # None: total inputs
    base: float
    value: float | None  # None: the ratio cannot reach 1 by changing this number alone

    @property
    def change(self) -> float | None:
        """Relative change from the base value needed to reach a ratio of 1."""
        if self.value is None or self.base == 0:
            return None
        return (self.value - self.base) / abs(self.base)


def _bisect(
    f: Any, lo: np.ndarray, hi: np.ndarray, target: np.ndarray, increasing: bool, iterations: int = 100
) -> np.ndarray:
    import numpy as np

    lo, hi = lo.astype(float).copy(), hi.astype(float).copy()
    for _ in range(iterations):
        mid = (lo + hi) / 2
        above = f(mid) > target
        if increasing:
            hi, lo = np.where(above, mid, hi), np.where(above, lo, mid)
        else:
            lo, hi = np.where(above, mid, lo), np.where(above, hi, mid)
    return (lo + hi) / 2


def switching_values(arrays: MapArrays, params: list[Param], max_duration: float = 100.0) -> list[SwitchRow]:
    """The value of each parameter at which the ratio is 1 (all else at base); total inputs too."""
    import numpy as np

    total_inputs = arrays.total_inputs
    if total_inputs <= 0:
        return []
    imp = impact(
        arrays.quantity,
        arrays.proxy_value,
        arrays.deadweight,
        arrays.displacement,
        arrays.attribution,
        arrays.haircut,
    )

    def factor_of(drop_off: Any = None, duration: Any = None) -> np.ndarray:
        return pv_factor(
            arrays.drop_off if drop_off is None else drop_off,
            arrays.duration if duration is None else duration,
            arrays.start,
            arrays.rate,
            arrays.first,
            arrays.schedule,
        )

    row_pv = imp * factor_of()
    total_pv = float(row_pv.sum())
    need = total_inputs - (total_pv - row_pv)  # the PV row i must have for a ratio of 1
    with np.errstate(divide="ignore", invalid="ignore"):
        scale = np.where(row_pv != 0, need / np.where(row_pv != 0, row_pv, 1.0), np.nan)
        target_factor = np.where(imp != 0, need / np.where(imp != 0, imp, 1.0), np.nan)
    out: list[SwitchRow] = []

    # drop-off and duration by vectorised bisection over all rows at once
    n = arrays.size
    wanted = {p.field for p in params if p.target == "row"}
    drop = dur = drop_ok = dur_ok = None
    if "drop_off" in wanted:
        f0, f1 = factor_of(drop_off=np.zeros(n)), factor_of(drop_off=np.ones(n))
        drop = _bisect(lambda x: factor_of(drop_off=x), np.zeros(n), np.ones(n), target_factor, increasing=False)
        drop_ok = (f0 - f1 > 1e-15) & (target_factor <= f0) & (target_factor >= f1)
    if "duration" in wanted:
        fmax = factor_of(duration=np.full(n, max_duration))
        dur = _bisect(
            lambda x: factor_of(duration=x), np.zeros(n), np.full(n, max_duration), target_factor, increasing=True
        )
        dur_ok = (target_factor >= 0) & (target_factor <= fmax) & (fmax > 0)

    present = arrays.present_inputs
    input_factors = arrays.input_factors
    for p in params:
        base = p.estimate.value
        value: float | None = None
        if p.target in ("row", "factor"):
            i = p.line
            s = scale[i]
            if p.target == "factor" or p.field in ("quantity", "proxy_value"):
                if np.isfinite(s) and s >= 0:
                    value = base * s
            elif p.field in DEDUCTIONS:
                if np.isfinite(s) and base < 1:
                    candidate = 1 - (1 - base) * s
                    value = candidate if -1e-12 <= candidate <= 1 + 1e-12 else None
            elif p.field == "drop_off" and drop is not None and drop_ok is not None:
                value = float(drop[i]) if drop_ok[i] and np.isfinite(target_factor[i]) else None
            elif p.field == "duration" and dur is not None and dur_ok is not None:
                value = float(dur[i]) if dur_ok[i] and np.isfinite(target_factor[i]) else None
        elif p.target == "rate":
            value = _switch_rate(arrays)
        elif p.target == "input":
            candidate = (total_pv - (total_inputs - present[p.index])) / input_factors[p.index]
            value = float(candidate) if candidate >= 0 else None
        out.append(SwitchRow(p, float(base), None if value is None else float(value)))
    out.append(SwitchRow(None, total_inputs, total_pv if total_pv > 0 else None))
    out.sort(
        key=lambda r: (
            r.value is None,
            abs(r.change) if r.change is not None else math.inf,
            r.param.key if r.param else "",
        )
    )
    return out


def _switch_rate(arrays: MapArrays, high: float = 1.0) -> float | None:
    """The discount rate at which the present value equals the inputs (both brought to the
    valuation year at that rate), by bisection on 0 – ``high`` (the domain of a rate, 0–100%);
    ``None`` when there is none."""
    import numpy as np

    def gap(rate: float) -> float:
        r = np.float64(rate)
        return float(_row_pv(arrays, rate=r).sum()) - float(total_inputs_at(arrays, r))

    lo, hi = 0.0, high
    f_lo, f_hi = gap(lo), gap(hi)
    if f_lo == 0:
        return 0.0
    if np.sign(f_lo) == np.sign(f_hi):
        return None
    for _ in range(200):
        mid = (lo + hi) / 2
        f_mid = gap(mid)
        if np.sign(f_mid) == np.sign(f_lo):
            lo, f_lo = mid, f_mid
        else:
            hi = mid
        if hi - lo < 1e-13:
            break
    return (lo + hi) / 2


# -- Monte Carlo ---------------------------------------------------------------------------------


@dataclass
class MonteCarloResult:
    ratios: np.ndarray
    present_values: np.ndarray
    draws: int
    seed: int
    chunk_size: int
    uncertain: int
    stats: dict[str, Any] = field(default_factory=dict)


TARGETS: tuple[str, ...] = (
    "quantity",
    "duration",
    "proxy_value",
    "deadweight",
    "displacement",
    "attribution",
    "drop_off",
    "rate",
    "input",
    "haircut",
    "factor",
)
"""What a Monte Carlo draws, each (× a distribution type) from its own random stream; new targets
come last so that the streams of the others stay where they were (the same seed, the same draws)."""
DISTRIBUTION_TYPES: tuple[str, ...] = ("triangular", "uniform", "normal", "lognormal", "beta")


class _Group:
    """All uncertain numbers of one target (a row field, the rate, the inputs) with one distribution type.

    Each group draws from its own random stream, spawned from the seed at a fixed position
    (target × type), and always as one (draws × numbers) block per chunk. A stream's numbers
    come out in the same order however the draws are cut into chunks, so the result does not
    depend on the chunk size.
    """

    def __init__(self, target: str, kind: str, members: list[tuple[Param, Distribution]], seed: int):
        import numpy as np

        self.target, self.kind = target, kind
        self.index = np.array([p.index for p, _ in members], dtype=np.intp)
        dists = [d for _, d in members]
        spawn = np.random.SeedSequence(seed).spawn(len(TARGETS) * len(DISTRIBUTION_TYPES))
        self.rng = np.random.Generator(
            np.random.PCG64(spawn[TARGETS.index(target) * len(DISTRIBUTION_TYPES) + DISTRIBUTION_TYPES.index(kind)])
        )
        value_kind = members[0][0].kind
        self.clip = CLIP[value_kind] if kind in ("normal", "lognormal") else None

        def arr(values: list[Any]) -> np.ndarray:
            return np.array(values, dtype=float)

        if kind in ("triangular", "uniform"):
            self.low, self.high = arr([d.low for d in dists]), arr([d.high for d in dists])
            self.width = self.high - self.low
        if kind == "triangular":
            mode = arr([d.mode for d in dists])
            self.split = (mode - self.low) / self.width
            self.left, self.right = self.width * (mode - self.low), self.width * (self.high - mode)
        elif kind == "normal":
            self.loc, self.scale = arr([d.mean for d in dists]), arr([d.sd for d in dists])
        elif kind == "lognormal":
            pairs = [lognormal_params(d.mean, d.sd) for d in dists]  # type: ignore[arg-type]
            self.loc, self.scale = arr([mu for mu, _ in pairs]), arr([s for _, s in pairs])
        elif kind == "beta":
            self.a, self.b = arr([d.alpha for d in dists]), arr([d.beta for d in dists])
            self.low = arr([d.low for d in dists])
            self.width = arr([d.high for d in dists]) - self.low

    def draw(self, m: int) -> np.ndarray:
        import numpy as np

        k = self.index.shape[0]
        kind = self.kind
        if kind == "uniform":
            x = self.rng.random((m, k))
            x *= self.width
            x += self.low
        elif kind == "triangular":  # inverse CDF; both branches, blended without a (slow) masked select
            u = self.rng.random((m, k))
            left = u < self.split
            x = u * self.left
            np.sqrt(x, out=x)
            x += self.low  # low + √(u·(high−low)·(mode−low))
            y = np.subtract(1.0, u, out=u)
            y *= self.right
            np.sqrt(y, out=y)
            np.subtract(self.high, y, out=y)  # high − √((1−u)·(high−low)·(high−mode))
            x -= y
            x *= left
            x += y
        elif kind in ("normal", "lognormal"):
            x = self.rng.standard_normal((m, k))
            x *= self.scale
            x += self.loc
            if kind == "lognormal":
                np.exp(x, out=x)
        else:
            x = self.rng.beta(self.a, self.b, size=(m, k))
            x *= self.width
            x += self.low
        if self.clip is not None:
            np.clip(x, self.clip[0], self.clip[1], out=x)
        return x


def chunk_for(n_rows: int, n_uncertain: int = 0, budget: int = ELEMENT_BUDGET) -> int:
    """Draws per chunk so that a draws × rows working array holds about ``budget`` elements."""
    return max(1, budget // max(1, n_rows))


def _groups(params: list[Param], seed: int) -> list[_Group]:
    members: dict[tuple[str, str], list[tuple[Param, Distribution]]] = {}
    for p in params:
        dist = p.estimate.mc_distribution()
        if dist is None:
            continue
        target = p.field if p.target == "row" else p.target
        members.setdefault((target, dist.type), []).append((p, dist))
    return [
        _Group(t, k, ms, seed)
        for (t, k), ms in sorted(
            members.items(), key=lambda item: (TARGETS.index(item[0][0]), DISTRIBUTION_TYPES.index(item[0][1]))
        )
    ]


def monte_carlo(
    arrays: MapArrays,
    params: list[Param],
    draws: int = 10_000,
    seed: int = 2012,
    chunk_size: int | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> MonteCarloResult | None:
    """Draw every uncertain number ``draws`` times; the distribution of the SROI ratio.

    ``None`` when nothing is uncertain or there are no inputs. The same ``seed`` gives the same
    draws for any ``chunk_size``. ``progress(done, draws)``, when given, is called after each
    chunk (each a vectorised block of draws) with the number of draws made so far.
    """
    import numpy as np

    groups = _groups(params, seed)
    if not groups:
        return None
    n = arrays.size
    input_groups = [g for g in groups if g.target == "input"]
    if arrays.total_inputs <= 0 and not input_groups:
        return None
    uncertain = sum(g.index.shape[0] for g in groups)
    chunk = int(chunk_size or chunk_for(n))
    by_field = {name: [g for g in groups if g.target == name] for name in FIELDS}
    factor_groups = [g for g in groups if g.target == "factor"]
    rate_group = next((g for g in groups if g.target == "rate"), None)
    factor_fixed = not (by_field["drop_off"] or by_field["duration"]) and rate_group is None
    base_factor = (
        pv_factor(arrays.drop_off, arrays.duration, arrays.start, arrays.rate, arrays.first, arrays.schedule)
        if factor_fixed
        else None
    )
    inputs_fixed = not input_groups and rate_group is None
    idle = {name for name in DEDUCTIONS if not by_field[name] and not np.any(getattr(arrays, name))}
    everyone = np.arange(n)

    ratios = np.empty(draws)
    pvs = np.empty(draws)
    for start in range(0, draws, chunk):
        m = min(chunk, draws - start)
        values: dict[str, np.ndarray] = {}
        for name in FIELDS:
            base = getattr(arrays, name)
            field_groups = by_field[name]
            if not field_groups:
                values[name] = base
            elif len(field_groups) == 1 and np.array_equal(field_groups[0].index, everyone):
                values[name] = field_groups[0].draw(m)
            else:
                full = np.empty((m, n))
                full[:] = base
                for g in field_groups:
                    full[:, g.index] = g.draw(m)
                values[name] = full
        if factor_groups:
            factors = np.empty((m, arrays.factor_value.shape[0]))
            factors[:] = arrays.factor_value
            for g in factor_groups:
                factors[:, g.index] = g.draw(m)
            values["proxy_value"] = proxy_with_factors(arrays, factors)
        imp = values["quantity"] * values["proxy_value"]
        for name in DEDUCTIONS:
            if name in idle:  # all 0 and not drawn: × 1 changes nothing
                continue
            keep = np.subtract(1.0, values[name])
            if keep.ndim <= imp.ndim:
                imp *= keep
            else:
                imp = imp * keep
        rate = rate_group.draw(m) if rate_group is not None else arrays.rate
        if base_factor is not None:
            factor = base_factor
        else:
            factor = pv_factor(
                values["drop_off"], values["duration"], arrays.start, rate, arrays.first, arrays.schedule
            )
        if imp.ndim == 2 and imp.shape == np.broadcast_shapes(imp.shape, np.shape(factor)):
            product = np.multiply(imp, factor, out=imp)
        else:
            product = imp * factor
        pv = product.sum(axis=1) if product.ndim == 2 else np.full(m, float(product.sum()))
        if inputs_fixed:
            total = np.full(m, arrays.total_inputs)
        else:
            amounts = np.empty((m, arrays.inputs.shape[0]))
            amounts[:] = arrays.inputs
            for g in input_groups:
                amounts[:, g.index] = g.draw(m)
            total = (amounts * year_factor(arrays.input_offset, rate, arrays.schedule)).sum(axis=1)
        pvs[start : start + m] = pv
        with np.errstate(divide="ignore", invalid="ignore"):
            ratios[start : start + m] = np.where(total > 0, pv / np.where(total > 0, total, 1.0), np.nan)
        if progress is not None:
            progress(start + m, draws)

    result = MonteCarloResult(
        ratios=ratios, present_values=pvs, draws=draws, seed=seed, chunk_size=chunk, uncertain=uncertain
    )
    result.stats = summarise_draws(ratios, pvs, draws=draws, seed=seed, uncertain=uncertain)
    return result


def summarise_draws(ratios: np.ndarray, pvs: np.ndarray, **extra: Any) -> dict[str, Any]:
    import numpy as np

    valid = ratios[np.isfinite(ratios)]
    out: dict[str, Any] = dict(extra)
    if valid.size == 0:
        return out
    p5, p50, p95 = (float(x) for x in np.percentile(valid, [5, 50, 95]))
    out.update(
        {
            "mean": float(valid.mean()),
            "sd": float(valid.std(ddof=1)) if valid.size > 1 else 0.0,
            "median": p50,
            "p5": p5,
            "p95": p95,
            "probability_below_1": float(np.mean(valid < 1.0)),
            "present_value_mean": float(pvs.mean()),
            "present_value_p5": float(np.percentile(pvs, 5)),
            "present_value_p95": float(np.percentile(pvs, 95)),
        }
    )
    return out

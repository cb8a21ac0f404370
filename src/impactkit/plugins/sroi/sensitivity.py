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
  fractions are clipped to 0–1 and of counts at 0. Each chunk is valued in place, in buffers
  allocated once (:class:`_Chunks`), by the steps of the closed form; on several cores threads
  draw the next chunk while one is valued. The figures are the same to the last bit for any chunk
  size and any number of threads.
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
PARALLEL_FROM = 1 << 22
"""Random numbers (draws × uncertain numbers) from which the Monte Carlo draws on several cores by
default: below it (about a tenth of a second of work) threads cost more than they give."""


class _Group:
    """All uncertain numbers of one target (a row field, the rate, the inputs) with one distribution type.

    Each group draws from its own random stream, spawned from the seed at a fixed position
    (target × type), and always as one (draws × numbers) block per chunk. A stream's numbers
    come out in the same order however the draws are cut into chunks, so the result does not
    depend on the chunk size. A group draws into buffers of its own (:meth:`allocate`), in place:
    one numpy call of the generator per chunk, then the transform, without temporary arrays.
    """

    def __init__(self, target: str, kind: str, members: list[tuple[Param, Distribution]], seed: int):
        import numpy as np

        self.target, self.kind = target, kind
        self.index = np.array([p.index for p, _ in members], dtype=np.intp)
        self.k = int(self.index.shape[0])
        dists = [d for _, d in members]
        spawn = np.random.SeedSequence(seed).spawn(len(TARGETS) * len(DISTRIBUTION_TYPES))
        self.rng = np.random.Generator(
            np.random.PCG64(spawn[TARGETS.index(target) * len(DISTRIBUTION_TYPES) + DISTRIBUTION_TYPES.index(kind)])
        )
        low, high = CLIP[members[0][0].kind] if kind in ("normal", "lognormal") else (-math.inf, math.inf)
        if kind == "lognormal" and low <= 0.0:  # exp(…) is never below 0: a clip there changes nothing
            low = -math.inf
        self.clip = None if (low, high) == (-math.inf, math.inf) else (low, high)
        self.slots: list[np.ndarray] = []
        self.shape = "both"

        def arr(values: list[Any]) -> np.ndarray:
            return np.array(values, dtype=float)

        if kind in ("triangular", "uniform"):
            self.low, self.high = arr([d.low for d in dists]), arr([d.high for d in dists])
            self.width = self.high - self.low
        if kind == "triangular":
            mode = arr([d.mode for d in dists])
            self.split = (mode - self.low) / self.width
            self.left, self.right = self.width * (mode - self.low), self.width * (self.high - mode)
            if np.all(mode == self.high):  # u < split always: the rising branch only
                self.shape = "rising"
            elif np.all(mode == self.low):  # never: the falling branch only
                self.shape = "falling"
        elif kind == "normal":
            self.loc, self.scale = arr([d.mean for d in dists]), arr([d.sd for d in dists])
        elif kind == "lognormal":
            pairs = [lognormal_params(d.mean, d.sd) for d in dists]  # type: ignore[arg-type]
            self.loc, self.scale = arr([mu for mu, _ in pairs]), arr([s for _, s in pairs])
        elif kind == "beta":
            self.a, self.b = arr([d.alpha for d in dists]), arr([d.beta for d in dists])
            self.low = arr([d.low for d in dists])
            self.width = arr([d.high for d in dists]) - self.low
        if kind in ("normal", "lognormal"):
            self.bounds = (max(low, 0.0) if kind == "lognormal" else low, high)
        else:  # the numbers drawn lie between the distributions' ends
            self.bounds = (float(np.min(self.low)), float(np.max(self.low + self.width)))
        """The lowest and the highest number this group can draw."""
        self.cost = self.k * {"beta": 16.0, "lognormal": 4.5, "normal": 4.0, "triangular": 2.5}.get(kind, 1.0)
        """Roughly how long a draw of the group takes (numpy's beta sampler is by far the slowest)."""

    def allocate(self, chunk: int, slots: int) -> None:
        """Room for ``slots`` chunks of draws (two when drawing runs ahead of the calculation)."""
        import numpy as np

        self.slots = [np.empty((chunk, self.k)) for _ in range(slots)]
        if self.kind == "triangular" and self.shape == "both":
            self.other = np.empty((chunk, self.k))
            self.mask = np.empty((chunk, self.k), dtype=bool)

    def fill(self, slot: int, m: int) -> np.ndarray:
        """The next ``m`` draws of every number of the group, written into ``slots[slot]``."""
        import numpy as np

        x = self.slots[slot][:m]
        kind = self.kind
        if kind == "uniform":
            self.rng.random(out=x)
            x *= self.width
            x += self.low
        elif kind == "triangular":  # inverse CDF; both branches, blended without a (slow) masked select
            u = self.rng.random(out=x)
            if self.shape == "falling":  # high − √((1−u)·(high−low)·(high−mode))
                np.subtract(1.0, u, out=u)
                u *= self.right
                np.sqrt(u, out=u)
                np.subtract(self.high, u, out=u)
            else:
                left = x if self.shape == "rising" else np.multiply(u, self.left, out=self.other[:m])
                if left is x:
                    x *= self.left
                np.sqrt(left, out=left)
                left += self.low  # low + √(u·(high−low)·(mode−low))
                if self.shape == "rising":  # as the blend below gives it, to the last bit
                    x -= self.high
                    x += self.high
                else:
                    mask = np.less(u, self.split, out=self.mask[:m])
                    np.subtract(1.0, u, out=u)
                    u *= self.right
                    np.sqrt(u, out=u)
                    np.subtract(self.high, u, out=u)  # high − √((1−u)·(high−low)·(high−mode))
                    left -= u
                    left *= mask
                    u += left
        elif kind in ("normal", "lognormal"):
            self.rng.standard_normal(out=x)
            x *= self.scale
            x += self.loc
            if kind == "lognormal":
                np.exp(x, out=x)
        else:
            np.multiply(self.rng.beta(self.a, self.b, size=(m, self.k)), self.width, out=x)
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


class _Chunks:
    """The present value and the inputs of a chunk of draws.

    The steps are those of :func:`~.calc.impact` and :func:`~.calc.pv_factor` (its closed form),
    in the same order, so each draw's figures are to the last bit what those functions give for
    it; only they run in place on (draws × rows) buffers allocated once. What does not change from
    draw to draw is computed once: the numbers nobody draws, and the whole factor of the years
    (drop-off, duration, discounting) when none of drop-off, duration and rate is drawn — a draw's
    present value is then its impacts weighted by that factor.
    """

    def __init__(self, arrays: MapArrays, groups: list[_Group], chunk: int, slots: int):
        import numpy as np

        self.arrays, self.groups = arrays, groups
        n = arrays.size
        for g in groups:
            g.allocate(chunk, slots)
        self.rate = next((g for g in groups if g.target == "rate"), None)
        self.inputs = [g for g in groups if g.target == "input"]
        self.factors = [g for g in groups if g.target == "factor"]
        self.by_field = {name: [g for g in groups if g.target == name] for name in FIELDS}
        # each field: None (fixed), a group (it draws every row in order: its draws are used as
        # they are) or "full": a (chunk × rows) array that keeps the fixed rows' values, the
        # draws written into their columns
        self.source: dict[str, Any] = {}
        self.full: dict[str, np.ndarray] = {}
        everyone = np.arange(n)
        for name in FIELDS:
            field_groups = self.by_field[name]
            if not field_groups and not (name == "proxy_value" and self.factors):
                self.source[name] = None
            elif len(field_groups) == 1 and np.array_equal(field_groups[0].index, everyone):
                self.source[name] = field_groups[0]
            else:
                self.source[name] = "full"
                self.full[name] = np.empty((chunk, n))
                self.full[name][:] = getattr(arrays, name)
        if self.factors:  # the factors in row order, so that each row's factors are one run
            order = np.argsort(arrays.factor_row, kind="stable")
            self.factor_at = np.empty_like(order)
            self.factor_at[order] = np.arange(order.shape[0])
            self.factor_rows, self.factor_runs = np.unique(arrays.factor_row[order], return_index=True)
            self.factor_values = np.empty((chunk, order.shape[0]))
            self.factor_values[:] = arrays.factor_value[order]
        self.idle = {name for name in DEDUCTIONS if self.source[name] is None and not np.any(getattr(arrays, name))}
        self.keep = {name: np.subtract(1.0, getattr(arrays, name)) for name in DEDUCTIONS}
        self.impacts = np.empty((chunk, n))
        timed = self.rate is not None or any(self.source[name] is not None for name in ("drop_off", "duration"))
        self.base_factor = (
            None
            if timed
            else pv_factor(arrays.drop_off, arrays.duration, arrays.start, arrays.rate, arrays.first, arrays.schedule)
        )
        # scratch: the closed form's five arrays; the first also holds 1 − a drawn deduction
        closed_form = timed and not arrays.schedule
        drawn_deduction = any(self.source[name] is not None for name in DEDUCTIONS)
        self.work = [np.empty((chunk, n)) for _ in range(5 if closed_form else 1 if drawn_deduction else 0)]
        # the fixed parts of the closed form
        with np.errstate(divide="ignore"):
            self.log_keep = np.log1p(-arrays.drop_off)
        self.log_v = -np.log1p(np.asarray(arrays.rate, dtype=float))
        self.whole = np.floor(arrays.duration)
        self.part = arrays.duration - self.whole
        self.start_scale = np.exp(arrays.start * self.log_v)
        self.first_scale = np.where(arrays.first > 0, np.power(1.0 - arrays.drop_off, arrays.first), 1.0)
        self.first_positive = bool(np.all(arrays.first >= 0))
        # what the draws can reach: whether log x can fall below −700 (a drop-off of 100%) or be 0
        # (no drop-off and no discounting), the two cases the closed form treats apart
        d_low, d_high = self.reach("drop_off")
        r_low, r_high = self.rate.bounds if self.rate is not None else (arrays.rate, arrays.rate)
        self.clamp = not (d_high < 1.0 - 1e-9 and r_high < 1e300)
        self.zero_free = d_low >= 0.0 and r_low >= 0.0 and (d_low > 0.0 or r_low > 0.0)
        # the inputs
        self.amounts = np.empty((chunk, arrays.inputs.shape[0]))
        self.amounts[:] = arrays.inputs
        self.fixed_inputs = None if self.inputs or self.rate is not None else np.full(chunk, arrays.total_inputs)

    def reach(self, name: str) -> tuple[float, float]:
        """The lowest and highest value of a field in any draw."""
        import numpy as np

        base = getattr(self.arrays, name)
        ends = [g.bounds for g in self.by_field[name]]
        if base.size:
            ends.append((float(np.min(base)), float(np.max(base))))
        return min((lo for lo, _ in ends), default=0.0), max((hi for _, hi in ends), default=0.0)

    def draw(self, slot: int, m: int) -> None:
        """Every group draws its next ``m`` draws into ``slot``."""
        for g in self.groups:
            g.fill(slot, m)

    def values(self, name: str, slot: int, m: int) -> np.ndarray:
        """A field's values in this chunk: (rows,) when nobody draws it, else (draws × rows)."""
        import numpy as np

        source = self.source[name]
        if source is None:
            return getattr(self.arrays, name)
        if source != "full":
            return source.slots[slot][:m]
        full = self.full[name][:m]
        for g in self.by_field[name]:
            full[:, g.index] = g.slots[slot][:m]
        if name == "proxy_value" and self.factors:  # a row with factors: their product
            factors = self.factor_values[:m]
            for g in self.factors:
                factors[:, self.factor_at[g.index]] = g.slots[slot][:m]
            full[:, self.factor_rows] = np.multiply.reduceat(factors, self.factor_runs, axis=1)
        return full

    def present_values(self, slot: int, m: int) -> np.ndarray:
        """The present value of each draw of the chunk."""
        import numpy as np

        buffer = self.impacts[:m]
        imp = _times(self.values("quantity", slot, m), self.values("proxy_value", slot, m), buffer)
        for name in DEDUCTIONS:
            if name in self.idle:  # all 0 and not drawn: × 1 changes nothing
                continue
            values = self.values(name, slot, m)
            keep = self.keep[name] if values.ndim == 1 else np.subtract(1.0, values, out=self.work[0][:m])
            imp = _times(imp, keep, buffer)
        if self.base_factor is not None:
            factor = self.base_factor
        else:
            rate = self.rate.slots[slot][:m] if self.rate is not None else self.arrays.rate
            factor = self.factor(m, self.values("drop_off", slot, m), self.values("duration", slot, m), rate)
        if imp.ndim == 1 and factor.ndim == 1:
            return np.full(m, float((imp * factor).sum()))
        return _times(imp, factor, buffer).sum(axis=1)

    def factor(self, m: int, drop_off: np.ndarray, duration: np.ndarray, rate: Any) -> np.ndarray:
        """:func:`~.calc.pv_factor` of the chunk, step by step as it computes it, in the buffers."""
        import numpy as np

        a = self.arrays
        if a.schedule:  # the years one by one, as pv_factor sums them
            return pv_factor(drop_off, duration, a.start, rate, a.first, a.schedule)
        keep_log, x_log, power, part, out = (w[:m] for w in self.work)
        if drop_off.ndim == 2:
            with np.errstate(divide="ignore"):
                log_keep = np.log1p(np.negative(drop_off, out=keep_log), out=keep_log)
        else:
            log_keep = self.log_keep
        log_v = self.log_v if self.rate is None else -np.log1p(rate)
        log_x = _into(np.add, log_keep, log_v, x_log)
        if self.clamp and log_x.size and log_x.min() < -700.0:  # x = 0 (drop-off 100%) as a tiny positive x
            np.maximum(log_x, -700.0, out=log_x)
        if not self.zero_free and not log_x.all():  # x = 1 (no drop-off, no discounting)
            log_x[log_x == 0.0] = -1e-300
        if duration.ndim == 2:
            whole = np.floor(duration, out=power)
            part = np.subtract(duration, whole, out=part)
        else:
            whole, part = self.whole, self.part
        power = _into(np.multiply, whole, log_x, power)
        np.expm1(power, out=power)  # xⁿ − 1
        step = np.expm1(log_x, out=log_x) if log_x.ndim == 2 else np.expm1(log_x)
        geometric = np.divide(power, step, out=out)  # 1 + x + … + xⁿ⁻¹
        power += 1.0  # xⁿ
        power *= part
        geometric += power
        if np.ndim(log_v) == 2:  # a rate per draw
            scale = np.multiply(a.start, log_v, out=x_log)
            geometric *= np.exp(scale, out=scale)
        else:
            geometric *= self.start_scale
        if np.any(a.first):
            if drop_off.ndim == 1:
                geometric *= self.first_scale
            elif self.first_positive:  # (1 − d)^0 is 1, as where(first > 0, …, 1) has it
                kept = np.subtract(1.0, drop_off, out=keep_log)
                geometric *= np.power(kept, a.first, out=kept)
            else:
                geometric *= np.where(a.first > 0, np.power(1.0 - drop_off, a.first), 1.0)
        return geometric

    def total_inputs(self, slot: int, m: int) -> np.ndarray:
        """The inputs of each draw, brought to the valuation year (at the draw's rate)."""
        if self.fixed_inputs is not None:
            return self.fixed_inputs[:m]
        amounts = self.amounts[:m]
        for g in self.inputs:
            amounts[:, g.index] = g.slots[slot][:m]
        rate = self.rate.slots[slot][:m] if self.rate is not None else self.arrays.rate
        return (amounts * year_factor(self.arrays.input_offset, rate, self.arrays.schedule)).sum(axis=1)


def _into(ufunc: Any, a: Any, b: Any, buffer: np.ndarray) -> np.ndarray:
    """``ufunc(a, b)``, written into ``buffer`` when it is (draws × rows), as one of ``a`` and ``b``
    is (the other a row vector, a column of draws or a number)."""
    import numpy as np

    return ufunc(a, b, out=buffer) if np.ndim(a) == 2 or np.ndim(b) == 2 else ufunc(a, b)


def _times(a: np.ndarray, b: np.ndarray, buffer: np.ndarray) -> np.ndarray:
    """``a × b``, in ``buffer`` when one of them has the buffer's shape (draws × rows)."""
    if a.ndim == 2 or b.ndim == 2:
        import numpy as np

        return np.multiply(a, b, out=buffer)
    return a * b


def _threads(workers: int | None, draws: int, uncertain: int) -> int:
    """How many threads draw: ``workers``, else the cores this process may use (at most 4) for a
    simulation of at least :data:`PARALLEL_FROM` random numbers, else 1."""
    import os

    if workers is not None:
        return max(1, int(workers))
    if draws * uncertain < PARALLEL_FROM:
        return 1
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not on Linux
        cores = os.cpu_count() or 1
    return max(1, min(cores, 4))


def _threaded(
    groups: list[_Group], threads: int, sizes: list[int], slots: int, value: Callable[[int, int], None]
) -> None:
    """Draw the chunks of ``sizes`` on ``threads`` threads while this one values them.

    Each thread owns some groups (the costliest spread first, each to the thread with the least
    to do) and draws them chunk after chunk into a ring of ``slots`` buffers, running ahead of the
    valuation until the ring is full; ``value(chunk, slot)`` runs here once every thread has drawn
    that chunk. A group is drawn by one thread only, chunk after chunk: its stream comes out as on
    one thread.
    """
    import threading

    owned: list[list[_Group]] = [[] for _ in range(min(threads, len(groups)))]
    load = [0.0] * len(owned)
    for g in sorted(groups, key=lambda g: -g.cost):
        t = load.index(min(load))
        owned[t].append(g)
        load[t] += g.cost
    drawn = [threading.Semaphore(0) for _ in owned]
    free = [threading.Semaphore(slots) for _ in owned]
    stop = threading.Event()
    failed: list[BaseException] = []

    def draw(t: int) -> None:
        try:
            for j, m in enumerate(sizes):
                free[t].acquire()
                if stop.is_set():
                    return
                for g in owned[t]:
                    g.fill(j % slots, m)
                drawn[t].release()
        except BaseException as exc:  # handed to the valuing thread, which raises it
            failed.append(exc)
            drawn[t].release()

    workers = [
        threading.Thread(target=draw, args=(t,), name=f"sroi-monte-carlo-{t}", daemon=True) for t in range(len(owned))
    ]
    for w in workers:
        w.start()
    try:
        for j in range(len(sizes)):
            for ready in drawn:
                ready.acquire()
            if failed:
                raise failed[0]
            value(j, j % slots)
            for slot in free:
                slot.release()
    finally:
        stop.set()
        for slot in free:  # a thread waiting for a slot wakes, sees the stop and ends
            slot.release()
        for w in workers:
            w.join()


def monte_carlo(
    arrays: MapArrays,
    params: list[Param],
    draws: int = 10_000,
    seed: int = 2012,
    chunk_size: int | None = None,
    progress: Callable[[int, int], None] | None = None,
    workers: int | None = None,
) -> MonteCarloResult | None:
    """Draw every uncertain number ``draws`` times; the distribution of the SROI ratio.

    ``None`` when nothing is uncertain or there are no inputs. The same ``seed`` gives the same
    draws, and the same figures, for any ``chunk_size`` and any ``workers``. ``progress(done,
    draws)``, when given, is called after each chunk (each a vectorised block of draws) with the
    number of draws made so far. With ``workers`` above 1 (by default: the cores, for a large
    simulation) that many threads draw the chunks ahead while this one values them (:func:`_threaded`).
    """
    import numpy as np

    groups = _groups(params, seed)
    if not groups:
        return None
    if arrays.total_inputs <= 0 and not any(g.target == "input" for g in groups):
        return None
    uncertain = sum(g.k for g in groups)
    chunk = int(chunk_size or chunk_for(arrays.size, uncertain))
    starts = range(0, draws, chunk)
    threads = _threads(workers, draws, uncertain) if len(starts) > 1 else 1
    slots = 2 if threads > 1 else 1
    calc = _Chunks(arrays, groups, max(1, min(chunk, draws)), slots)
    ratios = np.empty(draws)
    pvs = np.empty(draws)

    def chunk_of(j: int) -> tuple[int, int]:
        return starts[j], min(chunk, draws - starts[j])

    def value(j: int, slot: int) -> None:
        start, m = chunk_of(j)
        pv = calc.present_values(slot, m)
        total = calc.total_inputs(slot, m)
        pvs[start : start + m] = pv
        with np.errstate(divide="ignore", invalid="ignore"):
            ratios[start : start + m] = np.where(total > 0, pv / np.where(total > 0, total, 1.0), np.nan)
        if progress is not None:
            progress(start + m, draws)

    if threads > 1:
        _threaded(groups, threads, [chunk_of(j)[1] for j in range(len(starts))], slots, value)
    else:
        for j in range(len(starts)):
            calc.draw(0, chunk_of(j)[1])
            value(j, 0)

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

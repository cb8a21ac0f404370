"""The SROI calculation, vectorised with numpy. Pure functions: no study, no files.

Conventions (SVI, *A Guide to Social Return on Investment*, 2012, and what published reports add):

* impact = quantity × proxy_value × (1 − deadweight) × (1 − displacement) × (1 − attribution)
  × (1 − haircut); a proxy made of factors is their product.
* Time is counted in whole years from the **valuation year** (offset 0). A row's value starts in
  the year at offset ``start`` (1 for a row without a calendar year: the year after the base
  year, the SVI convention; a lag adds to it) and lasts ``duration`` years; a fractional duration
  counts its last year in part (duration 2.5: two years and half of the third).
* value in the k-th year of a stream (k = 0, 1, …) = impact × (1 − drop_off)^(k + first), with
  ``first`` 0 (SVI: drop-off from the second year) or 1 (drop-off already in the first year).
* An amount at offset t is brought to the valuation year by F(t): discounted when t > 0,
  compounded when t < 0. With one rate r, F(t) = (1 + r)^−t; with a schedule, the rate of year
  t carries an amount from year t to year t + 1, so F(t) = 1 / Π_{u=0}^{t−1} (1 + r_u) for t > 0
  and Π_{u=t}^{−1} (1 + r_u) for t < 0 (years without a scheduled rate take r).
* present value = Σ value × F; inputs = Σ amount × F(year spent) (an input of the base year is
  at offset 0 when the base year is the valuation year: undiscounted, as SVI has it).
* net present value = PV − inputs; ratio = PV / inputs; net ratio = NPV / inputs;
  payback (months) = inputs / (first-year value / 12), with the first-year value the value each
  outcome has in the first year of its stream (a share of it for outcomes shorter than a year);
  rows of one outcome over several calendar years (a ``group``) count their first year only.

The closed form used by :func:`pv_factor` without a rate schedule (and so by the Monte Carlo) is
the sum of the geometric series; :func:`year_values` writes the same stream out year by year, and
a test holds the two equal.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from .parse import MAX_YEARS

if TYPE_CHECKING:  # pragma: no cover - numpy is imported by the functions that use it
    import numpy as np

FIELDS: tuple[str, ...] = (
    "quantity",
    "duration",
    "proxy_value",
    "deadweight",
    "displacement",
    "attribution",
    "drop_off",
    "haircut",
)
"""The numbers of a row that the sensitivity analyses vary (a proxy's factors vary through it)."""
DEDUCTIONS: tuple[str, ...] = ("deadweight", "displacement", "attribution", "haircut")

Schedule = tuple[tuple[int, float], ...]
"""A rate schedule: ``(offset t, rate of year t)`` pairs, t counted from the valuation year."""


def _empty(dtype: Any = float) -> np.ndarray:
    import numpy as np

    return np.zeros(0, dtype=dtype)


@dataclass(frozen=True)
class MapArrays:
    """The numbers of an impact map as arrays, one element per row, plus inputs and the rates."""

    quantity: np.ndarray
    proxy_value: np.ndarray
    deadweight: np.ndarray
    displacement: np.ndarray
    attribution: np.ndarray
    drop_off: np.ndarray
    duration: np.ndarray
    start: np.ndarray
    """Years from the valuation year to the first year of value (1: the year after it)."""
    first: np.ndarray = field(default_factory=_empty)
    """1 where the drop-off already acts in the first year of the stream, else 0."""
    haircut: np.ndarray = field(default_factory=_empty)
    group: np.ndarray = field(default_factory=lambda: _empty(int))
    """Rows with the same group (≥ 0) are one outcome over several calendar years; −1: none."""
    inputs: np.ndarray = field(default_factory=_empty)
    input_offset: np.ndarray = field(default_factory=_empty)
    """Years from the valuation year to the year each input is spent."""
    rate: float = 0.035
    schedule: Schedule = ()
    factor_row: np.ndarray = field(default_factory=lambda: _empty(int))
    """The row of each proxy factor (a row with factors has their product as its proxy value)."""
    factor_value: np.ndarray = field(default_factory=_empty)

    def __post_init__(self) -> None:
        import numpy as np

        n = self.quantity.shape[0]
        for name in ("first", "haircut"):
            if getattr(self, name).shape[0] != n:
                object.__setattr__(self, name, np.zeros(n))
        if self.group.shape[0] != n:
            object.__setattr__(self, "group", np.full(n, -1, dtype=int))
        if self.input_offset.shape[0] != self.inputs.shape[0]:
            object.__setattr__(self, "input_offset", np.zeros(self.inputs.shape[0]))

    @classmethod
    def build(
        cls,
        rows: list[dict[str, Any]],
        inputs: list[Any] | tuple[Any, ...] = (),
        rate: float = 0.035,
        schedule: dict[int, float] | None = None,
    ) -> "MapArrays":
        """From plain dicts (missing deductions count as 0, a missing duration as 1 year).

        A row's ``start`` is its offset from the valuation year; without one it is 1 plus its lag
        (``starts_after_years``, or 1 for ``starts_after_activity``). ``drop_off_first`` makes the
        drop-off act in the first year; ``factors`` is a list of numbers whose product is the proxy
        value. An input is an amount (spent at offset 0) or ``(amount, offset)``; ``schedule`` maps
        an offset to the rate of that year.
        """
        import numpy as np

        def column(name: str, default: float) -> np.ndarray:
            return np.array([default if r.get(name) is None else float(r[name]) for r in rows], dtype=float)

        def start(row: dict[str, Any]) -> float:
            if row.get("start") is not None:
                return float(row["start"])
            lag = row.get("starts_after_years")
            return 1.0 + float(lag if lag is not None else (1 if row.get("starts_after_activity") else 0))

        factor_row = [i for i, r in enumerate(rows) for _ in r.get("factors") or ()]
        factor_value = [float(f) for r in rows for f in r.get("factors") or ()]
        proxy = column("proxy_value", 0.0)
        for i, r in enumerate(rows):
            if r.get("factors"):
                proxy[i] = float(np.prod(np.array(r["factors"], dtype=float)))
        amounts = [float(x[0]) if isinstance(x, (tuple, list)) else float(x) for x in inputs]
        offsets = [float(x[1]) if isinstance(x, (tuple, list)) else 0.0 for x in inputs]
        return cls(
            quantity=column("quantity", 0.0),
            proxy_value=proxy,
            deadweight=column("deadweight", 0.0),
            displacement=column("displacement", 0.0),
            attribution=column("attribution", 0.0),
            drop_off=column("drop_off", 0.0),
            duration=column("duration", 1.0),
            start=np.array([start(r) for r in rows], dtype=float),
            first=np.array([1.0 if r.get("drop_off_first") else 0.0 for r in rows]),
            haircut=column("haircut", 0.0),
            group=np.array([-1 if r.get("group") is None else int(r["group"]) for r in rows], dtype=int),
            inputs=np.asarray(amounts, dtype=float),
            input_offset=np.asarray(offsets, dtype=float),
            rate=float(rate),
            schedule=tuple(sorted((int(k), float(v)) for k, v in (schedule or {}).items())),
            factor_row=np.asarray(factor_row, dtype=int),
            factor_value=np.asarray(factor_value, dtype=float),
        )

    @property
    def size(self) -> int:
        return int(self.quantity.shape[0])

    @property
    def input_factors(self) -> np.ndarray:
        """F of each input: what one unit spent in its year is worth in the valuation year."""
        return year_factor(self.input_offset, self.rate, self.schedule)

    @property
    def present_inputs(self) -> np.ndarray:
        """Each input brought to the valuation year."""
        return self.inputs * self.input_factors

    @property
    def total_inputs(self) -> float:
        return float(self.present_inputs.sum())


def impact(
    quantity: Any, proxy_value: Any, deadweight: Any, displacement: Any, attribution: Any, haircut: Any = 0.0
) -> Any:
    """Impact = quantity × proxy × (1 − deadweight) × (1 − displacement) × (1 − attribution) × (1 − haircut)."""
    return quantity * proxy_value * (1.0 - deadweight) * (1.0 - displacement) * (1.0 - attribution) * (1.0 - haircut)


def row_impacts(arrays: MapArrays) -> np.ndarray:
    return impact(
        arrays.quantity, arrays.proxy_value, arrays.deadweight, arrays.displacement, arrays.attribution, arrays.haircut
    )


def proxy_with_factors(arrays: MapArrays, factors: np.ndarray) -> np.ndarray:
    """The proxy values when the factors take the values ``factors`` (shape ``(..., factors)``):
    each row with factors gets their product, the others keep theirs. Broadcasts over draws."""
    import numpy as np

    lead = factors.shape[:-1]
    proxy = np.broadcast_to(arrays.proxy_value, lead + (arrays.size,)).copy()
    rows = np.unique(arrays.factor_row)
    proxy[..., rows] = 1.0
    for k, row in enumerate(arrays.factor_row):
        proxy[..., row] *= factors[..., k]
    return proxy


def _schedule_steps(offsets: np.ndarray, rate: Any, schedule: Schedule) -> tuple[np.ndarray, int]:
    """``log F`` at every whole offset from ``offsets.min()`` to ``offsets.max()`` (and 0), and the
    lowest offset: the table :func:`year_factor` and :func:`pv_factor` read from."""
    import numpy as np

    rate = np.asarray(rate, dtype=float)
    if rate.ndim == 2 and rate.shape[1] == 1:  # a column of draws
        rate = rate[:, 0]
    low = int(min(0, np.floor(np.min(offsets)))) if offsets.size else 0
    high = int(max(0, np.ceil(np.max(offsets)))) if offsets.size else 0
    years = np.arange(low, high)  # the steps from year t to t + 1
    given = dict(schedule)
    fixed = np.array([t in given for t in years], dtype=bool)
    value = np.array([given.get(int(t), 0.0) for t in years], dtype=float)
    steps = np.log1p(np.where(fixed, value, rate[..., None]))  # (..., years)
    cumulative = np.concatenate([np.zeros(steps.shape[:-1] + (1,)), np.cumsum(steps, axis=-1)], axis=-1)
    log_f = -(cumulative - cumulative[..., -low : -low + 1])  # log F(t) for t = low … high
    return log_f, low


def year_factor(offset: Any, rate: Any, schedule: Schedule = ()) -> Any:
    """F(t): what one unit at offset ``t`` from the valuation year is worth in the valuation year
    (discounted for t > 0, compounded for t < 0). Broadcasts ``rate`` (e.g. a column of draws)."""
    import numpy as np

    offset = np.asarray(offset, dtype=float)
    if not schedule:
        return np.power(1.0 + np.asarray(rate, dtype=float), -offset)
    log_f, low = _schedule_steps(offset, rate, schedule)
    return np.exp(log_f[..., (np.round(offset) - low).astype(int)])


def pv_factor(drop_off: Any, duration: Any, start: Any, rate: Any, first: Any = 0.0, schedule: Schedule = ()) -> Any:
    """Σ over the value years of (1 − drop_off)^(k + first) × weight_k × F(start + k).

    Multiplied by the impact this is the present value of one row. Without a schedule, with
    x = (1 − d) / (1 + r), n whole years and a part year f, the sum is
    (1 + r)^−start × (1 − d)^first × ((1 − xⁿ) / (1 − x) + f·xⁿ), computed through logarithms
    (``expm1``) so that it stays exact when x is close to 1. With a schedule the years are summed
    one by one. Broadcasts over arrays (the Monte Carlo passes draws × rows). A duration counts at
    most ``MAX_YEARS`` (a hundred) years: the limit of a given one, and of a drawn one.
    """
    import numpy as np

    drop_off = np.asarray(drop_off, dtype=float)
    duration = np.minimum(np.asarray(duration, dtype=float), MAX_YEARS)  # a drawn duration counts 100 years at most
    start = np.asarray(start, dtype=float)
    first = np.asarray(first, dtype=float)
    with np.errstate(divide="ignore"):
        log_keep = np.log1p(-drop_off)  # −inf when the drop-off is 100%
    if schedule:
        return _pv_factor_by_year(drop_off, duration, start, rate, first, schedule)
    log_v = -np.log1p(np.asarray(rate, dtype=float))  # log of the discount factor 1 / (1 + r)
    log_x = np.asarray(np.maximum(log_keep + log_v, -700.0))  # x = 0 (drop-off 100%) as a tiny positive x
    if np.any(log_x == 0.0):  # x = 1 (no drop-off, no discounting)
        log_x[log_x == 0.0] = -1e-300  # (xⁿ − 1) / (x − 1) → n exactly
    whole = np.floor(duration)
    part = duration - whole
    power = np.expm1(whole * log_x)  # xⁿ − 1
    geometric = power / np.expm1(log_x)  # 1 + x + … + xⁿ⁻¹
    power += 1.0  # xⁿ
    power *= part
    geometric += power
    geometric *= np.exp(start * log_v)
    if np.any(first):
        geometric *= np.where(first > 0, np.power(1.0 - drop_off, first), 1.0)
    return geometric


def _pv_factor_by_year(
    drop_off: np.ndarray, duration: np.ndarray, start: np.ndarray, rate: Any, first: np.ndarray, schedule: Schedule
) -> np.ndarray:
    import numpy as np

    years = int(np.ceil(np.max(duration))) if duration.size else 0
    if years <= 0:
        return np.zeros(np.broadcast_shapes(drop_off.shape, duration.shape, start.shape))
    offsets = np.concatenate([np.ravel(start), np.ravel(start) + years])
    log_f, low = _schedule_steps(offsets, rate, schedule)
    total: Any = 0.0
    for k in range(years):
        weight = np.clip(duration - k, 0.0, 1.0)
        with np.errstate(invalid="ignore"):
            keep = np.power(1.0 - drop_off, k + first)
        where = (np.round(start) + k - low).astype(int)
        total = total + keep * weight * np.exp(log_f[..., where])
    return np.asarray(total)


@dataclass(frozen=True)
class Calculation:
    """The deterministic result: per row impact, values per year and present value; totals."""

    impact: np.ndarray
    years: np.ndarray
    """Value per row (axis 0) and year (axis 1: the offsets :attr:`offsets`), undiscounted."""
    offsets: np.ndarray
    """The offset from the valuation year of each column of :attr:`years`."""
    discount: np.ndarray
    """F of each column of :attr:`years` (what one unit of that year is worth in the valuation year)."""
    present_value: np.ndarray
    total_inputs: float
    first_year: np.ndarray | None = None
    """Value each row counts towards the payback: its value in the first year of its stream (of
    the first calendar year of its outcome, for rows of one outcome over several years)."""

    @property
    def total_present_value(self) -> float:
        return float(self.present_value.sum())

    def summary(self) -> dict[str, float | None]:
        first = self.impact if self.first_year is None else self.first_year
        return summarise(self.total_present_value, self.total_inputs, float(first.sum()))


def columns_of(arrays: MapArrays) -> np.ndarray:
    """The offsets the year table covers: from the first year of value (at the latest year 1,
    the year after the valuation year, as the SVI layout has it) to the last."""
    import numpy as np

    if arrays.size == 0:
        return np.zeros(0)
    low = min(float(np.min(arrays.start)), 1.0)
    high = float(np.max(arrays.start + np.ceil(arrays.duration))) - 1.0
    return np.arange(low, max(high, low) + 1.0)


def year_values(arrays: MapArrays, impacts: np.ndarray, offsets: np.ndarray) -> np.ndarray:
    """Value per row (axis 0) and year (axis 1, at ``offsets``), undiscounted, with drop-off."""
    import numpy as np

    k = offsets[None, :] - arrays.start[:, None]  # 0 in the first year of the stream
    weight = np.where(k >= 0.0, np.clip(arrays.duration[:, None] - k, 0.0, 1.0), 0.0)
    exponent = np.maximum(k, 0.0) + arrays.first[:, None]
    with np.errstate(invalid="ignore"):
        decay = np.power(1.0 - arrays.drop_off[:, None], exponent)
    return impacts[:, None] * decay * weight


def first_year_values(arrays: MapArrays, impacts: np.ndarray) -> np.ndarray:
    """What each row counts towards the payback: impact × min(duration, 1), after a first-year
    drop-off; 0 for a row of a group (an outcome over several calendar years) whose stream
    starts after the group's first year."""
    import numpy as np

    value = impacts * np.clip(arrays.duration, 0.0, 1.0) * np.power(1.0 - arrays.drop_off, arrays.first)
    for group in np.unique(arrays.group[arrays.group >= 0]):
        members = arrays.group == group
        later = members & (arrays.start > np.min(arrays.start[members]))
        value = np.where(later, 0.0, value)
    return value


def calculate(arrays: MapArrays) -> Calculation:
    """Impact, year values and present values of every row of ``arrays``."""
    impacts = row_impacts(arrays)
    offsets = columns_of(arrays)
    years = year_values(arrays, impacts, offsets)
    discount = year_factor(offsets, arrays.rate, arrays.schedule)
    present = (years * discount[None, :]).sum(axis=1)
    return Calculation(
        impact=impacts,
        years=years,
        offsets=offsets,
        discount=discount,
        present_value=present,
        total_inputs=arrays.total_inputs,
        first_year=first_year_values(arrays, impacts),
    )


def present_values(arrays: MapArrays) -> np.ndarray:
    """PV of every row, by the closed form (fast; equal to :func:`calculate`'s)."""
    return row_impacts(arrays) * pv_factor(
        arrays.drop_off, arrays.duration, arrays.start, arrays.rate, arrays.first, arrays.schedule
    )


def summarise(present_value: float, total_inputs: float, first_year_value: float) -> dict[str, float | None]:
    """The headline figures. Ratios are ``None`` without inputs; payback without a positive first-year value."""
    has_inputs = total_inputs > 0
    npv = present_value - total_inputs
    payback = None
    if has_inputs and first_year_value > 0:
        payback = total_inputs / (first_year_value / 12.0)
    return {
        "total_inputs": float(total_inputs),
        "present_value": float(present_value),
        "net_present_value": float(npv),
        "ratio": float(present_value / total_inputs) if has_inputs else None,
        "net_ratio": float(npv / total_inputs) if has_inputs else None,
        "payback_months": float(payback) if payback is not None else None,
    }

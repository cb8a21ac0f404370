"""The SROI calculation, vectorised with numpy. Pure functions: no study, no files.

Conventions (SVI, *A Guide to Social Return on Investment*, 2012):

* impact = quantity × proxy_value × (1 − deadweight) × (1 − displacement) × (1 − attribution)
* value in year 1 = impact; value in year t = value in year t−1 × (1 − drop_off), t = 2 … duration.
  A fractional duration counts its last year in part (duration 2.5: years 1, 2 and half of 3).
* ``starts_after_activity`` shifts the whole stream one year later (year 1 value falls in year 2).
* present value = Σ value in year t / (1 + r)^t, t starting at 1; inputs count at year 0, undiscounted.
* net present value = PV − inputs; ratio = PV / inputs; net ratio = NPV / inputs;
  payback (months) = inputs / (first-year value / 12), with the first-year value the value each
  outcome has in the first year of its stream, summed: impact × min(duration, 1). That is the
  impact for outcomes lasting a year or more, a share of it for shorter ones, and nothing for an
  outcome that values nothing, so the payback never rests on value the present value leaves out.

The closed form used by :func:`pv_factor` (and so by the Monte Carlo) is the sum of that
geometric series; :func:`year_values` writes the same stream out year by year, and a test holds
the two equal.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

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
)


def _no_inputs() -> np.ndarray:
    import numpy as np

    return np.zeros(0)


@dataclass(frozen=True)
class MapArrays:
    """The numbers of an impact map as arrays, one element per row, plus inputs and the rate."""

    quantity: np.ndarray
    proxy_value: np.ndarray
    deadweight: np.ndarray
    displacement: np.ndarray
    attribution: np.ndarray
    drop_off: np.ndarray
    duration: np.ndarray
    lag: np.ndarray
    inputs: np.ndarray = field(default_factory=_no_inputs)
    rate: float = 0.035

    @classmethod
    def build(
        cls, rows: list[dict[str, Any]], inputs: list[float] | tuple[float, ...] = (), rate: float = 0.035
    ) -> "MapArrays":
        """From plain dicts (missing deductions count as 0, a missing duration as 1 year)."""
        import numpy as np

        def column(name: str, default: float) -> np.ndarray:
            return np.array([default if r.get(name) is None else float(r[name]) for r in rows], dtype=float)

        return cls(
            quantity=column("quantity", 0.0),
            proxy_value=column("proxy_value", 0.0),
            deadweight=column("deadweight", 0.0),
            displacement=column("displacement", 0.0),
            attribution=column("attribution", 0.0),
            drop_off=column("drop_off", 0.0),
            duration=column("duration", 1.0),
            lag=np.array([1.0 if r.get("starts_after_activity") else 0.0 for r in rows], dtype=float),
            inputs=np.asarray(list(inputs), dtype=float),
            rate=float(rate),
        )

    @property
    def size(self) -> int:
        return int(self.quantity.shape[0])

    @property
    def total_inputs(self) -> float:
        return float(self.inputs.sum())


def impact(quantity: Any, proxy_value: Any, deadweight: Any, displacement: Any, attribution: Any) -> Any:
    """Impact = quantity × proxy × (1 − deadweight) × (1 − displacement) × (1 − attribution)."""
    return quantity * proxy_value * (1.0 - deadweight) * (1.0 - displacement) * (1.0 - attribution)


def pv_factor(drop_off: Any, duration: Any, lag: Any, rate: Any) -> Any:
    """Σ over the value years of (1 − drop_off)^(t−1) × weight_t / (1 + rate)^(t + lag), in closed form.

    Multiplied by the impact this is the present value of one outcome. With x = (1 − d) / (1 + r),
    n whole years and a part year f, the sum is v^(1+lag) × ((1 − xⁿ) / (1 − x) + f·xⁿ), v = 1/(1+r);
    computed through logarithms (``expm1``) so that it stays exact when x is close to 1.
    Broadcasts over arrays (the Monte Carlo passes draws × rows).
    """
    import numpy as np

    drop_off = np.asarray(drop_off, dtype=float)
    duration = np.asarray(duration, dtype=float)
    log_v = -np.log1p(np.asarray(rate, dtype=float))  # log of the discount factor 1 / (1 + r)
    with np.errstate(divide="ignore"):
        log_x = np.log1p(-drop_off)  # −inf when the drop-off is 100%
    log_x = np.asarray(np.maximum(log_x + log_v, -700.0))  # x = 0 (drop-off 100%) as a tiny positive x
    if np.any(log_x == 0.0):  # x = 1 (no drop-off, no discounting)
        log_x[log_x == 0.0] = -1e-300  # (xⁿ − 1) / (x − 1) → n exactly
    whole = np.floor(duration)
    part = duration - whole
    power = np.expm1(whole * log_x)  # xⁿ − 1
    geometric = power / np.expm1(log_x)  # 1 + x + … + xⁿ⁻¹
    power += 1.0  # xⁿ
    power *= part
    geometric += power
    start = np.exp((1.0 + np.asarray(lag, dtype=float)) * log_v)
    geometric *= start
    return geometric


def horizon(duration: np.ndarray, lag: np.ndarray) -> int:
    """The number of calendar years the value streams reach."""
    import numpy as np

    if duration.size == 0:
        return 0
    return int(np.max(np.ceil(duration) + lag))


def year_values(
    impacts: np.ndarray, drop_off: np.ndarray, duration: np.ndarray, lag: np.ndarray, years: int | None = None
) -> np.ndarray:
    """Value per row (axis 0) and calendar year 1 … T (axis 1), undiscounted, with drop-off."""
    import numpy as np

    years = horizon(duration, lag) if years is None else years
    calendar = np.arange(1, years + 1, dtype=float)[None, :]
    value_year = calendar - lag[:, None]  # 1 in the first year of the stream
    weight = np.clip(duration[:, None] - (value_year - 1.0), 0.0, 1.0)
    weight = np.where(value_year >= 1.0, weight, 0.0)
    exponent = np.maximum(value_year - 1.0, 0.0)
    with np.errstate(invalid="ignore"):
        decay = np.power(1.0 - drop_off[:, None], exponent)
    return impacts[:, None] * decay * weight


def discount_factors(rate: float, years: int) -> np.ndarray:
    """1 / (1 + r)^t for t = 1 … years."""
    import numpy as np

    return 1.0 / np.power(1.0 + rate, np.arange(1, years + 1, dtype=float))


@dataclass(frozen=True)
class Calculation:
    """The deterministic result: per row impact, values per year and present value; totals."""

    impact: np.ndarray
    years: np.ndarray
    discount: np.ndarray
    present_value: np.ndarray
    total_inputs: float
    first_year: np.ndarray | None = None
    """Value of each row in the first year of its stream (impact × min(duration, 1))."""

    @property
    def total_present_value(self) -> float:
        return float(self.present_value.sum())

    def summary(self) -> dict[str, float | None]:
        first = self.impact if self.first_year is None else self.first_year
        return summarise(self.total_present_value, self.total_inputs, float(first.sum()))


def calculate(arrays: MapArrays) -> Calculation:
    """Impact, year values and present values of every row of ``arrays``."""
    import numpy as np

    impacts = impact(arrays.quantity, arrays.proxy_value, arrays.deadweight, arrays.displacement, arrays.attribution)
    years = year_values(impacts, arrays.drop_off, arrays.duration, arrays.lag)
    discount = discount_factors(arrays.rate, years.shape[1])
    present = (years * discount[None, :]).sum(axis=1) if years.size else np.zeros(arrays.size)
    first_year = impacts * np.clip(arrays.duration, 0.0, 1.0)
    return Calculation(
        impact=impacts,
        years=years,
        discount=discount,
        present_value=present,
        total_inputs=arrays.total_inputs,
        first_year=first_year,
    )


def present_values(arrays: MapArrays) -> np.ndarray:
    """PV of every row, by the closed form (fast; equal to :func:`calculate`'s)."""
    impacts = impact(arrays.quantity, arrays.proxy_value, arrays.deadweight, arrays.displacement, arrays.attribution)
    return impacts * pv_factor(arrays.drop_off, arrays.duration, arrays.lag, arrays.rate)


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

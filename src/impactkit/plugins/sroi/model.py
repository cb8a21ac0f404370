"""The ``methods.sroi`` section of a study: settings, inputs and the impact map (Value Map).

Every number of the impact map is an :class:`Estimate`: a value, optionally a range (``low``,
``high``) for the one-at-a-time sensitivity analysis and a distribution for the Monte Carlo
simulation. In YAML a plain number (or ``"25%"``) is enough::

    methods:
      sroi:
        discount_rate: 3.5%
        outcomes:
          - stakeholder: students
            outcome: confidence
            indicator: self-efficacy score up by 1 point or more
            quantity: {value: 30, low: 24, high: 36}
            duration: 3
            proxy: cost of a confidence course
            proxy_value: 1000
            proxy_source: price list of course provider X, 2024
            deadweight: {value: 25%, distribution: triangular(15%, 25%, 40%)}
            displacement: 10%
            attribution: 20%
            drop_off: 10%
"""

from __future__ import annotations

import math
from typing import Annotated, Any, ClassVar, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PrivateAttr,
    WithJsonSchema,
    model_validator,
)

from impactkit.plugin import format_number

from .parse import (
    DISTRIBUTIONS,
    MAX_AMOUNT,
    SPEC_PARAMS,
    AmbiguousNumber,
    Kind,
    SroiValueError,
    check_years,
    is_blank,
    number_text,
    parse_bool,
    parse_distribution,
    parse_drop_off_starts,
    parse_fraction,
    parse_lag,
    parse_value,
    parse_year,
    text_to_float,
    too_large,
)

NUMBER_FIELDS: tuple[str, ...] = (
    "quantity",
    "duration",
    "proxy_value",
    "deadweight",
    "displacement",
    "attribution",
    "drop_off",
    "haircut",
)
"""The numbers of an impact-map row, in the order of the Value Map (``haircut`` is impactkit's)."""

FIELD_KINDS: dict[str, Kind] = {
    "quantity": "count",
    "duration": "count",
    "proxy_value": "money",
    "deadweight": "fraction",
    "displacement": "fraction",
    "attribution": "fraction",
    "drop_off": "fraction",
    "haircut": "fraction",
}


class Distribution(BaseModel):
    """A probability distribution of one number, in the unit of that number.

    ``triangular``: ``low``, ``mode`` (default: the value), ``high``. ``uniform``: ``low``,
    ``high``. ``normal`` and ``lognormal``: ``mean`` (default: the value) and ``sd`` of the
    number itself (not of its logarithm). ``beta``: shape ``alpha`` and ``beta`` on
    ``low``–``high`` (default 0–1), or ``mean`` and ``sd`` instead of the shapes.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    type: Literal["triangular", "uniform", "normal", "lognormal", "beta"]
    low: float | None = None
    mode: float | None = None
    high: float | None = None
    mean: float | None = None
    sd: float | None = None
    alpha: float | None = None
    beta: float | None = None

    def spec(self) -> str:
        """The short form, e.g. ``triangular(0.15, 0.25, 0.4)``; reads back to an equal object."""
        names = list(SPEC_PARAMS[self.type])
        if self.type == "beta" and self.low == 0 and self.high == 1:
            names = ["alpha", "beta"]
        return f"{self.type}({', '.join(number_text(getattr(self, n)) for n in names)})"

    def center(self) -> float:
        """The value this distribution is centred on (mode, midpoint or mean)."""
        if self.type == "triangular":
            return float(self.mode)  # type: ignore[arg-type]
        if self.type == "uniform":
            return (self.low + self.high) / 2  # type: ignore[operator]
        if self.type in ("normal", "lognormal"):
            return float(self.mean)  # type: ignore[arg-type]
        a, b = self.alpha, self.beta
        return self.low + (self.high - self.low) * a / (a + b)  # type: ignore[operator]


class Estimate(BaseModel):
    """A number with, optionally, a range and a distribution."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    value: float
    low: float | None = None
    high: float | None = None
    distribution: Distribution | None = None

    @property
    def uncertain(self) -> bool:
        """Whether the Monte Carlo simulation draws this number (it has a range or a distribution)."""
        return self.distribution is not None or (
            self.low is not None and self.high is not None and self.low < self.high
        )

    def mc_distribution(self) -> Distribution | None:
        """The distribution drawn in the Monte Carlo: the given one, else triangular(low, value, high)."""
        if self.distribution is not None:
            return self.distribution
        if self.low is not None and self.high is not None and self.low < self.high:
            return Distribution(type="triangular", low=self.low, mode=self.value, high=self.high)
        return None


def _fail(en: str, nl: str) -> SroiValueError:
    return SroiValueError(en, nl)


def _figures(*values: float) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """``values`` as figures in English and in Dutch notation, for a message in both."""
    return tuple(format_number(v, "en") for v in values), tuple(format_number(v, "nl") for v in values)


def check_distribution(raw: dict[str, Any], kind: Kind, value: float | None) -> Distribution:
    """Complete and check a parsed distribution (defaults from ``value``, parameter order); an
    amount or a count beyond ``MAX_AMOUNT`` in it is refused (its draws must stay finite)."""
    kind_name = raw["type"]
    data = dict(raw)
    if kind != "fraction":
        for number in data.values():
            if isinstance(number, (int, float)) and not isinstance(number, bool) and abs(number) > MAX_AMOUNT:
                raise too_large(number)
    if kind_name == "triangular":
        data.setdefault("mode", value)
        if data.get("low") is None or data.get("high") is None or data.get("mode") is None:
            raise _fail(
                "triangular needs low, mode (or the value) and high",
                "triangular heeft low, mode (of de waarde) en high nodig",
            )
        if not data["low"] <= data["mode"] <= data["high"] or data["low"] == data["high"]:
            en, nl = _figures(data["low"], data["mode"], data["high"])
            raise _fail(
                f"triangular needs low ≤ mode ≤ high with low < high (got {', '.join(en)})",
                f"triangular vraagt low ≤ mode ≤ high met low < high (kreeg {'; '.join(nl)})",
            )
    elif kind_name == "uniform":
        if data.get("low") is None or data.get("high") is None or not data["low"] < data["high"]:
            raise _fail("uniform needs low < high", "uniform vraagt low < high")
    elif kind_name in ("normal", "lognormal"):
        data.setdefault("mean", value)
        if data.get("mean") is None or data.get("sd") is None:
            raise _fail(
                f"{kind_name} needs mean (or the value) and sd", f"{kind_name} heeft mean (of de waarde) en sd nodig"
            )
        if data["sd"] < 0:
            raise _fail(f"{kind_name}: sd must be 0 or more", f"{kind_name}: sd moet 0 of meer zijn")
        if kind_name == "lognormal" and data["mean"] <= 0:
            raise _fail(
                "lognormal needs a mean above 0 (it draws positive numbers only)",
                "lognormal heeft een gemiddelde boven 0 nodig (het trekt alleen positieve getallen)",
            )
    else:  # beta
        if kind != "fraction" and (data.get("low") is None or data.get("high") is None):
            raise _fail(
                "beta needs low and high for a number that is not a fraction",
                "beta heeft low en high nodig voor een getal dat geen fractie is",
            )
        low = data.setdefault("low", 0.0)
        high = data.setdefault("high", 1.0)
        if not low < high:
            raise _fail("beta needs low < high", "beta vraagt low < high")
        mean, sd = data.pop("mean", None), data.pop("sd", None)
        if data.get("alpha") is None and data.get("beta") is None and mean is not None and sd is not None:
            m = (mean - low) / (high - low)
            s = sd / (high - low)
            if not 0 < m < 1 or s <= 0 or s * s >= m * (1 - m):
                raise _fail(
                    "beta: this mean and sd fit no beta distribution (need sd² < mean·(1−mean) on 0–1)",
                    "beta: bij dit gemiddelde en deze sd past geen beta-verdeling (nodig: sd² < gem·(1−gem) op 0–1)",
                )
            common = m * (1 - m) / (s * s) - 1
            data["alpha"], data["beta"] = m * common, (1 - m) * common
        if data.get("alpha") is None or data.get("beta") is None:
            raise _fail("beta needs alpha and beta (or mean and sd)", "beta heeft alpha en beta (of mean en sd) nodig")
        if data["alpha"] <= 0 or data["beta"] <= 0:
            raise _fail("beta: alpha and beta must be above 0", "beta: alpha en beta moeten groter dan 0 zijn")
    return Distribution(**data)


def make_estimate(value: Any, kind: Kind) -> Estimate | None:
    """A number, a percentage, a short-form distribution or a mapping → :class:`Estimate`."""
    if isinstance(value, Estimate):
        return value
    if is_blank(value):
        return None
    if isinstance(value, str) and "(" in value:
        dist = check_distribution(parse_distribution(value, kind), kind, None)
        return _finish(dist.center(), None, None, dist)
    if not isinstance(value, dict):
        return Estimate(value=parse_value(value, kind))
    unknown = sorted(set(value) - {"value", "low", "high", "distribution"})
    broken = value.get("distribution")
    if isinstance(broken, str) and "(" in broken and ")" not in broken:
        raise _fail(
            f"the distribution '{broken}, …' was cut at its comma: inside {{…}} quote it, e.g. "
            f"distribution: '{broken}, …)'",
            f"de verdeling '{broken}, …' is bij de komma afgebroken: zet hem binnen {{…}} tussen "
            f"aanhalingstekens, bijv. distribution: '{broken}, …)'",
        )
    if unknown:
        raise _fail(
            f"unknown key '{unknown[0]}'; expected value, low, high or distribution",
            f"onbekende sleutel '{unknown[0]}'; verwacht value, low, high of distribution",
        )
    parsed: dict[str, float | None] = {}
    for key in ("value", "low", "high"):
        item = value.get(key)
        try:
            parsed[key] = None if is_blank(item) else parse_value(item, kind)
        except SroiValueError as exc:
            raise _fail(f"{key}: {exc.text.en}", f"{key}: {exc.text.nl}") from None
    dist = None
    if not is_blank(value.get("distribution")):
        dist = check_distribution(parse_distribution(value["distribution"], kind), kind, parsed["value"])
    base = parsed["value"] if parsed["value"] is not None else (dist.center() if dist else None)
    if base is None:
        if parsed["low"] is not None and parsed["high"] is not None:
            raise _fail(
                "a range needs a value too (the best estimate between low and high)",
                "een bereik heeft ook een waarde nodig (de beste schatting tussen low en high)",
            )
        raise _fail("'value' is missing", "'value' ontbreekt")
    return _finish(base, parsed["low"], parsed["high"], dist)


def _finish(value: float, low: float | None, high: float | None, dist: Distribution | None) -> Estimate:
    if (low is None) != (high is None):
        raise _fail("give both low and high, or neither", "geef zowel low als high, of geen van beide")
    if low is not None and high is not None and not low <= value <= high:
        en, nl = _figures(low, value, high)
        raise _fail(
            f"the range must hold the value: low ≤ value ≤ high (got {' ≤ '.join(en)})",
            f"het bereik moet de waarde bevatten: low ≤ waarde ≤ high (kreeg {' ≤ '.join(nl)})",
        )
    if dist is not None and dist.type in ("triangular", "uniform") and not dist.low <= value <= dist.high:  # type: ignore[operator]
        en, nl = _figures(value, dist.low, dist.high)  # type: ignore[arg-type]
        raise _fail(
            f"the value {en[0]} lies outside its {dist.type} distribution ({en[1]}–{en[2]})",
            f"de waarde {nl[0]} ligt buiten de {dist.type}-verdeling ({nl[1]}–{nl[2]})",
        )
    return Estimate(value=value, low=low, high=high, distribution=dist)


def _estimate_field(kind: Kind, description: str) -> Any:
    def validate(value: Any) -> Any:
        return make_estimate(value, kind)

    unit = {
        "fraction": 'a fraction 0–1 or a percentage such as "25%"',
        "count": "a number ≥ 0",
        "money": "an amount of money",
    }[kind]
    schema = {
        "description": f"{description} ({unit}); or a mapping with value, low, high and distribution "
        f"({', '.join(DISTRIBUTIONS)}), or a short-form distribution such as triangular(a, m, b).",
        "anyOf": [{"type": "number"}, {"type": "string"}, {"type": "object"}, {"type": "null"}],
    }
    return Annotated[Estimate | None, BeforeValidator(validate), WithJsonSchema(schema)]


def check_duration(est: Estimate | None) -> Estimate | None:
    """A duration must be above 0 years: an outcome that lasts 0 years values nothing, and a map
    that says so is more likely a mistake than a choice. A range or distribution may reach 0. No
    value, bound or distribution parameter may pass ``MAX_YEARS`` (a hundred years)."""
    if est is not None:
        dist = est.distribution
        for number in (
            est.value,
            est.low,
            est.high,
            *(getattr(dist, k, None) for k in ("low", "mode", "high", "mean")),
        ):
            if number is not None:
                check_years(number)
    if est is not None and est.value <= 0:
        raise _fail(
            "a duration of 0 years values nothing: give how many years the outcome lasts (more than 0, "
            "e.g. 0.5 for six months), or leave the row out",
            "een duur van 0 jaar waardeert niets: geef op hoeveel jaar de uitkomst duurt (meer dan 0, "
            "bijv. 0,5 voor een half jaar), of laat de rij weg",
        )
    return est


def _duration_field() -> Any:
    base = _estimate_field("count", "How many years the outcome lasts, above 0 (0.5 is half a year)")
    return Annotated[base, AfterValidator(check_duration)]


Quantity = _estimate_field("count", "How many of the stakeholder experience the outcome")
Duration = _duration_field()
ProxyValue = _estimate_field("money", "Value of the financial proxy, per unit")
Fraction = _estimate_field("fraction", "A share")
InputValue = _estimate_field("count", "Money value of the input")


def _to_bool(value: Any) -> Any:
    return False if is_blank(value) else parse_bool(value)


Flag = Annotated[bool, BeforeValidator(_to_bool)]


def _blank_or(parse: Any) -> Any:
    return lambda value: None if is_blank(value) else parse(value)


Year = Annotated[
    int | None,
    BeforeValidator(_blank_or(parse_year)),
    WithJsonSchema({"description": "A calendar year, e.g. 2024.", "anyOf": [{"type": "integer"}, {"type": "null"}]}),
]
Lag = Annotated[
    int | None,
    BeforeValidator(_blank_or(parse_lag)),
    WithJsonSchema(
        {"description": "Whole years, 0 or more.", "anyOf": [{"type": "integer", "minimum": 0}, {"type": "null"}]}
    ),
]
DropOffStarts = Literal["first_year", "second_year"]
DropOffStart = Annotated[
    DropOffStarts | None,
    BeforeValidator(_blank_or(parse_drop_off_starts)),
    WithJsonSchema(
        {
            "description": "When the drop-off starts: first_year (the first year's value is already reduced once) "
            "or second_year (the SVI convention).",
            "anyOf": [{"enum": ["first_year", "second_year"]}, {"type": "null"}],
        }
    ),
]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class _Numbers(_Strict):
    """A model whose numbers may be written as text: a text such as ``"14.229"``, a thousand or a
    decimal, is not refused here but kept aside (:attr:`ambiguous`) with its decimal reading, for
    the analysis to decide with the study's language in hand (English: the decimal it plainly is in
    YAML; Dutch: refused, naming the forms that are accepted)."""

    NUMBERS: ClassVar[tuple[str, ...]] = ()
    _ambiguous: dict[str, str] = PrivateAttr(default_factory=dict)

    @property
    def ambiguous(self) -> dict[str, str]:
        """``{key path in the model: the text as written}`` of the numbers read as decimals."""
        return dict(self._ambiguous)

    @model_validator(mode="wrap")
    @classmethod
    def _defer_ambiguous(cls, data: Any, handler: Any) -> Any:
        found: dict[str, str] = {}
        if isinstance(data, dict):
            data = dict(data)
            for name in (n for n in cls.NUMBERS if n in data):
                value = data[name]
                if isinstance(value, dict):
                    data[name] = {
                        part: _decimal_reading(item, f"{name}.{part}", found) if part != "distribution" else item
                        for part, item in value.items()
                    }
                else:
                    data[name] = _decimal_reading(value, name, found)
        model = handler(data)
        model._ambiguous = found
        return model


def _decimal_reading(value: Any, path: str, found: dict[str, str]) -> Any:
    """``value`` itself, or for a text that is ambiguous its decimal reading (noted in ``found``)."""
    if not isinstance(value, str) or "(" in value:
        return value
    text = value.strip()
    percent = text.endswith("%")
    try:
        text_to_float(text[:-1] if percent else text)
    except AmbiguousNumber as exc:
        found[path] = value
        return f"{number_text(exc.decimal)}%" if percent else exc.decimal
    except SroiValueError:
        pass
    return value


class ProxyFactor(_Numbers):
    """One factor of a proxy that is a product (hours per week × weeks × hourly wage)."""

    NUMBERS: ClassVar[tuple[str, ...]] = ("value",)

    name: str = Field(description="What the factor is, e.g. 'hours per week'.")
    value: Annotated[Estimate, BeforeValidator(lambda value: make_estimate(value, "money"))] = Field(
        description="The factor, optionally with low/high and a distribution (varied on its own in the sensitivity)."
    )
    source: str | None = Field(None, description="Where the factor comes from.")


class ValueMapRow(_Numbers):
    """One line of the impact map: a stakeholder, one outcome for them, its evidence and value."""

    NUMBERS: ClassVar[tuple[str, ...]] = NUMBER_FIELDS

    stakeholder: str = Field(description="Id, name or group of a stakeholder of the study.")
    outcome: str = Field(description="Id of an outcome of the study, or the name of a new one.")
    description: str | None = Field(None, description="What changes, in words.")
    indicator: str | None = Field(None, description="How the outcome is measured.")
    indicator_source: str | None = Field(None, description="Where the indicator data comes from.")
    quantity: Quantity = None
    duration: Duration = None
    proxy: str | None = Field(None, description="The financial proxy, in words.")
    proxy_value: ProxyValue = None
    proxy_source: str | None = Field(None, description="Where the proxy value comes from.")
    deadweight: Fraction = None
    displacement: Fraction = None
    attribution: Fraction = None
    drop_off: Fraction = None
    starts_after_activity: Flag = Field(False, description="The value stream starts one year later.")
    justification: str | None = Field(None, description="Why the duration, deductions and drop-off are what they are.")
    year: Year = Field(
        None,
        description="The calendar year the value is first realised (then starts_after_years counts from it); "
        "without it, the year after the base year.",
    )
    starts_after_years: Lag = Field(
        None, description="Years before the value starts (starts_after_activity: true is 1)."
    )
    drop_off_starts: DropOffStart = Field(None, description="first_year or second_year (default: the map's).")
    haircut: Fraction = None
    proxy_factors: list[ProxyFactor] = Field(
        default_factory=list,
        description="A proxy made of factors: its value is their product; each keeps its source and range.",
    )
    extra: dict[str, str] = Field(
        default_factory=dict,
        description=(
            "Columns of an impact-map file that impactkit does not know, kept as given (header → cell) and written "
            "back on export; not used in the calculation."
        ),
    )

    @model_validator(mode="after")
    def _lag_and_factors(self) -> "ValueMapRow":
        if self.starts_after_activity and self.starts_after_years is not None and self.starts_after_years != 1:
            raise _fail(
                f"starts_after_activity: true means 1 year, but starts_after_years is {self.starts_after_years}; "
                "give starts_after_years only",
                f"starts_after_activity: true betekent 1 jaar, maar starts_after_years is {self.starts_after_years}; "
                "geef alleen starts_after_years",
            )
        if self.proxy_factors:
            product = math.prod(f.value.value for f in self.proxy_factors)
            if abs(product) > MAX_AMOUNT:  # each factor is within range, their product need not be
                raise too_large(product)
            given = self.proxy_value
            if given is not None and (
                given.low is not None
                or given.distribution is not None
                or not math.isclose(given.value, product, rel_tol=1e-9, abs_tol=1e-12)
            ):
                raise _fail(
                    f"proxy_value ({format_number(given.value, 'en')}) is not the product of proxy_factors "
                    f"({format_number(product, 'en')}); give the factors only (their product is the proxy value, "
                    "and each factor has its own range), or make them agree",
                    f"proxy_value ({format_number(given.value, 'nl')}) is niet het product van proxy_factors "
                    f"({format_number(product, 'nl')}); geef alleen de factoren (hun product is de waarde van de "
                    "proxy en elke factor heeft een eigen bereik), of laat ze overeenkomen",
                )
            self.proxy_value = Estimate(value=product)
        return self

    @property
    def lag(self) -> int:
        """Years between the first year of the row (its ``year``, else the year after the base
        year) and its first year of value."""
        if self.starts_after_years is not None:
            return self.starts_after_years
        return 1 if self.starts_after_activity else 0

    def number(self, name: str) -> float | None:
        est = getattr(self, name)
        return None if est is None else est.value


class SroiInput(_Numbers):
    """An input counted in addition to the study's ``inputs`` (e.g. an in-kind contribution with a range)."""

    NUMBERS: ClassVar[tuple[str, ...]] = ("value",)

    name: str
    stakeholder: str = Field(description="Id, name or group of the stakeholder who provides it.")
    value: InputValue = None
    in_kind: Flag = False
    valuation: str | None = Field(None, description="How an in-kind input was valued.")
    description: str | None = None
    year: Year = Field(None, description="The calendar year the money is spent (default: the base year).")


class MonteCarloSettings(_Strict):
    enabled: bool = True
    draws: int = Field(10_000, ge=100, le=100_000_000, description="Number of draws.")
    seed: int = Field(2012, ge=0, description="Seed of the random generator; the same seed gives the same result.")
    chunk_size: int | None = Field(None, ge=1, description="Draws per chunk (default: about 1 MB per working array).")


def _rate(value: Any) -> Any:
    return make_estimate(value, "fraction")


def _schedule(value: Any) -> Any:
    """``{2023: 3.8%, 2024: "4,1%"}`` → ``{2023: 0.038, 2024: 0.041}``; each year and rate checked."""
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise _fail(
            "rates is a mapping of years to rates, e.g. {2023: 3.8%, 2024: 4.1%}",
            "rates is een lijst van jaren met tarieven, bijv. {2023: 3.8%, 2024: 4.1%}",
        )
    out: dict[int, float] = {}
    for year, rate in value.items():
        try:
            out[parse_year(year)] = parse_fraction(rate)
        except SroiValueError as exc:
            raise _fail(f"{year}: {exc.text.en}", f"{year}: {exc.text.nl}") from None
    return out


DiscountRate = Annotated[
    Estimate,
    BeforeValidator(_rate),
    WithJsonSchema(
        {
            "description": 'Discount rate per year: a fraction (0.035) or a percentage ("3.5%"), optionally with '
            "low/high or a distribution.",
            "anyOf": [{"type": "number"}, {"type": "string"}, {"type": "object"}],
        }
    ),
]


class SroiSettings(_Strict):
    """``methods.sroi``: a Social Return on Investment analysis (route 1, linear)."""

    currency: str = Field("EUR", description="Currency of all money amounts.")
    base_year: int | None = Field(
        None,
        description="Year of prices and of the inputs without a year; the value of a row without a year starts "
        "the year after it.",
    )
    valuation_year: Year = Field(
        None,
        description="The year every amount is brought to: later years discounted, earlier years compounded "
        "(default: the base year).",
    )
    discount_rate: DiscountRate = Estimate(value=0.035)
    rates: Annotated[dict[int, float], BeforeValidator(_schedule)] = Field(
        default_factory=dict,
        description="A rate per calendar year ({2023: 3.8%, 2024: 4.1%}): the rate of year t carries an amount "
        "from year t to year t + 1; other years take discount_rate.",
    )
    drop_off_starts: Annotated[DropOffStarts, BeforeValidator(parse_drop_off_starts)] = Field(
        "second_year",
        description="When drop-off starts for rows that do not say: second_year (the SVI convention) or "
        "first_year (the first year's value is already reduced once).",
    )
    default_sensitivity: float = Field(
        0.2,
        gt=0,
        le=1,
        description="± share used in the one-at-a-time sensitivity for numbers without a range (0.2 = ±20%).",
    )
    include_study_inputs: bool = Field(True, description="Count the study's inputs as the investment.")
    inputs: list[SroiInput] = Field(default_factory=list, description="Inputs counted in addition to the study's.")
    outcomes: list[ValueMapRow] = Field(default_factory=list, description="The impact map, inline.")
    impact_map: str | None = Field(None, description="CSV or XLSX file with the impact map, relative to the study.")
    monte_carlo: MonteCarloSettings = Field(default_factory=MonteCarloSettings)

    @model_validator(mode="after")
    def _years_named(self) -> "SroiSettings":
        if self.rates and self.valuation_year is None and self.base_year is None:
            raise _fail(
                "rates per year need the year they are counted from: give valuation_year (or base_year)",
                "tarieven per jaar hebben een jaar nodig om vanaf te tellen: geef valuation_year (of base_year)",
            )
        return self

    @property
    def rate(self) -> float:
        return self.discount_rate.value

    @property
    def valued_in(self) -> int | None:
        """The valuation year: ``valuation_year``, else ``base_year`` (``None``: years are relative)."""
        return self.valuation_year if self.valuation_year is not None else self.base_year


def estimate_dict(est: Estimate | None) -> Any:
    """An Estimate as plain YAML data (a number when it has no range or distribution)."""
    if est is None:
        return None
    if est.low is None and est.distribution is None:
        return _plain(est.value)
    out: dict[str, Any] = {"value": _plain(est.value)}
    if est.low is not None:
        out["low"], out["high"] = _plain(est.low), _plain(est.high)  # type: ignore[arg-type]
    if est.distribution is not None:
        out["distribution"] = est.distribution.spec()
    return out


def _plain(value: float) -> float | int:
    return int(value) if float(value).is_integer() and math.isfinite(value) and abs(value) < 1e15 else float(value)

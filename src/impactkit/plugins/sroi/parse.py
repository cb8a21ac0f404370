"""Reading the numbers of an impact map: fractions, money, counts, yes/no and distributions.

Shared by the study-section model (YAML) and the CSV/XLSX importer, so that a value means the
same wherever it is written. Every problem raises :class:`SroiValueError`, which carries the
message in English and Dutch and says what was expected.

Rules
-----
* A *fraction* (deadweight, displacement, attribution, drop-off, discount rate) is a number from
  0 to 1 (``0.25``) or a percentage (``"25%"``). A bare number above 1 is an error, never a guess.
* A *count* (quantity, duration) is a number of at least 0.
* *Money* (proxy value) is any number; a negative value is a negative outcome (a loss).
* Text numbers may use a decimal comma (``"0,25"``, ``"1.234,50"``). One to three digits, one
  separator and exactly three digits (``"1,000"``, ``"1.000"``, ``"€ 2.500"``) is ambiguous — a
  thousand or a decimal? — and refused, with either separator; ``"0.250"`` and ``"0,250"`` are
  decimals. Two or more groups (``"1.234.567"``) can only be thousands and are read as such.
  Currency signs and spaces are ignored.
* ``inf`` and ``nan`` (also YAML's ``.inf`` and ``.nan``) are not numbers here: an error, never
  an empty cell.
* Sane ranges (docs/safety.md): an amount or a count (proxy value, quantity, an input's value) is
  at most :data:`MAX_AMOUNT` (a trillion) either way, a duration at most :data:`MAX_YEARS` years;
  beyond them a figure is a typo, and refused with its place — so quantity × proxy × years stays a
  finite number and the calculation a moment's work.
* A distribution is a mapping (``{type: triangular, low: .., mode: .., high: ..}``) or the short
  form ``triangular(low, mode, high)``, ``uniform(low, high)``, ``normal(mean, sd)``,
  ``lognormal(mean, sd)``, ``beta(alpha, beta)`` or ``beta(alpha, beta, low, high)``.
"""

from __future__ import annotations

import math
import re
from typing import Any, Literal

from impactkit.plugin import TextError

from .texts import percent_text

Kind = Literal["fraction", "count", "money"]

MAX_AMOUNT = 1e12
"""The largest amount of money or count an impact map holds, either way (a trillion)."""
MAX_YEARS = 100
"""The longest duration of an outcome, in years."""

DISTRIBUTIONS: tuple[str, ...] = ("triangular", "uniform", "normal", "lognormal", "beta")
# positional order of the short form, and which parameters are in the field's own unit
SPEC_PARAMS: dict[str, tuple[str, ...]] = {
    "triangular": ("low", "mode", "high"),
    "uniform": ("low", "high"),
    "normal": ("mean", "sd"),
    "lognormal": ("mean", "sd"),
    "beta": ("alpha", "beta", "low", "high"),
}
SHAPE_PARAMS = frozenset({"alpha", "beta"})  # plain positive numbers, not in the field's unit

_TRUE = {"true", "yes", "y", "ja", "j", "1", "x", "waar", "wel"}
_FALSE = {"false", "no", "n", "nee", "0", "", "onwaar", "niet"}


class SroiValueError(TextError):
    """A value that cannot be used, with the reason in English and Dutch."""


def _show(value: Any) -> str:
    text = str(value).strip()
    return text if len(text) <= 40 else text[:37] + "..."


def is_blank(value: Any) -> bool:
    if value is None:
        return True
    return isinstance(value, str) and not value.strip()


_AMBIGUOUS = re.compile(r"[+-]?(\d{1,3})[.,]\d{3}")
"""One to three digits, a separator, exactly three digits: ``1.000`` or ``1,000``."""


class AmbiguousNumber(SroiValueError):
    """A number written with one group of three digits after a dot or a comma (``1.000``,
    ``14,229``): a thousand or a decimal? ``decimal`` is its reading as a decimal number."""

    def __init__(self, en: str, nl: str, decimal: float):
        super().__init__(en, nl)
        self.decimal = decimal


def decimal_form(value: float, comma: bool = False) -> str:
    """How to write ``value`` as a decimal number so that it is not refused as ambiguous
    (``14.2290`` for 14.229, ``2.5`` for 2.5), with a decimal comma when ``comma``."""
    text = number_text(value)
    if _AMBIGUOUS.fullmatch(text):
        text += "0"
    return text.replace(".", ",") if comma else text


def _ambiguous(text: str, raw: str) -> AmbiguousNumber:
    shown = _show(text)
    whole = raw.replace(".", "").replace(",", "").lstrip("+")  # read as thousands: 1.000 → 1000
    decimal = float(raw.replace(",", "."))  # read as a decimal: 1.000 → 1
    fraction = number_text(decimal)
    return AmbiguousNumber(
        f"'{shown}' is ambiguous: {whole} or {fraction}? Write it without a thousands separator: {whole}, or "
        f"with decimals {whole},00 or {whole}.00; if you mean {fraction}, write {decimal_form(decimal)}",
        f"'{shown}' is dubbelzinnig: {whole} of {fraction.replace('.', ',')}? Schrijf het zonder scheidingsteken "
        f"voor duizendtallen: {whole}, of met decimalen {whole},00 of {whole}.00; bedoel je "
        f"{fraction.replace('.', ',')}, schrijf dan {decimal_form(decimal, comma=True)}",
        decimal,
    )


AMOUNT = ("1250 or 1250.50", "1250 of 1250,50")
SHARE = ('0.25 or "25%"', '0,25 of "25%"')


def _not_a_number(value: Any, forms: tuple[str, str], kind: str = "") -> SroiValueError:
    """A value that is no (finite) number, naming ``forms`` that are (English, Dutch)."""
    shown = _show(value)
    if kind == "finite":
        return SroiValueError(
            f"'{shown}' is not a finite number; write a number such as {forms[0]}",
            f"'{shown}' is geen eindig getal; schrijf een getal zoals {forms[1]}",
        )
    return SroiValueError(
        f"'{shown}' is not a number; write a number such as {forms[0]}",
        f"'{shown}' is geen getal; schrijf een getal zoals {forms[1]}",
    )


def text_to_float(text: str, forms: tuple[str, str] = AMOUNT) -> float:
    """A number written as text, with a decimal point or a decimal comma."""
    raw = text.strip().replace("\u00a0", "").replace(" ", "").replace("€", "").replace("$", "").replace("£", "")
    if raw.upper().startswith("EUR"):
        raw = raw[3:]
    if not raw:
        raise SroiValueError("empty", "leeg")
    single = _AMBIGUOUS.fullmatch(raw)
    if single and single.group(1) != "0":  # 1.000, € 2.500, 1,000 (0.250 is a decimal)
        raise _ambiguous(text, raw)
    if "," in raw and "." in raw:
        if raw.rfind(",") > raw.rfind("."):  # 1.234,50
            raw = raw.replace(".", "").replace(",", ".")
        else:  # 1,234.50
            raw = raw.replace(",", "")
    elif raw.count(",") == 1:
        raw = raw.replace(",", ".")
    elif raw.count(".") > 1 and re.fullmatch(r"[+-]?\d{1,3}(\.\d{3})+", raw):  # 1.234.567
        raw = raw.replace(".", "")
    try:
        number = float(raw)
    except ValueError:
        raise _not_a_number(text, forms) from None
    if not math.isfinite(number):
        raise _not_a_number(text, forms, "finite")
    return number


def to_float(value: Any, forms: tuple[str, str] = AMOUNT) -> float:
    if isinstance(value, bool):
        raise _not_a_number(value, forms)
    if isinstance(value, (int, float)):
        try:
            number = float(value)
        except OverflowError:  # an integer such as 10**400: too large for any float
            raise too_large(value) from None
        if not math.isfinite(number):
            raise _not_a_number(value, forms, "finite")
        return number
    if isinstance(value, str):
        return text_to_float(value, forms)
    raise _not_a_number(value, forms)


def parse_fraction(value: Any) -> float:
    """``0.25``, ``"0,25"`` or ``"25%"`` → 0.25. Above 1 without a percent sign is an error."""
    percent = isinstance(value, str) and value.strip().endswith("%")
    try:
        number = to_float(value.strip()[:-1] if percent else value, SHARE)
    except AmbiguousNumber as exc:  # a share is never a thousand: say how to write the decimal
        number = exc.decimal
        if 0 <= number <= (100 if percent else 1):
            sign = "%" if percent else ""
            raise SroiValueError(
                f"'{_show(value)}' could be a thousand or {number_text(number)}{sign}; a share is not a thousand, "
                f'so write {decimal_form(number)}{sign} (or a percentage such as "25%")',
                f"'{_show(value)}' kan duizend of {number_text(number).replace('.', ',')}{sign} zijn; een aandeel is "
                f"geen duizendtal, dus schrijf {decimal_form(number, comma=True)}{sign} (of een percentage zoals "
                '"25%")',
            ) from None
    if percent:
        if not 0 <= number <= 100:
            raise SroiValueError(
                f'{_show(value)} is outside 0%–100%; expected a percentage from 0% to 100%, such as "25%"',
                f'{_show(value)} ligt buiten 0%–100%; verwacht een percentage van 0% tot en met 100%, zoals "25%"',
            )
        return number / 100.0
    if number > 1:
        raise _above_one(value, number)
    if number < 0:
        raise SroiValueError(
            f'{_show(value)} is negative; expected a fraction from 0 to 1 or a percentage such as "25%"',
            f'{_show(value)} is negatief; verwacht een fractie van 0 tot en met 1 of een percentage zoals "25%"',
        )
    return number


def _above_one(value: Any, number: float) -> SroiValueError:
    """A bare fraction above 1: say what it means as a percentage (Excel stores 140% as 1.4)."""
    shown = _show(value)
    hint_en = hint_nl = ""
    if number.is_integer() and number <= 100:  # 25 may well mean 25%
        whole = number_text(number)
        hint_en = f'; if you meant {whole} percent, write "{whole}%"'
        hint_nl = f'; bedoel je {whole} procent, schrijf dan "{whole}%"'
    return SroiValueError(
        f"{shown} is above 1: as a fraction that is {percent_text(number, 'en')}, more than 100%; a fraction must "
        f'be from 0 to 1 (e.g. 0.25) or a percentage from 0% to 100% (e.g. "25%"){hint_en}',
        f"{shown} is groter dan 1: als fractie is dat {percent_text(number, 'nl')}, meer dan 100%; een "
        f'fractie ligt tussen 0 en 1 (bijv. 0,25) of is een percentage van 0% tot 100% (bijv. "25%"){hint_nl}',
    )


def too_large(value: Any, limit: float = MAX_AMOUNT, *, years: bool = False) -> SroiValueError:
    """A number beyond its sane range (:data:`MAX_AMOUNT` either way, :data:`MAX_YEARS` years)."""
    from impactkit.plugin import format_number

    shown = number_text(value) if isinstance(value, float) and math.isfinite(value) else _show(value)
    if years:
        return SroiValueError(
            f"{shown} years is longer than impactkit reckons with: at most {format_number(limit, 'en')} years "
            "(is it a typo?)",
            f"{shown} jaar is langer dan impactkit meerekent: hoogstens {format_number(limit, 'nl')} jaar "
            "(een tikfout?)",
        )
    return SroiValueError(
        f"{shown} is beyond the range impactkit accepts here: at most {format_number(limit, 'en')} either way "
        "(is it a typo?)",
        f"{shown} valt buiten het bereik dat impactkit hier aanneemt: hoogstens {format_number(limit, 'nl')} naar "
        "boven of beneden (een tikfout?)",
    )


def _bounded(value: Any, number: float) -> float:
    if abs(number) > MAX_AMOUNT:
        raise too_large(value)
    return number


def parse_count(value: Any) -> float:
    number = to_float(value)
    if number < 0:
        raise SroiValueError(
            f"{_show(value)} is negative; expected a number of 0 or more, such as 30",
            f"{_show(value)} is negatief; verwacht een getal van 0 of meer, zoals 30",
        )
    return _bounded(value, number)


def parse_money(value: Any) -> float:
    return _bounded(value, to_float(value))


def check_years(value: float) -> None:
    """Refuse a duration beyond :data:`MAX_YEARS`."""
    if value > MAX_YEARS:
        raise too_large(value, MAX_YEARS, years=True)


PARSERS = {"fraction": parse_fraction, "count": parse_count, "money": parse_money}


def parse_value(value: Any, kind: Kind) -> float:
    return PARSERS[kind](value)


def parse_bool(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    if isinstance(value, (int, float)) and not isinstance(value, bool) and value in (0, 1):
        return bool(value)
    text = str(value).strip().casefold() if value is not None else ""
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    raise SroiValueError(
        f"'{_show(value)}' is not yes or no; expected true/false, yes/no or ja/nee",
        f"'{_show(value)}' is geen ja of nee; verwacht ja/nee, yes/no of true/false",
    )


def _whole(value: Any) -> int | None:
    """``value`` as a whole number, or ``None`` when it is not one (2024, 2024.0, "2024")."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str) and re.fullmatch(r"\s*[+-]?\d+\s*", value):
        return int(value)
    return None


def parse_year(value: Any) -> int:
    """A calendar year: a whole number from 1000 to 9999 (``2024``)."""
    year = _whole(value)
    if year is None or not 1000 <= year <= 9999:
        raise SroiValueError(
            f"'{_show(value)}' is not a calendar year; expected a year such as 2024",
            f"'{_show(value)}' is geen kalenderjaar; verwacht een jaar zoals 2024",
        )
    return year


def parse_lag(value: Any) -> int:
    """Whole years of 0 or more (``starts_after_years``)."""
    years = _whole(value)
    if years is None or years < 0:
        raise SroiValueError(
            f"'{_show(value)}' is not a whole number of years; expected 0, 1, 2 …",
            f"'{_show(value)}' is geen heel aantal jaren; verwacht 0, 1, 2 …",
        )
    check_years(years)
    return years


_DROP_OFF_STARTS = {
    "first_year": "first_year",
    "first": "first_year",
    "1": "first_year",
    "eerste_jaar": "first_year",
    "eerste": "first_year",
    "second_year": "second_year",
    "second": "second_year",
    "2": "second_year",
    "tweede_jaar": "second_year",
    "tweede": "second_year",
}


def parse_drop_off_starts(value: Any) -> str:
    """When drop-off starts: ``first_year`` or ``second_year`` (also ``first``/``second``, ``eerste
    jaar``/``tweede jaar``)."""
    key = re.sub(r"[\s-]+", "_", str(value).strip().casefold())
    if key not in _DROP_OFF_STARTS:
        raise SroiValueError(
            f"'{_show(value)}' is not when drop-off starts; expected first_year or second_year",
            f"'{_show(value)}' zegt niet wanneer de afname begint; verwacht first_year of second_year",
        )
    return _DROP_OFF_STARTS[key]


_SPEC = re.compile(r"^\s*([A-Za-z]+)\s*\((.*)\)\s*$")


def parse_distribution(value: Any, kind: Kind) -> dict[str, Any]:
    """A distribution (mapping or short form) → a dict of floats with ``type``; not yet checked."""
    if isinstance(value, str):
        match = _SPEC.match(value)
        if not match:
            raise SroiValueError(
                f"'{_show(value)}' is not a distribution; expected e.g. triangular(low, mode, high), "
                "uniform(low, high), normal(mean, sd), lognormal(mean, sd) or beta(alpha, beta)",
                f"'{_show(value)}' is geen verdeling; verwacht bijv. triangular(laag, modus, hoog), "
                "uniform(laag, hoog), normal(gemiddelde, sd), lognormal(gemiddelde, sd) of beta(alfa, beta)",
            )
        name = match.group(1).lower()
        body = match.group(2)
        parts = [p.strip() for p in body.split(";" if ";" in body else ",")] if body.strip() else []
        names = SPEC_PARAMS.get(name)
        if names is None:
            raise _unknown_type(name)
        required = 2 if name != "triangular" else 3
        if not required <= len(parts) <= len(names):
            raise SroiValueError(
                f"{name}() takes {required if len(names) == required else f'{required} or {len(names)}'} "
                f"numbers ({', '.join(names)}), got {len(parts)}",
                f"{name}() verwacht {required if len(names) == required else f'{required} of {len(names)}'} "
                f"getallen ({', '.join(names)}), kreeg er {len(parts)}",
            )
        raw: dict[str, Any] = {"type": name, **dict(zip(names, parts, strict=False))}
    elif isinstance(value, dict):
        raw = dict(value)
        name = str(raw.get("type", "")).strip().lower()
        if not name:
            raise SroiValueError(
                f"a distribution needs a 'type' ({', '.join(DISTRIBUTIONS)})",
                f"een verdeling heeft een 'type' nodig ({', '.join(DISTRIBUTIONS)})",
            )
        if name not in SPEC_PARAMS:
            raise _unknown_type(name)
        raw["type"] = name
        allowed = set(SPEC_PARAMS[name]) | {"type"}
        if name == "beta":
            allowed |= {"mean", "sd"}
        extra = sorted(set(raw) - allowed)
        if extra:
            raise SroiValueError(
                f"{name} distribution: unknown parameter '{extra[0]}'; expected {', '.join(sorted(allowed - {'type'}))}",
                f"{name}-verdeling: onbekende parameter '{extra[0]}'; verwacht {', '.join(sorted(allowed - {'type'}))}",
            )
    else:
        raise SroiValueError(f"'{_show(value)}' is not a distribution", f"'{_show(value)}' is geen verdeling")
    out: dict[str, Any] = {"type": raw["type"]}
    for key, item in raw.items():
        if key == "type" or is_blank(item):
            continue
        try:
            if key in SHAPE_PARAMS:
                out[key] = to_float(item)
            elif key == "sd":
                out[key] = parse_count(item) if kind != "fraction" else parse_fraction(item)
            else:
                out[key] = parse_value(item, kind)
        except SroiValueError as exc:
            raise SroiValueError(f"{raw['type']} {key}: {exc.text.en}", f"{raw['type']} {key}: {exc.text.nl}") from None
    return out


def _unknown_type(name: str) -> SroiValueError:
    return SroiValueError(
        f"unknown distribution '{name}'; expected one of {', '.join(DISTRIBUTIONS)}",
        f"onbekende verdeling '{name}'; verwacht een van {', '.join(DISTRIBUTIONS)}",
    )


def number_text(value: float) -> str:
    """The shortest text that reads back as exactly ``value`` (``3`` for 3.0): how a number is
    written into a file, not a figure for a reader (that is :func:`impactkit.plugin.format_number`)."""
    if float(value).is_integer() and abs(value) < 1e15:
        return str(int(value))
    return repr(float(value))

"""Numbers for people, the one formatter: numbers, money, percentages, ratios, dates, lists and
counts, written the way the reader's language writes them (`Babel <https://babel.pocoo.org>`_,
with the Unicode CLDR's patterns).

=================  ==========================  ==========================
function           Dutch (``nl``)              English (``en``)
=================  ==========================  ==========================
format_number      ``1.234,57``                ``1,234.57``
format_money       ``€ 402.299,36``            ``€402,299.36``
format_percent     ``21,7%``                   ``21.7%``
format_ratio       ``2,05 : 1``                ``2.05 : 1``
format_date        ``1 september 2025``        ``1 September 2025``
format_list        ``onderwijs, overheid en    ``education, government and
                   maatschappij``              civil society``
format_count       ``2 veranderingen``         ``2 changes``
no value           ``–``                       ``–``
=================  ==========================  ==========================

The rules, the same for every caller:

- Locales: Dutch is ``nl_NL``; English is ``en_GB`` — it writes the day before the month
  (``1 September 2025``, what a Dutch organisation's readers expect, and never ambiguous) and no
  comma before "and" in a list; its numbers and euros are written as in ``en_US``. Any language
  other than ``nl`` is English, as :meth:`impactkit.core.i18n.Text.get` has it.
- Decimals: a number gets at most two decimals and trailing zeros are dropped (``2,5``, ``12``);
  a number between -1 and 1 keeps three significant digits instead (``0,0457``), so nothing small
  becomes ``0``. ``decimals=`` asks for a fixed number of them (``1.234,50``). Money is written in
  whole units when it has no cents and with the currency's digits when it has (``€ 3.000``,
  ``€ 3.000,50``); ``decimals=`` fixes it. A percentage has one decimal (``38,0%``), a ratio two.
- Rounding is half away from zero on the number as Python writes it (``repr``): 2.675 gives
  ``2,68`` and 0.125 gives ``0,13``, as a person rounds, where ``format(2.675, '.2f')`` says
  ``2.67``. A value that rounds to zero loses its minus sign (``0``, not ``-0``).
- Negative numbers take the locale's minus (``-3,5``; ``€ -3.000`` in Dutch, ``-€3,000`` in
  English).
- Spaces are ordinary spaces (Babel writes a no-break space in ``€ 3.000``), so the text is the
  same in a terminal, a Markdown table cell and a search.
- No value: ``None`` and NaN (how pandas and numpy write a missing value) are written as
  :data:`NO_VALUE`, an en dash, in both languages: it says "no figure" without claiming why
  ("n/a" would claim the figure does not apply). An infinite number, a bool or a non-number is
  refused (``ValueError``/``TypeError``): it is a computing error, not a figure to show.

Babel is imported only inside the functions: importing this module (the CLI does, through
:mod:`impactkit.core.i18n`) costs nothing.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache
from typing import TYPE_CHECKING, Any, Literal, Protocol

if TYPE_CHECKING:  # pragma: no cover
    import datetime
    import decimal
    from typing import TypeAlias

    from babel import Locale
    from babel.numbers import NumberPattern

    Number: TypeAlias = int | float | decimal.Decimal

NO_VALUE = "–"
"""What every formatter writes for a missing value (``None`` or NaN), in both languages."""

LOCALES = {"nl": "nl_NL", "en": "en_GB"}
"""The Babel locale each language is written in (any other language is English)."""


class Localised(Protocol):
    """A word or text in several languages, such as :class:`impactkit.core.i18n.Text`."""

    def get(self, lang: str) -> str: ...


@cache
def _locale(lang: str) -> "Locale":
    from babel import Locale

    return Locale.parse(LOCALES.get(lang, LOCALES["en"]))


def _decimal(value: object) -> "decimal.Decimal | None":
    """``value`` as an exact :class:`~decimal.Decimal` (from its ``repr``, as it is written), or
    ``None`` when it is missing (``None``, NaN); infinities, bools and non-numbers are refused."""
    import decimal
    from numbers import Integral, Real

    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, (Real, decimal.Decimal)):
        raise TypeError(f"not a number: {value!r}")
    if isinstance(value, decimal.Decimal):
        exact = value
    elif isinstance(value, Integral):  # int, numpy's integers: exactly
        exact = decimal.Decimal(int(value))
    else:  # float, numpy's floats: as Python writes them, so 2.675 is 2.675
        exact = decimal.Decimal(repr(float(value)))
    if exact.is_nan():
        return None
    if exact.is_infinite():
        raise ValueError(f"an infinite number cannot be written as a figure: {value!r}")
    return exact


def _significant(exact: "decimal.Decimal") -> int:
    """The decimals that show ``exact`` sensibly: at most two, or three significant digits below 1."""
    return 2 if exact == 0 else max(2, 2 - exact.adjusted())


def _rounds_whole(exact: "decimal.Decimal", decimals: int) -> bool:
    """Whether ``exact``, rounded half away from zero to ``decimals`` decimals, is a whole number."""
    import decimal

    step = decimal.Decimal(1).scaleb(-decimals)
    with decimal.localcontext(prec=max(28, exact.adjusted() + decimals + 4)):
        rounded = exact.quantize(step, rounding=decimal.ROUND_HALF_UP)
        return rounded == rounded.to_integral_value()


def _apply(pattern: "NumberPattern", exact: "decimal.Decimal", lang: str, decimals: tuple[int, int], **kw: Any) -> str:
    """``exact`` in ``pattern`` with between ``decimals[0]`` and ``decimals[1]`` decimals,
    rounded half away from zero, without ``-0`` or no-break spaces."""
    import copy
    import decimal

    pattern = copy.copy(pattern)
    pattern.frac_prec = decimals
    scaled = exact.scaleb(pattern.scale)  # a percentage is written times 10²
    if abs(scaled) < decimal.Decimal("0.5").scaleb(-decimals[1]):
        exact = abs(exact)  # rounds to zero: no minus sign
    precision = max(28, scaled.adjusted() + decimals[1] + 4)
    with decimal.localcontext(prec=precision, rounding=decimal.ROUND_HALF_UP):
        text = pattern.apply(exact, _locale(lang), **kw)
    return text.replace("\xa0", " ").replace("\u202f", " ")


def format_number(value: Number | None, lang: str, *, decimals: int | None = None, group: bool = True) -> str:
    """``value`` as the reader's language writes numbers: ``1.234,57`` / ``1,234.57``.

    ``decimals``: exactly that many (default: at most two, three significant digits below 1).
    ``group=False`` leaves out the thousands separator (years, codes)."""
    exact = _decimal(value)
    if exact is None:
        return NO_VALUE
    places = (decimals, decimals) if decimals is not None else (0, _significant(exact))
    pattern = _locale(lang).decimal_formats[None]
    return _apply(pattern, exact, lang, places, group_separator=group)


def format_money(value: Number | None, lang: str, *, currency: str = "EUR", decimals: int | None = None) -> str:
    """``value`` as an amount of ``currency`` (ISO 4217 code) in the locale's pattern:
    ``€ 402.299,36`` / ``€402,299.36``, ``€ -3.000`` / ``-€3,000``.

    ``decimals``: exactly that many (default: none for a whole amount, else the currency's own
    number, two for the euro)."""
    exact = _decimal(value)
    if exact is None:
        return NO_VALUE
    if decimals is None:
        from babel.numbers import get_currency_precision

        digits = get_currency_precision(currency.upper())
        decimals = 0 if _rounds_whole(exact, digits) else digits
    pattern = _locale(lang).currency_formats["standard"]
    return _apply(pattern, exact, lang, (decimals, decimals), currency=currency.upper(), currency_digits=False)


def format_percent(value: Number | None, lang: str, *, decimals: int = 1) -> str:
    """The fraction ``value`` as a percentage with ``decimals`` decimals: 0.217 → ``21,7%`` /
    ``21.7%``."""
    exact = _decimal(value)
    if exact is None:
        return NO_VALUE
    pattern = _locale(lang).percent_formats[None]
    return _apply(pattern, exact, lang, (decimals, decimals))


def format_ratio(value: Number | None, lang: str, *, decimals: int = 2) -> str:
    """A ratio to one, as an SROI ratio is written: 2.05 → ``2,05 : 1`` / ``2.05 : 1``."""
    if _decimal(value) is None:
        return NO_VALUE
    return f"{format_number(value, lang, decimals=decimals)} : 1"


def format_date(value: "datetime.date | str | None", lang: str) -> str:
    """A date (or the date of a datetime, or an ISO ``YYYY-MM-DD`` text) written out in full:
    ``1 september 2025`` / ``1 September 2025``."""
    import datetime

    if value is None:
        return NO_VALUE
    if isinstance(value, str):
        value = datetime.date.fromisoformat(value.strip())
    if not isinstance(value, datetime.date):
        raise TypeError(f"not a date: {value!r}")
    from babel.dates import format_date as babel_date

    if isinstance(value, datetime.datetime):
        value = value.date()
    return babel_date(value, format="long", locale=_locale(lang))


def _word(item: str | Localised, lang: str) -> str:
    return item if isinstance(item, str) else item.get(lang)


def format_list(items: Iterable[str | Localised], lang: str, *, style: Literal["and", "or"] = "and") -> str:
    """``items`` as a list in running text: ``onderwijs, overheid en maatschappij`` /
    ``education, government and civil society`` (``style="or"``: ``a, b of c`` / ``a, b or c``).
    An item in several languages (a :class:`~impactkit.core.i18n.Text`) is written in ``lang``;
    an empty list is :data:`NO_VALUE`."""
    words = [_word(item, lang) for item in items]
    if not words:
        return NO_VALUE
    from babel.lists import format_list as babel_list

    return babel_list(words, style="standard" if style == "and" else "or", locale=_locale(lang))


def plural_form(n: Number, lang: str) -> Literal["one", "other"]:
    """The CLDR plural category of the count ``n`` in ``lang``: Dutch and English both say "one"
    only of the number written as ``1`` (``1 verandering``, but ``0``, ``2``, ``1,5`` or ``1,0``
    ``veranderingen``)."""
    return "one" if format_number(n, lang).lstrip("-") == "1" else "other"


def format_count(n: Number, one: str | Localised, other: str | Localised, lang: str) -> str:
    """The count ``n`` with its noun, singular or plural: ``1 verandering`` / ``1.234 changes``.
    ``one`` and ``other`` are the two forms, as words in ``lang`` or in both languages."""
    noun = one if plural_form(n, lang) == "one" else other
    return f"{format_number(n, lang)} {_word(noun, lang)}"

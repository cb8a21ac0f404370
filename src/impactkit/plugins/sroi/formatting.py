"""Numbers for people: money, ratios and percentages in English or Dutch notation."""

from __future__ import annotations

SYMBOLS = {"EUR": "€", "USD": "$", "GBP": "£"}


def _localise(text: str, lang: str) -> str:
    if lang != "nl":
        return text
    return text.replace(",", "\0").replace(".", ",").replace("\0", ".")


def number(value: float | None, decimals: int = 2, lang: str = "en") -> str:
    if value is None:
        return "–"
    return _localise(f"{value:,.{decimals}f}", lang)


def money(value: float | None, currency: str = "EUR", lang: str = "en", decimals: int = 0) -> str:
    if value is None:
        return "–"
    symbol = SYMBOLS.get(currency.upper())
    amount = number(abs(value), decimals, lang)
    sign = "−" if value < 0 else ""
    if symbol:
        return f"{sign}{symbol} {amount}" if lang == "nl" else f"{sign}{symbol}{amount}"
    return f"{sign}{amount} {currency}"


def ratio(value: float | None, lang: str = "en") -> str:
    if value is None:
        return "–"
    return f"{number(value, 2, lang)} : 1"


def percent(value: float | None, lang: str = "en", decimals: int = 1) -> str:
    if value is None:
        return "–"
    return f"{number(value * 100, decimals, lang)}%"


def short(value: float, lang: str = "en", spec: str = "g") -> str:
    """``format(value, spec)`` (``g``: as short as it goes) with the language's decimal sign."""
    return _localise(format(value, spec), lang)


def plain(value: float | None, lang: str = "en") -> str:
    """A number with up to 4 significant decimals, no thousands grouping surprises."""
    if value is None:
        return "–"
    if abs(value) >= 1000:
        return number(value, 0, lang)
    return _localise(f"{value:.4g}", lang)

"""The columns of an impact-map file (Value Map layout), their labels in English and Dutch, aliases."""

from __future__ import annotations

import re

from impactkit.plugin import catalog

from .model import FIELD_KINDS, NUMBER_FIELDS

# key → label; the importer accepts the key, the English and the Dutch label (any case, spaces
# or underscores, with or without a bracketed part) and the extra aliases below.
LABELS = catalog(
    [
        ("stakeholder", "Stakeholder", "Belanghebbende"),
        ("outcome", "Outcome", "Uitkomst"),
        ("description", "Description of the outcome", "Beschrijving van de uitkomst"),
        ("indicator", "Indicator", "Indicator"),
        ("indicator_source", "Indicator source", "Bron indicator"),
        ("quantity", "Quantity", "Aantal"),
        ("duration", "Duration (years)", "Duur (jaren)"),
        ("proxy", "Financial proxy", "Financiële proxy"),
        ("proxy_value", "Value of proxy", "Waarde proxy"),
        ("proxy_source", "Proxy source", "Bron proxy"),
        ("deadweight", "Deadweight", "Deadweight"),
        ("displacement", "Displacement", "Verplaatsing"),
        ("attribution", "Attribution", "Attributie"),
        ("drop_off", "Drop-off", "Afname (drop-off)"),
        ("starts_after_activity", "Starts after activity", "Start na activiteit"),
        ("justification", "Justification", "Onderbouwing"),
        ("year", "Year", "Jaar"),
        ("starts_after_years", "Starts after (years)", "Start na (jaren)"),
        ("drop_off_starts", "Drop-off starts", "Afname begint"),
        ("haircut", "Haircut", "Extra afslag"),
        ("proxy_factors", "Proxy factors", "Factoren van de proxy"),
    ]
)
TEXT_COLUMNS: tuple[str, ...] = (
    "stakeholder",
    "outcome",
    "description",
    "indicator",
    "indicator_source",
    "proxy",
    "proxy_source",
    "justification",
)
MAIN_COLUMNS: tuple[str, ...] = (
    "stakeholder",
    "outcome",
    "description",
    "indicator",
    "indicator_source",
    "quantity",
    "duration",
    "proxy",
    "proxy_value",
    "proxy_source",
    "deadweight",
    "displacement",
    "attribution",
    "drop_off",
    "starts_after_activity",
    "justification",
)
OPTIONAL_COLUMNS: tuple[str, ...] = ("year", "starts_after_years", "drop_off_starts", "haircut", "proxy_factors")
"""Columns written only when a row of the map uses them (a calendar year, a lag of more than a
year, when drop-off starts, a haircut, a proxy made of factors)."""
PARTS: tuple[str, ...] = ("low", "high", "distribution")
PART_LABELS = catalog(
    [
        ("low", "low", "laag"),
        ("high", "high", "hoog"),
        ("distribution", "distribution", "verdeling"),
    ]
)
RANGE_COLUMNS: tuple[str, ...] = tuple(f"{f}_{p}" for f in NUMBER_FIELDS for p in PARTS)
COLUMNS: tuple[str, ...] = MAIN_COLUMNS + OPTIONAL_COLUMNS + RANGE_COLUMNS
REQUIRED: tuple[str, ...] = ("stakeholder", "outcome")

# Computed columns written by the export; the importer skips them without a warning (they are
# computed again). Any other column it does not know is kept per row as ``extra``.
RESULT_LABELS = catalog(
    [
        ("impact", "Impact", "Impact"),
        ("present_value", "Present value", "Contante waarde"),
    ]
)

EXTRA_ALIASES: dict[str, tuple[str, ...]] = {
    "stakeholder": ("stakeholders", "belanghebbenden", "stakeholdergroep", "groep"),
    "outcome": ("outcomes", "uitkomsten", "effect", "verandering", "change", "outcome_id"),
    "description": ("outcome_description", "beschrijving", "omschrijving"),
    "indicator_source": ("source_indicator", "indicatorbron"),
    "quantity": ("amount", "hoeveelheid", "number"),
    "duration": ("duration_years", "duur", "duur_jaren", "looptijd"),
    "proxy": ("financiele_proxy", "proxy_description", "financial_proxy_description"),
    "proxy_value": ("value", "waarde", "proxywaarde", "value_of_financial_proxy", "waarde_van_de_proxy"),
    "proxy_source": ("source", "bron", "proxybron", "source_of_proxy"),
    "displacement": ("verdringing",),
    "attribution": ("toerekening", "toeschrijving"),
    "drop_off": ("dropoff", "drop_off", "afname", "uitdoving"),
    "starts_after_activity": ("start_na_activiteit", "starts_later", "lag"),
    "justification": ("notes", "toelichting", "opmerkingen", "verantwoording"),
    "year": ("jaar", "calendar_year", "kalenderjaar", "value_year"),
    "starts_after_years": ("lag_years", "starts_after", "vertraging", "start_na"),
    "drop_off_starts": ("drop_off_start", "afname_begint", "start_afname"),
    "haircut": ("afslag", "extra_afslag"),
    "proxy_factors": ("factors", "factoren", "proxy_factoren"),
}


def label(key: str, lang: str) -> str:
    """The label of column ``key`` in ``lang`` (range columns: '<number label> low' …)."""
    if key in LABELS:
        return LABELS[key].get(lang)
    if key in RESULT_LABELS:
        return RESULT_LABELS[key].get(lang)
    field, part = split_range(key)
    return f"{LABELS[field].get(lang)} {PART_LABELS[part].get(lang)}"


def split_range(key: str) -> tuple[str, str]:
    for part in PARTS:
        if key.endswith(f"_{part}") and key[: -len(part) - 1] in FIELD_KINDS:
            return key[: -len(part) - 1], part
    raise KeyError(key)


def normalise(header: object) -> tuple[str, ...]:
    """The forms under which a header is looked up: with and without a bracketed part."""
    text = str(header or "").strip().casefold()
    forms = []
    for variant in (re.sub(r"\([^)]*\)", " ", text), text):
        variant = variant.replace("ë", "e").replace("é", "e")
        key = re.sub(r"[^0-9a-z]+", "_", variant).strip("_")
        if key and key not in forms:
            forms.append(key)
    return tuple(forms)


def _build_lookup() -> tuple[dict[str, str], set[str]]:
    lookup: dict[str, str] = {}
    for key in COLUMNS:
        names = [key]
        names += [label(key, lang) for lang in ("en", "nl")]
        if key in EXTRA_ALIASES:
            names += list(EXTRA_ALIASES[key])
        if key in RANGE_COLUMNS:
            field, part = split_range(key)
            for alias in EXTRA_ALIASES.get(field, ()):
                for lang in ("en", "nl"):
                    names.append(f"{alias} {PART_LABELS[part].get(lang)}")
                names.append(f"{alias}_{part}")
            if part == "distribution":
                names += [f"{field}_dist", f"{field}_verdeling"]
        for name in names:
            for form in normalise(name):
                lookup.setdefault(form, key)
    ignored = {
        form for text in RESULT_LABELS.values() for lang in ("en", "nl") for form in normalise(text.get(lang))
    } | set(RESULT_LABELS)
    return lookup, ignored


LOOKUP, IGNORED = _build_lookup()


def column_key(header: object) -> str | None:
    for form in normalise(header):
        if form in LOOKUP:
            return LOOKUP[form]
    return None


def is_ignored(header: object) -> bool:
    return any(form in IGNORED for form in normalise(header))

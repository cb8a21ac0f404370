"""The five helices of the quintuple helix: the one place their ids, names and aliases live.

A stakeholder's ``helix`` (and any plugin setting that names helices) may be written as the id
(``civil_society``), its English or Dutch name, or an alias in either language, in any case:
``maatschappij``, ``Civil society``, ``bedrijven``, ``natuur`` ... It is stored as the id, and
data (metrics, the id columns of tables) keep the id; what people read shows :func:`label`, the
same name everywhere in a language.

An unknown name raises :class:`HelixError`, a ``ValueError`` carrying its message in English and
Dutch (``.text``), so the study loader reports it at its line in the user's language.
"""

from __future__ import annotations

import re
from typing import Any

from .errors import TextError
from .i18n import Text, did_you_mean
from .numbers import format_list

HELICES: tuple[str, ...] = ("education", "industry", "government", "civil_society", "environment")
"""The ids, in the order helices are listed."""

LABELS: dict[str, Text] = {
    "education": Text(en="education", nl="onderwijs"),
    "industry": Text(en="industry", nl="bedrijfsleven"),
    "government": Text(en="government", nl="overheid"),
    "civil_society": Text(en="civil society", nl="maatschappij"),
    "environment": Text(en="environment", nl="milieu"),
}
"""The one name of each helix that people read, per language."""

ALIASES: dict[str, tuple[str, ...]] = {
    "education": (
        "academia",
        "knowledge institutions",
        "knowledge institution",
        "university",
        "universities",
        "onderwijs",
        "kennis",
        "kennisinstelling",
        "kennisinstellingen",
        "onderwijsinstelling",
        "onderwijsinstellingen",
        "hogeschool",
        "universiteit",
        "wetenschap",
    ),
    "industry": (
        "business",
        "businesses",
        "companies",
        "private sector",
        "market",
        "bedrijfsleven",
        "bedrijven",
        "bedrijf",
        "ondernemers",
        "ondernemer",
        "industrie",
        "arbeidsmarkt",
        "markt",
    ),
    "government": (
        "public sector",
        "municipality",
        "overheid",
        "overheden",
        "gemeente",
        "gemeenten",
        "provincie",
        "rijk",
        "publieke sector",
    ),
    "civil_society": (
        "society",
        "citizens",
        "community",
        "maatschappij",
        "maatschappelijk middenveld",
        "middenveld",
        "samenleving",
        "burgers",
        "bewoners",
        "maatschappelijke organisaties",
    ),
    "environment": ("natural environment", "nature", "milieu", "natuur", "natuurlijke omgeving"),
}
"""More names each helix is known by, besides its id and labels (matched case-insensitively)."""


def _norm(name: str) -> str:
    return re.sub(r"[\s_\-]+", " ", name.strip().casefold())


_LOOKUP: dict[str, str] = {}
for _id in HELICES:
    for _name in (_id, LABELS[_id].en, LABELS[_id].nl, *ALIASES[_id]):
        _LOOKUP.setdefault(_norm(_name), _id)


def parse(value: object) -> str | None:
    """The id of the helix ``value`` names (id, name or alias, any case), or ``None``."""
    if not isinstance(value, str):
        return None
    return _LOOKUP.get(_norm(value))


def label(helix: str, lang: str) -> str:
    """The name people read for ``helix`` (an id) in ``lang``; an unknown id is shown as it is."""
    text = LABELS.get(helix)
    return text.get(lang) if text else helix


def names(lang: str) -> list[str]:
    """The five names in ``lang``, in order."""
    return [LABELS[h].get(lang) for h in HELICES]


def accepted_names() -> list[str]:
    """Every name :func:`parse` knows (ids, labels, aliases), lower-case, each once."""
    out = list(HELICES)
    for helix in HELICES:
        out += [n for n in (LABELS[helix].en, LABELS[helix].nl, *ALIASES[helix]) if n not in out]
    return out


class HelixError(TextError):
    """A name that is not a helix; ``text`` holds the message in both languages."""

    def __init__(self, value: object):
        word = _norm(value) if isinstance(value, str) else ""
        hint = did_you_mean(
            word,
            _LOOKUP,
            cutoff=0.75,  # named in each language's own words
            shown=lambda name: Text(en=_LOOKUP[name], nl=label(_LOOKUP[name], "nl")),
        )
        hint = hint or Text(en="", nl="")
        ids_en, ids_nl = (format_list(HELICES, lang, style="or") for lang in ("en", "nl"))
        super().__init__(
            en=f"'{value}' is not a helix; use {ids_en} (or a Dutch name: {format_list(names('nl'), 'en', style='or')})"
            f"{hint.en}",
            nl=f"'{value}' is geen helix; gebruik {format_list(names('nl'), 'nl', style='or')} (of {ids_nl}){hint.nl}",
        )


def validate(value: Any) -> Any:
    """A pydantic ``BeforeValidator``: a helix name → its id; ``None`` stays ``None``."""
    if value is None:
        return None
    helix = parse(value)
    if helix is None:
        raise HelixError(value)
    return helix


def json_schema() -> dict[str, Any]:
    """The JSON Schema of a helix name: the ids and every alias (as written and capitalised)."""
    spelled = accepted_names()
    spelled += [n[:1].upper() + n[1:] for n in spelled if n[:1].upper() + n[1:] not in spelled]
    return {
        "type": "string",
        "enum": spelled,
        "description": "A helix: education, industry, government, civil_society or environment, or a name in "
        "English or Dutch (onderwijs, bedrijfsleven, overheid, maatschappij, milieu, ...); "
        "case does not matter.",
    }

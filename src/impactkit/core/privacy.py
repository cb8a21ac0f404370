"""What a study's outputs may show of the people in it.

Every analysis, check, table, figure, report, ``result.json`` and suggestions file is made from
the study as :func:`shown` gives it (the pipeline's ``context_for`` builds every
:class:`~impactkit.core.context.Context` on it), so no output can hold what this module takes out:

* **Names.** Unless the study says ``privacy: {show_names: true}``, a person or respondent written
  as a name is shown as a pseudonym. A value written as a code — no spaces, no ``@``, at least one
  digit (``R001``, ``ST01``, ``17``, ``R_3kXyZ9``) — is a pseudonym already and kept. A change
  with a respondent code is shown under that code; any other name gets ``R001``, ``R002``, … in
  order of first appearance (one per person, compared without case and repeated spaces; never a
  code the study already uses). A name is also replaced where it appears as a whole word in the
  change, quote or theme, and columns holding personal data (name, e-mail, phone, address, IP)
  are left out of the outputs.
* **Quotes.** When the study records consent (any change has ``consent``), a change's quote is
  shown only when its consent is an explicit yes; the others are withheld and counted
  (:attr:`Shown.quotes_withheld`). A study that records no consent shows its quotes, and the
  core plugin says so (a warning and a sentence in the report).

People are counted as before: the pseudonyms are one per person (respondent), so every figure is
the same with or without ``show_names``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .model import CONSENT_NO, CONSENT_YES, parse_consent

if TYPE_CHECKING:  # pragma: no cover - typing only
    from .model import Change, Study

__all__ = [
    "CONSENT_NO",
    "CONSENT_YES",
    "PERSONAL_COLUMNS",
    "Shown",
    "consent_recorded",
    "is_code",
    "parse_consent",
    "quote_allowed",
    "shown",
]

_CODE = re.compile(r"^(?=[^\s@]*\d)[^\s@]{1,40}$")
PREFIX = "R"
"""Pseudonyms are ``R001``, ``R002``, … (R for respondent; more digits past 999)."""

PERSONAL_COLUMNS = frozenset(
    {
        "name",
        "naam",
        "full_name",
        "volledige_naam",
        "first_name",
        "voornaam",
        "last_name",
        "surname",
        "achternaam",
        "e_mail",
        "email",
        "e_mailadres",
        "emailadres",
        "email_address",
        "mail",
        "phone",
        "telephone",
        "telefoon",
        "telefoonnummer",
        "mobiel",
        "address",
        "adres",
        "ip",
        "ip_address",
        "ipadres",
        "ip_adres",
        "ipaddress",
        "tussenvoegsel",
        "e_mail_address",
        "phone_number",
        "phonenumber",
        "postcode",
        "zip_code",
        "geboortedatum",
        "date_of_birth",
        "birth_date",
        "recipientlastname",
        "recipientfirstname",
        "recipientemail",
        "recipient_last_name",
        "recipient_first_name",
        "recipient_email",
        "locationlatitude",
        "locationlongitude",
    }
)
"""Unknown columns (by normalised header) that hold personal data: never shown in an output."""


PSEUDONYM_KEY = Path(".impactkit") / "pseudonyms.csv"
"""Where a study keeps the key of the pseudonyms ``import changes`` gave (``pseudonym,name``):
personal data, never an output. Its names are taken out of every output's texts too."""


def read_pseudonym_key(directory: Path) -> dict[str, tuple[str, str]]:
    """The study's key of pseudonyms: name as compared (:func:`_key`) → (pseudonym, name as first
    written); empty when the study has none."""
    import csv
    import io

    path = directory / PSEUDONYM_KEY
    if not path.is_file():
        return {}
    out: dict[str, tuple[str, str]] = {}
    for record in csv.DictReader(io.StringIO(path.read_text(encoding="utf-8-sig"), newline="")):
        pseudonym, name = (record.get("pseudonym") or "").strip(), record.get("name") or ""
        if pseudonym and name.strip():
            out.setdefault(_key(name), (pseudonym, name))
    return out


def _header(name: str) -> str:
    """A column header as compared with :data:`PERSONAL_COLUMNS` (``E-mail`` → ``e_mail``)."""
    return "_".join(re.sub(r"[^0-9a-z]+", " ", name.casefold()).split())


def is_code(value: str | None) -> bool:
    """Whether ``value`` is written as a code (a pseudonym already), not a name: no spaces, no
    ``@``, at least one digit, at most 40 characters (``R001``, ``ST01``, ``17``)."""
    return bool(value) and bool(_CODE.match(str(value).strip()))


def consent_recorded(changes: Iterable["Change"]) -> bool:
    """Whether the study records consent: any change has a ``consent`` (yes or no)."""
    return any(change.consent is not None for change in changes)


def quote_allowed(change: "Change", recorded: bool) -> bool:
    """Whether the change's quote may be shown: always when the study records no consent
    (``recorded`` false), else only with an explicit yes."""
    return change.consent is True or not recorded


def _key(text: str) -> str:
    return " ".join(str(text).split()).casefold()


@dataclass(frozen=True)
class Shown:
    """What :func:`shown` did to a study (exposed as ``Context.privacy``)."""

    show_names: bool = False
    """The study opted in: ``privacy: {show_names: true}``."""
    consent_recorded: bool = False
    """Some change records consent, so quotes need an explicit yes."""
    quotes: int = 0
    """Changes with a quote (rows that share an ``id`` and a person count once)."""
    quotes_withheld: int = 0
    """Of those, the changes whose quote is not shown (no explicit yes)."""
    pseudonyms: int = 0
    """People shown under a pseudonym instead of the name the study holds."""
    columns_left_out: tuple[str, ...] = ()
    """Unknown columns with personal data (name, e-mail, ...) left out of every output."""


def _change_key(change: "Change", index: int) -> tuple[str, ...]:
    """Which change a row is a coding of (rows sharing an id and a person are one change)."""
    if change.id and str(change.id).strip():
        return ("id", str(change.id).strip(), _key(change.who))
    return ("row", str(index))


def _pseudonyms(changes: Sequence["Change"]) -> tuple[dict[str, str], dict[str, str]]:
    """``(person, respondent)``: the pseudonym of each name (by :func:`_key`), in order of first
    appearance; codes the study already uses are never handed out."""
    taken = {
        _key(value) for change in changes for value in (change.person, change.respondent) if value and is_code(value)
    }
    counter = 0
    width = max(3, len(str(len(changes))))

    def fresh() -> str:
        nonlocal counter
        while True:
            counter += 1
            candidate = f"{PREFIX}{counter:0{width}d}"
            if _key(candidate) not in taken:
                taken.add(_key(candidate))
                return candidate

    people: dict[str, str] = {}
    respondents: dict[str, str] = {}
    for change in changes:
        if change.respondent and not is_code(change.respondent):
            key = _key(change.respondent)
            if key not in respondents:
                respondents[key] = fresh()
        elif not change.respondent and change.person and not is_code(change.person):
            key = _key(change.person)
            if key not in people:
                people[key] = fresh()
    return people, respondents


def _replacer(names: dict[str, str]) -> Any:
    """A function replacing each name (a key of ``names``, any case) where it stands as a whole
    word in a text by its pseudonym; ``None`` when there is nothing to replace."""
    words = sorted((n for n in names if len(n) >= 3), key=len, reverse=True)
    if not words:
        return None
    pattern = re.compile(
        r"(?<!\w)(" + "|".join(r"\s+".join(map(re.escape, w.split())) for w in words) + r")(?!\w)", re.IGNORECASE
    )

    def replace(text: str | None) -> str | None:
        if not text:
            return text
        return pattern.sub(lambda m: names.get(_key(m.group(0)), m.group(0)), text)

    return replace


def shown(study: "Study") -> tuple["Study", Shown]:
    """The study as its outputs may show it, and what was changed (see the module's docstring).

    The study itself is not touched: a copy is returned (the same object when there is nothing to
    hide), with the same file, positions and sections, so every location still points at the file.
    """
    changes = study.change_list
    names = bool(study.privacy and study.privacy.show_names)
    recorded = consent_recorded(changes)
    with_quote: set[tuple[str, ...]] = set()
    withheld: set[tuple[str, ...]] = set()
    for index, change in enumerate(changes):
        if change.quote and change.quote.strip():
            with_quote.add(_change_key(change, index))
            if not quote_allowed(change, recorded):
                withheld.add(_change_key(change, index))
    people, respondents = ({}, {}) if names else _pseudonyms(changes)
    personal = (
        ()
        if names
        else tuple(
            sorted({column for change in changes for column in change.extra if _header(column) in PERSONAL_COLUMNS})
        )
    )

    def alias(change: "Change") -> str:
        """The person as shown: the respondent's code or pseudonym, else the person's pseudonym."""
        if change.respondent:
            return respondents.get(_key(change.respondent), change.respondent.strip())
        return people.get(_key(change.person), change.person)

    renamed: set[str] = set()
    hidden: dict[str, str] = {}  # every name the study holds → its pseudonym, replaced in texts too
    if not names:
        for change in changes:
            shown_as = alias(change)
            for value in (change.person, change.respondent):
                if value and value.strip() and not is_code(value):
                    hidden.setdefault(_key(value), shown_as)
                    renamed.add(shown_as)
            for value in (change.extra.get(column, "") for column in personal):
                if value.strip() and not is_code(value):
                    hidden.setdefault(_key(value), shown_as)
        # names an import replaced by pseudonyms may still stand in a change's or a quote's text
        for key, (pseudonym, _name) in read_pseudonym_key(study.directory).items():
            hidden.setdefault(key, pseudonym)
    report = Shown(
        show_names=names,
        consent_recorded=recorded,
        quotes=len(with_quote),
        quotes_withheld=len(withheld),
        pseudonyms=len(renamed),
        columns_left_out=personal,
    )

    if not (withheld or hidden or personal):
        return study, report
    replace = _replacer(hidden)

    out = []
    for index, change in enumerate(changes):
        update: dict[str, Any] = {}
        if _change_key(change, index) in withheld or not quote_allowed(change, recorded):
            update["quote"] = None
        elif change.quote and replace:
            update["quote"] = replace(change.quote)
        if not names:
            if change.respondent and not is_code(change.respondent):
                update["respondent"] = alias(change)
            if not is_code(change.person):
                update["person"] = alias(change)
            if replace:
                update["change"] = replace(change.change)
                if change.theme:
                    update["theme"] = replace(change.theme)
            if personal or replace:
                kept = {k: (replace(v) if replace else v) for k, v in change.extra.items() if k not in personal}
                update["extra"] = type(change.extra)(kept)  # the same mapping type the loader made
        out.append(change.model_copy(update=update) if update else change)
    return study.model_copy(update={"changes": out}), report

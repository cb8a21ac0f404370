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
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .model import CONSENT_NO, CONSENT_YES, change_frame_columns, each_value, parse_consent

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


def _texts(values: Any) -> Any:
    """A column of text as the table holds it: Python strings, ``None`` when missing (not converted
    to another string type)."""
    import pandas as pd

    column = pd.Series(values, dtype=object)
    return column.where(column.notna(), None)


def _given(column: Any) -> Any:
    """Whether each value of a column of text is given (not missing, not empty)."""
    return (column.notna() & (column != "")).to_numpy(dtype=bool)


def _text(value: Any) -> str:
    return value if isinstance(value, str) else ""


class _People:
    """A column of people (``person`` or ``respondent``) worked out once per distinct value: for
    every row, whether it is given, written as a code (:func:`is_code`) or as a name, its text
    stripped and its :func:`_key`. Each is an array with a value per row."""

    def __init__(self, values: Any):
        import numpy as np
        import pandas as pd

        codes, uniques = pd.factorize(pd.Series(values, dtype=object))  # a missing value is -1
        distinct = [*np.asarray(uniques, dtype=object), None]  # the last one: missing
        self._at = np.where(codes < 0, len(distinct) - 1, codes)
        texts = [_text(v) for v in distinct]
        code = [bool(v) and is_code(v) for v in distinct]
        self._given = np.array([bool(t) for t in texts], dtype=bool)
        self._code = np.array(code, dtype=bool)
        self._named = np.array([bool(t.strip()) and not c for t, c in zip(texts, code)], dtype=bool)
        self._stripped = np.array([t.strip() for t in texts] or [""], dtype=object)
        self._key = np.array([_key(t) for t in texts] or [""], dtype=object)

    @property
    def given(self) -> Any:
        """Not missing and not empty."""
        return self._given[self._at]

    @property
    def code(self) -> Any:
        """Written as a code (a pseudonym already)."""
        return self._code[self._at]

    @property
    def named(self) -> Any:
        """Written as a name: not blank and not a code."""
        return self._named[self._at]

    @property
    def stripped(self) -> Any:
        """The text without spaces around it (``""`` when missing)."""
        return self._stripped[self._at]

    @property
    def key(self) -> Any:
        """The text as names are compared (:func:`_key`; ``""`` when missing)."""
        return self._key[self._at]


def shown(study: "Study") -> tuple["Study", Shown]:
    """The study as its outputs may show it, and what was changed (see the module's docstring).

    The study itself is not touched: a copy is returned (the same object when there is nothing to
    hide), with the same file, positions and sections, so every location still points at the file.
    The changes are worked on as one table (:attr:`Study.change_frame`'s rows, as read): each rule
    is worked out once per distinct value of a column.
    """
    import numpy as np
    import pandas as pd

    frame = study._raw_frame()
    count = len(frame)
    names = bool(study.privacy and study.privacy.show_names)
    consent = frame["consent"].to_numpy(dtype=object)
    yes = np.array([value is True for value in consent], dtype=bool)
    recorded = bool(count) and bool(pd.notna(frame["consent"]).any())
    quote = frame["quote"].to_numpy(dtype=object)
    has_quote = _given(frame["quote"])  # a change's text is stripped (a file's cells, a study's values)
    person = frame["person"].to_numpy(dtype=object)
    respondent = frame["respondent"].to_numpy(dtype=object)
    people, respondents = _People(person), _People(respondent)  # each distinct value worked out once
    answered = respondents.given
    allowed = yes | (not recorded)
    # which change a row is a coding of (rows sharing an id and a person are one change): needed
    # only where a quote is given (to count the quotes and withhold a change's quote from all its rows)
    given = np.flatnonzero(pd.notna(frame["quote"]).to_numpy())
    who = np.where(answered[given], respondents.key[given], people.key[given])
    ids = each_value(frame["id"].to_numpy(dtype=object)[given], lambda v: str(v).strip() if v is not None else "")
    keys = pd.Series(
        np.where(
            ids != "",
            "id\0" + pd.Series(ids, dtype=object) + "\0" + pd.Series(who, dtype=object),
            "row\0" + pd.Series(given.astype(str), dtype=object),
        ),
        dtype=object,
    )
    with_quote = set(keys[has_quote[given]])
    withheld = set(keys[(has_quote & ~allowed)[given]])
    hide_quote = ~allowed
    hide_quote[given] |= keys.isin(withheld).to_numpy()

    labels = frame.attrs.get("extra_columns") or {}
    known = set(change_frame_columns(frame.attrs.get("code_columns", ())))
    extras = {label: labels.get(label, label) for label in frame.columns if label not in known}
    personal_labels = (
        []
        if names
        else [
            label
            for label, name in extras.items()
            if _header(name) in PERSONAL_COLUMNS and bool(pd.notna(frame[label]).any())
        ]
    )
    personal = tuple(sorted(extras[label] for label in personal_labels))

    person_code, respondent_code = people.code, respondents.code
    renamed: set[str] = set()
    hidden: dict[str, str] = {}  # every name the study holds → its pseudonym, replaced in texts too
    if not names:
        shown_as = _aliases(person, people, respondents, count)
        candidates = []  # (row, place, name as compared, its pseudonym): the first of each name counts
        personal_columns = [_People(frame[label].to_numpy(dtype=object)) for label in personal_labels]
        for place, column in enumerate([people, respondents, *personal_columns]):
            rows = np.flatnonzero(column.named)
            candidates.append(
                pd.DataFrame({"row": rows, "place": place, "key": column.key[rows], "as": shown_as[rows]})
            )
            if place < 2:  # the person and respondent columns: who is shown under a pseudonym
                renamed.update(shown_as[rows])
        found = pd.concat(candidates, ignore_index=True).sort_values(["row", "place"], kind="stable")
        found = found.drop_duplicates("key")
        hidden = dict(zip(found["key"], found["as"]))
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

    out = frame.drop(columns=personal_labels)
    quotes = each_value(quote, replace) if replace else quote.copy()
    quotes[hide_quote] = None
    out["quote"] = _texts(quotes)
    if not names:
        out["respondent"] = _texts(np.where(answered & ~respondent_code, shown_as, respondent))
        out["person"] = _texts(np.where(~person_code, shown_as, person))
        if replace:
            out["change"] = _texts(each_value(frame["change"].to_numpy(dtype=object), replace))
            out["theme"] = _texts(each_value(frame["theme"].to_numpy(dtype=object), lambda t: replace(t) if t else t))
            for label in extras:
                if label not in personal_labels:
                    values = frame[label].to_numpy(dtype=object)
                    out[label] = _texts(each_value(values, lambda v: replace(v) if isinstance(v, str) else v))
    out.attrs = {**frame.attrs, "extra_columns": {k: v for k, v in labels.items() if k not in personal_labels}}
    return study._with_frame(out), report


def _aliases(person: Any, people: _People, respondents: _People, count: int) -> Any:
    """The person of every row as shown: the respondent's code or pseudonym, else the person's
    pseudonym (or code). Pseudonyms are ``R001``, ``R002``, … in order of first appearance, one per
    name (by :func:`_key`), never a code the study already uses. ``person`` is the column as
    written, ``people`` and ``respondents`` the person and respondent columns worked out."""
    import numpy as np
    import pandas as pd

    answered, person_code, respondent_code = respondents.given, people.code, respondents.code
    is_respondent = answered & ~respondent_code
    is_person = ~answered & ~person_code & people.given
    out = np.where(answered, respondents.stripped, person)
    if not (is_respondent.any() or is_person.any()):
        return out  # every person is written as a code: nothing to hand out
    taken = set(people.key[person_code]) | set(respondents.key[respondent_code])
    width = max(3, len(str(count)))
    labels = np.full(count, None, dtype=object)
    labels[is_respondent] = "r\0" + pd.Series(respondents.key[is_respondent], dtype=object)
    labels[is_person] = "p\0" + pd.Series(people.key[is_person], dtype=object)
    counter = 0
    pseudonym: dict[str, str] = {}
    for label in pd.unique(labels[is_respondent | is_person]):
        while True:
            counter += 1
            candidate = f"{PREFIX}{counter:0{width}d}"
            if _key(candidate) not in taken:
                taken.add(_key(candidate))
                pseudonym[label] = candidate
                break
    named = is_respondent | is_person
    out[named] = [pseudonym[label] for label in labels[named]]
    return out

"""Which column of a table holds which field of a change, and what its values mean.

A changes file written to impactkit's own column names needs nothing of this: ``person``,
``Persoon`` and ``intro/persoon`` are found by their names (:data:`ALIASES`, in any case, a group
prefix such as ``intro/`` or ``groep.`` left aside). A survey export names its columns after its
questions (``Wat is er voor jou veranderd?``); the study then says which column holds which field
and what a value means (``changes: {columns: {...}, values: {...}}``, the
:class:`~impactkit.core.model.ChangesSource`), and ``impactkit import changes`` writes that for
the user from its ``--map``/``--map-value`` flags.

When a field the study needs has no column, :func:`propose` finds the column that fits it best,
by its header (Dutch and English words for the field, and close spellings) and by its values
(the study's stakeholders for ``stakeholder``, numbers 1-5 for ``importance``, the longest free
text for ``change``, a unique short code in every row for ``respondent``, yes/no for
``consent``); the message names it with the exact flag (or study-file lines) that accepts it.
A value that is not one of the study's stakeholders is told once, with its number of rows and
the stakeholder it most likely means (:func:`unknown_values`).

:func:`left_out` tells the columns an import does not copy into the study: personal data the
study does not use (e-mail, names other than the person's, phone, address) and the administration
of survey tools (start and end times, IP address, progress, device).
"""

from __future__ import annotations

import difflib
import re
import shlex
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal

from .contributions import Location
from .errors import Problem
from .i18n import Text, catalog, fill, listed
from .model import ChangesSource, column_key
from .numbers import format_number

if TYPE_CHECKING:  # pragma: no cover
    from .model import Study

ALIASES: dict[str, tuple[str, ...]] = {
    "id": ("id", "change_id", "verandering_id"),
    "person": ("person", "persoon", "deelnemer", "participant", "naam", "name", "volledige_naam", "full_name"),
    "respondent": (
        "respondent",
        "respondent_id",
        "respondentnummer",
        "response_id",
        "responseid",
        "responsnummer",
        "_uuid",
    ),
    "role": ("role", "rol", "functie"),
    "stakeholder": ("stakeholder", "stakeholdergroep", "stakeholder_group", "groep", "group", "belanghebbende"),
    "change": ("change", "verandering", "ervaren_verandering", "experienced_change"),
    "theme": ("theme", "thema", "cluster"),
    "quote": ("quote", "citaat", "quotation"),
    "consent": ("consent", "toestemming", "quote_consent", "consent_quote", "toestemming_citaat"),
    "importance": ("importance", "belang", "gewicht", "weight", "score"),
    "coder": ("coder", "codeur", "beoordelaar", "rater"),
    "wave": ("wave", "meting", "ronde", "golf", "meetmoment"),
    "outcome": ("outcome", "effect", "uitkomst"),
}
"""The core's fields and the headers they are read from (compared as :func:`column_key` makes them)."""

REQUIRED = ("person", "stakeholder", "change")
"""Columns a changes file must have; ``person`` may be left out when there is a ``respondent`` column."""

LOOKUP = {alias: name for name, aliases in ALIASES.items() for alias in aliases}
"""Normalised header → the core field it holds."""

WORDS: dict[str, tuple[str, ...]] = {
    "person": ("naam", "name", "deelnemer", "participant", "persoon", "person", "wie", "who"),
    "respondent": ("respondent", "response", "responsnummer", "antwoordnummer", "uuid", "nummer", "number"),
    "role": ("rol", "role", "functie", "function", "positie", "position", "beroep", "job"),
    "stakeholder": (
        "stakeholder",
        "groep",
        "group",
        "doelgroep",
        "belanghebbende",
        "categorie",
        "category",
        "doe mee als",
        "neem deel als",
        "deelnemer als",
        "ik ben",
        "take part as",
        "participate as",
        "i am",
    ),
    "change": ("verander", "change", "ervaring", "experience", "wat is er", "what has"),
    "quote": ("citaat", "quote", "quotation", "uitspraak", "letterlijk", "eigen woorden", "own words"),
    "consent": ("toestemming", "consent", "akkoord", "agree", "permission", "gebruiken"),
    "importance": ("belang", "important", "gewicht", "weight", "score", "waardering", "rating"),
    "theme": ("thema", "theme", "onderwerp", "topic"),
    "wave": ("meting", "ronde", "wave", "meetmoment"),
    "outcome": ("effect", "uitkomst", "outcome"),
}
"""Words a question about a field often holds (``Hoe belangrijk (1-5)`` → ``importance``): a
header holding one (or a word starting with it) is proposed, never taken without asking."""

_PREFIX = re.compile(r"\s*[A-Za-z_][\w-]*\s*[/.]")


def last_part(header: str) -> str:
    """A header without its group prefixes: ``intro/persoon`` and ``groep.vraag`` are ``persoon``
    and ``vraag`` (a prefix is one word, so ``Bijv. meer`` keeps its words)."""
    rest = header
    while (found := _PREFIX.match(rest)) and rest[found.end() :].strip():
        rest = rest[found.end() :]
    return rest.strip()


def header_keys(names: Iterable[str]) -> list[str]:
    """The keys a column is looked up by: each of its header texts as :func:`column_key` makes it,
    and without its group prefixes."""
    keys: list[str] = []
    for name in names:
        for key in (column_key(name), column_key(last_part(name))):
            if key and key not in keys:
                keys.append(key)
    return keys


# -- survey tools --------------------------------------------------------------------------------

TOOLS: dict[str, tuple[frozenset[str], ...]] = {
    "forms": (frozenset({"begintijd", "start_time"}), frozenset({"tijd_van_voltooien", "completion_time"})),
    "limesurvey": (frozenset({"submitdate", "date_submitted"}), frozenset({"lastpage", "last_page", "startlanguage"})),
    "qualtrics": (frozenset({"responseid", "response_id"}), frozenset({"startdate", "recordeddate"})),
    "kobo": (frozenset({"_uuid", "_submission_time"}), frozenset({"_index", "_id", "_validation_status"})),
}
"""A survey tool, known by its own columns (one of each set)."""

TOOL_FIELDS: dict[str, dict[str, str]] = {"forms": {"id": "respondent"}, "limesurvey": {"id": "respondent"}}
"""Headers a tool gives a meaning of its own: Microsoft Forms' and LimeSurvey's ``Id`` is the
response's number, so the respondent, not a change id."""


def tool_of(keys: Iterable[str]) -> str | None:
    """The survey tool whose own columns are among ``keys`` (normalised headers), if any."""
    present = set(keys)
    for tool, signs in TOOLS.items():
        if all(present & sign for sign in signs):
            return tool
    return None


ADMIN = frozenset(
    {
        # personal data a study does not need (a name is the person's only when it is mapped so)
        "naam",
        "name",
        "voornaam",
        "achternaam",
        "tussenvoegsel",
        "volledige_naam",
        "full_name",
        "first_name",
        "last_name",
        "e_mail",
        "email",
        "e_mailadres",
        "emailadres",
        "email_address",
        "e_mail_address",
        "telefoon",
        "telefoonnummer",
        "phone",
        "phone_number",
        "phonenumber",
        "adres",
        "address",
        "postcode",
        "zip_code",
        "geboortedatum",
        "date_of_birth",
        "birth_date",
        "ip",
        "ip_adres",
        "ip_address",
        "ipaddress",
        "ipaddr",
        # Microsoft Forms, Google Forms
        "begintijd",
        "tijd_van_voltooien",
        "tijd_van_laatste_wijziging",
        "start_time",
        "completion_time",
        "last_modified_time",
        "tijdstempel",
        "timestamp",
        # Qualtrics
        "startdate",
        "enddate",
        "start_date",
        "end_date",
        "status",
        "response_type",
        "progress",
        "duration_(in_seconds)",
        "finished",
        "recordeddate",
        "recorded_date",
        "recipientlastname",
        "recipientfirstname",
        "recipientemail",
        "recipient_last_name",
        "recipient_first_name",
        "recipient_email",
        "externalreference",
        "external_data_reference",
        "locationlatitude",
        "locationlongitude",
        "location_latitude",
        "location_longitude",
        "distributionchannel",
        "distribution_channel",
        "userlanguage",
        "user_language",
        "q_recaptchascore",
        "q_relevantidduplicate",
        "q_relevantidduplicatescore",
        "q_relevantidfraudscore",
        "q_relevantidlaststartdate",
        "q_ballotboxstuffing",
        # KoboToolbox
        "start",
        "end",
        "today",
        "deviceid",
        "subscriberid",
        "simserial",
        "username",
        "audit",
        "instanceid",
        "_id",
        "_index",
        "_submission_time",
        "_validation_status",
        "_notes",
        "_status",
        "_submitted_by",
        "__version__",
        "_version_",
        "_tags",
        "_attachments",
        "_geolocation",
        "_parent_index",
        "_parent_table_name",
        # LimeSurvey
        "submitdate",
        "date_submitted",
        "lastpage",
        "last_page",
        "startlanguage",
        "start_language",
        "seed",
        "datestamp",
        "date_last_action",
        "date_started",
        "refurl",
        "referrer_url",
        "token",
        "interviewtime",
        "total_time",
    }
)
"""Headers (as :func:`column_key` makes them, group prefixes left aside) of columns an import
leaves out unless they are mapped to a field or kept with ``--keep``."""


def is_left_out(names: Sequence[str], keep: Iterable[str] = ()) -> bool:
    """Whether an unmapped column with these header texts is personal data the study does not use
    or survey administration (:data:`ADMIN`), and not one of ``keep`` (headers)."""
    kept = {column_key(k) for k in keep}
    keys = header_keys(names)
    return not kept & set(keys) and any(key in ADMIN for key in keys)


def left_out(header_names: Mapping[str, Sequence[str]], used: Iterable[str], keep: Iterable[str] = ()) -> list[str]:
    """The columns (by name) of ``header_names`` an import does not copy: not ``used`` and
    :func:`is_left_out`."""
    taken = set(used)
    return [name for name, names in header_names.items() if name not in taken and is_left_out(names, keep)]


# -- which column holds which field ----------------------------------------------------------------

_NUMBERED = re.compile(r"^(.*?)[\s_.:#-]*\(?(\d+)\)?$")


def numbered(header: str) -> tuple[str, int] | None:
    """``Verandering 2`` → ``("Verandering", 2)`` (also ``verandering_2``, ``Citaat (2)``,
    ``vragen/verandering_2``); ``None`` for a header without a number at its end."""
    found = _NUMBERED.match(last_part(header))
    if not found or not found.group(1).strip():
        return None
    return found.group(1).strip(), int(found.group(2))


@dataclass
class Layout:
    """Which column holds each field of a change, and what the study says its values mean.

    ``fields``: field (a core field or a declared column) → the column holding it (its name in the
    frame); ``wide``: field → ``{n: column}`` for the numbered columns of a wide export (one
    change per filled ``change`` cell); ``values``: field → ``{value as written, normalised:
    value meant}``; ``tool``: the survey tool the columns are recognised as; ``given``: the fields
    the study or the command line mapped (the rest were found by name).
    """

    fields: dict[str, str] = field(default_factory=dict)
    wide: dict[str, dict[int, str]] = field(default_factory=dict)
    values: dict[str, dict[str, str]] = field(default_factory=dict)
    tool: str | None = None
    given: set[str] = field(default_factory=set)

    def column_field(self) -> dict[str, str]:
        """Column → the field it holds (the numbered columns of a wide field included)."""
        out = {column: name for name, column in self.fields.items()}
        for name, by_number in self.wide.items():
            out.update(dict.fromkeys(by_number.values(), name))
        return out

    def has(self, name: str) -> bool:
        return name in self.fields or name in self.wide

    def column(self, name: str) -> str | None:
        """The column of field ``name`` (of a wide field: its first numbered column)."""
        if name in self.fields:
            return self.fields[name]
        by_number = self.wide.get(name)
        return by_number[min(by_number)] if by_number else None

    def value(self, name: str, text: str) -> str:
        """``text`` (a cell of field ``name``) as the study says it is meant."""
        meant = self.values.get(name)
        return meant.get(value_key(text), text) if meant else text


def value_key(text: str) -> str:
    """A value as ``values:`` are matched: in any case, runs of white space as one space."""
    return " ".join(str(text).split()).casefold()


MESSAGES = catalog(
    [
        (
            "not-a-field",
            "'{field}' is not a field of a change nor a column of a loaded plugin (fields: {known}){hint}",
            "'{field}' is geen veld van een verandering en geen kolom van een geladen plug-in (velden: {known}){hint}",
        ),
        (
            "no-such-column",
            "{where} names column '{header}' for '{field}', but the table has no such column{hint}",
            "{where} noemt kolom '{header}' voor '{field}', maar de tabel heeft zo'n kolom niet{hint}",
        ),
        (
            "column-twice",
            "column '{header}' is given for both '{first}' and '{field}'; a column holds one field",
            "kolom '{header}' is opgegeven voor zowel '{first}' als '{field}'; een kolom bevat één veld",
        ),
        (
            "wide-none",
            "--wide (wide: true) needs numbered columns for the change (Verandering 1, Verandering 2, ...); "
            "the table has none",
            "--wide (wide: true) vraagt genummerde kolommen voor de verandering (Verandering 1, Verandering 2, "
            "...); de tabel heeft ze niet",
        ),
    ]
)


def _column_by_header(header: str, names: Mapping[str, Sequence[str]]) -> str | None:
    """The column ``header`` names: one of its header texts exactly, else in any case, else
    without group prefixes."""
    for column, texts in names.items():
        if header in texts:
            return column
    wanted = header_keys([header])
    for column, texts in names.items():
        if set(wanted) & set(header_keys(texts)):
            return column
    return None


def _stem_columns(stem: str, names: Mapping[str, Sequence[str]]) -> dict[int, str]:
    """The numbered columns whose stem (``Verandering`` of ``Verandering 2``) is ``stem``."""
    wanted = set(header_keys([stem]))
    found: dict[int, str] = {}
    for column, texts in names.items():
        for text in texts:
            parts = numbered(text)
            if parts and set(header_keys([parts[0]])) & wanted:
                found.setdefault(parts[1], column)
                break
    return found


def resolve(
    names: Mapping[str, Sequence[str]],
    lookup: Mapping[str, str],
    source: ChangesSource | None = None,
    *,
    file: str = "",
    header_row: int = 1,
    where: str = "--map",
) -> tuple[Layout, list[Problem]]:
    """The :class:`Layout` of a table whose columns have the header texts ``names`` (column →
    texts, in order), read by ``lookup`` (normalised header → field: the core's and the loaded
    plugins' names) and the study's ``source`` (``columns``, ``values``, ``wide``).

    The columns ``source`` names come first; every other column is found by its names (a group
    prefix left aside), a survey tool's own columns (Microsoft Forms' ``Id``: the respondent) by
    the tool. Problems: a field that is neither the core's nor a plugin's, a header the table does
    not have (with the closest one), one column given for two fields. ``where`` names what gave
    the mapping in those messages (``--map``, ``study.yaml changes.columns``).
    """
    source = source or ChangesSource(file="")
    known = sorted(set(lookup.values()))
    layout = Layout(values={f: {value_key(k): v for k, v in given.items()} for f, given in source.values.items()})
    problems: list[Problem] = []
    at = Location(file=file or None, row=header_row)
    all_keys = [key for texts in names.values() for key in header_keys(texts)]
    layout.tool = tool_of(all_keys)
    taken: dict[str, str] = {}  # column → field
    for name, header in source.columns.items():
        if name not in known:
            hint = _hint(name, known)
            problems.append(
                Problem(
                    at.model_copy(update={"key": name}),
                    fill(MESSAGES["not-a-field"], field=name, known=", ".join(known), hint=hint),
                )
            )
            continue
        column = _column_by_header(header, names)
        by_number = _stem_columns(header, names) if source.wide and column is None else {}
        if by_number:  # a wide export: the stem (Verandering) of its numbered columns
            layout.wide[name] = by_number
            layout.given.add(name)
            taken.update(dict.fromkeys(by_number.values(), name))
            continue
        if column is None:
            headers = [texts[0] for texts in names.values() if texts]
            problems.append(
                Problem(
                    at.model_copy(update={"key": name}),
                    fill(
                        MESSAGES["no-such-column"], where=where, header=header, field=name, hint=_hint(header, headers)
                    ),
                )
            )
            continue
        if column in taken:
            problems.append(
                Problem(
                    at.model_copy(update={"key": name}),
                    fill(MESSAGES["column-twice"], header=header, first=taken[column], field=name),
                )
            )
            continue
        layout.fields[name] = column
        layout.given.add(name)
        taken[column] = name
    own = TOOL_FIELDS.get(layout.tool or "", {})
    if source.wide:
        stems: dict[str, dict[int, str]] = {}
        for column, texts in names.items():
            if column in taken:
                continue
            parts = next((numbered(t) for t in texts if numbered(t)), None)
            if parts is None:
                continue
            name = next((lookup[k] for k in header_keys([parts[0]]) if k in lookup), None)
            if name and not layout.has(name):
                stems.setdefault(name, {}).setdefault(parts[1], column)
        for name, by_number in stems.items():
            layout.wide[name] = by_number
            taken.update(dict.fromkeys(by_number.values(), name))
        if "change" not in layout.wide:
            problems.append(Problem(at.model_copy(update={"key": "change"}), MESSAGES["wide-none"]))
    for column, texts in names.items():
        if column in taken:
            continue
        keys = header_keys(texts)
        name = next((own[k] for k in keys if k in own), None) or next((lookup[k] for k in keys if k in lookup), None)
        if name and not layout.has(name):
            layout.fields[name] = column
            taken[column] = name
            if any(k in own for k in keys):
                layout.given.add(name)  # the tool's meaning, not the name's: saved with the mapping
    return layout, problems


def _hint(word: str, options: Iterable[str]) -> Text:
    close = difflib.get_close_matches(word, list(options), n=1, cutoff=0.6)
    if not close:
        lowered = {o.casefold(): o for o in options}
        close = [lowered[c] for c in difflib.get_close_matches(word.casefold(), list(lowered), n=1, cutoff=0.6)]
    return Text(en=f"; did you mean '{close[0]}'?", nl=f"; bedoelde je '{close[0]}'?") if close else Text(en="", nl="")


def missing_fields(layout: Layout) -> list[str]:
    """The required fields no column holds (``person`` is not needed when a respondent is)."""
    return [f for f in REQUIRED if not layout.has(f) and not (f == "person" and layout.has("respondent"))]


# -- proposals -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Proposal:
    """A column proposed for a field, with why (its header, its values, or both)."""

    field: str
    column: str
    header: str
    """The header to name it by (its first header text)."""
    reason: Text
    score: float


PROPOSED = ("person", "respondent", "role", "stakeholder", "change", "quote", "consent", "importance")
"""The fields a column is proposed for when the table has none for them."""

REASONS = catalog(
    [
        ("by-header", "its header reads as '{field}'", "de kop leest als '{field}'"),
        (
            "by-stakeholders",
            "its values match the study's stakeholders in {n} of {total} rows",
            "de waarden passen bij de stakeholders van de studie in {n} van {total} rijen",
        ),
        (
            "by-roles",
            "its values match the stakeholders' roles in {n} of {total} rows",
            "de waarden passen bij de rollen van de stakeholders in {n} van {total} rijen",
        ),
        ("by-scale", "numbers from {low} to {high}", "getallen van {low} tot {high}"),
        (
            "by-text",
            "the longest free text ({n} characters on average)",
            "de langste vrije tekst (gemiddeld {n} tekens)",
        ),
        ("by-codes", "a unique short code in every row", "een unieke korte code in elke rij"),
        ("by-consent", "every value is a yes or a no", "elke waarde is een ja of een nee"),
        ("and", "{a}, and {b}", "{a}, en {b}"),
    ]
)


def _header_score(name: str, texts: Sequence[str]) -> float:
    best = 0.0
    for text in texts:
        words = re.findall(r"\w+", last_part(text).casefold())
        if not words:
            continue
        joined = " ".join(words)
        key = column_key(last_part(text))
        if key in ALIASES.get(name, ()):
            return 1.0
        for word in WORDS.get(name, ()):
            if f" {word} " in f" {joined} ":
                best = max(best, 0.85)
            elif " " not in word and len(word) >= 5 and any(w.startswith(word) for w in words):
                best = max(best, 0.8)
        for alias in (*ALIASES.get(name, ()), *(w.replace(" ", "_") for w in WORDS.get(name, ()))):
            ratio = difflib.SequenceMatcher(None, key, alias).ratio()
            if ratio >= 0.8:
                best = max(best, 0.9 * ratio)
    return best


def _number(text: str) -> float | None:
    try:
        return float(text.replace(",", "."))
    except ValueError:
        return None


def _figure(value: float) -> Text:
    """A number from a cell in each language's own notation (``2,5`` / ``2.5``)."""
    return Text.per_language(lambda lang: format_number(value, lang))


def stakeholder_for(value: str, study: "Study | None") -> str | None:
    """The id of the study's stakeholder ``value`` most likely means (a close spelling of its id,
    name or group — ``Student`` for ``studenten`` — or one of its roles), or ``None``."""
    if study is None or not study.stakeholders:
        return None
    exact = study.stakeholder(value)
    if exact is not None:
        return exact.id
    wanted = value_key(value)
    names: dict[str, str] = {}
    for holder in study.stakeholders:
        for text in (holder.id, holder.name, holder.group):
            if text:
                names.setdefault(value_key(text), holder.id)
    for holder in study.stakeholders:
        if any(value_key(role) == wanted for role in holder.roles):
            return holder.id
    close = difflib.get_close_matches(wanted, list(names), n=1, cutoff=0.6)
    if close:
        return names[close[0]]
    starts = [key for key in names if len(wanted) >= 4 and (key.startswith(wanted) or wanted.startswith(key))]
    return names[starts[0]] if len(starts) == 1 else None


def _content(
    name: str, column: str, cells: list[str], study: "Study | None", longest: float
) -> tuple[float, Text | None]:
    values = [c for c in cells if c]
    if not values:
        return 0.0, None
    total = len(values)
    if name == "stakeholder" and study is not None and study.stakeholders:
        exact = sum(1 for v in values if study.stakeholder(v) is not None)
        close = sum(1 for v in values if study.stakeholder(v) is None and stakeholder_for(v, study))
        share = (exact + 0.8 * close) / total
        return share, fill(REASONS["by-stakeholders"], n=exact + close, total=total)
    if name == "role" and study is not None:
        roles = {value_key(r) for h in study.stakeholders for r in h.roles}
        hits = sum(1 for v in values if value_key(v) in roles)
        return (0.9 * hits / total, fill(REASONS["by-roles"], n=hits, total=total)) if roles else (0.0, None)
    if name == "importance":
        numbers = [_number(v) for v in values]
        if all(n is not None for n in numbers):
            low, high = min(numbers), max(numbers)  # type: ignore[type-var]
            if 0 <= low and high <= 5:
                return 0.9, fill(REASONS["by-scale"], low=_figure(low), high=_figure(high))
            if 0 <= low and high <= 10:
                return 0.6, fill(REASONS["by-scale"], low=_figure(low), high=_figure(high))
        return 0.0, None
    if name == "consent":
        from .model import CONSENT_NO, CONSENT_YES

        words = CONSENT_YES | CONSENT_NO
        if all(value_key(v) in words for v in values):
            return 0.95, REASONS["by-consent"]
        return 0.0, None
    if name == "change" and longest:
        mean = sum(len(v) for v in values) / total
        if mean >= 12 and not all(_number(v) is not None for v in values):
            return 0.75 * mean / longest, fill(REASONS["by-text"], n=round(mean))
        return 0.0, None
    if name == "respondent":
        short = all(len(v) <= 40 and not any(ch.isspace() for ch in v) for v in values)
        if short and len(set(values)) == total == len(cells) >= 3:
            return 0.75, REASONS["by-codes"]
    return 0.0, None


def propose(
    names: Mapping[str, Sequence[str]],
    cells: Callable[[str], list[str]],
    layout: Layout,
    study: "Study | None" = None,
    *,
    keep: Iterable[str] = (),
) -> list[Proposal]:
    """The columns that best fit the fields of :data:`PROPOSED` no column holds yet, judged by
    their headers and their values (``cells(column)``: the column's stripped cells, one per
    row); each column for one field at most, the best fits first taken. Columns of personal data
    or survey administration (:func:`is_left_out`) are never proposed."""
    free = [c for c in names if c not in layout.column_field() and not is_left_out(names[c], keep)]
    wanted = [f for f in PROPOSED if not layout.has(f)]
    if not free or not wanted:
        return []
    values = {c: [x.strip() for x in cells(c)] for c in free}
    lengths = [
        sum(len(v) for v in vs if v) / max(1, sum(1 for v in vs if v))
        for vs in values.values()
        if any(vs) and not all(_number(v) is not None for v in vs if v)
    ]
    longest = max(lengths, default=0.0)
    scored: list[Proposal] = []
    for name in wanted:
        for column in free:
            header = _header_score(name, names[column])
            content, why = _content(name, column, values[column], study, longest)
            score = max(header, content) + 0.25 * min(header, content)
            if score < 0.5:
                continue
            reasons = []
            if header >= 0.5:
                reasons.append(fill(REASONS["by-header"], field=name))
            if why is not None and content >= 0.4:
                reasons.append(why)
            reason = reasons[0] if len(reasons) == 1 else fill(REASONS["and"], a=reasons[0], b=reasons[1])
            scored.append(Proposal(name, column, names[column][0] if names[column] else column, reason, score))
    chosen: list[Proposal] = []
    used_fields: set[str] = set()
    used_columns: set[str] = set()
    for proposal in sorted(scored, key=lambda p: (-p.score, PROPOSED.index(p.field))):
        if proposal.field in used_fields or proposal.column in used_columns:
            continue
        chosen.append(proposal)
        used_fields.add(proposal.field)
        used_columns.add(proposal.column)
    return sorted(chosen, key=lambda p: PROPOSED.index(p.field))


# -- telling the user ----------------------------------------------------------------------------

How = Literal["flags", "yaml"]
"""How a message says to accept a mapping: as ``impactkit import changes`` flags, or as lines
for ``study.yaml``."""


def _quoted(text: str) -> str:
    """An argument as a shell takes it: as is when plain, else in double quotes (which bash,
    PowerShell and cmd all read), else as :func:`shlex.quote` writes it."""
    if re.fullmatch(r"[\w@%+=:,./-]+", text):
        return text
    if '"' not in text and "$" not in text and "`" not in text and "\\" not in text and "!" not in text:
        return f'"{text}"'
    return shlex.quote(text)


def map_flag(name: str, header: str) -> str:
    """``--map "stakeholder=Ik doe mee als"``."""
    return f"--map {_quoted(f'{name}={header}')}"


def value_flag(name: str, text: str, meant: str) -> str:
    """``--map-value stakeholder:Student=studenten``."""
    return f"--map-value {_quoted(f'{name}:{text}={meant}')}"


def _yaml(text: str) -> str:
    if re.fullmatch(r"[A-Za-z][\w .()-]*", text) and not text.endswith(" ") and ": " not in text:
        return text
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def accept_columns(proposals: Sequence[Proposal], how: How, file: str = "") -> str:
    """What accepts ``proposals``: their ``--map`` flags (and ``--map auto``), or the
    ``changes: {file, columns}`` lines of ``study.yaml``."""
    if how == "flags":
        return " ".join(map_flag(p.field, p.header) for p in proposals)
    inner = ", ".join(f"{p.field}: {_yaml(p.header)}" for p in proposals)
    return f"changes: {{file: {_yaml(file)}, columns: {{{inner}}}}}"


MISSING_COLUMNS = catalog(
    [
        ("best-fit", "; best fit: '{header}' ({reason}): {accept}", "; past het best: '{header}' ({reason}): {accept}"),
        (
            "no-fit",
            "; say which column holds it: {accept}",
            "; zeg welke kolom het bevat: {accept}",
        ),
        (
            "wide-hint",
            "; the table has numbered columns ({columns}): several changes per row? {accept}",
            "; de tabel heeft genummerde kolommen ({columns}): meerdere veranderingen per rij? {accept}",
        ),
        (
            "accept-all",
            "to accept {what}: {accept} (or --map auto)",
            "om {what} over te nemen: {accept} (of --map auto)",
        ),
        (
            "accept-all-yaml",
            "to accept {what}, write in {study}: {accept}",
            "om {what} over te nemen, schrijf in {study}: {accept}",
        ),
        ("all-these", "these columns", "deze kolommen"),
        (
            "missing",
            "required column '{column}' is missing (columns found: {found})",
            "verplichte kolom '{column}' ontbreekt (gevonden kolommen: {found})",
        ),
    ]
)


def missing_problems(
    names: Mapping[str, Sequence[str]],
    layout: Layout,
    proposals: Sequence[Proposal],
    *,
    file: str,
    header_row: int,
    how: How,
    study_file: str = "study.yaml",
    wide: bool = False,
    lookup: Mapping[str, str] | None = None,
) -> list[Problem]:
    """One problem per required field no column holds, each with the column that fits it best
    and how to accept it; then, when more than one column is proposed (the optional fields'
    too), one line accepting them all."""
    missing = missing_fields(layout)
    if not missing:
        return []
    headers = [texts[0] if texts else column for column, texts in names.items()]
    wide_changes = [] if wide else wide_columns(names, lookup, "change")
    if len(wide_changes) >= 2:  # several changes per row: --wide, not one of its columns
        stems = set(wide_columns(names, lookup))
        proposals = [p for p in proposals if p.column not in stems]
    by_field = {p.field: p for p in proposals}
    problems = []
    for name in missing:
        text = fill(MISSING_COLUMNS["missing"], column=name, found=listed(headers))
        proposal = by_field.get(name)
        if proposal is not None:
            accept = accept_columns([proposal], how, file=file_name(file))
            hint = fill(MISSING_COLUMNS["best-fit"], header=proposal.header, reason=proposal.reason, accept=accept)
        elif name == "change" and len(wide_changes) >= 2:
            accept = "--wide" if how == "flags" else "wide: true"
            shown = [c for c in headers if c in set(wide_columns(names, lookup))]
            hint = fill(MISSING_COLUMNS["wide-hint"], columns=", ".join(shown[:4]), accept=accept)
        else:
            accept = map_flag(name, "HEADER") if how == "flags" else f"columns: {{{name}: HEADER}}"
            hint = fill(MISSING_COLUMNS["no-fit"], accept=accept)
        problems.append(
            Problem(Location(file=file, row=header_row, key=name), Text(en=text.en + hint.en, nl=text.nl + hint.nl))
        )
    if len(proposals) > 1:
        accept = accept_columns(proposals, how, file=file_name(file))
        if how == "flags":
            line = fill(MISSING_COLUMNS["accept-all"], what=MISSING_COLUMNS["all-these"], accept=accept)
        else:
            line = fill(
                MISSING_COLUMNS["accept-all-yaml"], what=MISSING_COLUMNS["all-these"], study=study_file, accept=accept
            )
        problems.append(Problem(Location(file=file), line))
    return problems


def wide_columns(
    names: Mapping[str, Sequence[str]], lookup: Mapping[str, str] | None, only: str | None = None
) -> list[str]:
    """The numbered columns (``Verandering 2``) whose stem reads as a field (``only``: that field)."""
    out = []
    for column, texts in names.items():
        parts = next((numbered(t) for t in texts if numbered(t)), None)
        if parts is None:
            continue
        name = next((lookup[k] for k in header_keys([parts[0]]) if k in (lookup or {})), None)
        if name and (only is None or name == only):
            out.append(column)
    return out


def file_name(path: str) -> str:
    return re.split(r"[\\/]", path)[-1] if path else path


# -- values ----------------------------------------------------------------------------------------

VALUE_MESSAGES = catalog(
    [
        (
            "stakeholder",
            "'{value}'{count} is not one of the study's stakeholders ({known})",
            "'{value}'{count} hoort niet bij de stakeholders van de studie ({known})",
        ),
        ("count", ("", " ({n} rows{rows})"), ("", " ({n} rijen{rows})")),
        ("meant", "; did you mean '{meant}'? {accept}", "; bedoel je '{meant}'? {accept}"),
        ("map-it", "; map it: {accept}", "; vertaal het: {accept}"),
    ]
)


def rows_text(rows: Sequence[int], limit: int = 8) -> str:
    """``: 2, 5, 9`` (the rows, the first ``limit`` of them and ``…``) for a message."""
    shown = ", ".join(str(r) for r in rows[:limit])
    return ": " + shown + (", …" if len(rows) > limit else "")


def value_accept(name: str, value: str, meant: str, how: How) -> str:
    return (
        value_flag(name, value, meant) if how == "flags" else f"values: {{{name}: {{{_yaml(value)}: {_yaml(meant)}}}}}"
    )


def unknown_values(
    study: "Study", found: Sequence[tuple[str, int | None, str]], file: str, *, how: How
) -> list[Problem]:
    """One problem per distinct stakeholder (in any case) that is not the study's, at its first
    row, with its number of rows, the stakeholder it most likely means and how to map it.
    ``found`` holds ``(value, row, column)`` for every change."""
    known = listed(h.id for h in study.stakeholders)
    groups: dict[str, list[tuple[str, int | None, str]]] = {}
    for value, row, column in found:
        if study.stakeholder(value) is None:
            groups.setdefault(value_key(value), []).append((value, row, column))
    problems = []
    for items in groups.values():
        value, row, column = items[0]
        rows = [r for _, r, _ in items if r is not None]
        count = fill(VALUE_MESSAGES["count"], n=len(items), rows=rows_text(rows))
        text = fill(VALUE_MESSAGES["stakeholder"], value=value, count=count, known=known)
        meant = stakeholder_for(value, study)
        if meant:
            hint = fill(VALUE_MESSAGES["meant"], meant=meant, accept=value_accept("stakeholder", value, meant, how))
        elif how == "flags":
            hint = fill(VALUE_MESSAGES["map-it"], accept=value_accept("stakeholder", value, "ID", how))
        else:
            hint = Text(en="", nl="")
        problems.append(
            Problem(Location(file=file, row=row, key=column), Text(en=text.en + hint.en, nl=text.nl + hint.nl))
        )
    return problems


def value_proposals(study: "Study", found: Sequence[tuple[str, int | None, str]]) -> dict[str, str]:
    """For each distinct stakeholder value the study does not have, the stakeholder it most likely
    means (what ``--map-value auto`` accepts): ``{value as written: id}``."""
    out: dict[str, str] = {}
    for value, _, _ in found:
        if study.stakeholder(value) is None and value not in out:
            meant = stakeholder_for(value, study)
            if meant:
                out[value] = meant
    return out

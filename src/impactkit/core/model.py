"""The study model: pydantic v2 models of ``study.yaml`` (format version 1).

Every model forbids unknown keys, so a typo is an error with a line number rather than a value
that silently vanishes. Method sections (``methods.<key>``) are validated against the models
that plugins declare through ``impactkit_study_sections``; see :func:`impactkit.core.load.load_study`.
One exception: a key of an inline change that is neither a field nor a column a loaded plugin
declares (its plugin may not be loaded) is kept in ``extra``, with a warning naming its line.

The five steps of the PWMI approach map onto the file like this:

1. question and route choice — ``question``, ``route``
2. scope and stakeholders — ``scope``, ``stakeholders``
3. changes (and the codes methods give them) — ``changes``
4. broader impact (effects, helices) — ``outcomes``, ``impacts``, stakeholder ``helix``
5. decisions — ``decisions``
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PrivateAttr,
    WithJsonSchema,
    field_validator,
    model_validator,
)

from . import helices as _helices
from .errors import TextError
from .limits import MAX_MONEY, MAX_PEOPLE, MAX_SCALE

Helix = Annotated[str, BeforeValidator(_helices.validate), WithJsonSchema(_helices.json_schema())]
"""A helix: written as its id, English or Dutch name or an alias (see :mod:`impactkit.core.helices`),
stored as the id."""
Route = Literal["linear", "nonlinear", "both"]

ID_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9_.:-]*$"


class StrictModel(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, allow_inf_nan=False)


class Period(StrictModel):
    start: str | None = None
    end: str | None = None
    label: str | None = None


class Scope(StrictModel):
    include: list[str] = Field(default_factory=list, description="What the study measures.")
    exclude: list[str] = Field(default_factory=list, description="What it deliberately leaves out.")


class Stakeholder(StrictModel):
    id: str = Field(pattern=ID_PATTERN)
    name: str
    group: str | None = Field(None, description="Stakeholder group, e.g. 'students'.")
    roles: list[str] = Field(default_factory=list, description="Roles people in this group have.")
    helix: Helix | None = Field(
        None,
        description="Which helix of the quintuple helix it belongs to: education, industry, government, "
        "civil_society or environment, or a Dutch or English name (onderwijs, bedrijfsleven, "
        "overheid, maatschappij, milieu, ...); stored as the id.",
    )
    size: int | None = Field(None, ge=0, le=MAX_PEOPLE, description="How many people or organisations.")
    description: str | None = None


class Input(StrictModel):
    id: str = Field(pattern=ID_PATTERN)
    name: str
    stakeholder: str = Field(description="Id of the stakeholder who invests.")
    value: float | None = Field(None, ge=0, le=MAX_MONEY, description="Money value of the input.")
    in_kind: bool = False
    valuation: str | None = Field(None, description="How an in-kind input was valued.")
    to: list[str] = Field(default_factory=list, description="Ids of the activities it funds.")
    description: str | None = None
    year: int | None = Field(None, ge=1000, le=9999, description="The calendar year it is spent, when that matters.")


class ChainNode(StrictModel):
    """An activity, output, outcome or impact: a step of the causal chain."""

    id: str = Field(pattern=ID_PATTERN)
    name: str
    stakeholders: list[str] = Field(default_factory=list, description="Ids of the stakeholders involved.")
    leads_to: list[str] = Field(default_factory=list, description="Ids of the next steps in the chain.")
    comes_from: list[str] = Field(default_factory=list, description="Ids of the previous steps.")
    indicator: str | None = None
    description: str | None = None


class Link(StrictModel):
    """An explicit causal link with the assumption behind it and how sure we are of it."""

    source: str
    target: str
    relation: str = "leads_to"
    assumption: str | None = None
    evidence: str | None = None
    confidence: float | None = Field(None, ge=0, le=1)


CONSENT_YES = frozenset({"ja", "yes", "true", "1"})
CONSENT_NO = frozenset({"nee", "no", "false", "0"})


def _any_case(word: str) -> str:
    return "".join(f"[{c.lower()}{c.upper()}]" if c.isalpha() else c for c in word)


_CONSENT_SCHEMA: dict[str, Any] = {
    "anyOf": [
        {"type": "boolean"},
        {"enum": [0, 1]},
        {
            "type": "string",
            "pattern": r"^\s*(" + "|".join(_any_case(w) for w in sorted(CONSENT_YES | CONSENT_NO)) + r")?\s*$",
        },
        {"type": "null"},
    ]
}


def column_key(name: str) -> str:
    """A column name as it is compared: lower case, runs of spaces and dashes as ``_``
    (``Stakeholder group`` and ``stakeholder-group`` are ``stakeholder_group``)."""
    return re.sub(r"[\s\-]+", "_", str(name).strip().casefold())


class ExtraColumns(dict[str, str]):
    """A change's unknown columns (``Change.extra``): the keys as the file spells them, looked up
    as column names are matched, in any case (``extra["domein"]`` and ``extra.get("DOMEIN")``
    find ``Domein``), so a lookup by another spelling never silently finds nothing."""

    def _name(self, key: object) -> object:
        if dict.__contains__(self, key) or not isinstance(key, str):
            return key
        wanted = column_key(key)
        return next((name for name in self if column_key(name) == wanted), key)

    def __getitem__(self, key: str) -> str:
        return dict.__getitem__(self, self._name(key))

    def __contains__(self, key: object) -> bool:
        return dict.__contains__(self, self._name(key))

    def get(self, key: str, default: Any = None) -> Any:  # type: ignore[override]
        return dict.get(self, self._name(key), default)


class Change(StrictModel):
    """One experienced change, as one person reported it.

    The core's fields, and ``codes``: the values of the columns the loaded plugins declare
    (:class:`~impactkit.core.contributions.ChangeColumn`), by column name, each as the column's
    ``parse`` made it (``{"idg": ["Thinking"], "sdg": [4]}``; a study file writes them as keys of
    their own, a changes file as columns). The core knows no such column by name.
    """

    id: str | None = None
    person: str = Field(description="Who reported it (a name, or a pseudonym).")
    respondent: str | None = Field(
        None,
        description="The export's response id. People are counted by respondent when given, else by person; "
        "a change with a respondent and no person has the respondent as its person.",
    )
    role: str | None = None
    stakeholder: str
    change: str
    theme: str | None = None
    quote: str | None = None
    consent: Annotated[bool | None, WithJsonSchema(_CONSENT_SCHEMA)] = Field(
        None,
        description="Whether the person agreed that the quote is shown: ja/nee, yes/no, true/false or 1/0 "
        "(any case); empty or left out: not known.",
    )
    importance: float | None = Field(None, ge=-MAX_SCALE, le=MAX_SCALE)
    codes: dict[str, list[Any]] = Field(
        default_factory=dict, description="The values of the columns plugins declare, by column name."
    )
    coder: str | None = None
    wave: str | None = None
    outcome: str | None = Field(None, description="Id of the outcome this change is evidence of.")
    extra: Annotated[dict[str, str], AfterValidator(lambda given: ExtraColumns(given))] = Field(
        default_factory=dict,
        description="Columns impactkit does not know, kept as given; looked up in any case (extra['domein'] "
        "finds 'Domein').",
    )
    row: int | None = Field(None, description="Row in the source file (1 = header), set by the loader.")

    @model_validator(mode="before")
    @classmethod
    def _respondent_as_person(cls, data: Any) -> Any:
        """A change that names only its respondent: the respondent is the person too."""
        if isinstance(data, dict) and data.get("person") in (None, ""):
            respondent = _id_text(data.get("respondent"))
            if respondent:
                data = {**data, "person": respondent}
        return data

    @field_validator("respondent", mode="before")
    @classmethod
    def _respondent_text(cls, value: Any) -> Any:
        return _id_text(value)

    @field_validator("consent", mode="before")
    @classmethod
    def _consent(cls, value: Any) -> bool | None:
        return parse_consent(value)

    @property
    def who(self) -> str:
        """Who reported the change, as people are counted: the respondent when given, else the person."""
        return self.respondent or self.person


def _id_text(value: Any) -> Any:
    """A respondent number (``17`` in YAML) as its text; an empty one is none."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(int(value)) if float(value).is_integer() else str(value)
    return None if isinstance(value, str) and not value.strip() else value


def parse_consent(value: Any) -> bool | None:
    """A consent as a cell or the study file writes it: ja/nee, yes/no, true/false or 1/0 in any
    case (or a YAML boolean); ``None`` when empty. Anything else is a :class:`TextError`."""
    if value is None or isinstance(value, bool):
        return value
    if isinstance(value, (int, float)) and value in (0, 1):
        return bool(value)
    if isinstance(value, str):
        word = value.strip().casefold()
        if not word:
            return None
        if word in CONSENT_YES:
            return True
        if word in CONSENT_NO:
            return False
    raise TextError(
        en=f"'{value}' is not a consent: write ja or nee, yes or no, true or false, 1 or 0 (empty when not known)",
        nl=f"'{value}' is geen toestemming: schrijf ja of nee, yes of no, true of false, 1 of 0 (leeg als het "
        f"niet bekend is)",
    )


# -- the changes as a table ---------------------------------------------------------------------

CHANGE_TEXT_FIELDS = ("id", "person", "respondent", "role", "stakeholder", "change", "theme", "quote", "coder", "wave")
"""The text fields of a change (``outcome`` too, after the code columns)."""


def change_frame_columns(code_columns: Sequence[str]) -> list[str]:
    """The columns of a change frame before its unknown columns: the fields of a change in order,
    with ``code_columns`` (the declared columns' names) where its ``codes`` are."""
    out: list[str] = []
    for name in Change.model_fields:
        if name == "codes":
            out += list(code_columns)
        elif name != "extra":
            out.append(name)
    return out


def changes_to_frame(changes: Sequence[Change], code_columns: Sequence[str] = ()) -> Any:
    """The changes as the study holds them in a table (:attr:`Study._frame`): a column per field
    (:func:`change_frame_columns`), a code column holding what its ``parse`` made or ``None`` when
    the change has no value for it (``code_columns`` first, then any other column a change has
    codes in, by name), then the unknown columns as given (missing: ``NaN``)."""
    import pandas as pd

    codes = list(code_columns) + sorted({name for change in changes for name in change.codes} - set(code_columns))
    columns = change_frame_columns(codes)
    taken = set(columns)
    labels: dict[str, str] = {}  # an unknown column → its column in the table (never a field's)
    rows = []
    for change in changes:
        row = {name: getattr(change, name) for name in columns if name not in codes}
        row.update({name: change.codes.get(name) for name in codes})
        ordered = {name: row[name] for name in columns}
        for key, value in change.extra.items():
            if key not in labels:
                label = key
                while label in taken:
                    label += " (extra)"
                taken.add(label)
                labels[key] = label
            ordered[labels[key]] = value
        rows.append(ordered)
    frame = pd.DataFrame(rows) if rows else pd.DataFrame(columns=columns)
    for name in frame.columns:  # text as Python strings, a missing one None (as a changes file's table)
        if name not in ("importance", "row") and frame[name].dtype != object:
            frame[name] = frame[name].astype(object).where(frame[name].notna(), None)
    frame.attrs["code_columns"] = tuple(codes)
    frame.attrs["extra_columns"] = {label: key for key, label in labels.items()}
    return frame


def _missing(value: Any) -> bool:
    return value is None or (isinstance(value, float) and value != value)


def each_value(values: Any, fn: Callable[[Any], Any]) -> Any:
    """``fn`` of every value of a column (a ``pandas.Series``, an array or a list of hashable
    values: text, numbers, tuples), worked out once per distinct value: a numpy object array in
    the same order. A missing value (``None``, ``NaN``) is given to ``fn`` as ``None``. For a
    column of a table of changes whose values repeat (stakeholders, roles, codes): what is done to a
    value is done once, however many changes have it."""
    import numpy as np
    import pandas as pd

    codes, uniques = pd.factorize(values if isinstance(values, pd.Series) else pd.Series(values, dtype=object))
    out = np.empty(len(uniques) + 1, dtype=object)
    for i, value in enumerate(np.asarray(uniques, dtype=object)):  # not an Arrow array item by item
        out[i] = fn(value)
    if (codes < 0).any():
        out[-1] = fn(None)
    return out[codes]


def change_keys(frame: Any) -> Any:
    """Which change each row of a table of changes (``ctx.changes``) is a coding of, as a number
    per row (a read-only int64 array), the changes numbered from 0 in the order they first appear.
    Rows that share an ``id`` and a person (the ``respondent`` when given, else the ``person``;
    compared without case and surrounding or repeated spaces) are codings of one change (double
    coding) and have one number; rows of one id but different people are different changes, and a
    row without an id is a change of its own. ``frame`` has the columns ``id`` (as the table holds
    it: stripped text, ``None`` or empty when not given), ``person`` and optionally ``respondent``.
    :meth:`Study.change_keys` is this of ``study.change_frame``, made once per study."""
    import numpy as np
    import pandas as pd

    count = len(frame)
    id_codes, ids = pd.factorize(frame["id"])  # -1: no id
    given = id_codes >= 0
    empty = np.flatnonzero(np.asarray(ids, dtype=object) == "")
    if len(empty):
        given &= id_codes != empty[0]
    person = frame["person"]
    if "respondent" in frame:
        respondent = frame["respondent"]
        named = respondent.notna().to_numpy()
        if named.any():
            person = respondent.where(named & (respondent != "").to_numpy(), person)
    raw, names = pd.factorize(person)  # -1: no person, compared as ""
    written = [" ".join(str(name).split()).casefold() for name in np.asarray(names, dtype=object)] + [""]
    same, people = pd.factorize(pd.Series(written, dtype=object))
    who = same[raw]
    pairs = np.where(given, id_codes.astype("int64") * (len(people) + 1) + who, -1 - np.arange(count, dtype="int64"))
    keys = pd.factorize(pairs)[0].astype("int64", copy=False) if count else np.zeros(0, dtype="int64")
    keys.flags.writeable = False
    return keys


def first_rows(keys: Any) -> Any:
    """The first row of each change, given :func:`change_keys` (or any numbers given in the order
    they first appear, as ``pandas.factorize`` gives them): where the highest number so far goes up."""
    import numpy as np

    if not len(keys):
        return np.zeros(0, dtype=np.int64)
    highest = np.maximum.accumulate(keys)
    return np.flatnonzero(np.concatenate(([True], highest[1:] > highest[:-1])))


def chosen_rows(keys: Any, coders: Any, primary_coder: str | None) -> Any:
    """The row of every change (in the order of :func:`change_keys` ``keys``) that counts for it:
    the first row whose coder (a column of ``coders``, one per row) is ``primary_coder`` (in any
    case) when there is one, else the change's first row."""
    import numpy as np
    import pandas as pd

    rows = first_rows(keys)
    if primary_coder and len(rows):
        wanted = primary_coder.casefold()
        hit = np.flatnonzero(each_value(coders, lambda c: isinstance(c, str) and c.casefold() == wanted).astype(bool))
        found = keys[hit]
        first = np.flatnonzero(~pd.Series(found).duplicated().to_numpy())  # hit is in order: each change's first
        rows[found[first]] = hit[first]
    return rows


def factorise_lists(cells: Any) -> tuple[Any, list[tuple[Any, ...]]]:
    """Each cell's list (a code column of ``ctx.changes``, as a numpy object array) as a tuple,
    ``()`` for a cell without one, factorised: a number per cell and the distinct tuples, ``()``
    numbered 0. Each list is made a tuple once (the rows of one cell of a changes file share its
    list), the empty ones not at all."""
    import numpy as np
    import pandas as pd

    if not len(cells):
        return np.zeros(0, dtype=np.int64), []
    try:
        full = np.fromiter(map(len, cells), dtype=np.int64, count=len(cells)) > 0
    except TypeError:  # a cell without a length (None): looked at as the others
        full = np.ones(len(cells), dtype=bool)
    factor = np.zeros(len(cells), dtype=np.int64)  # 0: ()
    at = np.flatnonzero(full)
    if not len(at):
        return factor, [()]
    same, _ = pd.factorize(np.fromiter(map(id, cells[at]), dtype=np.int64, count=len(at)))
    made = [tuple(v) if isinstance(v, (list, tuple)) else () for v in cells[at[first_rows(same)]]]
    numbers, distinct = pd.factorize(pd.Series([(), *made], dtype=object))
    factor[at] = numbers[1:][same]
    return factor, list(distinct)


class ChangeRows(Sequence[Change]):
    """The changes of a table (a study read from a changes file) as :class:`Change` objects, each
    made when it is first asked for: ``len``, truth and ``study.change_list[i]`` cost one change
    at most, iterating makes them all. Compares equal to a list of the same changes."""

    __slots__ = ("_frame", "_codes", "_extras", "_items", "_columns")

    def __init__(self, frame: Any):
        self._frame = frame
        self._codes = tuple(frame.attrs.get("code_columns", ()))
        known = set(change_frame_columns(self._codes))
        labels = frame.attrs.get("extra_columns") or {}
        self._extras = [(c, labels.get(c, c)) for c in frame.columns if c not in known]
        self._items: list[Change | None] = [None] * len(frame)
        self._columns: dict[str, list[Any]] | None = None

    def __len__(self) -> int:
        return len(self._items)

    def _values(self) -> dict[str, list[Any]]:
        if self._columns is None:
            self._columns = {str(c): self._frame[c].tolist() for c in self._frame.columns}
        return self._columns

    def _make(self, index: int) -> Change:
        values = self._values()
        data: dict[str, Any] = {}
        for name in change_frame_columns(()):
            value = values[name][index] if name in values else None
            data[name] = None if _missing(value) else value
        if data["row"] is not None:
            data["row"] = int(data["row"])
        if data["importance"] is not None:
            data["importance"] = float(data["importance"])
        data["codes"] = {name: list(values[name][index]) for name in self._codes if not _missing(values[name][index])}
        data["extra"] = ExtraColumns(
            {name: values[label][index] for label, name in self._extras if not _missing(values[label][index])}
        )
        given = {name for name, value in data.items() if value is not None} | {"codes", "extra"}
        return Change.model_construct(_fields_set=given, **data)

    def __getitem__(self, index: Any) -> Any:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        if index < 0:
            index += len(self)
        if not 0 <= index < len(self):
            raise IndexError("change index out of range")
        item = self._items[index]
        if item is None:
            item = self._items[index] = self._make(index)
        return item

    def __iter__(self) -> Iterator[Change]:
        for index in range(len(self)):
            yield self[index]

    def __eq__(self, other: object) -> bool:
        if isinstance(other, (list, tuple, ChangeRows)):
            return len(self) == len(other) and all(a == b for a, b in zip(self, other))
        return NotImplemented

    def __add__(self, other: Any) -> list[Change]:
        return list(self) + list(other)

    def __radd__(self, other: Any) -> list[Change]:
        return list(other) + list(self)

    def __repr__(self) -> str:
        return f"ChangeRows({len(self)} changes)"


class Privacy(StrictModel):
    """What the outputs of a study may show of the people in it (see docs/privacy.md)."""

    show_names: bool = Field(
        False,
        description="Show the names of the people as the study holds them. Off by default: every output "
        "(report, tables, result.json, figures, suggestions files) names people by pseudonym, role and group.",
    )


def _texts(value: Any) -> Any:
    """``values:`` as written in YAML: a number or a yes/no (``5``, ``true``) read as its text."""
    if not isinstance(value, dict):
        return value
    return {
        field: (
            {str(k): (str(v).lower() if isinstance(v, bool) else _id_text(v)) for k, v in given.items()}
            if isinstance(given, dict)
            else given
        )
        for field, given in value.items()
    }


class ChangesSource(StrictModel):
    """``changes:`` as a mapping: a table file and how to read it (``impactkit import changes``
    writes it; see docs/study-format.md). ``changes: changes.csv`` is the short form of
    ``changes: {file: changes.csv}``."""

    file: str = Field(description="The CSV, XLSX or ODS file, relative to the study.")
    sheet: str | int | None = Field(
        None, description="A workbook's sheet: its name, or its position (1 is the first). Default: the first sheet."
    )
    header_rows: int | None = Field(
        None,
        ge=1,
        le=20,
        description="How many rows the header has (a Qualtrics export: 3, detected); the first row names the "
        "columns, the others may be used in 'columns' too.",
    )
    columns: dict[str, str] = Field(
        default_factory=dict,
        description="Which column holds each field of a change or plugin column, by its header: "
        "{person: Naam, stakeholder: Ik doe mee als}.",
    )
    values: Annotated[dict[str, dict[str, str]], BeforeValidator(_texts)] = Field(
        default_factory=dict,
        description="Values as the export writes them and what they mean, per field: {stakeholder: {Student: studenten}}.",
    )
    wide: bool = Field(
        False,
        description="Several changes per row in numbered columns (Verandering 1, Verandering 2, ...): one change per "
        "filled cell.",
    )
    keep: list[str] = Field(
        default_factory=list,
        description="Columns 'impactkit import changes' copies although they look like personal or survey "
        "administration data (e-mail, times).",
    )
    keep_names: bool = Field(
        False, description="Whether 'impactkit import changes' keeps names (default: pseudonyms R001, R002, ...)."
    )
    outside: bool = Field(
        False,
        description="Read 'file' although it lies outside the study folder (a shared export); impactkit never writes "
        "it there.",
    )


class Decision(StrictModel):
    """Step 5: a conclusion or recommendation and the evidence (ids or metric ids) it rests on."""

    id: str = Field(pattern=ID_PATTERN)
    text: str
    kind: Literal["conclusion", "recommendation", "decision"] = "conclusion"
    evidence: list[str] = Field(default_factory=list)


_COLOUR = r"^#[0-9A-Fa-f]{6}$"


class ReportColours(StrictModel):
    """The report's colours, as ``#rrggbb``: headings and lines (``primary``), highlights (``accent``)."""

    primary: str | None = Field(None, pattern=_COLOUR, description="Headings, lines and key figures, e.g. '#1f4e79'.")
    accent: str | None = Field(None, pattern=_COLOUR, description="Highlights and quotes, e.g. '#e07b00'.")


class ReportSettings(StrictModel):
    """``report:``: how the organisation's report looks, without touching code (see docs/study-format.md)."""

    template: str | None = Field(
        None,
        description="A folder, relative to the study, of Jinja2 templates that replace the built-in ones of the same "
        "name (report.html.j2, style.css.j2).",
    )
    logo: str | None = Field(
        None, description="An image (PNG, JPEG or SVG), relative to the study, shown on the cover."
    )
    intro: str | None = Field(None, description="An introduction for the reader, shown before the summary.")
    colours: ReportColours | None = Field(None, description="The report's colours: {primary: '#rrggbb', accent: ...}.")


class Study(StrictModel):
    """A study, as written in ``study.yaml``."""

    impactkit: Literal[1] = Field(description="Format version of the study file.")
    id: str = Field(pattern=ID_PATTERN)
    title: str
    language: Literal["nl", "en"] = "en"
    question: str | None = Field(None, description="Step 1: the question articulation.")
    route: Route | None = Field(
        None,
        description="Step 1: route 1 'linear' (impact valued in money), route 2 'nonlinear' (experienced "
        "changes), or 'both'.",
    )
    period: Period | None = None
    scope: Scope | None = None
    stakeholders: list[Stakeholder] = Field(default_factory=list)
    inputs: list[Input] = Field(default_factory=list)
    activities: list[ChainNode] = Field(default_factory=list)
    outputs: list[ChainNode] = Field(default_factory=list)
    outcomes: list[ChainNode] = Field(default_factory=list)
    impacts: list[ChainNode] = Field(default_factory=list)
    links: list[Link] = Field(default_factory=list)
    changes: list[Change] | str | ChangesSource = Field(
        default_factory=list,
        description="A list of changes, the path of a CSV/XLSX/ODS file relative to the study, or such a file with "
        "the mapping of its columns and values ({file, columns, values, sheet, header_rows, wide}).",
    )
    decisions: list[Decision] = Field(default_factory=list)
    privacy: Privacy | None = Field(
        None, description="What outputs may show of the people in the study (names are hidden unless show_names)."
    )
    report: ReportSettings | None = Field(
        None, description="How the report looks: {template: DIR, logo: FILE, intro: TEXT, colours: {primary, accent}}."
    )
    methods: dict[str, Any] = Field(default_factory=dict, description="One section per method plugin.")

    _path: Path | None = PrivateAttr(default=None)
    _changes_file: Path | None = PrivateAttr(default=None)
    _changes_source: ChangesSource | None = PrivateAttr(default=None)
    _changes_columns: dict[str, str] = PrivateAttr(default_factory=dict)
    _sections: dict[str, BaseModel] = PrivateAttr(default_factory=dict)
    _section_keys: dict[str, str] = PrivateAttr(default_factory=dict)
    """Section id → the alias it was given under in the file (only sections given under an alias)."""
    _positions: Any = PrivateAttr(default=None)
    _load_findings: list[Any] = PrivateAttr(default_factory=list)
    _plugins: Any = PrivateAttr(default=None)
    _holder_index: dict[str, Any] | None = PrivateAttr(default=None)
    _frame: Any = PrivateAttr(default=None)
    """The changes of a changes file, read once into one table (the shape of :func:`changes_to_frame`)."""
    _code_columns: tuple[str, ...] = PrivateAttr(default=())
    """The names of the change columns the plugins the study was loaded with declare."""
    _tables: Any = PrivateAttr(default=None)
    """Inline changes made into one table: ``(the list, its length, the table)``."""
    _rows: Any = PrivateAttr(default=None)
    """``change_list`` of a changes file: the :class:`ChangeRows` of ``_frame``."""
    _view: Any = PrivateAttr(default=None)
    """``change_frame``: ``(the table it was made from, the frame)``."""
    _keys: Any = PrivateAttr(default=None)
    """``change_keys()``: ``(the change frame, its keys)``."""

    # -- conveniences for plugins -------------------------------------------------------------
    @property
    def path(self) -> Path | None:
        """The study file this study was loaded from (``None`` when built in memory)."""
        return self._path

    @property
    def directory(self) -> Path:
        return self._path.parent if self._path else Path.cwd()

    @property
    def changes_file(self) -> Path | None:
        """The CSV/XLSX file the changes came from, if they were not inline."""
        return self._changes_file

    @property
    def changes_source(self) -> ChangesSource | None:
        """How the changes file is read (its sheet, header rows and the mapping of its columns and
        values), also for ``changes: file.csv``; ``None`` for inline changes."""
        if self._changes_source is not None:
            return self._changes_source
        if isinstance(self.changes, ChangesSource):
            return self.changes
        return ChangesSource(file=self.changes) if isinstance(self.changes, str) else None

    @property
    def change_list(self) -> list[Change]:
        """The changes, whether given inline or loaded from a file. A file's changes are held as one
        table (:attr:`change_frame`); they are made into :class:`Change` objects one by one, when
        asked for (a :class:`ChangeRows`)."""
        if isinstance(self.changes, list):
            return self.changes
        frame = self._frame
        if frame is None:
            return []
        rows = self._rows
        if rows is None or rows._frame is not frame:
            rows = self._rows = ChangeRows(frame)
        return rows  # type: ignore[return-value]

    def _raw_frame(self) -> Any:
        """The changes as one table, as given (:func:`changes_to_frame`): a file's as it was read,
        inline changes made into one (once, while the list is the same)."""
        if not isinstance(self.changes, list):
            frame = self._frame
            return frame if frame is not None else changes_to_frame([], self._code_columns)
        made = self._tables
        if made is None or made[0] is not self.changes or made[1] != len(self.changes):
            made = (self.changes, len(self.changes), changes_to_frame(self.changes, self._code_columns))
            self._tables = made
        return made[2]

    @property
    def change_frame(self) -> Any:
        """The changes as one ``pandas.DataFrame``, one row per change, as ``Context.changes`` gives
        them to plugins (docs/plugins.md): ``id person respondent role stakeholder change theme quote
        consent importance``, a column per change column the plugins declare (a list, ``[]`` when the
        change has none), ``coder wave outcome row``, then the unknown columns as text.
        ``stakeholder`` is the stakeholder's id where it matches one. Made once; do not change it."""
        raw = self._raw_frame()
        made = self._view
        if made is None or made[0] is not raw:
            made = self._view = (raw, self._view_of(raw))
        return made[1]

    def change_keys(self) -> Any:
        """Which change each row of :attr:`change_frame` is a coding of (:func:`change_keys`: the
        same number for the rows of one change, numbered from 0 in order), made once."""
        frame = self.change_frame
        made = self._keys
        if made is None or made[0] is not frame:
            made = self._keys = (frame, change_keys(frame))
        return made[1]

    def _view_of(self, raw: Any) -> Any:
        import numpy as np
        import pandas as pd

        given = tuple(raw.attrs.get("code_columns", ()))
        names = list(self._code_columns) + sorted(set(given) - set(self._code_columns))
        known = set(change_frame_columns(given))
        extras = [c for c in raw.columns if c not in known]
        n = len(raw)
        frame = raw.reset_index(drop=True).copy(deep=False)  # the table's columns, not copied
        for name in names:
            # the lists the table holds (one per distinct cell: read, never change), [] for none
            cells = raw[name].to_numpy(dtype=object, copy=True) if name in raw.columns else np.full(n, None)
            empty = np.flatnonzero(pd.isna(cells))
            cells[empty] = np.frompyfunc(lambda _: [], 1, 1)(empty)  # a list of its own for each
            frame[name] = pd.Series(cells, dtype=object)
        if n:
            ids = each_value(raw["stakeholder"], lambda v: self._holder_id(v))
            frame["stakeholder"] = pd.Series(ids, dtype=object)
        frame = frame[[*change_frame_columns(names), *extras]]
        frame.attrs["code_columns"] = tuple(names)
        return frame

    def _holder_id(self, value: Any) -> Any:
        """The id of the stakeholder ``value`` names, else ``value`` itself."""
        holder = self.stakeholder(value) if isinstance(value, str) else None
        return holder.id if holder is not None else value

    def _with_frame(self, frame: Any) -> "Study":
        """A copy of the study whose changes are ``frame`` (the shape of :func:`changes_to_frame`):
        inline changes stay a list of :class:`Change` objects."""
        if isinstance(self.changes, list):
            changes = list(ChangeRows(frame))
            copy = self.model_copy(update={"changes": changes})
            copy._tables = (changes, len(changes), frame)
            return copy
        copy = self.model_copy()
        copy._frame = frame
        return copy

    def method(self, key: str) -> BaseModel | None:
        """The validated ``methods.<key>`` section, or ``None`` when the study has none."""
        return self._sections.get(key)

    def chain_nodes(self) -> list[tuple[str, ChainNode]]:
        """``(kind, node)`` for every activity, output, outcome and impact, in file order."""
        out: list[tuple[str, ChainNode]] = []
        for kind, nodes in (
            ("activity", self.activities),
            ("output", self.outputs),
            ("outcome", self.outcomes),
            ("impact", self.impacts),
        ):
            out.extend((kind, node) for node in nodes)
        return out

    def stakeholder(self, key: str) -> Stakeholder | None:
        """Look a stakeholder up by id, name or group (case-insensitive; an id wins over a name)."""
        private = self.__pydantic_private__  # direct: this is called once per change
        index = private.get("_holder_index")
        if index is None or index.get("\0count") != len(self.stakeholders):
            index = {"\0count": len(self.stakeholders)}
            for field in ("group", "name", "id"):  # later fields overwrite: id > name > group
                for holder in reversed(self.stakeholders):
                    value = getattr(holder, field)
                    if value:
                        index[value.strip().casefold()] = holder
            private["_holder_index"] = index
        return index.get(key.strip().casefold())

    def run(self, *, plugins: Any = None, lang: str | None = None, progress: Any = None) -> Any:
        """Deprecated alias of :func:`impactkit.run` (``impactkit.run(study)``); kept for one release."""
        import warnings

        warnings.warn("Study.run() is deprecated; use impactkit.run(study)", DeprecationWarning, stacklevel=2)
        import impactkit

        return impactkit.run(self, plugins=plugins, lang=lang, progress=progress)

"""The typed objects that plugins contribute.

Every hook in :mod:`impactkit.core.hookspecs` returns a list of one of these frozen pydantic
models. None of them is a loose dict: a misspelt field is an error when the plugin builds the
object, not a silent surprise later. The gateway (:mod:`impactkit.core.plugins`) fills in
``plugin`` with the name of the plugin that returned the object, refuses duplicate ids and
sorts by id, so nothing depends on the order in which plugins were registered.

The callables that contributions carry (``check``, ``compute``, ``render`` ...) receive a
:class:`impactkit.core.context.Context`; they run later, one at a time, each isolated so that
an exception becomes a :class:`Finding` naming the plugin instead of a crash.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from .i18n import Text

if TYPE_CHECKING:  # pragma: no cover - typing only
    from .context import Context

Severity = Literal["error", "warning", "info"]
SEVERITY_ORDER: dict[str, int] = {"error": 0, "warning": 1, "info": 2}
SEVERITY_NL: dict[str, str] = {"error": "fout", "warning": "waarschuwing", "info": "info"}

_DOTTED_ID = re.compile(r"^[a-z][a-z0-9_-]*(\.[a-z0-9_][a-z0-9_.-]*)+$")
_NAME = re.compile(r"^[a-z][a-z0-9_-]*$")


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", arbitrary_types_allowed=True)


class Location(_Frozen):
    """Where something is in the user's files: a YAML key, or a row and column of a table."""

    file: str | None = None
    line: int | None = None
    column: int | None = None
    key: str | None = None
    row: int | None = None

    def __str__(self) -> str:
        """``FILE:LINE:COL`` for YAML, ``FILE:ROW:COLUMN`` for tables (row 1 is the header)."""
        parts = [self.file or "<study>"]
        if self.line is not None:
            parts.append(str(self.line))
            if self.column is not None:
                parts.append(str(self.column))
        elif self.row is not None:
            parts.append(str(self.row))
            if self.key:
                parts.append(self.key)
            return ":".join(parts)
        text = ":".join(parts)
        return f"{text} ({self.key})" if self.key else text


class Finding(_Frozen):
    """One thing a check found. ``code`` is stable (``<plugin>.<what>``), the message is for people."""

    code: str
    severity: Severity
    message: Text
    location: Location | None = None
    plugin: str = ""
    traceback: str | None = None
    """For a plugin that failed: the formatted traceback (``result.json`` shows it, the report never)."""

    def render(self, lang: str) -> str:
        where = f"{self.location}: " if self.location else ""
        severity = SEVERITY_NL[self.severity] if lang == "nl" else self.severity
        return f"{where}{severity}: {self.message.get(lang)} [{self.code}]"


class _Contribution(_Frozen):
    """Base of everything a hook returns: an ``id`` and the ``plugin`` that gave it."""

    id: str
    plugin: str = ""
    """Filled in by the core's gateway; a plugin leaves it empty."""


class _DottedContribution(_Contribution):
    @field_validator("id")
    @classmethod
    def _dotted(cls, value: str) -> str:
        if not _DOTTED_ID.match(value):
            raise ValueError(f"id {value!r} must be '<namespace>.<name>' in lower case, e.g. 'core.changes'")
        return value


CORE_CHANGE_FIELDS = frozenset(
    {
        "id",
        "person",
        "respondent",
        "role",
        "stakeholder",
        "change",
        "theme",
        "quote",
        "consent",
        "importance",
        "codes",
        "coder",
        "wave",
        "outcome",
        "extra",
        "row",
    }
)
"""The fields of a change the core owns (:class:`impactkit.core.model.Change`); no plugin column
may take one of these names."""


class ChangeColumn(_Frozen):
    """A column of the changes that a method owns, declared on its :class:`StudySection`.

    The core reads it from a changes file (under ``name`` or any of ``aliases``, compared without
    case, with spaces and dashes as ``_``) and from the inline changes of ``study.yaml`` (the key
    ``name``), and keeps what ``parse`` makes of it in ``Change.codes[name]``; a change without a
    value (an empty cell, no key) has ``[]``. ``ctx.changes`` has one column ``name`` with it.

    * ``parse(value)`` turns one value as the user wrote it — a cell's text, or an inline YAML
      value (a string, a number or a list) — into the stored value, a list of codes. It raises
      :class:`~impactkit.core.errors.TextError` (or an ``ExceptionGroup`` of them, one per bad
      part) with the reason in both languages; the core adds where (``FILE:ROW:COLUMN`` with the
      user's header, or ``FILE:LINE:COL`` of the YAML value).
    * ``json_schema`` describes the inline value for ``impactkit schema`` (and editors).
    * ``example`` (optional) is the cell ``impactkit init`` writes in its example row.

    With the plugin not loaded the column is an unknown one, kept as it is (``Change.extra``).
    """

    name: str
    aliases: tuple[str, ...] = ()
    title: Text
    description: Text
    parse: Callable[[Any], list[Any]]
    json_schema: dict[str, Any]
    example: Text | None = None

    @field_validator("name")
    @classmethod
    def _column_name(cls, value: str) -> str:
        if not _NAME.match(value) or "-" in value:
            raise ValueError(f"column {value!r} must be a lower-case name such as 'mymethod' (letters, digits, _)")
        if value in CORE_CHANGE_FIELDS:
            raise ValueError(f"column {value!r} is a field of the change itself; choose another name")
        return value

    @field_validator("aliases")
    @classmethod
    def _alias_names(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        for alias in value:
            if not alias.strip():
                raise ValueError("a column alias may not be empty")
        return value


class StudySection(_Contribution):
    """Declares the ``methods.<id>`` section of the study file and the model that validates it.

    The model should use ``ConfigDict(extra="forbid")`` so that a typo is an error.

    ``template`` (optional) is what ``impactkit init`` writes for the section: the commented YAML
    body under ``<id>:``, in both languages, and it must validate. ``routes`` are the routes
    whose new studies get it (``impactkit init --method <id>`` adds it to any study).

    ``aliases`` are other keys the section is accepted under (an old name, so that existing
    studies keep loading): ``methods.<alias>`` is then read as this section, reachable as
    ``study.method(<id>)``; a study giving the section under two of its keys is an error.

    ``columns`` are the columns of the changes the method owns (see :class:`ChangeColumn`).
    """

    model: type[BaseModel]
    title: Text
    template: Text | None = None
    routes: tuple[Literal["linear", "nonlinear", "both"], ...] = ()
    aliases: tuple[str, ...] = ()
    columns: tuple[ChangeColumn, ...] = ()

    @field_validator("id")
    @classmethod
    def _name(cls, value: str) -> str:
        if not _NAME.match(value):
            raise ValueError(f"section key {value!r} must be a lower-case name such as 'mymethod'")
        return value

    @field_validator("aliases")
    @classmethod
    def _alias_names(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        for alias in value:
            if not _NAME.match(alias):
                raise ValueError(f"section alias {alias!r} must be a lower-case name such as 'mymethod'")
        return value


class Validation(_DottedContribution):
    """A check of the study. ``check(context)`` yields :class:`Finding` objects.

    ``title`` says in plain words what holds when the check passes ("Every change has an IDG
    code"). ``explain`` (optional) tells a report's reader, in plain words, what a problem found
    here means for the figures ("changes without a code are not counted in the IDG figures"); the
    report's data-quality appendix shows it beside the number of problems, never the findings'
    technical messages (files, rows, commands), which stay in the CLI output and ``result.json``.
    A finding belongs to the check whose id is its ``code`` (or starts it: ``<check id>.<more>``).
    """

    title: Text
    check: Callable[["Context"], Iterable[Finding]]
    explain: Text | None = None


class Metric(_DottedContribution):
    """A figure computed from the study. Its ``id`` is public API (``run --json`` uses it).

    ``compute(context)`` returns a JSON-serialisable value (number, string, list or dict),
    or ``None`` when the metric does not apply to this study (it is then left out).

    ``aliases`` are its former ids (after a rename): a decision citing one as evidence cites this
    metric. The value is reported under ``id`` only.
    """

    title: Text
    description: Text | None = None
    unit: str | None = None
    compute: Callable[["Context"], Any]
    aliases: tuple[str, ...] = ()

    @field_validator("aliases")
    @classmethod
    def _dotted_aliases(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        for alias in value:
            if not _DOTTED_ID.match(alias):
                raise ValueError(f"metric alias {alias!r} must be '<namespace>.<name>' in lower case")
        return value

    @property
    def ids(self) -> tuple[str, ...]:
        """The id and the aliases: every name a decision may cite the metric by."""
        return (self.id, *self.aliases)


class Column(_Frozen):
    """How a table's column is shown to a reader (the workbook ``tables.xlsx``): its header in
    both languages and what its numbers are — ``count`` (whole numbers), ``number``, ``percent``
    (a fraction, 0.217 shown as 21.7%), ``money`` (euros) or ``text``."""

    title: Text
    kind: Literal["text", "count", "number", "percent", "money"] = "number"


class Table(_DottedContribution):
    """A table of results; ``build(context)`` returns a :class:`pandas.DataFrame` or ``None``.

    ``columns`` (optional) gives columns, by name, a header in the reader's language and a kind of
    number for the workbook; the CSV files keep the names as they are (machine-readable). A name
    with ``{}`` stands for the columns a study names (``"year_{}"``: ``year_2025``, ``year_2026``);
    its titles hold ``{}`` too, where the workbook writes what the name had there (``Text(en="Value
    in year {}", nl="Waarde in jaar {}")``). :meth:`column` finds the declaration of a name.
    """

    title: Text
    build: Callable[["Context"], Any]
    columns: dict[str, Column] = Field(default_factory=dict)

    @field_validator("columns")
    @classmethod
    def _patterns_name_their_part(cls, value: dict[str, Column]) -> dict[str, Column]:
        for name, column in value.items():
            if "{}" not in name:
                continue
            if name.count("{}") != 1:
                raise ValueError(f"column {name!r}: a pattern holds '{{}}' once")
            if name == "{}":
                raise ValueError("column '{}': a pattern needs text beside '{}' (it would be every column)")
            for lang in ("en", "nl"):
                if column.title.get(lang).count("{}") != 1:
                    raise ValueError(
                        f"column {name!r}: its {lang} title must hold '{{}}' once, where the name's part goes"
                    )
        return value

    def column(self, name: str) -> Column | None:
        """The declaration of column ``name``: its own, else that of the pattern it fits (the
        title with the pattern's part filled in), else ``None``."""
        found = self.columns.get(name)
        if found is not None:
            return found
        for key, pattern in self.columns.items():
            head, braces, tail = key.partition("{}")
            if braces and len(name) > len(head) + len(tail) and name.startswith(head) and name.endswith(tail):
                return _filled(pattern, name[len(head) : len(name) - len(tail)])
        return None


def _filled(pattern: Column, part: str) -> Column:
    """A pattern column's declaration for one name: ``part`` where its titles hold ``{}``."""
    return Column(title=Text.per_language(lambda lang: pattern.title.get(lang).replace("{}", part)), kind=pattern.kind)


class Visualisation(_DottedContribution):
    """A picture of the study.

    ``kind="diagram"``: ``dot(context, lang)`` returns Graphviz DOT text (and ``mermaid``
    optionally Mermaid text); the core renders it to SVG, PNG or PDF.
    ``kind="chart"``: ``chart(context, lang)`` returns a matplotlib ``Figure``.
    Either returns ``None`` when there is nothing to draw for this study.
    """

    title: Text
    kind: Literal["diagram", "chart"]
    dot: Callable[["Context", str], str | None] | None = None
    mermaid: Callable[["Context", str], str | None] | None = None
    chart: Callable[["Context", str], Any] | None = None

    @model_validator(mode="after")
    def _has_renderer(self) -> "Visualisation":
        if self.kind == "diagram" and self.dot is None:
            raise ValueError("a diagram needs a 'dot' callable")
        if self.kind == "chart" and self.chart is None:
            raise ValueError("a chart needs a 'chart' callable")
        return self

    @property
    def view(self) -> str:
        """The short name used by ``impactkit diagram --view``: the part after the namespace."""
        return self.id.split(".", 1)[1]


class KeyFigure(_Frozen):
    """One figure of the report's summary, shown large: ``value`` as the reader reads it (written
    with the number helpers: ``21,7%``, ``€ 402.299,36``, ``8 van de 17``), ``label`` what it is
    ("of the changes are about collaborating"), ``note`` (optional) what it rests on or how sure it
    is ("n = 256 coded changes", "90% between 1,8 and 2,4")."""

    value: str = Field(min_length=1)
    label: str = Field(min_length=1)
    note: str | None = None


ReportPart = Literal["summary", "body", "methods", "appendix"]
"""Where a report section stands in the reader's report (see :class:`ReportSection`)."""


class ReportSection(_DottedContribution):
    """A section of the report; ``render(context, lang)`` returns Markdown, or ``None`` to skip.

    ``figures`` names visualisations (by id) shown after the text: the core embeds each one that
    was drawn for this study when the report is written with its figures (``impactkit run -o``).

    ``part`` places it in the reader's report, which is built in this order:

    * ``summary`` — the one-page summary at the front: the question, who took part, the top
      changes with a quote, what was reached, the decisions. Keep it short; its figures are the
      report's key charts (also shown in a notebook).
    * ``body`` (default) — one section per method, in ``order``, then the theory of change.
    * ``methods`` — the methods note: how the data were collected and coded (by hand, or suggested
      and accepted), framework versions, reliability, sources and credits.
    * ``appendix`` — after the core's appendix on data quality.

    ``key_figures(context, lang)`` (optional, any part) returns the section's :class:`KeyFigure`
    list, shown together at the top of the summary, or ``None``.
    """

    title: Text
    order: int = 100
    render: Callable[["Context", str], str | None]
    figures: tuple[str, ...] = ()
    part: ReportPart = "body"
    key_figures: Callable[["Context", str], list[KeyFigure] | None] | None = None


class StepStatus(_Frozen):
    """Whether a step of the approach is complete, and what is still missing.

    ``applies=False`` says the step has nothing to do with this study (an IDG step in a study
    without changes to code, a leerkring step in a study that is no leerkring); ``impactkit
    status`` leaves it out. Build it with :meth:`not_applicable`; :meth:`of` builds the usual one
    from what is missing.
    """

    done: bool
    missing: tuple[Text, ...] = ()
    applies: bool = True

    @classmethod
    def of(cls, missing: Iterable[Text]) -> "StepStatus":
        """The status from what is still missing: done when nothing is."""
        missing = tuple(missing)
        return cls(done=not missing, missing=missing)

    @classmethod
    def not_applicable(cls) -> "StepStatus":
        return cls(done=False, applies=False)


class Step(_DottedContribution):
    """A step of an impact approach, shown by ``impactkit status``.

    ``number`` is the step of the approach it belongs to (the core's five steps are 1–5).
    ``main`` marks the step that *is* that step of the approach (the core's own); the others are
    parts of it, shown under it as ``3.1``, ``3.2``… by ``order``, then id.
    """

    number: int = Field(ge=1)
    title: Text
    check: Callable[["Context"], StepStatus]
    main: bool = False
    order: int = 0


class Command(_Contribution):
    """A click command added to the ``impactkit`` CLI; ``id`` is the command's name."""

    command: Any

    @field_validator("command")
    @classmethod
    def _is_click(cls, value: Any) -> Any:
        import click

        if not isinstance(value, click.Command):
            raise ValueError("command must be a click.Command")
        return value


class Suggestion(_Frozen):
    """A code a :class:`Coder` suggests for one change; a researcher accepts it or not.

    ``index`` is the change's position in ``study.change_list``; ``code`` the code as it would be
    written in the change's column (e.g. ``"Verbondenheid"``, ``"4"``); ``because`` the words that
    triggered it, shown to the researcher (joined with ``"; "`` in the suggestions file).
    """

    index: int = Field(ge=0)
    code: str = Field(min_length=1)
    because: tuple[str, ...] = ()


class CodeEntry(_Frozen):
    """One code of a :class:`Coder`'s codebook, as coding tools see it (REFI-QDA: ``impactkit export
    qdc`` and ``qdpx``, ``impactkit import qdpx``).

    ``code`` is what the change's column holds for it (``"Verbondenheid"``, ``"4"``); ``name`` what a
    coding tool shows (default: ``code``); ``matches`` other spellings of the same code in a column
    (the other language's name, a number); ``children`` the codes under it (a skill under its
    dimension); ``codable=False`` for a folder that is not a code itself; ``colour`` ``#RRGGBB``.
    """

    code: str = Field(min_length=1)
    name: str | None = None
    description: str | None = None
    colour: str | None = Field(None, pattern=r"^#([0-9A-Fa-f]{6}|[0-9A-Fa-f]{3})$")
    matches: tuple[str, ...] = ()
    children: tuple["CodeEntry", ...] = ()
    codable: bool = True

    @property
    def label(self) -> str:
        return self.name or self.code


class Evaluation(_Frozen):
    """How well a coder's suggestions agree with the human codes of a coded study.

    ``figures`` is printed as JSON by ``impactkit code --evaluate --json`` (plain JSON values);
    ``summary`` is the text shown to people.
    """

    figures: dict[str, Any]
    summary: Text


_NOT_A_CODE_COLUMN = frozenset({"id", "row", "person", "respondent", "stakeholder", "change", "codes", "extra"})


class Coder(_Contribution):
    """Suggests codes for uncoded changes, for ``impactkit code STUDY --method <id>``.

    ``id`` is the method name given to ``--method`` (a lower-case name such as ``"idg"``);
    ``column`` the column the codes go into: usually a :class:`ChangeColumn` the plugin declares
    (its codes are then read back into ``Change.codes``), else a column of the file kept in ``extra``.
    The core writes the suggestions file, reads what the researcher accepted and copies it into
    empty cells of ``column`` only; it never overwrites a human code.

    * ``suggest(context, indices)`` returns a :class:`Suggestion` for each of the changes
      ``indices`` (positions in ``study.change_list``) it has one for; the others get none.
    * ``normalise(context, text)`` returns the code to write for one code a researcher accepted
      (as typed, or tidied), or ``None`` when it is not a code of the method. Several codes in
      one cell are separated by ``;`` and normalised one at a time.
    * ``to_code(context, include_coded)`` (optional) returns the changes to suggest for, one
      index per change; by default those whose ``column`` is empty (every change when
      ``include_coded``).
    * ``evaluate(context)`` (optional) compares the suggestions with the human codes
      (``impactkit code --evaluate``) and returns an :class:`Evaluation`.
    * ``codebook(context)`` (optional) returns the method's codes as :class:`CodeEntry` items (a
      tree), in the language of ``context.lang``: the codebook that ``impactkit export qdc`` and
      ``qdpx`` give coding tools (NVivo, ATLAS.ti, MAXQDA), by which ``impactkit import qdpx``
      reads their codings back. Without it the codebook is the codes the study's column holds.
    * ``unknown_code`` (optional) is the message for a code ``normalise`` refuses, with
      ``{code}`` where the code goes: ``Text(en="'{code}' is not an IDG dimension or skill",
      nl="'{code}' is geen IDG-dimensie of -vaardigheid")``.
    """

    title: Text
    column: str
    suggest: Callable[["Context", list[int]], list[Suggestion]]
    normalise: Callable[["Context", str], str | None]
    to_code: Callable[["Context", bool], list[int]] | None = None
    evaluate: Callable[["Context"], Evaluation] | None = None
    codebook: Callable[["Context"], list[CodeEntry]] | None = None
    unknown_code: Text | None = None

    @field_validator("id")
    @classmethod
    def _name(cls, value: str) -> str:
        if not _NAME.match(value):
            raise ValueError(f"coder id {value!r} must be a lower-case method name such as 'mymethod'")
        return value

    @field_validator("column")
    @classmethod
    def _column(cls, value: str) -> str:
        if not _NAME.match(value):
            raise ValueError(f"column {value!r} must be a lower-case name such as 'mymethod'")
        if value in _NOT_A_CODE_COLUMN:
            raise ValueError(f"column {value!r} describes the change itself; a coder cannot fill it")
        return value


NODE_KEYS = frozenset({"kind", "label", "source"})
EDGE_KEYS = frozenset({"relation", "source"})


def _refuse_core_keys(attrs: dict[str, Any], reserved: frozenset[str]) -> dict[str, Any]:
    clash = sorted(reserved & set(attrs))
    if clash:
        raise ValueError(
            f"attrs may not set {', '.join(clash)}: the core sets "
            f"{', '.join(sorted(reserved))} itself (use another name)"
        )
    return attrs


class GraphNode(_Frozen):
    """A node a plugin adds to the study graph (e.g. an SDG goal or an IDG dimension).

    ``attrs`` are the node's further attributes; ``kind``, ``label`` and ``source`` (the plugin)
    are the core's and refused there.
    """

    id: str
    kind: str
    label: str
    attrs: dict[str, Any] = Field(default_factory=dict)

    @field_validator("attrs")
    @classmethod
    def _own_keys(cls, value: dict[str, Any]) -> dict[str, Any]:
        return _refuse_core_keys(value, NODE_KEYS)


class GraphEdge(_Frozen):
    """An edge a plugin adds to the study graph; ``relation`` and ``source`` may not be in ``attrs``."""

    source: str
    target: str
    relation: str
    attrs: dict[str, Any] = Field(default_factory=dict)

    @field_validator("attrs")
    @classmethod
    def _own_keys(cls, value: dict[str, Any]) -> dict[str, Any]:
        return _refuse_core_keys(value, EDGE_KEYS)


class PortfolioMetric(_DottedContribution):
    """How one of a plugin's metrics adds up across a portfolio of studies (``impactkit portfolio``).

    ``id`` is the metric's id; each study's value of it is combined as ``aggregate`` says:

    * ``sum`` — a number per study (a count, an amount): a column of the table of studies, and
      the total across them;
    * ``spread`` — a number per study (a ratio, a share): a column, and across the studies the
      lowest, median, mean and highest. ``interval`` ``(metric, low, high)`` says where a study's
      interval is: the keys ``low`` and ``high`` of the value of ``metric`` (shown as ``2,77
      (2,05–3,50)``);
    * ``counts`` — a mapping of counts per category (``{"Being": 38, ...}``): across the studies
      each category's total, its share of all, and in how many studies it occurs;
    * ``members`` — what a study reaches: a list (``[1, 3, 4]``), or a mapping whose keys with a
      true value are reached (with ``field``: whose ``value[field]`` is true): per study how many,
      across the studies for each member how many studies reach it.

    ``categories`` are the categories or members in the order to show (others follow as they
    come); for ``members`` they are the whole set (``8 of 17``). ``labels`` names them for a
    reader (by the category as text). ``kind`` says how its numbers are written: ``count``,
    ``number``, ``percent`` (a fraction), ``money`` (euros) or ``ratio``. The core computes all of
    this; a plugin only declares it.
    """

    title: Text
    aggregate: Literal["sum", "spread", "counts", "members"]
    kind: Literal["count", "number", "percent", "money", "ratio"] = "number"
    interval: tuple[str, str, str] | None = None
    field: str | None = None
    categories: tuple[str, ...] = ()
    labels: dict[str, Text] = Field(default_factory=dict)

    @model_validator(mode="after")
    def _fits(self) -> "PortfolioMetric":
        if self.interval is not None and self.aggregate != "spread":
            raise ValueError("an interval belongs to a 'spread' (one number per study)")
        if self.field is not None and self.aggregate != "members":
            raise ValueError("a field belongs to 'members' (a mapping of what a study reaches)")
        if self.interval is not None and not _DOTTED_ID.match(self.interval[0]):
            raise ValueError(f"interval metric {self.interval[0]!r} must be a metric id such as 'mymethod.summary'")
        return self


CONTRIBUTION_TYPES: dict[str, type[BaseModel]] = {
    "impactkit_study_sections": StudySection,
    "impactkit_validations": Validation,
    "impactkit_metrics": Metric,
    "impactkit_tables": Table,
    "impactkit_visualisations": Visualisation,
    "impactkit_report_sections": ReportSection,
    "impactkit_steps": Step,
    "impactkit_commands": Command,
    "impactkit_coders": Coder,
    "impactkit_portfolio_metrics": PortfolioMetric,
}


def _resolve_forward_references() -> None:
    # pydantic checks only that a callable is callable; the context type is for readers and type
    # checkers, so this layer does not import the higher one that defines it.
    for model in (Validation, Metric, Table, Visualisation, ReportSection, Step, Coder):
        model.model_rebuild(_types_namespace={"Context": Any})


_resolve_forward_references()

"""Experienced changes from survey or interview exports (CSV/XLSX), one row per reported change,
and from the inline changes of ``study.yaml``.

Column names are matched case-insensitively, with Dutch aliases (``persoon``, ``rol``,
``verandering``, ``citaat`` ...). Besides the core's fields, a change has the columns the loaded
plugins declare (:class:`~impactkit.core.contributions.ChangeColumn`, on their study section):
:func:`change_columns` collects them, and each value is read by its column's ``parse`` into
``Change.codes``. The core knows no such column by name. Unknown columns (and the columns of a
plugin that is not loaded) are kept in ``Change.extra``. Every bad cell is reported with its row
(1 is the header, so the first change is row 2) and column; no row is skipped silently.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pydantic import ValidationError

from .contributions import ChangeColumn, Finding, Location
from .errors import Problem, StudyError, TextError
from .i18n import Text, catalog, did_you_mean, fill, msg
from .limits import MAX_SCALE
from .mapping import LOOKUP, REQUIRED, How, Layout
from .model import Change, ChangeRows, ChangesSource, change_frame_columns, column_key, each_value, parse_consent

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

    from .model import Study
    from .plugins import Plugins

_LOOKUP = LOOKUP

MESSAGES = catalog(
    [
        ("what-column", "change column", "veranderingenkolom"),
        (
            "alias-taken",
            "plugin '{plugin}': column '{column}' may not be read from '{alias}', which is already {owner}",
            "plug-in '{plugin}': kolom '{column}' kan niet uit '{alias}' worden gelezen, dat is al {owner}",
        ),
        ("owner-core", "the change's own '{field}'", "het eigen veld '{field}' van een verandering"),
        ("owner-plugin", "column '{column}' of plugin '{plugin}'", "kolom '{column}' van plug-in '{plugin}'"),
        ("in-column", "column '{column}': {why}", "kolom '{column}': {why}"),
        (
            "parse-failed",
            "plugin '{plugin}' could not read column '{column}': {error}",
            "plug-in '{plugin}' kon kolom '{column}' niet lezen: {error}",
        ),
        (
            "key-unknown",
            "'{key}' is not a field of a change nor a column of a loaded plugin (fields: {known}); it is kept "
            "as an extra column{hint}",
            "'{key}' is geen veld van een verandering en geen kolom van een geladen plug-in (velden: {known}); "
            "het blijft bewaard als extra kolom{hint}",
        ),
    ]
)


# -- the columns plugins declare ------------------------------------------------------------------


@dataclass(frozen=True)
class Columns:
    """The change columns the loaded plugins declare, by name (in the order of their sections' ids),
    with the plugin of each, and the findings about declarations that were refused."""

    declared: Mapping[str, ChangeColumn] = field(default_factory=dict)
    plugin: Mapping[str, str] = field(default_factory=dict)
    """Column name → the plugin that declares it."""
    findings: tuple[Finding, ...] = ()

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(self.declared)

    def lookup(self) -> dict[str, str]:
        """Normalised header → the field or declared column it holds (the core's headers first)."""
        out = dict(_LOOKUP)
        for name, column in self.declared.items():
            for alias in (name, *column.aliases):
                out.setdefault(normalise_header(alias), name)
        return out

    def parse(self, name: str, value: Any) -> tuple[list[Any] | None, list[Text]]:
        """The stored value of ``value`` in column ``name`` and, when it cannot be read, why
        (one text per bad part; a plugin's own failure is named as such)."""
        column = self.declared[name]
        try:
            parsed = column.parse(value)
        except TextError as exc:
            return None, [exc.text]
        except ExceptionGroup as group:
            texts = [e.text for e in group.exceptions if isinstance(e, TextError)]
            if len(texts) == len(group.exceptions) and texts:
                return None, texts
            return None, [self._failed(name, group)]
        except Exception as exc:
            return None, [self._failed(name, exc)]
        if not isinstance(parsed, list):
            return None, [self._failed(name, TypeError(f"parse returned {type(parsed).__name__}; expected a list"))]
        return parsed, []

    def _failed(self, name: str, exc: BaseException) -> Text:
        from .plugins import describe_error

        return fill(MESSAGES["parse-failed"], plugin=self.plugin.get(name, "?"), column=name, error=describe_error(exc))


NO_COLUMNS = Columns()
"""No plugin columns (a study read without plugins)."""


def change_columns(plugins: "Plugins | None") -> Columns:
    """The change columns the study sections of ``plugins`` declare.

    A column name two plugins declare is refused for both, and a header alias that is already
    the core's or another column's is not read for it; each with a ``core.plugin-conflict``
    finding naming the plugins.
    """
    if plugins is None:
        return NO_COLUMNS
    sections, _ = plugins.collect("impactkit_study_sections")
    by_name: dict[str, list[tuple[ChangeColumn, str]]] = {}
    for section in sections:
        for column in section.columns:
            by_name.setdefault(column.name, []).append((column, section.plugin))
    findings: list[Finding] = []
    declared: dict[str, ChangeColumn] = {}
    owner: dict[str, str] = {}
    for name, given in by_name.items():
        if len(given) > 1:
            first, second = sorted(plugin for _, plugin in given)[:2]
            findings.append(
                Finding(
                    code="core.plugin-conflict",
                    severity="error",
                    plugin=second,
                    message=msg("plugin-duplicate", what=MESSAGES["what-column"], id=name, first=first, second=second),
                )
            )
            continue
        declared[name], owner[name] = given[0]
    taken: dict[str, Text] = {alias: fill(MESSAGES["owner-core"], field=f) for alias, f in _LOOKUP.items()}
    taken.update({name: fill(MESSAGES["owner-plugin"], column=name, plugin=owner[name]) for name in declared})
    kept: dict[str, ChangeColumn] = {}
    for name, column in declared.items():
        aliases = []
        for alias in column.aliases:
            key = normalise_header(alias)
            if key == name or key in aliases:
                continue
            if key in taken:
                findings.append(
                    Finding(
                        code="core.plugin-conflict",
                        severity="error",
                        plugin=owner[name],
                        message=fill(
                            MESSAGES["alias-taken"], plugin=owner[name], column=name, alias=alias, owner=taken[key]
                        ),
                    )
                )
                continue
            taken[key] = fill(MESSAGES["owner-plugin"], column=name, plugin=owner[name])
            aliases.append(key)
        kept[name] = column.model_copy(update={"aliases": tuple(aliases)})
    return Columns(declared=kept, plugin=owner, findings=tuple(findings))


def study_columns(study: "Study") -> Columns:
    """The change columns of the plugins ``study`` was loaded with (none for a study built in memory)."""
    return change_columns(study._plugins)


# -- reading a table ------------------------------------------------------------------------------


def normalise_header(header: str) -> str:
    """A column header as it is looked up: lower case, runs of spaces and dashes as ``_``
    (``Stakeholder group`` → ``stakeholder_group``)."""
    return column_key(header)


def header_names(frame: "pd.DataFrame") -> dict[str, list[str]]:
    """Every header text of each column of a table (a Qualtrics export's question texts too), by
    the column's name in the frame."""
    given = frame.attrs.get("header_names") or {}
    return {str(c): list(given.get(str(c)) or [str(c)]) for c in frame.columns}


def map_columns(
    columns: list[str], declared: Columns = NO_COLUMNS, source: ChangesSource | None = None
) -> dict[str, str]:
    """Source column → the change field or declared column it holds, for the columns impactkit
    knows (first match wins) and those ``source`` (``changes: {columns: ...}``) names."""
    from .mapping import resolve

    layout, _ = resolve({str(c): [str(c)] for c in columns}, declared.lookup(), source)
    return layout.column_field()


def read_table(
    path: Path,
    plugins: "Plugins",
    *,
    keep_problems: bool = False,
    sheet: str | int | None = None,
    header_rows: int | None = None,
) -> "pd.DataFrame":
    """Read a table through the ``impactkit_read_table`` hook; a :class:`StudyError` if impossible.

    The core's readers note what is wrong with the file's shape (duplicate column names, rows
    with too many cells) in ``frame.attrs["problems"]``; these are raised here, unless
    ``keep_problems``: then they stay on the frame, for :func:`rows_to_changes` to report
    together with every bad cell. A ``sheet`` or ``header_rows`` (see
    :func:`~impactkit.core.readers.read_table_file`) is read by the core's own readers (CSV, XLSX,
    ODS); a plugin's format takes neither.
    """
    from .readers import TABLE_SUFFIXES, read_table_file

    where = Location(file=str(path))
    if not path.is_file():
        raise StudyError([Problem(where, msg("file-missing"))])
    try:
        if (sheet is not None or header_rows is not None) and path.suffix.lower() in TABLE_SUFFIXES:
            frame = read_table_file(path, sheet=sheet, header_rows=header_rows)
        else:
            frame = plugins.pm.hook.impactkit_read_table(path=path)
    except StudyError:
        raise
    except Exception as exc:
        raise StudyError([Problem(where, msg("changes-unreadable", error=f"{type(exc).__name__}: {exc}"))]) from None
    if frame is None:
        raise StudyError([Problem(where, msg("changes-format", suffix=path.suffix or "?"))])
    if not keep_problems and frame.attrs.get("problems"):
        raise StudyError(list(frame.attrs["problems"]))
    return frame


def read_source(
    path: Path, plugins: "Plugins", source: ChangesSource | None = None, declared: "Columns | None" = None
) -> "pd.DataFrame":
    """The table at ``path`` as ``source`` says to read it (its ``sheet`` and ``header_rows``),
    its problems kept on the frame (see :func:`read_table`).

    A workbook whose sheet is not given is read at the sheet whose header holds the most fields
    (the columns ``source`` names, the names impactkit knows): the first, unless another holds
    more — so the data on a workbook's second sheet, after a sheet of explanations, is found.
    """
    from .readers import WORKBOOK_SUFFIXES, read_table_file, sheet_names

    source = source or ChangesSource(file=path.name)
    if source.sheet is None and path.suffix.lower() in WORKBOOK_SUFFIXES and path.is_file():
        try:
            names = sheet_names(path)
        except Exception:
            names = []
        if len(names) > 1:
            lookup = (declared or NO_COLUMNS).lookup()
            best, best_score = None, 0
            for name in names:
                try:
                    frame = read_table_file(path, sheet=name, header_rows=source.header_rows)
                except Exception:
                    continue
                score = _fields_held(frame, lookup, source)
                if score > best_score:
                    best, best_score = frame, score
            if best is not None and best.attrs.get("sheet") != names[0]:
                return best
    return read_table(path, plugins, keep_problems=True, sheet=source.sheet, header_rows=source.header_rows)


def _fields_held(frame: "pd.DataFrame", lookup: Mapping[str, str], source: ChangesSource) -> int:
    from .mapping import resolve

    layout, _ = resolve(header_names(frame), lookup, source)
    return len(layout.fields) + len(layout.wide)


def parse_number(text: str) -> float:
    """A number cell (a decimal comma is allowed); ``ValueError`` when it is not a finite number."""
    value = float(text.replace(",", "."))
    if not math.isfinite(value):
        raise ValueError(text)
    return value


def _by_row(problems: list[Problem]) -> list[Problem]:
    """Problems in file order: by row (stable, so a row's cells stay in column order)."""
    return sorted(problems, key=lambda p: p.location.row if p.location.row is not None else 0)


def rows_to_changes(frame: "pd.DataFrame", file: str, declared: Columns = NO_COLUMNS) -> list[Change]:
    """Turn a table of strings into :class:`Change` objects, or raise with every problem.

    Every row is checked, also after a bad one, and every bad cell of a row is reported; the
    reader's problems (``frame.attrs["problems"]``, see :func:`read_table`) come along, in row
    order.
    """
    changes, problems = check_rows(frame, file, declared)
    if problems:
        raise StudyError(problems)
    return changes


def _cell_value(field_name: str, value: str, declared: Columns, column: str) -> tuple[Any, list[Text]]:
    """A non-empty cell of ``field_name`` (in the file's ``column``) as the change stores it, or why
    it cannot be."""
    if field_name == "importance":
        try:
            return parse_number(value), []
        except ValueError:
            return None, [msg("changes-bad-number", column=column, value=value)]
    if field_name == "consent":
        try:
            return parse_consent(value), []
        except TextError as exc:
            return None, [fill(MESSAGES["in-column"], column=column, why=exc.text)]
    if field_name in declared.declared:
        stored, why = declared.parse(field_name, value)
        return stored, [fill(MESSAGES["in-column"], column=column, why=text) for text in why]
    return value, []


def layout_of(
    frame: "pd.DataFrame",
    file: str,
    declared: Columns = NO_COLUMNS,
    source: ChangesSource | None = None,
    *,
    study: "Study | None" = None,
    how: How = "yaml",
    where: str = "changes.columns",
) -> Layout:
    """Which column of ``frame`` holds which field (:func:`impactkit.core.mapping.resolve`), or a
    :class:`StudyError` when the mapping names what is not there or a required field has no
    column — then with the column that fits it best (:func:`impactkit.core.mapping.propose`) and
    how to accept it (``how``: import flags or ``study.yaml`` lines)."""
    from .mapping import missing_fields, missing_problems, propose, resolve

    names = header_names(frame)
    header_row = int(frame.attrs.get("header_row", 1))
    layout, problems = resolve(names, declared.lookup(), source, file=file, header_row=header_row, where=where)
    if problems:
        raise StudyError(_by_row(problems + list(frame.attrs.get("problems", ()))))
    if missing_fields(layout):
        proposals = propose(names, lambda c: _cells(frame, c), layout, study, keep=source.keep if source else ())
        problems = missing_problems(
            names,
            layout,
            proposals,
            file=file,
            header_row=header_row,
            how=how,
            wide=bool(source and source.wide),
            lookup=declared.lookup(),
            study_file=study.path.name if study is not None and study.path else "study.yaml",
        )
        raise StudyError(problems + list(frame.attrs.get("problems", ())))
    return layout


def _cells(frame: "pd.DataFrame", column: str) -> list[str]:
    return ["" if v is None else str(v).strip() for v in frame[column].tolist()]


ROW_MESSAGES = catalog(
    [
        (
            "in-rows",
            (" (also in {n} more row{rows})", " (also in {n} more rows{rows})"),
            (" (ook in nog {n} rij{rows})", " (ook in nog {n} rijen{rows})"),
        ),
        (
            "map-value",
            "; if it means a value that can be read, map it: {accept}",
            "; als het een leesbare waarde bedoelt, vertaal het: {accept}",
        ),
        (
            "orphan",
            "column '{column}' has a value but '{change}' is empty: a {what} needs its change",
            "kolom '{column}' heeft een waarde maar '{change}' is leeg: een {what} hoort bij een verandering",
        ),
    ]
)


def _grouped(problems: list[Problem]) -> list[Problem]:
    """Problems that say the same of the same column in several rows (the same bad value, the
    same empty column) told once, at the first row, with the other rows named in it."""
    from .mapping import rows_text

    groups: dict[tuple[str | None, str | None, str], list[Problem]] = {}
    for problem in problems:
        where = problem.location
        groups.setdefault((where.file, where.key, problem.message.en), []).append(problem)
    out = []
    for items in groups.values():
        first = items[0]
        rows = [p.location.row for p in items[1:] if p.location.row is not None]
        if len(items) == 1 or first.location.row is None:
            out.extend(items)
            continue
        more = fill(ROW_MESSAGES["in-rows"], n=len(items) - 1, rows=rows_text(rows))
        out.append(Problem(first.location, Text(en=first.message.en + more.en, nl=first.message.nl + more.nl)))
    return out


_MAPPABLE = ("consent", "importance")
"""The core's fields whose bad values an import offers to map (``Ja, graag`` → ``ja``)."""


def _map_value_hint(field_name: str, value: str) -> Text:
    from .mapping import value_flag

    return fill(ROW_MESSAGES["map-value"], accept=value_flag(field_name, value, "VALUE"))


class _Cells:
    """The cells of one column as text (stripped; ``""`` when empty), held as a code per row into
    the distinct texts, so that whatever is done to a text is done once per distinct text."""

    __slots__ = ("codes", "uniques", "empty")
    # ``uniques``: the distinct texts (a list), or, for a column of mostly distinct texts, the
    # text of every row (an array; ``codes`` then counts the rows)

    def __init__(self, codes: Any, uniques: Any):
        import numpy as np

        self.codes = codes
        self.uniques = uniques
        if isinstance(uniques, np.ndarray):
            self.empty = (uniques == "")[codes]
            return
        blank = uniques.index("") if "" in uniques else -1
        self.empty = codes == blank if blank >= 0 else np.zeros(len(codes), dtype=bool)

    @classmethod
    def of(cls, series: "pd.Series") -> "_Cells":
        import numpy as np
        import pandas as pd

        count = len(series)
        if isinstance(series.dtype, pd.StringDtype) and count > 2000:
            sample = series.iloc[:2000]
            if sample.nunique(dropna=False) * 2 > len(sample):  # mostly distinct (ids, changes): strip them all
                texts = series.str.strip().fillna("").to_numpy(dtype=object)
                return cls(np.arange(count), texts)
        codes, uniques = pd.factorize(series)  # a missing cell (None, NaN) is -1
        texts = [str(value).strip() for value in np.asarray(uniques, dtype=object)]
        if "" not in texts and len(set(texts)) == len(texts):  # stripping made no two texts one
            return cls(np.where(codes < 0, len(texts), codes), [*texts, ""])
        texts.append("")
        codes = np.where(codes < 0, len(texts) - 1, codes)
        final, distinct = pd.factorize(np.array(texts, dtype=object))
        return cls(final[codes], [str(text) for text in distinct])

    def take(self, positions: Any) -> "_Cells":
        return _Cells(self.codes[positions], self.uniques)

    def texts(self) -> Any:
        """The text of every cell (an object array)."""
        import numpy as np

        given = self.uniques if isinstance(self.uniques, np.ndarray) else _objects(self.uniques)
        return given[self.codes]


def _objects(values: Sequence[Any]) -> Any:
    """``values`` as a one-dimensional object array (lists stay items, not a second dimension)."""
    import numpy as np

    return np.fromiter(values, dtype=object, count=len(values))


_READ = frozenset({"importance", "consent"})
"""The core's fields whose text is read into a value (:func:`_cell_value`); the others are kept as written."""

_ORPHAN, _CELL, _SHAPE, _SHARED = range(4)
"""The order of a row's problems: cells without their change (wide), bad cells, the reader's, shared ids."""


@dataclass
class _Part:
    """The changes one set of a table's columns gives (a wide table: the cells of one number)."""

    positions: Any
    """The frame positions of the rows that give a change here."""
    number: int
    values: dict[str, Any] = field(default_factory=dict)
    """Field → one value per row (object arrays; ``importance`` floats)."""
    extra: dict[str, Any] = field(default_factory=dict)
    """Unknown column → its text in every row."""
    bad: Any = None
    """Rows (as in ``positions``) with a problem of their own: no change."""


def check_frame(
    frame: "pd.DataFrame",
    file: str,
    declared: Columns = NO_COLUMNS,
    source: ChangesSource | None = None,
    *,
    layout: Layout | None = None,
    study: "Study | None" = None,
    how: How = "yaml",
) -> tuple["pd.DataFrame", list[Problem]]:
    """The changes of the rows that can be read, as one table (the shape of
    :func:`~impactkit.core.model.changes_to_frame`, with the ``row`` of each), and every problem of
    the table, in row order.

    The table is checked a column at a time: each distinct text of a column is read once (its
    ``values:`` meaning, a number, a consent, a declared column's ``parse``), and only the rows
    with a problem are looked at one by one. ``declared`` are the columns of the loaded plugins
    (:func:`change_columns`): a cell of one is read by its ``parse``; without it, such a column is
    an unknown one. ``source`` (``changes: {columns, values, wide}``) says which column holds which
    field and what a value means; a wide table (``wide``) gives one change per filled numbered
    change cell (``Verandering 1``, ``Verandering 2``), with the same-numbered cells of the other
    wide fields. A row with a problem of its own (a bad or empty cell, more cells than the header)
    gives no change, so what is checked further (e.g. :func:`unknown_stakeholders`) is what the
    row says. The same problem of a column in several rows (one bad value, one empty column) is
    told once, naming the rows. A missing required column is raised at once (no row can be read
    then), with the column that fits it best (:func:`layout_of`).
    """
    import numpy as np

    if layout is None:
        layout = layout_of(frame, file, declared, source, study=study, how=how)
    field_of = layout.column_field()
    cells: dict[str, _Cells] = {}
    for position, name in enumerate(frame.columns):  # two columns of one name: the last one's cells
        cells[str(name)] = _Cells.of(frame.iloc[:, position])
    first_row = int(frame.attrs.get("data_row", int(frame.attrs.get("header_row", 1)) + 1))
    count = len(frame)
    filled = ~np.logical_and.reduce([c.empty for c in cells.values()]) if cells else np.zeros(count, dtype=bool)
    rows = np.arange(count) + first_row
    keyed: list[tuple[tuple[int, int, int, int, int], Problem]] = []  # (row, phase, part, column, n)

    def problem(position: int, phase: int, part: int, column_at: int, column: str, text: Text) -> None:
        row = int(rows[position])
        keyed.append(
            ((row, phase, part, column_at, len(keyed)), Problem(Location(file=file, row=row, key=column), text))
        )

    wide_columns = {c for by_number in layout.wide.values() for c in by_number.values()}
    shared = [c for c in cells if c not in wide_columns]
    present = np.flatnonzero(filled)
    parts: list[_Part] = []
    if not layout.wide:
        parts.append(_Part(positions=present, number=0))
        part_columns = [shared]
    else:
        part_columns = []
        changes_by_number = layout.wide.get("change", {})
        for at, n in enumerate(sorted({n for by_number in layout.wide.values() for n in by_number})):
            own = [by_number[n] for by_number in layout.wide.values() if n in by_number]
            change_column = changes_by_number.get(n)
            has_change = ~cells[change_column].empty[present] if change_column else np.zeros(len(present), bool)
            for column_at, column in enumerate(own):
                if column == change_column:
                    continue
                orphans = present[~has_change & ~cells[column].empty[present]]
                what = field_of[column]
                text = fill(ROW_MESSAGES["orphan"], column=column, change=change_column or "change", what=what)
                for position in orphans:
                    problem(position, _ORPHAN, at, column_at, column, text)
            parts.append(_Part(positions=present[has_change], number=at))
            part_columns.append([*shared, *own])
    for part, columns in zip(parts, part_columns):
        _check_part(part, rows, columns, cells, problem, file, declared, layout, field_of, how)
    for shape in frame.attrs.get("problems", ()):  # after a row's cells: the cells past the header's last column
        keyed.append(((shape.location.row or 0, _SHAPE, 0, 0, len(keyed)), shape))
    unreadable = {p.location.row for _, p in keyed}
    readable = _joined(parts, rows, declared, layout)
    for key, found in _shared_id_rows(readable, file):
        keyed.append((key, found))
    keyed.sort(key=lambda item: item[0])
    out = readable[~readable["row"].isin(unreadable)].reset_index(drop=True)
    out.attrs["code_columns"] = readable.attrs["code_columns"]
    return out, _grouped([p for _, p in keyed])


def _check_part(
    part: _Part,
    rows: Any,
    columns: list[str],
    cells: dict[str, _Cells],
    problem: Callable[[int, int, int, int, str, Text], None],
    file: str,
    declared: Columns,
    layout: Layout,
    field_of: dict[str, str],
    how: How,
) -> None:
    """Read the cells ``columns`` of the rows of ``part`` into its values, each distinct text of a
    column once; report every bad cell (through ``problem``) and mark its row bad."""
    import numpy as np

    positions = part.positions
    bad = np.zeros(len(positions), dtype=bool)
    respondent = layout.column("respondent")
    required = [f for f in REQUIRED if not (f == "person" and layout.has("respondent"))]
    for column_at, column in enumerate(columns):
        here = cells[column].take(positions)
        name = field_of.get(column)
        if name is None:
            part.extra[column] = here.texts()
            continue
        if name in required:
            missing = here.empty
            if name == "person" and respondent and respondent in columns:
                missing = missing & cells[respondent].empty[positions]
            for at in np.flatnonzero(missing):
                problem(positions[at], _CELL, part.number, column_at, column, msg("changes-empty-cell", column=column))
                bad[at] = True
        if name not in _READ and name not in declared.declared and not layout.values.get(name):
            values = here.texts()  # a text field as written: nothing to read
            values[here.empty] = None
            part.values[name] = values
            continue
        stored: list[Any] = [None] * len(here.uniques)
        for code in np.unique(here.codes[~here.empty]):
            value = here.uniques[code]
            kept, why = _cell_value(name, layout.value(name, value), declared, column)
            if not why:
                stored[code] = kept
                continue
            hint = _map_value_hint(name, value) if how == "flags" and name in _MAPPABLE else Text(en="", nl="")
            texts = [Text(en=t.en + hint.en, nl=t.nl + hint.nl) for t in why]
            for at in np.flatnonzero(here.codes == code):
                for text in texts:
                    problem(positions[at], _CELL, part.number, column_at, column, text)
                bad[at] = True
        if name == "importance":
            numbers = np.array([np.nan if v is None else v for v in stored], dtype=float)
            part.values[name] = numbers[here.codes] if len(here.codes) else np.zeros(0)
        else:
            values = _objects(stored)[here.codes]
            values[here.empty] = None
            part.values[name] = values
    import pandas as pd

    count = len(positions)
    person = part.values.get("person", _objects([None] * count))
    given = part.values.get("respondent")
    if given is not None:
        person = np.where(pd.isna(person), given, person)  # only the respondent: the person too
    part.values["person"] = person
    odd = pd.isna(person) & ~bad  # what the model refuses that no cell check caught
    importance = part.values.get("importance")
    if importance is not None:
        with np.errstate(invalid="ignore"):
            odd |= (np.abs(importance) > MAX_SCALE) & ~bad
    required = [f for f in REQUIRED if not (f == "person" and layout.has("respondent"))]
    for at in np.flatnonzero(odd):  # the few rows the model refuses: checked by it, one by one
        position = positions[at]
        row_cells = {c: cells[c].uniques[cells[c].codes[position]] for c in columns}
        _, found = _one_change(row_cells, int(rows[position]), file, declared, layout, field_of, required, how)
        for refused in found:
            problem(position, _CELL, part.number, len(columns), refused.location.key or "?", refused.message)
        bad[at] = True
    part.bad = bad


def _joined(parts: list[_Part], rows: Any, declared: Columns, layout: Layout) -> "pd.DataFrame":
    """The changes of every part's good rows as one table, in the order of the rows (a wide row's
    changes by number)."""
    import numpy as np
    import pandas as pd

    codes = [name for name in declared.names if layout.has(name)]
    columns = change_frame_columns(codes)
    extras = _extra_labels(list(parts[0].extra) if parts else [], columns)
    good = [~part.bad for part in parts]
    positions = np.concatenate([part.positions[k] for part, k in zip(parts, good)] or [np.zeros(0, dtype=int)])
    numbers = np.concatenate([np.full(int(k.sum()), part.number) for part, k in zip(parts, good)] or [np.zeros(0)])
    # one part (a table that is not wide) is in row order already; with every row good, its columns are taken as they are
    order = np.lexsort((numbers, positions)) if len(parts) > 1 else slice(None)
    whole = len(parts) == 1 and bool(good[0].all())

    def gathered(name: str, values_of: Callable[[_Part], dict[str, Any]], empty: Any) -> Any:
        pieces = []
        for part, k in zip(parts, good):
            values = values_of(part).get(name)
            if values is None:
                pieces.append(np.full(int(k.sum()), empty, dtype=object))
            else:
                pieces.append(values if whole else values[k])
        if len(pieces) == 1:
            return pieces[0]
        joined = np.concatenate(pieces) if pieces else np.zeros(0, dtype=object)
        return joined[order]

    data: dict[str, Any] = {}
    for name in columns:
        if name == "row":
            data[name] = rows[positions][order].astype("int64")
        elif name == "importance":
            data[name] = gathered(name, lambda p: p.values, np.nan).astype(float)
        else:
            data[name] = gathered(name, lambda p: p.values, None)
    for label, name in extras.items():
        data[label] = gathered(name, lambda p: p.extra, "")
    frame = pd.DataFrame(
        {
            name: values if name in ("row", "importance") else pd.Series(values, dtype=object)
            for name, values in data.items()
        },
        columns=[*columns, *extras],
    )  # text as Python strings, one object per distinct text of a column (what the reader's factorising shared)
    frame.attrs["code_columns"] = tuple(codes)
    frame.attrs["extra_columns"] = dict(extras)
    return frame


def _extra_labels(names: list[str], taken: list[str]) -> dict[str, str]:
    """The column of each unknown column in a change table (its own name, unless that is a field's
    column: then with `` (extra)`` after it) → its name."""
    used = set(taken)
    out = {}
    for name in names:
        label = name
        while label in used:
            label += " (extra)"
        used.add(label)
        out[label] = name
    return out


def _shared_id_rows(frame: "pd.DataFrame", file: str) -> list[tuple[tuple[int, int, int, int, int], Problem]]:
    """:func:`shared_id_problems` of a table's changes, each with its place in the row order: a row
    whose id an earlier row has, with another person (respondent) or another change text than the
    first row of that id. Only the rows whose id another row has are looked at, as columns."""
    import numpy as np
    import pandas as pd

    ids = frame["id"]
    at = np.flatnonzero((ids.notna() & ids.duplicated(keep=False)).to_numpy())
    if not len(at):
        return []
    change_id = ids.to_numpy(dtype=object)[at]
    respondent = frame["respondent"].to_numpy(dtype=object)[at]
    answered = each_value(respondent, bool).astype(bool)
    who = np.where(answered, respondent, frame["person"].to_numpy(dtype=object)[at])
    text = each_value(frame["change"].to_numpy(dtype=object)[at], lambda c: " ".join(c.split()))
    same_id, _ = pd.factorize(change_id)
    _, firsts = np.unique(same_id, return_index=True)
    head = firsts[same_id]  # the first row of each row's id
    who_code, _ = pd.factorize(who)
    text_code, _ = pd.factorize(text)
    same_who = who_code == who_code[head]
    clash = (head != np.arange(len(at))) & ~(same_who & (text_code == text_code[head]))
    row = frame["row"].to_numpy()[at]
    out = []
    for i in np.flatnonzero(clash):
        first = head[i]
        what = "change" if same_who[i] else ("respondent" if answered[first] or answered[i] else "person")
        place = Location(file=file, row=int(row[i]), key=what)
        clash_text = _id_clash(change_id[i], f"row {row[first]}", what)
        out.append(((int(row[i]), _SHARED, 0, 0, len(out)), Problem(place, clash_text)))
    return out


def check_rows(
    frame: "pd.DataFrame",
    file: str,
    declared: Columns = NO_COLUMNS,
    source: ChangesSource | None = None,
    *,
    layout: Layout | None = None,
    study: "Study | None" = None,
    how: How = "yaml",
) -> tuple[list[Change], list[Problem]]:
    """:func:`check_frame`, with the changes as :class:`Change` objects (``import changes`` writes
    them one by one)."""
    table, problems = check_frame(frame, file, declared, source, layout=layout, study=study, how=how)
    return list(ChangeRows(table)), problems


def _one_change(
    cells: dict[str, str],
    row: int,
    file: str,
    declared: Columns,
    layout: Layout,
    field_of: dict[str, str],
    required: list[str],
    how: How,
) -> tuple[Change | None, list[Problem]]:
    """The change the ``cells`` (column → text) of one row say, or the problems of its cells."""
    data: dict[str, Any] = {"row": row, "extra": {}, "codes": {}}
    problems: list[Problem] = []
    respondent = layout.column("respondent")
    for column, value in cells.items():
        field_name = field_of.get(column)
        if field_name is None:
            data["extra"][column] = value
            continue
        if value == "":
            if field_name in required and not (field_name == "person" and respondent and cells.get(respondent)):
                problems.append(
                    Problem(Location(file=file, row=row, key=column), msg("changes-empty-cell", column=column))
                )
            continue
        meant = layout.value(field_name, value)
        stored, why = _cell_value(field_name, meant, declared, column)
        if why:
            hint = (
                _map_value_hint(field_name, value) if how == "flags" and field_name in _MAPPABLE else Text(en="", nl="")
            )
            problems += [
                Problem(Location(file=file, row=row, key=column), Text(en=t.en + hint.en, nl=t.nl + hint.nl))
                for t in why
            ]
            continue
        if field_name in declared.declared:
            data["codes"][field_name] = stored
        else:
            data[field_name] = stored
    if problems:
        return None, problems
    try:
        return Change.model_validate(data), []
    except ValidationError as exc:  # pragma: no cover - the checks above catch what the model would
        reverse = {name: column for column, name in field_of.items()}
        return None, [
            Problem(
                Location(
                    file=file,
                    row=row,
                    key=reverse.get(str(item["loc"][0]), str(item["loc"][0])) if item["loc"] else "?",
                ),
                msg("bad-value", problem=item["msg"]),
            )
            for item in exc.errors(include_url=False)
        ]


# -- inline changes (study.yaml) ------------------------------------------------------------------

_INLINE_FIELDS = tuple(name for name in Change.model_fields if name != "codes")
"""The keys of an inline change the core reads itself (``codes`` is written as the columns' own keys)."""


def inline_changes(
    items: list[Any], declared: Columns, file: str, position: Callable[[list[str | int], bool], Any]
) -> tuple[list[Any], list[Problem], list[Finding]]:
    """The inline changes of ``study.yaml`` ready for the model: each declared column's key read by
    its ``parse`` into ``codes``, and every other key that is not a field of a change kept in
    ``extra`` (as text) with a warning. Returns the changes, the problems of the columns' values
    (at their YAML line) and the warnings.

    ``position(path, of_key)`` is the 1-based ``(line, column)`` of a key path in the file, or ``None``.
    """
    out: list[Any] = []
    problems: list[Problem] = []
    warnings: list[Finding] = []
    known = [*_INLINE_FIELDS, *declared.names]
    for index, item in enumerate(items):
        if not isinstance(item, dict):
            out.append(item)  # the model says what is wrong with it
            continue
        data: dict[str, Any] = {}
        codes: dict[str, Any] = {}
        extra: dict[str, str] = {}
        for key, value in item.items():
            if key in _INLINE_FIELDS:
                data[key] = value
            elif key in declared.declared:
                if value is None or (isinstance(value, str) and not value.strip()):
                    continue  # an empty value: no codes, as an empty cell
                stored, why = declared.parse(key, value)
                if why:
                    where = _at(file, position(["changes", index, key], False), f"changes[{index}].{key}")
                    got = _shown(value)
                    problems += [
                        Problem(where, Text(en=f"{text.en} (got {got})", nl=f"{text.nl} (gekregen: {got})"))
                        for text in why
                    ]
                else:
                    codes[key] = stored
            else:
                extra[key] = _as_text(value)
                hint = did_you_mean(key, known) or Text(en="", nl="")
                warnings.append(
                    Finding(
                        code="core.change-key-unknown",
                        severity="warning",
                        plugin="core",
                        message=fill(MESSAGES["key-unknown"], key=key, known=", ".join(known), hint=hint),
                        location=_at(file, position(["changes", index, key], True), f"changes[{index}].{key}"),
                    )
                )
        if codes:
            data["codes"] = codes
        if extra:
            given = data.get("extra")
            data["extra"] = {**given, **extra} if isinstance(given, dict) else (given if given is not None else extra)
        out.append(data)
    return out, problems, warnings


def _at(file: str, pos: tuple[int, int] | None, key: str) -> Location:
    return Location(file=file, line=pos[0] if pos else None, column=pos[1] if pos else None, key=key)


def _shown(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _as_text(value: Any) -> str:
    """A YAML value as the text of an extra column: a list joined with ``"; "``."""
    if value is None:
        return ""
    if isinstance(value, (list, tuple)):
        return "; ".join(_as_text(v) for v in value)
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def unknown_stakeholders(
    study: "Study", changes: list[Change], file: str, column: str, *, how: How = "yaml"
) -> list[Problem]:
    """The stakeholders the changes name that the study does not have, each value once (in any
    case) at its first row and ``column`` (the header as the file writes it, e.g.
    ``Stakeholdergroep``), with its number of rows, the stakeholder it most likely means and how
    to map it (``how``: an import flag or the ``values:`` of ``study.yaml``)."""
    from .mapping import unknown_values

    return unknown_values(study, [(c.stakeholder, c.row, column) for c in changes], file, how=how)


_WHAT_NL = {"person": "persoon", "respondent": "respondent", "change": "verandering"}


def _id_clash(change_id: str, other: str, what: str) -> Text:
    """Why rows cannot share ``change_id``: ``other`` (``row 3``, ``change 2``) is a different ``what``."""
    other_nl = other.replace("row", "rij").replace("change", "verandering")
    return Text(
        en=f"id '{change_id}' is also used by {other} for a different {what}; rows share an id "
        f"only when they are codings of the same change (double coding)",
        nl=f"id '{change_id}' wordt ook gebruikt door {other_nl} voor een andere "
        f"{_WHAT_NL[what]}; rijen delen alleen een id als ze "
        f"coderingen van dezelfde verandering zijn (dubbel coderen)",
    )


def shared_id_problems(changes: list[Change], where: Callable[[int], Location | None]) -> list[Problem]:
    """Rows may share an ``id`` only as codings of one change: same person (respondent, when
    given), same change text.

    Anything else would merge different changes silently, so it is refused, naming both rows.
    """
    first: dict[str, Change] = {}
    problems = []
    for index, change in enumerate(changes):
        if change.id is None:
            continue
        seen = first.setdefault(change.id, change)
        if seen is change:
            continue
        if (seen.who, " ".join(seen.change.split())) != (change.who, " ".join(change.change.split())):
            if seen.who == change.who:
                what = "change"
            else:
                what = "respondent" if seen.respondent or change.respondent else "person"
            place = where(index) or Location()
            if place.row is not None:
                place = place.model_copy(update={"key": what})
            other = f"row {seen.row}" if seen.row is not None else f"change {changes.index(seen) + 1}"
            problems.append(Problem(place, _id_clash(change.id, other, what)))
    return problems


def load_changes_frame(study: "Study", path: Path, plugins: "Plugins") -> tuple["pd.DataFrame", dict[str, str]]:
    """The changes in ``path`` as one table (:func:`check_frame`) and which column holds each field
    (``{"person": "Persoon", ...}``), read as the study's ``changes:`` says (its sheet, header
    rows, columns, values, wide).

    A missing file is reported at the ``changes:`` line of the study. When some cells cannot be
    used, the rows that can be read are checked for stakeholders the study does not have too
    (when it lists any), so that one round shows everything; in a file without bad cells an
    unknown stakeholder is left to the graph (an error finding).
    """
    if not path.is_file():
        from .locate import locate

        where = locate(study, ("changes",)) or Location(file=str(study.path))
        raise StudyError(
            [
                Problem(
                    where,
                    Text(en=f"changes file '{path}' not found", nl=f"veranderingenbestand '{path}' niet gevonden"),
                )
            ]
        )
    source = study.changes_source
    declared = change_columns(plugins)
    frame = read_source(path, plugins, source, declared)
    layout = layout_of(frame, str(path), declared, source, study=study, how="yaml")
    columns = {name: layout.column(name) or name for name in [*layout.fields, *layout.wide]}
    table, problems = check_frame(frame, str(path), declared, source, layout=layout, study=study)
    if problems:
        if study.stakeholders:  # the graph would tell these later (exit 1); now they come with the cells
            from .mapping import unknown_values

            column = columns.get("stakeholder", "stakeholder")
            found = [(name, int(row), column) for name, row in zip(table["stakeholder"], table["row"])]
            problems += unknown_values(study, found, str(path), how="yaml")
        raise StudyError(_by_row(problems))
    return table, columns


def load_changes_file(study: "Study", path: Path, plugins: "Plugins") -> tuple[list[Change], dict[str, str]]:
    """:func:`load_changes_frame` with the changes as :class:`Change` objects (``import changes``
    keeps a study's changes one by one)."""
    table, columns = load_changes_frame(study, path, plugins)
    return list(ChangeRows(table)), columns

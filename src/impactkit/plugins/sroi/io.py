"""Impact maps as files: CSV/XLSX import with row-and-column errors, XLSX/CSV export.

Files are read by impactkit's row-level reader (:func:`impactkit.plugin.read_rows`, through the
``impactkit_read_table`` hook), as the changes are: the same CSV rules (separator, encoding), and
a format a plugin adds (ODS, SPSS) is an impact map too. Import accepts the Value Map's columns
under their key (``proxy_value``), their English or Dutch label (``Value of proxy``, ``Waarde
proxy``) or a common alias, in any order. In an XLSX file the sheet called *Value Map* /
*Waardekaart* is read (else the first), and the header is the first row that names both a
stakeholder and an outcome column, so the title rows of an exported map are skipped. Rows are
numbered as a spreadsheet shows them (the header of a CSV is row 1).

Every problem is one :class:`MapProblem`: ``FILE:ROW:COLUMN: what is wrong and what is expected``.
Export writes what import reads, so import → export → import gives equal rows.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pydantic import ValidationError

from impactkit.plugin import NO_VALUE, StudyError, Text, TextError, did_you_mean, fill, listed, read_rows

from . import columns as cols
from .model import FIELD_KINDS, NUMBER_FIELDS, Estimate, ValueMapRow, _finish, check_distribution, check_duration
from .parse import (
    SroiValueError,
    is_blank,
    number_text,
    parse_bool,
    parse_distribution,
    parse_drop_off_starts,
    parse_lag,
    parse_value,
    parse_year,
)

if TYPE_CHECKING:  # pragma: no cover
    from .analysis import Analysis

SHEET_NAMES = ("value map", "waardekaart", "impact map", "impactmap", "value_map")
MAX_HEADER_ROW = 25


@dataclass(frozen=True)
class MapProblem:
    """One problem in an impact-map file, with its row (as a spreadsheet numbers it) and column."""

    file: str
    row: int | None
    column: str | None
    message: Text
    code: str = "sroi.map-file"
    severity: str = "error"

    def render(self, lang: str = "en") -> str:
        parts = [self.file]
        if self.row is not None:
            parts.append(str(self.row))
        if self.column:
            parts.append(self.column)
        return f"{':'.join(parts)}: {self.message.get(lang)}"

    def __str__(self) -> str:
        return self.render("en")


@dataclass(frozen=True)
class Origin:
    """Where a row of the impact map came from: a file row, or ``methods.sroi.outcomes[index]``."""

    file: str | None = None
    row: int | None = None
    headers: dict[str, str] = field(default_factory=dict)
    index: int | None = None

    def header(self, key: str) -> str:
        return self.headers.get(key, key)


@dataclass
class ImportedMap:
    rows: list[ValueMapRow]
    origins: list[Origin]
    problems: list[MapProblem]
    rejected: list[tuple[str | None, Origin]] = field(default_factory=list)
    """Rows left out because of a bad cell: their stakeholder text and origin (still checked)."""

    @property
    def errors(self) -> list[MapProblem]:
        return [p for p in self.problems if p.severity == "error"]


class MapFileError(Exception):
    """The file cannot be read as an impact map at all (missing, wrong type, no header)."""

    def __init__(self, problem: MapProblem):
        self.problem = problem
        super().__init__(problem.render())


# -- reading ---------------------------------------------------------------------------------


RowReader = Callable[..., list[tuple[int, list[Any]]]]
"""Reads a tabular file as ``(row number, cells)``, called ``read(path, sheets=...)``: the run's
``Context.read_rows``, or :func:`impactkit.plugin.read_rows` with the command line's plugins
(``functools.partial(read_rows, plugins=invocation.plugins)``). :func:`read_rows` alone reads
impactkit's own formats only."""


def map_rows(path: Path, read: RowReader | None = None) -> list[tuple[int, list[Any]]]:
    """``(row number, cells)`` of an impact-map file, the *Value Map* sheet of a workbook
    preferred; raises :class:`MapFileError` when the file cannot be read (missing, a type no
    reader knows, broken)."""
    try:
        return (read or read_rows)(path, sheets=SHEET_NAMES)
    except StudyError as exc:
        raise MapFileError(MapProblem(str(path), None, None, exc.problems[0].message)) from None


def _find_header(
    rows: list[tuple[int, list[Any]]],
) -> tuple[int, dict[int, str], dict[int, str], list[tuple[int, int]]]:
    """Index into ``rows`` of the header, column position → key, column position → header of the
    columns impactkit does not know (kept as ``extra``), and the pairs of positions
    ``(first, later)`` of columns that mean the same key."""
    for pos, (_, cells) in enumerate(rows[:MAX_HEADER_ROW]):
        keys = {i: cols.column_key(c) for i, c in enumerate(cells) if not is_blank(c)}
        found = {k for k in keys.values() if k}
        if set(cols.REQUIRED) <= found:
            mapping: dict[int, str] = {}
            unknown: dict[int, str] = {}
            twice: list[tuple[int, int]] = []
            for i, key in keys.items():
                if key and key not in mapping.values():
                    mapping[i] = key
                elif key:
                    twice.append((next(j for j, k in mapping.items() if k == key), i))
                elif not cols.is_ignored(cells[i]):
                    unknown[i] = str(cells[i]).strip()
            return pos, mapping, unknown, twice
    raise KeyError


def _letter(index: int) -> str:
    """The spreadsheet letter of the column at ``index`` (0 → A, 26 → AA)."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _cell_text(value: Any) -> str | None:
    """A cell as text; a cell :func:`write_csv` neutralised (``'=…``) as it was written."""
    from impactkit.plugin import restore_cell

    if is_blank(value):
        return None
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return restore_cell(str(value).strip())


def read_impact_map(path: str | Path, display: str | None = None, *, read: RowReader | None = None) -> ImportedMap:
    """Read and check an impact-map file with ``read`` (see :data:`RowReader`). Raises
    :class:`MapFileError` only for unreadable files."""
    path = Path(path)
    shown = display or str(path)
    rows = map_rows(path, read)
    try:
        header_pos, mapping, unknown, twice = _find_header(rows)
    except KeyError:
        found = listed(str(c) for c in (rows[0][1] if rows else []) if not is_blank(c))
        no_header = Text(
            en="no header row with the columns 'stakeholder' and 'outcome' in the first {rows} rows (first row: {found})",
            nl="geen kopregel met de kolommen 'stakeholder' en 'outcome' in de eerste {rows} rijen (eerste rij: {found})",
        )
        raise MapFileError(
            MapProblem(shown, 1 if rows else None, None, fill(no_header, rows=MAX_HEADER_ROW, found=found))
        ) from None
    header_row, header_cells = rows[header_pos]
    headers = {key: str(header_cells[i]).strip() for i, key in mapping.items()}
    problems: list[MapProblem] = []
    for first, later in twice:
        key = mapping[first]
        a, b = str(header_cells[first]).strip(), str(header_cells[later]).strip()
        problems.append(
            MapProblem(
                shown,
                header_row,
                b,
                Text(
                    en=f"column '{b}' ({_letter(later)}) and column '{a}' ({_letter(first)}) are both the column "
                    f"{key} ({cols.label(key, 'en')}); keep one of them",
                    nl=f"kolom '{b}' ({_letter(later)}) en kolom '{a}' ({_letter(first)}) zijn allebei de kolom "
                    f"{key} ({cols.label(key, 'nl')}); houd er één over",
                ),
            )
        )
    problems += _unknown_column_problems(shown, header_row, unknown)
    kept = {i: name for i, name in unknown.items() if next(j for j, other in unknown.items() if other == name) == i}
    width = len(header_cells)

    out_rows: list[ValueMapRow] = []
    origins: list[Origin] = []
    rejected: list[tuple[str | None, Origin]] = []
    headerless: dict[int, int] = {}  # column position → first row with a value under no header
    for number, cells in rows[header_pos + 1 :]:
        values = {key: (cells[i] if i < len(cells) else None) for i, key in mapping.items()}
        extra = {
            name: text
            for i, name in kept.items()
            if (text := _cell_text(cells[i] if i < len(cells) else None)) is not None
        }
        for i in range(len(cells)):
            if (
                i not in mapping
                and i not in unknown
                and i not in headerless
                and not is_blank(cells[i])
                and (i >= width or is_blank(header_cells[i]))
            ):
                headerless[i] = number
        if all(is_blank(v) for v in values.values()) and not extra:
            continue
        first = _cell_text(values.get("stakeholder")) or ""
        if first.casefold() in ("total", "totaal", "totals", "totalen"):
            continue
        row, row_problems = _row(values, number, shown, headers, extra)
        problems += row_problems
        origin = Origin(file=shown, row=number, headers=headers)
        if row is not None:
            out_rows.append(row)
            origins.append(origin)
        else:
            rejected.append((first or None, origin))
    for i, number in sorted(headerless.items()):
        letter = _letter(i)
        problems.append(
            MapProblem(
                shown,
                number,
                letter,
                Text(
                    en=f"column {letter} has values (from row {number}) but no header in row {header_row}, so impactkit "
                    "cannot read or keep them; give the column a header",
                    nl=f"kolom {letter} heeft waarden (vanaf rij {number}) maar geen kop in rij {header_row}, dus impactkit "
                    "kan ze niet lezen of bewaren; geef de kolom een kop",
                ),
                code="sroi.map-column",
                severity="warning",
            )
        )
    return ImportedMap(out_rows, origins, problems, rejected)


def _unknown_column_problems(shown: str, header_row: int, unknown: dict[int, str]) -> list[MapProblem]:
    """One note per column impactkit does not know: kept, not used; a warning when it looks like a
    misspelt impact-map column, an error when two such columns have the same header."""
    out: list[MapProblem] = []
    first_at: dict[str, int] = {}
    for i, name in unknown.items():
        if name in first_at:
            out.append(
                MapProblem(
                    shown,
                    header_row,
                    name,
                    Text(
                        en=f"column '{name}' ({_letter(i)}) has the same header as column {_letter(first_at[name])}; "
                        "rename one of them so that both are kept",
                        nl=f"kolom '{name}' ({_letter(i)}) heeft dezelfde kop als kolom {_letter(first_at[name])}; "
                        "geef er één een andere naam zodat beide bewaard blijven",
                    ),
                    code="sroi.map-column",
                )
            )
            continue
        first_at[name] = i
        close = did_you_mean(cols.normalise(name)[0], cols.COLUMNS)
        hint_en, hint_nl = (close.en, close.nl) if close else ("", "")
        out.append(
            MapProblem(
                shown,
                header_row,
                name,
                Text(
                    en=f"column '{name}' is not an impact-map column: it is kept with each row (as 'extra') and "
                    f"exported again, but not used in the calculation{hint_en}",
                    nl=f"kolom '{name}' is geen kolom van de impactmap: hij blijft bij elke rij bewaard (als 'extra') en "
                    f"wordt weer geëxporteerd, maar telt niet mee in de berekening{hint_nl}",
                ),
                code="sroi.map-column",
                severity="warning" if close else "info",
            )
        )
    return out


def _row(
    values: dict[str, Any], number: int, shown: str, headers: dict[str, str], extra: dict[str, str] | None = None
) -> tuple[ValueMapRow | None, list[MapProblem]]:
    problems: list[MapProblem] = []

    def problem(key: str, text: Text) -> None:
        problems.append(MapProblem(shown, number, headers.get(key, key), text))

    data: dict[str, Any] = {}
    for key in cols.TEXT_COLUMNS:
        data[key] = _cell_text(values.get(key))
    for key in cols.REQUIRED:
        if data[key] is None and key in headers:
            problem(
                key,
                Text(
                    en=f"'{headers[key]}' is empty; every row needs a {key}",
                    nl=f"'{headers[key]}' is leeg; elke rij heeft een {key} nodig",
                ),
            )
    try:
        data["starts_after_activity"] = (
            False if is_blank(values.get("starts_after_activity")) else parse_bool(values["starts_after_activity"])
        )
    except SroiValueError as exc:
        problem("starts_after_activity", exc.text)
    for name in NUMBER_FIELDS:
        try:
            data[name] = estimate_from_cells(name, values)
        except CellError as exc:
            problem(exc.key, exc.text)
    for key, parse in (
        ("year", parse_year),
        ("starts_after_years", parse_lag),
        ("drop_off_starts", parse_drop_off_starts),
        ("proxy_factors", factors_from_cell),
    ):
        if not is_blank(values.get(key)):
            try:
                data[key] = parse(values[key])
            except SroiValueError as exc:
                problem(key, exc.text)
    if problems:
        return None, problems
    data["extra"] = dict(extra or {})
    try:
        return ValueMapRow(**data), []
    except ValidationError as exc:  # the cells together: a lag given twice, a proxy that is not its factors
        return None, [_row_problem(shown, number, headers, exc)]


def _row_problem(shown: str, number: int, headers: dict[str, str], exc: ValidationError) -> MapProblem:
    """The first problem pydantic found in a row whose cells are each fine, at its column."""
    error = exc.errors()[0]
    cause = (error.get("ctx") or {}).get("error")
    text = cause.text if isinstance(cause, TextError) else Text(en=error["msg"], nl=error["msg"])
    key = next((str(part) for part in error.get("loc", ()) if isinstance(part, str)), None)
    if key is None:
        key = "proxy_factors" if "proxy_factors" in text.en else "starts_after_years"
    return MapProblem(shown, number, headers.get(key, key), text)


def factors_from_cell(value: Any) -> list[Any]:
    """The ``proxy_factors`` cell: a list of factors as JSON or YAML flow text, as the export
    writes it (``[{"name": "hours per week", "value": 3}, …]``)."""
    import json

    if isinstance(value, list):
        return value
    text = str(value).strip()
    try:
        parsed = json.loads(text)
    except ValueError:
        from ruamel.yaml import YAML
        from ruamel.yaml.error import YAMLError

        try:
            parsed = YAML(typ="safe").load(text)
        except YAMLError:
            parsed = None
    if not isinstance(parsed, list) or not all(isinstance(item, dict) for item in parsed):
        raise SroiValueError(
            "the proxy factors are a list such as [{name: hours per week, value: 3}, {name: weeks, value: 40}]",
            "de factoren van de proxy zijn een lijst zoals [{name: uren per week, value: 3}, {name: weken, value: 40}]",
        )
    return parsed


def factors_to_cell(row: ValueMapRow) -> str | None:
    """A row's proxy factors as the text of one cell (JSON, which is YAML too), or ``None``."""
    import json

    from .model import estimate_dict

    if not row.proxy_factors:
        return None
    items = [
        {"name": f.name, "value": estimate_dict(f.value)} | ({"source": f.source} if f.source else {})
        for f in row.proxy_factors
    ]
    return json.dumps(items, ensure_ascii=False)


class CellError(Exception):
    def __init__(self, key: str, text: Text):
        self.key = key
        self.text = text
        super().__init__(text.en)


def estimate_from_cells(name: str, values: dict[str, Any]) -> Estimate | None:
    """The :class:`Estimate` of number ``name`` from its value, low, high and distribution cells."""
    kind = FIELD_KINDS[name]
    parsed: dict[str, float | None] = {}
    for part, key in (("value", name), ("low", f"{name}_low"), ("high", f"{name}_high")):
        raw = values.get(key)
        try:
            parsed[part] = None if is_blank(raw) else parse_value(raw, kind)
        except SroiValueError as exc:
            raise CellError(key, exc.text) from None
    dist = None
    key = f"{name}_distribution"
    if not is_blank(values.get(key)):
        try:
            dist = check_distribution(parse_distribution(values[key], kind), kind, parsed["value"])
        except SroiValueError as exc:
            raise CellError(key, exc.text) from None
    if parsed["value"] is None:
        if dist is None:
            if parsed["low"] is not None or parsed["high"] is not None:
                raise CellError(
                    name,
                    Text(
                        en="a range needs a value too (the best estimate between low and high)",
                        nl="een bereik heeft ook een waarde nodig (de beste schatting tussen laag en hoog)",
                    ),
                )
            return None
        parsed["value"] = dist.center()
    try:
        est = _finish(parsed["value"], parsed["low"], parsed["high"], dist)  # type: ignore[arg-type]
    except SroiValueError as exc:
        where = (
            f"{name}_low"
            if parsed["low"] is not None and "range" in exc.text.en
            else (key if dist is not None else name)
        )
        raise CellError(where, exc.text) from None
    if name == "duration":
        try:
            check_duration(est)
        except SroiValueError as exc:
            raise CellError(name if not is_blank(values.get(name)) else key, exc.text) from None
    return est


# -- writing ---------------------------------------------------------------------------------


def row_cells(row: ValueMapRow) -> dict[str, Any]:
    """A row as ``{column key: cell}``; numbers stay numbers, distributions become short forms."""
    out: dict[str, Any] = {}
    for key in cols.TEXT_COLUMNS:
        out[key] = getattr(row, key)
    out["starts_after_activity"] = bool(row.starts_after_activity)
    out["year"] = row.year
    out["starts_after_years"] = row.starts_after_years
    out["drop_off_starts"] = row.drop_off_starts
    out["proxy_factors"] = factors_to_cell(row)
    for name in NUMBER_FIELDS:
        est: Estimate | None = getattr(row, name)
        out[name] = None if est is None else est.value
        out[f"{name}_low"] = None if est is None else est.low
        out[f"{name}_high"] = None if est is None else est.high
        out[f"{name}_distribution"] = None if est is None or est.distribution is None else est.distribution.spec()
    for name, value in row.extra.items():
        out[EXTRA_PREFIX + name] = value
    return out


EXTRA_PREFIX = "extra:"
"""Prefix of the keys of :func:`row_cells` that hold a row's ``extra`` columns (``extra:Notes``)."""


def used_columns(rows: list[ValueMapRow]) -> list[str]:
    """All main columns, the optional and range columns that at least one row fills, then the
    extra columns (as ``extra:<header>``, in the order they first appear)."""
    cells = [row_cells(r) for r in rows]
    return (
        list(cols.MAIN_COLUMNS)
        + [k for k in cols.OPTIONAL_COLUMNS if any(c.get(k) is not None for c in cells)]
        + [k for k in cols.RANGE_COLUMNS if any(c.get(k) is not None for c in cells)]
        + [EXTRA_PREFIX + name for name in extra_columns(rows)]
    )


def extra_columns(rows: list[ValueMapRow]) -> list[str]:
    """The headers of the columns kept as ``extra``, in the order they first appear."""
    names: list[str] = []
    for row in rows:
        names += [name for name in row.extra if name not in names]
    return names


def header_of(key: str, lang: str | None = None) -> str:
    """The header written for column ``key``: the label in ``lang`` (the key itself without a
    language), or for an extra column the header it was read under."""
    if key.startswith(EXTRA_PREFIX):
        return key[len(EXTRA_PREFIX) :]
    return key if lang is None else cols.label(key, lang)


def _csv_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return number_text(value)
    return str(value)


def write_csv(path: str | Path, rows: list[ValueMapRow], results: dict[str, list[float]] | None = None) -> None:
    """The impact map as CSV, column keys as header, then the extra columns under their own header
    (plus computed ``impact``/``present_value``), written in one step. A cell a spreadsheet would
    run as a formula (``=HYPERLINK(…)`` in a proxy's source) gets a leading ``'``
    (``neutralise_cell``); :func:`read_impact_map` takes it off again."""
    from impactkit.plugin import atomic_write, neutralise_cell

    keys = used_columns(rows)
    extra = list(results or {})
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer)
    writer.writerow([neutralise_cell(header_of(k)) for k in keys] + extra)
    for i, row in enumerate(rows):
        cells = row_cells(row)
        texts = [_csv_text(cells.get(k)) for k in keys] + [_csv_text(float(results[k][i])) for k in extra]  # type: ignore[index]
        writer.writerow([neutralise_cell(text) for text in texts])
    atomic_write(path, buffer.getvalue())


STAGES: tuple[tuple[str, tuple[str, ...], str], ...] = (
    ("stage-stakeholders", ("stakeholder",), "DCE6F1"),
    (
        "stage-outcomes",
        ("outcome", "description", "indicator", "indicator_source", "quantity", "duration", "year"),
        "E2EFDA",
    ),
    ("stage-valuing", ("proxy", "proxy_value", "proxy_factors", "proxy_source"), "FFF2CC"),
    (
        "stage-impact",
        (
            "deadweight",
            "displacement",
            "attribution",
            "haircut",
            "drop_off",
            "drop_off_starts",
            "starts_after_activity",
            "starts_after_years",
            "justification",
        ),
        "FCE4D6",
    ),
)
"""The stages of SVI's Value Map over the columns of the map sheet: the heading (a key of
:data:`.texts.WORDS`), the columns under it and their fill colour."""


def write_xlsx(path: str | Path, analysis: "Analysis", lang: str = "en") -> None:
    """An XLSX workbook laid out like SVI's Value Map: map, inputs, calculation, sensitivity, settings."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    from impactkit.plugin import atomic_write

    from .texts import WORDS, percent_text

    vm = analysis.value_map
    rows = [line.row for line in vm.lines]
    settings = vm.settings
    money = f'#,##0.00 "{settings.currency}"' if len(settings.currency) <= 4 else "#,##0.00"
    percent = "0.0%"
    bold = Font(bold=True)
    title_font = Font(bold=True, size=14)
    wrap = Alignment(wrap_text=True, vertical="top")

    book = Workbook()
    sheet = book.active
    sheet.title = WORDS["sheet-map"].get(lang)
    sheet["A1"] = f"{WORDS['value-map'].get(lang)} — {analysis.study_title}"
    sheet["A1"].font = title_font
    rate = settings.discount_rate.value
    sheet["A2"] = fill(
        WORDS["map-subtitle"],
        currency=settings.currency,
        rate=percent_text(rate, lang),
        year=settings.base_year or NO_VALUE,
    ).get(lang)
    keys = used_columns(rows)
    calc = analysis.calculation
    results = ["impact", "present_value"] if calc is not None else []
    header_row = 4
    # stage groups (row 3) over the main columns, then the ranges, then the results
    groups = list(STAGES)
    range_keys = tuple(k for k in keys if k in cols.RANGE_COLUMNS)
    if range_keys:
        groups.append(("stage-ranges", range_keys, "EDEDED"))
    extra_keys = tuple(k for k in keys if k.startswith(EXTRA_PREFIX))
    if extra_keys:
        groups.append(("stage-extra", extra_keys, "F2F2F2"))
    if results:
        groups.append(("stage-results", tuple(results), "D9D9D9"))
    order = [k for _, ks, _ in groups for k in ks if k in keys or k in results]
    colour = {k: c for _, ks, c in groups for k in ks}
    for heading, members, colour_of in groups:
        present = [order.index(k) + 1 for k in members if k in order]
        if not present:
            continue
        first, last = min(present), max(present)
        cell = sheet.cell(row=3, column=first, value=WORDS[heading].get(lang))
        cell.font = bold
        cell.fill = PatternFill("solid", fgColor=colour_of)
        if last > first:
            sheet.merge_cells(start_row=3, start_column=first, end_row=3, end_column=last)
    for j, key in enumerate(order, start=1):
        cell = sheet.cell(row=header_row, column=j, value=header_of(key, lang))
        cell.font = bold
        cell.alignment = wrap
        cell.fill = PatternFill("solid", fgColor=colour.get(key, "FFFFFF"))
        width = (
            28
            if key in ("description", "indicator", "proxy", "proxy_source", "justification", "indicator_source")
            else 16
        )
        sheet.column_dimensions[get_column_letter(j)].width = width
    for i, row in enumerate(rows):
        cells = row_cells(row)
        if calc is not None:
            cells["impact"] = float(calc.impact[i])
            cells["present_value"] = float(calc.present_value[i])
        for j, key in enumerate(order, start=1):
            value = cells.get(key)
            cell = sheet.cell(row=header_row + 1 + i, column=j, value=value)
            if isinstance(value, str) and value.startswith("="):
                cell.data_type = "s"  # text, not a formula
            base = key.rsplit("_", 1)[0] if key in cols.RANGE_COLUMNS else key
            if key.endswith("_distribution"):
                continue
            if FIELD_KINDS.get(base) == "fraction" and isinstance(value, float):
                cell.number_format = percent
            elif (base == "proxy_value" or key in results) and isinstance(value, float):
                cell.number_format = money
    sheet.freeze_panes = sheet.cell(row=header_row + 1, column=3)

    _inputs_sheet(book, analysis, lang, money, bold, title_font)
    _calculation_sheet(book, analysis, lang, money, bold, title_font)
    _sensitivity_sheet(book, analysis, lang, bold, title_font)
    _settings_sheet(book, analysis, lang, bold, title_font)
    out = io.BytesIO()
    book.save(out)
    atomic_write(path, out.getvalue())


def _inputs_sheet(book: Any, analysis: "Analysis", lang: str, money: str, bold: Any, title_font: Any) -> None:
    from .texts import WORDS

    sheet = book.create_sheet(WORDS["sheet-inputs"].get(lang))
    sheet["A1"] = WORDS["inputs"].get(lang)
    sheet["A1"].font = title_font
    valued_in = analysis.value_map.valuation_year
    keys = ["col-stakeholder", "col-input", "col-value", "col-in-kind", "col-valuation", "year"]
    heads = [WORDS[k].get(lang) for k in keys]
    arrays = analysis.arrays
    if arrays is not None and valued_in is not None:
        heads.append(fill(WORDS["col-valued-in"], year=valued_in).get(lang))
    for j, head in enumerate(heads, start=1):
        sheet.cell(row=3, column=j, value=head).font = bold
        sheet.column_dimensions[chr(64 + j)].width = 30 if j in (2, 5) else 18
    r = 4
    base = analysis.value_map.base_year if valued_in is not None else None
    for i, item in enumerate(analysis.value_map.inputs):
        sheet.cell(row=r, column=1, value=item.stakeholder_name)
        sheet.cell(row=r, column=2, value=item.name)
        value = sheet.cell(row=r, column=3, value=None if item.value is None else item.value.value)
        value.number_format = money
        sheet.cell(row=r, column=4, value=WORDS["yes"].get(lang) if item.in_kind else WORDS["no"].get(lang))
        sheet.cell(row=r, column=5, value=item.valuation)
        sheet.cell(row=r, column=6, value=item.year if item.year is not None else base)
        if len(heads) > 6 and arrays is not None:
            sheet.cell(row=r, column=7, value=float(arrays.present_inputs[i])).number_format = money
        r += 1
    sheet.cell(row=r, column=1, value=WORDS["total"].get(lang)).font = bold
    total = sheet.cell(row=r, column=3, value=analysis.value_map.total_inputs)
    total.number_format = money
    total.font = bold
    if len(heads) > 6 and arrays is not None:
        present = sheet.cell(row=r, column=7, value=arrays.total_inputs)
        present.number_format = money
        present.font = bold


def _calculation_sheet(book: Any, analysis: "Analysis", lang: str, money: str, bold: Any, title_font: Any) -> None:
    from .texts import WORDS

    calc = analysis.calculation
    sheet = book.create_sheet(WORDS["sheet-calculation"].get(lang))
    sheet["A1"] = WORDS["calculation"].get(lang)
    sheet["A1"].font = title_font
    if calc is None:
        sheet["A3"] = WORDS["not-computed"].get(lang)
        return
    heads = [WORDS["col-stakeholder"].get(lang), WORDS["col-outcome"].get(lang), cols.label("impact", lang)]
    heads += [analysis.year_label(offset, lang) for offset in calc.offsets.tolist()]
    heads += [cols.label("present_value", lang)]
    for j, head in enumerate(heads, start=1):
        sheet.cell(row=3, column=j, value=head).font = bold
    sheet.column_dimensions["A"].width = 22
    sheet.column_dimensions["B"].width = 32
    r = 4
    for i, line in enumerate(analysis.value_map.lines):
        outcome = line.outcome_name if line.row.year is None else f"{line.outcome_name} ({line.row.year})"
        values = [line.stakeholder_name, outcome, float(calc.impact[i])]
        values += [float(v) for v in calc.years[i]] + [float(calc.present_value[i])]
        for j, value in enumerate(values, start=1):
            cell = sheet.cell(row=r, column=j, value=value)
            if j >= 3:
                cell.number_format = money
        r += 1
    totals = [WORDS["total"].get(lang), None, float(calc.impact.sum())]
    totals += [float(v) for v in calc.years.sum(axis=0)] + [calc.total_present_value]
    for j, value in enumerate(totals, start=1):
        cell = sheet.cell(row=r, column=j, value=value)
        cell.font = bold
        if j >= 3 and value is not None:
            cell.number_format = money
    r += 1
    valued_in = analysis.value_map.valuation_year
    factor_label = (
        fill(WORDS["factor-to"], year=valued_in).get(lang)
        if analysis.value_map.uses_years and valued_in is not None
        else WORDS["discount-factor"].get(lang)
    )
    sheet.cell(row=r, column=1, value=factor_label)
    for t, factor in enumerate(calc.discount, start=4):
        sheet.cell(row=r, column=t, value=float(factor)).number_format = "0.0000"
    r += 1
    sheet.cell(row=r, column=1, value=WORDS["discounted"].get(lang))
    for t, value in enumerate(calc.years.sum(axis=0) * calc.discount, start=4):
        sheet.cell(row=r, column=t, value=float(value)).number_format = money
    r += 2
    summary = calc.summary()
    for key in ("total_inputs", "present_value", "net_present_value", "ratio", "net_ratio", "payback_months"):
        sheet.cell(row=r, column=1, value=WORDS[f"metric-{key}"].get(lang)).font = bold
        cell = sheet.cell(row=r, column=3, value=summary[key])
        cell.number_format = money if key in ("total_inputs", "present_value", "net_present_value") else "0.00"
        r += 1
    r = _ratio_blocks(sheet, analysis, lang, bold, r + 1)
    _year_block(sheet, analysis, lang, money, bold, r + 1)


def _ratio_blocks(sheet: Any, analysis: "Analysis", lang: str, bold: Any, r: int) -> int:
    """The ratio per stakeholder and per group (the value to them against all inputs); the next free row."""
    from .texts import WORDS

    names = {line.stakeholder_id: line.stakeholder_name for line in analysis.value_map.lines}
    for title, ratios, name_of in (
        ("ratio-by-stakeholder", analysis.ratio_by_stakeholder(), lambda key: names.get(key, key)),
        ("ratio-by-group", analysis.ratio_by_group(), lambda key: key),
    ):
        if not ratios:
            continue
        sheet.cell(row=r, column=1, value=WORDS[title].get(lang)).font = bold
        r += 1
        for key, ratio in ratios.items():
            sheet.cell(row=r, column=1, value=name_of(key))
            sheet.cell(row=r, column=2, value=key)
            sheet.cell(row=r, column=3, value=ratio).number_format = "0.00"
            r += 1
        r += 1
    return r


def _year_block(sheet: Any, analysis: "Analysis", lang: str, money: str, bold: Any, r: int) -> None:
    """Value, inputs and ratio per year, as they are and brought to the valuation year."""
    from .texts import WORDS

    records = analysis.by_year()
    if not records:
        return
    sheet.cell(row=r, column=1, value=WORDS["by-year"].get(lang)).font = bold
    r += 1
    valued_in = analysis.value_map.valuation_year
    heads = [WORDS["year"].get(lang), WORDS["col-value"].get(lang)]
    heads += [fill(WORDS["col-valued-in"], year=valued_in).get(lang) if valued_in else WORDS["discounted"].get(lang)]
    heads += [WORDS["inputs-short"].get(lang)]
    heads += [fill(WORDS["col-valued-in"], year=valued_in).get(lang) if valued_in else WORDS["discounted"].get(lang)]
    heads += [WORDS["ratio-axis"].get(lang)]
    for j, head in enumerate(heads, start=1):
        sheet.cell(row=r, column=j, value=head).font = bold
    r += 1
    for record in records:
        values = [analysis.year_label(record["t"], lang), record["value"], record["present_value"]]
        values += [record["inputs"], record["present_inputs"], record["ratio"]]
        for j, value in enumerate(values, start=1):
            cell = sheet.cell(row=r, column=j, value=value)
            if 2 <= j <= 5:
                cell.number_format = money
            elif j == 6:
                cell.number_format = "0.00"
        r += 1


def _sensitivity_sheet(book: Any, analysis: "Analysis", lang: str, bold: Any, title_font: Any) -> None:
    from .texts import WORDS, label_of

    sheet = book.create_sheet(WORDS["sheet-sensitivity"].get(lang))
    sheet["A1"] = WORDS["sensitivity"].get(lang)
    sheet["A1"].font = title_font
    r = 3
    for title_key, frame in (
        ("tornado", analysis.tornado_frame(lang)),
        ("break-even", analysis.break_even_frame(lang)),
    ):
        sheet.cell(row=r, column=1, value=WORDS[title_key].get(lang)).font = bold
        r += 1
        if frame is None or frame.empty:
            sheet.cell(row=r, column=1, value=WORDS["not-computed"].get(lang))
            r += 2
            continue
        coded = {"field", "range_from"}
        for j, head in enumerate(frame.columns, start=1):
            sheet.cell(row=r, column=j, value=label_of(str(head), lang)).font = bold
        r += 1
        for record in frame.itertuples(index=False):
            for j, (head, value) in enumerate(zip(frame.columns, record, strict=True), start=1):
                value = _excel_value(value)
                if head in coded:
                    value = label_of(value, lang)
                elif head == "reachable":
                    value = WORDS["yes"].get(lang) if value else WORDS["no"].get(lang)
                sheet.cell(row=r, column=j, value=value)
            r += 1
        r += 1
    mc = analysis.monte_carlo
    sheet.cell(row=r, column=1, value=WORDS["monte-carlo"].get(lang)).font = bold
    r += 1
    if mc is None:
        sheet.cell(row=r, column=1, value=WORDS["mc-none"].get(lang))
    else:
        for key, value in mc.stats.items():
            sheet.cell(row=r, column=1, value=label_of(key, lang))
            sheet.cell(row=r, column=2, value=_excel_value(value))
            r += 1
    sheet.column_dimensions["A"].width = 40


def _settings_sheet(book: Any, analysis: "Analysis", lang: str, bold: Any, title_font: Any) -> None:
    from impactkit.plugin import impactkit_version

    from .texts import WORDS, label_of

    settings = analysis.value_map.settings
    sheet = book.create_sheet(WORDS["sheet-settings"].get(lang))
    sheet["A1"] = WORDS["settings"].get(lang)
    sheet["A1"].font = title_font
    items = [
        ("currency", settings.currency),
        ("discount_rate", settings.discount_rate.value),
        ("base_year", settings.base_year),
        ("valuation_year", settings.valued_in),
        ("drop_off_starts", settings.drop_off_starts),
        *((f"rates.{year}", rate) for year, rate in sorted(settings.rates.items())),
        ("default_sensitivity", settings.default_sensitivity),
        ("monte_carlo.draws", settings.monte_carlo.draws),
        ("monte_carlo.seed", settings.monte_carlo.seed),
        ("impactkit", impactkit_version),
    ]
    for r, (key, value) in enumerate(items, start=3):
        sheet.cell(row=r, column=1, value=label_of(key.split(".")[0], lang)).font = bold
        sheet.cell(row=r, column=2, value=value)
        sheet.cell(row=r, column=3, value=key)  # the key in study.yaml
    sheet.column_dimensions["A"].width = 32
    sheet.column_dimensions["C"].width = 24


def _excel_value(value: Any) -> Any:
    if value is None:
        return None
    item = getattr(value, "item", None)
    if callable(item):
        value = item()
    if isinstance(value, float) and value != value:
        return None
    return value


def rows_to_yaml(rows: list[ValueMapRow]) -> list[dict[str, Any]]:
    """Rows as plain YAML data for ``methods.sroi.outcomes`` (empty fields left out)."""
    from .model import estimate_dict

    out = []
    for row in rows:
        item: dict[str, Any] = {}
        for key in cols.MAIN_COLUMNS + cols.OPTIONAL_COLUMNS:
            value = getattr(row, key)
            if key in NUMBER_FIELDS:
                value = None if key == "proxy_value" and row.proxy_factors else estimate_dict(value)
            elif key == "proxy_factors":
                value = [
                    {"name": f.name, "value": estimate_dict(f.value)} | ({"source": f.source} if f.source else {})
                    for f in value
                ] or None
            if value is None or (key == "starts_after_activity" and not value):
                continue
            item[key] = value
        if row.extra:
            item["extra"] = dict(row.extra)
        out.append(item)
    return out

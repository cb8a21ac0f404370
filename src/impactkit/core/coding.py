"""Suggested codes that a researcher accepts: the files behind ``impactkit code``.

A :class:`~impactkit.core.contributions.Coder` (contributed through ``impactkit_coders``) knows a
method's codes; this module knows the files, the same for every method:

1. :func:`suggestion_rows` and :func:`write_suggestions` make ``<changes>.<method>-suggestions.csv``
   next to the changes file (``<method>-suggestions.csv`` in the study folder when the changes
   are inline): one row per change to code, with the columns ``id, row, person, stakeholder,
   change, <method>_suggested, <method>_suggested_because, accept`` (the person as every output
   shows it: a pseudonym unless the study has ``privacy: {show_names: true}``; the explanation in
   characters a Windows-1252 save keeps, :func:`cp1252_safe`) (and ``<method>_human``
   before ``accept`` when coded changes are included, for comparison). Nothing else is touched.
2. The researcher writes ``ja`` (or ``yes``, ``x`` …) in ``accept`` for the suggestions to keep,
   and may edit the suggested code first.
3. :func:`accept` copies the accepted codes into the coder's ``column`` of the changes file,
   **only into empty cells**: a human code is never overwritten. Accepting again changes
   nothing: a cell that already holds the accepted codes is counted in one summary line. A row whose ``id`` or
   ``person`` no longer match the changes file, an unknown code (the coder's ``normalise``
   says so) and an accepted row without a code are skipped, each with a note ``FILE:ROW: …``
   naming the row of the suggestions file the researcher marked (or, for a cell that is
   already coded, the row of the changes file). A CSV keeps its separator, encoding (BOM or
   not), line endings, quoting of values and every other column; an XLSX keeps its workbook
   (macros too, for ``.xlsm``), and an integer code goes into a column that holds numbers as a
   number (``4``, not the text ``'4'``), any other code as text. Changes written inline in
   ``study.yaml`` are not edited.

Row numbers are those of the core's readers (:mod:`impactkit.core.readers`): row 1 is a CSV's
header, blank lines keep their numbers, and an XLSX counts the sheet's own rows.
"""

from __future__ import annotations

import codecs
import csv
import io
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .changes import NO_COLUMNS, Columns, map_columns, normalise_header, study_columns
from .contributions import Coder, Evaluation, Suggestion
from .errors import StudyError, UserError
from .files import atomic_write, inside, keep_text, neutralise_cell, restore_cell, study_lock
from .i18n import Text, catalog, fill, msg

if TYPE_CHECKING:  # pragma: no cover - typing only
    from .context import Context
    from .model import Change, Study

YES = frozenset({"ja", "j", "yes", "y", "x", "1", "true", "waar", "ok", "akkoord"})
"""What counts as accepted in the ``accept`` column (compared without case)."""

FIXED_COLUMNS = ("id", "row", "person", "stakeholder", "change")
CSV_SUFFIXES = {".csv", ".tsv", ".txt"}
XLSX_SUFFIXES = {".xlsx", ".xlsm"}

MESSAGES = catalog(
    [
        (
            "skip-coded",
            "{at}: already coded ('{codes}'); not overwritten",
            "{at}: al gecodeerd ('{codes}'); niet overschreven",
        ),
        (
            "unchanged",
            (
                "{n} accepted code was already in {path}; left as it was",
                "{n} accepted codes were already in {path}; left as they were",
            ),
            (
                "{n} geaccepteerde code stond al in {path}; ongewijzigd gelaten",
                "{n} geaccepteerde codes stonden al in {path}; ongewijzigd gelaten",
            ),
        ),
        (
            "skip-moved",
            "{at}: the changes file no longer matches this suggestion (its row {row}: id/person differ); skipped",
            "{at}: het veranderingenbestand klopt niet meer met deze suggestie (rij {row} daar: id/persoon verschillen); "
            "overgeslagen",
        ),
        ("skip-unknown", "{at}: {unknown}; skipped", "{at}: {unknown}; overgeslagen"),
        ("unknown-code", "'{{code}}' is not a code of {title}", "'{{code}}' is geen code van {title}"),
        (
            "skip-empty",
            "{at}: accepted but no code given; skipped",
            "{at}: geaccepteerd maar zonder code; overgeslagen",
        ),
        (
            "inline",
            "the changes are written in the study file itself; copy the accepted codes by hand",
            "de veranderingen staan in het studiebestand zelf; neem de geaccepteerde codes met de hand over",
        ),
        (
            "no-file",
            "no suggestions file {path}; run impactkit code {study} --method {method} first",
            "geen suggestiebestand {path}; voer eerst impactkit code {study} --method {method} uit",
        ),
        (
            "format",
            "codes cannot be written into a '{suffix}' file; copy the accepted codes by hand",
            "codes kunnen niet in een '{suffix}'-bestand worden geschreven; neem de geaccepteerde codes met de hand over",
        ),
        (
            "no-evaluate",
            "the coder '{method}' cannot compare its suggestions with human codes",
            "de codeur '{method}' kan zijn suggesties niet met menselijke codes vergelijken",
        ),
        (
            "formulas",
            "{path} holds formulas (the first in {cell}); impactkit cannot write into it without losing their "
            "results. Nothing was changed. Save the sheet with values instead of formulas (in Excel: select all, "
            "Copy, Paste Special > Values) or as CSV, then run the command again",
            "{path} bevat formules (de eerste in {cell}); impactkit kan er niet in schrijven zonder hun uitkomsten "
            "te verliezen. Er is niets gewijzigd. Sla het blad op met waarden in plaats van formules (in Excel: alles "
            "selecteren, Kopiëren, Plakken speciaal > Waarden) of als CSV, en voer het commando dan opnieuw uit",
        ),
        (
            "encoding",
            "{path} was Windows-1252, which cannot hold every new code; it is now UTF-8 (with a BOM)",
            "{path} was Windows-1252, waarin niet elke nieuwe code past; het is nu UTF-8 (met een BOM)",
        ),
    ]
)


def _text(key: str, **params: Any) -> Text:
    return fill(MESSAGES[key], **params)


class CoderFailed(Exception):
    """A coder's callable raised, or returned something else than it promises; names the plugin."""

    def __init__(self, coder: Coder, what: str, error: str):
        self.coder = coder
        self.text = msg("plugin-hook", plugin=coder.plugin or "?", hook=f"coder '{coder.id}' ({what})", error=error)
        super().__init__(self.text.en)


def _call(coder: Coder, what: str, fn: Callable[..., Any], *args: Any) -> Any:
    from .plugins import describe_error

    try:
        return fn(*args)
    except (StudyError, UserError):
        raise
    except Exception as exc:
        raise CoderFailed(coder, what, describe_error(exc)) from exc


# -- reading the study -------------------------------------------------------------------------


def coding_context(study: "Study", lang: str = "en") -> "Context":
    """The :class:`~impactkit.core.context.Context` a coder's callables receive
    (:func:`impactkit.core.pipeline.context_for`: the study as outputs may show it, the graph with
    the plugins' nodes when the study was loaded with plugins)."""
    from .pipeline import context_for

    return context_for(study, study._plugins, lang=lang)[0]


def code_cell(change: "Change", column: str) -> str:
    """What the change has in ``column`` — a column a plugin declares, a field of the change or an
    unknown column — as text (several codes joined with ``"; "``)."""
    value: Any
    if column in change.codes:
        value = change.codes[column]
    elif column in type(change).model_fields and column not in ("codes", "extra"):
        value = getattr(change, column)
    else:
        value = next((v for k, v in change.extra.items() if normalise_header(k) == column), "")
    if isinstance(value, (list, tuple)):
        return "; ".join(str(v) for v in value)
    return "" if value is None else str(value).strip()


def changes_to_code(ctx: "Context", coder: Coder, *, include_coded: bool = False) -> list[int]:
    """The changes to suggest codes for: the coder's ``to_code``, else those with an empty ``column``."""
    changes = ctx.study.change_list
    if coder.to_code is None:
        return [i for i, change in enumerate(changes) if include_coded or not code_cell(change, coder.column)]
    indices = _call(coder, "to_code", coder.to_code, ctx, include_coded)
    if not isinstance(indices, (list, tuple)) or not all(
        isinstance(i, int) and not isinstance(i, bool) and 0 <= i < len(changes) for i in indices
    ):
        raise CoderFailed(coder, "to_code", f"returned {indices!r:.80}; expected a list of change indices")
    return list(dict.fromkeys(indices))


def suggestions_path(study: "Study", method: str, *, writing: bool = False) -> Path:
    """Where suggestions go: ``<changes stem>.<method>-suggestions.csv`` next to the changes file.

    ``writing``: the path is to be written, so it is refused (:class:`UserError`) when it lies
    outside the study folder (a changes file named outside it)."""
    if study.changes_file is not None:
        path = study.changes_file.with_name(f"{study.changes_file.stem}.{method}-suggestions.csv")
    else:
        path = study.directory / f"{method}-suggestions.csv"
    if writing:
        inside(study.directory, path, what=SUGGESTIONS_FILE, writing=True)
    return path


SUGGESTIONS_FILE = Text(en="the suggestions file", nl="het suggestiebestand")


def suggestion_columns(method: str, *, include_coded: bool = False) -> list[str]:
    """The columns of the suggestions file."""
    columns = [*FIXED_COLUMNS, f"{method}_suggested", f"{method}_suggested_because"]
    if include_coded:
        columns.append(f"{method}_human")
    return [*columns, "accept"]


def suggestion_rows(ctx: "Context", coder: Coder, *, include_coded: bool = False) -> list[dict[str, str]]:
    """The rows of the suggestions file: one per change to code (every change with ``include_coded``)."""
    study = ctx.study
    indices = changes_to_code(ctx, coder, include_coded=include_coded)
    if not indices:
        return []
    found = _call(coder, "suggest", coder.suggest, ctx, list(indices))
    wanted = set(indices)
    if not isinstance(found, (list, tuple)) or not all(isinstance(s, Suggestion) and s.index in wanted for s in found):
        raise CoderFailed(
            coder, "suggest", f"returned {found!r:.80}; expected a list of Suggestion for the changes asked"
        )
    by_index: dict[int, Suggestion] = {}
    for suggestion in found:
        by_index.setdefault(suggestion.index, suggestion)
    method = coder.id
    rows = []
    for index in indices:
        change = study.change_list[index]
        holder = study.stakeholder(change.stakeholder)
        suggestion = by_index.get(index)
        row = {
            "id": change.id or "",
            "row": "" if change.row is None else str(change.row),
            "person": change.person,
            "stakeholder": holder.id if holder else change.stakeholder,
            "change": change.change,
            f"{method}_suggested": suggestion.code if suggestion else "",
            f"{method}_suggested_because": cp1252_safe("; ".join(suggestion.because)) if suggestion else "",
        }
        if include_coded:
            row[f"{method}_human"] = code_cell(change, coder.column)
        row["accept"] = ""
        rows.append(row)
    return rows


_PLAIN = str.maketrans({"→": "->", "←": "<-", "↔": "<->", "⇒": "=>", "≥": ">=", "≤": "<=", "≠": "!=", "✓": "v"})


def cp1252_safe(text: str) -> str:
    """``text`` with only characters a Windows-1252 file can hold (Excel saves a CSV so):
    arrows and signs as ASCII (``→`` as ``->``), other characters by their plain letters, and what
    has none left out. A suggestion's explanation goes through it before it is written."""
    import unicodedata

    out = []
    for char in text.translate(_PLAIN):
        try:
            char.encode("cp1252")
            out.append(char)
        except UnicodeEncodeError:
            out.append("".join(c for c in unicodedata.normalize("NFKD", char) if c.isascii()))
    return "".join(out)


def write_suggestions(rows: list[dict[str, str]], path: Path, method: str) -> None:
    """Write the suggestions file (UTF-8, comma-separated), atomically; a cell that a spreadsheet
    would run as a formula (a change written ``=HYPERLINK(…)``) is neutralised with a leading ``'``
    (:func:`~impactkit.core.files.neutralise_cell`), which :func:`read_accepted` takes off again."""
    include_coded = bool(rows) and f"{method}_human" in rows[0]
    buffer = io.StringIO()
    writer = csv.DictWriter(
        buffer, fieldnames=suggestion_columns(method, include_coded=include_coded), lineterminator="\n"
    )
    writer.writeheader()
    writer.writerows({key: neutralise_cell(value) for key, value in row.items()} for row in rows)
    atomic_write(path, buffer.getvalue())


# -- accepting ---------------------------------------------------------------------------------


def read_accepted(path: Path) -> list[dict[str, str]]:
    """The rows of a suggestions file marked accepted (its separator may have been changed by
    Excel), each cell as it was before :func:`write_suggestions` neutralised it."""
    return [row for _, row in _accepted_rows(path)]


def _accepted_rows(path: Path) -> list[tuple[int, dict[str, str]]]:
    """:func:`read_accepted` with each row's number in the suggestions file (the header is row 1,
    blank lines keep their numbers, as in the core's readers)."""
    from .readers import decode_csv, parse_csv

    text, _ = decode_csv(path.read_bytes(), path)
    delimiter = ","
    for candidate in ",;\t":
        header = next(csv.reader(io.StringIO(text, newline=""), delimiter=candidate), [])
        if "accept" in (cell.strip().casefold() for cell in header):
            delimiter = candidate
            break
    records = parse_csv(text, delimiter, path)
    if not records:
        return []
    names = [cell.strip().casefold() for cell in records[0]]
    out = []
    for number, record in enumerate(records[1:], start=2):
        if not record:
            continue
        clean: dict[str, str] = {}
        for name, value in zip(names, record):
            clean[name] = restore_cell(value or "")  # a repeated column: the last one wins, as with csv.DictReader
        for name in names[len(record) :]:
            clean.setdefault(name, "")
        if clean.get("accept", "").strip().casefold() in YES:
            out.append((number, clean))
    return out


def _at(path: Path, row: int) -> str:
    """``FILE:ROW``, as the core's table locations read."""
    return f"{path}:{row}"


@dataclass(frozen=True)
class Accepted:
    """What :func:`accept` did."""

    accepted: int
    """Rows marked accepted in the suggestions file."""
    copied: int
    """Codes copied into empty cells of the changes file."""
    notes: tuple[Text, ...]
    """One per accepted row that was skipped, one line for all those whose codes were already
    there, and a note when the file's encoding had to change."""
    unchanged: int = 0
    """Accepted rows whose codes the changes file already had (accepting twice changes nothing)."""


def _refuse_formulas(path: Path, book: Any) -> None:
    """Refuse to edit a workbook that holds formulas: openpyxl cannot compute them, so saving it
    would keep each formula but lose its result, and the study would read those cells as empty."""
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if cell.data_type == "f":
                    text = _text("formulas", path=path, cell=f"{sheet.title}!{cell.coordinate}")
                    raise UserError(text.en, text.nl)


class _Sheet:
    """The changes table as cells that can be written back: CSV or XLSX, everything else kept."""

    def __init__(self, path: Path, declared: Columns = NO_COLUMNS, source: Any = None):
        self.path = path
        self.declared = declared
        self.source = source  # the study's changes: mapping (which column holds which field)
        suffix = path.suffix.lower()
        self.xlsx = suffix in XLSX_SUFFIXES
        if self.xlsx:
            from openpyxl import load_workbook

            from .readers import cell_text, check_workbook

            self._cell = cell_text
            check_workbook(path)
            self.book = load_workbook(path, keep_vba=suffix == ".xlsm")
            _refuse_formulas(path, self.book)
            self.sheet = self.book.worksheets[0]
            rows = [[cell_text(c.value) for c in row] for row in self.sheet.iter_rows()]
            at = next((i for i, row in enumerate(rows) if sum(1 for c in row if c.strip()) >= 2), 0)
            header = list(rows[at]) if rows else []
            while header and not header[-1].strip():
                header.pop()
            self.header, self.header_row, self.last_row = header, at + 1, len(rows)
            return
        from .readers import csv_delimiter, decode_csv, parse_csv

        raw = path.read_bytes()
        self.bom = raw.startswith(codecs.BOM_UTF8)
        text, self.encoding = decode_csv(raw, path)
        self.delimiter = csv_delimiter(text)
        end = text.find("\n")
        self.newline = "\r\n" if end > 0 and text[end - 1] == "\r" else "\n"
        self.final_newline = text.endswith(("\n", "\r"))
        self.quote_all = (
            bool(text)
            and text[0] == '"'
            and all(cell.startswith('"') for cell in text.split(self.newline, 1)[0].split(self.delimiter))
        )
        self.records = parse_csv(text, self.delimiter, path)
        if not self.records:
            self.records = [[]]
        self.header, self.header_row, self.last_row = self.records[0], 1, len(self.records)

    def column(self, field: str, create: bool = False) -> int | None:
        """The position of the column holding ``field`` (its aliases count); made when asked."""
        known = map_columns(self.header, self.declared, self.source)
        for name, mapped in known.items():
            if mapped == field:
                return self.header.index(name)
        for position, name in enumerate(self.header):
            if normalise_header(name) == field and name not in known:  # not a column holding another field
                return position
        if not create:
            return None
        self.header.append(field)
        if self.xlsx:
            self.sheet.cell(row=self.header_row, column=len(self.header), value=field)
        else:
            for record in self.records[1:]:
                if record:  # a blank line stays blank
                    record.extend([""] * (len(self.header) - len(record)))
        return len(self.header) - 1

    def get(self, row: int, col: int | None) -> str:
        if col is None or not self.header_row < row <= self.last_row:
            return ""
        if self.xlsx:
            return self._cell(self.sheet.cell(row=row, column=col + 1).value).strip()
        record = self.records[row - 1]
        return record[col].strip() if col < len(record) else ""

    def numeric(self, col: int) -> bool:
        """Whether the column holds numbers: an XLSX column with a number in one of its cells."""
        if not self.xlsx:
            return False
        known = self.__dict__.setdefault("_numeric", {})
        if col not in known:  # decided once, on the cells as they were read
            known[col] = any(
                isinstance(value, (int, float)) and not isinstance(value, bool)
                for value in (
                    self.sheet.cell(row=row, column=col + 1).value
                    for row in range(self.header_row + 1, self.last_row + 1)
                )
            )
        return known[col]

    def set(self, row: int, col: int, value: str) -> None:
        if self.xlsx:
            # an integer code goes into a column of numbers as a number (4, not '4'), else as text
            number = value.isdigit() and value.isascii() and str(int(value)) == value
            keep_text(
                self.sheet.cell(row=row, column=col + 1, value=int(value) if number and self.numeric(col) else value)
            )
            return
        record = self.records[row - 1]
        record.extend([""] * (col + 1 - len(record)))
        record[col] = value

    def add_row(self, like: int) -> int:
        """A new last row holding the cells of row ``like`` (another coder's coding of the same
        change); its number."""
        if self.xlsx:
            width = max(len(self.header), self.sheet.max_column)
            values = [self.sheet.cell(row=like, column=c).value for c in range(1, width + 1)]
            self.last_row += 1
            for col, value in enumerate(values, start=1):
                keep_text(self.sheet.cell(row=self.last_row, column=col, value=value))  # text, never a formula
            return self.last_row
        record = list(self.records[like - 1]) if like - 1 < len(self.records) else []
        self.records.append(record)
        self.last_row = len(self.records)
        return self.last_row

    def save(self) -> Text | None:
        """Write the table back, atomically (a kill or a full disk leaves the old file); a note
        when a Windows-1252 file had to become UTF-8."""
        if self.xlsx:
            out = io.BytesIO()
            self.book.save(out)
            atomic_write(self.path, out.getvalue())
            return None
        buffer = io.StringIO()
        quoting = csv.QUOTE_ALL if self.quote_all else csv.QUOTE_MINIMAL
        csv.writer(buffer, delimiter=self.delimiter, lineterminator=self.newline, quoting=quoting).writerows(
            self.records
        )
        text = buffer.getvalue()
        if not self.final_newline and text.endswith(self.newline):
            text = text[: -len(self.newline)]
        note = None
        if self.encoding == "cp1252":
            try:
                data = text.encode("cp1252")
            except UnicodeEncodeError:
                data = codecs.BOM_UTF8 + text.encode("utf-8")
                note = _text("encoding", path=self.path)
        else:
            data = (codecs.BOM_UTF8 if self.bom else b"") + text.encode("utf-8")
        atomic_write(self.path, data)
        return note


def _same_codes(current: str, codes: list[str | None]) -> bool:
    """Whether a cell already holds exactly these codes (in any order, case and spacing)."""

    def key(code: str) -> str:
        return " ".join(code.split()).casefold()

    return {key(part) for part in current.split(";") if part.strip()} == {key(c) for c in codes if c}


def _row_number(value: str | None) -> int:
    try:
        return int(str(value or "").strip())
    except ValueError:
        return 0


def accept(ctx: "Context", coder: Coder, suggestions: Path) -> Accepted:
    """Copy the accepted suggestions in ``suggestions`` into empty ``coder.column`` cells.

    Raises :class:`~impactkit.core.errors.UserError` when the changes are inline in the study
    file, the suggestions file does not exist, the changes file is not CSV or XLSX, lies outside
    the study folder (or is a symbolic link), or is a workbook with formulas. The changes file is
    read and written while the study is locked (:func:`~impactkit.core.files.study_lock`), and
    written atomically: another command changing the study waits, and a kill leaves it whole.
    """
    study = ctx.study
    if study.changes_file is None:
        raise UserError(MESSAGES["inline"].en, MESSAGES["inline"].nl)
    if not suggestions.is_file():
        text = _text("no-file", path=suggestions, study=study.directory, method=coder.id)
        raise UserError(text.en, text.nl)
    suffix = study.changes_file.suffix.lower()
    if suffix not in CSV_SUFFIXES | XLSX_SUFFIXES:
        text = _text("format", suffix=suffix or "?")
        raise UserError(text.en, text.nl)
    rows = _accepted_rows(suggestions)
    if not rows:
        return Accepted(accepted=0, copied=0, notes=())
    inside(study.directory, study.changes_file, what=CHANGES_FILE, writing=True)  # never edited outside the study
    with study_lock(study.directory):
        return _accept(ctx, coder, suggestions, rows)


CHANGES_FILE = Text(en="the changes file", nl="het veranderingenbestand")


def _accept(ctx: "Context", coder: Coder, suggestions: Path, rows: list[tuple[int, dict[str, str]]]) -> Accepted:
    """:func:`accept` on the study's changes file, read and written while the study is locked."""
    study = ctx.study
    assert study.changes_file is not None
    unknown = coder.unknown_code or Text(
        en=MESSAGES["unknown-code"].en.format(title=coder.title.en),
        nl=MESSAGES["unknown-code"].nl.format(title=coder.title.nl),
    )
    sheet = _Sheet(study.changes_file, study_columns(study), study.changes_source)
    col_code = sheet.column(coder.column, create=True)
    col_id, col_person = sheet.column("id"), sheet.column("person")
    shown = {change.row: change for change in study.change_list}  # the study as outputs show it (pseudonyms)
    copied, unchanged, notes = 0, 0, []
    for line, suggestion in rows:
        here = _at(suggestions, line)  # notes on what the researcher marked: the suggestions file's row
        row = _row_number(suggestion.get("row"))
        code = (suggestion.get(f"{coder.id}_suggested") or "").strip()
        person = (suggestion.get("person") or "").strip()  # as the suggestions file shows it: a pseudonym
        moved = (
            not sheet.header_row < row <= sheet.last_row
            or (col_id is not None and sheet.get(row, col_id) != (suggestion.get("id") or "").strip())
            or (
                col_person is not None
                and sheet.get(row, col_person) != person
                and (row not in shown or shown[row].person != person)
            )
        )
        if moved:
            notes.append(_text("skip-moved", at=here, row=(suggestion.get("row") or "").strip() or "?"))
            continue
        if not code:
            notes.append(_text("skip-empty", at=here))
            continue
        codes = []
        for part in (p.strip() for p in code.split(";")):
            if not part:
                continue
            tidy = _call(coder, "normalise", coder.normalise, ctx, part)
            if tidy is not None and not isinstance(tidy, str):
                raise CoderFailed(coder, "normalise", f"returned {tidy!r:.80}; expected a string or None")
            codes.append(tidy.strip() if tidy else None)
        if not codes or None in codes:
            notes.append(
                Text(
                    en=MESSAGES["skip-unknown"].en.format(at=here, unknown=unknown.en.replace("{code}", code)),
                    nl=MESSAGES["skip-unknown"].nl.format(at=here, unknown=unknown.nl.replace("{code}", code)),
                )
            )
            continue
        current = sheet.get(row, col_code)
        if current and _same_codes(current, codes):  # accepted again: nothing to do, one summary line
            unchanged += 1
            continue
        if current:  # a note on the changes file: its cell is what is kept
            notes.append(_text("skip-coded", at=_at(study.changes_file, row), codes=current))
            continue
        sheet.set(row, col_code, "; ".join(c for c in codes if c))
        copied += 1
    if copied:
        note = sheet.save()
        if note is not None:
            notes.append(note)
    if unchanged:
        notes.append(_text("unchanged", n=unchanged, path=study.changes_file))
    return Accepted(accepted=len(rows), copied=copied, notes=tuple(notes), unchanged=unchanged)


# -- evaluating --------------------------------------------------------------------------------


def evaluate(ctx: "Context", coder: Coder) -> Evaluation:
    """The coder's comparison of its suggestions with the human codes (plain JSON figures)."""
    from .pipeline import jsonable

    if coder.evaluate is None:
        text = _text("no-evaluate", method=coder.id)
        raise UserError(text.en, text.nl)
    result = _call(coder, "evaluate", coder.evaluate, ctx)
    if not isinstance(result, Evaluation):
        raise CoderFailed(coder, "evaluate", f"returned {type(result).__name__}; expected an Evaluation")
    try:
        figures = jsonable(result.figures)
    except TypeError as exc:
        raise CoderFailed(coder, "evaluate", str(exc)) from exc
    return result.model_copy(update={"figures": figures})


# -- what the data records of accepted suggestions -----------------------------------------------


def accepted_suggestions(study: "Study", method: str, column: str | None = None) -> dict[int, str]:
    """The changes coded by accepting a suggestion: change index → the accepted code, for every row
    of the study's ``method`` suggestions file (:func:`suggestions_path`) marked accepted whose
    change — the same row of the changes file, with the same id — still holds exactly that code in
    ``column`` (default: the column named as the method). Empty when there is no suggestions file
    or it cannot be read: what the data does not record counts as coded by hand."""
    if study.changes_file is None:
        return {}
    path = suggestions_path(study, method)
    try:
        rows = _accepted_rows(path) if path.is_file() else []
    except (OSError, UnicodeError, csv.Error):
        return {}
    by_row = {change.row: i for i, change in enumerate(study.change_list) if change.row is not None}
    out: dict[int, str] = {}
    for _, suggestion in rows:
        code = (suggestion.get(f"{method}_suggested") or "").strip()
        index = by_row.get(_row_number(suggestion.get("row")))
        if not code or index is None:
            continue
        change = study.change_list[index]
        same_change = (change.id or "") == (suggestion.get("id") or "").strip()
        if same_change and _same_codes(code_cell(change, column or method), code.split(";")):
            out[index] = code
    return out

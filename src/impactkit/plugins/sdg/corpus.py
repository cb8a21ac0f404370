"""Mapping a corpus to SDGs (``impactkit sdg map``): read in chunks, mapped here, in local
processes or on a Dask cluster, written as the chunks come back, in the corpus's order.

* **Reading** (:func:`open_corpus`): CSV or TSV (``,`` ``;`` or tab, the one the header line uses
  most; UTF-8, else Windows-1252), a workbook (``.xlsx``, read row by row), Parquet (record batches,
  only the columns needed) and JSON lines (``.jsonl``, ``.ndjson``: one object per line) are
  streamed; any other format a plugin reads is read whole. A text's id is its ``--id-column``, else
  its row number (the header is row 1 of a table; the line of a JSON-lines file; the record
  number of a Parquet file).
* **Mapping** (:func:`map_chunk`): the suggester of ``impactkit code --method sdg``
  (:func:`.coding.find`) on each text. The query systems travel to another process as a *spec*
  (:func:`spec`): the names of shipped systems, a user's systems as data; each process compiles
  them once (:func:`systems_of`).
* **Running**: :func:`run_here` (this process), :func:`run_local` (``--workers N``: local
  processes, :mod:`concurrent.futures`) or :func:`run_dask` (``--scheduler``/``--dask``: each
  window of chunks a ``dask.bag`` with one partition per chunk, computed on the cluster). All
  three give the same rows in the same order.
* **Writing** (:func:`writer`): Parquet when the output ends in ``.parquet`` or ``.pq``, else
  CSV; a row group or a block of lines per chunk.
"""

from __future__ import annotations

import csv
import io
import json
import uuid
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

from impactkit.plugin import UserError, format_list, read_rows

CHUNK = 1000
"""Texts per chunk: what one process maps at a time and one write holds."""
COLUMNS = ("id", "goals", "targets", "systems", "queries", "because")
TEXT_COLUMNS = ("text", "abstract", "change", "verandering", "tekst", "description", "beschrijving")
CSV_SUFFIXES = frozenset({".csv", ".tsv", ".txt"})
XLSX_SUFFIXES = frozenset({".xlsx", ".xlsm"})
PARQUET_SUFFIXES = frozenset({".parquet", ".pq"})
JSONL_SUFFIXES = frozenset({".jsonl", ".ndjson"})

Row = tuple[int, list[Any]]
"""A row of the corpus: its number (as :func:`open_corpus` counts) and its cells."""
Chunk = list[tuple[str, str]]
"""``(id, text)`` pairs."""


def _unreadable(shown: str, exc: BaseException, line: int | None = None) -> UserError:
    where = f"{shown}:{line}" if line else shown
    error = f"{type(exc).__name__}: {exc}".splitlines()[0]
    return UserError(f"{where}: cannot read the texts ({error})", f"{where}: de teksten zijn niet te lezen ({error})")


@dataclass
class Corpus:
    """An opened corpus: its header, how many rows it has (``None``: not known beforehand), and its
    rows, read as they are asked for."""

    shown: str
    header: list[str]
    total: int | None
    rows: Iterator[Row]

    def column(self, wanted: str | None, fallback: tuple[str, ...] = ()) -> int:
        """The position of column ``wanted`` (any case), else of the first of ``fallback``; a
        :class:`UserError` naming the file and the columns there are when there is none."""
        folded = [name.strip().casefold() for name in self.header]
        for candidate in (wanted,) if wanted else fallback:
            if candidate and candidate.casefold() in folded:
                return folded.index(candidate.casefold())
        shown_en, shown_nl = (format_list([n for n in self.header if n.strip()], lang) for lang in ("en", "nl"))
        if wanted:
            raise UserError(
                f"{self.shown}: there is no column '{wanted}' (columns: {shown_en})",
                f"{self.shown}: er is geen kolom '{wanted}' (kolommen: {shown_nl})",
            )
        raise UserError(
            f"{self.shown}: which column holds the texts? Name it with --text-column (columns: {shown_en})",
            f"{self.shown}: welke kolom bevat de teksten? Noem haar met --text-column (kolommen: {shown_nl})",
        )

    def chunks(self, text_column: str | None, id_column: str | None, size: int = CHUNK) -> Iterator[Chunk]:
        """The ``(id, text)`` pairs of the corpus, ``size`` at a time; a row with no cell filled is
        left out (it holds no text and no id)."""
        text_at = self.column(text_column, TEXT_COLUMNS)
        id_at = self.column(id_column) if id_column else None
        chunk: Chunk = []
        for number, cells in self.rows:
            if not any(c not in (None, "") for c in cells):
                continue
            ident = _cell(cells, id_at) if id_at is not None else str(number)
            chunk.append((ident, _cell(cells, text_at)))
            if len(chunk) >= size:
                yield chunk
                chunk = []
        if chunk:
            yield chunk


def _cell(cells: list[Any], at: int) -> str:
    value = cells[at] if at < len(cells) else None
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value)


def open_corpus(path: Path, shown: str, plugins: Any = None) -> Corpus:
    """The corpus at ``path`` (see the module's docstring); a missing or unreadable file is a
    :class:`UserError` naming it (and the line, where one is to blame)."""
    path = Path(path)
    if not path.is_file():
        raise UserError(f"{shown}: there is no such file", f"{shown}: dit bestand bestaat niet")
    suffix = path.suffix.lower()
    try:
        if suffix in CSV_SUFFIXES:
            corpus = _csv(path, shown)
        elif suffix in XLSX_SUFFIXES:
            corpus = _xlsx(path, shown)
        elif suffix in PARQUET_SUFFIXES:
            corpus = _parquet(path, shown)
        elif suffix in JSONL_SUFFIXES:
            corpus = _jsonl(path, shown)
        else:
            corpus = _table(path, shown, plugins)
    except UserError:
        raise
    except Exception as exc:  # a damaged file: the reader's own words, one line
        raise _unreadable(shown, exc) from None
    if not corpus.header:
        raise UserError(f"{shown}: the file holds no texts", f"{shown}: het bestand bevat geen teksten")
    return corpus


def _guarded(rows: Iterator[Row], shown: str, lines: bool = False) -> Iterator[Row]:
    """``rows``, with an error while reading them a :class:`UserError` naming the file (and, for
    ``lines``, the line after the last one read)."""
    number = 0
    try:
        for number, cells in rows:
            yield number, cells
    except UserError:
        raise
    except Exception as exc:
        raise _unreadable(shown, exc, number + 1 if lines else None) from None


def _encoding(path: Path) -> str:
    with path.open("rb") as handle:
        sample = handle.read(1 << 20)
    try:
        sample.decode("utf-8")
    except UnicodeDecodeError as exc:
        if exc.start < len(sample) - 4:  # not just a character cut off by the sample's end
            return "cp1252"
    return "utf-8-sig"


def _csv(path: Path, shown: str) -> Corpus:
    encoding = _encoding(path)

    def reader(handle: io.TextIOBase) -> Iterator[list[str]]:
        first = handle.readline()
        delimiter = max(",;\t", key=first.split("\n", 1)[0].count)
        handle.seek(0)
        csv.field_size_limit(1 << 24)
        return csv.reader(handle, delimiter=delimiter, strict=True)

    with path.open(encoding=encoding, newline="") as handle:
        total = max(0, sum(1 for _ in reader(handle)) - 1)

    def rows() -> Iterator[Row]:
        with path.open(encoding=encoding, newline="") as handle:
            found = reader(handle)
            next(found, None)
            number = 1
            for cells in found:
                number += 1
                yield number, list(cells)

    with path.open(encoding=encoding, newline="") as handle:
        header = next(reader(handle), [])
    return Corpus(shown, [str(h) for h in header], total, _guarded(rows(), shown, lines=True))


def _xlsx(path: Path, shown: str) -> Corpus:
    from openpyxl import load_workbook

    book = load_workbook(path, read_only=True, data_only=True)
    sheet = next((s for s in book.worksheets if s.max_row and s.max_row > 0), book.active)
    found = sheet.iter_rows(values_only=True)
    header = next(found, ())
    total = max(0, (sheet.max_row or 1) - 1)

    def rows() -> Iterator[Row]:
        try:
            for number, cells in enumerate(found, start=2):
                yield number, list(cells)
        finally:
            book.close()

    return Corpus(shown, ["" if h is None else str(h) for h in header], total, _guarded(rows(), shown))


def _pyarrow_parquet():
    try:
        import pyarrow.parquet as pq
    except ImportError as exc:
        raise UserError(
            f"Parquet needs pyarrow: pip install 'impactkit[parquet]' ({exc})",
            f"Parquet vraagt pyarrow: pip install 'impactkit[parquet]' ({exc})",
        ) from exc
    return pq


def _parquet(path: Path, shown: str) -> Corpus:
    pq = _pyarrow_parquet()
    table = pq.ParquetFile(path)
    header = list(table.schema_arrow.names)

    def rows() -> Iterator[Row]:
        number = 0
        for batch in table.iter_batches(batch_size=CHUNK):
            columns = [batch.column(i).to_pylist() for i in range(batch.num_columns)]
            for cells in zip(*columns, strict=True):
                number += 1
                yield number, list(cells)

    return Corpus(shown, header, table.metadata.num_rows, _guarded(rows(), shown))


def _jsonl(path: Path, shown: str) -> Corpus:
    encoding = _encoding(path)
    header: list[str] = []
    with path.open(encoding=encoding) as handle:
        total = 0
        for line in handle:
            if line.strip():
                total += 1
                if not header:
                    header = _object(line, shown, total)
    keys = list(header)

    def rows() -> Iterator[Row]:
        with path.open(encoding=encoding) as handle:
            for number, line in enumerate(handle, start=1):
                if not line.strip():
                    continue
                found = json.loads(line)
                if not isinstance(found, dict):
                    raise ValueError("a line of a JSON-lines corpus is an object ({...})")
                for key in found:
                    if key not in keys:
                        keys.append(key)
                yield number, [found.get(key) for key in keys]

    return Corpus(shown, keys, total, _guarded(rows(), shown, lines=True))


def _object(line: str, shown: str, number: int) -> list[str]:
    try:
        found = json.loads(line)
    except json.JSONDecodeError as exc:
        raise _unreadable(shown, exc, number) from None
    if not isinstance(found, dict):
        raise UserError(
            f'{shown}:{number}: a line of a JSON-lines corpus is an object ({{"abstract": ...}})',
            f'{shown}:{number}: een regel van een JSON-lines-corpus is een object ({{"abstract": ...}})',
        )
    return [str(key) for key in found]


def _table(path: Path, shown: str, plugins: Any) -> Corpus:
    try:
        table = [(n, cells) for n, cells in read_rows(path, plugins) if any(c not in (None, "") for c in cells)]
    except Exception as exc:
        raise _unreadable(shown, exc) from None
    if not table:
        return Corpus(shown, [], 0, iter(()))
    (_, header), rows = table[0], table[1:]
    return Corpus(shown, ["" if h is None else str(h) for h in header], len(rows), iter(rows))


# -- the query systems in another process ------------------------------------------------------


def spec(systems: list) -> tuple[str, tuple]:
    """What another process needs to build ``systems`` again: a key (to compile them once per
    process), the shipped systems by name and a user's systems as their queries."""
    from .querysets import BUILTIN, builtin

    parts = tuple(
        system.name if system.name in BUILTIN and builtin(system.name) is system else system for system in systems
    )
    return uuid.uuid4().hex, parts


_SYSTEMS: dict[str, list] = {}


def systems_of(given: tuple[str, tuple]) -> list:
    """The query systems of a :func:`spec`, built (and compiled) once per process."""
    from .querysets import builtin

    key, parts = given
    found = _SYSTEMS.get(key)
    if found is None:
        if len(_SYSTEMS) >= 4:
            _SYSTEMS.clear()
        found = _SYSTEMS[key] = [builtin(part) if isinstance(part, str) else part for part in parts]
    return found


def map_chunk(given: tuple[str, tuple], chunk: Chunk) -> tuple[list[list[str]], dict[int, int]]:
    """The output rows of one chunk, and per goal how many of its texts it was suggested for."""
    from .coding import find

    systems = systems_of(given)
    several = len(systems) > 1
    rows = []
    counts: dict[int, int] = {}
    for ident, text in chunk:
        found = find(systems, text)
        for hit in found:
            counts[hit.goal] = counts.get(hit.goal, 0) + 1
        rows.append(
            [
                ident,
                "; ".join(str(hit.goal) for hit in found),
                "; ".join(t for hit in found for t in hit.targets),
                "; ".join(f"{hit.goal}: {', '.join(hit.systems)}" for hit in found) if several else "",
                "; ".join(q for hit in found for q in hit.queries),
                " | ".join(f"SDG {hit.goal} — {', '.join(hit.reasons)}" for hit in found),
            ]
        )
    return rows, counts


Result = tuple[list[list[str]], dict[int, int]]


def run_here(given: tuple[str, tuple], chunks: Iterable[Chunk]) -> Iterator[Result]:
    for chunk in chunks:
        yield map_chunk(given, chunk)


def _context() -> Any:
    """Worker processes fork where that is safe (Linux: the compiled queries come along), else spawn."""
    import multiprocessing
    import sys

    return multiprocessing.get_context("fork" if sys.platform.startswith("linux") else "spawn")


def run_local(given: tuple[str, tuple], chunks: Iterable[Chunk], workers: int) -> Iterator[Result]:
    """The chunks in ``workers`` local processes, a few chunks ahead of what was written, in order."""
    from collections import deque
    from concurrent.futures import ProcessPoolExecutor

    systems_of(given)  # compiled here once: forked workers inherit it
    pool = ProcessPoolExecutor(max_workers=workers, mp_context=_context())
    pending: deque = deque()
    try:
        for chunk in chunks:
            pending.append(pool.submit(map_chunk, given, chunk))
            if len(pending) >= 2 * workers:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()
    except BaseException:
        pool.shutdown(wait=False, cancel_futures=True)
        raise
    pool.shutdown()


def run_dask(given: tuple[str, tuple], chunks: Iterable[Chunk], client: Any) -> Iterator[Result]:
    """The chunks on the Dask cluster of ``client``: each window of chunks a ``dask.bag`` with one
    partition per chunk, mapped by :func:`map_chunk` and computed there, in order. The workers need
    impactkit (and the plugins that read a user's query sets) installed."""
    import dask.bag as db

    workers = max(1, len(client.scheduler_info().get("workers", {})))
    window: list[Chunk] = []

    def compute(batch: list[Chunk]) -> list[Result]:
        bag = db.from_sequence(batch, npartitions=len(batch)).map(_mapped, given)
        return list(bag.compute(scheduler=client))

    for chunk in chunks:
        window.append(chunk)
        if len(window) >= 2 * workers:
            yield from compute(window)
            window = []
    if window:
        yield from compute(window)


def _mapped(chunk: Chunk, given: tuple[str, tuple]) -> Result:
    return map_chunk(given, chunk)


# -- writing -----------------------------------------------------------------------------------


def is_parquet(output: str | Path) -> bool:
    return Path(output).suffix.lower() in PARQUET_SUFFIXES


class Writer:
    """Rows written as they come: to a binary file ``handle`` (Parquet or CSV in UTF-8) or, as
    CSV, to ``emit`` (the screen). :meth:`close` leaves ``handle`` open: its owner closes it."""

    def __init__(self, target: BinaryIO | Callable[[str], None], parquet: bool = False):
        self._emit: Callable[[str], None] | None = None
        self._text: io.TextIOWrapper | None = None
        self._parquet: Any = None
        if callable(target):
            self._emit = target
        elif parquet:
            pq = _pyarrow_parquet()
            import pyarrow as pa

            self._schema = pa.schema([(name, pa.string()) for name in COLUMNS])
            self._parquet = pq.ParquetWriter(target, self._schema)
        else:
            self._text = io.TextIOWrapper(target, encoding="utf-8", newline="")
        self._lines([list(COLUMNS)])

    def _lines(self, rows: list[list[str]]) -> None:
        if self._parquet is not None:
            return
        buffer = io.StringIO()
        csv.writer(buffer, lineterminator="\n").writerows(rows)
        if self._text is not None:
            self._text.write(buffer.getvalue())
        elif self._emit is not None:
            self._emit(buffer.getvalue())

    def write(self, rows: list[list[str]]) -> None:
        if self._parquet is not None:
            import pyarrow as pa

            columns = {name: [row[i] for row in rows] for i, name in enumerate(COLUMNS)}
            self._parquet.write_table(pa.table(columns, schema=self._schema))
        else:
            self._lines(rows)

    def close(self) -> None:
        """The file complete: Parquet's footer written, the CSV's text flushed."""
        if self._parquet is not None:
            self._parquet.close()
            self._parquet = None
        elif self._text is not None:
            self._text.flush()
            self._text.detach()
            self._text = None


def summary_csv(counts: dict[int, int], texts: int, with_goal: int) -> str:
    """Per goal how many texts it was suggested for, and the share of all texts (CSV: data, a
    decimal point, rounded to four decimals)."""
    from .goals import goals

    buffer = io.StringIO()
    out = csv.writer(buffer, lineterminator="\n")
    out.writerow(("goal", "name", "texts", "share"))
    for number, goal in goals().items():
        n = counts.get(number, 0)
        out.writerow((number, goal.short_en, n, round(n / texts, 4) if texts else ""))
    out.writerow(("any", "texts with a suggested goal", with_goal, round(with_goal / texts, 4) if texts else ""))
    out.writerow(("all", "texts", texts, 1 if texts else ""))
    return buffer.getvalue()


def summary_path(output: Path) -> Path:
    """``sdgs.parquet`` → ``sdgs.goals.csv``: where the per-goal counts go."""
    return output.with_name(output.stem + ".goals.csv")

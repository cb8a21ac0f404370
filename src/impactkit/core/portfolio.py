"""A portfolio of studies: many studies analysed at once, one overview (``impactkit portfolio``).

A university or a national programme brings together hundreds of werkplaatsen and leerkringen.
:func:`run_portfolio` finds their study folders (:func:`find_studies`), analyses each one —
here, in local worker processes, or on a Dask cluster — and gathers per study its key figures and
its findings, and across the studies what the plugins declare to add up
(:class:`~impactkit.core.contributions.PortfolioMetric`, hook ``impactkit_portfolio_metrics``).
The core knows no method: it sums, spreads and counts what the plugins declare.

A study that cannot be analysed (unreadable, or a bug) is a row with its error, in both
languages; the other studies go on, also when a worker process dies. Every row is plain JSON
(:func:`run_study` is what a worker runs), so the same rows come back from every way of running
them, in the order the studies were found. Writing the report and tables is
:mod:`impactkit.core.portfolio_output`.
"""

from __future__ import annotations

import os
import statistics
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ._version import __version__
from .contributions import Finding, PortfolioMetric
from .errors import StudyError, UserError
from .i18n import Text, catalog, fill
from .numbers import format_number

if TYPE_CHECKING:  # pragma: no cover
    from .plugins import Plugins

Row = dict[str, Any]
Progress = Callable[[int, int, Row], None]
"""``progress(done, total, row)``: called in the caller's process as each study finishes."""

MESSAGES = catalog(
    [
        (
            "internal",
            "internal error: {error} (please report it)",
            "interne fout: {error} (meld het alsjeblieft)",
        ),
        (
            "worker-died",
            "the worker process analysing this study stopped (a crash, or out of memory)",
            "het werkproces dat deze studie analyseerde stopte (een crash, of geheugen vol)",
        ),
        ("status-ok", "analysed", "geanalyseerd"),
        ("interval-low", "low", "onder"),
        ("interval-high", "high", "boven"),
        ("status-errors", "with errors", "met fouten"),
        ("status-failed", "failed", "mislukt"),
        (
            "summary",
            (
                "{n} study: {ok} analysed without errors, {errors} with errors in its findings, {failed} failed.",
                "{n} studies: {ok} analysed without errors, {errors} with errors in their findings, {failed} failed.",
            ),
            (
                "{n} studie: {ok} zonder fouten geanalyseerd, {errors} met fouten in de bevindingen, {failed} mislukt.",
                "{n} studies: {ok} zonder fouten geanalyseerd, {errors} met fouten in de bevindingen, {failed} mislukt.",
            ),
        ),
    ]
)
"""The words of the portfolio a worker and the report use (the report's own are in portfolio_output)."""


def say(key: str, /, **params: Any) -> Text:
    """Message ``key`` of :data:`MESSAGES`, filled in (numbers as each language writes them)."""
    shown = {
        k: Text.per_language(lambda lang, v=v: format_number(v, lang)) if isinstance(v, int) and k != "n" else v
        for k, v in params.items()
    }
    return fill(MESSAGES[key], **shown)


STUDY_FILE = "study.yaml"
SKIPPED_FOLDERS = frozenset({"__pycache__", "node_modules", "output"})
"""Folders never searched for studies (besides hidden ones): a study's own output, caches."""


# -- finding the studies -----------------------------------------------------------------------


def find_studies(paths: Iterable[str | Path]) -> list[Path]:
    """The study folders ``paths`` name, in the order given: a folder with ``study.yaml`` (or the
    file itself) is a study; any other folder stands for every study below it (a folder of
    werkplaatsen, of years...), searched without entering a study's own folder, in name order.
    A path that is missing, or holds no study, is a :class:`UserError`; a study named twice is
    counted once."""
    found: list[Path] = []
    seen: set[Path] = set()
    for given in paths:
        path = Path(given)
        if path.is_file() and path.name == STUDY_FILE:
            path = path.parent
        if not path.is_dir():
            raise UserError(
                f"{given}: no such folder (give study folders, or folders that hold them)",
                f"{given}: deze map bestaat niet (geef studiemappen, of mappen waarin ze staan)",
            )
        studies = [path] if (path / STUDY_FILE).is_file() else _below(path)
        if not studies:
            raise UserError(
                f"{given}: holds no {STUDY_FILE}, and no folder below it does",
                f"{given}: bevat geen {STUDY_FILE}, en geen map eronder",
            )
        for study in studies:
            key = study.resolve()
            if key not in seen:
                seen.add(key)
                found.append(study)
    return found


def _below(folder: Path) -> list[Path]:
    """Every study folder under ``folder`` (not inside another study), in name order."""
    out: list[Path] = []
    for top, dirs, files in os.walk(folder):
        if STUDY_FILE in files and Path(top) != folder:
            out.append(Path(top))
            dirs[:] = []  # a study's subfolders are its own, not studies of the portfolio
            continue
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and d not in SKIPPED_FOLDERS)
    return sorted(out, key=lambda p: p.relative_to(folder).parts)


# -- one study, in a worker ------------------------------------------------------------------------

_MANAGERS: dict[tuple[str, ...], Plugins] = {}
_MANAGERS_LOCK = threading.Lock()


def _manager(plugins: Sequence[str]) -> Plugins:
    """The plugin manager of this worker for the plugins ``plugins`` (made once per process;
    threads of one worker share it)."""
    from .plugins import make_manager

    key = tuple(plugins)
    with _MANAGERS_LOCK:
        if key not in _MANAGERS:
            _MANAGERS[key] = make_manager(load=list(key))
        return _MANAGERS[key]


def run_study(folder: str, plugins: Sequence[str] | Plugins, metric_ids: Sequence[str], lang: str = "en") -> Row:
    """Analyse the study in ``folder`` with ``plugins`` (their names, loaded once per worker
    process, or a manager) and return its row: plain JSON, what a worker sends back.

    ``{"folder", "id", "title", "language", "status", "error", "findings", "metrics",
    "versions", "seconds"}``: ``status`` is ``ok`` (no error findings), ``errors`` (analysed, with
    error findings) or ``failed`` (it could not be analysed; ``error`` says why in ``en`` and
    ``nl``); ``findings`` counts them by severity; ``metrics`` holds the ``metric_ids`` the study
    gives; ``versions`` impactkit's and each plugin's version in the worker.
    """
    from .load import load_study
    from .pipeline import analyse

    start = time.perf_counter()
    row: Row = {
        "folder": str(folder),
        "id": None,
        "title": None,
        "language": None,
        "status": "failed",
        "error": None,
        "findings": {"error": 0, "warning": 0, "info": 0},
        "metrics": {},
        "versions": {},
    }
    try:
        manager = plugins if not isinstance(plugins, (list, tuple)) else _manager(plugins)
        row["versions"] = versions(manager)
        model = load_study(folder, plugins=manager)
        row.update(id=model.id, title=model.title, language=model.language)
        result = analyse(model, plugins=manager, lang=lang)
        for finding in result.findings:
            row["findings"][finding.severity] += 1
        row["metrics"] = {key: result.metrics[key] for key in metric_ids if key in result.metrics}
        row["status"] = "errors" if result.errors else "ok"
    except StudyError as exc:
        row["error"] = {lang: _first_lines(exc.render(lang)) for lang in ("en", "nl")}
    except UserError as exc:
        row["error"] = {"en": exc.text.en, "nl": exc.text.nl}
    except Exception as exc:  # a bug, here or in a plugin: this study's row says so, the rest goes on
        internal = say("internal", error=f"{type(exc).__name__}: {exc}")
        row["error"] = {"en": internal.en, "nl": internal.nl}
    row["seconds"] = time.perf_counter() - start
    return row


def versions(manager: Plugins) -> dict[str, str | None]:
    """impactkit's version and each loaded plugin's."""
    return {"impactkit": __version__, **dict(sorted(manager.versions.items()))}


def _first_lines(text: str, limit: int = 5) -> str:
    """The first ``limit`` lines of ``text``, and how many more there are."""
    lines = text.splitlines()
    if len(lines) <= limit:
        return text
    return "\n".join(lines[:limit]) + f"\n(+{len(lines) - limit})"


def pack_study(folder: str) -> dict[str, bytes]:
    """Every file of the study in ``folder`` by its path relative to it (hidden files, caches and
    ``output`` folders left out): what a worker without the client's file system needs (``ship``)."""
    files: dict[str, bytes] = {}
    root = Path(folder)
    for top, dirs, names in os.walk(root):
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and d not in SKIPPED_FOLDERS)
        for name in sorted(names):
            if not name.startswith("."):
                path = Path(top) / name
                files[path.relative_to(root).as_posix()] = path.read_bytes()
    return files


def run_shipped(
    folder: str, files: dict[str, bytes], plugins: Sequence[str], metric_ids: Sequence[str], lang: str = "en"
) -> Row:
    """:func:`run_study` on a copy of the study sent along with the task (:func:`pack_study`),
    written to a temporary folder of the worker under the study folder's own name; the row names
    the original ``folder``, in its error messages too."""
    import tempfile

    with tempfile.TemporaryDirectory(prefix="impactkit-") as tmp:
        copy = Path(tmp) / (Path(folder).name or "study")
        for relative, data in files.items():
            target = (copy / relative).resolve()
            if not target.is_relative_to(copy.resolve()):  # a packed path never leaves the copy
                continue
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
        row = run_study(str(copy), plugins, metric_ids, lang)
    row["folder"] = str(folder)
    if row["error"]:
        row["error"] = {key: text.replace(str(copy), str(folder)) for key, text in row["error"].items()}
    return row


def failed_row(folder: str, error: Text) -> Row:
    """The row of a study whose worker never answered (it died, or the cluster lost it)."""
    return {
        "folder": str(folder),
        "id": None,
        "title": None,
        "language": None,
        "status": "failed",
        "error": {"en": error.en, "nl": error.nl},
        "findings": {"error": 0, "warning": 0, "info": 0},
        "metrics": {},
        "versions": {},
        "seconds": 0.0,
    }


# -- many studies ------------------------------------------------------------------------------------


def run_here(
    folders: Sequence[str], manager: Plugins, metric_ids: Sequence[str], lang: str, progress: Progress
) -> list[Row]:
    """Every study in this process, one after the other, with ``manager`` itself."""
    rows = []
    for done, folder in enumerate(folders, 1):
        rows.append(run_study(folder, manager, metric_ids, lang))
        progress(done, len(folders), rows[-1])
    return rows


def _context() -> Any:
    """How worker processes start: forked where the platform forks safely (Linux: quick, the
    plugins already loaded, nothing of the caller's script run again), else spawned (macOS,
    Windows: a script that calls :func:`run_portfolio` needs ``if __name__ == "__main__":``)."""
    import multiprocessing
    import sys

    if sys.platform.startswith("linux"):
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context("spawn")


def run_local(
    folders: Sequence[str],
    workers: int,
    manager: Plugins,
    metric_ids: Sequence[str],
    lang: str,
    progress: Progress,
) -> list[Row]:
    """Every study in ``workers`` local processes (:mod:`concurrent.futures`), with the plugins of
    ``manager`` (forked workers share it as it is; spawned ones load the same plugins by name).
    A worker that dies (a crash in a library, memory) takes only its own study with it: the
    studies it had not finished run again in a new pool, and when a pool breaks without any study
    finishing, each remaining study runs alone, so the one that kills its worker is found and the
    rest complete."""
    from concurrent.futures import ProcessPoolExecutor, as_completed
    from concurrent.futures.process import BrokenProcessPool

    context = _context()
    plugins = manager.names()
    if context.get_start_method() == "fork":
        with _MANAGERS_LOCK:
            _MANAGERS[tuple(plugins)] = manager  # what a forked worker finds: no plugin loaded again
    rows: dict[int, Row] = {}
    pending = list(range(len(folders)))
    alone = False
    while pending:
        size = 1 if alone else min(workers, len(pending))
        batches = [[i] for i in pending] if alone else [pending]
        for batch in batches:
            before = len(rows)
            pool = ProcessPoolExecutor(max_workers=size, mp_context=context)
            try:
                futures = {pool.submit(run_study, folders[i], plugins, metric_ids, lang): i for i in batch}
                for future in as_completed(futures):
                    i = futures[future]
                    try:
                        rows[i] = future.result()
                    except BrokenProcessPool:
                        if alone:  # this study, alone in its worker, killed it
                            rows[i] = failed_row(folders[i], say("worker-died"))
                        else:
                            continue
                    except Exception as exc:  # it could not be sent or received
                        rows[i] = failed_row(folders[i], say("internal", error=f"{type(exc).__name__}: {exc}"))
                    progress(len(rows), len(folders), rows[i])
            except BaseException:  # Ctrl-C, or progress failing: the studies not started are dropped
                pool.shutdown(wait=False, cancel_futures=True)
                raise
            pool.shutdown()
            if not alone and len(rows) == before:
                alone = True  # the pool broke before any study finished: one at a time
        pending = [i for i in range(len(folders)) if i not in rows]
    return [rows[i] for i in range(len(folders))]


def run_dask(
    folders: Sequence[str],
    client: Any,
    plugins: Sequence[str],
    metric_ids: Sequence[str],
    lang: str,
    progress: Progress,
    ship: bool = False,
) -> list[Row]:
    """Every study as a task on the Dask cluster of ``client`` (``dask.distributed.Client``).
    The workers need impactkit and the same plugins installed. They read the study folders by
    their paths (a shared file system: an HPC cluster, a ``LocalCluster``), or, with ``ship``, get
    each study's files with its task (a cluster in the cloud). A task the cluster loses (a worker
    that died more often than the scheduler retries) is a failed row."""
    from dask.distributed import as_completed

    stamp = f"{os.getpid()}-{time.time_ns()}"
    options = {"plugins": list(plugins), "metric_ids": list(metric_ids), "lang": lang, "pure": False}
    keys = [f"impactkit-study-{i}-{stamp}" for i in range(len(folders))]
    if ship:
        packed = [pack_study(folder) for folder in folders]
        futures = client.map(run_shipped, list(folders), packed, key=keys, **options)
    else:
        futures = client.map(run_study, list(folders), key=keys, **options)
    index = {future.key: i for i, future in enumerate(futures)}
    rows: dict[int, Row] = {}
    for future in as_completed(futures):
        i = index[future.key]
        try:
            rows[i] = future.result()
        except Exception as exc:
            rows[i] = failed_row(folders[i], say("internal", error=f"{type(exc).__name__}: {exc}"))
        progress(len(rows), len(folders), rows[i])
    return [rows[i] for i in range(len(folders))]


@contextmanager
def dask_client(scheduler: str | None = None, workers: int | None = None) -> Iterator[Any]:
    """A ``dask.distributed.Client``: of the scheduler at ``scheduler`` (``tcp://host:8786``, an
    existing cluster), else of a ``LocalCluster`` of ``workers`` processes on this machine (one
    per CPU by default). Closed, with a cluster it started, when the block ends. Dask is the
    optional extra ``impactkit[dask]``; without it, or without a reachable scheduler, a
    :class:`UserError` says so."""
    try:
        from dask.distributed import Client, LocalCluster
    except ImportError as exc:
        raise UserError(
            f"running on Dask needs the dask extra: pip install 'impactkit[dask]' ({exc})",
            f"draaien op Dask vraagt de dask-extra: pip install 'impactkit[dask]' ({exc})",
        ) from exc
    cluster = None
    try:
        if scheduler:
            client = Client(scheduler)  # waits as long as dask's distributed.comm.timeouts.connect says
        else:
            cluster = LocalCluster(
                n_workers=workers or os.cpu_count() or 1, threads_per_worker=1, dashboard_address=None
            )
            client = Client(cluster)
    except (OSError, TimeoutError, ValueError) as exc:
        if cluster is not None:
            cluster.close()
        where = scheduler or "LocalCluster"
        raise UserError(
            f"cannot reach the Dask scheduler at {where}: {exc}",
            f"kan de Dask-scheduler op {where} niet bereiken: {exc}",
        ) from exc
    try:
        yield client
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


@dataclass
class Portfolio:
    """The analysed studies (``rows``, in the order found) and what the plugins declared to add
    up across them (``figures``), with the plugins' problems declaring it."""

    rows: list[Row]
    figures: list[PortfolioMetric]
    problems: list[Finding] = field(default_factory=list)
    versions: dict[str, str | None] = field(default_factory=dict)
    """impactkit's and each plugin's version where the portfolio was run (workers may differ)."""
    _columns: list[Column] | None = field(default=None, init=False, repr=False, compare=False)

    @property
    def failed(self) -> list[Row]:
        return [row for row in self.rows if row["status"] == "failed"]

    @property
    def exit_code(self) -> int:
        """0 when every study was analysed without error findings, else 1."""
        return 0 if all(row["status"] == "ok" for row in self.rows) else 1

    def version_mismatches(self) -> list[Row]:
        """The studies analysed with another impactkit or other plugins than here (a cluster's
        workers installed differently)."""
        return [row for row in self.rows if row["versions"] and row["versions"] != self.versions]

    def summaries(self) -> list[dict[str, Any]]:
        """Each declared figure across the studies (see :func:`summarise`), in declaration order."""
        return [summarise(figure, self.rows) for figure in self.figures]

    def columns(self) -> list[Column]:
        """The columns of the table of studies the figures give, in declaration order: a number
        (or how many members a study reaches) per figure, with a spread's interval as two more,
        and a count per category of every category any study has (worked out once)."""
        if self._columns is None:
            self._columns = self._find_columns()
        return self._columns

    def _find_columns(self) -> list[Column]:
        out: list[Column] = []
        for figure in self.figures:
            if figure.aggregate == "counts":
                seen: dict[str, None] = {}
                for row in self.rows:
                    seen.update(dict.fromkeys(counts(row["metrics"].get(figure.id)) or {}))
                for category in ordered(figure, seen):
                    out.append(Column(f"{figure.id}.{category}", figure, "count", category))
                continue
            out.append(Column(figure.id, figure, "value"))
            if figure.interval is not None:
                out += [Column(f"{figure.id}.low", figure, "low"), Column(f"{figure.id}.high", figure, "high")]
        return out

    def study_figures(self, row: Row) -> dict[str, Any]:
        """A study's own figures, one value per column of :meth:`columns` (``None``: it has none)."""
        return {column.key: column.value(row["metrics"]) for column in self.columns()}

    def to_dict(self) -> dict[str, Any]:
        """Everything as plain JSON (``portfolio.json``): no timings, so the same studies give the
        same document however they were run."""
        return {
            "impactkit": __version__,
            "studies": [
                {**{k: v for k, v in row.items() if k != "seconds"}, "figures": self.study_figures(row)}
                for row in self.rows
            ],
            "figures": self.summaries(),
            "problems": [
                {
                    "plugin": f.plugin,
                    "code": f.code,
                    "severity": f.severity,
                    "message": {"en": f.message.en, "nl": f.message.nl},
                }
                for f in self.problems
            ],
        }


def run_portfolio(
    paths: Iterable[str | Path],
    *,
    plugins: Plugins | None = None,
    workers: int | None = None,
    client: Any = None,
    lang: str = "en",
    progress: Progress | None = None,
    ship: bool = False,
) -> Portfolio:
    """Find the studies under ``paths`` and analyse each: with ``client`` (a Dask
    ``distributed.Client``) on its cluster, else in ``workers`` local processes (default: one per
    CPU, never more than there are studies), or here when that is one. ``plugins`` is the manager
    whose plugins are used (default: the installed ones, as ``IMPACTKIT_LOAD_PLUGINS`` selects);
    workers load the same plugins by name. ``ship`` sends each study's files with its task, for
    Dask workers that cannot read the study folders themselves.
    """
    from .plugins import make_manager

    manager = plugins if plugins is not None else make_manager()
    folders = [str(p) for p in find_studies(paths)]
    figures, problems = manager.collect("impactkit_portfolio_metrics")
    metric_ids = sorted({f.id for f in figures} | {f.interval[0] for f in figures if f.interval})
    tick = progress or (lambda done, total, row: None)
    names = manager.names()
    if client is not None:
        rows = run_dask(folders, client, names, metric_ids, lang, tick, ship=ship)
    else:
        count = min(workers or os.cpu_count() or 1, len(folders))
        if count <= 1:
            rows = run_here(folders, manager, metric_ids, lang, tick)
        else:
            rows = run_local(folders, count, manager, metric_ids, lang, tick)
    return Portfolio(rows=rows, figures=list(figures), problems=list(problems), versions=versions(manager))


# -- across the studies (method-blind) ----------------------------------------------------------------


def _number(value: Any) -> float | int | None:
    """``value`` when it is a finite number (not a bool), else ``None``."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    if isinstance(value, float) and (value != value or value in (float("inf"), float("-inf"))):
        return None
    return value


def members(figure: PortfolioMetric, value: Any) -> list[str] | None:
    """What a study reaches, as text: a list's items, or a mapping's keys whose value (or
    ``value[field]``) is true; ``None`` when the value is neither."""
    if isinstance(value, list):
        return [str(item) for item in value]
    if isinstance(value, dict):
        if figure.field is None:
            return [str(k) for k, v in value.items() if v]
        return [str(k) for k, v in value.items() if isinstance(v, dict) and v.get(figure.field)]
    return None


def counts(value: Any) -> dict[str, float | int] | None:
    """A mapping of counts per category, as ``{category: number}`` (non-numbers left out)."""
    if not isinstance(value, dict):
        return None
    out = {}
    for key, count in value.items():
        number = _number(count)
        if number is not None:
            out[str(key)] = number
    return out


def ordered(figure: PortfolioMetric, seen: Iterable[str]) -> list[str]:
    """The figure's declared categories, then the others in the order they came."""
    out = list(figure.categories)
    for category in seen:
        if category not in out:
            out.append(category)
    return out


def interval(figure: PortfolioMetric, metrics: dict[str, Any]) -> tuple[Any, Any]:
    """A study's interval for a ``spread`` (``(None, None)`` when it has none)."""
    if figure.interval is None:
        return None, None
    source, low, high = figure.interval
    value = metrics.get(source)
    if not isinstance(value, dict):
        return None, None
    return _number(value.get(low)), _number(value.get(high))


@dataclass(frozen=True)
class Column:
    """One column of the table of studies: ``key`` (``sroi.ratio``, ``sroi.ratio.low``,
    ``idg.dimension_counts.Being``), the figure it comes from, and which part of it: the study's
    ``value`` (a number, or how many members it reaches), the ``low`` or ``high`` end of its
    interval, or the ``count`` of one ``category``."""

    key: str
    figure: PortfolioMetric
    part: str
    category: str | None = None

    def value(self, metrics: dict[str, Any]) -> Any:
        """This column's value for a study with these ``metrics`` (``None``: none)."""
        figure = self.figure
        raw = metrics.get(figure.id)
        if self.part == "count":
            return (counts(raw) or {}).get(self.category or "")
        if self.part in ("low", "high"):
            return interval(figure, metrics)[0 if self.part == "low" else 1]
        if figure.aggregate == "members":
            reached = members(figure, raw)
            return None if reached is None else len(set(reached))
        return _number(raw)

    def title(self, lang: str) -> str:
        """The column's header for a reader."""
        title = self.figure.title.get(lang)
        if self.part == "count":
            return f"{title}: {label(self.figure, self.category or '', lang)}"
        if self.part in ("low", "high"):
            return f"{title} ({say('interval-' + self.part).get(lang)})"
        return title

    @property
    def kind(self) -> str:
        """How the column's numbers are written."""
        return "count" if self.part == "count" or self.figure.aggregate == "members" else self.figure.kind


def _spread(values: list[float | int]) -> dict[str, Any]:
    if not values:
        return {"min": None, "median": None, "mean": None, "max": None}
    return {
        "min": min(values),
        "median": statistics.median(values),
        "mean": statistics.fmean(values),
        "max": max(values),
    }


def summarise(figure: PortfolioMetric, rows: list[Row]) -> dict[str, Any]:
    """``figure`` across the studies' rows, as plain JSON: ``studies`` is how many give it; then

    * ``sum``: ``total``;
    * ``spread``: ``min``, ``median``, ``mean``, ``max`` (and ``with_interval``);
    * ``counts``: ``total`` and per category its ``total``, ``share`` of all and ``studies``;
    * ``members``: ``of`` (the whole set, if declared), ``reached`` (members any study reaches),
      ``per_study`` (spread of how many a study reaches), per member how many ``studies`` and
      their ``share``.
    """
    out: dict[str, Any] = {
        "id": figure.id,
        "plugin": figure.plugin,
        "title": {"en": figure.title.en, "nl": figure.title.nl},
        "aggregate": figure.aggregate,
        "kind": figure.kind,
    }
    values = [row["metrics"][figure.id] for row in rows if figure.id in row["metrics"]]
    if figure.aggregate in ("sum", "spread"):
        numbers = [n for n in (_number(v) for v in values) if n is not None]
        out["studies"] = len(numbers)
        if figure.aggregate == "sum":
            out["total"] = sum(numbers)
        else:
            out.update(_spread(numbers))
            if figure.interval is not None:
                out["with_interval"] = sum(
                    1 for row in rows if figure.id in row["metrics"] and None not in interval(figure, row["metrics"])
                )
        return out
    if figure.aggregate == "counts":
        found = [c for c in (counts(v) for v in values) if c is not None]
        totals: dict[str, float | int] = {}
        having: dict[str, int] = {}
        for study in found:
            for category, number in study.items():
                totals[category] = totals.get(category, 0) + number
                having[category] = having.get(category, 0) + (1 if number else 0)
        grand = sum(totals.values())
        out["studies"] = len(found)
        out["total"] = grand
        out["categories"] = [
            {
                "category": category,
                "total": totals.get(category, 0),
                "share": totals.get(category, 0) / grand if grand else None,
                "studies": having.get(category, 0),
            }
            for category in ordered(figure, totals)
        ]
        return out
    reached = [m for m in (members(figure, v) for v in values) if m is not None]
    having = {}
    for study in reached:
        for member in dict.fromkeys(study):
            having[member] = having.get(member, 0) + 1
    out["studies"] = len(reached)
    out["of"] = len(figure.categories) or None
    out["reached"] = len(having)
    out["per_study"] = _spread([len(set(study)) for study in reached])
    out["members"] = [
        {
            "member": member,
            "studies": having.get(member, 0),
            "share": having.get(member, 0) / len(reached) if reached else None,
        }
        for member in ordered(figure, having)
    ]
    return out


def label(figure: PortfolioMetric, category: str, lang: str) -> str:
    """A category's name for a reader: its label, else the category itself."""
    named = figure.labels.get(category)
    return named.get(lang) if named is not None else category


def status_text(row: Row) -> Text:
    """A study's status in words."""
    return say(f"status-{row['status']}")


def error_text(row: Row, lang: str) -> str:
    """A failed study's error in ``lang`` (empty for one that was analysed)."""
    error = row.get("error") or {}
    return error.get(lang) or error.get("en") or ""


def summary_text(rows: list[Row]) -> Text:
    """``12 studies: 10 without errors, 1 with errors in its findings, 1 could not be analysed.``"""
    by = {status: sum(1 for row in rows if row["status"] == status) for status in ("ok", "errors", "failed")}
    return say("summary", n=len(rows), ok=by["ok"], errors=by["errors"], failed=by["failed"])

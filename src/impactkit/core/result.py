"""The result of an analysis: findings, metrics, tables, the graph; pictures and reports on demand."""

from __future__ import annotations

import json
import math
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .contributions import Column, Finding, Visualisation
from .errors import UserError
from .i18n import Text, catalog, fill
from .numbers import format_list
from .report.write import REPORT_FORMATS

if TYPE_CHECKING:  # pragma: no cover
    import networkx as nx

    from .context import Context
    from .model import Study
    from .plugins import Plugins
    from .report.document import Document


NOTEBOOK = catalog(
    [
        ("error", ("{n} error", "{n} errors"), ("{n} fout", "{n} fouten")),
        ("warning", ("{n} warning", "{n} warnings"), ("{n} waarschuwing", "{n} waarschuwingen")),
        ("info", ("{n} note", "{n} notes"), ("{n} opmerking", "{n} opmerkingen")),
    ]
)
"""The words of :meth:`Result._repr_html_`; a severity's key counts its findings."""


class UnknownView(UserError):
    """No visualisation answers to that name."""


class PluginFailed(Exception):
    """A plugin's visualisation raised or returned the wrong type; ``finding`` names the plugin.

    The CLI prints the finding and exits 1, as for any plugin error; :meth:`Result.write` keeps
    it among the findings and goes on.
    """

    def __init__(self, finding: Finding):
        self.finding = finding
        super().__init__(finding.message.en)


DRAWING_TYPES = {
    "dot": Text(en="DOT text (a str) or None", nl="DOT-tekst (een str) of None"),
    "mermaid": Text(en="Mermaid text (a str) or None", nl="Mermaid-tekst (een str) of None"),
    "chart": Text(en="a matplotlib Figure or None", nl="een matplotlib-Figure of None"),
}


def _is_text(value: Any) -> bool:
    return isinstance(value, str)


def _is_figure(value: Any) -> bool:
    return callable(getattr(value, "savefig", None))


def table_csv(frame: Any, columns: "Mapping[str, Column] | None" = None) -> str:
    """``frame`` as CSV text, without pandas' row numbers, every text cell that a spreadsheet
    would run as a formula neutralised (:func:`~impactkit.core.files.neutralise_cell`; numbers stay
    numbers), machine-readable (``,`` between cells, ``.`` for decimals) and rounded as the
    table's ``columns`` say what its numbers are (:func:`rounded`).

    The index is written only when it means something: when it has a name (a dimension, a
    group; it then becomes a real first column) or holds labels rather than positions.
    """
    index = frame.index
    named = any(name is not None for name in index.names)
    positions = not named and index.nlevels == 1 and index.dtype.kind in "iu"
    safe = _neutralised(rounded(frame, columns or {}))
    if named:
        return safe.to_csv()
    if positions:
        return safe.to_csv(index=False)
    return safe.to_csv(index_label="index" if index.nlevels == 1 else None)  # unnamed labels, under a header


DECIMALS = {"percent": 4, "money": 2, "number": 4}
"""Decimals a CSV keeps per kind of column: shares to 4 (0.2174), amounts to cents, other numbers to 4."""


def _sensible(value: float) -> float:
    """An undeclared column's number: at least 4 decimals and 6 significant digits (float noise goes)."""
    if not math.isfinite(value) or value == 0:
        return value
    return round(value, max(4, 5 - math.floor(math.log10(abs(value))))) + 0.0


def rounded(frame: Any, columns: "Mapping[str, Column]") -> Any:
    """A copy of ``frame`` with its decimal columns rounded for a CSV file: by the kind the table
    declares (:data:`DECIMALS`; ``count``: whole numbers, empty where there is none), else to
    :func:`_sensible` digits. The frame itself (the figures) stays exact."""
    from pandas.api.types import is_float_dtype

    out = frame.copy()
    for position, name in enumerate(out.columns):
        values = out.iloc[:, position]
        if not is_float_dtype(values.dtype):
            continue
        kind = columns[name].kind if isinstance(name, str) and name in columns else None
        present = values.dropna()
        if kind == "count" and present.map(float.is_integer).all():
            out.isetitem(position, values.round().astype("Int64"))
        elif kind in DECIMALS:
            out.isetitem(position, values.round(DECIMALS[kind]) + 0.0)  # + 0.0: no "-0.0"
        else:
            out.isetitem(position, values.map(_sensible))
    return out


def _neutralised(frame: Any) -> Any:
    """A copy of ``frame`` whose text cells, headers and index labels are safe in a spreadsheet."""
    from pandas.api.types import is_bool_dtype, is_datetime64_any_dtype, is_numeric_dtype

    from .files import neutralise_cell

    out = frame.rename(index=neutralise_cell, columns=neutralise_cell)
    out.index.names = [neutralise_cell(name) for name in out.index.names]
    out.columns.names = [neutralise_cell(name) for name in out.columns.names]
    for position, dtype in enumerate(out.dtypes):
        if not (is_numeric_dtype(dtype) or is_bool_dtype(dtype) or is_datetime64_any_dtype(dtype)):
            out.isetitem(position, out.iloc[:, position].map(neutralise_cell))
    return out


def _declared_columns(table: Any, frame: Any) -> "dict[str, Column] | None":
    """The declaration of each column of ``frame`` that ``table`` declares, by its own name or by a
    pattern (:meth:`~impactkit.core.contributions.Table.column`: ``year_2025`` by ``year_{}``)."""
    if table is None:
        return None
    found = {str(name): table.column(str(name)) for name in frame.columns}
    return {name: column for name, column in found.items() if column is not None}


def write_table(frame: Any, path: Path, columns: "Mapping[str, Column] | None" = None) -> None:
    """``frame`` as CSV at ``path`` (:func:`table_csv`), written atomically."""
    from .files import atomic_write

    atomic_write(path, table_csv(frame, columns))


@dataclass
class Result:
    """What :func:`impactkit.core.pipeline.analyse` found.

    ``metrics`` maps public metric ids to JSON values, ``tables`` maps table ids to pandas
    DataFrames, ``findings`` is sorted (errors first). In a notebook the result shows itself as a
    summary with the theory-of-change diagram.
    """

    study: "Study"
    context: "Context"
    plugins: "Plugins"
    findings: list[Finding]
    metrics: dict[str, Any]
    tables: dict[str, Any] = field(default_factory=dict)
    figure_files: dict[str, str] = field(default_factory=dict)
    """Visualisation id → file name under ``figures/``, for the figures :meth:`write` drew."""

    @property
    def graph(self) -> "nx.MultiDiGraph":
        return self.context.graph

    @property
    def lang(self) -> str:
        return self.context.lang

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == "error"]

    @property
    def exit_code(self) -> int:
        """0 when there are no error findings (warnings are fine), else 1."""
        return 1 if self.errors else 0

    # -- JSON ----------------------------------------------------------------------------------
    def to_dict(self, lang: str | None = None) -> dict[str, Any]:
        from ._version import __version__

        lang = lang or self.lang
        return {
            "impactkit": __version__,
            "study": {"id": self.study.id, "title": self.study.title},
            "findings": [
                {
                    "plugin": f.plugin,
                    "code": f.code,
                    "severity": f.severity,
                    "message": f.message.get(lang),
                    "location": f.location.model_dump(exclude_none=True) if f.location else None,
                    **({"traceback": f.traceback} if f.traceback else {}),
                }
                for f in self.findings
            ],
            "metrics": self.metrics,
        }

    def to_json(self, lang: str | None = None) -> str:
        return json.dumps(self.to_dict(lang), ensure_ascii=False, indent=2) + "\n"

    # -- pictures ------------------------------------------------------------------------------
    @property
    def visualisations(self) -> list[Visualisation]:
        return self.plugins.collect("impactkit_visualisations")[0]

    def visualisation(self, name: str) -> Visualisation:
        """A visualisation by full id (``core.toc``) or view name (``toc``); an unknown or ambiguous
        name lists the views by full id (``sroi.selection`` and ``sdg.selection``, not ``selection`` twice)."""
        matches = [v for v in self.visualisations if name in (v.id, v.view)]
        if len(matches) != 1:
            views = [v.id for v in matches or self.visualisations]
            what, wat = ("ambiguous", "dubbelzinnige") if matches else ("unknown", "onbekende")
            raise UnknownView(
                f"{what} view {name!r}; choose from: {format_list(views, 'en', style='or')}",
                f"{wat} weergave {name!r}; kies uit: {format_list(views, 'nl', style='or')}",
            )
        return matches[0]

    def render(self, name: str, fmt: str = "svg", lang: str | None = None) -> bytes | None:
        """The visualisation ``name`` as ``fmt`` (svg, png, pdf; diagrams also dot, mermaid).

        ``None`` when the visualisation has nothing to show for this study.
        """
        from .render import DotError, RenderError, render_chart, render_dot

        lang = lang or self.lang
        vis = self.visualisation(name)
        if vis.kind == "chart":
            if fmt in ("dot", "mermaid"):
                raise RenderError(
                    f"{vis.id} is a chart; use svg, png or pdf", f"{vis.id} is een grafiek; gebruik svg, png of pdf"
                )
            figure = self._drawing(vis, "chart", lang, _is_figure)
            if figure is None:
                return None
            try:
                return render_chart(figure, fmt)
            except UserError:  # a format charts do not come in
                raise
            except Exception as exc:
                raise PluginFailed(self._failure(vis, fmt, exc)) from exc
        if fmt == "mermaid":
            if vis.mermaid is None:
                raise RenderError(
                    f"{vis.id} has no Mermaid form; use dot, svg, png or pdf",
                    f"{vis.id} heeft geen Mermaid-vorm; gebruik dot, svg, png of pdf",
                )
            text = self._drawing(vis, "mermaid", lang, _is_text)
            return None if text is None else text.encode("utf-8")
        dot = self._drawing(vis, "dot", lang, _is_text)
        if dot is None:
            return None
        try:
            return render_dot(dot, fmt)
        except DotError as exc:  # the plugin's DOT, not the renderer, is at fault: name the plugin
            raise PluginFailed(self._failure(vis, fmt, exc)) from exc

    def _failure(self, vis: Visualisation, where: str, exc: BaseException) -> Finding:
        from .failures import plugin_error

        return plugin_error(vis.plugin, f"{vis.id} ({where})", exc)

    def _drawing(self, vis: Visualisation, kind: str, lang: str, valid: Callable[[Any], bool]) -> Any:
        """What the visualisation's ``kind`` callable returns, checked: a :class:`PluginFailed`
        (naming the plugin) when it raises or returns something that cannot be drawn."""
        from .failures import bad_return

        try:
            value = getattr(vis, kind)(self.context, lang)
        except UserError:
            raise
        except Exception as exc:
            raise PluginFailed(self._failure(vis, kind, exc)) from exc
        if value is not None and not valid(value):
            raise PluginFailed(bad_return(vis.plugin, f"{vis.id} ({kind})", value, DRAWING_TYPES[kind]))
        return value

    def _files(self, vis: Visualisation, formats: tuple[str, ...], lang: str) -> Iterator[tuple[str, bytes]]:
        """The files :meth:`write` makes of ``vis``, as ``(suffix, bytes)``, calling each of its
        callables once: a diagram's DOT text rendered to every format (then the ``.dot`` and
        ``.mmd`` text as is), a chart's one figure saved to every format. A failure raises
        :class:`PluginFailed` naming the plugin and the format."""
        from .render import DotError, check_links, render_charts, render_dot

        if vis.kind == "chart":
            if not formats:
                return
            figure = self._drawing(vis, "chart", lang, _is_figure)
            if figure is None:
                return
            try:
                images = render_charts(figure, formats)
            except Exception as exc:
                raise PluginFailed(self._failure(vis, "/".join(formats), exc)) from exc
            yield from images.items()
            return
        dot = self._drawing(vis, "dot", lang, _is_text)
        if dot is None:
            return
        try:
            check_links(dot)  # also when only the .dot text is written
        except DotError as exc:
            raise PluginFailed(self._failure(vis, "dot", exc)) from exc
        for fmt in formats:
            try:
                data = render_dot(dot, fmt)
            except Exception as exc:
                raise PluginFailed(self._failure(vis, fmt, exc)) from exc
            yield fmt, data
        yield "dot", dot.encode("utf-8")
        if vis.mermaid is not None:
            text = self._drawing(vis, "mermaid", lang, _is_text)
            if text is not None:
                yield "mmd", text.encode("utf-8")

    # -- report and files ----------------------------------------------------------------------
    def report_markdown(self, lang: str | None = None) -> str:
        """The reader's report as Markdown (diagrams as Mermaid; charts are in the files :meth:`write` makes)."""
        from .report.markdown import to_markdown

        lang = lang or self.lang  # the diagrams in the report's language too
        return to_markdown(self.document(lang, drawn=self._mermaid(lang)))

    def document(self, lang: str | None = None, *, drawn: dict[str, dict[str, bytes]] | None = None) -> "Document":
        """The reader's report as one :class:`~impactkit.core.report.document.Document` (what
        every format writes); sections that fail become findings of this result."""
        from .report.document import build

        document, problems = build(self, lang or self.lang, drawn)
        self._add(problems)
        return document

    def _mermaid(self, lang: str) -> dict[str, dict[str, bytes]]:
        """The Mermaid text of every diagram the report sections show, by visualisation id."""
        wanted = {f for s in self.plugins.collect("impactkit_report_sections")[0] for f in s.figures}
        out: dict[str, dict[str, bytes]] = {}
        for vis in self.visualisations:
            if vis.id in wanted and vis.kind == "diagram" and vis.mermaid is not None:
                try:
                    text = self._drawing(vis, "mermaid", lang, _is_text)
                except PluginFailed as exc:
                    self._add([exc.finding])
                    continue
                if text is not None:
                    out[vis.id] = {"mmd": text.encode("utf-8")}
        return out

    def _add(self, findings: list[Finding]) -> None:
        for finding in findings:
            if finding not in self.findings:
                self.findings.append(finding)

    def write(
        self,
        outdir: str | Path,
        *,
        lang: str | None = None,
        formats: tuple[str, ...] = ("svg", "png"),
        report: tuple[str, ...] = REPORT_FORMATS,
        progress: Callable[[str, int, int], None] | None = None,
    ) -> list[Path]:
        """Write everything to ``outdir``: result.json, figures/, tables/ and the report in each
        of ``report``'s formats (``html``, ``pdf``, ``docx``, ``md``: report.*; ``xlsx``:
        tables.xlsx).

        A visualisation that fails becomes an error finding naming its plugin; the rest is
        still written. Returns the files written.

        Every file is written atomically (:func:`~impactkit.core.files.atomic_write`: a crash or
        a full disk leaves each file as it was or whole), and nothing is written through a
        symbolic link: when ``outdir``, ``figures/``, ``tables/`` or a file in them is one, the
        write is refused (:class:`~impactkit.core.errors.UserError`) before anything is written.
        """
        from .failures import TABLE_TYPE, bad_return, is_frame, plugin_error
        from .files import atomic_write, output_folder
        from .report.write import check_formats, write_report

        report = check_formats(report)
        if report and "svg" not in formats:  # the pages show the figures as SVG, Word as PNG
            formats = ("svg", *formats)
        if "docx" in report and "png" not in formats:
            formats = (*formats, "png")

        lang = lang or self.lang
        out = _output_folders(Path(outdir), report)
        written: list[Path] = []
        drawn: dict[str, dict[str, bytes]] = {}
        visuals = self.visualisations
        steps = len(visuals) + len(self.tables) + 2
        done = 0
        tick = progress or (lambda stage, d, t: None)
        for vis in visuals:
            files = self._files(vis, formats, lang)
            while True:
                try:
                    item = next(files, None)
                except PluginFailed as exc:
                    self._add([exc.finding])
                    break
                except Exception as exc:
                    self._add([plugin_error(vis.plugin, vis.id, exc)])
                    break
                if item is None:
                    break
                suffix, data = item
                drawn.setdefault(vis.id, {})[suffix] = data
                path = out / "figures" / f"{vis.id}.{suffix}"
                atomic_write(path, data)
                written.append(path)
                if suffix == "svg":
                    self.figure_files[vis.id] = path.name
            done += 1
            tick("figures", done, steps)
        if self.tables:
            output_folder(out / "tables")
            declared = {t.id: t for t in self.plugins.collect("impactkit_tables")[0]}
        for table_id, frame in self.tables.items():
            path = out / "tables" / f"{table_id}.csv"
            table = declared.get(table_id)
            owner = table.plugin if table else table_id.split(".", 1)[0]
            if not is_frame(frame):  # put there by hand, past the pipeline's check
                self._add([bad_return(owner, table_id, frame, TABLE_TYPE)])
            else:
                try:
                    write_table(frame, path, _declared_columns(table, frame))
                except OSError:
                    raise
                except Exception as exc:  # nothing was written: the old file, if any, stays
                    self._add([plugin_error(owner, f"{table_id} (csv)", exc)])
                else:
                    written.append(path)
            done += 1
            tick("tables", done, steps)
        files, problems = write_report(self, out, lang=lang, formats=report, drawn=drawn)
        self._add(problems)
        written += files
        done += 1
        tick("report", done, steps)
        atomic_write(out / "result.json", self.to_json(lang))
        written.append(out / "result.json")
        tick("report", steps, steps)
        return written

    # -- notebooks -----------------------------------------------------------------------------
    def __repr__(self) -> str:
        """Short: which study and how much it holds (the objects themselves are in the attributes)."""
        return (
            f"<Result {self.study.id!r}: {len(self.findings)} findings, {len(self.metrics)} metrics, "
            f"{len(self.tables)} tables>"
        )

    __str__ = __repr__

    def figure(self, name: str, lang: str | None = None) -> "Picture":
        """The visualisation ``name`` (``idg.dimensions`` or ``dimensions``) as a :class:`Picture`,
        which a notebook shows; ``None`` in it when there is nothing to draw for this study."""
        vis = self.visualisation(name)
        data = self.render(vis.id, "svg", lang)
        return Picture(vis.title.get(lang or self.lang), data or b"")

    def _key_figures(self, lang: str) -> list[tuple[str, str, bytes]]:
        """The key charts: the summary sections' figures, else the first of each body section."""
        sections = sorted(self.plugins.collect("impactkit_report_sections")[0], key=lambda s: (s.order, s.id))
        wanted = [f for s in sections if s.part == "summary" for f in s.figures]
        if not wanted:
            wanted = [s.figures[0] for s in sections if s.part == "body" and s.figures]
        known = {v.id: v for v in self.visualisations}
        out = []
        for vis_id in wanted:
            if vis_id not in known:
                continue
            try:
                data = self.render(vis_id, "svg", lang)
            except Exception:  # a picture that fails is a finding when the report is written; here it is left out
                continue
            if data:
                out.append((vis_id, known[vis_id].title.get(lang), data))
        return out

    def _repr_html_(self) -> str:
        """In a notebook: the report's summary (key figures, the summary sections) with the key
        charts, and how many findings there are — no paths, no ids."""
        from .report.html import summary_html

        lang = self.lang
        counts: dict[str, int] = {}
        for finding in self.findings:
            counts[finding.severity] = counts.get(finding.severity, 0) + 1
        order = [s for s in ("error", "warning", "info") if s in counts]
        findings = format_list([fill(NOTEBOOK[s], n=counts[s]) for s in order], lang) if counts else None
        return summary_html(self.document(lang), self._key_figures(lang), findings)


def _output_folders(out: Path, report: tuple[str, ...]) -> Path:
    """``out``, ``out/figures`` and ``out/tables`` checked before anything is written: none of
    them, no file in the two subfolders and none of the files written in ``out`` a symbolic link
    (refused with a :class:`UserError`); ``out`` and ``figures`` made when missing."""
    from .files import output_folder, refuse_links
    from .report.write import FILES

    output_folder(out)
    refuse_links(out, ["figures", "tables", "result.json", *(FILES[f] for f in report)])
    for sub in ("figures", "tables"):
        refuse_links(out / sub)
    output_folder(out / "figures")
    return out


@dataclass(frozen=True)
class Picture:
    """A figure for a notebook: Jupyter shows its SVG (``_repr_svg_``); ``data`` holds the bytes."""

    title: str
    data: bytes

    def _repr_svg_(self) -> str:
        return self.data.decode("utf-8")

    def __repr__(self) -> str:
        return f"<Picture {self.title!r}: {len(self.data)} bytes of SVG>"

    def save(self, path: str | Path) -> Path:
        """Write the SVG to ``path``."""
        from .files import atomic_write

        target = Path(path)
        atomic_write(target, self.data)
        return target

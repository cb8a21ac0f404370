"""The reader's report as one :class:`Document`, the same content for every format.

The order is the reader's, not the pipeline's: the title (and the organisation's logo and
introduction, from ``report:`` in the study), a one-page **summary** (the key figures every
section gives, then the sections with ``part="summary"``), the **body** (``part="body"``, by
``order``), the **methods note** (``part="methods"``), the core's appendix on **data quality**
(:mod:`.quality`), then the sections with ``part="appendix"``. The core never names a method: all
of it comes from the sections plugins contribute. Each section's callables run on their own; one
that raises or returns the wrong type is left out with an error finding naming its plugin.
"""

from __future__ import annotations

import base64
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from ..contributions import Finding, KeyFigure, ReportSection
from ..errors import UserError
from ..i18n import Text, catalog, fill

if TYPE_CHECKING:  # pragma: no cover
    from ..result import Result

WORDS = catalog(
    [
        ("report", "Impact report", "Impactrapport"),
        ("summary", "Summary", "Samenvatting"),
        ("key-figures", "Key figures", "Kerncijfers"),
        ("methods", "How the study was done", "Verantwoording"),
        ("appendix", "Appendix: {title}", "Bijlage: {title}"),
        ("contents", "Contents", "Inhoud"),
        ("figure", "Figure {n}", "Figuur {n}"),
        ("logo", "Logo", "Logo"),
        ("quality-line", "Checks: ", "Controles: "),
        ("no-findings", "all passed", "alle in orde"),
        ("made", "Made with impactkit {version}.", "Gemaakt met impactkit {version}."),
        (
            "technical",
            "The technical list of every check and figure comes with this report as a result file (JSON), "
            "for the people who maintain the study.",
            "De technische lijst van elke controle en elk cijfer hoort als resultaatbestand (JSON) bij dit "
            "rapport, voor wie de studie bijhoudt.",
        ),
    ]
)

PARTS = ("summary", "body", "methods", "appendix")
KEY_FIGURES = Text(en="a list of KeyFigure or None", nl="een lijst van KeyFigure of None")
LOGO_TYPES = {".png": "image/png", ".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".svg": "image/svg+xml"}
DEFAULT_COLOURS = {"primary": "#1f4e79", "accent": "#b35900"}


@dataclass(frozen=True)
class Figure:
    """A picture of a section: its title, the inline SVG for pages, the PNG for Word, the Mermaid
    text for Markdown (diagrams that have one) and the file it was written to (Markdown links it)."""

    id: str
    number: int
    title: str
    kind: str
    svg: str | None = None
    png: bytes | None = None
    mermaid: str | None = None
    file: str | None = None

    @property
    def anchor(self) -> str:
        return f"figure-{self.number}"

    @property
    def png_uri(self) -> str:
        return f"data:image/png;base64,{base64.b64encode(self.png or b'').decode('ascii')}"


@dataclass(frozen=True)
class Section:
    """A section as the reader sees it: a heading, Markdown, pictures; ``anchor`` for the contents."""

    id: str
    title: str
    markdown: str
    part: str
    figures: tuple[Figure, ...] = ()
    anchor: str = ""


@dataclass(frozen=True)
class Logo:
    mime: str
    data: bytes

    @property
    def data_uri(self) -> str:
        return f"data:{self.mime};base64,{base64.b64encode(self.data).decode('ascii')}"


@dataclass(frozen=True)
class Document:
    """Everything a format writes. ``words`` are the report's own headings in the reader's language."""

    lang: str
    title: str
    version: str
    key_figures: tuple[KeyFigure, ...]
    summary: tuple[Section, ...]
    body: tuple[Section, ...]
    methods: tuple[Section, ...]
    quality: Section
    appendix: tuple[Section, ...]
    intro: str | None = None
    logo: Logo | None = None
    colours: Mapping[str, str] = field(default_factory=lambda: dict(DEFAULT_COLOURS))
    template: Path | None = None

    @property
    def words(self) -> dict[str, str]:
        from .._version import __version__

        out = {key: text.get(self.lang) for key, text in WORDS.items() if isinstance(text, Text)}
        out["made"] = fill(WORDS["made"], version=__version__).get(self.lang)
        return out

    @property
    def sections(self) -> tuple[Section, ...]:
        """Every section after the summary, in the reader's order."""
        return (*self.body, *self.methods, self.quality, *self.appendix)

    @property
    def figures(self) -> tuple[Figure, ...]:
        return tuple(f for s in (*self.summary, *self.sections) for f in s.figures)


def build(
    result: "Result", lang: str, drawn: Mapping[str, Mapping[str, bytes]] | None = None
) -> tuple[Document, list[Finding]]:
    """The document of ``result`` in ``lang``, and the findings about sections that failed.

    ``drawn`` maps a visualisation id to its files by suffix (``svg``, ``png``, ``mmd``), as
    :meth:`~impactkit.core.result.Result.write` made them; a section's figure that was not drawn
    is left out (Markdown still gets a diagram's Mermaid text when it was made)."""
    from .._version import __version__
    from ..failures import MARKDOWN, call, items
    from .quality import quality_section

    drawn = drawn or {}
    declared, declared_problems = result.plugins.collect("impactkit_report_sections")
    problems: list[Finding] = list(declared_problems)
    titles = {v.id: (v.title.get(lang), v.kind) for v in result.visualisations}
    by_part: dict[str, list[Section]] = {part: [] for part in PARTS}
    key_figures: list[KeyFigure] = []
    numbered = 0
    sections = sorted(declared, key=lambda s: (PARTS.index(s.part), s.order, s.id))
    for section in sections:
        if section.key_figures is not None:
            called = call(section.plugin, f"{section.id} (key_figures)", section.key_figures, result.context, lang)
            problems += called.findings
            if called.error is None and called.value is not None:
                key_figures += items(section.plugin, section.id, called.value, (KeyFigure,), KEY_FIGURES, problems)
        called = call(section.plugin, section.id, section.render, result.context, lang)
        mistyped = None if called.error else MARKDOWN.check(section.plugin, section.id, called.value)
        problems += called.findings + ([mistyped] if mistyped else [])
        if called.error or mistyped:
            continue
        body = (called.value or "").strip()
        figures = []
        for vis_id in section.figures:
            files = drawn.get(vis_id, {})
            if not files or vis_id not in titles:
                continue
            numbered += 1
            title, kind = titles[vis_id]
            figures.append(_figure(vis_id, numbered, title, kind, files))
        if body or figures:
            by_part[section.part].append(_section(section, lang, body, figures, len(by_part[section.part])))
    settings = result.study.report
    document = Document(
        lang=lang,
        title=result.study.title,
        version=__version__,
        key_figures=tuple(key_figures),
        summary=tuple(by_part["summary"]),
        body=tuple(by_part["body"]),
        methods=tuple(by_part["methods"]),
        quality=quality_section(result, lang),
        appendix=tuple(by_part["appendix"]),
        intro=settings.intro if settings and settings.intro else None,
        logo=_logo(result) if settings and settings.logo else None,
        colours={
            **DEFAULT_COLOURS,
            **(settings.colours.model_dump(exclude_none=True) if settings and settings.colours else {}),
        },
        template=_template(result) if settings and settings.template else None,
    )
    return document, problems


def _section(section: ReportSection, lang: str, body: str, figures: list[Figure], n: int) -> Section:
    return Section(
        id=section.id,
        title=section.title.get(lang),
        markdown=body,
        part=section.part,
        figures=tuple(figures),
        anchor=f"{section.part}-{n + 1}",
    )


def _figure(vis_id: str, number: int, title: str, kind: str, files: Mapping[str, bytes]) -> Figure:
    from .svg import inline_svg

    svg = files.get("svg")
    mermaid = files.get("mmd")
    return Figure(
        id=vis_id,
        number=number,
        title=title,
        kind=kind,
        svg=inline_svg(svg, f"f{number}", title) if svg else None,
        png=files.get("png"),
        mermaid=mermaid.decode("utf-8") if mermaid else None,
        file=f"figures/{vis_id}.svg" if svg else None,
    )


def _study_file(result: "Result", key: str, given: str) -> Path:
    """A file ``report.<key>`` names, relative to the study; a clear error (file, line, key) when it is not there."""
    from ..files import outside_allowed, outside_text

    root = result.study.directory.resolve()
    path = (root / given).resolve()
    if not outside_allowed() and not path.is_relative_to(root):  # a study's files are read inside its folder
        where = result.context.locate("report", key)
        text = outside_text(f"report.{key}:", given, root)
        raise UserError(f"{where}: {text.en}", f"{where}: {text.nl}", lang=result.study.language)
    exists = path.is_dir() if key == "template" else path.is_file()
    if not exists:
        where = result.context.locate("report", key)
        what = "folder" if key == "template" else "file"
        wat = "map" if key == "template" else "bestand"
        raise UserError(
            f"{where}: report.{key}: {what} '{given}' not found (relative to the study's folder)",
            f"{where}: report.{key}: {wat} '{given}' niet gevonden (relatief aan de map van de studie)",
            lang=result.study.language,
        )
    return path


def _logo(result: "Result") -> Logo:
    given = result.study.report.logo  # type: ignore[union-attr]
    path = _study_file(result, "logo", given)
    mime = LOGO_TYPES.get(path.suffix.lower())
    if mime is None:
        where = result.context.locate("report", "logo")
        kinds = ", ".join(sorted(LOGO_TYPES))
        raise UserError(
            f"{where}: report.logo: '{given}' is not an image impactkit can embed ({kinds})",
            f"{where}: report.logo: '{given}' is geen afbeelding die impactkit kan opnemen ({kinds})",
            lang=result.study.language,
        )
    return Logo(mime=mime, data=path.read_bytes())


def _template(result: "Result") -> Path:
    return _study_file(result, "template", result.study.report.template)  # type: ignore[union-attr]

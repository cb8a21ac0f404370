"""``report.docx``: the report as a Word document a researcher can edit further — real headings
(Title, Heading 1–3), lists, tables with a header row, quotes, and the figures as pictures with a
caption. The same content as the page, in the same order. Deterministic: fixed dates in the
document's properties and its zip entries.
"""

from __future__ import annotations

import datetime
import io
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # pragma: no cover
    from .document import Document, Section

FIXED_DATE = datetime.datetime(2000, 1, 1, tzinfo=datetime.UTC)
"""The creation and change date in the document's properties: fixed, so the same study gives the same file."""
PAGE_WIDTH_CM = 17.0
PNG_DPI = 150
"""The resolution of the figures' PNG files when they do not say (the diagrams; see core.render)."""


def _rgb(colour: str) -> Any:
    from docx.shared import RGBColor

    return RGBColor.from_string(colour.lstrip("#").upper())


class _Writer:
    def __init__(self, document: "Document"):
        from docx import Document as Docx
        from docx.shared import Cm, Pt

        from . import property_text

        self.source = document
        self.doc = Docx()
        section = self.doc.sections[0]
        section.page_width, section.page_height = Cm(21.0), Cm(29.7)
        section.left_margin = section.right_margin = Cm(2.0)
        section.top_margin, section.bottom_margin = Cm(1.8), Cm(2.0)
        normal = self.doc.styles["Normal"]
        normal.font.size = Pt(10.5)
        primary = _rgb(document.colours["primary"])
        for name in ("Title", "Heading 1", "Heading 2", "Heading 3"):
            self.doc.styles[name].font.color.rgb = primary
        props = self.doc.core_properties
        props.title = property_text(document.title)
        props.subject = document.words["report"]
        props.language = document.lang
        props.author = props.last_modified_by = "impactkit"
        props.comments = document.words["made"]
        props.created = props.modified = FIXED_DATE
        props.last_printed = FIXED_DATE
        props.revision = 1

    # -- blocks ----------------------------------------------------------------------------------
    def heading(self, text: str, level: int) -> None:
        self.doc.add_heading(text, level=max(0, min(level, 4)))

    def page_break(self) -> None:
        self.doc.add_page_break()

    def markdown(self, text: str, base: int) -> None:
        """``text`` as paragraphs; a Markdown heading of level k becomes Word's Heading k + base − 2."""
        from markdown_it import MarkdownIt

        tokens = MarkdownIt("commonmark", {"html": False}).enable("table").parse(text)
        lists: list[str] = []
        quote = 0
        i = 0
        while i < len(tokens):
            token = tokens[i]
            kind = token.type
            if kind == "heading_open":
                level = int(token.tag[1]) + base - 2
                self.heading(_plain(tokens[i + 1]), level)
                i += 3
                continue
            if kind in ("bullet_list_open", "ordered_list_open"):
                lists.append("List Bullet" if kind == "bullet_list_open" else "List Number")
            elif kind in ("bullet_list_close", "ordered_list_close"):
                lists.pop()
            elif kind == "blockquote_open":
                quote += 1
            elif kind == "blockquote_close":
                quote -= 1
            elif kind == "inline" and tokens[i - 1].type == "paragraph_open":
                style = "Quote" if quote else (lists[-1] if lists else None)
                if lists and len(lists) > 1 and not quote:
                    style = f"{lists[-1]} 2"
                paragraph = self.doc.add_paragraph(style=style)
                _runs(paragraph, token)
            elif kind in ("fence", "code_block"):
                paragraph = self.doc.add_paragraph()
                run = paragraph.add_run(token.content.rstrip("\n"))
                run.font.name = "DejaVu Sans Mono"
            elif kind == "table_open":
                i = self.table(tokens, i)
                continue
            i += 1

    def table(self, tokens: list[Any], start: int) -> int:
        """The Markdown table at ``tokens[start]`` as a Word table; returns the index after it."""
        from docx.enum.text import WD_ALIGN_PARAGRAPH

        rows: list[list[Any]] = []
        heads: list[bool] = []
        i = start
        while tokens[i].type != "table_close":
            token = tokens[i]
            if token.type == "tr_open":
                rows.append([])
            elif token.type in ("th_open", "td_open"):
                rows[-1].append(tokens[i + 1])
                if len(rows[-1]) == 1:
                    heads.append(token.type == "th_open")
            i += 1
        width = max((len(r) for r in rows), default=0)
        if not rows or not width:
            return i + 1
        table = self.doc.add_table(rows=len(rows), cols=width)
        table.style = "Table Grid"
        for r, row in enumerate(rows):
            for c, inline in enumerate(row):
                cell = table.cell(r, c)
                paragraph = cell.paragraphs[0]
                _runs(paragraph, inline, bold=heads[r])
                if not heads[r] and _is_number(_plain(inline)):
                    paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        self.doc.add_paragraph()
        return i + 1

    def figures(self, section: "Section") -> None:
        from docx.shared import Cm, Inches
        from PIL import Image

        for figure in section.figures:
            if not figure.png:
                continue
            image = Image.open(io.BytesIO(figure.png))
            dpi = float((image.info.get("dpi") or (PNG_DPI, PNG_DPI))[0]) or PNG_DPI
            width = min(Inches(image.width / dpi), Cm(PAGE_WIDTH_CM))
            self.doc.add_picture(io.BytesIO(figure.png), width=width)
            caption = self.source.words["figure"].replace("{n}", str(figure.number))
            self.doc.add_paragraph(f"{caption}. {figure.title}", style="Caption")

    def key_figures(self) -> None:
        from docx.shared import Pt

        keys = self.source.key_figures
        if not keys:
            return
        columns = min(3, len(keys))
        table = self.doc.add_table(rows=(len(keys) + columns - 1) // columns, cols=columns)
        table.style = "Table Grid"
        primary = _rgb(self.source.colours["primary"])
        for n, key in enumerate(keys):
            cell = table.cell(n // columns, n % columns)
            value = cell.paragraphs[0].add_run(key.value)
            value.bold = True
            value.font.size = Pt(18)
            value.font.color.rgb = primary
            cell.add_paragraph(key.label)
            if key.note:
                note = cell.add_paragraph().add_run(key.note)
                note.font.size = Pt(8.5)
                note.italic = True
        self.doc.add_paragraph()

    def logo(self) -> None:
        from docx.shared import Cm

        logo = self.source.logo
        if logo is not None and logo.mime in ("image/png", "image/jpeg"):
            self.doc.add_picture(io.BytesIO(logo.data), height=Cm(1.6))

    def save(self) -> bytes:
        from .write import stable_zip

        out = io.BytesIO()
        self.doc.save(out)
        return stable_zip(out.getvalue())


def _plain(inline: Any) -> str:
    return "".join(child.content for child in (inline.children or []) if child.type in ("text", "code_inline"))


def _is_number(text: str) -> bool:
    import re

    return bool(re.fullmatch(r"[−\-+€$£]?\s?[\d.,  ]*\d[\d.,  ]*\s?(%|: 1)?", text.strip()))


def _runs(paragraph: Any, inline: Any, bold: bool = False) -> None:
    """The inline Markdown of ``inline`` as runs: bold, italic, code; links as their words."""
    strong = emphasis = 0
    for child in inline.children or []:
        kind = child.type
        if kind == "strong_open":
            strong += 1
        elif kind == "strong_close":
            strong -= 1
        elif kind == "em_open":
            emphasis += 1
        elif kind == "em_close":
            emphasis -= 1
        elif kind in ("text", "code_inline", "image"):
            text = child.content
            if not text:
                continue
            run = paragraph.add_run(text)
            run.bold = bool(strong) or bold or None
            run.italic = bool(emphasis) or None
            if kind == "code_inline":
                run.font.name = "DejaVu Sans Mono"
        elif kind == "softbreak":
            paragraph.add_run(" ")
        elif kind == "hardbreak":
            paragraph.add_run().add_break()


def to_docx(document: "Document") -> bytes:
    writer = _Writer(document)
    words = document.words
    writer.logo()
    writer.doc.add_paragraph(words["report"], style="Subtitle")
    writer.heading(document.title, 0)
    if document.intro:
        writer.markdown(document.intro, 2)
    writer.heading(words["summary"], 1)
    writer.key_figures()
    for section in document.summary:
        writer.heading(section.title, 2)
        writer.markdown(section.markdown, 3)
        writer.figures(section)
    for section in document.body:
        writer.page_break()
        writer.heading(section.title, 1)
        writer.markdown(section.markdown, 2)
        writer.figures(section)
    if document.methods:
        writer.page_break()
        writer.heading(words["methods"], 1)
        for section in document.methods:
            writer.heading(section.title, 2)
            writer.markdown(section.markdown, 3)
            writer.figures(section)
    for section in (document.quality, *document.appendix):
        writer.page_break()
        writer.heading(words["appendix"].replace("{title}", section.title), 1)
        writer.markdown(section.markdown, 2)
        writer.figures(section)
    writer.doc.add_paragraph(words["made"])
    return writer.save()

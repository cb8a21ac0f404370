"""``report.html``: one self-contained page, from Jinja2 templates with autoescaping.

Pictures stand inline (SVG, see :mod:`.svg`), the style sheet is in the page, the logo is a data
URI: the file shows everything when it is copied on its own, without JavaScript. The page has a
viewport, wide tables scroll inside their own box, and a print style sheet lays it out on A4
(the PDF is printed from the same page). A section's Markdown is rendered with raw HTML off, so
no text of the study becomes markup; links go only to web addresses, never to files.

An organisation replaces ``report.html.j2`` or ``style.css.j2`` with its own (``report.template``
in the study); templates run in Jinja2's sandbox.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # pragma: no cover
    from .document import Document

SAFE_LINK = re.compile(r"^(https?://|mailto:)", re.IGNORECASE)


def markdown_html(text: str, shift: int = 0) -> str:
    """``text`` (a section's Markdown) as HTML: headings ``shift`` levels deeper, tables in a box
    of their own, links only to web addresses and no images (a section's pictures are its figures)."""
    from markdown_it import MarkdownIt

    md = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False}).enable("table")
    tokens = md.parse(text)
    kept = []
    skip_link_close = 0
    for token in tokens:
        if token.type in ("heading_open", "heading_close"):
            level = min(int(token.tag[1]) + shift, 6)
            token.tag = f"h{level}"
        if token.children:
            children = []
            for child in token.children:
                if child.type == "link_open":
                    href = str(child.attrGet("href") or "")
                    if not SAFE_LINK.match(href):
                        skip_link_close += 1
                        continue
                    child.attrSet("rel", "noopener")
                elif child.type == "link_close" and skip_link_close:
                    skip_link_close -= 1
                    continue
                elif child.type == "image":  # its words, not a picture from somewhere else
                    child.type, child.tag, child.content = "text", "", child.content
                    child.children = None
                children.append(child)
            token.children = children
        kept.append(token)
    html = md.renderer.render(kept, md.options, {})
    html = html.replace("<table>", '<div class="table-wrap"><table>').replace("</table>", "</table></div>")
    return _numbers_right(html)


_NUMERIC_CELL = re.compile(r"<td>([−\-+€$£]?\s?[\d.,  ]*\d[\d.,  ]*\s?(%|: 1)?)</td>")


def _numbers_right(html: str) -> str:
    """Table cells that hold only a number (a count, an amount, a percentage) aligned right."""
    return _NUMERIC_CELL.sub(r'<td class="num">\1</td>', html)


def environment(document: "Document") -> Any:
    """The Jinja2 environment: autoescaping, the sandbox, the study's templates before the built-in ones."""
    from jinja2 import ChoiceLoader, FileSystemLoader, PackageLoader, select_autoescape
    from jinja2.sandbox import SandboxedEnvironment
    from markupsafe import Markup

    loaders = [PackageLoader("impactkit", "templates")]
    if document.template is not None:
        loaders.insert(0, FileSystemLoader(str(document.template)))
    env = SandboxedEnvironment(
        loader=ChoiceLoader(loaders),
        autoescape=select_autoescape(enabled_extensions=("html", "j2", "xml"), default=True),
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["markdown"] = lambda text, shift=0: Markup(markdown_html(text, shift))
    return env


def to_html(document: "Document", *, pictures: bool = True, raster: bool = False) -> str:
    """The page. ``pictures=False`` leaves the figures out; ``raster=True`` shows them as PNG
    (for the PDF: WeasyPrint lays out a picture many times faster than an SVG of many shapes)."""
    from markupsafe import Markup

    env = environment(document)
    css = env.get_template("style.css.j2").render(colours=document.colours)
    page = env.get_template("report.html.j2").render(
        doc=document,
        words=document.words,
        style=Markup(css.replace("</", "<\\/")),  # a style sheet cannot end the <style> element
        pictures=pictures,
        raster=raster,
        intro=Markup(markdown_html(document.intro)) if document.intro else None,
    )
    return page


def summary_html(document: "Document", charts: list[tuple[str, str, bytes]], findings: str | None) -> str:
    """A notebook's view of a result: the report's summary with the key ``charts`` (``(id, title,
    SVG)``) and the ``findings`` in words (``None``: none)."""
    from markupsafe import Markup

    from .svg import inline_svg

    env = environment(document)
    import hashlib

    pictures = [  # ids of their own, also beside another result's in the same notebook
        (title, Markup(inline_svg(data, f"nb-{hashlib.sha1(data).hexdigest()[:10]}-{n}", title)))
        for n, (_, title, data) in enumerate(charts, 1)
    ]
    return env.get_template("notebook.html.j2").render(
        doc=document, words=document.words, charts=pictures, findings=findings
    )

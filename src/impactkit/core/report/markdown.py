"""``report.md``: the same report as Markdown, diagrams as Mermaid blocks.

A diagram with a Mermaid form is written as a ``mermaid`` code block (GitHub, GitLab and most
editors draw it); a chart links its SVG under ``figures/`` beside the file. Headings follow the
report's structure (a section's own ``###`` sits one level deeper under the summary and the
methods note).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from . import md_escape

if TYPE_CHECKING:  # pragma: no cover
    from .document import Document, Figure, Section

_HEADING = re.compile(r"^(#{1,5})(?= )", re.MULTILINE)
_FENCE = re.compile(r"^(```|~~~)", re.MULTILINE)


def deeper(markdown: str, shift: int) -> str:
    """``markdown`` with its headings ``shift`` levels deeper (not inside fenced code)."""
    if not shift:
        return markdown
    parts = _FENCE.split(markdown)
    out, fenced, i = [], False, 0
    while i < len(parts):
        piece = parts[i]
        if piece in ("```", "~~~"):
            fenced = not fenced
            out.append(piece)
        else:
            out.append(piece if fenced else _HEADING.sub(lambda m: m.group(1) + "#" * shift, piece))
        i += 1
    return "".join(out)


def figure_markdown(figure: "Figure", word: str) -> str:
    caption = f"_{md_escape(word.replace('{n}', str(figure.number)))}. {md_escape(figure.title)}_"
    if figure.mermaid:
        body = figure.mermaid.rstrip("\n").replace("```", "'''")
        return f"```mermaid\n{body}\n```\n\n{caption}"
    if figure.file:
        return f"![{md_escape(figure.title)}]({figure.file})\n\n{caption}"
    return ""


def to_markdown(document: "Document") -> str:
    words = document.words
    out = [f"# {md_escape(document.title)}", f"_{md_escape(words['report'])}_"]
    if document.intro:
        out.append(document.intro.strip())

    def section(sec: "Section", level: int, title: str | None = None) -> None:
        out.append(f"{'#' * level} {md_escape(title or sec.title)}")
        if sec.markdown:
            out.append(deeper(sec.markdown, level - 2))
        out.extend(filter(None, (figure_markdown(f, words["figure"]) for f in sec.figures)))

    out.append(f"## {md_escape(words['summary'])}")
    if document.key_figures:
        lines = []
        for key in document.key_figures:
            note = f" ({md_escape(key.note)})" if key.note else ""
            lines.append(f"- **{md_escape(key.value)}** {md_escape(key.label)}{note}")
        out.append("\n".join(lines))
    for sec in document.summary:
        section(sec, 3)
    for sec in document.body:
        section(sec, 2)
    if document.methods:
        out.append(f"## {md_escape(words['methods'])}")
        for sec in document.methods:
            section(sec, 3)
    appendix = words["appendix"]
    section(document.quality, 2, appendix.replace("{title}", document.quality.title))
    for sec in document.appendix:
        section(sec, 2, appendix.replace("{title}", sec.title))
    out.append(f"_{md_escape(words['made'])}_")
    return "\n\n".join(part.strip("\n") for part in out if part.strip()) + "\n"

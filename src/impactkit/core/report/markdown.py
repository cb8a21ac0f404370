"""``report.md``: the same report as Markdown, diagrams as Mermaid blocks.

A diagram with a Mermaid form is written as a ``mermaid`` code block (GitHub, GitLab and most
editors draw it); a chart links its SVG under ``figures/`` beside the file. Headings follow the
report's structure (a section's own ``###`` sits one level deeper under the summary and the
methods note).

No text of the study becomes HTML in a Markdown viewer: :func:`no_raw_html` writes every ``<``
that would open a tag, a comment or an autolink (``<img onerror=…>``, ``<script>``,
``<javascript:…>``) as ``&lt;`` outside code, so it shows as the text it is.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from . import md_escape

if TYPE_CHECKING:  # pragma: no cover
    from .document import Document, Figure, Section

_HEADING = re.compile(r"^(#{1,5})(?= )", re.MULTILINE)
_FENCE = re.compile(r"^(```|~~~)", re.MULTILINE)
_FENCE_LINE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_TAG_START = re.compile(r"<(?=[A-Za-z/!?])")
_TICKS = re.compile(r"`+")


def no_raw_html(markdown: str) -> str:
    """``markdown`` with every ``<`` that starts raw HTML or an autolink written as ``&lt;``,
    except in fenced code and code spans (where it is shown as written) and where it is already
    escaped (``\\<``)."""
    out, fence = [], ""
    for line in markdown.splitlines(keepends=True):
        opened = _FENCE_LINE.match(line)
        if fence:
            if opened and opened.group(1)[0] == fence[0] and len(opened.group(1)) >= len(fence):
                fence = ""
            out.append(line)
        elif opened:
            fence = opened.group(1)
            out.append(line)
        else:
            out.append(_line_without_html(line))
    return "".join(out)


def _line_without_html(line: str) -> str:
    pieces, at = [], 0
    while at < len(line):
        ticks = _TICKS.search(line, at)
        if ticks is None:
            pieces.append(_escape_tags(line[at:]))
            break
        closing = re.compile(r"(?<!`)" + ticks.group(0) + r"(?!`)").search(line, ticks.end())
        if closing is None:  # no code span: the backticks are text
            pieces.append(_escape_tags(line[at : ticks.end()]))
            at = ticks.end()
            continue
        pieces += [_escape_tags(line[at : ticks.start()]), line[ticks.start() : closing.end()]]
        at = closing.end()
    return "".join(pieces)


def _escape_tags(text: str) -> str:
    def escaped(match: re.Match[str]) -> str:
        backslashes = len(text[: match.start()]) - len(text[: match.start()].rstrip("\\"))
        return "<" if backslashes % 2 else "&lt;"

    return _TAG_START.sub(escaped, text)


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
        out.append(no_raw_html(document.intro.strip()))

    def section(sec: "Section", level: int, title: str | None = None) -> None:
        out.append(f"{'#' * level} {md_escape(title or sec.title)}")
        if sec.markdown:
            out.append(deeper(no_raw_html(sec.markdown), level - 2))
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

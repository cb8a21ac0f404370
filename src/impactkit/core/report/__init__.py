"""The report: a reader's document built from every plugin's sections, written as HTML, PDF, Word,
Markdown and a workbook of the tables.

* :mod:`.document` gathers the sections, key figures and pictures into a :class:`~.document.Document`
  (one summary, the body, the methods note, the data-quality appendix) — the same content for
  every format;
* :mod:`.quality` writes the data-quality appendix in plain words from the checks' findings;
* :mod:`.svg` makes a drawn SVG fit to stand inline in a page (its own ids, fonts that exist);
* :mod:`.html` (Jinja2, autoescaped), :mod:`.pdf` (WeasyPrint), :mod:`.word` (python-docx),
  :mod:`.markdown` and :mod:`.workbook` (openpyxl) write the formats; :mod:`.write` writes them
  all to a folder.

This module keeps the small Markdown helpers that plugins use (through ``impactkit.plugin``) and
the CLI's list of figures.
"""

from __future__ import annotations

from ..i18n import Text, catalog, fill
from ..numbers import NO_VALUE, format_number

HEADINGS = catalog(
    [
        (
            "nested",
            ("{n} value — in full {where}", "{n} values — in full {where}"),
            ("{n} waarde — volledig {where}", "{n} waarden — volledig {where}"),
        ),
        ("in-result", "in result.json", "in result.json"),
        ("yes", "yes", "ja"),
        ("no", "no", "nee"),
    ]
)


def md_escape(text: str) -> str:
    """Escape what Markdown would read as markup in running text or a table cell."""
    out = str(text).replace("\\", "\\\\")
    for char in "|*_`[]<>#":
        out = out.replace(char, "\\" + char)
    return " ".join(out.split())


def md_table(header: list[str], rows: list[list[str]]) -> str:
    lines = ["| " + " | ".join(md_escape(h) for h in header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    lines += ["| " + " | ".join(md_escape(c) for c in row) + " |" for row in rows]
    return "\n".join(lines) + "\n"


def format_value(value: object, lang: str) -> str:
    """A metric's value for a reader: a number as :func:`~impactkit.core.numbers.format_number`
    writes it, yes/no, no value (``–``) for a missing one, a list or mapping as ``a; b`` /
    ``key: a; key: b``."""
    if isinstance(value, bool):
        return HEADINGS["yes" if value else "no"].get(lang)
    if value is None:
        return NO_VALUE
    if isinstance(value, (int, float)):
        return format_number(value, lang)
    if isinstance(value, dict):
        return "; ".join(f"{k}: {format_value(v, lang)}" for k, v in value.items())
    if isinstance(value, list):
        return "; ".join(format_value(v, lang) for v in value)
    return str(value)


def describe_value(value: object, lang: str, where: Text | None = None) -> str:
    """A metric for a list of figures: a scalar, or a short flat list or mapping of scalars
    (``Being: 38; Thinking: 30``), as :func:`format_value` writes it; anything deeper or longer as
    how many entries it has, in the reader's language, and ``where`` it is in full (default: in
    result.json)."""
    if isinstance(value, (dict, list)):
        items = value.values() if isinstance(value, dict) else value
        flat = all(not isinstance(v, (dict, list)) for v in items)
        text = format_value(value, lang)
        if flat and len(text) <= 120:
            return text
        return fill(HEADINGS["nested"], n=len(value), where=where or HEADINGS["in-result"]).get(lang)
    return shorten(format_value(value, lang))


def shorten(text: str, limit: int = 160) -> str:
    """``text`` cut at a word boundary to at most ``limit`` characters, with ``…`` when cut."""
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0].rstrip(";:, ")
    return cut + " …"


PROPERTY_LIMIT = 255
"""Characters a document property (a Word or Excel file's title) may hold."""


def property_text(text: str, limit: int = PROPERTY_LIMIT) -> str:
    """``text`` on one line, cut with ``…`` to at most ``limit`` characters: a study's title as a
    file's property (Word and Excel refuse a longer one)."""
    flat = " ".join(str(text).split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"

"""Helpers for the report tests: the text a reader sees in each format."""

from __future__ import annotations

import html
import re
from pathlib import Path

FORMATS = ("report.html", "report.pdf", "report.docx", "report.md", "tables.xlsx")
COMMANDS = re.compile(r"\bimpactkit\s+(run|code|validate|import|report|diagram|status|init|sroi|sdg|demo|export)\b")
PATHS = re.compile(r"(?<![\w@])[\w.-]+\.(csv|xlsx|xls|ods|yaml|yml|json|py|svg|png|dot|mmd|qdpx)\b", re.IGNORECASE)
FOLDERS = re.compile(r"(?<![<\w])/?[\w.-]+/[\w.-]+\.\w{2,4}\b")


def html_text(page: str) -> str:
    """What a reader of the page sees or hears: the text, and the alt, title and aria-label words."""
    page = re.sub(r"<style.*?</style>", " ", page, flags=re.S)
    words = re.findall(r'(?:alt|title|aria-label)="([^"]*)"', page)
    text = re.sub(r"<[^>]+>", " ", page)
    return html.unescape(" ".join([text, *words]))


def markdown_text(text: str) -> str:
    """Markdown without its link targets (a chart's picture is linked from figures/)."""
    return re.sub(r"\]\([^)]*\)", "]", text)


def docx_text(path: Path) -> str:
    import docx

    document = docx.Document(str(path))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts += [cell.text for cell in row.cells]
    return "\n".join(parts)


def pdf_text(path: Path) -> str:
    import pypdf

    pages = pypdf.PdfReader(str(path)).pages  # (a font of two-byte codes may come out with NULs between)
    return "\n".join(page.extract_text() or "" for page in pages).replace("\x00", "")


def reader_texts(folder: Path) -> dict[str, str]:
    """The reader's text of each report format in ``folder``."""
    return {
        "report.html": html_text((folder / "report.html").read_text(encoding="utf-8")),
        "report.md": markdown_text((folder / "report.md").read_text(encoding="utf-8")),
        "report.docx": docx_text(folder / "report.docx"),
        "report.pdf": pdf_text(folder / "report.pdf"),
    }


def declared_ids() -> set[str]:
    """Every metric, check, table, view and section id the installed plugins declare, and the core's finding codes."""
    from impactkit.core.plugins import make_manager

    manager = make_manager()
    ids: set[str] = set()
    for hook in (
        "impactkit_metrics",
        "impactkit_validations",
        "impactkit_tables",
        "impactkit_visualisations",
        "impactkit_report_sections",
    ):
        for item in manager.collect(hook)[0]:
            ids.add(item.id)
            ids.update(getattr(item, "aliases", ()) or ())
    return ids | {"core.plugin-error", "core.no-consent", "core.dangling", "core.method-unknown"}


def plumbing(text: str, ids: set[str]) -> list[str]:
    """The file paths, commands and ids in ``text``: what a reader's report must not hold."""
    found = [m.group(0) for m in PATHS.finditer(text)]
    found += [m.group(0) for m in FOLDERS.finditer(text)]
    found += [m.group(0) for m in COMMANDS.finditer(text)]
    found += [name for name in ids if re.search(rf"(?<![\w.]){re.escape(name)}(?![\w-])", text)]
    return sorted(set(found))

"""Writing the report's formats to a folder: ``report.html``, ``report.pdf``, ``report.docx``,
``report.md`` and ``tables.xlsx``, all from one :class:`~.document.Document`.

Every file is written atomically (:func:`~impactkit.core.files.atomic_write`) and is
deterministic: the same study gives the same bytes (HTML, Markdown; the PDF, Word and workbook
files with fixed dates in their metadata and their zip entries).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import UserError
from ..files import atomic_write
from ..numbers import format_list

if TYPE_CHECKING:  # pragma: no cover
    from ...core.contributions import Finding
    from ..result import Result
    from .document import Document

REPORT_FORMATS = ("html", "pdf", "docx", "md", "xlsx")
"""Every format of the report, in the order they are written."""
FILES = {"html": "report.html", "pdf": "report.pdf", "docx": "report.docx", "md": "report.md", "xlsx": "tables.xlsx"}


def check_formats(formats: Sequence[str]) -> tuple[str, ...]:
    """``formats`` in the order of :data:`REPORT_FORMATS`, each once; an unknown one is refused."""
    unknown = [f for f in formats if f not in REPORT_FORMATS]
    if unknown:
        raise UserError(
            f"unknown report format {format_list(unknown, 'en')}; choose from {format_list(REPORT_FORMATS, 'en')}",
            f"onbekend rapportformaat {format_list(unknown, 'nl')}; kies uit {format_list(REPORT_FORMATS, 'nl')}",
        )
    return tuple(f for f in REPORT_FORMATS if f in formats)


def write_report(
    result: "Result",
    out: Path,
    *,
    lang: str,
    formats: Sequence[str] = REPORT_FORMATS,
    drawn: Mapping[str, Mapping[str, bytes]] | None = None,
) -> tuple[list[Path], list["Finding"]]:
    """Write the report in each of ``formats`` to ``out``; the files written and the findings
    about sections that failed."""
    from .document import build

    formats = check_formats(formats)
    if not formats:
        return [], []
    document, problems = build(result, lang, drawn)
    written: list[Path] = []
    for fmt in formats:
        path = out / FILES[fmt]
        atomic_write(path, _render(fmt, document, result, lang))
        written.append(path)
    return written, problems


def _render(fmt: str, document: "Document", result: "Result", lang: str) -> bytes:
    """The bytes of the report in ``fmt``."""
    if fmt == "html":
        from .html import to_html

        return to_html(document).encode("utf-8")
    if fmt == "md":
        from .markdown import to_markdown

        return to_markdown(document).encode("utf-8")
    if fmt == "pdf":
        from .html import to_html
        from .pdf import to_pdf

        return to_pdf(to_html(document, raster=True), document)
    if fmt == "docx":
        from .word import to_docx

        return to_docx(document)
    from .workbook import to_xlsx

    return to_xlsx(result, lang)


def stable_zip(data: bytes) -> bytes:
    """A zip file (a .docx, an .xlsx) with the same bytes for the same content: each entry in the
    order given, with a fixed date and no extra fields (zip writers stamp the time of writing),
    and the document's own dates (``docProps/core.xml``) fixed as well."""
    import io
    import re
    import zipfile

    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=(1980, 1, 1, 0, 0, 0))
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            content = source.read(info.filename)
            if info.filename == "docProps/core.xml":
                content = re.sub(
                    rb"(<dcterms:(created|modified)[^>]*>)[^<]*(</dcterms:\2>)",
                    rb"\g<1>2000-01-01T00:00:00Z\g<3>",
                    content,
                )
            target.writestr(entry, content)
    return out.getvalue()

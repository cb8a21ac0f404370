"""``report.pdf``: the page printed on A4 by WeasyPrint (its print style sheet: the summary on a
page of its own, each section from a new page, no figure or table row split over two pages).

The metadata are fixed (title, language, generator; the creation and change dates are left out)
so that the same study gives the same bytes.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    from .document import Document


def to_pdf(page: str, document: "Document") -> bytes:
    import logging

    from weasyprint import HTML

    from . import property_text

    logging.getLogger("weasyprint").setLevel(logging.ERROR)  # its notes on CSS it ignores are no user's business
    logging.getLogger("fontTools").setLevel(logging.ERROR)
    rendered = HTML(string=page, base_url=None).render()
    rendered.metadata.title = property_text(document.title)
    rendered.metadata.lang = document.lang
    rendered.metadata.generator = f"impactkit {document.version}"
    rendered.metadata.created = None
    rendered.metadata.modified = None
    return rendered.write_pdf(pdf_identifier=b"impactkit-report") or b""

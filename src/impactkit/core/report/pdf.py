"""``report.pdf``: the page printed on A4 by WeasyPrint (its print style sheet: the summary on a
page of its own, each section from a new page, no figure or table row split over two pages).

The metadata are fixed (title, language, generator; the creation and change dates are left out)
so that the same study gives the same bytes. So are the embedded fonts: WeasyPrint subsets them with
fontTools, which stamps each subset with the time of writing unless ``SOURCE_DATE_EPOCH`` says
otherwise (the reproducible-builds convention); it is set while the PDF is written, unless the
environment already sets it.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    from .document import Document


FONT_DATE_EPOCH = "315532800"
"""The date the embedded fonts carry (1980-01-01, as in a reproducible zip file)."""


@contextmanager
def _fixed_font_dates() -> Iterator[None]:
    given = os.environ.get("SOURCE_DATE_EPOCH")
    if given is None:
        os.environ["SOURCE_DATE_EPOCH"] = FONT_DATE_EPOCH
    try:
        yield
    finally:
        if given is None:
            os.environ.pop("SOURCE_DATE_EPOCH", None)


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
    with _fixed_font_dates():
        return rendered.write_pdf(pdf_identifier=b"impactkit-report") or b""

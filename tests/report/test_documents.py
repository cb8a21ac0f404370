"""report.docx and report.pdf read back with their own libraries: the summary's key figures are
there, with Word's real headings, tables and pictures, and a PDF of A4 pages."""

from __future__ import annotations

import pytest

from tests.report.reading import docx_text, pdf_text
from tests.report.test_report import fake_result


@pytest.mark.slow
def test_word_and_pdf_hold_the_summarys_key_figures(write_study, tmp_path):
    import docx
    import pypdf

    result = fake_result(write_study)
    result.write(tmp_path / "out", report=("pdf", "docx"))
    keys = [(k.value, k.label) for k in result.document("en").key_figures]
    assert keys[2:] == [("21.7%", "feel less alone"), ("3", "coded by hand")]  # after the core's who took part
    word = docx.Document(str(tmp_path / "out" / "report.docx"))
    styles = [p.style.name for p in word.paragraphs if p.text.strip()]
    assert {"Title", "Heading 1", "Heading 2"} <= set(styles)
    heading = next(p.text for p in word.paragraphs if p.style.name == "Heading 1")
    assert heading == "Summary"
    tiles = word.tables[0]  # the key figures come first, as a table of tiles, three to a row
    assert "people took part" in tiles.cell(0, 0).text
    assert "21.7%" in tiles.cell(0, 2).text and "feel less alone" in tiles.cell(0, 2).text
    assert "n = 23" in tiles.cell(0, 2).text and "coded by hand" in tiles.cell(1, 0).text
    assert len(word.inline_shapes) >= 1  # the theory of change as a picture
    assert word.core_properties.title == "Demo study"
    pdf = pypdf.PdfReader(str(tmp_path / "out" / "report.pdf"))
    first = pdf.pages[0].extract_text()
    assert "21.7%" in first and "feel less alone" in first and "n = 23" in first  # on the summary's page
    width, height = float(pdf.pages[0].mediabox.width), float(pdf.pages[0].mediabox.height)
    assert (round(width), round(height)) == (595, 842)  # A4 in points
    for text in (docx_text(tmp_path / "out" / "report.docx"), pdf_text(tmp_path / "out" / "report.pdf")):
        text = " ".join(text.split())  # the PDF's lines wrap where the page ends them
        assert "Appendix: Data quality" in text and "Uncoded changes are not counted." in text


@pytest.mark.slow
def test_the_pdf_is_the_same_bytes_whenever_it_is_written(monkeypatch):
    """The embedded font subsets carry a fixed date, not the time of writing (fontTools stamps each
    subset with the clock unless SOURCE_DATE_EPOCH is set), and a user's own SOURCE_DATE_EPOCH is
    left as it was."""
    import os
    import time
    from types import SimpleNamespace

    from impactkit.core.report.pdf import to_pdf

    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    page = "<html lang='nl'><body><h1>Rapport</h1><p>Één zin met tekst.</p></body></html>"
    document = SimpleNamespace(title="Rapport", lang="nl", version="0")  # what to_pdf reads of a Document
    written = []
    for clock in (1_700_000_000.0, 1_800_000_000.0):  # two moments years apart
        monkeypatch.setattr(time, "time", lambda clock=clock: clock)
        written.append(to_pdf(page, document))
    assert written[0] == written[1]
    assert "SOURCE_DATE_EPOCH" not in os.environ

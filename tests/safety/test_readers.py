"""The table readers never guess silently and never run away: a stray quote, a file that mixes
encodings, a forged workbook and a zip bomb are refused or read as they are, with the row named."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest

from impactkit.core.errors import StudyError
from tests.safety.test_hostile import forged

STUDY = """\
impactkit: 1
id: r
title: R
route: nonlinear
stakeholders: [{id: students, name: Students}]
changes: changes.csv
"""


def test_a_forged_workbook_dimension_is_not_trusted(tmp_path):
    from impactkit.core.readers import read_rows, read_table_file

    path = tmp_path / "changes.xlsx"
    forged(path)
    frame = read_table_file(path)
    assert list(frame.columns) == ["person", "stakeholder", "change"]  # not 16,384 columns
    assert read_rows(path) == [(1, ["person", "stakeholder", "change"]), (2, ["p1", "students", "I learn"])]


def test_a_workbook_that_would_unpack_past_the_limit_is_refused_before_it_is_opened(tmp_path, monkeypatch):
    from impactkit.core import readers

    path = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/sharedStrings.xml", b"\0" * 3_000_000)  # 3 MB of zeros, a few KB packed
    monkeypatch.setattr(readers, "MAX_UNPACKED", 2_000_000)
    opened = []
    monkeypatch.setattr("openpyxl.load_workbook", lambda *a, **k: opened.append(a))
    with pytest.raises(StudyError, match="unpacks to 3,000,000 bytes") as caught:
        readers.read_table_file(path)
    assert not opened
    assert "(een zipbom?)" in caught.value.problems[0].message.nl


def test_a_cell_of_exactly_a_megabyte_is_read_whole(tmp_path):
    from impactkit.core.limits import MAX_CELL_CHARS
    from impactkit.core.readers import csv_rows

    answer = "é" * MAX_CELL_CHARS
    path = tmp_path / "t.csv"
    path.write_text(f'person,change\np1,"{answer}"\n', encoding="utf-8")
    assert csv_rows(path)[1][1] == answer


def test_a_stray_quote_names_the_row_where_it_opens_also_after_a_cell_with_a_line_break(tmp_path):
    from impactkit.core.readers import csv_rows

    path = tmp_path / "t.csv"
    path.write_text('a,b\n1,"two\nlines"\n2,"never closed\n3,x\n4,y\n', encoding="utf-8")
    with pytest.raises(StudyError) as caught:
        csv_rows(path)
    (problem,) = caught.value.problems
    assert problem.location.row == 3  # the third row, on line 4 of the file
    assert "(line 4) is never closed" in problem.message.en and "(regel 4)" in problem.message.nl


def test_import_of_a_file_that_mixes_encodings_writes_nothing(tmp_path, cli):
    study = tmp_path / "study"
    study.mkdir()
    (study / "study.yaml").write_text(STUDY.replace("changes: changes.csv\n", ""), encoding="utf-8")
    export = tmp_path / "export.csv"
    export.write_bytes("person,stakeholder,change\np1,students,café\n".encode() + b"p2,students,caf\xe9\n")
    before = {p.name: p.read_bytes() for p in study.iterdir()}
    done = cli("import", "changes", export, "--study", study, plugins="core", catch=True)
    assert done.exit_code == 2 and "export.csv:3:" in done.output and "0xE9" in done.output, done.output
    assert {p.name: p.read_bytes() for p in study.iterdir()} == before


def test_a_utf16_and_a_utf32_export_read_the_same(tmp_path):
    from impactkit.core.readers import csv_rows

    text = "person;change\np1;café ünd ß\n"
    rows = []
    for encoding in ("utf-16", "utf-16-le", "utf-32", "utf-32-le", "utf-8-sig", "cp1252"):
        path = Path(tmp_path / f"{encoding}.csv")
        path.write_bytes(text.encode(encoding))
        rows.append(csv_rows(path))
    assert all(r == [["person", "change"], ["p1", "café ünd ß"]] for r in rows), rows


def test_the_suggestions_file_reader_names_a_stray_quote_too(tmp_path):
    from impactkit.core.coding import read_accepted

    path = tmp_path / "s.csv"
    path.write_bytes(io.BytesIO(b'id,row,accept\nc1,2,"ja\nc2,3,ja\n').getvalue())
    with pytest.raises(StudyError, match="never closed"):
        read_accepted(path)


def test_a_table_past_a_limit_is_refused_before_pandas_reads_it_all(tmp_path, monkeypatch):
    import pandas as pd

    from impactkit.core import readers

    def never(*args, **kwargs):
        raise AssertionError("pandas read a table past the limits (a million columns took minutes)")

    monkeypatch.setattr(pd, "read_csv", never)
    wide = tmp_path / "wide.csv"
    wide.write_text("person,stakeholder,change" + ",x" * 1_000_000 + "\np1,students,I learn\n", encoding="utf-8")
    with pytest.raises(StudyError, match="at most 16,384 columns"):
        readers.read_table_file(wide)
    monkeypatch.setattr(readers, "MAX_CELLS", 100)
    long = tmp_path / "long.csv"
    long.write_text("a,b\n" + "1,2\n" * 60, encoding="utf-8")
    with pytest.raises(StudyError, match="more than 100 cells"):
        readers.read_table_file(long)

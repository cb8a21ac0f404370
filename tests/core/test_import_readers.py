"""The core's table readers for survey exports: UTF-16, UTF-8 with and without a BOM, Windows-1252
and Latin-1 told apart; a Qualtrics export's three header rows found; a workbook's sheet chosen by
name or position (XLSX and ODS); a sheet that is not there named with the sheets there are."""

from __future__ import annotations

import codecs

import pytest

from impactkit.core.errors import StudyError
from impactkit.core.readers import decode_csv, header_height, read_table_file, sheet_names
from tests.core.test_import_shapes import workbook

TEXT = "Persoon;Verandering\nJoëlle;Ik durf “meer” – écht\n"


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (TEXT.encode("utf-8"), "utf-8-sig"),
        (codecs.BOM_UTF8 + TEXT.encode("utf-8"), "utf-8-sig"),
        (TEXT.encode("utf-16"), "utf-16"),
        (TEXT.encode("utf-16-le"), "utf-16-le"),
        (TEXT.encode("utf-16-be"), "utf-16-be"),
        (TEXT.encode("cp1252"), "cp1252"),
    ],
)
def test_each_encoding_is_read_as_written(data, encoding):
    assert decode_csv(data) == (TEXT, encoding)


def test_latin1_with_a_byte_windows_1252_does_not_define_is_latin1():
    raw = "naïef\x81".encode("latin-1")  # 0x81 is undefined in Windows-1252
    assert decode_csv(raw) == ("naïef\x81", "latin-1")


def test_a_utf16_csv_is_a_table_like_any_other(tmp_path):
    path = tmp_path / "export.csv"
    path.write_bytes(("Persoon\tVerandering\r\nJoëlle\tIk durf meer\r\n").encode("utf-16"))
    frame = read_table_file(path)
    assert list(frame.columns) == ["Persoon", "Verandering"]
    assert frame.values.tolist() == [["Joëlle", "Ik durf meer"]]
    assert frame.attrs["encoding"] == "utf-16" and frame.attrs["data_row"] == 2


QUALTRICS = (
    "StartDate,ResponseId,Q1,Q2\n"
    "Start Date,Response ID,Wie ben je?,Wat is er voor jou veranderd?\n"
    '"{""ImportId"":""startDate"",""timeZone"":""Europe/Amsterdam""}","{""ImportId"":""_recordId""}",'
    '"{""ImportId"":""QID1_TEXT""}","{""ImportId"":""QID2_TEXT""}"\n'
    "2024-05-01 10:00:00,R_1a,student,Ik durf meer\n"
)


def test_a_qualtrics_export_has_three_header_rows_and_every_header_names_its_column(tmp_path):
    path = tmp_path / "qualtrics.csv"
    path.write_text(QUALTRICS, encoding="utf-8-sig")
    frame = read_table_file(path)
    assert list(frame.columns) == ["StartDate", "ResponseId", "Q1", "Q2"]
    assert frame.values.tolist() == [["2024-05-01 10:00:00", "R_1a", "student", "Ik durf meer"]]
    assert frame.attrs["header_row"] == 1 and frame.attrs["data_row"] == 4
    assert frame.attrs["header_names"]["Q2"] == ["Q2", "Wat is er voor jou veranderd?", '{"ImportId":"QID2_TEXT"}']
    assert read_table_file(path, header_rows=1).attrs["data_row"] == 2  # as told: the rows under it are data


def test_header_height_needs_the_import_id_row():
    assert header_height([["a", "b"], ["x", "y"], ["1", "2"]], 0) == 1
    assert header_height([["a", "b"], ['{"ImportId":"QID1"}', '{"ImportId":"QID2"}']], 0) == 2
    assert header_height([["a", "b"], ['{"not":"it"}', "{broken"]], 0) == 1


def test_a_sheet_by_name_or_position_and_a_missing_one_named_with_those_there_are(tmp_path):
    path = workbook(
        tmp_path / "export.xlsx",
        {"Toelichting": [["Deze enquête ..."]], "Antwoorden": [["Persoon", "Verandering"], ["p1", "meer rust"]]},
    )
    assert sheet_names(path) == ["Toelichting", "Antwoorden"]
    for sheet in ("antwoorden", 2, "2"):
        frame = read_table_file(path, sheet=sheet)
        assert frame.values.tolist() == [["p1", "meer rust"]] and frame.attrs["sheet"] == "Antwoorden"
    with pytest.raises(StudyError) as wrong:
        read_table_file(path, sheet="Antwoord")
    assert (
        wrong.value.problems[0]
        .render("nl")
        .endswith(
            "export.xlsx (sheet): de werkmap heeft geen blad 'Antwoord' (de bladen: Toelichting, Antwoorden) "
            "(bedoelde je 'Antwoorden'?)"
        )
    )
    with pytest.raises(StudyError, match="the workbook has no sheet 3: it has 2"):
        read_table_file(path, sheet=3)
    (tmp_path / "x.csv").write_text("a,b\n", encoding="utf-8")
    with pytest.raises(StudyError, match="--sheet is for a workbook"):
        read_table_file(tmp_path / "x.csv", sheet=1)


def test_an_ods_workbook_is_read_with_numbers_as_written(tmp_path):
    import pandas as pd

    path = tmp_path / "export.ods"
    with pd.ExcelWriter(path, engine="odf") as writer:
        pd.DataFrame({"x": ["uitleg"]}).to_excel(writer, sheet_name="Uitleg", index=False)
        pd.DataFrame({"Persoon": ["p1", "p2"], "Belang": [4, 4.5]}).to_excel(writer, sheet_name="Data", index=False)
    frame = read_table_file(path, sheet="Data")
    assert frame.values.tolist() == [["p1", "4"], ["p2", "4.5"]]
    assert sheet_names(path) == ["Uitleg", "Data"]

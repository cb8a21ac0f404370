"""core/readers.py reads a well-formed CSV with pandas' C parser: it must read every file exactly as
the row-by-row reader (``parse_csv``) does, or leave it to that reader."""

from __future__ import annotations

import csv
import io

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from impactkit.core.errors import StudyError
from impactkit.core.readers import _parsed, _table, parse_csv, quotes_well_placed, read_csv

PIECES = ["a", "b", "é", " ", ",", ";", "\t", '"', '""', "\n", "\r\n", "\r", "x y", "1"]


def strict_reads(text: str, delimiter: str) -> bool:
    try:
        list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True))
    except csv.Error:
        return False
    return True


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=30), st.sampled_from([",", ";", "\t"]))
def test_quotes_are_judged_as_the_strict_reader_judges_them(pieces, delimiter):
    text = "".join(pieces)
    assert quotes_well_placed(text, delimiter) == strict_reads(text, delimiter)


def frames_equal(a, b) -> bool:
    return (
        list(a.columns) == list(b.columns)
        and a.astype(str).values.tolist() == b.astype(str).values.tolist()
        and {k: v for k, v in a.attrs.items() if k != "problems"}
        == {k: v for k, v in b.attrs.items() if k != "problems"}
        and [(p.location, p.message) for p in a.attrs["problems"]]
        == [(p.location, p.message) for p in b.attrs["problems"]]
    )


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(PIECES), min_size=1, max_size=40), st.sampled_from([",", ";"]), st.booleans())
def test_the_c_parser_reads_what_the_row_reader_reads_or_leaves_it(tmp_path_factory, pieces, delimiter, utf8):
    text = "id" + delimiter + "change" + delimiter + "note\n" + "".join(pieces)
    path = tmp_path_factory.mktemp("csv") / "c.csv"
    path.write_text(text, encoding="utf-8", newline="")
    fast = _parsed(path, text.encode("utf-8") if utf8 else None, text, delimiter, None)
    try:
        slow = _table(path, parse_csv(text, delimiter, path), first=0, header_rows=None)
    except StudyError:
        assert fast is None  # a problem the row reader names: never read past by the C parser
        return
    if fast is not None:
        assert frames_equal(fast, slow), (text, fast.values.tolist(), slow.values.tolist())


def test_a_well_formed_export_is_read_by_the_c_parser_with_its_header_rows(tmp_path):
    path = tmp_path / "c.csv"
    path.write_text(
        'Persoon,Verandering,Citaat\nWie ben je?,Wat veranderde?,Zeg het zelf\n{"ImportId":"QID1"},{"ImportId":"QID2"},'
        '{"ImportId":"QID3"}\np1,"Ik durf, eindelijk","Hij zei ""ja"""\n\np2,Ik leer\n\n',
        encoding="utf-8",
    )
    text = path.read_text(encoding="utf-8")
    fast = _parsed(path, path.read_bytes(), text, ",", None)
    assert fast is not None
    slow = _table(path, parse_csv(text, ",", path), first=0, header_rows=None)
    assert frames_equal(fast, slow) and fast.attrs["data_row"] == 4
    assert fast.values.tolist() == [["p1", "Ik durf, eindelijk", 'Hij zei "ja"'], ["", "", ""], ["p2", "Ik leer", ""]]
    assert read_csv(path).attrs["encoding"] == "utf-8-sig"


@pytest.mark.parametrize(
    "body",
    ['p1,"not closed\n', 'p1,"closed"then text\n', "p1,a,b,c,d\n"],
)
def test_what_the_row_reader_refuses_or_names_is_left_to_it(tmp_path, body):
    path = tmp_path / "c.csv"
    text = "person,change\n" + body
    path.write_text(text, encoding="utf-8")
    assert _parsed(path, text.encode(), text, ",", None) is None

"""core/readers.py reads a well-formed CSV with pyarrow's CSV reader, else pandas' C parser: each must
read every file exactly as the row-by-row reader (``parse_csv``) does, or leave it to that reader."""

from __future__ import annotations

import codecs
import csv
import io
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from impactkit.core.errors import StudyError
from impactkit.core.readers import _arrow_cells, _parsed, _table, parse_csv, quotes_well_placed, read_csv

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


CELL_PIECES = [
    "a",
    "é",
    " ",
    ",",
    ";",
    "\t",
    '"',
    "\n",
    "\r\n",
    "\r",
    "007",
    "1.5e3",
    "NA",
    "null",
    "TRUE",
    "nan",
    "",
    "\x00",
]


@settings(max_examples=300, deadline=None)
@given(
    st.integers(1, 4).flatmap(
        lambda width: st.lists(
            st.lists(st.lists(st.sampled_from(CELL_PIECES), max_size=4).map("".join), min_size=width, max_size=width),
            min_size=1,
            max_size=6,
        )
    ),
    st.sampled_from([",", ";", "\t"]),
    st.sampled_from([csv.QUOTE_MINIMAL, csv.QUOTE_ALL]),
    st.sampled_from(["\n", "\r\n"]),
    st.booleans(),
)
def test_pyarrow_reads_a_written_csv_as_the_row_reader_does(tmp_path_factory, body, delimiter, quoting, ending, utf8):
    """Files as spreadsheets and survey tools write them (every row as wide as the header): read
    by pyarrow, cell for cell what parse_csv reads — numbers, NA and null stay text, as written."""
    buffer = io.StringIO()
    header = [f"h{i}" for i in range(len(body[0]))]
    csv.writer(buffer, delimiter=delimiter, quoting=quoting, lineterminator=ending).writerows([header, *body])
    text = buffer.getvalue()
    path = tmp_path_factory.mktemp("csv") / "c.csv"
    raw = text.encode("utf-8") if utf8 else None
    cells = _arrow_cells(raw, text, delimiter, text[: text.find(ending)].count(delimiter) + 1)
    slow = _table(path, parse_csv(text, delimiter, path), first=0, header_rows=None)
    if cells is not None:
        rows = parse_csv(text, delimiter, path)
        assert cells.values.tolist() == [row + [""] * (cells.shape[1] - len(row)) for row in rows][: len(cells)]
    fast = _parsed(path, raw, text, delimiter, None)
    assert fast is not None and frames_equal(fast, slow), (text, fast, slow.values.tolist())


def test_a_clean_export_is_read_by_pyarrow_and_a_ragged_one_by_the_c_parser(tmp_path):
    clean = 'id,change,2025\n1,Ik durf meer,007\n2,"Zij zei: ""nee""",NA\n'  # a column of numbers stays text
    assert _arrow_cells(clean.encode(), clean, ",", 3).values.tolist() == [
        ["id", "change", "2025"],
        ["1", "Ik durf meer", "007"],
        ["2", 'Zij zei: "nee"', "NA"],
    ]
    ragged = "id,change,importance\n1,Ik durf meer\n\n"  # a short row, a blank line
    assert _arrow_cells(ragged.encode(), ragged, ",", 3) is None
    path = tmp_path / "c.csv"
    path.write_text(ragged, encoding="utf-8")
    assert _parsed(path, ragged.encode(), ragged, ",", None).values.tolist() == [["1", "Ik durf meer", ""]]


def test_without_pyarrow_the_c_parser_reads_the_file(tmp_path, monkeypatch):
    text = "id,change,2025\n1,Ik durf meer,007\n"
    path = tmp_path / "c.csv"
    path.write_text(text, encoding="utf-8")
    with_arrow = read_csv(path)
    monkeypatch.setitem(sys.modules, "pyarrow", None)  # import pyarrow raises ImportError
    assert _arrow_cells(text.encode(), text, ",", 3) is None
    without = read_csv(path)
    assert without.values.tolist() == with_arrow.values.tolist() == [["1", "Ik durf meer", "007"]]


def test_a_quoted_line_break_across_a_megabyte_boundary_keeps_its_line_feed(tmp_path):
    """pyarrow reads a file in blocks (1 MiB by default) and drops the \\n of a quoted \\r\\n whose
    \\r ends a block (apache/arrow#51368): impactkit has it read the file as one block."""
    block = 1 << 20
    text = "id,change\r\n"
    while len(text) < block - 200:
        text += f"{len(text)},filler\r\n"
    last = '999999,"'
    pad = block - 1 - len(text) - len(last) - len("Ik durf meer")
    text += f'0,{"x" * (pad - 4)}\r\n{last}Ik durf meer\r\nen ik leer"\r\n1000000,einde\r\n'
    assert text.index("meer\r\n") + 4 == block - 1  # the \r is the last byte of the first megabyte
    path = tmp_path / "c.csv"
    path.write_bytes(text.encode("utf-8"))
    frame = read_csv(path)
    assert frame["change"].iloc[-2] == "Ik durf meer\r\nen ik leer"
    slow = _table(path, parse_csv(text, ",", path), first=0, header_rows=None)
    assert frame.values.tolist() == slow.values.tolist()


def test_a_second_byte_order_mark_is_left_to_the_row_reader(tmp_path):
    raw = codecs.BOM_UTF8 * 2 + b'"Naam\nvolledig",change\n1,a\n2,b\n'
    path = tmp_path / "c.csv"
    path.write_bytes(raw)
    text = raw.decode("utf-8-sig")
    assert _parsed(path, raw, text, ",", None) is None
    slow = _table(path, parse_csv(text, ",", path), first=0, header_rows=None)
    read = read_csv(path)
    assert list(read.columns) == list(slow.columns) and read.values.tolist() == slow.values.tolist()

"""Impact maps as CSV and XLSX: errors with row and column, and lossless round trips."""

from __future__ import annotations

from pathlib import Path

import pytest

from impactkit.plugins.sroi import io
from impactkit.plugins.sroi.io import MapFileError, read_impact_map

from .conftest import without_locations

STUDY = """\
impactkit: 1
id: filemap
title: Map from a file
route: linear
stakeholders:
  - {id: students, name: Students}
  - {id: residents, name: Residents}
  - {id: city, name: City}
inputs:
  - {id: grant, name: Grant, stakeholder: city, value: 20000}
  - {id: rooms, name: Rooms, stakeholder: residents, value: 5000, in_kind: true, valuation: market rent}
outcomes:
  - {id: confidence, name: More confidence, stakeholders: [students]}
  - {id: less-alone, name: Feel less alone, stakeholders: [residents]}
methods:
  sroi:
    impact_map: MAP
"""

HEADER = [
    "stakeholder",
    "outcome",
    "indicator",
    "quantity",
    "quantity_low",
    "quantity_high",
    "duration",
    "proxy",
    "proxy_value",
    "proxy_value_distribution",
    "proxy_source",
    "deadweight",
    "deadweight_distribution",
    "displacement",
    "attribution",
    "drop_off",
    "starts_after_activity",
    "justification",
]
ROWS = [
    [
        "students",
        "confidence",
        "score +1",
        30,
        24,
        36,
        3,
        "course",
        1000,
        "lognormal(1000, 150)",
        "price list",
        "25%",
        "triangular(15%, 25%, 40%)",
        "10%",
        "20%",
        "10%",
        "",
        "",
    ],
    [
        "Residents",
        "less-alone",
        "UCLA scale",
        12,
        None,
        None,
        2,
        "wellbeing value",
        "1.250,50",
        None,
        "survey",
        0.3,
        None,
        0,
        "50%",
        "0%",
        "ja",
        "a year to build trust",
    ],
    [
        "residents",
        "new friendships",
        "",
        8,
        None,
        None,
        1,
        "",
        400,
        "uniform(300, 500)",
        "",
        None,
        None,
        None,
        None,
        None,
        "no",
        "",
    ],
]


def write_csv(path: Path, header: list, rows: list, delimiter: str = ",") -> Path:
    import csv

    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, delimiter=delimiter)
        writer.writerow(header)
        for row in rows:
            writer.writerow(["" if c is None else c for c in row])
    return path


def write_xlsx(path: Path, header: list, rows: list, title_rows: int = 0) -> Path:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "Value Map"
    for i in range(title_rows):
        sheet.append([f"title line {i + 1}"])
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path


def test_csv_import_reads_every_kind_of_cell(tmp_path):
    imported = read_impact_map(write_csv(tmp_path / "map.csv", HEADER, ROWS))
    assert imported.errors == [] and len(imported.rows) == 3
    first, second, third = imported.rows
    assert first.quantity.low == 24 and first.quantity.high == 36
    assert first.deadweight.value == 0.25 and first.deadweight.distribution.high == 0.4
    assert first.proxy_value.distribution.type == "lognormal" and first.displacement.value == pytest.approx(0.1)
    assert second.proxy_value.value == 1250.5 and second.starts_after_activity is True
    assert second.displacement.value == 0 and second.drop_off.value == 0  # stated zero, not empty
    assert third.deadweight is None and third.indicator is None  # left empty
    assert third.proxy_value.distribution.spec() == "uniform(300, 500)"
    assert [o.row for o in imported.origins] == [2, 3, 4]


def test_semicolons_decimal_commas_and_dutch_headers(tmp_path):
    header = [
        "Belanghebbende",
        "Uitkomst",
        "Aantal",
        "Duur (jaren)",
        "Waarde proxy",
        "Deadweight",
        "Attributie",
        "Afname (drop-off)",
        "Verplaatsing",
        "Bron proxy",
        "Indicator",
    ]
    rows = [["students", "confidence", "30", "3", "1000", "25%", "0,2", "10%", "0,1", "lijst", "score"]]
    imported = read_impact_map(write_csv(tmp_path / "kaart.csv", header, rows, delimiter=";"))
    assert imported.problems == []
    row = imported.rows[0]
    assert (row.quantity.value, row.attribution.value, row.displacement.value) == (30, 0.2, 0.1)
    assert imported.origins[0].header("duration") == "Duur (jaren)"


def test_bad_cells_are_reported_with_file_row_and_column(tmp_path):
    rows = [
        ["students", "confidence", "x", -30, None, None, 3, "", 1000, None, "s", "25%", None, 0, 0, 0, "", ""],
        ["students", "confidence", "x", 30, None, None, 3, "", 1000, None, "s", "140%", None, 0, 0, 0, "", ""],
        ["students", "confidence", "x", 30, None, None, 3, "", 1000, None, "s", 140, None, 0, 0, 0, "", ""],
        ["students", "confidence", "x", 30, 40, 50, 3, "", 1000, "cauchy(1, 2)", "s", 0, None, 0, 0, 0, "maybe", ""],
        ["", "confidence", "x", 30, None, None, 3, "", 1000, None, "s", 0, None, 0, 0, 0, "", ""],
    ]
    path = write_csv(tmp_path / "map.csv", HEADER, rows)
    lines = [p.render() for p in read_impact_map(path).errors]
    assert lines == [
        f"{path}:2:quantity: -30 is negative; expected a number of 0 or more, such as 30",
        f'{path}:3:deadweight: 140% is outside 0%–100%; expected a percentage from 0% to 100%, such as "25%"',
        f"{path}:4:deadweight: 140 is above 1: as a fraction that is 14,000%, more than 100%; a fraction must be from "
        '0 to 1 (e.g. 0.25) or a percentage from 0% to 100% (e.g. "25%")',
        f"{path}:5:starts_after_activity: 'maybe' is not yes or no; expected true/false, yes/no or ja/nee",
        f"{path}:5:quantity_low: the range must hold the value: low ≤ value ≤ high (got 40 ≤ 30 ≤ 50)",
        f"{path}:5:proxy_value_distribution: unknown distribution 'cauchy'; expected one of triangular, uniform, "
        "normal, lognormal, beta",
        f"{path}:6:stakeholder: 'stakeholder' is empty; every row needs a stakeholder",
    ]
    dutch = read_impact_map(path).errors[0].render("nl")
    assert dutch == f"{path}:2:quantity: -30 is negatief; verwacht een getal van 0 of meer, zoals 30"


def test_unreadable_files_and_missing_headers(tmp_path):
    with pytest.raises(MapFileError, match="file not found"):
        read_impact_map(tmp_path / "nope.csv")
    (tmp_path / "map.sav").write_text("x")
    with pytest.raises(MapFileError, match="unsupported file type '.sav'"):
        read_impact_map(tmp_path / "map.sav")
    with pytest.raises(MapFileError, match="no header row with the columns 'stakeholder' and 'outcome'"):
        read_impact_map(write_csv(tmp_path / "map.csv", ["who", "what"], [["a", "b"]]))
    (tmp_path / "broken.xlsx").write_bytes(b"not a zip file")
    with pytest.raises(MapFileError, match="cannot read the file"):
        read_impact_map(tmp_path / "broken.xlsx")


def test_unknown_columns_are_a_warning_with_a_suggestion(tmp_path):
    path = write_csv(
        tmp_path / "map.csv",
        ["stakeholder", "outcome", "quantity", "proxy_value", "deadwieght"],
        [["students", "confidence", 1, 2, "3%"]],
    )
    imported = read_impact_map(path)
    assert imported.errors == []
    (warning,) = imported.problems
    assert warning.severity == "warning" and warning.row == 1 and warning.column == "deadwieght"
    assert "did you mean 'deadweight'?" in warning.message.en
    assert (
        "it is kept with each row (as 'extra')" in warning.message.en
        and "not used in the calculation" in warning.message.en
    )
    assert "blijft bij elke rij bewaard" in warning.message.nl
    assert imported.rows[0].extra == {"deadwieght": "3%"}  # kept, not lost
    assert imported.rows[0].deadweight is None


def test_other_unknown_columns_are_kept_with_an_info(tmp_path):
    path = write_csv(
        tmp_path / "map.csv",
        ["stakeholder", "outcome", "quantity", "proxy_value", "Team", "id"],
        [["students", "confidence", 1, 2, "north", "A7"], ["students", "other", 1, 2, "", "A8"]],
    )
    imported = read_impact_map(path)
    assert [(p.severity, p.column) for p in imported.problems] == [("info", "Team"), ("info", "id")]
    assert [r.extra for r in imported.rows] == [{"Team": "north", "id": "A7"}, {"id": "A8"}]


def test_two_unknown_columns_with_one_header_are_an_error(tmp_path):
    path = write_csv(
        tmp_path / "map.csv",
        ["stakeholder", "outcome", "quantity", "proxy_value", "Team", "Team"],
        [["students", "confidence", 1, 2, "north", "south"]],
    )
    (error,) = read_impact_map(path).errors
    assert error.render() == (
        f"{path}:1:Team: column 'Team' (F) has the same header as column E; rename one of them so that both are kept"
    )


def test_values_under_no_header_are_a_warning_naming_the_column(tmp_path):
    path = write_csv(
        tmp_path / "map.csv",
        ["stakeholder", "outcome", "quantity", "proxy_value", ""],
        [["students", "confidence", 1, 2, ""], ["students", "other", 1, 2, "lost?"]],
    )
    (warning,) = read_impact_map(path).problems
    assert warning.severity == "warning" and (warning.row, warning.column) == (3, "E")
    assert "no header in row 1" in warning.message.en


def test_a_row_with_values_only_in_unknown_columns_is_not_skipped(tmp_path):
    path = write_csv(
        tmp_path / "map.csv",
        ["stakeholder", "outcome", "quantity", "proxy_value", "Team"],
        [["students", "confidence", 1, 2, ""], ["", "", "", "", "north"]],
    )
    errors = read_impact_map(path).errors
    assert {(e.row, e.column) for e in errors} == {(3, "stakeholder"), (3, "outcome")}


def test_xlsx_header_is_found_below_title_rows_and_total_rows_are_skipped(tmp_path):
    path = write_xlsx(tmp_path / "map.xlsx", HEADER, ROWS + [["Total"] + [None] * 17], title_rows=3)
    imported = read_impact_map(path)
    assert imported.problems == [] and len(imported.rows) == 3
    assert imported.origins[0].row == 5


EXTRA_HEADER = HEADER + ["Team", "Interview nr"]
EXTRA_ROWS = [row + extra for row, extra in zip(ROWS, [["north", 12], ["", 7], ["south", None]], strict=True)]
EXTRAS = [{"Team": "north", "Interview nr": "12"}, {"Interview nr": "7"}, {"Team": "south"}]


def kept_columns(imported) -> list[str]:
    """The headers of the columns the import kept as extra (their notes), after no errors or warnings."""
    assert [p for p in imported.problems if p.severity != "info"] == [], [p.render() for p in imported.problems]
    return [p.column for p in imported.problems]


def test_csv_round_trip_is_lossless(tmp_path):
    original = read_impact_map(write_csv(tmp_path / "map.csv", HEADER, ROWS)).rows
    io.write_csv(tmp_path / "again.csv", original, {"impact": [1.0, 2.0, 3.0], "present_value": [4.0, 5.0, 6.0]})
    again = read_impact_map(tmp_path / "again.csv")
    assert again.problems == []  # the computed columns are skipped silently
    assert again.rows == original


def test_csv_round_trip_keeps_the_extra_columns(tmp_path):
    imported = read_impact_map(write_csv(tmp_path / "map.csv", EXTRA_HEADER, EXTRA_ROWS))
    assert kept_columns(imported) == ["Team", "Interview nr"]
    assert [r.extra for r in imported.rows] == EXTRAS
    io.write_csv(tmp_path / "again.csv", imported.rows)
    again = read_impact_map(tmp_path / "again.csv")
    assert kept_columns(again) == ["Team", "Interview nr"] and again.rows == imported.rows


def test_rows_to_yaml_reads_back_as_equal_rows(tmp_path):
    from impactkit.plugins.sroi.model import ValueMapRow

    original = read_impact_map(write_csv(tmp_path / "map.csv", EXTRA_HEADER, EXTRA_ROWS)).rows
    assert [ValueMapRow(**item) for item in io.rows_to_yaml(original)] == original
    assert [item.get("extra") for item in io.rows_to_yaml(original)] == EXTRAS


def test_xlsx_import_run_export_import_round_trip(tmp_path, study_dir, run_study, sroi_plugins):
    import impactkit
    from impactkit.plugins.sroi.analysis import Analysis

    folder = study_dir(STUDY.replace("MAP", "map.xlsx"))
    write_xlsx(folder / "map.xlsx", EXTRA_HEADER, EXTRA_ROWS)  # with two columns impactkit does not know
    result = run_study(folder)
    assert not result.errors, [f.render("en") for f in result.errors]
    notes = [f for f in result.findings if f.code == "sroi.map-column"]
    assert [(f.severity, f.location.key) for f in notes] == [("info", "Team"), ("info", "Interview nr")]
    imported = read_impact_map(folder / "map.xlsx")
    original = imported.rows
    assert [r.extra for r in original] == [
        {"Team": "north", "Interview nr": "12"},
        {"Interview nr": "7"},
        {"Team": "south"},
    ]

    study = impactkit.load(folder, plugins=sroi_plugins)
    for lang in ("en", "nl"):
        out = folder / f"export-{lang}.xlsx"
        io.write_xlsx(out, Analysis(study), lang)
        again = read_impact_map(out)
        assert kept_columns(again) == ["Team", "Interview nr"]
        assert again.rows == original
        out_csv = folder / f"export-{lang}.csv"
        io.write_csv(out_csv, original)
        assert read_impact_map(out_csv).rows == original

    # the exported workbook is itself a valid impact map: the same figures come out
    (folder / "study.yaml").write_text(STUDY.replace("MAP", "export-nl.xlsx"), encoding="utf-8")
    assert without_locations(run_study(folder).metrics) == without_locations(result.metrics)


def test_xlsx_export_holds_the_value_map_layout_and_results(tmp_path, study_dir, sroi_plugins):
    from openpyxl import load_workbook

    import impactkit
    from impactkit.plugins.sroi.analysis import Analysis

    folder = study_dir(STUDY.replace("MAP", "map.csv"))
    write_csv(folder / "map.csv", HEADER, ROWS)
    analysis = Analysis(impactkit.load(folder, plugins=sroi_plugins))
    io.write_xlsx(tmp_path / "out.xlsx", analysis, "en")
    book = load_workbook(tmp_path / "out.xlsx")
    assert book.sheetnames == ["Value Map", "Inputs", "Calculation", "Sensitivity", "Settings"]
    sheet = book["Value Map"]
    assert sheet["A3"].value == "Stage 1 — Stakeholders"
    header = [c.value for c in sheet[4]]
    assert header[:3] == ["Stakeholder", "Outcome", "Description of the outcome"]
    pv_column = header.index("Present value") + 1
    values = [sheet.cell(row=r, column=pv_column).value for r in range(5, 8)]
    assert values == pytest.approx(analysis.calculation.present_value.tolist())
    deadweight = sheet.cell(row=5, column=header.index("Deadweight") + 1)
    assert deadweight.value == 0.25 and "%" in deadweight.number_format
    calc = book["Calculation"]
    labels = [calc.cell(row=r, column=1).value for r in range(1, calc.max_row + 1)]
    ratio_row = labels.index("SROI ratio") + 1
    assert calc.cell(row=ratio_row, column=3).value == pytest.approx(analysis.summary["ratio"])
    inputs = book["Inputs"]
    assert [inputs.cell(row=r, column=2).value for r in (4, 5)] == ["Grant", "Rooms"]
    assert inputs.cell(row=6, column=3).value == 25_000
    dutch = tmp_path / "uit.xlsx"
    io.write_xlsx(dutch, analysis, "nl")
    assert load_workbook(dutch).sheetnames == [
        "Waardekaart",
        "Investeringen",
        "Berekening",
        "Gevoeligheid",
        "Instellingen",
    ]


def test_text_that_looks_like_a_formula_stays_text(tmp_path, study_dir, sroi_plugins):
    import impactkit
    from impactkit.plugins.sroi.analysis import Analysis

    rows = [ROWS[0][:-1] + ["=more than last year"]]
    folder = study_dir(STUDY.replace("MAP", "map.csv"))
    write_csv(folder / "map.csv", HEADER, rows)
    io.write_xlsx(tmp_path / "out.xlsx", Analysis(impactkit.load(folder, plugins=sroi_plugins)), "en")
    assert read_impact_map(tmp_path / "out.xlsx").rows[0].justification == "=more than last year"


def test_csv_cells_may_hold_line_breaks_and_cp1252(tmp_path):
    text = (
        "stakeholder;outcome;quantity;proxy_value;justification\r\n"
        'students;confidence;30;1000;"two lines:\r\nsecond"\r\n'
        "students;financiële rust;3;10;x\r\n"
    )
    (tmp_path / "map.csv").write_bytes(text.encode("cp1252"))
    imported = read_impact_map(tmp_path / "map.csv")
    assert imported.problems == []
    assert imported.rows[0].justification == "two lines:\r\nsecond"
    assert imported.rows[1].outcome == "financiële rust" and imported.origins[1].row == 3


DUTCH_HEADER = [
    "Belanghebbende",
    "Uitkomst",
    "Aantal",
    "Duur (jaren)",
    "Waarde proxy",
    "Deadweight",
    "Attributie",
    "Afname (drop-off)",
    "Verplaatsing",
    "Bron proxy",
    "Indicator",
]


@pytest.mark.parametrize("proxy", ["€ 1.000", "2.500", "12.000"])
def test_a_dot_thousands_separator_is_refused_with_row_and_column(tmp_path, proxy):
    rows = [
        ["students", "confidence", "30", "3", "1000", "25%", "0,2", "10%", "0,1", "lijst", "score"],
        ["students", "confidence", "30", "3", proxy, "25%", "0,2", "10%", "0,1", "lijst", "score"],
    ]
    path = write_csv(tmp_path / "kaart.csv", DUTCH_HEADER, rows, delimiter=";")
    imported = read_impact_map(path)
    (error,) = imported.errors
    assert (error.row, error.column) == (3, "Waarde proxy")
    assert error.render("en").startswith(f"{path}:3:Waarde proxy: '{proxy}' is ambiguous: ")
    whole = proxy.strip("€ ").replace(".", "")
    assert (
        f"Write it without a thousands separator: {whole}, or with decimals {whole},00 or {whole}.00"
        in error.render("en")
    )
    assert error.render("nl").startswith(f"{path}:3:Waarde proxy: '{proxy}' is dubbelzinnig")
    assert len(imported.rows) == 1  # the row with the ambiguous cell is left out, never read as 1.0


def test_dutch_decimals_with_thousands_and_plain_amounts_still_read(tmp_path):
    rows = [
        ["students", "confidence", "30", "3", "€ 1.000,50", "25%", "0,2", "10%", "0,1", "lijst", "score"],
        ["students", "confidence", "1.5", "3", "1000,00", "0.25", "0,2", "12.50%", "0,1", "lijst", "score"],
        ["students", "confidence", "30", "3", "€ 1000", "0,25", "0,2", "10%", "0,1", "lijst", "score"],
    ]
    imported = read_impact_map(write_csv(tmp_path / "kaart.csv", DUTCH_HEADER, rows, delimiter=";"))
    assert imported.problems == []
    assert [r.proxy_value.value for r in imported.rows] == [1000.5, 1000.0, 1000.0]
    assert imported.rows[1].quantity.value == 1.5 and imported.rows[1].drop_off.value == 0.125


def test_an_excel_percentage_above_100_is_explained_as_a_percentage(tmp_path):
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(["stakeholder", "outcome", "quantity", "proxy_value", "deadweight"])
    sheet.append(["students", "confidence", 30, 1000, 1.4])  # typed as 140% in Excel
    sheet["E2"].number_format = "0%"
    book.save(tmp_path / "map.xlsx")
    (error,) = read_impact_map(tmp_path / "map.xlsx").errors
    assert error.render("en") == (
        f"{tmp_path / 'map.xlsx'}:2:deadweight: 1.4 is above 1: as a fraction that is 140%, more than 100%; "
        'a fraction must be from 0 to 1 (e.g. 0.25) or a percentage from 0% to 100% (e.g. "25%")'
    )
    assert "als fractie is dat 140%, meer dan 100%" in error.render("nl")


def test_two_columns_for_the_same_number_are_an_error_naming_both(tmp_path):
    header = ["Stakeholder", "Outcome", "Quantity", "Waarde proxy", "Deadweight", "proxy_value"]
    path = write_csv(tmp_path / "map.csv", header, [["students", "confidence", 30, 1000, "25%", 2000]])
    imported = read_impact_map(path)
    (error,) = imported.errors
    assert (error.row, error.column) == (1, "proxy_value")
    assert error.render("en") == (
        f"{path}:1:proxy_value: column 'proxy_value' (F) and column 'Waarde proxy' (D) are both the column "
        "proxy_value (Value of proxy); keep one of them"
    )
    assert error.render("nl") == (
        f"{path}:1:proxy_value: kolom 'proxy_value' (F) en kolom 'Waarde proxy' (D) zijn allebei de kolom "
        "proxy_value (Waarde proxy); houd er één over"
    )


def test_the_same_header_twice_in_a_workbook_is_an_error(tmp_path):
    header = ["stakeholder", "outcome", "quantity", "proxy_value"] + [None] * 24 + ["Quantity"]
    path = write_xlsx(
        tmp_path / "map.xlsx", header, [["students", "confidence", 30, 1000] + [None] * 24 + [40]], title_rows=2
    )
    (error,) = read_impact_map(path).errors
    assert error.render("en").startswith(
        f"{path}:3:Quantity: column 'Quantity' (AC) and column 'quantity' (C) are both the column quantity"
    )


@pytest.mark.parametrize("cell", ["inf", "-inf", "nan", "NaN", "Infinity", "1e999"])
def test_non_finite_cells_are_errors_with_row_and_column(tmp_path, cell):
    path = write_csv(
        tmp_path / "map.csv",
        ["stakeholder", "outcome", "quantity", "proxy_value", "deadweight"],
        [["students", "confidence", 30, 1000, "25%"], ["students", "confidence", cell, cell, cell]],
    )
    lines = [p.render() for p in read_impact_map(path).errors]
    amount, share = "1250 or 1250.50", '0.25 or "25%"'
    assert lines == [
        f"{path}:3:{column}: '{cell}' is not a finite number; write a number such as {forms}"
        for column, forms in (("quantity", amount), ("proxy_value", amount), ("deadweight", share))
    ]


# -- impact maps through the core's row-level reader ------------------------------------------------

PIPE_MAP = (
    "Impact map (a title line above the header)\n"
    "stakeholder|outcome|quantity|duration|proxy_value|deadweight|displacement|attribution|drop_off\n"
    "students|confidence|30|3|1000|25%|10%|20%|10%\n"
)


def pipe_reader():
    """A plugin adding a file format (``.pipe``: ``a|b|c``), as a plugin adds ODS or SPSS."""
    import types

    from impactkit.plugin import hookimpl

    @hookimpl
    def impactkit_read_table(path):
        if path.suffix != ".pipe":
            return None
        import pandas as pd

        header, *body = (line.split("|") for line in path.read_text(encoding="utf-8").splitlines()[1:])
        frame = pd.DataFrame(body, columns=header, dtype=str)
        frame.attrs["header_row"] = 2
        return frame

    module = types.ModuleType("pipes")
    module.impactkit_read_table = impactkit_read_table
    return module


def test_a_format_a_plugin_reads_is_an_impact_map_too(study_dir, sroi_plugins):
    import impactkit

    from .conftest import CHECK_STUDY

    sroi_plugins.register(pipe_reader(), "pipes")
    text = CHECK_STUDY.split("    outcomes:")[0] + "    impact_map: map.pipe\n"
    study = impactkit.load(study_dir(text, map__pipe=PIPE_MAP), plugins=sroi_plugins)
    result = impactkit.run(study, plugins=sroi_plugins)
    assert result.errors == []
    metrics = result.metrics
    assert round(metrics["sroi.present_value"], 2) == 41_098.05 and round(metrics["sroi.ratio"], 4) == 2.0549
    assert round(metrics["sroi.payback_months"], 2) == 14.81


def test_sroi_import_reads_a_plugins_format_with_the_invocations_plugins(run_cli, tmp_path, monkeypatch):
    from impactkit.core import plugins as plugin_module

    path = tmp_path / "map.pipe"
    path.write_text(PIPE_MAP, encoding="utf-8")
    refused = run_cli("sroi", "import", path)
    assert refused.exit_code == 2 and "unsupported file type '.pipe'; use .csv or .xlsx" in refused.stderr
    real = plugin_module.make_manager

    def with_pipes(load=None):
        manager = real(load=load)
        manager.register(pipe_reader(), "pipes")
        return manager

    monkeypatch.setattr(plugin_module, "make_manager", with_pipes)
    out = run_cli("sroi", "import", path)
    assert out.exit_code == 0, out.output
    assert out.stdout.strip() == f"{path}: 1 row, no errors"

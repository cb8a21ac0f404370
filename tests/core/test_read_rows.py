"""impactkit.plugin.read_rows: the row-level reader (every row with its number, no header chosen)
under the changes and the impact maps, through the impactkit_read_table hook."""

from __future__ import annotations

import types

import pytest

from impactkit.core.errors import StudyError
from impactkit.core.hookspecs import hookimpl
from impactkit.core.plugins import make_manager
from impactkit.plugin import read_rows


def pipe_reader():
    """A plugin that reads ``.pipe`` files (``a|b|c``) the way a plugin adds ODS or SPSS: a
    DataFrame of strings, its header on row 2 (a title line above it)."""

    @hookimpl
    def impactkit_read_table(path):
        if path.suffix != ".pipe":
            return None
        import pandas as pd

        lines = path.read_text(encoding="utf-8").splitlines()
        header, *body = (line.split("|") for line in lines[1:])
        frame = pd.DataFrame(body, columns=header, dtype=str).replace({"": None})
        frame.attrs["header_row"] = 2
        return frame

    module = types.ModuleType("pipes")  # a plugin is a module, as an entry point loads it
    module.impactkit_read_table = impactkit_read_table
    return module


def test_csv_rows_are_numbered_as_the_file_has_them_blank_rows_too(tmp_path):
    path = tmp_path / "t.csv"
    path.write_text("name;value\n\nx;1,5\nrüst;\n", encoding="cp1252")
    assert read_rows(path) == [(1, ["name", "value"]), (2, []), (3, ["x", "1,5"]), (4, ["rüst", ""])]


def test_a_workbook_keeps_typed_numbers_and_the_sheet_asked_for(tmp_path):
    from openpyxl import Workbook

    book = Workbook()
    book.active.title = "Notes"
    book.active.append(["not this sheet"])
    sheet = book.create_sheet("Value Map")
    sheet.append(["Title"])
    sheet.append(["name", "value"])
    sheet.append(["x", 1.234])
    book.save(tmp_path / "t.xlsx")
    assert read_rows(tmp_path / "t.xlsx") == [(1, ["not this sheet"])]
    assert read_rows(tmp_path / "t.xlsx", sheets=["value map"]) == [
        (1, ["Title", None]),
        (2, ["name", "value"]),
        (3, ["x", 1.234]),  # a number, not the text '1.234' (which would be ambiguous)
    ]


def test_a_format_a_plugin_adds_is_read_through_the_hook(tmp_path):
    manager = make_manager(load=False)
    manager.register(pipe_reader(), "pipes")
    path = tmp_path / "t.pipe"
    path.write_text("My table\nname|value\nx|\n", encoding="utf-8")
    assert read_rows(path, manager) == [(2, ["name", "value"]), (3, ["x", None])]
    with pytest.raises(StudyError, match=r"unsupported file type '\.pipe'; use \.csv or \.xlsx"):
        read_rows(path)  # without the plugins, only impactkit's own formats


def test_a_plugin_can_take_over_a_core_format(tmp_path):
    import pandas as pd

    @hookimpl
    def impactkit_read_table(path):
        return pd.DataFrame([["from the plugin"]], columns=["who"])

    manager = make_manager(load=False)
    takeover = types.ModuleType("takeover")
    takeover.impactkit_read_table = impactkit_read_table
    manager.register(takeover, "takeover")
    path = tmp_path / "t.csv"
    path.write_text("who\nfrom the file\n", encoding="utf-8")
    assert read_rows(path, manager) == [(1, ["who"]), (2, ["from the plugin"])]
    assert read_rows(path, make_manager(load=False)) == [(1, ["who"]), (2, ["from the file"])]


def test_missing_unknown_and_broken_files_are_study_errors_naming_the_file(tmp_path):
    with pytest.raises(StudyError) as missing:
        read_rows(tmp_path / "nope.csv")
    assert missing.value.problems[0].render() == f"{tmp_path / 'nope.csv'}: file not found"
    (tmp_path / "broken.xlsx").write_bytes(b"not a zip file")
    with pytest.raises(StudyError) as broken:
        read_rows(tmp_path / "broken.xlsx")
    assert broken.value.problems[0].render("nl").startswith(f"{tmp_path / 'broken.xlsx'}: kan het bestand niet lezen:")

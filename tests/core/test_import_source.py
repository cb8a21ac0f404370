"""``changes:`` as a mapping (``{file, columns, values, sheet, header_rows, wide}``): checked like
every other key, with its line and a did-you-mean; and the unknown columns of a change looked up
in any case, as column names are matched."""

from __future__ import annotations

import pytest

import impactkit
from impactkit.core.errors import StudyError
from impactkit.core.model import Change

HEAD = "impactkit: 1\nid: x\ntitle: X\nstakeholders: [{id: studenten, name: Studenten}]\n"


def lines(folder, core_plugins) -> list[str]:
    with pytest.raises(StudyError) as info:
        impactkit.load(folder, plugins=core_plugins)
    return [p.render("en").split("study.yaml:", 1)[1] for p in info.value.problems]


def test_a_misspelt_key_of_the_mapping_is_named_with_the_keys_of_the_mapping(write_study, core_plugins):
    folder = write_study(HEAD + "changes: {file: export.csv, colums: {person: Naam}}\n")
    (found,) = lines(folder, core_plugins)
    assert found.startswith("5:29 (changes.colums): unknown key 'colums'; expected one of: columns, file,")
    assert "(did you mean 'columns'?)" in found


def test_a_mapping_without_a_file_and_a_bad_header_rows(write_study, core_plugins):
    assert lines(write_study(HEAD + "changes: {columns: {person: Naam}}\n"), core_plugins) == [
        "5:10 (changes.file): required key 'file' is missing"
    ]
    (found,) = lines(write_study(HEAD + "changes: {file: e.csv, header_rows: 0}\n"), core_plugins)
    assert found.startswith("5:37 (changes.header_rows): Input should be greater than or equal to 1")


def test_values_written_as_numbers_or_booleans_are_read_as_their_text(write_study, core_plugins):
    folder = write_study(
        HEAD + "changes:\n  file: e.csv\n  values: {importance: {Heel belangrijk: 5}, consent: {Ja graag: true}}\n",
        e__csv="person,stakeholder,change\np1,studenten,a\n",
    )
    source = impactkit.load(folder, plugins=core_plugins).changes_source
    assert source.values == {"importance": {"Heel belangrijk": "5"}, "consent": {"Ja graag": "true"}}


def test_unknown_columns_are_found_in_any_case_and_keep_the_files_spelling():
    change = Change(person="p", stakeholder="s", change="c", extra={"Domein": "zorg", "Stakeholder group": "g"})
    assert change.extra["domein"] == change.extra.get("DOMEIN") == "zorg"
    assert change.extra.get("stakeholder-group") == "g" and "stakeholder_group" in change.extra
    assert change.extra.get("wijk") is None and "wijk" not in change.extra
    with pytest.raises(KeyError):
        change.extra["wijk"]
    assert list(change.extra) == ["Domein", "Stakeholder group"]
    assert change.model_copy().extra.get("domein") == "zorg"


def test_code_accept_finds_the_columns_through_the_studys_mapping(tmp_path):
    from impactkit.core.coding import _Sheet
    from impactkit.core.model import ChangesSource

    path = tmp_path / "changes.csv"
    path.write_text("Id,Naam,Wat is er voor jou veranderd?\n1,R001,Ik durf meer\n", encoding="utf-8")
    plain = _Sheet(path)
    assert plain.column("id") == 0 and plain.column("change") is None  # without the mapping: a change id
    mapped = _Sheet(
        path,
        source=ChangesSource(
            file="changes.csv", columns={"respondent": "Id", "change": "Wat is er voor jou veranderd?"}
        ),
    )
    assert (mapped.column("id"), mapped.column("respondent"), mapped.column("person"), mapped.column("change")) == (
        None,
        0,
        1,
        2,
    )

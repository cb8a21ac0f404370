"""``impactkit import changes`` in one round and without reshaping the user's file: every bad cell
and every unknown stakeholder told at once; the export written back with its own headers, column
order, numbers and separator, and read back as the same changes."""

from __future__ import annotations

import pytest

import impactkit
from impactkit.core.plugins import make_manager
from tests.core.test_changes_input import run_cli  # noqa: F401 - the fixture: the CLI with the core plugin only

HEAD = "impactkit: 1\nid: x\ntitle: X\nstakeholders: [{id: studenten, name: Studenten}]\n"


@pytest.fixture
def dutch_study(run_cli, tmp_path):
    """A study as ``impactkit --lang nl init`` writes it (``changes.csv``: persoon,rol,stakeholder,...)."""
    folder = tmp_path / "studie"
    assert run_cli("--lang", "nl", "init", folder).exit_code == 0
    assert (folder / "changes.csv").read_text(encoding="utf-8").startswith("persoon,rol,stakeholder,verandering")
    return folder


def places(output: str, name: str) -> list[str]:
    return [line.split(": ")[0].rsplit(name + ":", 1)[1] for line in output.splitlines()]


# -- item: one round ---------------------------------------------------------------------------

BAD = (
    "Persoon;Stakeholdergroep;Verandering;Belang\n"
    "p1;studenten;goed;4\n"
    "p2;niemand;onbekend;3\n"
    "p3;studenten;;hoog\n"
    "p4;ook-niemand;weer onbekend;2\n"
)


def test_import_tells_bad_cells_and_unknown_stakeholders_in_one_pass_and_writes_nothing(run_cli, write_study, tmp_path):
    folder = write_study(HEAD + "changes: changes.csv\n", changes__csv="person,stakeholder,change\np0,studenten,oud\n")
    before = {p.name: p.read_bytes() for p in folder.iterdir()}
    export = tmp_path / "export.csv"
    export.write_text(BAD, encoding="utf-8")
    result = run_cli("import", "changes", export, "--study", folder, "--force")
    assert result.exit_code == 2
    assert places(result.output, "export.csv") == [
        "3:Stakeholdergroep",
        "4:Verandering",
        "4:Belang",
        "5:Stakeholdergroep",
    ]
    assert "'niemand' is not one of the study's stakeholders" in result.output
    assert {p.name: p.read_bytes() for p in folder.iterdir()} == before


def test_validate_tells_the_unknown_stakeholders_of_readable_rows_with_the_bad_cells(run_cli, write_study):
    folder = write_study(HEAD + "changes: changes.csv\n", changes__csv=BAD.replace(";", ","))
    result = run_cli("validate", folder)
    assert result.exit_code == 2
    assert places(result.output, "changes.csv") == [
        "3:Stakeholdergroep",
        "4:Verandering",
        "4:Belang",
        "5:Stakeholdergroep",
    ]
    dutch = run_cli("--lang", "nl", "run", folder)
    assert dutch.exit_code == 2 and "'niemand' hoort niet bij de stakeholders van de studie" in dutch.output


def test_without_bad_cells_an_unknown_stakeholder_stays_a_finding_naming_the_users_header(run_cli, write_study):
    folder = write_study(
        HEAD + "changes: changes.csv\n",
        changes__csv="Persoon,Stakeholdergroep,Verandering\np1,studenten,a\np2,niemand,b\n",
    )
    result = run_cli("validate", folder)
    assert result.exit_code == 1
    assert "changes.csv:3:Stakeholdergroep: error: stakeholder 'niemand'" in result.output


# -- item: the export's own shape ---------------------------------------------------------------

EXPORT = (
    "Persoon;Opleiding;Stakeholdergroep;Verandering;Belang;Citaat\n"
    'p1;Pabo;studenten;Ik leer sneller;4,5;"zo; echt"\n'
    "p2;Social Work;bewoners;Minder alleen;3;\n"
)


def import_export(run_cli, folder, flag: str | None = None) -> list[str]:
    """Import :data:`EXPORT` into the study in ``folder``; the lines of its ``changes.csv`` after."""
    export = folder.parent / "export.csv"
    export.write_text(EXPORT, encoding="utf-8")
    result = run_cli("import", "changes", export, "--study", folder, *([flag] if flag else []))
    assert result.exit_code == 0, result.output
    return (folder / "changes.csv").read_text(encoding="utf-8").splitlines()


def test_force_keeps_the_exports_headers_order_numbers_and_separator_and_reads_back(run_cli, dutch_study):
    written = import_export(run_cli, dutch_study, "--force")
    assert written == EXPORT.splitlines()  # headers, column order, 4,5 and ; as she gave them
    changes = impactkit.load(dutch_study, plugins=make_manager(load=["core"])).change_list
    assert [(c.person, c.stakeholder, c.change, c.importance, c.quote) for c in changes] == [
        ("p1", "studenten", "Ik leer sneller", 4.5, "zo; echt"),
        ("p2", "bewoners", "Minder alleen", 3.0, None),
    ]
    assert [c.extra for c in changes] == [{"Opleiding": "Pabo"}, {"Opleiding": "Social Work"}]


def test_an_xlsx_export_keeps_its_headers_and_order_in_the_replaced_files_separator(run_cli, dutch_study, tmp_path):
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(["Enquête PWMI"])  # a title row above the table
    sheet.append(["Persoon", "Opleiding", "Stakeholdergroep", "Verandering", "Belang"])
    sheet.append(["p1", "Pabo", "studenten", "Ik leer sneller", "4,5"])
    sheet.append(["p2", "Social Work", "bewoners", "Minder alleen", 4.5])
    book.save(tmp_path / "export.xlsx")
    result = run_cli("import", "changes", tmp_path / "export.xlsx", "--study", dutch_study, "--force")
    assert result.exit_code == 0, result.output
    written = (dutch_study / "changes.csv").read_text(encoding="utf-8").splitlines()
    assert written == [
        "Persoon,Opleiding,Stakeholdergroep,Verandering,Belang",
        'p1,Pabo,studenten,Ik leer sneller,"4,5"',
        "p2,Social Work,bewoners,Minder alleen,4.5",
    ]
    changes = impactkit.load(dutch_study, plugins=make_manager(load=["core"])).change_list
    assert [(c.person, c.importance, c.extra) for c in changes] == [
        ("p1", 4.5, {"Opleiding": "Pabo"}),
        ("p2", 4.5, {"Opleiding": "Social Work"}),
    ]


def test_a_new_changes_file_takes_the_exports_separator(run_cli, write_study):
    folder = write_study(
        HEAD.replace(
            "[{id: studenten, name: Studenten}]", "[{id: studenten, name: Studenten}, {id: bewoners, name: Bewoners}]"
        )
    )
    assert import_export(run_cli, folder) == EXPORT.splitlines()
    assert (folder / "study.yaml").read_text().endswith("changes: changes.csv\n")


def test_append_puts_the_rows_under_the_existing_header_and_adds_a_missing_column(run_cli, dutch_study):
    from impactkit.core.readers import read_csv

    lines = import_export(run_cli, dutch_study, "--append")
    # a study made with the core plugin only: no method, so no method's columns
    assert lines[0] == "persoon,rol,stakeholder,verandering,thema,citaat,belang,Opleiding"
    assert read_csv(dutch_study / "changes.csv").values.tolist()[1:] == [
        ["p1", "", "studenten", "Ik leer sneller", "", "zo; echt", "4,5", "Pabo"],
        ["p2", "", "bewoners", "Minder alleen", "", "", "3", "Social Work"],
    ]
    changes = impactkit.load(dutch_study, plugins=make_manager(load=["core"])).change_list
    assert [c.importance for c in changes] == [4.0, 4.5, 3.0]


def test_append_with_the_same_columns_leaves_the_existing_lines_byte_for_byte(run_cli, write_study, tmp_path):
    old = 'Persoon;Stakeholdergroep;Verandering\r\np0;studenten;"oud"\r\n\r\n'
    folder = write_study(HEAD + "changes: changes.csv\n")
    (folder / "changes.csv").write_bytes(old.encode("utf-8"))
    export = tmp_path / "export.csv"
    export.write_text('Stakeholder,Persoon,Verandering\nstudenten,p1,"nieuw, echt"\n', encoding="utf-8")
    assert run_cli("import", "changes", export, "--study", folder, "--append").exit_code == 0
    assert (folder / "changes.csv").read_bytes() == (old + "p1;studenten;nieuw, echt\r\n").encode("utf-8")


# -- the columns plugins declare, respondent and consent ---------------------------------------


def test_import_reads_a_plugins_column_with_the_rest_and_keeps_it_as_written(cli, write_study, tmp_path):
    folder = write_study(HEAD)
    export = tmp_path / "export.csv"
    export.write_text(
        "Respondent_ID,Persoon,Stakeholdergroep,Verandering,SDGs,Toestemming\n"
        "R1,Sam,studenten,Ik leer,SDG 4,ja\nR2,Sam,studenten,Ik help,18,misschien\n",
        encoding="utf-8",
    )
    refused = cli("import", "changes", export, "--study", folder, plugins="core,sdg")
    assert refused.exit_code == 2
    assert places(refused.output, "export.csv") == ["3:SDGs", "3:Toestemming"]
    assert "'18' is not an SDG" in refused.output
    export.write_text(export.read_text(encoding="utf-8").replace(",18,misschien", ",17,nee"), encoding="utf-8")
    assert cli("import", "changes", export, "--study", folder, plugins="core,sdg").exit_code == 0
    assert (folder / "changes.csv").read_text(encoding="utf-8").splitlines()[1] == "R1,R001,studenten,Ik leer,SDG 4,ja"
    study = impactkit.load(folder, plugins=make_manager(load=["core", "sdg"]))
    assert [(c.respondent, c.codes, c.consent) for c in study.change_list] == [
        ("R1", {"sdg": [4]}, True),
        ("R2", {"sdg": [17]}, False),
    ]
    without = cli("import", "changes", export, "--study", folder, "--force", plugins="core")
    assert without.exit_code == 0  # without the plugin the column is an unknown one, imported as it is
    assert "SDG 4" in (folder / "changes.csv").read_text(encoding="utf-8")


def test_appending_inline_changes_writes_their_plugin_columns_and_consent(cli, write_study, tmp_path):
    folder = write_study(
        HEAD + "changes:\n  - {person: p0, stakeholder: studenten, change: oud, sdg: [4, 17], consent: ja}\n"
    )
    export = tmp_path / "export.csv"
    export.write_text("person,stakeholder,change,sdg\np1,studenten,nieuw,11\n", encoding="utf-8")
    assert cli("import", "changes", export, "--study", folder, "--append", plugins="core,sdg").exit_code == 0
    lines = (folder / "changes.csv").read_text(encoding="utf-8").splitlines()
    assert lines == ["person,stakeholder,change,consent,sdg", "p0,studenten,oud,true,4;17", "p1,studenten,nieuw,,11"]
    study = impactkit.load(folder, plugins=make_manager(load=["core", "sdg"]))
    assert [(c.codes, c.consent) for c in study.change_list] == [({"sdg": [4, 17]}, True), ({"sdg": [11]}, None)]

"""Real survey exports in: one realistic file of each kind, written here, imported through the
command line — Microsoft Forms (XLSX, Dutch headers, 60 respondents, three with the same name),
Qualtrics (CSV with three header rows), KoboToolbox (``;`` CSV with group prefixes), a wide export
(``Verandering 1..3``), a workbook with its data on the second sheet, ODS, UTF-16 and Windows-1252
CSVs. Each imports with the flags the error proposes (or ``--map auto``), the next wave with no
flags; names become pseudonyms, unused personal and administration columns are left out, people are
counted by respondent, and nothing is written outside the study."""

from __future__ import annotations

import json
import re
import shlex

import pytest

import impactkit
from impactkit.core.plugins import make_manager
from tests.helpers import files_under

STUDY = """\
impactkit: 1
id: werkplaats
title: Werkplaats
language: nl
stakeholders:
  - {id: studenten, name: Studenten, roles: [student]}
  - {id: bewoners, name: Bewoners}
  - {id: docenten, name: Docenten, roles: [docent, lector]}
"""

FIRST = ["Anna", "Bram", "Chloë", "Daan", "Eva", "Fenna", "Gijs", "Hanna", "Ilse", "Joris"]
LAST = ["de Vries", "Jansen", "Bakker", "Visser", "Smit", "Meijer"]
NAMES = [f"{FIRST[i % 10]} {LAST[i // 10]}" for i in range(57)] + ["Anna de Vries", "Bram de Vries", "Eva de Vries"]
"""60 respondents, 57 different names: three share a name with another respondent."""
GROUPS = ["Student"] * 24 + ["Bewoner"] * 18 + ["Docent"] * 12 + ["Buurtbewoner"] * 6
CHANGES = [
    "Ik durf nu in een groep te zeggen wat ik denk",
    "Ik ken de mensen in mijn straat beter dan vroeger",
    "Ik begrijp beter hoe ingewikkeld de wijk in elkaar zit",
    "Samen met bewoners plannen maken gaat nu vanzelf",
]
FORMS_HEADER = [
    "Id",
    "Begintijd",
    "Tijd van voltooien",
    "E-mail",
    "Naam",
    "Ik doe mee als",
    "Rol",
    "Wat is er voor jou veranderd?",
    "Citaat",
    "Hoe belangrijk (1-5)",
    "Toestemming citaat",
]


def forms_rows(first_id: int = 1, names: list[str] = NAMES) -> list[list[object]]:
    import datetime as dt

    rows = []
    for i, name in enumerate(names):
        start = dt.datetime(2024, 5, 1, 9, 0) + dt.timedelta(minutes=17 * i)
        rows.append(
            [
                first_id + i,
                start,
                start + dt.timedelta(minutes=6),
                f"{name.split()[0].lower()}{i}@example.org",
                name,
                GROUPS[i % len(GROUPS)],
                "student" if GROUPS[i % len(GROUPS)] == "Student" else "",
                CHANGES[i % 4] + f" ({i})",
                "Het voelt als thuis" if i % 3 == 0 else "",
                1 + i % 5,
                "Ja" if i % 2 else "Nee",
            ]
        )
    return rows


def workbook(path, sheets: dict[str, list[list[object]]]):
    from openpyxl import Workbook

    book = Workbook()
    book.remove(book.active)
    for name, rows in sheets.items():
        page = book.create_sheet(name)
        for row in rows:
            page.append(row)
    book.save(path)
    return path


@pytest.fixture
def world(tmp_path):
    """A folder holding a study (``studie/``) and the exports next to it."""
    (tmp_path / "studie").mkdir()
    (tmp_path / "studie" / "study.yaml").write_text(STUDY, encoding="utf-8")
    return tmp_path


def flags_in(output: str) -> list[str]:
    """The ``--map``/``--map-value`` flags an error proposes, as arguments."""
    found = []
    for line in output.splitlines():
        for match in re.finditer(r"--map(?:-value)? (\"[^\"]*\"|'[^']*'|\S+)", line):
            if not match.group(1).startswith("auto"):
                found += shlex.split(match.group(0))
    return found


def people(cli, folder) -> int:
    result = cli("run", folder, "--json", plugins="core")
    assert result.exit_code in (0, 1), result.output
    return json.loads(result.stdout)["metrics"]["core.people"]


# -- Microsoft Forms -------------------------------------------------------------------------------


def test_microsoft_forms_from_the_first_error_to_a_second_wave_without_flags(cli, world):
    export = workbook(world / "forms.xlsx", {"Form1": [FORMS_HEADER, *forms_rows()]})
    study = world / "studie"
    outside = set(world.iterdir())

    first = cli("import", "changes", export, "--study", study, plugins="core")  # the study's language: Dutch
    assert first.exit_code == 2
    assert "forms.xlsx:1:stakeholder: verplichte kolom 'stakeholder' ontbreekt" in first.output
    assert "past het best: 'Ik doe mee als' (de kop leest als 'stakeholder', en de waarden passen" in first.output
    assert "forms.xlsx:1:change: verplichte kolom 'change' ontbreekt" in first.output
    assert (
        'om deze kolommen over te nemen: --map "stakeholder=Ik doe mee als" '
        '--map "change=Wat is er voor jou veranderd?" --map "importance=Hoe belangrijk (1-5)" (of --map auto)'
    ) in first.output
    assert sorted(p.name for p in study.iterdir()) == ["study.yaml"]  # nothing written

    proposed = flags_in(first.output.splitlines()[-1])
    values = cli("--lang", "en", "import", "changes", export, "--study", study, *proposed, plugins="core")
    assert values.exit_code == 2
    lines = values.output.splitlines()
    assert len(lines) == 4  # once per distinct value, never once per row
    assert lines[0].endswith(
        "forms.xlsx:2:Ik doe mee als: 'Student' (24 rows: 2, 3, 4, 5, 6, 7, 8, 9, …) is not one of the study's "
        "stakeholders (studenten, bewoners and docenten); did you mean 'studenten'? "
        "--map-value stakeholder:Student=studenten"
    )
    assert "'Buurtbewoner' (6 rows: 56, 57, 58, 59, 60, 61)" in values.output
    assert "did you mean 'bewoners'? --map-value stakeholder:Buurtbewoner=bewoners" in values.output

    done = cli("import", "changes", export, "--study", study, *proposed, *flags_in(values.output), plugins="core")
    assert done.exit_code == 0, done.output
    assert "60 veranderingen geïmporteerd" in done.output
    assert "Gelezen: een export van Microsoft Forms, blad 'Form1'" in done.output
    assert "respondent <- 'Id'" in done.output and "person <- 'Naam'" in done.output
    assert "3 kolommen weggelaten die de studie niet gebruikt" in done.output
    assert "Begintijd, Tijd van voltooien, E-mail" in done.output
    assert "Namen vervangen door pseudoniemen (57 namen, 57 nieuw)" in done.output

    written = (study / "changes.csv").read_text(encoding="utf-8")
    assert written.splitlines()[0] == (
        "Id,Naam,Ik doe mee als,Rol,Wat is er voor jou veranderd?,Citaat,Hoe belangrijk (1-5),Toestemming citaat"
    )
    texts = {path: data.decode("utf-8", "replace") for path, data in files_under(study).items()}
    for name in set(NAMES) | {"@example.org"}:
        assert [p for p, text in texts.items() if name in text] in ([], [".impactkit/pseudonyms.csv"]), name
    key = (study / ".impactkit" / "pseudonyms.csv").read_text(encoding="utf-8-sig").splitlines()
    assert key[:2] == ["pseudonym,name", "R001,Anna de Vries"] and len(key) == 58
    assert "pseudonyms.csv" in (study / ".impactkit" / ".gitignore").read_text(encoding="utf-8")
    yaml = (study / "study.yaml").read_text(encoding="utf-8")
    assert yaml.startswith(STUDY) and "changes:\n  file: changes.csv\n  columns:\n    respondent: Id\n" in yaml
    assert "    stakeholder: {Student: studenten, Bewoner: bewoners, Docent: docenten, Buurtbewoner: bewoners}" in yaml

    assert cli("validate", study, plugins="core").exit_code == 0
    assert people(cli, study) == 60  # by respondent: the three shared names are three more people
    loaded = impactkit.load(study, plugins=make_manager(load=["core"])).change_list
    assert [(c.respondent, c.person, c.stakeholder, c.consent) for c in loaded[:2]] == [
        ("1", "R001", "studenten", False),
        ("2", "R002", "studenten", True),
    ]
    assert loaded[57].person == loaded[0].person == "R001"  # the same name, the same pseudonym

    wave = workbook(world / "forms-2.xlsx", {"Form1": [FORMS_HEADER, *forms_rows(61, NAMES[:5] + ["Zoë Nieuw"])]})
    again = cli("import", "changes", wave, "--study", study, "--append", plugins="core")
    assert again.exit_code == 0, again.output
    assert "(6 namen, 1 nieuw)" in again.output
    rows = (study / "changes.csv").read_text(encoding="utf-8").splitlines()
    assert len(rows) == 67 and rows[61].startswith("61,R001,") and rows[66].startswith("66,R058,")
    assert people(cli, study) == 66
    assert set(world.iterdir()) == outside | {wave}  # nothing written outside the study


def test_map_auto_says_what_it_chose(cli, world):
    export = workbook(world / "forms.xlsx", {"Form1": [FORMS_HEADER, *forms_rows()]})
    result = cli(
        "--lang", "en", "import", "changes", export, "--study", world / "studie", "--map", "auto",
        "--map-value", "auto", plugins="core",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "--map auto chose stakeholder <- 'Ik doe mee als' (its header reads as 'stakeholder', and" in result.output
    assert "--map auto chose importance <- 'Hoe belangrijk (1-5)' (its header reads as 'importance'" in result.output
    assert "--map-value auto read 'Buurtbewoner' as stakeholder 'bewoners'" in result.output


def test_a_bad_cell_names_file_row_and_column_and_nothing_is_written(cli, world):
    rows = forms_rows()
    rows[3][9] = "heel erg"
    rows[7][10] = "Misschien"
    export = workbook(world / "forms.xlsx", {"Form1": [FORMS_HEADER, *rows]})
    study = world / "studie"
    before = files_under(study)
    result = cli(
        "import", "changes", export, "--study", study, "--map", "auto", "--map-value", "auto", "--lang", "en",
        plugins="core",
    )  # fmt: skip
    assert result.exit_code == 2
    lines = [line.split("forms.xlsx:", 1)[1] for line in result.output.splitlines()]
    assert lines[0].startswith("5:Hoe belangrijk (1-5): column 'Hoe belangrijk (1-5)': 'heel erg' is not a number")
    assert 'map it: --map-value "importance:heel erg=VALUE"' in lines[0]
    assert lines[1].startswith("9:Toestemming citaat: column 'Toestemming citaat': 'Misschien' is not a consent")
    assert files_under(study) == before


def test_a_mapping_flag_that_names_no_column_says_which_there_are(cli, world):
    export = workbook(world / "forms.xlsx", {"Form1": [FORMS_HEADER, *forms_rows()[:3]]})
    result = cli(
        "--lang", "en", "import", "changes", export, "--study", world / "studie",
        "--map", "change=Wat is er voor jou verandert", "--map", "stakeholdr=Rol", plugins="core",
    )  # fmt: skip
    assert result.exit_code == 2
    assert "forms.xlsx:1:change: --map names column 'Wat is er voor jou verandert' for 'change', but the table " in (
        result.output
    )
    assert "did you mean 'Wat is er voor jou veranderd?'" in result.output
    assert "'stakeholdr' is not a field of a change" in result.output
    bad = cli("import", "changes", export, "--study", world / "studie", "--map", "change", plugins="core")
    assert bad.exit_code == 2 and "--map change: schrijf VELD=KOP" in bad.output


# -- Qualtrics ---------------------------------------------------------------------------------------

QUALTRICS_META = [
    ("StartDate", "Start Date", '{"ImportId":"startDate","timeZone":"Europe/Amsterdam"}'),
    ("EndDate", "End Date", '{"ImportId":"endDate","timeZone":"Europe/Amsterdam"}'),
    ("Status", "Response Type", '{"ImportId":"status"}'),
    ("IPAddress", "IP Address", '{"ImportId":"ipAddress"}'),
    ("Progress", "Progress", '{"ImportId":"progress"}'),
    ("Duration (in seconds)", "Duration (in seconds)", '{"ImportId":"duration"}'),
    ("Finished", "Finished", '{"ImportId":"finished"}'),
    ("RecordedDate", "Recorded Date", '{"ImportId":"recordedDate","timeZone":"Europe/Amsterdam"}'),
    ("ResponseId", "Response ID", '{"ImportId":"_recordId"}'),
    ("RecipientLastName", "Recipient Last Name", '{"ImportId":"recipientLastName"}'),
    ("RecipientFirstName", "Recipient First Name", '{"ImportId":"recipientFirstName"}'),
    ("RecipientEmail", "Recipient Email", '{"ImportId":"recipientEmail"}'),
    ("Q1", "Wat is je naam?", '{"ImportId":"QID1_TEXT"}'),
    ("Q2", "Ik neem deel als", '{"ImportId":"QID2"}'),
    ("Q3", "Wat is er voor jou veranderd?", '{"ImportId":"QID3_TEXT"}'),
    ("Q4", "Hoe belangrijk is dat voor je? (1-5)", '{"ImportId":"QID4"}'),
]


def qualtrics(path, people_: list[tuple[str, str, str, str]]):
    import csv

    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        for row in range(3):
            writer.writerow([meta[row] for meta in QUALTRICS_META])
        for i, (name, group, change, importance) in enumerate(people_):
            first, last = name.split(" ", 1)
            writer.writerow(
                ["2024-05-01 10:00:00", "2024-05-01 10:07:00", "IP Address", f"145.1.2.{i}", "100", "420", "True"]
                + ["2024-05-01 10:07:01", f"R_{i:02d}xQk", last, first, f"{first.lower()}@example.org"]
                + [name, group, change, importance]
            )
    return path


def test_qualtrics_three_header_rows_found_and_either_row_names_a_column(cli, world):
    export = qualtrics(
        world / "qualtrics.csv",
        [
            ("Anna Jansen", "studenten", "Ik durf meer te vragen", "4"),
            ("Bram Smit", "bewoners", "Ik ken mijn buren, ook de nieuwe", "5"),
            ("Anna Jansen", "docenten", "Ik werk anders samen met de wijk", "3"),
        ],
    )
    study = world / "studie"
    result = cli(
        "import", "changes", export, "--study", study,
        "--map", "person=Q1", "--map", "stakeholder=Ik neem deel als", "--map", "change=Q3", "--map", "importance=q4",
        plugins="core",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "Gelezen: een export van Qualtrics, een kop van 3 rijen" in result.output
    assert "respondent <- 'ResponseId'" in result.output
    lines = (study / "changes.csv").read_text(encoding="utf-8-sig").splitlines()
    assert lines[:3] == [
        "ResponseId,Q1,Q2,Q3,Q4",
        "Response ID,Wat is je naam?,Ik neem deel als,Wat is er voor jou veranderd?,Hoe belangrijk is dat voor je? (1-5)",
        '"{""ImportId"":""_recordId""}","{""ImportId"":""QID1_TEXT""}","{""ImportId"":""QID2""}",'
        '"{""ImportId"":""QID3_TEXT""}","{""ImportId"":""QID4""}"',
    ]
    assert lines[3] == "R_00xQk,R001,studenten,Ik durf meer te vragen,4"
    assert "Jansen" not in "".join(lines) and "@example.org" not in "".join(lines)
    loaded = impactkit.load(study, plugins=make_manager(load=["core"])).change_list
    assert [(c.row, c.respondent, c.person, c.importance) for c in loaded] == [
        (4, "R_00xQk", "R001", 4.0),
        (5, "R_01xQk", "R002", 5.0),
        (6, "R_02xQk", "R001", 3.0),
    ]
    assert people(cli, study) == 3
    wave = qualtrics(world / "qualtrics-2.csv", [("Cas Visser", "studenten", "Ik plan mijn week beter", "2")])
    again = cli("import", "changes", wave, "--study", study, "--force", plugins="core")  # no --map
    assert again.exit_code == 0, again.output
    assert impactkit.load(study, plugins=make_manager(load=["core"])).change_list[0].person == "R003"


# -- KoboToolbox ---------------------------------------------------------------------------------------

KOBO = (
    "start;end;today;deviceid;intro/persoon;intro/rol;intro/stakeholder;vragen/verandering;vragen/citaat;"
    "vragen/belang;_id;_uuid;_submission_time;_validation_status;_notes;_status;_submitted_by;__version__;"
    "_tags;_index\n"
    "2024-05-01T10:00:00.000+02:00;2024-05-01T10:09:00.000+02:00;2024-05-01;collect:abc;Dewi Kartosen;"
    "buurtwerker;bewoners;Ik voel me minder alleen;Het is hier fijner;4;101;8f1c0b4e-1;2024-05-01T08:09:00;;;"
    "submitted_via_web;;vXy;;1\n"
    "2024-05-02T11:00:00.000+02:00;2024-05-02T11:05:00.000+02:00;2024-05-02;collect:def;Sem de Wit;student;"
    "studenten;Ik durf meer;;5;102;8f1c0b4e-2;2024-05-02T09:05:00;;;submitted_via_web;;vXy;;2\n"
)


def test_kobo_group_prefixes_and_semicolons_import_without_flags(cli, world):
    export = world / "kobo.csv"
    export.write_text(KOBO, encoding="utf-8")
    study = world / "studie"
    result = cli("--lang", "en", "import", "changes", export, "--study", study, plugins="core")
    assert result.exit_code == 0, result.output
    assert "Read a KoboToolbox export" in result.output
    assert "respondent <- '_uuid'" in result.output and "person <- 'intro/persoon'" in result.output
    assert (
        "Left out 13 columns the study does not use (personal data or survey administration): start, end, today, "
        "deviceid, _id, _submission_time, _validation_status, _notes, _status, _submitted_by, __version__, _tags, "
        "_index; copy one with --keep HEADER"
    ) in result.output
    header = (study / "changes.csv").read_text(encoding="utf-8").splitlines()[0]
    assert header == ("intro/persoon;intro/rol;intro/stakeholder;vragen/verandering;vragen/citaat;vragen/belang;_uuid")
    loaded = impactkit.load(study, plugins=make_manager(load=["core"])).change_list
    assert [(c.person, c.role, c.stakeholder, c.importance, c.respondent) for c in loaded] == [
        ("R001", "buurtwerker", "bewoners", 4.0, "8f1c0b4e-1"),
        ("R002", "student", "studenten", 5.0, "8f1c0b4e-2"),
    ]
    assert "changes: changes.csv\n" in (study / "study.yaml").read_text(encoding="utf-8")  # nothing to save


# -- a wide export ---------------------------------------------------------------------------------------

WIDE = (
    "Respondent;Naam;Groep;Verandering 1;Citaat 1;Verandering 2;Citaat 2;Verandering 3;Citaat 3\n"
    "r1;Noor Bos;studenten;Ik durf meer;Echt waar;Ik plan beter;;;\n"
    "r2;Lars Kok;bewoners;Ik ken mijn buren;;;;;\n"
    "r3;Mila Mol;docenten;Ik geef anders les;;Ik werk met de wijk;Mooi;Ik leer van studenten;\n"
)


def test_a_wide_export_gives_one_change_per_filled_cell(cli, world):
    export = world / "wide.csv"
    export.write_text(WIDE, encoding="utf-8")
    study = world / "studie"
    plain = cli("--lang", "en", "import", "changes", export, "--study", study, plugins="core")
    assert plain.exit_code == 2
    assert (
        "the table has numbered columns (Verandering 1, Citaat 1, Verandering 2, Citaat 2): several changes per "
        "row? --wide" in plain.output
    )
    result = cli("import", "changes", export, "--study", study, "--wide", plugins="core")
    assert result.exit_code == 0, result.output
    assert "6 veranderingen geïmporteerd" in result.output
    loaded = impactkit.load(study, plugins=make_manager(load=["core"])).change_list
    assert [(c.row, c.respondent, c.change, c.quote) for c in loaded] == [
        (2, "r1", "Ik durf meer", "Echt waar"),
        (2, "r1", "Ik plan beter", None),
        (3, "r2", "Ik ken mijn buren", None),
        (4, "r3", "Ik geef anders les", None),
        (4, "r3", "Ik werk met de wijk", "Mooi"),
        (4, "r3", "Ik leer van studenten", None),
    ]
    assert "  wide: true\n" in (study / "study.yaml").read_text(encoding="utf-8")
    assert people(cli, study) == 3
    orphan = world / "wide-2.csv"
    orphan.write_text(WIDE.splitlines()[0] + "\nr4;Ot Ham;studenten;Ik lees meer;;;Citaat zonder verandering;;\n")
    bad = cli("--lang", "en", "import", "changes", orphan, "--study", study, "--append", plugins="core")  # no --wide
    assert bad.exit_code == 2
    assert "wide-2.csv:2:Citaat 2: column 'Citaat 2' has a value but 'Verandering 2' is empty" in bad.output


# -- workbooks: the second sheet, ODS ------------------------------------------------------------------


def test_the_data_on_a_second_sheet_is_found_and_a_sheet_can_be_named(cli, world):
    rows = [["Persoon", "Stakeholder", "Verandering"], ["Iris Berg", "studenten", "Ik durf meer"]]
    export = workbook(world / "export.xlsx", {"Toelichting": [["Deze enquête gaat over ..."]], "Antwoorden": rows})
    study = world / "studie"
    found = cli("import", "changes", export, "--study", study, plugins="core")
    assert found.exit_code == 0, found.output and "blad 'Antwoorden'" in found.output
    assert cli("import", "changes", export, "--study", study, "--sheet", "2", "--force", plugins="core").exit_code == 0
    wrong = cli("import", "changes", export, "--study", study, "--sheet", "Antwoord", "--force", plugins="core")
    assert wrong.exit_code == 2
    assert "export.xlsx (sheet): de werkmap heeft geen blad 'Antwoord' (de bladen: Toelichting, Antwoorden)" in (
        wrong.output
    )


def test_an_ods_export(cli, world):
    import pandas as pd

    export = world / "export.ods"
    with pd.ExcelWriter(export, engine="odf") as writer:
        pd.DataFrame(
            {"Persoon": ["Iris Berg"], "Groep": ["bewoners"], "Verandering": ["Minder alleen"], "Belang": [4]}
        ).to_excel(writer, sheet_name="Antwoorden", index=False)
    result = cli("import", "changes", export, "--study", world / "studie", plugins="core")
    assert result.exit_code == 0, result.output
    assert (world / "studie" / "changes.csv").read_text(encoding="utf-8").splitlines() == [
        "Persoon,Groep,Verandering,Belang",
        "R001,bewoners,Minder alleen,4",
    ]


# -- encodings -------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("encoding", "text"), [("utf-16", "“Wij” – één buurt"), ("cp1252", "“Wij” – één buurt €")])
def test_utf16_and_windows_exports_keep_every_character(cli, world, encoding, text):
    export = world / "export.csv"
    sep = "\t" if encoding == "utf-16" else ";"
    lines = [["Persoon", "Stakeholder", "Verandering", "Citaat"], ["Zoë Çelik", "bewoners", "Ik hoor erbij", text]]
    export.write_bytes("".join(sep.join(line) + "\r\n" for line in lines).encode(encoding))
    study = world / "studie"
    result = cli("import", "changes", export, "--study", study, "--keep-names", plugins="core")
    assert result.exit_code == 0, result.output
    raw = (study / "changes.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # UTF-8 with a byte-order mark: Excel reads it
    (change,) = impactkit.load(study, plugins=make_manager(load=["core"])).change_list
    assert (change.person, change.quote) == ("Zoë Çelik", text)
    assert "keep_names: true" in (study / "study.yaml").read_text(encoding="utf-8")

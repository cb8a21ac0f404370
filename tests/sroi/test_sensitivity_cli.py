"""``impactkit sroi sensitivity STUDY [--json] [--range R]``: the tornado and the switching values
on the command line; each switching value, written into the study where the number stands, gives
a ratio of 1.000."""

from __future__ import annotations

import json
import shutil

import pytest

import impactkit

from .conftest import CHECK_STUDY

EXAMPLE = impactkit.examples_dir() / "sroi-werkplaats"


def put_back(folder, path, value) -> None:
    """Write ``value`` into ``study.yaml`` at the key ``path`` (a number with a range becomes that
    number), keeping the rest of the file as it is."""
    from ruamel.yaml import YAML

    yaml = YAML(typ="rt")
    file = folder / "study.yaml"
    root = yaml.load(file.read_text(encoding="utf-8"))
    node = root
    for key in path[:-1]:
        node = node[key]
    node[path[-1]] = float(value)
    with open(file, "w", encoding="utf-8") as handle:
        yaml.dump(root, handle)


def ratio_of(folder, plugins) -> float:
    from impactkit.plugins.sroi.analysis import Analysis

    return Analysis(impactkit.load(folder, plugins=plugins)).summary["ratio"]


def test_the_example_gives_tornado_and_break_even_and_each_switching_value_gives_1(run_cli, tmp_path, sroi_plugins):
    out = run_cli("sroi", "sensitivity", EXAMPLE, "--json")
    assert out.exit_code == 0, out.output
    document = json.loads(out.stdout)
    assert document["ratio"] == pytest.approx(2.7668456725029587, rel=1e-12)
    assert document["default_sensitivity"] == 0.2
    tornado, break_even = document["tornado"], document["break_even"]
    assert len(tornado) > 10 and tornado[0]["swing"] >= tornado[-1]["swing"]
    assert all({"numbers", "ratio_low", "ratio_high", "swing", "assumption"} <= set(r) for r in tornado)
    # the same as run --json carries
    metrics = json.loads(run_cli("run", EXAMPLE, "--json").stdout)["metrics"]
    assert metrics["sroi.tornado"] == tornado and metrics["sroi.break_even"] == break_even

    reachable = [b for b in break_even if b["reachable"]]
    inputs = [b for b in reachable if b["target"] == "input"]
    assert len(inputs) == 4  # every input of the study, each with its own switching value
    checked = []
    for number in reachable:
        if number["target"] == "inputs":  # the total: the present value itself
            assert number["switching_value"] == pytest.approx(metrics["sroi.present_value"], rel=1e-12)
            continue
        folder = tmp_path / f"n{len(checked)}"
        shutil.copytree(EXAMPLE, folder)
        put_back(folder, number["path"], number["switching_value"])
        assert ratio_of(folder, sroi_plugins) == pytest.approx(1.0, abs=1e-6), number["assumption"]
        checked.append(number["assumption"])
    assert len(checked) == len(reachable) - 1 == 4  # the four inputs (no other number can do it on its own)


def test_each_reachable_number_of_a_map_gives_1_when_put_back(run_cli, study_dir, tmp_path, sroi_plugins):
    # every number of the check value can bring the ratio to 1 on its own with inputs of 40,000
    text = CHECK_STUDY.replace("value: 20000", "value: 40000")
    folder = study_dir(text)
    document = json.loads(run_cli("sroi", "sensitivity", folder, "--json").stdout)
    reachable = [b for b in document["break_even"] if b["reachable"] and b["target"] != "inputs"]
    assert {b["field"] for b in reachable} >= {"quantity", "proxy_value", "deadweight", "duration", "drop_off"}
    for n, number in enumerate(reachable):
        copy = tmp_path / f"copy{n}"
        shutil.copytree(folder, copy)
        put_back(copy, number["path"], number["switching_value"])
        assert ratio_of(copy, sroi_plugins) == pytest.approx(1.0, abs=1e-6), number["field"]


def test_the_range_option_widens_the_default_and_the_text_is_a_table(run_cli, study_dir):
    folder = study_dir()
    narrow = json.loads(run_cli("sroi", "sensitivity", folder, "--json", "--range", "0.1").stdout)
    wide = json.loads(run_cli("sroi", "sensitivity", folder, "--json").stdout)
    quantity = [r for r in narrow["tornado"] if r["numbers"][0]["field"] == "quantity"][0]
    assert narrow["default_sensitivity"] == 0.1 and quantity["numbers"][0]["low"] == pytest.approx(27)
    # quantity and proxy value move the ratio identically: one row names both
    assert [n["field"] for n in quantity["numbers"]] == ["quantity", "proxy_value"]
    assert quantity["ratio_low"] == pytest.approx(0.9 * narrow["ratio"])
    assert max(r["swing"] for r in wide["tornado"]) > max(r["swing"] for r in narrow["tornado"])
    text = run_cli("--lang", "en", "sroi", "sensitivity", folder)
    assert text.exit_code == 0
    lines = text.stdout.splitlines()
    assert lines[0] == "SROI ratio 2.05 : 1; numbers without a range or distribution vary by ±20%"
    assert "Students — More confidence: quantity and proxy value" in text.stdout
    assert "Switching values (ratio 1:1)" in lines and "One at a time (tornado)" in lines
    dutch = run_cli("--lang", "nl", "sroi", "sensitivity", folder)
    assert dutch.stdout.startswith("SROI-ratio 2,05 : 1;") and "Omslagwaarden (ratio 1:1)" in dutch.stdout
    bad = run_cli("sroi", "sensitivity", folder, "--range", "0")
    assert bad.exit_code == 2


def test_without_inputs_there_is_no_sensitivity(run_cli, study_dir):
    folder = study_dir(CHECK_STUDY.replace("value: 20000", "value: 0"))
    out = run_cli("sroi", "sensitivity", folder, "--json")
    assert out.exit_code == 0 and json.loads(out.stdout) == {
        "ratio": None,
        "default_sensitivity": 0.2,
        "tornado": [],
        "break_even": [],
    }
    assert "no inputs" in out.stderr

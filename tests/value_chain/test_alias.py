"""Studies written before the rename (``methods.leerkring``, decisions citing ``leerkring.*`` metrics)
load and run exactly as they do with ``methods.value_chain``; giving both keys is an error."""

from __future__ import annotations

import json
import re
import shutil

import pytest

import impactkit
from impactkit.core.errors import StudyError
from impactkit.core.plugins import make_manager
from impactkit.core.schema import study_schema

from .conftest import section

PLUGINS = ["core", "value_chain", "idg"]
SECTIONS = ("value_chain", "leerkring")


def _old(text: str) -> str:
    """A study file as it was written before the rename: the section and the cited metrics under 'leerkring'."""
    old = re.sub(r"^  value_chain:$", "  leerkring:", text, flags=re.M)
    old = re.sub(r"\bvalue_chain\.", "leerkring.", old)
    assert old.count("  leerkring:") == 1 and "value_chain" not in old
    return old


def _run(folder):
    plugins = make_manager(load=PLUGINS)
    return impactkit.run(impactkit.load(folder, plugins=plugins), plugins=plugins, lang="en")


def _findings(result) -> list[tuple]:
    return [
        (f.code, f.severity, f.location.line if f.location else None, f.message.en.replace("leerkring", "value_chain"))
        for f in result.findings
    ]


@pytest.mark.parametrize("example", ["leerkring-lingewaard", "leerkring-brakkenstein"])
def test_an_example_written_with_the_old_key_runs_exactly_the_same(tmp_path, example):
    new = tmp_path / "new"
    shutil.copytree(impactkit.examples_dir() / example, new)
    old = tmp_path / "old"
    shutil.copytree(new, old)
    (old / "study.yaml").write_text(_old((new / "study.yaml").read_text(encoding="utf-8")), encoding="utf-8")
    before, after = _run(old), _run(new)
    assert before.study.method("value_chain") == after.study.method("value_chain")
    assert before.metrics == after.metrics and any(key.startswith("value_chain.") for key in before.metrics)
    assert not [key for key in before.metrics if key.startswith("leerkring.")]
    assert _findings(before) == _findings(after) and before.exit_code == after.exit_code == 0
    # the decisions cite the metrics by their old ids, and the report still names them
    decisions = before.report_markdown("en").split("## Conclusions and decisions")[1]
    assert "Projects per review decision" in decisions and "leerkring.review" not in decisions
    assert json.loads(before.to_json("en"))["metrics"] == json.loads(after.to_json("en"))["metrics"]


def test_the_old_key_is_read_and_located_as_the_file_has_it(write_dict, run_dict, base):
    base["methods"] = {"leerkring": section(base)}
    old = base["methods"]["leerkring"]
    old["needs"].append(dict(old["needs"][0]))  # 'voice' twice
    old["effects"][1]["needs"] = []
    result = run_dict(base)
    assert result.metrics["value_chain.needs"] == 2 and result.study.method("value_chain") is not None
    lines = (write_dict(base) / "study.yaml").read_text(encoding="utf-8").splitlines()
    (duplicate,) = [f for f in result.findings if f.code == "value_chain.duplicate"]
    assert duplicate.location.key == "methods.leerkring.needs[2].id"
    assert '"id": "voice"' in lines[duplicate.location.line - 1]
    assert "'voice' is already in methods.leerkring.needs at line" in duplicate.message.en
    assert "staat al in methods.leerkring.needs op regel" in duplicate.message.nl
    (unneeded,) = [f for f in result.findings if f.code == "value_chain.effect-without-need"]
    assert unneeded.location.key == "methods.leerkring.effects[1].outcome"
    assert "(methods.leerkring.effects)" in unneeded.message.en


def test_a_bad_value_under_the_old_key_is_reported_at_its_line(write_dict, value_chain_plugins, base):
    base["methods"] = {"leerkring": section(base)}
    base["methods"]["leerkring"]["review"][0]["decision"] = "maybe"
    with pytest.raises(StudyError) as info:
        impactkit.load(write_dict(base), plugins=value_chain_plugins)
    (problem,) = info.value.problems
    assert problem.location.key == "methods.leerkring.review[0].decision"
    assert "decision must be continue, improve, new or stop" in problem.message.en


def test_both_keys_at_once_is_an_error_naming_both_lines(write_dict, value_chain_plugins, base):
    base["methods"]["leerkring"] = {"needs": []}
    folder = write_dict(base)
    with pytest.raises(StudyError) as info:
        impactkit.load(folder, plugins=value_chain_plugins)
    (problem,) = info.value.problems
    lines = (folder / "study.yaml").read_text(encoding="utf-8").splitlines()
    new, old = (next(i for i, line in enumerate(lines, 1) if line.strip().startswith(f'"{k}":')) for k in SECTIONS)
    assert (problem.location.line, problem.location.key) == (old, "methods.leerkring")
    assert problem.message.en == (
        f"'methods.leerkring' (line {old}) and 'methods.value_chain' (line {new}) are the same section "
        f"('leerkring' is another name of 'value_chain'); give it once, as 'methods.value_chain'"
    )
    assert problem.message.nl.startswith(f"'methods.leerkring' (regel {old}) en 'methods.value_chain' (regel {new})")


def test_the_schema_lists_the_old_key_as_the_same_section():
    methods = study_schema(make_manager(load=["core", "value_chain"]))["$defs"]["Methods"]["properties"]
    assert methods["leerkring"]["anyOf"] == methods["value_chain"]["anyOf"]
    assert "another name of 'value_chain'" in methods["leerkring"]["description"]

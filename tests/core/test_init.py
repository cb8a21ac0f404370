"""``impactkit init``: a commented study for each route and language that validates as it is,
with the sections of the methods the route uses (from the plugins' templates)."""

from __future__ import annotations

import pytest

import impactkit
from impactkit.core.plugins import make_manager
from impactkit.core.scaffold import methods_block, sections_for


def sections():
    found, problems = make_manager().collect("impactkit_study_sections")
    assert not problems
    return found


@pytest.mark.parametrize("lang", ["en", "nl"])
@pytest.mark.parametrize("route", ["linear", "nonlinear", "both"])
def test_a_new_study_of_every_route_runs_without_errors(tmp_path, route, lang, cli):
    folder = tmp_path / "new"
    result = cli("--lang", lang, "init", folder, "--route", route)
    assert result.exit_code == 0, result.output
    run = impactkit.run(impactkit.load(folder))
    assert not run.errors, [f.render("en") for f in run.errors]
    text = (folder / "study.yaml").read_text(encoding="utf-8")
    expected = {s.id for s in sections_for(route, sections())}
    assert set(run.study.methods) == expected
    assert ("idg" in expected) == (route != "linear")  # route 2 codes its changes with the IDG
    assert text.count("#") >= 12  # commented for a first-time user


@pytest.mark.parametrize("route", ["linear", "nonlinear"])
def test_the_changes_file_has_a_column_for_each_column_its_methods_declare(tmp_path, route, cli):
    folder = tmp_path / "new"
    assert cli("init", folder, "--route", route).exit_code == 0
    header, example = (folder / "changes.csv").read_text(encoding="utf-8").splitlines()
    declared = [c for s in sections_for(route, sections()) for c in s.columns]
    assert declared, "no method of the route declares a change column"
    assert header.split(",")[7:] == [c.name for c in declared]
    assert example.split(",")[-len(declared) :] == [c.example.get("en") if c.example else "" for c in declared]
    assert header.startswith("person,role,stakeholder,change,theme,quote,importance")


def test_method_adds_a_section_and_an_unknown_one_is_refused(tmp_path, cli):
    ok = cli("init", tmp_path / "a", "--route", "linear", "--method", "value_chain")
    assert ok.exit_code == 0, ok.output
    assert "value_chain" in impactkit.load(tmp_path / "a").methods
    bad = cli("init", tmp_path / "b", "--method", "sroii")
    assert bad.exit_code == 2 and "sroii" in bad.output and "sroi" in bad.output
    assert not (tmp_path / "b").exists()  # nothing written


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_every_plugin_template_validates_against_its_own_model(lang):
    from ruamel.yaml import YAML

    with_template = [s for s in sections() if s.template is not None]
    assert with_template, "no plugin contributes a template"
    for section in with_template:
        data = YAML(typ="safe").load(methods_block([section], lang))["methods"][section.id]
        section.model.model_validate(data)  # raises on any problem


def test_no_sections_is_an_empty_mapping():
    assert methods_block([], "en") == "methods: {}"

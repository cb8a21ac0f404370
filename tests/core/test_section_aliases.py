"""A study section's aliases (``StudySection.aliases``): an old key still loads as the section, is
located where the file has it, is listed by the schema, and may not be given beside the new key.
A metric's aliases (``Metric.aliases``): a decision may still cite its former id as evidence."""

from __future__ import annotations

import types

import pytest
from pydantic import BaseModel, ConfigDict, ValidationError

import impactkit
from impactkit.core.contributions import Finding, Metric, StudySection, Validation
from impactkit.core.errors import StudyError
from impactkit.core.hookspecs import hookimpl
from impactkit.core.i18n import Text
from impactkit.core.plugins import make_manager
from impactkit.core.schema import study_schema

T = Text(en="Widgets", nl="Widgets")


class Widgets(BaseModel):
    model_config = ConfigDict(extra="forbid")
    count: int = 0


def _where(ctx):
    yield Finding(code="widgets.here", severity="info", message=T, location=ctx.locate("methods", "widgets", "count"))


def _manager():
    module = types.ModuleType("widgets")
    module.impactkit_study_sections = hookimpl(
        lambda: [StudySection(id="widgets", model=Widgets, title=T, aliases=("gadgets", "gizmos"))]
    )
    module.impactkit_validations = hookimpl(lambda: [Validation(id="widgets.where", title=T, check=_where)])
    module.impactkit_metrics = hookimpl(
        lambda: [
            Metric(
                id="widgets.count",
                aliases=("gadgets.count",),
                title=Text(en="Widgets counted", nl="Getelde widgets"),
                compute=lambda ctx: ctx.method("widgets").count if ctx.method("widgets") else None,
            )
        ]
    )
    manager = make_manager(load=["core"])
    manager.register(module, "widgets")
    return manager


STUDY = """\
impactkit: 1
id: w
title: Widgets
stakeholders: []
methods:
{methods}
"""


def _load(write_study, methods: str):
    return impactkit.load(write_study(STUDY.format(methods=methods)), plugins=_manager())


@pytest.mark.parametrize("key", ["widgets", "gadgets", "gizmos"])
def test_the_section_loads_under_its_id_or_an_alias_and_is_found_where_the_file_has_it(write_study, key):
    study = _load(write_study, f"  {key}:\n    count: 3")
    assert study.method("widgets").count == 3
    assert key == "widgets" or study.method(key) is None  # reachable by its id only
    result = impactkit.run(study, plugins=_manager())
    here = next(f for f in result.findings if f.code == "widgets.here").location
    assert (here.line, here.key) == (7, f"methods.{key}.count")
    assert not [f for f in result.findings if f.code == "core.method-unknown"]


def test_a_bad_value_under_an_alias_is_reported_at_the_aliass_key(write_study):
    with pytest.raises(StudyError) as caught:
        _load(write_study, "  gadgets:\n    count: many")
    [problem] = caught.value.problems
    assert (problem.location.line, problem.location.key) == (7, "methods.gadgets.count")


@pytest.mark.parametrize(
    "methods, second, first, alias",
    [
        ("  widgets: {count: 1}\n  gadgets: {count: 1}", "gadgets", "widgets", "gadgets"),
        ("  gadgets: {count: 1}\n  other: {}\n  widgets: {count: 2}", "widgets", "gadgets", "gadgets"),
        ("  gadgets: {}\n  gizmos: {}", "gizmos", "gadgets", "gizmos"),
    ],
)
def test_the_section_under_two_of_its_keys_is_an_error_naming_both_lines(write_study, methods, second, first, alias):
    with pytest.raises(StudyError) as caught:
        _load(write_study, methods)
    [problem] = caught.value.problems
    lines = {line.split(":")[0].strip(): i for i, line in enumerate(STUDY.format(methods=methods).splitlines(), 1)}
    assert (problem.location.line, problem.location.key) == (lines[second], f"methods.{second}")
    assert problem.message.en == (
        f"'methods.{second}' (line {lines[second]}) and 'methods.{first}' (line {lines[first]}) are the same "
        f"section ('{alias}' is another name of 'widgets'); give it once, as 'methods.widgets'"
    )
    assert f"(regel {lines[second]})" in problem.message.nl and f"(regel {lines[first]})" in problem.message.nl


def test_an_unknown_section_lists_the_section_ids_not_their_aliases(write_study):
    study = _load(write_study, "  widgetz: {}")
    [warning] = [f for f in study._load_findings if f.code == "core.method-unknown"]
    assert "(installed sections: widgets)" in warning.message.en


def test_the_schema_lists_the_aliases_as_the_same_section():
    methods = study_schema(_manager())["$defs"]["Methods"]["properties"]
    assert {"widgets", "gadgets", "gizmos"} <= set(methods)
    assert methods["gadgets"]["anyOf"] == methods["widgets"]["anyOf"]
    assert "another name of 'widgets'" in methods["gadgets"]["description"]


def test_an_alias_must_be_a_section_name():
    with pytest.raises(ValidationError, match="section alias 'Old Name'"):
        StudySection(id="widgets", model=Widgets, title=T, aliases=("Old Name",))


DECISIONS = """\
decisions:
  - {id: more, text: Make more widgets, evidence: [%s]}
"""


@pytest.mark.parametrize("cited", ["widgets.count", "gadgets.count"])
def test_a_decision_may_cite_a_metric_by_its_former_id(write_study, cited):
    study = impactkit.load(
        write_study(STUDY.format(methods="  gadgets: {count: 4}") + DECISIONS % cited), plugins=_manager()
    )
    result = impactkit.run(study, plugins=_manager())
    assert result.metrics["widgets.count"] == 4 and "gadgets.count" not in result.metrics  # reported under its id
    assert not [f for f in result.findings if f.code == "core.decision-evidence"]
    assert "steunt op: Getelde widgets_" in result.report_markdown("nl")  # by its name, whichever id cited it


def test_an_unknown_former_id_is_still_dangling_evidence(write_study):
    study = impactkit.load(
        write_study(STUDY.format(methods="  widgets: {count: 4}") + DECISIONS % "gizmos.count"), plugins=_manager()
    )
    [finding] = [f for f in impactkit.run(study, plugins=_manager()).findings if f.code == "core.decision-evidence"]
    assert "'gizmos.count'" in finding.message.en


def test_a_metric_alias_is_a_dotted_id():
    with pytest.raises(ValidationError, match="metric alias 'count'"):
        Metric(id="widgets.count", aliases=("count",), title=T, compute=lambda ctx: 1)

"""Plugin failures: tracebacks in the finding and result.json (never the report), ``--debug`` printing
them and each hook's time, slow hooks named, ``impactkit plugins`` exiting 1, and the helpers of
core/failures.py on their own."""

from __future__ import annotations

import ast
import json
import os
import re
from pathlib import Path

import pytest

import impactkit
from impactkit.core import failures
from impactkit.core import plugins as plugin_module
from impactkit.core.contributions import Metric, ReportSection
from impactkit.core.i18n import Text
from impactkit.core.plugins import make_manager
from tests.core.test_plugins import T, plugin


def explode(ctx):
    return {}["no such key"]


@pytest.fixture(autouse=True)
def _no_debug(monkeypatch):
    monkeypatch.delenv(failures.ENV_DEBUG, raising=False)


@pytest.fixture
def with_broken(monkeypatch):
    """Every manager the CLI makes has core and 'broken', whose metric raises."""
    real = plugin_module.make_manager
    broken = plugin(impactkit_metrics=lambda: [Metric(id="broken.value", title=T, compute=explode)])

    def manager_with_broken(load=None):
        manager = real(load=["core"])
        manager.register(broken, "broken")
        return manager

    monkeypatch.setattr(plugin_module, "make_manager", manager_with_broken)


def test_a_plugin_failure_carries_its_traceback_into_result_json_but_not_the_report(write_study, tmp_path):
    manager = make_manager(load=["core"])
    manager.register(
        plugin(
            impactkit_metrics=lambda: [Metric(id="broken.value", title=T, compute=explode)],
            impactkit_report_sections=lambda: [ReportSection(id="broken.text", title=T, render=lambda c, l: 1 / 0)],
        ),
        "broken",
    )
    result = impactkit.run(impactkit.load(write_study(), plugins=manager), plugins=manager)
    (failure,) = [f for f in result.findings if f.plugin == "broken"]  # the report's comes when it is written
    assert failure.traceback.startswith("Traceback (most recent call last):")
    assert "in explode" in failure.traceback and failure.traceback.rstrip().endswith("KeyError: 'no such key'")
    assert failure.message.en == "plugin 'broken' failed in broken.value: KeyError: 'no such key'"
    result.write(tmp_path / "out", formats=())
    written = json.loads((tmp_path / "out" / "result.json").read_text(encoding="utf-8"))
    (section, metric) = sorted((f for f in written["findings"] if f["plugin"] == "broken"), key=lambda f: f["message"])
    assert metric["traceback"] == failure.traceback
    assert "broken.value" in metric["message"] and "ZeroDivisionError" in section["traceback"]
    assert all("traceback" not in f for f in written["findings"] if f["plugin"] != "broken")  # only where there is one
    for name in ("report.md", "report.html"):  # the reader learns that a part is missing, in plain words
        text = (tmp_path / "out" / name).read_text(encoding="utf-8")
        assert "Every part of the analysis ran" in text and "could not be carried out" in text
        assert "broken.value" not in text and "Traceback" not in text and "in explode" not in text


def test_debug_prints_the_traceback_and_each_plugins_time_per_hook(cli, write_study, with_broken):
    study = write_study()
    quiet = cli("run", study, "--json")
    assert quiet.exit_code == 1 and "Traceback" not in quiet.stderr and "impactkit --debug" not in quiet.stderr
    assert "in explode" in json.loads(quiet.stdout)["findings"][0]["traceback"]  # result.json has it anyway
    loud = cli("run", study, "--json", debug=True)
    assert loud.exit_code == 1
    assert "impactkit --debug: broken · broken.value\nTraceback (most recent call last):" in loud.stderr
    assert "KeyError: 'no such key'" in loud.stderr
    times = [line for line in loud.stderr.splitlines() if line.startswith("impactkit --debug: ") and " s  " in line]
    timed = {line.split(" s  ", 1)[1] for line in times}
    assert {"core · impactkit_metrics", "broken · impactkit_metrics", "core · core.changes"} <= timed
    assert "broken · broken.value" in timed
    assert json.loads(loud.stdout)["metrics"]["core.changes"] == 3  # stdout stays clean JSON
    assert failures.ENV_DEBUG not in os.environ  # --debug lasts as long as the command


def test_the_environment_variable_switches_debugging_on_for_library_use(write_study, monkeypatch, capsys):
    monkeypatch.setenv(failures.ENV_DEBUG, "1")
    manager = make_manager(load=False)
    manager.register(plugin(impactkit_metrics=lambda: 1 / 0), "crashy")
    (failure,) = manager.collect("impactkit_metrics")[1]
    err = capsys.readouterr().err
    assert "impactkit --debug: crashy · impactkit_metrics\nTraceback" in err and "ZeroDivisionError" in err
    assert "s  crashy · impactkit_metrics" in err
    assert failure.traceback and failure.traceback in err


def test_debug_mode_restores_the_environment(monkeypatch):
    with failures.debug_mode():
        assert failures.debugging()
    assert not failures.debugging() and failures.ENV_DEBUG not in os.environ
    monkeypatch.setenv(failures.ENV_DEBUG, "0")
    assert not failures.debugging()
    with failures.debug_mode():
        assert failures.debugging()
    assert os.environ[failures.ENV_DEBUG] == "0"


def test_a_slow_hook_or_callable_is_named_in_an_info_finding_when_debugging(write_study, monkeypatch):
    import time

    monkeypatch.setattr(failures, "SLOW_SECONDS", 0.1)

    def slow_metrics():
        time.sleep(0.15)
        return [Metric(id="sluggish.value", title=T, compute=lambda ctx: time.sleep(0.15) or 1)]

    def analysed(debug):
        if debug:
            monkeypatch.setenv(failures.ENV_DEBUG, "1")
        manager = make_manager(load=["core"])
        manager.register(plugin(impactkit_metrics=slow_metrics), "sluggish")
        return impactkit.run(impactkit.load(write_study(), plugins=manager), plugins=manager)

    assert not [f for f in analysed(False).findings if f.code == "core.plugin-slow"]  # results never hang on speed
    result = analysed(True)
    slow = sorted(f.message.en for f in result.findings if f.code == "core.plugin-slow" and f.plugin == "sluggish")
    assert len(slow) == 2 and result.exit_code == 0  # info, not an error
    assert re.fullmatch(r"plugin 'sluggish' took \d+\.\d s in impactkit_metrics \(more than 0\.1 s\)", slow[0])
    assert re.fullmatch(r"plugin 'sluggish' took \d+\.\d s in sluggish\.value \(more than 0\.1 s\)", slow[1])
    (one,) = [f for f in result.findings if f.code == "core.plugin-slow" and "sluggish.value" in f.message.en]
    assert one.severity == "info"
    assert re.fullmatch(r"plug-in 'sluggish' deed \d+,\d s over sluggish\.value \(meer dan 0,1 s\)", one.message.nl)


def test_impactkit_plugins_lists_a_hook_that_raises_and_exits_1(cli, monkeypatch):
    real = plugin_module.make_manager

    def manager_with(extra):
        def make(load=None):
            manager = real(load=["core"])
            if extra is not None:
                manager.register(extra, "crashy")
            return manager

        return make

    monkeypatch.setattr(plugin_module, "make_manager", manager_with(None))
    healthy = cli("plugins")
    assert healthy.exit_code == 0 and healthy.stderr == ""
    monkeypatch.setattr(plugin_module, "make_manager", manager_with(plugin(impactkit_metrics=lambda: 1 / 0)))
    for args in (("plugins",), ("plugins", "--json")):
        done = cli(*args)
        assert done.exit_code == 1
        assert "plugin 'crashy' failed in impactkit_metrics: ZeroDivisionError: division by zero" in done.stderr
    assert [p["name"] for p in json.loads(done.stdout)] == ["core", "crashy"]
    typo = plugin(impactkit_tabels=lambda: [])
    monkeypatch.setattr(plugin_module, "make_manager", manager_with(typo))
    listed = cli("--lang", "nl", "plugins")
    assert listed.exit_code == 1 and "(bedoelde je 'impactkit_tables'?)" in listed.stderr


def test_jsonable_names_what_cannot_be_json():
    import numpy as np

    assert failures.jsonable({"a": (np.int64(1), np.float64(float("nan"))), 2: np.arange(2)}) == {
        "a": [1, None],
        "2": [0, 1],
    }
    with pytest.raises(TypeError) as info:
        failures.jsonable({"goals": [1, {3}]})
    assert isinstance(info.value, failures.NotJsonable) and info.value.path == "['goals'][1]"
    assert info.value.got({"goals": [1, {3}]}) == Text(
        en="a dict holding a set at ['goals'][1]", nl="een dict met een set op ['goals'][1]"
    )
    value, problem = failures.metric_value("p", "p.x", object())
    assert value is None and problem.message.en.startswith("plugin 'p' returned an object from p.x; expected a JSON")


def test_describe_error_names_the_field_of_a_pydantic_error():
    with pytest.raises(Exception) as info:
        Metric(id="nodot", title=T, compute=lambda c: 1)
    assert failures.describe_error(info.value).startswith("invalid Metric: id: id 'nodot' must be '<namespace>.<name>'")
    assert failures.describe_error(RuntimeError("boom\nmore")) == "RuntimeError: boom"
    assert failures.describe_error(RuntimeError()) == "RuntimeError"


def test_describe_error_of_a_whole_model_names_no_field():
    import pydantic

    class Span(pydantic.BaseModel):
        low: int
        high: int

        @pydantic.model_validator(mode="after")
        def ordered(self):
            if self.low > self.high:
                raise ValueError("low is above high")
            return self

    with pytest.raises(pydantic.ValidationError) as info:
        Span(low=2, high=1)
    assert failures.describe_error(info.value) == "invalid Span: low is above high"
    with pytest.raises(pydantic.ValidationError) as info:
        Span(low="x", high=1)
    assert failures.describe_error(info.value).startswith("invalid Span: low: Input should be a valid integer")


def test_failures_imports_only_i18n_errors_contributions_and_the_number_formatter():
    source = Path(failures.__file__).read_text(encoding="utf-8")
    imported = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.ImportFrom) and node.level:
            imported.add(node.module)
        elif isinstance(node, (ast.Import, ast.ImportFrom)):
            names = [node.module] if isinstance(node, ast.ImportFrom) else [a.name for a in node.names]
            imported |= {n for n in names if n.startswith("impactkit")}
    assert imported <= {"i18n", "errors", "contributions", "numbers"}, imported  # numbers: layer 0, under i18n

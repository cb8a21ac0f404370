"""``impactkit.testing``, the testing kit for plugin authors: the examples of "Testing your plugin" in
docs/plugins.md run as written, and every helper fails with a message that lists what was found."""

from __future__ import annotations

import importlib.util
import re
import subprocess
import sys
import types
from pathlib import Path

import pytest
from pydantic import BaseModel, ConfigDict

from impactkit.plugin import (
    Finding,
    GraphEdge,
    Metric,
    StudyError,
    StudySection,
    Text,
    Validation,
    change_node_id,
    hookimpl,
)
from impactkit.testing import (
    StudyBuilder,
    assert_finding,
    assert_no_errors,
    assert_no_finding,
    check_template,
    context,
    contributions,
    describe_findings,
    load,
    manager,
    metric,
    plugin_name,
    run,
)

ROOT = Path(__file__).resolve().parents[1]
DOC = ROOT / "docs" / "plugins.md"


def doc_section() -> str:
    """From its heading to the next heading of its level or above (not a comment in a code block)."""
    lines = DOC.read_text(encoding="utf-8").splitlines(keepends=True)
    start = lines.index("## Testing your plugin\n")
    fenced = False
    for end in range(start + 1, len(lines)):
        fenced ^= lines[end].startswith("```")
        if not fenced and re.match(r"#{1,2} ", lines[end]):
            break
    else:
        end = len(lines)
    return "".join(lines[start:end])


def doc_files() -> dict[str, str]:
    """The Python blocks of the section that start with ``# <path>.py``: the files of the example."""
    files = {}
    for block in re.findall(r"```python\n(.*?)```", doc_section(), flags=re.S):
        first = block.splitlines()[0]
        if re.fullmatch(r"# [\w/]+\.py", first):
            files[first[2:]] = block
    return files


@pytest.fixture
def mymethod(tmp_path, monkeypatch):
    """The documented example plugin, imported from the doc's own code block."""
    source = tmp_path / "doc" / "impactkit_mymethod" / "__init__.py"
    source.parent.mkdir(parents=True)
    source.write_text(doc_files()["impactkit_mymethod/__init__.py"], encoding="utf-8")
    spec = importlib.util.spec_from_file_location("impactkit_mymethod", source)
    module = importlib.util.module_from_spec(spec)
    monkeypatch.setitem(sys.modules, "impactkit_mymethod", module)
    spec.loader.exec_module(module)
    return module


# -- the documentation's examples --------------------------------------------------------------------


def test_the_documented_plugin_and_its_tests_pass(tmp_path):
    files = doc_files()
    assert set(files) == {"impactkit_mymethod/__init__.py", "tests/test_mymethod.py"}
    for name, text in files.items():
        target = tmp_path / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    tests = len(re.findall(r"^def test_", files["tests/test_mymethod.py"], flags=re.M))
    assert tests >= 8
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "tests"],
        cwd=tmp_path,
        env={"PATH": "/usr/bin:/bin", "PYTHONPATH": str(tmp_path), "LANG": "C.UTF-8"},
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert f"{tests} passed" in done.stdout, done.stdout


def test_the_documented_failure_message_is_what_the_kit_says(tmp_path, mymethod):
    shown = re.search(r"```\n(AssertionError: .*?)\n```", doc_section(), flags=re.S).group(1).splitlines()
    result = run(
        mymethod,
        StudyBuilder(tmp_path)
        .stakeholder("residents", "Residents", helix="civil_society")
        .stakeholder("students", "Students", helix="education")
        .change("p1", "residents", "I feel less alone", id="C01")
        .change("p2", "Residents", "I know my neighbours", id="C02")
        .change("s1", "students", "I learn faster", id="C03")
        .method("mymethod", {"min_changes": 3}),
    )
    with pytest.raises(AssertionError) as caught:
        assert_finding(result, "mymethod.too-few", severity="error")
    said = f"AssertionError: {caught.value}".splitlines()
    assert said[0] == shown[0]
    assert said[1].endswith(shown[1].removeprefix("  …")), (said[1], shown[1])


# -- the study builder --------------------------------------------------------------------------------


def test_the_builder_writes_a_study_the_loader_reads(tmp_path):
    builder = (
        StudyBuilder(tmp_path, language="nl", question="Wat levert het op?")
        .stakeholder("studenten", "Studenten", helix="onderwijs", size=12)
        .activity("projecten", "Projecten", stakeholders=["studenten"], leads_to=["verslagen"])
        .output("verslagen", "Verslagen", leads_to=["leren"])
        .outcome("leren", "Studenten leren", stakeholders=["studenten"])
        .link("verslagen", "leren", confidence=0.5)
        .change(
            "S01", "studenten", "Ik leer sneller, en dieper", id="C01", outcome="leren", cyclus=["applied", "realised"]
        )
        .change("S02", "studenten", 'Ik durf "nee" te zeggen', id="C02")
        .decision("door", "Doorgaan", evidence=["leren"])
        .file("notes.txt", "a note")
    )
    folder = builder.write()
    assert folder == tmp_path / "study"
    assert (folder / "notes.txt").read_text() == "a note"
    assert (folder / "changes.csv").read_text().splitlines()[0] == "id,person,stakeholder,change,outcome,cyclus"
    study = load(None, builder)
    assert study.language == "nl" and study.question == "Wat levert het op?"
    assert [c.change for c in study.change_list] == ["Ik leer sneller, en dieper", 'Ik durf "nee" te zeggen']
    assert study.change_list[0].extra == {"cyclus": "applied; realised"}  # a list is one cell, as users write it
    assert study.stakeholders[0].size == 12 and study.links[0].confidence == 0.5
    result = run(None, study)
    assert_no_errors(result)
    assert metric(result, "core.changes") == 2


def test_inline_changes_and_the_order_of_the_study_file(tmp_path):
    builder = (
        StudyBuilder(changes_file=None)
        .method("x", {})
        .change("p1", "residents", "I feel less alone")
        .stakeholder("residents")
    )
    text = builder.yaml()
    keys = [line.split(":")[0] for line in text.splitlines() if line and not line.startswith((" ", "-"))]
    assert keys == ["impactkit", "id", "title", "language", "route", "stakeholders", "changes", "methods"]
    folder = builder.write(tmp_path)
    assert not (folder / "changes.csv").exists()
    assert load(None, folder).change_list[0].person == "p1"


def test_write_needs_a_folder():
    with pytest.raises(ValueError, match="needs a directory"):
        StudyBuilder().write()


# -- plugins, the runner, the context -------------------------------------------------------------------


class Settings(BaseModel):
    model_config = ConfigDict(extra="forbid")
    limit: int = 1


class Counter:
    """A plugin object (not a module): a section, a metric that raises past its limit, a graph edge
    from the first change to its stakeholder (or to ``edge_to``)."""

    def __init__(self, template: str | None = "limit: 1   # at most\n", edge_to: str | None = None):
        self.template = template
        self.edge_to = edge_to

    @hookimpl
    def impactkit_study_sections(self):
        template = Text(en=self.template, nl=self.template) if self.template is not None else None
        return [StudySection(id="counter", model=Settings, title=Text(en="C", nl="C"), template=template)]

    @hookimpl
    def impactkit_metrics(self):
        def compute(ctx):
            settings = ctx.method("counter")
            if settings is not None and len(ctx.study.change_list) > settings.limit:
                raise RuntimeError("over the limit")
            return len(ctx.study.change_list)

        return [Metric(id="counter.changes", title=Text(en="C", nl="C"), compute=compute)]

    @hookimpl
    def impactkit_validations(self):
        def check(ctx):
            yield Finding(code="counter.hello", severity="info", message=Text(en="hello", nl="hallo"))

        return [Validation(id="counter.hello", title=Text(en="H", nl="H"), check=check)]

    @hookimpl
    def impactkit_graph_elements(self, study):
        if not study.change_list:
            return []
        target = self.edge_to or study.stakeholder(study.change_list[0].stakeholder).id
        return [GraphEdge(source=change_node_id(study, 0), target=target, relation="counter_of")]


def small(tmp_path, **section):
    return (
        StudyBuilder(tmp_path)
        .stakeholder("residents", "Residents")
        .change("p1", "residents", "I feel less alone", id="C01")
        .change("p2", "residents", "I know my neighbours", id="C02")
        .method("counter", section)
    )


def test_plugin_names():
    module = types.ModuleType("impactkit_hello")
    assert plugin_name(module) == "hello"
    assert plugin_name(module, name="other") == "other"
    assert plugin_name("idg") == "idg" and plugin_name(None) == "core"
    import impactkit.plugins.core as core  # installed: the name of its entry point

    assert plugin_name(core) == "core"
    with pytest.raises(ValueError, match="name="):
        plugin_name(Counter())


def test_only_core_and_the_plugin_are_loaded():
    plugins = manager(Counter(), name="counter")
    assert plugins.names() == ["core", "counter"]
    with pytest.raises(AssertionError, match="no-such-plugin"):
        manager(None, also=["no-such-plugin"])


def test_metric_says_why_a_figure_is_missing(tmp_path):
    result = run(Counter(), small(tmp_path, limit=5), name="counter")
    assert metric(result, "counter.changes") == 2
    result = run(Counter(), small(tmp_path, limit=1), name="counter")
    with pytest.raises(AssertionError) as caught:
        metric(result, "counter.changes")
    said = str(caught.value)
    assert "declared but gave no value" in said and "over the limit" in said and "core.changes" in said
    with pytest.raises(AssertionError, match="no loaded plugin declares it"):
        metric(result, "counter.nope")


def test_context_has_the_plugins_graph_and_unit_tests_one_metric(tmp_path):
    ctx = context(Counter(), small(tmp_path, limit=5), name="counter", lang="nl")
    assert ctx.lang == "nl" and "counter.changes" in ctx.metric_ids
    assert ctx.graph.has_edge("change:C01", "residents", "counter_of")
    compute = contributions(Counter(), "metrics", name="counter")["counter.changes"].compute
    assert compute(ctx) == 2
    assert list(ctx.changes["person"]) == ["p1", "p2"]


def test_context_is_strict_about_a_refused_graph_element(tmp_path):
    with pytest.raises(AssertionError, match="counter") as caught:
        context(Counter(edge_to="nowhere"), small(tmp_path), name="counter")
    assert "nowhere" in str(caught.value)
    ctx = context(Counter(edge_to="nowhere"), small(tmp_path), name="counter", strict=False)
    assert not ctx.graph.has_node("nowhere")


def test_contributions_by_kind_and_a_hook_that_fails():
    assert set(contributions(Counter(), "validations", name="counter")) == {"counter.hello"}
    with pytest.raises(ValueError, match="metrics"):
        contributions(Counter(), "metric", name="counter")

    class Broken:
        @hookimpl
        def impactkit_tables(self):
            return [{"id": "broken.table"}]

    with pytest.raises(AssertionError, match="broken"):
        contributions(Broken(), "tables", name="broken")


def test_a_study_loaded_elsewhere_is_run_as_it_is(tmp_path):
    study = load(Counter(), small(tmp_path, limit=5), name="counter")
    assert run(Counter(), study, name="counter").metrics["counter.changes"] == 2


# -- the init template ---------------------------------------------------------------------------------


def test_a_good_template_validates_and_runs(tmp_path):
    results = check_template(Counter(), name="counter", directory=tmp_path)
    assert [r.lang for r in results] == ["en", "nl"]
    assert (tmp_path / "counter-nl" / "study.yaml").exists()
    assert results[0].study.method("counter").limit == 1


@pytest.mark.parametrize(
    ("template", "said"),
    [
        ("limt: 1\n", "its own section refuses: invalid Settings: limt"),  # init refuses a misspelt key
        ("limit: 1\n   other: 2\n", "is not YAML on its own, at its line 2"),  # indented past its first line
        ("limit: 0\n", "over the limit"),  # loads, but the plugin errs on the new study
    ],
)
def test_a_bad_template_shows_the_problem_and_the_numbered_lines(template, said):
    with pytest.raises(AssertionError) as caught:
        check_template(Counter(template=template), name="counter", langs=("en",))
    text = str(caught.value)
    assert said in text and "the en template of methods.counter" in text
    if said != "over the limit":  # refused by init: the template's own lines
        assert re.search(r"^\s*1 \| limi?t: 1$", text, flags=re.M), text


def test_a_plugin_without_a_template():
    with pytest.raises(AssertionError, match="no study section with a template"):
        check_template(Counter(template=None), name="counter")


# -- assertions -----------------------------------------------------------------------------------------


def findings() -> list[Finding]:
    from impactkit.plugin import Location

    return [
        Finding(
            code="x.bad",
            severity="error",
            plugin="x",
            message=Text(en="a bad thing", nl="iets slechts"),
            location=Location(file="/tmp/s/study.yaml", line=4, column=3, key="methods.x"),
        ),
        Finding(code="x.odd", severity="warning", plugin="x", message=Text(en="odd", nl="vreemd")),
        Finding(code="x.odd", severity="info", plugin="x", message=Text(en="odd too", nl="ook vreemd")),
    ]


def test_assert_finding_filters_and_returns_the_matches():
    [bad] = assert_finding(findings(), "x.bad", severity="error", file="study.yaml", line=4, key="methods.x")
    assert bad.location.column == 3
    assert_finding(findings(), "x.bad", file="/tmp/s/study.yaml", message="SLECHTS")
    assert len(assert_finding(findings(), "x.odd", count=2)) == 2
    assert_finding(findings(), plugin="x", severity="info")


def test_assert_finding_lists_what_was_found():
    with pytest.raises(AssertionError) as caught:
        assert_finding(findings(), "x.bad", line=5)
    text = str(caught.value)
    assert text.startswith("no finding with code='x.bad', line=5; the findings are:\n")
    assert "/tmp/s/study.yaml:4:3 (methods.x): error: a bad thing [x.bad] (plugin x)" in text
    assert "warning: odd [x.odd] (plugin x)" in text
    with pytest.raises(AssertionError, match="2 findings with code='x.odd', expected 1"):
        assert_finding(findings(), "x.odd", count=1)
    with pytest.raises(TypeError, match="colum"):
        assert_finding(findings(), "x.bad", colum=3)


def test_assert_no_finding_and_no_errors():
    assert_no_finding(findings(), "x.gone")
    assert_no_finding(findings(), "x.odd", severity="error")
    with pytest.raises(AssertionError, match=r"(?s)expected no finding with code='x.odd'.*odd too"):
        assert_no_finding(findings(), "x.odd", message="too")
    assert_no_errors(findings()[1:])
    with pytest.raises(AssertionError, match=r"expected no errors, found 1:\n.*a bad thing"):
        assert_no_errors(findings())
    with pytest.raises(AssertionError, match="expected no errors or warnings, found 1:\n.*odd"):
        assert_no_errors(findings()[1:], warnings=True)


def test_describe_findings_in_dutch():
    assert describe_findings([]) == "  (none)"
    assert "fout: iets slechts [x.bad] (plugin x)" in describe_findings(findings(), "nl")


def test_a_load_error_is_the_loaders(tmp_path, mymethod):
    with pytest.raises(StudyError) as caught:
        load(mymethod, StudyBuilder(tmp_path).method("mymethod", {"group": ["a"]}))
    assert caught.value.problems[0].location.key == "methods.mymethod.group"


def test_importing_the_kit_is_light():
    code = (
        "import sys, impactkit.testing; print(sorted(m for m in ('pandas', 'matplotlib', 'numpy') if m in sys.modules))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"

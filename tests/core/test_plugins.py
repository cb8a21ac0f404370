"""The plugin system: isolation, the gateway (sources, sorting, duplicates), selection, graph extension."""

from __future__ import annotations

import types
from importlib import metadata

import pytest

import impactkit
from impactkit.core import plugins as plugin_module
from impactkit.core.contributions import Finding, GraphEdge, GraphNode, Metric, ReportSection, Validation
from impactkit.core.hookspecs import hookimpl
from impactkit.core.i18n import Text
from impactkit.core.plugins import make_manager

T = Text(en="t", nl="t")


def plugin(**hooks):
    """A fake plugin module with the given hook functions."""
    module = types.ModuleType("fake")
    for name, func in hooks.items():
        setattr(module, name, hookimpl(func))
    return module


def metrics(*pairs):
    return lambda: [Metric(id=mid, title=T, compute=fn) for mid, fn in pairs]


def test_fresh_manager_loads_the_builtin_plugins_through_entry_points():
    names = make_manager(load=True).names()
    assert {"core", "idg", "sroi"} <= set(names)
    assert make_manager(load=False).names() == []


def test_environment_selects_plugins(monkeypatch):
    monkeypatch.setenv("IMPACTKIT_LOAD_PLUGINS", "core")
    assert make_manager().names() == ["core"]
    monkeypatch.setenv("IMPACTKIT_LOAD_PLUGINS", "")
    assert make_manager().names() == []
    monkeypatch.setenv("IMPACTKIT_LOAD_PLUGINS", "core,nope")
    manager = make_manager()
    assert manager.names() == ["core"]
    assert [f.code for f in manager.failures] == ["core.plugin-missing"]


def test_contributions_are_stamped_sorted_and_independent_of_registration_order():
    first, second = make_manager(load=False), make_manager(load=False)
    a = plugin(impactkit_metrics=metrics(("a.zeta", lambda c: 1), ("a.alpha", lambda c: 2)))
    b = plugin(impactkit_metrics=metrics(("b.mid", lambda c: 3)))
    first.register(a, "a")
    first.register(b, "b")
    second.register(b, "b")
    second.register(a, "a")
    for manager in (first, second):
        items, problems = manager.collect("impactkit_metrics")
        assert problems == []
        assert [(m.id, m.plugin) for m in items] == [("a.alpha", "a"), ("a.zeta", "a"), ("b.mid", "b")]


def test_duplicate_ids_are_refused_naming_both_providers():
    manager = make_manager(load=False)  # 'x.y.same' is in the namespace of both 'x' and 'x.y'
    manager.register(plugin(impactkit_metrics=metrics(("x.y.same", lambda c: 1))), "x")
    manager.register(plugin(impactkit_metrics=metrics(("x.y.same", lambda c: 2), ("x.y.other", lambda c: 3))), "x.y")
    items, problems = manager.collect("impactkit_metrics")
    assert [m.id for m in items] == ["x.y.other"]
    (problem,) = problems
    assert problem.code == "core.plugin-conflict"
    assert problem.message.en.startswith("metric 'x.y.same' is provided by both 'x' and 'x.y'")
    assert problem.message.nl.startswith(
        "cijfer 'x.y.same' wordt door zowel 'x' als 'x.y' geleverd"
    )  # kind in Dutch too


def test_an_id_one_plugin_gives_twice_is_refused_naming_it_once():
    manager = make_manager(load=False)
    manager.register(plugin(impactkit_metrics=metrics(("p.same", lambda c: 1), ("p.same", lambda c: 2))), "p")
    items, (problem,) = manager.collect("impactkit_metrics")
    assert items == [] and problem.code == "core.plugin-conflict"
    assert problem.message.en == "plugin 'p' returned metric 'p.same' more than once; all of them are refused"
    assert problem.message.nl == "plug-in 'p' gaf cijfer 'p.same' meer dan eens terug; ze worden alle geweigerd"


def test_plugins_lists_the_kinds_of_contribution_in_the_language_asked(monkeypatch, cli):
    dutch = cli("--lang", "nl", "plugins", plugins="core").output
    english = cli("--lang", "en", "plugins", plugins="core").output
    assert "  cijfer: core." in dutch and "  rapportsectie: core." in dutch and "  metric: " not in dutch
    assert "  metric: core." in english and "  report section: core." in english


def test_hook_that_raises_or_returns_junk_becomes_a_finding(write_study):
    manager = make_manager(load=["core"])
    manager.register(plugin(impactkit_metrics=lambda: 1 / 0), "crashy")
    manager.register(plugin(impactkit_validations=lambda: [{"id": "loose.dict"}]), "loose")
    result = impactkit.run(impactkit.load(write_study(), plugins=manager), plugins=manager)
    by_plugin = {f.plugin: f for f in result.findings if f.code == "core.plugin-error"}
    assert "ZeroDivisionError" in by_plugin["crashy"].message.en
    assert by_plugin["loose"].message.en == (
        "plugin 'loose' returned a dict as item 1 of impactkit_validations; expected a Validation; "
        "that item is left out"
    )
    assert by_plugin["loose"].message.nl == (
        "plug-in 'loose' gaf een dict terug als onderdeel 1 van impactkit_validations; verwacht: een Validation; "
        "dat onderdeel valt weg"
    )
    assert result.metrics["core.changes"] == 3  # the rest still ran
    assert result.exit_code == 1


def test_failing_metric_and_check_are_isolated(write_study):
    def bad_check(ctx):
        yield from ()
        raise RuntimeError("check exploded")

    manager = make_manager(load=False)
    manager.register(
        plugin(
            impactkit_metrics=metrics(("p.ok", lambda c: 7), ("p.bad", lambda c: {}["missing"])),
            impactkit_validations=lambda: [Validation(id="p.check", title=T, check=bad_check)],
        ),
        "p",
    )
    result = impactkit.run(impactkit.load(write_study(), plugins=manager), plugins=manager)
    assert result.metrics == {"p.ok": 7}
    messages = sorted(f.message.en for f in result.findings if f.plugin == "p")
    assert "p.bad" in messages[0] and "KeyError" in messages[0]
    assert "p.check" in messages[1] and "check exploded" in messages[1]


def test_plugin_that_fails_to_import_is_reported_not_raised(monkeypatch):
    broken = metadata.EntryPoint(name="broken", value="impactkit_does_not_exist.plugin", group="impactkit")
    monkeypatch.setattr(plugin_module.metadata, "entry_points", lambda group: [broken])
    manager = make_manager(load=True)
    assert manager.names() == []
    (failure,) = manager.failures
    assert failure.plugin == "broken" and "ModuleNotFoundError" in failure.message.en
    (info,) = manager.info()
    assert info.name == "broken" and info.error


def test_metric_values_are_made_json_safe(write_study):
    import numpy as np

    manager = make_manager(load=False)
    manager.register(
        plugin(
            impactkit_metrics=metrics(
                ("n.scalar", lambda c: np.float64(0.5)),
                ("n.array", lambda c: np.arange(3)),
                ("n.none", lambda c: None),
                ("n.nan", lambda c: float("nan")),
            )
        ),
        "n",
    )
    result = impactkit.run(impactkit.load(write_study(), plugins=manager), plugins=manager)
    assert result.metrics == {"n.array": [0, 1, 2], "n.scalar": 0.5}  # None and NaN: not applicable


def test_graph_elements_extend_the_graph_and_clashes_are_refused(write_study):
    def elements(study):
        return [
            GraphNode(id="sdg:4", kind="sdg", label="Quality education"),
            GraphNode(id="students", kind="sdg", label="clash"),
            GraphEdge(source="workshops", target="sdg:4", relation="contributes_to"),
            GraphEdge(source="ghost", target="sdg:4", relation="contributes_to"),
        ]

    manager = make_manager(load=False)
    manager.register(plugin(impactkit_graph_elements=elements), "sdgish")
    result = impactkit.run(impactkit.load(write_study(), plugins=manager), plugins=manager)
    assert result.graph.nodes["sdg:4"]["kind"] == "sdg"
    assert result.graph.nodes["students"]["kind"] == "stakeholder"
    assert result.graph.has_edge("workshops", "sdg:4")
    refused = [f.message.en for f in result.findings if f.code == "core.plugin-graph"]
    assert len(refused) == 2 and any("ghost" in m for m in refused)


def test_plugin_edges_are_keyed_by_relation_and_a_second_one_is_refused(write_study):
    def elements(study):
        return [
            GraphNode(id="sdg:4", kind="sdg", label="Quality education"),
            GraphEdge(source="workshops", target="sdg:4", relation="contributes_to", attrs={"via": ["code"]}),
            GraphEdge(source="workshops", target="sdg:4", relation="contributes_to", attrs={"via": ["again"]}),
            GraphEdge(source="workshops", target="sdg:4", relation="mentions"),
        ]

    manager = make_manager(load=False)
    manager.register(plugin(impactkit_graph_elements=elements), "sdgish")
    result = impactkit.run(impactkit.load(write_study(), plugins=manager), plugins=manager)
    graph = result.graph
    assert graph.edges["workshops", "sdg:4", "contributes_to"]["via"] == ["code"]  # keyed as the core's edges are
    assert set(graph["workshops"]["sdg:4"]) == {"contributes_to", "mentions"}
    (refused,) = [f for f in result.findings if f.code == "core.plugin-graph"]
    assert refused.plugin == "sdgish" and "(contributes_to) is already in the graph" in refused.message.en
    assert "staat al in de graaf" in refused.message.nl


def test_graph_attributes_the_core_sets_are_refused_as_the_plugins_error(write_study):
    def elements(study):
        return [GraphNode(id="x:1", kind="x", label="X", attrs={"source": "survey"})]

    with pytest.raises(ValueError, match="attrs may not set relation, source"):
        GraphEdge(source="a", target="b", relation="r", attrs={"relation": "other", "source": "me"})
    manager = make_manager(load=False)
    manager.register(plugin(impactkit_graph_elements=elements), "clumsy")
    result = impactkit.run(impactkit.load(write_study(), plugins=manager), plugins=manager)
    (failure,) = [f for f in result.findings if f.plugin == "clumsy"]
    assert failure.code == "core.plugin-error" and "attrs may not set source" in failure.message.en
    assert "x:1" not in result.graph and result.exit_code == 1


def test_read_table_hook_is_pick_one_and_a_plugin_can_add_a_format(write_study):
    import pandas as pd

    def read(path):
        if path.suffix == ".tab":
            return pd.DataFrame({"person": ["p1"], "stakeholder": ["students"], "change": ["via plugin"]})
        return None

    manager = make_manager(load=False)
    manager.register(plugin(impactkit_read_table=read), "tabreader")
    text = "impactkit: 1\nid: x\ntitle: X\nstakeholders: [{id: students, name: S}]\nchanges: c.tab\n"
    study = impactkit.load(write_study(text, c__tab="anything"), plugins=manager)
    assert [c.change for c in study.change_list] == ["via plugin"]


def test_contribution_models_are_frozen_and_strict():
    metric = Metric(id="a.b", title=T, compute=lambda c: 1)
    with pytest.raises(Exception):
        metric.id = "other.id"  # type: ignore[misc]
    with pytest.raises(Exception):
        Metric(id="nodot", title=T, compute=lambda c: 1)
    with pytest.raises(Exception):
        Metric(id="a.b", title=T, compute=lambda c: 1, colour="red")


# -- one test per remaining hook, with fake plugins -----------------------------------------------


def test_impactkit_study_sections_validates_with_lines_and_reaches_the_context(write_study):
    from pydantic import BaseModel, ConfigDict

    from impactkit.core.contributions import StudySection
    from impactkit.core.errors import StudyError

    class Settings(BaseModel):
        model_config = ConfigDict(extra="forbid")
        threshold: int = 3

    manager = make_manager(load=False)
    manager.register(
        plugin(
            impactkit_study_sections=lambda: [StudySection(id="fake", model=Settings, title=T)],
            impactkit_metrics=metrics(("fake.threshold", lambda ctx: ctx.method("fake").threshold)),
        ),
        "fake",
    )
    good = write_study("impactkit: 1\nid: x\ntitle: X\nmethods:\n  fake:\n    threshold: 5\n")
    assert impactkit.run(impactkit.load(good, plugins=manager)).metrics == {"fake.threshold": 5}
    bad = write_study("impactkit: 1\nid: x\ntitle: X\nmethods:\n  fake:\n    threshold: high\n    colour: red\n")
    with pytest.raises(StudyError) as info:
        impactkit.load(bad, plugins=manager)
    assert sorted((p.location.line, p.location.key) for p in info.value.problems) == [
        (6, "methods.fake.threshold"),
        (7, "methods.fake.colour"),
    ]


def test_a_validator_error_with_text_is_reported_in_dutch(write_study):
    from pydantic import BaseModel, ConfigDict, field_validator

    from impactkit.core.contributions import StudySection
    from impactkit.core.errors import StudyError

    class Bilingual(ValueError):
        def __init__(self):
            self.text = Text(en="must be even", nl="moet even zijn")
            super().__init__("must be even")

    class Settings(BaseModel):
        model_config = ConfigDict(extra="forbid")
        n: int

        @field_validator("n")
        @classmethod
        def _even(cls, value):
            if value % 2:
                raise Bilingual()
            return value

    manager = make_manager(load=False)
    manager.register(
        plugin(impactkit_study_sections=lambda: [StudySection(id="even", model=Settings, title=T)]), "even"
    )
    with pytest.raises(StudyError) as info:
        impactkit.load(write_study("impactkit: 1\nid: x\ntitle: X\nmethods:\n  even: {n: 3}\n"), plugins=manager)
    (problem,) = info.value.problems
    assert problem.render("nl").endswith("(methods.even.n): moet even zijn (gekregen: 3)")
    assert problem.render("en").endswith("(methods.even.n): must be even (got 3)")
    assert problem.location.line == 5


def test_impactkit_tables_and_impactkit_report_sections(write_study):
    import pandas as pd

    from impactkit.core.contributions import ReportSection, Table

    manager = make_manager(load=False)
    manager.register(
        plugin(
            impactkit_tables=lambda: [Table(id="t.one", title=T, build=lambda ctx: pd.DataFrame({"a": [1]}))],
            impactkit_report_sections=lambda: [
                ReportSection(id="t.late", order=50, title=Text(en="Late", nl="Laat"), render=lambda c, l: "late body"),
                ReportSection(
                    id="t.early", order=5, title=Text(en="Early", nl="Vroeg"), render=lambda c, l: f"lang={l}"
                ),
                ReportSection(id="t.broken", title=T, render=lambda c, l: 1 / 0),
            ],
        ),
        "t",
    )
    result = impactkit.run(impactkit.load(write_study(), plugins=manager))
    assert list(result.tables["t.one"]["a"]) == [1]
    text = result.report_markdown("nl")
    assert text.index("## Vroeg") < text.index("## Laat") and "lang=nl" in text
    assert any(f.plugin == "t" and "t.broken" in f.message.en for f in result.findings)


def test_impactkit_visualisations_chart_and_diagram(write_study):
    from impactkit.core.contributions import Visualisation

    def chart(ctx, lang):
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt

        fig, ax = plt.subplots()
        ax.bar(["a"], [len(ctx.study.change_list)])
        return fig

    manager = make_manager(load=False)
    manager.register(
        plugin(
            impactkit_visualisations=lambda: [
                Visualisation(id="v.bars", kind="chart", title=T, chart=chart),
                Visualisation(id="v.tiny", kind="diagram", title=T, dot=lambda c, l: "digraph { a -> b }"),
            ]
        ),
        "v",
    )
    result = impactkit.run(impactkit.load(write_study(), plugins=manager))
    assert result.render("bars", "png").startswith(b"\x89PNG")
    assert result.render("v.tiny", "dot") == b"digraph { a -> b }"
    assert b"<svg" in result.render("tiny", "svg")


def test_impactkit_steps_appear_in_status(write_study, monkeypatch, cli):
    from impactkit.core.contributions import Step, StepStatus

    fake = plugin(
        impactkit_steps=lambda: [
            Step(
                id="s.extra",
                number=6,
                title=Text(en="Extra step", nl="Extra stap"),
                check=lambda ctx: StepStatus(done=False, missing=(T,)),
            ),
            Step(
                id="s.a-part",
                number=3,
                title=Text(en="A part of step 3", nl="Deel van stap 3"),
                check=lambda ctx: StepStatus(done=True),
            ),
            Step(
                id="s.z-part",
                number=3,
                title=Text(en="Another part", nl="Nog een deel"),
                check=lambda ctx: StepStatus(done=False, missing=(T,)),
            ),
            Step(
                id="s.b-last",
                number=3,
                order=9,
                title=Text(en="Last part", nl="Laatste deel"),
                check=lambda ctx: StepStatus(done=True),
            ),
            Step(
                id="s.n-part",
                number=2,
                title=Text(en="Not for this study", nl="Niet voor deze studie"),
                check=lambda ctx: StepStatus.not_applicable(),
            ),
        ]
    )
    real = plugin_module.make_manager

    def manager_with_fake(load=None):
        manager = real(load=["core"])
        manager.register(fake, "s")
        return manager

    monkeypatch.setattr(plugin_module, "make_manager", manager_with_fake)
    out = cli("status", str(write_study())).output
    assert "5. Decisions" in out and "6.1 Extra step — missing: t" in out
    lines = [line.strip("✓✗ ") for line in out.splitlines()]
    # parts follow their step, numbered by id (never by the order plugins were registered)
    assert lines.index("3. Changes — done") + 1 == lines.index("3.1 A part of step 3 — done")
    assert lines.index("3.2 Another part — missing: t") == lines.index("3.1 A part of step 3 — done") + 1
    assert lines.index("3.3 Last part — done") == lines.index("3.2 Another part — missing: t") + 1  # order first
    assert "Not for this study" not in out


def test_status_sees_the_nodes_plugins_add(write_study, monkeypatch, cli):
    text = (
        write_study()
        .joinpath("study.yaml")
        .read_text(encoding="utf-8")
        .replace("evidence: [less-alone, core.changes]", "evidence: [less-alone, sdg:4]")
    )
    folder = write_study(text)
    fake = plugin(impactkit_graph_elements=lambda study: [GraphNode(id="sdg:4", kind="sdg", label="Education")])
    real = plugin_module.make_manager

    def manager_with_fake(load=None):
        manager = real(load=["core"])
        manager.register(fake, "goals")
        return manager

    monkeypatch.setattr(plugin_module, "make_manager", manager_with_fake)
    out = cli("status", str(folder)).output
    assert "5. Decisions — done" in out and "unknown" not in out


def test_impactkit_commands_are_added_and_clashes_refused(monkeypatch, cli):
    import click

    from impactkit.core.contributions import Command

    @click.command()
    def hello():
        click.echo("hello from a plugin")

    real = plugin_module.make_manager

    def manager_with_fake(load=None):  # a command is named after its plugin; 'run' is the core's
        manager = real(load=False)
        manager.register(plugin(impactkit_commands=lambda: [Command(id="hello", command=hello)]), "hello")
        manager.register(plugin(impactkit_commands=lambda: [Command(id="run", command=hello)]), "run")
        return manager

    monkeypatch.setattr(plugin_module, "make_manager", manager_with_fake)
    result = cli("hello")
    assert result.exit_code == 0 and "hello from a plugin" in result.output
    assert "wants the command 'run'" in result.output  # refused, said on stderr
    assert "hello" in cli("--help").output


def test_plugin_commands_get_the_core_error_handling(monkeypatch, tmp_path, cli):
    import click

    from impactkit.core.contributions import Command
    from impactkit.core.errors import UserError

    @click.group()
    def tool():
        pass

    @tool.command()
    def write():
        (tmp_path / "missing" / "out.csv").write_text("x")  # an unwritable path the user gave

    @tool.command()
    def refuse():
        raise UserError("no such sheet", "geen zulk werkblad")

    @tool.command()
    def bug():
        raise ZeroDivisionError("division by zero")

    fake = plugin(impactkit_commands=lambda: [Command(id="tool", command=tool)])
    real = plugin_module.make_manager

    def manager_with_fake(load=None):
        manager = real(load=False)
        manager.register(fake, "tool")
        return manager

    monkeypatch.setattr(plugin_module, "make_manager", manager_with_fake)
    wrote = cli("tool", "write")
    assert wrote.exit_code == 2 and "cannot use" in wrote.output and "out.csv" in wrote.output
    refused = cli("--lang", "nl", "tool", "refuse")
    assert refused.exit_code == 2 and refused.output.strip() == "impactkit: geen zulk werkblad"
    crashed = cli("tool", "bug")
    assert crashed.exit_code == 3 and "ZeroDivisionError" in crashed.output and "Traceback" not in crashed.output


# -- plugins checked against the specs: hooks, namespaces, what a hook returns --------------------


def test_a_misspelt_hook_is_a_plugin_error_with_the_closest_real_hook():
    manager = make_manager(load=False)
    typo = plugin(
        impactkit_metric=metrics(("typo.never", lambda c: 1)),  # singular: no such hook
        impactkit_validation=lambda: [],
        impactkit_tables=lambda: [],
    )
    manager.register(typo, "typo")
    manager.register(plugin(impactkit_metrics=metrics(("fine.one", lambda c: 1))), "fine")
    by_hook = {f.message.en.split("'")[3]: f for f in manager.failures}
    assert set(by_hook) == {"impactkit_metric", "impactkit_validation"}
    metric = by_hook["impactkit_metric"]
    assert metric.code == "core.plugin-error" and metric.severity == "error" and metric.plugin == "typo"
    assert metric.message.en == (
        "plugin 'typo' implements 'impactkit_metric', which is not an impactkit hook "
        "(did you mean 'impactkit_metrics'?); it is never called"
    )
    assert metric.message.nl == (
        "plug-in 'typo' implementeert 'impactkit_metric', dat geen impactkit-hook is "
        "(bedoelde je 'impactkit_metrics'?); die wordt nooit aangeroepen"
    )
    assert "'impactkit_validations'" in by_hook["impactkit_validation"].message.en
    manager.pm.check_pending()  # reported, so pluggy's own check passes now
    items, problems = manager.collect("impactkit_metrics")
    assert [m.id for m in items] == ["fine.one"] and problems == []  # the other plugins keep working
    assert "impactkit_tables" in next(i for i in manager.info() if i.name == "typo").hooks  # and its real hooks


def test_a_misspelt_hook_of_an_installed_plugin_is_a_finding_of_the_run(monkeypatch, write_study):
    module = plugin(impactkit_metrcs=metrics(("typo.x", lambda c: 1)), impactkit_frobnicate=lambda: [])
    monkeypatch.setitem(__import__("sys").modules, "impactkit_typo_plugin", module)
    typo = metadata.EntryPoint(name="typo", value="impactkit_typo_plugin", group="impactkit")
    real = [ep for ep in metadata.entry_points(group="impactkit") if ep.name == "core"]
    monkeypatch.setattr(plugin_module.metadata, "entry_points", lambda group: [*real, typo])
    manager = make_manager(load=True)
    assert manager.names() == ["core", "typo"]
    result = impactkit.run(impactkit.load(write_study(), plugins=manager))
    messages = sorted(f.message.en for f in result.findings if f.plugin == "typo")
    assert len(messages) == 2 and result.exit_code == 1
    assert "'impactkit_frobnicate', which is not an impactkit hook; it is never called" in messages[0]  # no hint
    assert "'impactkit_metrcs', which is not an impactkit hook (did you mean 'impactkit_metrics'?)" in messages[1]
    assert result.metrics["core.changes"] == 3


def test_a_plugin_cannot_take_the_core_namespace(write_study):
    manager = make_manager(load=["core"])
    intruder = plugin(
        impactkit_metrics=metrics(("core.changes", lambda c: 999), ("intruder.own", lambda c: 1)),
        impactkit_report_sections=lambda: [ReportSection(id="core.summary", title=T, render=lambda c, l: "mine")],
    )
    manager.register(intruder, "intruder")
    result = impactkit.run(impactkit.load(write_study(), plugins=manager), plugins=manager)
    assert result.metrics["core.changes"] == 3 and result.metrics["intruder.own"] == 1  # the built-in metric stays
    refused = sorted(f.message.en for f in result.findings if f.plugin == "intruder")
    assert refused == [
        "plugin 'intruder' returned metric 'core.changes' from impactkit_metrics, outside its namespace "
        "(expected an id starting with 'intruder.'); it is left out"
    ]
    assert not [f for f in result.findings if f.code == "core.plugin-conflict"]
    (section,) = [f for f in manager.collect("impactkit_report_sections")[1] if f.plugin == "intruder"]
    assert "report section 'core.summary'" in section.message.en
    assert "gaf rapportsectie 'core.summary' terug uit impactkit_report_sections, buiten zijn naamruimte " in (
        section.message.nl
    )
    assert "(verwacht: een id die begint met 'intruder.')" in section.message.nl


def test_the_name_core_is_reserved_for_the_core_plugin(monkeypatch):
    manager = make_manager(load=False)
    manager.register(plugin(impactkit_metrics=metrics(("core.changes", lambda c: 999))), "core")
    assert manager.names() == []
    (refused,) = manager.failures
    assert refused.plugin == "core" and refused.code == "core.plugin-error"
    assert refused.message.en == (
        "plugin 'core' (fake) was not loaded: the name 'core' is reserved for impactkit's own plugin"
    )
    # an installed plugin calling itself 'core' is not loaded, whichever entry point comes first
    squatter = metadata.EntryPoint(name="core", value="impactkit_squatter", group="impactkit")
    real = [ep for ep in metadata.entry_points(group="impactkit") if ep.name == "core"]
    for order in ([squatter, *real], [*real, squatter]):
        monkeypatch.setattr(plugin_module.metadata, "entry_points", lambda group, order=order: order)
        manager = make_manager(load=True)
        assert manager.pm.get_plugin("core").__name__ == "impactkit.plugins.core"
        (refused,) = manager.failures
        assert "(impactkit_squatter) was not loaded: the name 'core' is reserved" in refused.message.en


def test_sections_coders_and_commands_are_named_after_their_plugin():
    import click
    from pydantic import BaseModel

    from impactkit.core.contributions import Coder, Command, StudySection

    @click.group()
    def group():
        pass

    def coder(name):
        return Coder(id=name, title=T, column="mine", suggest=lambda c, i: [], normalise=lambda c, t: t)

    manager = make_manager(load=False)
    manager.register(
        plugin(
            impactkit_study_sections=lambda: [
                StudySection(id="mine", model=BaseModel, title=T),
                StudySection(id="theirs", model=BaseModel, title=T),
            ],
            impactkit_coders=lambda: [coder("mine"), coder("other")],
            impactkit_commands=lambda: [
                Command(id="mine", command=group),
                Command(id="mine.export", command=group),
                Command(id="export", command=group),
            ],
        ),
        "mine",
    )
    kept = {hook: [c.id for c in manager.collect(hook)[0]] for hook in plugin_module.KIND_NAMES}
    assert kept["impactkit_study_sections"] == ["mine"] and kept["impactkit_coders"] == ["mine"]
    assert kept["impactkit_commands"] == ["mine", "mine.export"]
    messages = sorted(f.message.en for f in manager.problems())
    assert messages == [
        "plugin 'mine' returned coder 'other' from impactkit_coders, outside its namespace "
        "(expected the id 'mine'); it is left out",
        "plugin 'mine' returned command 'export' from impactkit_commands, outside its namespace "
        "(expected 'mine' or a name starting with 'mine.'); it is left out",
        "plugin 'mine' returned study section 'theirs' from impactkit_study_sections, outside its namespace "
        "(expected the id 'mine'); it is left out",
    ]


def test_every_builtin_contribution_is_in_its_plugins_namespace():
    manager = make_manager(load=True)
    assert manager.problems() == []
    for info in manager.info():
        for ids in info.contributions.values():
            assert all(plugin_module.owns(info.name, i) for i in ids), (info.name, ids)


def test_a_hook_that_returns_nothing_is_a_plugin_error(write_study):
    manager = make_manager(load=["core"])
    manager.register(plugin(impactkit_metrics=lambda: None, impactkit_graph_elements=lambda study: None), "quiet")
    result = impactkit.run(impactkit.load(write_study(), plugins=manager), plugins=manager)
    messages = sorted(f.message.en for f in result.findings if f.plugin == "quiet")
    assert messages == [
        "plugin 'quiet' returned nothing from impactkit_graph_elements; expected a list of GraphNode and GraphEdge",
        "plugin 'quiet' returned nothing from impactkit_metrics; expected a list of Metric",
    ]
    nl = sorted(f.message.nl for f in result.findings if f.plugin == "quiet")
    assert nl[1] == "plug-in 'quiet' gaf niets terug uit impactkit_metrics; verwacht: een lijst van Metric"
    assert all(f.severity == "error" for f in result.findings if f.plugin == "quiet") and result.exit_code == 1


def test_one_invalid_contribution_drops_only_itself(write_study):
    def check(ctx):
        yield Finding(code="mixed.first", severity="warning", message=T)
        yield "not a finding"
        yield Finding(code="mixed.second", severity="warning", message=T)

    def elements(study):
        return [GraphNode(id="mixed:a", kind="x", label="A"), {"id": "mixed:b"}]

    manager = make_manager(load=["core"])
    manager.register(
        plugin(
            impactkit_metrics=lambda: [
                Metric(id="mixed.one", title=T, compute=lambda c: 1),
                {"id": "mixed.loose", "compute": 2},
                Metric(id="mixed.two", title=T, compute=lambda c: 2),
            ],
            impactkit_validations=lambda: [Validation(id="mixed.check", title=T, check=check)],
            impactkit_graph_elements=elements,
        ),
        "mixed",
    )
    result = impactkit.run(impactkit.load(write_study(), plugins=manager), plugins=manager)
    assert result.metrics["mixed.one"] == 1 and result.metrics["mixed.two"] == 2
    assert {f.code for f in result.findings if f.plugin == "mixed"} >= {"mixed.first", "mixed.second"}
    assert "mixed:a" in result.graph
    errors = sorted(f.message.en for f in result.findings if f.plugin == "mixed" and f.severity == "error")
    assert errors == [
        "plugin 'mixed' returned a dict as item 2 of impactkit_graph_elements; expected a GraphNode or a GraphEdge; "
        "that item is left out",
        "plugin 'mixed' returned a dict as item 2 of impactkit_metrics; expected a Metric; that item is left out",
        "plugin 'mixed' returned a str as item 2 of mixed.check; expected a Finding; that item is left out",
    ]


def test_every_wrong_return_type_reads_the_same(write_study):
    import pandas as pd

    from impactkit.core.contributions import Table

    manager = make_manager(load=["core"])
    manager.register(
        plugin(
            impactkit_metrics=lambda: [
                Metric(id="odd.set", title=T, compute=lambda c: {1, 2}),
                Metric(id="odd.nested", title=T, compute=lambda c: {"a": [1, {2}]}),
            ],
            impactkit_tables=lambda: Table(id="odd.one", title=T, build=lambda c: pd.DataFrame()),  # not a list
            impactkit_report_sections=lambda: [
                ReportSection(id="odd.number", title=T, render=lambda c, lang: 42),
                ReportSection(id="odd.text", title=Text(en="Fine", nl="Goed"), render=lambda c, lang: "still here"),
            ],
        ),
        "odd",
    )
    manager.register(
        plugin(impactkit_tables=lambda: [Table(id="rows.list", title=T, build=lambda c: [1, 2])]),
        "rows",
    )
    result = impactkit.run(impactkit.load(write_study(), plugins=manager), plugins=manager)
    report = result.report_markdown("en")  # a render that returns 42 is a finding, not an AttributeError
    assert "## Fine\n\nstill here" in report
    messages = sorted(f.message.en for f in result.findings if f.plugin in ("odd", "rows"))
    assert messages == [
        "plugin 'odd' returned a Table from impactkit_tables; expected a list of Table",
        "plugin 'odd' returned a dict holding a set at ['a'][1] from odd.nested; "
        "expected a JSON value (a number, text, true/false, a list or a mapping) or None",
        "plugin 'odd' returned a set from odd.set; "
        "expected a JSON value (a number, text, true/false, a list or a mapping) or None",
        "plugin 'odd' returned an int from odd.number; expected Markdown text (a str) or None",
        "plugin 'rows' returned a list from rows.list; expected a pandas DataFrame or None",
    ]
    dutch = {f.message.nl for f in result.findings if f.plugin == "odd"}
    assert "plug-in 'odd' gaf een int terug uit odd.number; verwacht: Markdown-tekst (een str) of None" in dutch
    assert all(f.code == "core.plugin-error" and f.severity == "error" for f in result.findings if f.plugin == "odd")


def test_a_hook_with_arguments_its_spec_lacks_is_a_load_error_saying_which(monkeypatch):
    def impactkit_metrics(colour):
        return []

    monkeypatch.setitem(__import__("sys").modules, "impactkit_sig_plugin", plugin(impactkit_metrics=impactkit_metrics))
    sig = metadata.EntryPoint(name="sig", value="impactkit_sig_plugin", group="impactkit")
    monkeypatch.setattr(plugin_module.metadata, "entry_points", lambda group: [sig])
    manager = make_manager(load=True)
    (failure,) = manager.failures
    assert failure.plugin == "sig" and failure.message.en.startswith(
        "plugin 'sig' could not be loaded: PluginValidationError: Plugin 'sig' for hook 'impactkit_metrics'; "
    )
    assert "Argument(s) {'colour'} are declared in the hookimpl but can not be found in the hookspec" in (
        failure.message.en
    )

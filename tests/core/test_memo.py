"""One memo per run: a method's state is built once, by its graph hook, and found by its callables."""

from __future__ import annotations

import importlib
import types
from collections import Counter

import networkx as nx
import pytest

import impactkit
from impactkit.core.context import Memo
from impactkit.core.contributions import GraphNode, Metric
from impactkit.core.graph import CAUSAL_RELATIONS, build_graph, downstream
from impactkit.core.hookspecs import hookimpl
from impactkit.core.i18n import Text
from impactkit.core.plugins import make_manager

BUILDS = {
    "idg": "impactkit.plugins.idg.state",
    "sdg": "impactkit.plugins.sdg.state",
    "value_chain": "impactkit.plugins.value_chain.chain",
}
"""Each method plugin's module with the ``build`` its graph hook and ``state(ctx)`` share."""


@pytest.fixture
def builds(monkeypatch):
    """Count the calls of each method plugin's ``build``."""
    counts: Counter[str] = Counter()
    for name, module in BUILDS.items():
        mod = importlib.import_module(module)

        def counted(*args, _build=mod.build, _name=name, **kwargs):
            counts[_name] += 1
            return _build(*args, **kwargs)

        monkeypatch.setattr(mod, "build", counted)
    return counts


@pytest.mark.parametrize("example", ["pwmi", "leerkring-lingewaard"])
def test_a_run_builds_each_methods_state_once(builds, example):
    result = impactkit.run(impactkit.load(impactkit.examples_dir() / example))
    assert dict(builds) == {"idg": 1, "sdg": 1, "value_chain": 1}
    assert all(key in result.context.memo for key in ("idg.state", "sdg.state", "value_chain.state"))


def test_the_idg_coder_reuses_the_state_of_the_graph_hook(builds):
    from impactkit.core.coding import coding_context
    from impactkit.plugins.idg.coding import CODER

    ctx = coding_context(impactkit.load(impactkit.examples_dir() / "pwmi"))
    assert CODER.to_code(ctx, True) and CODER.normalise(ctx, "Being") == "Being"
    assert builds["idg"] == 1


def test_the_idg_coder_of_a_study_without_idg_uses_the_default_framework(builds, write_study):
    from impactkit.core.coding import coding_context
    from impactkit.plugins.idg.coding import CODER

    ctx = coding_context(impactkit.load(write_study()))
    assert ctx.memo("idg.state", lambda: "unset") is None  # the graph hook found no IDG here
    assert CODER.to_code(ctx, False) == [0, 1, 2] and CODER.normalise(ctx, "Relating") == "Relating"
    assert builds["idg"] == 2  # the hook's (not applicable) and the coder's, with the defaults


def test_status_builds_each_methods_state_once(cli, builds):
    outcome = cli("status", impactkit.examples_dir() / "pwmi")
    assert outcome.exit_code in (0, 1), outcome.output
    assert dict(builds) == {"idg": 1, "sdg": 1, "value_chain": 1}


def _plugin(**hooks):
    module = types.ModuleType("fake")
    for name, func in hooks.items():
        setattr(module, name, hookimpl(func))
    return module


def test_the_graph_hook_gets_the_runs_memo_and_a_read_only_core_graph(write_study):
    seen = {}

    def elements(study, memo, graph):
        seen["kinds"] = {graph.nodes[n]["kind"] for n in graph}
        seen["memo"] = memo
        memo("mine.state", lambda: {"outcomes": len(study.outcomes)})
        with pytest.raises(nx.NetworkXError):
            graph.add_node("mine:x")
        return [GraphNode(id="mine:x", kind="mine", label="X")]

    def state(ctx):
        return ctx.memo("mine.state", lambda: pytest.fail("built again"))["outcomes"]

    manager = make_manager(load=False)
    manager.register(_plugin(impactkit_graph_elements=elements), "mine")
    manager.register(
        _plugin(
            impactkit_graph_elements=lambda study: [GraphNode(id="old:y", kind="old", label="Y")],
            impactkit_metrics=lambda: [Metric(id="old.outcomes", title=Text(en="n", nl="n"), compute=state)],
        ),
        "old",
    )
    result = impactkit.run(impactkit.load(write_study(), plugins=manager), plugins=manager)
    assert result.metrics == {"old.outcomes": 1}
    assert result.context.memo is seen["memo"] and isinstance(seen["memo"], Memo)
    assert "old" not in seen["kinds"] and "mine" not in seen["kinds"]  # the core's graph, the same for every plugin
    assert {"mine:x", "old:y"} <= set(result.graph)  # a plugin taking only ``study`` still works
    assert not [f for f in result.findings if f.code.startswith("core.plugin")]


def test_memo_computes_once_per_key():
    memo, calls = Memo(), []
    assert memo("a", lambda: calls.append(1)) is None
    assert memo("a", lambda: calls.append(2)) is None and calls == [1]  # a None is remembered too
    assert "a" in memo and "b" not in memo


def test_downstream_follows_the_causal_relations(write_study, core_plugins):
    graph, _ = build_graph(impactkit.load(write_study(), plugins=core_plugins))
    assert downstream(graph, "workshops") == {"sessions", "less-alone", "inclusive"}
    assert downstream(graph, "subsidy") == {"workshops", "sessions", "less-alone", "inclusive"}
    assert downstream(graph, "subsidy", relations=CAUSAL_RELATIONS - {"invests_in"}) == set()
    assert downstream(graph, "workshops", stop={"sessions"}) == {"sessions"}
    assert downstream(graph, "less-alone", stop={"less-alone"}) == {"inclusive"}  # the start is walked from
    assert downstream(graph, "residents") == set()  # provides is not causal
    assert downstream(graph, "ghost") == set() and downstream(graph, "s") == set()


def test_downstream_leaves_out_the_start_on_a_cycle():
    graph = nx.MultiDiGraph()
    graph.add_edge("a", "b", relation="leads_to")
    graph.add_edge("b", "a", relation="leads_to")
    graph.add_edge("b", "c", relation="evidence_of")
    graph.add_edge("b", "c", relation="leads_to")  # a second, causal edge between the same nodes
    assert downstream(graph, "a") == {"b", "c"}
    assert downstream(graph, "a", relations={"evidence_of"}) == set()

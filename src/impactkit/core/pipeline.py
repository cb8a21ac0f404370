"""The one-way analysis: study → graph → plugins extend → validate → metrics → tables.

Visualisations and the report are produced on demand from the :class:`~impactkit.core.result.Result`
(they are the slow part and not every caller wants them). Each check, metric and table runs on
its own: an exception becomes an error finding naming the plugin and the contribution.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from . import failures, privacy
from .context import Context, Memo, step_order
from .contributions import SEVERITY_ORDER, Finding, GraphEdge, GraphNode, Step, StepStatus
from .failures import jsonable as jsonable  # re-exported: core.coding imports it from here
from .graph import build_graph, extend_graph
from .i18n import default_lang, msg

if TYPE_CHECKING:  # pragma: no cover
    from .model import Study
    from .plugins import Plugins
    from .result import Result

Progress = Callable[[str, int, int], None]
"""``progress(stage, done, total)``; called as work advances (the CLI draws a bar from it)."""


def analyse(
    study: "Study",
    *,
    plugins: "Plugins | None" = None,
    lang: str | None = None,
    progress: Progress | None = None,
    metrics: bool = True,
) -> "Result":
    """Run every installed method on ``study`` and return the :class:`Result`.

    ``metrics=False`` stops after the checks (``impactkit validate`` and ``diagram`` need no figures).
    """
    from .plugins import make_manager
    from .result import Result

    plugins = plugins if plugins is not None else make_manager()
    lang = lang or default_lang()
    report = progress or (lambda stage, done, total: None)
    findings: list[Finding] = list(plugins.failures) + list(study._load_findings)

    declared, metric_problems = plugins.collect("impactkit_metrics")
    ctx, graph_findings = context_for(study, plugins, lang=lang)
    findings += graph_findings
    metric_ids = set(ctx.metric_ids)  # what decisions may cite
    validations, problems = plugins.collect("impactkit_validations")
    tables, table_problems = plugins.collect("impactkit_tables")
    findings += problems + metric_problems + table_problems
    if not metrics:
        declared, tables = [], []
    total = len(validations) + len(declared) + len(tables)
    done = 0

    for validation in validations:
        yielded: list[Any] = []  # what the check yielded before it raised, if it does, is kept
        called = failures.call(validation.plugin, validation.id, _drain, validation.check, ctx, yielded)
        findings += called.findings
        for n, item in enumerate(yielded, 1):
            if isinstance(item, Finding):
                findings.append(item.model_copy(update={"plugin": validation.plugin}))
            else:
                findings.append(failures.bad_item(validation.plugin, validation.id, n, item, failures.one(Finding)))
        done += 1
        report("validate", done, total)

    values: dict[str, Any] = {}
    for metric in declared:
        called = failures.call(metric.plugin, metric.id, metric.compute, ctx)
        findings += called.findings
        value, problem = failures.metric_value(metric.plugin, metric.id, called.value)
        if problem is not None:
            findings.append(problem)
        elif value is not None:  # None: the metric does not apply to this study
            values[metric.id] = value
        done += 1
        report("metrics", done, total)

    frames: dict[str, Any] = {}
    for table in tables:
        called = failures.call(table.plugin, table.id, table.build, ctx)
        findings += called.findings
        problem = failures.TABLE.check(table.plugin, table.id, called.value)  # a list, a Series...: a finding
        if problem is not None:
            findings.append(problem)
        elif called.value is not None:
            frames[table.id] = called.value
        done += 1
        report("tables", done, total)

    findings += [notice for notice in plugins.notices if notice not in findings]  # slow declaration hooks
    findings += _decision_evidence(ctx, metric_ids)
    findings.sort(
        key=lambda f: (
            SEVERITY_ORDER[f.severity],
            f.plugin,
            f.code,
            str(f.location.file if f.location else ""),
            (f.location.line or f.location.row or 0) if f.location else 0,
        )
    )
    return Result(
        study=ctx.study,  # as the outputs may show it (core.privacy)
        context=ctx,
        plugins=plugins,
        findings=findings,
        metrics=dict(sorted(values.items())),
        tables=dict(sorted(frames.items())),
    )


def context_for(
    study: "Study", plugins: "Plugins | None", *, lang: str | None = None, memo: Memo | None = None
) -> tuple[Context, list[Finding]]:
    """The :class:`~impactkit.core.context.Context` every contributed callable gets, and the
    findings of building its graph. The one place a Context is made: a run, ``impactkit status``,
    the coders of ``impactkit code``, the REFI-QDA export and :func:`impactkit.testing.context`.

    The context holds the study as its outputs may show it (:func:`impactkit.core.privacy.shown`:
    names as pseudonyms unless the study opts in, quotes without consent withheld), with
    ``Context.privacy`` saying what was hidden; its graph has every plugin's elements
    (:func:`study_graph`, on the context's ``memo``) and ``metric_ids`` every declared metric's ids.
    Without ``plugins`` the graph is the core's own and no metric is declared.
    """
    shown, report = privacy.shown(study)
    memo = memo if memo is not None else Memo()  # before the graph: what graph-element hooks analyse, metrics reuse
    if plugins is None:
        graph, findings = build_graph(shown)
        metric_ids: frozenset[str] = frozenset()
    else:
        graph, findings = study_graph(shown, plugins, memo)
        declared, _ = plugins.collect("impactkit_metrics")  # cached; analyse() reports its problems
        metric_ids = frozenset(name for metric in declared for name in metric.ids)
    ctx = Context(
        study=shown, graph=graph, lang=lang or default_lang(), metric_ids=metric_ids, memo=memo, privacy=report
    )
    return ctx, findings


@dataclass(frozen=True)
class StepState:
    """One step as ``impactkit status`` shows it (:func:`evaluate_steps`)."""

    step: Step
    label: str
    """``"3."`` for a step of the approach, ``"3.1"``, ``"3.2"``… for its parts."""
    status: StepStatus | None
    """What the step's check said; ``None`` when it raised."""
    error: str | None = None
    """``"TypeError: ..."`` when the check raised."""


def evaluate_steps(ctx: Context, steps: Iterable[Step]) -> list[StepState]:
    """Every step that applies to the study, checked on ``ctx``, in the order ``status`` shows
    them: by step number, the main step first, then its parts by ``order`` and id. A check that
    raises is a state with its ``error`` (the others still run); a step that does not apply
    (``StepStatus.applies`` false) is left out."""
    out: list[StepState] = []
    parts: dict[int, int] = {}
    for step in sorted(steps, key=step_order):
        try:
            state = step.check(ctx)
        except Exception as exc:
            out.append(StepState(step=step, label=f"{step.number}.", status=None, error=f"{type(exc).__name__}: {exc}"))
            continue
        if not state.applies:
            continue
        if step.main:
            label = f"{step.number}."
        else:
            parts[step.number] = parts.get(step.number, 0) + 1
            label = f"{step.number}.{parts[step.number]}"
        out.append(StepState(step=step, label=label, status=state))
    return out


def study_graph(study: "Study", plugins: "Plugins", memo: Memo | None = None) -> tuple[Any, list[Finding]]:
    """The study graph with every plugin's nodes and edges, and the findings of building it.

    ``memo`` is the run's :class:`~impactkit.core.context.Memo`: pass the same one to the
    :class:`~impactkit.core.context.Context` made on this graph, so that what the plugins analysed
    for their graph elements is not analysed again. Each ``impactkit_graph_elements`` hook gets
    ``study``, ``memo`` and a read-only view of the core's graph (all hooks are called before any
    plugin's elements are added, so each sees the same graph).
    """
    graph, findings = build_graph(study)
    memo = memo if memo is not None else Memo()
    core = graph.copy(as_view=True)  # a frozen view: a plugin returns elements, it never edits
    for called in plugins.call_each("impactkit_graph_elements", study=study, memo=memo, graph=core):
        findings += called.findings
        if called.error is None:
            kinds = (GraphNode, GraphEdge)
            elements = failures.items(
                called.plugin, called.where, called.value, kinds, failures.list_of(*kinds), findings
            )
            findings += extend_graph(graph, called.plugin, elements, study)
    return graph, findings


def _drain(check: Callable[[Context], Iterable[Any] | None], ctx: Context, into: list[Any]) -> None:
    """Run a validation's ``check``, keeping each item it yields in ``into`` as it comes."""
    for item in check(ctx) or ():
        into.append(item)


def _decision_evidence(ctx: Context, metrics: set[str]) -> list[Finding]:
    """Step 5 rests on evidence: every id a decision cites must be a node or a computed metric."""
    out = []
    for i, decision in enumerate(ctx.study.decisions):
        for j, target in enumerate(decision.evidence):
            if target not in ctx.graph and target not in metrics:
                out.append(
                    Finding(
                        code="core.decision-evidence",
                        severity="error",
                        plugin="core",
                        message=msg("decision-evidence", id=decision.id, target=target),
                        location=ctx.locate("decisions", i, "evidence", j),
                    )
                )
    return out

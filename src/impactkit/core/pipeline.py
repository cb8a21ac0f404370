"""The one-way analysis: study → graph → plugins extend → validate → metrics → tables.

Visualisations and the report are produced on demand from the :class:`~impactkit.core.result.Result`
(they are the slow part and not every caller wants them). Each check, metric and table runs on
its own: an exception becomes an error finding naming the plugin and the contribution.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from .context import Context, Memo
from .contributions import SEVERITY_ORDER, Finding
from .graph import build_graph, extend_graph
from .i18n import Text, default_lang, msg
from .plugins import bad_return, plugin_error

if TYPE_CHECKING:  # pragma: no cover
    from .model import Study
    from .plugins import Plugins
    from .result import Result

Progress = Callable[[str, int, int], None]
"""``progress(stage, done, total)``; called as work advances (the CLI draws a bar from it)."""


TABLE_TYPE = Text(en="a pandas DataFrame or None", nl="een pandas-DataFrame of None")


def is_frame(value: Any) -> bool:
    """Whether ``value`` is a pandas DataFrame (pandas is imported only to ask)."""
    if value is None:
        return False
    import pandas as pd

    return isinstance(value, pd.DataFrame)


def jsonable(value: Any) -> Any:
    """Plain JSON types from what a metric returned (numpy scalars and arrays, tuples, NaN → None)."""
    if value is None or isinstance(value, (bool, str)):
        return value
    if isinstance(value, int):
        return int(value)
    if isinstance(value, float):
        return None if math.isnan(value) or math.isinf(value) else float(value)
    if isinstance(value, dict):
        return {str(k): jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [jsonable(v) for v in value]
    item = getattr(value, "item", None)  # numpy scalar
    if callable(item) and getattr(value, "shape", None) == ():
        return jsonable(item())
    tolist = getattr(value, "tolist", None)  # numpy array, pandas Series
    if callable(tolist):
        return jsonable(tolist())
    raise TypeError(f"{type(value).__name__} is not JSON-serialisable")


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

    memo = Memo()  # before the graph: what the graph-elements hooks analyse, the context reuses
    graph, graph_findings = study_graph(study, plugins, memo)
    findings += graph_findings

    declared, metric_problems = plugins.collect("impactkit_metrics")
    metric_ids = {name for metric in declared for name in metric.ids}  # what decisions may cite
    ctx = Context(study=study, graph=graph, lang=lang, metric_ids=frozenset(metric_ids), memo=memo)
    validations, problems = plugins.collect("impactkit_validations")
    tables, table_problems = plugins.collect("impactkit_tables")
    findings += problems + metric_problems + table_problems
    if not metrics:
        declared, tables = [], []
    total = len(validations) + len(declared) + len(tables)
    done = 0

    for validation in validations:
        try:
            for finding in validation.check(ctx) or ():
                if not isinstance(finding, Finding):
                    raise TypeError(f"yielded {type(finding).__name__}, expected Finding")
                findings.append(finding.model_copy(update={"plugin": validation.plugin}))
        except Exception as exc:
            findings.append(plugin_error(validation.plugin, validation.id, exc))
        done += 1
        report("validate", done, total)

    values: dict[str, Any] = {}
    for metric in declared:
        try:
            value = jsonable(metric.compute(ctx))
            if value is not None:
                values[metric.id] = value
        except Exception as exc:
            findings.append(plugin_error(metric.plugin, metric.id, exc))
        done += 1
        report("metrics", done, total)

    frames: dict[str, Any] = {}
    for table in tables:
        try:
            frame = table.build(ctx)
            if is_frame(frame):
                frames[table.id] = frame
            elif frame is not None:  # a list, a Series, ...: a finding, not a crash when written
                findings.append(bad_return(table.plugin, table.id, frame, TABLE_TYPE))
        except Exception as exc:
            findings.append(plugin_error(table.plugin, table.id, exc))
        done += 1
        report("tables", done, total)

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
        study=study,
        context=ctx,
        plugins=plugins,
        findings=findings,
        metrics=dict(sorted(values.items())),
        tables=dict(sorted(frames.items())),
    )


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
    for plugin, elements, exc in plugins.call_each("impactkit_graph_elements", study=study, memo=memo, graph=core):
        if exc is not None:
            findings.append(plugin_error(plugin, "impactkit_graph_elements", exc))
        elif elements:
            findings += extend_graph(graph, plugin, list(elements))
    return graph, findings


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

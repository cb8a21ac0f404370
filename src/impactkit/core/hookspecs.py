"""The hook specifications: everything a plugin can contribute to impactkit.

A plugin is a module (or object) with functions marked ``@hookimpl`` and named after the specs
below, registered through the ``impactkit`` entry-point group::

    # pyproject.toml of your plugin
    [project.entry-points.impactkit]
    mymethod = "impactkit_mymethod"

Declaration hooks take no arguments and return lists of typed contributions
(:mod:`impactkit.core.contributions`); the work happens later, when the core calls the
callables those contributions carry with a :class:`~impactkit.core.context.Context`.
That keeps ``impactkit plugins`` able to list what each plugin offers without a study, and lets
the core run every check and metric in isolation. Only :func:`impactkit_read_table` is a
pick-one (``firstresult``) hook. Every hook here is documented in ``docs/plugins.md``; a test
fails when one is not.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

import pluggy

if TYPE_CHECKING:  # pragma: no cover - typing only
    import networkx as nx

    from .context import Memo
    from .contributions import (
        Coder,
        Command,
        GraphEdge,
        GraphNode,
        Metric,
        PortfolioMetric,
        ReportSection,
        Step,
        StudySection,
        Table,
        Validation,
        Visualisation,
    )
    from .model import Study

PROJECT = "impactkit"
hookspec = pluggy.HookspecMarker(PROJECT)
hookimpl = pluggy.HookimplMarker(PROJECT)


@hookspec
def impactkit_study_sections() -> list[StudySection]:
    """Declare the ``methods.<id>`` sections of the study file this plugin reads.

    The core validates the section against ``model`` (with line numbers in errors), includes it
    in ``impactkit schema``, and hands plugins the validated object through
    ``context.method("<id>")``::

        class IdgSettings(BaseModel):
            model_config = ConfigDict(extra="forbid")
            framework: str = "idg-2021"

        @hookimpl
        def impactkit_study_sections():
            return [StudySection(id="idg", model=IdgSettings,
                                 title=Text(en="Inner Development Goals", nl="Inner Development Goals"))]
    """


@hookspec
def impactkit_graph_elements(study: Study, memo: Memo, graph: nx.MultiDiGraph) -> list[GraphNode | GraphEdge]:
    """Add nodes and edges to the study graph, after the core built it from the study file.

    ``memo(key, compute)`` is the run's memo, the one its :class:`~impactkit.core.context.Context`
    is then built on: analyse the study under the key your ``state(ctx)`` uses, and the checks,
    metrics and views find it instead of analysing again. ``graph`` is the core's graph (read-only:
    return elements, never edit it), e.g. for :func:`impactkit.core.graph.downstream`. Take only
    the arguments you need (``def impactkit_graph_elements(study):`` works too).

    Nodes a plugin adds must not reuse an id; edges must join existing nodes. Example::

        @hookimpl
        def impactkit_graph_elements(study, memo):
            current = memo("mymethod.state", lambda: analyse(study))  # state(ctx) reads the same key
            if current is None:
                return []
            return [GraphNode(id="sdg:4", kind="sdg", label="SDG 4 Quality education"),
                    GraphEdge(source="outcome-a", target="sdg:4", relation="contributes_to")]
    """


@hookspec
def impactkit_validations() -> list[Validation]:
    """Declare checks of a study. Each ``check(context)`` yields findings::

    def _no_changes(ctx):
        if not ctx.study.changes:
            yield Finding(code="core.no-changes", severity="warning",
                          message=Text(en="no changes recorded", nl="geen veranderingen vastgelegd"))

    @hookimpl
    def impactkit_validations():
        return [Validation(id="core.no-changes", title=..., check=_no_changes)]
    """


@hookspec
def impactkit_metrics() -> list[Metric]:
    """Declare figures computed from a study. Metric ids are public API::

    @hookimpl
    def impactkit_metrics():
        return [Metric(id="core.changes", title=Text(en="Changes", nl="Veranderingen"),
                       compute=lambda ctx: len(ctx.changes))]
    """


@hookspec
def impactkit_tables() -> list[Table]:
    """Declare result tables (``pandas.DataFrame``), written as CSV by ``impactkit run -o``::

    @hookimpl
    def impactkit_tables():
        return [Table(id="core.changes_per_group", title=...,
                      build=lambda ctx: ctx.changes.groupby("stakeholder").size().to_frame("changes"))]
    """


@hookspec
def impactkit_visualisations() -> list[Visualisation]:
    """Declare diagrams (Graphviz DOT, optionally Mermaid) and charts (matplotlib)::

        @hookimpl
        def impactkit_visualisations():
            return [Visualisation(id="core.toc", kind="diagram", title=...,
                                  dot=lambda ctx, lang: toc_dot(ctx.graph, lang))]

    ``impactkit diagram --view toc`` picks a visualisation by the part of its id after the dot.
    """


@hookspec
def impactkit_report_sections() -> list[ReportSection]:
    """Declare sections of the report; ``render(context, lang)`` returns Markdown::

    @hookimpl
    def impactkit_report_sections():
        return [ReportSection(id="idg.summary", order=30, title=...,
                              render=lambda ctx, lang: "| dimension | changes |\\n...")]
    """


@hookspec
def impactkit_steps() -> list[Step]:
    """Declare the steps of an approach, shown by ``impactkit status`` with what is missing::

    @hookimpl
    def impactkit_steps():
        return [Step(id="core.question", number=1, title=...,
                     check=lambda ctx: StepStatus(done=bool(ctx.study.question)))]
    """


@hookspec
def impactkit_commands() -> list[Command]:
    """Add commands to the ``impactkit`` CLI (click commands or groups)::

        @click.command(name="hello")
        def hello():
            click.echo("hi")

        @hookimpl
        def impactkit_commands():
            return [Command(id="hello", command=hello)]

    A name that a core command or another plugin already uses is refused.
    """


@hookspec
def impactkit_coders() -> list[Coder]:
    """Suggest codes for uncoded changes, as suggestions a researcher accepts.

    ``impactkit code STUDY --method <id>`` writes the suggestions next to the changes file;
    ``--accept`` copies the accepted ones into the empty cells of ``column`` (never over a human
    code), checking each with ``normalise``. One coder per method; the id is the ``--method``
    name::

        def _suggest(ctx, indices):
            out = []
            for i in indices:
                words = [w for w in ("school", "leren") if w in ctx.study.change_list[i].change.lower()]
                if words:
                    out.append(Suggestion(index=i, code="4", because=tuple(words)))
            return out

        @hookimpl
        def impactkit_coders():
            return [Coder(id="sdg", title=Text(en="SDG suggester", nl="SDG-suggesties"), column="sdg",
                          suggest=_suggest,
                          normalise=lambda ctx, text: text if text.isdigit() and 1 <= int(text) <= 17 else None)]
    """


@hookspec
def impactkit_portfolio_metrics() -> list[PortfolioMetric]:
    """Declare which of the plugin's metrics add up across a portfolio of studies, and how
    (``impactkit portfolio``: many studies, one report). The core, which knows no method, sums,
    spreads and counts them; each id is a metric's id::

        @hookimpl
        def impactkit_portfolio_metrics():
            return [PortfolioMetric(id="mymethod.residents", title=Text(en="Residents", nl="Bewoners"),
                                    aggregate="sum", kind="count")]
    """


@hookspec(firstresult=True)
def impactkit_read_table(path: Path) -> Any | None:
    """Read a tabular file (changes, impact maps) into a ``pandas.DataFrame`` of strings.

    Pick-one: the first plugin that recognises the file returns a DataFrame; the others return
    ``None``. The core reads ``.csv`` and ``.xlsx`` itself (``trylast``), so a plugin can add a
    format (e.g. SPSS ``.sav``) or take over one::

        @hookimpl
        def impactkit_read_table(path):
            if path.suffix == ".sav":
                return pyreadstat.read_sav(path)[0].astype(str)
            return None
    """

"""The built-in ``core`` plugin: the five-step approach and the basic figures of any study.

Metrics (public ids):

* ``core.changes`` — number of experienced changes; rows that share an ``id`` are codings of
  one change (double coding) and count once.
* ``core.people`` — number of different people who reported changes: by ``respondent`` when a
  change has one, else by ``person`` (two respondents with the same name are two people).
* ``core.roles`` — number of different roles among them.
* ``core.stakeholder_groups`` — number of stakeholder groups that reported changes
  (the stakeholder's ``group`` when given, else the stakeholder itself).
* ``core.stakeholders`` — number of stakeholders defined in the study.
* ``core.quotes_withheld`` — quotes not shown for want of an explicit consent yes (only in a
  study that records consent; see :mod:`.privacy` and docs/privacy.md).
"""

from __future__ import annotations

from impactkit.plugin import (
    Column,
    Finding,
    Metric,
    PortfolioMetric,
    ReportSection,
    Table,
    Text,
    Validation,
    Visualisation,
    hookimpl,
)

from . import figures, privacy
from . import steps as _steps
from .figures import changes_per_group, distinct_changes
from .report import decisions_section, scope_section, steps_section, summary_figures, summary_section, toc_section


@hookimpl
def impactkit_metrics():
    return [
        Metric(
            id="core.changes",
            title=Text(en="Experienced changes", nl="Ervaren veranderingen"),
            description=Text(
                en="Rows sharing an id are codings of one change and count once.",
                nl="Rijen met hetzelfde id zijn coderingen van één verandering en tellen één keer.",
            ),
            compute=lambda ctx: distinct_changes(ctx.study),
        ),
        Metric(id="core.people", title=Text(en="People", nl="Mensen"), compute=lambda ctx: figures.people(ctx.study)),
        Metric(id="core.roles", title=Text(en="Roles", nl="Rollen"), compute=lambda ctx: figures.roles(ctx.study)),
        Metric(
            id="core.stakeholder_groups",
            title=Text(en="Stakeholder groups reached", nl="Bereikte stakeholdergroepen"),
            compute=lambda ctx: figures.groups(ctx.study),
        ),
        Metric(
            id="core.stakeholders",
            title=Text(en="Stakeholders in the study", nl="Stakeholders in de studie"),
            compute=lambda ctx: len(ctx.study.stakeholders),
        ),
        *privacy.METRICS,
    ]


@hookimpl
def impactkit_steps():
    return _steps.STEPS


def _unused_stakeholders(ctx):
    for i, holder in enumerate(ctx.study.stakeholders):
        if ctx.graph.degree(holder.id) == 0 and not ctx.graph.nodes[holder.id].get("changes"):
            yield Finding(
                code="core.unused-stakeholder",
                severity="info",
                message=Text(
                    en=f"stakeholder '{holder.id}' is not linked to any input, step or change",
                    nl=f"stakeholder '{holder.id}' is niet verbonden met inzet, stap of verandering",
                ),
                location=ctx.locate("stakeholders", i, "id"),
            )


def _outcomes_without_stakeholder(ctx):
    for i, outcome in enumerate(ctx.study.outcomes):
        if not outcome.stakeholders:
            yield Finding(
                code="core.outcome-without-stakeholder",
                severity="warning",
                message=Text(
                    en=f"outcome '{outcome.id}' names no stakeholder who experiences it",
                    nl=f"effect '{outcome.id}' noemt geen stakeholder die het ervaart",
                ),
                location=ctx.locate("outcomes", i, "id"),
            )


def _decisions_without_evidence(ctx):
    for i, decision in enumerate(ctx.study.decisions):
        if not decision.evidence:
            yield Finding(
                code="core.decision-without-evidence",
                severity="warning",
                message=Text(
                    en=f"decision '{decision.id}' does not say which evidence it rests on",
                    nl=f"besluit '{decision.id}' zegt niet op welk bewijs het steunt",
                ),
                location=ctx.locate("decisions", i, "id"),
            )


@hookimpl
def impactkit_validations():
    return [
        Validation(
            id="core.unused-stakeholder",
            check=_unused_stakeholders,
            title=Text(en="Every stakeholder takes part", nl="Elke stakeholder doet mee"),
            explain=Text(
                en="A stakeholder who provides nothing, does nothing and reports no change is in the study but not "
                "in its figures or diagrams; the figures say nothing about that group.",
                nl="Een stakeholder die niets inbrengt, niets doet en geen verandering meldt, staat wel in de studie "
                "maar niet in de cijfers of diagrammen; de cijfers zeggen niets over die groep.",
            ),
        ),
        Validation(
            id="core.outcome-without-stakeholder",
            check=_outcomes_without_stakeholder,
            title=Text(en="Outcomes are experienced by someone", nl="Effecten worden door iemand ervaren"),
            explain=Text(
                en="An outcome that names no stakeholder is drawn in the theory of change but is not counted for any "
                "group: it is unclear for whom it makes a difference.",
                nl="Een effect dat geen stakeholder noemt, staat wel in de veranderingstheorie maar telt voor geen "
                "enkele groep mee: het is onduidelijk voor wie het verschil maakt.",
            ),
        ),
        Validation(
            id="core.decision-without-evidence",
            check=_decisions_without_evidence,
            title=Text(en="Decisions rest on evidence", nl="Besluiten steunen op bewijs"),
            explain=Text(
                en="A decision that does not name its evidence is shown as the study gives it; the report cannot "
                "show which figures or outcomes support it.",
                nl="Een besluit dat zijn bewijs niet noemt, staat er zoals de studie het geeft; het rapport kan niet "
                "laten zien welke cijfers of effecten het onderbouwen.",
            ),
        ),
        *privacy.VALIDATIONS,
    ]


@hookimpl
def impactkit_tables():
    return [
        Table(
            id="core.changes_per_group",
            build=changes_per_group,
            title=Text(
                en="Changes, people and roles per stakeholder group",
                nl="Veranderingen, mensen en rollen per stakeholdergroep",
            ),
            columns={
                "group": Column(title=Text(en="Stakeholder group", nl="Stakeholdergroep"), kind="text"),
                "changes": Column(title=Text(en="Changes", nl="Veranderingen"), kind="count"),
                "people": Column(title=Text(en="People", nl="Mensen"), kind="count"),
                "roles": Column(title=Text(en="Roles", nl="Rollen"), kind="count"),
            },
        )
    ]


def _toc_dot(ctx, lang):
    from impactkit.plugin import toc_dot

    return toc_dot(ctx.graph, lang, title=ctx.study.title)


def _toc_mermaid(ctx, lang):
    from impactkit.plugin import toc_mermaid

    return toc_mermaid(ctx.graph, lang)


@hookimpl
def impactkit_visualisations():
    return [
        Visualisation(
            id="core.toc",
            kind="diagram",
            dot=_toc_dot,
            mermaid=_toc_mermaid,
            title=Text(en="Theory of change", nl="Veranderingstheorie"),
        )
    ]


@hookimpl
def impactkit_report_sections():
    return [
        ReportSection(
            id="core.summary",
            order=10,
            part="summary",
            render=summary_section,
            key_figures=summary_figures,
            title=Text(en="The study", nl="De studie"),
        ),
        ReportSection(
            id="core.scope",
            order=10,
            part="methods",
            render=scope_section,
            title=Text(en="Scope, stakeholders and data", nl="Scope, stakeholders en gegevens"),
        ),
        ReportSection(
            id="core.steps",
            order=15,
            part="methods",
            render=steps_section,
            title=Text(en="The five steps", nl="De vijf stappen"),
        ),
        ReportSection(  # after the methods' sections: the picture of the whole
            id="core.toc",
            order=80,
            render=toc_section,
            figures=("core.toc",),
            title=Text(en="Theory of change", nl="Veranderingstheorie"),
        ),
        ReportSection(
            id="core.decisions",
            order=90,
            part="summary",
            render=decisions_section,
            title=Text(en="Conclusions and decisions", nl="Conclusies en besluiten"),
        ),
    ]


@hookimpl
def impactkit_portfolio_metrics():
    """The core's figures in a portfolio (``impactkit portfolio``): per study and in total."""
    return [
        PortfolioMetric(id="core.changes", title=Text(en="Changes", nl="Veranderingen"), aggregate="sum", kind="count"),
        PortfolioMetric(id="core.people", title=Text(en="People", nl="Mensen"), aggregate="sum", kind="count"),
    ]

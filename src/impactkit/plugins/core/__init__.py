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
from .report import decisions_section, steps_section, summary_section, toc_section


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
        if ctx.graph.degree(holder.id) == 0:
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
        ),
        Validation(
            id="core.outcome-without-stakeholder",
            check=_outcomes_without_stakeholder,
            title=Text(en="Outcomes are experienced by someone", nl="Effecten worden door iemand ervaren"),
        ),
        Validation(
            id="core.decision-without-evidence",
            check=_decisions_without_evidence,
            title=Text(en="Decisions rest on evidence", nl="Besluiten steunen op bewijs"),
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
            title=Text(en="The study", nl="De studie"),
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
            title=Text(en="Decisions", nl="Besluitvorming"),
        ),
    ]


@hookimpl
def impactkit_portfolio_metrics():
    """The core's figures in a portfolio (``impactkit portfolio``): per study and in total."""
    return [
        PortfolioMetric(id="core.changes", title=Text(en="Changes", nl="Veranderingen"), aggregate="sum", kind="count"),
        PortfolioMetric(id="core.people", title=Text(en="People", nl="Mensen"), aggregate="sum", kind="count"),
    ]

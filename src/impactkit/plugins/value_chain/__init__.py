"""The ``value_chain`` plugin: the value-creation logic of a *Krachtige Leerkring*.

Local needs → an ambition → desired effects for the target groups (outcomes, not outputs) → a
critical review of the projects (continue, improve, new, stop) → evaluation. The effects are the
study's ``outcomes`` and ``impacts`` and the projects its ``activities``, so the theory of change
and the other plugins see them; ``methods.value_chain``
(:class:`~impactkit.plugins.value_chain.settings.ValueChainSettings`) adds the needs, the ambition,
per effect how we see it and which needs it serves, and the review. The section is also accepted
under its old name, ``methods.leerkring`` (an alias: the same section, the same figures).

Metrics (public ids):

* ``value_chain.needs`` / ``value_chain.effects`` / ``value_chain.projects`` — how many there are.
* ``value_chain.review`` — decision → number of projects (``continue improve new stop not_reviewed``).
* ``value_chain.needs_served`` — share of the needs served by at least one effect.
* ``value_chain.effects_served`` — share of the effects served by at least one project that is not stopped.
* ``value_chain.projects_fit`` — share of the projects not stopped that serve an effect of the ambition.
* ``value_chain.output_phrased_effects`` — number of effects that read as outputs.
* ``value_chain.chain`` — per need the effects that serve it and the projects (not stopped) behind them.
* ``value_chain.evaluation`` — evaluated effects, coverage, changes per effect, statuses (when an
  effect has a status or a change points at one).

The metrics are left out for a study without ``methods.value_chain``. See ``docs/plugins/value_chain.md``.
"""

from __future__ import annotations

import functools
from typing import Any

from impactkit.plugin import (
    Column,
    GraphEdge,
    GraphNode,
    Metric,
    ReportSection,
    StudySection,
    Table,
    Text,
    Visualisation,
    hookimpl,
    using,
)

from .chain import ALIASES, SECTION, state
from .settings import ValueChainSettings

__all__ = ["ValueChainSettings"]


def _with_chain(fn):
    """``fn(chain, *args)`` as a callable ``(ctx, *args)`` that gives ``None`` when the study has no
    ``methods.value_chain`` section (:func:`impactkit.plugin.using`)."""
    return using(state)(functools.wraps(fn)(lambda chain, ctx, *args: fn(chain, *args)))


# -- study section ---------------------------------------------------------------------------


@hookimpl
def impactkit_study_sections():
    return [
        StudySection(
            id=SECTION,
            aliases=ALIASES,
            model=ValueChainSettings,
            template=TEMPLATE,
            title=Text(en="Krachtige Leerkring", nl="Krachtige Leerkring"),
        )
    ]


TEMPLATE = Text(
    en="""\
# Local needs: not a wish or a solution ("a bingo") but the need behind it, for whom, and how you know.
needs:
  - {id: real-questions, statement: "Students rarely work on the neighbourhood's own questions", stakeholders: [students], source: "conversations in the leerkring"}
# The ambition: why the leerkring exists (the coat rack for everything else) and the needs it answers.
ambition: {text: "Learning together on the real questions of the neighbourhood", needs: [real-questions]}
# Per desired effect (an outcome, not an output): how you will see it with the target group.
effects:
  - {outcome: learning, indicator: "students name what they learnt from residents", needs: [real-questions]}
# The critical look at the projects (activities): continue, improve, new or stop, and why.
review:
  - {activity: projects, decision: continue, rationale: "answers the neighbourhood's questions"}
""",
    nl="""\
# Lokale behoeften: geen wens of oplossing ("een bingo") maar de behoefte erachter, voor wie, en hoe je dat weet.
needs:
  - {id: echte-vragen, statement: "Studenten werken zelden aan de eigen vragen van de wijk", stakeholders: [studenten], source: "gesprekken in de leerkring"}
# De ambitie: waarom de leerkring bestaat (de kapstok voor al het andere) en de behoeften die ze beantwoordt.
ambition: {text: "Samen leren aan de echte vragen van de wijk", needs: [echte-vragen]}
# Per gewenst effect (een outcome, geen output): hoe je het terugziet bij de doelgroep.
effects:
  - {outcome: leren, indicator: "studenten benoemen wat ze van bewoners hebben geleerd", needs: [echte-vragen]}
# Kritisch kijken naar de projecten (activiteiten): blijven, verbeteren, nieuw of stoppen, en waarom.
review:
  - {activity: projecten, decision: blijven, rationale: "sluit aan bij de vragen van de wijk"}
""",
)


# -- graph -----------------------------------------------------------------------------------


@hookimpl
def impactkit_graph_elements(study, memo, graph):
    """Nodes ``need:<id>`` (kind ``need``) and ``ambition:value_chain`` (kind ``ambition``); edges
    need → ambition ``answered_by``, ambition → effect ``concretised_in``, effect → need ``answers``,
    and project → effect ``serves`` for every effect a project serves — named in its review
    (``in_review``) or reached by its causal chain (``through_chain``). The core's theory of change
    draws only the study's own chain and links, so these edges duplicate no arrow there."""
    from .chain import AMBITION_NODE, KEY, build, need_node

    chain = memo(KEY, lambda: build(study, graph))  # the run's state(ctx): built once, on the core's graph
    if chain is None:
        return []
    elements: list[Any] = [
        GraphNode(
            id=need_node(need.id),
            kind="need",
            label=need.statement,
            attrs={"theme": need.theme, "stakeholders": list(need.stakeholders), "established": need.source},
        )
        for need in chain.needs.values()
    ]
    ambition = chain.settings.ambition
    if ambition is not None:
        elements.append(
            GraphNode(
                id=AMBITION_NODE, kind="ambition", label=ambition.label or ambition.text, attrs={"text": ambition.text}
            )
        )
        elements += [
            GraphEdge(source=need_node(n), target=AMBITION_NODE, relation="answered_by") for n in chain.answered
        ]
        elements += [
            GraphEdge(source=AMBITION_NODE, target=e, relation="concretised_in")
            for e in chain.effects
            if chain.on_ambition(e)
        ]
    for effect in chain.effects:
        elements += [
            GraphEdge(source=effect, target=need_node(n), relation="answers") for n in chain.effect_needs(effect)
        ]
    for project in chain.projects:  # every effect it serves; the core's theory of change draws none of these
        elements += [
            GraphEdge(
                source=project,
                target=e,
                relation="serves",
                attrs={
                    "decision": chain.decision(project),
                    "in_review": e in chain.explicit[project],
                    "through_chain": e in chain.reach[project],
                },
            )
            for e in chain.serves(project)
        ]
    return elements


# -- validations -----------------------------------------------------------------------------


@hookimpl
def impactkit_validations():
    from .checks import validations

    return validations()


# -- metrics ---------------------------------------------------------------------------------


def _metric_values() -> dict[str, Any]:
    from . import figures as f

    return {
        "needs": lambda c: len(c.needs),
        "effects": lambda c: len(c.effects),
        "projects": lambda c: len(c.projects),
        "review": f.review_counts,
        "needs_served": f.needs_served,
        "effects_served": f.effects_served,
        "projects_fit": f.projects_fit,
        "output_phrased_effects": lambda c: len(f.output_phrased(c)),
        "chain": f.per_need,
        "evaluation": f.evaluation,
    }


_METRICS: list[tuple[str, Text, Text, str | None]] = [
    (
        "needs",
        Text(en="Local needs", nl="Lokale behoeften"),
        Text(
            en="Needs in methods.value_chain.needs (a repeated id counts once).",
            nl="Behoeften in methods.value_chain.needs (een herhaald id telt één keer).",
        ),
        "needs",
    ),
    (
        "effects",
        Text(en="Desired effects", nl="Gewenste effecten"),
        Text(en="The study's outcomes and impacts.", nl="De effecten (outcomes) en impact van de studie."),
        "effects",
    ),
    (
        "projects",
        Text(en="Projects", nl="Projecten"),
        Text(en="The study's activities.", nl="De activiteiten van de studie."),
        "projects",
    ),
    (
        "review",
        Text(en="Projects per review decision", nl="Projecten per beoordeling"),
        Text(
            en="continue, improve, new, stop and not_reviewed → number of projects.",
            nl="continue (blijven), improve (verbeteren), new (nieuw), stop (stoppen) en not_reviewed → aantal "
            "projecten.",
        ),
        "projects",
    ),
    (
        "needs_served",
        Text(en="Needs served by an effect", nl="Behoeften die een effect dient"),
        Text(
            en="Share of the needs that at least one effect serves.",
            nl="Aandeel van de behoeften dat minstens één effect dient.",
        ),
        "share",
    ),
    (
        "effects_served",
        Text(en="Effects served by a project", nl="Effecten die een project dient"),
        Text(
            en="Share of the effects that at least one project not marked stop serves (through the review's "
            "effects or the causal chain).",
            nl="Aandeel van de effecten dat minstens één project dient dat niet op stoppen staat (via de effecten van "
            "de beoordeling of de causale keten).",
        ),
        "share",
    ),
    (
        "projects_fit",
        Text(en="Projects that fit the ambition", nl="Projecten die bij de ambitie passen"),
        Text(
            en="Share of the projects not marked stop that serve an effect serving a need the ambition answers.",
            nl="Aandeel van de projecten die niet op stoppen staan dat een effect dient dat een behoefte van de "
            "ambitie dient.",
        ),
        "share",
    ),
    (
        "output_phrased_effects",
        Text(en="Effects phrased as outputs", nl="Effecten geformuleerd als output"),
        Text(
            en="Effects whose name reads as an output (see the word lists in docs/plugins/value_chain.md).",
            nl="Effecten waarvan de naam leest als een output (zie de woordenlijsten in docs/plugins/value_chain.md).",
        ),
        "effects",
    ),
    (
        "chain",
        Text(en="Value chain per need", nl="Waardeketen per behoefte"),
        Text(
            en="Per need: the effects that serve it and the projects (not stopped) that serve those effects.",
            nl="Per behoefte: de effecten die haar dienen en de projecten (niet gestopt) die die effecten dienen.",
        ),
        None,
    ),
    (
        "evaluation",
        Text(en="Evaluation of the effects", nl="Evaluatie van de effecten"),
        Text(
            en="effects, evaluated (a status other than not_evaluated, or experienced changes pointing at it), "
            "coverage, with_changes, changes per effect and statuses; only when something is evaluated.",
            nl="effecten, geëvalueerd (een status anders dan not_evaluated, of ervaren veranderingen die ernaar "
            "verwijzen), dekking, met veranderingen, veranderingen per effect en statussen; alleen als er iets "
            "geëvalueerd is.",
        ),
        None,
    ),
]


@hookimpl
def impactkit_metrics():
    """The metrics, each with its former id (``leerkring.<name>``) as an alias, so that a decision
    citing the old id as evidence still finds it."""
    values = _metric_values()
    return [
        Metric(
            id=f"{SECTION}.{key}",
            aliases=tuple(f"{alias}.{key}" for alias in ALIASES),
            title=title,
            description=description,
            unit=unit,
            compute=_with_chain(values[key]),
        )
        for key, title, description, unit in _METRICS
    ]


# -- tables ----------------------------------------------------------------------------------


def _c(en: str, nl: str) -> Column:
    """A column of text (or yes/no) with its header in both languages."""
    return Column(title=Text(en=en, nl=nl), kind="text")


def _table(name: str):
    def build(chain, ctx):
        from . import tables

        return getattr(tables, name)(chain, ctx.lang)

    return using(state)(build)


@hookimpl
def impactkit_tables():
    return [
        Table(
            id="value_chain.value_chain",
            build=_table("value_chain"),
            title=Text(
                en="Value chain: need → ambition → effect → project",
                nl="Waardeketen: behoefte → ambitie → effect → project",
            ),
            columns={
                "need": _c("Need (id)", "Behoefte (id)"),
                "need_statement": _c("Need", "Behoefte"),
                "theme": _c("Theme", "Thema"),
                "in_ambition": _c("In the ambition", "In de ambitie"),
                "ambition": _c("Ambition", "Ambitie"),
                "effect": _c("Effect (id)", "Effect (id)"),
                "effect_name": _c("Effect", "Effect"),
                "indicator": _c("How we see it", "Hoe zien we dat terug"),
                "project": _c("Project (id)", "Project (id)"),
                "project_name": _c("Project", "Project"),
                "decision": _c("Decision", "Besluit"),
            },
        ),
        Table(
            id="value_chain.review",
            build=_table("review"),
            title=Text(
                en="Review of the projects (project × effect)", nl="Beoordeling van de projecten (project × effect)"
            ),
            columns={  # then a column per effect (by its id): whether the project serves it
                "project": _c("Project (id)", "Project (id)"),
                "name": _c("Project", "Project"),
                "decision": _c("Decision (id)", "Besluit (id)"),
                "decision_label": _c("Decision", "Besluit"),
                "rationale": _c("Rationale", "Onderbouwing"),
                "funding": _c("Funding", "Financiering"),
                "initiator": _c("Initiator", "Initiatiefnemer"),
                "fits_ambition": _c("Fits the ambition", "Past bij de ambitie"),
            },
        ),
    ]


# -- visualisations --------------------------------------------------------------------------


def _view(name: str):
    def draw(chain, lang):
        from . import views

        return getattr(views, name)(chain, lang)

    return _with_chain(draw)


@hookimpl
def impactkit_visualisations():
    return [
        Visualisation(
            id="value_chain.value-chain",
            kind="diagram",
            dot=_view("value_chain_dot"),
            mermaid=_view("value_chain_mermaid"),
            title=Text(
                en="Value chain: needs, ambition, effects and projects",
                nl="Waardeketen: behoeften, ambitie, effecten en projecten",
            ),
        ),
        Visualisation(
            id="value_chain.decisions",
            kind="chart",
            chart=_view("decisions_chart"),
            title=Text(en="Review of the projects", nl="Beoordeling van de projecten"),
        ),
    ]


# -- report ----------------------------------------------------------------------------------


def _report(name: str):
    """``report.<name>(chain, lang)``, imported when first called; ``None`` without a value chain."""

    def call(chain, lang):
        from . import report

        return getattr(report, name)(chain, lang)

    return _with_chain(call)


@hookimpl
def impactkit_report_sections():
    return [
        ReportSection(
            id="value_chain.overview",
            order=20,
            part="summary",
            render=_report("summary_section"),
            key_figures=_report("key_figures"),
            title=Text(en="From needs to projects", nl="Van behoefte tot project"),
        ),
        ReportSection(
            id="value_chain.summary",
            order=25,
            render=_report("render"),
            figures=("value_chain.value-chain", "value_chain.decisions"),
            title=Text(en="Krachtige Leerkring: value creation", nl="Krachtige Leerkring: waardecreatie"),
        ),
        ReportSection(
            id="value_chain.methods",
            order=20,
            part="methods",
            render=_report("methods_section"),
            title=Text(en="How the value chain was checked", nl="Hoe de waardeketen is getoetst"),
        ),
    ]


# -- steps -----------------------------------------------------------------------------------


@hookimpl
def impactkit_steps():
    from .steps import STEPS

    return STEPS

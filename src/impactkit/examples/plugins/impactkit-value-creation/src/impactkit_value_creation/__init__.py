"""``value_creation``: value-creation stories, after Wenger, Trayner & de Laat (2011) and Wenger-Trayner &
Wenger-Trayner (2020), as an impactkit plugin.

A learning community or network — a Krachtige Leerkring, a community of practice — tells what taking
part was worth as stories, each traced through the cycles of value creation (:mod:`.cycles`):
immediate, potential, applied, realised and reframing value, and strategic and enabling value
around them. The stories live in ``methods.value_creation`` of ``study.yaml`` (:mod:`.settings`)
and may cite the study's experienced changes by id as evidence.

Contributes (ids are public):

* study section ``value_creation``, with a template for ``impactkit init --method value_creation``;
* checks ``value_creation.realised-without-applied`` (warning: a story claims realised value with no
  applied value behind it), ``value_creation.unknown-stakeholder``, ``value_creation.unknown-change``
  and ``value_creation.duplicate-story`` (errors);
* metrics ``value_creation.stories``, ``.cycles`` (stories per cycle), ``.by_stakeholder`` (stories
  and cycles per stakeholder), ``.furthest`` (how far along the loop the stories reach),
  ``.realised_without_applied`` (those stories' ids) and ``.changes_cited``;
* the table and the diagram ``value_creation.matrix``, a report section, and a part of step 4.

It imports from impactkit only the public plugin API, :mod:`impactkit.plugin`.
"""

from __future__ import annotations

from impactkit.plugin import (
    Finding,
    Metric,
    ReportSection,
    Step,
    StepStatus,
    StudySection,
    Table,
    Text,
    Validation,
    Visualisation,
    did_you_mean,
    fill,
    format_list,
    hookimpl,
    using,
)

from .analysis import state
from .cycles import BY_ID, IDS, LOOP
from .report import render
from .settings import ValueCreationSettings
from .texts import MESSAGES, TITLE
from .views import matrix_dot, matrix_table

__all__ = ["ValueCreationSettings"]

impactkit_api = ">=1.0"
"""The plugin API versions this plugin works with: 1.0 and later (impactkit refuses to load it otherwise)."""

with_state = using(state)
"""Wraps ``fn(state, ctx, *args)``: not applicable (``None``) when the study has no ``methods.value_creation``."""

TEMPLATE = Text(
    en="""\
community: "our learning environment"   # the community or network whose value the stories tell of
stories:                  # value-creation stories (Wenger-Trayner): one stakeholder's account, cycle by cycle
  - id: first-story
    title: "From a project in the neighbourhood to a new way of working"
    stakeholder: students             # who tells it: a stakeholder of the study
    cycles:               # immediate, potential, applied, realised, reframing, strategic, enabling
      immediate: "I worked with residents on a question of their own"   # what happened; how was it to take part?
      potential: "I learnt to ask what is behind a question"             # what did it give that can be used later?
      applied: "In my internship I now ask residents first"             # what does someone do differently?
      # realised: "..."    # what difference did that make, and for whom? (tell the applied value behind it)
      # reframing: "..."   # did it change what counts as success?
      # or with evidence:  applied: {text: "...", evidence: "where it shows", changes: [C01]}
""",
    nl="""\
community: "onze leeromgeving"   # de gemeenschap of het netwerk van wie de verhalen de waarde vertellen
stories:                  # waardecreatieverhalen (Wenger-Trayner): het relaas van een stakeholder, cyclus na cyclus
  - id: eerste-verhaal
    title: "Van een project in de wijk naar een nieuwe manier van werken"
    stakeholder: studenten            # wie het vertelt: een stakeholder van de studie
    cycles:               # directe, potentiele, toegepaste, gerealiseerde, herdefinierende, strategische, faciliterende
      directe: "Ik werkte met bewoners aan een vraag van henzelf"          # wat gebeurde er; hoe was het om mee te doen?
      potentiele: "Ik leerde doorvragen naar wat achter een vraag zit"     # wat leverde het op voor later?
      toegepaste: "In mijn stage vraag ik nu eerst wat bewoners willen"   # wat doet iemand nu anders?
      # gerealiseerde: "..."   # welk verschil maakte dat, voor wie? (vertel de toegepaste waarde erachter)
      # herdefinierende: "..." # veranderde het wat als succes telt?
      # of met bewijs:  toegepaste: {text: "...", evidence: "waar het zichtbaar is", changes: [C01]}
""",
)


@hookimpl
def impactkit_study_sections():
    return [
        StudySection(
            id="value_creation",
            model=ValueCreationSettings,
            title=TITLE,
            template=TEMPLATE,
            routes=("nonlinear", "both"),
        )
    ]


# -- checks ---------------------------------------------------------------------------------------


def _stories(ctx):
    current = state(ctx)
    return current.stories if current is not None else ()


def check_realised(ctx):
    for told in _stories(ctx):
        if told.realised_without_applied:
            key, _ = told.story.account("realised")
            yield Finding(
                code="value_creation.realised-without-applied",
                severity="warning",
                message=fill(MESSAGES["realised-without-applied"], story=told.story.id),
                location=ctx.locate("methods", "value_creation", "stories", told.index, "cycles", key),
            )


def check_stakeholders(ctx):
    known = [s.id for s in ctx.study.stakeholders]
    for told in _stories(ctx):
        if not told.known:
            hint = did_you_mean(told.story.stakeholder, known) or Text(en="", nl="")
            yield Finding(
                code="value_creation.unknown-stakeholder",
                severity="error",
                message=fill(
                    MESSAGES["unknown-stakeholder"], story=told.story.id, stakeholder=told.stakeholder, hint=hint
                ),
                location=ctx.locate("methods", "value_creation", "stories", told.index, "stakeholder"),
            )


def check_changes(ctx):
    known = [c.id for c in ctx.study.change_list if c.id]
    for told in _stories(ctx):
        for cited in told.cited:
            if cited.index is None:
                hint = did_you_mean(cited.id, known) or Text(en="", nl="")
                yield Finding(
                    code="value_creation.unknown-change",
                    severity="error",
                    message=fill(
                        MESSAGES["unknown-change"],
                        story=told.story.id,
                        change=cited.id,
                        cycle=BY_ID[cited.cycle].name,
                        hint=hint,
                    ),
                    location=ctx.locate(
                        "methods",
                        "value_creation",
                        "stories",
                        told.index,
                        "cycles",
                        cited.key,
                        "changes",
                        cited.position,
                    ),
                )


def check_ids(ctx):
    first = {}
    for told in _stories(ctx):
        where = ctx.locate("methods", "value_creation", "stories", told.index, "id")
        if told.story.id in first:
            line = first[told.story.id].line if first[told.story.id] else None
            yield Finding(
                code="value_creation.duplicate-story",
                severity="error",
                message=fill(MESSAGES["duplicate-story"], story=told.story.id, line=line or "?"),
                location=where,
            )
        else:
            first[told.story.id] = where


@hookimpl
def impactkit_validations():
    return [
        Validation(
            id="value_creation.realised-without-applied",
            title=Text(en="Realised value rests on applied value", nl="Gerealiseerde waarde rust op toegepaste waarde"),
            check=check_realised,
        ),
        Validation(
            id="value_creation.unknown-stakeholder",
            title=Text(en="Stories are told by stakeholders", nl="Verhalen worden verteld door stakeholders"),
            check=check_stakeholders,
        ),
        Validation(
            id="value_creation.unknown-change",
            title=Text(en="Stories cite existing changes", nl="Verhalen noemen bestaande veranderingen"),
            check=check_changes,
        ),
        Validation(
            id="value_creation.duplicate-story",
            title=Text(en="Each story has its own id", nl="Elk verhaal heeft een eigen id"),
            check=check_ids,
        ),
    ]


# -- metrics ----------------------------------------------------------------------------------------


def by_stakeholder(current, ctx):
    return {
        key: {"stories": len(current.of(key)), "cycles": current.cycle_counts(current.of(key))}
        for key in current.stakeholders
    }


def furthest(current, ctx):
    return {cycle: sum(1 for t in current.stories if t.furthest == cycle) for cycle in LOOP}


@hookimpl
def impactkit_metrics():
    return [
        Metric(
            id="value_creation.stories",
            title=Text(en="Value-creation stories", nl="Waardecreatieverhalen"),
            compute=with_state(lambda s, ctx: len(s.stories)),
        ),
        Metric(
            id="value_creation.cycles",
            title=Text(en="Stories per cycle of value creation", nl="Verhalen per cyclus van waardecreatie"),
            description=Text(
                en=f"For each cycle ({', '.join(IDS)}), how many stories tell of it.",
                nl=f"Per cyclus ({', '.join(IDS)}) hoeveel verhalen erover vertellen.",
            ),
            compute=with_state(lambda s, ctx: s.cycle_counts()),
        ),
        Metric(
            id="value_creation.by_stakeholder",
            title=Text(en="Stories and cycles per stakeholder", nl="Verhalen en cycli per stakeholder"),
            compute=with_state(by_stakeholder),
        ),
        Metric(
            id="value_creation.furthest",
            title=Text(en="How far the stories reach", nl="Hoe ver de verhalen reiken"),
            description=Text(
                en="For each cycle of the loop, how many stories reach it and go no further.",
                nl="Per cyclus van de lus hoeveel verhalen daar komen en niet verder.",
            ),
            compute=with_state(furthest),
        ),
        Metric(
            id="value_creation.realised_without_applied",
            title=Text(en="Realised value without applied value", nl="Gerealiseerde waarde zonder toegepaste waarde"),
            compute=with_state(lambda s, ctx: [t.story.id for t in s.stories if t.realised_without_applied]),
        ),
        Metric(
            id="value_creation.changes_cited",
            title=Text(en="Experienced changes the stories cite", nl="Ervaren veranderingen die de verhalen noemen"),
            compute=with_state(lambda s, ctx: len(s.cited_changes())),
        ),
    ]


# -- table, picture, report, step -----------------------------------------------------------------


@hookimpl
def impactkit_tables():
    return [
        Table(
            id="value_creation.matrix",
            title=Text(en="Value-creation matrix (stories × cycles)", nl="Waardecreatiematrix (verhalen × cycli)"),
            build=matrix_table,
        )
    ]


@hookimpl
def impactkit_visualisations():
    return [
        Visualisation(
            id="value_creation.matrix",
            kind="diagram",
            title=Text(en="Value-creation matrix", nl="Waardecreatiematrix"),
            dot=matrix_dot,
        )
    ]


@hookimpl
def impactkit_report_sections():
    return [
        ReportSection(
            id="value_creation.stories", title=TITLE, order=60, render=render, figures=("value_creation.matrix",)
        )
    ]


def step(ctx):
    current = state(ctx)
    if current is None:
        return StepStatus.not_applicable()
    missing = []
    if not current.stories:
        missing.append(MESSAGES["step-no-stories"])
    gaps = [t.story.id for t in current.stories if t.realised_without_applied]
    if gaps:
        missing.append(fill(MESSAGES["step-gap"], stories=Text(en=format_list(gaps, "en"), nl=format_list(gaps, "nl"))))
    if current.stories and not current.cited_changes():
        missing.append(MESSAGES["step-evidence"])
    return StepStatus.of(missing)


@hookimpl
def impactkit_steps():
    return [
        Step(
            id="value_creation.stories",
            number=4,
            title=Text(en="Value-creation stories", nl="Waardecreatieverhalen"),
            check=step,
        )
    ]

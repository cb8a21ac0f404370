"""The five steps of the PWMI approach ("Impact meten bij leren in de stad"), as status checks."""

from __future__ import annotations

from impactkit.plugin import Step, StepStatus, Text, catalog, fill, format_list

from .figures import reporting

WORDS = catalog(
    [
        ("changes-from", "changes from {names}", "veranderingen van {names}"),
        ("unknown-evidence", "evidence that exists (unknown: {ids})", "bewijs dat bestaat (onbekend: {ids})"),
    ]
)


def _listed(items: list[str]) -> Text:
    """``items`` as a list in running text, in each language."""
    return Text.per_language(lambda lang: format_list(items, lang))


def _question(ctx) -> StepStatus:
    missing = []
    if not ctx.study.question:
        missing.append(Text(en="the question articulation ('question')", nl="de vraagarticulatie ('question')"))
    if not ctx.study.route:
        missing.append(
            Text(
                en="the route choice ('route': linear, nonlinear or both)",
                nl="de routekeuze ('route': linear, nonlinear of both)",
            )
        )
    return StepStatus.of(missing)


def _scope(ctx) -> StepStatus:
    missing = []
    if ctx.study.scope is None or not ctx.study.scope.include:
        missing.append(Text(en="what is in scope ('scope.include')", nl="wat binnen de scope valt ('scope.include')"))
    if ctx.study.scope is None or not ctx.study.scope.exclude:
        missing.append(
            Text(en="what is out of scope ('scope.exclude')", nl="wat buiten de scope valt ('scope.exclude')")
        )
    if not ctx.study.stakeholders:
        missing.append(Text(en="the stakeholders ('stakeholders')", nl="de stakeholders ('stakeholders')"))
    return StepStatus.of(missing)


def _changes(ctx) -> StepStatus:
    """Route 2 (``nonlinear``, ``both``) rests on experienced changes: outcomes do not replace
    them. Route 1 (``linear``) may start from outcomes (the SROI plugin checks its impact map
    in a step of its own); without a route either will do."""
    missing = []
    if ctx.study.route in ("nonlinear", "both"):
        if not ctx.study.change_list:
            missing.append(
                Text(
                    en="experienced changes ('changes'; route 2 needs them, outcomes are not enough)",
                    nl="ervaren veranderingen ('changes'; route 2 heeft ze nodig, effecten alleen zijn niet genoeg)",
                )
            )
    elif not ctx.study.change_list and not ctx.study.outcomes:
        missing.append(
            Text(en="experienced changes ('changes') or outcomes", nl="ervaren veranderingen ('changes') of effecten")
        )
    reported = reporting(ctx.study)
    silent = [h.name for h in ctx.study.stakeholders if h.id not in reported]
    if ctx.study.change_list and silent:
        missing.append(fill(WORDS["changes-from"], names=_listed(silent)))
    return StepStatus.of(missing)


def _broader(ctx) -> StepStatus:
    missing = []
    if not ctx.study.outcomes and not ctx.study.impacts:
        missing.append(
            Text(en="derived effects ('outcomes' or 'impacts')", nl="afgeleide effecten ('outcomes' of 'impacts')")
        )
    if not any(h.helix for h in ctx.study.stakeholders):
        missing.append(Text(en="the helix of the stakeholders ('helix')", nl="de helix van de stakeholders ('helix')"))
    return StepStatus.of(missing)


def _decisions(ctx) -> StepStatus:
    missing = []
    if not ctx.study.decisions:
        missing.append(
            Text(en="conclusions and recommendations ('decisions')", nl="conclusies en aanbevelingen ('decisions')")
        )
    elif any(not d.evidence for d in ctx.study.decisions):
        missing.append(
            Text(
                en="the evidence each decision rests on ('evidence')",
                nl="het bewijs waarop elk besluit steunt ('evidence')",
            )
        )
    dangling = [e for d in ctx.study.decisions for e in d.evidence if e not in ctx.graph and e not in ctx.metric_ids]
    if dangling:
        missing.append(fill(WORDS["unknown-evidence"], ids=_listed(dangling)))
    return StepStatus.of(missing)


STEPS = [
    Step(
        id="core.step1",
        number=1,
        main=True,
        check=_question,
        title=Text(en="Question and route choice", nl="Vraagarticulatie en routekeuze"),
    ),
    Step(
        id="core.step2",
        number=2,
        main=True,
        check=_scope,
        title=Text(en="Scope and stakeholders", nl="Scope en stakeholders"),
    ),
    Step(id="core.step3", number=3, main=True, check=_changes, title=Text(en="Changes", nl="Veranderingen ophalen")),
    Step(
        id="core.step4",
        number=4,
        main=True,
        check=_broader,
        title=Text(en="Broader impact and helices", nl="Bredere impact en helices"),
    ),
    Step(id="core.step5", number=5, main=True, check=_decisions, title=Text(en="Decisions", nl="Besluitvorming")),
]

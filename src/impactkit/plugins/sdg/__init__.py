"""The ``sdg`` plugin: the Sustainable Development Goals a study's changes contribute to, and the helices.

Step 4 of the PWMI approach ("bredere impact: welke afgeleide effecten, welke helices?"). Reads
``methods.sdg`` (:class:`~impactkit.plugins.sdg.settings.SdgSettings`), the ``sdg`` column of the
changes and the stakeholders' ``helix``. Metrics (public ids):

* ``sdg.coded`` / ``sdg.uncoded`` — changes that do / do not contribute to any goal.
* ``sdg.goal_counts`` — ``{"1": changes, ..., "17": changes}``; a change counts once per goal.
* ``sdg.goals`` — the reached goal numbers (at least ``min_changes`` changes each), ascending.
* ``sdg.goals_reached`` — how many goals are reached (PWMI: 8).
* ``sdg.coverage`` — ``{reached, total, share, goals}``: "8 of 17" as data.
* ``sdg.by_group`` — per stakeholder group: ``{changes, coded, goal_counts, goals, goals_reached, helices}``.
* ``sdg.helices`` — per helix (all five): ``{stakeholders, changes, coded, goal_counts, goals, reached}``.
* ``sdg.helices_reached`` — how many helices contribute to a reached goal.
* ``sdg.goal_helix`` — reached goal → ``{helix: changes}``.
* ``sdg.connecting`` — reached goals that more than one helix contributes to → those helices.
* ``sdg.outcomes`` — the outcome/impact → goals mapping with its rationale and changes.

It also contributes the coder ``sdg`` (:mod:`.coding`) to ``impactkit code``: the Aurora SDG
queries (English) or impactkit's Dutch lexicon, with the words that triggered each goal.

See ``docs/plugins/sdg.md`` for the counting convention, the suggester and its benchmark.
"""

from __future__ import annotations

from typing import Any

from impactkit.plugin import (
    HELICES,
    HELIX_LABELS,
    Column,
    Finding,
    GraphEdge,
    GraphNode,
    Metric,
    PortfolioMetric,
    ReportSection,
    StudySection,
    Table,
    Text,
    Validation,
    Visualisation,
    did_you_mean,
    fill,
    format_list,
    helix_label,
    hookimpl,
    using,
)

from .column import COLUMN
from .settings import SdgSettings
from .state import state
from .text import MESSAGES, listed

__all__ = ["SdgSettings"]


_with_state = using(state)
"""Wraps ``fn(state, ctx, *args)``: ``None`` when the study does not use SDGs."""


# -- study section ---------------------------------------------------------------------------


@hookimpl
def impactkit_study_sections():
    return [
        StudySection(
            id="sdg",
            model=SdgSettings,
            template=TEMPLATE,
            routes=("linear", "nonlinear", "both"),
            columns=(COLUMN,),
            title=Text(en="Sustainable Development Goals", nl="Duurzameontwikkelingsdoelen (SDG's)"),
        )
    ]


TEMPLATE = Text(
    en="""\
codes_from: both           # a change's goals: its 'sdg' column (changes), its outcome's goals below (outcomes), or both
min_changes: 1             # how many changes a goal needs to count as reached
# helices: [education, civil_society, government]   # the helices you expect to reach
outcomes:                  # outcome id -> the goals it contributes to
  learning: {goals: [4], rationale: "learning in real situations is quality education (target 4.4)"}
""",
    nl="""\
codes_from: both           # de doelen van een verandering: kolom 'sdg' (changes), die van haar effect hieronder (outcomes), of beide
min_changes: 1             # hoeveel veranderingen een doel nodig heeft om als bereikt te tellen
# helices: [onderwijs, maatschappij, overheid]   # de helices die je verwacht te bereiken
outcomes:                  # effect-id -> de doelen waaraan het bijdraagt
  leren: {goals: [4], rationale: "leren in echte situaties is kwaliteitsonderwijs (subdoel 4.4)"}
""",
)


# -- graph -----------------------------------------------------------------------------------


@hookimpl
def impactkit_graph_elements(study, memo):
    from .analysis import goal_counts, stakeholder_goals
    from .goals import goal
    from .state import KEY, build

    current = memo(KEY, lambda: build(study))  # the run's state(ctx): built once
    if current is None:
        return []
    chain = {node.id for _, node in study.chain_nodes()}
    mapping = {key: value for key, value in current.settings.outcomes.items() if key in chain}
    counts = goal_counts(current.items)
    used = sorted({int(g) for g, n in counts.items() if n} | {g for value in mapping.values() for g in value.goals})
    elements: list[Any] = []
    for number in used:
        info = goal(number)
        elements.append(
            GraphNode(
                id=f"sdg:{number}",
                kind="sdg_goal",
                label=info.label("en"),
                attrs={
                    "label_nl": info.label("nl"),
                    "number": number,
                    "colour": info.colour,
                    "title": info.title_en,
                    "changes": counts[str(number)],
                },
            )
        )
    for key, value in mapping.items():
        for number in value.goals:
            elements.append(
                GraphEdge(
                    source=key, target=f"sdg:{number}", relation="contributes_to", attrs={"rationale": value.rationale}
                )
            )
    for holder, number, changes, via in stakeholder_goals(current.items):  # the changes, counted per stakeholder
        elements.append(
            GraphEdge(
                source=holder,
                target=f"sdg:{number}",
                relation="contributes_to",
                attrs={"changes": changes, "via": via},
            )
        )
    return elements


# -- validations -----------------------------------------------------------------------------


def _unknown_outcomes(ctx):
    current = state(ctx)
    if current is None:
        return
    known = {node.id: kind for kind, node in ctx.study.chain_nodes() if kind in ("outcome", "impact")}
    others = {node.id for kind, node in ctx.study.chain_nodes() if kind not in ("outcome", "impact")}
    for key in current.settings.outcomes:
        if key in known:
            continue
        hint = did_you_mean(key, known) or Text(en="", nl="")
        hint_en, hint_nl = hint.en, hint.nl
        what_en = "an activity or output, not an outcome or impact" if key in others else "not in the study"
        what_nl = "een activiteit of output, geen effect of impact" if key in others else "staat niet in de studie"
        yield Finding(
            code="sdg.unknown-outcome",
            severity="error",
            message=Text(
                en=f"methods.sdg.outcomes names '{key}', which is {what_en}{hint_en}",
                nl=f"methods.sdg.outcomes noemt '{key}', dat {what_nl}{hint_nl}"
                if key not in others
                else f"methods.sdg.outcomes noemt '{key}', dat is {what_nl}{hint_nl}",
            ),
            location=ctx.locate("methods", "sdg", "outcomes", key),
        )


def _no_helix(ctx):
    current = state(ctx)
    if current is None:
        return
    from .analysis import changes_per_stakeholder

    reporting = changes_per_stakeholder(current.items)
    for i, holder in enumerate(ctx.study.stakeholders):
        if holder.helix is None and reporting.get(holder.id):
            n = reporting[holder.id]
            yield Finding(
                code="sdg.no-helix",
                severity="warning",
                message=fill(
                    MESSAGES["no-helix"],
                    id=holder.id,
                    n=n,
                    helices=Text(
                        en=format_list(HELICES, "en", style="or"),
                        nl=format_list([helix_label(h, "nl") for h in HELICES], "nl", style="or"),
                    ),
                ),
                location=ctx.locate("stakeholders", i),
            )


def _thin_goals(ctx):
    current = state(ctx)
    if current is None:
        return
    from .analysis import first_coded, goal_counts
    from .goals import goal

    counts = goal_counts(current.items)
    minimum = current.min_changes
    named: dict[int, Any] = {
        number: ctx.locate_change(index, "sdg") for number, index in first_coded(current.items).items()
    }
    for key, value in current.settings.outcomes.items():
        for number in value.goals:
            named.setdefault(number, ctx.locate("methods", "sdg", "outcomes", key))
    for number in sorted(named):
        n = counts[str(number)]
        if n >= minimum:
            continue
        info = goal(number)
        yield Finding(
            code="sdg.thin-goal",
            severity="info",
            message=fill(
                MESSAGES["thin-goal"], goal=Text(en=info.label("en"), nl=info.label("nl")), n=n, minimum=minimum
            ),
            location=named[number],
        )


def _uncoded(ctx):
    current = state(ctx)
    if current is None:
        return
    from .analysis import uncoded_places

    rows, first, row = uncoded_places(current.items)
    if first is None or len(rows) == len(current.items) and not ctx.study.method("sdg"):
        return
    yield Finding(
        code="sdg.uncoded",
        severity="warning",
        message=fill(
            MESSAGES["uncoded-rows" if row else "uncoded-changes"],
            n=len(rows),
            total=fill(MESSAGES["changes"], n=len(current.items)),
            where=listed(rows, shown=10),
        ),
        location=ctx.locate_change(first, "sdg"),
    )


def _expected_helices(ctx):
    current = state(ctx)
    if current is None or not current.settings.helices:
        return
    from .analysis import helices

    table = helices(ctx.study, current.items, current.min_changes)
    for j, helix in enumerate(current.settings.helices):
        entry = table[helix]
        if entry["reached"]:
            continue
        name = HELIX_LABELS[helix]
        if not entry["stakeholders"]:
            why_en, why_nl = (
                "no stakeholder of the study has this helix",
                "geen stakeholder van de studie heeft deze helix",
            )
        elif not entry["changes"]:
            why_en, why_nl = "its stakeholders report no changes", "de stakeholders ervan melden geen veranderingen"
        else:
            why_en = "none of its changes contributes to a reached goal"
            why_nl = "geen van de veranderingen ervan draagt bij aan een bereikt doel"
        yield Finding(
            code="sdg.helix-not-reached",
            severity="warning",
            message=Text(
                en=f"the study expects the helix {name.en}, but it is not reached: {why_en}",
                nl=f"de studie verwacht de helix {name.nl}, maar die wordt niet bereikt: {why_nl}",
            ),
            location=ctx.locate("methods", "sdg", "helices", j),
        )


def _ignored_codes(ctx):
    current = state(ctx)
    if current is None:
        return
    from .analysis import with_codes, with_mapped

    source = current.settings.codes_from
    if source == "outcomes":
        coded = with_codes(current.items)
        if coded:
            yield Finding(
                code="sdg.codes-ignored",
                severity="info",
                message=fill(MESSAGES["codes-ignored-outcomes"], n=coded),
                location=ctx.locate("methods", "sdg", "codes_from"),
            )
    elif source == "changes":
        mapped = with_mapped(current.items)
        if mapped:
            yield Finding(
                code="sdg.codes-ignored",
                severity="info",
                message=fill(MESSAGES["codes-ignored-changes"], n=mapped),
                location=ctx.locate("methods", "sdg", "codes_from"),
            )


def _query_sets(ctx):
    settings = ctx.study.method("sdg")
    if settings is None or not settings.query_sets:
        return
    from impactkit.plugin import StudyError

    from .querysets import load

    for i, name in enumerate(settings.query_sets):
        try:
            load(name, ctx.study.directory, ctx.read_rows, ctx.locate("methods", "sdg", "query_sets", i))
        except StudyError as exc:
            for problem in exc.problems:
                yield Finding(
                    code="sdg.query-sets", severity="error", message=problem.message, location=problem.location
                )


@hookimpl
def impactkit_validations():
    return [
        Validation(
            id="sdg.query-sets",
            check=_query_sets,
            title=Text(
                en="The SDG query sets can be read",
                nl="De SDG-zoekvraagsets zijn te lezen",
            ),
            explain=Text(
                en="A query set that cannot be read gives no suggestions; the figures rest only on the goals the "
                "study gives itself.",
                nl="Een zoekvraagset die niet te lezen is, geeft geen suggesties; de cijfers rusten alleen op de "
                "doelen die de studie zelf geeft.",
            ),
        ),
        Validation(
            id="sdg.unknown-outcome",
            check=_unknown_outcomes,
            title=Text(
                en="The SDG mapping names outcomes and impacts of the study",
                nl="De SDG-koppeling noemt effecten en impact van de studie",
            ),
            explain=Text(
                en="Goals linked to an outcome the study does not describe reach no change: they are missing from "
                "the SDG figures.",
                nl="Doelen die gekoppeld zijn aan een effect dat de studie niet beschrijft, bereiken geen "
                "verandering: ze ontbreken in de SDG-cijfers.",
            ),
        ),
        Validation(
            id="sdg.no-helix",
            check=_no_helix,
            title=Text(
                en="Stakeholders who report changes have a helix",
                nl="Stakeholders die veranderingen melden hebben een helix",
            ),
            explain=Text(
                en="Changes of a stakeholder without a helix count for the goals but for no helix, so the helices "
                "reached may be too few.",
                nl="Veranderingen van een stakeholder zonder helix tellen mee voor de doelen maar voor geen enkele "
                "helix; er kunnen dus te weinig helices bereikt lijken.",
            ),
        ),
        Validation(
            id="sdg.thin-goal",
            check=_thin_goals,
            title=Text(
                en="Every goal named rests on enough changes", nl="Elk genoemd doel rust op genoeg veranderingen"
            ),
            explain=Text(
                en="A goal named for fewer changes than the study asks does not count as reached; it is mentioned, "
                "not counted.",
                nl="Een doel dat bij minder veranderingen is genoemd dan de studie vraagt, telt niet als bereikt; "
                "het wordt genoemd, niet meegeteld.",
            ),
        ),
        Validation(
            id="sdg.uncoded",
            check=_uncoded,
            title=Text(en="Every change contributes to an SDG", nl="Elke verandering draagt bij aan een SDG"),
            explain=Text(
                en="Changes without a goal are left out of the SDG figures: the goals and helices reached rest on "
                "the other changes only.",
                nl="Veranderingen zonder doel tellen niet mee in de SDG-cijfers: de bereikte doelen en helices "
                "rusten alleen op de andere veranderingen.",
            ),
        ),
        Validation(
            id="sdg.helix-not-reached",
            check=_expected_helices,
            title=Text(en="The expected helices are reached", nl="De verwachte helices worden bereikt"),
            explain=Text(
                en="A helix the study expected is not among those reached; the figures show what was reached, not "
                "what was hoped for.",
                nl="Een helix die de studie verwachtte, hoort niet bij de bereikte; de cijfers tonen wat is bereikt, "
                "niet wat werd gehoopt.",
            ),
        ),
        Validation(
            id="sdg.codes-ignored",
            check=_ignored_codes,
            title=Text(en="Every SDG code given is counted", nl="Elke opgegeven SDG-code telt mee"),
            explain=Text(
                en="Some goals given are not counted, as the study chose (its own codes or its outcomes' goals); the "
                "figures rest on the other source.",
                nl="Sommige opgegeven doelen tellen niet mee, zoals de studie koos (de eigen codes of de doelen van "
                "de effecten); de cijfers rusten op de andere bron.",
            ),
        ),
    ]


# -- metrics ---------------------------------------------------------------------------------


def _metric_values():
    from . import analysis as a

    return {
        "coded": lambda s: a.n_coded(s.items),
        "uncoded": lambda s: len(s.items) - a.n_coded(s.items),
        "goal_counts": lambda s: a.goal_counts(s.items),
        "goals": lambda s: a.reached(s.items, s.min_changes),
        "goals_reached": lambda s: len(a.reached(s.items, s.min_changes)),
        "coverage": lambda s: a.coverage(s.items, s.min_changes),
        "by_group": lambda s: a.by_group(s.items, s.min_changes),
        "helices": lambda s: a.helices(s.study, s.items, s.min_changes),
        "helices_reached": lambda s: len(a.helices_reached(s.study, s.items, s.min_changes)),
        "goal_helix": lambda s: a.goal_helix(s.items, s.min_changes),
        "connecting": lambda s: a.connecting(s.items, s.min_changes),
        "outcomes": lambda s: a.outcome_table(s.study, s.settings, s.items) or None,
    }


_METRICS: list[tuple[str, Text, Text, str | None]] = [
    (
        "coded",
        Text(en="Changes contributing to an SDG", nl="Veranderingen die bijdragen aan een SDG"),
        Text(
            en="Changes with at least one goal (own code or via their outcome).",
            nl="Veranderingen met minstens één doel (eigen code of via hun effect).",
        ),
        "changes",
    ),
    (
        "uncoded",
        Text(en="Changes contributing to no SDG", nl="Veranderingen die aan geen SDG bijdragen"),
        Text(en="Changes without any goal.", nl="Veranderingen zonder doel."),
        "changes",
    ),
    (
        "goal_counts",
        Text(en="Changes per SDG", nl="Veranderingen per SDG"),
        Text(
            en="Goal number → changes contributing to it; a change counts once per goal.",
            nl="Doelnummer → veranderingen die eraan bijdragen; een verandering telt één keer per doel.",
        ),
        "changes",
    ),
    (
        "goals",
        Text(en="SDGs reached", nl="Bereikte SDG's"),
        Text(
            en="The goals with at least min_changes changes, ascending.",
            nl="De doelen met minstens min_changes veranderingen, oplopend.",
        ),
        None,
    ),
    (
        "goals_reached",
        Text(en="Number of SDGs reached", nl="Aantal bereikte SDG's"),
        Text(en="How many of the 17 goals are reached.", nl="Hoeveel van de 17 doelen worden bereikt."),
        "goals",
    ),
    (
        "coverage",
        Text(en="SDG coverage", nl="SDG-dekking"),
        Text(
            en="{reached, total: 17, share, goals}: e.g. 8 of 17.",
            nl="{reached, total: 17, share, goals}: bijv. 8 van de 17.",
        ),
        None,
    ),
    (
        "by_group",
        Text(en="SDG figures per stakeholder group", nl="SDG-cijfers per stakeholdergroep"),
        Text(
            en="changes, coded, goal_counts, goals, goals_reached, helices per stakeholder group.",
            nl="changes, coded, goal_counts, goals, goals_reached, helices per stakeholdergroep.",
        ),
        None,
    ),
    (
        "helices",
        Text(en="SDG figures per helix", nl="SDG-cijfers per helix"),
        Text(
            en="For each of the five helices: its stakeholders, their changes, the reached goals they contribute to, "
            "and whether it is reached.",
            nl="Voor elk van de vijf helices: de stakeholders, hun veranderingen, de bereikte doelen waaraan ze "
            "bijdragen "
            "en of de helix bereikt is.",
        ),
        None,
    ),
    (
        "helices_reached",
        Text(en="Number of helices reached", nl="Aantal bereikte helices"),
        Text(
            en="Helices with at least one change contributing to a reached goal.",
            nl="Helices met minstens één verandering die bijdraagt aan een bereikt doel.",
        ),
        "helices",
    ),
    (
        "goal_helix",
        Text(en="Changes per SDG and helix", nl="Veranderingen per SDG en helix"),
        Text(en="Reached goal → helix → changes.", nl="Bereikt doel → helix → veranderingen."),
        "changes",
    ),
    (
        "connecting",
        Text(en="SDGs that connect helices", nl="SDG's die helices verbinden"),
        Text(
            en="Reached goals that changes of more than one helix contribute to → those helices.",
            nl="Bereikte doelen waaraan veranderingen uit meer dan één helix bijdragen → die helices.",
        ),
        None,
    ),
    (
        "outcomes",
        Text(en="Outcomes and impacts mapped to SDGs", nl="Effecten en impact gekoppeld aan SDG's"),
        Text(
            en="methods.sdg.outcomes with the changes that name each outcome.",
            nl="methods.sdg.outcomes met de veranderingen die elk effect noemen.",
        ),
        None,
    ),
]


@hookimpl
def impactkit_metrics():
    values = _metric_values()

    def compute(key):
        return _with_state(lambda s, ctx: values[key](s))

    return [
        Metric(id=f"sdg.{key}", title=title, description=description, unit=unit, compute=compute(key))
        for key, title, description, unit in _METRICS
    ]


# -- tables ----------------------------------------------------------------------------------


def _lazy(module: str, function: str):
    """``module.function(state, lang)``, imported when first called; ``lang``: the one given, else the run's."""

    def call(s, ctx, lang=None):
        from importlib import import_module

        return getattr(import_module(f"{__name__}.{module}"), function)(s, lang or ctx.lang)

    return _with_state(call)


def _c(en: str, nl: str, kind: str = "text") -> Column:
    return Column(title=Text(en=en, nl=nl), kind=kind)


_GOAL = _c("SDG", "SDG", "count")
_NAME = _c("Name", "Naam")
_HELIX_COLUMNS = {h: Column(title=HELIX_LABELS[h], kind="count") for h in HELICES}


@hookimpl
def impactkit_tables():
    names = [
        (
            "goals",
            "goals_table",
            Text(en="Changes per SDG", nl="Veranderingen per SDG"),
            {
                "goal": _GOAL,
                "name": _NAME,
                "changes": _c("Changes", "Veranderingen", "count"),
                "reached": _c("Reached", "Bereikt"),
                "helices": _c("Helices", "Helices"),
            },
        ),
        (
            "goal_helix",
            "goal_helix",
            Text(en="Changes per SDG and helix", nl="Veranderingen per SDG en helix"),
            {"goal": _GOAL, "name": _NAME, **_HELIX_COLUMNS, "none": _c("No helix", "Geen helix", "count")},
        ),
        (
            "coding",
            "coding",
            Text(en="SDGs per change", nl="SDG's per verandering"),
            {
                "id": _c("Change", "Verandering"),
                "row": _c("Row", "Rij", "count"),
                "person": _c("Person", "Persoon"),
                "group": _c("Stakeholder group", "Stakeholdergroep"),
                "stakeholder": _c("Stakeholder", "Stakeholder"),
                "helix": _c("Helix (id)", "Helix (id)"),
                "helix_name": _c("Helix", "Helix"),
                "outcome": _c("Outcome", "Effect"),
                "codes": _c("Own codes", "Eigen codes"),
                "via_outcome": _c("Through the outcome", "Via het effect"),
                "goals": _c("Goals counted", "Getelde doelen"),
                "change": _c("Change as told", "Verandering zoals verteld"),
            },
        ),
    ]
    return [
        Table(id=f"sdg.{name}", title=title, build=_lazy("tables", function), columns=columns)
        for name, function, title, columns in names
    ]


# -- visualisations --------------------------------------------------------------------------


@hookimpl
def impactkit_visualisations():
    return [
        Visualisation(
            id="sdg.goals",
            kind="chart",
            chart=_lazy("views", "goals_chart"),
            title=Text(en="Changes per SDG", nl="Veranderingen per SDG"),
        ),
        Visualisation(
            id="sdg.helix_goals",
            kind="chart",
            chart=_lazy("views", "helix_goals_chart"),
            title=Text(en="Changes per helix and SDG", nl="Veranderingen per helix en SDG"),
        ),
        Visualisation(
            id="sdg.helices",
            kind="diagram",
            dot=_lazy("views", "helices_dot"),
            mermaid=_lazy("views", "helices_mermaid"),
            title=Text(en="Stakeholder groups, helices and SDGs", nl="Stakeholdergroepen, helices en SDG's"),
        ),
    ]


# -- report ----------------------------------------------------------------------------------


@hookimpl
def impactkit_report_sections():
    return [
        ReportSection(
            id="sdg.overview",
            order=40,
            part="summary",
            render=_lazy("report", "summary_section"),
            key_figures=_lazy("report", "key_figures"),
            title=Text(en="SDGs and helices reached", nl="Bereikte SDG's en helices"),
        ),
        ReportSection(
            id="sdg.summary",
            order=40,
            render=_lazy("report", "render"),
            figures=("sdg.goals", "sdg.helix_goals", "sdg.helices"),
            title=Text(en="Broader impact: SDGs and helices", nl="Bredere impact: SDG's en helices"),
        ),
        ReportSection(
            id="sdg.methods",
            order=40,
            part="methods",
            render=_lazy("report", "methods_section"),
            title=Text(en="How the SDGs were assigned", nl="Hoe de SDG's zijn toegekend"),
        ),
    ]


# -- step ------------------------------------------------------------------------------------


@hookimpl
def impactkit_steps():
    from .steps import STEPS

    return STEPS


# -- coder -----------------------------------------------------------------------------------


@hookimpl
def impactkit_coders():
    """``impactkit code STUDY --method sdg``: goals suggested by the Aurora queries or the Dutch lexicon."""
    from .coding import CODER

    return [CODER]


@hookimpl
def impactkit_portfolio_metrics():
    """In a portfolio (``impactkit portfolio``): SDG coverage (goals reached) and the helices reached."""
    from .goals import GOALS, goals

    names = {str(n): Text(en=g.label("en"), nl=g.label("nl")) for n, g in goals().items()}
    return [
        PortfolioMetric(
            id="sdg.goals",
            title=Text(en="SDGs reached", nl="Bereikte SDG's"),
            aggregate="members",
            kind="count",
            categories=tuple(str(g) for g in GOALS),
            labels=names,
        ),
        PortfolioMetric(
            id="sdg.helices",
            title=Text(en="Helices reached", nl="Bereikte helices"),
            aggregate="members",
            kind="count",
            field="reached",
            categories=HELICES,
            labels=dict(HELIX_LABELS),
        ),
    ]


# -- command ---------------------------------------------------------------------------------


@hookimpl
def impactkit_commands():
    """``impactkit sdg map``: the suggester on a file of texts, with the query sets chosen."""
    from impactkit.plugin import Command

    from .command import sdg

    return [Command(id="sdg", command=sdg)]

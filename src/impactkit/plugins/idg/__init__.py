"""The ``idg`` plugin: experienced changes coded with the Inner Development Goals (route 2).

Reads ``methods.idg`` (:class:`~impactkit.plugins.idg.settings.IdgSettings`) and the ``idg``
column of the changes. Metrics (public ids):

* ``idg.coded`` / ``idg.uncoded`` — changes with / without a valid IDG code.
* ``idg.dimension_counts`` — dimension → number of changes coded with it (a skill counts for its
  dimension; a change counts once per dimension).
* ``idg.dimension_shares`` — dimension → share of the coded changes.
* ``idg.skill_counts`` — skill → number of changes coded with that skill.
* ``idg.group_shares`` — share of the coded changes in each named group of dimensions
  (``methods.idg.groups``), each change counted once.
* ``idg.by_group`` / ``idg.by_role`` — all of the above per stakeholder group / per role.
* ``idg.top_changes`` — per stakeholder group the top themes (``methods.idg.rank_by``, ``top``),
  each with its representative quote.
* ``idg.reliability`` — Cohen's kappa, Krippendorff's alpha and agreement between coders, overall
  and per dimension, when changes are double coded (rows sharing an ``id``).

It also contributes the coder ``idg`` (:mod:`.coding`) to the core's ``impactkit code`` command:
lexicon suggestions for uncoded changes, accepted by a researcher.

See ``docs/plugins/idg.md`` for the counting convention and the suggester.
"""

from __future__ import annotations

from impactkit.plugin import (
    Column,
    Finding,
    Metric,
    PortfolioMetric,
    ReportSection,
    Step,
    StepStatus,
    StudySection,
    Table,
    Text,
    Validation,
    Visualisation,
    catalog,
    fill,
    format_count,
    format_list,
    hookimpl,
    using,
    you_meant,
)

from .column import COLUMN
from .settings import IdgSettings
from .state import state

__all__ = ["IdgSettings"]


MESSAGES = catalog(
    [
        (
            "uncoded-rows",
            (
                "{n} of {total} has no IDG code (row {where}); `impactkit code STUDY --method idg` suggests codes",
                "{n} of {total} have no IDG code (rows {where}); `impactkit code STUDY --method idg` suggests codes",
            ),
            (
                "{n} van de {total} heeft geen IDG-code (rij {where}); `impactkit code STUDIE --method idg` stelt codes voor",
                "{n} van de {total} hebben geen IDG-code (rijen {where}); `impactkit code STUDIE --method idg` stelt "
                "codes voor",
            ),
        ),
        (
            "uncoded-changes",
            (
                "{n} of {total} has no IDG code (change {where}); `impactkit code STUDY --method idg` suggests codes",
                "{n} of {total} have no IDG code (changes {where}); `impactkit code STUDY --method idg` suggests codes",
            ),
            (
                "{n} van de {total} heeft geen IDG-code (verandering {where}); `impactkit code STUDIE --method idg` "
                "stelt codes voor",
                "{n} van de {total} hebben geen IDG-code (veranderingen {where}); `impactkit code STUDIE --method idg` "
                "stelt codes voor",
            ),
        ),
        ("more", ("{n} more", "{n} more"), ("nog {n}", "nog {n}")),
        (
            "step-no-changes",
            "experienced changes to code",
            "ervaren veranderingen om te coderen",
        ),
        (
            "step-uncoded",
            (
                "an IDG code for {n} change (impactkit can suggest it)",
                "IDG codes for {n} changes (impactkit can suggest them)",
            ),
            (
                "een IDG-code voor {n} verandering (impactkit kan die voorstellen)",
                "IDG-codes voor {n} veranderingen (impactkit kan ze voorstellen)",
            ),
        ),
    ]
)

CHANGE_WORDS = (Text(en="change", nl="verandering"), Text(en="changes", nl="veranderingen"))
"""A change and changes, for :func:`~impactkit.plugin.format_count`."""

_with_state = using(state)
"""Wraps ``fn(state, ctx, *args)``: ``None`` when the study does not use IDG."""


# -- study section ---------------------------------------------------------------------------


@hookimpl
def impactkit_study_sections():
    return [
        StudySection(
            id="idg",
            model=IdgSettings,
            template=TEMPLATE,
            routes=("nonlinear", "both"),
            columns=(COLUMN,),
            title=Text(en="Inner Development Goals", nl="Inner Development Goals"),
        )
    ]


TEMPLATE = Text(
    en="""\
framework: idg-2021        # codes in the 'idg' column: a dimension (Being ... Acting) or one of its skills
rank_by: people            # top changes per group by: people, importance or people_x_importance
top: 3
groups:                    # the share of named groups of dimensions
  collaborating and connecting: [Relating, Collaborating]
""",
    nl="""\
framework: idg-2021        # codes in de kolom 'idg': een dimensie (Zijn ... Handelen) of een van haar vaardigheden
rank_by: people            # belangrijkste veranderingen per groep op: people, importance of people_x_importance
top: 3
groups:                    # het aandeel van benoemde groepen dimensies
  samenwerken en verbinden: [Verbinden, Samenwerken]
""",
)


# -- graph -----------------------------------------------------------------------------------


@hookimpl
def impactkit_graph_elements(study, memo):
    from .state import KEY, build, graph_elements

    current = memo(KEY, lambda: build(study))  # the run's state(ctx): built once
    return [] if current is None else graph_elements(current)


# -- validations -----------------------------------------------------------------------------


def _unknown_codes(ctx):
    current = state(ctx)
    if current is None:
        return
    from .analysis import code_problems

    fw = current.framework
    for index, code, res in code_problems(current.records, fw, lambda r: bool(str(r.code).strip()) and not r.ok):
        hint = (
            you_meant(*res.did_you_mean)
            if res.did_you_mean
            else Text(en=f"; the codes are {fw.options('en')}", nl=f"; de codes zijn {fw.options('nl')}")
        )
        part = f" ('{res.unknown}')" if res.unknown and res.unknown != code.strip() else ""
        yield Finding(
            code="idg.unknown-code",
            severity="error",
            message=Text(
                en=f"'{code}'{part} is not a dimension or skill of {fw.id}{hint.en}",
                nl=f"'{code}'{part} is geen dimensie of vaardigheid van {fw.id}{hint.nl}",
            ),
            location=ctx.locate_change(index, "idg"),
        )


def _wrong_dimension(ctx):
    current = state(ctx)
    if current is None:
        return
    from .analysis import code_problems

    fw = current.framework
    for index, code, res in code_problems(current.records, fw, lambda r: r.wrong_dimension):
        yield Finding(
            code="idg.skill-dimension",
            severity="warning",
            message=Text(
                en=f"'{code}': {res.skill} belongs to {res.dimension}, not {res.stated_dimension}; "
                f"it is counted under {res.dimension}",
                nl=f"'{code}': {fw.label(res.skill, 'nl')} hoort bij {fw.label(res.dimension, 'nl')}, "
                f"niet bij {fw.label(res.stated_dimension, 'nl')}; het telt mee bij "
                f"{fw.label(res.dimension, 'nl')}",
            ),
            location=ctx.locate_change(index, "idg"),
        )


def _uncoded(ctx):
    current = state(ctx)
    if current is None:
        return
    from .analysis import without_codes

    rows, first, row = without_codes(current.coded)
    if first is None:
        return
    yield Finding(
        code="idg.uncoded",
        severity="warning",
        message=fill(
            MESSAGES["uncoded-rows" if row else "uncoded-changes"],
            n=len(rows),
            total=Text.per_language(lambda lang: format_count(len(current.coded), *CHANGE_WORDS, lang)),
            where=_first(rows),
        ),
        location=ctx.locate_change(first, "idg"),
    )


def _first(items: list[str], shown: int = 10) -> Text:
    """The first ``shown`` of ``items`` as a list in running text, and how many more there are."""

    def listed(lang: str) -> str:
        more = len(items) - shown
        head = items[:shown] + ([fill(MESSAGES["more"], n=more).get(lang)] if more > 0 else [])
        return format_list(head, lang)

    return Text.per_language(listed)


def _same_coder_twice(ctx):
    current = state(ctx)
    if current is None:
        return
    from .analysis import coders_twice

    for index, change_id, coder in coders_twice(current.records):
        yield Finding(
            code="idg.coder-twice",
            severity="warning",
            message=Text(
                en=f"change '{change_id}' is coded twice by '{coder}'; only the first coding counts for the reliability",
                nl=f"verandering '{change_id}' is twee keer gecodeerd door '{coder}'; alleen de eerste codering telt "
                f"mee voor de betrouwbaarheid",
            ),
            location=ctx.locate_change(index, "idg"),
        )


@hookimpl
def impactkit_validations():
    return [
        Validation(
            id="idg.unknown-code",
            check=_unknown_codes,
            title=Text(
                en="IDG codes are dimensions or skills of the framework",
                nl="IDG-codes zijn dimensies of vaardigheden van het raamwerk",
            ),
            explain=Text(
                en="A code that is not a dimension or skill of the framework is not counted: the change counts only "
                "for its other codes, or as uncoded, so the IDG figures may be too low.",
                nl="Een code die geen dimensie of vaardigheid van het raamwerk is, telt niet mee: de verandering telt "
                "alleen voor haar andere codes, of als ongecodeerd, dus de IDG-cijfers kunnen te laag zijn.",
            ),
        ),
        Validation(
            id="idg.skill-dimension",
            check=_wrong_dimension,
            title=Text(
                en="Skills are coded under their own dimension", nl="Vaardigheden staan onder hun eigen dimensie"
            ),
            explain=Text(
                en="A skill written under another dimension is counted under its own dimension, as the framework "
                "places it; the figures may differ from what the coder meant.",
                nl="Een vaardigheid die onder een andere dimensie is geschreven, telt mee bij haar eigen dimensie, "
                "zoals "
                "het raamwerk haar plaatst; de cijfers kunnen afwijken van wat de codeur bedoelde.",
            ),
        ),
        Validation(
            id="idg.uncoded",
            check=_uncoded,
            title=Text(en="Every change has an IDG code", nl="Elke verandering heeft een IDG-code"),
            explain=Text(
                en="Changes without a code are left out of the IDG figures: the counts and shares rest on the coded "
                "changes only.",
                nl="Veranderingen zonder code tellen niet mee in de IDG-cijfers: de aantallen en aandelen rusten "
                "alleen "
                "op de gecodeerde veranderingen.",
            ),
        ),
        Validation(
            id="idg.coder-twice",
            check=_same_coder_twice,
            title=Text(en="A coder codes a change once", nl="Een codeur codeert een verandering één keer"),
            explain=Text(
                en="Only a coder's first coding of a change counts for the agreement between coders; the other "
                "figures do not change.",
                nl="Alleen de eerste codering van een codeur telt mee voor de overeenstemming tussen codeurs; de "
                "andere "
                "cijfers veranderen niet.",
            ),
        ),
    ]


# -- metrics ---------------------------------------------------------------------------------


def _m(fn):
    return _with_state(lambda s, ctx: fn(s))


def _metric_values():
    from . import analysis as a

    return {
        "coded": lambda s: a.n_coded(s.coded),
        "uncoded": lambda s: len(s.coded) - a.n_coded(s.coded),
        "dimension_counts": lambda s: a.dimension_counts(s.coded, s.framework),
        "dimension_shares": lambda s: a.dimension_shares(s.coded, s.framework),
        "skill_counts": lambda s: a.skill_counts(s.coded, s.framework),
        "group_shares": lambda s: a.group_shares(s.coded, s.settings.groups),
        "by_group": lambda s: a.breakdown(s.coded, s.framework, "group", s.settings.groups),
        "by_role": lambda s: a.breakdown(s.coded, s.framework, "role", s.settings.groups),
        "top_changes": lambda s: a.top_changes(s.coded, s.framework, rank_by=s.settings.rank_by, top=s.settings.top),
        "reliability": lambda s: a.reliability(s.records, s.framework),
    }


_METRICS: list[tuple[str, Text, Text, str | None]] = [
    (
        "coded",
        Text(en="Coded changes", nl="Gecodeerde veranderingen"),
        Text(en="Changes with at least one valid IDG code.", nl="Veranderingen met minstens één geldige IDG-code."),
        None,
    ),
    (
        "uncoded",
        Text(en="Uncoded changes", nl="Ongecodeerde veranderingen"),
        Text(en="Changes without a valid IDG code.", nl="Veranderingen zonder geldige IDG-code."),
        None,
    ),
    (
        "dimension_counts",
        Text(en="Changes per IDG dimension", nl="Veranderingen per IDG-dimensie"),
        Text(
            en="A change counts once in every dimension it is coded with; a skill counts for its dimension.",
            nl="Een verandering telt één keer mee bij elke dimensie waarmee ze is gecodeerd; een vaardigheid telt "
            "mee bij haar dimensie.",
        ),
        "changes",
    ),
    (
        "dimension_shares",
        Text(
            en="Share of coded changes per IDG dimension", nl="Aandeel van de gecodeerde veranderingen per IDG-dimensie"
        ),
        Text(
            en="Dimension count divided by the number of coded changes.",
            nl="Aantal per dimensie gedeeld door het aantal gecodeerde veranderingen.",
        ),
        "share",
    ),
    (
        "skill_counts",
        Text(en="Changes per IDG skill", nl="Veranderingen per IDG-vaardigheid"),
        Text(
            en="Changes coded with the skill itself (a dimension-only code counts for no skill).",
            nl="Veranderingen gecodeerd met de vaardigheid zelf (een code met alleen de dimensie telt bij geen "
            "vaardigheid).",
        ),
        "changes",
    ),
    (
        "group_shares",
        Text(
            en="Share of coded changes per named group of dimensions",
            nl="Aandeel van de gecodeerde veranderingen per benoemde groep dimensies",
        ),
        Text(
            en="Changes with a code in any dimension of the group, each counted once, divided by the coded "
            "changes (methods.idg.groups).",
            nl="Veranderingen met een code in een van de dimensies van de groep, elk één keer geteld, gedeeld door "
            "de gecodeerde veranderingen (methods.idg.groups).",
        ),
        "share",
    ),
    (
        "by_group",
        Text(en="IDG figures per stakeholder group", nl="IDG-cijfers per stakeholdergroep"),
        Text(
            en="changes, coded, uncoded, dimension_counts, dimension_shares, skill_counts (and group_shares) "
            "per stakeholder group.",
            nl="changes, coded, uncoded, dimension_counts, dimension_shares, skill_counts (en group_shares) per "
            "stakeholdergroep.",
        ),
        None,
    ),
    (
        "by_role",
        Text(en="IDG figures per role", nl="IDG-cijfers per rol"),
        Text(en="The same figures per role.", nl="Dezelfde cijfers per rol."),
        None,
    ),
    (
        "top_changes",
        Text(en="Top changes per stakeholder group", nl="Belangrijkste veranderingen per stakeholdergroep"),
        Text(
            en="Themes ranked by methods.idg.rank_by, each with a representative quote.",
            nl="Thema's gerangschikt volgens methods.idg.rank_by, elk met een representatief citaat.",
        ),
        None,
    ),
    (
        "reliability",
        Text(en="Inter-rater reliability of the IDG coding", nl="Interbeoordelaarsbetrouwbaarheid van de IDG-codering"),
        Text(
            en="Cohen's kappa (two coders) and Krippendorff's alpha (nominal), overall and per dimension, over the "
            "changes coded by more than one coder.",
            nl="Cohens kappa (twee codeurs) en Krippendorffs alfa (nominaal), in totaal en per dimensie, over de "
            "veranderingen die door meer dan één codeur zijn gecodeerd.",
        ),
        None,
    ),
]


@hookimpl
def impactkit_metrics():
    values = _metric_values()
    return [
        Metric(id=f"idg.{key}", title=title, description=description, unit=unit, compute=_m(values[key]))
        for key, title, description, unit in _METRICS
    ]


# -- tables ----------------------------------------------------------------------------------


def _lazy_table(name: str):
    def build(s, ctx):
        from . import tables as t

        return getattr(t, name)(s, ctx.lang)

    return _with_state(build)


def _c(en: str, nl: str, kind: str = "text") -> Column:
    return Column(title=Text(en=en, nl=nl), kind=kind)


_DIMENSION = _c("Dimension", "Dimensie")
_LABEL = _c("Name", "Naam")
_CHANGES = _c("Changes", "Veranderingen", "count")
_GROUP = _c("Stakeholder group", "Stakeholdergroep")


def _dimension_columns() -> dict[str, Column]:
    """A column per dimension (named in English, as the tables name it): its name in both languages,
    counted changes."""
    from .framework import load_framework

    return {d.name: Column(title=Text(en=d.name, nl=d.name_nl), kind="count") for d in load_framework().dimensions}


def _breakdown_columns(by: Column) -> dict[str, Column]:
    """The columns of a breakdown: what is counted, the dimensions, and the share of the coded
    changes in each group of dimensions the study names (``share: <name>``)."""
    return {
        "changes": _CHANGES,
        "coded": _c("Coded", "Gecodeerd", "count"),
        "uncoded": _c("Uncoded", "Ongecodeerd", "count"),
        "group": by,
        "role": by,
        **_dimension_columns(),
        "share: {}": _c("Share: {}", "Aandeel: {}", "percent"),
    }


def _tables() -> list[tuple[str, Text, dict[str, Column]]]:
    """The tables: id (after ``idg.``), title and the columns as a reader sees them (``tables.xlsx``)."""
    return [
        (
            "dimensions",
            Text(en="Changes per IDG dimension", nl="Veranderingen per IDG-dimensie"),
            {
                "dimension": _DIMENSION,
                "label": _LABEL,
                "changes": _CHANGES,
                "share": _c("Share of the coded changes", "Aandeel van de gecodeerde veranderingen", "percent"),
            },
        ),
        (
            "skills",
            Text(en="Changes per IDG skill", nl="Veranderingen per IDG-vaardigheid"),
            {"skill": _c("Skill", "Vaardigheid"), "label": _LABEL, "dimension": _DIMENSION, "changes": _CHANGES},
        ),
        (
            "by_group",
            Text(en="IDG dimensions per stakeholder group", nl="IDG-dimensies per stakeholdergroep"),
            _breakdown_columns(_GROUP),
        ),
        (
            "by_role",
            Text(en="IDG dimensions per role", nl="IDG-dimensies per rol"),
            _breakdown_columns(_c("Role", "Rol")),
        ),
        (
            "top_changes",
            Text(en="Top changes per stakeholder group", nl="Belangrijkste veranderingen per stakeholdergroep"),
            {
                "group": _GROUP,
                "rank": _c("Rank", "Plaats", "count"),
                "theme": _c("Change", "Verandering"),
                "people": _c("People", "Mensen", "count"),
                "changes": _CHANGES,
                "mean_importance": _c("Mean importance", "Gemiddeld belang", "number"),
                "score": _c("Score", "Score", "number"),
                "dimensions": _c("Dimensions", "Dimensies"),
                "quote": _c("Quote", "Citaat"),
                "quote_kind": _c("Quote or statement", "Citaat of uitspraak"),
                "quote_by": _c("Quoted", "Geciteerd"),
                "example": _c("Example", "Voorbeeld"),
            },
        ),
        (
            "coding",
            Text(en="IDG coding per change", nl="IDG-codering per verandering"),
            {
                "id": _c("Change", "Verandering"),
                "row": _c("Row", "Rij", "count"),
                "person": _c("Person", "Persoon"),
                "role": _c("Role", "Rol"),
                "group": _GROUP,
                "theme": _c("Theme", "Thema"),
                "codes": _c("Codes as written", "Codes zoals geschreven"),
                "dimensions": _c("Dimensions", "Dimensies"),
                "skills": _c("Skills", "Vaardigheden"),
                "unknown": _c("Unknown codes", "Onbekende codes"),
            },
        ),
        (
            "confusion",
            Text(en="Coder against coder (IDG dimensions)", nl="Codeur tegen codeur (IDG-dimensies)"),
            _dimension_columns(),
        ),
    ]


@hookimpl
def impactkit_tables():
    return [
        Table(id=f"idg.{name}", title=title, build=_lazy_table(name), columns=columns)
        for name, title, columns in _tables()
    ]


# -- visualisations --------------------------------------------------------------------------


def _view(name: str):
    def draw(s, ctx, lang):
        from . import views

        return getattr(views, name)(s, lang)

    return _with_state(draw)


@hookimpl
def impactkit_visualisations():
    return [
        Visualisation(
            id="idg.dimensions",
            kind="chart",
            chart=_view("dimensions_chart"),
            title=Text(en="Changes per IDG dimension", nl="Veranderingen per IDG-dimensie"),
        ),
        Visualisation(
            id="idg.groups",
            kind="chart",
            chart=_view("groups_chart"),
            title=Text(en="IDG dimensions per stakeholder group", nl="IDG-dimensies per stakeholdergroep"),
        ),
        Visualisation(
            id="idg.themes",
            kind="diagram",
            dot=_view("themes_dot"),
            mermaid=_view("themes_mermaid"),
            title=Text(
                en="Stakeholder groups, themes and IDG dimensions", nl="Stakeholdergroepen, thema's en IDG-dimensies"
            ),
        ),
    ]


# -- report ----------------------------------------------------------------------------------


def _report(name: str):
    """``report.<name>(state, lang)``, imported when first called; ``None`` without IDG."""

    def call(s, ctx, lang):
        from . import report

        return getattr(report, name)(s, lang)

    return _with_state(call)


def _methods(s, ctx, lang):
    from impactkit.plugin import accepted_suggestions

    from .report import methods_section

    return methods_section(s, lang, accepted=frozenset(accepted_suggestions(ctx.study, "idg")))


@hookimpl
def impactkit_report_sections():
    return [
        ReportSection(
            id="idg.top",
            order=30,
            part="summary",
            render=_report("top_section"),
            title=Text(en="Top changes per stakeholder group", nl="Belangrijkste veranderingen per stakeholdergroep"),
        ),
        ReportSection(
            id="idg.distribution",
            order=31,
            part="summary",
            render=_report("distribution_section"),
            key_figures=_report("key_figures"),
            figures=("idg.dimensions",),
            title=Text(en="Inner Development Goals", nl="Inner Development Goals"),
        ),
        ReportSection(
            id="idg.summary",
            order=30,
            render=_report("render"),
            figures=("idg.groups", "idg.themes"),
            title=Text(en="Inner Development Goals", nl="Inner Development Goals"),
        ),
        ReportSection(
            id="idg.methods",
            order=30,
            part="methods",
            render=_with_state(_methods),
            title=Text(en="Coding with the Inner Development Goals", nl="Codering met de Inner Development Goals"),
        ),
    ]


# -- steps -----------------------------------------------------------------------------------


def _step(ctx) -> StepStatus:
    current = state(ctx)
    if current is None:
        if ctx.study.change_list and ctx.study.route in ("nonlinear", "both"):
            return StepStatus(
                done=False,
                missing=(
                    Text(
                        en="IDG codes for the changes ('idg' column) or a 'methods.idg' section",
                        nl="IDG-codes bij de veranderingen (kolom 'idg') of een sectie 'methods.idg'",
                    ),
                ),
            )
        return StepStatus.not_applicable()
    missing = []
    from .analysis import n_coded

    uncoded = len(current.coded) - n_coded(current.coded)
    if not current.coded:
        missing.append(MESSAGES["step-no-changes"])
    elif uncoded:
        missing.append(fill(MESSAGES["step-uncoded"], n=uncoded))
    return StepStatus.of(missing)


@hookimpl
def impactkit_steps():
    return [
        Step(
            id="idg.patterns",
            number=3,
            check=_step,
            title=Text(en="IDG patterns in the changes", nl="IDG-patronen in de veranderingen"),
        )
    ]


# -- coder -----------------------------------------------------------------------------------


@hookimpl
def impactkit_coders():
    """``impactkit code STUDY --method idg``: lexicon suggestions for uncoded changes."""
    from .coding import CODER

    return [CODER]


@hookimpl
def impactkit_portfolio_metrics():
    """In a portfolio (``impactkit portfolio``): the coded changes, and the IDG distribution across studies."""
    return [
        PortfolioMetric(
            id="idg.coded",
            title=Text(en="IDG-coded changes", nl="IDG-gecodeerde veranderingen"),
            aggregate="sum",
            kind="count",
        ),
        PortfolioMetric(
            id="idg.dimension_counts",
            title=Text(en="IDG dimensions", nl="IDG-dimensies"),
            aggregate="counts",
            kind="count",
        ),
    ]

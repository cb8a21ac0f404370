"""The SROI plugin: route 1 (linear) of the PWMI approach, a Social Return on Investment analysis.

It reads ``methods.sroi`` (an impact map inline or from a CSV/XLSX file, see
:mod:`impactkit.plugins.sroi.model`), computes the SROI figures as Social Value International's
guide and Value Map do, adds one-at-a-time sensitivity, switching values and a Monte Carlo
simulation, and checks the map against the seven SROI principles. ``docs/plugins/sroi.md``
describes the conventions.

Metrics (public ids): ``sroi.total_inputs``, ``sroi.present_value``, ``sroi.net_present_value``,
``sroi.ratio``, ``sroi.net_ratio``, ``sroi.payback_months``, ``sroi.value_by_stakeholder``,
``sroi.inputs_by_stakeholder``, ``sroi.ratio_by_stakeholder``, ``sroi.ratio_by_group``,
``sroi.by_year``, ``sroi.tornado``, ``sroi.break_even``, ``sroi.monte_carlo``,
``sroi.probability_ratio_below_1``.

Heavy libraries (numpy, pandas, matplotlib, openpyxl) are imported only when something is
computed, never when the plugin is loaded.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from impactkit.plugin import (
    Column,
    Command,
    Metric,
    PortfolioMetric,
    ReportSection,
    Step,
    StudySection,
    Table,
    Text,
    Validation,
    Visualisation,
    catalog,
    hookimpl,
    using,
)

from .model import SroiSettings

if TYPE_CHECKING:  # pragma: no cover
    from impactkit.plugin import Context

METRIC_WORDS = catalog(
    [
        ("total_inputs", "Total inputs", "Totale investering"),
        (
            "total_inputs-about",
            "Money and in-kind inputs, at year 0, undiscounted.",
            "Investeringen in geld en in natura, in jaar 0, niet verdisconteerd.",
        ),
        ("present_value", "Present value", "Contante waarde"),
        (
            "present_value-about",
            "Σ value in year t / (1 + r)^t over all outcomes, t from 1.",
            "Σ waarde in jaar t / (1 + r)^t over alle uitkomsten, t vanaf 1.",
        ),
        ("net_present_value", "Net present value", "Netto contante waarde"),
        ("net_present_value-about", "Present value minus total inputs.", "Contante waarde min totale investering."),
        ("ratio", "SROI ratio", "SROI-ratio"),
        ("ratio-about", "Present value / total inputs.", "Contante waarde / totale investering."),
        ("net_ratio", "Net SROI ratio", "Netto SROI-ratio"),
        ("net_ratio-about", "Net present value / total inputs.", "Netto contante waarde / totale investering."),
        ("payback_months", "Payback period", "Terugverdientijd"),
        (
            "payback_months-about",
            "Total inputs / (first-year value / 12); the first-year value is impact × min(duration, 1).",
            "Totale investering / (waarde in het eerste jaar / 12); die waarde is impact × min(duur, 1).",
        ),
    ]
)
"""Title and description (``<key>-about``) of each headline metric."""

SUMMARY_METRICS: tuple[tuple[str, str | None], ...] = (
    ("total_inputs", "currency"),
    ("present_value", "currency"),
    ("net_present_value", "currency"),
    ("ratio", None),
    ("net_ratio", None),
    ("payback_months", "months"),
)
"""The headline metrics ``sroi.<key>`` and their units."""


def _analysis(ctx: "Context") -> Any:
    from .checks import analysis_of

    return analysis_of(ctx)


def _summarised(ctx: "Context") -> Any:
    """The analysis when its impact map could be valued, else ``None``."""
    a = _analysis(ctx)
    return a if a is not None and a.summary is not None else None


def _simulated(ctx: "Context") -> Any:
    """The analysis when it ran a Monte Carlo simulation, else ``None``."""
    a = _analysis(ctx)
    return a if a is not None and a.monte_carlo is not None else None


_with_analysis = using(_analysis)
"""Wraps ``fn(analysis, ctx, *args)``: ``None`` when the study has no ``methods.sroi``."""


def _summary_metric(key: str) -> Any:
    return using(_summarised)(lambda a, ctx: a.summary[key])


def _by_stakeholder(field: str) -> Any:
    return using(_summarised)(lambda a, ctx: {r["stakeholder"]: float(r[field]) for r in a.by_stakeholder()})


_mc_stats = using(_simulated)(lambda a, ctx: dict(a.monte_carlo.stats))
_by_year = using(_summarised)(lambda a, ctx: a.by_year())
_ratio_by_stakeholder = using(_summarised)(lambda a, ctx: a.ratio_by_stakeholder())
_ratio_by_group = using(_summarised)(lambda a, ctx: a.ratio_by_group())


def _with_ratio(a: Any) -> Any:
    return a if a.summary.get("ratio") is not None else None


_tornado = using(_summarised)(lambda a, ctx: a.tornado_records() if _with_ratio(a) else None)
_break_even = using(_summarised)(lambda a, ctx: a.break_even_records() if _with_ratio(a) else None)


def _mc_below(ctx: "Context") -> Any:
    stats = _mc_stats(ctx)
    return None if not stats else stats.get("probability_below_1")


TEMPLATE = Text(
    en="""\
currency: EUR
discount_rate: 3.5%            # value in later years is discounted: year t counts 1 / (1 + r)^t
# valuation_year: 2025         # an evaluation over calendar years: rows and inputs then carry a year
monte_carlo: {draws: 10000, seed: 1}
# The impact map (Value Map): one row per outcome per stakeholder; or a CSV/XLSX file with
# impact_map: map.csv   (impactkit sroi template -o map.xlsx writes an empty one)
outcomes:
  - stakeholder: students
    outcome: learning
    indicator: "students who pass the practice assessment first time"   # how you see the change
    quantity: {value: 20, low: 15, high: 25}      # a range is varied in the sensitivity analysis
    duration: 1                                    # years the outcome lasts
    proxy: "cost of a remedial practice module per student"
    proxy_value: 400                               # money per unit of quantity, per year
    proxy_source: "replace with the source of your proxy"
    deadweight: 30%                # would have happened anyway
    displacement: 0%               # pushed other good outcomes aside
    attribution: 20%               # due to others than this work
    drop_off: 0%                   # lost each later year
""",
    nl="""\
currency: EUR
discount_rate: 3.5%            # waarde in latere jaren wordt verdisconteerd: jaar t telt 1 / (1 + r)^t
# valuation_year: 2025         # een evaluatie over kalenderjaren: rijen en investeringen krijgen dan een year
monte_carlo: {draws: 10000, seed: 1}
# De impactmap (Value Map): een rij per effect per stakeholder; of een CSV/XLSX-bestand met
# impact_map: map.csv   (impactkit sroi template -o map.xlsx schrijft een lege)
outcomes:
  - stakeholder: studenten
    outcome: leren
    indicator: "studenten die de praktijktoets in een keer halen"   # hoe je de verandering ziet
    quantity: {value: 20, low: 15, high: 25}      # een bereik wordt gevarieerd in de gevoeligheidsanalyse
    duration: 1                                    # jaren dat het effect duurt
    proxy: "kosten van een herkansingsmodule praktijk per student"
    proxy_value: 400                               # geld per eenheid van quantity, per jaar
    proxy_source: "vervang door de bron van je financiële proxy"
    deadweight: 30%                # was ook zonder dit werk gebeurd
    displacement: 0%               # heeft elders goede effecten verdrongen
    attribution: 20%               # komt door anderen dan dit werk
    drop_off: 0%                   # gaat elk volgend jaar verloren
""",
)


@hookimpl
def impactkit_study_sections() -> list[StudySection]:
    return [
        StudySection(
            id="sroi",
            model=SroiSettings,
            template=TEMPLATE,
            routes=("linear", "both"),
            title=Text(en="Social Return on Investment (route 1)", nl="Maatschappelijk rendement, SROI (route 1)"),
        )
    ]


@hookimpl
def impactkit_graph_elements(study: Any, graph: Any) -> list[Any]:
    """The impact map's rows as edges outcome → stakeholder (``valued_for``), so that a stakeholder
    who appears only in the map takes part in the study; an outcome the study does not list is
    added as an ``sroi_outcome`` node. Edges the study has already (``experienced_by``) are left."""
    settings = study.method("sroi")
    if settings is None:
        return []
    from impactkit.plugin import GraphEdge, GraphNode

    from .mapping import valued_pairs  # imported only for a study with an SROI section

    elements: list[Any] = []
    for outcome, holder, kind in valued_pairs(study, settings):
        source = outcome if kind is not None else f"sroi:{outcome}"
        if kind is None and not any(getattr(e, "id", None) == source for e in elements):
            elements.append(GraphNode(id=source, kind="sroi_outcome", label=outcome))
        if kind is not None and graph.has_edge(outcome, holder, key="experienced_by"):
            continue
        elements.append(GraphEdge(source=source, target=holder, relation="valued_for"))
    return elements


@hookimpl
def impactkit_metrics() -> list[Metric]:
    out = [
        Metric(
            id=f"sroi.{key}",
            title=METRIC_WORDS[key],
            description=METRIC_WORDS[f"{key}-about"],
            unit=unit,
            compute=_summary_metric(key),
        )
        for key, unit in SUMMARY_METRICS
    ]
    out += [
        Metric(
            id="sroi.value_by_stakeholder",
            title=Text(en="Present value per stakeholder", nl="Contante waarde per belanghebbende"),
            description=Text(
                en="Who gets the value: stakeholder id → present value.",
                nl="Wie de waarde krijgt: id van de belanghebbende → contante waarde.",
            ),
            unit="currency",
            compute=_by_stakeholder("present_value"),
        ),
        Metric(
            id="sroi.inputs_by_stakeholder",
            title=Text(en="Inputs per stakeholder", nl="Investering per belanghebbende"),
            description=Text(
                en="Who pays: stakeholder id → inputs.", nl="Wie betaalt: id van de belanghebbende → investering."
            ),
            unit="currency",
            compute=_by_stakeholder("inputs"),
        ),
        Metric(
            id="sroi.ratio_by_stakeholder",
            title=Text(en="SROI ratio per stakeholder", nl="SROI-ratio per belanghebbende"),
            description=Text(
                en="The value to each stakeholder against all inputs: stakeholder id → ratio.",
                nl="De waarde voor elke belanghebbende tegenover alle investeringen: id → ratio.",
            ),
            compute=_ratio_by_stakeholder,
        ),
        Metric(
            id="sroi.ratio_by_group",
            title=Text(en="SROI ratio per stakeholder group", nl="SROI-ratio per groep belanghebbenden"),
            description=Text(
                en="The value to each group (a stakeholder's group, else the stakeholder) against all inputs.",
                nl="De waarde voor elke groep (de groep van een belanghebbende, anders die zelf) tegenover alle "
                "investeringen.",
            ),
            compute=_ratio_by_group,
        ),
        Metric(
            id="sroi.by_year",
            title=Text(en="Value, inputs and ratio per year", nl="Waarde, investering en ratio per jaar"),
            description=Text(
                en="Per year (t from the valuation year; year: the calendar year): value and inputs as they are and "
                "brought to the valuation year, and the ratio of the year's value to its inputs.",
                nl="Per jaar (t vanaf het waarderingsjaar; year: het kalenderjaar): waarde en investering zoals ze "
                "zijn en omgerekend naar het waarderingsjaar, en de ratio van de waarde van het jaar tot de "
                "investering van dat jaar.",
            ),
            compute=_by_year,
        ),
        Metric(
            id="sroi.tornado",
            title=Text(en="One-at-a-time sensitivity (tornado)", nl="Eén-voor-één-gevoeligheid (tornado)"),
            description=Text(
                en="Per row the numbers varied (with where they are written), their range and the ratio at both "
                "ends; numbers of one outcome that move the ratio identically share a row.",
                nl="Per rij de gevarieerde getallen (met waar ze staan), hun bereik en de ratio aan beide kanten; "
                "getallen van één uitkomst die de ratio precies even veel bewegen delen een rij.",
            ),
            compute=_tornado,
        ),
        Metric(
            id="sroi.break_even",
            title=Text(en="Switching values (ratio 1:1)", nl="Omslagwaarden (ratio 1:1)"),
            description=Text(
                en="Per number the value at which the ratio is 1:1, everything else as it is.",
                nl="Per getal de waarde waarbij de ratio 1:1 is, terwijl de rest blijft zoals het is.",
            ),
            compute=_break_even,
        ),
        Metric(
            id="sroi.monte_carlo",
            title=Text(en="Monte Carlo distribution of the ratio", nl="Monte-Carloverdeling van de ratio"),
            description=Text(
                en="draws, seed, mean, sd, median, p5, p95, probability_below_1 and the present value.",
                nl="trekkingen, seed, gemiddelde, sd, mediaan, p5, p95, kans onder 1 en de contante waarde.",
            ),
            compute=_mc_stats,
        ),
        Metric(
            id="sroi.probability_ratio_below_1",
            title=Text(en="Probability that the ratio is below 1:1", nl="Kans dat de ratio onder 1:1 ligt"),
            unit="fraction",
            compute=_mc_below,
        ),
    ]
    return out


def _table(method: str, with_lang: bool = False) -> Any:
    def build(a: Any, ctx: "Context") -> Any:
        fn = getattr(a, method)
        return fn(ctx.lang) if with_lang else fn()

    return _with_analysis(build)


def _c(en: str, nl: str, kind: str = "text") -> Column:
    return Column(title=Text(en=en, nl=nl), kind=kind)  # type: ignore[arg-type]


_PV = _c("Present value", "Contante waarde", "money")
_SHARE = _c("Share of the value", "Aandeel in de waarde", "percent")
_RATIO = _c("Ratio", "Ratio", "number")


@hookimpl
def impactkit_tables() -> list[Table]:
    return [
        Table(
            id="sroi.value_map",
            build=_table("value_map_frame"),
            title=Text(
                en="Impact map with impact, value per year and present value",
                nl="Impactmap met impact, waarde per jaar en contante waarde",
            ),
            columns={
                "row": _c("Row", "Rij", "count"),
                "stakeholder": _c("Stakeholder", "Belanghebbende"),
                "outcome": _c("Outcome", "Uitkomst"),
                "indicator": _c("Indicator", "Indicator"),
                "year": _c("Year", "Jaar"),
                "quantity": _c("Quantity", "Aantal", "number"),
                "proxy_value": _c("Proxy value", "Waarde proxy", "money"),
                "deadweight": _c("Deadweight", "Deadweight", "percent"),
                "displacement": _c("Displacement", "Verplaatsing", "percent"),
                "attribution": _c("Attribution", "Attributie", "percent"),
                "haircut": _c("Haircut", "Correctie", "percent"),
                "drop_off": _c("Drop-off", "Afname", "percent"),
                "duration": _c("Duration (years)", "Looptijd (jaren)", "number"),
                "starts_after_years": _c("Starts after (years)", "Begint na (jaren)", "count"),
                "drop_off_starts": _c("Drop-off starts", "Afname begint"),
                "impact": _c("Impact per year", "Impact per jaar", "money"),
                "year_{}": _c("Value in year {}", "Waarde in jaar {}", "money"),
                "present_value": _PV,
                "share_of_value": _SHARE,
            },
        ),
        Table(
            id="sroi.by_stakeholder",
            build=_table("by_stakeholder_frame"),
            title=Text(en="Who gets the value, who pays", nl="Wie de waarde krijgt, wie betaalt"),
            columns={
                "stakeholder": _c("Stakeholder (id)", "Belanghebbende (id)"),
                "name": _c("Stakeholder", "Belanghebbende"),
                "inputs": _c("Inputs", "Investering", "money"),
                "inputs_in_kind": _c("Of which in kind", "Waarvan in natura", "money"),
                "impact": _c("Impact per year", "Impact per jaar", "money"),
                "present_value": _PV,
                "net_value": _c("Net value", "Netto waarde", "money"),
                "share_of_value": _SHARE,
                "ratio": _RATIO,
            },
        ),
        Table(
            id="sroi.by_outcome",
            build=_table("by_outcome_frame"),
            title=Text(en="Value per outcome", nl="Waarde per uitkomst"),
            columns={
                "outcome": _c("Outcome (id)", "Uitkomst (id)"),
                "name": _c("Outcome", "Uitkomst"),
                "stakeholders": _c("Stakeholders (ids)", "Belanghebbenden (ids)"),
                "stakeholder_names": _c("Stakeholders", "Belanghebbenden"),
                "impact": _c("Impact per year", "Impact per jaar", "money"),
                "present_value": _PV,
                "share_of_value": _SHARE,
            },
        ),
        Table(
            id="sroi.years",
            build=_table("years_frame"),
            title=Text(en="Value and present value per year", nl="Waarde en contante waarde per jaar"),
            columns={
                "year": _c("Year", "Jaar", "count"),
                "t": _c("Years from the valuation year", "Jaren na het waarderingsjaar", "count"),
                "value": _c("Value", "Waarde", "money"),
                "discount_factor": _c("Discount factor", "Disconteringsfactor", "number"),
                "present_value": _PV,
                "cumulative_present_value": _c("Cumulative present value", "Cumulatieve contante waarde", "money"),
                "inputs": _c("Inputs", "Investering", "money"),
                "present_inputs": _c("Inputs, present value", "Investering, contante waarde", "money"),
                "ratio": _RATIO,
            },
        ),
        Table(
            id="sroi.tornado",
            build=_table("tornado_frame", True),
            title=Text(en="One-at-a-time sensitivity (tornado)", nl="Eén-voor-één-gevoeligheid (tornado)"),
            columns={
                "assumption": _c("Assumption", "Aanname"),
                "stakeholder": _c("Stakeholder", "Belanghebbende"),
                "outcome": _c("Outcome", "Uitkomst"),
                "field": _c("Number", "Getal"),
                "base": _c("Base value", "Basiswaarde", "number"),
                "low": _c("Low", "Laag", "number"),
                "high": _c("High", "Hoog", "number"),
                "range_from": _c("Range from", "Bereik uit"),
                "ratio_low": _c("Ratio at low", "Ratio bij laag", "number"),
                "ratio_high": _c("Ratio at high", "Ratio bij hoog", "number"),
                "swing": _c("Swing of the ratio", "Uitslag van de ratio", "number"),
            },
        ),
        Table(
            id="sroi.break_even",
            build=_table("break_even_frame", True),
            title=Text(en="Switching values (ratio 1:1)", nl="Omslagwaarden (ratio 1:1)"),
            columns={
                "assumption": _c("Assumption", "Aanname"),
                "stakeholder": _c("Stakeholder", "Belanghebbende"),
                "outcome": _c("Outcome", "Uitkomst"),
                "field": _c("Number", "Getal"),
                "base": _c("Base value", "Basiswaarde", "number"),
                "switching_value": _c("Value for a ratio of 1", "Waarde voor ratio 1", "number"),
                "change": _c("Change needed", "Benodigde verandering", "percent"),
                "reachable": _c("Reachable", "Haalbaar"),
            },
        ),
        Table(
            id="sroi.monte_carlo",
            build=_table("monte_carlo_frame"),
            title=Text(en="Monte Carlo summary", nl="Samenvatting Monte Carlo"),
            columns={
                "statistic": _c("Statistic", "Maat"),
                "value": _c("Value", "Waarde", "number"),
            },
        ),
    ]


def _check(name: str) -> Any:
    def check(ctx: "Context") -> Any:
        from . import checks

        return getattr(checks, name)(ctx)

    return check


@hookimpl
def impactkit_validations() -> list[Validation]:
    return [
        Validation(
            id="sroi.impact-map",
            check=_check("check_map"),
            title=Text(en="The impact map can be read and computed", nl="De impactmap is leesbaar en te berekenen"),
            explain=Text(
                en="A map that cannot be read or computed gives no SROI figures, or figures without the rows it could not use.",
                nl="Een impactmap die niet te lezen of te berekenen is, geeft geen SROI-cijfers, of cijfers zonder de rijen die niet te gebruiken waren.",
            ),
        ),
        Validation(
            id="sroi.evidence",
            check=_check("check_evidence"),
            title=Text(
                en="Outcomes have indicators, proxies have sources (principles 3, 4, 6)",
                nl="Uitkomsten hebben indicatoren, proxy's hebben bronnen (principes 3, 4, 6)",
            ),
            explain=Text(
                en="An outcome without an indicator, or a proxy without a source, is valued on an assumption: the ratio is less well founded.",
                nl="Een uitkomst zonder indicator, of een proxy zonder bron, is gewaardeerd op een aanname: de ratio is minder goed onderbouwd.",
            ),
        ),
        Validation(
            id="sroi.over-claiming",
            check=_check("check_over_claiming"),
            title=Text(
                en="No over-claiming: deductions, duration, drop-off, double counting (principle 5)",
                nl="Niet te veel claimen: aftrekposten, duur, afname, dubbeltelling (principe 5)",
            ),
            explain=Text(
                en="Value that would have happened anyway, lasts too long or is counted twice makes the ratio too high.",
                nl="Waarde die er toch wel was geweest, te lang doorloopt of dubbel wordt geteld, maakt de ratio te hoog.",
            ),
        ),
        Validation(
            id="sroi.stakeholders",
            check=_check("check_stakeholders"),
            title=Text(
                en="Value goes to stakeholders in scope (principles 1, 4)",
                nl="Waarde gaat naar belanghebbenden binnen de scope (principes 1, 4)",
            ),
            explain=Text(
                en="Value for stakeholders outside the scope, or for none, is counted although the study does not look at them.",
                nl="Waarde voor belanghebbenden buiten de scope, of voor niemand, telt mee terwijl de studie niet naar hen kijkt.",
            ),
        ),
        Validation(
            id="sroi.inputs",
            check=_check("check_inputs"),
            title=Text(
                en="Inputs are complete and valued (principles 5, 6)",
                nl="Investeringen zijn volledig en gewaardeerd (principes 5, 6)",
            ),
            explain=Text(
                en="Inputs that are missing or not valued make the investment too small and the ratio too high.",
                nl="Investeringen die ontbreken of niet gewaardeerd zijn, maken de investering te klein en de ratio te hoog.",
            ),
        ),
        Validation(
            id="sroi.verify",
            check=_check("check_verify"),
            title=Text(
                en="The conclusion survives the stated uncertainty (principle 7)",
                nl="De conclusie houdt stand binnen de opgegeven onzekerheid (principe 7)",
            ),
            explain=Text(
                en="Within the stated uncertainty the ratio may fall below 1:1: the conclusion that the value exceeds the cost is not certain.",
                nl="Binnen de opgegeven onzekerheid kan de ratio onder 1:1 uitkomen: de conclusie dat de waarde de kosten overtreft, is niet zeker.",
            ),
        ),
    ]


@_with_analysis
def _dot(a: Any, ctx: "Context", lang: str) -> Any:
    from .charts import value_map_dot

    return value_map_dot(ctx, a, lang)


def _chart(name: str) -> Any:
    def draw(a: Any, ctx: "Context", lang: str) -> Any:
        from . import charts

        return getattr(charts, name)(a, lang)

    return _with_analysis(draw)


@hookimpl
def impactkit_visualisations() -> list[Visualisation]:
    return [
        Visualisation(
            id="sroi.value-map",
            kind="diagram",
            dot=_dot,
            title=Text(
                en="Value map: inputs, activities, outcomes and who gets the value",
                nl="Waardekaart: investeringen, activiteiten, uitkomsten en wie de waarde krijgt",
            ),
        ),
        Visualisation(
            id="sroi.by-stakeholder",
            kind="chart",
            chart=_chart("stakeholder_chart"),
            title=Text(en="Value and inputs per stakeholder", nl="Waarde en investering per belanghebbende"),
        ),
        Visualisation(
            id="sroi.tornado",
            kind="chart",
            chart=_chart("tornado_chart"),
            title=Text(
                en="Tornado: one-at-a-time sensitivity of the ratio",
                nl="Tornado: één-voor-één-gevoeligheid van de ratio",
            ),
        ),
        Visualisation(
            id="sroi.montecarlo",
            kind="chart",
            chart=_chart("monte_carlo_chart"),
            title=Text(en="Monte Carlo distribution of the SROI ratio", nl="Monte-Carloverdeling van de SROI-ratio"),
        ),
    ]


def _report(name: str) -> Any:
    """``report.<name>(analysis, lang)``, imported when first called; ``None`` without ``methods.sroi``."""

    def call(a: Any, ctx: "Context", lang: str) -> Any:
        from . import report

        return getattr(report, name)(a, lang)

    return _with_analysis(call)


@hookimpl
def impactkit_report_sections() -> list[ReportSection]:
    return [
        ReportSection(
            id="sroi.headline",
            order=50,
            part="summary",
            render=_report("summary_section"),
            key_figures=_report("key_figures"),
            title=Text(en="Social return on investment", nl="Maatschappelijk rendement"),
        ),
        ReportSection(
            id="sroi.report",
            order=40,
            render=_report("render"),
            figures=("sroi.value-map", "sroi.by-stakeholder", "sroi.tornado", "sroi.montecarlo"),
            title=Text(en="Social Return on Investment (route 1)", nl="Maatschappelijk rendement, SROI (route 1)"),
        ),
        ReportSection(
            id="sroi.methods",
            order=50,
            part="methods",
            render=_report("methods_section"),
            title=Text(en="How the social return was computed", nl="Hoe het maatschappelijk rendement is berekend"),
        ),
    ]


@hookimpl
def impactkit_steps() -> list[Step]:
    """Step 3 for route 1: whether the impact map is complete (``impactkit status``)."""
    from .steps import STEPS

    return list(STEPS)


@hookimpl
def impactkit_commands() -> list[Command]:
    from .cli import sroi

    return [Command(id="sroi", command=sroi)]


@hookimpl
def impactkit_portfolio_metrics() -> list[PortfolioMetric]:
    """In a portfolio (``impactkit portfolio``): each SROI ratio with its Monte Carlo 90% interval."""
    return [
        PortfolioMetric(
            id="sroi.ratio",
            title=Text(en="SROI ratio", nl="SROI-ratio"),
            aggregate="spread",
            kind="ratio",
            interval=("sroi.monte_carlo", "p5", "p95"),
        ),
        PortfolioMetric(
            id="sroi.present_value", title=Text(en="Present value", nl="Contante waarde"), aggregate="sum", kind="money"
        ),
    ]

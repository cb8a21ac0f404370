"""Checks of an SROI analysis, each citing the SROI principle it serves.

The seven principles (Social Value International): 1 involve stakeholders, 2 understand what
changes, 3 value the things that matter, 4 only include what is material, 5 do not over-claim,
6 be transparent, 7 verify the result.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from impactkit.plugin import Finding, Location, Text

from .formatting import percent, short
from .texts import FIELD_NAMES, principle

if TYPE_CHECKING:  # pragma: no cover
    from impactkit.plugin import Context

    from .analysis import Analysis
    from .mapping import Line

CAUSAL = frozenset({"produces", "leads_to"})
"""What "leads to" means for double counting: the chain from an outcome on (not ``invests_in``)."""
ROUTE_1: dict[str, Text] = {
    "linear": Text(
        en="the study follows route 1 (linear, an SROI analysis)",
        nl="de studie volgt route 1 (lineair, een SROI-analyse)",
    ),
    "both": Text(
        en="the study follows both routes, so route 1 (linear, an SROI analysis) too,",
        nl="de studie volgt beide routes, dus ook route 1 (lineair, een SROI-analyse),",
    ),
}


def analysis_of(ctx: "Context") -> "Analysis | None":
    """The run's :class:`Analysis` (``None`` when the study has no ``methods.sroi``)."""
    settings = ctx.method("sroi")
    if settings is None:
        return None

    def build() -> "Analysis":
        from .analysis import Analysis

        return Analysis(ctx.study, settings, lambda path: ctx.locate(*path), ctx.read_rows)  # type: ignore[arg-type]

    return ctx.memo("sroi.analysis", build)


def _finding(code: str, severity: str, en: str, nl: str, number: int | None, location: Location | None) -> Finding:
    if number is not None:
        en, nl = f"{en} {principle(number, 'en')}", f"{nl} {principle(number, 'nl')}"
    return Finding(code=code, severity=severity, message=Text(en=en, nl=nl), location=location)  # type: ignore[arg-type]


def _where(a: "Analysis", line: "Line", key: str | None = None) -> Location | None:
    return a.value_map.location(line, key, a.locate)


# -- the map itself --------------------------------------------------------------------------


def check_map(ctx: "Context") -> Iterator[Finding]:
    """Cells and rows that cannot be used: bad numbers, missing quantity or proxy, unknown stakeholders."""
    a = analysis_of(ctx)
    if a is None:
        if ctx.study.route in ("linear", "both"):
            follows = ROUTE_1[ctx.study.route]
            yield _finding(
                "sroi.no-map",
                "info",
                f"{follows.en} but has no impact map under 'methods.sroi' (`impactkit sroi template -o "
                "map.xlsx` writes one to fill in)",
                f"{follows.nl} maar heeft geen impactmap onder 'methods.sroi' (`impactkit sroi template "
                "-o map.xlsx` schrijft er een om in te vullen)",
                2,
                ctx.locate("route"),
            )
        return
    yield from a.value_map.problems
    if not a.value_map.lines and a.value_map.ok:
        yield _finding(
            "sroi.empty-map",
            "warning",
            "the impact map lists no outcomes, so there is nothing to value",
            "de impactmap bevat geen uitkomsten; er valt niets te waarderen",
            2,
            ctx.locate("methods", "sroi"),
        )
    elif not a.value_map.ok:
        yield _finding(
            "sroi.not-computed",
            "info",
            "the SROI figures are not computed until the errors in the impact map are fixed",
            "de SROI-cijfers worden pas berekend als de fouten in de impactmap zijn hersteld",
            None,
            ctx.locate("methods", "sroi"),
        )


# -- evidence and materiality ----------------------------------------------------------------


def check_evidence(ctx: "Context") -> Iterator[Finding]:
    """Outcomes without an indicator, proxies without a source or a description."""
    a = analysis_of(ctx)
    if a is None:
        return
    for line in a.value_map.lines:
        row = line.row
        name = f"'{line.outcome_name}' ({line.stakeholder_name})"
        if not row.indicator:
            yield _finding(
                "sroi.no-indicator",
                "warning",
                f"{name} has no indicator: say how you know the change happened",
                f"{name} heeft geen indicator: zeg hoe je weet dat de verandering plaatsvond",
                4,
                _where(a, line, "indicator"),
            )
        if row.proxy_value is not None and not row.proxy_source:
            yield _finding(
                "sroi.no-proxy-source",
                "warning",
                f"the financial proxy of {name} has no source: say where the value comes from",
                f"de financiële proxy van {name} heeft geen bron: zeg waar de waarde vandaan komt",
                6,
                _where(a, line, "proxy_source"),
            )
        if row.proxy_value is not None and not row.proxy:
            yield _finding(
                "sroi.no-proxy",
                "info",
                f"{name} has a proxy value but no description of what the value stands for",
                f"{name} heeft een proxywaarde maar geen beschrijving van waar die waarde voor staat",
                3,
                _where(a, line, "proxy"),
            )
        if row.proxy_value is not None and row.proxy_value.value < 0:
            yield _finding(
                "sroi.negative-outcome",
                "info",
                f"{name} is valued as a loss ({row.proxy_value.value:g} per unit) and lowers the ratio",
                f"{name} is gewaardeerd als verlies ({short(row.proxy_value.value, 'nl')} per eenheid) en "
                "verlaagt de ratio",
                2,
                _where(a, line, "proxy_value"),
            )


# -- over-claiming ---------------------------------------------------------------------------


def check_over_claiming(ctx: "Context") -> Iterator[Finding]:
    """Deductions left empty, long durations, missing drop-off, double counting."""
    a = analysis_of(ctx)
    if a is None:
        return
    for line in a.value_map.lines:
        row = line.row
        name = f"'{line.outcome_name}' ({line.stakeholder_name})"
        empty = [k for k in ("deadweight", "displacement", "attribution") if getattr(row, k) is None]
        if empty:
            listed_en = ", ".join(FIELD_NAMES[k].en for k in empty)
            listed_nl = ", ".join(FIELD_NAMES[k].nl for k in empty)
            yield _finding(
                "sroi.deduction-empty",
                "warning",
                f"{name}: {listed_en} left empty and counted as 0; if 0 is meant, write 0 so that it is "
                "a stated choice",
                f"{name}: {listed_nl} niet ingevuld en als 0 geteld; als 0 bedoeld is, vul dan 0 in zodat "
                "het een bewuste keuze is",
                5,
                _where(a, line, empty[0]),
            )
        duration = row.number("duration")
        if duration is None:
            yield _finding(
                "sroi.duration-empty",
                "info",
                f"{name} has no duration and is counted for 1 year",
                f"{name} heeft geen duur en telt voor 1 jaar",
                6,
                _where(a, line, "duration"),
            )
        elif duration > 5 and not row.justification:
            yield _finding(
                "sroi.long-duration",
                "warning",
                f"{name} lasts {duration:g} years, beyond 5, without a justification",
                f"{name} duurt {short(duration, 'nl')} jaar, langer dan 5, zonder onderbouwing",
                5,
                _where(a, line, "duration"),
            )
        elif duration < 1:
            share = percent(duration, "en", 0)
            yield _finding(
                "sroi.short-duration",
                "info",
                f"{name} lasts {duration:g} of a year: {share} of its first-year value is counted, in the "
                "present value and in the payback period",
                f"{name} duurt {short(duration, 'nl')} jaar: {percent(duration, 'nl', 0)} van de waarde "
                "in het eerste jaar telt mee, in de contante waarde en in de terugverdientijd",
                6,
                _where(a, line, "duration"),
            )
        if (duration or 1) > 1 and row.drop_off is None:
            yield _finding(
                "sroi.drop-off-empty",
                "warning",
                f"{name} lasts {duration:g} years but has no drop-off; write 0 if the value does not decline",
                f"{name} duurt {short(duration, 'nl')} jaar maar heeft geen afname (drop-off); vul 0 in "
                "als de waarde niet afneemt",
                5,
                _where(a, line, "drop_off"),
            )
    yield from _double_counting(ctx, a)


def _downstream(ctx: "Context", starts: set[str]) -> dict[str, set[str]]:
    """For each of ``starts``, every node its causal chain leads to (directly or not)."""
    from impactkit.plugin import downstream

    return {start: downstream(ctx.graph, start, relations=CAUSAL) for start in sorted(starts)}


def _double_counting(ctx: "Context", a: "Analysis") -> Iterator[Finding]:
    lines = a.value_map.lines
    seen: dict[tuple[str, str], "Line"] = {}
    for line in lines:
        key = (line.stakeholder_id, line.outcome_id)
        if key in seen:
            yield _finding(
                "sroi.double-counting",
                "warning",
                f"'{line.outcome_name}' is valued twice for {line.stakeholder_name}",
                f"'{line.outcome_name}' is twee keer gewaardeerd voor {line.stakeholder_name}",
                5,
                _where(a, line, "outcome"),
            )
        else:
            seen[key] = line
    downstream = _downstream(ctx, {line.outcome_id for line in lines if line.node_kind is not None})
    for line in lines:
        if line.node_kind is None:
            continue
        for other in lines:
            if other is line or other.stakeholder_id != line.stakeholder_id or other.node_kind is None:
                continue
            if other.outcome_id in downstream.get(line.outcome_id, ()):
                yield _finding(
                    "sroi.double-counting",
                    "warning",
                    f"'{line.outcome_name}' leads to '{other.outcome_name}' and both are valued for "
                    f"{line.stakeholder_name}: value the end of the chain only, or show they are distinct",
                    f"'{line.outcome_name}' leidt tot '{other.outcome_name}' en beide zijn gewaardeerd voor "
                    f"{line.stakeholder_name}: waardeer alleen het eind van de keten, of laat zien dat ze "
                    "verschillen",
                    5,
                    _where(a, other, "outcome"),
                )


# -- stakeholders in scope ---------------------------------------------------------------------


def check_stakeholders(ctx: "Context") -> Iterator[Finding]:
    """Outcomes valued for a stakeholder the study does not say experiences them; who is left out."""
    a = analysis_of(ctx)
    if a is None or not a.value_map.ok:
        return
    nodes = {node.id: node for _, node in ctx.study.chain_nodes()}
    for line in a.value_map.lines:
        node = nodes.get(line.outcome_id) if line.node_kind else None
        if node is not None and node.stakeholders and line.stakeholder_id not in node.stakeholders:
            yield _finding(
                "sroi.not-experienced",
                "warning",
                f"'{line.outcome_name}' is valued for {line.stakeholder_name}, but the study lists only "
                f"{', '.join(node.stakeholders)} as experiencing it",
                f"'{line.outcome_name}' is gewaardeerd voor {line.stakeholder_name}, maar volgens de "
                f"studie ervaren alleen {', '.join(node.stakeholders)} het",
                1,
                _where(a, line, "stakeholder"),
            )
    valued = {line.stakeholder_id for line in a.value_map.lines}
    paying = {item.stakeholder_id for item in a.value_map.inputs}
    for i, holder in enumerate(ctx.study.stakeholders):
        if holder.id not in valued and holder.id not in paying:
            yield _finding(
                "sroi.stakeholder-left-out",
                "info",
                f"stakeholder '{holder.id}' has no outcome in the impact map and no input; say why it is not material",
                f"belanghebbende '{holder.id}' heeft geen uitkomst in de impactmap en geen investering; "
                "zeg waarom die niet materieel is",
                4,
                ctx.locate("stakeholders", i, "id"),
            )
    mapped = {line.outcome_id for line in a.value_map.lines}
    for i, outcome in enumerate(ctx.study.outcomes):
        if outcome.id not in mapped:
            yield _finding(
                "sroi.outcome-not-valued",
                "info",
                f"outcome '{outcome.id}' is in the theory of change but not in the impact map",
                f"uitkomst '{outcome.id}' staat in de veranderingstheorie maar niet in de impactmap",
                4,
                ctx.locate("outcomes", i, "id"),
            )


# -- inputs ------------------------------------------------------------------------------------


def check_inputs(ctx: "Context") -> Iterator[Finding]:
    """No inputs, inputs without a value, in-kind inputs without a valuation basis."""
    a = analysis_of(ctx)
    if a is None:
        return
    inputs = a.value_map.inputs
    if not inputs or a.value_map.total_inputs <= 0:
        yield _finding(
            "sroi.no-inputs",
            "warning",
            "the analysis has no inputs with a value, so there is no SROI ratio; add the money and "
            "in-kind contributions under 'inputs'",
            "de analyse heeft geen investeringen met een waarde, dus geen SROI-ratio; voeg geld en "
            "bijdragen in natura toe onder 'inputs'",
            5,
            ctx.locate("inputs"),
        )
    for item in inputs:
        path = ("inputs", item.index) if item.source == "study" else ("methods", "sroi", "inputs", item.index)
        if item.value is None:
            yield _finding(
                "sroi.input-no-value",
                "warning",
                f"input '{item.name}' has no value and counts as 0",
                f"investering '{item.name}' heeft geen waarde en telt als 0",
                5,
                ctx.locate(*path),
            )
        if item.in_kind and not item.valuation:
            yield _finding(
                "sroi.in-kind-no-valuation",
                "warning",
                f"in-kind input '{item.name}' does not say how it was valued",
                f"investering in natura '{item.name}' zegt niet hoe die is gewaardeerd",
                6,
                ctx.locate(*path, "valuation"),
            )


# -- verify the result -------------------------------------------------------------------------


def check_verify(ctx: "Context") -> Iterator[Finding]:
    """Whether the conclusion (ratio above or below 1) survives the stated uncertainty."""
    a = analysis_of(ctx)
    if a is None or a.summary is None or a.summary["ratio"] is None:
        return
    ratio = a.summary["ratio"]
    from .sensitivity import oat_range

    for row in a.switching:
        p = row.param
        if p is None or row.value is None:
            continue
        if p.estimate.low is None and p.estimate.distribution is None:
            continue
        low, high, _ = oat_range(p.estimate, p.kind, a.settings.default_sensitivity)
        if low <= row.value <= high and row.value != row.base:
            label_en, label_nl = a.param_label(p, "en"), a.param_label(p, "nl")
            yield _finding(
                "sroi.fragile",
                "warning",
                f"the ratio crosses 1:1 within the stated range of {label_en} ({low:g}–{high:g}; "
                f"switching value {row.value:.4g}): verify this assumption first",
                f"de ratio gaat door 1:1 binnen het opgegeven bereik van {label_nl} ({short(low, 'nl')}–"
                f"{short(high, 'nl')}; omslagwaarde {short(row.value, 'nl', '.4g')}): verifieer deze "
                "aanname eerst",
                7,
                _param_location(ctx, a, p),
            )
    mc = a.monte_carlo
    if mc is not None and "probability_below_1" in mc.stats and ratio >= 1:
        prob = mc.stats["probability_below_1"]
        if prob >= 0.10:
            yield _finding(
                "sroi.uncertain-ratio",
                "warning",
                f"in {prob:.0%} of {mc.draws} Monte Carlo draws the ratio is below 1:1",
                f"in {prob:.0%} van {mc.draws} Monte-Carlotrekkingen ligt de ratio onder 1:1",
                7,
                ctx.locate("methods", "sroi"),
            )


def _param_location(ctx: "Context", a: "Analysis", p: object) -> Location | None:
    target = getattr(p, "target", None)
    if target == "row":
        line = a.value_map.lines[p.index]  # type: ignore[attr-defined]
        return _where(a, line, p.field)  # type: ignore[attr-defined]
    if target == "rate":
        return ctx.locate("methods", "sroi", "discount_rate")
    return ctx.locate("methods", "sroi", "inputs", a.value_map.inputs[p.index].index)  # type: ignore[attr-defined]

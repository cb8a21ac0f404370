"""Checks of an SROI analysis, each citing the SROI principle it serves.

The seven principles (Social Value International): 1 involve stakeholders, 2 understand what
changes, 3 value the things that matter, 4 only include what is material, 5 do not over-claim,
6 be transparent, 7 verify the result.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from impactkit.plugin import Finding, Location, Text, catalog, fill, format_list, format_number, format_percent

from .texts import LABELS, percent_text, principle

if TYPE_CHECKING:  # pragma: no cover
    from impactkit.plugin import Context

    from .analysis import Analysis
    from .mapping import Line

CAUSAL = frozenset({"produces", "leads_to"})
"""What "leads to" means for double counting: the chain from an outcome on (not ``invests_in``)."""

MESSAGES = catalog(
    [
        (
            "route-linear",
            "the study follows route 1 (linear, an SROI analysis)",
            "de studie volgt route 1 (lineair, een SROI-analyse)",
        ),
        (
            "route-both",
            "the study follows both routes, so route 1 (linear, an SROI analysis) too,",
            "de studie volgt beide routes, dus ook route 1 (lineair, een SROI-analyse),",
        ),
        (
            "no-map",
            "{follows} but has no impact map under 'methods.sroi' (`impactkit sroi template -o map.xlsx` writes "
            "one to fill in)",
            "{follows} maar heeft geen impactmap onder 'methods.sroi' (`impactkit sroi template -o map.xlsx` "
            "schrijft er een om in te vullen)",
        ),
        (
            "empty-map",
            "the impact map lists no outcomes, so there is nothing to value",
            "de impactmap bevat geen uitkomsten; er valt niets te waarderen",
        ),
        (
            "not-computed",
            "the SROI figures are not computed until the errors in the impact map are fixed",
            "de SROI-cijfers worden pas berekend als de fouten in de impactmap zijn hersteld",
        ),
        (
            "no-indicator",
            "{name} has no indicator: say how you know the change happened",
            "{name} heeft geen indicator: zeg hoe je weet dat de verandering plaatsvond",
        ),
        (
            "no-proxy-source",
            "the financial proxy of {name} has no source: say where the value comes from",
            "de financiële proxy van {name} heeft geen bron: zeg waar de waarde vandaan komt",
        ),
        (
            "no-proxy",
            "{name} has a proxy value but no description of what the value stands for",
            "{name} heeft een proxywaarde maar geen beschrijving van waar die waarde voor staat",
        ),
        (
            "negative-outcome",
            "{name} is valued as a loss ({value} per unit) and lowers the ratio",
            "{name} is gewaardeerd als verlies ({value} per eenheid) en verlaagt de ratio",
        ),
        (
            "deduction-empty",
            "{name}: {fields} left empty and counted as 0; if 0 is meant, write 0 so that it is a stated choice",
            "{name}: {fields} niet ingevuld en als 0 geteld; als 0 bedoeld is, vul dan 0 in zodat het een bewuste "
            "keuze is",
        ),
        (
            "duration-empty",
            "{name} has no duration and is counted for 1 year",
            "{name} heeft geen duur en telt voor 1 jaar",
        ),
        (
            "long-duration",
            "{name} lasts {years} years, beyond 5, without a justification",
            "{name} duurt {years} jaar, langer dan 5, zonder onderbouwing",
        ),
        (
            "short-duration",
            "{name} lasts {years} of a year: {share} of its first-year value is counted, in the present value and "
            "in the payback period",
            "{name} duurt {years} jaar: {share} van de waarde in het eerste jaar telt mee, in de contante waarde en "
            "in de terugverdientijd",
        ),
        (
            "drop-off-empty",
            "{name} lasts {years} years but has no drop-off; write 0 if the value does not decline",
            "{name} duurt {years} jaar maar heeft geen afname (drop-off); vul 0 in als de waarde niet afneemt",
        ),
        (
            "drop-off-idle",
            "the drop-off of {share} on {name} does not act: the outcome lasts one year and drop-off starts in the "
            "second year; write drop_off_starts: first_year if the first year's value is already reduced, or leave "
            "the drop-off out",
            "de afname (drop-off) van {share} bij {name} werkt niet: de uitkomst duurt één jaar en de afname begint "
            "in het tweede jaar; schrijf drop_off_starts: first_year als de waarde in het eerste jaar al afneemt, "
            "of laat de afname weg",
        ),
        (
            "valued-twice",
            "'{outcome}' is valued twice for {stakeholder}",
            "'{outcome}' is twee keer gewaardeerd voor {stakeholder}",
        ),
        (
            "leads-to",
            "'{outcome}' leads to '{other}' and both are valued for {stakeholder}: value the end of the chain "
            "only, or show they are distinct",
            "'{outcome}' leidt tot '{other}' en beide zijn gewaardeerd voor {stakeholder}: waardeer alleen het eind "
            "van de keten, of laat zien dat ze verschillen",
        ),
        (
            "not-experienced",
            "'{outcome}' is valued for {stakeholder}, but the study lists only {listed} as experiencing it",
            "'{outcome}' is gewaardeerd voor {stakeholder}, maar volgens de studie ervaren alleen {listed} het",
        ),
        (
            "stakeholder-left-out",
            "stakeholder '{id}' has no outcome in the impact map and no input; say why it is not material",
            "belanghebbende '{id}' heeft geen uitkomst in de impactmap en geen investering; zeg waarom die niet "
            "materieel is",
        ),
        (
            "outcome-not-valued",
            "outcome '{id}' is in the theory of change but not in the impact map",
            "uitkomst '{id}' staat in de veranderingstheorie maar niet in de impactmap",
        ),
        (
            "no-inputs",
            "the analysis has no inputs with a value, so there is no SROI ratio; add the money and in-kind "
            "contributions under 'inputs'",
            "de analyse heeft geen investeringen met een waarde, dus geen SROI-ratio; voeg geld en bijdragen in "
            "natura toe onder 'inputs'",
        ),
        (
            "input-no-value",
            "input '{name}' has no value and counts as 0",
            "investering '{name}' heeft geen waarde en telt als 0",
        ),
        (
            "in-kind-no-valuation",
            "in-kind input '{name}' does not say how it was valued",
            "investering in natura '{name}' zegt niet hoe die is gewaardeerd",
        ),
        (
            "fragile",
            "the ratio crosses 1:1 within the stated range of {label} ({low}–{high}; switching value {value}): "
            "verify this assumption first",
            "de ratio gaat door 1:1 binnen het opgegeven bereik van {label} ({low}–{high}; omslagwaarde {value}): "
            "verifieer deze aanname eerst",
        ),
        (
            "uncertain-ratio",
            "in {share} of {draws} Monte Carlo draws the ratio is below 1:1",
            "in {share} van {draws} Monte-Carlotrekkingen ligt de ratio onder 1:1",
        ),
    ]
)


def _number(value: float) -> Text:
    """A figure in each language's own notation."""
    return Text.per_language(lambda lang: format_number(value, lang))


def _share(value: float) -> Text:
    """A fraction as a percentage in each language's own notation."""
    return Text.per_language(lambda lang: percent_text(value, lang))


def _finding(code: str, severity: str, message: Text, number: int | None, location: Location | None) -> Finding:
    """A finding of ``code``; ``number``: the SROI principle it serves, named after the message."""
    if number is not None:
        tail = principle(number)
        message = Text(en=f"{message.en} {tail.en}", nl=f"{message.nl} {tail.nl}")
    return Finding(code=code, severity=severity, message=message, location=location)  # type: ignore[arg-type]


def analysis_of(ctx: "Context") -> "Analysis | None":
    """The run's :class:`Analysis` (``None`` when the study has no ``methods.sroi``)."""
    settings = ctx.method("sroi")
    if settings is None:
        return None

    def build() -> "Analysis":
        from .analysis import Analysis

        return Analysis(ctx.study, settings, lambda path: ctx.locate(*path), ctx.read_rows)  # type: ignore[arg-type]

    return ctx.memo("sroi.analysis", build)


def _where(a: "Analysis", line: "Line", key: str | None = None) -> Location | None:
    return a.value_map.location(line, key, a.locate)


def _name(line: "Line") -> str:
    return f"'{line.outcome_name}' ({line.stakeholder_name})"


# -- the map itself --------------------------------------------------------------------------


def check_map(ctx: "Context") -> Iterator[Finding]:
    """Cells and rows that cannot be used: bad numbers, missing quantity or proxy, unknown stakeholders."""
    a = analysis_of(ctx)
    if a is None:
        if ctx.study.route in ("linear", "both"):
            follows = MESSAGES[f"route-{ctx.study.route}"]
            yield _finding("sroi.no-map", "info", fill(MESSAGES["no-map"], follows=follows), 2, ctx.locate("route"))
        return
    yield from a.value_map.problems
    if not a.value_map.lines and a.value_map.ok:
        yield _finding("sroi.empty-map", "warning", MESSAGES["empty-map"], 2, ctx.locate("methods", "sroi"))  # type: ignore[arg-type]
    elif not a.value_map.ok:
        yield _finding(
            "sroi.not-computed",
            "info",
            MESSAGES["not-computed"],
            None,
            ctx.locate("methods", "sroi"),  # type: ignore[arg-type]
        )


# -- evidence and materiality ----------------------------------------------------------------


def check_evidence(ctx: "Context") -> Iterator[Finding]:
    """Outcomes without an indicator, proxies without a source or a description."""
    a = analysis_of(ctx)
    if a is None:
        return
    for line in a.value_map.lines:
        row = line.row
        name = _name(line)
        if not row.indicator:
            yield _finding(
                "sroi.no-indicator",
                "warning",
                fill(MESSAGES["no-indicator"], name=name),
                4,
                _where(a, line, "indicator"),
            )
        if row.proxy_value is not None and not row.proxy_source:
            yield _finding(
                "sroi.no-proxy-source",
                "warning",
                fill(MESSAGES["no-proxy-source"], name=name),
                6,
                _where(a, line, "proxy_source"),
            )
        if row.proxy_value is not None and not row.proxy:
            yield _finding("sroi.no-proxy", "info", fill(MESSAGES["no-proxy"], name=name), 3, _where(a, line, "proxy"))
        if row.proxy_value is not None and row.proxy_value.value < 0:
            yield _finding(
                "sroi.negative-outcome",
                "info",
                fill(MESSAGES["negative-outcome"], name=name, value=_number(row.proxy_value.value)),
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
        name = _name(line)
        empty = [k for k in ("deadweight", "displacement", "attribution") if getattr(row, k) is None]
        if empty:
            fields = Text.per_language(lambda lang: format_list([LABELS[k] for k in empty], lang))  # noqa: B023
            yield _finding(
                "sroi.deduction-empty",
                "warning",
                fill(MESSAGES["deduction-empty"], name=name, fields=fields),
                5,
                _where(a, line, empty[0]),
            )
        duration = row.number("duration")
        if duration is None:
            yield _finding(
                "sroi.duration-empty",
                "info",
                fill(MESSAGES["duration-empty"], name=name),
                6,
                _where(a, line, "duration"),
            )
        elif duration > 5 and not row.justification:
            yield _finding(
                "sroi.long-duration",
                "warning",
                fill(MESSAGES["long-duration"], name=name, years=_number(duration)),
                5,
                _where(a, line, "duration"),
            )
        elif duration < 1:
            share = Text.per_language(lambda lang: format_percent(duration, lang, decimals=0))  # noqa: B023
            yield _finding(
                "sroi.short-duration",
                "info",
                fill(MESSAGES["short-duration"], name=name, years=_number(duration), share=share),
                6,
                _where(a, line, "duration"),
            )
        if (
            row.drop_off is not None
            and row.drop_off.value > 0
            and (duration or 1) <= 1
            and not a.value_map.drop_off_first(line)
        ):
            yield _finding(
                "sroi.drop-off-idle",
                "info",
                fill(MESSAGES["drop-off-idle"], name=name, share=_share(row.drop_off.value)),
                5,
                _where(a, line, "drop_off"),
            )
        if (duration or 1) > 1 and row.drop_off is None:
            yield _finding(
                "sroi.drop-off-empty",
                "warning",
                fill(MESSAGES["drop-off-empty"], name=name, years=_number(duration)),  # type: ignore[arg-type]
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
    seen: dict[tuple[str, str, int | None], "Line"] = {}
    for line in lines:  # rows of one outcome in different calendar years are one outcome over years
        key = (line.stakeholder_id, line.outcome_id, line.row.year)
        if key in seen:
            yield _finding(
                "sroi.double-counting",
                "warning",
                fill(MESSAGES["valued-twice"], outcome=line.outcome_name, stakeholder=line.stakeholder_name),
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
                    fill(
                        MESSAGES["leads-to"],
                        outcome=line.outcome_name,
                        other=other.outcome_name,
                        stakeholder=line.stakeholder_name,
                    ),
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
            listed = Text.per_language(lambda lang: format_list(node.stakeholders, lang))  # noqa: B023
            yield _finding(
                "sroi.not-experienced",
                "warning",
                fill(
                    MESSAGES["not-experienced"],
                    outcome=line.outcome_name,
                    stakeholder=line.stakeholder_name,
                    listed=listed,
                ),
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
                fill(MESSAGES["stakeholder-left-out"], id=holder.id),
                4,
                ctx.locate("stakeholders", i, "id"),
            )
    mapped = {line.outcome_id for line in a.value_map.lines}
    for i, outcome in enumerate(ctx.study.outcomes):
        if outcome.id not in mapped:
            yield _finding(
                "sroi.outcome-not-valued",
                "info",
                fill(MESSAGES["outcome-not-valued"], id=outcome.id),
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
        yield _finding("sroi.no-inputs", "warning", MESSAGES["no-inputs"], 5, ctx.locate("inputs"))  # type: ignore[arg-type]
    for item in inputs:
        path = ("inputs", item.index) if item.source == "study" else ("methods", "sroi", "inputs", item.index)
        if item.value is None:
            yield _finding(
                "sroi.input-no-value", "warning", fill(MESSAGES["input-no-value"], name=item.name), 5, ctx.locate(*path)
            )
        if item.in_kind and not item.valuation:
            yield _finding(
                "sroi.in-kind-no-valuation",
                "warning",
                fill(MESSAGES["in-kind-no-valuation"], name=item.name),
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
            yield _finding(
                "sroi.fragile",
                "warning",
                fill(
                    MESSAGES["fragile"],
                    label=Text.per_language(lambda lang: a.param_label(p, lang)),  # noqa: B023
                    low=_number(low),
                    high=_number(high),
                    value=_number(row.value),
                ),
                7,
                _param_location(ctx, a, p),
            )
    mc = a.monte_carlo
    if mc is not None and "probability_below_1" in mc.stats and ratio >= 1:
        prob = mc.stats["probability_below_1"]
        if prob >= 0.10:
            share = Text.per_language(lambda lang: format_percent(prob, lang, decimals=0))
            yield _finding(
                "sroi.uncertain-ratio",
                "warning",
                fill(MESSAGES["uncertain-ratio"], share=share, draws=_number(mc.draws)),
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

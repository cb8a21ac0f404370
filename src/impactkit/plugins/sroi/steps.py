"""The SROI plugin's step for ``impactkit status``: is the impact map (Value Map) complete?

Route 1 (linear) turns step 3 of the approach into an impact map: for each outcome an indicator,
a quantity, a financial proxy with its value and source; and the inputs it is set against. The
step says what is still missing, outcome by outcome. For a study that follows route 2 only and
has no ``methods.sroi`` section, the step does not apply.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from impactkit.plugin import Step, StepStatus, Text, catalog, fill, format_list, plural

if TYPE_CHECKING:  # pragma: no cover
    from impactkit.plugin import Context

    from .mapping import Line

SHOWN = 3
"""How many outcomes a missing item names before it says how many more."""

MISSING = catalog(
    [
        ("indicator", "an indicator ('indicator') for {names}", "een indicator ('indicator') voor {names}"),
        ("quantity", "a quantity ('quantity') for {names}", "een aantal ('quantity') voor {names}"),
        ("proxy", "a financial proxy ('proxy') for {names}", "een financiële proxy ('proxy') voor {names}"),
        (
            "proxy_value",
            "the value of the proxy ('proxy_value') for {names}",
            "de waarde van de proxy ('proxy_value') voor {names}",
        ),
        (
            "proxy_source",
            "the source of the proxy ('proxy_source') for {names}",
            "de bron van de proxy ('proxy_source') voor {names}",
        ),
        ("more", ("{n} more", "{n} more"), ("nog {n}", "nog {n}")),
        ("input-value", "a value for the inputs {names}", "een waarde voor de investeringen {names}"),
        (
            "valuation",
            "how the in-kind inputs were valued ('valuation'): {names}",
            "hoe de investeringen in natura zijn gewaardeerd ('valuation'): {names}",
        ),
    ]
)
"""What a row lacks, per field (quantity and proxy_value are errors of the map as well, but are
listed here by outcome rather than counted among the errors)."""
FIELDS: tuple[str, ...] = ("indicator", "quantity", "proxy", "proxy_value", "proxy_source")
LISTED_ERRORS = frozenset({"sroi.missing-quantity", "sroi.missing-proxy-value"})


def _names(lines: list["Line"], lang: str) -> str:
    shown = [f"'{line.outcome_name}' ({line.stakeholder_name})" for line in lines[:SHOWN]]
    rest = len(lines) - SHOWN
    if rest > 0:
        shown.append(fill(MISSING["more"], n=rest).get(lang))
    return format_list(shown, lang)


def check(ctx: "Context") -> StepStatus:
    """What the impact map still lacks: errors, outcomes, evidence and values, inputs."""
    route = ctx.study.route
    if ctx.method("sroi") is None:
        if route not in ("linear", "both"):
            return StepStatus.not_applicable()
        return StepStatus(
            done=False,
            missing=(
                Text(
                    en="an impact map ('methods.sroi' with 'outcomes', or 'impact_map' naming a CSV/XLSX file; "
                    "`impactkit sroi template -o map.xlsx` writes one to fill in)",
                    nl="een impactmap ('methods.sroi' met 'outcomes', of 'impact_map' met een CSV/XLSX-bestand; "
                    "`impactkit sroi template -o map.xlsx` schrijft er een om in te vullen)",
                ),
            ),
        )
    from .checks import analysis_of

    value_map = analysis_of(ctx).value_map  # type: ignore[union-attr]
    missing: list[Text] = []
    errors = [p for p in value_map.problems if p.severity == "error" and p.code not in LISTED_ERRORS]
    if errors:
        missing.append(
            plural(
                len(errors),
                Text(
                    en="a fix for {n} error in the impact map (`impactkit validate` lists it)",
                    nl="herstel van {n} fout in de impactmap (`impactkit validate` noemt hem)",
                ),
                Text(
                    en="fixes for {n} errors in the impact map (`impactkit validate` lists them)",
                    nl="herstel van {n} fouten in de impactmap (`impactkit validate` noemt ze)",
                ),
            )
        )
    if not value_map.lines:
        missing.append(Text(en="outcomes in the impact map", nl="uitkomsten in de impactmap"))
    for field in FIELDS:
        lacking = [line for line in value_map.lines if getattr(line.row, field) in (None, "")]
        if lacking:
            names = Text.per_language(lambda lang: _names(lacking, lang))  # noqa: B023
            missing.append(fill(MISSING[field], names=names))
    if value_map.total_inputs <= 0:
        missing.append(
            Text(
                en="inputs with a value ('inputs': money and in-kind contributions)",
                nl="investeringen met een waarde ('inputs': geld en bijdragen in natura)",
            )
        )
    unvalued = [item.name for item in value_map.inputs if item.value is None]
    if unvalued and value_map.total_inputs > 0:
        missing.append(fill(MISSING["input-value"], names=Text.per_language(lambda lang: format_list(unvalued, lang))))
    basis = [item.name for item in value_map.inputs if item.in_kind and not item.valuation]
    if basis:
        missing.append(fill(MISSING["valuation"], names=Text.per_language(lambda lang: format_list(basis, lang))))
    return StepStatus.of(missing)


STEPS = [
    Step(
        id="sroi.value-map",
        number=3,
        check=check,
        title=Text(en="Impact map and valuation (SROI, route 1)", nl="Impactmap en waardering (SROI, route 1)"),
    ),
]

"""The SROI plugin's step for ``impactkit status``: is the impact map (Value Map) complete?

Route 1 (linear) turns step 3 of the approach into an impact map: for each outcome an indicator,
a quantity, a financial proxy with its value and source; and the inputs it is set against. The
step says what is still missing, outcome by outcome. For a study that follows route 2 only and
has no ``methods.sroi`` section, the step does not apply.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from impactkit.plugin import Step, StepStatus, Text, plural

if TYPE_CHECKING:  # pragma: no cover
    from impactkit.plugin import Context

    from .mapping import Line

SHOWN = 3
"""How many outcomes a missing item names before it says how many more."""

# (field of a row, what is missing in English, in Dutch); quantity and proxy_value are errors of the
# map as well, but are listed here by outcome rather than counted among the errors.
FIELDS: tuple[tuple[str, str, str], ...] = (
    ("indicator", "an indicator ('indicator')", "een indicator ('indicator')"),
    ("quantity", "a quantity ('quantity')", "een aantal ('quantity')"),
    ("proxy", "a financial proxy ('proxy')", "een financiële proxy ('proxy')"),
    ("proxy_value", "the value of the proxy ('proxy_value')", "de waarde van de proxy ('proxy_value')"),
    ("proxy_source", "the source of the proxy ('proxy_source')", "de bron van de proxy ('proxy_source')"),
)
LISTED_ERRORS = frozenset({"sroi.missing-quantity", "sroi.missing-proxy-value"})


def _names(lines: list["Line"], lang: str) -> str:
    shown = [f"'{line.outcome_name}' ({line.stakeholder_name})" for line in lines[:SHOWN]]
    rest = len(lines) - SHOWN
    if rest > 0:
        shown.append(f"{rest} more" if lang == "en" else f"nog {rest}")
    return ", ".join(shown)


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
    for field, en, nl in FIELDS:
        lacking = [line for line in value_map.lines if getattr(line.row, field) in (None, "")]
        if lacking:
            missing.append(Text(en=f"{en} for {_names(lacking, 'en')}", nl=f"{nl} voor {_names(lacking, 'nl')}"))
    if value_map.total_inputs <= 0:
        missing.append(
            Text(
                en="inputs with a value ('inputs': money and in-kind contributions)",
                nl="investeringen met een waarde ('inputs': geld en bijdragen in natura)",
            )
        )
    unvalued = [item.name for item in value_map.inputs if item.value is None]
    if unvalued and value_map.total_inputs > 0:
        missing.append(
            Text(
                en=f"a value for the inputs {', '.join(unvalued)}",
                nl=f"een waarde voor de investeringen {', '.join(unvalued)}",
            )
        )
    basis = [item.name for item in value_map.inputs if item.in_kind and not item.valuation]
    if basis:
        missing.append(
            Text(
                en=f"how the in-kind inputs were valued ('valuation'): {', '.join(basis)}",
                nl=f"hoe de investeringen in natura zijn gewaardeerd ('valuation'): {', '.join(basis)}",
            )
        )
    return StepStatus.of(missing)


STEPS = [
    Step(
        id="sroi.value-map",
        number=3,
        check=check,
        title=Text(en="Impact map and valuation (SROI, route 1)", nl="Impactmap en waardering (SROI, route 1)"),
    ),
]

"""Words of the SROI plugin in English and Dutch, and the seven SROI principles."""

from __future__ import annotations

from impactkit.plugin import Text, catalog

PRINCIPLES: dict[int, Text] = {
    1: Text(en="Involve stakeholders", nl="Betrek belanghebbenden"),
    2: Text(en="Understand what changes", nl="Begrijp wat er verandert"),
    3: Text(en="Value the things that matter", nl="Waardeer wat ertoe doet"),
    4: Text(en="Only include what is material", nl="Neem alleen op wat materieel is"),
    5: Text(en="Do not over-claim", nl="Claim niet te veel"),
    6: Text(en="Be transparent", nl="Wees transparant"),
    7: Text(en="Verify the result", nl="Verifieer het resultaat"),
}


def principle(number: int, lang: str) -> str:
    """``(SROI principle 5: Do not over-claim)`` in ``lang``."""
    word = "SROI-principe" if lang == "nl" else "SROI principle"
    return f"({word} {number}: {PRINCIPLES[number].get(lang)})"


WORDS = catalog(
    [
        ("title", "Social Return on Investment", "Maatschappelijk rendement (SROI)"),
        ("value-map", "Value Map", "Waardekaart"),
        (
            "map-subtitle",
            "Currency {currency} · discount rate {rate}% · base year {year} · made with impactkit",
            "Valuta {currency} · disconteringsvoet {rate}% · basisjaar {year} · gemaakt met impactkit",
        ),
        ("sheet-map", "Value Map", "Waardekaart"),
        ("sheet-inputs", "Inputs", "Investeringen"),
        ("sheet-calculation", "Calculation", "Berekening"),
        ("sheet-sensitivity", "Sensitivity", "Gevoeligheid"),
        ("sheet-settings", "Settings", "Instellingen"),
        ("stage-ranges", "Ranges and distributions (sensitivity)", "Bereiken en verdelingen (gevoeligheid)"),
        ("stage-results", "Results (computed by impactkit)", "Resultaten (berekend door impactkit)"),
        (
            "stage-extra",
            "Other columns (kept, not used in the calculation)",
            "Overige kolommen (bewaard, tellen niet mee in de berekening)",
        ),
        ("inputs", "Inputs (investment)", "Investeringen (inputs)"),
        ("calculation", "Calculating the social return", "Berekening van het maatschappelijk rendement"),
        ("sensitivity", "Sensitivity analysis", "Gevoeligheidsanalyse"),
        ("settings", "Settings", "Instellingen"),
        (
            "not-computed",
            "Not computed: the impact map has errors or no inputs.",
            "Niet berekend: de impactmap bevat fouten of er zijn geen investeringen.",
        ),
        ("col-stakeholder", "Stakeholder", "Belanghebbende"),
        ("col-outcome", "Outcome", "Uitkomst"),
        ("col-input", "Input", "Investering"),
        ("col-value", "Value", "Waarde"),
        ("col-in-kind", "In kind", "In natura"),
        ("col-valuation", "Valuation basis", "Waarderingsgrondslag"),
        ("col-assumption", "Assumption", "Aanname"),
        ("col-low", "Low", "Laag"),
        ("col-high", "High", "Hoog"),
        ("col-base", "Base value", "Basiswaarde"),
        ("col-ratio-low", "Ratio at low", "Ratio bij laag"),
        ("col-ratio-high", "Ratio at high", "Ratio bij hoog"),
        ("col-switch", "Value for a ratio of 1", "Waarde voor ratio 1"),
        ("col-change", "Change needed", "Benodigde verandering"),
        ("yes", "yes", "ja"),
        ("no", "no", "nee"),
        ("total", "Total", "Totaal"),
        ("year", "Year", "Jaar"),
        ("discount-factor", "Discount factor", "Disconteringsfactor"),
        ("discounted", "Present value per year", "Contante waarde per jaar"),
        ("tornado", "One at a time (tornado)", "Eén voor één (tornado)"),
        ("break-even", "Switching values (ratio 1:1)", "Omslagwaarden (ratio 1:1)"),
        ("monte-carlo", "Monte Carlo simulation", "Monte-Carlosimulatie"),
        (
            "mc-none",
            "No number has a range or distribution, so nothing was simulated.",
            "Geen enkel getal heeft een bereik of verdeling; er is niets gesimuleerd.",
        ),
        ("metric-total_inputs", "Total inputs", "Totale investering"),
        ("metric-present_value", "Present value", "Contante waarde"),
        ("metric-net_present_value", "Net present value", "Netto contante waarde"),
        ("metric-ratio", "SROI ratio", "SROI-ratio"),
        ("metric-net_ratio", "Net SROI ratio", "Netto SROI-ratio"),
        ("metric-payback_months", "Payback period (months)", "Terugverdientijd (maanden)"),
        ("unreachable", "not reachable", "niet bereikbaar"),
        ("total-inputs", "Total inputs", "Totale investering"),
        ("discount-rate", "Discount rate", "Disconteringsvoet"),
        ("activities", "Activities", "Activiteiten"),
        ("other-outcomes", "{n} other outcomes", "{n} andere uitkomsten"),
        ("other-outcome", "1 other outcome", "1 andere uitkomst"),
        ("map-inputs", "Inputs", "Investeringen"),
        ("map-activities", "Activities", "Activiteiten"),
        ("map-outcomes", "Outcomes (present value)", "Uitkomsten (contante waarde)"),
        ("map-stakeholders", "Who gets the value", "Wie de waarde krijgt"),
        ("inputs-short", "Inputs", "Investeringen"),
        ("value-per-stakeholder", "Value and inputs per stakeholder", "Waarde en investering per belanghebbende"),
        ("amount-axis", "Amount", "Bedrag"),
        ("ratio-axis", "SROI ratio", "SROI-ratio"),
        ("draws-axis", "Draws", "Trekkingen"),
        ("break-even-line", "ratio 1:1", "ratio 1:1"),
        ("base-ratio", "base ratio", "basisratio"),
    ]
)

FIELD_NAMES: dict[str, Text] = {
    "quantity": Text(en="quantity", nl="aantal"),
    "duration": Text(en="duration", nl="duur"),
    "proxy_value": Text(en="proxy value", nl="waarde proxy"),
    "deadweight": Text(en="deadweight", nl="deadweight"),
    "displacement": Text(en="displacement", nl="verplaatsing"),
    "attribution": Text(en="attribution", nl="attributie"),
    "drop_off": Text(en="drop-off", nl="afname (drop-off)"),
    "discount_rate": Text(en="discount rate", nl="disconteringsvoet"),
    "value": Text(en="value", nl="waarde"),
}

# Column names of the result tables and statistics, for the workbook and other readers.
LABELS: dict[str, Text] = catalog(
    [
        ("assumption", "Assumption", "Aanname"),
        ("stakeholder", "Stakeholder", "Belanghebbende"),
        ("outcome", "Outcome", "Uitkomst"),
        ("field", "Number", "Getal"),
        ("base", "Base value", "Basiswaarde"),
        ("low", "Low", "Laag"),
        ("high", "High", "Hoog"),
        ("range_from", "Range from", "Bereik uit"),
        ("ratio_low", "Ratio at low", "Ratio bij laag"),
        ("ratio_high", "Ratio at high", "Ratio bij hoog"),
        ("swing", "Swing", "Uitslag"),
        ("switching_value", "Value for a ratio of 1", "Waarde voor ratio 1"),
        ("change", "Change needed", "Benodigde verandering"),
        ("reachable", "Reachable", "Bereikbaar"),
        ("range", "range", "bereik"),
        ("distribution", "distribution", "verdeling"),
        ("default", "default ±", "standaard ±"),
        ("draws", "Draws", "Trekkingen"),
        ("seed", "Seed", "Seed"),
        ("uncertain", "Numbers drawn", "Getrokken getallen"),
        ("mean", "Mean ratio", "Gemiddelde ratio"),
        ("sd", "Standard deviation of the ratio", "Standaardafwijking van de ratio"),
        ("median", "Median ratio", "Mediaan van de ratio"),
        ("p5", "5th percentile of the ratio", "5e percentiel van de ratio"),
        ("p95", "95th percentile of the ratio", "95e percentiel van de ratio"),
        ("probability_below_1", "Probability that the ratio is below 1", "Kans dat de ratio onder 1 ligt"),
        ("present_value_mean", "Mean present value", "Gemiddelde contante waarde"),
        ("present_value_p5", "5th percentile of the present value", "5e percentiel van de contante waarde"),
        ("present_value_p95", "95th percentile of the present value", "95e percentiel van de contante waarde"),
        ("currency", "Currency", "Valuta"),
        ("discount_rate", "Discount rate", "Disconteringsvoet"),
        ("base_year", "Base year", "Basisjaar"),
        ("default_sensitivity", "Default sensitivity (±)", "Standaardgevoeligheid (±)"),
        ("monte_carlo.draws", "Monte Carlo draws", "Monte-Carlotrekkingen"),
        ("monte_carlo.seed", "Monte Carlo seed", "Monte-Carloseed"),
        ("impactkit", "impactkit version", "impactkit-versie"),
        ("quantity", "quantity", "aantal"),
        ("duration", "duration", "duur"),
        ("proxy_value", "proxy value", "waarde proxy"),
        ("deadweight", "deadweight", "deadweight"),
        ("displacement", "displacement", "verplaatsing"),
        ("attribution", "attribution", "attributie"),
        ("drop_off", "drop-off", "afname (drop-off)"),
        ("input", "input", "investering"),
        ("inputs", "total inputs", "totale investering"),
    ]
)


def label_of(key: object, lang: str) -> object:
    """The label of a table column or a coded value in ``lang`` (the value itself when unknown)."""
    if isinstance(key, str) and key in LABELS:
        return LABELS[key].get(lang)
    return key

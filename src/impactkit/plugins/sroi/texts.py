"""Words of the SROI plugin in English and Dutch, and the seven SROI principles."""

from __future__ import annotations

from impactkit.plugin import Text, catalog, fill, format_percent

PRINCIPLES = catalog(
    [
        ("1", "Involve stakeholders", "Betrek belanghebbenden"),
        ("2", "Understand what changes", "Begrijp wat er verandert"),
        ("3", "Value the things that matter", "Waardeer wat ertoe doet"),
        ("4", "Only include what is material", "Neem alleen op wat materieel is"),
        ("5", "Do not over-claim", "Claim niet te veel"),
        ("6", "Be transparent", "Wees transparant"),
        ("7", "Verify the result", "Verifieer het resultaat"),
    ]
)
"""The seven SROI principles of Social Value International, by number."""


def principle(number: int) -> Text:
    """``(SROI principle 5: Do not over-claim)`` in both languages."""
    return fill(WORDS["principle"], number=number, name=PRINCIPLES[str(number)])


def percent_text(fraction: float, lang: str) -> str:
    """A fraction as a percentage with as few decimals as it needs, up to two (``140%``,
    ``3.5%``, ``2.25%``): for a number the user wrote, so that it reads back as written."""
    for decimals in (0, 1):
        if round(fraction * 100, decimals) == round(fraction * 100, 9):
            return format_percent(fraction, lang, decimals=decimals)
    return format_percent(fraction, lang, decimals=2)


WORDS = catalog(
    [
        ("title", "Social Return on Investment", "Maatschappelijk rendement (SROI)"),
        ("principle", "(SROI principle {number}: {name})", "(SROI-principe {number}: {name})"),
        ("value-map", "Value Map", "Waardekaart"),
        (
            "map-subtitle",
            "Currency {currency} · discount rate {rate} · base year {year} · made with impactkit",
            "Valuta {currency} · disconteringsvoet {rate} · basisjaar {year} · gemaakt met impactkit",
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
        (
            "other-outcomes",
            ("{n} other outcome", "{n} other outcomes"),
            ("{n} andere uitkomst", "{n} andere uitkomsten"),
        ),
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
        ("median", "median", "mediaan"),
        ("col-valued-in", "In {year}", "In {year}"),
        ("factor-to", "Factor to {year} (discounted or compounded)", "Factor naar {year} (verdisconteerd of opgerent)"),
        ("ratio-by-stakeholder", "SROI ratio per stakeholder", "SROI-ratio per belanghebbende"),
        ("ratio-by-group", "SROI ratio per group", "SROI-ratio per groep"),
        ("by-year", "Value, inputs and ratio per year", "Waarde, investering en ratio per jaar"),
        ("stage-stakeholders", "Stage 1 — Stakeholders", "Fase 1 — Belanghebbenden"),
        ("stage-outcomes", "Stage 3 — Outcomes and evidence", "Fase 3 — Uitkomsten en bewijs"),
        ("stage-valuing", "Stage 3 — Valuing the outcome", "Fase 3 — Uitkomst waarderen"),
        ("stage-impact", "Stage 4 — Establishing impact", "Fase 4 — Impact vaststellen"),
    ]
)

# Column names of the result tables and statistics, for the workbook and other readers.
LABELS = catalog(
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
        ("valuation_year", "Valuation year", "Waarderingsjaar"),
        ("drop_off_starts", "Drop-off starts", "Afname begint"),
        ("rates", "Rate of the year", "Tarief van het jaar"),
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
        ("haircut", "haircut", "extra afslag (haircut)"),
        ("proxy_factor", "proxy factor", "factor van de proxy"),
        ("input", "input", "investering"),
        ("inputs", "total inputs", "totale investering"),
    ]
)


def label_of(key: object, lang: str) -> object:
    """The label of a table column or a coded value in ``lang`` (the value itself when unknown)."""
    if isinstance(key, str) and key in LABELS:
        return LABELS[key].get(lang)
    return key

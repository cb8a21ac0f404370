"""The SROI section of the report, in Markdown."""

from __future__ import annotations

from typing import TYPE_CHECKING

from impactkit.plugin import catalog

from . import formatting as fmt
from .texts import WORDS

if TYPE_CHECKING:  # pragma: no cover
    from .analysis import Analysis

SECTION_WORDS = catalog(
    [
        (
            "intro",
            "A Social Return on Investment analysis after Social Value International's guide (2012): the "
            "value of the outcomes for each stakeholder, after deadweight, displacement, attribution and "
            "drop-off, discounted at {rate} a year, against the inputs.",
            "Een analyse van het maatschappelijk rendement (SROI) volgens de gids van Social Value International "
            "(2012): de waarde van de uitkomsten per belanghebbende, na deadweight, verplaatsing, attributie en afname, "
            "verdisconteerd tegen {rate} per jaar, afgezet tegen de investeringen.",
        ),
        ("figure", "Figure", "Cijfer"),
        ("value", "Value", "Waarde"),
        ("who", "Who gets the value, who pays", "Wie de waarde krijgt, wie betaalt"),
        ("name", "Stakeholder", "Belanghebbende"),
        ("inputs", "Inputs", "Investering"),
        ("pv", "Present value", "Contante waarde"),
        ("share", "Share", "Aandeel"),
        ("outcomes", "Value per outcome", "Waarde per uitkomst"),
        ("outcome", "Outcome", "Uitkomst"),
        (
            "sens",
            "Sensitivity: the ten assumptions that move the ratio most",
            "Gevoeligheid: de tien aannames die de ratio het meest bewegen",
        ),
        (
            "switch",
            "Switching values: what would have to be true for a ratio of 1:1",
            "Omslagwaarden: wat waar moet zijn voor een ratio van 1:1",
        ),
        (
            "unreachable",
            "The other {n} numbers cannot bring the ratio to 1:1 on their own, whatever value they take.",
            "De andere {n} getallen kunnen de ratio op zichzelf niet naar 1:1 brengen, welke waarde ze ook krijgen.",
        ),
        ("mc", "Monte Carlo", "Monte Carlo"),
        (
            "mc-text",
            "{draws} draws (seed {seed}) of the {k} numbers with a range or distribution: mean ratio {mean}, "
            "median {median}, 90% interval {p5} to {p95}; probability that the ratio is below 1:1: {prob}.",
            "{draws} trekkingen (seed {seed}) van de {k} getallen met een bereik of verdeling: gemiddelde ratio {mean}, "
            "mediaan {median}, 90%-interval {p5} tot {p95}; kans dat de ratio onder 1:1 ligt: {prob}.",
        ),
        (
            "not",
            "The SROI figures are not computed: see the findings about the impact map.",
            "De SROI-cijfers zijn niet berekend: zie de bevindingen over de impactmap.",
        ),
        (
            "principles",
            "The checks of the impact map follow the seven SROI principles; each finding names the "
            "principle it serves.",
            "De controles van de impactmap volgen de zeven SROI-principes; elke bevinding noemt het principe dat ze dient.",
        ),
    ]
)
"""The words of the report section (those it shares with the workbook are in :data:`.texts.WORDS`)."""


def _w(key: str, lang: str) -> str:
    return SECTION_WORDS[key].get(lang)


def _num(param: object, value: float | None, lang: str) -> str:
    """Fractions as percentages, other numbers plainly."""
    if getattr(param, "kind", None) == "fraction":
        return fmt.percent(value, lang)
    return fmt.plain(value, lang)


def render(a: "Analysis", lang: str) -> str:
    from impactkit.plugin import md_table

    cur = a.settings.currency
    parts = [_w("intro", lang).format(rate=fmt.percent(a.settings.rate, lang))]
    summary = a.summary
    if summary is None:
        parts.append(_w("not", lang))
        return "\n\n".join(parts) + "\n"
    rows = [
        [WORDS["metric-total_inputs"].get(lang), fmt.money(summary["total_inputs"], cur, lang)],
        [WORDS["metric-present_value"].get(lang), fmt.money(summary["present_value"], cur, lang)],
        [WORDS["metric-net_present_value"].get(lang), fmt.money(summary["net_present_value"], cur, lang)],
        [WORDS["metric-ratio"].get(lang), fmt.ratio(summary["ratio"], lang)],
        [WORDS["metric-net_ratio"].get(lang), fmt.ratio(summary["net_ratio"], lang)],
        [WORDS["metric-payback_months"].get(lang), fmt.number(summary["payback_months"], 1, lang)],
    ]
    parts.append(md_table([_w("figure", lang), _w("value", lang)], rows))

    parts.append(f"### {_w('who', lang)}")
    parts.append(
        md_table(
            [_w("name", lang), _w("inputs", lang), _w("pv", lang), _w("share", lang)],
            [
                [
                    r["name"],
                    fmt.money(r["inputs"], cur, lang),
                    fmt.money(r["present_value"], cur, lang),
                    fmt.percent(r["share_of_value"], lang),
                ]
                for r in a.by_stakeholder()
            ],
        )
    )

    parts.append(f"### {_w('outcomes', lang)}")
    parts.append(
        md_table(
            [_w("outcome", lang), _w("name", lang), _w("pv", lang), _w("share", lang)],
            [
                [
                    r["name"],
                    r["stakeholder_names"],
                    fmt.money(r["present_value"], cur, lang),
                    fmt.percent(r["share_of_value"], lang),
                ]
                for r in a.by_outcome()
            ],
        )
    )

    base, tornado = a.tornado
    if tornado:
        parts.append(f"### {_w('sens', lang)}")
        parts.append(
            md_table(
                [
                    WORDS["col-assumption"].get(lang),
                    WORDS["col-low"].get(lang),
                    WORDS["col-high"].get(lang),
                    WORDS["col-ratio-low"].get(lang),
                    WORDS["col-ratio-high"].get(lang),
                ],
                [
                    [
                        a.param_label(r.param, lang),
                        _num(r.param, r.low, lang),
                        _num(r.param, r.high, lang),
                        fmt.number(r.ratio_low, 2, lang),
                        fmt.number(r.ratio_high, 2, lang),
                    ]
                    for r in tornado[:10]
                ],
            )
        )
    switching = [r for r in a.switching if r.value is not None][:10]
    if switching:
        parts.append(f"### {_w('switch', lang)}")
        parts.append(
            md_table(
                [
                    WORDS["col-assumption"].get(lang),
                    WORDS["col-base"].get(lang),
                    WORDS["col-switch"].get(lang),
                    WORDS["col-change"].get(lang),
                ],
                [
                    [
                        a.param_label(r.param, lang),
                        _num(r.param, r.base, lang),
                        _num(r.param, r.value, lang),
                        fmt.percent(r.change, lang) if r.change is not None else "–",
                    ]
                    for r in switching
                ],
            )
        )
        unreachable = sum(1 for r in a.switching if r.value is None)
        if unreachable:
            parts.append(_w("unreachable", lang).format(n=unreachable))
    mc = a.monte_carlo
    if mc is not None and "mean" in mc.stats:
        s = mc.stats
        parts.append(f"### {_w('mc', lang)}")
        parts.append(
            _w("mc-text", lang).format(
                draws=fmt.number(mc.draws, 0, lang),
                seed=mc.seed,
                k=mc.uncertain,
                mean=fmt.number(s["mean"], 2, lang),
                median=fmt.number(s["median"], 2, lang),
                p5=fmt.number(s["p5"], 2, lang),
                p95=fmt.number(s["p95"], 2, lang),
                prob=fmt.percent(s["probability_below_1"], lang),
            )
        )
    parts.append(_w("principles", lang))
    return "\n\n".join(parts) + "\n"

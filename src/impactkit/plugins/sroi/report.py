"""The SROI parts of the report, in Markdown:

* in the summary: the ratio with its uncertainty interval where the Monte Carlo ran
  (:func:`summary_section`, :func:`key_figures`);
* in the body: the full analysis (:func:`render`);
* in the methods note: how the value was computed and every financial proxy with its source
  (:func:`methods_section`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from impactkit.plugin import (
    NO_VALUE,
    KeyFigure,
    catalog,
    fill,
    format_money,
    format_number,
    format_percent,
    format_ratio,
)

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
        ("ratio", "Ratio", "Ratio"),
        ("group", "Group", "Groep"),
        ("groups", "Value per group of stakeholders", "Waarde per groep belanghebbenden"),
        (
            "valued-in",
            "Every amount is brought to {year}: amounts of later years are discounted, amounts of earlier years "
            "compounded.",
            "Elk bedrag is omgerekend naar {year}: bedragen uit latere jaren zijn verdisconteerd, bedragen uit "
            "eerdere jaren opgerent.",
        ),
        ("years", "Value and inputs per year", "Waarde en investering per jaar"),
        ("year", "Year", "Jaar"),
        ("value-year", "Value", "Waarde"),
        ("value-valued", "Value in {year}", "Waarde in {year}"),
        ("inputs-valued", "Inputs in {year}", "Investering in {year}"),
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
            (
                "The other number cannot bring the ratio to 1:1 on its own, whatever value it takes.",
                "The other {n} numbers cannot bring the ratio to 1:1 on their own, whatever value they take.",
            ),
            (
                "Het andere getal kan de ratio op zichzelf niet naar 1:1 brengen, welke waarde het ook krijgt.",
                "De andere {n} getallen kunnen de ratio op zichzelf niet naar 1:1 brengen, welke waarde ze ook "
                "krijgen.",
            ),
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
        # the summary
        (
            "headline",
            "Every euro invested yields an estimated {per_euro} of social value: a present value of {pv} against "
            "{inputs} of inputs (SROI ratio {ratio}).",
            "Elke geïnvesteerde euro levert naar schatting {per_euro} aan maatschappelijke waarde op: een contante "
            "waarde van {pv} tegenover {inputs} aan investeringen (SROI-ratio {ratio}).",
        ),
        (
            "headline-mc",
            "With the uncertainty in the assumptions, the ratio lies between {p5} and {p95} in 90% of {draws} "
            "simulations; the probability that it is below 1:1 is {prob}.",
            "Met de onzekerheid in de aannames ligt de ratio in 90% van {draws} simulaties tussen {p5} en {p95}; de "
            "kans dat hij onder 1:1 ligt, is {prob}.",
        ),
        (
            "headline-no-mc",
            "The impact map gives no ranges, so the ratio has no uncertainty interval.",
            "De impactmap geeft geen bereiken, dus de ratio heeft geen onzekerheidsinterval.",
        ),
        (
            "headline-most",
            "Most of the value goes to {name} ({share}).",
            "Het grootste deel van de waarde gaat naar {name} ({share}).",
        ),
        (
            "key-ratio",
            "SROI ratio: social value per euro invested",
            "SROI-ratio: maatschappelijke waarde per geïnvesteerde euro",
        ),
        ("key-interval", "90% between {p5} and {p95}", "90% tussen {p5} en {p95}"),
        (
            "key-no-interval",
            "no uncertainty interval: no ranges given",
            "geen onzekerheidsinterval: geen bereiken gegeven",
        ),
        # the methods note
        (
            "how",
            "The value of each outcome is its quantity × its financial proxy, less deadweight, displacement and "
            "attribution, over its duration with drop-off, discounted at {rate} a year; the ratio is the present value "
            "divided by the inputs.",
            "De waarde van elke uitkomst is het aantal × de financiële proxy, min deadweight, verplaatsing en "
            "attributie, over de looptijd met afname, verdisconteerd tegen {rate} per jaar; de ratio is de contante "
            "waarde gedeeld door de investeringen.",
        ),
        (
            "how-mc",
            "The uncertainty comes from a Monte Carlo simulation: {draws} draws (seed {seed}) of the {k} numbers "
            "given with a range or distribution.",
            "De onzekerheid komt uit een Monte-Carlosimulatie: {draws} trekkingen (seed {seed}) van de {k} getallen "
            "die met een bereik of verdeling zijn gegeven.",
        ),
        ("proxies", "Financial proxies and their sources", "Financiële proxy's en hun bronnen"),
        ("proxy", "Proxy", "Proxy"),
        ("proxy-value", "Value", "Waarde"),
        ("source", "Source", "Bron"),
        ("factor", "{proxy}: {factor}", "{proxy}: {factor}"),
        (
            "no-source",
            (
                "{n} proxy or factor does not say where its value comes from (–): the value is then an assumption.",
                "{n} proxies or factors do not say where their value comes from (–): those values are assumptions.",
            ),
            (
                "{n} proxy of factor zegt niet waar de waarde vandaan komt (–): die waarde is dan een aanname.",
                "{n} proxy's of factoren zeggen niet waar hun waarde vandaan komt (–): die waarden zijn aannames.",
            ),
        ),
    ]
)
"""The words of the report section (those it shares with the workbook are in :data:`.texts.WORDS`)."""


def figure(param: object, value: float | None, lang: str, currency: str) -> str:
    """A number of the map as the reader's language writes it: fractions as percentages, amounts
    (a proxy value, an input, the total inputs: ``param`` ``None``) as money."""
    if getattr(param, "kind", None) == "fraction":
        return format_percent(value, lang)
    if param is None or getattr(param, "kind", None) == "money" or getattr(param, "target", None) == "input":
        return format_money(value, lang, currency=currency)
    return format_number(value, lang)


def _years(a: "Analysis", lang: str, money: Any) -> list[str]:
    """The table of value and inputs per calendar year, as they are and brought to the valuation year."""
    from impactkit.plugin import md_table

    year = a.value_map.valuation_year
    head = [
        SECTION_WORDS["year"].get(lang),
        SECTION_WORDS["value-year"].get(lang),
        fill(SECTION_WORDS["value-valued"], year=year).get(lang),
        SECTION_WORDS["inputs"].get(lang),
        fill(SECTION_WORDS["inputs-valued"], year=year).get(lang),
        SECTION_WORDS["ratio"].get(lang),
    ]
    rows = [
        [
            a.year_label(r["t"], lang),
            money(r["value"]),
            money(r["present_value"]),
            money(r["inputs"]),
            money(r["present_inputs"]),
            format_ratio(r["ratio"], lang),
        ]
        for r in a.by_year()
    ]
    return [f"### {SECTION_WORDS['years'].get(lang)}", md_table(head, rows)]


def render(a: "Analysis", lang: str) -> str:
    from impactkit.plugin import md_table

    cur = a.settings.currency

    def money(value: float | None) -> str:
        return format_money(value, lang, currency=cur)

    parts = [fill(SECTION_WORDS["intro"], rate=format_percent(a.settings.rate, lang)).get(lang)]
    valued_in = a.value_map.valuation_year
    if a.value_map.uses_years and valued_in is not None:
        parts[0] += " " + fill(SECTION_WORDS["valued-in"], year=valued_in).get(lang)
    summary = a.summary
    if summary is None:
        parts.append(SECTION_WORDS["not"].get(lang))
        return "\n\n".join(parts) + "\n"
    rows = [
        [WORDS["metric-total_inputs"].get(lang), money(summary["total_inputs"])],
        [WORDS["metric-present_value"].get(lang), money(summary["present_value"])],
        [WORDS["metric-net_present_value"].get(lang), money(summary["net_present_value"])],
        [WORDS["metric-ratio"].get(lang), format_ratio(summary["ratio"], lang)],
        [WORDS["metric-net_ratio"].get(lang), format_ratio(summary["net_ratio"], lang)],
        [WORDS["metric-payback_months"].get(lang), format_number(summary["payback_months"], lang, decimals=1)],
    ]
    parts.append(md_table([SECTION_WORDS["figure"].get(lang), SECTION_WORDS["value"].get(lang)], rows))

    parts.append(f"### {SECTION_WORDS['who'].get(lang)}")
    parts.append(
        md_table(
            [
                SECTION_WORDS["name"].get(lang),
                SECTION_WORDS["inputs"].get(lang),
                SECTION_WORDS["pv"].get(lang),
                SECTION_WORDS["share"].get(lang),
                SECTION_WORDS["ratio"].get(lang),
            ],
            [
                [
                    r["name"],
                    money(r["inputs"]),
                    money(r["present_value"]),
                    format_percent(r["share_of_value"], lang),
                    format_ratio(r["ratio"], lang),
                ]
                for r in a.by_stakeholder()
            ],
        )
    )
    groups = a.ratio_by_group() or {}
    if set(groups) - {line.stakeholder_id for line in a.value_map.lines}:  # a group other than a stakeholder
        parts.append(f"### {SECTION_WORDS['groups'].get(lang)}")
        parts.append(
            md_table(
                [SECTION_WORDS["group"].get(lang), SECTION_WORDS["pv"].get(lang), SECTION_WORDS["ratio"].get(lang)],
                [
                    [group, money(ratio * summary["total_inputs"]), format_ratio(ratio, lang)]  # type: ignore[operator]
                    for group, ratio in groups.items()
                ],
            )
        )
    if a.value_map.uses_years:
        parts += _years(a, lang, money)

    parts.append(f"### {SECTION_WORDS['outcomes'].get(lang)}")
    parts.append(
        md_table(
            [
                SECTION_WORDS["outcome"].get(lang),
                SECTION_WORDS["name"].get(lang),
                SECTION_WORDS["pv"].get(lang),
                SECTION_WORDS["share"].get(lang),
            ],
            [
                [
                    r["name"],
                    r["stakeholder_names"],
                    money(r["present_value"]),
                    format_percent(r["share_of_value"], lang),
                ]
                for r in a.by_outcome()
            ],
        )
    )

    base, tornado = a.tornado
    if tornado:
        parts.append(f"### {SECTION_WORDS['sens'].get(lang)}")
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
                        a.param_label(r.param, lang, r.params),
                        " · ".join(figure(p, low, lang, cur) for p, low in zip(r.params, r.lows, strict=True)),
                        " · ".join(figure(p, high, lang, cur) for p, high in zip(r.params, r.highs, strict=True)),
                        format_number(r.ratio_low, lang, decimals=2),
                        format_number(r.ratio_high, lang, decimals=2),
                    ]
                    for r in tornado[:10]
                ],
            )
        )
    switching = [r for r in a.switching if r.value is not None][:10]
    if switching:
        parts.append(f"### {SECTION_WORDS['switch'].get(lang)}")
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
                        figure(r.param, r.base, lang, cur),
                        figure(r.param, r.value, lang, cur),
                        format_percent(r.change, lang) if r.change is not None else NO_VALUE,
                    ]
                    for r in switching
                ],
            )
        )
        unreachable = sum(1 for r in a.switching if r.value is None)
        if unreachable:
            parts.append(fill(SECTION_WORDS["unreachable"], n=unreachable).get(lang))
    mc = a.monte_carlo
    if mc is not None and "mean" in mc.stats:
        s = mc.stats
        parts.append(f"### {SECTION_WORDS['mc'].get(lang)}")
        parts.append(
            fill(
                SECTION_WORDS["mc-text"],
                draws=format_number(mc.draws, lang),
                seed=mc.seed,
                k=format_number(mc.uncertain, lang),
                mean=format_number(s["mean"], lang, decimals=2),
                median=format_number(s["median"], lang, decimals=2),
                p5=format_number(s["p5"], lang, decimals=2),
                p95=format_number(s["p95"], lang, decimals=2),
                prob=format_percent(s["probability_below_1"], lang),
            ).get(lang)
        )
    parts.append(SECTION_WORDS["principles"].get(lang))
    return "\n\n".join(parts) + "\n"


def _money(a: "Analysis", lang: str) -> Any:
    return lambda value: format_money(value, lang, currency=a.settings.currency)


def _interval(a: "Analysis") -> dict[str, Any] | None:
    mc = a.monte_carlo
    return mc.stats if mc is not None and "p5" in mc.stats else None


def summary_section(a: "Analysis", lang: str) -> str | None:
    """For the summary: what a euro invested yields (the ratio, the present value against the
    inputs), its 90% interval and the chance of a ratio below 1:1 where the Monte Carlo ran, and
    who gets most of the value."""
    summary = a.summary
    if summary is None or summary.get("ratio") is None:
        return SECTION_WORDS["not"].get(lang)
    money = _money(a, lang)
    out = [
        fill(
            SECTION_WORDS["headline"],
            per_euro=format_money(summary["ratio"], lang, currency=a.settings.currency, decimals=2),
            pv=money(summary["present_value"]),
            inputs=money(summary["total_inputs"]),
            ratio=format_ratio(summary["ratio"], lang),
        ).get(lang)
    ]
    stats = _interval(a)
    if stats is not None:
        out.append(
            fill(
                SECTION_WORDS["headline-mc"],
                p5=format_number(stats["p5"], lang, decimals=2),
                p95=format_number(stats["p95"], lang, decimals=2),
                draws=format_number(a.monte_carlo.draws, lang),  # type: ignore[union-attr]
                prob=format_percent(stats["probability_below_1"], lang),
            ).get(lang)
        )
    else:
        out.append(SECTION_WORDS["headline-no-mc"].get(lang))
    holders = [r for r in a.by_stakeholder() if r["share_of_value"]]
    if holders:
        most = max(holders, key=lambda r: r["share_of_value"])
        share = format_percent(most["share_of_value"], lang)
        out.append(fill(SECTION_WORDS["headline-most"], name=most["name"], share=share).get(lang))
    return " ".join(out) + "\n"


def key_figures(a: "Analysis", lang: str) -> list[KeyFigure] | None:
    """The summary's SROI tile: the ratio, with its 90% interval where the Monte Carlo ran."""
    summary = a.summary
    if summary is None or summary.get("ratio") is None:
        return None
    stats = _interval(a)
    note = (
        fill(
            SECTION_WORDS["key-interval"],
            p5=format_number(stats["p5"], lang, decimals=2),
            p95=format_number(stats["p95"], lang, decimals=2),
        ).get(lang)
        if stats is not None
        else SECTION_WORDS["key-no-interval"].get(lang)
    )
    return [
        KeyFigure(value=format_ratio(summary["ratio"], lang), label=SECTION_WORDS["key-ratio"].get(lang), note=note)
    ]


def methods_section(a: "Analysis", lang: str) -> str | None:
    """For the methods note: how the value and the ratio were computed, how the uncertainty was
    simulated, and every financial proxy of the impact map with its value and source (a proxy made
    of factors: each factor with its own source); how many say nowhere where they come from."""
    from impactkit.plugin import md_table

    cur = a.settings.currency
    out = [fill(SECTION_WORDS["how"], rate=format_percent(a.settings.rate, lang)).get(lang)]
    mc = a.monte_carlo
    if mc is not None and "mean" in mc.stats:
        out[0] += " " + fill(
            SECTION_WORDS["how-mc"],
            draws=format_number(mc.draws, lang),
            seed=mc.seed,
            k=format_number(mc.uncertain, lang),
        ).get(lang)
    rows, unsourced = [], 0
    for line in a.value_map.lines:
        row = line.row
        proxy = row.proxy or NO_VALUE
        if row.proxy_factors:
            for factor in row.proxy_factors:
                name = fill(SECTION_WORDS["factor"], proxy=proxy, factor=factor.name).get(lang)
                value = format_number(factor.value.value, lang)  # hours, weeks or euros: as given
                rows.append([line.outcome_name, line.stakeholder_name, name, value, factor.source or NO_VALUE])
                unsourced += not factor.source
        else:
            value = format_money(row.number("proxy_value"), lang, currency=cur)
            rows.append([line.outcome_name, line.stakeholder_name, proxy, value, row.proxy_source or NO_VALUE])
            unsourced += not row.proxy_source
    if rows:
        out.append(f"### {SECTION_WORDS['proxies'].get(lang)}")
        headers = [SECTION_WORDS[k].get(lang) for k in ("outcome", "name", "proxy", "proxy-value", "source")]
        out.append(md_table(headers, rows))
        if unsourced:
            out.append(fill(SECTION_WORDS["no-source"], n=unsourced).get(lang))
    return "\n\n".join(out) + "\n"

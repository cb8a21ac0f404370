"""The IDG section of the report (Markdown), in English or Dutch.

Every word comes from :data:`WORDS` and every figure from the public formatters. Shares are
shown only for a set of at least ``methods.idg.min_n`` coded changes; below it the section gives
counts and says why. Stakeholder groups are named as the study writes them (:func:`group_name`).
"""

from __future__ import annotations

from typing import Any

from impactkit.plugin import (
    catalog,
    fill,
    format_list,
    format_number,
    format_percent,
    md_escape,
    md_table,
)

from . import analysis as a
from .state import State

WORDS = catalog(
    [
        (
            "intro",
            (
                "{n} of {changes} is coded with the Inner Development Goals ({fw}).",
                "{n} of {changes} are coded with the Inner Development Goals ({fw}).",
            ),
            (
                "{n} van {changes} is gecodeerd met de Inner Development Goals ({fw}).",
                "{n} van {changes} zijn gecodeerd met de Inner Development Goals ({fw}).",
            ),
        ),
        (
            "experienced",
            ("{n} experienced change", "{n} experienced changes"),
            ("de {n} ervaren verandering", "de {n} ervaren veranderingen"),
        ),
        (
            "convention",
            "A change counts once in every dimension it is coded with (a skill counts for its dimension); "
            "shares are of the coded changes.",
            "Een verandering telt één keer mee bij elke dimensie waarmee ze is gecodeerd (een vaardigheid telt "
            "mee bij haar dimensie); aandelen zijn van de gecodeerde veranderingen.",
        ),
        (
            "convention-counts",
            "A change counts once in every dimension it is coded with (a skill counts for its dimension).",
            "Een verandering telt één keer mee bij elke dimensie waarmee ze is gecodeerd (een vaardigheid telt "
            "mee bij haar dimensie).",
        ),
        (
            "small-n",
            "With fewer than {min_n} coded changes the figures are counts, not shares: a share of so few says little.",
            "Met minder dan {min_n} gecodeerde veranderingen staan hier aantallen, geen aandelen: een aandeel van "
            "zo weinig zegt weinig.",
        ),
        (
            "accepted",
            (
                "{n} of the coded changes got its code from a keyword suggestion (the IDG lexicon) that a "
                "researcher accepted; the others were coded by hand.",
                "{n} of the coded changes got their codes from keyword suggestions (the IDG lexicon) that a "
                "researcher accepted; the others were coded by hand.",
            ),
            (
                "{n} van de gecodeerde veranderingen kreeg haar code uit een trefwoordsuggestie (het IDG-lexicon) "
                "die een onderzoeker heeft geaccepteerd; de andere zijn met de hand gecodeerd.",
                "{n} van de gecodeerde veranderingen kregen hun code uit trefwoordsuggesties (het IDG-lexicon) die "
                "een onderzoeker heeft geaccepteerd; de andere zijn met de hand gecodeerd.",
            ),
        ),
        (
            "all-accepted",
            "All codes come from keyword suggestions (the IDG lexicon) that a researcher accepted.",
            "Alle codes komen uit trefwoordsuggesties (het IDG-lexicon) die een onderzoeker heeft geaccepteerd.",
        ),
        ("dimension", "Dimension", "Dimensie"),
        ("changes", "Changes", "Veranderingen"),
        ("share", "Share", "Aandeel"),
        (
            "dimension-group",
            "**{name}** ({dims}): {share} of the coded changes ({count})",
            "**{name}** ({dims}): {share} van de gecodeerde veranderingen ({count})",
        ),
        (
            "dimension-group-counts",
            "**{name}** ({dims}): {count} of the coded changes",
            "**{name}** ({dims}): {count} van de gecodeerde veranderingen",
        ),
        ("top", "Top changes per stakeholder group", "Belangrijkste veranderingen per stakeholdergroep"),
        (
            "ranked-people",
            "ranked by the number of people reporting them",
            "gerangschikt op het aantal mensen dat ze noemt",
        ),
        ("ranked-importance", "ranked by their mean importance", "gerangschikt op hun gemiddelde belang"),
        (
            "ranked-people_x_importance",
            "ranked by number of people × mean importance",
            "gerangschikt op aantal mensen × gemiddeld belang",
        ),
        ("people", ("{n} person", "{n} people"), ("{n} persoon", "{n} mensen")),
        ("mean", "mean importance {value}", "gemiddeld belang {value}"),
        ("reliability", "Reliability of the coding", "Betrouwbaarheid van de codering"),
        (
            "double-coded",
            (
                "{n} change was coded by more than one coder ({coders}).",
                "{n} changes were coded by more than one coder ({coders}).",
            ),
            (
                "{n} verandering is door meer dan één codeur gecodeerd ({coders}).",
                "{n} veranderingen zijn door meer dan één codeur gecodeerd ({coders}).",
            ),
        ),
        ("agreement", "Agreement", "Overeenstemming"),
        ("overall", "all dimensions", "alle dimensies"),
    ]
)


def word(key: str, lang: str, **params: object) -> str:
    """The message ``key`` of :data:`WORDS` in ``lang``, filled in (a plural one by ``n``)."""
    return fill(WORDS[key], **params).get(lang)


def people(n: int, lang: str) -> str:
    """``1 persoon``, ``3 mensen`` / ``1 person``, ``3 people``."""
    return word("people", lang, n=n)


def group_name(study: Any, key: str) -> str:
    """A stakeholder group as the study writes it: the ``group`` of its stakeholders, or, for a
    stakeholder without a group (whose id stands for its group in the figures), its name."""
    holder = study.stakeholder(key) if study is not None else None
    if holder is not None and holder.group is None and holder.id == key:
        return holder.name
    return key


def shares_shown(coded: int, s: State) -> bool:
    """Whether ``coded`` changes are enough to show shares (``methods.idg.min_n``)."""
    return coded >= s.settings.min_n


def _dimension_label(d: Any, lang: str) -> str:
    english = f" / {d.name}" if lang == "nl" and d.name_nl != d.name else ""
    return f"{d.label(lang)}{english} ({d.subtitle_for(lang)})"


def render(s: State, lang: str, accepted: frozenset[int] = frozenset()) -> str | None:
    """The section; ``accepted``: the changes (indices) whose codes a researcher accepted from the
    IDG coder's suggestions, as the study's suggestions file records them."""
    fw = s.framework
    if not s.coded:
        return None
    coded_n = a.n_coded(s.coded)
    shares = shares_shown(coded_n, s)
    total = fill(WORDS["experienced"], n=len(s.coded))
    intro = [
        word("intro", lang, n=coded_n, changes=total, fw=fw.id),
        word("convention" if shares else "convention-counts", lang),
    ]
    if coded_n and not shares:
        intro.append(word("small-n", lang, min_n=format_number(s.settings.min_n, lang)))
    from_suggestions = sum(1 for item in s.coded if item.coded and item["index"] in accepted)
    if from_suggestions:
        intro.append(
            word("all-accepted", lang) if from_suggestions == coded_n else word("accepted", lang, n=from_suggestions)
        )
    out = [" ".join(intro) + "\n"]

    counts = a.dimension_counts(s.coded, fw)
    dimension_shares = a.dimension_shares(s.coded, fw) or {}
    headers = [word("dimension", lang), word("changes", lang)] + ([word("share", lang)] if shares else [])
    rows = []
    for d in fw.dimensions:
        row = [_dimension_label(d, lang), format_number(counts[d.name], lang)]
        if shares:
            row.append(format_percent(dimension_shares.get(d.name), lang))
        rows.append(row)
    out.append(md_table(headers, rows))

    group_shares = a.group_shares(s.coded, s.settings.groups) or {}
    group_counts = a.group_counts(s.coded, s.settings.groups)
    for name, dims in s.settings.groups.items():
        labels = format_list([fw.label(d, lang) for d in dims], lang)
        if shares:
            line = word(
                "dimension-group",
                lang,
                name=md_escape(name),
                dims=labels,
                share=format_percent(group_shares.get(name), lang),
                count=format_number(group_counts[name], lang),
            )
        else:
            count = format_number(group_counts[name], lang)
            line = word("dimension-group-counts", lang, name=md_escape(name), dims=labels, count=count)
        out.append(f"- {line}")
    if s.settings.groups:
        out.append("")

    top = a.top_changes(s.coded, fw, rank_by=s.settings.rank_by, top=s.settings.top)
    if top:
        out.append(f"### {word('top', lang)}\n\n_{word(f'ranked-{s.settings.rank_by}', lang)}_\n")
        for group, entries in top.items():
            out.append(f"**{md_escape(group_name(s.study, group))}**\n")
            for entry in entries:
                details = [people(entry["people"], lang)]
                if entry["mean_importance"] is not None:
                    details.append(word("mean", lang, value=format_number(entry["mean_importance"], lang, decimals=1)))
                if entry["dimensions"]:
                    details.append(format_list([fw.label(d, lang) for d in entry["dimensions"]], lang))
                out.append(f"{entry['rank']}. {md_escape(entry['theme'])} ({'; '.join(details)})")
            quoted = [e for e in entries if e["quote_kind"] == "quote"]
            if quoted:
                quote = quoted[0]
                who = f" — {md_escape(quote['quote_by'])}" if quote["quote_by"] else ""
                out.append(f"\n> “{md_escape(quote['quote'])}”{who}")
            out.append("")

    rel = a.reliability(s.records, fw)
    if rel:
        out.append(f"### {word('reliability', lang)}\n")
        out.append(word("double-coded", lang, n=rel["units"], coders=format_list(rel["coders"], lang)) + "\n")
        rows = [[word("overall", lang), *_agreement(rel, lang)]]
        for dim, entry in rel["per_dimension"].items():
            rows.append([fw.label(dim, lang), *_agreement(entry, lang)])
        out.append(md_table(["", word("agreement", lang), "Cohen's κ", "Krippendorff's α"], rows))
    return "\n".join(out)


def _agreement(entry: dict[str, Any], lang: str) -> list[str]:
    """Agreement, Cohen's κ and Krippendorff's α of one row; ``–`` where a statistic is not defined
    (one category only) or not computed (κ for more than two coders)."""
    return [
        format_percent(entry.get("agreement"), lang),
        format_number(entry.get("kappa"), lang, decimals=2),
        format_number(entry.get("alpha"), lang, decimals=2),
    ]

"""The IDG parts of the report (Markdown), in English or Dutch.

* in the summary: per stakeholder group the top changes with a quote (:func:`top_section`), and
  the distribution over the dimensions with its key figure (:func:`distribution_section`,
  :func:`key_figures`);
* in the body: the figures per dimension and per named group of dimensions (:func:`render`);
* in the methods note: how the changes were coded — by hand, or suggested and accepted — with
  which framework, and how reliably (:func:`methods_section`).

Every word comes from :data:`WORDS` and every figure from the public formatters. Shares are
shown only for a set of at least ``methods.idg.min_n`` coded changes; below it the sections give
counts and say why. Stakeholder groups are named as the study writes them (:func:`group_name`).
"""

from __future__ import annotations

from typing import Any

from impactkit.plugin import (
    KeyFigure,
    Text,
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
                "{n} of {changes} is coded with the Inner Development Goals{version}.",
                "{n} of {changes} are coded with the Inner Development Goals{version}.",
            ),
            (
                "{n} van {changes} is gecodeerd met de Inner Development Goals{version}.",
                "{n} van {changes} zijn gecodeerd met de Inner Development Goals{version}.",
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
        # the summary
        (
            "top-intro",
            (
                "Per stakeholder group the change with the most impact, {ranked}.",
                "Per stakeholder group the {n} changes with the most impact, {ranked}.",
            ),
            (
                "Per stakeholdergroep de verandering met de meeste impact, {ranked}.",
                "Per stakeholdergroep de {n} veranderingen met de meeste impact, {ranked}.",
            ),
        ),
        ("group-people", "**{group}** ({people})", "**{group}** ({people})"),
        (
            "distribution",
            (
                "The {n} coded change is about these dimensions of the Inner Development Goals:",
                "The {n} coded changes are about these dimensions of the Inner Development Goals:",
            ),
            (
                "De {n} gecodeerde verandering gaat over deze dimensies van de Inner Development Goals:",
                "De {n} gecodeerde veranderingen gaan over deze dimensies van de Inner Development Goals:",
            ),
        ),
        (
            "several",
            "A change coded with more than one dimension counts in each of them.",
            "Een verandering die met meer dan één dimensie is gecodeerd, telt bij elk daarvan mee.",
        ),
        ("dimension-line", "**{dimension}**{english}: {count}", "**{dimension}**{english}: {count}"),
        (
            "dimension-line-share",
            "**{dimension}**{english}: {count} ({share})",
            "**{dimension}**{english}: {count} ({share})",
        ),
        ("n-changes", ("{n} change", "{n} changes"), ("{n} verandering", "{n} veranderingen")),
        (
            "group-line",
            "**{share}** of the coded changes are about {name} ({dims}).",
            "**{share}** van de gecodeerde veranderingen gaat over {name} ({dims}).",
        ),
        (
            "group-line-counts",
            (
                "{count} of the {n} coded change is about {name} ({dims}).",
                "{count} of the {n} coded changes are about {name} ({dims}).",
            ),
            (
                "{count} van de {n} gecodeerde verandering gaat over {name} ({dims}).",
                "{count} van de {n} gecodeerde veranderingen gaan over {name} ({dims}).",
            ),
        ),
        ("key-share", "of the changes are about {name}", "van de veranderingen gaat over {name}"),
        (
            "key-note",
            ("n = {n} coded change", "n = {n} coded changes"),
            ("n = {n} gecodeerde verandering", "n = {n} gecodeerde veranderingen"),
        ),
        ("key-count", "{count} of {n}", "{count} van {n}"),
        ("key-count-label", "coded changes are about {name}", "gecodeerde veranderingen gaan over {name}"),
        (
            "key-count-note",
            "too few for a share (fewer than {min_n})",
            "te weinig voor een aandeel (minder dan {min_n})",
        ),
        # the methods note
        (
            "framework",
            "The changes were coded with the framework of the Inner Development Goals{version} ({dimensions} and "
            "{skills}): a code is a dimension or one of its skills, and a skill counts for its dimension.",
            "De veranderingen zijn gecodeerd met het raamwerk van de Inner Development Goals{version} ({dimensions} "
            "en {skills}): een code is een dimensie of een van haar vaardigheden, en een vaardigheid telt mee bij haar "
            "dimensie.",
        ),
        ("n-dimensions", ("{n} dimension", "{n} dimensions"), ("{n} dimensie", "{n} dimensies")),
        ("n-skills", ("{n} skill", "{n} skills"), ("{n} vaardigheid", "{n} vaardigheden")),
        ("how", "How coded", "Hoe gecodeerd"),
        ("by-hand", "By hand, by a researcher", "Met de hand, door een onderzoeker"),
        (
            "by-suggestion",
            "Suggested by keywords (the IDG lexicon) and accepted by a researcher",
            "Voorgesteld op trefwoorden (het IDG-lexicon) en geaccepteerd door een onderzoeker",
        ),
        ("not-coded", "Not coded (left out of the IDG figures)", "Niet gecodeerd (niet in de IDG-cijfers)"),
        (
            "counting",
            "A change counts once in every dimension it is coded with; shares are of the coded changes and are shown "
            "from {min_n} coded changes on (below that, counts). The top changes per stakeholder group are {ranked}; "
            "the quote beside them is one the study may show.",
            "Een verandering telt één keer mee bij elke dimensie waarmee ze is gecodeerd; aandelen zijn van de "
            "gecodeerde veranderingen en staan er vanaf {min_n} gecodeerde veranderingen (daaronder aantallen). De "
            "belangrijkste veranderingen per stakeholdergroep zijn {ranked}; het citaat erbij is er een dat de studie "
            "mag tonen.",
        ),
        (
            "primary",
            "The figures use each change's codes by {coder}, else its first coding; the other codings serve only to "
            "measure the agreement.",
            "De cijfers gebruiken per verandering de codes van {coder}, anders de eerste codering; de andere "
            "coderingen dienen alleen om de overeenstemming te meten.",
        ),
        (
            "first",
            "The figures use each change's first coding; the other codings serve only to measure the agreement.",
            "De cijfers gebruiken per verandering de eerste codering; de andere coderingen dienen alleen om de "
            "overeenstemming te meten.",
        ),
        (
            "single-coded",
            "Each change was coded by one coder, so the agreement between coders (Cohen's κ, Krippendorff's α) was "
            "not measured.",
            "Elke verandering is door één codeur gecodeerd; de overeenstemming tussen codeurs (Cohen's κ, "
            "Krippendorff's α) is dus niet gemeten.",
        ),
    ]
)

FRAMEWORKS = {
    "idg-2021": (
        Text(en=" of December 2021", nl=" van december 2021"),
        Text(
            en="Source: Inner Development Goals: Background, method and the IDG framework (IDG initiative, December "
            "2021); the Dutch names are impactkit's own translation.",
            nl="Bron: Inner Development Goals: Background, method and the IDG framework (IDG-initiatief, december "
            "2021); de Nederlandse namen zijn een vertaling van impactkit.",
        ),
    )
}
"""Per framework version: how the report names its version, and its source."""


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


def _version(s: State, lang: str) -> str:
    """How the text names the framework's version: `` van december 2021``, else `` (its id)``."""
    known = FRAMEWORKS.get(s.framework.id)
    return known[0].get(lang) if known else f" ({s.framework.id})"


def render(s: State, lang: str) -> str | None:
    """The body section: the figures per dimension and per named group of dimensions (the top
    changes are in the summary, the coding and its reliability in the methods note)."""
    fw = s.framework
    if not s.coded:
        return None
    coded_n = a.n_coded(s.coded)
    shares = shares_shown(coded_n, s)
    total = fill(WORDS["experienced"], n=len(s.coded))
    intro = [
        word("intro", lang, n=coded_n, changes=total, version=_version(s, lang)),
        word("convention" if shares else "convention-counts", lang),
    ]
    if coded_n and not shares:
        intro.append(word("small-n", lang, min_n=format_number(s.settings.min_n, lang)))
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
    return "\n".join(out)


def _top(s: State) -> dict[str, list[dict[str, Any]]]:
    return a.top_changes(s.coded, s.framework, rank_by=s.settings.rank_by, top=s.settings.top)


def top_section(s: State, lang: str) -> str | None:
    """For the summary: per stakeholder group (as the study names it, with how many people took
    part in it) its top changes, each with the people who report it, and one quote the study may
    show (the core has withheld the others); a group without such a quote gets none."""
    top = _top(s)
    if not any(top.values()):
        return None
    ranked = word(f"ranked-{s.settings.rank_by}", lang)
    out = [word("top-intro", lang, n=s.settings.top, ranked=ranked) + "\n"]
    people_in: dict[str, set[str]] = {}
    for item in s.coded:
        people_in.setdefault(str(item["group"] or "-"), set()).add(a.who(item).strip())
    for group, entries in top.items():
        if not entries:
            continue
        name = md_escape(group_name(s.study, group))
        out.append(word("group-people", lang, group=name, people=people(len(people_in.get(group, ())), lang)) + "\n")
        for entry in entries:
            out.append(f"{entry['rank']}. {md_escape(entry['theme'])} ({people(entry['people'], lang)})")
        quoted = [e for e in entries if e["quote_kind"] == "quote"]
        if quoted:
            quote = quoted[0]
            who = f" — {md_escape(quote['quote_by'])}" if quote["quote_by"] else ""
            out.append(f"\n> “{md_escape(quote['quote'])}”{who}")
        out.append("")
    return "\n".join(out)


def distribution_section(s: State, lang: str) -> str | None:
    """For the summary: how the coded changes spread over the dimensions (counts, and shares from
    ``min_n`` coded changes on), and the share of each named group of dimensions."""
    fw = s.framework
    coded_n = a.n_coded(s.coded)
    if not coded_n:
        return None
    shares = shares_shown(coded_n, s)
    counts = a.dimension_counts(s.coded, fw)
    dimension_shares = a.dimension_shares(s.coded, fw) or {}
    out = [word("distribution", lang, n=coded_n) + "\n"]
    for d in fw.dimensions:
        english = f" ({d.name})" if lang == "nl" and d.name_nl != d.name else ""
        count = word("n-changes", lang, n=counts[d.name])
        if shares:
            share = format_percent(dimension_shares.get(d.name), lang)
            line = word(
                "dimension-line-share", lang, dimension=d.label(lang), english=english, count=count, share=share
            )
        else:
            line = word("dimension-line", lang, dimension=d.label(lang), english=english, count=count)
        out.append(f"- {line}")
    out.append("")
    notes = []
    if sum(counts.values()) > coded_n:
        notes.append(word("several", lang))
    if not shares:
        notes.append(word("small-n", lang, min_n=format_number(s.settings.min_n, lang)))
    group_shares = a.group_shares(s.coded, s.settings.groups) or {}
    group_counts = a.group_counts(s.coded, s.settings.groups)
    for name, dims in s.settings.groups.items():
        labels = format_list([fw.label(d, lang) for d in dims], lang)
        if shares:
            share = format_percent(group_shares.get(name), lang)
            notes.append(word("group-line", lang, share=share, name=md_escape(name), dims=labels))
        else:
            count = format_number(group_counts[name], lang)
            notes.append(word("group-line-counts", lang, count=count, n=coded_n, name=md_escape(name), dims=labels))
    if notes:
        out.append(" ".join(notes) + "\n")
    return "\n".join(out)


def key_figures(s: State, lang: str) -> list[KeyFigure] | None:
    """The summary's IDG tile: the share of the coded changes in the first named group of
    dimensions (``methods.idg.groups``), else in the largest dimension; below ``min_n`` coded
    changes the count, with why there is no share."""
    fw = s.framework
    coded_n = a.n_coded(s.coded)
    if not coded_n:
        return None
    if s.settings.groups:
        name = next(iter(s.settings.groups))
        count = a.group_counts(s.coded, s.settings.groups)[name]
    else:
        counts = a.dimension_counts(s.coded, fw)
        largest = max(fw.dimensions, key=lambda d: counts[d.name])  # the first of equals, in framework order
        name, count = largest.label(lang), counts[largest.name]
    if shares_shown(coded_n, s):
        return [
            KeyFigure(
                value=format_percent(count / coded_n, lang),
                label=word("key-share", lang, name=name),
                note=word("key-note", lang, n=coded_n),
            )
        ]
    return [
        KeyFigure(
            value=word("key-count", lang, count=format_number(count, lang), n=format_number(coded_n, lang)),
            label=word("key-count-label", lang, name=name),
            note=word("key-count-note", lang, min_n=format_number(s.settings.min_n, lang)),
        )
    ]


def methods_section(s: State, lang: str, accepted: frozenset[int] = frozenset()) -> str | None:
    """For the methods note: the framework and its version, how many changes were coded by hand
    and how many from a suggestion a researcher accepted (``accepted``: their indices, as the
    study's suggestions file records them) and how many not at all, how the figures count, and
    the agreement between coders when changes were double coded (Cohen's κ, Krippendorff's α)."""
    fw = s.framework
    if not s.coded:
        return None
    coded = [item for item in s.coded if item.coded]
    from_suggestions = sum(1 for item in coded if item["index"] in accepted)
    framework = word(
        "framework",
        lang,
        version=_version(s, lang),
        dimensions=fill(WORDS["n-dimensions"], n=len(fw.dimensions)),
        skills=fill(WORDS["n-skills"], n=len(fw.skills)),
    )
    known = FRAMEWORKS.get(fw.id)
    out = [framework + (f" {known[1].get(lang)}" if known else "") + "\n"]
    rows = [
        [word("by-hand", lang), format_number(len(coded) - from_suggestions, lang)],
        [word("by-suggestion", lang), format_number(from_suggestions, lang)],
        [word("not-coded", lang), format_number(len(s.coded) - len(coded), lang)],
    ]
    out.append(md_table([word("how", lang), word("changes", lang)], rows))
    ranked = word(f"ranked-{s.settings.rank_by}", lang)
    out.append(word("counting", lang, min_n=format_number(s.settings.min_n, lang), ranked=ranked) + "\n")
    rel = a.reliability(s.records, fw)
    if not rel:
        out.append(word("single-coded", lang) + "\n")
        return "\n".join(out)
    out.append(f"### {word('reliability', lang)}\n")
    double = word("double-coded", lang, n=rel["units"], coders=format_list(rel["coders"], lang))
    chosen = (
        word("primary", lang, coder=md_escape(s.settings.primary_coder))
        if s.settings.primary_coder
        else word("first", lang)
    )
    out.append(f"{double} {chosen}\n")
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

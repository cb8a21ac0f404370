"""The SDG parts of the report (Markdown), in English or Dutch:

* in the summary: the goals and helices reached (:func:`summary_section`) and their tiles
  (:func:`key_figures`: "8 van de 17");
* in the body: goals, helices and what connects them (:func:`render`);
* in the methods note: how the changes got their goals — by hand, from an accepted suggestion, or
  through their outcome — and the query systems behind the suggestions, with their credits
  (:func:`methods_section`).

Every word comes from :data:`WORDS` and every figure and list from the public formatters;
stakeholders and groups are named as the study writes them (:func:`group_name`), helices by
their names, never their ids.
"""

from __future__ import annotations

from typing import Any

from impactkit.plugin import (
    KeyFigure,
    accepted_suggestions,
    catalog,
    fill,
    format_list,
    format_number,
    helix_label,
    md_escape,
    md_table,
)

from . import analysis as a
from .goals import goals
from .state import State

WORDS = catalog(
    [
        (
            "intro",
            "The experienced changes contribute to **{reached} of the 17 SDGs**.",
            "De ervaren veranderingen dragen bij aan **{reached} van de 17 SDG's**.",
        ),
        (
            "coded",
            (
                "{n} of {changes} contributes to at least one goal.",
                "{n} of {changes} contribute to at least one goal.",
            ),
            (
                "{n} van {changes} draagt bij aan minstens één doel.",
                "{n} van {changes} dragen bij aan minstens één doel.",
            ),
        ),
        ("of-changes", ("{n} change", "{n} changes"), ("de {n} verandering", "de {n} veranderingen")),
        (
            "convention",
            (
                "A goal counts as reached with at least {n} change, and a change counts once for every goal it "
                "contributes to.",
                "A goal counts as reached with at least {n} changes, and a change counts once for every goal it "
                "contributes to.",
            ),
            (
                "Een doel telt als bereikt vanaf {n} verandering, en een verandering telt één keer mee voor elk "
                "doel waaraan ze bijdraagt.",
                "Een doel telt als bereikt vanaf {n} veranderingen, en een verandering telt één keer mee voor elk "
                "doel waaraan ze bijdraagt.",
            ),
        ),
        ("goal", "SDG", "SDG"),
        ("name-en", "Name", "Naam (Engels)"),
        ("name-nl", "Dutch name", "Naam"),
        ("changes", "Changes", "Veranderingen"),
        ("helices", "Helices", "Helices"),
        (
            "thin",
            (
                "Named but not reached (fewer than {n} change): {goals}.",
                "Named but not reached (fewer than {n} changes): {goals}.",
            ),
            (
                "Genoemd maar niet bereikt (minder dan {n} verandering): {goals}.",
                "Genoemd maar niet bereikt (minder dan {n} veranderingen): {goals}.",
            ),
        ),
        ("helices-title", "Helices reached", "Bereikte helices"),
        (
            "helices-line",
            (
                "{n} of the 5 helices contributes to the goals: {names}.",
                "{n} of the 5 helices contribute to the goals: {names}.",
            ),
            (
                "{n} van de 5 helices draagt bij aan de doelen: {names}.",
                "{n} van de 5 helices dragen bij aan de doelen: {names}.",
            ),
        ),
        (
            "helices-none",
            "None of the 5 helices contributes to a reached goal.",
            "Geen van de 5 helices draagt bij aan een bereikt doel.",
        ),
        (
            "helix-line",
            ("**{helix}** ({stakeholders}): {n} change, {goals}", "**{helix}** ({stakeholders}): {n} changes, {goals}"),
            (
                "**{helix}** ({stakeholders}): {n} verandering, {goals}",
                "**{helix}** ({stakeholders}): {n} veranderingen, {goals}",
            ),
        ),
        ("helix-goals", "SDG {numbers}", "SDG {numbers}"),
        ("helix-not-reached", "Not reached: {names}.", "Niet bereikt: {names}."),
        ("connect-title", "What connects them", "Wat hen verbindt"),
        (
            "connect-line",
            ("**{goal}** connects {helices} ({n} change).", "**{goal}** connects {helices} ({n} changes)."),
            ("**{goal}** verbindt {helices} ({n} verandering).", "**{goal}** verbindt {helices} ({n} veranderingen)."),
        ),
        (
            "connect-none",
            "No goal is reached by more than one helix.",
            "Geen enkel doel wordt door meer dan één helix bereikt.",
        ),
        (
            "mapping-title",
            "Outcomes and the goals they contribute to",
            "Effecten en de doelen waaraan ze bijdragen",
        ),
        # the summary
        (
            "summary-goals",
            "The experienced changes contribute to **{reached} of the 17 SDGs**: {goals}.",
            "De ervaren veranderingen dragen bij aan **{reached} van de 17 SDG's**: {goals}.",
        ),
        (
            "summary-none",
            "The experienced changes reach none of the 17 SDGs yet.",
            "De ervaren veranderingen bereiken nog geen van de 17 SDG's.",
        ),
        (
            "summary-helices",
            (
                "**{n} of the 5 helices** contributes to them: {names}.",
                "**{n} of the 5 helices** contribute to them: {names}.",
            ),
            (
                "**{n} van de 5 helices** draagt eraan bij: {names}.",
                "**{n} van de 5 helices** dragen eraan bij: {names}.",
            ),
        ),
        ("summary-connect", "{goals} connect {helices}.", "{goals} verbinden {helices}."),
        ("summary-connects", "{goals} connects {helices}.", "{goals} verbindt {helices}."),
        ("key-goals", "{n} of 17", "{n} van de 17"),
        ("key-goals-label", "SDGs reached", "SDG's bereikt"),
        (
            "key-goals-note",
            ("n = {n} change with a goal", "n = {n} changes with a goal"),
            ("n = {n} verandering met een doel", "n = {n} veranderingen met een doel"),
        ),
        ("key-helices", "{n} of 5", "{n} van de 5"),
        ("key-helices-label", "helices reached", "helices bereikt"),
        # the methods note
        (
            "from-both",
            "A change contributes to the goals it is coded with itself and to the goals of the outcome it is evidence "
            "of, as the study links outcomes to goals.",
            "Een verandering draagt bij aan de doelen waarmee ze zelf is gecodeerd en aan de doelen van het effect "
            "waarvan ze bewijs is, zoals de studie effecten aan doelen koppelt.",
        ),
        (
            "from-changes",
            "A change contributes to the goals it is coded with itself; the goals the study links to outcomes are not "
            "counted for it.",
            "Een verandering draagt bij aan de doelen waarmee ze zelf is gecodeerd; de doelen die de studie aan "
            "effecten koppelt, tellen voor haar niet mee.",
        ),
        (
            "from-outcomes",
            "A change contributes to the goals of the outcome it is evidence of, as the study links outcomes to goals; "
            "its own codes are not counted.",
            "Een verandering draagt bij aan de doelen van het effect waarvan ze bewijs is, zoals de studie effecten aan "
            "doelen koppelt; haar eigen codes tellen niet mee.",
        ),
        ("how", "How the goals were given", "Hoe de doelen zijn toegekend"),
        ("by-hand", "Coded by hand, by a researcher", "Met de hand gecodeerd, door een onderzoeker"),
        (
            "by-suggestion",
            "Suggested by keywords and accepted by a researcher",
            "Voorgesteld op trefwoorden en geaccepteerd door een onderzoeker",
        ),
        ("via-outcome", "Only through their outcome", "Alleen via hun effect"),
        ("no-goal", "No goal (left out of the SDG figures)", "Geen doel (niet in de SDG-cijfers)"),
        (
            "systems-used",
            "The suggestions came from {systems}.",
            "De suggesties kwamen uit {systems}.",
        ),
        (
            "systems-set",
            "The study asks for suggestions from {systems}; none of the goals counted comes from one.",
            "De studie vraagt suggesties aan {systems}; geen van de getelde doelen komt daaruit.",
        ),
        (
            "systems-none",
            "No goal counted comes from a suggestion: researchers gave every goal themselves.",
            "Geen enkel geteld doel komt uit een suggestie: onderzoekers gaven elk doel zelf.",
        ),
        (
            "names",
            "The names of the goals are the United Nations' short titles (open-sdg/sdg-translations, MIT licence).",
            "De namen van de doelen zijn de korte titels van de Verenigde Naties (open-sdg/sdg-translations, "
            "MIT-licentie).",
        ),
    ]
)


def word(key: str, lang: str, **params: object) -> str:
    """The message ``key`` of :data:`WORDS` in ``lang``, filled in (a plural one by ``n``)."""
    return fill(WORDS[key], **params).get(lang)


def group_name(study: Any, key: str) -> str:
    """A stakeholder group as the study writes it: the ``group`` of its stakeholders, or, for a
    stakeholder without a group (whose id stands for its group in the figures), its name."""
    holder = study.stakeholder(key)
    if holder is not None and holder.group is None and holder.id == key:
        return holder.name
    return key


def stakeholder_name(study: Any, key: str) -> str:
    """A stakeholder (by id) as the study names it."""
    holder = study.stakeholder(key)
    return holder.name if holder is not None else key


def render(s: State, lang: str) -> str | None:
    """The body section: goals, helices and what connects them (how the goals were given is in the
    methods note, :func:`methods_section`)."""
    if not s.items:
        return None
    info = goals()
    counts = a.goal_counts(s.items)
    reached = a.reached(s.items, s.min_changes)
    table = a.goal_helix(s.items, s.min_changes)
    coded = a.n_coded(s.items)
    intro = [
        word("intro", lang, reached=format_number(len(reached), lang)),
        word("coded", lang, n=coded, changes=fill(WORDS["of-changes"], n=len(s.items))),
        word("convention", lang, n=s.min_changes),
    ]
    out = [" ".join(intro) + "\n"]

    order = ("nl", "en") if lang == "nl" else ("en", "nl")  # the reader's own language first
    rows = []
    for g in reached:
        helices = [helix_label(h, lang) for h in a.HELICES if table[str(g)].get(h)]
        names = [info[g].short(x) for x in order]
        rows.append([str(g), *names, format_number(counts[str(g)], lang), format_list(helices, lang)])
    if rows:
        headers = [word("goal", lang), *(word(f"name-{x}", lang) for x in order)]
        out.append(md_table([*headers, word("changes", lang), word("helices", lang)], rows))
    thin = [g for g in info if 0 < counts[str(g)] < s.min_changes]
    if thin:
        named = [f"{info[g].label(lang)} ({format_number(counts[str(g)], lang)})" for g in thin]
        out.append(word("thin", lang, n=s.min_changes, goals=format_list(named, lang)) + "\n")

    helices = a.helices(s.study, s.items, s.min_changes)
    hit = [h for h, entry in helices.items() if entry["reached"]]
    out.append(f"### {word('helices-title', lang)}\n")
    if hit:
        names = format_list([helix_label(h, lang) for h in hit], lang)
        out.append(word("helices-line", lang, n=len(hit), names=names) + "\n")
    else:
        out.append(word("helices-none", lang) + "\n")
    for h in hit:
        entry = helices[h]
        holders = format_list([md_escape(stakeholder_name(s.study, x)) for x in entry["stakeholders"]], lang)
        numbers = format_list([str(g) for g in entry["goals"]], lang)
        line = word(
            "helix-line",
            lang,
            helix=helix_label(h, lang),
            stakeholders=holders,
            n=entry["changes"],
            goals=word("helix-goals", lang, numbers=numbers),
        )
        out.append(f"- {line}")
    missing = [helix_label(h, lang) for h in helices if h not in hit]
    if missing and hit:
        out.append("\n" + word("helix-not-reached", lang, names=format_list(missing, lang)))
    out.append("")

    out.append(f"### {word('connect-title', lang)}\n")
    links = a.connecting(s.items, s.min_changes)
    if links:
        for goal, names in links.items():
            helices_ = format_list([helix_label(h, lang) for h in names], lang)
            line = word("connect-line", lang, goal=info[int(goal)].label(lang), helices=helices_, n=counts[goal])
            out.append(f"- {line}")
    else:
        out.append(word("connect-none", lang))
    out.append("")

    mapping = a.outcome_table(s.study, s.settings, s.items)
    if mapping:
        names = {node.id: node.name for _, node in s.study.chain_nodes()}
        out.append(f"### {word('mapping-title', lang)}\n")
        for key, entry in mapping.items():
            goals_ = format_list([info[g].label(lang) for g in entry["goals"]], lang)
            why = f" — {md_escape(entry['rationale'])}" if entry["rationale"] else ""
            out.append(f"- **{md_escape(names.get(key, key))}** → {goals_}{why}")
        out.append("")
    return "\n".join(out)


def summary_section(s: State, lang: str) -> str | None:
    """For the summary: the goals reached, by number and name, and the helices that contribute to
    them (by their names; those not reached named too), and which goals connect helices."""
    if not s.items:
        return None
    info = goals()
    reached = a.reached(s.items, s.min_changes)
    if not reached:
        return word("summary-none", lang)
    named = format_list([f"{g} {info[g].short(lang)}" for g in reached], lang)
    out = [word("summary-goals", lang, reached=format_number(len(reached), lang), goals=named)]
    helices = a.helices(s.study, s.items, s.min_changes)
    hit = [h for h, entry in helices.items() if entry["reached"]]
    if hit:
        out.append(
            word("summary-helices", lang, n=len(hit), names=format_list([helix_label(h, lang) for h in hit], lang))
        )
        missing = [helix_label(h, lang) for h in helices if h not in hit]
        if missing:
            out.append(word("helix-not-reached", lang, names=format_list(missing, lang)))
    links = a.connecting(s.items, s.min_changes)
    if links:  # the goals that connect the most helices
        names = max(links.values(), key=len)  # the first of the widest
        numbers = [goal for goal, joined in links.items() if joined == names]
        key = "summary-connects" if len(numbers) == 1 else "summary-connect"
        listed_goals = word("helix-goals", lang, numbers=format_list(numbers, lang))
        out.append(
            word(key, lang, goals=listed_goals, helices=format_list([helix_label(h, lang) for h in names], lang))
        )
    return " ".join(out) + "\n"


def key_figures(s: State, lang: str) -> list[KeyFigure] | None:
    """The summary's SDG tiles: the goals reached of the 17 (with the n of changes with a goal it
    rests on) and the helices reached of the 5 (named)."""
    if not s.items:
        return None
    reached = a.reached(s.items, s.min_changes)
    out = [
        KeyFigure(
            value=word("key-goals", lang, n=format_number(len(reached), lang)),
            label=word("key-goals-label", lang),
            note=word("key-goals-note", lang, n=a.n_coded(s.items)),
        )
    ]
    hit = a.helices_reached(s.study, s.items, s.min_changes)
    if reached:
        out.append(
            KeyFigure(
                value=word("key-helices", lang, n=format_number(len(hit), lang)),
                label=word("key-helices-label", lang),
                note=format_list([helix_label(h, lang) for h in hit], lang) if hit else None,
            )
        )
    return out


def _suggester_language(s: State) -> str:
    return s.settings.suggest_language or s.study.language or "en"


def methods_section(s: State, lang: str) -> str | None:
    """For the methods note: where a change's goals come from (``codes_from``), how many changes
    got them by hand, from a suggestion a researcher accepted (``impactkit code --method sdg``, as
    the study's suggestions file records it), only through their outcome, or not at all; the query
    systems behind the suggestions with their credits (never a file's path); the goals' names."""
    from .coding import set_names
    from .text import system_credit

    if not s.items:
        return None
    accepted = accepted_suggestions(s.study, "sdg")
    source = s.settings.codes_from
    counts = {"by-hand": 0, "by-suggestion": 0, "via-outcome": 0, "no-goal": 0}
    for item in s.items:
        own = bool(item.codes) and source != "outcomes"
        if own:
            counts["by-suggestion" if item.index in accepted else "by-hand"] += 1
        elif item.goals:
            counts["via-outcome"] += 1
        else:
            counts["no-goal"] += 1
    out = [word(f"from-{source}", lang) + "\n"]
    shown = {"changes": ("by-hand", "by-suggestion", "no-goal"), "outcomes": ("via-outcome", "no-goal")}
    keys = shown.get(source, tuple(counts))
    rows = [[word(key, lang), format_number(counts[key], lang)] for key in keys]
    out.append(md_table([word("how", lang), word("changes", lang)], rows))
    systems = set_names(s.settings, _suggester_language(s))
    credits = [md_escape(system_credit(name).get(lang)) for name in dict.fromkeys(systems)]
    if counts["by-suggestion"]:
        out.append(word("systems-used", lang, systems=format_list(credits, lang)) + "\n")
    elif s.settings.query_sets:
        out.append(word("systems-set", lang, systems=format_list(credits, lang)) + "\n")
    else:
        out.append(word("systems-none", lang) + "\n")
    out.append(word("names", lang) + "\n")
    return "\n".join(out)

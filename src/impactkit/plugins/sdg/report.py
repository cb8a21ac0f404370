"""The SDG section of the report (Markdown), in English or Dutch: goals, helices and what connects them.

Every word comes from :data:`WORDS` and every figure and list from the public formatters;
stakeholders and groups are named as the study writes them (:func:`group_name`), helices by
their names, never their ids.
"""

from __future__ import annotations

from typing import Any

from impactkit.plugin import (
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
        (
            "accepted",
            (
                "{n} of these changes got its goals from keyword suggestions ({suggester}) that a researcher "
                "accepted; the others were coded by hand or through their outcome.",
                "{n} of these changes got their goals from keyword suggestions ({suggester}) that a researcher "
                "accepted; the others were coded by hand or through their outcome.",
            ),
            (
                "{n} van deze veranderingen kreeg haar doelen uit trefwoordsuggesties ({suggester}) die een "
                "onderzoeker heeft geaccepteerd; de andere zijn met de hand of via hun effect gecodeerd.",
                "{n} van deze veranderingen kregen hun doelen uit trefwoordsuggesties ({suggester}) die een "
                "onderzoeker heeft geaccepteerd; de andere zijn met de hand of via hun effect gecodeerd.",
            ),
        ),
        (
            "suggester",
            "the Aurora SDG queries or impactkit's Dutch lexicon",
            "de Aurora-SDG-zoekvragen of het Nederlandse lexicon van impactkit",
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
    """The section. It says how many changes got their goals from suggestions a researcher
    accepted (``impactkit code --method sdg``) when the study's suggestions file records it."""
    if not s.items:
        return None
    accepted = accepted_suggestions(s.study, "sdg")
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
    from_suggestions = sum(1 for item in s.items if item.codes and item.index in accepted)
    if from_suggestions:
        intro.append(word("accepted", lang, n=from_suggestions, suggester=WORDS["suggester"]))
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

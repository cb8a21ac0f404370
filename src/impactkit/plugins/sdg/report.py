"""The SDG section of the report (Markdown), in English or Dutch: goals, helices and what connects them."""

from __future__ import annotations

from impactkit.plugin import helix_label, md_escape, md_table

from . import analysis as a
from .goals import goals
from .state import State
from .text import pick

L = {
    "intro": {
        "en": "The experienced changes contribute to **{reached} of the 17 SDGs**. {coded} of {n} changes contribute "
        "to at least one goal; a goal counts as reached with at least {minimum} change{s}, and a change "
        "counts once for every goal it contributes to.",
        "nl": "De ervaren veranderingen dragen bij aan **{reached} van de 17 SDG's**. {coded} van de {n} veranderingen "
        "dragen bij aan minstens één doel; een doel telt als bereikt vanaf {minimum} "
        "verandering{s}, en een verandering telt één keer mee voor elk doel waaraan ze bijdraagt.",
    },
    "goal": {"en": "SDG", "nl": "SDG"},
    "name_en": {"en": "Name", "nl": "Naam (Engels)"},
    "name_nl": {"en": "Dutch name", "nl": "Naam"},
    "changes": {"en": "Changes", "nl": "Veranderingen"},
    "helices": {"en": "Helices", "nl": "Helices"},
    "helices_title": {"en": "Helices reached", "nl": "Bereikte helices"},
    "helices_line": {
        "en": "{reached} of the 5 helices contribute to the goals: {names}.",
        "nl": "{reached} van de 5 helices dragen bij aan de doelen: {names}.",
    },
    "helix_line": {
        "en": "**{helix}** ({stakeholders}): {changes} changes, SDG {goals}",
        "nl": "**{helix}** ({stakeholders}): {changes} veranderingen, SDG {goals}",
    },
    "helix_none": {"en": "Not reached: {names}.", "nl": "Niet bereikt: {names}."},
    "connect_title": {"en": "What connects them", "nl": "Wat hen verbindt"},
    "connect_line": {
        "en": "**{goal}** connects {helices} ({changes} changes).",
        "nl": "**{goal}** verbindt {helices} ({changes} veranderingen).",
    },
    "connect_none": {
        "en": "No goal is reached by more than one helix.",
        "nl": "Geen enkel doel wordt door meer dan één helix bereikt.",
    },
    "mapping_title": {
        "en": "Outcomes and the goals they contribute to",
        "nl": "Effecten en de doelen waaraan ze bijdragen",
    },
    "and": {"en": "and", "nl": "en"},
    "thin": {
        "en": "Named but not reached (fewer than {minimum} changes): {goals}.",
        "nl": "Genoemd maar niet bereikt (minder dan {minimum} veranderingen): {goals}.",
    },
}


def _l(key: str, lang: str, **params: object) -> str:
    return pick(L, key, lang, **params)


def _join(names: list[str], lang: str) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + f" {_l('and', lang)} {names[-1]}"


def render(s: State, lang: str) -> str | None:
    if not s.items:
        return None
    info = goals()
    counts = a.goal_counts(s.items)
    reached = a.reached(s.items, s.min_changes)
    table = a.goal_helix(s.items, s.min_changes)
    out = [
        _l(
            "intro",
            lang,
            reached=len(reached),
            coded=a.n_coded(s.items),
            n=len(s.items),
            minimum=s.min_changes,
            s=("s" if s.min_changes != 1 else "") if lang == "en" else ("en" if s.min_changes != 1 else ""),
        )
        + "\n"
    ]
    name_cols = (
        [_l("name_nl", lang), _l("name_en", lang)] if lang == "nl" else [_l("name_en", lang), _l("name_nl", lang)]
    )
    rows = []
    for g in reached:
        names = [info[g].short_nl, info[g].short_en] if lang == "nl" else [info[g].short_en, info[g].short_nl]
        helices = ", ".join(helix_label(h, lang) for h in a.HELICES if table[str(g)].get(h))
        rows.append([str(g), *names, str(counts[str(g)]), helices])
    if rows:
        out.append(md_table([_l("goal", lang), *name_cols, _l("changes", lang), _l("helices", lang)], rows))
    thin = [g for g in info if 0 < counts[str(g)] < s.min_changes]
    if thin:
        out.append(
            _l(
                "thin",
                lang,
                minimum=s.min_changes,
                goals=", ".join(f"{info[g].label(lang)} ({counts[str(g)]})" for g in thin),
            )
            + "\n"
        )

    helices = a.helices(s.study, s.items, s.min_changes)
    hit = [h for h, entry in helices.items() if entry["reached"]]
    out.append(f"### {_l('helices_title', lang)}\n")
    out.append(
        _l(
            "helices_line",
            lang,
            reached=len(hit),
            names=_join([helix_label(h, lang) for h in hit], lang) if hit else "-",
        )
        + "\n"
    )
    for h in hit:
        entry = helices[h]
        out.append(
            "- "
            + _l(
                "helix_line",
                lang,
                helix=helix_label(h, lang),
                stakeholders=", ".join(md_escape(x) for x in entry["stakeholders"]),
                changes=entry["changes"],
                goals=", ".join(map(str, entry["goals"])),
            )
        )
    missing = [helix_label(h, lang) for h in helices if h not in hit]
    if missing:
        out.append("\n" + _l("helix_none", lang, names=", ".join(missing)))
    out.append("")

    out.append(f"### {_l('connect_title', lang)}\n")
    links = a.connecting(s.items, s.min_changes)
    if links:
        for goal, names in links.items():
            out.append(
                "- "
                + _l(
                    "connect_line",
                    lang,
                    goal=info[int(goal)].label(lang),
                    helices=_join([helix_label(h, lang) for h in names], lang),
                    changes=counts[goal],
                )
            )
    else:
        out.append(_l("connect_none", lang))
    out.append("")

    mapping = a.outcome_table(s.study, s.settings, s.items)
    if mapping:
        names = {node.id: node.name for _, node in s.study.chain_nodes()}
        out.append(f"### {_l('mapping_title', lang)}\n")
        for key, entry in mapping.items():
            goals_ = ", ".join(info[g].label(lang) for g in entry["goals"])
            why = f" — {md_escape(entry['rationale'])}" if entry["rationale"] else ""
            out.append(f"- **{md_escape(names.get(key, key))}** → {goals_}{why}")
        out.append("")
    return "\n".join(out)

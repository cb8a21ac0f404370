"""The SDG plugin's messages about counts (its findings and its step), one :func:`catalog` with the
singular and plural of each, filled in with :func:`fill`; lists of rows or names through
:func:`listed`."""

from __future__ import annotations

from impactkit.plugin import Text, catalog, fill, format_list

MESSAGES = catalog(
    [
        (
            "no-helix",
            (
                "stakeholder '{id}' reports {n} change but has no helix; it counts for the goals but for no "
                "helix (add helix: {helices})",
                "stakeholder '{id}' reports {n} changes but has no helix; they count for the goals but for no "
                "helix (add helix: {helices})",
            ),
            (
                "stakeholder '{id}' meldt {n} verandering maar heeft geen helix; die telt mee voor de doelen "
                "maar voor geen enkele helix (voeg helix toe: {helices})",
                "stakeholder '{id}' meldt {n} veranderingen maar heeft geen helix; ze tellen mee voor de doelen "
                "maar voor geen enkele helix (voeg helix toe: {helices})",
            ),
        ),
        (
            "thin-goal",
            (
                "{goal} rests on {n} change, fewer than min_changes ({minimum}); it does not count as reached",
                "{goal} rests on {n} changes, fewer than min_changes ({minimum}); it does not count as reached",
            ),
            (
                "{goal} rust op {n} verandering, minder dan min_changes ({minimum}); het telt niet als bereikt",
                "{goal} rust op {n} veranderingen, minder dan min_changes ({minimum}); het telt niet als bereikt",
            ),
        ),
        (
            "uncoded-rows",
            (
                "{n} of {total} contributes to no SDG (row {where}); `impactkit code STUDY --method sdg` "
                "suggests goals",
                "{n} of {total} contribute to no SDG (rows {where}); `impactkit code STUDY --method sdg` "
                "suggests goals",
            ),
            (
                "{n} van de {total} draagt aan geen enkele SDG bij (rij {where}); `impactkit code STUDIE "
                "--method sdg` stelt doelen voor",
                "{n} van de {total} dragen aan geen enkele SDG bij (rijen {where}); `impactkit code STUDIE "
                "--method sdg` stelt doelen voor",
            ),
        ),
        (
            "uncoded-changes",
            (
                "{n} of {total} contributes to no SDG (change {where}); `impactkit code STUDY --method sdg` "
                "suggests goals",
                "{n} of {total} contribute to no SDG (changes {where}); `impactkit code STUDY --method sdg` "
                "suggests goals",
            ),
            (
                "{n} van de {total} draagt aan geen enkele SDG bij (verandering {where}); `impactkit code STUDIE "
                "--method sdg` stelt doelen voor",
                "{n} van de {total} dragen aan geen enkele SDG bij (veranderingen {where}); `impactkit code "
                "STUDIE --method sdg` stelt doelen voor",
            ),
        ),
        (
            "codes-ignored-outcomes",
            (
                "codes_from is 'outcomes': the SDG codes of {n} change are not counted",
                "codes_from is 'outcomes': the SDG codes of {n} changes are not counted",
            ),
            (
                "codes_from is 'outcomes': de SDG-codes van {n} verandering tellen niet mee",
                "codes_from is 'outcomes': de SDG-codes van {n} veranderingen tellen niet mee",
            ),
        ),
        (
            "codes-ignored-changes",
            (
                "codes_from is 'changes': the goals of the outcome of {n} change are not counted for it",
                "codes_from is 'changes': the goals of the outcomes of {n} changes are not counted for them",
            ),
            (
                "codes_from is 'changes': de doelen van het effect van {n} verandering tellen voor haar niet mee",
                "codes_from is 'changes': de doelen van de effecten van {n} veranderingen tellen voor hen niet mee",
            ),
        ),
        ("changes", ("{n} change", "{n} changes"), ("{n} verandering", "{n} veranderingen")),
        ("more", ("{n} more", "{n} more"), ("nog {n}", "nog {n}")),
        (
            "step-no-goals",
            "the goals the changes contribute to ('sdg' column, or the outcomes' goals in 'methods.sdg.outcomes')",
            "de doelen waaraan de veranderingen bijdragen (kolom 'sdg', of de doelen van de effecten in "
            "'methods.sdg.outcomes')",
        ),
        (
            "step-none-reached",
            (
                "a goal reached: none of the 17 rests on {n} change yet",
                "a goal reached: none of the 17 rests on {n} changes yet",
            ),
            (
                "een bereikt doel: nog geen van de 17 rust op {n} verandering",
                "een bereikt doel: nog geen van de 17 rust op {n} veranderingen",
            ),
        ),
        (
            "step-no-helix",
            "a helix reached: the stakeholders whose changes reach the goals have no helix",
            "een bereikte helix: de stakeholders van wie de veranderingen de doelen bereiken hebben geen helix",
        ),
    ]
)


def listed(items: list[str], shown: int | None = None) -> Text:
    """``items`` as a list in running text, in each language (``a, b en c``); with ``shown``, the
    first ``shown`` of them and how many more (``3, 5, 8 en nog 4``)."""

    def write(lang: str) -> str:
        more = len(items) - shown if shown is not None else 0
        head = items[:shown] if shown is not None else items
        return format_list(head + ([fill(MESSAGES["more"], n=more).get(lang)] if more > 0 else []), lang)

    return Text.per_language(write)


AURORA = Text(
    en="the Aurora SDG queries: “Search Queries for ‘Mapping Research Output to the Sustainable Development Goals "
    "(SDGs)’ v5.0” by Aurora Universities Network (AUR); Alessandro Arienzo (UNA); Roberto delle Donne (UNA); "
    "Ignasi Salvadó Estivill (URV); José Luis González Ugarte (URV); Didier Vercueil (UGA); Nykohla Strong (UAB); "
    "Eike Spielberg (UDE); Felix Schmidt (UDE); Linda Hasse (UDE); Ane Sesma (UEA); Baldvin Zarioh (UIC); Friedrich "
    "Gaigg (UIN); Nicolien van der Grijp (VUA); Yasin Gunes (VUA); René Otten (VUA); Maurice Vanderfeesten (VUA), "
    "DOI 10.5281/zenodo.3817445, licensed under Creative Commons Attribution 4.0 (CC BY 4.0)",
    nl="de Aurora-SDG-zoekvragen: “Search Queries for ‘Mapping Research Output to the Sustainable Development Goals "
    "(SDGs)’ v5.0” van Aurora Universities Network (AUR); Alessandro Arienzo (UNA); Roberto delle Donne (UNA); "
    "Ignasi Salvadó Estivill (URV); José Luis González Ugarte (URV); Didier Vercueil (UGA); Nykohla Strong (UAB); "
    "Eike Spielberg (UDE); Felix Schmidt (UDE); Linda Hasse (UDE); Ane Sesma (UEA); Baldvin Zarioh (UIC); Friedrich "
    "Gaigg (UIN); Nicolien van der Grijp (VUA); Yasin Gunes (VUA); René Otten (VUA); Maurice Vanderfeesten (VUA), "
    "DOI 10.5281/zenodo.3817445, met licentie Creative Commons Naamsvermelding 4.0 (CC BY 4.0)",
)
BERGEN = Text(
    en="the Bergen SDG search strings{part}: Armitage, C. S., Bjerkan, H. M., Byholm, L. P., Gåsemyr, I., Lorenz, M., "
    "Seland, E. H., & Vik Haugen, L. (2023), “Search strings for finding SDG-related research, Bergen-approach” "
    "(v2.0.0), Zenodo, DOI 10.5281/zenodo.7241689, licensed under Creative Commons Attribution 4.0 (CC BY 4.0); "
    "converted and modified for impactkit",
    nl="de Bergen-SDG-zoekstrings{part}: Armitage, C. S., Bjerkan, H. M., Byholm, L. P., Gåsemyr, I., Lorenz, M., "
    "Seland, E. H., & Vik Haugen, L. (2023), “Search strings for finding SDG-related research, Bergen-approach” "
    "(v2.0.0), Zenodo, DOI 10.5281/zenodo.7241689, met licentie Creative Commons Naamsvermelding 4.0 (CC BY 4.0); "
    "omgezet en aangepast voor impactkit",
)
QUERY_SYSTEMS = {
    "aurora": AURORA,
    "bergen": fill(BERGEN, part=""),
    "bergen-topic": fill(BERGEN, part=Text(en=" (the topic approach)", nl=" (de onderwerpbenadering)")),
    "bergen-action": fill(BERGEN, part=Text(en=" (the action approach)", nl=" (de actiebenadering)")),
    "lexicon-nl": Text(
        en="impactkit's own Dutch lexicon of SDG terms", nl="het eigen Nederlandse SDG-lexicon van impactkit"
    ),
}
"""The shipped query systems by name, as a report credits them (the attribution NOTICE gives)."""
OWN_SYSTEM = Text(
    en="a keyword list or query file of the study's own",
    nl="een eigen trefwoordenlijst of zoekvraagbestand van de studie",
)


def system_credit(name: str) -> Text:
    """How the methods note names and credits a query system (a study's own file by what it is, never its path)."""
    return QUERY_SYSTEMS.get(name, OWN_SYSTEM)

"""The leerkring's own steps, placed within the five steps of the approach (``impactkit status``).

``impactkit status`` shows them in the order of the leerkring's own chain: needs → ambition →
effects → project review → evaluation. The evaluation comes last, as a second part of step 5
(``order`` puts it after the review), because one evaluates whether the effects the reviewed
projects serve are seen.

=============================  ====  =====  ======================================================
step                           no.   order  why there
=============================  ====  =====  ======================================================
``value_chain.needs``          1     1      the needs are the question the leerkring answers
``value_chain.ambition``       2     1      the ambition sets the scope: what the leerkring is and is not about
``value_chain.effects``        4     1      the desired effects are the outcomes and impacts
``value_chain.review``         5     1      continue, improve, new or stop is the decision step
``value_chain.evaluation``     5     2      then: are the effects seen? (a status, the changes pointing at each)
=============================  ====  =====  ======================================================
"""

from __future__ import annotations

from typing import Any

from impactkit.plugin import Step, StepStatus, Text, fill, format_list, plural

from .chain import Chain, state
from .figures import evidence_changes

_MORE = (Text(en="{n} more", nl="nog {n}"), Text(en="{n} more", nl="nog {n}"))


def _ids(items: list[str], limit: int = 6) -> Text:
    """The first ``limit`` ids as a list in running text, and how many more there are."""

    def write(lang: str) -> str:
        more = [plural(len(items) - limit, *_MORE).get(lang)] if len(items) > limit else []
        return format_list(items[:limit] + more, lang)

    return Text.per_language(write)


def _with_chain(fn):
    def check(ctx: Any) -> StepStatus:
        chain = state(ctx)
        return StepStatus.not_applicable() if chain is None else StepStatus.of(fn(chain))

    return check


def _needs(chain: Chain) -> list[Text]:
    if not chain.needs:
        return [
            Text(en=f"the local needs ('{chain.section}.needs')", nl=f"de lokale behoeften ('{chain.section}.needs')")
        ]
    unsourced = [n for n, need in chain.needs.items() if not need.source]
    return (
        [
            fill(
                Text(
                    en="how these needs were established ('source'): {ids}",
                    nl="hoe deze behoeften zijn vastgesteld ('source'): {ids}",
                ),
                ids=_ids(unsourced),
            )
        ]
        if unsourced
        else []
    )


def _ambition(chain: Chain) -> list[Text]:
    if chain.settings.ambition is None:
        return [Text(en=f"the ambition ('{chain.section}.ambition')", nl=f"de ambitie ('{chain.section}.ambition')")]
    if not chain.answered:
        return [
            Text(
                en="the needs the ambition answers ('ambition.needs')",
                nl="de behoeften die de ambitie beantwoordt ('ambition.needs')",
            )
        ]
    return []


def _effects(chain: Chain) -> list[Text]:
    if not chain.effects:
        return [
            Text(en="the desired effects ('outcomes', 'impacts')", nl="de gewenste effecten ('outcomes', 'impacts')")
        ]
    missing = []
    no_indicator = [e for e in chain.effects if not chain.indicator(e)]
    if no_indicator:
        missing.append(
            fill(
                Text(
                    en="how we will see these effects ('indicator'): {ids}",
                    nl="hoe we deze effecten terugzien ('indicator'): {ids}",
                ),
                ids=_ids(no_indicator),
            )
        )
    no_need = [e for e in chain.effects if not chain.effect_needs(e)]
    if no_need and chain.needs:
        missing.append(
            fill(
                Text(
                    en="the needs these effects serve ('{section}.effects'): {ids}",
                    nl="de behoeften die deze effecten dienen ('{section}.effects'): {ids}",
                ),
                section=chain.section,
                ids=_ids(no_need),
            )
        )
    return missing


def _review(chain: Chain) -> list[Text]:
    if not chain.projects:
        return [Text(en="the projects ('activities')", nl="de projecten ('activities')")]
    missing = []
    open_ = [p for p in chain.projects if p not in chain.reviews]
    if open_:
        missing.append(
            fill(
                Text(
                    en="a review of: {ids} (continue, improve, new or stop)",
                    nl="een beoordeling van: {ids} (blijven, verbeteren, nieuw of stoppen)",
                ),
                ids=_ids(open_),
            )
        )
    bare = [p for p, r in chain.reviews.items() if p in chain.projects and not r.rationale]
    if bare:
        missing.append(
            fill(
                Text(en="the rationale of the review of: {ids}", nl="de onderbouwing van de beoordeling van: {ids}"),
                ids=_ids(bare),
            )
        )
    return missing


def _evaluation(chain: Chain) -> list[Text]:
    changes = evidence_changes(chain)
    open_ = [
        e
        for e in chain.effects
        if not changes.get(e) and (e not in chain.entries or chain.entries[e].status in (None, "not_evaluated"))
    ]
    if not open_:
        return []
    return [
        fill(
            Text(
                en="an evaluation of: {ids} (a 'status', or changes whose 'outcome' is the effect)",
                nl="een evaluatie van: {ids} (een 'status', of veranderingen met het effect als 'outcome')",
            ),
            ids=_ids(open_),
        )
    ]


STEPS = [
    Step(
        id="value_chain.needs",
        number=1,
        order=1,
        check=_with_chain(_needs),
        title=Text(en="Leerkring: local needs established", nl="Leerkring: lokale behoeften bepaald"),
    ),
    Step(
        id="value_chain.ambition",
        number=2,
        order=1,
        check=_with_chain(_ambition),
        title=Text(en="Leerkring: ambition set", nl="Leerkring: ambitie bepaald"),
    ),
    Step(
        id="value_chain.effects",
        number=4,
        order=1,
        check=_with_chain(_effects),
        title=Text(en="Leerkring: effects concretised", nl="Leerkring: effecten geconcretiseerd"),
    ),
    Step(
        id="value_chain.review",
        number=5,
        order=1,
        check=_with_chain(_review),
        title=Text(en="Leerkring: projects reviewed", nl="Leerkring: projecten kritisch bekeken"),
    ),
    Step(
        id="value_chain.evaluation",
        number=5,
        order=2,
        check=_with_chain(_evaluation),
        title=Text(en="Leerkring: value creation evaluated", nl="Leerkring: waardecreatie geëvalueerd"),
    ),
]

"""The Krachtige Leerkring section of the report (Markdown), in English or Dutch."""

from __future__ import annotations

from typing import Any

from impactkit.plugin import NO_VALUE, catalog, fill, format_list, format_number, md_escape, md_table

from .chain import Chain
from .figures import evaluation, evidence_changes, review_counts
from .lexicon import output_cues
from .settings import DECISION_LABELS, DECISIONS, STATUS_LABELS

WORDS = catalog(
    [
        (
            "intro",
            "A Krachtige Leerkring creates social value by answering local needs: from the needs to an "
            "ambition, from the ambition to desired effects for the target groups (outcomes, not "
            "outputs), and from the effects to a critical review of the projects.",
            "Een Krachtige Leerkring creëert maatschappelijke waarde door in te spelen op lokale "
            "behoeften: van de behoeften naar een ambitie, van de ambitie naar gewenste effecten bij de "
            "doelgroepen (outcomes, geen outputs), en van de effecten naar een kritische blik op de "
            "projecten.",
        ),
        ("ambition", "Ambition", "Ambitie"),
        ("answers", "It answers the needs: {needs}.", "Ze beantwoordt de behoeften: {needs}."),
        (
            "no-answers",
            "It does not yet say which needs it answers.",
            "Ze zegt nog niet welke behoeften ze beantwoordt.",
        ),
        ("needs", "Needs", "Behoeften"),
        ("need", "Need", "Behoefte"),
        ("theme", "Theme", "Thema"),
        ("for", "For", "Voor"),
        ("source", "How established", "Hoe vastgesteld"),
        ("effects", "Desired effects and how we see them", "Gewenste effecten en hoe we ze terugzien"),
        ("effect", "Effect", "Effect"),
        ("indicator", "How we see it", "Hoe zien we dat terug"),
        ("serves", "Serves needs", "Dient behoeften"),
        ("projects", "Projects", "Projecten"),
        ("status", "Evaluation", "Evaluatie"),
        ("changes", ("{n} change", "{n} changes"), ("{n} verandering", "{n} veranderingen")),
        ("review", "Review of the projects", "Beoordeling van de projecten"),
        (
            "review-line",
            ("{n} project: {counts}.", "{n} projects: {counts}."),
            ("{n} project: {counts}.", "{n} projecten: {counts}."),
        ),
        ("decision-count", "{n} {decision}", "{n} {decision}"),
        ("no-rationale", "no rationale given", "geen onderbouwing gegeven"),
        ("serves-effects", "serves: {effects}", "dient: {effects}"),
        ("no-effect", "serves no effect", "dient geen effect"),
        ("funding", "funding: {value}", "financiering: {value}"),
        ("initiator", "initiator: {value}", "initiatiefnemer: {value}"),
        ("unreviewed", "Not reviewed", "Niet beoordeeld"),
        ("check", "Outcomes, not outputs", "Outcomes, geen outputs"),
        (
            "check-ok",
            (
                "The effect is phrased as what we see with the target group.",
                "All {n} effects are phrased as what we see with the target group.",
            ),
            (
                "Het effect is geformuleerd als wat we bij de doelgroep zien.",
                "Alle {n} effecten zijn geformuleerd als wat we bij de doelgroep zien.",
            ),
        ),
        (
            "check-bad",
            (
                "{n} of {effects} reads as an output — what do we then see with the target group?",
                "{n} of {effects} read as outputs — what do we then see with the target group?",
            ),
            (
                "{n} van de {effects} leest als output — wat zien we dan bij de doelgroep?",
                "{n} van de {effects} lezen als output — wat zien we dan bij de doelgroep?",
            ),
        ),
        ("n-effects", ("{n} effect", "{n} effects"), ("{n} effect", "{n} effecten")),
        ("evaluation", "Evaluation", "Evaluatie"),
        (
            "evaluation-line",
            "{evaluated} of {effects} evaluated; {with_changes} with experienced changes as evidence.",
            "{evaluated} van de {effects} geëvalueerd; {with_changes} met ervaren veranderingen als onderbouwing.",
        ),
    ]
)


def word(key: str, lang: str, **params: object) -> str:
    """The message ``key`` of :data:`WORDS` in ``lang``, filled in (a plural one by ``n``)."""
    return fill(WORDS[key], **params).get(lang)


def need_name(chain: Chain, need: str) -> str:
    """What the reader calls a need: its theme, else its statement; the id when it is not defined."""
    item = chain.needs.get(need)
    return (item.theme or item.statement) if item is not None else need


def effect_name(chain: Chain, effect: str) -> str:
    node = chain.effects.get(effect)
    return node.name if node is not None and node.name else effect


def project_name(chain: Chain, project: str) -> str:
    node = chain.projects.get(project)
    return node.name if node is not None and node.name else project


def _names(chain: Chain, holders: list[str], lang: str) -> str:
    study = chain.study
    return format_list([(study.stakeholder(h).name if study.stakeholder(h) else h) for h in holders], lang)


def render(chain: Chain, lang: str) -> str | None:
    settings = chain.settings
    out = [word("intro", lang) + "\n"]
    if settings.ambition is not None:
        needs = [md_escape(need_name(chain, n)) for n in chain.answered]
        out.append(f"### {word('ambition', lang)}\n\n> {md_escape(settings.ambition.text)}\n")
        out.append(
            (word("answers", lang, needs=format_list(needs, lang)) if needs else word("no-answers", lang)) + "\n"
        )
    if chain.needs:
        out.append(f"### {word('needs', lang)}\n")
        out.append(
            md_table(
                [word(k, lang) for k in ("need", "theme", "for", "source")],
                [
                    [
                        n.statement,
                        n.theme or "",
                        _names(chain, n.stakeholders, lang) if n.stakeholders else "",
                        n.source or "",
                    ]
                    for n in chain.needs.values()
                ],
            )
        )
    if chain.effects:
        out.append(f"### {word('effects', lang)}\n")
        changes = evidence_changes(chain)
        rows = []
        for effect, node in chain.effects.items():
            entry = chain.entries.get(effect)
            status = [STATUS_LABELS[entry.status].get(lang)] if entry and entry.status else []
            if changes.get(effect):
                status.append(word("changes", lang, n=changes[effect]))
            status += [entry.evidence] if entry and entry.evidence else []
            for_whom = chain.for_whom(effect)
            rows.append(
                [
                    node.name or effect,
                    _names(chain, for_whom, lang) if for_whom else "",
                    chain.indicator(effect) or NO_VALUE,
                    format_list([need_name(chain, n) for n in chain.effect_needs(effect)], lang),
                    format_list([project_name(chain, p) for p in chain.served_by(effect)], lang),
                    "; ".join(status),
                ]
            )
        headers = ["effect", "for", "indicator", "serves", "projects"]
        with_status = any(r[-1] for r in rows)
        out.append(
            md_table(
                [word(k, lang) for k in headers + (["status"] if with_status else [])],
                [r if with_status else r[:-1] for r in rows],
            )
        )
    if chain.projects:
        out.append(_review(chain, lang))
    if chain.effects:
        out.append(_check(chain, lang))
    figures = evaluation(chain)
    if figures:
        line = word(
            "evaluation-line",
            lang,
            evaluated=format_number(figures["evaluated"], lang),
            effects=fill(WORDS["n-effects"], n=figures["effects"]),
            with_changes=format_number(figures["with_changes"], lang),
        )
        out.append(f"### {word('evaluation', lang)}\n\n{line}\n")
    return "\n".join(out)


def _review(chain: Chain, lang: str) -> str:
    counts = review_counts(chain)
    summary = format_list(
        [
            word("decision-count", lang, n=format_number(counts[d], lang), decision=DECISION_LABELS[d])
            for d in DECISIONS
            if counts[d]
        ],
        lang,
    )
    out = [f"### {word('review', lang)}\n", word("review-line", lang, n=len(chain.projects), counts=summary) + "\n"]
    for decision in (*DECISIONS, None):
        projects = [p for p in chain.projects if chain.decision(p) == decision]
        if not projects:
            continue
        heading = DECISION_LABELS[decision].get(lang) if decision else word("unreviewed", lang)
        out.append(f"**{heading[0].upper() + heading[1:]}**\n")
        for project in projects:
            out.append(_project_line(chain, project, lang))
        out.append("")
    return "\n".join(out)


def _project_line(chain: Chain, project: str, lang: str) -> str:
    item: Any = chain.reviews.get(project)
    serves = chain.serves(project)
    effects = format_list([effect_name(chain, e) for e in serves], lang)
    details = [word("serves-effects", lang, effects=effects) if serves else word("no-effect", lang)]
    if item and item.funding:
        details.append(word("funding", lang, value=item.funding))
    if item and item.initiator:
        details.append(word("initiator", lang, value=item.initiator))
    rationale = md_escape(item.rationale) if item and item.rationale else f"_{word('no-rationale', lang)}_"
    return f"- **{md_escape(chain.projects[project].name)}** ({md_escape('; '.join(details))}) — {rationale}"


def _check(chain: Chain, lang: str) -> str:
    flagged = [(e, output_cues(node.name)) for e, node in chain.effects.items()]
    flagged = [(e, cues) for e, cues in flagged if cues.flagged]
    out = [f"### {word('check', lang)}\n"]
    if not flagged:
        out.append(word("check-ok", lang, n=len(chain.effects)) + "\n")
        return "\n".join(out)
    total = fill(WORDS["n-effects"], n=len(chain.effects))
    out.append(word("check-bad", lang, n=len(flagged), effects=total) + "\n")
    for effect, cues in flagged:
        because = format_list(list(cues.because), lang)
        out.append(f"- {md_escape(chain.effects[effect].name)}: {md_escape(because)}")
    return "\n".join(out) + "\n"

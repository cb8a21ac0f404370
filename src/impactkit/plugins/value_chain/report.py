"""The Krachtige Leerkring section of the report (Markdown), in English or Dutch."""

from __future__ import annotations

from typing import Any

from impactkit.plugin import Text, md_escape, md_table

from .chain import Chain
from .figures import evaluation, evidence_changes, review_counts
from .lexicon import output_cues
from .settings import DECISION_LABELS, DECISIONS, STATUS_LABELS

L = {
    "intro": Text(
        en="A Krachtige Leerkring creates social value by answering local needs: from the needs to an "
        "ambition, from the ambition to desired effects for the target groups (outcomes, not "
        "outputs), and from the effects to a critical review of the projects.",
        nl="Een Krachtige Leerkring creëert maatschappelijke waarde door in te spelen op lokale "
        "behoeften: van de behoeften naar een ambitie, van de ambitie naar gewenste effecten bij de "
        "doelgroepen (outcomes, geen outputs), en van de effecten naar een kritische blik op de "
        "projecten.",
    ),
    "ambition": Text(en="Ambition", nl="Ambitie"),
    "answers": Text(en="It answers the needs: {needs}.", nl="Ze beantwoordt de behoeften: {needs}."),
    "no_answers": Text(
        en="It does not yet say which needs it answers.", nl="Ze zegt nog niet welke behoeften ze beantwoordt."
    ),
    "needs": Text(en="Needs", nl="Behoeften"),
    "need": Text(en="Need", nl="Behoefte"),
    "theme": Text(en="Theme", nl="Thema"),
    "for": Text(en="For", nl="Voor"),
    "source": Text(en="How established", nl="Hoe vastgesteld"),
    "effects": Text(en="Desired effects and how we see them", nl="Gewenste effecten en hoe we ze terugzien"),
    "effect": Text(en="Effect", nl="Effect"),
    "indicator": Text(en="How we see it", nl="Hoe zien we dat terug"),
    "serves": Text(en="Serves needs", nl="Dient behoeften"),
    "projects": Text(en="Projects", nl="Projecten"),
    "status": Text(en="Evaluation", nl="Evaluatie"),
    "review": Text(en="Review of the projects", nl="Beoordeling van de projecten"),
    "review_line": Text(en="{n} {projects_word}: {counts}.", nl="{n} {projects_word}: {counts}."),
    "project_word": Text(en="project", nl="project"),
    "projects_word": Text(en="projects", nl="projecten"),
    "no_rationale": Text(en="no rationale given", nl="geen onderbouwing gegeven"),
    "serves_effects": Text(en="serves:", nl="dient:"),
    "no_effect": Text(en="serves no effect", nl="dient geen effect"),
    "funding": Text(en="funding", nl="financiering"),
    "initiator": Text(en="initiator", nl="initiatiefnemer"),
    "unreviewed": Text(en="Not reviewed", nl="Niet beoordeeld"),
    "check": Text(en="Outcomes, not outputs", nl="Outcomes, geen outputs"),
    "check_ok": Text(
        en="All {n} effects are phrased as what we see with the target group.",
        nl="Alle {n} effecten zijn geformuleerd als wat we bij de doelgroep zien.",
    ),
    "check_bad": Text(
        en="{k} of {n} effects read as outputs — what do we then see with the target group?",
        nl="{k} van de {n} effecten lezen als output — wat zien we dan bij de doelgroep?",
    ),
    "evaluation": Text(en="Evaluation", nl="Evaluatie"),
    "evaluation_line": Text(
        en="{k} of {n} effects evaluated; {c} with experienced changes as evidence.",
        nl="{k} van de {n} effecten geëvalueerd; {c} met ervaren veranderingen als onderbouwing.",
    ),
    "changes": Text(en="{n} changes", nl="{n} veranderingen"),
    "change": Text(en="1 change", nl="1 verandering"),
}


def _l(key: str, lang: str, **params: object) -> str:
    text = L[key].get(lang)
    return text.format(**params) if params else text


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


def _names(chain: Chain, holders: list[str]) -> str:
    study = chain.study
    return ", ".join((study.stakeholder(h).name if study.stakeholder(h) else h) for h in holders)


def render(chain: Chain, lang: str) -> str | None:
    settings = chain.settings
    out = [_l("intro", lang) + "\n"]
    if settings.ambition is not None:
        needs = "; ".join(md_escape(need_name(chain, n)) for n in chain.answered)
        out.append(f"### {_l('ambition', lang)}\n\n> {md_escape(settings.ambition.text)}\n")
        out.append((_l("answers", lang, needs=needs) if needs else _l("no_answers", lang)) + "\n")
    if chain.needs:
        out.append(f"### {_l('needs', lang)}\n")
        out.append(
            md_table(
                [_l(k, lang) for k in ("need", "theme", "for", "source")],
                [
                    [f"{n.statement} ({n.id})", n.theme or "", _names(chain, n.stakeholders), n.source or ""]
                    for n in chain.needs.values()
                ],
            )
        )
    if chain.effects:
        out.append(f"### {_l('effects', lang)}\n")
        changes = evidence_changes(chain)
        rows = []
        for effect, node in chain.effects.items():
            entry = chain.entries.get(effect)
            status = [STATUS_LABELS[entry.status].get(lang)] if entry and entry.status else []
            if changes.get(effect):
                status.append(_l("change", lang) if changes[effect] == 1 else _l("changes", lang, n=changes[effect]))
            status += [entry.evidence] if entry and entry.evidence else []
            rows.append(
                [
                    f"{node.name} ({effect})",
                    _names(chain, chain.for_whom(effect)),
                    chain.indicator(effect) or "—",
                    "; ".join(need_name(chain, n) for n in chain.effect_needs(effect)) or "—",
                    "; ".join(project_name(chain, p) for p in chain.served_by(effect)) or "—",
                    "; ".join(status),
                ]
            )
        headers = ["effect", "for", "indicator", "serves", "projects"]
        with_status = any(r[-1] for r in rows)
        out.append(
            md_table(
                [_l(k, lang) for k in headers + (["status"] if with_status else [])],
                [r if with_status else r[:-1] for r in rows],
            )
        )
    if chain.projects:
        out.append(_review(chain, lang))
    out.append(_check(chain, lang))
    figures = evaluation(chain)
    if figures:
        out.append(
            f"### {_l('evaluation', lang)}\n\n"
            + _l("evaluation_line", lang, k=figures["evaluated"], n=figures["effects"], c=figures["with_changes"])
            + "\n"
        )
    return "\n".join(out)


def _review(chain: Chain, lang: str) -> str:
    counts = review_counts(chain)
    summary = ", ".join(f"{counts[d]} {DECISION_LABELS[d].get(lang)}" for d in DECISIONS if counts[d])
    n = len(chain.projects)
    out = [
        f"### {_l('review', lang)}\n",
        _l(
            "review_line",
            lang,
            n=n,
            projects_word=_l("project_word" if n == 1 else "projects_word", lang),
            counts=summary,
        )
        + "\n",
    ]
    for decision in (*DECISIONS, None):
        projects = [p for p in chain.projects if chain.decision(p) == decision]
        if not projects:
            continue
        heading = DECISION_LABELS[decision].get(lang) if decision else _l("unreviewed", lang)
        out.append(f"**{heading[0].upper() + heading[1:]}**\n")
        for project in projects:
            out.append(_project_line(chain, project, lang))
        out.append("")
    return "\n".join(out)


def _project_line(chain: Chain, project: str, lang: str) -> str:
    item: Any = chain.reviews.get(project)
    serves = chain.serves(project)
    details = [
        f"{_l('serves_effects', lang)} {'; '.join(effect_name(chain, e) for e in serves)}"
        if serves
        else _l("no_effect", lang)
    ]
    if item and item.funding:
        details.append(f"{_l('funding', lang)}: {md_escape(item.funding)}")
    if item and item.initiator:
        details.append(f"{_l('initiator', lang)}: {md_escape(item.initiator)}")
    rationale = md_escape(item.rationale) if item and item.rationale else f"_{_l('no_rationale', lang)}_"
    return f"- **{md_escape(chain.projects[project].name)}** ({md_escape('; '.join(details))}) — {rationale}"


def _check(chain: Chain, lang: str) -> str:
    flagged = [(e, output_cues(node.name)) for e, node in chain.effects.items()]
    flagged = [(e, cues) for e, cues in flagged if cues.flagged]
    out = [f"### {_l('check', lang)}\n"]
    if not flagged:
        out.append(_l("check_ok", lang, n=len(chain.effects)) + "\n")
        return "\n".join(out)
    out.append(_l("check_bad", lang, k=len(flagged), n=len(chain.effects)) + "\n")
    for effect, cues in flagged:
        out.append(
            f"- {md_escape(chain.effects[effect].name)} ({md_escape(effect)}): {md_escape(', '.join(cues.because))}"
        )
    return "\n".join(out) + "\n"

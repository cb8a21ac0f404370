"""The Krachtige Leerkring parts of the report (Markdown), in English or Dutch:

* in the summary: the line from needs to projects in a few lines (:func:`summary_section`) and
  its tiles (:func:`key_figures`: needs served, projects that fit the ambition, effects evaluated);
* in the body: the needs, the ambition, the effects, the review of the projects (:func:`render`);
* in the methods note: how the chain was built and what impactkit checks in it
  (:func:`methods_section`).
"""

from __future__ import annotations

from typing import Any

from impactkit.plugin import (
    NO_VALUE,
    KeyFigure,
    catalog,
    fill,
    format_list,
    format_number,
    md_escape,
    md_table,
    shorten,
)

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
        # the summary
        ("line-needs", "**Needs:** {needs}.", "**Behoeften:** {needs}."),
        ("n-needs", ("{n} local need", "{n} local needs"), ("{n} lokale behoefte", "{n} lokale behoeften")),
        ("needs-named", "{needs}: {names}", "{needs}: {names}"),
        (
            "line-ambition",
            "**Ambition:** “{text}” — it answers {answered} of {needs}.",
            "**Ambitie:** “{text}” — ze beantwoordt {answered} van de {needs}.",
        ),
        ("of-needs", ("{n} need", "{n} needs"), ("{n} behoefte", "{n} behoeften")),
        (
            "line-effects",
            "**Desired effects:** {effects}; {with_need} serve a need, {served} are served by a project.",
            "**Gewenste effecten:** {effects}; {with_need} dienen een behoefte, {served} worden door een project "
            "gediend.",
        ),
        ("line-projects", "**Projects:** {projects}.", "**Projecten:** {projects}."),
        (
            "fit",
            (
                "{fit} of {n} project still running fits the ambition",
                "{fit} of {n} projects still running fit the ambition",
            ),
            (
                "{fit} van {n} doorlopend project past bij de ambitie",
                "{fit} van de {n} doorlopende projecten passen bij de ambitie",
            ),
        ),
        ("line-evaluation", "**Evaluation:** {line}", "**Evaluatie:** {line}"),
        ("key-of", "{part} of {whole}", "{part} van de {whole}"),
        ("key-needs", "needs served by a desired effect", "behoeften gediend door een gewenst effect"),
        ("key-fit", "projects still running fit the ambition", "doorlopende projecten passen bij de ambitie"),
        ("key-evaluated", "desired effects evaluated", "gewenste effecten geëvalueerd"),
        (
            "key-with-changes",
            ("{n} with experienced changes as evidence", "{n} with experienced changes as evidence"),
            ("{n} met ervaren veranderingen als onderbouwing", "{n} met ervaren veranderingen als onderbouwing"),
        ),
        # the methods note
        (
            "method",
            "The leerkring was looked at through its logic of value creation: local needs (not wishes), an ambition "
            "that answers them, desired effects for the target groups (outcomes: what we see with them, not outputs), "
            "a critical review of every project (continue, improve, new or stop) and the evaluation of the effects. "
            "A project serves an effect when its review names the effect or when the study's chain of steps leads from "
            "the project to it; a project fits the ambition when it serves an effect that serves a need the ambition "
            "answers. A stopped project serves nothing any more.",
            "De leerkring is bekeken met de logica van waardecreatie: lokale behoeften (geen wensen), een ambitie die "
            "ze beantwoordt, gewenste effecten bij de doelgroepen (outcomes: wat we bij hen zien, geen outputs), een "
            "kritische blik op elk project (blijven doen, beter doen, nieuw ontwikkelen of niet meer doen) en de "
            "evaluatie van de effecten. Een project dient een effect als de beoordeling het effect noemt of als de "
            "keten van stappen in de studie van het project naar het effect leidt; een project past bij de ambitie "
            "als het een effect dient dat een behoefte dient die de ambitie beantwoordt. Een gestopt project dient "
            "niets meer.",
        ),
        ("checks", "impactkit checks the chain on these points:", "impactkit toetst de keten op deze punten:"),
        (
            "check-outputs",
            "an effect that reads as an output (counts, or words such as organise or deliver) is flagged: what do we "
            "then see with the target group?",
            "een effect dat leest als output (aantallen, of woorden als organiseren of opleveren) wordt gemeld: wat "
            "zien we dan bij de doelgroep?",
        ),
        (
            "check-gaps",
            "every need is served by an effect, every effect serves a need and says how we will see it, and every "
            "effect is served by a project;",
            "elke behoefte wordt door een effect gediend, elk effect dient een behoefte en zegt hoe we het terugzien, "
            "en elk effect wordt door een project gediend;",
        ),
        (
            "check-projects",
            "every project still running serves an effect of the ambition, and nothing still depends on a stopped "
            "project (its funding, or an effect only it served);",
            "elk doorlopend project dient een effect van de ambitie, en niets hangt nog af van een gestopt project "
            "(de financiering, of een effect dat alleen dat project diende);",
        ),
        (
            "check-wishes",
            "a need that names a solution or an activity (a bingo) rather than the need behind it is pointed out.",
            "een behoefte die een oplossing of activiteit noemt (een bingo) in plaats van de behoefte erachter, wordt "
            "aangewezen.",
        ),
        (
            "check-where",
            "What these checks found is in the appendix on the quality of the data.",
            "Wat deze toetsen vonden, staat in de bijlage over de kwaliteit van de gegevens.",
        ),
        (
            "evaluated-how",
            "An effect counts as evaluated when the study gives it a status (achieved, partly, not achieved) or when "
            "experienced changes point at it.",
            "Een effect telt als geëvalueerd als de studie het een status geeft (bereikt, deels, niet bereikt) of als "
            "ervaren veranderingen ernaar verwijzen.",
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
    summary = _review_line(chain, lang)
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


def _review_line(chain: Chain, lang: str) -> str:
    counts = review_counts(chain)
    return format_list(
        [
            word("decision-count", lang, n=format_number(counts[d], lang), decision=DECISION_LABELS[d])
            for d in DECISIONS
            if counts[d]
        ],
        lang,
    )


def _live(chain: Chain) -> list[str]:
    return [p for p in chain.projects if chain.live(p)]


def summary_section(chain: Chain, lang: str) -> str | None:
    """For the summary: the line needs → ambition → desired effects → projects (and how many
    still running fit the ambition) → evaluation, each in one line, by the names the study gives."""
    settings = chain.settings
    out = []
    if chain.needs:
        names = format_list([md_escape(need_name(chain, n)) for n in chain.needs], lang)
        needs = fill(WORDS["n-needs"], n=len(chain.needs))
        out.append(word("line-needs", lang, needs=word("needs-named", lang, needs=needs, names=names)))
    if settings.ambition is not None:
        text = md_escape(shorten(" ".join(settings.ambition.text.split()), 160))
        needs = fill(WORDS["of-needs"], n=len(chain.needs))
        out.append(
            word("line-ambition", lang, text=text, answered=format_number(len(chain.answered), lang), needs=needs)
        )
    if chain.effects:
        out.append(
            word(
                "line-effects",
                lang,
                effects=fill(WORDS["n-effects"], n=len(chain.effects)),
                with_need=format_number(sum(1 for e in chain.effects if chain.effect_needs(e)), lang),
                served=format_number(sum(1 for e in chain.effects if chain.served_by(e)), lang),
            )
        )
    if chain.projects:
        review = word("review-line", lang, n=len(chain.projects), counts=_review_line(chain, lang)).rstrip(".")
        live = _live(chain)
        if live and chain.answered:
            review += "; " + word(
                "fit", lang, n=len(live), fit=format_number(sum(1 for p in live if chain.fits(p)), lang)
            )
        out.append(word("line-projects", lang, projects=review))
    figures = evaluation(chain)
    if figures:
        line = word(
            "evaluation-line",
            lang,
            evaluated=format_number(figures["evaluated"], lang),
            effects=fill(WORDS["n-effects"], n=figures["effects"]),
            with_changes=format_number(figures["with_changes"], lang),
        )
        out.append(word("line-evaluation", lang, line=line))
    return "\n".join(f"- {line}" for line in out) + "\n" if out else None


def key_figures(chain: Chain, lang: str) -> list[KeyFigure] | None:
    """The summary's tiles: needs served by an effect, projects still running that fit the
    ambition, and (once something is evaluated) the desired effects evaluated."""

    def of(part: int, whole: int) -> str:
        return word("key-of", lang, part=format_number(part, lang), whole=format_number(whole, lang))

    out = []
    if chain.needs:
        served = sum(1 for n in chain.needs if chain.need_effects(n))
        out.append(KeyFigure(value=of(served, len(chain.needs)), label=word("key-needs", lang)))
    live = _live(chain)
    if live and chain.answered:
        fit = sum(1 for p in live if chain.fits(p))
        out.append(KeyFigure(value=of(fit, len(live)), label=word("key-fit", lang)))
    figures = evaluation(chain)
    if figures:
        note = word("key-with-changes", lang, n=figures["with_changes"]) if figures["with_changes"] else None
        out.append(
            KeyFigure(value=of(figures["evaluated"], figures["effects"]), label=word("key-evaluated", lang), note=note)
        )
    return out or None


def methods_section(chain: Chain, lang: str) -> str:
    """For the methods note: the logic the chain follows, what a project serving an effect and
    fitting the ambition mean, what impactkit checks in the chain (its findings are in the
    data-quality appendix) and when an effect counts as evaluated."""
    checks = [word(key, lang) for key in ("check-outputs", "check-gaps", "check-projects", "check-wishes")]
    out = [word("method", lang) + "\n", word("checks", lang) + "\n"]
    out.append("\n".join(f"- {line}" for line in checks) + "\n")
    out.append(word("check-where", lang) + " " + word("evaluated-how", lang) + "\n")
    return "\n".join(out)

"""The core plugin's report sections (Markdown): the study, the five steps, the theory of change
and the decisions. Every word comes from :data:`WORDS`, every figure from the public formatters."""

from __future__ import annotations

from impactkit.plugin import (
    KeyFigure,
    catalog,
    fill,
    format_date,
    format_list,
    format_number,
    helix_label,
    md_escape,
    md_table,
    shorten,
)

WORDS = catalog(
    [
        ("question", "Question", "Vraag"),
        ("route", "Route", "Route"),
        ("route-linear", "route 1 (linear, monetised SROI)", "route 1 (lineair, gemonetariseerde SROI)"),
        (
            "route-nonlinear",
            "route 2 (non-linear, experienced changes)",
            "route 2 (niet-lineair, ervaren veranderingen)",
        ),
        ("route-both", "routes 1 and 2", "route 1 en 2"),
        ("period", "Period", "Periode"),
        ("period-dates", "{label} ({dates})", "{label} ({dates})"),
        ("approach", "Approach", "Aanpak"),
        (
            "approach-line",
            "{route}, in five steps: the question and the route, the scope and the stakeholders, the experienced "
            "changes, their broader impact and the helices, and the decisions. The methods note says how each step "
            "was taken.",
            "{route}, in vijf stappen: de vraag en de route, de scope en de stakeholders, de ervaren veranderingen, "
            "hun bredere impact en de helices, en de besluitvorming. De verantwoording zegt hoe elke stap is gezet.",
        ),
        ("stakeholders", "Stakeholders", "Stakeholders"),
        ("people", "People", "Mensen"),
        ("changes", "Changes", "Veranderingen"),
        ("key-people", ("person took part", "people took part"), ("persoon deed mee", "mensen deden mee")),
        ("key-people-note", "in {roles} and {groups}", "in {roles} en {groups}"),
        (
            "key-changes",
            ("experienced change", "experienced changes"),
            ("ervaren verandering", "ervaren veranderingen"),
        ),
        (
            "key-changes-note",
            ("{n} with a quote", "{n} with a quote"),
            ("{n} met een citaat", "{n} met een citaat"),
        ),
        (
            "collected",
            (
                "The experienced changes were reported by {people} in {n} round: {waves}.",
                "The experienced changes were reported by {people} in {n} rounds: {waves}.",
            ),
            (
                "De ervaren veranderingen zijn gemeld door {people} in {n} ronde: {waves}.",
                "De ervaren veranderingen zijn gemeld door {people} in {n} rondes: {waves}.",
            ),
        ),
        (
            "collected-once",
            "The experienced changes were reported by {people}.",
            "De ervaren veranderingen zijn gemeld door {people}.",
        ),
        ("in", "In scope", "Binnen de scope"),
        ("out", "Out of scope", "Buiten de scope"),
        ("holder", "Stakeholder", "Stakeholder"),
        ("group", "Group", "Groep"),
        ("helix", "Helix", "Helix"),
        ("size", "Size", "Omvang"),
        ("figures", "In figures", "In cijfers"),
        (
            "figures-line",
            "{changes} from {people} in {roles} and {groups}.",
            "{changes} van {people} in {roles} en {groups}.",
        ),
        (
            "figures-line-no-roles",
            "{changes} from {people} in {groups}.",
            "{changes} van {people} in {groups}.",
        ),
        (
            "n-changes",
            ("{n} experienced change", "{n} experienced changes"),
            ("{n} ervaren verandering", "{n} ervaren veranderingen"),
        ),
        ("n-people", ("{n} person", "{n} people"), ("{n} persoon", "{n} mensen")),
        ("n-roles", ("{n} role", "{n} roles"), ("{n} rol", "{n} rollen")),
        (
            "n-groups",
            ("{n} stakeholder group", "{n} stakeholder groups"),
            ("{n} stakeholdergroep", "{n} stakeholdergroepen"),
        ),
        ("step", "Step", "Stap"),
        ("done", "Complete", "Compleet"),
        ("missing", "Missing", "Ontbreekt"),
        ("yes", "yes", "ja"),
        ("no", "no", "nee"),
        ("part-missing", "{part}: {missing}", "{part}: {missing}"),
        ("part-open", "{part} not complete", "{part} niet compleet"),
        ("evidence", "rests on", "steunt op"),
        ("caption", "From inputs to impact.", "Van inzet tot impact."),
        (
            "caption-colours",
            "From inputs to impact; colours show the stakeholder.",
            "Van inzet tot impact; kleuren tonen de stakeholder.",
        ),
        (
            "caption-lines",
            "From inputs to impact; line styles show how sure each link is.",
            "Van inzet tot impact; lijnstijlen tonen hoe zeker elk verband is.",
        ),
        (
            "caption-colours-lines",
            "From inputs to impact; colours show the stakeholder, line styles how sure each link is.",
            "Van inzet tot impact; kleuren tonen de stakeholder, lijnstijlen hoe zeker elk verband is.",
        ),
    ]
)


def _word(key: str, lang: str, **params: object) -> str:
    return fill(WORDS[key], **params).get(lang)


def _date(value: str, lang: str) -> str:
    """A period's start or end as the reader writes dates; a date that is not ``YYYY-MM-DD``
    (``2024``, ``najaar 2024``) as the study gives it."""
    try:
        return format_date(value, lang)
    except ValueError:
        return value


def _period(period, lang: str) -> str:
    dates = " – ".join(_date(p, lang) for p in (period.start, period.end) if p)
    if period.label and dates:
        return _word("period-dates", lang, label=period.label, dates=dates)
    return period.label or dates


def summary_section(ctx, lang: str) -> str:
    """The study in a few lines: the question, the approach, the period and who took part (per
    stakeholder group its people and changes, as the metrics count them), then what privacy hid.
    The scope and the stakeholders in full are in the methods note (:func:`scope_section`)."""
    study = ctx.study
    out = []
    if study.question:
        out.append(f"**{_word('question', lang)}:** {md_escape(study.question)}\n")
    if study.route:
        route = _word(f"route-{study.route}", lang)
        out.append(f"**{_word('approach', lang)}:** {_word('approach-line', lang, route=route)}\n")
    if study.period and (study.period.label or study.period.start or study.period.end):
        out.append(f"**{_word('period', lang)}:** {md_escape(_period(study.period, lang))}\n")
    from . import figures
    from .figures import distinct_changes

    if study.change_list:  # the same counts as the metrics core.people, core.roles, core.stakeholder_groups
        roles = figures.roles(study)
        counts = {
            "changes": fill(WORDS["n-changes"], n=distinct_changes(study)),
            "people": fill(WORDS["n-people"], n=figures.people(study)),
            "roles": fill(WORDS["n-roles"], n=roles),
            "groups": fill(WORDS["n-groups"], n=figures.groups(study)),
        }
        line = _word("figures-line" if roles else "figures-line-no-roles", lang, **counts)
        out.append(f"**{_word('figures', lang)}:** {line}\n")
        rows = [
            [
                figures.group_label(study, group),
                format_number(entry["people"], lang),
                format_number(entry["changes"], lang),
            ]
            for group, entry in figures.per_group(study).items()
        ]
        out.append(md_table([_word(k, lang) for k in ("group", "people", "changes")], rows))
    elif study.stakeholders:
        names = [h.name if h.size is None else f"{h.name} ({format_number(h.size, lang)})" for h in study.stakeholders]
        out.append(f"**{_word('stakeholders', lang)}:** {md_escape(format_list(names, lang))}.\n")
    from .privacy import privacy_note

    if (note := privacy_note(ctx)) is not None:  # names, consent, quotes withheld (docs/privacy.md)
        out.append(f"{note.get(lang)}\n")
    return "\n".join(out)


def summary_figures(ctx, lang: str) -> list[KeyFigure] | None:
    """The summary's tiles for who took part: the people (in how many roles and groups) and the
    experienced changes (how many with a quote that may be shown); none without changes."""
    from . import figures
    from .figures import distinct_changes

    study = ctx.study
    if not study.change_list:
        return None
    people, roles = figures.people(study), figures.roles(study)
    groups = fill(WORDS["n-groups"], n=figures.groups(study))
    note = (
        _word("key-people-note", lang, roles=fill(WORDS["n-roles"], n=roles), groups=groups)
        if roles
        else groups.get(lang)
    )
    changes = distinct_changes(study)
    quoted = figures.quoted(study)
    return [
        KeyFigure(value=format_number(people, lang), label=_word("key-people", lang, n=people), note=note),
        KeyFigure(
            value=format_number(changes, lang),
            label=_word("key-changes", lang, n=changes),
            note=_word("key-changes-note", lang, n=quoted) if quoted else None,
        ),
    ]


def scope_section(ctx, lang: str) -> str | None:
    """For the methods note: what was in and out of scope, every stakeholder (group, helix, size)
    and how the changes were collected (in which rounds)."""
    study = ctx.study
    out = []
    if study.scope:
        for key, items in (("in", study.scope.include), ("out", study.scope.exclude)):
            if items:
                out.append(f"**{_word(key, lang)}:**\n\n" + "\n".join(f"- {md_escape(i)}" for i in items) + "\n")
    if study.stakeholders:
        out.append(
            md_table(
                [_word(k, lang) for k in ("holder", "group", "helix", "size")],
                [
                    [
                        h.name,
                        h.group or "",
                        helix_label(h.helix, lang) if h.helix else "",
                        "" if h.size is None else format_number(h.size, lang),
                    ]
                    for h in study.stakeholders
                ],
            )
        )
    if study.change_list:
        from . import figures

        people = fill(WORDS["n-people"], n=figures.people(study))
        waves = figures.waves(study)
        if waves:
            out.append(_word("collected", lang, n=len(waves), people=people, waves=format_list(waves, lang)) + "\n")
        else:
            out.append(_word("collected-once", lang, people=people) + "\n")
    return "\n".join(out) or None


def steps_section(ctx, lang: str) -> str:
    """The five steps as the reader sees them: a step is complete only when its own check and
    every part plugins add to it (``3.1``, ``4.1`` …, as ``impactkit status`` lists them) are, so
    a step whose part has no results yet (no SDG reached, changes left uncoded) is not complete;
    what is missing names the part."""
    from .steps import STEPS

    checked = ctx.steps()
    rows = []
    for step in STEPS:
        own = next((status for s, status in checked if s.id == step.id), None) or step.check(ctx)
        missing = [m.get(lang) for m in own.missing]
        done = own.done
        for part, status in checked:
            if part.number != step.number or part.main or status.done:
                continue
            done = False
            title = part.title.get(lang)
            if status.missing:
                missing += [_word("part-missing", lang, part=title, missing=m.get(lang)) for m in status.missing]
            else:
                missing.append(_word("part-open", lang, part=title))
        rows.append(
            [f"{step.number}. {step.title.get(lang)}", _word("yes" if done else "no", lang), "; ".join(missing)]
        )
    return md_table([_word("step", lang), _word("done", lang), _word("missing", lang)], rows)


def toc_section(ctx, lang: str) -> str | None:
    """Words for the diagram the core embeds after it (``figures=("core.toc",)``): only what it shows."""
    from impactkit.plugin import chain_view, stakeholder_colours

    columns, edges = chain_view(ctx.graph)
    steps = [node for kind in ("activity", "output", "outcome", "impact") for node in columns.get(kind, [])]
    if not steps:
        return None
    colours = stakeholder_colours(ctx.graph)
    coloured = any(
        holder in colours  # as the diagram fills a step: with its first known stakeholder
        for nodes in columns.values()
        for node in nodes
        for holder in (ctx.graph.nodes[node].get("stakeholders") or [])
    )
    sure = any(data.get("confidence") is not None for _, _, data in edges)
    key = "caption" + ("-colours" if coloured else "") + ("-lines" if sure else "")
    return _word(key, lang)


def evidence_names(ctx, lang: str) -> dict[str, str]:
    """What a decision may rest on, by id → the name a reader knows it by: a metric's title (in
    ``lang``) or a node's label (an outcome's name, a change's words ...)."""
    names: dict[str, str] = {}
    cited = {e for decision in ctx.study.decisions for e in decision.evidence}
    for key in sorted(cited & set(ctx.metric_ids)):
        title = ctx.metric_title(key)
        if title is not None:
            names[key] = title.get(lang)
    for key in cited - set(names):
        for node in (key, f"change:{key}"):
            if node in ctx.graph and ctx.graph.nodes[node].get("label"):
                names[key] = shorten(" ".join(str(ctx.graph.nodes[node]["label"]).split()), 60)
                break
    return names


def _cited(key: str, names: dict[str, str]) -> str:
    """What a decision rests on, by the name a reader knows it by (a metric's title, an outcome's
    name); its id only when it has no name."""
    return md_escape(names.get(key) or key)


def decisions_section(ctx, lang: str) -> str | None:
    if not ctx.study.decisions:
        return None
    names = evidence_names(ctx, lang)
    out = []
    for decision in ctx.study.decisions:
        line = f"- **{md_escape(decision.text)}**"
        if decision.evidence:
            cited = format_list([_cited(e, names) for e in decision.evidence], lang)
            line += f" — _{_word('evidence', lang)}: {cited}_"
        out.append(line)
    return "\n".join(out) + "\n"

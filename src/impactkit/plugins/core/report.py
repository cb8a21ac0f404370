"""The core plugin's report sections (Markdown)."""

from __future__ import annotations

from impactkit.plugin import Text, helix_label, md_escape, md_table, shorten

ROUTES = {
    "linear": Text(en="route 1 (linear, monetised SROI)", nl="route 1 (lineair, gemonetariseerde SROI)"),
    "nonlinear": Text(
        en="route 2 (non-linear, experienced changes)", nl="route 2 (niet-lineair, ervaren veranderingen)"
    ),
    "both": Text(en="routes 1 and 2", nl="route 1 en 2"),
}
L = {
    "question": Text(en="Question", nl="Vraag"),
    "route": Text(en="Route", nl="Route"),
    "period": Text(en="Period", nl="Periode"),
    "in": Text(en="In scope", nl="Binnen de scope"),
    "out": Text(en="Out of scope", nl="Buiten de scope"),
    "holder": Text(en="Stakeholder", nl="Stakeholder"),
    "group": Text(en="Group", nl="Groep"),
    "helix": Text(en="Helix", nl="Helix"),
    "size": Text(en="Size", nl="Omvang"),
    "figures": Text(en="In figures", nl="In cijfers"),
    "step": Text(en="Step", nl="Stap"),
    "done": Text(en="Complete", nl="Compleet"),
    "missing": Text(en="Missing", nl="Ontbreekt"),
    "yes": Text(en="yes", nl="ja"),
    "no": Text(en="no", nl="nee"),
    "evidence": Text(en="rests on", nl="steunt op"),
}


def summary_section(ctx, lang: str) -> str:
    study = ctx.study
    out = []
    if study.question:
        out.append(f"**{L['question'].get(lang)}:** {md_escape(study.question)}\n")
    if study.route:
        out.append(f"**{L['route'].get(lang)}:** {ROUTES[study.route].get(lang)}\n")
    if study.period:
        label = study.period.label or " – ".join(p for p in (study.period.start, study.period.end) if p)
        out.append(f"**{L['period'].get(lang)}:** {md_escape(label)}\n")
    if study.scope:
        for key, items in (("in", study.scope.include), ("out", study.scope.exclude)):
            if items:
                out.append(f"**{L[key].get(lang)}:**\n\n" + "\n".join(f"- {md_escape(i)}" for i in items) + "\n")
    if study.stakeholders:
        out.append(
            md_table(
                [L[k].get(lang) for k in ("holder", "group", "helix", "size")],
                [
                    [
                        h.name,
                        h.group or "",
                        helix_label(h.helix, lang) if h.helix else "",
                        "" if h.size is None else str(h.size),
                    ]
                    for h in study.stakeholders
                ],
            )
        )
    from . import figures
    from .figures import distinct_changes

    if study.change_list:  # the same counts as the metrics core.people, core.roles, core.stakeholder_groups
        people, roles, groups = figures.people(study), figures.roles(study), figures.groups(study)
        text = Text(
            en=f"{distinct_changes(study)} experienced changes from {people} people in {roles} roles "
            f"and {groups} stakeholder groups.",
            nl=f"{distinct_changes(study)} ervaren veranderingen van {people} mensen in {roles} rollen "
            f"en {groups} stakeholdergroepen.",
        )
        out.append(f"**{L['figures'].get(lang)}:** {text.get(lang)}\n")
    return "\n".join(out)


def steps_section(ctx, lang: str) -> str:
    from .steps import STEPS

    rows = []
    for step in STEPS:
        status = step.check(ctx)
        rows.append(
            [
                f"{step.number}. {step.title.get(lang)}",
                L["yes" if status.done else "no"].get(lang),
                "; ".join(m.get(lang) for m in status.missing),
            ]
        )
    return md_table([L["step"].get(lang), L["done"].get(lang), L["missing"].get(lang)], rows)


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
    return CAPTIONS[(coloured, sure)].get(lang)


CAPTIONS = {
    (True, True): Text(
        en="From inputs to impact; colours show the stakeholder, line styles how sure each link is.",
        nl="Van inzet tot impact; kleuren tonen de stakeholder, lijnstijlen hoe zeker elk verband is.",
    ),
    (True, False): Text(
        en="From inputs to impact; colours show the stakeholder.",
        nl="Van inzet tot impact; kleuren tonen de stakeholder.",
    ),
    (False, True): Text(
        en="From inputs to impact; line styles show how sure each link is.",
        nl="Van inzet tot impact; lijnstijlen tonen hoe zeker elk verband is.",
    ),
    (False, False): Text(en="From inputs to impact.", nl="Van inzet tot impact."),
}


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
    name = names.get(key)
    if not name or name == key:
        return md_escape(key)
    return f"{md_escape(name)} ({md_escape(key)})"


def decisions_section(ctx, lang: str) -> str | None:
    if not ctx.study.decisions:
        return None
    names = evidence_names(ctx, lang)
    out = []
    for decision in ctx.study.decisions:
        line = f"- **{md_escape(decision.text)}**"
        if decision.evidence:
            line += f" — _{L['evidence'].get(lang)}: {', '.join(_cited(e, names) for e in decision.evidence)}_"
        out.append(line)
    return "\n".join(out) + "\n"

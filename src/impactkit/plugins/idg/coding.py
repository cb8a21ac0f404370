"""The IDG coder behind ``impactkit code STUDY --method idg``: lexicon suggestions a researcher accepts.

The core's ``code`` command writes the suggestions file, reads
what was accepted and copies it into empty ``idg`` cells only. This module gives it what is
IDG's own:

* which changes to suggest for: one per change (double-coded changes once, through their
  primary coding), those without a valid IDG code — or all of them with ``--all``;
* the suggestions of the transparent lexicon (:mod:`.suggest`), as the dimension or skill name in
  the language of the run, with the words that triggered them (``minder alleen → Verbondenheid``);
* whether an accepted code is a dimension or skill of the framework (any spelling the analysis
  reads is written as typed);
* ``--evaluate``: the suggester against the human codes, at dimension and skill level
  (accuracy, Cohen's kappa), and its wording.

It works with the framework of ``methods.idg``, or the default framework when the study has no
IDG section and no codes yet.
"""

from __future__ import annotations

from typing import Any

from impactkit.plugin import Coder, Evaluation, Suggestion, Text, format_number, format_percent

EVALUATION = Text(
    en="Lexicon suggester against the human codes ({fw}): {n} coded changes, {s} with a suggestion "
    "({coverage}).\n  dimension right: {right} of {n} ({acc}); of those with a suggestion: {acc_s}\n"
    "  Cohen's kappa (dimension, changes with a suggestion): {kappa}\n"
    "  skill right where both name a skill: {skill_right} of {skill_n} ({skill_acc})",
    nl="Lexicon-suggesties tegen de menselijke codes ({fw}): {n} gecodeerde veranderingen, {s} met een suggestie "
    "({coverage}).\n  dimensie goed: {right} van {n} ({acc}); van die met een suggestie: {acc_s}\n"
    "  Cohens kappa (dimensie, veranderingen met een suggestie): {kappa}\n"
    "  vaardigheid goed waar beide een vaardigheid noemen: {skill_right} van {skill_n} ({skill_acc})",
)


def _state(ctx: Any):
    """The IDG state of the study (the run's, when the graph hook built it); with the default
    settings when it does not use IDG yet."""
    from .state import build, state

    current = state(ctx)
    if current is not None:
        return current
    return ctx.memo("idg.coding-state", lambda: build(ctx.study, always=True))


def to_code(ctx: Any, include_coded: bool) -> list[int]:
    """One change index per change: those without a valid IDG code, or all with ``include_coded``."""
    return [item["index"] for item in _state(ctx).coded if include_coded or not item.coded]


def suggest(ctx: Any, indices: list[int]) -> list[Suggestion]:
    from .suggest import load_lexicon

    current = _state(ctx)
    fw = current.framework
    lexicon = load_lexicon(fw.id)
    out = []
    for index in indices:
        found = lexicon.suggest(ctx.study.change_list[index].change or "")
        if found.code:
            out.append(
                Suggestion(index=index, code=fw.label(found.code, ctx.lang), because=found.reasons(fw, ctx.lang))
            )
    return out


def normalise(ctx: Any, text: str) -> str | None:
    """``text`` as typed when it is a dimension or skill of the framework (any spelling), else ``None``."""
    return text.strip() if _state(ctx).framework.resolve(text).ok else None


def codebook(ctx: Any) -> list[Any]:
    """The framework as a codebook (REFI-QDA): each dimension with its skills under it, named in
    the language of the run; either language's name is the same code."""
    from impactkit.plugin import CodeEntry

    fw = _state(ctx).framework
    nl = ctx.lang == "nl"

    def entry(label: str, english: str, dutch: str, about: str, colour: str, children=()) -> Any:
        return CodeEntry(
            code=label, description=about or None, colour=colour, matches=(english, dutch), children=children
        )

    return [
        entry(
            dim.label(ctx.lang),
            dim.name,
            dim.name_nl,
            dim.subtitle_for(ctx.lang),
            dim.colour,
            tuple(
                entry(
                    skill.label(ctx.lang),
                    skill.name,
                    skill.name_nl,
                    skill.description_nl if nl else skill.description,
                    dim.colour,
                )
                for skill in (fw.skill(name) for name in dim.skills)
            ),
        )
        for dim in fw.dimensions
    ]


def format_evaluation(result: dict[str, Any], framework: str, lang: str) -> str:
    def pct(value: float | None) -> str:
        return format_percent(value, lang)

    def num(value: float | None) -> str:
        return format_number(value, lang, decimals=2)

    return EVALUATION.get(lang).format(
        fw=framework,
        n=result["changes"],
        s=result["suggested"],
        coverage=pct(result["coverage"]),
        right=result["dimension_right"],
        acc=pct(result["accuracy"]),
        acc_s=pct(result["accuracy_suggested"]),
        kappa=num(result["kappa"]),
        skill_right=result["skill_right"],
        skill_n=result["skill_compared"],
        skill_acc=pct(result["skill_accuracy"]),
    )


def evaluate(ctx: Any) -> Evaluation:
    from .suggest import evaluate as measure
    from .suggest import load_lexicon

    current = _state(ctx)
    result = measure(current.coded, load_lexicon(current.framework.id))
    fw = current.framework.id
    return Evaluation(
        figures=result, summary=Text(en=format_evaluation(result, fw, "en"), nl=format_evaluation(result, fw, "nl"))
    )


CODER = Coder(
    id="idg",
    column="idg",
    title=Text(en="Inner Development Goals", nl="Inner Development Goals"),
    unknown_code=Text(
        en="'{code}' is not an IDG dimension or skill", nl="'{code}' is geen IDG-dimensie of -vaardigheid"
    ),
    to_code=to_code,
    suggest=suggest,
    normalise=normalise,
    evaluate=evaluate,
    codebook=codebook,
)

"""The appendix "Data quality" / "Kwaliteit van de gegevens": the checks in plain words.

For a reader, not for the person fixing the files: each check by its title (what holds when it
passes), how many problems it found and what they mean for the figures (the check's ``explain``,
else a sentence for the worst severity). No file, row, rule id or command: those are in the
findings, which the CLI prints and ``result.json`` keeps. A finding belongs to the check whose id
is its code (or starts it); the core's own findings are grouped by what they are about.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..contributions import SEVERITY_ORDER, Finding
from ..i18n import Plural, Text, catalog, fill
from ..numbers import format_list
from . import md_escape

if TYPE_CHECKING:  # pragma: no cover
    from ..result import Result
    from .document import Section

WORDS = catalog(
    [
        ("title", "Data quality", "Kwaliteit van de gegevens"),
        (
            "intro",
            (
                "Before the figures were computed, the study was checked on {n} point. This appendix says what "
                "was found and what it means for the figures.",
                "Before the figures were computed, the study was checked on {n} points. This appendix says what "
                "was found and what it means for the figures.",
            ),
            (
                "Voordat de cijfers zijn berekend, is de studie op {n} punt gecontroleerd. Deze bijlage zegt wat "
                "daarbij is gevonden en wat het betekent voor de cijfers.",
                "Voordat de cijfers zijn berekend, is de studie op {n} punten gecontroleerd. Deze bijlage zegt wat "
                "daarbij is gevonden en wat het betekent voor de cijfers.",
            ),
        ),
        ("attention", "What needs attention", "Wat aandacht vraagt"),
        ("fine", "In order", "In orde"),
        (
            "all-fine",
            "Every check passed: nothing limits the figures.",
            "Elke controle is in orde: niets beperkt de cijfers.",
        ),
        ("error", ("{n} problem", "{n} problems"), ("{n} probleem", "{n} problemen")),
        ("warning", ("{n} point to note", "{n} points to note"), ("{n} aandachtspunt", "{n} aandachtspunten")),
        ("info", ("{n} remark", "{n} remarks"), ("{n} opmerking", "{n} opmerkingen")),
        (
            "means-error",
            "Figures that rest on this may be wrong or missing until it is put right.",
            "Cijfers die hierop rusten, kunnen onjuist zijn of ontbreken totdat dit is hersteld.",
        ),
        (
            "means-warning",
            "The figures are computed, but may be incomplete on this point.",
            "De cijfers zijn berekend, maar kunnen op dit punt onvolledig zijn.",
        ),
        (
            "means-info",
            "A point to consider; it does not change the figures.",
            "Een punt om bij stil te staan; het verandert de cijfers niet.",
        ),
        ("analysis", "Every part of the analysis ran", "Elk onderdeel van de analyse is uitgevoerd"),
        (
            "analysis-means",
            "A part of the analysis could not be carried out: the figures it would give are missing from this report.",
            "Een onderdeel van de analyse kon niet worden uitgevoerd: de cijfers die het zou geven, ontbreken in "
            "dit rapport.",
        ),
        (
            "structure",
            "The parts of the study refer to each other correctly",
            "De onderdelen van de studie verwijzen goed naar elkaar",
        ),
        (
            "structure-means",
            "A step, link or decision that refers to something the study does not define is left out of the "
            "diagrams and the figures that use it.",
            "Een stap, verband of besluit dat verwijst naar iets wat de studie niet beschrijft, ontbreekt in de "
            "diagrammen en de cijfers die het gebruiken.",
        ),
        ("changes", "The study holds experienced changes", "De studie bevat ervaren veranderingen"),
        (
            "changes-means",
            "Without experienced changes, no figures about them can be given.",
            "Zonder ervaren veranderingen zijn er geen cijfers over te geven.",
        ),
        ("sections", "Every part of the study file is analysed", "Elk deel van het studiebestand wordt geanalyseerd"),
        (
            "sections-means",
            "A part for a method that is not installed is kept but not analysed: its figures are missing.",
            "Een deel voor een methode die niet is geïnstalleerd, blijft bewaard maar wordt niet geanalyseerd: de "
            "cijfers ervan ontbreken.",
        ),
        ("other", "Other points about the study's data", "Overige punten over de gegevens van de studie"),
    ]
)

CORE_GROUPS: dict[str, str] = {
    "core.plugin-error": "analysis",
    "core.plugin-conflict": "analysis",
    "core.plugin-graph": "analysis",
    "core.plugin-missing": "analysis",
    "core.plugin-load": "analysis",
    "core.duplicate-id": "structure",
    "core.dangling": "structure",
    "core.cycle": "structure",
    "core.unknown-stakeholder": "structure",
    "core.decision-evidence": "structure",
    "core.no-changes": "changes",
    "core.method-unknown": "sections",
    "core.change-key-unknown": "other",
}
"""The core's own findings, by what they are about (a reader's group, with its title and meaning)."""
IGNORED = frozenset({"core.plugin-slow"})
"""Findings that say nothing about the data (how long a plugin took)."""


@dataclass
class _Group:
    title: str
    explain: str | None
    findings: list[Finding]


def quality_section(result: "Result", lang: str) -> "Section":
    """The appendix as a :class:`~.document.Section` (Markdown)."""
    from .document import Section

    validations = sorted(result.plugins.collect("impactkit_validations")[0], key=lambda v: v.id)
    sections = {section.id for section in result.plugins.collect("impactkit_study_sections")[0]}
    groups: dict[str, _Group] = {
        v.id: _Group(v.title.get(lang), v.explain.get(lang) if v.explain else None, [])
        for v in validations
        if _applies(v.id, sections, result)
    }
    for finding in result.findings:
        if finding.code in IGNORED:
            continue
        key = _owner(finding.code, groups)
        if key is None:
            name = CORE_GROUPS.get(finding.code, "other")
            key = f"~{name}"
            if key not in groups:
                meaning = WORDS.get(f"{name}-means")
                groups[key] = _Group(_say(name, lang), meaning.get(lang) if isinstance(meaning, Text) else None, [])
        groups[key].findings.append(finding)
    flagged = [g for g in groups.values() if g.findings]
    flagged.sort(key=lambda g: (min(SEVERITY_ORDER[f.severity] for f in g.findings), g.title))
    passed = sorted(g.title for g in groups.values() if not g.findings)
    checks = len([g for key, g in groups.items() if not key.startswith("~")])
    out = [fill(WORDS["intro"], n=max(checks, 1)).get(lang)]
    if flagged:
        out.append(f"### {_say('attention', lang)}")
        lines = []
        for group in flagged:
            counts: dict[str, int] = {}
            for finding in group.findings:
                counts[finding.severity] = counts.get(finding.severity, 0) + 1
            worst = min(counts, key=SEVERITY_ORDER.__getitem__)
            numbers = format_list(
                [fill(_plural(s), n=counts[s]) for s in sorted(counts, key=SEVERITY_ORDER.__getitem__)], lang
            )
            meaning = group.explain or _say(f"means-{worst}", lang)
            lines.append(f"- **{md_escape(group.title)}** — {md_escape(numbers)}. {md_escape(meaning)}")
        out.append("\n".join(lines))
    else:
        out.append(_say("all-fine", lang))
    if passed:
        out.append(f"### {_say('fine', lang)}")
        out.append("\n".join(f"- {md_escape(title)}" for title in passed))
    from .document import WORDS as DOCUMENT_WORDS

    out.append(f"_{DOCUMENT_WORDS['technical'].get(lang)}_")  # type: ignore[union-attr]
    return Section(
        id="core.quality", title=_say("title", lang), markdown="\n\n".join(out), part="appendix", anchor="quality"
    )


def _applies(check: str, sections: set[str], result: "Result") -> bool:
    """Whether a check speaks about this study: one of a method the study does not use (the method
    has a section in study.yaml and this study has none, e.g. the SROI checks of a study without
    ``methods.sroi``) is no point of its data quality. Its findings, should it give any, are still
    listed, under the other points."""
    method = check.split(".", 1)[0]
    return method not in sections or result.study.method(method) is not None


def _owner(code: str, groups: dict[str, _Group]) -> str | None:
    """The check a finding's code belongs to: the check with that id, or the longest id it starts with."""
    if code in groups:
        return code
    starts = [key for key in groups if code.startswith(key + ".")]
    return max(starts, key=len) if starts else None


def _say(key: str, lang: str) -> str:
    text = WORDS[key]
    assert isinstance(text, Text)
    return text.get(lang)


def _plural(severity: str) -> Plural:
    template = WORDS[severity]
    assert isinstance(template, Plural)
    return template

"""``impactkit init``: a commented starting study, in English or Dutch, for either route.

A method's section comes from its plugin's ``StudySection.template``: YAML as it would stand at the
start of a file of its own (keys flush left; a template indented as a whole is taken as if it were
not), which ``init`` indents under ``methods.<id>:``. A template that is not YAML on its own, is
not a mapping, or that the section's own model refuses is the plugin's failure
(:func:`template_problems`): ``init`` then writes nothing.
"""

from __future__ import annotations

import textwrap
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .contributions import Finding
from .failures import PLUGIN_ERROR, describe_error
from .files import atomic_write
from .i18n import Text, catalog, fill
from .result import PluginFailed

if TYPE_CHECKING:  # pragma: no cover - typing only
    from .contributions import StudySection

TEMPLATE = {
    "en": """\
# impactkit study file (format 1). Check it with: impactkit validate {dir}
impactkit: 1
id: {id}
title: "{title}"
language: en

# Step 1 - question and route choice.
question: "What does our learning environment yield, and for whom?"
route: {route}            # linear = route 1 (impact valued in money), nonlinear = route 2 (experienced changes), both

period: {{start: "2025-09-01", end: "2026-07-01"}}

# Step 2 - scope and stakeholders.
scope:
  include: ["the activities of the learning environment in this period"]
  exclude: ["activities partners run without the learning environment"]
stakeholders:             # helix: education, industry, government, civil society or environment
  - {{id: students, name: Students, group: students, helix: education, size: 20}}
  - {{id: residents, name: Residents, group: residents, helix: civil_society}}
  - {{id: lecturers, name: Lecturers, group: lecturers, helix: education}}

# What is invested (money value, or in kind with how it was valued).
inputs:
  - {{id: staff-time, name: Lecturer hours, stakeholder: lecturers, value: 3000, in_kind: true, valuation: "40 hours x 75 per hour", to: [projects]}}

# The causal chain: activities -> outputs -> outcomes -> impacts (use leads_to).
activities:
  - {{id: projects, name: Student projects in the neighbourhood, stakeholders: [students, lecturers], leads_to: [reports]}}
outputs:
  - {{id: reports, name: Project results for residents, stakeholders: [residents], leads_to: [learning]}}
outcomes:
  - {{id: learning, name: Students learn in real situations, stakeholders: [students]}}
impacts: []

# Optional: explicit links with the assumption behind them and a confidence from 0 to 1.
links:
  - {{source: reports, target: learning, assumption: "working on real questions deepens learning", confidence: 0.6}}

# Step 3 - experienced changes: a CSV/XLSX file (one row per change) or an inline list.
changes: changes.csv

# Step 5 - decisions, each pointing at the evidence (ids or metric ids) it rests on.
decisions: []

# One section per method plugin (see: impactkit plugins, impactkit schema).
{methods}
""",
    "nl": """\
# impactkit-studiebestand (formaat 1). Controleer met: impactkit validate {dir}
impactkit: 1
id: {id}
title: "{title}"
language: nl

# Stap 1 - vraagarticulatie en routekeuze.
question: "Wat levert onze leeromgeving op, en voor wie?"
route: {route}            # linear = route 1 (impact in geld gewaardeerd), nonlinear = route 2 (ervaren veranderingen), both

period: {{start: "2025-09-01", end: "2026-07-01"}}

# Stap 2 - scope en stakeholders.
scope:
  include: ["de activiteiten van de leeromgeving in deze periode"]
  exclude: ["activiteiten die partners zonder de leeromgeving uitvoeren"]
stakeholders:             # helix: onderwijs, bedrijfsleven, overheid, maatschappij of milieu
  - {{id: studenten, name: Studenten, group: studenten, helix: onderwijs, size: 20}}
  - {{id: bewoners, name: Bewoners, group: bewoners, helix: maatschappij}}
  - {{id: docenten, name: Docenten, group: docenten, helix: onderwijs}}

# Wat wordt er ingezet (geldwaarde, of in natura met de waarderingsgrondslag).
inputs:
  - {{id: docenturen, name: Inzet docenten, stakeholder: docenten, value: 3000, in_kind: true, valuation: "40 uur x 75 per uur", to: [projecten]}}

# De keten: activiteiten -> resultaten (output) -> effecten (outcome) -> impact (met leads_to).
activities:
  - {{id: projecten, name: Studentprojecten in de wijk, stakeholders: [studenten, docenten], leads_to: [opbrengsten]}}
outputs:
  - {{id: opbrengsten, name: Projectresultaten voor bewoners, stakeholders: [bewoners], leads_to: [leren]}}
outcomes:
  - {{id: leren, name: Studenten leren in echte situaties, stakeholders: [studenten]}}
impacts: []

# Optioneel: expliciete verbanden met de aanname erachter en een zekerheid van 0 tot 1.
links:
  - {{source: opbrengsten, target: leren, assumption: "werken aan echte vragen verdiept het leren", confidence: 0.6}}

# Stap 3 - ervaren veranderingen: een CSV/XLSX-bestand (een rij per verandering) of een lijst.
changes: changes.csv

# Stap 5 - besluitvorming, elk besluit met het bewijs (ids of cijfer-ids) waarop het steunt.
decisions: []

# Een sectie per methode-plug-in (zie: impactkit plugins, impactkit schema).
{methods}
""",
}

CHANGES_HEADER = {
    "en": "person,role,stakeholder,change,theme,quote,importance",
    "nl": "persoon,rol,stakeholder,verandering,thema,citaat,belang",
}
CHANGES_EXAMPLE = {
    "en": 'p01,student,students,"I learn faster because I learn in real situations",learning in real situations,,4',
    "nl": 'p01,student,studenten,"Ik leer sneller doordat ik in echte situaties leer",leren in echte situaties,,4',
}
"""The core's columns of a new ``changes.csv`` and its example row; the columns of the new study's
method sections (:attr:`~impactkit.core.contributions.StudySection.columns`) follow."""


def changes_csv(sections: Sequence["StudySection"], lang: str) -> str:
    """A new study's ``changes.csv``: the header and one example row, with a column for each change
    column the ``sections`` declare (filled with its ``example``)."""
    columns = [column for section in sections for column in section.columns]
    header = [CHANGES_HEADER[lang], *(column.name for column in columns)]
    example = [
        CHANGES_EXAMPLE[lang],
        *(_csv_cell(column.example.get(lang) if column.example else "") for column in columns),
    ]
    return ",".join(header) + "\n" + ",".join(example) + "\n"


def _csv_cell(text: str) -> str:
    quoted = text.replace('"', '""')
    return f'"{quoted}"' if any(c in text for c in ',"\n') else text


def sections_for(route: str, available: Sequence["StudySection"], asked: Sequence[str] = ()) -> list["StudySection"]:
    """The method sections a new study of ``route`` gets: those made for the route, and those asked for."""
    wanted = set(asked)
    return [s for s in sorted(available, key=lambda s: s.id) if route in s.routes or s.id in wanted]


MESSAGES = catalog(
    [
        (
            "template-yaml",
            "plugin '{plugin}' gives a template for methods.{section} ({lang}) that is not YAML on its own, at its "
            "line {line}: {problem}; write it as it would stand at the start of a file, its keys flush left "
            "(impactkit init indents it under 'methods.{section}:')",
            "plug-in '{plugin}' geeft een sjabloon voor methods.{section} ({lang}) dat op zich geen YAML is, op "
            "regel {line} ervan: {problem}; schrijf het zoals het aan het begin van een bestand zou staan, de "
            "sleutels tegen de kantlijn (impactkit init laat het inspringen onder 'methods.{section}:')",
        ),
        (
            "template-mapping",
            "plugin '{plugin}' gives a template for methods.{section} ({lang}) that is {got}, not keys with values",
            "plug-in '{plugin}' geeft een sjabloon voor methods.{section} ({lang}) dat {got} is, geen sleutels met "
            "waarden",
        ),
        (
            "template-model",
            "plugin '{plugin}' gives a template for methods.{section} ({lang}) that its own section refuses: {problem}",
            "plug-in '{plugin}' geeft een sjabloon voor methods.{section} ({lang}) dat zijn eigen sectie weigert: "
            "{problem}",
        ),
    ]
)
"""What :func:`template_problems` says of a plugin's template."""


def template_body(section: "StudySection", lang: str) -> str:
    """The section's template in ``lang`` as ``init`` writes it before indenting it: without the
    blank lines around it, and without the indentation all its lines share."""
    return textwrap.dedent(section.template.get(lang)).strip("\n") if section.template else ""


def template_problems(sections: Sequence["StudySection"], lang: str) -> list[Finding]:
    """An error finding naming the plugin for each of ``sections`` whose template in ``lang`` a
    new study cannot use: not YAML on its own (an indentation that differs from line to line, a
    tab), not a mapping of keys, or refused by the section's own model."""
    from pydantic import ValidationError
    from ruamel.yaml import YAML
    from ruamel.yaml.error import MarkedYAMLError, YAMLError

    from .load import to_plain

    found = []
    for section in sections:
        body = template_body(section, lang)
        if not body:
            continue
        said = {"plugin": section.plugin, "section": section.id, "lang": lang}
        try:
            data: Any = to_plain(YAML(typ="rt").load(body))
        except MarkedYAMLError as exc:
            mark = exc.problem_mark or exc.context_mark
            problem = " ".join(part for part in (exc.context, exc.problem) if part) or "syntax error"
            message = fill(MESSAGES["template-yaml"], line=mark.line + 1 if mark else "?", problem=problem, **said)
        except YAMLError as exc:
            message = fill(MESSAGES["template-yaml"], line="?", problem=str(exc), **said)
        else:
            if data is not None and not isinstance(data, dict):
                got = {list: ("a list", "een lijst")}.get(type(data), ("a single value", "een enkele waarde"))
                message = fill(MESSAGES["template-mapping"], got=Text(en=got[0], nl=got[1]), **said)
            else:
                try:
                    section.model.model_validate(data or {})
                    continue
                except ValidationError as exc:
                    message = fill(MESSAGES["template-model"], problem=describe_error(exc), **said)
        found.append(Finding(code=PLUGIN_ERROR, severity="error", plugin=section.plugin, message=message))
    return found


def methods_block(sections: Sequence["StudySection"], lang: str) -> str:
    """The ``methods:`` key of a new study, with each section's commented template."""
    if not sections:
        return "methods: {}"
    lines = ["methods:"]
    for section in sections:
        body = template_body(section, lang)
        if not body:
            lines.append(f"  {section.id}: {{}}")
            continue
        lines.append(f"  {section.id}:")
        lines.extend(f"    {line}".rstrip() for line in body.splitlines())
    return "\n".join(lines)


def scaffold(
    directory: Path, *, route: str = "nonlinear", lang: str = "en", sections: Sequence["StudySection"] = ()
) -> Path:
    """Write ``study.yaml`` and ``changes.csv`` into ``directory``; returns the study file.

    ``sections`` are the method sections to include (see :func:`sections_for`); ``changes.csv`` gets
    the change columns they declare. A template the new study cannot use raises
    :class:`~impactkit.core.result.PluginFailed` naming its plugin (:func:`template_problems`),
    before anything is written.
    """
    problems = template_problems(sections, lang)
    if problems:
        raise PluginFailed(problems[0])
    directory.mkdir(parents=True, exist_ok=True)
    slug = "".join(c if c.isalnum() else "-" for c in directory.resolve().name.lower()).strip("-") or "study"
    text = TEMPLATE[lang].format(
        dir=directory, id=slug, title=directory.resolve().name, route=route, methods=methods_block(sections, lang)
    )
    study = directory / "study.yaml"
    atomic_write(study, text)
    atomic_write(directory / "changes.csv", changes_csv(sections, lang))
    return study

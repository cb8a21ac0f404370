"""The core plugin's report sections say things by name and say only what the pictures show."""

from __future__ import annotations

import impactkit
from tests.conftest import MINIMAL


def report(write_study, core_plugins, text: str, lang: str) -> str:
    study = impactkit.load(write_study(text), plugins=core_plugins)
    return impactkit.run(study, plugins=core_plugins, lang=lang).report_markdown(lang)


def section(markdown: str, heading: str) -> str:
    start = markdown.index(f"## {heading}\n")
    end = markdown.find("\n## ", start + 1)
    return markdown[start:end]


def test_decisions_name_their_evidence_in_the_readers_language(write_study, core_plugins):
    en = section(report(write_study, core_plugins, MINIMAL, "en"), "Conclusions and decisions")
    assert "rests on: Residents feel less alone and Experienced changes_" in en
    nl = section(report(write_study, core_plugins, MINIMAL, "nl"), "Conclusies en besluiten")
    assert "steunt op: Residents feel less alone en Ervaren veranderingen_" in nl


def test_evidence_without_a_name_is_shown_as_its_id(write_study, core_plugins):
    text = MINIMAL.replace("evidence: [less-alone, core.changes]", "evidence: [nowhere]")
    en = section(report(write_study, core_plugins, text, "en"), "Conclusions and decisions")
    assert "rests on: nowhere_" in en


def caption(write_study, core_plugins, text: str, lang: str = "en") -> str:
    body = section(
        report(write_study, core_plugins, text, lang), "Theory of change" if lang == "en" else "Veranderingstheorie"
    )
    return body.splitlines()[2]


def test_the_toc_caption_names_line_styles_only_when_a_link_states_a_confidence(write_study, core_plugins):
    assert caption(write_study, core_plugins, MINIMAL) == (
        "From inputs to impact; colours show the stakeholder, line styles how sure each link is."
    )
    unsure = MINIMAL.replace(", confidence: 0.5}", "}")
    assert caption(write_study, core_plugins, unsure) == "From inputs to impact; colours show the stakeholder."
    assert caption(write_study, core_plugins, unsure, "nl") == "Van inzet tot impact; kleuren tonen de stakeholder."


def test_the_toc_caption_names_colours_only_when_a_step_is_coloured(write_study, core_plugins):
    plain = (
        MINIMAL.replace(", stakeholders: [students]", "")
        .replace(", stakeholders: [residents]", "")
        .replace("  - {id: subsidy, name: Subsidy, stakeholder: residents, value: 20000, to: [workshops]}\n", "")
    )
    plain = plain.replace("inputs:\n", "")
    assert caption(write_study, core_plugins, plain) == "From inputs to impact; line styles show how sure each link is."
    none = plain.replace(", confidence: 0.5}", "}")
    assert caption(write_study, core_plugins, none) == "From inputs to impact."
    assert caption(write_study, core_plugins, none, "nl") == "Van inzet tot impact."


def test_the_summary_counts_people_roles_and_groups_as_the_metrics_do(write_study, core_plugins):
    head = "impactkit: 1\nid: x\ntitle: X\nstakeholders: [{id: a, name: A, group: g}, {id: b, name: B, group: g}, {id: c, name: C}]\n"
    rows = [("p1", "Teacher", "a"), ("p2", "teacher", "b"), ("p2", "TEACHER ", "b"), ("p3", "Pupil", "c")]
    changes = "".join(f'  - {{person: {p}, role: "{r}", stakeholder: {s}, change: x}}\n' for p, r, s in rows)
    study = impactkit.load(write_study(head + "changes:\n" + changes), plugins=core_plugins)
    result = impactkit.run(study, plugins=core_plugins, lang="en")
    m = result.metrics
    assert (m["core.people"], m["core.roles"], m["core.stakeholder_groups"]) == (3, 2, 2)
    assert "from 3 people in 2 roles and 2 stakeholder groups" in result.report_markdown("en")


def test_a_step_status_is_done_when_nothing_is_missing():
    from impactkit.core.contributions import StepStatus
    from impactkit.core.i18n import Text

    assert StepStatus.of([]) == StepStatus(done=True)
    what = Text(en="a question", nl="een vraag")
    assert StepStatus.of(iter([what])) == StepStatus(done=False, missing=(what,))


class _PartsPlugin:
    """A plugin adding parts to step 4: one complete, one without results, one that does not apply."""

    from impactkit.core.hookspecs import hookimpl

    @hookimpl
    def impactkit_steps(self):
        from impactkit.core.contributions import Step, StepStatus
        from impactkit.core.i18n import Text

        nothing = Text(en="a goal reached (0 of 17)", nl="een bereikt doel (0 van 17)")
        return [
            Step(
                id="parts.done",
                number=4,
                title=Text(en="Done part", nl="Klaar deel"),
                check=lambda ctx: StepStatus(done=True),
            ),
            Step(
                id="parts.empty",
                number=4,
                title=Text(en="Goals reached", nl="Doelen bereikt"),
                check=lambda ctx: StepStatus(done=False, missing=(nothing,)),
            ),
            Step(
                id="parts.other",
                number=2,
                title=Text(en="Not here", nl="Niet hier"),
                check=lambda ctx: StepStatus.not_applicable(),
            ),
            Step(id="parts.broken", number=5, title=Text(en="Broken", nl="Kapot"), check=lambda ctx: 1 / 0),
        ]


def test_a_step_whose_part_has_no_results_is_not_complete_in_the_report(write_study, core_plugins):
    core_plugins.register(_PartsPlugin(), "parts")
    study = impactkit.load(write_study(MINIMAL), plugins=core_plugins)
    result = impactkit.run(study, plugins=core_plugins, lang="en")
    rows = {
        line.split(" | ")[0].strip("| "): line
        for line in section(result.report_markdown("en"), "The five steps").splitlines()
    }
    assert "| no | Goals reached: a goal reached (0 of 17)" in rows["4. Broader impact and helices"]
    assert "| yes |" in rows["2. Scope and stakeholders"]  # a part that does not apply counts for nothing
    assert "| no | Broken: could not be checked (plugin 'parts' failed)" in rows["5. Decisions"]
    nl = section(result.report_markdown("nl"), "De vijf stappen")
    assert "| nee | Doelen bereikt: een bereikt doel (0 van 17)" in nl


def test_the_summary_writes_counts_sizes_and_dates_as_the_reader_does(write_study, core_plugins):
    text = MINIMAL.replace(
        "language: en\n", "language: en\nperiod: {start: '2025-09-01', end: '2026-07-01', label: year 1}\n"
    )
    text = text.replace("{id: students, name: Students,", "{id: students, name: Students, size: 1200,")
    one = "changes:\n  - {person: p1, stakeholder: students, change: I learn faster}\ndecisions:"
    text = text[: text.index("changes:\n")] + one + text[text.index("decisions:") + len("decisions:") :]
    result = impactkit.run(impactkit.load(write_study(text), plugins=core_plugins), plugins=core_plugins, lang="nl")
    summary = section(result.report_markdown("nl"), "De studie")
    assert "**Periode:** year 1 (1 september 2025 – 1 juli 2026)" in summary
    # one of each: singular nouns, and no roles given: no "0 rollen"
    assert "1 ervaren verandering van 1 persoon in 1 stakeholdergroep." in summary
    assert "| students | 1 | 1 |" in summary  # who took part, per group
    assert "- **1** persoon deed mee (1 stakeholdergroep)" in result.report_markdown("nl")
    methods = section(result.report_markdown("nl"), "Verantwoording")
    assert "| Students | students | onderwijs | 1.200 |" in methods  # the stakeholders in full
    english = section(result.report_markdown("en"), "The study")
    assert "1 experienced change from 1 person in 1 stakeholder group." in english
    assert "1 September 2025 – 1 July 2026" in english
    assert "| 1,200 |" in section(result.report_markdown("en"), "How the study was done")


def test_the_methods_note_gives_the_scope_the_stakeholders_and_the_rounds_of_collection(write_study, core_plugins):
    rows = [("p1", "T0"), ("p2", "T0"), ("p1", "T1")]
    changes = "".join(f"  - {{person: {p}, stakeholder: students, change: x, wave: {w}}}\n" for p, w in rows)
    text = MINIMAL[: MINIMAL.index("changes:\n")] + "changes:\n" + changes + MINIMAL[MINIMAL.index("decisions:") :]
    result = impactkit.run(impactkit.load(write_study(text), plugins=core_plugins), plugins=core_plugins, lang="nl")
    methods = section(result.report_markdown("nl"), "Verantwoording")
    assert "**Binnen de scope:**\n\n- projects" in methods and "**Buiten de scope:**\n\n- other work" in methods
    assert "| Students | students | onderwijs |  |" in methods
    assert "De ervaren veranderingen zijn gemeld door 2 mensen in 2 rondes: T0 en T1." in methods
    summary = section(result.report_markdown("nl"), "Samenvatting")
    assert "Binnen de scope" not in summary and "| Stakeholder |" not in summary  # in full in the methods note

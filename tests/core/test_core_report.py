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
    en = section(report(write_study, core_plugins, MINIMAL, "en"), "Decisions")
    assert "rests on: Residents feel less alone (less-alone), Experienced changes (core.changes)" in en
    nl = section(report(write_study, core_plugins, MINIMAL, "nl"), "Besluitvorming")
    assert "steunt op: Residents feel less alone (less-alone), Ervaren veranderingen (core.changes)" in nl


def test_evidence_without_a_name_is_shown_as_its_id(write_study, core_plugins):
    text = MINIMAL.replace("evidence: [less-alone, core.changes]", "evidence: [nowhere]")
    en = section(report(write_study, core_plugins, text, "en"), "Decisions")
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

"""One source of the helices: the core's ids, labels and aliases, used by the study model, the core
report and the SDG plugin alike."""

from __future__ import annotations

import pytest

import impactkit
from impactkit.core import helices
from impactkit.core.errors import StudyError
from impactkit.core.plugins import make_manager

HEAD = "impactkit: 1\nid: x\ntitle: X\nlanguage: nl\n"


def study_with(helix: str) -> str:
    return HEAD + f"stakeholders:\n  - {{id: buurt, name: Buurt, helix: {helix}}}\n"


@pytest.mark.parametrize(
    ("written", "stored"),
    [
        ("maatschappij", "civil_society"),
        ("Maatschappelijk middenveld", "civil_society"),
        ("civil society", "civil_society"),
        ("civil_society", "civil_society"),
        ("civil-society", "civil_society"),
        ("bedrijven", "industry"),
        ("Ondernemers", "industry"),
        ("industrie", "industry"),
        ("bedrijfsleven", "industry"),
        ("natuur", "environment"),
        ("MILIEU", "environment"),
        ("onderwijs", "education"),
        ("overheid", "government"),
        ("gemeente", "government"),
        ("education", "education"),
    ],
)
def test_a_stakeholder_helix_may_be_any_alias_and_is_stored_as_the_id(write_study, core_plugins, written, stored):
    study = impactkit.load(write_study(study_with(f'"{written}"')), plugins=core_plugins)
    assert study.stakeholders[0].helix == stored


def test_an_unknown_helix_is_one_problem_at_its_line_in_both_languages(write_study, core_plugins):
    with pytest.raises(StudyError) as info:
        impactkit.load(write_study(study_with("maatschapij")), plugins=core_plugins)
    (problem,) = info.value.problems
    assert (problem.location.line, problem.location.key) == (6, "stakeholders[0].helix")
    assert "'maatschapij' is not a helix" in problem.message.en and "civil_society" in problem.message.en
    nl = problem.message.nl
    assert "'maatschapij' is geen helix" in nl
    assert (
        "gebruik onderwijs, bedrijfsleven, overheid, maatschappij of milieu" in nl
        and "bedoelde je 'maatschappij'" in nl
    )


def test_the_cli_tells_an_unknown_helix_in_one_dutch_line_with_exit_2(cli, write_study):
    result = cli("--lang", "nl", "validate", write_study(study_with("markt-en-zo")), plugins="core")
    assert result.exit_code == 2
    (line,) = result.output.splitlines()
    assert "study.yaml:6:" in line and "geen helix" in line and "maatschappij" in line


def test_one_label_per_helix_and_every_label_and_id_is_an_alias():
    assert helices.names("nl") == ["onderwijs", "bedrijfsleven", "overheid", "maatschappij", "milieu"]
    assert helices.names("en") == ["education", "industry", "government", "civil society", "environment"]
    for helix in helices.HELICES:
        for name in (helix, helices.label(helix, "en"), helices.label(helix, "nl")):
            assert helices.parse(name) == helix and helices.parse(name.upper()) == helix
    assert helices.parse("nope") is None and helices.parse(None) is None


def test_the_schema_accepts_the_aliases():
    from impactkit.core.schema import study_schema

    schema = study_schema(make_manager(load=["core"]))
    text = str(schema)
    assert "'maatschappij'" in text and "'Maatschappij'" in text and "'civil_society'" in text


PWMI_LIKE = (
    HEAD
    + """\
stakeholders:
  - {id: studenten, name: Studenten, group: studenten, helix: onderwijs}
  - {id: buurt, name: Buurtbewoners, group: bewoners, helix: maatschappelijk middenveld}
  - {id: stad, name: Gemeente, group: gemeente, helix: gemeente}
changes:
  - {person: p1, stakeholder: studenten, change: ik leer, sdg: 4}
  - {person: p2, stakeholder: buurt, change: minder alleen, sdg: "4; 10"}
  - {person: p3, stakeholder: stad, change: samenwerking, sdg: 10}
methods:
  sdg:
    helices: [onderwijs, civil society, overheid, natuur]
"""
)


def test_the_stakeholder_table_and_the_sdg_section_show_the_same_dutch_label(write_study):
    plugins = make_manager(load=["core", "sdg"])
    study = impactkit.load(write_study(PWMI_LIKE), plugins=plugins)
    assert [h.helix for h in study.stakeholders] == ["education", "civil_society", "government"]
    assert study.method("sdg").helices == ["education", "civil_society", "government", "environment"]
    result = impactkit.run(study, plugins=plugins, lang="nl")
    text = result.report_markdown("nl")
    assert "| Buurtbewoners | bewoners | maatschappij |" in text
    assert "**maatschappij** (Buurtbewoners)" in text  # the stakeholder by its name
    assert "middenveld" not in text and "civil\\_society" not in text and "natuurlijke omgeving" not in text
    assert "de studie verwacht de helix milieu" in " ".join(f.message.nl for f in result.findings)
    # data keep the ids
    assert set(result.metrics["sdg.helices"]) == set(helices.HELICES)
    assert result.metrics["sdg.goal_helix"]["10"] == {
        "education": 0,
        "industry": 0,
        "government": 1,
        "civil_society": 1,
        "environment": 0,
    }


def test_the_study_format_lists_every_helix_name_the_core_accepts():
    from pathlib import Path

    doc = (Path(__file__).resolve().parents[2] / "docs" / "study-format.md").read_text(encoding="utf-8")
    for helix in helices.HELICES:
        row = next(line for line in doc.splitlines() if line.startswith(f"| `{helix}` |"))
        cells = [c.strip() for c in row.split("|")]
        assert cells[2:4] == [helices.label(helix, "en"), helices.label(helix, "nl")]
        documented: set[str] = set()
        for name in (n.strip().strip("`") for n in cells[4].split(",")):
            for plural in ("(en)", "(s)"):  # kennisinstelling(en), knowledge institution(s)
                if plural in name:
                    documented |= {name.replace(plural, ""), name.replace(plural, plural.strip("()"))}
            documented.add(name)
        assert set(helices.ALIASES[helix]) <= documented, (helix, set(helices.ALIASES[helix]) - documented)


def test_the_bilingual_errors_are_one_class_and_the_hint_is_one_function():
    from impactkit.core.errors import TextError
    from impactkit.core.helices import HelixError
    from impactkit.core.i18n import Text, did_you_mean
    from impactkit.plugins.idg.settings import IdgSettingsError
    from impactkit.plugins.sdg.settings import SdgSettingsError
    from impactkit.plugins.sroi.parse import SroiValueError
    from impactkit.plugins.value_chain.settings import ValueChainSettingsError

    for cls in (HelixError, IdgSettingsError, ValueChainSettingsError, SdgSettingsError, SroiValueError):
        assert issubclass(cls, TextError) and issubclass(cls, ValueError), cls
    error = TextError("wrong", "fout")
    assert error.text == Text(en="wrong", nl="fout") and str(error) == "wrong"
    assert did_you_mean("stakeholdrs", ["stakeholders", "outcomes"]) == Text(
        en=" (did you mean 'stakeholders'?)", nl=" (bedoelde je 'stakeholders'?)"
    )
    assert did_you_mean("zzz", ["stakeholders", "outcomes"]) is None
    helix = HelixError("overheidd").text  # the hint in each language's own name of the helix
    assert helix.en.endswith(" (did you mean 'government'?)") and helix.nl.endswith(" (bedoelde je 'overheid'?)")

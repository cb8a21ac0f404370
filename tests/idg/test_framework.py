"""The IDG framework as data, and resolving the codes researchers write (English and Dutch)."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from impactkit.plugins.idg.framework import available_frameworks, load_framework, normalise

SHARED = Path(__file__).resolve().parents[2].parent / "shared" / "data" / "idg" / "idg-2021.csv"


@pytest.fixture(scope="module")
def fw():
    return load_framework("idg-2021")


def test_idg_2021_has_five_dimensions_and_23_skills(fw):
    assert "idg-2021" in available_frameworks()
    assert fw.dimension_names == ["Being", "Thinking", "Relating", "Collaborating", "Acting"]
    assert len(fw.skills) == 23
    assert [len(d.skills) for d in fw.dimensions] == [5, 5, 4, 5, 4]
    assert all(d.name_nl and d.colour.startswith("#") for d in fw.dimensions)
    assert all(s.name_nl and s.description and s.description_nl for s in fw.skills)


@pytest.mark.skipif(not SHARED.is_file(), reason="the shared reference data is not next to the repository")
def test_english_facts_match_the_reference_copy(fw):
    with SHARED.open(encoding="utf-8") as handle:
        reference = list(csv.DictReader(handle))
    assert [(r["dimension"], r["skill"], r["description"]) for r in reference] == [
        (s.dimension, s.name, s.description) for s in fw.skills
    ]
    assert {r["dimension"]: r["dimension_subtitle"] for r in reference} == {d.name: d.subtitle for d in fw.dimensions}


def test_unknown_framework_is_a_clear_error():
    with pytest.raises(KeyError, match="available: idg-2021"):
        load_framework("idg-1999")


@pytest.mark.parametrize(
    "code, dimension, skill",
    [
        ("Collaborating", "Collaborating", None),
        ("collaborating", "Collaborating", None),
        ("SAMENWERKEN", "Collaborating", None),
        ("Zijn", "Being", None),
        ("idg:acting", "Acting", None),
        ("Trust", "Collaborating", "Trust"),
        ("vertrouwen", "Collaborating", "Trust"),
        ("Self-awareness", "Being", "Self-awareness"),
        ("self awareness", "Being", "Self-awareness"),
        ("Langetermijnorientatie en visie", "Thinking", "Long-term Orientation and Visioning"),
        ("Empathy", "Relating", "Empathy and Compassion"),  # a unique leading part of a name
        ("co-creation", "Collaborating", "Co-creation Skills"),
        ("Collaborating/Trust", "Collaborating", "Trust"),
        ("Samenwerken > Vertrouwen", "Collaborating", "Trust"),
    ],
)
def test_codes_resolve_case_insensitively_in_english_and_dutch(fw, code, dimension, skill):
    res = fw.resolve(code)
    assert (res.dimension, res.skill) == (dimension, skill)
    assert not res.wrong_dimension


def test_a_skill_under_the_wrong_dimension_counts_under_its_own(fw):
    res = fw.resolve("Being/Trust")
    assert res.ok and res.wrong_dimension
    assert (res.stated_dimension, res.dimension, res.skill) == ("Being", "Collaborating", "Trust")


def test_unknown_codes_get_a_did_you_mean(fw):
    res = fw.resolve("Vertrouwn")
    assert not res.ok and res.did_you_mean[0] == "Vertrouwen"
    assert fw.resolve("Colaborating").did_you_mean[0] == "Collaborating"
    assert fw.resolve("Being/Trsut").unknown == "Trsut"
    assert not fw.resolve("Nonsense/Trust").ok


def test_ambiguous_fragments_do_not_resolve(fw):
    assert not fw.resolve("skills").ok  # four skills end in "Skills"; no guessing
    assert not fw.resolve("in").ok


def test_normalise_ignores_case_accents_and_punctuation():
    assert normalise("  Langetermijnoriëntatie & Visie ") == "langetermijnorientatie and visie"
    assert normalise("Self-awareness") == "self awareness"


@pytest.mark.parametrize(
    ("code", "skill"),
    [
        ("Complexiteitsbewustzijn", "Complexity Awareness"),
        ("Bewustzijn van complexiteit", "Complexity Awareness"),
        ("complexiteit-bewustzijn", "Complexity Awareness"),
        ("Co creatie vaardigheden", "Co-creation Skills"),
        ("Cocreatievaardigheid", "Co-creation Skills"),
        ("Communicatievaardigheid", "Communication Skills"),
        ("Communication skill", "Communication Skills"),
        ("Zelf-bewustzijn", "Self-awareness"),
        ("Langetermijn orientatie & visie", "Long-term Orientation and Visioning"),
        ("Empathie & compassie", "Empathy and Compassion"),
        ("Empathie en mededogen", "Empathy and Compassion"),
        ("Zingeving", "Sense-making"),
        ("Nederigheid", "Humility"),
        ("Doorzetten", "Perseverance"),
        ("Mobilization Skills", "Mobilisation Skills"),
    ],
)
def test_dutch_names_in_the_forms_researchers_write(fw, code, skill):
    resolved = fw.resolve(code)
    assert resolved.ok and resolved.skill == skill, code


def test_a_dimension_by_its_subtitle_or_another_dutch_name(fw):
    assert fw.resolve("Sociale vaardigheden").dimension == "Collaborating"
    assert fw.resolve("Relatie met jezelf").dimension == "Being"
    assert fw.resolve("Relateren").dimension == "Relating" and fw.resolve("Relateren").skill is None


def test_a_form_that_could_mean_two_names_is_not_read(fw):
    resolved = fw.resolve("Verbinding")  # Verbinden (a dimension) or Verbondenheid (a skill)?
    assert not resolved.ok and {"Verbinden", "Verbondenheid"} <= set(resolved.did_you_mean)


def test_did_you_mean_names_each_option_once_and_finds_a_misspelt_first_word(fw):
    assert fw.resolve("compleksiteitsbewustzijn").did_you_mean == ("Bewustzijn van complexiteit",)
    assert fw.resolve("Empaty").did_you_mean == ("Empathy and Compassion",)


def test_options_list_every_dimension_with_its_skills(fw):
    nl = fw.options("nl")
    assert nl.startswith("Zijn: Innerlijk kompas, ") and "; Handelen: Moed, " in nl
    named = [skill for part in nl.split("; ") for skill in part.split(": ")[1].split(", ")]
    assert named == [skill.name_nl for skill in fw.skills]


def test_an_unknown_code_lists_the_codes_when_nothing_is_close(tmp_path, idg_plugins):
    import impactkit

    folder = tmp_path / "s"
    folder.mkdir()
    (folder / "study.yaml").write_text(
        "impactkit: 1\nid: s\ntitle: S\nlanguage: nl\nstakeholders: [{id: b, name: B}]\n"
        "changes:\n  - {person: p1, stakeholder: b, change: Iets, idg: Xyzzy}\n"
        "  - {person: p2, stakeholder: b, change: Iets anders, idg: Complexiteitsbewustzijn}\n"
        "methods: {idg: {}}\n",
        encoding="utf-8",
    )
    result = impactkit.run(impactkit.load(folder, plugins=idg_plugins), plugins=idg_plugins, lang="nl")
    (unknown,) = [f for f in result.findings if f.code == "idg.unknown-code"]
    assert (
        "'Xyzzy' is geen dimensie" in unknown.message.nl
        and "de codes zijn Zijn: Innerlijk kompas" in unknown.message.nl
    )
    assert "Thinking: Critical Thinking, Complexity Awareness" in unknown.message.en
    assert result.metrics["idg.skill_counts"]["Complexity Awareness"] == 1

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

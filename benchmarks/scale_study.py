"""A generated study of many experienced changes, for the benchmarks of the columnar core.

``make_study(folder, changes)`` writes ``study.yaml`` and ``changes.csv``: twelve stakeholders in
six groups (with helices), a theory of change of twenty outcomes, ``methods.idg`` and
``methods.sdg``, and ``changes`` rows the way a survey export and a coding round write them —
Dutch headers, pseudonymised people (about five changes each), roles, themes, quotes with a
consent column, an importance, IDG codes (dimensions and skills in English and Dutch, sometimes
two, sometimes ``Dimension/Skill``), SDG goals (``4``, ``4;10``, ``SDG 11``), a coder, a wave,
the outcome the change is evidence of and an unknown column. One change in ten is coded again by
a second coder (a row sharing its id), so the reliability is computed too. About 150 bytes a
row, as the issue's 15 MB for 100,000 changes. Deterministic: the same arguments give the same
files.

``python benchmarks/scale_study.py FOLDER [CHANGES]`` writes one.
"""

from __future__ import annotations

import random
import sys
from pathlib import Path

GROUPS = {
    "studenten": ("education", ["studenten-hbo", "studenten-mbo"]),
    "docenten": ("education", ["docenten", "onderzoekers"]),
    "partners": ("civil_society", ["zorg", "welzijn"]),
    "gemeente": ("government", ["gemeente", "provincie"]),
    "bedrijven": ("industry", ["mkb", "corporatie"]),
    "bewoners": ("civil_society", ["bewoners", "vrijwilligers"]),
}
CODES = (
    "Being",
    "Thinking",
    "Relating",
    "Collaborating",
    "Acting",
    "Zijn",
    "Denken",
    "Verbinden",
    "Samenwerken",
    "Handelen",
    "Innerlijk kompas",
    "Integriteit en authenticiteit",
    "Openheid en lerende houding",
    "Kritisch denken",
    "Complexiteitsbewustzijn",
    "Waardering",
    "Verbondenheid",
    "Nederigheid",
    "Empathie en compassie",
    "Communicatievaardigheden",
    "Co-creatievaardigheden",
    "Vertrouwen",
    "Moed",
    "Creativiteit",
    "Optimisme",
    "Doorzettingsvermogen",
    "Trust",
    "Courage",
    "Perseverance",
    "Samenwerken/Vertrouwen",
    "Relating/Empathy and Compassion",
)
THEMES = tuple(f"thema {i}: iets wat mensen anders doen" for i in range(300))
WORDS = ("ik", "leer", "durf", "werk", "samen", "met", "de", "wijk", "vaker", "beter", "anders", "nu", "meer")


def make_study(folder: Path, changes: int, *, seed: int = 1) -> Path:
    """Write the study of ``changes`` changes into ``folder`` (made if needed); returns ``folder``."""
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    holders = [(holder, group, helix) for group, (helix, ids) in GROUPS.items() for holder in ids]
    outcomes = [f"o{i:02d}" for i in range(20)]
    lines = [
        "impactkit: 1",
        "id: scale",
        "title: A study at scale",
        "language: nl",
        "route: nonlinear",
        "stakeholders:",
        *(f"  - {{id: {h}, name: {h.title()}, group: {g}, helix: {x}}}" for h, g, x in holders),
        "activities:",
        "  - {id: werkplaats, name: Samen werken in de wijk, stakeholders: [studenten-hbo], leads_to: [o00, o01]}",
        "outcomes:",
        *(
            f"  - {{id: {o}, name: Effect {i}, stakeholders: [{holders[i % len(holders)][0]}]"
            + (f", leads_to: [{outcomes[i + 2]}]" if i + 2 < len(outcomes) else "")
            + "}"
            for i, o in enumerate(outcomes)
        ),
        "changes: changes.csv",
        "methods:",
        "  idg:",
        "    framework: idg-2021",
        "    rank_by: people_x_importance",
        "    primary_coder: codeur A",
        "    groups: {samenwerken en verbinden: [Verbinden, Samenwerken]}",
        "  sdg:",
        "    codes_from: both",
        "    min_changes: 5",
        "    outcomes:",
        *(f"      {o}: {{goals: [{1 + i % 17}], rationale: effect {i}}}" for i, o in enumerate(outcomes[:10])),
    ]
    (folder / "study.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    people = max(1, changes // 5)
    header = "id,persoon,rol,stakeholder,thema,verandering,citaat,toestemming,belang,idg,sdg,codeur,golf,outcome,bron"
    rows = [header]
    n = 0
    while n < changes:
        person = rng.randrange(people)
        holder = holders[person % len(holders)][0]
        text = " ".join(rng.choice(WORDS) for _ in range(rng.randint(5, 9)))
        codes = rng.choice(CODES) if rng.random() < 0.85 else ""
        if codes and rng.random() < 0.2:
            codes += "; " + rng.choice(CODES)
        goals = ";".join(str(g) for g in rng.sample(range(1, 18), rng.randint(1, 2))) if rng.random() < 0.6 else ""
        if goals and rng.random() < 0.1:
            goals = f"SDG {goals.split(';')[0]}"
        quote = f'"{text}, zegt ze"' if rng.random() < 0.3 else ""
        consent = rng.choice(("ja", "nee", "", "yes")) if quote else ""
        row = [
            f"C{n:07d}",
            f"R{person:06d}",
            f"rol {person % 37}",
            holder,
            rng.choice(THEMES),
            text,
            quote,
            consent,
            str(rng.randint(1, 5)),
            codes,
            goals,
            "codeur A",
            f"ronde {1 + n % 3}",
            rng.choice(outcomes),
            rng.choice(("interview", "vragenlijst", "werksessie")),
        ]
        rows.append(",".join(row))
        n += 1
        if n < changes and rng.random() < 0.1:  # a second coder codes the same change again
            row[9] = rng.choice(CODES)
            row[11] = "codeur B"
            rows.append(",".join(row))
            n += 1
    (folder / "changes.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    return folder


if __name__ == "__main__":
    make_study(Path(sys.argv[1]), int(sys.argv[2]) if len(sys.argv) > 2 else 100_000)

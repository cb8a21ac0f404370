"""The cycles of value creation (Wenger, Trayner & de Laat 2011; Wenger-Trayner & Wenger-Trayner 2020).

The five cycles of the 2011 framework form a loop, each one a step further from taking part:

1. **immediate** value — activities and interactions: what happened, how was it to take part;
2. **potential** value — knowledge capital: skills, contacts, ideas, materials, reputation;
3. **applied** value — changes in practice: what someone does differently because of it;
4. **realised** value — performance improvement: what difference that change made, for whom;
5. **reframing** value — redefining success: what counts as success, or how it is judged, changed.

The 2020 book adds value that is not a step of that loop but around it: **strategic** value
(how the learning connects to what those with a say — managers, funders, policy — care about)
and **enabling** value (what makes the learning possible: facilitation, time, resources, a place).

A story names a cycle by its id, its Dutch name or another usual spelling (``realized``,
``gerealiseerd``, ``transformative`` …); :func:`cycle_id` finds the id.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from impactkit.plugin import Text


@dataclass(frozen=True)
class Cycle:
    """One cycle: its id, its place in the loop (``None`` for strategic and enabling value), its
    name and the question a story answers for it, a colour for the matrix, and other spellings."""

    id: str
    step: int | None
    name: Text
    question: Text
    colour: str
    aliases: tuple[str, ...] = ()


CYCLES: tuple[Cycle, ...] = (
    Cycle(
        "immediate",
        1,
        Text(en="immediate value", nl="directe waarde"),
        Text(
            en="activities and interactions: what happened, and how was it to take part?",
            nl="activiteiten en interacties: wat gebeurde er, en hoe was het om mee te doen?",
        ),
        "#e3f1f6",
        ("direct", "directe", "onmiddellijk", "onmiddellijke"),
    ),
    Cycle(
        "potential",
        2,
        Text(en="potential value", nl="potentiële waarde"),
        Text(
            en="knowledge capital: what did it give that can be used later (skills, contacts, ideas, materials, "
            "reputation)?",
            nl="kenniskapitaal: wat leverde het op dat later van pas kan komen (vaardigheden, contacten, ideeën, "
            "materiaal, reputatie)?",
        ),
        "#c6e3ed",
        ("potentieel", "potentiele"),
    ),
    Cycle(
        "applied",
        3,
        Text(en="applied value", nl="toegepaste waarde"),
        Text(
            en="changes in practice: what did someone do differently because of it?",
            nl="veranderingen in de praktijk: wat deed iemand daardoor anders?",
        ),
        "#a9d5e4",
        ("toegepast", "toegepaste"),
    ),
    Cycle(
        "realised",
        4,
        Text(en="realised value", nl="gerealiseerde waarde"),
        Text(
            en="performance improvement: what difference did that change in practice make, and for whom?",
            nl="betere resultaten: welk verschil maakte die verandering in de praktijk, en voor wie?",
        ),
        "#8cc7db",
        ("realized", "gerealiseerd", "gerealiseerde"),
    ),
    Cycle(
        "reframing",
        5,
        Text(en="reframing value", nl="herdefiniërende waarde"),
        Text(
            en="redefining success: did it change what counts as success, or how success is judged?",
            nl="succes herdefiniëren: veranderde het wat als succes telt, of hoe succes wordt beoordeeld?",
        ),
        "#6fb9d2",
        ("transformative", "transformatief", "transformatieve", "herdefinierend", "herdefinierende", "herkaderend"),
    ),
    Cycle(
        "strategic",
        None,
        Text(en="strategic value", nl="strategische waarde"),
        Text(
            en="does the learning connect to what those with a say (managers, funders, policy) care about, "
            "and are they engaged?",
            nl="sluit het leren aan bij waar wie iets te zeggen heeft (leiding, financiers, beleid) om geeft, "
            "en zijn zij erbij betrokken?",
        ),
        "#f6e2b8",
        ("strategisch", "strategische"),
    ),
    Cycle(
        "enabling",
        None,
        Text(en="enabling value", nl="faciliterende waarde"),
        Text(
            en="what made the learning possible: facilitation, time, resources, a place, support?",
            nl="wat maakte het leren mogelijk: begeleiding, tijd, middelen, een plek, steun?",
        ),
        "#eccf8f",
        ("faciliterend", "faciliterende", "mogelijk_makend", "mogelijk_makende"),
    ),
)

IDS: tuple[str, ...] = tuple(c.id for c in CYCLES)
LOOP: tuple[str, ...] = tuple(c.id for c in CYCLES if c.step is not None)
"""The five cycles of the loop, in order (strategic and enabling value are not steps of it)."""
BY_ID: dict[str, Cycle] = {c.id: c for c in CYCLES}


def normalise(key: str) -> str:
    """A cycle's key as it is looked up: lower case, without accents, spaces and dashes as ``_``,
    without a trailing ``value``/``waarde`` (``"Gerealiseerde waarde"`` → ``gerealiseerde``)."""
    plain = unicodedata.normalize("NFKD", str(key)).encode("ascii", "ignore").decode().lower().strip()
    words = plain.replace("-", " ").replace("_", " ").split()
    if len(words) > 1 and words[-1] in ("value", "waarde"):
        words = words[:-1]
    return "_".join(words)


_LOOKUP: dict[str, str] = {}
for _cycle in CYCLES:
    for _key in (_cycle.id, _cycle.name.en, _cycle.name.nl, *_cycle.aliases):
        _LOOKUP[normalise(_key)] = _cycle.id


KEYS: tuple[str, ...] = tuple(_LOOKUP)
"""Every key that names a cycle, as :func:`normalise` writes it (for "did you mean")."""


def cycle_id(key: str) -> str | None:
    """The id of the cycle ``key`` names, or ``None`` when it names none."""
    return _LOOKUP.get(normalise(key))


def names(lang: str) -> list[str]:
    """The cycles' names in ``lang``, in order (for messages that list them)."""
    return [c.name.get(lang) for c in CYCLES]

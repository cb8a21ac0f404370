"""The word lists behind the output/outcome check and the wish/solution check, in Dutch and English.

The checks are heuristics and say which words triggered them, so a user can see why. They read
every text with both languages' lists (studies mix languages). Words are matched whole, case- and
accent-insensitively; an entry with a space matches those words in that order, an entry with
``…`` matches a separable verb with up to four words in between (``zetten … in`` matches
"we zetten 40 studenten in").

**An effect is phrased as an output** when its name

* counts things the leerkring does or deploys: a number (digits or a number word) followed, at
  most one word further, by an output noun (``40 studenten``, ``drie projecten``, ``3 extra
  workshops``), or ``aantal``/``number of`` followed by one; or
* has an output verb (``inzetten``, ``organiseren``, ``starten``, ``deploy``, ``organise`` …)
  and no change word (``meer``, ``minder``, ``voelen``, ``durven``, ``more``, ``feel`` …) that
  says what changes for people.

**A need is phrased as a wish or a solution** when its statement names a solution (``bingo``,
``workshop``, ``cursus``, ``app`` …) or has an output verb.

The lists are documented in ``docs/plugins/value_chain.md``; a test keeps the two in step.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache

NUMBER_WORDS: dict[str, tuple[str, ...]] = {
    "nl": (
        "twee",
        "drie",
        "vier",
        "vijf",
        "zes",
        "zeven",
        "acht",
        "negen",
        "tien",
        "elf",
        "twaalf",
        "vijftien",
        "twintig",
        "dertig",
        "veertig",
        "vijftig",
        "zestig",
        "honderd",
        "duizend",
        "tientallen",
        "honderden",
    ),
    "en": (
        "two",
        "three",
        "four",
        "five",
        "six",
        "seven",
        "eight",
        "nine",
        "ten",
        "eleven",
        "twelve",
        "fifteen",
        "twenty",
        "thirty",
        "forty",
        "fifty",
        "sixty",
        "hundred",
        "thousand",
        "dozens",
        "hundreds",
    ),
}
COUNT_WORDS: dict[str, tuple[str, ...]] = {
    "nl": ("aantal", "aantallen"),
    "en": ("number of", "numbers of"),
}
OUTPUT_NOUNS: dict[str, tuple[str, ...]] = {
    "nl": (
        "studenten",
        "student",
        "projecten",
        "project",
        "workshops",
        "workshop",
        "bijeenkomsten",
        "bijeenkomst",
        "activiteiten",
        "activiteit",
        "sessies",
        "sessie",
        "onderzoeken",
        "lessen",
        "trainingen",
        "training",
        "bezoeken",
        "huisbezoeken",
        "opdrachten",
        "stages",
        "evenementen",
        "bingo's",
        "cursussen",
        "folders",
        "flyers",
    ),
    "en": (
        "students",
        "projects",
        "workshops",
        "meetings",
        "sessions",
        "activities",
        "studies",
        "events",
        "trainings",
        "courses",
        "visits",
        "assignments",
        "internships",
        "lessons",
        "leaflets",
    ),
}
OUTPUT_VERBS: dict[str, tuple[str, ...]] = {
    "nl": (
        "inzetten",
        "zetten … in",
        "zet … in",
        "organiseren",
        "organiseert",
        "organiseer",
        "starten",
        "starten … op",
        "start … op",
        "opstarten",
        "opzetten",
        "zetten … op",
        "zet … op",
        "uitvoeren",
        "voeren … uit",
        "voert … uit",
        "aanbieden",
        "bieden … aan",
        "biedt … aan",
        "uitdelen",
        "plaatsen",
        "houden … bijeenkomsten",
        "draaien",
        "werven",
    ),
    "en": (
        "deploy",
        "deploys",
        "organise",
        "organises",
        "organize",
        "organizes",
        "start",
        "starts",
        "launch",
        "launches",
        "set up",
        "sets up",
        "hold",
        "holds",
        "run",
        "runs",
        "deliver",
        "delivers",
        "offer",
        "offers",
        "provide",
        "provides",
        "conduct",
        "conducts",
        "carry out",
        "carries out",
        "recruit",
        "recruits",
    ),
}
CHANGE_WORDS: dict[str, tuple[str, ...]] = {
    "nl": (
        "meer",
        "minder",
        "beter",
        "vaker",
        "eerder",
        "zelf",
        "zelfstandig",
        "voelen",
        "voelt",
        "ervaren",
        "ervaart",
        "durven",
        "durft",
        "kunnen",
        "kan",
        "weten",
        "weet",
        "gedrag",
        "handelen",
        "zelfregie",
        "grip",
        "vertrouwen",
        "betrokken",
        "gehoord",
        "invloed",
    ),
    "en": (
        "more",
        "less",
        "fewer",
        "better",
        "sooner",
        "themselves",
        "feel",
        "feels",
        "experience",
        "experiences",
        "dare",
        "able",
        "can",
        "know",
        "knows",
        "confident",
        "behaviour",
        "behavior",
        "control",
        "trust",
        "involved",
        "heard",
        "influence",
    ),
}
SOLUTION_NOUNS: dict[str, tuple[str, ...]] = {
    "nl": (
        "bingo",
        "workshop",
        "cursus",
        "training",
        "app",
        "spreekuur",
        "bijeenkomst",
        "folder",
        "flyer",
        "koffieochtend",
        "uitje",
        "evenement",
        "buurtfeest",
        "website",
    ),
    "en": (
        "bingo",
        "workshop",
        "course",
        "training",
        "app",
        "drop-in",
        "meeting",
        "leaflet",
        "flyer",
        "coffee morning",
        "outing",
        "event",
        "party",
        "website",
    ),
}
LEXICON: dict[str, dict[str, tuple[str, ...]]] = {
    "number_words": NUMBER_WORDS,
    "count_words": COUNT_WORDS,
    "output_nouns": OUTPUT_NOUNS,
    "output_verbs": OUTPUT_VERBS,
    "change_words": CHANGE_WORDS,
    "solution_nouns": SOLUTION_NOUNS,
}


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _words(key: str) -> tuple[str, ...]:
    return tuple(dict.fromkeys(w for lang in ("nl", "en") for w in LEXICON[key][lang]))


def _pattern(entry: str) -> str:
    parts = [re.escape(_fold(p.strip())) for p in entry.split("…")]
    return r"(?:\S+\s+){0,4}?".join(
        p.replace(r"\ ", r"\s+") + (r"\s+" if i < len(parts) - 1 else "") for i, p in enumerate(parts)
    )


@cache
def _matcher(key: str) -> list[tuple[str, re.Pattern[str]]]:
    return [(w, re.compile(rf"(?<![\w']){_pattern(w)}(?![\w'])")) for w in _words(key)]


def _found(key: str, text: str) -> list[str]:
    folded = _fold(text)
    return [word for word, pattern in _matcher(key) if pattern.search(folded)]


@cache
def _count_pattern() -> re.Pattern[str]:
    numbers = "|".join(re.escape(_fold(w)) for w in _words("number_words"))
    counts = "|".join(_fold(w).replace(" ", r"\s+") for w in _words("count_words"))
    nouns = "|".join(re.escape(_fold(w)) for w in _words("output_nouns"))
    return re.compile(rf"(?<![\w'])(?:\d+|{numbers}|{counts})(?:\s+\S+)?\s+(?:{nouns})(?![\w'])")


@dataclass(frozen=True)
class Cues:
    """What the check found in one text; ``flagged`` is the verdict."""

    counts: tuple[str, ...] = ()
    verbs: tuple[str, ...] = ()
    change: tuple[str, ...] = ()
    solutions: tuple[str, ...] = ()
    flagged: bool = False

    @property
    def because(self) -> tuple[str, ...]:
        """The words that made the verdict, in the order counts, verbs, solutions."""
        return self.counts + self.verbs + self.solutions if self.flagged else ()


def output_cues(text: str) -> Cues:
    """Whether an effect's wording describes an output (what we do) rather than an outcome."""
    counts = tuple(m.group(0).strip() for m in _count_pattern().finditer(_fold(text)))
    verbs = tuple(_found("output_verbs", text))
    change = tuple(_found("change_words", text))
    return Cues(counts=counts, verbs=verbs, change=change, flagged=bool(counts or (verbs and not change)))


def wish_cues(text: str) -> Cues:
    """Whether a need's wording names a solution or an activity rather than the underlying need."""
    solutions = tuple(_found("solution_nouns", text))
    verbs = tuple(_found("output_verbs", text))
    return Cues(verbs=verbs, solutions=solutions, flagged=bool(solutions or verbs))

"""A transparent lexicon suggester: which IDG dimension or skill a change statement is about.

The lexicon (``lexicon/<framework>.csv``: ``target, lang, term, weight``) lists Dutch and English
words per dimension and skill, written by hand from the IDG skill descriptions and everyday
vocabulary. A term ending in ``*`` matches every word that starts with it (``samenwerk*`` →
``samenwerking``); a term of several words matches that phrase. Matching ignores case and accents.

Scoring, in full:

1. every word or phrase of the statement that a term of a target matches adds the term's weight
   to that target, once (two terms of one target matching the same words count once);
2. a dimension scores its own terms plus the terms of all its skills;
3. the suggestion is the dimension with the highest score (ties: the dimension with the single
   strongest skill, then the framework's order), refined to its best skill when one skill
   scores highest within the dimension;
4. ``because`` lists the words that triggered each target, so a researcher can see why: the
   suggested target's words first, then its dimension's other targets, then — as runners-up,
   ``(also: …)`` / ``(ook: …)`` — the words that pointed at other dimensions.

No suggestion is made when no term matches. The suggester never reads human codes.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from .framework import Framework, load_framework, normalise


@dataclass(frozen=True)
class Term:
    target: str
    lang: str
    words: tuple[str, ...]
    prefix: bool
    weight: float
    text: str


@dataclass(frozen=True)
class Suggestion:
    """A suggested code for one statement, with the words that triggered it."""

    code: str | None
    """Skill name when one skill leads, else the dimension name (English); ``None``: no match."""
    dimension: str | None
    skill: str | None
    score: float
    because: dict[str, tuple[str, ...]]
    """Target (dimension or skill) → the words of the statement that matched it."""
    runner_up: str | None = None

    def reasons(self, framework: Framework, lang: str = "en") -> tuple[str, ...]:
        """Why this code: the suggested target's words first, then the rest of its dimension's, and
        the words that pointed at other dimensions last, labelled as runners-up:
        ``("praten → Communication Skills", "samen → Collaborating (also: durf → Courage)")``.

        Within each part the targets are in score order; the runners-up do not explain the code,
        they show what else the statement was about.
        """

        def line(target: str) -> str:
            return f"{', '.join(self.because[target])} → {framework.label(target, lang)}"

        if not self.because:
            return ()
        if self.dimension is None:
            return tuple(line(target) for target in self.because)
        own = set(framework.dimension(self.dimension).skills) | {self.dimension}
        main = [t for t in self.because if t == self.code] + [t for t in self.because if t in own and t != self.code]
        others = [t for t in self.because if t not in own]
        out = [line(target) for target in main]
        if others:
            also = "ook" if lang == "nl" else "also"
            rest = f"({also}: {'; '.join(line(target) for target in others)})"
            out = [*out[:-1], f"{out[-1]} {rest}"] if out else [rest]
        return tuple(out)

    def explain(self, framework: Framework, lang: str = "en") -> str:
        """``"praten → Communication Skills (also: durf → Courage)"``: :meth:`reasons` in one line."""
        return "; ".join(self.reasons(framework, lang))


def tokens(text: str) -> list[str]:
    return normalise(text).split()


@dataclass(frozen=True)
class Lexicon:
    framework: Framework
    terms: tuple[Term, ...]

    def matches(self, text: str) -> dict[str, dict[tuple[int, int], tuple[float, str]]]:
        """Target → {(start, end) word span: (weight, matched words)}."""
        words = tokens(text)
        found: dict[str, dict[tuple[int, int], tuple[float, str]]] = {}
        for term in self.terms:
            size = len(term.words)
            for start in range(len(words) - size + 1):
                window = words[start : start + size]
                if window[:-1] != list(term.words[:-1]):
                    continue
                last, want = window[-1], term.words[-1]
                if not (last.startswith(want) if term.prefix else last == want):
                    continue
                span = (start, start + size)
                spans = found.setdefault(term.target, {})
                if span not in spans or spans[span][0] < term.weight:
                    spans[span] = (term.weight, " ".join(window))
        return found

    def suggest(self, text: str) -> Suggestion:
        fw = self.framework
        found = self.matches(text)
        if not found:
            return Suggestion(code=None, dimension=None, skill=None, score=0.0, because={})
        score = {target: sum(w for w, _ in spans.values()) for target, spans in found.items()}
        dims: dict[str, float] = {}
        best_skill_in: dict[str, float] = {}
        for dim in fw.dimensions:
            total = score.get(dim.name, 0.0)
            for skill in dim.skills:
                total += score.get(skill, 0.0)
                best_skill_in[dim.name] = max(best_skill_in.get(dim.name, 0.0), score.get(skill, 0.0))
            dims[dim.name] = total
        order = {name: i for i, name in enumerate(fw.dimension_names)}
        ranked = sorted(dims, key=lambda d: (-dims[d], -best_skill_in[d], order[d]))
        best = ranked[0]
        runner = ranked[1] if len(ranked) > 1 and dims[ranked[1]] > 0 else None
        skills = sorted(((score.get(s, 0.0), s) for s in fw.dimension(best).skills), reverse=True)
        skill = None
        if skills and skills[0][0] > 0 and (len(skills) == 1 or skills[0][0] > skills[1][0]):
            skill = skills[0][1]
        ordered = sorted(found, key=lambda t: (-score[t], fw.label(t, "en")))
        because = {
            target: tuple(dict.fromkeys(words for _, words in sorted(found[target].values(), key=lambda v: -v[0])))
            for target in ordered
        }
        return Suggestion(
            code=skill or best, dimension=best, skill=skill, score=dims[best], because=because, runner_up=runner
        )


def available_lexicons() -> list[str]:
    folder = resources.files(__package__).joinpath("lexicon")
    return sorted(entry.name[:-4] for entry in folder.iterdir() if entry.name.endswith(".csv"))


def parse_lexicon(text: str, framework: Framework) -> Lexicon:
    """Parse lexicon CSV text; every target must be a dimension or skill of ``framework``."""
    terms = []
    known = set(framework.dimension_names) | set(framework.skill_names)
    for number, row in enumerate(csv.DictReader(text.splitlines()), start=2):
        target = row["target"].strip()
        if target not in known:
            raise ValueError(f"lexicon row {number}: {target!r} is not a dimension or skill of {framework.id}")
        raw = row["term"].strip()
        prefix = raw.endswith("*")
        words = tuple(tokens(raw.rstrip("*")))
        if not words:
            raise ValueError(f"lexicon row {number}: empty term")
        weight = float(row.get("weight") or 1)
        terms.append(
            Term(target=target, lang=row.get("lang", "").strip(), words=words, prefix=prefix, weight=weight, text=raw)
        )
    return Lexicon(framework=framework, terms=tuple(terms))


@lru_cache(maxsize=4)
def load_lexicon(framework_id: str = "idg-2021") -> Lexicon:
    """The lexicon shipped for a framework version."""
    if framework_id not in available_lexicons():
        raise KeyError(f"no lexicon for IDG framework {framework_id!r}; available: {', '.join(available_lexicons())}")
    text = resources.files(__package__).joinpath("lexicon").joinpath(f"{framework_id}.csv").read_text("utf-8")
    return parse_lexicon(text, load_framework(framework_id))


def evaluate(coded: list, lexicon: Lexicon) -> dict:
    """Compare suggestions with the human (primary) codes of the coded changes.

    ``accuracy``: share of coded changes whose suggested dimension is one of the human
    dimensions (no suggestion counts as wrong); ``accuracy_suggested``: the same among changes
    with a suggestion; ``kappa``: Cohen's kappa between the human dimension (the first, in
    framework order) and the suggested one over changes with a suggestion; ``skill_accuracy``:
    where both name a skill, the share with the same skill; ``confusion``: human → suggested
    dimension counts (``"-"``: no suggestion).
    """
    from .reliability import cohen_kappa

    fw = lexicon.framework
    items = [item for item in coded if item.coded]
    human, machine = [], []
    right = suggested = skill_n = skill_right = 0
    table: dict[str, dict[str, int]] = {d: {} for d in fw.dimension_names}
    for item in items:
        suggestion = lexicon.suggest(item["change"] or "")
        first = item.dimensions[0]
        table[first][suggestion.dimension or "-"] = table[first].get(suggestion.dimension or "-", 0) + 1
        if suggestion.dimension is None:
            continue
        suggested += 1
        if suggestion.dimension in item.dimensions:
            right += 1
            human.append(suggestion.dimension)
        else:
            human.append(first)
        machine.append(suggestion.dimension)
        if suggestion.skill and item.skills:
            skill_n += 1
            skill_right += int(suggestion.skill in item.skills)
    n = len(items)
    return {
        "framework": fw.id,
        "changes": n,
        "suggested": suggested,
        "coverage": suggested / n if n else None,
        "dimension_right": right,
        "accuracy": right / n if n else None,
        "accuracy_suggested": right / suggested if suggested else None,
        "kappa": cohen_kappa(human, machine),
        "skill_compared": skill_n,
        "skill_right": skill_right,
        "skill_accuracy": skill_right / skill_n if skill_n else None,
        "confusion": {d: dict(sorted(row.items())) for d, row in table.items()},
    }

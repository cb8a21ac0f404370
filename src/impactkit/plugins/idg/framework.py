"""IDG framework versions as data, and resolving the codes researchers write.

A framework is a CSV in ``frameworks/`` (one row per skill; see ``frameworks/README.md``).
A code is a dimension or a skill, written in English or Dutch, in any case
(``Collaborating``, ``samenwerken``, ``Trust``, ``vertrouwen``); a skill implies its dimension.
Researchers write names in more forms than the framework's own, and each is read (:func:`variants`):
with or without spaces and hyphens (``Co creatie vaardigheden``, ``Zelf-bewustzijn``), a Dutch
compound for ``X van Y`` (``Complexiteitsbewustzijn`` for ``Bewustzijn van complexiteit``), the
singular of ``vaardigheden``/``skills``, ``&`` for ``en``/``and``, the dimension's subtitle
(``Sociale vaardigheden``), and the aliases of the framework file (``Zingeving``,
``Nederigheid``, ``Empathie en mededogen``). A form that could mean two things is not read.
``Dimension/Skill`` (also ``Dimension > Skill`` or ``Dimension: Skill``) names both; when the
skill belongs to another dimension the code resolves to the skill's own dimension and is
reported as ``wrong_dimension``.

Only the standard library is used here, so the CLI can import it cheaply.
"""

from __future__ import annotations

import csv
import difflib
import re
import unicodedata
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from importlib import resources

DEFAULT_FRAMEWORK = "idg-2021"
_PATH_SEPARATORS = re.compile(r"\s*(?:/|>|:|\|)\s*")


def normalise(text: str) -> str:
    """Case-, accent- and punctuation-insensitive form of a name (``"Self-awareness"`` → ``"self awareness"``)."""
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()
    plain = plain.replace("&", " and ")
    plain = re.sub(r"[^a-z0-9]+", " ", plain)
    return " ".join(plain.split())


def variants(label: str) -> set[str]:
    """The other forms researchers write a name in, normalised (:func:`normalise`): ``X van Y`` as
    the Dutch compound ``Y(s)X``, a plural ``vaardigheden``/``skills`` in the singular, ``en`` as
    ``and`` (``&`` is read as ``and``)."""
    base = normalise(label)
    out = {base}
    words = base.split()
    if len(words) == 3 and words[1] == "van":  # bewustzijn van complexiteit -> complexiteit(s)bewustzijn
        head, tail = words[0], words[2]
        out |= {f"{tail}s{head}", f"{tail}{head}"}
    for form in list(out):
        for plural, singular in (("vaardigheden", "vaardigheid"), ("skills", "skill")):
            if form.endswith(plural):
                out.add(form[: -len(plural)] + singular)
    out |= {f" {form} ".replace(" en ", " and ").strip() for form in out}
    return out


def _compact(key: str) -> str:
    return key.replace(" ", "")


@dataclass(frozen=True)
class Skill:
    name: str
    name_nl: str
    dimension: str
    description: str
    description_nl: str

    def label(self, lang: str) -> str:
        return self.name_nl if lang == "nl" else self.name


@dataclass(frozen=True)
class Dimension:
    name: str
    name_nl: str
    subtitle: str
    subtitle_nl: str
    colour: str
    skills: tuple[str, ...]

    @property
    def key(self) -> str:
        """Lower-case id used in graph nodes: ``idg:<key>``."""
        return normalise(self.name).replace(" ", "-")

    def label(self, lang: str) -> str:
        return self.name_nl if lang == "nl" else self.name

    def subtitle_for(self, lang: str) -> str:
        return self.subtitle_nl if lang == "nl" else self.subtitle


@dataclass(frozen=True)
class Resolution:
    """What a code means: its dimension, its skill (if any), or why it means nothing."""

    code: str
    dimension: str | None = None
    skill: str | None = None
    stated_dimension: str | None = None
    """The dimension written before a skill (``Being/Trust`` → ``Being``), when given."""
    unknown: str | None = None
    """The part of the code that matched nothing."""
    did_you_mean: tuple[str, ...] = ()

    @property
    def ok(self) -> bool:
        return self.dimension is not None

    @property
    def wrong_dimension(self) -> bool:
        return bool(self.ok and self.stated_dimension and self.stated_dimension != self.dimension)


@dataclass(frozen=True)
class Framework:
    id: str
    dimensions: tuple[Dimension, ...]
    skills: tuple[Skill, ...]
    _names: dict[str, tuple[str, str | None]] = field(default_factory=dict, repr=False, compare=False)
    _resolved: dict[str, Resolution] = field(default_factory=dict, repr=False, compare=False)
    """Each code :meth:`resolve` was asked for, resolved: a code is normalised once, not once per change."""

    # -- look-ups ------------------------------------------------------------------------------
    @cached_property
    def dimension_names(self) -> list[str]:
        return [d.name for d in self.dimensions]

    @cached_property
    def skill_names(self) -> list[str]:
        return [s.name for s in self.skills]

    def dimension(self, name: str) -> Dimension:
        for dim in self.dimensions:
            if dim.name == name:
                return dim
        raise KeyError(name)

    def skill(self, name: str) -> Skill:
        for skill in self.skills:
            if skill.name == name:
                return skill
        raise KeyError(name)

    def label(self, name: str, lang: str) -> str:
        """The label of a dimension or skill (by English name) in ``lang``."""
        for dim in self.dimensions:
            if dim.name == name:
                return dim.label(lang)
        for skill in self.skills:
            if skill.name == name:
                return skill.label(lang)
        return name

    def _lookup(self, text: str) -> tuple[str, str | None] | None:
        wanted = normalise(text)
        hit = self._names.get(wanted) or self._names.get("\0" + _compact(wanted))
        if hit or len(wanted) < 4:
            return hit
        # a unique leading part of a name: "Empathy" → "Empathy and Compassion"
        targets = {
            target for key, target in self._names.items() if not key.startswith("\0") and key.startswith(wanted + " ")
        }
        return targets.pop() if len(targets) == 1 else None

    def find_dimension(self, text: str) -> str | None:
        """The English name of the dimension called ``text`` (English or Dutch), else ``None``."""
        hit = self._lookup(text)
        return hit[0] if hit and hit[1] is None else None

    def suggestions(self, text: str, n: int = 3) -> tuple[str, ...]:
        """Close names for a code that matched nothing (did-you-mean)."""
        wanted = normalise(text)
        if not wanted:
            return ()
        official: dict[str, str] = {}
        for dim in self.dimensions:
            for label in (dim.name, dim.name_nl):
                official.setdefault(normalise(label), label)
        for skill in self.skills:
            for label in (skill.name, skill.name_nl):
                official.setdefault(normalise(label), label)
        other = {  # the other forms, shown as the Dutch name: asked only when the names give too few
            key: self.label(skill or dim, "nl")
            for key, (dim, skill) in self._names.items()
            if not key.startswith("\0") and key not in official
        }
        shown: list[str] = []  # names, each once, however many of its forms are close

        for spelled in (official, other):

            def take(keys: list[str], spelled: dict[str, str] = spelled) -> None:
                shown.extend(label for label in dict.fromkeys(spelled[key] for key in keys) if label not in shown)

            if len(shown) >= n:
                break
            take([key for key in spelled if key.startswith(wanted) or wanted in key.split(" ")])
            for cutoff in (0.75, 0.6):
                if len(shown) >= n:
                    break
                take(difflib.get_close_matches(wanted, list(spelled), n=3 * n, cutoff=cutoff))
            if len(shown) < n:  # a misspelt first word: "Empaty" for "Empathie en compassie"
                heads: dict[str, list[str]] = {}
                for key in spelled:
                    heads.setdefault(key.split(" ")[0], []).append(key)
                for head in difflib.get_close_matches(wanted.split(" ")[0], list(heads), n=n, cutoff=0.75):
                    take(heads[head])
        return tuple(shown[:n])

    def options(self, lang: str) -> str:
        """Every code, for a message: ``Zijn: Innerlijk kompas, …; Denken: …`` in ``lang``."""
        return "; ".join(
            f"{dim.label(lang)}: {', '.join(self.skill(name).label(lang) for name in dim.skills)}"
            for dim in self.dimensions
        )

    def resolve(self, code: str) -> Resolution:
        """Resolve one code (a dimension, a skill, or ``Dimension/Skill``); each code once (the
        framework keeps what it resolved)."""
        found = self._resolved.get(code)
        if found is None:
            found = self._resolved[code] = self._resolve(code)
        return found

    def _resolve(self, code: str) -> Resolution:
        text = code.strip()
        if text.lower().startswith("idg:"):
            text = text[4:]
        hit = self._lookup(text)
        if hit:
            return Resolution(code=code, dimension=hit[0], skill=hit[1])
        parts = [p for p in _PATH_SEPARATORS.split(text) if p]
        if len(parts) == 2:
            head, tail = parts
            stated = self.find_dimension(head)
            hit = self._lookup(tail)
            if stated is None:
                return Resolution(code=code, unknown=head, did_you_mean=self.suggestions(head))
            if hit is None:
                return Resolution(code=code, stated_dimension=stated, unknown=tail, did_you_mean=self.suggestions(tail))
            return Resolution(code=code, dimension=hit[0], skill=hit[1], stated_dimension=stated)
        return Resolution(code=code, unknown=text, did_you_mean=self.suggestions(text))


def _build(framework_id: str, rows: list[dict[str, str]]) -> Framework:
    dims: dict[str, dict] = {}
    skills: list[Skill] = []
    aliases: dict[str, list[str]] = {}  # a dimension's or skill's English name -> the other names the file gives
    for row in rows:
        for column, owner in (("skill_aliases", row["skill"].strip()), ("dimension_aliases", row["dimension"].strip())):
            for alias in (row.get(column) or "").split(";"):
                if alias.strip() and alias.strip() not in aliases.setdefault(owner, []):
                    aliases[owner].append(alias.strip())
        name = row["dimension"].strip()
        if name not in dims:
            dims[name] = {
                "name": name,
                "name_nl": row.get("dimension_nl", "").strip() or name,
                "subtitle": row.get("dimension_subtitle", "").strip(),
                "subtitle_nl": row.get("dimension_subtitle_nl", "").strip()
                or row.get("dimension_subtitle", "").strip(),
                "colour": row.get("colour", "").strip() or "#888888",
                "skills": [],
            }
        skill_name = row["skill"].strip()
        dims[name]["skills"].append(skill_name)
        skills.append(
            Skill(
                name=skill_name,
                name_nl=row.get("skill_nl", "").strip() or skill_name,
                dimension=name,
                description=row.get("description", "").strip(),
                description_nl=row.get("description_nl", "").strip() or row.get("description", "").strip(),
            )
        )
    dimensions = tuple(Dimension(**{**d, "skills": tuple(d["skills"])}) for d in dims.values())
    names: dict[str, tuple[str, str | None]] = {}

    def add(label: str, target: tuple[str, str | None]) -> None:
        key = normalise(label)
        if key in names and names[key] != target:
            raise ValueError(f"framework {framework_id}: the name {label!r} is ambiguous")
        names[key] = target

    for dim in dimensions:
        add(dim.name, (dim.name, None))
        add(dim.name_nl, (dim.name, None))
    for skill in skills:
        add(skill.name, (skill.dimension, skill.name))
        add(skill.name_nl, (skill.dimension, skill.name))

    # the other forms researchers write: never over an official name, and not when two names share one
    others: dict[str, set[tuple[str, str | None]]] = {}

    def other(label: str, target: tuple[str, str | None]) -> None:
        for key in variants(label):
            others.setdefault(key, set()).add(target)
            others.setdefault("\0" + _compact(key), set()).add(target)

    for dim in dimensions:
        for label in (dim.name, dim.name_nl, dim.subtitle, dim.subtitle_nl, *aliases.get(dim.name, ())):
            if label:
                other(label, (dim.name, None))
    for skill in skills:
        for label in (skill.name, skill.name_nl, *aliases.get(skill.name, ())):
            other(label, (skill.dimension, skill.name))
    for key, targets in others.items():
        if key not in names and len(targets) == 1:
            names[key] = next(iter(targets))
    return Framework(id=framework_id, dimensions=dimensions, skills=tuple(skills), _names=names)


def available_frameworks() -> list[str]:
    """The framework versions shipped with the plugin (``["idg-2021", ...]``)."""
    folder = resources.files(__package__).joinpath("frameworks")
    return sorted(entry.name[:-4] for entry in folder.iterdir() if entry.name.endswith(".csv"))


@lru_cache(maxsize=8)
def load_framework(framework_id: str = DEFAULT_FRAMEWORK) -> Framework:
    """Load a shipped framework version by id; ``KeyError`` (with the known ids) if unknown."""
    if framework_id not in available_frameworks():
        raise KeyError(f"unknown IDG framework {framework_id!r}; available: {', '.join(available_frameworks())}")
    text = resources.files(__package__).joinpath("frameworks").joinpath(f"{framework_id}.csv").read_text("utf-8")
    return _build(framework_id, list(csv.DictReader(text.splitlines())))

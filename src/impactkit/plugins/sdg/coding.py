"""The SDG coder behind ``impactkit code STUDY --method sdg``: suggested goals a researcher accepts.

The core's ``code`` command writes the suggestions file, reads what
was accepted and copies it into empty ``sdg`` cells only. This module gives it what is SDG's own:

* which changes to suggest for: one per change (double-coded changes once), those without an SDG
  code of their own — or all of them with ``--all``;
* the suggestions: the query systems of ``methods.sdg.query_sets`` (:mod:`.querysets`; default the
  Aurora SDG queries for English, impactkit's lexicon for Dutch, by ``methods.sdg.suggest_language``,
  default the study's language), combined by :mod:`.combine`, as goal numbers (``"4; 17"``) with
  what triggered each goal: the target and the words (``SDG 4 Quality education — 4.4: increase
  skills``), and the system when there are several (``… — bergen 4.7: global citizenship``);
* whether an accepted code is a goal: ``4``, ``"SDG 4"``, ``sdg04`` → ``4``;
* ``--evaluate``: the suggester against the human codes, per goal and overall.
"""

from __future__ import annotations

from typing import Any

from impactkit.plugin import Coder, Evaluation, Suggestion, Text, format_number, format_percent

from .settings import SdgSettings, parse_goal

EVALUATION = Text(
    en="SDG suggester ({suggester}) against the human codes: {n} coded changes, {s} with a suggestion ({coverage}).\n"
    "  goals: precision {precision}, recall {recall}, F1 {f1} (tp {tp}, fp {fp}, fn {fn})\n"
    "  at least one human goal suggested: {any_right} of {n} ({any_share}); exactly the human goals: "
    "{exact} ({exact_share})",
    nl="SDG-suggesties ({suggester}) tegen de menselijke codes: {n} gecodeerde veranderingen, {s} met een suggestie "
    "({coverage}).\n"
    "  doelen: precisie {precision}, recall {recall}, F1 {f1} (tp {tp}, fp {fp}, fn {fn})\n"
    "  minstens één menselijk doel voorgesteld: {any_right} van {n} ({any_share}); precies de menselijke doelen: "
    "{exact} ({exact_share})",
)
DEFAULT_SETS = {"en": ("aurora",), "nl": ("lexicon-nl",)}
"""The query systems when ``methods.sdg.query_sets`` is not given, by the suggester's language."""


def _settings(ctx: Any) -> SdgSettings:
    return ctx.study.method("sdg") or SdgSettings()


def _items(ctx: Any):
    from .analysis import records

    return ctx.memo("sdg.coding-items", lambda: records(ctx.study, _settings(ctx)))


def language(ctx: Any) -> str:
    """The suggester's language: ``methods.sdg.suggest_language``, else the study's language."""
    return _settings(ctx).suggest_language or ctx.study.language


def set_names(settings: SdgSettings, lang: str) -> tuple[str, ...]:
    """The query systems named by ``methods.sdg.query_sets``, else the default of the language."""
    return tuple(settings.query_sets) if settings.query_sets else DEFAULT_SETS["nl" if lang == "nl" else "en"]


def systems(ctx: Any) -> list:
    """The study's query systems, loaded once per run (a bad file: ``StudyError`` at its place)."""
    from .querysets import load

    def build() -> list:
        settings = _settings(ctx)
        names = set_names(settings, language(ctx))
        return [
            load(name, ctx.study.directory, ctx.read_rows, ctx.locate("methods", "sdg", "query_sets", i))
            if settings.query_sets
            else load(name, ctx.study.directory)
            for i, name in enumerate(names)
        ]

    return ctx.memo("sdg.systems", build)


def find(systems: list, text: str) -> list:
    """The combined suggestions of ``systems`` for one text (:func:`.combine.combine`), best first;
    the query systems are looked up together (:func:`.querysets.hits_of`).

    Query systems alone (the usual case, and ``impactkit sdg map``'s) take a shorter way to the
    same suggestions: :class:`_Finder` reads the true queries of the systems' one index straight
    into them, without each system's goal matches in between."""
    finder = _finder(systems)
    if finder is not None:
        return finder.find(text)
    from .combine import combine
    from .querysets import hits_of

    return combine(hits_of(systems, text))


class _Finder:
    """:func:`find` for query systems with distinct names: what :func:`.querysets.hits_of` and
    :func:`.combine.combine` (every system trusted) give, worked out in one pass over the true
    queries (``tests/sdg`` compares both ways)."""

    def __init__(self, systems: tuple):
        from .combine import Suggested
        from .querysets import together

        self.suggested = Suggested

        self.systems = systems
        self.names = tuple(system.name for system in systems)
        if len(systems) == 1:
            self.index, self.targets = systems[0].index, systems[0].targets
        else:
            both = together(systems)
            self.index, self.targets = both.index, both.targets
        # per query of the index: its system, goal and target, and how a reason names it
        self.queries = tuple(
            (
                k,
                query.goal,
                query.target,
                query.label,
                f"{query.target or f'SDG {query.goal}'}{f' ({query.label})' if system.cite else ''}: ",
            )
            for k, system in enumerate(systems)
            for query in system.queries
        )

    def find(self, text: str) -> list:
        Suggested = self.suggested  # the class, looked up once
        index = self.index
        scan, true = index.true_queries(text, None, self.targets)
        if not true:
            return []
        queries = self.queries
        single = len(self.systems) == 1
        # goal → per system: [targets, reasons, queries]; the first true query of a target names it
        goals: dict[int, list] = {}
        for i in true:
            k, goal, target, label, head = queries[i]
            per_system = goals.get(goal)
            if per_system is None:
                per_system = goals[goal] = [None] * len(self.systems)
            found = per_system[k]
            if found is None:
                found = per_system[k] = ([], [], [])
            if target:
                found[0].append(target)
            found[1].append(head + "; ".join(index.words(scan, i)))
            found[2].append(label)
        names = self.names
        out = []
        for goal, per_system in goals.items():
            if single:
                targets, reasons, labels = per_system[0]
                out.append(Suggested(goal, names, float(len(labels)), tuple(targets), tuple(reasons), tuple(labels)))
                continue
            systems, targets, reasons, labels = [], [], [], []
            for name, found in zip(names, per_system):
                if found is not None:
                    systems.append(name)
                    targets += found[0]
                    reasons += [f"{name} {reason}" for reason in found[1]]
                    labels += found[2]
            score = float(len(labels))
            out.append(
                Suggested(goal, tuple(systems), score, tuple(dict.fromkeys(targets)), tuple(reasons), tuple(labels))
            )
        if len(out) > 1:
            out.sort(key=lambda s: (-len(s.systems), -s.score, s.goal))
        return out


_FINDERS: dict[tuple[int, ...], _Finder] = {}


def _finder(systems: list) -> _Finder | None:
    """The :class:`_Finder` of ``systems`` when they are query systems with distinct names (kept
    for the process, the last few; a finder holds its systems, so their ids stay theirs)."""
    key = tuple(map(id, systems))
    found = _FINDERS.get(key)
    if found is None:
        from .querysets import QuerySystem

        if not systems or any(type(s) is not QuerySystem for s in systems):
            return None
        if len({s.name for s in systems}) < len(systems):
            return None
        if len(_FINDERS) >= 8:
            _FINDERS.clear()
        found = _FINDERS[key] = _Finder(tuple(systems))
    return found


def to_code(ctx: Any, include_coded: bool) -> list[int]:
    """One change index per change: those without an SDG code of their own, or all with ``include_coded``."""
    return [item.index for item in _items(ctx) if include_coded or not item.codes]


def _reasons(hits: list, lang: str) -> tuple[str, ...]:
    from .goals import goal

    return tuple(f"{goal(hit.goal).label(lang)} — {', '.join(hit.reasons)}" for hit in hits)


def suggest(ctx: Any, indices: list[int]) -> list[Suggestion]:
    found = systems(ctx)
    out = []
    for index in indices:
        hits = find(found, ctx.study.change_list[index].change or "")
        if hits:
            out.append(
                Suggestion(index=index, code="; ".join(str(hit.goal) for hit in hits), because=_reasons(hits, ctx.lang))
            )
    return out


def normalise(ctx: Any, text: str) -> str | None:
    """``"4"``, ``"SDG 4"``, ``"sdg-04"`` → ``"4"``; anything that is not a goal 1–17 → ``None``."""
    goal = parse_goal(text)
    return None if goal is None else str(goal)


def measure(items: list, lang: str, found: list | None = None) -> dict[str, Any]:
    """Suggestions against the human codes of the changes that have them (micro-averaged over goals).

    ``found``: the query systems (default: those of ``lang`` without ``query_sets``)."""
    from .querysets import builtin

    if found is None:
        found = [builtin(name) for name in DEFAULT_SETS["nl" if lang == "nl" else "en"]]
    coded = [item for item in items if item.codes]
    tp = fp = fn = suggested = any_right = exact = 0
    per_goal: dict[str, dict[str, int]] = {}
    for item in coded:
        machine = {hit.goal for hit in find(found, item.change or "")}
        human = set(item.codes)
        suggested += bool(machine)
        any_right += bool(machine & human)
        exact += machine == human
        tp += len(machine & human)
        fp += len(machine - human)
        fn += len(human - machine)
        for g in machine | human:
            entry = per_goal.setdefault(str(g), {"tp": 0, "fp": 0, "fn": 0})
            entry["tp" if g in machine and g in human else "fp" if g in machine else "fn"] += 1
    n = len(coded)
    precision = tp / (tp + fp) if tp + fp else None
    recall = tp / (tp + fn) if tp + fn else None
    f1 = 2 * precision * recall / (precision + recall) if precision and recall else None
    return {
        "suggester": " + ".join(system.title for system in found),
        "language": lang,
        "changes": n,
        "suggested": suggested,
        "coverage": suggested / n if n else None,
        "precision": precision,
        "recall": recall,
        "f1": f1,
        "tp": tp,
        "fp": fp,
        "fn": fn,
        "any_right": any_right,
        "any_share": any_right / n if n else None,
        "exact": exact,
        "exact_share": exact / n if n else None,
        "per_goal": dict(sorted(per_goal.items(), key=lambda kv: int(kv[0]))),
    }


def codebook(ctx: Any) -> list[Any]:
    """The 17 goals as a codebook (REFI-QDA): the code is the goal's number, as the column holds it."""
    from impactkit.plugin import CodeEntry

    from .goals import goals

    return [
        CodeEntry(
            code=str(goal.number),
            name=goal.label(ctx.lang),
            description=goal.title_en if ctx.lang == "en" else None,
            colour=goal.colour if goal.colour.startswith("#") else None,
            matches=(f"SDG {goal.number}", goal.label("en"), goal.label("nl"), goal.short_en, goal.short_nl),
        )
        for goal in goals().values()
    ]


def format_evaluation(result: dict[str, Any], lang: str) -> str:
    def pct(value: float | None) -> str:
        return format_percent(value, lang)

    def num(value: float | None) -> str:
        return format_number(value, lang, decimals=2)

    return EVALUATION.get(lang).format(
        suggester=result["suggester"],
        n=result["changes"],
        s=result["suggested"],
        coverage=pct(result["coverage"]),
        precision=pct(result["precision"]),
        recall=pct(result["recall"]),
        f1=num(result["f1"]),
        tp=result["tp"],
        fp=result["fp"],
        fn=result["fn"],
        any_right=result["any_right"],
        any_share=pct(result["any_share"]),
        exact=result["exact"],
        exact_share=pct(result["exact_share"]),
    )


def evaluate(ctx: Any) -> Evaluation:
    result = measure(_items(ctx), language(ctx), systems(ctx))
    return Evaluation(
        figures=result, summary=Text(en=format_evaluation(result, "en"), nl=format_evaluation(result, "nl"))
    )


CODER = Coder(
    id="sdg",
    column="sdg",
    title=Text(en="Sustainable Development Goals", nl="Duurzameontwikkelingsdoelen (SDG's)"),
    unknown_code=Text(
        en="'{code}' is not an SDG (goals are numbered 1 to 17)",
        nl="'{code}' is geen SDG (de doelen zijn genummerd van 1 tot en met 17)",
    ),
    to_code=to_code,
    suggest=suggest,
    normalise=normalise,
    evaluate=evaluate,
    codebook=codebook,
)

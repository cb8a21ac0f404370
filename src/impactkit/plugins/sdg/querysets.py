"""SDG query systems: the shipped ones, and a user's own keyword lists and query files.

A *system* names goals for a text, each with the targets and the words that made it match
(:class:`GoalMatch`). ``methods.sdg.query_sets`` and ``impactkit sdg map --queries`` name systems:

* ``aurora`` — the Aurora Universities Network SDG queries v5 (Scopus syntax, :mod:`.scopus`),
  17 goals, one query per target;
* ``bergen`` — the Bergen SDG search strings v2.0.0 (Web of Science syntax, :mod:`.wos`), goals
  1, 2, 3, 4, 7 and 11–15, both approaches; ``bergen-topic`` and ``bergen-action`` one of them;
* ``lexicon-nl`` — impactkit's Dutch lexicon (:mod:`.suggest`);
* a path, relative to the study folder and inside it: a **keyword list** (``.csv``, ``.tsv``,
  ``.xlsx``, ``.ods``: columns ``goal``, ``target``, ``term``, ``context``) or a **query file**
  (any other file: ``GOAL-OR-TARGET: query`` lines in Scopus or Web of Science syntax).

The formats are described in ``docs/plugins/sdg.md``. A bad file is a :class:`StudyError` that
names every problem at its place (``own.csv:5:term``, ``queries.txt:3:17``).

A goal of a query system is named when one of its queries matches; a target (``4.7``) when a
query written for that target matches. Goal-level queries (``4: …``, Bergen's *works mentioning
the SDG*) name only the goal.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Any

from impactkit.plugin import Location, Problem, StudyError, Text, format_list, read_rows

from .goals import read_data, targets
from .matcher import And, Index, Or
from .settings import parse_goal
from .syntax import QueryError, TokenParser

BUILTIN = ("aurora", "bergen", "bergen-topic", "bergen-action", "keywords-en", "lexicon-nl")
TABLE_SUFFIXES = frozenset({".csv", ".tsv", ".xlsx", ".xlsm", ".ods"})
HEADERS = {
    "goal": ("goal", "sdg", "doel"),
    "target": ("target", "subdoel", "sub-doel"),
    "term": ("term", "phrase", "keyword", "trefwoord", "zin", "woord"),
    "context": ("context", "required context", "vereiste context"),
}


@dataclass(frozen=True)
class Query:
    """One query of a system: the goal and (optional) target it was written for, and its tree."""

    goal: int
    target: str
    """``"4.7"``, or ``""`` for a query about the goal as a whole."""
    label: str
    """Where it comes from, for people: ``aurora 4.7 line 2``, ``own.csv:12``."""
    source: str
    tree: Any


@dataclass(slots=True)
class GoalMatch:
    """A goal one system names for a text."""

    goal: int
    score: float
    targets: tuple[str, ...]
    reasons: tuple[str, ...]
    """``"4.7: education for sustainable development"`` (queries) or ``"armoede"`` (the lexicon)."""
    queries: tuple[str, ...] = ()
    """The queries that matched, one per target: ``aurora 4.7 line 2``, ``own.csv:12``."""


@dataclass
class QuerySystem:
    """A set of boolean queries, looked up together (:class:`~.matcher.Index`)."""

    name: str
    title: str
    queries: tuple[Query, ...]
    kind: str = "queries"
    cite: bool = False
    """Whether a reason names the query's line (a user's file: ``4.7 (own.csv:12): …``)."""

    @cached_property
    def index(self) -> Index:
        return Index([q.tree for q in self.queries])

    def __getstate__(self) -> dict[str, Any]:
        """Pickled without its compiled index (another process compiles its own)."""
        state = dict(self.__dict__)
        state.pop("index", None)
        state.pop("targets", None)
        return state

    def goals(self) -> set[int]:
        return {q.goal for q in self.queries}

    def hits(self, text: str, tokens: list[str] | None = None) -> list[GoalMatch]:
        """The goals this system names for ``text``: most targets matched first, then by number
        (``tokens``: the text's :func:`~.matcher.words`, when several systems share them)."""
        scan, true = self.index.true_queries(text, tokens, self.targets)
        return self.goal_matches(true, lambda i: self.index.words(scan, i))

    @cached_property
    def targets(self) -> tuple[int, ...]:
        """Per query a number for its goal and target: one true query of a target is enough."""
        numbers: dict[tuple[int, str], int] = {}
        return tuple(numbers.setdefault((q.goal, q.target), len(numbers)) for q in self.queries)

    def goal_matches(self, true: list[int], matched: Callable[[int], tuple[str, ...]]) -> list[GoalMatch]:
        """The goals of the true queries (their numbers, in order), with the words ``matched``
        gives for a query number: one matching query is enough for a target."""
        found: dict[int, dict[str, tuple[str, tuple[str, ...]]]] = {}
        for i in true:
            query = self.queries[i]
            per_goal = found.setdefault(query.goal, {})
            if query.target not in per_goal:
                per_goal[query.target] = (query.label, matched(i))
        out = [
            GoalMatch(
                goal=goal,
                score=float(len(per_target)),
                targets=tuple(t for t in per_target if t),
                reasons=tuple(
                    f"{target or f'SDG {goal}'}{f' ({label})' if self.cite else ''}: {'; '.join(words)}"
                    for target, (label, words) in per_target.items()
                ),
                queries=tuple(label for label, _ in per_target.values()),
            )
            for goal, per_target in found.items()
        ]
        return sorted(out, key=lambda h: (-h.score, h.goal))


class Together:
    """Several query systems compiled into one :class:`~.matcher.Index`, so that a text is scanned
    once for all of them; each system's goals are what its own index would give."""

    def __init__(self, systems: tuple[QuerySystem, ...]):
        self.systems = systems
        self.index = Index([q.tree for system in systems for q in system.queries])
        starts = [0]
        for system in systems:
            starts.append(starts[-1] + len(system.queries))
        self.starts = tuple(starts)
        # a target of one system is another group than the same target of another system
        self.targets = tuple(t + starts[k] for k, system in enumerate(systems) for t in system.targets)

    def hits(self, text: str, tokens: list[str] | None = None) -> dict[str, list[GoalMatch]]:
        scan, true = self.index.true_queries(text, tokens, self.targets)
        out = {}
        for k, system in enumerate(self.systems):
            first, end = self.starts[k], self.starts[k + 1]
            own = [i - first for i in true if first <= i < end]
            out[system.name] = system.goal_matches(own, lambda i, first=first: self.index.words(scan, i + first))
        return out


_TOGETHER: dict[tuple[int, ...], Together] = {}


def together(systems: tuple[QuerySystem, ...]) -> Together:
    """The systems compiled together (kept for the process, the last few combinations; the
    systems it holds keep their ids)."""
    key = tuple(map(id, systems))
    found = _TOGETHER.get(key)
    if found is None:
        if len(_TOGETHER) >= 8:
            _TOGETHER.clear()
        found = _TOGETHER[key] = Together(systems)
    return found


def hits_of(systems: list, text: str) -> dict[str, list[GoalMatch]]:
    """Each system's goals for ``text`` (system name → its goal matches), the query systems
    among them looked up together."""
    queries = tuple(s for s in systems if isinstance(s, QuerySystem))
    found: dict[str, list[GoalMatch]] = {}
    if len(queries) > 1:
        found = together(queries).hits(text)
    return {s.name: found[s.name] if s.name in found else s.hits(text) for s in systems}


@dataclass
class LexiconSystem:
    """impactkit's Dutch lexicon: weighted terms, a goal from a score of 2, at most three goals."""

    name: str = "lexicon-nl"
    title: str = "impactkit lexicon-nl"
    kind: str = "lexicon"

    def goals(self) -> set[int]:
        from .suggest import lexicon_nl

        return {term.goal for term in lexicon_nl()}

    def hits(self, text: str, tokens: list[str] | None = None) -> list[GoalMatch]:
        from .suggest import suggest_nl

        return [GoalMatch(h.goal, h.score, (), h.reasons) for h in suggest_nl(text)]


# -- the shipped systems -----------------------------------------------------------------------


@lru_cache(maxsize=1)
def _aurora() -> QuerySystem:
    from .scopus import compile_query

    queries = []
    for row in csv.DictReader(read_data("aurora-v5.csv").splitlines()):
        target = "" if row["target"].endswith(".0") else row["target"]  # 13.0: Aurora's general query for goal 13
        queries.append(
            Query(
                int(row["goal"]),
                target,
                f"aurora {row['target']} line {row['line']}",
                row["query"],
                compile_query(row["query"], row["field"]),
            )
        )
    return QuerySystem("aurora", "Aurora SDG queries v5", tuple(queries))


@lru_cache(maxsize=3)
def _bergen(variants: tuple[str, ...]) -> QuerySystem:
    from .wos import compile_wos

    queries = []
    for row in csv.DictReader(read_data("bergen-v2.csv").splitlines()):
        if row["variant"] not in variants:
            continue
        label = f"bergen {row['target'] or 'SDG ' + row['goal']} phrase {row['phrase']} ({row['variant']})"
        queries.append(Query(int(row["goal"]), row["target"], label, row["query"], compile_wos(row["query"])))
    name = "bergen" if len(variants) == 2 else f"bergen-{variants[0]}"
    which = "topic and action approaches" if len(variants) == 2 else f"{variants[0]} approach"
    return QuerySystem(name, f"Bergen SDG search strings v2.0.0 ({which})", tuple(queries))


@lru_cache(maxsize=1)
def _keywords_en() -> QuerySystem:
    """impactkit's English keyword list for the goals the Bergen strings leave out (a keyword list
    in the format of a user's own, ``data/keywords-en.csv``)."""
    rows = list(enumerate(csv.reader(read_data("keywords-en.csv").splitlines()), start=1))
    own = read_keyword_list(Path("keywords-en.csv"), "keywords-en.csv", lambda _: rows)
    queries = tuple(
        Query(q.goal, q.target, q.label.replace("keywords-en.csv:", "keywords-en row "), q.source, q.tree)
        for q in own.queries
    )
    return QuerySystem("keywords-en", "impactkit English keywords (goals 5, 6, 8, 9, 10, 16, 17)", queries)


def builtin(name: str):
    """A shipped system by name (:data:`BUILTIN`)."""
    if name == "aurora":
        return _aurora()
    if name == "bergen":
        return _bergen(("topic", "action"))
    if name in ("bergen-topic", "bergen-action"):
        return _bergen((name.split("-")[1],))
    if name == "keywords-en":
        return _keywords_en()
    if name == "lexicon-nl":
        return LexiconSystem()
    raise KeyError(name)


# -- a user's own files ------------------------------------------------------------------------


def _problem(file: str, en: str, nl: str, **where: Any) -> Problem:
    return Problem(Location(file=file, **where), Text(en=en, nl=nl))


def _target(goal: int, value: str) -> tuple[str | None, tuple[str, str] | None]:
    """A target of ``goal`` as written (``4.7``, ``4.a``) → its id, or the reason it is not one."""
    text = value.strip().lower().removeprefix("sdg").strip()
    if not text:
        return "", None
    if text not in targets():
        return None, (
            f"'{value}' is not an SDG target (targets are written like 4.7 or 14.a)",
            f"'{value}' is geen SDG-subdoel (subdoelen schrijf je als 4.7 of 14.a)",
        )
    if targets()[text].goal != goal:
        return None, (
            f"target {text} belongs to goal {targets()[text].goal}, not to goal {goal}",
            f"subdoel {text} hoort bij doel {targets()[text].goal}, niet bij doel {goal}",
        )
    return text, None


class _Terms(TokenParser):
    """Terms of a keyword list: words in order, with the wildcards ``*``, ``?`` and ``$``; no plurals."""

    words = re.compile(r"[a-z0-9*?$]+")
    wildcards = "*?$"

    def __init__(self, text: str):
        super().__init__(text, [])


def _term(text: str):
    return _Terms(text).phrase(text, 0, plural=False)


def _cell(cells: list[Any], column: int | None) -> str:
    if column is None or column >= len(cells) or cells[column] is None:
        return ""
    value = cells[column]
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def read_keyword_list(path: Path, shown: str, read: Callable[[Path], list] = read_rows) -> QuerySystem:
    """A keyword list (``goal, target, term, context``) as a query system; every bad row is a problem.

    ``read`` gives the file's rows (``(number, cells)``): the core's reader, or a context's, which
    also reads the formats of other plugins."""
    rows = [(number, cells) for number, cells in read(path) if any(_cell(cells, i) for i in range(len(cells)))]
    if not rows:
        raise StudyError([_problem(shown, "the keyword list is empty", "de trefwoordenlijst is leeg")])
    header_row, header = rows[0]
    names = [_cell(header, i).casefold() for i in range(len(header))]
    columns: dict[str, int | None] = {}
    for key, aliases in HEADERS.items():
        columns[key] = next((i for i, name in enumerate(names) if name in aliases), None)
    missing = [key for key in ("goal", "term") if columns[key] is None]
    if missing:
        found, found_nl = (format_list([n for n in names if n], lang) for lang in ("en", "nl"))
        raise StudyError(
            [
                _problem(
                    shown,
                    f"the keyword list needs the columns goal and term (optional: target, context); found: {found}",
                    f"de trefwoordenlijst heeft de kolommen goal (doel) en term nodig (optioneel: target/subdoel, "
                    f"context); gevonden: {found_nl}",
                    row=header_row,
                )
            ]
        )
    heading = {key: _cell(header, i) if i is not None else key for key, i in columns.items()}
    problems: list[Problem] = []
    queries = []
    for number, cells in rows[1:]:

        def bad(key: str, en: str, nl: str, number: int = number) -> None:
            problems.append(_problem(shown, en, nl, row=number, key=heading[key]))

        raw_goal = _cell(cells, columns["goal"])
        goal = parse_goal(raw_goal) if raw_goal else None
        if goal is None:
            bad(
                "goal",
                f"'{raw_goal}' is not an SDG (goals are numbered 1 to 17)"
                if raw_goal
                else "the goal is missing (a number 1 to 17)",
                f"'{raw_goal}' is geen SDG (de doelen zijn genummerd van 1 tot en met 17)"
                if raw_goal
                else "het doel ontbreekt (een nummer van 1 tot en met 17)",
            )
            continue
        target, why = _target(goal, _cell(cells, columns["target"]))
        if why:
            bad("target", *why)
        raw_term = _cell(cells, columns["term"])
        if not raw_term:
            bad("term", "the term is missing", "de term ontbreekt")
            continue
        try:
            tree = _term(raw_term)
        except QueryError as exc:
            bad("term", exc.en, exc.nl)
            continue
        raw_context = _cell(cells, columns["context"])
        if raw_context:
            try:
                context = [_term(part) for part in re.split(r"[|;]", raw_context) if part.strip()]
            except QueryError as exc:
                bad("context", exc.en, exc.nl)
                continue
            tree = And((tree, context[0] if len(context) == 1 else Or(tuple(context))))
        if target is not None:
            source = raw_term + (f" + [{raw_context}]" if raw_context else "")
            queries.append(Query(goal, target, f"{shown}:{number}", source, tree))
    if problems:
        raise StudyError(problems)
    if not queries:
        raise StudyError(
            [_problem(shown, "the keyword list holds no term", "de trefwoordenlijst bevat geen enkele term")]
        )
    return QuerySystem(shown, shown, tuple(queries), cite=True)


_ENTRY = re.compile(r"(?P<label>[^:#\s][^:]*?)\s*:(?P<rest>.*)")
_WOS_HINT = re.compile(r"\b(?:TS|TI|AB|AK|KP|SO|PY|ALL)\s*=|\bNEAR\b", re.IGNORECASE)


def _label(value: str) -> tuple[int | None, str]:
    """``4.7`` → (4, "4.7"); ``4`` or ``SDG 4`` → (4, ""); anything else → (None, "")."""
    text = value.strip().lower().removeprefix("sdg").strip()
    if text in targets():
        return targets()[text].goal, text
    return parse_goal(value), ""


def read_query_file(path: Path, shown: str) -> QuerySystem:
    """A query file: ``GOAL-OR-TARGET: query`` entries (indented lines continue one) in Scopus or WoS syntax."""
    from .scopus import compile_query
    from .wos import compile_wos

    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        raise StudyError(
            [_problem(shown, "the query file is not UTF-8 text", "het zoekvraagbestand is geen UTF-8-tekst")]
        ) from None
    lines = text.splitlines()
    syntax = None
    entries: list[tuple[int, str, list[str]]] = []  # first line, label, lines (label blanked out)
    problems: list[Problem] = []
    for number, line in enumerate(lines, start=1):
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            if entries:
                entries[-1][2].append("")  # keeps every later line of the query at its own line number
            continue
        if line[:1].isspace():
            if not entries:
                problems.append(
                    _problem(
                        shown,
                        "an indented line continues a query, but no query started above it (start a query "
                        "with GOAL-OR-TARGET: query)",
                        "een ingesprongen regel zet een zoekvraag voort, maar erboven begint er geen (begin een "
                        "zoekvraag met DOEL-OF-SUBDOEL: zoekvraag)",
                        line=number,
                        column=1,
                    )
                )
                continue
            entries[-1][2].append(line)
            continue
        found = _ENTRY.fullmatch(line)
        if found and found["label"].strip().lower() == "syntax":
            syntax = found["rest"].strip().lower()
            if syntax not in ("scopus", "wos"):
                problems.append(
                    _problem(
                        shown,
                        f"syntax must be scopus or wos, not '{syntax}'",
                        f"syntax moet scopus of wos zijn, niet '{syntax}'",
                        line=number,
                        column=found.start("rest") + 1 + len(found["rest"]) - len(found["rest"].lstrip()),
                    )
                )
            continue
        if not found:
            problems.append(
                _problem(
                    shown,
                    "a query starts with its goal or target and a colon: '4.7: \"global citizenship\"'",
                    "een zoekvraag begint met haar doel of subdoel en een dubbele punt: '4.7: \"global citizenship\"'",
                    line=number,
                    column=1,
                )
            )
            continue
        blank = " " * found.start("rest")
        entries.append((number, found["label"], [blank + found["rest"]]))
    if syntax is None:
        syntax = "wos" if _WOS_HINT.search(text) else "scopus"
    compile_ = compile_wos if syntax == "wos" else compile_query
    queries = []
    for first, label, body in entries:
        goal, target = _label(label)
        if goal is None:
            problems.append(
                _problem(
                    shown,
                    f"'{label}' is not an SDG or target (write 4, SDG 4 or 4.7)",
                    f"'{label}' is geen SDG of subdoel (schrijf 4, SDG 4 of 4.7)",
                    line=first,
                    column=1,
                )
            )
            continue
        source = "\n".join(body)
        try:
            tree = compile_(source)
        except QueryError as exc:
            problems.append(_problem(shown, exc.en, exc.nl, line=first + exc.line - 1, column=exc.column))
            continue
        queries.append(Query(goal, target, f"{shown}:{first}", " ".join(source.split()), tree))
    if problems:
        raise StudyError(problems)
    if not queries:
        raise StudyError(
            [_problem(shown, "the query file holds no query", "het zoekvraagbestand bevat geen zoekvraag")]
        )
    return QuerySystem(shown, shown, tuple(queries), cite=True)


def outside(base: Path, given: str) -> Text:
    root = base.resolve()
    return Text(
        en=f"query set '{given}' lies outside the study folder {root}; impactkit reads a study's files only "
        "inside its folder (copy the file into it)",
        nl=f"zoekvraagset '{given}' ligt buiten de studiemap {root}; impactkit leest de bestanden van een studie "
        "alleen binnen haar map (kopieer het bestand ernaartoe)",
    )


def unknown(given: str) -> Text:
    names = ", ".join(BUILTIN)
    return Text(
        en=f"'{given}' is not a query set: name one of {names}, or a keyword list (.csv, .xlsx) or query file in "
        "the study folder",
        nl=f"'{given}' is geen zoekvraagset: noem er een van {names}, of een trefwoordenlijst (.csv, .xlsx) of "
        "zoekvraagbestand in de studiemap",
    )


def load(
    given: str,
    base: Path,
    read: Callable[[Path], list] = read_rows,
    where: Location | None = None,
    *,
    inside: bool = True,
):
    """The system named ``given``: a shipped one, or a file relative to ``base`` (inside it, unless
    not ``inside``: a path given on the command line).

    ``where`` is where ``given`` was written (a line of the study file), for the messages."""
    name = given.strip()
    if name.casefold() in BUILTIN:
        return builtin(name.casefold())
    root = Path(base).resolve()
    path = Path(name)
    resolved = (path if path.is_absolute() else root / path).resolve()
    here = where or Location(file=name)
    if inside and not resolved.is_relative_to(root):
        raise StudyError([Problem(here, outside(root, name))])
    if not resolved.is_file():
        if not path.suffix:
            raise StudyError([Problem(here, unknown(name))])
        raise StudyError(
            [
                Problem(
                    here,
                    Text(
                        en=f"query set '{name}' does not exist in the study folder {root}",
                        nl=f"zoekvraagset '{name}' bestaat niet in de studiemap {root}",
                    ),
                )
            ]
        )
    shown = name
    if resolved.suffix.lower() in TABLE_SUFFIXES:
        return read_keyword_list(resolved, shown, read)
    return read_query_file(resolved, shown)

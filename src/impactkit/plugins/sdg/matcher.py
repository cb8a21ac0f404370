"""The matcher shared by every SDG query system: terms, boolean and proximity logic, and one index.

Query languages (Scopus in :mod:`.scopus`, Web of Science in :mod:`.wos`, keyword lists in
:mod:`.querysets`) are parsed into the same small syntax tree, whose leaves are *word patterns*
(strings, called keys here):

* ``school`` — the word, or its plain plural (*schools*, *schooles*, *policy* → *policies*): how
  Scopus reads a word without wildcard;
* ``=school`` — exactly the word (Web of Science and keyword lists: they write plurals with ``$``);
* a pattern with ``*`` (any number of characters), ``?`` (exactly one) or ``$`` (zero or one):
  ``equit*``, ``wom?n``, ``teacher$``, ``*forest*``.

Texts and queries are compared as words: lower case, accents removed, every character that is not
a letter or digit separates words (so ``"pre-school"`` is the phrase *pre school*).

**One index for many queries** (:class:`Index`), the automaton that makes mapping a corpus fast:
every word pattern of every query is put in hash tables (exact words and plurals, prefixes,
one-more-character stems, suffixes and infixes; anything else is a regular expression), and each
query is filed under a few patterns at least one of which must occur for it to be true (its
*triggers*, :func:`triggers`). For a text, each distinct word is looked up once (and remembered
for the next text), and only the queries whose triggers occur are evaluated, on the positions
found. The result is the same as evaluating every query on its own (``tests/sdg`` checks it).
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

Span = tuple[int, int]
_TOKEN = re.compile(r"[a-z0-9]+")
WILDCARDS = frozenset("*?$")


def fold(text: str) -> str:
    """Lower case, accents removed (``"Équité"`` → ``"equite"``)."""
    if text.isascii():
        return text.lower()
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()


def words(text: str) -> list[str]:
    """The words of a text as the matcher compares them."""
    return _TOKEN.findall(fold(text))


def plurals(word: str) -> tuple[str, ...]:
    """The plain plural forms Scopus also finds for a word without wildcard."""
    if not word.isalpha() or len(word) < 3:
        return ()
    forms = [word + "s", word + "es"]
    if word.endswith("y") and len(word) > 3:
        forms.append(word[:-1] + "ies")
    return tuple(forms)


def has_wildcard(key: str) -> bool:
    return any(ch in WILDCARDS for ch in key)


def pattern(key: str) -> re.Pattern[str]:
    """The regular expression of a word pattern with wildcards."""
    out = []
    for ch in key:
        out.append({"*": "[a-z0-9]*", "?": "[a-z0-9]", "$": "[a-z0-9]?"}.get(ch) or re.escape(ch))
    return re.compile("".join(out))


def key_matches(key: str, token: str) -> bool:
    """Whether one word of a text matches one word pattern (the slow, obviously right way)."""
    if has_wildcard(key):
        return pattern(key).fullmatch(token) is not None
    if key.startswith("="):
        return token == key[1:]
    return token == key or token in plurals(key)


# -- documents ---------------------------------------------------------------------------------


class Document:
    """A text, tokenised once; every word pattern looked up once (``positions``)."""

    __slots__ = ("tokens", "_where", "_vocab", "_cache")

    def __init__(self, text: str, tokens: list[str] | None = None):
        self.tokens = words(text) if tokens is None else tokens
        where: dict[str, list[int]] = {}
        for i, token in enumerate(self.tokens):
            where.setdefault(token, []).append(i)
        self._where = where
        self._vocab: list[str] | None = None
        self._cache: dict[str, tuple[int, ...]] = {}

    def positions(self, key: str) -> tuple[int, ...]:
        """Where a word pattern occurs, in order."""
        hit = self._cache.get(key)
        if hit is not None:
            return hit
        where = self._where
        if has_wildcard(key):
            if self._vocab is None:
                self._vocab = sorted(where)
            vocab = self._vocab
            if key.endswith("*") and not has_wildcard(key[:-1]):
                stem = key[:-1]
                found: list[int] = []
                i = bisect_left(vocab, stem)
                while i < len(vocab) and vocab[i].startswith(stem):
                    found.extend(where[vocab[i]])
                    i += 1
            else:
                regex = pattern(key)
                found = [p for token in vocab if regex.fullmatch(token) for p in where[token]]
        elif key.startswith("="):
            found = list(where.get(key[1:], ()))
        else:
            found = list(where.get(key, ()))
            for form in plurals(key):
                found.extend(where.get(form, ()))
        result = tuple(sorted(found))
        self._cache[key] = result
        return result


class IndexedDocument:
    """A text whose word patterns were all looked up at once by an :class:`Index`."""

    __slots__ = ("tokens", "_positions", "present", "memo")

    def __init__(self, tokens: list[str], positions: dict[str, list[int]]):
        self.tokens = tokens
        self._positions = positions
        self.present = frozenset(positions)
        self.memo: dict[int, tuple[bool | None, tuple[Span, ...]]] = {}
        """Results of the (shared) term lists already evaluated on this text, by node."""

    def positions(self, key: str) -> Sequence[int]:
        return self._positions.get(key, ())


# -- the syntax tree ---------------------------------------------------------------------------
# eval(doc) returns (value, spans): value True / False / None (unknown); spans are the word
# spans that made it true (used for proximity, and to show which words triggered a match).


@dataclass(frozen=True)
class Phrase:
    """Words in this order, next to each other (one word: that word)."""

    words: tuple[str, ...]

    def eval(self, doc) -> tuple[bool | None, tuple[Span, ...]]:
        first = doc.positions(self.words[0])
        if len(self.words) == 1 or not first:
            spans = tuple((p, p) for p in first)
            return bool(spans), spans
        rest = []
        for w in self.words[1:]:
            found = doc.positions(w)
            if not found:
                return False, ()
            rest.append(set(found))
        spans = tuple((p, p + len(rest)) for p in first if all(p + k + 1 in where for k, where in enumerate(rest)))
        return bool(spans), spans

    def test(self, doc) -> bool | None:
        if len(self.words) == 1:
            return bool(doc.positions(self.words[0]))
        return self.eval(doc)[0]

    def keys(self) -> Iterable[str]:
        return self.words


@dataclass(frozen=True)
class Unknown:
    """A clause on a field that a plain text does not have (a journal, a year, an affiliation)."""

    source: str

    def eval(self, doc) -> tuple[bool | None, tuple[Span, ...]]:
        return None, ()

    def test(self, doc) -> bool | None:
        return None

    def keys(self) -> Iterable[str]:
        return ()


@dataclass(frozen=True)
class Or:
    """Any of the parts. Long lists of terms (country names, synonyms) are checked by set
    intersection with the words an :class:`Index` found, not one by one."""

    parts: tuple

    def __post_init__(self) -> None:
        if any(isinstance(part, Or) for part in self.parts):  # (a OR (b OR c)) is (a OR b OR c)
            flat = tuple(p for part in self.parts for p in (part.parts if isinstance(part, Or) else (part,)))
            object.__setattr__(self, "parts", flat)
        singles: set[str] = set()
        gated: dict[str, list[int]] = {}
        always: list[int] = []
        needs: dict[int, tuple[frozenset[str], ...]] = {}
        for i, part in enumerate(self.parts):
            if isinstance(part, Phrase) and len(part.words) == 1:
                singles.add(part.words[0])
                continue
            found = requirements(part) if is_pure(part) else None
            if not found:
                always.append(i)  # may be unknown, or never true: evaluated each time
                continue
            needs[i] = found[1:]
            for key in found[0]:
                gated.setdefault(key, []).append(i)
        keys = frozenset(singles | gated.keys())
        plan = (frozenset(singles), keys, {k: tuple(v) for k, v in gated.items()}, tuple(always), needs)
        object.__setattr__(self, "_plan", plan)
        object.__setattr__(self, "_hash", hash(self.parts))

    def __hash__(self) -> int:
        return self._hash

    def eval(self, doc) -> tuple[bool | None, tuple[Span, ...]]:
        if not isinstance(doc, IndexedDocument):
            return self._eval_each(doc)
        known = doc.memo.get(id(self))
        if known is not None:
            return known
        doc.memo[id(self)] = result = self._eval_indexed(doc)
        return result

    def _eval_indexed(self, doc: IndexedDocument) -> tuple[bool | None, tuple[Span, ...]]:
        singles, keys, gated, always, needs = self._plan
        found = doc._positions
        present = doc.present
        hit = keys.intersection(present) if len(keys) < len(present) else present.intersection(keys)
        if not hit and not always:
            return False, ()
        spans: list[Span] = []
        parts: set[int] = set()
        for key in hit:
            if key in singles:
                spans.extend((p, p) for p in found[key])
            if gated:
                ids = gated.get(key)
                if ids:
                    parts.update(ids)
        if not parts and not always:
            return bool(spans), tuple(sorted(set(spans)))
        parts = {i for i in parts if all(not need.isdisjoint(present) for need in needs[i])}
        parts.update(always)
        value: bool | None = bool(spans)
        for i in sorted(parts):
            v, s = self.parts[i].eval(doc)
            if v:
                value = True
                spans.extend(s)
            elif v is None and value is False:
                value = None
        return value, tuple(sorted(set(spans)))

    def test(self, doc) -> bool | None:
        """Whether any part is true (``None``: unknown), without the spans: what ``And`` and ``NOT`` need."""
        if not isinstance(doc, IndexedDocument):
            return self._eval_each(doc)[0]
        known = doc.memo.get(id(self))
        if known is not None:
            return known[0]
        singles, keys, gated, always, needs = self._plan
        present = doc.present
        if singles and not singles.isdisjoint(present):
            return True
        value: bool | None = False
        if gated:
            hit = keys.intersection(present) if len(keys) < len(present) else present.intersection(keys)
            parts: set[int] = set()
            for key in hit:
                ids = gated.get(key)
                if ids:
                    parts.update(ids)
            for i in sorted(parts):
                if all(not need.isdisjoint(present) for need in needs[i]):
                    v = self.parts[i].test(doc)
                    if v:
                        return True
                    if v is None:
                        value = None
        for i in always:
            v = self.parts[i].test(doc)
            if v:
                return True
            if v is None:
                value = None
        return value

    def _eval_each(self, doc) -> tuple[bool | None, tuple[Span, ...]]:
        value: bool | None = False
        spans: list[Span] = []
        for part in self.parts:
            v, s = part.eval(doc)
            if v:
                value = True
                spans.extend(s)
            elif v is None and value is False:
                value = None
        return value, tuple(sorted(set(spans)))

    def keys(self) -> Iterable[str]:
        for part in self.parts:
            yield from part.keys()


def is_pure(node) -> bool:
    """Whether a tree has no unknown clause, so that it is either true or false, never unknown."""
    if isinstance(node, Unknown):
        return False
    if isinstance(node, Phrase):
        return True
    if isinstance(node, (Or, And)):
        return all(map(is_pure, node.parts))
    return is_pure(node.left) and is_pure(node.right)


@dataclass(frozen=True)
class And:
    parts: tuple

    def eval(self, doc) -> tuple[bool | None, tuple[Span, ...]]:
        value: bool | None = True
        spans: list[Span] = []
        for part in self.parts:
            v, s = part.eval(doc)
            if v is False:
                return False, ()
            if v is None:
                value = None
            spans.extend(s)
        return value, tuple(sorted(set(spans))) if value else ()

    def test(self, doc) -> bool | None:
        value: bool | None = True
        for part in self.parts:
            v = part.test(doc)
            if v is False:
                return False
            if v is None:
                value = None
        return value

    def keys(self) -> Iterable[str]:
        for part in self.parts:
            yield from part.keys()


@dataclass(frozen=True)
class AndNot:
    """``left AND NOT right`` (Scopus), ``left NOT right`` (Web of Science)."""

    left: object
    right: object

    def eval(self, doc) -> tuple[bool | None, tuple[Span, ...]]:
        v, spans = self.left.eval(doc)
        if v is False:
            return False, ()
        w, _ = self.right.eval(doc)
        if w is True:
            return False, ()
        if v is None or w is None:
            return None, ()
        return True, spans

    def test(self, doc) -> bool | None:
        v = self.left.test(doc)
        if v is False:
            return False
        w = self.right.test(doc)
        if w is True:
            return False
        return None if v is None or w is None else True

    def keys(self) -> Iterable[str]:
        yield from self.left.keys()
        yield from self.right.keys()


@dataclass(frozen=True)
class Near:
    """Both sides within ``distance`` words of each other (words in between), either order unless ``ordered``."""

    left: object
    right: object
    distance: int
    ordered: bool

    def eval(self, doc) -> tuple[bool | None, tuple[Span, ...]]:
        v, left = self.left.eval(doc)
        if v is False:
            return False, ()
        w, right = self.right.eval(doc)
        if w is False:
            return False, ()
        if v is None or w is None:
            return None, ()
        n = self.distance
        spans = []
        for a in left:
            for b in right:
                if b[0] > a[1] and b[0] - a[1] - 1 <= n:
                    spans.append((a[0], b[1]))
                elif not self.ordered and a[0] > b[1] and a[0] - b[1] - 1 <= n:
                    spans.append((b[0], a[1]))
        return bool(spans), tuple(sorted(set(spans)))

    def test(self, doc) -> bool | None:
        return self.eval(doc)[0]

    def keys(self) -> Iterable[str]:
        yield from self.left.keys()
        yield from self.right.keys()


def matched_words(tokens: Sequence[str], spans: Iterable[Span]) -> tuple[str, ...]:
    """The words of the text that made a query true, each once, in order of position."""
    return tuple(dict.fromkeys(" ".join(tokens[start : end + 1]) for start, end in spans))


def evaluate(node, doc) -> tuple[bool, tuple[str, ...]]:
    """Whether a syntax tree is true for a document, and the words that made it true."""
    value, spans = node.eval(doc)
    if value is not True:
        return False, ()
    return True, matched_words(doc.tokens, spans)


# -- triggers ----------------------------------------------------------------------------------


def _cost(keys: frozenset[str]) -> float:
    """How often a set of patterns is expected to occur: more and shorter patterns occur more."""
    total = 0.0
    for key in keys:
        core = key.strip("=*?$")
        total += 1.0 + 4.0 / max(1, len(core)) + (2.0 if key.endswith("*") else 0.0)
    return total


def triggers(node) -> frozenset[str] | None:
    """Patterns at least one of which must occur for ``node`` to be true; ``None``: it is never true."""
    if isinstance(node, Phrase):
        return frozenset([max(node.words, key=lambda w: len(w.strip("=*?$")))])
    if isinstance(node, Unknown):
        return None
    if isinstance(node, Or):
        found = [t for t in map(triggers, node.parts) if t is not None]
        return frozenset().union(*found) if found else None
    if isinstance(node, AndNot):
        return triggers(node.left)
    if isinstance(node, (And, Near)):
        parts = [node.left, node.right] if isinstance(node, Near) else list(node.parts)
        found = [triggers(part) for part in parts]
        if any(t is None for t in found):
            return None
        return min(found, key=_cost)
    raise TypeError(f"not a query node: {node!r}")


def requirements(node) -> tuple[frozenset[str], ...] | None:
    """Sets of patterns of which each must have one occurring for ``node`` to be true (``None``: never true).

    Finer than :func:`triggers`: ``"a" AND ("b" OR "c")`` requires ``{a}`` and ``{b, c}``.
    """
    if isinstance(node, Phrase):
        return tuple(frozenset([w]) for w in dict.fromkeys(node.words))
    if isinstance(node, Unknown):
        return None
    if isinstance(node, Or):
        found = triggers(node)
        return None if found is None else (found,)
    if isinstance(node, AndNot):
        return requirements(node.left)
    parts = [node.left, node.right] if isinstance(node, Near) else list(node.parts)
    out: list[frozenset[str]] = []
    for part in parts:
        found = requirements(part)
        if found is None:
            return None
        out.extend(found)
    return tuple(sorted(set(out), key=_cost))


# -- the index ---------------------------------------------------------------------------------


def canonical(node, shared: dict):
    """``node`` with every term list that occurs more than once made one object, so that a text
    evaluates it once (:attr:`IndexedDocument.memo`); the same tree otherwise."""
    if isinstance(node, Or):
        node = Or(tuple(canonical(part, shared) for part in node.parts))
    elif isinstance(node, And):
        node = And(tuple(canonical(part, shared) for part in node.parts))
    elif isinstance(node, AndNot):
        node = AndNot(canonical(node.left, shared), canonical(node.right, shared))
    elif isinstance(node, Near):
        node = Near(canonical(node.left, shared), canonical(node.right, shared), node.distance, node.ordered)
    return shared.setdefault(node, node) if isinstance(node, Or) else node


class Index:
    """Many query trees, looked up together (see the module's docstring)."""

    MEMO_LIMIT = 500_000

    def __init__(self, trees: Sequence):
        shared: dict = {}
        self.trees = tuple(canonical(tree, shared) for tree in trees)
        self.never: tuple[int, ...] = ()
        by_key: dict[str, list[int]] = {}
        never = []
        keys: set[str] = set()
        needs: list[tuple[frozenset[str], ...]] = []
        for i, tree in enumerate(self.trees):
            keys.update(tree.keys())
            found = requirements(tree)
            needs.append(found[1:] if found else ())
            if not found:
                never.append(i)
                continue
            for key in found[0]:
                by_key.setdefault(key, []).append(i)
        self.never = tuple(never)
        self._needs = tuple(needs)
        self._by_key = {key: tuple(ids) for key, ids in by_key.items()}
        exact: dict[str, list[str]] = {}
        prefix: dict[str, list[str]] = {}
        one_more: dict[str, list[str]] = {}  # "teacher$": the stem plus one character
        suffix: dict[str, list[str]] = {}  # "*tidal"
        infix: list[tuple[str, str]] = []  # "*forest*"
        regexes: list[tuple[re.Pattern[str], str]] = []
        for key in sorted(keys):
            core = key[1:] if key.startswith("=") else key
            if not has_wildcard(core):
                for form in (core,) if key.startswith("=") else (core, *plurals(core)):
                    exact.setdefault(form, []).append(key)
            elif core.endswith("*") and not has_wildcard(core[:-1]):
                prefix.setdefault(core[:-1], []).append(key)
            elif core.endswith("$") and not has_wildcard(core[:-1]):
                exact.setdefault(core[:-1], []).append(key)
                one_more.setdefault(core[:-1], []).append(key)
            elif core.startswith("*") and not has_wildcard(core[1:]):
                suffix.setdefault(core[1:], []).append(key)
            elif core.startswith("*") and core.endswith("*") and not has_wildcard(core[1:-1]):
                infix.append((core[1:-1], key))
            else:
                regexes.append((pattern(core), key))
        self._exact = {k: tuple(v) for k, v in exact.items()}
        self._prefix = {k: tuple(v) for k, v in prefix.items()}
        self._prefix_lengths = tuple(sorted({len(k) for k in prefix}))
        self._one_more = {k: tuple(v) for k, v in one_more.items()}
        self._suffix = {k: tuple(v) for k, v in suffix.items()}
        self._infix = tuple(infix)
        self._regexes = tuple(regexes)
        self._memo: dict[str, tuple[str, ...]] = {}

    def keys_of(self, token: str) -> tuple[str, ...]:
        """Every word pattern of the index that one word of a text matches (remembered)."""
        found = self._memo.get(token)
        if found is not None:
            return found
        out: list[str] = list(self._exact.get(token, ()))
        for k in self._prefix_lengths:
            if k > len(token):
                break
            out.extend(self._prefix.get(token[:k], ()))
        if len(token) > 1:
            out.extend(self._one_more.get(token[:-1], ()))
        if self._suffix:
            for k in range(len(token)):
                out.extend(self._suffix.get(token[k:], ()))
        for needle, key in self._infix:
            if needle in token:
                out.append(key)
        for regex, key in self._regexes:
            if regex.fullmatch(token):
                out.append(key)
        result = tuple(dict.fromkeys(out))
        if len(self._memo) >= self.MEMO_LIMIT:
            self._memo.clear()
        self._memo[token] = result
        return result

    def document(self, text: str) -> IndexedDocument:
        tokens = words(text)
        positions: dict[str, list[int]] = {}
        keys_of = self.keys_of
        for i, token in enumerate(tokens):
            for key in keys_of(token):
                found = positions.get(key)
                if found is None:
                    positions[key] = [i]
                else:
                    found.append(i)
        return IndexedDocument(tokens, positions)

    def candidates(self, doc: IndexedDocument) -> list[int]:
        """The queries whose triggers occur in the document, in index order."""
        by_key = self._by_key
        found: set[int] = set()
        for key in doc._positions:
            ids = by_key.get(key)
            if ids:
                found.update(ids)
        present = doc.present
        needs = self._needs
        return sorted(i for i in found if all(not need.isdisjoint(present) for need in needs[i]))

    def matches(self, text: str) -> list[tuple[int, tuple[str, ...]]]:
        """``(query number, matched words)`` for every query true for ``text``, in index order."""
        doc = self.document(text)
        out = []
        trees = self.trees
        for i in self.candidates(doc):
            if trees[i].test(doc) is True:  # the words that matched only for the queries that do
                out.append((i, evaluate(trees[i], doc)[1]))
        return out

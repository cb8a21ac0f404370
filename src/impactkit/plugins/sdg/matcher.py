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

import codecs
import os
import re
import sys
import unicodedata
from bisect import bisect_left
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import chain
from typing import Any

Span = tuple[int, int]
WILDCARDS = frozenset("*?$")


class _Marks(dict):
    """``str.translate`` table that drops combining marks (accents), learning each character once."""

    def __missing__(self, code: int) -> int | None:
        self[code] = found = None if unicodedata.combining(chr(code)) else code
        return found


_MARKS = _Marks()


def fold(text: str) -> str:
    """Lower case, accents removed (``"Équité"`` → ``"equite"``)."""
    if text.isascii():
        return text.lower()
    decomposed = unicodedata.normalize("NFKD", text)
    if decomposed.isascii():
        return decomposed.lower()
    return decomposed.translate(_MARKS).casefold()


_WORD_BYTES = bytes(c if 97 <= c <= 122 or 48 <= c <= 57 else 32 for c in range(256))
"""Every byte that is not ``a``–``z`` or ``0``–``9`` a space."""


_NOT_WORD = re.compile(r"[^a-z0-9]")


class _Runs(dict):
    """A run of characters that are not ASCII → its :func:`fold`, with every character that is not
    ``a``–``z`` or ``0``–``9`` a space (so ASCII), learned once (up to :data:`_RUNS_KEPT` runs)."""

    def __missing__(self, run: str) -> str:
        folded = _NOT_WORD.sub(" ", fold(run))
        if len(self) >= _RUNS_KEPT:
            self.clear()
        self[run] = folded
        return folded


_RUNS_KEPT = 50_000
_RUNS = _Runs()
_FOLD_ERRORS = "impactkit-sdg-fold"
"""The codec error handler that writes a run of other characters in ASCII (:class:`_Runs`)."""


def _fold_run(error: UnicodeError) -> tuple[str | bytes, int]:
    if not isinstance(error, UnicodeEncodeError):  # registered for encoding only
        raise error
    return _RUNS[error.object[error.start : error.end]], error.end


codecs.register_error(_FOLD_ERRORS, _fold_run)


def words(text: str) -> list[str]:
    """The words of a text as the matcher compares them: the runs of letters and digits of
    :func:`fold`, found by a byte table and a split (the same words as the regular expression,
    faster). In a text that is not all ASCII (accents, curly quotes, dashes), each run of other
    characters is written in ASCII by its fold as the text is encoded: folding keeps ASCII as it is
    (lower case aside) and works on each character by itself, so the runs fold apart as they do
    together."""
    if text.isascii():
        return text.lower().encode("ascii").translate(_WORD_BYTES).decode("ascii").split()
    return text.encode("ascii", _FOLD_ERRORS).lower().translate(_WORD_BYTES).decode("ascii").split()


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


# -- the syntax tree ---------------------------------------------------------------------------
# eval(doc) returns (value, spans): value True / False / None (unknown); spans are the word
# spans that made it true (used for proximity, and to show which words triggered a match).


@dataclass(frozen=True)
class Phrase:
    """Words in this order, next to each other (one word: that word)."""

    words: tuple[str, ...]

    def __reduce__(self) -> tuple:  # pickled by its fields, as the compiled matcher needs (see the end)
        return Phrase, (self.words,)

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

    def keys(self) -> Iterable[str]:
        return self.words


@dataclass(frozen=True)
class Unknown:
    """A clause on a field that a plain text does not have (a journal, a year, an affiliation)."""

    source: str

    def __reduce__(self) -> tuple:
        return Unknown, (self.source,)

    def eval(self, doc) -> tuple[bool | None, tuple[Span, ...]]:
        return None, ()

    def keys(self) -> Iterable[str]:
        return ()


@dataclass(frozen=True)
class Or:
    """Any of the parts."""

    parts: tuple

    def __post_init__(self) -> None:
        if any(isinstance(part, Or) for part in self.parts):  # (a OR (b OR c)) is (a OR b OR c)
            flat = tuple(p for part in self.parts for p in (part.parts if isinstance(part, Or) else (part,)))
            object.__setattr__(self, "parts", flat)

    def __reduce__(self) -> tuple:
        return Or, (self.parts,)

    def eval(self, doc) -> tuple[bool | None, tuple[Span, ...]]:
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

    def __reduce__(self) -> tuple:
        return And, (self.parts,)

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

    def keys(self) -> Iterable[str]:
        for part in self.parts:
            yield from part.keys()


@dataclass(frozen=True)
class AndNot:
    """``left AND NOT right`` (Scopus), ``left NOT right`` (Web of Science)."""

    left: Any
    right: Any

    def __reduce__(self) -> tuple:
        return AndNot, (self.left, self.right)

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

    def keys(self) -> Iterable[str]:
        yield from self.left.keys()
        yield from self.right.keys()


@dataclass(frozen=True)
class Near:
    """Both sides within ``distance`` words of each other (words in between), either order unless ``ordered``."""

    left: Any
    right: Any
    distance: int
    ordered: bool

    def __reduce__(self) -> tuple:
        return Near, (self.left, self.right, self.distance, self.ordered)

    def eval(self, doc) -> tuple[bool | None, tuple[Span, ...]]:
        v, left = self.left.eval(doc)
        if v is False:
            return False, ()
        w, right = self.right.eval(doc)
        if w is False:
            return False, ()
        if v is None or w is None:
            return None, ()
        spans = near_spans(left, right, self.distance, self.ordered)
        return bool(spans), spans

    def keys(self) -> Iterable[str]:
        yield from self.left.keys()
        yield from self.right.keys()


def near_spans(left: Iterable[Span], right: Sequence[Span], n: int, ordered: bool) -> tuple[Span, ...]:
    """The spans where a span of ``left`` and one of ``right`` lie within ``n`` words of each other
    (words in between; ``ordered``: ``left`` first)."""
    spans = []
    for a in left:
        for b in right:
            if b[0] > a[1] and b[0] - a[1] - 1 <= n:
                spans.append((a[0], b[1]))
            elif not ordered and a[0] > b[1] and a[0] - b[1] - 1 <= n:
                spans.append((b[0], a[1]))
    return tuple(sorted(set(spans)))


def matched_words(tokens: Sequence[str], spans: Iterable[Span]) -> tuple[str, ...]:
    """The words of the text that made a query true, each once, in order of position."""
    return tuple(dict.fromkeys(" ".join(tokens[start : end + 1]) for start, end in spans))


def evaluate(node, doc) -> tuple[bool, tuple[str, ...]]:
    """Whether a syntax tree is true for a document, and the words that made it true."""
    value, spans = node.eval(doc)
    if value is not True:
        return False, ()
    return True, matched_words(doc.tokens, spans)


# -- the compiled index ------------------------------------------------------------------------
# A system's queries are compiled together (see the module's docstring). Every distinct phrase of
# every query is a *leaf* with a bit; a text's leaves found by one scan make one integer ``m``.
# Each node's truth is a Python expression over ``m`` (term lists become one ``m & MASK``), the
# expressions of a system are compiled into functions once, and the words a query matched (and
# proximity, which needs positions) are worked out only for the nodes that are true.

_TRUE, _FALSE = "True", "False"
_FEW = 3  # up to this many phrases are looked up in a dict; more are one mask over ``m``


def _any_of(parts: Sequence[str]) -> str:
    kept = list(dict.fromkeys(p for p in parts if p != _FALSE))
    if _TRUE in kept:
        return _TRUE
    return _FALSE if not kept else kept[0] if len(kept) == 1 else "(" + " or ".join(kept) + ")"


def _all_of(parts: Sequence[str]) -> str:
    kept = list(dict.fromkeys(p for p in parts if p != _TRUE))
    if _FALSE in kept:
        return _FALSE
    return _TRUE if not kept else kept[0] if len(kept) == 1 else "(" + " and ".join(kept) + ")"


def _any_leaf(leaves: Sequence[int]) -> str:
    """Whether one of ``leaves`` was found: a few by their numbers in ``f`` (the leaves found),
    many at once as a mask of ``m``."""
    leaves = sorted(set(leaves))
    if len(leaves) <= _FEW:
        return "(" + " or ".join(f"{leaf} in f" for leaf in leaves) + ")"
    mask = sum(1 << leaf for leaf in leaves)
    return f"(m & {hex(mask)})"


def _every_leaf(leaves: Sequence[int]) -> str:
    leaves = sorted(set(leaves))
    if len(leaves) <= _FEW:
        return "(" + " and ".join(f"{leaf} in f" for leaf in leaves) + ")"
    mask = sum(1 << leaf for leaf in leaves)
    return f"(m & {hex(mask)} == {hex(mask)})"


def _not(expr: str) -> str:
    return _FALSE if expr == _TRUE else _TRUE if expr == _FALSE else f"(not {expr})"


def _spread_lines(var: str, n: int) -> list[str]:
    """Python lines that spread the bits of ``var`` up by 0, 1, … ``n`` places, together (the
    positions at most ``n`` words after those of ``var``): doubling widths, for a known ``n``."""
    lines = []
    width = 1
    while width * 2 <= n + 1:
        lines.append(f"{var} |= {var} << {width}")
        width *= 2
    if width <= n:
        lines.append(f"{var} |= {var} << {n + 1 - width}")
    return lines


_CHAIN = 8
"""Up to this many phrases of a list are looked up one by one (``g(leaf, 0)``); more through their mask of ``m``."""


def _phrase_lines(plan: dict[int, int], name: str) -> tuple[list[str], list[tuple[int, str]]]:
    """Python lines over ``m``, ``f`` and ``g = f.get`` that find where the phrases of ``plan``
    (leaf → words after the first) start, one variable per length: the lines, and (words after
    the first, variable) for each."""
    by_extra: dict[int, list[int]] = {}
    for leaf, extra in sorted(plan.items()):
        by_extra.setdefault(extra, []).append(leaf)
    lines: list[str] = []
    out = []
    for j, (extra, leaves) in enumerate(sorted(by_extra.items())):
        var = f"{name}{j}"
        if len(leaves) <= _CHAIN:
            lines.append(f"{var} = " + " | ".join(f"g({leaf}, 0)" for leaf in leaves))
        else:
            lines += [
                f"h = m & {hex(sum(1 << leaf for leaf in leaves))}",
                f"{var} = 0",
                "while h:",
                "    t = h.bit_length() - 1",
                f"    {var} |= f[t]",
                "    h ^= 1 << t",
            ]
        out.append((extra, var))
    return lines, out


def _positions(bits: int) -> list[int]:
    """The positions set in ``bits``, in order."""
    out = []
    while bits:
        low = bits & -bits
        out.append(low.bit_length() - 1)
        bits ^= low
    return out


def _near_groups(left: dict[int, int], right: dict[int, int], n: int, ordered: bool) -> dict[int, int]:
    """The spans of a true NEAR from its sides' (:meth:`_Scan.grouped`): a span of one side, then
    within ``n`` words one of the other, from the first word of the one to the last word of the
    other."""
    window = (1 << (n + 1)) - 1
    out: dict[int, int] = {}
    for first, then in ((left, right),) if ordered else ((left, right), (right, left)):
        for extra_a, starts_a in first.items():
            for extra_b, starts_b in then.items():
                later = starts_b >> (extra_a + 1)  # moved onto the first words of ``first``
                starts = starts_a
                while starts:  # each first word: the spans of ``then`` within reach
                    low = starts & -starts
                    starts ^= low
                    gaps = (later >> (low.bit_length() - 1)) & window
                    while gaps:
                        one = gaps & -gaps
                        extra = extra_a + one.bit_length() + extra_b  # + 1 + the gap
                        out[extra] = out.get(extra, 0) | low
                        gaps ^= one
    return out


class _Entry:
    """What one word of a text means to an :class:`Index` (:meth:`Index._entry`, remembered per word).

    ``mask`` and ``singles``: the one-word leaves it is; ``queries``: those they wake; ``following``:
    the longer leaves it may start, by their second word pattern (each with the word patterns after
    that); ``keys``: its word patterns. A word may go on a phrase that the word before it starts
    only when ``starts_with`` of the one and ``goes_on`` of the other share a bit (signatures of the
    second word patterns of the phrases it starts, and of its word patterns that go on a phrase)."""

    __slots__ = ("mask", "singles", "following", "keys", "queries", "goes_on", "starts_with")

    def __init__(
        self,
        mask: int,
        singles: tuple[int, ...],
        following: dict[str, tuple[tuple[int, tuple[str, ...]], ...]],
        keys: frozenset[str],
        queries: tuple[int, ...],
        goes_on: int,
        starts_with: int,
    ):
        self.mask = mask
        self.singles = singles
        self.following = following
        self.keys = keys
        self.queries = queries
        self.goes_on = goes_on
        self.starts_with = starts_with


_NOTHING = _Entry(0, (), {}, frozenset(), (), 0, 0)
"""A word no word pattern of the index matches."""


class _Scan:
    """One text as an :class:`Index` sees it: its words, the leaves found (``m``, and per leaf the
    positions it starts at, as the bits of an integer), and what was worked out so far.

    Spans are kept as sets of positions too: a node's spans grouped by their length (words after
    the first → the bits of their first words, :meth:`grouped`), exactly the spans
    :meth:`Near.eval` and the others list. Proximity is *tested* on the first and the last words of
    the sides' spans (:meth:`edges`): a span of the right side starts within ``n`` words after a
    span of the left side ends when ``right_starts & spread(left_ends << 1, n)`` is not 0; the spans
    of a NEAR are worked out only for a NEAR around it or for the words a query matched."""

    __slots__ = ("tokens", "m", "found", "nears", "edged", "spanned", "index")

    def __init__(self, index: Index, tokens: list[str], m: int, found: dict[int, int]):
        self.index = index
        self.tokens = tokens
        self.m = m
        self.found = found
        self.nears: dict[int, bool] = {}
        self.edged: dict[int, tuple[int, int]] = {}  # by the number of the side
        self.spanned: dict[int, dict[int, int]] = {}  # by the number of the node's span function

    def near(self, k: int) -> bool:
        """Whether proximity node ``k`` is true; asked only once both its sides are true."""
        found = self.nears.get(k)
        if found is None:
            test = self.index._near_functions[k] or self.index._near_function(k)
            found = self.nears[k] = test(self.m, self.found, self)
        return found

    def side(self, k: int) -> tuple[int, int]:
        """:meth:`edges` of side ``k`` of a NEAR that is more than a list of phrases (worked out once)."""
        edges = self.edged.get(k)
        if edges is None:
            edges = self.edged[k] = self.edges(self.index._side_nodes[k])
        return edges

    def edges(self, node) -> tuple[int, int]:
        """The first words and the last words of the spans of a true ``node``, as bits."""
        starts = ends = 0
        for extra, bits in self.grouped(node).items():
            starts |= bits
            ends |= bits << extra
        return starts, ends

    def grouped(self, node) -> dict[int, int]:
        """The spans of a true ``node`` by their length: words after the first → first words
        (:meth:`Index._span_number`: compiled per node, worked out once per text)."""
        index = self.index
        j = index._span_ids.get(id(node))
        if j is None:
            j = index._span_number(node)
        found = self.spanned.get(j)
        if found is None:
            found = self.spanned[j] = index._span_functions[j](self.m, self.found, self)
        return found

    def spans(self, node) -> list[Span]:
        """The word spans that make a true ``node`` true, in order (as :meth:`Or.eval` and the
        others give them, each once)."""
        return sorted((p, p + extra) for extra, bits in self.grouped(node).items() for p in _positions(bits))


class Index:
    """Many query trees, compiled together (see the module's docstring); :meth:`matches` gives the
    same result as :func:`evaluate` on each tree."""

    MEMO_LIMIT = 500_000

    def __init__(self, trees: Sequence):
        shared: dict = {}
        self.trees = tuple(_canonical(tree, shared) for tree in trees)
        self._true: dict[int, str] = {}
        self._leaves: dict[tuple[str, ...], int] = {}
        self._nears: dict[Near, int] = {}
        self._near_nodes: list[Near] = []
        self._near_plans: list[tuple] = []
        self._side_plans: dict[int, object] = {}
        self._pure: dict[int, bool] = {}
        self._span_ids: dict[int, int] = {}
        self._span_functions: list = []
        self._span_namespace: dict = {"_near_groups": _near_groups}
        self._tests: dict[int, object] = {}
        self._near_by_id: dict[int, int] = {}
        self._side_nodes: list = []
        self._near_functions: list = []
        self._compiled = False
        # the caches keyed by id() hold nodes of self.trees, which live as long as the index
        self._number_leaves()
        planned = [self._expression(tree) for tree in self.trees]
        expressions = [expr for _, expr in planned]
        self._first_leaves = tuple(
            tuple(_bits_of(first)) if 0 < first.bit_count() <= _FEW else () for first, _ in planned
        )
        self._first_masks = tuple(first if first.bit_count() > _FEW else 0 for first, _ in planned)
        """A query's first test, made here (:meth:`_first_holds`) before its function is called: of
        the other masks it needs, the one least expected (its leaves if few, else the mask; none: 0)."""
        sources = [f"def q{i}(m, f, d):\n    return {expr}\n" for i, expr in enumerate(expressions)]
        namespace: dict = {}
        exec(compile("\n".join(sources) or "pass", "<sdg queries>", "exec"), namespace)
        self._functions = tuple(namespace[f"q{i}"] for i in range(len(self.trees)))
        """Query ``i``'s truth for a text that has one of the leaves that wake it (only those are asked)."""
        self.never = tuple(i for i, expr in enumerate(expressions) if expr == _FALSE)
        self._near_functions = [None] * len(self._near_plans)  # compiled when first asked
        self._compiled = True
        self._bits = tuple(1 << leaf for leaf in range(len(self._leaves)))
        self._build_scan_tables()
        self._memo: dict[str, _Entry] = {}

    # -- compiling -----------------------------------------------------------------------------

    def _number_leaves(self) -> None:
        """Number the phrases, those in the most queries first: a term list many queries share
        (action words, country names) then has low bits, and testing it against ``m`` is quick."""
        counts: dict[tuple[str, ...], int] = {}
        for tree in self.trees:
            for phrase in dict.fromkeys(_phrases(tree)):
                counts[phrase] = counts.get(phrase, 0) + 1
        for phrase in sorted(counts, key=lambda p: -counts[p]):
            self._leaves[phrase] = len(self._leaves)
        self._uses = tuple(counts[phrase] for phrase in self._leaves)
        self._words_of = tuple(self._leaves)
        self._triggers: dict[int, int] = {}
        self._costs: dict[int, float] = {}

    def _leaf(self, phrase: Phrase) -> int:
        return self._leaves.setdefault(phrase.words, len(self._leaves))

    def _near_id(self, node: Near) -> int:
        k = self._near_by_id.get(id(node))
        if k is None:
            k = self._nears.get(node)
            if k is None:
                k = self._nears[node] = len(self._near_nodes)
                self._near_nodes.append(node)
                self._near_plans.append((self._side(node.left), self._side(node.right), node.distance, node.ordered))
                if self._compiled:  # a NEAR first met after the queries were compiled
                    self._near_functions.append(None)
            self._near_by_id[id(node)] = k
        return k

    def _side(self, node):
        """How a NEAR finds the edges of a side: a phrase or an OR of phrases as ``{leaf: words
        after the first}``, anything else as its number in ``_side_nodes`` (:meth:`_Scan.side`)."""
        plan = self._side_plans.get(id(node))
        if plan is None:
            if type(node) is Phrase:
                plan = {self._leaf(node): len(node.words) - 1}
            elif type(node) is Or and all(type(part) in (Phrase, Unknown) for part in node.parts):
                plan = {self._leaf(p): len(p.words) - 1 for p in node.parts if type(p) is Phrase}
            else:
                plan = len(self._side_nodes)
                self._side_nodes.append(node)
            self._side_plans[id(node)] = plan  # one plan per node: a text works out a shared side once
        return plan

    def _near_function(self, k: int):
        """NEAR ``k``'s function (:meth:`_compile_nears`), compiled when first asked."""
        found = self._near_functions[k]
        if found is None:
            found = self._near_functions[k] = self._compile_nears([k])[0]
        return found

    def _compile_nears(self, numbers: Iterable[int]) -> list:
        """One function ``(m, f, d) → bool`` per NEAR: its sides' first and last words (a list of
        phrases looked up in line, anything else through :meth:`_Scan.side`), then the proximity
        test of :meth:`_Scan.near` with the spread written out."""
        sources = []
        numbers = list(numbers)
        for k in numbers:
            left, right, n, ordered = self._near_plans[k]
            lines = ["g = f.get"]
            for name, plan in (("l", left), ("r", right)):
                if type(plan) is int:
                    lines.append(f"{name}s, {name}e = d.side({plan})")
                    continue
                found, parts = _phrase_lines(plan, name)
                lines += found
                starts = " | ".join(var for _, var in parts) or "0"
                ends = " | ".join(var if extra == 0 else f"({var} << {extra})" for extra, var in parts) or "0"
                lines += [f"{name}s = {starts}", f"{name}e = {ends}"]
            lines += ["x = le << 1", *_spread_lines("x", n), "if rs & x:", "    return True"]
            if ordered:
                lines.append("return False")
            else:
                lines += ["x = re << 1", *_spread_lines("x", n), "return bool(ls & x)"]
            sources.append(f"def n{k}(m, f, d):\n" + "".join(f"    {line}\n" for line in lines))
        namespace: dict = {}
        exec(compile("\n".join(sources) or "pass", "<sdg proximity>", "exec"), namespace)
        return [namespace[f"n{k}"] for k in numbers]

    def _is_pure(self, node) -> bool:
        known = self._pure.get(id(node))
        if known is None:
            known = self._pure[id(node)] = is_pure(node)
        return known

    def true(self, node) -> str:
        """A Python expression over ``m`` and ``f`` (the leaves found, as bits and as a dict) and
        ``d`` (the :class:`_Scan`) that is truthy exactly when ``node`` is true."""
        expr = self._true.get(id(node))
        if expr is None:
            expr = self._true[id(node)] = self._true_of(node)
        return expr

    def _true_of(self, node) -> str:
        kind = type(node)
        if kind is Phrase:
            return _any_leaf([self._leaf(node)])
        if kind is Unknown:
            return _FALSE
        if kind is Or:
            phrases = [p for p in node.parts if type(p) is Phrase]
            rest = [self.true(p) for p in node.parts if type(p) is not Phrase]
            return _any_of(([_any_leaf([self._leaf(p) for p in phrases])] if phrases else []) + rest)
        if kind is And:
            phrases = [p for p in node.parts if type(p) is Phrase]
            first = [_every_leaf([self._leaf(p) for p in phrases])]
            later = sorted((p for p in node.parts if type(p) is not Phrase), key=_weight)
            return _all_of((first if phrases else []) + [self.true(p) for p in later])
        if kind is AndNot:
            return _all_of([self.true(node.left), _not(self.possible(node.right))])
        if kind is Near:
            sides = _all_of([self.true(node.left), self.true(node.right)])
            return _FALSE if sides == _FALSE else _all_of([sides, f"d.near({self._near_id(node)})"])
        raise TypeError(f"not a query node: {node!r}")

    def possible(self, node) -> str:
        """An expression truthy exactly when ``node`` is not false (true or unknown)."""
        if self._is_pure(node):
            return self.true(node)
        kind = type(node)
        if kind is Unknown:
            return _TRUE
        if kind is Or:
            return _any_of([self.possible(p) for p in node.parts])
        if kind is And:
            return _all_of([self.possible(p) for p in node.parts])
        if kind is AndNot:
            return _all_of([self.possible(node.left), _not(self.true(node.right))])
        if kind is Near:
            sides = _all_of([self.true(node.left), self.true(node.right)])
            proximity = _FALSE if sides == _FALSE else f"d.near({self._near_id(node)})"
            return _all_of([self.possible(node.left), self.possible(node.right), _any_of([_not(sides), proximity])])
        raise TypeError(f"not a query node: {node!r}")

    def _needed(self, node) -> list[int]:
        """Masks of leaves of which each must have one found for ``node`` to be true (none: it never is)."""
        kind = type(node)
        if kind is Phrase:
            return [1 << self._leaf(node)]
        if kind is Or:
            return [self._trigger(node)]
        if kind is AndNot:
            return self._needed(node.left)
        if kind in (And, Near):
            parts = node.parts if kind is And else (node.left, node.right)
            return [mask for part in parts for mask in self._needed(part)]
        return [0]

    def _trigger(self, node) -> int:
        """A mask of leaves one of which is found whenever ``node`` is true (0: it never is): of an
        AND or NEAR, its part whose leaves are expected to occur least often."""
        found = self._triggers.get(id(node))
        if found is not None:
            return found
        kind = type(node)
        if kind is Phrase:
            found = 1 << self._leaf(node)
        elif kind is Or:
            found = 0
            for part in node.parts:
                found |= self._trigger(part)
        elif kind is AndNot:
            found = self._trigger(node.left)
        elif kind in (And, Near):
            masks = [self._trigger(part) for part in (node.parts if kind is And else (node.left, node.right))]
            found = 0 if not all(masks) else min(masks, key=self._cost)
        else:
            found = 0
        self._triggers[id(node)] = found
        return found

    def _cost(self, mask: int) -> float:
        """How often one of the leaves of ``mask`` is expected to occur in a text, judged from the
        queries alone: a phrase that many queries use is a common word (*reduce*, *improve*,
        *policy*), and more, shorter and truncated words occur more (worked out once per mask)."""
        total = self._costs.get(mask)
        if total is None:
            total = 0.0
            for leaf in _bits_of(mask):
                key = _rarest(self._words_of[leaf])
                core = key.strip("=*?$")
                total += self._uses[leaf] + 4.0 / max(1, len(core)) + (2.0 if key.endswith("*") else 0.0)
            self._costs[mask] = total
        return total

    def _wake_mask(self, tree) -> int:
        """The leaves that wake a query (:meth:`scan`): of the masks it needs one leaf of each of,
        the one whose leaves are expected to occur least often."""
        return min(dict.fromkeys(self._needed(tree)), key=self._cost)

    def _expression(self, tree) -> tuple[int, str]:
        """A query's truth once one of the leaves that wake it is found: the other leaves it needs
        tested first, those expected least often first (cheap, and most often false). The first of
        those is given apart, as a mask (0: none) that :meth:`true_queries` tests before it calls
        the query's function — most woken queries stop there — and the rest as an expression."""
        expr = self.true(tree)
        needed = list(dict.fromkeys(self._needed(tree)))
        if expr == _FALSE or not all(needed):
            return 0, _FALSE
        wake = self._wake_mask(tree)
        rest = sorted((mask for mask in needed if mask != wake), key=self._cost)
        return (rest[0] if rest else 0), _all_of([*(_any_leaf(_bits_of(mask)) for mask in rest[1:]), expr])

    def test(self, node: Any) -> Any:
        """The compiled truth of any node of the trees (compiled when first asked)."""
        found = self._tests.get(id(node))
        if found is None:
            namespace: dict = {}
            exec(compile(f"def t(m, f, d):\n    return {self.true(node)}\n", "<sdg query part>", "exec"), namespace)
            found = self._tests[id(node)] = namespace["t"]
        return found

    def _span_number(self, node) -> int:
        """The number of ``node``'s span function ``S<number>(m, f, d)`` → :meth:`_Scan.grouped` of
        the node when it is true, compiled (with those of its parts) when first asked: its phrases
        looked up in line, an OR's other parts tested in line, a part that is more than a phrase
        through its own function, once per text (``d.spanned``)."""
        j = self._span_ids.get(id(node))
        if j is not None:
            return j
        if type(node) is AndNot:  # the spans of its left side
            j = self._span_ids[id(node)] = self._span_number(node.left)
            return j
        j = self._span_ids[id(node)] = len(self._span_functions)
        self._span_functions.append(None)
        lines = ["sp = d.spanned"]
        kind = type(node)
        if kind is Phrase:
            lines.append(f"return {{{len(node.words) - 1}: f[{self._leaf(node)}]}}")
        elif kind is Near:
            self._part_lines(node.left, "a", lines)
            self._part_lines(node.right, "b", lines)
            lines.append(f"return _near_groups(a, b, {node.distance}, {node.ordered})")
        elif kind in (Or, And):
            phrases = {self._leaf(p): len(p.words) - 1 for p in node.parts if type(p) is Phrase}
            others = [p for p in node.parts if type(p) not in (Phrase, Unknown)]
            if kind is Or:  # the phrases found; the other parts that are true
                found, parts = _phrase_lines(phrases, "p")
                lines += ["g = f.get", *found, "r = {}"]
                lines += [f"if {var}:\n        r[{extra}] = {var}" for extra, var in parts]
            else:  # every part is true
                lines.append("r = {}")
                lines += [f"r[{extra}] = r.get({extra}, 0) | f[{leaf}]" for leaf, extra in phrases.items()]
            for part in others:
                inner: list[str] = []
                self._part_lines(part, "t", inner)
                inner += ["for e, b in t.items():", "    r[e] = r.get(e, 0) | b"]
                if kind is Or:
                    lines += [f"if {self.true(part)}:", *(f"    {line}" for line in inner)]
                else:
                    lines += inner
            lines.append("return r")
        else:
            lines.append("return {}")
        source = f"def S{j}(m, f, d):\n" + "".join(f"    {line}\n" for line in lines)
        exec(compile(source, "<sdg spans>", "exec"), self._span_namespace)
        self._span_functions[j] = self._span_namespace[f"S{j}"]
        return j

    def _part_lines(self, node, var: str, lines: list[str]) -> None:
        """Lines that set ``var`` to the spans of a true part (a phrase in line, anything else
        through its span function, once per text)."""
        if type(node) is Phrase:
            lines.append(f"{var} = {{{len(node.words) - 1}: f[{self._leaf(node)}]}}")
            return
        k = self._span_number(node)
        lines += [f"{var} = sp.get({k})", f"if {var} is None:", f"    {var} = sp[{k}] = S{k}(m, f, d)"]

    # -- scanning ------------------------------------------------------------------------------

    def _build_scan_tables(self) -> None:
        """Which leaves a word pattern starts, which queries it may wake, and the word patterns'
        hash tables (exact words and plurals, prefixes, stems plus one character, suffixes,
        infixes; anything else a regular expression)."""
        single: dict[str, list[int]] = {}
        starts: dict[str, list[tuple[int, tuple[str, ...]]]] = {}
        for words_, leaf in self._leaves.items():
            if len(words_) == 1:
                single.setdefault(words_[0], []).append(leaf)
            else:
                starts.setdefault(words_[0], []).append((leaf, words_[1:]))
        self._single = single
        self._starts = starts
        goes_on = sorted({w for words_ in self._leaves if len(words_) > 1 for w in words_[1:]})
        self._signature = {key: 1 << (k % 60) for k, key in enumerate(goes_on)}
        """A bit for each word pattern that goes on a longer phrase (after its first word)."""
        by_leaf: dict[int, set[int]] = {}
        never = set(self.never)
        for i, tree in enumerate(self.trees):
            if i in never:
                continue
            for leaf in _bits_of(self._wake_mask(tree)):
                by_leaf.setdefault(leaf, set()).add(i)
        self._wakes = tuple(tuple(sorted(by_leaf.get(leaf, ()))) for leaf in range(len(self._leaves)))
        """The queries each leaf wakes: those it is one of the rarest leaves of (:meth:`_trigger`)."""
        keys = set(single) | {w for words_ in self._leaves for w in words_}
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

    def keys_of(self, token: str) -> tuple[str, ...]:
        """Every word pattern of the index that one word of a text matches."""
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
        return tuple(dict.fromkeys(out))

    def _entry(self, token: str) -> _Entry:
        """What one word of a text means to the index (:class:`_Entry`, remembered)."""
        keys = self.keys_of(token)
        entry = _NOTHING
        if keys:
            singles: list[int] = []
            starts: dict[str, list[tuple[int, tuple[str, ...]]]] = {}
            queries: set[int] = set()
            for key in keys:
                for leaf in self._single.get(key, ()):
                    singles.append(leaf)
                for leaf, rest in self._starts.get(key, ()):
                    starts.setdefault(rest[0], []).append((leaf, rest[1:]))
            for leaf in singles:
                queries.update(self._wakes[leaf])
            following = {second: tuple(found) for second, found in starts.items()}
            goes_on = starts_with = 0
            for key in keys:
                goes_on |= self._signature.get(key, 0)
            for second in following:
                starts_with |= self._signature[second]
            mask = sum(1 << leaf for leaf in singles)
            entry = _Entry(mask, tuple(singles), following, frozenset(keys), tuple(queries), goes_on, starts_with)
        if len(self._memo) >= self.MEMO_LIMIT:
            self._memo.clear()
        self._memo[token] = entry
        return entry

    def scan(self, text: str, tokens: list[str] | None = None) -> tuple[_Scan, set[int]]:
        """The leaves of ``text`` (one pass over its words) and the queries they may make true."""
        tokens = words(text) if tokens is None else tokens
        memo = self._memo
        entries: list[_Entry] = [memo.get(token) or self._entry(token) for token in tokens]
        m = 0
        found: dict[int, int] = {}
        wakes: list[tuple[int, ...]] = []
        last = len(entries) - 1
        i = -1
        for entry in entries:
            i += 1
            if entry is _NOTHING:
                continue
            if entry.mask:  # one-word leaves
                m |= entry.mask
                here = 1 << i
                for leaf in entry.singles:
                    if leaf in found:
                        found[leaf] |= here
                    else:
                        found[leaf] = here
                if entry.queries:
                    wakes.append(entry.queries)
            if entry.starts_with and i < last and entry.starts_with & entries[i + 1].goes_on:  # a longer leaf?
                following = entry.following
                for second in entries[i + 1].keys:
                    for leaf, rest in following.get(second, ()):
                        k = i + 1
                        if k + len(rest) > last:
                            continue
                        for key in rest:
                            k += 1
                            if key not in entries[k].keys:
                                break
                        else:
                            m |= self._bits[leaf]
                            found[leaf] = found.get(leaf, 0) | 1 << i
                            wakes.append(self._wakes[leaf])
        return _Scan(self, tokens, m, found), set(chain.from_iterable(wakes))

    def true_queries(
        self, text: str, tokens: list[str] | None = None, once: Sequence[int] | None = None
    ) -> tuple[_Scan, list[int]]:
        """The queries true for ``text``, in index order, and the scan of the text that
        :meth:`words` takes (``tokens``: its :func:`words`, when the caller has them already).

        ``once`` (query number → a group, such as its target): only the first true query of each
        group is wanted, so the others of a group with a true query are not tested."""
        scan, woken = self.scan(text, tokens)
        m = scan.m
        found = scan.found
        functions = self._functions
        if once is None:
            return scan, [i for i in sorted(woken) if self._first_holds(i, m, found) and functions[i](m, found, scan)]
        true = []
        done: set[int] = set()
        for i in sorted(woken):
            group = once[i]
            if group not in done and self._first_holds(i, m, found) and functions[i](m, found, scan):
                true.append(i)
                done.add(group)
        return scan, true

    def _first_holds(self, i: int, m: int, found: dict[int, int]) -> bool:
        """Whether query ``i``'s first test (``_first_leaves``/``_first_masks``) holds for a text."""
        leaves = self._first_leaves[i]
        if leaves:
            for leaf in leaves:
                if leaf in found:
                    return True
            return False
        mask = self._first_masks[i]
        return not mask or m & mask != 0

    def words(self, scan: _Scan, query: int) -> tuple[str, ...]:
        """The words of the text that made a true query true, each once, in order of position
        (:func:`matched_words` of its spans)."""
        groups = scan.grouped(self.trees[query])
        tokens = scan.tokens
        spans = []
        for extra, bits in groups.items():
            while bits:
                low = bits & -bits
                bits ^= low
                start = low.bit_length() - 1
                spans.append((start, start + extra))
        if len(groups) > 1:
            spans.sort()
        return tuple(dict.fromkeys([tokens[a] if a == b else " ".join(tokens[a : b + 1]) for a, b in spans]))

    def matches(self, text: str, tokens: list[str] | None = None) -> list[tuple[int, tuple[str, ...]]]:
        """``(query number, matched words)`` for every query true for ``text``, in index order."""
        scan, found = self.true_queries(text, tokens)
        return [(i, self.words(scan, i)) for i in found]


def _canonical(node, shared: dict):
    """``node`` with every subtree that occurs more than once made one object (so that what a text
    worked out for it is kept once, by ``id``); the same tree otherwise."""
    kind = type(node)
    if kind in (Or, And):
        parts = tuple(_canonical(part, shared) for part in node.parts)
        key: tuple = (kind, tuple(map(id, parts)))
    elif kind in (AndNot, Near):
        parts = (_canonical(node.left, shared), _canonical(node.right, shared))
        key = (kind, *map(id, parts), *((node.distance, node.ordered) if kind is Near else ()))
    else:
        return shared.setdefault((kind, node), node)
    found = shared.get(key)
    if found is None:
        if kind is Near:
            found = Near(parts[0], parts[1], node.distance, node.ordered)
        else:
            found = kind(parts) if kind in (Or, And) else kind(*parts)
        shared[key] = found
    return found


def _phrases(node) -> Iterable[tuple[str, ...]]:
    """The words of every phrase of ``node``."""
    kind = type(node)
    if kind is Phrase:
        yield node.words
    elif kind in (Or, And):
        for part in node.parts:
            yield from _phrases(part)
    elif kind in (AndNot, Near):
        yield from _phrases(node.left)
        yield from _phrases(node.right)


def _weight(node) -> int:
    """A rough cost of testing ``node``: proximity last."""
    kind = type(node)
    if kind is Near:
        return 2
    return 1 if kind in (And, AndNot) else 0


def _bits_of(mask: int) -> list[int]:
    out = []
    while mask:
        low = mask & -mask
        out.append(low.bit_length() - 1)
        mask ^= low
    return out


def _rarest(words_: tuple[str, ...]) -> str:
    """The word pattern of a phrase that is expected to occur least often (the longest)."""
    return max(words_, key=lambda w: len(w.strip("=*?$")))


# -- the compiled build ------------------------------------------------------------------------
# ``make`` (or ``python -m impactkit.plugins.sdg.native``) compiles this very file with mypyc into
# the C extension ``_matcher_c`` beside it, which maps a corpus about a fifth faster. It stands in
# for this module only when it was built from this file as it is now: an edited matcher is used as
# Python until it is built again. ``IMPACTKIT_SDG_PURE=1`` keeps the Python module.

_NODES = ("Phrase", "Unknown", "Or", "And", "AndNot", "Near")
"""The classes of a query tree, which travel to other processes by pickle."""


def pure_wanted() -> bool:
    """Whether ``IMPACTKIT_SDG_PURE`` asks for the Python matcher (set, and not ``0``)."""
    return os.environ.get("IMPACTKIT_SDG_PURE", "").strip() not in ("", "0")


def _compiled_build() -> Any:
    """The module mypyc built from this file's current source (:mod:`.native`), else ``None``."""
    import hashlib
    from importlib import import_module
    from importlib.util import find_spec

    name = f"{__package__}._matcher_c"
    try:
        if find_spec(name) is None:
            return None
        with open(__file__, "rb") as handle:
            source = hashlib.sha256(handle.read()).hexdigest()
        built = import_module(name)
    except Exception:  # built for another Python, its runtime part missing, unreadable: Python serves
        return None
    if getattr(built, "SOURCE_SHA256", None) != source:
        return None
    for node in _NODES:  # pickled as this module's classes, so a process without the build reads them
        getattr(built, node).__module__ = __name__
    return built


if __name__ == f"{__package__}.matcher" and not pure_wanted():
    sys.modules[__name__] = _compiled_build() or sys.modules[__name__]

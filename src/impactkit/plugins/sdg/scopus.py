"""A small parser and evaluator of Scopus advanced-search queries, applied to a plain text.

The Aurora SDG queries are written for the Scopus database. This module evaluates one query on
one piece of text (a change statement, a snippet) as if the text were the title, abstract and
keywords of a publication. What it understands, and how:

* **Terms.** ``"quality education"`` (a loose phrase: the words in this order, punctuation and
  case ignored), ``{exact phrase}`` (treated as a loose phrase too), and bare words. Words are
  compared after lower-casing and removing accents; hyphens and other punctuation separate
  words, in the query and in the text alike (``"pre-school"`` matches *pre school* and
  *pre-school*, not *preschool*).
* **Wildcards.** ``*`` stands for any number of characters (``"equit*"``: *equity*,
  *equitable*), ``?`` for exactly one. As in Scopus, a word without a wildcard also matches its
  plain plural (*-s*, *-es*, *-y* → *-ies*).
* **Operators**, with Scopus's precedence (tightest first): ``OR``; ``W/n`` (both sides within
  *n* words of each other, either order) and ``PRE/n`` (the left side at most *n* words before the
  right side); ``AND`` (also two operands side by side without an operator); ``AND NOT``.
  Parentheses group. Operators are recognised in upper case only; a lower-case *and* is a word.
  ``W/n`` counts the words *between* the two sides.
* **Fields.** ``TITLE-ABS-KEY(...)``, ``TITLE-ABS(...)``, ``TITLE(...)``, ``ABS(...)``,
  ``KEY(...)``, ``AUTHKEY(...)``, ``INDEXTERMS(...)`` and ``ALL(...)`` are evaluated on the text.
  Any other field (``SRCTITLE``, ``AFFILCOUNTRY``, ``AF-ID``, ``PUBYEAR > 2009``, ``DOCTYPE``,
  ``SUBJAREA`` …) describes a publication's metadata, which a plain text does not have: such a
  clause is **unknown**. Unknown is carried through with three-valued logic (unknown OR true =
  true; unknown AND true = unknown; NOT unknown = unknown) and a query matches only when it is
  *true*. So a metadata clause never makes a query match, and a query that needs one to match
  does not match: the conservative choice, which can only lower recall, never precision.

``compile_query(text)`` parses once; :class:`Document` tokenises a text once and caches every
term look-up, so evaluating hundreds of queries on one text is cheap.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left
from dataclasses import dataclass
from functools import lru_cache

TEXT_FIELDS = frozenset(
    {"TITLE-ABS-KEY", "TITLE-ABS", "TITLE", "ABS", "KEY", "AUTHKEY", "INDEXTERMS", "ALL", "TITLE-ABS-KEY-AUTH"}
)
_WORD = re.compile(r"[a-z0-9*?]+")
_TOKEN = re.compile(
    r'\s*(?:(?P<quote>"[^"]*")|(?P<brace>\{[^}]*\})|(?P<open>\()|(?P<close>\))'
    r"|(?P<near>(?:W|PRE)/\d+)(?![\w/])|(?P<cmp>>=|<=|[<>=])"
    r'|(?P<field>(?!(?:AND|OR|NOT)\b)[A-Z][A-Z0-9]*(?:-[A-Z0-9]+)*)(?=\s*\()|(?P<word>[^\s(){}"]+))'
)

Span = tuple[int, int]


class QueryError(ValueError):
    """A query that cannot be parsed; the message says where."""


def fold(text: str) -> str:
    """Lower case, accents removed (``"Équité"`` → ``"equite"``)."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()


def words(text: str) -> list[str]:
    """The words of a text as the evaluator compares them."""
    return re.findall(r"[a-z0-9]+", fold(text))


class Document:
    """A text, tokenised once, with every term look-up cached."""

    __slots__ = ("tokens", "_where", "_vocab", "_cache")

    def __init__(self, text: str):
        self.tokens = words(text)
        where: dict[str, list[int]] = {}
        for i, token in enumerate(self.tokens):
            where.setdefault(token, []).append(i)
        self._where = where
        self._vocab = sorted(where)
        self._cache: dict[str, tuple[int, ...]] = {}

    def positions(self, word: str) -> tuple[int, ...]:
        """Where a query word (possibly with ``*`` / ``?``, or plural-matching) occurs, in order."""
        hit = self._cache.get(word)
        if hit is not None:
            return hit
        where = self._where
        if "*" in word or "?" in word:
            if word.endswith("*") and "*" not in word[:-1] and "?" not in word:
                stem = word[:-1]
                vocab = self._vocab
                found: list[int] = []
                i = bisect_left(vocab, stem)
                while i < len(vocab) and vocab[i].startswith(stem):
                    found.extend(where[vocab[i]])
                    i += 1
            else:
                pattern = re.compile(re.escape(word).replace(r"\*", ".*").replace(r"\?", "."))
                found = [p for token in self._vocab if pattern.fullmatch(token) for p in where[token]]
        else:
            found = list(where.get(word, ()))
            for form in plurals(word):
                found.extend(where.get(form, ()))
        result = tuple(sorted(found))
        self._cache[word] = result
        return result


def plurals(word: str) -> tuple[str, ...]:
    if not word.isalpha() or len(word) < 3:
        return ()
    forms = [word + "s", word + "es"]
    if word.endswith("y") and len(word) > 3:
        forms.append(word[:-1] + "ies")
    return tuple(forms)


# -- the syntax tree ---------------------------------------------------------------------------
# eval(doc) returns (value, spans): value True / False / None (unknown); spans are the word
# spans that made it true (used for W/n, PRE/n and to show which words triggered a match).


@dataclass(frozen=True)
class Phrase:
    words: tuple[str, ...]

    def eval(self, doc: Document) -> tuple[bool | None, tuple[Span, ...]]:
        first = doc.positions(self.words[0])
        if len(self.words) == 1 or not first:
            spans = tuple((p, p) for p in first)
            return bool(spans), spans
        rest = [set(doc.positions(w)) for w in self.words[1:]]
        spans = tuple((p, p + len(rest)) for p in first if all(p + k + 1 in where for k, where in enumerate(rest)))
        return bool(spans), spans

    def __str__(self) -> str:
        return f'"{" ".join(self.words)}"'


@dataclass(frozen=True)
class Unknown:
    """A clause on a field that a plain text does not have."""

    source: str

    def eval(self, doc: Document) -> tuple[bool | None, tuple[Span, ...]]:
        return None, ()


@dataclass(frozen=True)
class Or:
    parts: tuple

    def eval(self, doc: Document) -> tuple[bool | None, tuple[Span, ...]]:
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


@dataclass(frozen=True)
class And:
    parts: tuple

    def eval(self, doc: Document) -> tuple[bool | None, tuple[Span, ...]]:
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


@dataclass(frozen=True)
class AndNot:
    left: object
    right: object

    def eval(self, doc: Document) -> tuple[bool | None, tuple[Span, ...]]:
        v, spans = self.left.eval(doc)
        if v is False:
            return False, ()
        w, _ = self.right.eval(doc)
        if w is True:
            return False, ()
        if v is None or w is None:
            return None, ()
        return True, spans


@dataclass(frozen=True)
class Near:
    left: object
    right: object
    distance: int
    ordered: bool
    """``PRE/n`` (left before right) when true, ``W/n`` (either order) when false."""

    def eval(self, doc: Document) -> tuple[bool | None, tuple[Span, ...]]:
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


# -- the parser ----------------------------------------------------------------------------------


def _tokens(text: str) -> list[tuple[str, str]]:
    out = []
    pos = 0
    text = text.strip()
    while pos < len(text):
        found = _TOKEN.match(text, pos)
        if not found or found.end() == pos:
            raise QueryError(f"cannot read the query at character {pos + 1}: {text[pos : pos + 20]!r}")
        pos = found.end()
        kind = found.lastgroup
        value = found.group(kind)
        if kind == "word" and value in ("AND", "OR", "NOT"):
            kind = value
        out.append((kind, value))
    return out


class _Parser:
    def __init__(self, text: str, field_ok: bool):
        self.text = text
        self.tokens = _tokens(text)
        self.pos = 0
        self.field_ok = field_ok

    def peek(self, offset: int = 0) -> tuple[str, str] | None:
        i = self.pos + offset
        return self.tokens[i] if i < len(self.tokens) else None

    def take(self) -> tuple[str, str]:
        token = self.peek()
        if token is None:
            raise QueryError(f"the query ends too early: {self.text!r}")
        self.pos += 1
        return token

    def parse(self):
        node = self.expression()
        if self.peek() is not None:
            raise QueryError(f"unexpected {self.peek()[1]!r} in {self.text!r}")
        return node

    def expression(self):  # AND NOT: loosest
        node = self.conjunction()
        while self.peek() and self.peek()[0] == "AND" and self.peek(1) and self.peek(1)[0] == "NOT":
            self.pos += 2
            node = AndNot(node, self.conjunction())
        return node

    def conjunction(self):  # AND, or two operands side by side
        parts = [self.proximity()]
        while True:
            token = self.peek()
            if token is None or token[0] in ("close", "OR", "near"):
                break
            if token[0] == "AND":
                after = self.peek(1)
                if after and after[0] == "NOT":
                    break
                self.pos += 1
            parts.append(self.proximity())
        return parts[0] if len(parts) == 1 else And(tuple(parts))

    def proximity(self):  # W/n, PRE/n
        node = self.disjunction()
        while self.peek() and self.peek()[0] == "near":
            op = self.take()[1]
            kind, n = op.split("/")
            node = Near(node, self.disjunction(), int(n), kind == "PRE")
        return node

    def disjunction(self):  # OR: tightest
        parts = [self.primary()]
        while self.peek() and self.peek()[0] == "OR":
            self.pos += 1
            parts.append(self.primary())
        return parts[0] if len(parts) == 1 else Or(tuple(parts))

    def primary(self):
        kind, value = self.take()
        if kind == "open":
            node = self.expression()
            if self.take()[0] != "close":
                raise QueryError(f"a parenthesis is not closed in {self.text!r}")
            return node
        if kind == "field":
            self.take()  # "("
            start = self.pos
            inner = self.expression()
            if self.take()[0] != "close":
                raise QueryError(f"{value}( is not closed in {self.text!r}")
            if value in TEXT_FIELDS and self.field_ok:
                return inner
            return Unknown(f"{value}(…{len(self.tokens[start : self.pos])} tokens)")
        if kind in ("quote", "brace"):
            return _phrase(value[1:-1], self.text)
        if kind == "word":
            after = self.peek()
            if value.isupper() and after and after[0] == "cmp":  # PUBYEAR > 2009
                self.pos += 1
                self.take()
                return Unknown(value)
            return _phrase(value, self.text)
        raise QueryError(f"unexpected {value!r} in {self.text!r}")


def _phrase(text: str, query: str) -> Phrase:
    found = tuple(_WORD.findall(fold(text)))
    if not found or any(w.strip("*?") == "" for w in found):
        raise QueryError(f"empty or wildcard-only term {text!r} in {query!r}")
    return Phrase(found)


@lru_cache(maxsize=4096)
def compile_query(text: str, field: str = "TITLE-ABS-KEY"):
    """The syntax tree of a query; ``field`` is the field the whole query searches (a query line's)."""
    return _Parser(text, field_ok=field in TEXT_FIELDS).parse() if field in TEXT_FIELDS else Unknown(f"{field}({text})")


def evaluate(query, doc: Document | str) -> tuple[bool, tuple[str, ...]]:
    """Whether ``query`` (a tree or text) matches ``doc``, and the words of the text that made it match."""
    node = compile_query(query) if isinstance(query, str) else query
    document = doc if isinstance(doc, Document) else Document(doc)
    value, spans = node.eval(document)
    if value is not True:
        return False, ()
    matched = []
    for start, end in spans:
        matched.append(" ".join(document.tokens[start : end + 1]))
    return True, tuple(dict.fromkeys(matched))

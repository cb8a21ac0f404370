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
from functools import lru_cache

from .matcher import And, AndNot, Document, Near, Or, Phrase, Unknown, fold, plurals, words
from .matcher import evaluate as evaluate_tree
from .syntax import QueryError, TokenParser, tokenize

_OPERATORS = frozenset({"AND", "OR", "NOT"})

__all__ = [
    "TEXT_FIELDS",
    "And",
    "AndNot",
    "Document",
    "Near",
    "Or",
    "Phrase",
    "QueryError",
    "Unknown",
    "compile_query",
    "evaluate",
    "fold",
    "plurals",
    "words",
]

TEXT_FIELDS = frozenset(
    {"TITLE-ABS-KEY", "TITLE-ABS", "TITLE", "ABS", "KEY", "AUTHKEY", "INDEXTERMS", "ALL", "TITLE-ABS-KEY-AUTH"}
)
_TOKEN = re.compile(
    r'\s*(?:(?P<quote>"[^"]*")|(?P<brace>\{[^}]*\})|(?P<open>\()|(?P<close>\))'
    r"|(?P<near>(?:W|PRE)/\d+)(?![\w/])|(?P<cmp>>=|<=|[<>=])"
    r'|(?P<field>(?!(?:AND|OR|NOT)\b)[A-Z][A-Z0-9]*(?:-[A-Z0-9]+)*)(?=\s*\()|(?P<word>[^\s(){}"]+))'
)


# -- the parser ----------------------------------------------------------------------------------


class _Parser(TokenParser):
    def __init__(self, text: str, field_ok: bool):
        super().__init__(text, tokenize(text, _TOKEN, _OPERATORS, any_case=False))
        self.field_ok = field_ok

    def expression(self):  # AND NOT: loosest
        node = self.conjunction()
        while self.at("AND") and self.at("NOT", 1):
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
                if self.at("NOT", 1):
                    break
                self.pos += 1
            parts.append(self.proximity())
        return parts[0] if len(parts) == 1 else And(tuple(parts))

    def proximity(self):  # W/n, PRE/n
        node = self.disjunction()
        while self.at("near"):
            op = self.take()[1]
            kind, n = op.split("/")
            node = Near(node, self.disjunction(), int(n), kind == "PRE")
        return node

    def disjunction(self):  # OR: tightest
        parts = [self.primary()]
        while self.at("OR"):
            self.pos += 1
            parts.append(self.primary())
        return parts[0] if len(parts) == 1 else Or(tuple(parts))

    def primary(self):
        kind, value, offset = self.take()
        if kind == "open":
            node = self.expression()
            self.close(offset)
            return node
        if kind == "field":
            _, _, opened = self.take()  # "("
            start = self.pos
            inner = self.expression()
            self.close(opened)
            if value in TEXT_FIELDS and self.field_ok:
                return inner
            return Unknown(f"{value}(…{len(self.tokens[start : self.pos])} tokens)")
        if kind in ("quote", "brace"):
            return self.phrase(value[1:-1], offset + 1, plural=True)
        if kind == "word":
            if value.isupper() and self.at("cmp"):  # PUBYEAR > 2009
                self.pos += 1
                self.take()
                return Unknown(value)
            return self.phrase(value, offset, plural=True)
        raise self.unexpected(value, offset)


@lru_cache(maxsize=4096)
def compile_query(text: str, field: str = "TITLE-ABS-KEY"):
    """The syntax tree of a query; ``field`` is the field the whole query searches (a query line's)."""
    return _Parser(text, field_ok=field in TEXT_FIELDS).parse() if field in TEXT_FIELDS else Unknown(f"{field}({text})")


def evaluate(query, doc: Document | str) -> tuple[bool, tuple[str, ...]]:
    """Whether ``query`` (a tree or text) matches ``doc``, and the words of the text that made it match."""
    node = compile_query(query) if isinstance(query, str) else query
    return evaluate_tree(node, doc if isinstance(doc, Document) else Document(doc))

"""A parser of Web of Science advanced-search queries (the Bergen SDG strings), applied to a plain text.

The queries become the syntax tree of :mod:`.matcher` and are evaluated there. What it understands:

* **Terms.** ``"primary school*"`` (words in this order, next to each other), bare words.
  Typographic quotes ``“ ”`` count as ``"``. Case, accents and punctuation are ignored; a hyphen
  separates words, as Web of Science treats it like a space (``"anti-poverty"`` finds *anti
  poverty* and *anti-poverty*). A quoted term is matched **as written**: Web of Science switches
  its lemmatisation off for quoted terms and for wildcards, and the Bergen strings write plurals
  themselves (``girl$``). An unquoted word without wildcard, which Web of Science lemmatises, also
  matches its plain plural (as a Scopus word does).
* **Wildcards.** ``*`` any number of characters, also at the start (``"*forest*"``); ``?`` exactly
  one; ``$`` zero or one.
* **Operators**, with Web of Science's precedence (tightest first): ``NEAR/n`` (both sides within
  *n* words of each other, either order; ``NEAR`` alone is ``NEAR/15``; *n* counts the words in
  between), ``SAME`` (read as ``AND``: a plain text has no address fields it would restrict),
  ``NOT`` (``a NOT b``: *a*, and not *b*), ``AND`` (also two terms side by side), ``OR``.
  Operators are recognised in any case, as Web of Science does; quote a term to search the word.
* **Fields.** ``TS=`` (topic: title, abstract, keywords) and ``TI=``, ``AB=``, ``AK=``, ``KP=``,
  ``ALL=`` are evaluated on the text. Any other field (``SO=`` the journal, ``PY=`` the year,
  ``OG=`` …) is **unknown**, with the three-valued logic of :mod:`.scopus`: it never makes a
  query match, and a query that needs it does not match.
* **Comments.** A line whose first non-blank character is ``#`` is ignored.
"""

from __future__ import annotations

import re
from functools import lru_cache

from .matcher import And, AndNot, Near, Or, Unknown
from .syntax import QueryError, TokenParser, tokenize

__all__ = ["TEXT_FIELDS", "QueryError", "compile_wos", "strip_comments"]

TEXT_FIELDS = frozenset({"TS", "TI", "AB", "AK", "KP", "ALL"})
NEAR_DEFAULT = 15
_TOKEN = re.compile(
    r'\s*(?:(?P<quote>"[^"]*")|(?P<open>\()|(?P<close>\))'
    r"|(?P<near>(?i:NEAR)(?:/\d+)?)(?![\w/])|(?P<field>[A-Z]{2,4})\s*="
    r'|(?P<word>[^\s()"]+))'
)
_OPERATORS = frozenset({"AND", "OR", "NOT", "SAME"})
_QUOTES = str.maketrans({"“": '"', "”": '"', "„": '"', "″": '"'})


def strip_comments(text: str) -> str:
    """Blank out comment lines (``# …``), keeping every other character where it was."""
    return "\n".join(" " * len(line) if line.lstrip().startswith("#") else line for line in text.split("\n"))


class _Parser(TokenParser):
    words = re.compile(r"[a-z0-9*?$]+")
    wildcards = "*?$"

    def expression(self):  # OR: loosest
        parts = [self.conjunction()]
        while self.at("OR"):
            self.pos += 1
            parts.append(self.conjunction())
        return parts[0] if len(parts) == 1 else Or(tuple(parts))

    def conjunction(self):  # AND, or two operands side by side
        parts = [self.negation()]
        while True:
            token = self.peek()
            if token is None or token[0] in ("close", "OR"):
                break
            if token[0] == "AND":
                self.pos += 1
            parts.append(self.negation())
        return parts[0] if len(parts) == 1 else And(tuple(parts))

    def negation(self):  # a NOT b NOT c = (a NOT b) NOT c
        node = self.same()
        while self.at("NOT"):
            self.pos += 1
            node = AndNot(node, self.same())
        return node

    def same(self):
        parts = [self.proximity()]
        while self.at("SAME"):
            self.pos += 1
            parts.append(self.proximity())
        return parts[0] if len(parts) == 1 else And(tuple(parts))

    def proximity(self):  # NEAR/n: tightest
        node = self.primary()
        while self.at("near"):
            _, op, _ = self.take()
            n = int(op.split("/")[1]) if "/" in op else NEAR_DEFAULT
            node = Near(node, self.primary(), n, False)
        return node

    def primary(self):
        kind, value, offset = self.take()
        if kind == "open":
            node = self.expression()
            self.close(offset)
            return node
        if kind == "field":
            inner = self.primary()
            return inner if value in TEXT_FIELDS else Unknown(f"{value}=")
        if kind == "quote":
            return self.phrase(value[1:-1], offset + 1, plural=False)
        if kind == "word":  # unquoted: Web of Science lemmatises it; impactkit finds its plain plural
            return self.phrase(value, offset, plural=True)
        raise self.unexpected(value, offset)


@lru_cache(maxsize=4096)
def compile_wos(text: str):
    """The syntax tree of a Web of Science query (comments and typographic quotes allowed)."""
    clean = strip_comments(text.translate(_QUOTES))
    return _Parser(clean, tokenize(clean, _TOKEN, _OPERATORS, any_case=True)).parse()

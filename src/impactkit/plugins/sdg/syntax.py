"""What the query parsers share: errors that say where (line and column), and the token cursor."""

from __future__ import annotations

import re

from .matcher import Phrase, fold


class QueryError(ValueError):
    """A query that cannot be parsed: ``en``/``nl`` say what, ``line``/``column`` (1-based) where in the query."""

    def __init__(self, en: str, nl: str | None = None, line: int = 1, column: int | None = None):
        super().__init__(en)
        self.en = en
        self.nl = nl or en
        self.line = line
        self.column = column


def position(text: str, offset: int) -> tuple[int, int]:
    """The 1-based line and column of a character offset in ``text``."""
    offset = max(0, min(offset, len(text)))
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


def query_error(text: str, offset: int, en: str, nl: str) -> QueryError:
    line, column = position(text, offset)
    return QueryError(en, nl, line, column)


def tokenize(
    text: str, regex: re.Pattern[str], operators: frozenset[str], any_case: bool
) -> list[tuple[str, str, int]]:
    """``(kind, value, offset)`` for every token of ``text``: the named group of ``regex`` that matched
    (a ``word`` that is one of ``operators`` becomes that operator), and where it starts."""
    out = []
    pos = 0
    end = len(text.rstrip())
    while pos < end:
        found = regex.match(text, pos)
        if not found or found.end() == pos:
            rest = text[pos:].lstrip()
            start = pos + len(text[pos:]) - len(rest)
            if rest.startswith('"'):
                raise query_error(
                    text, start, en="this quote is not closed", nl="dit aanhalingsteken wordt niet gesloten"
                )
            raise query_error(
                text,
                start,
                en=f"cannot read the query here: {rest[:20]!r}",
                nl=f"de zoekvraag is hier niet te lezen: {rest[:20]!r}",
            )
        kind = found.lastgroup
        value = found.group(kind)
        offset = found.start(kind)
        pos = found.end()
        operator = value.upper() if any_case else value
        if kind == "word" and operator in operators:
            kind = operator
        out.append((kind, value, offset))
    return out


class TokenParser:
    """A cursor over ``(kind, value, offset)`` tokens, for a recursive-descent parser."""

    words = re.compile(r"[a-z0-9*?]+")
    wildcards = "*?"

    def __init__(self, text: str, tokens: list[tuple[str, str, int]]):
        self.text = text
        self.tokens = tokens
        self.pos = 0

    def peek(self, ahead: int = 0) -> tuple[str, str, int] | None:
        i = self.pos + ahead
        return self.tokens[i] if i < len(self.tokens) else None

    def at(self, kind: str, ahead: int = 0) -> bool:
        token = self.peek(ahead)
        return token is not None and token[0] == kind

    def take(self) -> tuple[str, str, int]:
        token = self.peek()
        if token is None:
            raise self.error(
                len(self.text.rstrip()),
                en="the query ends too early (an operand or ')' is missing)",
                nl="de zoekvraag houdt te vroeg op (er ontbreekt een term of ')')",
            )
        self.pos += 1
        return token

    def error(self, offset: int, en: str, nl: str) -> QueryError:
        return query_error(self.text, offset, en, nl)

    def unexpected(self, value: str, offset: int) -> QueryError:
        return self.error(offset, en=f"unexpected {value!r}", nl=f"onverwacht {value!r}")

    def close(self, opened: int) -> None:
        """Take the ``)`` that closes the ``(`` at ``opened``."""
        token = self.peek()
        if token is None or token[0] != "close":
            raise self.error(opened, en="this parenthesis is not closed", nl="dit haakje wordt niet gesloten")
        self.pos += 1

    def parse(self):
        """The whole query by the parser's top rule, ``self.expression()``, which each query syntax
        (Scopus, Web of Science) defines; a parser of term lists only uses the cursor and :meth:`phrase`."""
        if not self.tokens:
            raise self.error(0, en="the query is empty", nl="de zoekvraag is leeg")
        node = self.expression()
        token = self.peek()
        if token is not None:
            raise self.unexpected(token[1], token[2])
        return node

    def phrase(self, text: str, offset: int, plural: bool) -> Phrase:
        """A quoted term or a bare word: its words in order; ``plural``: words without wildcard match plurals."""
        found = tuple(self.words.findall(fold(text)))
        if not found or any(w.strip(self.wildcards) == "" for w in found):
            raise self.error(
                offset,
                en=f"empty or wildcard-only term {text!r}",
                nl=f"lege term of alleen jokertekens: {text!r}",
            )
        if not plural:
            found = tuple(w if any(ch in w for ch in self.wildcards) else "=" + w for w in found)
        return Phrase(found)

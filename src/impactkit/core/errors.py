"""Errors about the user's input. Each becomes one line ``FILE:LINE:COL: message`` and exit code 2."""

from __future__ import annotations

from dataclasses import dataclass

from .contributions import Location
from .i18n import Text


@dataclass(frozen=True)
class Problem:
    """One thing wrong with an input file, and where."""

    location: Location
    message: Text

    def render(self, lang: str = "en") -> str:
        return f"{self.location}: {self.message.get(lang)}"


class StudyError(Exception):
    """The study (or a file it names) cannot be read or does not match the format.

    Holds every problem found, not only the first, so a user can fix them in one go.
    """

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("\n".join(p.render() for p in problems))

    def render(self, lang: str = "en") -> str:
        return "\n".join(problem.render(lang) for problem in self.problems)


class TextError(ValueError):
    """A value that cannot be used, with the reason in English and Dutch (``text``).

    Raise it (or a subclass) from a pydantic validator — of the study format or of a plugin's
    ``methods.<id>`` section — and the core reports the message in the user's language, at the
    value's line.
    """

    def __init__(self, en: str, nl: str):
        self.text = Text(en=en, nl=nl)
        super().__init__(en)


class UserError(Exception):
    """A request impactkit cannot carry out because of what the user asked (exit 2), in both languages.

    ``lang`` is the language of the study it concerns, when there is one: the CLI then speaks it,
    unless ``--lang`` or ``IMPACTKIT_LANG`` say otherwise (as for everything else about a study).
    """

    def __init__(self, en: str, nl: str, *, lang: str | None = None):
        self.text = Text(en=en, nl=nl)
        self.lang = lang
        super().__init__(en)

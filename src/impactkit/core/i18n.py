"""Two languages for everything a user reads: Dutch and English.

Plugins write user-facing text as :class:`Text` (both languages at once). A message table is a
:func:`catalog` of ``(key, english, dutch)`` rows, filled in with :func:`fill`; a message about a
count has a singular and a plural form (:class:`Plural`, :func:`plural`), and the count in it is
written as the reader's language writes numbers (:mod:`impactkit.core.numbers`). The core's own
messages live in :data:`MESSAGES` and are looked up with :func:`msg`.

The language in force is chosen, in this order, by ``--lang`` on the command line, the
``IMPACTKIT_LANG`` environment variable, ``LANG``/``LC_ALL`` starting with ``nl``, and
otherwise English.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Literal

from .numbers import format_list, format_number, plural_form

Lang = Literal["en", "nl"]
LANGS: tuple[Lang, ...] = ("en", "nl")


@dataclass(frozen=True, slots=True)
class Text:
    """A piece of user-facing text in English and Dutch.

    A plain frozen dataclass (pydantic validates it as a field type), so that importing it —
    which the CLI does at start — costs nothing.
    """

    en: str
    nl: str

    def get(self, lang: str) -> str:
        return self.nl if lang == "nl" else self.en

    def __str__(self) -> str:  # English is the neutral fallback (logs, reprs)
        return self.en

    @classmethod
    def per_language(cls, write: Callable[[str], str], /) -> Text:
        """The text ``write(lang)`` gives in each language — a figure for a message, say:
        ``Text.per_language(lambda lang: format_money(total, lang))`` is ``€ 3.000`` / ``€3,000``."""
        return cls(en=write("en"), nl=write("nl"))


def you_meant(*options: str | Text) -> Text:
    """The hint `` (did you mean 'x'?)`` / `` (bedoelde je 'x'?)`` for one or more options; a
    :class:`Text` option is shown in each language's own words."""

    def shown(lang: str) -> str:
        return "', '".join(o.get(lang) if isinstance(o, Text) else o for o in options)

    return Text(en=f" (did you mean '{shown('en')}'?)", nl=f" (bedoelde je '{shown('nl')}'?)")


def did_you_mean(
    word: str, options: Iterable[str], *, cutoff: float = 0.6, shown: Callable[[str], str | Text] | None = None
) -> Text | None:
    """The hint :func:`you_meant` for the one option closest to ``word`` (:mod:`difflib`), or
    ``None`` when none is close enough. ``shown`` turns the option into what the hint names
    (default: the option itself)."""
    import difflib

    close = difflib.get_close_matches(word, list(options), n=1, cutoff=cutoff)
    if not close:
        return None
    return you_meant(shown(close[0]) if shown else close[0])


def default_lang() -> Lang:
    """The language from the environment (``IMPACTKIT_LANG``, then the locale)."""
    explicit = os.environ.get("IMPACTKIT_LANG", "").strip().lower()
    if explicit in LANGS:
        return explicit  # type: ignore[return-value]
    for var in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(var, "").lower()
        if value:
            return "nl" if value.startswith("nl") else "en"
    return "en"


def resolve_lang(explicit: str | None, study_language: str | None = None) -> Lang:
    """Output language: ``explicit``, else ``IMPACTKIT_LANG``, else the study's, else the locale's."""
    for candidate in (explicit, os.environ.get("IMPACTKIT_LANG", "").strip().lower(), study_language):
        if candidate in LANGS:
            return candidate  # type: ignore[return-value]
    return default_lang()


@dataclass(frozen=True, slots=True)
class Plural:
    """A message about a count, in a singular (``one``) and a plural (``other``) form; :func:`fill`
    chooses the form by the parameter ``n``, in each language by its own rule."""

    one: Text
    other: Text


def plural(n: int | float, one: Text, other: Text, /, **params: object) -> Text:
    """The form of a message that fits the count ``n``, filled in — ``ngettext`` for :class:`Text`.

    ``plural(n, Text(en="{n} change", nl="{n} verandering"), Text(en="{n} changes",
    nl="{n} veranderingen"))`` is ``1 change``/``1 verandering`` or ``1,234 changes``/``1.234
    veranderingen``. Each language chooses its own form (CLDR; Dutch and English say ``one`` only
    of ``1``), ``{n}`` is written as :func:`~impactkit.core.numbers.format_number` writes it, and
    ``params`` are filled in as :func:`fill` does. Write whole sentences in both forms ("er is 1
    fout"/"er zijn 2 fouten"), not ``change(s)``."""

    def form(lang: str) -> str:
        chosen = one if plural_form(n, lang) == "one" else other
        return chosen.get(lang).format(n=format_number(n, lang), **_in(lang, params))

    return Text(en=form("en"), nl=form("nl"))


def listed(items: Iterable[str | Text], *, style: Literal["and", "or"] = "and") -> Text:
    """``items`` as a list in running text in both languages — :func:`~impactkit.core.numbers.format_list`
    for a :class:`Text` parameter: ``fill(template, known=listed(ids))`` gives ``a, b and c`` /
    ``a, b en c`` (``style="or"``: ``a, b or c`` / ``a, b of c``), and "no value" (``–``) for none."""
    items = list(items)
    return Text(en=format_list(items, "en", style=style), nl=format_list(items, "nl", style=style))


def catalog(rows: list[tuple[str, str | tuple[str, str], str | tuple[str, str]]]) -> dict[str, Text | Plural]:
    """A message table from ``(key, english, dutch)`` rows. A message about a count gives each
    language as a ``(singular, plural)`` pair and becomes a :class:`Plural`::

        catalog([("saved", "saved {file}", "{file} bewaard"),
                 ("changes", ("{n} change", "{n} changes"), ("{n} verandering", "{n} veranderingen"))])
    """
    table: dict[str, Text | Plural] = {}
    for key, en, nl in rows:
        if isinstance(en, tuple) != isinstance(nl, tuple):
            raise ValueError(f"message {key!r}: give both languages one text, or both a (singular, plural) pair")
        if isinstance(en, tuple) and isinstance(nl, tuple):
            table[key] = Plural(one=Text(en=en[0], nl=nl[0]), other=Text(en=en[1], nl=nl[1]))
        else:
            table[key] = Text(en=en, nl=nl)  # type: ignore[arg-type]
    return table


def _in(lang: str, params: dict[str, object]) -> dict[str, object]:
    return {k: v.get(lang) if isinstance(v, Text) else v for k, v in params.items()}


def fill(template: Text | Plural, /, **params: object) -> Text:
    """``template`` with ``params`` filled in (``str.format`` syntax), in both languages; a
    :class:`Text` parameter is filled in in each language's own words. A :class:`Plural` takes the
    form for its count ``n`` (see :func:`plural`)."""
    if isinstance(template, Plural):
        if "n" not in params:
            raise TypeError("a plural message needs its count: fill(template, n=...)")
        n = params.pop("n")
        return plural(n, template.one, template.other, **params)  # type: ignore[arg-type]
    return Text(en=template.en.format(**_in("en", params)), nl=template.nl.format(**_in("nl", params)))


# The core's own messages. Keys are stable; placeholders use str.format syntax.
MESSAGES: dict[str, Text | Plural] = catalog(
    [
        ("file-missing", "file not found", "bestand niet gevonden"),
        ("yaml-syntax", "invalid YAML: {problem}", "ongeldige YAML: {problem}"),
        (
            "not-mapping",
            "the study file must be a mapping of keys to values",
            "het studiebestand moet een verzameling sleutels met waarden zijn",
        ),
        (
            "unknown-key",
            "unknown key '{key}'; expected one of: {expected}",
            "onbekende sleutel '{key}'; verwacht een van: {expected}",
        ),
        ("missing-key", "required key '{key}' is missing", "verplichte sleutel '{key}' ontbreekt"),
        ("bad-value", "{problem}", "{problem}"),
        ("duplicate-id", "id '{id}' is already used at line {line}", "id '{id}' is al gebruikt op regel {line}"),
        (
            "dangling",
            "'{id}' refers to '{target}', which is not defined in the study",
            "'{id}' verwijst naar '{target}', dat niet in de studie staat",
        ),
        ("cycle", "causal cycle: {path}", "causale kringloop: {path}"),
        (
            "method-unknown",
            "no installed plugin reads 'methods.{key}' (installed sections: {known}); it is kept but not analysed",
            "geen geïnstalleerde plug-in leest 'methods.{key}' (geïnstalleerde secties: {known}); het blijft bewaard maar wordt niet geanalyseerd",
        ),
        (
            "method-twice",
            "'methods.{key}' (line {line}) and 'methods.{other}' (line {other_line}) are the same section "
            "('{alias}' is another name of '{id}'); give it once, as 'methods.{id}'",
            "'methods.{key}' (regel {line}) en 'methods.{other}' (regel {other_line}) zijn dezelfde sectie "
            "('{alias}' is een andere naam van '{id}'); geef haar één keer, als 'methods.{id}'",
        ),
        (
            "plugin-load",
            "plugin '{plugin}' could not be loaded: {error}",
            "plug-in '{plugin}' kon niet worden geladen: {error}",
        ),
        (
            "plugin-missing",
            "{env} asks for plugin '{plugin}', which is not installed",
            "{env} vraagt om plug-in '{plugin}', maar die is niet geïnstalleerd",
        ),
        ("plugin-hook", "plugin '{plugin}' failed in {hook}: {error}", "plug-in '{plugin}' faalde in {hook}: {error}"),
        (
            "plugin-duplicate",
            "{what} '{id}' is provided by both '{first}' and '{second}'; both are refused",
            "{what} '{id}' wordt door zowel '{first}' als '{second}' geleverd; beide worden geweigerd",
        ),
        (
            "plugin-bad-return",
            "plugin '{plugin}' returned {got} from {hook}; expected {expected}",
            "plug-in '{plugin}' gaf {got} terug uit {hook}; verwacht: {expected}",
        ),
        (
            "changes-column-missing",
            "required column '{column}' is missing (columns found: {found})",
            "verplichte kolom '{column}' ontbreekt (gevonden kolommen: {found})",
        ),
        ("changes-empty-cell", "column '{column}' is empty", "kolom '{column}' is leeg"),
        (
            "changes-bad-number",
            "column '{column}': '{value}' is not a number",
            "kolom '{column}': '{value}' is geen getal",
        ),
        (
            "changes-format",
            "unsupported file type '{suffix}'; use .csv or .xlsx",
            "niet-ondersteund bestandstype '{suffix}'; gebruik .csv of .xlsx",
        ),
        ("changes-unreadable", "cannot read the file: {error}", "kan het bestand niet lezen: {error}"),
        (
            "import-has-changes",
            (
                "the study already has {n} change in {file}; use --append to add to it or --force to replace it",
                "the study already has {n} changes in {file}; use --append to add to them or --force to replace them",
            ),
            (
                "de studie heeft al {n} verandering in {file}; gebruik --append om die aan te vullen of --force om "
                "die te vervangen",
                "de studie heeft al {n} veranderingen in {file}; gebruik --append om ze aan te vullen of --force om "
                "ze te vervangen",
            ),
        ),
        (
            "import-has-inline-changes",
            (
                "the study already lists {n} change inline in {file}; use --append to add to it (all go to "
                "changes.csv, the comments stay) or --force to replace it",
                "the study already lists {n} changes inline in {file}; use --append to add to them (all go to "
                "changes.csv, the comments stay) or --force to replace them",
            ),
            (
                "de studie noemt al {n} verandering in {file} zelf; gebruik --append om die aan te vullen (alle gaan "
                "naar changes.csv, het commentaar blijft) of --force om die te vervangen",
                "de studie noemt al {n} veranderingen in {file} zelf; gebruik --append om ze aan te vullen (alle gaan "
                "naar changes.csv, het commentaar blijft) of --force om ze te vervangen",
            ),
        ),
        (
            "import-has-unreadable-changes",
            "the study already has changes in {file}, which cannot be read as a table; use --force to replace the file",
            "de studie heeft al veranderingen in {file}, dat niet als tabel te lezen is; gebruik --force om het bestand te vervangen",
        ),
        (
            "import-target-exists",
            "{file} exists already but {study} does not name it; use --force to overwrite it, or name it in "
            "'changes:' and use --append",
            "{file} bestaat al maar {study} noemt het niet; gebruik --force om het te overschrijven, of noem het bij "
            "'changes:' en gebruik --append",
        ),
        (
            "stakeholder-unknown",
            "stakeholder '{value}' is not one of the study's stakeholders ({known})",
            "stakeholder '{value}' hoort niet bij de stakeholders van de studie ({known})",
        ),
        (
            "decision-evidence",
            "decision '{id}' rests on '{target}', which the study does not define",
            "besluit '{id}' steunt op '{target}', dat niet in de studie staat",
        ),
        (
            "no-study",
            "no study here; give a folder with study.yaml or the YAML file itself",
            "hier staat geen studie; geef een map met study.yaml of het YAML-bestand zelf",
        ),
        (
            "yaml-syntax-hint",
            "invalid YAML: {hint} (the YAML reader says: {problem})",
            "ongeldige YAML: {hint} (de YAML-lezer zegt: {problem})",
        ),
        (
            "yaml-hint-colon",
            "a ':' inside a value, or a key indented wrongly: put the value in quotes or fix the indentation",
            "een ':' in een waarde, of een sleutel die verkeerd inspringt: zet de waarde tussen aanhalingstekens "
            "of herstel het inspringen",
        ),
        ("yaml-hint-tab", "a tab character: indent with spaces only", "een tab: spring alleen in met spaties"),
        (
            "yaml-hint-block",
            "the indentation does not match the lines above: line up items of one list or mapping",
            "het inspringen past niet bij de regels erboven: laat de onderdelen van één lijst of verzameling "
            "even ver inspringen",
        ),
        (
            "yaml-hint-missing-colon",
            "a line without 'key: value', or an unclosed quote or bracket: add the ':' or close it",
            "een regel zonder 'sleutel: waarde', of een aanhalingsteken of haakje dat niet sluit: voeg de ':' toe "
            "of sluit het",
        ),
        (
            "yaml-hint-bracket",
            "a '[' or '{{' that is not closed, or a ':' inside it: close the bracket, or quote the value",
            "een '[' of '{{' die niet sluit, of een ':' erbinnen: sluit het haakje, of zet de waarde tussen "
            "aanhalingstekens",
        ),
        (
            "yaml-hint-quote",
            "a quote that is not closed: end the value with the same quote",
            "een aanhalingsteken dat niet sluit: sluit de waarde af met hetzelfde aanhalingsteken",
        ),
        ("os-enoent", "no such file or folder", "bestand of map bestaat niet"),
        ("os-eacces", "permission denied", "geen toestemming"),
        ("os-eisdir", "it is a folder, not a file", "het is een map, geen bestand"),
        ("os-enotdir", "a part of the path is a file, not a folder", "een deel van het pad is een bestand, geen map"),
        ("os-enospc", "the disk is full", "de schijf is vol"),
        ("os-erofs", "the disk is read-only", "de schijf is alleen-lezen"),
        ("os-eexist", "it exists already", "het bestaat al"),
    ]
)


def msg(_key: str, /, **params: object) -> Text:
    """The core message ``key`` in both languages, with ``params`` filled in."""
    return fill(MESSAGES[_key], **params)


_ERRNO_KEYS = {
    "ENOENT": "os-enoent",
    "EACCES": "os-eacces",
    "EPERM": "os-eacces",
    "EISDIR": "os-eisdir",
    "ENOTDIR": "os-enotdir",
    "ENOSPC": "os-enospc",
    "EROFS": "os-erofs",
    "EEXIST": "os-eexist",
}


def os_error_text(exc: OSError) -> Text:
    """What went wrong with a path, in both languages: the common ``errno`` values in words,
    otherwise the system's own description (``strerror``), which is the same in both."""
    import errno

    key = _ERRNO_KEYS.get(errno.errorcode.get(exc.errno or 0, ""))
    if key is not None:
        return fill(MESSAGES[key])
    text = exc.strerror or str(exc) or type(exc).__name__
    return Text(en=text, nl=text)

"""Dutch for click's own words (``Usage:``, ``Options``, ``Error: …``), through gettext.

Click marks its messages for gettext in the default domain. When the command line runs in Dutch,
:func:`use` points that domain at ``locale/nl/LC_MESSAGES/impactkit-click.mo`` (public ``gettext``
API, nothing of click is patched); a message not in the catalogue stays English.

The catalogue is :data:`MESSAGES`. Babel's tools compile it (:func:`compile_mo`: a
``babel.messages`` ``Catalog`` written by ``mofile.write_mo``); ``python -m impactkit.cli.click_nl``
rewrites the shipped ``.mo``, so the command line never imports Babel to start. Tests check that
the shipped file holds exactly :data:`MESSAGES` and that click still says each of them.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

DOMAIN = "impactkit-click"
LOCALE_DIR = os.path.join(os.path.dirname(__file__), "locale")  # paths as text: the help starts without pathlib
MO_FILE = os.path.join(LOCALE_DIR, "nl", "LC_MESSAGES", f"{DOMAIN}.mo")

if TYPE_CHECKING:  # pragma: no cover
    from babel.messages.catalog import Catalog

MESSAGES: dict[str | tuple[str, str], str | tuple[str, str]] = {
    "Usage:": "Gebruik:",
    "Options": "Opties",
    "Commands": "Commando's",
    "Positional arguments": "Argumenten",
    "Show this message and exit.": "Toon deze hulp en stop.",
    "Show the version and exit.": "Toon de versie en stop.",
    "%(prog)s, version %(version)s": "%(prog)s, versie %(version)s",
    "Error: {message}": "Fout: {message}",
    "Try '{command} {option}' for help.": "Probeer '{command} {option}' voor hulp.",
    "No such command {name!r}.": "Onbekend commando {name!r}.",
    "No such option {name!r}.": "Onbekende optie {name!r}.",
    "Missing argument": "Argument ontbreekt",
    "Missing option": "Optie ontbreekt",
    "Missing parameter": "Parameter ontbreekt",
    "Missing parameter: {param_name}": "Parameter ontbreekt: {param_name}",
    "Missing command.": "Commando ontbreekt.",
    "Invalid value: {message}": "Ongeldige waarde: {message}",
    "Invalid value for {param_hint}: {message}": "Ongeldige waarde voor {param_hint}: {message}",
    "Option {name!r} does not take a value.": "Optie {name!r} neemt geen waarde.",
    "{value!r} is not a valid {number_type}.": "{value!r} is geen geldig getal ({number_type}).",
    "{value} is not in the range {range}.": "{value} ligt niet in het bereik {range}.",
    "{name} {filename!r} does not exist.": "{name} {filename!r} bestaat niet.",
    "{name} {filename!r} is a directory.": "{name} {filename!r} is een map.",
    "{name} {filename!r} is a file.": "{name} {filename!r} is een bestand.",
    "{name} {filename!r} is not readable.": "{name} {filename!r} is niet leesbaar.",
    "{name} {filename!r} is not writable.": "{name} {filename!r} is niet schrijfbaar.",
    "file": "bestand",
    "directory": "map",
    "path": "pad",
    "default: {default}": "standaard: {default}",
    "env var: {var}": "omgevingsvariabele: {var}",
    "Aborted!": "Afgebroken!",
    "required": "verplicht",
    "deprecated": "verouderd",
    "(dynamic)": "(dynamisch)",
    "Missing {param_type}": "{param_type} ontbreekt",
    "Argument {name!r} takes {nargs} values.": "Argument {name!r} neemt {nargs} waarden.",
    "Invalid start character for option ({option})": "Ongeldig beginteken voor een optie ({option})",
    "Value must be an iterable.": "De waarde moet een reeks zijn.",
    "Could not open file {filename!r}: {message}": "Kan bestand {filename!r} niet openen: {message}",
    "{name} {filename!r} is not executable.": "{name} {filename!r} is niet uitvoerbaar.",
    "unknown error": "onbekende fout",
    "Do you want to continue?": "Wil je doorgaan?",
    "Confirm the action without prompting.": "Bevestig zonder te vragen.",
    "Repeat for confirmation": "Herhaal ter bevestiging",
    "Error: The two entered values do not match.": "Fout: de twee ingevoerde waarden zijn niet gelijk.",
    "Error: invalid input": "Fout: ongeldige invoer",
    "Press any key to continue...": "Druk op een toets om door te gaan...",
    ("Takes {nargs} values but 1 was given.", "Takes {nargs} values but {len} were given."): (
        "Neemt {nargs} waarden, maar er is er 1 gegeven.",
        "Neemt {nargs} waarden, maar er zijn er {len} gegeven.",
    ),
    (
        "{len_type} values are required, but {len_value} was given.",
        "{len_type} values are required, but {len_value} were given.",
    ): (
        "{len_type} waarden zijn verplicht, maar er is er {len_value} gegeven.",
        "{len_type} waarden zijn verplicht, maar er zijn er {len_value} gegeven.",
    ),
    ("Did you mean {possibility}?", "(Did you mean one of: {possibilities}?)"): (
        "Bedoel je {possibility}?",
        "(Bedoel je een van: {possibilities}?)",
    ),
    ("Option {name!r} requires an argument.", "Option {name!r} requires {nargs} arguments."): (
        "Optie {name!r} vraagt een waarde.",
        "Optie {name!r} vraagt {nargs} waarden.",
    ),
    ("{value!r} is not {choice}.", "{value!r} is not one of {choices}."): (
        "{value!r} is niet {choice}.",
        "{value!r} is niet een van {choices}.",
    ),
    ("Got unexpected extra argument ({args})", "Got unexpected extra arguments ({args})"): (
        "Onverwacht extra argument ({args})",
        "Onverwachte extra argumenten ({args})",
    ),
}
"""Click's message (a ``(singular, plural)`` pair for ``ngettext``) → Dutch."""


def catalog(messages: dict[str | tuple[str, str], str | tuple[str, str]] = MESSAGES) -> "Catalog":
    """``messages`` as a Babel catalogue for Dutch (its plural rule from CLDR: ``n != 1``)."""
    import datetime

    from babel.messages.catalog import Catalog

    made = datetime.datetime(2025, 1, 1, tzinfo=datetime.UTC)  # fixed: the same bytes every time
    compiled = Catalog(
        locale="nl",
        domain=DOMAIN,
        project=DOMAIN,
        version="1",
        msgid_bugs_address="The impactkit team",
        creation_date=made,
        revision_date=made,
        last_translator="The impactkit team",
        language_team="Dutch",
    )
    compiled.fuzzy = False
    for original, translated in messages.items():
        compiled.add(original, translated)
    return compiled


def compile_mo(messages: dict[str | tuple[str, str], str | tuple[str, str]] = MESSAGES) -> bytes:
    """The GNU ``.mo`` file of ``messages``, as Babel writes it."""
    from io import BytesIO

    from babel.messages.mofile import write_mo

    out = BytesIO()
    write_mo(out, catalog(messages))
    return out.getvalue()


def shipped(path: str | os.PathLike[str] = MO_FILE) -> dict[str | tuple[str, str], str | tuple[str, str]]:
    """The messages of a compiled ``.mo`` file (the shipped one by default), as :data:`MESSAGES` has them."""
    from babel.messages.mofile import read_mo

    def plain(value: str | tuple[str, ...] | list[str]) -> str | tuple[str, ...]:
        return value if isinstance(value, str) else tuple(value)

    with open(path, "rb") as handle:
        return {plain(m.id): plain(m.string) for m in read_mo(handle) if m.id}  # type: ignore[misc]


def use(lang: str) -> None:
    """Make click speak ``lang`` in this process (Dutch from the catalogue; English as it is)."""
    import gettext

    if lang != "nl" or not os.path.isfile(MO_FILE):
        return
    gettext.bindtextdomain(DOMAIN, LOCALE_DIR)
    gettext.textdomain(DOMAIN)
    os.environ["LANGUAGE"] = "nl"  # gettext picks the catalogue's language from here


if __name__ == "__main__":  # pragma: no cover - a maintainer's tool
    from impactkit.core.files import atomic_write

    os.makedirs(os.path.dirname(MO_FILE), exist_ok=True)
    atomic_write(MO_FILE, compile_mo())
    print(f"wrote {MO_FILE}")

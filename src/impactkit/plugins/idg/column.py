"""The ``idg`` column of the changes: the IDG codes a change is coded with.

The plugin declares it on its study section (:class:`~impactkit.plugin.ChangeColumn`); the core
reads it from a changes file (``idg``, ``IDG codes``, ``idg_codering`` ...) and from an inline
change (``idg: [Thinking, Relating]`` or ``idg: "Thinking; Relating"``) and keeps the codes in
``change.codes["idg"]``. Whether a code is a dimension or a skill of the framework is checked
later, against the study's framework (``idg.unknown-code``), so that a study is read whole first.
"""

from __future__ import annotations

from typing import Any

from impactkit.plugin import ChangeColumn, Text, TextError

NAME = "idg"
"""The column's name: the key of an inline change, the header of a changes file, ``ctx.changes[NAME]``."""


def parse_codes(value: Any) -> list[str]:
    """The codes of one value as a user writes it: text with codes separated by ``;``, or a list of
    codes; each code stripped, empty ones left out."""
    if isinstance(value, str):
        items: list[Any] = value.split(";")
    elif isinstance(value, (list, tuple)):
        items = list(value)
    else:
        raise TextError(
            en="IDG codes are text, several separated by ';' (Thinking; Relating), or a list of them",
            nl="IDG-codes zijn tekst, meerdere gescheiden door ';' (Denken; Verbinden), of een lijst daarvan",
        )
    codes = []
    for item in items:
        if not isinstance(item, str):
            raise TextError(
                en=f"an IDG code is the name of a dimension or a skill, not {item!r}",
                nl=f"een IDG-code is de naam van een dimensie of een vaardigheid, niet {item!r}",
            )
        if item.strip():
            codes.append(item.strip())
    return codes


def codes(change: Any) -> list[str]:
    """The IDG codes of a change (``[]`` when it has none)."""
    return list(change.codes.get(NAME, ()))


COLUMN = ChangeColumn(
    name=NAME,
    aliases=("idg_code", "idg_codes", "idg_codering"),
    title=Text(en="IDG codes", nl="IDG-codes"),
    description=Text(
        en="IDG dimensions or skills of the study's framework, separated by ';' (in the study file: a list, "
        "or the same text).",
        nl="IDG-dimensies of -vaardigheden van het raamwerk van de studie, gescheiden door ';' (in het "
        "studiebestand: een lijst, of dezelfde tekst).",
    ),
    parse=parse_codes,
    json_schema={"anyOf": [{"type": "array", "items": {"type": "string"}}, {"type": "string"}]},
    example=Text(en="Thinking", nl="Denken"),
)

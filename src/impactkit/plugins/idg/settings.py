"""The ``methods.idg`` section of a study file.

Every check raises :class:`IdgSettingsError`, a ``ValueError`` that carries its message in
English and Dutch (``.text``), so the core reports it in the user's language.

The checks that need the framework (the dimensions named in ``groups`` and ``colours``) run per
group entry and per colour, with the framework named in the same section (``info.data``), so
that every problem in the section is reported in one pass, each at its own line. When the
framework itself is unknown only that is reported: the names cannot be checked against it.
"""

from __future__ import annotations

import re
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, ValidationInfo, field_validator

from impactkit.plugin import Text, TextError, format_list, you_meant

from .framework import DEFAULT_FRAMEWORK, Framework, available_frameworks, load_framework

RankBy = Literal["people", "importance", "people_x_importance"]
_RANKS = ("people", "importance", "people_x_importance")
_RANK_ALIASES = {
    "mensen": "people",
    "personen": "people",
    "aantal_mensen": "people",
    "belang": "importance",
    "gemiddeld_belang": "importance",
    "mensen_x_belang": "people_x_importance",
    "product": "people_x_importance",
}
_COLOUR = re.compile(r"^(#[0-9a-fA-F]{6}|#[0-9a-fA-F]{3}|[a-z]+)$")


class IdgSettingsError(TextError):
    """A ``methods.idg`` value that cannot be used; ``text`` holds the message in both languages."""


def _framework(info: ValidationInfo) -> Framework | None:
    """The framework named in the section being validated; ``None`` when it is itself wrong."""
    name = info.data.get("framework")
    return load_framework(name) if name in available_frameworks() else None


def _not_a_dimension(value: str, fw: Framework) -> IdgSettingsError:
    hint = fw.suggestions(value, 1)
    names_en = format_list(fw.dimension_names, "en")
    names_nl = format_list([d.name_nl for d in fw.dimensions], "nl")
    extra = you_meant(hint[0]) if hint else Text(en="", nl="")
    return IdgSettingsError(
        en=f"'{value}' is not a dimension of {fw.id} ({names_en}){extra.en}",
        nl=f"'{value}' is geen dimensie van {fw.id} ({names_nl}){extra.nl}",
    )


def _dimension(value: str, info: ValidationInfo) -> str:
    """A dimension named in English or Dutch → its English name in the framework."""
    fw = _framework(info)
    if fw is None:
        return value
    found = fw.find_dimension(value)
    if found is None:
        raise _not_a_dimension(value, fw)
    return found


def _group(dims: list[str]) -> list[str]:
    if not dims:
        raise IdgSettingsError(en="the group names no dimensions", nl="de groep noemt geen dimensies")
    return list(dict.fromkeys(dims))  # each dimension once, in the order given


def _colour(value: str) -> str:
    value = value.strip()
    if not _COLOUR.match(value):
        raise IdgSettingsError(
            en=f"'{value}' is not a colour such as '#2E9C6A'", nl=f"'{value}' is geen kleur zoals '#2E9C6A'"
        )
    return value


Dimension = Annotated[str, AfterValidator(_dimension)]
Group = Annotated[list[Dimension], AfterValidator(_group)]
Colour = Annotated[str, AfterValidator(_colour)]


class IdgSettings(BaseModel):
    """Settings of the IDG analysis (all optional)."""

    model_config = ConfigDict(extra="forbid")

    # ``framework`` comes first: the checks of ``groups`` and ``colours`` read it from info.data
    framework: str = Field(DEFAULT_FRAMEWORK, description="IDG framework version, e.g. 'idg-2021'.")
    rank_by: RankBy = Field(
        "people",
        description="How top changes are ranked per stakeholder group: 'people' (number of people "
        "reporting the theme), 'importance' (mean importance) or 'people_x_importance'.",
    )
    top: int = Field(3, ge=1, le=50, description="How many top changes per stakeholder group.")
    groups: dict[str, Group] = Field(
        default_factory=dict,
        description="Named groups of dimensions whose share of the coded changes is reported, "
        "e.g. {'samenwerken en verbinden': [Relating, Collaborating]}.",
    )
    min_n: int = Field(
        5,
        ge=1,
        description="The fewest coded changes a stakeholder group (or the whole study) needs before its "
        "figures are shown as shares; below it the report and charts show counts, with a small-n note.",
    )
    primary_coder: str | None = Field(
        None, description="With double coding (rows sharing an id), whose codes count; default: the first row."
    )
    colours: dict[Dimension, Colour] = Field(default_factory=dict, description="Chart colour per dimension.")

    @field_validator("rank_by", mode="before")
    @classmethod
    def _rank_alias(cls, value: object) -> object:
        if isinstance(value, str):
            key = value.strip().casefold().replace(" ", "_").replace("×", "x").replace("*", "x")
            key = _RANK_ALIASES.get(key, key)
            if key in _RANKS:
                return key
        raise IdgSettingsError(
            en="rank_by must be people, importance or people_x_importance (Dutch: mensen, belang, mensen_x_belang)",
            nl="rank_by moet people, importance of people_x_importance zijn (of: mensen, belang, mensen_x_belang)",
        )

    @field_validator("framework")
    @classmethod
    def _known_framework(cls, value: str) -> str:
        known = available_frameworks()
        if value not in known:
            raise IdgSettingsError(
                en=f"unknown IDG framework '{value}'; available: {format_list(known, 'en')}",
                nl=f"onbekend IDG-raamwerk '{value}'; beschikbaar: {format_list(known, 'nl')}",
            )
        return value

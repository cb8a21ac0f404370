"""The ``methods.idg`` section of a study file."""

from __future__ import annotations

import re
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from .framework import DEFAULT_FRAMEWORK, available_frameworks, load_framework

RankBy = Literal["people", "importance", "people_x_importance"]
_RANK_ALIASES = {
    "mensen": "people", "personen": "people", "aantal_mensen": "people",
    "belang": "importance", "gemiddeld_belang": "importance",
    "mensen_x_belang": "people_x_importance", "product": "people_x_importance",
}
_COLOUR = re.compile(r"^(#[0-9a-fA-F]{6}|#[0-9a-fA-F]{3}|[a-z]+)$")


class IdgSettings(BaseModel):
    """Settings of the IDG analysis (all optional)."""

    model_config = ConfigDict(extra="forbid")

    framework: str = Field(DEFAULT_FRAMEWORK, description="IDG framework version, e.g. 'idg-2021'.")
    rank_by: RankBy = Field(
        "people",
        description="How top changes are ranked per stakeholder group: 'people' (number of people "
                    "reporting the theme), 'importance' (mean importance) or 'people_x_importance'.")
    top: int = Field(3, ge=1, le=50, description="How many top changes per stakeholder group.")
    groups: dict[str, list[str]] = Field(
        default_factory=dict,
        description="Named groups of dimensions whose share of the coded changes is reported, "
                    "e.g. {'samenwerken en verbinden': [Relating, Collaborating]}.")
    primary_coder: str | None = Field(
        None, description="With double coding (rows sharing an id), whose codes count; default: the first row.")
    colours: dict[str, str] = Field(default_factory=dict, description="Chart colour per dimension.")

    @field_validator("rank_by", mode="before")
    @classmethod
    def _rank_alias(cls, value: object) -> object:
        if isinstance(value, str):
            key = value.strip().casefold().replace(" ", "_").replace("×", "x").replace("*", "x")
            return _RANK_ALIASES.get(key, key)
        return value

    @field_validator("framework")
    @classmethod
    def _known_framework(cls, value: str) -> str:
        known = available_frameworks()
        if value not in known:
            raise ValueError(f"unknown IDG framework '{value}'; available: {', '.join(known)}")
        return value

    @model_validator(mode="after")
    def _dimensions_exist(self) -> "IdgSettings":
        fw = load_framework(self.framework)
        resolved: dict[str, list[str]] = {}
        for name, dims in self.groups.items():
            if not dims:
                raise ValueError(f"group '{name}' names no dimensions")
            out = []
            for dim in dims:
                found = fw.find_dimension(dim)
                if found is None:
                    hint = fw.suggestions(dim, 1)
                    extra = f" (did you mean '{hint[0]}'?)" if hint else ""
                    raise ValueError(f"group '{name}': '{dim}' is not a dimension of {fw.id}"
                                     f" ({', '.join(fw.dimension_names)}){extra}")
                if found not in out:
                    out.append(found)
            resolved[name] = out
        colours: dict[str, str] = {}
        for dim, colour in self.colours.items():
            found = fw.find_dimension(dim)
            if found is None:
                raise ValueError(f"colours: '{dim}' is not a dimension of {fw.id}")
            if not _COLOUR.match(colour.strip()):
                raise ValueError(f"colours: '{colour}' is not a colour such as '#2E9C6A'")
            colours[found] = colour.strip()
        object.__setattr__(self, "groups", resolved)
        object.__setattr__(self, "colours", colours)
        return self

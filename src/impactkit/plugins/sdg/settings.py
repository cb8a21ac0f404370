"""The ``methods.sdg`` section of a study file.

Every check raises :class:`SdgSettingsError`, a ``ValueError`` that carries its message in
English and Dutch (``.text``), so the core reports it in the user's language at its line
(``FILE:LINE:COL``, exit 2).

A goal may be written as a number (``4``) or a string (``"4"``, ``"SDG 4"``, ``"sdg4"``, ``"SDG-04"``,
``"goal 4"``, ``"doel 4"``), read as the changes' ``sdg`` column is (:func:`.column.sdg_goal`);
it is stored as the number. A helix is named as the core knows it (:data:`impactkit.plugin.Helix`:
the id ``civil_society``, ``maatschappij``, ``civil society`` ...); it is stored as the id, and an
unknown name is refused with the core's message.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, field_validator, model_validator

from impactkit.plugin import Helix, TextError

from .column import not_a_goal, sdg_goal


class SdgSettingsError(TextError):
    """A ``methods.sdg`` value that cannot be used; ``text`` holds the message in both languages."""


parse_goal = sdg_goal
"""One goal as a user writes it → its number, or ``None``: the study format's reading
(:func:`.column.sdg_goal`), the same as in the changes' ``sdg`` column."""


def _goal(value: object) -> int:
    goal = sdg_goal(value)
    if goal is None:
        why = not_a_goal(str(value))
        raise SdgSettingsError(en=why.en, nl=why.nl)
    return goal


Goal = Annotated[int, BeforeValidator(_goal)]


class OutcomeGoals(BaseModel):
    """The goals an outcome or impact contributes to, and why."""

    model_config = ConfigDict(extra="forbid")

    goals: list[Goal] = Field(description="SDG numbers, e.g. [4, 17].")
    rationale: str | None = Field(None, description="Why the outcome contributes to these goals.")

    @model_validator(mode="before")
    @classmethod
    def _short_form(cls, value: Any) -> Any:
        """``[4, 17]`` or ``4`` is short for ``{goals: [4, 17]}``."""
        if isinstance(value, (list, int, str)):
            return {"goals": value if isinstance(value, list) else [value]}
        return value

    @field_validator("goals")
    @classmethod
    def _some(cls, value: list[int]) -> list[int]:
        if not value:
            raise SdgSettingsError(en="name at least one goal", nl="noem minstens één doel")
        return list(dict.fromkeys(value))


class SdgSettings(BaseModel):
    """Settings of the SDG analysis (all optional)."""

    model_config = ConfigDict(extra="forbid")

    codes_from: Literal["changes", "outcomes", "both"] = Field(
        "both",
        description="Where a change's goals come from: its own 'sdg' column ('changes'), the goals of the "
        "outcome it is evidence of ('outcomes', see 'outcomes'), or both (the union).",
    )
    outcomes: dict[str, OutcomeGoals] = Field(
        default_factory=dict,
        description="Outcome or impact id → the goals it contributes to: [4, 17], or "
        "{goals: [4, 17], rationale: '...'}.",
    )
    min_changes: int = Field(1, ge=1, description="How many changes a goal needs to count as reached.")
    helices: list[Helix] | None = Field(
        None,
        description="The helices the study expects to reach (ids, or English or Dutch names such as "
        "onderwijs, bedrijfsleven, overheid, maatschappij, milieu); "
        "a warning names each one that is not reached.",
    )
    primary_coder: str | None = Field(
        None, description="With double coding (rows sharing an id), whose SDG codes count; default: the first row."
    )
    suggest_language: Literal["en", "nl"] | None = Field(
        None,
        description="Language of the suggester of 'impactkit code --method sdg': 'en' (the Aurora "
        "queries) or 'nl' (impactkit's Dutch lexicon); default: the study's language.",
    )
    query_sets: list[str] | None = Field(
        None,
        description="The query systems the suggester uses: aurora, bergen, bergen-topic, bergen-action, "
        "lexicon-nl, or a keyword list (.csv, .xlsx: goal, target, term, context) or a query file (Scopus or "
        "Web of Science syntax) in the study folder, relative to it. A goal is suggested when any of them "
        "names it. Default: aurora, or lexicon-nl when the suggester's language is Dutch.",
    )

    @field_validator("codes_from", mode="before")
    @classmethod
    def _codes_from_alias(cls, value: object) -> object:
        aliases = {"veranderingen": "changes", "effecten": "outcomes", "beide": "both"}
        if isinstance(value, str):
            key = value.strip().casefold()
            key = aliases.get(key, key)
            if key in ("changes", "outcomes", "both"):
                return key
        raise SdgSettingsError(
            en="codes_from must be changes, outcomes or both (Dutch: veranderingen, effecten, beide)",
            nl="codes_from moet changes, outcomes of both zijn (of: veranderingen, effecten, beide)",
        )

    @field_validator("query_sets")
    @classmethod
    def _query_sets(cls, value: list[str] | None) -> list[str] | None:
        if value is None:
            return None
        names = [str(v).strip() for v in value]
        if not names or any(not n for n in names):
            raise SdgSettingsError(
                en="name at least one query set, none of them empty (aurora, bergen, lexicon-nl or a file)",
                nl="noem minstens één zoekvraagset, geen lege (aurora, bergen, lexicon-nl of een bestand)",
            )
        return list(dict.fromkeys(names))

    @field_validator("helices")
    @classmethod
    def _once(cls, value: list[str] | None) -> list[str] | None:
        return None if value is None else list(dict.fromkeys(value))

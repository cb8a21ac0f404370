"""``methods.value_creation`` in ``study.yaml``: the community and its value-creation stories.

A story is what one stakeholder tells about taking part, cycle by cycle (see :mod:`.cycles`)::

    methods:
      value_creation:
        community: Krachtige Leerkring Lingewaard
        stories:
          - id: casustafel
            title: Van casustafel naar een telefoontje in plaats van een brief
            stakeholder: professionals          # who tells it (a stakeholder of the study)
            cycles:
              immediate: We bespraken een gezin met huurachterstand aan de casustafel.
              applied:                          # or with where it shows and which changes back it up
                text: Bij een huurachterstand bel ik nu eerst de schuldhulpverlener.
                evidence: werkinstructie huurachterstand, voorjaar
                changes: [C07]                  # ids of experienced changes (the changes table)

A cycle's key is its id or its Dutch name (``toegepast``, ``gerealiseerd`` …); its value is the
story's account of that cycle, as text or as ``{text, evidence, changes}``.
"""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, field_validator

from impactkit.plugin import ID_PATTERN, TextError, did_you_mean, format_list

from .cycles import BY_ID, IDS, KEYS, cycle_id, normalise


class ValueCreationError(TextError):
    """A value in ``methods.value_creation`` that cannot be used (in English and Dutch)."""


def _known_cycle(key: str) -> str:
    if cycle_id(key) is None:
        hint = did_you_mean(normalise(key), KEYS)
        raise ValueCreationError(
            f"'{key}' is not a cycle of value creation; the cycles are {format_list(IDS, 'en')}"
            + (hint.en if hint else ""),
            f"'{key}' is geen cyclus van waardecreatie; de cycli zijn {format_list(IDS, 'nl')}"
            + (hint.nl if hint else ""),
        )
    return key


def _text_alone(value: Any) -> Any:
    """A cycle given as text alone is its account: ``applied: "…"`` is ``applied: {text: "…"}``."""
    return {"text": value} if isinstance(value, str) else value


class Account(BaseModel):
    """A story's account of one cycle."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    text: str = Field(min_length=1, description="What the teller says happened in this cycle.")
    evidence: str | None = Field(None, description="Where it shows: an indicator, a document, an observation.")
    changes: list[str] = Field(
        default_factory=list, description="Ids of experienced changes (the study's changes) that back it up."
    )


CycleKey = Annotated[str, AfterValidator(_known_cycle)]
CycleAccount = Annotated[Account, BeforeValidator(_text_alone)]


class Story(BaseModel):
    """A value-creation story: what one stakeholder tells about taking part, cycle by cycle."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    id: str = Field(pattern=ID_PATTERN)
    title: str = Field(min_length=1)
    stakeholder: str = Field(description="Who tells the story: a stakeholder of the study (id, name or group).")
    teller: str | None = Field(None, description="The person (as in the changes' 'person' column), if one.")
    cycles: dict[CycleKey, CycleAccount] = Field(
        min_length=1,
        description="The story's account per cycle: immediate, potential, applied, realised, reframing, strategic, "
        "enabling (or the Dutch names: directe, potentiele, toegepaste, gerealiseerde, herdefinierende, "
        "strategische, faciliterende waarde).",
    )

    @field_validator("cycles")
    @classmethod
    def _one_key_per_cycle(cls, value: dict[str, Account]) -> dict[str, Account]:
        seen: dict[str, str] = {}
        for key in value:
            cycle = cycle_id(key)
            if cycle in seen:
                raise ValueCreationError(
                    f"'{seen[cycle]}' and '{key}' are the same cycle ({cycle}); give it once",
                    f"'{seen[cycle]}' en '{key}' zijn dezelfde cyclus ({BY_ID[cycle].name.nl}); geef hem één keer",
                )
            seen[cycle] = key
        return value

    def account(self, cycle: str) -> tuple[str, Account] | None:
        """``(key as written, account)`` of the cycle with id ``cycle``, or ``None`` when the story
        tells nothing of it."""
        return next(((key, acc) for key, acc in self.cycles.items() if cycle_id(key) == cycle), None)

    def cycle_ids(self) -> list[str]:
        """The ids of the cycles the story tells of, in the framework's order."""
        told = {cycle_id(key) for key in self.cycles}
        return [c for c in IDS if c in told]


class ValueCreationSettings(BaseModel):
    """The ``methods.value_creation`` section."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    community: str | None = Field(None, description="The community or network whose value the stories tell of.")
    stories: list[Story] = Field(default_factory=list, description="The value-creation stories.")

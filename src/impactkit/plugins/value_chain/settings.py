"""The ``methods.value_chain`` section of a study file (also accepted as ``methods.leerkring``).

The section holds what is the leerkring's own; the chain itself stays in the core:

* the desired **effects** are the study's ``outcomes`` and ``impacts``; an ``effects`` entry adds,
  per outcome, how we will see it (``indicator``), for whom, which needs it serves and how it
  was evaluated;
* the **projects** are the study's ``activities``; a ``review`` entry gives, per activity, the
  decision (``continue``, ``improve``, ``new``, ``stop``) with its rationale.

Every value problem raises :class:`ValueChainSettingsError`, a ``ValueError`` that carries its
message in English and Dutch (``.text``), so the core reports it in the user's language at its
line. References to the rest of the study (activity, outcome, stakeholder and need ids) are
checked by the plugin's validations, which point at the line as well.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, field_validator

from impactkit.plugin import ID_PATTERN, Text, TextError

Decision = Literal["continue", "improve", "new", "stop"]
DECISIONS: tuple[str, ...] = ("continue", "improve", "new", "stop")
DECISION_ALIASES: dict[str, str] = {
    "blijven": "continue",
    "doorgaan": "continue",
    "voortzetten": "continue",
    "keep": "continue",
    "verbeteren": "improve",
    "beter": "improve",
    "aanpassen": "improve",
    "adapt": "improve",
    "nieuw": "new",
    "ontwikkelen": "new",
    "develop": "new",
    "stoppen": "stop",
    "niet_meer": "stop",
    "drop": "stop",
}
DECISION_LABELS: dict[str, Text] = {
    "continue": Text(en="continue", nl="blijven doen"),
    "improve": Text(en="improve", nl="beter doen"),
    "new": Text(en="new", nl="nieuw ontwikkelen"),
    "stop": Text(en="stop", nl="niet meer doen"),
}

Status = Literal["achieved", "partly", "not_achieved", "not_evaluated"]
STATUSES: tuple[str, ...] = ("achieved", "partly", "not_achieved", "not_evaluated")
STATUS_ALIASES: dict[str, str] = {
    "bereikt": "achieved",
    "gezien": "achieved",
    "seen": "achieved",
    "deels": "partly",
    "gedeeltelijk": "partly",
    "deels_bereikt": "partly",
    "niet_bereikt": "not_achieved",
    "niet_gezien": "not_achieved",
    "niet_geevalueerd": "not_evaluated",
    "niet_geëvalueerd": "not_evaluated",
    "nog_niet": "not_evaluated",
}
STATUS_LABELS: dict[str, Text] = {
    "achieved": Text(en="achieved", nl="bereikt"),
    "partly": Text(en="partly achieved", nl="deels bereikt"),
    "not_achieved": Text(en="not achieved", nl="niet bereikt"),
    "not_evaluated": Text(en="not evaluated yet", nl="nog niet geëvalueerd"),
}


class ValueChainSettingsError(TextError):
    """A ``methods.value_chain`` value that cannot be used; ``text`` holds the message in both languages."""


def _key(value: object) -> str | None:
    if not isinstance(value, str):
        return None
    return "_".join(value.strip().casefold().replace("-", " ").split())


def _choice(value: object, choices: tuple[str, ...], aliases: dict[str, str], error: ValueChainSettingsError) -> str:
    key = _key(value)
    key = aliases.get(key, key) if key is not None else None
    if key in choices:
        return key
    raise error


def _filled(what: Text) -> BeforeValidator:
    """Refuses an empty text, naming ``what`` in both languages."""

    def check(value: object) -> object:
        if isinstance(value, str) and not value.strip():
            raise ValueChainSettingsError(en=f"{what.en} is empty", nl=f"{what.nl} is leeg")
        return value

    return BeforeValidator(check)


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class Need(_Strict):
    """A local need: what people need, not what they wish for or a solution."""

    id: str = Field(pattern=ID_PATTERN, description="Referred to by the ambition and the effects.")
    statement: Annotated[str, _filled(Text(en="the need's statement", nl="de omschrijving van de behoefte"))] = Field(
        description="The underlying need, as what people need (not an activity)."
    )
    stakeholders: list[str] = Field(default_factory=list, description="Ids of the stakeholders who have the need.")
    theme: str | None = Field(None, description="The local theme it belongs to, e.g. 'participatie'.")
    source: str | None = Field(None, description="How the need was established (conversations, figures, research).")
    description: str | None = None


class Ambition(_Strict):
    """Why the leerkring exists and what it aims at: the coat rack for everything else."""

    text: Annotated[str, _filled(Text(en="the ambition's text", nl="de tekst van de ambitie"))] = Field(
        description="The ambition."
    )
    label: str | None = Field(None, description="A short version for diagrams.")
    needs: list[str] = Field(default_factory=list, description="Ids of the needs the ambition answers.")


class Effect(_Strict):
    """What the leerkring adds to one desired effect (an outcome or impact of the study)."""

    outcome: str = Field(description="Id of the outcome or impact this entry is about.")
    indicator: str | None = Field(
        None, description="How we will see it with the target group (if the outcome does not say it already)."
    )
    stakeholders: list[str] = Field(default_factory=list, description="For whom (default: the outcome's stakeholders).")
    needs: list[str] = Field(default_factory=list, description="Ids of the needs it serves.")
    status: Status | None = Field(None, description="Evaluation: achieved, partly, not_achieved or not_evaluated.")
    evidence: str | None = Field(None, description="Evaluation: what shows it.")

    @field_validator("status", mode="before")
    @classmethod
    def _status(cls, value: object) -> object:
        if value is None:
            return None
        return _choice(
            value,
            STATUSES,
            STATUS_ALIASES,
            ValueChainSettingsError(
                en="status must be achieved, partly, not_achieved or not_evaluated "
                "(Dutch: bereikt, deels, niet_bereikt, niet_geevalueerd)",
                nl="status moet achieved, partly, not_achieved of not_evaluated zijn "
                "(of: bereikt, deels, niet_bereikt, niet_geevalueerd)",
            ),
        )


class Review(_Strict):
    """The critical review of one project (an activity of the study)."""

    activity: str = Field(description="Id of the activity (project) reviewed.")
    decision: Decision = Field(
        description="continue, improve, new or stop (Dutch: blijven, verbeteren, nieuw, stoppen)."
    )
    rationale: str | None = Field(None, description="Why: how it fits the ambition and the effects, or does not.")
    effects: list[str] = Field(
        default_factory=list, description="Ids of the effects it serves, in addition to those its causal chain reaches."
    )
    funding: str | None = Field(None, description="Where the money comes from, e.g. a subsidy.")
    initiator: str | None = Field(None, description="Who brought it in, e.g. a lector's research group.")

    @field_validator("decision", mode="before")
    @classmethod
    def _decision(cls, value: object) -> object:
        return _choice(
            value,
            DECISIONS,
            DECISION_ALIASES,
            ValueChainSettingsError(
                en="decision must be continue, improve, new or stop (Dutch: blijven, verbeteren, nieuw, stoppen)",
                nl="decision moet continue, improve, new of stop zijn (of: blijven, verbeteren, nieuw, stoppen)",
            ),
        )


class ValueChainSettings(_Strict):
    """The Krachtige Leerkring's value-creation logic (every key optional)."""

    needs: list[Need] = Field(default_factory=list, description="The local needs.")
    ambition: Ambition | None = Field(None, description="The ambition, and the needs it answers.")
    effects: list[Effect] = Field(
        default_factory=list,
        description="Per desired effect (outcome or impact): indicator, for whom, the needs it serves, evaluation.",
    )
    review: list[Review] = Field(
        default_factory=list, description="Per project (activity): continue, improve, new or stop."
    )

"""What the SDG plugin computes once per run and shares between its checks, metrics and views."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .analysis import GoalTable, records
from .settings import SdgSettings


@dataclass
class State:
    study: Any
    settings: SdgSettings
    items: GoalTable
    """One entry per change (double codings merged), as one table (iterating gives each :class:`Record`)."""

    @property
    def min_changes(self) -> int:
        return self.settings.min_changes


def applies(study: Any) -> bool:
    """The SDG analysis runs when the study has ``methods.sdg`` or any change carries an SDG code."""
    if study.method("sdg") is not None:
        return True
    changes = study.change_frame
    return "sdg" in changes and bool(changes["sdg"].map(bool).any())


def build(study: Any) -> State | None:
    if not applies(study):
        return None
    settings = study.method("sdg") or SdgSettings()
    return State(study=study, settings=settings, items=records(study, settings))


KEY = "sdg.state"
"""The run's memo key of the state (the graph hook builds it, :func:`state` finds it)."""


def state(ctx: Any) -> State | None:
    """The shared state for this run, or ``None`` when the study does not use SDGs."""
    return ctx.memo(KEY, lambda: build(ctx.study))

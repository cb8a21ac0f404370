"""What the IDG plugin computes once per run and shares between its checks, metrics and views."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .analysis import Coded, code, records_from_study
from .column import codes
from .framework import Framework, load_framework
from .settings import IdgSettings


@dataclass
class State:
    settings: IdgSettings
    framework: Framework
    records: list[dict[str, Any]]
    """Every row of the changes (double-coded changes have several)."""
    coded: list[Coded]
    """One entry per change, with the primary coder's codes resolved."""
    study: Any = None
    """The study (for the names it gives its stakeholder groups)."""

    def colour(self, dimension: str) -> str:
        return self.settings.colours.get(dimension) or self.framework.dimension(dimension).colour


def applies(study: Any) -> bool:
    """The IDG analysis runs when the study has ``methods.idg`` or any change carries an IDG code."""
    return study.method("idg") is not None or any(codes(change) for change in study.change_list)


def build(study: Any, *, always: bool = False) -> State | None:
    """The IDG analysis of ``study``, or ``None`` when it does not use IDG; ``always``: also for a
    study without an IDG section or codes, with the default settings (and framework)."""
    if not always and not applies(study):
        return None
    settings = study.method("idg") or IdgSettings()
    framework = load_framework(settings.framework)
    records = records_from_study(study)
    return State(
        settings=settings,
        framework=framework,
        records=records,
        coded=code(records, framework, settings.primary_coder),
        study=study,
    )


KEY = "idg.state"
"""The run's memo key of the state (the graph hook builds it, :func:`state` finds it)."""


def state(ctx: Any) -> State | None:
    """The shared state for this run, or ``None`` when the study does not use IDG."""
    return ctx.memo(KEY, lambda: build(ctx.study))

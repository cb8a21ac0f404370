"""The SDG plugin's part of step 4 (broader impact): complete only when it has results — at least
one goal reached and at least one helix reaching it — not merely when the study has the sections."""

from __future__ import annotations

from typing import Any

from impactkit.plugin import Step, StepStatus, Text, fill

from .state import state
from .text import MESSAGES


def _reached(ctx: Any) -> StepStatus:
    current = state(ctx)
    if current is None:
        return StepStatus.not_applicable()
    from . import analysis as a

    if not a.n_coded(current.items):
        return StepStatus.of([MESSAGES["step-no-goals"]])
    if not a.reached(current.items, current.min_changes):
        return StepStatus.of([fill(MESSAGES["step-none-reached"], n=current.min_changes)])
    if not a.helices_reached(current.study, current.items, current.min_changes):
        return StepStatus.of([MESSAGES["step-no-helix"]])
    return StepStatus.of([])


STEPS = [
    Step(
        id="sdg.reached",
        number=4,
        check=_reached,
        title=Text(en="SDGs and helices reached", nl="SDG's en helices bereikt"),
    )
]

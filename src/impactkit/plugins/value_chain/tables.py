"""Result tables (``pandas.DataFrame``), written as CSV by ``impactkit run -o``.

Column names are English identifiers (stable for scripts); the decision labels follow the
language of the run in ``decision_label``.
"""

from __future__ import annotations

from typing import Any

from .chain import Chain
from .settings import DECISION_LABELS


def value_chain(chain: Chain, lang: str) -> Any:
    """One row per line need → ambition → effect → project; a gap leaves the rest of its row empty."""
    import pandas as pd

    ambition = chain.settings.ambition
    rows = []
    for need, effect, project in chain.paths():
        rows.append(
            {
                "need": need,
                "need_statement": chain.needs[need].statement,
                "theme": chain.needs[need].theme,
                "in_ambition": need in chain.answered,
                "ambition": (ambition.label or ambition.text)
                if ambition is not None and need in chain.answered
                else None,
                "effect": effect,
                "effect_name": chain.effects[effect].name if effect else None,
                "indicator": chain.indicator(effect) if effect else None,
                "project": project,
                "project_name": chain.projects[project].name if project else None,
                "decision": chain.decision(project) if project else None,
            }
        )
    return pd.DataFrame(rows) if rows else None


def review(chain: Chain, lang: str) -> Any:
    """Project × effect: which effects each project serves, with its decision and rationale."""
    import pandas as pd

    if not chain.projects:
        return None
    rows = []
    for project, node in chain.projects.items():
        item = chain.reviews.get(project)
        decision = item.decision if item else None
        row: dict[str, Any] = {
            "project": project,
            "name": node.name,
            "decision": decision,
            "decision_label": DECISION_LABELS[decision].get(lang) if decision else None,
            "rationale": item.rationale if item else None,
            "funding": item.funding if item else None,
            "initiator": item.initiator if item else None,
            "fits_ambition": chain.fits(project),
        }
        served = set(chain.serves(project))
        row.update({effect: effect in served for effect in chain.effects})
        rows.append(row)
    return pd.DataFrame(rows).set_index("project")

"""Result tables of the SDG plugin (``pandas.DataFrame``), written as CSV by ``impactkit run -o``.

Column names are English identifiers (stable for scripts); goal and helix labels follow the
language of the run.
"""

from __future__ import annotations

from typing import Any

from . import analysis as a
from .goals import GOALS, goals as load_goals
from .settings import HELIX_NAMES
from .state import State


def goals_table(s: State, lang: str) -> Any:
    import pandas as pd

    counts = a.goal_counts(s.items)
    table = a.goal_helix(s.items, s.min_changes)
    info = load_goals()
    rows = [{"goal": g, "name": info[g].short(lang), "changes": counts[str(g)],
             "reached": counts[str(g)] >= s.min_changes,
             "helices": ", ".join(HELIX_NAMES[h].get(lang) for h in a.HELICES if table.get(str(g), {}).get(h))}
            for g in GOALS]
    return pd.DataFrame(rows).set_index("goal")


def goal_helix(s: State, lang: str) -> Any:
    import pandas as pd

    table = a.goal_helix(s.items, s.min_changes)
    if not table:
        return None
    info = load_goals()
    rows = []
    for goal, row in table.items():
        entry: dict[str, Any] = {"goal": int(goal), "name": info[int(goal)].short(lang)}
        entry.update({h: row.get(h, 0) for h in a.HELICES})
        if row.get("none"):
            entry["none"] = row["none"]
        rows.append(entry)
    return pd.DataFrame(rows).set_index("goal").fillna(0)


def coding(s: State, lang: str) -> Any:
    import pandas as pd

    if not s.items:
        return None
    rows = [{"id": item.id, "row": item.row, "person": item.person, "group": item.group,
             "stakeholder": item.stakeholder, "helix": item.helix, "outcome": item.outcome,
             "codes": "; ".join(map(str, item.codes)), "via_outcome": "; ".join(map(str, item.mapped)),
             "goals": "; ".join(map(str, item.goals)), "change": item.change} for item in s.items]
    return pd.DataFrame(rows)


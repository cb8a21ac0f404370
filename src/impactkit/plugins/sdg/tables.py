"""Result tables of the SDG plugin (``pandas.DataFrame``), written as CSV by ``impactkit run -o``.

Column names are English identifiers (stable for scripts). Id columns (``goal``, ``helix``, the
helix columns of ``goal_helix``) hold ids; the name columns beside them (``name``, ``helix_name``,
``helices``) hold the core's labels in the language of the run.
"""

from __future__ import annotations

from typing import Any

from impactkit.plugin import helix_label

from . import analysis as a
from .goals import GOALS
from .goals import goals as load_goals
from .state import State


def goals_table(s: State, lang: str) -> Any:
    import pandas as pd

    counts = a.goal_counts(s.items)
    table = a.goal_helix(s.items, s.min_changes)
    info = load_goals()
    rows = [
        {
            "goal": g,
            "name": info[g].short(lang),
            "changes": counts[str(g)],
            "reached": counts[str(g)] >= s.min_changes,
            "helices": ", ".join(helix_label(h, lang) for h in a.HELICES if table.get(str(g), {}).get(h)),
        }
        for g in GOALS
    ]
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
    rows = a.coding_rows(s.items, lambda helix: helix_label(helix, lang))
    return pd.DataFrame(rows)

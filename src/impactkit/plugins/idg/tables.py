"""Result tables of the IDG plugin (``pandas.DataFrame``), written as CSV by ``impactkit run -o``.

Column names are English identifiers (stable for scripts); labels of dimensions and skills
follow the language of the run.
"""

from __future__ import annotations

from typing import Any

from . import analysis as a
from .state import State


def dimensions(s: State, lang: str) -> Any:
    import pandas as pd

    counts = a.dimension_counts(s.coded, s.framework)
    shares = a.dimension_shares(s.coded, s.framework) or {}
    rows = [
        {"dimension": d.name, "label": d.label(lang), "changes": counts[d.name], "share": shares.get(d.name)}
        for d in s.framework.dimensions
    ]
    return pd.DataFrame(rows).set_index("dimension")


def skills(s: State, lang: str) -> Any:
    import pandas as pd

    counts = a.skill_counts(s.coded, s.framework)
    rows = [
        {"skill": k.name, "label": k.label(lang), "dimension": k.dimension, "changes": counts[k.name]}
        for k in s.framework.skills
    ]
    return pd.DataFrame(rows).set_index("skill")


def _breakdown(s: State, by: str) -> Any:
    import pandas as pd

    parts = a.breakdown(s.coded, s.framework, by, s.settings.groups)
    if not parts:
        return None
    rows = []
    for key, summary in parts.items():
        row: dict[str, Any] = {
            by: key,
            "changes": summary["changes"],
            "coded": summary["coded"],
            "uncoded": summary["uncoded"],
        }
        row.update(summary["dimension_counts"])
        for name, share in (summary.get("group_shares") or {}).items():
            row[f"share: {name}"] = share
        rows.append(row)
    return pd.DataFrame(rows).set_index(by)


def by_group(s: State, lang: str) -> Any:
    return _breakdown(s, "group")


def by_role(s: State, lang: str) -> Any:
    return _breakdown(s, "role")


def top_changes(s: State, lang: str) -> Any:
    import pandas as pd

    top = a.top_changes(s.coded, s.framework, rank_by=s.settings.rank_by, top=s.settings.top)
    rows = []
    for group, entries in top.items():
        for entry in entries:
            rows.append(
                {
                    "group": group,
                    "rank": entry["rank"],
                    "theme": entry["theme"],
                    "people": entry["people"],
                    "changes": entry["changes"],
                    "mean_importance": entry["mean_importance"],
                    "score": entry["score"],
                    "dimensions": "; ".join(s.framework.label(d, lang) for d in entry["dimensions"]),
                    "quote": entry["quote"],
                    "quote_kind": entry["quote_kind"],
                    "quote_by": entry["quote_by"],
                    "example": entry["example"],
                }
            )
    return pd.DataFrame(rows) if rows else None


def coding(s: State, lang: str) -> Any:
    """One row per change: its codes as written and as resolved."""
    import pandas as pd

    coded = s.coded
    if not len(coded):
        return None
    if not isinstance(coded, a.CodedTable):
        coded = a.CodedTable.of(a.RecordTable.of_records([item.record for item in coded]), s.framework)
    dimensions, skills, unknown = coded.labels()

    def values(key: str) -> Any:
        """The records' ``key`` (``row`` as a whole number), as a record gives it; text as Python strings."""
        given = pd.Series(coded.column(key), dtype=object)
        if key == "row":
            return [None if a._missing(v) else int(v) for v in given] if given.isna().any() else given.astype(int)
        return given.where(given.notna(), None)

    written = a.each_value(
        pd.Series([tuple(v) if isinstance(v, (list, tuple)) else () for v in coded.column("idg")], dtype=object),
        "; ".join,
    )
    frame = pd.DataFrame(
        {
            "id": values("id"),
            "row": values("row"),
            "person": values("person"),
            "role": values("role"),
            "group": values("group"),
            "theme": values("theme"),
            "codes": pd.Series(written, dtype=object),
            "dimensions": pd.Series(dimensions, dtype=object),
            "skills": pd.Series(skills, dtype=object),
            "unknown": pd.Series(unknown, dtype=object),
        }
    )
    return frame


def confusion(s: State, lang: str) -> Any:
    import pandas as pd

    result = a.confusion_table(s.records, s.framework)
    if result is None:
        return None
    (first, second), table = result
    frame = pd.DataFrame.from_dict(table, orient="index")
    frame.index.name = f"{first} \\ {second}"
    return frame

"""What the IDG plugin computes once per run and shares between its checks, metrics and views."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .analysis import CodedTable, RecordTable, records_frame
from .framework import Framework, load_framework
from .settings import IdgSettings


@dataclass
class State:
    settings: IdgSettings
    framework: Framework
    records: RecordTable
    """Every row of the changes (double-coded changes have several), as one table; iterating it
    gives each row as a record (a dict: :func:`~impactkit.plugins.idg.analysis.records_from_study`)."""
    coded: CodedTable
    """One entry per change, with the primary coder's codes resolved (each distinct set of codes
    once); the analysis functions count on it as tables, iterating gives each :class:`Coded`."""
    study: Any = None
    """The study (for the names it gives its stakeholder groups)."""

    def colour(self, dimension: str) -> str:
        return self.settings.colours.get(dimension) or self.framework.dimension(dimension).colour


def applies(study: Any) -> bool:
    """The IDG analysis runs when the study has ``methods.idg`` or any change carries an IDG code."""
    if study.method("idg") is not None:
        return True
    changes = study.change_frame
    return "idg" in changes and bool(changes["idg"].map(bool).any())


def build(study: Any, *, always: bool = False) -> State | None:
    """The IDG analysis of ``study``, or ``None`` when it does not use IDG; ``always``: also for a
    study without an IDG section or codes, with the default settings (and framework)."""
    if not always and not applies(study):
        return None
    settings = study.method("idg") or IdgSettings()
    framework = load_framework(settings.framework)
    records = RecordTable(records_frame(study), keys=study.change_keys())  # the study's, shared with other plugins
    return State(
        settings=settings,
        framework=framework,
        records=records,
        coded=CodedTable.of(records, framework, settings.primary_coder),
        study=study,
    )


KEY = "idg.state"
"""The run's memo key of the state (the graph hook builds it, :func:`state` finds it)."""


def state(ctx: Any) -> State | None:
    """The shared state for this run, or ``None`` when the study does not use IDG."""
    return ctx.memo(KEY, lambda: build(ctx.study))


def graph_elements(current: State) -> list[Any]:
    """The IDG plugin's graph elements: a node per dimension (``idg:<key>``, kind ``idg_dimension``,
    with its colour, framework, ``changes`` coded with it and, per skill, how many: ``skills``) and
    an edge ``coded_as`` from each stakeholder of the study to each dimension its changes are coded
    with, carrying the same counts for that stakeholder's changes. Counted as the metrics count
    (each change once, with its primary coding)."""
    import numpy as np
    import pandas as pd

    from impactkit.plugin import GraphEdge, GraphNode

    from . import analysis as a

    fw = current.framework
    coded = current.coded
    dims = a.dimension_counts(coded, fw)
    skills = a.skill_counts(coded, fw)
    elements: list[Any] = [
        GraphNode(
            id=f"idg:{dim.key}",
            kind="idg_dimension",
            label=dim.name,
            attrs={
                "label_nl": dim.name_nl,
                "colour": current.colour(dim.name),
                "framework": fw.id,
                "changes": dims[dim.name],
                "skills": {s: skills[s] for s in dim.skills if skills[s]},
            },
        )
        for dim in fw.dimensions
    ]
    known = coded.column("known_stakeholder").astype(bool)
    holders, names = pd.factorize(coded.column("stakeholder")[known])  # in order of first appearance
    parts = np.full(len(coded), -1, dtype=np.int64)
    parts[known] = holders
    per_dim, per_skill = coded.sums_by(parts, len(names), 0), coded.sums_by(parts, len(names), 1)
    dim_at = {name: i for i, name in enumerate(fw.dimension_names)}
    skill_at = {name: i for i, name in enumerate(fw.skill_names)}
    for h, holder in enumerate(names):
        for dim in fw.dimensions:
            count = int(per_dim[h, dim_at[dim.name]])
            if count:
                elements.append(
                    GraphEdge(
                        source=str(holder),
                        target=f"idg:{dim.key}",
                        relation="coded_as",
                        attrs={
                            "changes": count,
                            "skills": {
                                s: int(per_skill[h, skill_at[s]]) for s in dim.skills if per_skill[h, skill_at[s]]
                            },
                        },
                    )
                )
    return elements

"""The IDG state of a study (plugins/idg/state.py), counted on its changes as tables with the keys the
study shares (``study.change_keys()``), gives what the list path gives on the same records: the
changes with their primary codes, the uncoded changes, the coders twice and the graph's edges per
stakeholder. The list path tells changes apart row by row (``analysis._key``)."""

from __future__ import annotations

import numpy as np
import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from impactkit.plugin import GraphEdge, GraphNode, Study, first_rows
from impactkit.plugins.idg import analysis as a
from impactkit.plugins.idg.framework import load_framework
from impactkit.plugins.idg.settings import IdgSettings
from impactkit.plugins.idg.state import State, build, graph_elements

FW = load_framework("idg-2021")
CODES = ["Being", "Denken", "Trust", "Samenwerken/Vertrouwen", "Being/Trust", "Nonsense", "Empathie", "Courage"]
HOLDERS = [
    {"id": "students", "name": "Students", "group": "learners"},
    {"id": "city", "name": "City"},
    {"id": "parents", "name": "Parents", "group": "learners"},
]


def reference_edges(listed: list[a.Coded]) -> list[tuple[str, str, dict]]:
    """The ``coded_as`` edges counted change by change: per known stakeholder (in order of first
    appearance) and dimension, its changes coded with the dimension and, per skill, how many."""
    holders: list[str] = []
    for item in listed:
        if item["known_stakeholder"] and item["stakeholder"] not in holders:
            holders.append(item["stakeholder"])
    out = []
    for holder in holders:
        mine = [item for item in listed if item["known_stakeholder"] and item["stakeholder"] == holder]
        for dim in FW.dimensions:
            count = sum(1 for item in mine if dim.name in item.dimensions)
            if count:
                skills = {k: sum(1 for item in mine if k in item.skills) for k in dim.skills}
                out.append(
                    (holder, f"idg:{dim.key}", {"changes": count, "skills": {k: n for k, n in skills.items() if n}})
                )
    return out


@settings(max_examples=120, deadline=None)
@given(st.data())
def test_the_state_of_a_study_counts_as_its_records_listed(data):
    changes = []
    for _ in range(data.draw(st.integers(0, 12))):
        change = {
            "id": data.draw(st.sampled_from([None, "c1", "c2", "c3"])),
            "person": data.draw(st.sampled_from(["anna", "Anna ", "an  na", "bram"])),
            "stakeholder": data.draw(st.sampled_from(["students", "City", "parents", "nobody"])),
            "change": "a change",
            "coder": data.draw(st.sampled_from([None, "A", "b", "B", " a"])),
            "codes": {"idg": data.draw(st.lists(st.sampled_from(CODES), max_size=3))},
        }
        respondent = data.draw(st.sampled_from([None, "r1", " R1", "r2"]))
        if respondent:
            change["respondent"] = respondent
        row = data.draw(st.sampled_from([None, 0, 3, 7]))
        if row is not None:
            change["row"] = row
        changes.append(change)
    study = Study.model_validate({"impactkit": 1, "id": "s", "title": "S", "stakeholders": HOLDERS, "changes": changes})
    primary = data.draw(st.sampled_from([None, "a", "B"]))

    records = a.RecordTable(a.records_frame(study), keys=study.change_keys())
    table = a.CodedTable.of(records, FW, primary)
    rows = list(records)
    listed = a.code(rows, FW, primary)
    assert [(c.record, c.dimensions, c.skills) for c in table] == [(c.record, c.dimensions, c.skills) for c in listed]
    assert a.without_codes(table) == a.without_codes(listed)
    assert a.coders_twice(records) == a.coders_twice(rows)
    assert a.reliability(records, FW) == a.reliability(rows, FW)

    current = State(settings=IdgSettings(primary_coder=primary), framework=FW, records=records, coded=table)
    elements = graph_elements(current)
    edges = [(e.source, e.target, e.attrs) for e in elements if isinstance(e, GraphEdge)]
    assert edges == reference_edges(listed)
    nodes = {e.id: e.attrs["changes"] for e in elements if isinstance(e, GraphNode)}
    assert nodes == {f"idg:{d.key}": sum(1 for c in listed if d.name in c.dimensions) for d in FW.dimensions}

    built = build(study, always=True)  # the run's state: the study's keys, the default settings
    assert [c.record for c in built.coded] == [c.record for c in a.code(rows, FW, None)]


def test_each_rows_codes_as_a_tuple_whatever_holds_them():
    """A changes file's rows share the list of their cell, an empty cell has a list of its own, a
    table made of records may hold None or tuples: each row's codes are the same tuple."""
    shared = ["Being", "Trust"]
    cells = [shared, [], ["Being", "Trust"], shared, None, [], ("Trust",), ["Trust"], [], "Being", shared]
    frame = pd.DataFrame({"idg": pd.Series(cells, dtype=object)})
    factor, uniques = a.RecordTable(frame).code_tuples()
    expected = [tuple(c) if isinstance(c, (list, tuple)) else () for c in cells]
    assert [uniques[f] for f in factor] == expected
    assert len(uniques) == len(set(expected))  # equal lists are one tuple
    without_none = [c for c in cells if c is not None]
    factor, uniques = a.RecordTable(pd.DataFrame({"idg": pd.Series(without_none, dtype=object)})).code_tuples()
    assert [uniques[f] for f in factor] == [tuple(c) if isinstance(c, (list, tuple)) else () for c in without_none]
    assert a.RecordTable(pd.DataFrame({"idg": pd.Series([], dtype=object)})).code_tuples()[0].tolist() == []
    assert np.array_equal(first_rows(np.array([0, 0, 1, 0, 2, 1, 3])), [0, 2, 4, 6])

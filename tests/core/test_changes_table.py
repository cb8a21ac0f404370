"""core/changes.py checks a table of changes a column at a time (``check_frame``): it must find
exactly the changes and the problems that checking it row by row finds (the reference below, the
way the rows were checked one by one before), for any table — and give one frame whose rows are
the same :class:`Change` objects."""

from __future__ import annotations

import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from impactkit.core.changes import (
    _by_row,
    _grouped,
    _one_change,
    change_columns,
    check_frame,
    layout_of,
    shared_id_problems,
)
from impactkit.core.contributions import Location
from impactkit.core.mapping import REQUIRED
from impactkit.core.model import Change, ChangeRows, changes_to_frame
from impactkit.core.plugins import make_manager

from .test_changes_input import MOOD, column_plugin


def reference(frame, file, declared):
    """The changes and problems of ``frame``, checked row by row (a table that is not wide)."""
    layout = layout_of(frame, file, declared)
    columns = [str(c) for c in frame.columns]
    field_of = layout.column_field()
    problems = list()
    required = [f for f in REQUIRED if not (f == "person" and layout.has("respondent"))]
    changes = []
    first_row = int(frame.attrs.get("data_row", 2))
    for index, record in enumerate(frame.itertuples(index=False, name=None)):
        row = index + first_row
        values = {col: ("" if val is None else str(val)).strip() for col, val in zip(columns, record)}
        if not any(values.values()):
            continue
        change, found = _one_change(values, row, file, declared, layout, field_of, required, "yaml")
        problems += found
        if change is not None:
            changes.append(change)
    unreadable = {p.location.row for p in problems}
    problems += shared_id_problems(changes, lambda i: Location(file=file, row=changes[i].row))
    return [c for c in changes if c.row not in unreadable], _grouped(_by_row(problems))


PLUGINS = make_manager(load=["core"])
PLUGINS.register(column_plugin(MOOD), "mood")
DECLARED = change_columns(PLUGINS)

CELLS = {
    "id": st.sampled_from(["", "C1", "C2", " C1 ", "C3"]),
    "persoon": st.sampled_from(["", "p1", "p2", "Anna  Smit", " p1"]),
    "respondent": st.sampled_from(["", "", "101", "102"]),
    "stakeholder": st.sampled_from(["", "students", "Residents", "nobody"]),
    "verandering": st.sampled_from(["", "I learn", "I  learn ", "We meet"]),
    "belang": st.sampled_from(["", "3", "4,5", "x", "2000", "-1", "nan", "inf"]),
    "toestemming": st.sampled_from(["", "ja", "Nee", "maybe", "1"]),
    "Stemming": st.sampled_from(["", "happy", "sad; glad", "angry", "x;y", ";"]),
    "note": st.sampled_from(["", "kept", " spaced "]),
}


@settings(max_examples=250, deadline=None)
@given(st.data())
def test_the_table_is_checked_as_row_by_row(data):
    names = data.draw(st.lists(st.sampled_from(list(CELLS)), min_size=3, unique=True))
    for needed in ("stakeholder", "verandering"):
        if needed not in names:
            names.append(needed)
    if "persoon" not in names and "respondent" not in names:
        names.append("persoon")
    rows = data.draw(st.lists(st.fixed_dictionaries({n: CELLS[n] for n in names}), max_size=12))
    frame = pd.DataFrame([[r[n] for n in names] for r in rows], columns=names, dtype=str)
    if not rows:
        frame = pd.DataFrame(columns=names, dtype=str)
    frame.attrs.update(header_row=1, data_row=2, problems=[])
    expected, expected_problems = reference(frame, "c.csv", DECLARED)
    table, found = check_frame(frame, "c.csv", DECLARED)
    assert list(ChangeRows(table)) == expected
    assert [(p.location, p.message) for p in found] == [(p.location, p.message) for p in expected_problems]


def test_a_table_of_changes_and_back():
    changes = [
        Change(person="p1", stakeholder="s", change="a", codes={"mood": ["happy"]}, extra={"note": "x"}, row=2),
        Change(id="C1", person="p2", stakeholder="s", change="b", importance=2.5, consent=True, row=3),
        Change(person="p3", respondent="7", stakeholder="s", change="c", extra={"row": "own", "note": ""}),
    ]
    table = changes_to_frame(changes, ["mood"])
    assert list(table.columns)[:11] == [
        *("id", "person", "respondent", "role", "stakeholder", "change", "theme", "quote", "consent", "importance"),
        "mood",
    ]
    assert "row (extra)" in table.columns  # an unknown column never takes a field's place
    rows = ChangeRows(table)
    assert len(rows) == 3 and rows[1].importance == 2.5 and rows[-1].extra == {"row": "own", "note": ""}
    assert list(rows) == changes and rows == changes


def test_a_column_of_mostly_distinct_texts_is_read_as_one_of_repeated_texts():
    """A large column whose texts are mostly distinct is stripped as a whole instead of per distinct
    text: the changes and problems are the same either way."""
    import random

    rng = random.Random(3)
    rows = [
        [
            rng.choice(["", f" C{i} ", f"C{i}"]),
            rng.choice(["p1", " p2", ""]),
            rng.choice(["students", "nobody"]),
            rng.choice(["", f"change {i}  ", f" I learn {i}"]),
            rng.choice(["", "3", "x"]),
        ]
        for i in range(3000)
    ]
    names = ["id", "persoon", "stakeholder", "verandering", "belang"]
    text = pd.DataFrame(rows, columns=names, dtype="str")
    objects = pd.DataFrame(rows, columns=names, dtype=object)
    for frame in (text, objects):
        frame.attrs.update(header_row=1, data_row=2, problems=[])
    if not isinstance(text["id"].dtype, pd.StringDtype):  # pandas 2: no string columns to tell apart
        return
    a, a_problems = check_frame(text, "c.csv", DECLARED)
    b, b_problems = check_frame(objects, "c.csv", DECLARED)
    assert list(ChangeRows(a)) == list(ChangeRows(b))
    assert [(p.location, p.message) for p in a_problems] == [(p.location, p.message) for p in b_problems]

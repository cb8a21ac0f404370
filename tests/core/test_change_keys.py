"""``change_keys`` (the public plugin API): which change each row of a table of changes is a coding
of, numbered in the order the changes first appear; ``Study.change_keys()`` makes it once per study
for every plugin that counts changes once (the IDG and SDG plugins share it)."""

from __future__ import annotations

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from impactkit.plugin import Study, change_keys


def reference(frame: pd.DataFrame) -> list[int]:
    """The rule, row by row: rows sharing an id and a person (the respondent when given, else the
    person; without case and surrounding or repeated spaces) are one change; a row without an id is
    one of its own."""
    numbers: dict[tuple, int] = {}
    out = []
    for at in range(len(frame)):
        given = frame["id"].iloc[at]
        respondent = frame["respondent"].iloc[at] if "respondent" in frame else None
        who = respondent if isinstance(respondent, str) and respondent else frame["person"].iloc[at]
        if isinstance(given, str) and given:
            key: tuple = ("id", given, "" if pd.isna(who) else " ".join(str(who).split()).casefold())
        else:
            key = ("row", at)
        out.append(numbers.setdefault(key, len(numbers)))
    return out


@settings(max_examples=200, deadline=None)
@given(st.data())
def test_the_keys_follow_the_rule_row_by_row(data):
    count = data.draw(st.integers(0, 12))
    columns = {
        "id": [data.draw(st.sampled_from([None, "", "c1", "c2", "C1"])) for _ in range(count)],
        "person": [
            data.draw(st.sampled_from(["anna", " Anna", "ANNA  ", "an  na", "bram", None])) for _ in range(count)
        ],
    }
    if data.draw(st.booleans()):
        columns["respondent"] = [data.draw(st.sampled_from([None, "", "r1", " R1 ", "anna"])) for _ in range(count)]
    frame = pd.DataFrame(columns, dtype=object)
    keys = change_keys(frame)
    assert keys.tolist() == reference(frame)
    assert keys.dtype == "int64" and not keys.flags.writeable


def test_rows_of_one_id_and_person_written_differently_are_one_change_other_people_are_not():
    frame = pd.DataFrame(
        {
            "id": ["a", "a", "a", None, None, "", "b"],
            "person": ["Anna", " anna ", "Bram", "Anna", "Anna", "Anna", "Anna"],
            "respondent": [None, "", None, None, None, None, "R7"],
        },
        dtype=object,
    )
    assert change_keys(frame).tolist() == [0, 0, 1, 2, 3, 4, 5]


def test_a_study_makes_its_keys_once_for_every_plugin():
    study = Study.model_validate(
        {
            "impactkit": 1,
            "id": "s",
            "title": "S",
            "stakeholders": [{"id": "students", "name": "Students"}],
            "changes": [
                {"id": "c1", "person": "Anna", "stakeholder": "students", "change": "x", "coder": "A"},
                {"id": "c1", "person": "anna", "stakeholder": "students", "change": "x", "coder": "B"},
                {"person": "Bram", "stakeholder": "students", "change": "y"},
            ],
        }
    )
    keys = study.change_keys()
    assert keys.tolist() == [0, 0, 1]
    assert study.change_keys() is keys  # made once
    assert change_keys(study.change_frame).tolist() == keys.tolist()
    with pytest.raises(ValueError):
        keys[0] = 5  # shared: read only

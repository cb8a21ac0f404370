"""plugins/sdg/analysis.py counts on the changes as one table (``GoalTable``): the records it makes
must be those made change by change (the reference below, as they were made before), and every
figure the same as counted on a list of those records."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from impactkit.core.model import Study
from impactkit.plugin import factorise_lists
from impactkit.plugins.sdg import analysis as a
from impactkit.plugins.sdg.settings import SdgSettings

HOLDERS = [
    {"id": "students", "name": "Students", "group": "learners", "helix": "education"},
    {"id": "city", "name": "City", "helix": "government"},
    {"id": "parents", "name": "Parents", "group": "residents"},
]


def reference(study, settings):
    """One record per change, made change by change (double codings merged)."""
    chosen: dict[tuple[str, ...], int] = {}
    wanted = settings.primary_coder.casefold() if settings.primary_coder else None
    changes = study.change_list

    def key(change, index):
        if change.id and str(change.id).strip():
            return ("id", str(change.id).strip(), " ".join(change.who.split()).casefold())
        return ("index", str(index))

    for index, change in enumerate(changes):
        k = key(change, index)
        if k not in chosen:
            chosen[k] = index
        elif (
            wanted
            and (change.coder or "").casefold() == wanted
            and (changes[chosen[k]].coder or "").casefold() != wanted
        ):
            chosen[k] = index
    mapping = {k: tuple(v.goals) for k, v in settings.outcomes.items()}
    out = []
    for index in sorted(chosen.values()):
        change = changes[index]
        holder = study.stakeholder(change.stakeholder)
        codes = tuple(dict.fromkeys(change.codes.get("sdg", ())))
        mapped = mapping.get(change.outcome or "", ())
        use = set()
        if settings.codes_from in ("changes", "both"):
            use.update(codes)
        if settings.codes_from in ("outcomes", "both"):
            use.update(mapped)
        out.append(
            a.Record(
                index=index,
                id=change.id,
                person=change.person,
                role=change.role,
                stakeholder=holder.id if holder else change.stakeholder,
                group=(holder.group or holder.id) if holder else change.stakeholder,
                helix=holder.helix if holder else None,
                change=change.change,
                theme=change.theme,
                outcome=change.outcome,
                codes=codes,
                mapped=mapped,
                goals=tuple(sorted(use)),
                row=change.row,
            )
        )
    return out


@settings(max_examples=150, deadline=None)
@given(st.data())
def test_the_goal_table_gives_the_records_and_figures_of_a_list(data):
    changes = [
        {
            "id": data.draw(st.sampled_from([None, "c1", "c2"])),
            "person": data.draw(st.sampled_from(["p1", "p2", "P1 "])),
            "stakeholder": data.draw(st.sampled_from(["students", "City", "parents", "nobody"])),
            "change": "a change",
            "coder": data.draw(st.sampled_from([None, "A", "b"])),
            "outcome": data.draw(st.sampled_from([None, "learning", "together", "elsewhere"])),
            "codes": {"sdg": data.draw(st.lists(st.integers(1, 17), max_size=3))},
            "respondent": data.draw(st.sampled_from([None, None, "r1", " R1"])),
            "row": data.draw(st.sampled_from([None, 0, 4, 9])),
        }
        for _ in range(data.draw(st.integers(0, 12)))
    ]
    study = Study.model_validate({"impactkit": 1, "id": "s", "title": "S", "stakeholders": HOLDERS, "changes": changes})
    options = SdgSettings.model_validate(
        {
            "codes_from": data.draw(st.sampled_from(["changes", "outcomes", "both"])),
            "primary_coder": data.draw(st.sampled_from([None, "b"])),
            "outcomes": {"learning": {"goals": [4]}, "together": {"goals": [11, 17]}},
        }
    )
    table = a.records(study, options)
    listed = reference(study, options)
    assert list(table) == listed
    for minimum in (1, 2):
        assert a.goal_counts(table) == a.goal_counts(listed)
        assert a.n_coded(table) == a.n_coded(listed)
        assert a.n_reaching(table, minimum) == a.n_reaching(listed, minimum)
        assert a.by_group(table, minimum) == a.by_group(listed, minimum)
        assert a.helices(study, table, minimum) == a.helices(study, listed, minimum)
        assert a.goal_helix(table, minimum) == a.goal_helix(listed, minimum)
        assert a.connecting(table, minimum) == a.connecting(listed, minimum)
    assert a.outcome_table(study, options, table) == a.outcome_table(study, options, listed)
    assert [r.index for r in a.without_goals(table)] == [r.index for r in listed if not r.goals]
    missing = [r for r in listed if not r.goals]
    assert a.uncoded_places(table) == (
        [str(r.row or r.id or r.index + 1) for r in missing],
        missing[0].index if missing else None,
        missing[0].row if missing else None,
    )
    assert a.with_codes(table) == sum(1 for r in listed if r.codes)
    assert a.with_mapped(table) == sum(1 for r in listed if r.mapped)
    firsts: dict[int, int] = {}
    for r in listed:
        for goal in r.codes:
            firsts.setdefault(goal, r.index)
    assert a.first_coded(table) == firsts
    per_holder = {}
    for r in listed:
        per_holder[r.stakeholder] = per_holder.get(r.stakeholder, 0) + 1
    assert a.changes_per_stakeholder(table) == per_holder
    assert a.stakeholder_goals(table) == reference_stakeholder_goals(study, listed)
    for helix in ("education", "government", None):  # a part of the table: its uncoded changes
        part = table.subset(table.columns["helix"] == helix)
        missing = [r for r in listed if r.helix == helix and not r.goals]
        assert a.uncoded_places(part)[0] == [str(r.row or r.id or r.index + 1) for r in missing]


def reference_stakeholder_goals(study, listed):
    """Per stakeholder of the study (in order of first appearance) and goal: its changes counting
    for the goal, and whether a change's own code or its outcome names it."""
    holders = []
    for r in listed:
        if study.stakeholder(r.stakeholder) is not None and r.stakeholder not in holders:
            holders.append(r.stakeholder)
    out = []
    for holder in holders:
        mine = [r for r in listed if r.stakeholder == holder]
        for goal in range(1, 18):
            counted = [r for r in mine if goal in r.goals]
            if counted:
                via = [
                    name
                    for name, found in (("code", "codes"), ("outcome", "mapped"))
                    if any(goal in getattr(r, found) for r in counted)
                ]
                out.append((holder, goal, len(counted), via))
    return out


def test_each_rows_goals_as_a_tuple_whatever_holds_them():
    """A changes file's rows share the list of their cell, an empty cell has a list of its own, a
    table made of records may hold None or tuples: each row's goals are the same tuple."""
    import numpy as np

    shared = [4, 17]
    cells = [shared, [], [4, 17], shared, None, [], (17,), [17], [], "4", shared]
    for held in (cells, [c for c in cells if c is not None], []):
        factor, distinct = factorise_lists(np.array(held + [None], dtype=object)[:-1])
        expected = [tuple(c) if isinstance(c, (list, tuple)) else () for c in held]
        assert [distinct[f] for f in factor] == expected
        assert len(distinct) == len(set(expected)) or not held  # equal lists are one tuple

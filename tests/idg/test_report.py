"""The IDG section and charts write their figures as the reader's language does, show shares only
of enough coded changes, name groups as the study does and say when codes were accepted suggestions."""

from __future__ import annotations

import impactkit

from .test_plugin import STUDY

DOUBLE = """\
impactkit: 1
id: double
title: Double coded
route: nonlinear
stakeholders:
  - {id: students, name: Students of the academy}
changes:
""" + "".join(
    f"  - {{id: c{i}, person: p{i}, stakeholder: students, change: change {i}, theme: t{i % 3}, idg: {dim}, coder: {coder}}}\n"
    for i, dims in enumerate([("Being", "Being", "Thinking"), ("Relating", "Relating", "Relating")] * 3)
    for dim, coder in zip(dims, "ABC")
)


def run(write_study, idg_plugins, text: str, **files: str):
    return impactkit.run(impactkit.load(write_study(text, **files), plugins=idg_plugins), lang="en")


def section(markdown: str) -> str:
    start = markdown.index("## Inner Development Goals\n")
    end = markdown.find("\n## ", start + 1)
    return markdown[start:end]


def test_shares_are_percentages_as_the_reader_writes_them(write_study, idg_plugins):
    result = run(write_study, idg_plugins, STUDY.replace("top: 2", "top: 2\n    min_n: 5"))
    english, dutch = section(result.report_markdown("en")), section(result.report_markdown("nl"))
    assert "| 3 | 60.0% |" in english and "| 3 | 60,0% |" in dutch  # Collaborating: 3 of 5 coded
    assert "**connecting** (Relating and Collaborating): 80.0% of the coded changes (4)" in english
    assert "(Verbinden en Samenwerken): 80,0% van de gecodeerde veranderingen (4)" in dutch
    assert "0.6" not in dutch and "0,6 " not in dutch  # no raw shares


def test_fewer_coded_changes_than_min_n_are_counts_with_a_note(write_study, idg_plugins):
    result = run(write_study, idg_plugins, STUDY.replace("top: 2", "top: 2\n    min_n: 6"))
    english, dutch = section(result.report_markdown("en")), section(result.report_markdown("nl"))
    assert "%" not in english and "%" not in dutch
    assert "| Dimension | Changes |\n" in english and "Share" not in english
    assert "With fewer than 6 coded changes the figures are counts, not shares" in english
    assert "Met minder dan 6 gecodeerde veranderingen staan hier aantallen, geen aandelen" in dutch
    assert "**connecting** (Relating and Collaborating): 4 of the coded changes" in english
    texts = _texts(result, "idg.dimensions", "nl")
    assert not any("%" in t for t in texts) and any("Minder dan 6 gecodeerde veranderingen" in t for t in texts)


def _texts_of(fig) -> list[str]:
    return [t.get_text() for t in fig.findobj(lambda o: hasattr(o, "get_text"))]


def _texts(result, view: str, lang: str) -> list[str]:
    """Every text of a chart, drawn by the plugin's own function."""
    from impactkit.plugins.idg import views
    from impactkit.plugins.idg.state import build

    state = build(result.study)
    figure = getattr(views, {"idg.dimensions": "dimensions_chart", "idg.groups": "groups_chart"}[view])(state, lang)
    return _texts_of(figure)


def _bars(figure) -> dict[int, float]:
    """Row → the width of the bars drawn in it (all dimensions together)."""
    from matplotlib.patches import Rectangle

    (ax,) = figure.axes
    rows: dict[int, float] = {}
    for patch in ax.patches:
        if isinstance(patch, Rectangle):
            row = round(patch.get_y() + patch.get_height() / 2)
            rows[row] = rows.get(row, 0.0) + patch.get_width()
    return rows


def test_a_small_group_is_drawn_as_counts_with_a_note_not_as_a_full_bar(write_study, idg_plugins):
    from impactkit.plugins.idg import views
    from impactkit.plugins.idg.state import build

    result = run(write_study, idg_plugins, STUDY.replace("top: 2", "top: 2\n    min_n: 3"))
    state = build(result.study)
    figure = views.groups_chart(state, "en")
    texts = _texts_of(figure)
    # students: 3 coded changes (shares); residents: 2 coded changes (below min_n 3: counts)
    assert "students (n = 3)" in texts and "residents (n = 2)" in texts
    assert "counts, too few for shares: Relating 1 and Collaborating 1" in texts
    assert any("Below 3 coded changes a group is shown as counts, not as shares." in t for t in texts)
    assert any("n = 5" in t for t in texts)  # the chart says the n it rests on
    widths = _bars(figure)
    assert widths[0] > 0.99 and widths.get(1, 0.0) == 0.0  # no full-width bar for the group of 2
    dutch = _texts_of(views.groups_chart(state, "nl"))
    assert "aantallen, te weinig voor aandelen: Verbinden 1 en Samenwerken 1" in dutch


def test_groups_are_named_as_the_study_writes_them(write_study, idg_plugins):
    result = run(write_study, idg_plugins, DOUBLE)
    text = section(result.report_markdown("en"))
    assert "**Students of the academy**" in text and "**students**" not in text
    dot = result.render("idg.themes", "dot", "en").decode()
    assert 'label="Students of the academy"' in dot and 'label="Top themes per stakeholder group (n = 6' in dot


def test_statistics_that_are_not_defined_are_a_dash_never_n_a(write_study, idg_plugins):
    result = run(write_study, idg_plugins, DOUBLE)
    assert result.metrics["idg.reliability"]["kappa"] is None  # three coders: no Cohen's kappa
    for lang in ("en", "nl"):
        text = section(result.report_markdown(lang))
        assert "n/a" not in text and "n.v.t." not in text
        overall = next(line for line in text.splitlines() if line.startswith(("| all dimensions", "| alle dimensies")))
        assert "| – |" in overall
    assert "(A, B and C)" in section(result.report_markdown("en"))
    assert "(A, B en C)" in section(result.report_markdown("nl"))


CODED = """\
impactkit: 1
id: accepted
title: Accepted suggestions
route: nonlinear
stakeholders: [{id: students, name: Students, group: students}]
changes: changes.csv
"""
CHANGES = "id,person,stakeholder,change,idg\nc1,p1,students,I work together,Collaborating\nc2,p2,students,I reflect,Being\nc3,p3,students,I feel less alone,Relating\n"


def test_the_report_says_which_codes_were_accepted_suggestions(write_study, idg_plugins):
    suggestions = (
        "id,row,person,stakeholder,change,idg_suggested,idg_suggested_because,accept\n"
        "c1,2,p1,students,I work together,Collaborating,together,ja\n"
        "c2,3,p2,students,I reflect,Thinking,reflect,\n"  # not accepted
        "c3,4,p3,students,I feel less alone,Relating,alone,yes\n"
    )
    files = {"changes.csv": CHANGES, "changes.idg-suggestions.csv": suggestions}
    result = run(write_study, idg_plugins, CODED, **files)
    english, dutch = section(result.report_markdown("en")), section(result.report_markdown("nl"))
    assert (
        "2 of the coded changes got their codes from keyword suggestions (the IDG lexicon) that a researcher" in english
    )
    assert "the others were coded by hand" in english
    assert "2 van de gecodeerde veranderingen kregen hun code uit trefwoordsuggesties" in dutch


def test_without_a_suggestions_file_nothing_is_said_about_suggestions(write_study, idg_plugins):
    result = run(write_study, idg_plugins, CODED, **{"changes.csv": CHANGES})
    assert "suggestion" not in section(result.report_markdown("en"))
    # a suggestion the researcher changed afterwards in the changes file is no longer an accepted one
    suggestions = "id,row,person,stakeholder,change,idg_suggested,idg_suggested_because,accept\nc2,3,p2,students,I reflect,Thinking,reflect,ja\n"
    result = run(
        write_study, idg_plugins, CODED, **{"changes.csv": CHANGES, "changes.idg-suggestions.csv": suggestions}
    )
    assert "suggestion" not in section(result.report_markdown("en"))

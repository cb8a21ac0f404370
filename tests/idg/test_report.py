"""The IDG sections and charts write their figures as the reader's language does, show shares only
of enough coded changes, name groups as the study does and say how many codes were accepted
suggestions; the summary holds the top changes with a quote and the distribution, the methods note
the coding and its reliability."""

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


def section(markdown: str, heading: str = "Inner Development Goals") -> str:
    """A part of the report (``## heading``) up to the next."""
    start = markdown.index(f"\n## {heading}\n")
    end = markdown.find("\n## ", start + 1)
    return markdown[start : end if end > 0 else None]


def summary(markdown: str) -> str:
    return section(markdown, "Summary" if "\n## Summary\n" in markdown else "Samenvatting")


def methods(markdown: str) -> str:
    english = "\n## How the study was done\n" in markdown
    return section(markdown, "How the study was done" if english else "Verantwoording")


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
    text = result.report_markdown("en")
    assert "**Students of the academy** (6 people)" in summary(text) and "**students**" not in text
    dot = result.render("idg.themes", "dot", "en").decode()
    assert 'label="Students of the academy"' in dot and 'label="Top themes per stakeholder group (n = 6' in dot


def test_statistics_that_are_not_defined_are_a_dash_never_n_a(write_study, idg_plugins):
    result = run(write_study, idg_plugins, DOUBLE)
    assert result.metrics["idg.reliability"]["kappa"] is None  # three coders: no Cohen's kappa
    for lang in ("en", "nl"):
        text = methods(result.report_markdown(lang))
        assert "n/a" not in text and "n.v.t." not in text
        overall = next(line for line in text.splitlines() if line.startswith(("| all dimensions", "| alle dimensies")))
        assert "| – |" in overall
    assert "(A, B and C). The figures use each change's first coding" in methods(result.report_markdown("en"))
    assert "(A, B en C)" in methods(result.report_markdown("nl"))


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
    english, dutch = methods(result.report_markdown("en")), methods(result.report_markdown("nl"))
    assert "| By hand, by a researcher | 1 |" in english
    assert "| Suggested by keywords (the IDG lexicon) and accepted by a researcher | 2 |" in english
    assert "| Not coded (left out of the IDG figures) | 0 |" in english
    assert "| Voorgesteld op trefwoorden (het IDG-lexicon) en geaccepteerd door een onderzoeker | 2 |" in dutch
    assert "| Met de hand, door een onderzoeker | 1 |" in dutch
    assert "suggest" not in section(result.report_markdown("en"))  # the body gives the figures only


def test_without_a_suggestions_file_every_code_was_given_by_hand(write_study, idg_plugins):
    result = run(write_study, idg_plugins, CODED, **{"changes.csv": CHANGES})
    text = methods(result.report_markdown("en"))
    assert "| By hand, by a researcher | 3 |" in text and "accepted by a researcher | 0 |" in text
    # a suggestion the researcher changed afterwards in the changes file is no longer an accepted one
    suggestions = "id,row,person,stakeholder,change,idg_suggested,idg_suggested_because,accept\nc2,3,p2,students,I reflect,Thinking,reflect,ja\n"
    result = run(
        write_study, idg_plugins, CODED, **{"changes.csv": CHANGES, "changes.idg-suggestions.csv": suggestions}
    )
    assert "| By hand, by a researcher | 3 |" in methods(result.report_markdown("en"))


def test_the_summary_gives_each_group_its_top_changes_with_a_quote(write_study, idg_plugins):
    result = run(write_study, idg_plugins, STUDY)
    english = summary(result.report_markdown("en"))
    top = english[english.index("### Top changes per stakeholder group") :]
    assert top.index("Per stakeholder group the 2 changes with the most impact, ranked by the number of people") >= 0
    students = top[top.index("**students** (2 people)") : top.index("**residents**")]
    assert "1. together (2 people)\n2. reflecting (1 person)" in students
    assert "> “We do it together now” — student" in students  # the quote the study may show
    residents = top[top.index("**residents** (3 people)") :]
    assert "1. less alone (2 people)" in residents and ">" not in residents.split("###")[0]  # no quote given: none
    dutch = summary(result.report_markdown("nl"))
    assert "**students** (2 mensen)" in dutch and "1. together (2 mensen)" in dutch


def test_the_summary_gives_the_distribution_with_its_key_figure(write_study, idg_plugins):
    result = run(write_study, idg_plugins, STUDY.replace("top: 2", "top: 2\n    min_n: 5"))
    dutch = summary(result.report_markdown("nl"))
    assert "De 5 gecodeerde veranderingen gaan over deze dimensies van de Inner Development Goals:" in dutch
    assert "- **Samenwerken** (Collaborating): 3 veranderingen (60,0%)" in dutch
    assert "- **Handelen** (Acting): 0 veranderingen (0,0%)" in dutch
    assert "**80,0%** van de gecodeerde veranderingen gaat over connecting (Verbinden en Samenwerken)." in dutch
    assert "telt bij elk daarvan mee" in dutch  # c2 is coded in two dimensions
    (tile,) = [k for k in result.document("nl").key_figures if "%" in k.value]
    assert (tile.value, tile.label, tile.note) == (
        "80,0%",
        "van de veranderingen gaat over connecting",
        "n = 5 gecodeerde veranderingen",
    )
    # below min_n: a count, and why it is not a share
    small = run(write_study, idg_plugins, STUDY.replace("top: 2", "top: 2\n    min_n: 6"))
    (tile,) = [k for k in small.document("en").key_figures if " of " in k.value]
    assert (tile.value, tile.label, tile.note) == (
        "4 of 5",
        "coded changes are about connecting",
        "too few for a share (fewer than 6)",
    )
    assert "%" not in summary(small.report_markdown("en"))


def test_without_named_groups_the_key_figure_is_the_largest_dimension(write_study, idg_plugins):
    text = STUDY.replace("    groups:\n      connecting: [Verbinden, Samenwerken]\n", "    min_n: 5\n")
    result = run(write_study, idg_plugins, text)
    (tile,) = [k for k in result.document("en").key_figures if "%" in k.value]
    assert (tile.value, tile.label) == ("60.0%", "of the changes are about Collaborating")


def test_the_methods_note_says_how_the_changes_were_coded_and_with_which_framework(write_study, idg_plugins):
    result = run(write_study, idg_plugins, STUDY)
    english = methods(result.report_markdown("en"))
    coding = english[english.index("### Coding with the Inner Development Goals") :]
    assert "framework of the Inner Development Goals of December 2021 (5 dimensions and 23 skills)" in coding
    assert "Source: Inner Development Goals: Background, method and the IDG framework" in coding
    assert "| By hand, by a researcher | 5 |" in coding and "| Not coded (left out of the IDG figures) | 2 |" in coding
    assert "ranked by the number of people reporting them" in coding
    assert "Each change was coded by one coder, so the agreement between coders" in coding  # not measured: said
    dutch = methods(result.report_markdown("nl"))
    assert "het raamwerk van de Inner Development Goals van december 2021 (5 dimensies en 23 vaardigheden)" in dutch


def test_double_coding_gives_kappa_and_alpha_in_the_methods_note(write_study, idg_plugins):
    pairs = "".join(
        f"  - {{id: c{i}, person: p{i}, stakeholder: students, change: x{i}, idg: {dim}, coder: {coder}}}\n"
        for i, dims in enumerate([("Being", "Being"), ("Relating", "Relating"), ("Acting", "Being")] * 2)
        for dim, coder in zip(dims, "AB")
    )
    head = "impactkit: 1\nid: d\ntitle: D\nstakeholders: [{id: students, name: Students}]\n"
    result = run(write_study, idg_plugins, head + "methods: {idg: {primary_coder: B}}\nchanges:\n" + pairs)
    english = methods(result.report_markdown("en"))
    assert "6 changes were coded by more than one coder (A and B). The figures use each change's codes by B" in english
    assert "| Agreement | Cohen's κ | Krippendorff's α |" in english
    assert "| all dimensions | 66.7% |" in english
    assert "Reliability" not in section(result.report_markdown("en"))  # in the methods note, not the body


def test_the_themes_diagram_in_the_markdown_report_speaks_the_reports_language(write_study, idg_plugins):
    study = impactkit.load(write_study(STUDY.replace("language: en", "language: nl")), plugins=idg_plugins)
    text = impactkit.run(study).report_markdown()  # the study's language, not given
    diagram = text[text.index("```mermaid") :]
    assert '"2 mensen"' in diagram and "people" not in diagram.split("```")[1]

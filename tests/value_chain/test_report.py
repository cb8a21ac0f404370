"""The leerkring section and chart: counts agree with their number, lists and numbers are written as
the reader's language writes them, the chart states its n, and the reader sees names, not ids."""

from __future__ import annotations


def leerkring(markdown: str, heading: str) -> str:
    start = markdown.index(f"## {heading}")
    end = markdown.find("\n## ", start + 1)
    return markdown[start:end]


def test_one_project_and_one_effect_read_in_the_singular(run_dict, base):
    base["activities"] = base["activities"][:1]
    base["methods"]["value_chain"]["review"] = base["methods"]["value_chain"]["review"][:1]
    base["outcomes"] = base["outcomes"][:1]
    base["outcomes"][0]["leads_to"] = []
    base["impacts"] = []
    base["methods"]["value_chain"]["effects"] = base["methods"]["value_chain"]["effects"][:1]
    result = run_dict(base)
    english = leerkring(result.report_markdown("en"), "Krachtige Leerkring: value creation")
    dutch = leerkring(result.report_markdown("nl"), "Krachtige Leerkring: waardecreatie")
    assert "1 project: 1 continue." in english and "1 project: 1 blijven doen." in dutch
    assert "The effect is phrased as what we see with the target group." in english
    assert "Het effect is geformuleerd als wat we bij de doelgroep zien." in dutch


def test_the_review_counts_are_a_list_in_the_readers_language(run_dict, base):
    dutch = leerkring(run_dict(base).report_markdown("nl"), "Krachtige Leerkring: waardecreatie")
    assert "2 projecten: 1 blijven doen en 1 beter doen." in dutch


def test_the_effects_table_names_things_and_marks_a_missing_value(run_dict, base):
    base["outcomes"][1].pop("indicator")
    english = leerkring(run_dict(base).report_markdown("en"), "Krachtige Leerkring: value creation")
    row = next(line for line in english.splitlines() if line.startswith("| Students work with residents"))
    assert "| – |" in row  # no indicator: the one sign for "no value"
    assert "(grow)" not in english and "(voice)" not in english  # names, not ids
    assert "| Young people have no voice in local decisions | participation | Young people | interviews |" in english


def test_the_decisions_chart_states_the_projects_it_counts(run_dict, base):
    from impactkit.plugins.value_chain import views
    from impactkit.plugins.value_chain.chain import build

    result = run_dict(base)
    chain = build(result.study, result.graph)
    assert views.decisions_chart(chain, "nl").axes[0].get_title() == "Beoordeling van de projecten (n = 2 projecten)"
    assert views.decisions_chart(chain, "en").axes[0].get_title() == "Review of the projects (n = 2 projects)"

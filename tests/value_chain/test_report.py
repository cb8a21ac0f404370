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


def test_the_summary_follows_the_line_from_needs_to_projects_with_its_tiles(run_dict, base):
    base["activities"].append({"id": "fair", "name": "A village fair"})  # serves no effect: does not fit
    section = base["methods"]["value_chain"]
    section["review"].append({"activity": "fair", "decision": "new", "rationale": "people like it"})
    result = run_dict(base)
    english = leerkring(result.report_markdown("en"), "Summary")
    line = english[english.index("### From needs to projects") :]
    assert "- **Needs:** 2 local needs: participation and Students lack real practice." in line
    assert "- **Ambition:** “Together for a village where everyone takes part” — it answers 2 of 2 needs." in line
    assert "- **Desired effects:** 3 effects; 3 serve a need, 3 are served by a project." in line
    assert "3 projects: 1 continue, 1 improve and 1 new; 2 of 3 projects still running fit the ambition." in line
    assert "Evaluation" not in line  # nothing evaluated yet: not said
    tiles = {k.label: k.value for k in result.document("nl").key_figures}
    assert tiles == {
        "behoeften gediend door een gewenst effect": "2 van de 2",
        "doorlopende projecten passen bij de ambitie": "2 van de 3",
    }


def test_the_summary_says_how_far_the_effects_are_evaluated(run_dict, base):
    base["methods"]["value_chain"]["effects"][0]["status"] = "partly"
    result = run_dict(base, lang="nl")
    dutch = leerkring(result.report_markdown("nl"), "Samenvatting")
    assert "- **Evaluatie:** 1 van de 3 effecten geëvalueerd; 0 met ervaren veranderingen als onderbouwing." in dutch
    (tile,) = [k for k in result.document("nl").key_figures if k.label == "gewenste effecten geëvalueerd"]
    assert (tile.value, tile.note) == ("1 van de 3", None)


def test_the_methods_note_says_how_the_chain_was_checked(run_dict, base):
    english = leerkring(run_dict(base).report_markdown("en"), "How the study was done")
    checked = english[english.index("### How the value chain was checked") :]
    assert "local needs (not wishes), an ambition that answers them" in checked
    assert "- an effect that reads as an output" in checked and "What these checks found is in the appendix" in checked

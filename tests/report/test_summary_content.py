"""What the plugins put in the reader's report: for every example the summary's content (who took
part, per group the top changes with a quote, the SDG tile, the value chain, the SROI ratio), the
methods note's coding counts; the PWMI seed's own elements in the PWMI summary; the workbook's
headers in the reader's language."""

from __future__ import annotations

import pytest

import impactkit
from tests.idg.test_pwmi import PUBLISHED
from tests.report.reading import declared_ids, plumbing

EXAMPLES = ("leerkring-brakkenstein", "leerkring-lingewaard", "pwmi", "sroi-werkplaats")


def part(markdown: str, heading: str) -> str:
    """A part of the report (``## heading``) up to the next."""
    start = markdown.index(f"\n## {heading}\n")
    end = markdown.find("\n## ", start + 1)
    return markdown[start : end if end > 0 else None]


@pytest.fixture(scope="module")
def results():
    return {name: impactkit.run(impactkit.load(impactkit.examples_dir() / name), lang="nl") for name in EXAMPLES}


@pytest.mark.parametrize("example", EXAMPLES)
def test_every_examples_summary_and_methods_note_hold_what_its_methods_found(results, example):
    result = results[example]
    m = result.metrics
    text = result.report_markdown("nl")
    summary, methods = part(text, "Samenvatting"), part(text, "Verantwoording")
    tiles = {k.label: k for k in result.document("nl").key_figures}
    said = 0
    if result.study.change_list:  # who took part, per group
        assert tiles[("mensen deden mee")].value == str(m["core.people"])
        assert "| Groep | Mensen | Veranderingen |" in summary
        said += 1
    if "idg.top_changes" in m:  # per group the top changes, and the quote the study may show
        top = summary[summary.index("### Belangrijkste veranderingen per stakeholdergroep") :]
        for group, entries in m["idg.top_changes"].items():
            holder = result.study.stakeholder(group)
            name = holder.name if holder is not None and holder.group is None else group
            block = top[top.index(f"**{name}** (") :]
            block = block[: block.find("\n**", 1) if "\n**" in block[1:] else None]
            for entry in entries:
                assert f"{entry['rank']}. {entry['theme']} (" in block, (group, entry["theme"])
            quoted = [e for e in entries if e["quote_kind"] == "quote"]
            if quoted:
                assert f"> “{quoted[0]['quote']}”" in block, group
        coded = m["idg.coded"]  # no example records accepted suggestions: every code by hand
        assert f"| Met de hand, door een onderzoeker | {coded} |" in methods
        assert "| Voorgesteld op trefwoorden (het IDG-lexicon) en geaccepteerd door een onderzoeker | 0 |" in methods
        said += 1
    if "sdg.goals_reached" in m:  # the SDG tile, and how the goals were given
        assert tiles["SDG's bereikt"].value == f"{m['sdg.goals_reached']} van de 17"
        assert f"| Met de hand gecodeerd, door een onderzoeker | {m['sdg.coded']} |" in methods
        said += 1
    if "value_chain.needs" in m:  # the line from needs to projects
        assert "### Van behoefte tot project" in summary
        assert f"**Behoeften:** {m['value_chain.needs']} lokale behoeften" in summary
        said += 1
    if "sroi.ratio" in m:  # the ratio with its uncertainty
        ratio = tiles["SROI-ratio: maatschappelijke waarde per geïnvesteerde euro"]
        assert ratio.value.startswith(f"{m['sroi.ratio']:.2f}".replace(".", ","))
        assert ratio.note.startswith("90% tussen") and "### Financiële proxy's en hun bronnen" in methods
        said += 1
    assert said >= 1  # every example has something of its own in the summary
    assert plumbing(text, declared_ids()) == []


def test_the_pwmi_summary_holds_what_the_seed_document_shows(results):
    """The PWMI's own two pages ("Impact meten bij leren in de stad"): the approach, per group the
    three changes with the most impact and a quote, the IDG distribution, the SDGs reached, the
    conclusions and recommendations — all in the report's summary, in that order."""
    result = results["pwmi"]
    summary = part(result.report_markdown("nl"), "Samenvatting")
    approach = summary.index("**Aanpak:** route 2 (niet-lineair, ervaren veranderingen), in vijf stappen")
    assert "256 ervaren veranderingen van 43 mensen in 15 rollen" in summary
    top = summary.index("### Belangrijkste veranderingen per stakeholdergroep")
    for group, (changes, quote) in PUBLISHED.items():
        block = summary[summary.index(f"**{group}** (", top) :]
        block = block[: block.index("\n**", 1)]
        for rank, change in enumerate(changes, start=1):
            assert f"{rank}. {change} (" in block, change
        assert f"> “{quote}" in block, group
    distribution = summary.index("### Inner Development Goals")
    for dimension, english, n in (
        ("Zijn", "Being", 38),
        ("Denken", "Thinking", 30),
        ("Verbinden", "Relating", 71),
        ("Samenwerken", "Collaborating", 98),
        ("Handelen", "Acting", 19),
    ):
        assert f"- **{dimension}** ({english}): {n} veranderingen (" in summary
    assert "**66,0%** van de gecodeerde veranderingen gaat over samenwerken en verbinden" in summary
    sdgs = summary.index("De ervaren veranderingen dragen bij aan **8 van de 17 SDG's**")
    assert "**3 van de 5 helices** dragen eraan bij: onderwijs, overheid en maatschappij." in summary
    conclusions = summary.index("### Conclusies en besluiten")
    for heading in (
        "Echt leren gebeurt in echte situaties",
        "Samenwerken is de belangrijkste opbrengst",
        "De impact gaat verder dan de persoon zelf",
        "De meeste waarde ontstaat tussen domeinen",
        "De volgende stap is geen pilot meer",
    ):
        assert f"- **{heading}" in summary[conclusions:], heading
    assert approach < top < distribution < sdgs < conclusions
    tiles = [(k.value, k.label) for k in result.document("nl").key_figures]
    assert tiles[:5] == [
        ("43", "mensen deden mee"),
        ("256", "ervaren veranderingen"),
        ("66,0%", "van de veranderingen gaat over samenwerken en verbinden"),
        ("8 van de 17", "SDG's bereikt"),
        ("3 van de 5", "helices bereikt"),
    ]


def test_the_idg_distribution_is_the_summarys_key_chart(results):
    result = results["pwmi"]
    svg = result.render("idg.dimensions", "svg")
    document = result.document("nl", drawn={"idg.dimensions": {"svg": svg}})
    (section,) = [s for s in document.summary if any(f.id == "idg.dimensions" for f in s.figures)]
    assert section.title == "Inner Development Goals" and section.figures[0].number == 1  # the first figure
    assert section.figures[0].title == "Veranderingen per IDG-dimensie" and "<svg" in section.figures[0].svg
    assert "idg.dimensions" not in [f.id for s in document.body for f in s.figures]  # shown once, in the summary


def test_a_dutch_studys_workbook_has_dutch_headers_and_formatted_numbers(results, tmp_path):
    import openpyxl

    result = results["pwmi"]
    result.write(tmp_path, formats=(), report=("xlsx",))
    book = openpyxl.load_workbook(tmp_path / "tables.xlsx")
    sheet = book["Veranderingen per IDG-dimensie"]
    assert [c.value for c in sheet[1]] == [
        "Dimensie",
        "Naam",
        "Veranderingen",
        "Aandeel van de gecodeerde veranderingen",
    ]
    assert sheet["D2"].value == 38 / 256 and sheet["D2"].number_format == "0.0%"  # exact, shown as a percentage
    assert sheet["C2"].number_format == "#,##0"
    top = book["Belangrijkste veranderingen per"]
    assert [c.value for c in top[1]][:4] == ["Stakeholdergroep", "Plaats", "Verandering", "Mensen"]
    assert [c.value for c in book["Veranderingen per SDG en helix"][1]][2:5] == [
        "onderwijs",
        "bedrijfsleven",
        "overheid",
    ]
    groups = [c.value for c in book["IDG-dimensies per stakeholdergr"][1]]
    assert groups[-1] == "Aandeel: samenwerken en verbinden"  # a group the study names, under a Dutch header
    for sheet in book.worksheets:  # no column left under its machine name
        names = [str(c.value) for c in sheet[1] if c.value]
        assert not [n for n in names if "_" in n or n.startswith("share: ")], sheet.title

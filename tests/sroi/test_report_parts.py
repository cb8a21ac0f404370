"""The SROI parts of the reader's report: the summary gives the ratio with its 90% interval where
the Monte Carlo ran (and says so where it did not), the methods note every proxy with its source."""

from __future__ import annotations

from .conftest import CHECK_STUDY
from .test_plugin import UNCERTAIN


def part(markdown: str, heading: str) -> str:
    start = markdown.index(f"\n## {heading}\n")
    end = markdown.find("\n## ", start + 1)
    return markdown[start : end if end > 0 else None]


def test_the_summary_gives_the_ratio_with_its_interval(study_dir, run_study):
    result = run_study(study_dir(UNCERTAIN + "    monte_carlo: {draws: 2000, seed: 7}\n"))
    mc, ratio = result.metrics["sroi.monte_carlo"], result.metrics["sroi.ratio"]
    english = part(result.report_markdown("en"), "Summary")
    line = english[english.index("### Social return on investment") :]
    assert f"Every euro invested yields an estimated €{ratio:.2f} of social value" in line
    assert f"(SROI ratio {ratio:.2f} : 1)" in line
    assert f"lies between {mc['p5']:.2f} and {mc['p95']:.2f} in 90% of 2,000 simulations" in line
    assert "Most of the value goes to Students (100.0%)." in line
    (tile,) = [k for k in result.document("nl").key_figures if "SROI" in k.label]
    assert tile.value == f"{ratio:.2f} : 1".replace(".", ",")
    assert tile.note == f"90% tussen {mc['p5']:.2f} en {mc['p95']:.2f}".replace(".", ",")


def test_without_ranges_the_summary_says_there_is_no_interval(study_dir, run_study):
    result = run_study(study_dir(CHECK_STUDY))
    english = part(result.report_markdown("en"), "Summary")
    assert "The impact map gives no ranges, so the ratio has no uncertainty interval." in english
    (tile,) = [k for k in result.document("en").key_figures if "SROI" in k.label]
    assert tile.note == "no uncertainty interval: no ranges given"


def test_the_methods_note_gives_every_proxy_with_its_source(study_dir, run_study):
    text = CHECK_STUDY.replace("        proxy_source: price list 2024\n", "")
    result = run_study(study_dir(text), lang="nl")
    dutch = part(result.report_markdown("nl"), "Verantwoording")
    computed = dutch[dutch.index("### Hoe het maatschappelijk rendement is berekend") :]
    assert "verdisconteerd tegen 3,5% per jaar" in computed
    assert "| More confidence | Students | confidence course | € 1.000 | – |" in computed
    assert "1 proxy of factor zegt niet waar de waarde vandaan komt (–)" in computed
    sourced = run_study(study_dir(CHECK_STUDY))
    english = part(sourced.report_markdown("en"), "How the study was done")
    assert "| More confidence | Students | confidence course | €1,000 | price list 2024 |" in english
    assert "does not say where" not in english

"""The data-quality appendix speaks only of the checks of methods the study uses: the PWMI study has
no SROI map and no value chain, so their checks are no point of its data quality."""

from __future__ import annotations

import impactkit


def test_the_appendix_lists_no_check_of_a_method_the_study_does_not_use():
    result = impactkit.run(impactkit.load(impactkit.examples_dir() / "pwmi"))
    validations = result.plugins.collect("impactkit_validations")[0]
    for lang in ("nl", "en"):
        markdown = result.report_markdown(lang)
        appendix = markdown[markdown.index("Kwaliteit van de gegevens\n" if lang == "nl" else "Data quality\n") :]
        unused = [v.title.get(lang) for v in validations if v.id.split(".")[0] in {"sroi", "value_chain"}]
        used = [v.title.get(lang) for v in validations if v.id.split(".")[0] in {"idg", "sdg"}]
        assert unused and used
        assert [title for title in unused if title in appendix] == []
        assert all(title in appendix for title in used)

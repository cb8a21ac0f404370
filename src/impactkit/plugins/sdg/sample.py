"""Generated texts for measuring and testing ``impactkit sdg map``: abstracts of about 600 characters.

Each text mixes the wording of SDG targets (``data/targets.csv``, so that the query systems find
something) with neutral sentences of research prose written for impactkit, drawn with a fixed seed:
the same ``seed`` gives the same texts on every machine. They stand in for a corpus of abstracts
in the benchmark of the map's speed (``benchmarks/bench_sdg_map.py``) and in the tests that compare
the map's local, multi-process and Dask runs; they are not evidence of accuracy.
"""

from __future__ import annotations

import random

NEUTRAL = (
    "We collected data from participants in three regions over two years.",
    "The study combines interviews with a survey of local organisations.",
    "Results are reported with their confidence intervals and the sample sizes they rest on.",
    "A mixed-methods design was used, and the findings were checked with the respondents.",
    "This paper reviews the literature published between 2010 and 2022.",
    "The model was estimated on panel data and tested for robustness.",
    "Case studies in four municipalities illustrate how the approach works in practice.",
    "We discuss the limitations of the data and directions for further research.",
    "The analysis distinguishes short-term outputs from longer-term outcomes.",
    "Stakeholders were involved in every phase, from the research question to the report.",
    "Our sample is small, so the estimates should be read with care.",
    "The method is transparent and can be repeated by other researchers.",
    "Workshops with practitioners helped to interpret the quantitative results.",
    "A comparison with earlier studies shows similar patterns in other countries.",
    "The authors thank the reviewers for their comments on an earlier draft.",
    "Qualitative coding was done by two researchers who compared their codes.",
)


def sample_texts(count: int, seed: int = 0, length: int = 600, share: float = 0.35) -> list[str]:
    """``count`` texts of about ``length`` characters; a sentence is a target's wording with
    probability ``share``, else a neutral one."""
    from .goals import targets

    wording = [t.title_en.rstrip(".") + "." for t in targets().values()]
    rng = random.Random(seed)
    out = []
    for _ in range(count):
        sentences: list[str] = []
        size = 0
        while True:
            sentence = rng.choice(wording) if rng.random() < share else rng.choice(NEUTRAL)
            if sentences and size + len(sentence) / 2 > length:
                break  # the text ends nearest to ``length``
            sentences.append(sentence)
            size += len(sentence) + 1
        out.append(" ".join(sentences))
    return out

"""Speed of the SDG query systems on a corpus: texts per second on one core, and as a ratio to a floor.

The corpus is generated (:func:`impactkit.plugins.sdg.sample.sample_texts`: 3,000 texts of about
600 characters, a third of their sentences the wording of SDG targets, the rest neutral research
prose), so no benchmark text is read. The floor, measured in the same run on the same texts, is
what every keyword method must do at least: splitting each text into its words once
(``matcher.words``: lower case, accents removed). Each system runs nine times after one warm-up
run (the queries compiled, the words of the corpus remembered), each run just after a run of the
floor: texts/s is the best run, the ratio the median of run ÷ floor (steadier on a shared machine).

Measured: each query system on its own (``aurora``, ``bergen``, ``keywords-en``), the three
together, and the combination the map uses for ``--queries aurora --queries bergen`` (:func:`impactkit.plugins.sdg.coding.find`: both
systems compiled into one index, a text scanned once, their goals combined) — the suggester of
``impactkit sdg map`` and ``impactkit code --method sdg``. Target (issue 13): at least 5,000
texts/s on one core for aurora + bergen. Then the map's chunks (:mod:`impactkit.plugins.sdg.corpus`)
in one process and in two local processes (``--workers 2``), as a speed-up.

``python benchmarks/bench_sdg_map.py [--texts N]``; writes ``benchmarks/results/sdg_map.json``.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from common import best_of, goal, report
from impactkit.plugins.sdg.coding import find
from impactkit.plugins.sdg.corpus import run_here, run_local, spec
from impactkit.plugins.sdg.matcher import words
from impactkit.plugins.sdg.querysets import builtin
from impactkit.plugins.sdg.sample import sample_texts

TARGET = 5000.0
REPEAT = 9


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--texts", type=int, default=3000)
    args, _ = parser.parse_known_args()
    texts = sample_texts(args.texts, seed=13)
    chars = sum(map(len, texts)) / len(texts)
    start = time.perf_counter()
    runs = {"aurora": [builtin("aurora")], "bergen": [builtin("bergen")]}
    runs["keywords-en"] = [builtin("keywords-en")]
    runs["aurora + bergen + keywords-en"] = runs["aurora"] + runs["bergen"] + runs["keywords-en"]
    runs["aurora + bergen"] = runs["aurora"] + runs["bergen"]
    for systems in runs.values():
        for system in systems:
            _ = system.index
    compile_s = time.perf_counter() - start

    def floor() -> None:
        for text in texts:
            words(text)

    print(f"  {len(texts)} generated texts of {chars:.0f} characters on average; queries compiled in {compile_s:.2f} s")
    rows = []
    floors = []
    for label, systems in runs.items():

        def run(systems: list = systems) -> None:
            for text in texts:
                find(systems, text)

        run()  # warm-up: every distinct word of the corpus looked up once
        pairs = [(best_of(floor, 1), best_of(run, 1)) for _ in range(REPEAT)]  # the floor just before each run
        floors += [f for f, _ in pairs]
        seconds = min(r for _, r in pairs)
        ratio = statistics.median(r / f for f, r in pairs)
        rate = len(texts) / seconds
        print(f"  {label:<29} {rate:8,.0f} texts/s   {ratio:5.1f}× the floor")
        rows.append(
            {
                "bench": f"sdg map {label}",
                "texts": len(texts),
                "seconds": seconds,
                "floor_s": min(f for f, _ in pairs),
                "ratio": ratio,
                "texts_per_s": rate,
            }
        )
    print(f"  floor (the words of every text): {len(texts) / min(floors):,.0f} texts/s at best")
    combined = rows[-1]["texts_per_s"]
    given = spec(runs["aurora + bergen"])
    chunks = [[(str(i), text) for i, text in enumerate(texts[k : k + 250], start=k)] for k in range(0, len(texts), 250)]
    one = best_of(lambda: list(run_here(given, chunks)), 3)
    two = best_of(lambda: list(run_local(given, chunks, 2)), 3)
    print(
        f"  the map's chunks, aurora + bergen: one process {len(texts) / one:,.0f} texts/s, "
        f"two local processes {len(texts) / two:,.0f} texts/s ({one / two:.2f}× one)"
    )
    rows.append(
        {
            "bench": "sdg map chunks, 2 processes",
            "texts": len(texts),
            "seconds": two,
            "one_process_s": one,
            "speedup": one / two,
        }
    )
    rows.append(goal("sdg map texts/s on one core, aurora + bergen", combined, TARGET, unit=" texts/s", at_least=True))
    report("sdg_map", rows)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

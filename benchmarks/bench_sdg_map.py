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

The matcher runs compiled by mypyc when ``make`` has built it (``impactkit.plugins.sdg.native``;
the run says which), and aurora + bergen are measured once more in a process that runs the Python
matcher (``IMPACTKIT_SDG_PURE=1``), as a figure to compare.

``python benchmarks/bench_sdg_map.py [--texts N]``; writes ``benchmarks/results/sdg_map.json``.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from common import best_of, goal, report
from impactkit.plugins.sdg.coding import find
from impactkit.plugins.sdg.corpus import run_here, run_local, spec
from impactkit.plugins.sdg.matcher import words
from impactkit.plugins.sdg.native import status
from impactkit.plugins.sdg.querysets import builtin
from impactkit.plugins.sdg.sample import sample_texts

TARGET = 5000.0
REPEAT = 9


def rate(texts: list[str], systems: list) -> tuple[float, float, float, float]:
    """``systems`` on ``texts``, each of :data:`REPEAT` runs just after a run of the floor: the
    fastest run and the fastest floor (seconds), the median run ÷ floor, and texts/s at best."""

    def floor() -> None:
        for text in texts:
            words(text)

    def run() -> None:
        for text in texts:
            find(systems, text)

    run()  # warm-up: every distinct word of the corpus looked up once
    pairs = [(best_of(floor, 1), best_of(run, 1)) for _ in range(REPEAT)]  # the floor just before each run
    seconds = min(r for _, r in pairs)
    return seconds, min(f for f, _ in pairs), statistics.median(r / f for f, r in pairs), len(texts) / seconds


def python_matcher_rate(count: int) -> dict:
    """aurora + bergen measured by :func:`rate` in a new process that runs the Python matcher."""
    env = {**os.environ, "IMPACTKIT_SDG_PURE": "1"}
    done = subprocess.run(
        [sys.executable, __file__, "--texts", str(count), "--python-matcher-only"],
        capture_output=True,
        text=True,
        env=env,
        check=True,
    )
    return json.loads(done.stdout)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--texts", type=int, default=3000)
    parser.add_argument("--python-matcher-only", action="store_true", help=argparse.SUPPRESS)
    args, _ = parser.parse_known_args()
    texts = sample_texts(args.texts, seed=13)
    if args.python_matcher_only:
        seconds, floor_s, ratio, texts_per_s = rate(texts, [builtin("aurora"), builtin("bergen")])
        print(json.dumps({"seconds": seconds, "floor_s": floor_s, "ratio": ratio, "texts_per_s": texts_per_s}))
        return 0
    print(f"  {status('en')}")
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

    print(f"  {len(texts)} generated texts of {chars:.0f} characters on average; queries compiled in {compile_s:.2f} s")
    rows = []
    floors = []
    for label, systems in runs.items():
        seconds, floor_s, ratio, texts_per_s = rate(texts, systems)
        floors.append(floor_s)
        print(f"  {label:<29} {texts_per_s:8,.0f} texts/s   {ratio:5.1f}× the floor")
        rows.append(
            {
                "bench": f"sdg map {label}",
                "texts": len(texts),
                "seconds": seconds,
                "floor_s": floor_s,
                "ratio": ratio,
                "texts_per_s": texts_per_s,
            }
        )
    print(f"  floor (the words of every text): {len(texts) / min(floors):,.0f} texts/s at best")
    combined = rows[-1]["texts_per_s"]
    python = python_matcher_rate(len(texts))
    print(
        f"  {'aurora + bergen, Python matcher':<29} {python['texts_per_s']:8,.0f} texts/s   "
        f"{python['ratio']:5.1f}× the floor   (a new process, IMPACTKIT_SDG_PURE=1)"
    )
    rows.append({"bench": "sdg map aurora + bergen, Python matcher", "texts": len(texts), **python})
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

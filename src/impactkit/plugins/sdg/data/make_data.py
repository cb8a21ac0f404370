"""Regenerate the SDG plugin's data files from the reference material in ``../shared`` (dev only).

Run from the repository root::

    .venv/bin/python src/impactkit/plugins/sdg/data/make_data.py [--shared ../shared]

It writes, next to this script:

* ``goals.csv`` — ``goal, short_en, title_en, short_nl, colour``: the 17 goals with their English
  short name and title (open-sdg/sdg-translations, MIT), their Dutch short name and the official
  colour of the UN SDG communications guidelines;
* ``targets.csv`` — ``target, goal, title_en``: the 169 targets (open-sdg/sdg-translations, MIT);
* ``aurora-v5.csv`` — ``goal, target, line, field, query``: every query line of the Aurora
  Universities Network SDG queries v5 (CC BY 4.0), whitespace collapsed, the target taken from the
  sub-query's UN metadata URI (``3c`` there is written ``3.c``); nothing else changed.

The package reads only these files; an installed impactkit never sees ``../shared``. The output is
deterministic, so running the script again changes nothing unless the sources changed.
"""

from __future__ import annotations

import argparse
import csv
import io
import re
import xml.etree.ElementTree as ET
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[4]

# The official SDG colours (UN "Sustainable Development Goals: guidelines for the use of the SDG
# logo, including the colour wheel, and 17 icons", colour codes per goal).
COLOURS = {
    1: "#E5243B",
    2: "#DDA63A",
    3: "#4C9F38",
    4: "#C5192D",
    5: "#FF3A21",
    6: "#26BDE2",
    7: "#FCC30B",
    8: "#A21942",
    9: "#FD6925",
    10: "#DD1367",
    11: "#FD9D24",
    12: "#BF8B2E",
    13: "#3F7E44",
    14: "#0A97D9",
    15: "#56C02B",
    16: "#00689D",
    17: "#19486A",
}
NS = {"aqd": "http://aurora-network.global/queries/namespace/", "dc": "http://dublincore.org/documents/dcmi-namespace/"}


def _yaml(path: Path) -> dict[str, str]:
    from ruamel.yaml import YAML

    data = YAML(typ="safe").load(path.read_text(encoding="utf-8"))
    return {str(k): " ".join(str(v).split()) for k, v in data.items()}


def _csv(header: list[str], rows: list[list[object]]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue()


def goals(shared: Path) -> str:
    titles = _yaml(shared / "data" / "sdg-titles" / "global_goals.yml")
    with (shared / "data" / "sdg-titles" / "nl-short.csv").open(encoding="utf-8") as handle:
        dutch = {int(row["goal"]): row["short_nl"].strip() for row in csv.DictReader(handle)}
    rows = [[g, titles[f"{g}-short"], titles[f"{g}-title"], dutch[g], COLOURS[g]] for g in range(1, 18)]
    return _csv(["goal", "short_en", "title_en", "short_nl", "colour"], rows)


def _target_key(target: str) -> tuple[int, int, str]:
    goal, part = target.split(".")
    return (int(goal), 0, f"{int(part):03d}") if part.isdigit() else (int(goal), 1, part)


def targets(shared: Path) -> str:
    titles = _yaml(shared / "data" / "sdg-titles" / "global_targets.yml")
    rows = []
    for key, title in titles.items():
        found = re.fullmatch(r"(\d+)-(\w+)-title", key)
        if found:
            rows.append([f"{found[1]}.{found[2]}", int(found[1]), title])
    rows.sort(key=lambda r: _target_key(r[0]))
    if len(rows) != 169:
        raise SystemExit(f"expected 169 targets, found {len(rows)}")
    return _csv(["target", "goal", "title_en"], rows)


def aurora(shared: Path) -> str:
    rows = []
    for goal in range(1, 18):
        root = ET.parse(shared / "data" / "aurora-sdg-queries" / f"query_SDG{goal}.xml").getroot()
        assert root.find("dc:identifier[@type='sdg']", NS).text.strip() == str(goal)
        for definition in root.iter(f"{{{NS['aqd']}}}query-definition"):
            uri = definition.find("dc:identifier[@type='uri']", NS).text.strip()
            target = uri.rsplit("/", 1)[1]
            target = re.sub(r"^(\d+)([a-z])$", r"\1.\2", target)  # the v5 file of SDG 3 writes "3c" for 3.c
            for number, line in enumerate(definition.iter(f"{{{NS['aqd']}}}query-line"), start=1):
                rows.append([goal, target, number, line.get("field", ""), " ".join((line.text or "").split())])
    return _csv(["goal", "target", "line", "field", "query"], rows)


BERGEN = ("data", "sdg-queries", "bergen-sdg-strings")
MARINE = re.compile(r"combined with \[?\**marine terms", re.I)


def _bergen_blocks(text: str):
    """``(section, target, phrase, code, combine_marine)`` for every ```py block of one Bergen file."""
    section = target = phrase = None
    prose: list[str] = []
    block: list[str] | None = None
    for line in text.split("\n"):
        stripped = line.strip()
        if block is not None:
            if stripped.startswith("```"):
                yield section, target, phrase, "\n".join(block), bool(MARINE.search(" ".join(prose)))
                block, prose = None, []
            else:
                block.append(line)
            continue
        if stripped.startswith("```py"):
            block = []
        elif line.startswith("## "):
            section, target, phrase, prose = line[3:].strip(), None, None, []
        elif line.startswith("### "):
            heading = line[4:].strip()
            found = re.fullmatch(r"Target (\d+\.\w+)", heading)
            target, phrase, prose = (found[1] if found else heading), None, []
        elif line.startswith("#### "):
            phrase, prose = line[5:].strip().removeprefix("Phrase ").strip(), []
        else:
            prose.append(line)


def _bergen_query(code: str) -> str:
    """A block as one line: comment lines dropped, whitespace collapsed (nothing else changed)."""
    kept = [line for line in code.split("\n") if not line.lstrip().startswith("#")]
    return " ".join(" ".join(kept).split())


def bergen(shared: Path) -> str:
    rows = []
    for goal in (1, 2, 3, 4, 7, 11, 12, 13, 14, 15):
        for variant in ("topic", "action"):
            path = shared.joinpath(*BERGEN) / f"SDG{goal:02d}_query_{variant}_WoS.md"
            blocks = list(_bergen_blocks(path.read_text(encoding="utf-8")))
            marine = [code for section, _, _, code, _ in blocks if section and section.startswith("3. Marine terms")]
            for section, target, phrase, code, combine in blocks:
                if section and section.startswith(("3. Marine terms", "3. Terrestrial")):
                    continue  # the marine / terrestrial terms: a limiter the phrases use, not a phrase
                if target == "Works mentioning the SDG":
                    target, phrase = "", "SDG"
                elif not re.fullmatch(r"\d+\.\w+", target or ""):
                    raise SystemExit(f"{path.name}: a query block outside a target: {section} / {target}")
                query = _bergen_query(code)
                if combine:
                    query = f"({query}) AND ({_bergen_query(marine[0])})"
                rows.append([goal, target, variant, phrase or "1", "marine" if combine else "", query])
    return _csv(["goal", "target", "variant", "phrase", "limited", "query"], rows)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    shared = parser.parse_args().shared
    for name, make in (
        ("goals.csv", goals),
        ("targets.csv", targets),
        ("aurora-v5.csv", aurora),
        ("bergen-v2.csv", bergen),
    ):
        (HERE / name).write_text(make(shared), encoding="utf-8")
        print(f"wrote {HERE / name}")


if __name__ == "__main__":
    main()

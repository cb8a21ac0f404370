"""``impactkit sroi import --study`` edits only the lines of study.yaml it must (plugins/sroi/studyfile.py)."""

from __future__ import annotations

import json

import pytest

from impactkit.core.errors import UserError
from impactkit.plugins.sroi.io import read_impact_map
from impactkit.plugins.sroi.studyfile import set_impact_map

from .conftest import without_locations
from .test_io import HEADER, ROWS, write_csv

# A study written the way people write them: lists indented under their key, flow and block
# mappings, comments everywhere. The head and the tail must come out byte for byte.
HEAD = """\
impactkit: 1
id: styled   # an id
title: "Styled study"
route: linear
# stakeholders, four spaces in
stakeholders:
    -   id: students
        name: Students
    -   {id: residents, name: Residents}   # flow item
inputs:
    - {id: grant, name: Grant, stakeholder: residents, value: 10000}
outcomes:
    - {id: confidence, name: Confidence, stakeholders: [students]}
    - {id: less-alone, name: Less alone, stakeholders: [residents]}
methods:
  sroi:  # comments survive
    currency: 'EUR'
"""
SECTION = """\
    outcomes:
      # the first estimate, from the pilot
      - stakeholder: students
        outcome: confidence   # to be checked
        quantity: 10
        proxy_value: 100
"""
TAIL = """\

    # Monte Carlo: few draws while drafting
    monte_carlo: {draws: 500,  seed: 3}
# the end
"""


@pytest.fixture
def styled(tmp_path):
    folder = tmp_path / "study"
    folder.mkdir()
    (folder / "study.yaml").write_bytes((HEAD + SECTION + TAIL).encode("utf-8"))
    source = tmp_path / "elsewhere"
    source.mkdir()
    return folder, write_csv(source / "map.csv", HEADER, ROWS)


def test_a_refused_import_copies_nothing_and_leaves_the_study_alone(run_cli, styled):
    folder, source = styled
    before = (folder / "study.yaml").read_bytes()
    out = run_cli("sroi", "import", source, "--study", folder)
    assert out.exit_code == 2 and "--force" in out.stderr and "(1 inline row)" in out.stderr
    assert out.stderr.count("\n") == 1 and "Traceback" not in out.output
    assert not (folder / "map.csv").exists()  # refused before copying anything
    assert (folder / "study.yaml").read_bytes() == before


def test_linking_a_file_replaces_only_the_outcomes_lines(run_cli, styled):
    folder, source = styled
    out = run_cli("sroi", "import", source, "--study", folder, "--force")
    assert out.exit_code == 0, out.output
    assert (folder / "study.yaml").read_text(encoding="utf-8") == HEAD + "    impact_map: map.csv\n" + TAIL
    assert (folder / "map.csv").read_bytes() == source.read_bytes()
    # importing the same file again needs no --force and changes nothing
    again = run_cli("sroi", "import", source, "--study", folder)
    assert again.exit_code == 0, again.output
    assert (folder / "study.yaml").read_text(encoding="utf-8") == HEAD + "    impact_map: map.csv\n" + TAIL
    # a different file of that name next to the study is not overwritten without --force
    (folder / "map.csv").write_text("stakeholder,outcome\n", encoding="utf-8")
    clash = run_cli("sroi", "import", source, "--study", folder)
    assert clash.exit_code == 2 and "exists already" in clash.stderr
    assert (folder / "map.csv").read_text(encoding="utf-8") == "stakeholder,outcome\n"


def test_inline_rows_follow_the_files_indentation_and_nothing_else_changes(run_cli, styled):
    folder, source = styled
    linked = run_cli("sroi", "import", source, "--study", folder, "--force")
    assert linked.exit_code == 0, linked.output
    figures = json.loads(run_cli("run", folder, "--json").stdout)["metrics"]

    out = run_cli("sroi", "import", source, "--study", folder, "--inline", "--force")
    assert out.exit_code == 0, out.output
    text = (folder / "study.yaml").read_text(encoding="utf-8")
    assert text.startswith(HEAD) and text.endswith(TAIL)
    middle = text[len(HEAD) : len(text) - len(TAIL)].splitlines()
    assert middle[0] == "    outcomes:"
    items = [line for line in middle if line.lstrip().startswith("- ")]
    assert len(items) == 3 and all(line.startswith("        - stakeholder: ") for line in items)  # 4 in, as the file
    assert "impact_map" not in text
    assert without_locations(json.loads(run_cli("run", folder, "--json").stdout)["metrics"]) == without_locations(
        figures
    )


def test_a_study_without_the_section_gets_it_appended(run_cli, tmp_path):
    folder = tmp_path / "study"
    folder.mkdir()
    head = HEAD.split("methods:")[0]
    (folder / "study.yaml").write_text(head, encoding="utf-8")
    source = write_csv(tmp_path / "map.csv", HEADER, ROWS)
    out = run_cli("sroi", "import", source, "--study", folder)
    assert out.exit_code == 0, out.output
    assert (folder / "study.yaml").read_text(encoding="utf-8") == head + "methods:\n  sroi:\n    impact_map: map.csv\n"


def test_a_flow_style_section_is_refused_before_anything_is_copied(run_cli, tmp_path):
    folder = tmp_path / "study"
    folder.mkdir()
    text = HEAD.split("methods:")[0] + "methods:\n  sroi: {currency: EUR}\n"
    (folder / "study.yaml").write_text(text, encoding="utf-8")
    (tmp_path / "in").mkdir()
    source = write_csv(tmp_path / "in" / "map.csv", HEADER, ROWS)
    out = run_cli("sroi", "import", source, "--study", folder)
    assert out.exit_code == 2
    assert out.stderr.strip() == (
        "impactkit: methods.sroi is written in flow style ({…}) on line 16; write it as a "
        "block (one key per line) so that impactkit can add 'impact_map' to it, or add it "
        "yourself"
    )
    assert not (folder / "map.csv").exists() and (folder / "study.yaml").read_text(encoding="utf-8") == text


@pytest.mark.parametrize(
    "before, after",
    [
        ("a: 1\nmethods:   # c\nb: 2\n", "a: 1\nmethods:   # c\n  sroi:\n    impact_map: m.csv\nb: 2\n"),
        ("a: 1\nmethods: {}  # c\nb: 2\n", "a: 1\nmethods:  # c\n  sroi:\n    impact_map: m.csv\nb: 2\n"),
        (
            "methods:\n    idg:\n        x: 1\n    # about b\nb: 2\n",
            "methods:\n    idg:\n        x: 1\n    sroi:\n        impact_map: m.csv\n    # about b\nb: 2\n",
        ),
        ("methods:\n  sroi:  # hi\n  idg: {}\n", "methods:\n  sroi:  # hi\n    impact_map: m.csv\n  idg: {}\n"),
        (
            "methods:\n  sroi:\n    impact_map: old.csv\n    currency: EUR\n",
            "methods:\n  sroi:\n    impact_map: m.csv\n    currency: EUR\n",
        ),
        (
            "methods:\r\n  sroi:\r\n    currency: EUR\r\n",
            "methods:\r\n  sroi:\r\n    currency: EUR\r\n    impact_map: m.csv\r\n",
        ),
        ("a: 1", "a: 1\nmethods:\n  sroi:\n    impact_map: m.csv\n"),
    ],
)
def test_set_impact_map_edits_in_place(before, after):
    assert set_impact_map(before, impact_map="m.csv") == after


def test_inline_rows_replace_a_link_in_its_place_and_keep_numbers_unambiguous():
    from ruamel.yaml import YAML

    rows = [
        {
            "stakeholder": "s",
            "outcome": "o",
            "proxy_value": 2.125,
            "quantity": {"value": 3, "low": 2, "high": 4},
            "justification": "it's: a #note",
            "extra": {"Notes": "x, y"},
        }
    ]
    text = set_impact_map("methods:\n  sroi:\n    impact_map: old.csv  # old\n    currency: EUR\n", outcomes=rows)
    assert text == (
        "methods:\n  sroi:\n    outcomes:\n      - stakeholder: s\n        outcome: o\n"
        "        proxy_value: 2.1250\n        quantity: {value: 3, low: 2, high: 4}\n"
        "        justification: \"it's: a #note\"\n        extra: {Notes: 'x, y'}\n    currency: EUR\n"
    )
    assert YAML(typ="safe").load(text)["methods"]["sroi"]["outcomes"] == rows


def test_a_flow_section_is_a_user_error():
    with pytest.raises(UserError, match="flow style"):
        set_impact_map("methods:\n  sroi: {currency: EUR}\n", impact_map="m.csv")


def test_inline_import_keeps_the_extra_columns_through_the_study_and_back(run_cli, styled, tmp_path):
    folder, _ = styled
    header = HEADER + ["Team", "Contact"]
    rows = [row + [f"team {i}", f"contact {i}"] for i, row in enumerate(ROWS)]
    source = write_csv(tmp_path / "with-extras.csv", header, rows)
    original = read_impact_map(source).rows
    assert original[0].extra == {"Team": "team 0", "Contact": "contact 0"}
    out = run_cli("sroi", "import", source, "--study", folder, "--inline", "--force")
    assert out.exit_code == 0, out.output
    assert "kept with each row" in out.stderr
    assert "extra: {Team: team 0, Contact: contact 0}" in (folder / "study.yaml").read_text(encoding="utf-8")
    for name in ("back.csv", "back.xlsx"):
        exported = run_cli("sroi", "export", folder, "-o", tmp_path / name)
        assert exported.exit_code == 0, exported.output
        again = read_impact_map(tmp_path / name)
        assert again.errors == [] and again.rows == original

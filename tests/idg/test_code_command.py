"""``impactkit code STUDY --method idg``: the core command with the IDG plugin's coder.

Suggestions a researcher accepts; human codes are never overwritten. The generic machinery (files,
choosing a coder, failures) is tested with fake coders in ``tests/core/test_coding.py``; this file
covers what is IDG's: lexicon suggestions in the study's language, double coding, codes checked
against the framework, and the evaluation against human codes.
"""

from __future__ import annotations

import csv
import json

import pytest

import impactkit
from tests.helpers import read_rows

STUDY = """\
impactkit: 1
id: code-demo
title: Code demo
language: nl
stakeholders:
  - {id: ouders, name: Ouders, group: bewoners}
changes: changes.csv
methods:
  idg: {}
"""

CHANGES = (
    "id;persoon;stakeholder;verandering;idg;opmerking\r\n"
    "1;p1;ouders;Ik voel me minder alleen door het contact met andere ouders.;;eerste\r\n"
    "2;p2;ouders;Ik vertrouw de andere ouders meer.;Vertrouwen;tweede\r\n"
    "3;p3;ouders;Het weer was mooi.;;derde\r\n"
    "4;p4;ouders;We werken samen met de school.;;vierde\r\n"
)


@pytest.fixture
def invoke(cli):
    return lambda *args: cli(*args, plugins="core,idg", catch=True)


@pytest.fixture
def study(coded_study):
    return coded_study(STUDY, CHANGES)


def test_suggestions_are_written_next_to_the_changes_and_touch_nothing(invoke, study):
    before = (study / "changes.csv").read_bytes()
    outcome = invoke("code", str(study), "--method", "idg")
    assert outcome.exit_code == 0, outcome.output
    assert "3 veranderingen" in outcome.output and "--accept" in outcome.output
    assert (study / "changes.csv").read_bytes() == before
    rows = read_rows(study / "changes.idg-suggestions.csv")
    assert [r["id"] for r in rows] == ["1", "3", "4"]  # change 2 has a human code
    first = rows[0]
    assert first["row"] == "2" and first["idg_suggested"] == "Verbondenheid"  # Dutch: the study's language
    assert "minder alleen -> Verbondenheid" in first["idg_suggested_because"]
    assert rows[1]["idg_suggested"] == "" and rows[1]["idg_suggested_because"] == ""
    assert all(r["accept"] == "" for r in rows)


def test_because_explains_the_suggested_code_and_labels_the_runners_up(invoke, coded_study):
    study = coded_study(
        STUDY,
        "id;persoon;stakeholder;verandering;idg\n"
        "1;p1;ouders;Ik durf nu in het Nederlands een gesprek met de juf te voeren.;\n",
    )
    assert invoke("code", str(study), "--method", "idg").exit_code == 0
    (row,) = read_rows(study / "changes.idg-suggestions.csv")
    assert row["idg_suggested"] == "Communicatievaardigheden"
    assert row["idg_suggested_because"] == "gesprek -> Communicatievaardigheden (ook: durf -> Moed)"
    assert invoke("--lang", "en", "code", str(study), "--method", "idg").exit_code == 0
    (row,) = read_rows(study / "changes.idg-suggestions.csv")
    assert row["idg_suggested_because"] == "gesprek -> Communication Skills (also: durf -> Courage)"
    (study / "changes.idg-suggestions.csv").read_text(encoding="utf-8").encode("cp1252")  # survives Excel's save


def test_accepting_fills_only_empty_cells_and_keeps_the_file_format(invoke, study):
    assert invoke("code", str(study), "--method", "idg").exit_code == 0
    path = study / "changes.idg-suggestions.csv"
    rows = read_rows(path)
    rows[0]["accept"] = "ja"
    rows[1]["accept"] = "x"  # accepted without a code: skipped
    rows[2]["accept"] = "yes"
    rows[2]["idg_suggested"] = "Samenwerken"  # the researcher edited the suggestion
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    # meanwhile a human coded change 1 by hand: that code must survive
    changes = study / "changes.csv"
    changes.write_bytes(changes.read_bytes().replace(b"ouders.;;eerste", b"ouders.;Relating;eerste"))

    outcome = invoke("--lang", "en", "code", str(study), "--method", "idg", "--accept")
    assert outcome.exit_code == 0, outcome.output
    assert "Copied 1 accepted code " in outcome.output
    assert f"{changes}:2: already coded ('Relating'); not overwritten" in outcome.output
    assert f"{path}:3: accepted but no code given" in outcome.output  # change row 4, suggestion row 3
    raw = changes.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and b"\r\n" in raw and b";" in raw  # BOM, newlines, delimiter kept
    rows = read_rows(changes, ";")
    assert [r["idg"] for r in rows] == ["Relating", "Vertrouwen", "", "Samenwerken"]
    assert [r["opmerking"] for r in rows] == ["eerste", "tweede", "derde", "vierde"]  # other columns kept
    result = impactkit.run(impactkit.load(study))
    assert result.metrics["idg.coded"] == 3


def test_accepting_an_unknown_code_or_a_moved_row_is_refused(invoke, study):
    invoke("code", str(study), "--method", "idg")
    path = study / "changes.idg-suggestions.csv"
    rows = read_rows(path)
    rows[0].update(accept="ja", idg_suggested="Verbondenhied")
    rows[2].update(accept="ja", person="somebody else")
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    outcome = invoke("--lang", "en", "code", str(study), "--method", "idg", "--accept")
    assert outcome.exit_code == 0
    assert f"{path}:2: 'Verbondenhied' is not an IDG dimension or skill" in outcome.output
    assert f"{path}:4: the changes file no longer matches this suggestion (its row 5: " in outcome.output
    dutch = invoke("--lang", "nl", "code", str(study), "--method", "idg", "--accept").output
    assert f"{path}:2: 'Verbondenhied' is geen" in dutch and "; overgeslagen" in dutch
    assert f"{path}:4: het veranderingenbestand klopt niet meer met deze suggestie (rij 5 daar: " in dutch
    assert "Copied 0 accepted codes" in outcome.output


def test_accepting_into_an_xlsx_changes_file(invoke, tmp_path):
    from openpyxl import Workbook, load_workbook

    folder = tmp_path / "x"
    folder.mkdir()
    (folder / "study.yaml").write_text(STUDY.replace("changes.csv", "changes.xlsx"), encoding="utf-8")
    book = Workbook()
    sheet = book.active
    for line in CHANGES.strip().split("\r\n"):
        sheet.append(line.split(";"))
    book.save(folder / "changes.xlsx")
    assert invoke("code", str(folder), "--method", "idg").exit_code == 0
    path = folder / "changes.idg-suggestions.csv"
    rows = read_rows(path)
    rows[0]["accept"] = "ja"
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    assert invoke("code", str(folder), "--method", "idg", "--accept").exit_code == 0
    cells = [row[4] for row in load_workbook(folder / "changes.xlsx").active.iter_rows(min_row=2, values_only=True)]
    assert cells == ["Verbondenheid", "Vertrouwen", None, None]


def test_inline_changes_cannot_be_accepted_automatically(invoke, write_study):
    folder = write_study(
        STUDY.replace(
            "changes: changes.csv", "changes:\n  - {person: p1, stakeholder: ouders, change: Ik voel me minder alleen}"
        )
    )
    assert invoke("code", str(folder), "--method", "idg").exit_code == 0
    assert (folder / "idg-suggestions.csv").is_file()
    outcome = invoke("code", str(folder), "--method", "idg", "--accept")
    assert outcome.exit_code == 2
    assert "met de hand" in outcome.output


def test_nothing_to_suggest_and_all(invoke, study):
    text = (study / "changes.csv").read_bytes()
    (study / "changes.csv").write_bytes(text.replace(b";;", b";Zijn;"))  # code every change
    outcome = invoke("--lang", "en", "code", str(study), "--method", "idg")
    assert outcome.exit_code == 0 and "nothing to suggest" in outcome.output
    outcome = invoke("code", str(study), "--method", "idg", "--all", "-o", str(study / "all.csv"))
    assert outcome.exit_code == 0
    rows = read_rows(study / "all.csv")
    assert len(rows) == 4 and rows[1]["idg_human"] == "Vertrouwen"


def test_evaluate_prints_agreement_with_the_human_codes(invoke):
    outcome = invoke("code", str(impactkit.examples_dir() / "pwmi"), "--method", "idg", "--evaluate", "--json")
    assert outcome.exit_code == 0, outcome.output
    data = json.loads(outcome.stdout)
    assert data["changes"] == 256 and 0 < data["accuracy"] <= 1 and "Collaborating" in data["confusion"]
    text = invoke("--lang", "en", "code", str(impactkit.examples_dir() / "pwmi"), "--method", "idg", "--evaluate")
    assert "Cohen's kappa" in text.output


def test_a_broken_study_is_an_input_error_not_a_traceback(invoke, tmp_path):
    folder = tmp_path / "broken"
    folder.mkdir()
    (folder / "study.yaml").write_text(STUDY, encoding="utf-8")
    (folder / "changes.csv").write_text("persoon,verandering\np1,iets\n", encoding="utf-8")
    outcome = invoke("code", str(folder), "--method", "idg")
    assert outcome.exit_code == 2
    assert "stakeholder" in outcome.output and "Traceback" not in outcome.output


def test_the_idg_plugin_contributes_a_coder_not_a_command(idg_plugins):
    from impactkit.core.contributions import Coder

    coders, problems = idg_plugins.collect("impactkit_coders")
    assert problems == [] and [(c.id, c.column, c.plugin) for c in coders] == [("idg", "idg", "idg")]
    assert isinstance(coders[0], Coder) and coders[0].evaluate is not None
    commands, _ = idg_plugins.collect("impactkit_commands")
    assert "code" not in [c.id for c in commands]


def test_method_may_be_left_out_when_idg_is_the_only_coder(invoke, study):
    outcome = invoke("code", str(study))
    assert outcome.exit_code == 0, outcome.output
    assert (study / "changes.idg-suggestions.csv").is_file()
    assert invoke("code", str(study), "--method", "sdg").exit_code == 2


def test_a_double_coded_change_is_suggested_once(invoke, tmp_path):
    folder = tmp_path / "double"
    folder.mkdir()
    (folder / "study.yaml").write_text(STUDY, encoding="utf-8")
    (folder / "changes.csv").write_text(
        "id;persoon;stakeholder;verandering;idg;codeur\n"
        "1;p1;ouders;Ik voel me minder alleen.;;A\n"
        "1;p1;ouders;Ik voel me minder alleen.;Verbondenheid;B\n"
        "2;p2;ouders;Ik vertrouw de andere ouders meer.;Vertrouwen;A\n",
        encoding="utf-8",
    )
    assert invoke("code", str(folder), "--method", "idg").exit_code == 0
    rows = read_rows(folder / "changes.idg-suggestions.csv")
    assert [(r["id"], r["row"]) for r in rows] == [("1", "2")]  # the primary (first) coding, once
    assert invoke("code", str(folder), "--method", "idg", "--all", "-o", str(folder / "all.csv")).exit_code == 0
    assert [(r["id"], r["idg_human"]) for r in read_rows(folder / "all.csv")] == [("1", ""), ("2", "Vertrouwen")]


def test_the_evaluation_reads_in_dutch(invoke):
    text = invoke("--lang", "nl", "code", str(impactkit.examples_dir() / "pwmi"), "--method", "idg", "--evaluate")
    assert text.exit_code == 0 and "Cohens kappa" in text.output and "dimensie goed" in text.output


def _mark_all(path, **update):
    rows = read_rows(path)
    for row in rows:
        row.update(accept="ja", **update)
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    return rows


def test_accepting_twice_changes_nothing_and_says_so_in_one_line(invoke, study):
    invoke("code", str(study), "--method", "idg")
    path = study / "changes.idg-suggestions.csv"
    _mark_all(path, idg_suggested="Samenwerken")
    first = invoke("--lang", "nl", "code", str(study), "--method", "idg", "--accept")
    assert "3 geaccepteerde codes overgenomen" in first.output
    after = (study / "changes.csv").read_bytes()
    again = invoke("--lang", "nl", "code", str(study), "--method", "idg", "--accept")
    assert again.exit_code == 0, again.output
    assert "3 geaccepteerde codes stonden al in" in again.output and "ongewijzigd" in again.output
    assert "al gecodeerd" not in again.output and again.output.count("\n") == 2
    assert "0 geaccepteerde codes overgenomen" in again.output
    assert (study / "changes.csv").read_bytes() == after


def test_suggestions_name_people_by_pseudonym_and_are_accepted_so(invoke, coded_study):
    study = coded_study(
        STUDY,
        "id;persoon;stakeholder;verandering;idg\n"
        "1;Jan de Vries;ouders;Ik voel me minder alleen door het contact met andere ouders.;\n"
        "2;Fatima Yilmaz;ouders;We werken samen met de school.;\n",
    )
    assert invoke("code", str(study), "--method", "idg").exit_code == 0
    path = study / "changes.idg-suggestions.csv"
    assert "Jan" not in path.read_text(encoding="utf-8") and "Fatima" not in path.read_text(encoding="utf-8")
    rows = _mark_all(path)
    assert [r["person"] for r in rows] == ["R001", "R002"]
    outcome = invoke("--lang", "en", "code", str(study), "--method", "idg", "--accept")
    assert "Copied 2 accepted codes" in outcome.output, outcome.output
    assert [r["idg"] for r in read_rows(study / "changes.csv", ";")] == ["Verbondenheid", "Co-creatievaardigheden"]

"""``impactkit code``: the core command and files behind every method's coder, with fake coders.

Two coders live side by side here, each in a plugin of its own name: ``sdg`` (fills the ``sdg``
column its plugin declares) and ``mood`` (fills a column no plugin declares, kept as an unknown
one). The core chooses between them with ``--method``, writes the suggestions file, and copies
accepted codes into empty cells only.
"""

from __future__ import annotations

import csv
import json
import types

import pytest
from click.testing import CliRunner
from pydantic import BaseModel, ConfigDict

import impactkit
from impactkit.core import plugins as plugin_module
from impactkit.core.contributions import ChangeColumn, Coder, Evaluation, StudySection, Suggestion
from impactkit.core.hookspecs import hookimpl
from impactkit.core.i18n import Text
from tests.helpers import read_rows

STUDY = """\
impactkit: 1
id: coding
title: Coding
language: en
stakeholders:
  - {id: pupils, name: Pupils}
changes: changes.csv
"""

# a BOM, ';', CRLF, a blank line (row 4) and columns the coders do not touch
CHANGES = (
    "id;person;stakeholder;change;sdg;mood;note\r\n"
    "1;p1;pupils;I learn more at school;;;first\r\n"
    "2;p2;pupils;School is fun and I am happy;11;;second\r\n"
    "\r\n"
    "3;p3;pupils;Nothing changed;;;third\r\n"
    "4;p4;pupils;I feel happy to learn;;glad;fourth\r\n"
)


def _sdg_suggest(ctx, indices):
    out = []
    for i in indices:
        text = ctx.study.change_list[i].change.lower()
        words = tuple(w for w in ("school", "learn") if w in text)
        if words:
            out.append(Suggestion(index=i, code="4", because=words))
    return out


def _sdg_normalise(ctx, text):
    digits = text.upper().removeprefix("SDG").strip()
    return str(int(digits)) if digits.isdigit() and 1 <= int(digits) <= 17 else None


def _sdg_evaluate(ctx):
    coded = [c for c in ctx.study.change_list if c.codes.get("sdg")]
    return Evaluation(
        figures={"changes": len(coded), "share": 0.5},
        summary=Text(en=f"{len(coded)} coded changes", nl=f"{len(coded)} gecodeerde veranderingen"),
    )


SDG = Coder(
    id="sdg",
    column="sdg",
    title=Text(en="Sustainable Development Goals", nl="Duurzame ontwikkelingsdoelen"),
    suggest=_sdg_suggest,
    normalise=_sdg_normalise,
    evaluate=_sdg_evaluate,
    unknown_code=Text(en="'{code}' is not an SDG from 1 to 17", nl="'{code}' is geen SDG van 1 tot 17"),
)

MOOD = Coder(
    id="mood",
    column="mood",
    title=Text(en="Mood", nl="Stemming"),
    suggest=lambda ctx, indices: [
        Suggestion(index=i, code="happy", because=("happy",))
        for i in indices
        if "happy" in ctx.study.change_list[i].change
    ],
    normalise=lambda ctx, text: text.lower() if text.lower() in {"happy", "glad", "sad"} else None,
)


def plugin(**hooks):
    """A fake plugin module with the given hook functions."""
    module = types.ModuleType("fake_coders")
    for name, func in hooks.items():
        setattr(module, name, hookimpl(func))
    return module


class _NoSettings(BaseModel):
    model_config = ConfigDict(extra="forbid")


SDG_SECTION = StudySection(
    id="sdg",
    model=_NoSettings,
    title=Text(en="SDG", nl="SDG"),
    columns=(
        ChangeColumn(
            name="sdg",
            title=Text(en="SDG goals", nl="SDG-doelen"),
            description=Text(en="goal numbers", nl="doelnummers"),
            parse=lambda value: [int(part) for part in str(value).replace(" ", "").split(";") if part],
            json_schema={"type": "string"},
        ),
    ),
)
"""The study section of the fake ``sdg`` plugin: it declares the ``sdg`` column."""


def fake(*coders):
    hooks = {"impactkit_coders": lambda: list(coders)}
    if SDG in coders:
        hooks["impactkit_study_sections"] = lambda: [SDG_SECTION]
    return plugin(**hooks)


def register(plugins, coders):
    """Each coder in a plugin named after it (its namespace)."""
    for coder in coders:
        plugins.register(fake(coder), coder.id)
    return plugins


@pytest.fixture
def invoke(monkeypatch):
    """``invoke(*args, coders=(SDG, MOOD))``: the CLI with only a fake plugin giving those coders."""
    from impactkit.cli import cli

    real = plugin_module.make_manager

    def run(*args, coders=(SDG, MOOD)):
        def manager(load=None):
            return register(real(load=False), coders)

        monkeypatch.setattr(plugin_module, "make_manager", manager)
        return CliRunner().invoke(cli, [str(a) for a in args])

    return run


@pytest.fixture
def study(coded_study):
    return coded_study(STUDY, CHANGES)


def mark(path, **accepts):
    """Mark rows of a suggestions file accepted: ``mark(path, **{"2": "ja", ...})`` or ``(code, accept)``."""
    rows = read_rows(path)
    for row in rows:
        value = accepts.get(row["row"])
        if isinstance(value, tuple):
            code, value = value
            row[next(k for k in row if k.endswith("_suggested"))] = code
        if value:
            row["accept"] = value
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)


# -- choosing the coder --------------------------------------------------------------------------


def test_two_coders_coexist_and_method_chooses(invoke, study):
    assert invoke("code", study, "--method", "sdg").exit_code == 0
    assert invoke("code", study, "--method", "MOOD").exit_code == 0  # the name is not case-sensitive
    sdg = read_rows(study / "changes.sdg-suggestions.csv")
    mood = read_rows(study / "changes.mood-suggestions.csv")
    assert [r["row"] for r in sdg] == ["2", "5", "6"]  # row 3 has SDG 11
    assert [r["row"] for r in mood] == ["2", "3", "5"]  # row 6 has a mood
    assert [r["mood_suggested"] for r in mood] == ["", "happy", ""]


def test_without_method_the_only_coder_is_used_and_several_must_be_chosen(invoke, study):
    only = invoke("code", study, coders=(MOOD,))
    assert only.exit_code == 0 and (study / "changes.mood-suggestions.csv").is_file()
    several = invoke("code", study)
    assert several.exit_code == 2
    assert "--method" in several.output and "mood (Mood)" in several.output and "sdg (" in several.output


def test_an_unknown_method_is_a_usage_error_listing_the_coders(invoke, study):
    outcome = invoke("code", study, "--method", "idgg")
    assert outcome.exit_code == 2
    assert (
        "unknown method 'idgg'" in outcome.output
        and "installed coders: mood (Mood) and sdg (Sustainable Development Goals)" in outcome.output
    )
    dutch = invoke("--lang", "nl", "code", study, "--method", "idgg")
    assert dutch.exit_code == 2 and "onbekende methode 'idgg'" in dutch.output and " en sdg (Duurzame" in dutch.output
    none = invoke("code", study, coders=())
    assert none.exit_code == 2 and "no installed plugin suggests codes" in none.output
    assert not list(study.glob("*suggestions*"))


def test_coders_are_listed_by_impactkit_plugins(invoke):
    listed = invoke("plugins").output
    assert "mood\n" in listed and "coder: mood\n" in listed and "coder: sdg\n" in listed
    assert "codeur: mood\n" in invoke("--lang", "nl", "plugins").output


# -- the suggestions file ------------------------------------------------------------------------


def test_the_suggestions_file_and_nothing_else(invoke, study):
    before = (study / "changes.csv").read_bytes()
    outcome = invoke("code", study, "--method", "sdg")
    assert outcome.exit_code == 0, outcome.output
    assert "Wrote 2 suggestions for 3 changes" in outcome.output and "(1 without a suggestion)" in outcome.output
    assert "impactkit code " in outcome.output and "--method sdg --accept" in outcome.output
    assert (study / "changes.csv").read_bytes() == before
    assert (study / "changes.sdg-suggestions.csv").read_text(encoding="utf-8") == (
        "id,row,person,stakeholder,change,sdg_suggested,sdg_suggested_because,accept\n"
        "1,2,p1,pupils,I learn more at school,4,school; learn,\n"
        "3,5,p3,pupils,Nothing changed,,,\n"
        "4,6,p4,pupils,I feel happy to learn,4,learn,\n"
    )


def test_all_adds_the_human_codes_and_output_goes_where_asked(invoke, study):
    target = study / "elsewhere.csv"
    assert invoke("code", study, "--method", "sdg", "--all", "-o", target).exit_code == 0
    rows = read_rows(target)
    assert list(rows[0]) == [
        "id",
        "row",
        "person",
        "stakeholder",
        "change",
        "sdg_suggested",
        "sdg_suggested_because",
        "sdg_human",
        "accept",
    ]
    assert [r["sdg_human"] for r in rows] == ["", "11", "", ""]
    assert not (study / "changes.sdg-suggestions.csv").exists()


def test_nothing_to_suggest(invoke, study):
    changes = study / "changes.csv"
    changes.write_bytes(changes.read_bytes().replace(b";;;", b";;glad;").replace(b"11;;", b"11;sad;"))
    outcome = invoke("code", study, "--method", "mood")
    assert outcome.exit_code == 0 and "nothing to suggest" in outcome.output and "'mood'" in outcome.output
    assert not (study / "changes.mood-suggestions.csv").exists()


# -- accepting -----------------------------------------------------------------------------------


def test_accept_round_trip_on_csv_never_overwrites_a_human_code(invoke, study):
    assert invoke("code", study, "--method", "sdg").exit_code == 0
    path = study / "changes.sdg-suggestions.csv"
    mark(path, **{"2": ("SDG 4; 11", "ja"), "5": ("99", "x"), "6": "yes"})
    changes = study / "changes.csv"
    changes.write_bytes(changes.read_bytes().replace(b"learn;;glad", b"learn;13;glad"))  # a human coded row 6

    outcome = invoke("code", study, "--method", "sdg", "--accept")
    assert outcome.exit_code == 0, outcome.output
    assert "Copied 1 accepted code " in outcome.output
    # FILE:ROW: what was marked is a row of the suggestions file (row 5 of the changes is its row 3);
    # a cell that is already coded, a row of the changes file
    assert f"{path}:3: '99' is not an SDG from 1 to 17; skipped" in outcome.output
    assert f"{changes}:6: already coded ('13'); not overwritten" in outcome.output
    assert "row 5" not in outcome.output and "row 6" not in outcome.output
    # byte for byte the same file (BOM, ';', CRLF, the blank line, every other cell) but for one cell,
    # quoted because it holds the separator
    expected = CHANGES.replace("school;;;", 'school;"4; 11";;').replace("learn;;glad", "learn;13;glad")
    assert changes.read_bytes() == "\ufeff".encode() + expected.encode("utf-8")
    rows = read_rows(changes, ";")
    assert [r["sdg"] for r in rows] == ["4; 11", "11", "", "13"]
    assert [r["note"] for r in rows] == ["first", "second", "third", "fourth"]
    assert [c.codes.get("sdg", []) for c in impactkit.load(study).change_list] == [[4, 11], [11], [], [13]]

    again = invoke("--lang", "nl", "code", study, "--method", "sdg", "--accept")
    assert f"{changes}:2: al gecodeerd" not in again.output  # the same codes again: counted, not a note each
    assert f"1 geaccepteerde code stond al in {changes}; ongewijzigd gelaten" in again.output
    assert f"{changes}:6: al gecodeerd ('13'); niet overschreven" in again.output
    assert "0 geaccepteerde codes overgenomen" in again.output


def test_accept_skips_moved_rows_and_accepted_rows_without_a_code(invoke, study):
    invoke("code", study, "--method", "mood")
    path = study / "changes.mood-suggestions.csv"
    mark(path, **{"2": ("", "ja"), "3": "ja", "5": ("sad", "x")})
    changes = study / "changes.csv"
    changes.write_bytes(changes.read_bytes().replace(b"3;p3;", b"3;p9;"))  # row 5 is somebody else now
    outcome = invoke("code", study, "--method", "mood", "--accept")
    assert outcome.exit_code == 0
    assert f"{path}:2: accepted but no code given" in outcome.output
    assert f"{path}:4: the changes file no longer matches this suggestion (its row 5: " in outcome.output
    assert "Copied 1 accepted code " in outcome.output
    assert [r["mood"] for r in read_rows(changes, ";")] == ["", "happy", "", "glad"]


def test_unknown_codes_default_message_and_nothing_accepted(invoke, study):
    invoke("code", study, "--method", "mood")
    path = study / "changes.mood-suggestions.csv"
    before = (study / "changes.csv").read_bytes()
    outcome = invoke("code", study, "--method", "mood", "--accept")
    assert outcome.exit_code == 0 and "No suggestion is marked accepted" in outcome.output
    mark(path, **{"3": ("furious", "ja")})
    outcome = invoke("code", study, "--method", "mood", "--accept")
    assert f"{path}:3: 'furious' is not a code of Mood; skipped" in outcome.output
    assert (study / "changes.csv").read_bytes() == before  # nothing copied: the file is not rewritten


def test_accept_without_suggestions_file_or_with_inline_changes(invoke, study, write_study):
    missing = invoke("code", study, "--method", "sdg", "--accept")
    assert missing.exit_code == 2 and "no suggestions file" in missing.output
    inline = write_study(
        STUDY.replace(
            "changes: changes.csv", "changes:\n  - {person: p1, stakeholder: pupils, change: I learn at school}"
        )
    )
    assert invoke("code", inline, "--method", "sdg").exit_code == 0
    assert (inline / "sdg-suggestions.csv").is_file()
    outcome = invoke("code", inline, "--method", "sdg", "--accept")
    assert outcome.exit_code == 2 and "copy the accepted codes by hand" in outcome.output


def test_accept_round_trip_on_xlsx_with_a_title_row_and_a_new_column(invoke, tmp_path):
    from openpyxl import Workbook, load_workbook

    folder = tmp_path / "x"
    folder.mkdir()
    (folder / "study.yaml").write_text(STUDY.replace("changes.csv", "changes.xlsx"), encoding="utf-8")
    book = Workbook()
    sheet = book.active
    sheet.append(["Survey of pupils"])  # a title row: the header is row 2
    sheet.append(["id", "person", "stakeholder", "change", "sdg", "note"])
    sheet.append([1, "p1", "pupils", "I learn more at school", None, "first"])
    sheet.append([2, "p2", "pupils", "School is fun and I am happy", 11, "second"])
    book.save(folder / "changes.xlsx")

    assert invoke("code", folder, "--method", "mood").exit_code == 0
    mark(folder / "changes.mood-suggestions.csv", **{"4": "ja"})
    assert invoke("code", folder, "--method", "sdg").exit_code == 0
    mark(folder / "changes.sdg-suggestions.csv", **{"3": "ja"})
    assert invoke("code", folder, "--method", "mood", "--accept").exit_code == 0
    outcome = invoke("code", folder, "--method", "sdg", "--accept")
    assert outcome.exit_code == 0 and "Copied 1 accepted code " in outcome.output

    rows = list(load_workbook(folder / "changes.xlsx").active.iter_rows(values_only=True))
    assert rows[0][0] == "Survey of pupils"
    assert rows[1] == ("id", "person", "stakeholder", "change", "sdg", "note", "mood")
    assert [r[4] for r in rows[2:]] == [4, 11]  # the human 11 is kept; 4 is a number like it
    assert [r[6] for r in rows[2:]] == [None, "happy"]
    changes = impactkit.load(folder).change_list
    assert [c.codes["sdg"] for c in changes] == [[4], [11]] and changes[1].extra["mood"] == "happy"


@pytest.mark.parametrize(
    "human, accepted, written",
    [
        (11, "4", 4),  # a column of numbers: an integer code is a number
        (11, "SDG 4; 13", "4; 13"),  # several codes are text
        ("11", "4", "4"),  # a column of text (numbers typed as text): text
        (None, "4", "4"),  # nothing to go by: text
    ],
)
def test_accepted_codes_in_an_xlsx_are_numbers_only_in_a_column_of_numbers(invoke, tmp_path, human, accepted, written):
    from openpyxl import Workbook, load_workbook

    folder = tmp_path / "x"
    folder.mkdir()
    (folder / "study.yaml").write_text(STUDY.replace("changes.csv", "changes.xlsx"), encoding="utf-8")
    book = Workbook()
    sheet = book.active
    sheet.append(["id", "person", "stakeholder", "change", "sdg"])
    sheet.append([1, "p1", "pupils", "I learn more at school", None])
    sheet.append([2, "p2", "pupils", "Nothing changed", human])
    book.save(folder / "changes.xlsx")
    assert invoke("code", folder, "--method", "sdg").exit_code == 0
    mark(folder / "changes.sdg-suggestions.csv", **{"2": (accepted, "ja")})
    assert invoke("code", folder, "--method", "sdg", "--accept").exit_code == 0
    cells = [r[4] for r in load_workbook(folder / "changes.xlsx").active.iter_rows(min_row=2, values_only=True)]
    assert cells == [written, human]
    assert type(cells[0]) is type(written)


def test_a_windows_1252_file_stays_windows_1252(invoke, study):
    changes = study / "changes.csv"
    changes.write_bytes(CHANGES.replace("first", "café").encode("cp1252"))
    invoke("code", study, "--method", "sdg")
    mark(study / "changes.sdg-suggestions.csv", **{"2": "ja"})
    assert invoke("code", study, "--method", "sdg", "--accept").exit_code == 0
    raw = changes.read_bytes()
    assert b"caf\xe9" in raw and not raw.startswith(b"\xef\xbb\xbf")
    assert impactkit.load(study).change_list[0].codes["sdg"] == [4]


def test_a_suggestions_file_saved_with_semicolons_is_read(invoke, study):
    invoke("code", study, "--method", "sdg")
    path = study / "changes.sdg-suggestions.csv"
    rows = read_rows(path)
    rows[0]["accept"] = "Ja"
    with path.open("w", encoding="cp1252", newline="") as handle:  # as Dutch Excel saves it
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]), delimiter=";")
        writer.writeheader()
        writer.writerows(rows)
    assert "Copied 1 accepted code " in invoke("code", study, "--method", "sdg", "--accept").output


# -- evaluating and failing ----------------------------------------------------------------------


def test_evaluate_only_for_coders_that_can(invoke, study):
    outcome = invoke("code", study, "--method", "sdg", "--evaluate", "--json")
    assert outcome.exit_code == 0 and json.loads(outcome.stdout) == {"changes": 1, "share": 0.5}
    assert "1 gecodeerde veranderingen" in invoke("--lang", "nl", "code", study, "--method", "sdg", "--evaluate").output
    refused = invoke("code", study, "--method", "mood", "--evaluate")
    assert refused.exit_code == 2 and "cannot compare" in refused.output


def test_a_failing_coder_names_its_plugin_and_exits_1(invoke, study):
    broken = Coder(
        id="broken",
        column="sdg",
        title=Text(en="B", nl="B"),
        suggest=lambda ctx, indices: 1 / 0,
        normalise=lambda ctx, text: text,
    )
    liar = Coder(
        id="liar",
        column="sdg",
        title=Text(en="L", nl="L"),
        suggest=lambda ctx, indices: [{"index": 0, "code": "4"}],
        normalise=lambda ctx, text: text,
    )
    outcome = invoke("code", study, "--method", "broken", coders=(broken, liar))
    assert outcome.exit_code == 1
    assert "plugin 'broken' failed in coder 'broken' (suggest): ZeroDivisionError" in outcome.output
    assert "Traceback" not in outcome.output
    outcome = invoke("code", study, "--method", "liar", coders=(broken, liar))
    assert outcome.exit_code == 1 and "expected a list of Suggestion" in outcome.output


def test_a_broken_study_is_an_input_error(invoke, tmp_path):
    folder = tmp_path / "broken"
    folder.mkdir()
    (folder / "study.yaml").write_text(STUDY, encoding="utf-8")
    (folder / "changes.csv").write_text("person,change\np1,something\n", encoding="utf-8")
    outcome = invoke("code", folder, "--method", "sdg")
    assert outcome.exit_code == 2 and "stakeholder" in outcome.output and "Traceback" not in outcome.output


# -- the contribution ----------------------------------------------------------------------------


def test_coder_contributions_are_checked_and_duplicates_refused():
    from impactkit.core.plugins import make_manager

    with pytest.raises(Exception, match="lower-case"):
        Coder(id="SDG goals", column="sdg", title=SDG.title, suggest=_sdg_suggest, normalise=_sdg_normalise)
    for field in ("change", "respondent", "codes"):
        with pytest.raises(Exception, match="cannot fill"):
            Coder(id="x", column=field, title=SDG.title, suggest=_sdg_suggest, normalise=_sdg_normalise)
    with pytest.raises(Exception):
        Suggestion(index=0, code="")
    manager = make_manager(load=False)
    manager.register(plugin(impactkit_coders=lambda: [SDG, SDG]), "sdg")  # one id given twice
    manager.register(fake(MOOD), "mood")
    coders, problems = manager.collect("impactkit_coders")
    assert [(c.id, c.plugin) for c in coders] == [("mood", "mood")]
    assert [p.code for p in problems] == ["core.plugin-conflict"] and "coder 'sdg'" in problems[0].message.en


def test_the_python_api_without_the_cli(study):
    from impactkit.core import coding
    from impactkit.core.plugins import make_manager

    model = impactkit.load(study, plugins=register(make_manager(load=False), [SDG]))
    ctx = coding.coding_context(model, "en")
    rows = coding.suggestion_rows(ctx, SDG)
    path = coding.suggestions_path(model, "sdg")
    assert path.name == "changes.sdg-suggestions.csv"
    coding.write_suggestions(rows, path, "sdg")
    mark(path, **{"2": "ja"})
    done = coding.accept(ctx, SDG, path)
    assert (done.accepted, done.copied, done.notes) == (1, 1, ())

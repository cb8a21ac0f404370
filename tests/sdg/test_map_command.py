"""``impactkit sdg map``: the suggester on a file of texts, with the query sets chosen."""

from __future__ import annotations

import csv
import io

import pytest
from click.testing import CliRunner

CORPUS = (
    "doi,abstract\n"
    '10.1/a,"Cash transfers reduced extreme poverty among rural households."\n'
    '10.1/b,"Education for global citizenship in primary schools, and wetland restoration."\n'
    "10.1/c,The weather was nice.\n"
)


@pytest.fixture
def invoke(monkeypatch):
    from impactkit.cli.main import cli

    monkeypatch.setenv("IMPACTKIT_LOAD_PLUGINS", "core,sdg")
    return lambda *args: CliRunner().invoke(cli, list(args))


def rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


def test_map_with_the_aurora_queries_by_default(invoke, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "corpus.csv").write_text(CORPUS, encoding="utf-8")
    outcome = invoke("sdg", "map", "corpus.csv", "--id-column", "doi", "-o", "out.csv")
    assert outcome.exit_code == 0, outcome.output
    found = rows((tmp_path / "out.csv").read_text(encoding="utf-8"))
    assert [r["id"] for r in found] == ["10.1/a", "10.1/b", "10.1/c"]
    assert found[0]["goals"] == "1" and found[0]["targets"].startswith("1.1")
    assert found[0]["because"].startswith("SDG 1 — 1.1: reduced extreme poverty")
    assert found[2]["goals"] == "" and found[2]["because"] == ""
    assert "3 texts, " in outcome.stderr and "Aurora SDG queries v5" in outcome.stderr


def test_map_with_several_query_sets(invoke, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "corpus.csv").write_text(CORPUS, encoding="utf-8")
    (tmp_path / "own.csv").write_text("goal,target,term\n4,4.7,global citizenship\n", encoding="utf-8")
    outcome = invoke("sdg", "map", "corpus.csv", "--queries", "aurora", "--queries", "bergen", "--queries", "own.csv")
    assert outcome.exit_code == 0, outcome.output
    second = rows(outcome.stdout)[1]
    assert second["goals"] == "4; 15" and second["targets"] == "4.7; 15.1"
    assert second["systems"] == "4: bergen, own.csv; 15: bergen"
    assert "own.csv 4.7 (own.csv:2): global citizenship" in second["because"]


def test_map_with_the_query_sets_of_a_study(invoke, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "corpus.csv").write_text(CORPUS, encoding="utf-8")
    study = tmp_path / "study"
    study.mkdir()
    (study / "study.yaml").write_text(
        "impactkit: 1\nid: s\ntitle: S\nlanguage: en\nstakeholders: []\nchanges: []\n"
        "methods:\n  sdg:\n    query_sets: [ours.txt]\n",
        encoding="utf-8",
    )
    (study / "ours.txt").write_text('SDG 13: "weather"\n', encoding="utf-8")
    outcome = invoke("sdg", "map", "corpus.csv", "--study", str(study))
    assert outcome.exit_code == 0, outcome.output
    assert [r["goals"] for r in rows(outcome.stdout)] == ["", "", "13"]


@pytest.mark.parametrize(
    "args, message",
    [
        (["--text-column", "x"], "corpus.csv: there is no column 'x' (columns: doi and abstract)"),
        (["--queries", "bad.txt"], "bad.txt:1:1: '99' is not an SDG or target"),
        (["-o", "corpus.csv"], "the output would overwrite the texts"),
    ],
)
def test_bad_usage_exits_2_with_one_line(invoke, tmp_path, monkeypatch, args, message):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "corpus.csv").write_text(CORPUS, encoding="utf-8")
    (tmp_path / "bad.txt").write_text('99: "x"\n', encoding="utf-8")
    outcome = invoke("sdg", "map", "corpus.csv", *args)
    assert outcome.exit_code == 2, outcome.output
    assert message in outcome.output
    assert (tmp_path / "corpus.csv").read_text(encoding="utf-8") == CORPUS


def test_the_text_column_is_found_or_asked_for(invoke, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "c.csv").write_text("nr;inhoud\n1;armoede\n", encoding="utf-8")
    outcome = invoke("--lang", "nl", "sdg", "map", "c.csv")
    assert outcome.exit_code == 2 and "welke kolom bevat de teksten? Noem haar met --text-column" in outcome.output
    outcome = invoke("sdg", "map", "c.csv", "--text-column", "inhoud", "--queries", "lexicon-nl")
    assert outcome.exit_code == 0, outcome.output

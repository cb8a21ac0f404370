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


# -- a corpus: formats, chunks, processes ------------------------------------------------------


def generated(tmp_path, count: int = 120):
    """A corpus of generated abstracts, as CSV, JSON lines, Parquet and XLSX (the same texts)."""
    import json

    import pyarrow as pa
    import pyarrow.parquet as pq
    from openpyxl import Workbook

    from impactkit.plugins.sdg.sample import sample_texts

    texts = sample_texts(count, seed=3)
    ids = [f"10.5/{i}" for i in range(count)]
    with (tmp_path / "corpus.csv").open("w", encoding="utf-8", newline="") as handle:
        out = csv.writer(handle)
        out.writerow(["doi", "abstract"])
        out.writerows(zip(ids, texts))
    (tmp_path / "corpus.jsonl").write_text(
        "".join(json.dumps({"doi": i, "abstract": t}) + "\n" for i, t in zip(ids, texts)), encoding="utf-8"
    )
    pq.write_table(pa.table({"doi": ids, "abstract": texts}), tmp_path / "corpus.parquet")
    book = Workbook()
    book.active.append(["doi", "abstract"])
    for row in zip(ids, texts):
        book.active.append(list(row))
    book.save(tmp_path / "corpus.xlsx")
    return ids, texts


def test_every_format_gives_the_same_rows_in_parquet_or_csv(invoke, tmp_path, monkeypatch):
    import pyarrow.parquet as pq

    monkeypatch.chdir(tmp_path)
    ids, _ = generated(tmp_path)
    args = ["--text-column", "abstract", "--id-column", "doi", "--queries", "aurora", "--queries", "bergen"]
    done = invoke("sdg", "map", "corpus.csv", "-o", "from-csv.csv", *args)
    assert done.exit_code == 0, done.output
    expected = list(csv.reader(io.StringIO((tmp_path / "from-csv.csv").read_text(encoding="utf-8"))))
    assert expected[0] == ["id", "goals", "targets", "systems", "queries", "because"]
    assert [row[0] for row in expected[1:]] == ids
    assert sum(1 for row in expected[1:] if row[1]) > len(ids) / 2  # the generated texts name goals
    assert any("aurora" in row[4] and "line" in row[4] for row in expected[1:])  # the queries that matched
    for source in ("corpus.jsonl", "corpus.parquet", "corpus.xlsx"):
        done = invoke("sdg", "map", source, "-o", "out.parquet", *args)
        assert done.exit_code == 0, (source, done.output)
        table = pq.read_table(tmp_path / "out.parquet")
        assert table.column_names == expected[0]
        assert [list(row.values()) for row in table.to_pylist()] == expected[1:], source
    goals = list(csv.DictReader(io.StringIO((tmp_path / "from-csv.goals.csv").read_text(encoding="utf-8"))))
    assert [g["goal"] for g in goals[:17]] == [str(n) for n in range(1, 18)]
    per_goal = {g["goal"]: int(g["texts"]) for g in goals}
    assert per_goal["1"] == sum(1 for row in expected[1:] if "1" in row[1].split("; "))
    assert per_goal["all"] == len(ids) and per_goal["any"] == sum(1 for row in expected[1:] if row[1])
    assert (tmp_path / "out.goals.csv").read_text(encoding="utf-8") == (tmp_path / "from-csv.goals.csv").read_text(
        encoding="utf-8"
    )
    assert not list(tmp_path.glob(".*.tmp"))  # the output was written under another name until complete


def test_the_map_reads_in_chunks_and_two_workers_give_the_same_rows(tmp_path):
    from impactkit.plugins.sdg.corpus import map_chunk, open_corpus, run_here, run_local, spec
    from impactkit.plugins.sdg.querysets import builtin

    generated(tmp_path, count=90)
    systems = [builtin("aurora"), builtin("bergen")]
    given = spec(systems)
    corpus = open_corpus(tmp_path / "corpus.csv", "corpus.csv")
    assert corpus.total == 90
    chunks = list(corpus.chunks("abstract", "doi", size=20))
    assert [len(c) for c in chunks] == [20, 20, 20, 20, 10]
    one = list(run_here(given, chunks))
    two = list(run_local(given, chunks, workers=2))
    assert two == one
    assert one[0] == map_chunk(given, chunks[0])
    assert sum(len(rows) for rows, _ in one) == 90


def test_the_command_with_two_workers_writes_what_one_process_writes(invoke, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    generated(tmp_path, count=60)
    own = tmp_path / "own.txt"
    own.write_text('syntax: wos\n4.7: TS=("global citizenship" NEAR/3 educat*)\n13: TS=("climate change")\n')
    args = ["corpus.jsonl", "--text-column", "abstract", "--queries", "aurora", "--queries", "own.txt"]
    one = invoke("sdg", "map", *args, "-o", "one.csv")
    two = invoke("sdg", "map", *args, "-o", "two.csv", "--workers", "2")
    assert one.exit_code == 0 and two.exit_code == 0, two.output
    assert (tmp_path / "two.csv").read_bytes() == (tmp_path / "one.csv").read_bytes()
    assert one.stderr == two.stderr and "60 texts, " in one.stderr


@pytest.mark.parametrize(
    "name, content, args, message",
    [
        ("missing.csv", None, [], "missing.csv: there is no such file"),
        ("broken.parquet", b"PAR1 not really", [], "broken.parquet: cannot read the texts ("),
        ("lines.jsonl", b'{"abstract": "a"}\n{"abstract": \n', [], "lines.jsonl:2: cannot read the texts ("),
        ("lines.jsonl", b'["a"]\n', [], "lines.jsonl:1: a line of a JSON-lines corpus is an object"),
        ("c.parquet", "parquet", ["--text-column", "summary"], "c.parquet: there is no column 'summary'"),
        ("c.csv", b"a,b\n1,2\n", ["--dask", "--scheduler", "tcp://127.0.0.1:1"], "not both"),
        ("c.csv", b"a,b\n1,2\n", ["--scheduler", "tcp://127.0.0.1:1", "--workers", "2"], "--workers does not go"),
        ("empty.jsonl", b"\n", [], "empty.jsonl: the file holds no texts"),
    ],
)
def test_bad_input_is_one_line_with_the_file_and_exit_2(invoke, tmp_path, monkeypatch, name, content, args, message):
    monkeypatch.chdir(tmp_path)
    if content == "parquet":
        import pyarrow as pa
        import pyarrow.parquet as pq

        pq.write_table(pa.table({"doi": ["x"], "abstract": ["y"]}), tmp_path / name)
    elif content is not None:
        (tmp_path / name).write_bytes(content)
    done = invoke("sdg", "map", name, "-o", "out.csv", *args)
    assert done.exit_code == 2, done.output
    assert message in done.output and len(done.output.strip().splitlines()) == 1, done.output
    assert not (tmp_path / "out.csv").exists() and not list(tmp_path.glob(".*.tmp"))


@pytest.mark.parametrize("output", ["out.csv", "out.parquet"])
def test_a_map_that_fails_midway_leaves_the_earlier_output_as_it_was(invoke, tmp_path, monkeypatch, output):
    from impactkit.plugins.sdg import corpus

    monkeypatch.chdir(tmp_path)
    (tmp_path / "corpus.csv").write_text(CORPUS, encoding="utf-8")
    (tmp_path / output).write_bytes(b"the map of last week")
    (tmp_path / "out.goals.csv").write_bytes(b"its counts")
    calls = []

    def failing(given, chunk):
        calls.append(chunk)
        raise OSError(28, "No space left on device")  # a full disk, say, after the header was written

    monkeypatch.setattr(corpus, "map_chunk", failing)
    done = invoke("sdg", "map", "corpus.csv", "-o", output)
    assert calls and done.exit_code == 2, done.output
    assert done.output == f"impactkit: cannot use {output}: the disk is full\n"  # the file asked for, one line
    assert (tmp_path / output).read_bytes() == b"the map of last week"
    assert (tmp_path / "out.goals.csv").read_bytes() == b"its counts"
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(["corpus.csv", output, "out.goals.csv"])


def test_the_map_does_not_write_through_a_symbolic_link(invoke, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "corpus.csv").write_text(CORPUS, encoding="utf-8")
    elsewhere = tmp_path / "elsewhere.csv"
    elsewhere.write_text("keep me", encoding="utf-8")
    (tmp_path / "out.csv").symlink_to(elsewhere)
    done = invoke("sdg", "map", "corpus.csv", "-o", "out.csv")
    assert done.exit_code == 2, done.output
    assert "out.csv is a symbolic link" in done.output
    assert elsewhere.read_text(encoding="utf-8") == "keep me" and (tmp_path / "out.csv").is_symlink()
    assert not (tmp_path / "out.goals.csv").exists()


def test_a_counts_file_that_cannot_be_written_is_told_before_the_map_and_the_output_stays(
    invoke, tmp_path, monkeypatch
):
    from impactkit.plugins.sdg import corpus

    monkeypatch.chdir(tmp_path)
    (tmp_path / "corpus.csv").write_text(CORPUS, encoding="utf-8")
    (tmp_path / "out.csv").write_text("the map of last week", encoding="utf-8")
    (tmp_path / "elsewhere.csv").write_text("keep me", encoding="utf-8")
    (tmp_path / "out.goals.csv").symlink_to(tmp_path / "elsewhere.csv")
    mapped = []
    monkeypatch.setattr(corpus, "map_chunk", lambda given, chunk: mapped.append(chunk))
    done = invoke("sdg", "map", "corpus.csv", "-o", "out.csv")
    assert done.exit_code == 2 and "out.goals.csv is a symbolic link" in done.output, done.output
    assert not mapped  # told before a text was mapped
    assert (tmp_path / "out.csv").read_text(encoding="utf-8") == "the map of last week"
    assert (tmp_path / "elsewhere.csv").read_text(encoding="utf-8") == "keep me"
    assert not list(tmp_path.glob(".*.tmp"))

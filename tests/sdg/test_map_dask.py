"""``impactkit sdg map`` on a Dask cluster: a LocalCluster of two worker processes maps a generated
corpus to the same rows as one local process, a user's own query file included (it travels to the
workers as data), through the API and through ``--scheduler ADDRESS``.

Dask is the optional extra ``impactkit[dask]``; the test extra installs it (``make test``)."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

distributed = pytest.importorskip(
    "dask.distributed", reason="Dask is not installed: pip install 'impactkit[dask]' (make test installs it)"
)

pytestmark = pytest.mark.slow

OWN = 'syntax: wos\n4.7: TS=("global citizenship" NEAR/3 educat*)\n13: TS=("climate change" OR "global warming")\n'


@pytest.fixture(scope="module")
def cluster():
    """Two worker processes: each builds (and compiles) the query systems itself."""
    with (
        distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as local,
        distributed.Client(local) as client,
    ):
        yield local, client


def corpus(tmp_path, count: int):
    from tests.sdg.test_map_command import generated

    generated(tmp_path, count=count)
    (tmp_path / "own.txt").write_text(OWN, encoding="utf-8")


def test_a_local_cluster_maps_a_corpus_as_one_process_does(tmp_path, cluster):
    from impactkit.plugins.sdg.corpus import open_corpus, run_dask, run_here, spec
    from impactkit.plugins.sdg.querysets import builtin, load

    _, client = cluster
    corpus(tmp_path, 150)
    systems = [builtin("aurora"), builtin("bergen"), load("own.txt", tmp_path)]
    given = spec(systems)
    chunks = list(open_corpus(tmp_path / "corpus.parquet", "corpus.parquet").chunks("abstract", "doi", size=25))
    here = list(run_here(given, chunks))
    there = list(run_dask(given, chunks, client))
    assert there == here
    assert sum(len(rows) for rows, _ in there) == 150
    assert any("own.txt:" in row[4] for rows, _ in there for row in rows)  # the user's queries matched there too
    workers_used = {worker for worker, tasks in client.has_what().items() if tasks} | set(client.processing())
    assert len(client.scheduler_info()["workers"]) == 2 and workers_used


def test_the_command_maps_on_a_scheduler_given_by_its_address(tmp_path, cluster, monkeypatch):
    from impactkit.cli.main import cli

    local, _ = cluster
    corpus(tmp_path, 80)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("IMPACTKIT_LOAD_PLUGINS", "core,sdg")
    args = ["sdg", "map", "corpus.csv", "--text-column", "abstract", "--queries", "aurora", "--queries", "own.txt"]
    here = CliRunner().invoke(cli, [*args, "-o", "here.csv"])
    there = CliRunner().invoke(cli, [*args, "-o", "there.csv", "--scheduler", local.scheduler_address])
    assert here.exit_code == 0 and there.exit_code == 0, there.output
    assert (tmp_path / "there.csv").read_bytes() == (tmp_path / "here.csv").read_bytes()
    assert (tmp_path / "there.goals.csv").read_bytes() == (tmp_path / "here.goals.csv").read_bytes()


def test_an_unreachable_scheduler_is_one_line_and_exit_2(tmp_path, monkeypatch):
    import dask

    from impactkit.cli.main import cli

    corpus(tmp_path, 5)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("IMPACTKIT_LOAD_PLUGINS", "core,sdg")
    with dask.config.set({"distributed.comm.timeouts.connect": "2s"}):
        done = CliRunner().invoke(
            cli, ["sdg", "map", "corpus.csv", "-o", "out.csv", "--scheduler", "tcp://127.0.0.1:9"]
        )
    assert done.exit_code == 2 and "cannot reach the Dask scheduler at tcp://127.0.0.1:9" in done.output
    assert not (tmp_path / "out.csv").exists() and not list(tmp_path.glob(".*.tmp"))

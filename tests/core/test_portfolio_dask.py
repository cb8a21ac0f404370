"""The portfolio on a Dask cluster: a LocalCluster of two workers gives the same portfolio as one
process, a failing study included, through the API and through ``--scheduler ADDRESS``.

Dask is the optional extra ``impactkit[dask]``; the test extra installs it (``make test``)."""

from __future__ import annotations

import json

import pytest

from impactkit.core.plugins import make_manager
from tests.core.test_portfolio import make_studies

distributed = pytest.importorskip(
    "dask.distributed", reason="Dask is not installed: pip install 'impactkit[dask]' (make test installs it)"
)

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def cluster():
    """Two workers, as threads of this process (quick to start; the tasks are the same)."""
    with (
        distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=False, dashboard_address=None) as local,
        distributed.Client(local) as client,
    ):
        yield local, client


def test_a_local_cluster_gives_the_same_portfolio_as_one_process(tmp_path, cluster):
    from impactkit.core.portfolio import run_portfolio

    local, client = cluster
    base = make_studies(tmp_path / "studies", names=("a", "b", "c", "d"))
    here = run_portfolio([base], plugins=make_manager(load=True), workers=1)
    seen = []
    on_dask = run_portfolio(
        [base], plugins=make_manager(load=True), client=client, progress=lambda d, t, r: seen.append(d)
    )
    assert on_dask.to_dict() == here.to_dict()
    assert [r["status"] for r in on_dask.rows] == ["ok", "ok", "ok", "ok", "failed"]
    assert sorted(seen) == [1, 2, 3, 4, 5]
    workers_used = {worker for worker, tasks in client.has_what().items() if tasks} | set(client.processing())
    assert len(client.scheduler_info()["workers"]) == 2 and workers_used


def test_the_command_runs_on_a_scheduler_given_by_its_address(tmp_path, cluster, cli):
    local, _ = cluster
    base = make_studies(tmp_path / "studies", names=("a", "b"))
    here, there = tmp_path / "here", tmp_path / "there"
    assert cli("portfolio", base, "-o", here, "--workers", "1").exit_code == 1  # one study fails
    done = cli("portfolio", base, "-o", there, "--scheduler", local.scheduler_address)
    assert done.exit_code == 1, done.output
    assert json.loads((there / "portfolio.json").read_text(encoding="utf-8")) == json.loads(
        (here / "portfolio.json").read_text(encoding="utf-8")
    )
    for name in ("portfolio.md", "studies.csv", "figures.csv"):
        assert (there / name).read_bytes() == (here / name).read_bytes(), name
    shipped = cli("portfolio", base, "-o", tmp_path / "shipped", "--scheduler", local.scheduler_address, "--ship")
    assert shipped.exit_code == 1, shipped.output  # the files travel with the tasks: the same portfolio
    for name in ("portfolio.json", "portfolio.md", "studies.csv"):
        assert (tmp_path / "shipped" / name).read_bytes() == (here / name).read_bytes(), name
    wrong = cli("portfolio", base, "-o", tmp_path / "x", "--scheduler", local.scheduler_address, "--workers", "2")
    assert wrong.exit_code == 2 and "--workers" in wrong.output


def test_an_unreachable_scheduler_is_one_line_and_exit_2(tmp_path, cli):
    import dask

    base = make_studies(tmp_path / "studies", names=("a",), broken=())
    with dask.config.set({"distributed.comm.timeouts.connect": "2s"}):  # dask's own setting, for a quick test
        done = cli("portfolio", base, "-o", tmp_path / "out", "--scheduler", "tcp://127.0.0.1:9")
    assert done.exit_code == 2 and "cannot reach the Dask scheduler at tcp://127.0.0.1:9" in done.output

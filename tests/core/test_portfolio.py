"""A portfolio of studies: what plugins declare (``impactkit_portfolio_metrics``), running many
studies (in this process, in local worker processes), one failing study as a row with its error,
the report and tables in both languages. The Dask path is in test_portfolio_dask.py."""

from __future__ import annotations

import json
import sys
import types

import pytest
from pydantic import ValidationError

from impactkit.core.contributions import PortfolioMetric
from impactkit.core.hookspecs import hookimpl
from impactkit.core.i18n import Text
from impactkit.core.plugins import make_manager

T = Text(en="Figure", nl="Cijfer")


def fake_plugin(**hooks):
    module = types.ModuleType("fake")
    for name, func in hooks.items():
        setattr(module, name, hookimpl(func))
    return module


# -- the declaration ------------------------------------------------------------------------------


def test_a_portfolio_metric_is_checked_when_it_is_made():
    PortfolioMetric(id="m.ratio", title=T, aggregate="spread", interval=("m.simulated", "p5", "p95"))
    PortfolioMetric(id="m.reached", title=T, aggregate="members", field="reached", categories=("a", "b"))
    with pytest.raises(ValidationError, match="interval belongs to a 'spread'"):
        PortfolioMetric(id="m.total", title=T, aggregate="sum", interval=("m.x", "lo", "hi"))
    with pytest.raises(ValidationError, match="field belongs to 'members'"):
        PortfolioMetric(id="m.counts", title=T, aggregate="counts", field="reached")
    with pytest.raises(ValidationError):
        PortfolioMetric(id="m.x", title=T, aggregate="average")
    with pytest.raises(ValidationError, match="namespace"):
        PortfolioMetric(id="nodot", title=T, aggregate="sum")


def test_the_built_in_plugins_declare_their_portfolio_figures_through_the_gateway():
    manager = make_manager(load=True)
    declared, problems = manager.collect("impactkit_portfolio_metrics")
    assert problems == []
    by_id = {m.id: m for m in declared}
    assert by_id["core.changes"].aggregate == "sum" and by_id["core.changes"].plugin == "core"
    assert by_id["idg.dimension_counts"].aggregate == "counts"
    assert by_id["sdg.goals"].aggregate == "members" and len(by_id["sdg.goals"].categories) == 17
    assert by_id["sdg.helices"].field == "reached"
    assert by_id["sroi.ratio"].interval == ("sroi.monte_carlo", "p5", "p95")


def test_a_portfolio_metric_outside_the_plugins_namespace_is_refused():
    manager = make_manager(load=False)
    good = PortfolioMetric(id="mine.total", title=T, aggregate="sum")
    foreign = PortfolioMetric(id="other.total", title=T, aggregate="sum")
    manager.register(fake_plugin(impactkit_portfolio_metrics=lambda: [good, foreign]), "mine")
    declared, problems = manager.collect("impactkit_portfolio_metrics")
    assert [m.id for m in declared] == ["mine.total"]
    assert len(problems) == 1 and "other.total" in problems[0].message.en


# -- finding the studies --------------------------------------------------------------------------


def study_text(study_id: str, title: str | None = None, changes: int = 3) -> str:
    rows = "".join(
        f"  - {{person: p{i}, role: student, stakeholder: students, change: change {i}}}\n" for i in range(changes)
    )
    return (
        f"impactkit: 1\nid: {study_id}\ntitle: {title or study_id.title()}\nlanguage: en\nroute: nonlinear\n"
        "stakeholders:\n  - {id: students, name: Students, group: students}\n"
        f"changes:\n{rows}"
    )


def make_studies(base, names=("alpha", "beta"), broken=("gamma",)):
    """A folder of study folders: good ones (3, 4, ... changes) and broken ones (not YAML)."""
    for n, name in enumerate(names):
        (base / name).mkdir(parents=True)
        (base / name / "study.yaml").write_text(study_text(name, changes=3 + n), encoding="utf-8")
    for name in broken:
        (base / name).mkdir(parents=True)
        (base / name / "study.yaml").write_text("impactkit: 1\nid: [unclosed\n", encoding="utf-8")
    return base


def test_find_studies_expands_folders_of_studies_in_name_order(tmp_path):
    from impactkit.core.errors import UserError
    from impactkit.core.portfolio import find_studies

    base = make_studies(tmp_path / "all", names=("b", "a"), broken=())
    (base / "group" / "c").mkdir(parents=True)
    (base / "group" / "c" / "study.yaml").write_text(study_text("c"), encoding="utf-8")
    (base / "a" / "nested").mkdir()  # inside a study: not a study of the portfolio
    (base / "a" / "nested" / "study.yaml").write_text(study_text("nested"), encoding="utf-8")
    (base / ".hidden" / "d").mkdir(parents=True)
    (base / ".hidden" / "d" / "study.yaml").write_text(study_text("d"), encoding="utf-8")
    found = find_studies([base, base / "b", base / "a" / "study.yaml"])
    assert [p.relative_to(base).as_posix() for p in found] == ["a", "b", "group/c"]
    empty = tmp_path / "empty"
    (empty / "sub").mkdir(parents=True)
    with pytest.raises(UserError, match="holds no study.yaml"):
        find_studies([empty])
    with pytest.raises(UserError, match="no such folder") as missing:
        find_studies([tmp_path / "nope"])
    assert "bestaat niet" in missing.value.text.nl


# -- running many studies ---------------------------------------------------------------------------


def test_a_failing_study_is_a_row_with_its_error_and_the_rest_completes(tmp_path):
    from impactkit.core.portfolio import run_portfolio

    base = make_studies(tmp_path / "studies")
    seen = []
    portfolio = run_portfolio(
        [base],
        plugins=make_manager(load=["core"]),
        workers=1,
        progress=lambda d, t, r: seen.append((d, t, r["status"])),
    )
    assert [r["id"] for r in portfolio.rows] == ["alpha", "beta", None]
    assert [r["status"] for r in portfolio.rows] == ["ok", "ok", "failed"]
    assert seen == [(1, 3, "ok"), (2, 3, "ok"), (3, 3, "failed")]
    failed = portfolio.rows[2]
    assert "gamma/study.yaml:3:1: invalid YAML" in failed["error"]["en"]
    assert "gamma/study.yaml:3:1: ongeldige YAML" in failed["error"]["nl"]
    assert failed["error"]["en"] != failed["error"]["nl"]  # each language its own words
    assert portfolio.exit_code == 1
    changes = next(s for s in portfolio.summaries() if s["id"] == "core.changes")
    assert changes == {**changes, "studies": 2, "total": 3 + 4}
    assert [portfolio.study_figures(r)["core.changes"] for r in portfolio.rows] == [3, 4, None]


def test_local_worker_processes_give_the_same_portfolio_as_one_process(tmp_path):
    from impactkit.core.portfolio import run_portfolio

    base = make_studies(tmp_path / "studies", names=("a1", "a2", "a3"))
    here = run_portfolio([base], workers=1)
    spread = run_portfolio([base], workers=2)
    assert spread.to_dict() == here.to_dict()
    assert [r["status"] for r in spread.rows] == ["ok", "ok", "ok", "failed"]


# -- across the studies ------------------------------------------------------------------------------


def rows_with(*metrics):
    return [{"status": "ok", "metrics": m, "versions": {}} for m in metrics]


def test_sum_spread_counts_and_members_across_studies():
    from impactkit.core.portfolio import Portfolio, summarise

    total = PortfolioMetric(id="m.total", title=T, aggregate="sum", kind="money")
    ratio = PortfolioMetric(id="m.ratio", title=T, aggregate="spread", kind="ratio", interval=("m.sim", "lo", "hi"))
    kinds = PortfolioMetric(id="m.kinds", title=T, aggregate="counts", categories=("b", "a"))
    reach = PortfolioMetric(id="m.reach", title=T, aggregate="members", categories=("1", "2", "3"))
    helix = PortfolioMetric(id="m.helix", title=T, aggregate="members", field="reached")
    rows = rows_with(
        {
            "m.total": 10,
            "m.ratio": 2.0,
            "m.sim": {"lo": 1.5, "hi": 2.5},
            "m.kinds": {"a": 1, "c": 2},
            "m.reach": [1, 3],
            "m.helix": {"x": {"reached": True}, "y": {"reached": False}},
        },
        {
            "m.total": 5.5,
            "m.ratio": 4.0,
            "m.kinds": {"a": 3, "b": 0, "c": "many"},
            "m.reach": [3],
            "m.helix": {"x": {"reached": True}, "y": {"reached": True}},
        },
        {"m.total": True, "m.ratio": float("nan")},  # not numbers: left out
        {},
    )
    assert summarise(total, rows) == {**summarise(total, rows), "studies": 2, "total": 15.5}
    spread = summarise(ratio, rows)
    assert (spread["studies"], spread["min"], spread["median"], spread["mean"], spread["max"]) == (
        2,
        2.0,
        3.0,
        3.0,
        4.0,
    )
    assert spread["with_interval"] == 1
    counted = summarise(kinds, rows)
    assert [(c["category"], c["total"], c["studies"]) for c in counted["categories"]] == [
        ("b", 0, 0),
        ("a", 4, 2),
        ("c", 2, 1),
    ]
    assert counted["total"] == 6 and counted["categories"][1]["share"] == pytest.approx(4 / 6)
    reached = summarise(reach, rows)
    assert (reached["of"], reached["reached"], reached["studies"]) == (3, 2, 2)
    assert [(m["member"], m["studies"]) for m in reached["members"]] == [("1", 1), ("2", 0), ("3", 2)]
    assert reached["per_study"]["min"] == 1 and reached["per_study"]["max"] == 2
    assert [(m["member"], m["studies"]) for m in summarise(helix, rows)["members"]] == [("x", 2), ("y", 1)]

    portfolio = Portfolio(
        rows=[{**r, "folder": f"s{i}"} for i, r in enumerate(rows)], figures=[total, ratio, kinds, reach]
    )
    columns = [c.key for c in portfolio.columns()]
    assert columns == [
        "m.total",
        "m.ratio",
        "m.ratio.low",
        "m.ratio.high",
        "m.kinds.b",
        "m.kinds.a",
        "m.kinds.c",
        "m.reach",
    ]
    assert portfolio.study_figures(portfolio.rows[0]) == {
        "m.total": 10,
        "m.ratio": 2.0,
        "m.ratio.low": 1.5,
        "m.ratio.high": 2.5,
        "m.kinds.b": None,
        "m.kinds.a": 1,
        "m.kinds.c": 2,
        "m.reach": 2,
    }


# -- the command -------------------------------------------------------------------------------------


def test_the_portfolio_command_writes_report_and_tables_in_both_languages(tmp_path, cli):
    from openpyxl import load_workbook

    base = make_studies(tmp_path / "studies")
    (base / "alpha" / "study.yaml").write_text(
        study_text("alpha", title="'<script>alert(1)</script> | *bold*'"), encoding="utf-8"
    )
    (base / "beta" / "study.yaml").write_text(
        study_text("beta", title="'=HYPERLINK(\"x\")'", changes=4), encoding="utf-8"
    )
    out = tmp_path / "out"
    english = cli("portfolio", base, "-o", out, "--workers", "1", plugins="core")
    assert english.exit_code == 1, english.output  # one study failed
    assert "3 studies: 2 analysed without errors, 0 with errors in their findings, 1 failed." in english.stdout
    assert "Analysing 3 studies" in english.stderr and "3/3 failed: " in english.stderr
    assert sorted(p.name for p in out.iterdir()) == [
        "figures.csv",
        "portfolio.html",
        "portfolio.json",
        "portfolio.md",
        "portfolio.xlsx",
        "studies.csv",
    ]
    report = (out / "portfolio.md").read_text(encoding="utf-8")
    assert report.startswith("# Portfolio of 3 studies") and "## Studies that could not be analysed" in report
    assert "gamma" in report.split("## Studies that could not be analysed")[1]
    assert "7 in total, over 2 studies." in report  # core.changes: 3 + 4
    page = (out / "portfolio.html").read_text(encoding="utf-8")
    assert "<script>" not in page and "&lt;script&gt;" in page and "<link" not in page and "src=" not in page
    studies = (out / "studies.csv").read_text(encoding="utf-8").splitlines()
    assert len(studies) == 4 and studies[0].startswith("folder,id,title,language,status,error,errors,warnings,notes")
    assert "'=HYPERLINK" in studies[2]  # a formula in a title stays text in a spreadsheet
    book = load_workbook(out / "portfolio.xlsx")
    assert book.sheetnames == ["Studies", "Figures"]
    assert [c.value for c in book["Studies"][1]][:4] == ["Folder", "id", "Study", "Status"]

    dutch = cli("--lang", "nl", "portfolio", base, "-o", out, "--workers", "1", plugins="core")
    assert dutch.exit_code == 1 and "3 studies: 2 zonder fouten geanalyseerd" in dutch.stdout
    report = (out / "portfolio.md").read_text(encoding="utf-8")
    assert report.startswith("# Portfolio van 3 studies") and "7 in totaal, over 2 studies." in report
    assert "ongeldige YAML" in report and "mislukt" in report
    assert load_workbook(out / "portfolio.xlsx").sheetnames == ["Studies", "Cijfers"]


def test_the_portfolio_command_refuses_bad_requests(tmp_path, cli):
    base = make_studies(tmp_path / "studies", broken=())
    missing = cli("portfolio", tmp_path / "nope", "-o", tmp_path / "out")
    assert missing.exit_code == 2 and "no such folder" in missing.output
    both = cli("portfolio", base, "-o", tmp_path / "out", "--dask", "--scheduler", "tcp://127.0.0.1:1")
    assert both.exit_code == 2 and "not both" in both.output
    ship = cli("portfolio", base, "-o", tmp_path / "out", "--ship")
    assert ship.exit_code == 2 and "--ship goes with --scheduler or --dask" in ship.output
    assert not (tmp_path / "out").exists()


@pytest.mark.slow
def test_a_worker_that_dies_takes_only_its_own_study_with_it(tmp_path):
    """A plugin that ends its worker process (as a crash in a library would) on one study: that study
    is a failed row saying so; the others, in the same pool, complete."""
    import subprocess
    import sys
    import textwrap

    from tests.helpers import TIMEOUT, environment

    site = tmp_path / "site"
    (site / "crasher-1.0.dist-info").mkdir(parents=True)
    (site / "crasher-1.0.dist-info" / "METADATA").write_text("Metadata-Version: 2.1\nName: crasher\nVersion: 1.0\n")
    (site / "crasher-1.0.dist-info" / "entry_points.txt").write_text("[impactkit]\ncrasher = crasher\n")
    (site / "crasher.py").write_text(
        textwrap.dedent(
            """
            import os
            from impactkit.plugin import Metric, Text, hookimpl

            def _count(ctx):
                if ctx.study.id == "crash":
                    os._exit(9)
                return 1

            @hookimpl
            def impactkit_metrics():
                return [Metric(id="crasher.one", title=Text(en="One", nl="Een"), compute=_count)]
            """
        )
    )
    base = make_studies(tmp_path / "studies", names=("a", "b", "crash", "d", "e"), broken=())
    code = textwrap.dedent(
        f"""
        import json
        from impactkit.core.plugins import make_manager
        from impactkit.core.portfolio import run_portfolio
        portfolio = run_portfolio([{str(base)!r}], plugins=make_manager(load=["core", "crasher"]), workers=2)
        print(json.dumps([[r["id"], r["status"], (r["error"] or {{}}).get("en")] for r in portfolio.rows]))
        """
    )
    done = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
        env=environment(PYTHONPATH=str(site)),
    )
    assert done.returncode == 0, done.stderr
    rows = json.loads(done.stdout)
    assert [r[:2] for r in rows] == [["a", "ok"], ["b", "ok"], [None, "failed"], ["d", "ok"], ["e", "ok"]]
    assert "worker process analysing this study stopped" in rows[2][2]


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="workers are forked only on Linux")
def test_forked_workers_use_the_callers_plugins_as_they_are(tmp_path):
    """A plugin registered by hand (no entry point) still counts in local worker processes."""
    from impactkit.core.contributions import Metric
    from impactkit.core.portfolio import run_portfolio

    def counted(ctx):
        return {"short": sum(len(c.change) < 9 for c in ctx.study.change_list), "long": 1}

    manager = make_manager(load=["core"])
    manager.register(
        fake_plugin(
            impactkit_metrics=lambda: [Metric(id="mine.sizes", title=T, compute=counted)],
            impactkit_portfolio_metrics=lambda: [PortfolioMetric(id="mine.sizes", title=T, aggregate="counts")],
        ),
        "mine",
    )
    base = make_studies(tmp_path / "studies", names=("a", "b", "c"), broken=())
    portfolio = run_portfolio([base], plugins=manager, workers=2)
    [sizes] = [s for s in portfolio.summaries() if s["id"] == "mine.sizes"]
    assert [(c["category"], c["total"]) for c in sizes["categories"]] == [("short", 3 + 4 + 5), ("long", 3)]


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="workers are forked only on Linux")
def test_an_interruption_drops_the_studies_not_started(tmp_path):
    """Ctrl-C (here: the progress callback raising) stops the run; the queued studies never start."""
    from impactkit.core.contributions import Metric
    from impactkit.core.portfolio import run_portfolio

    log = tmp_path / "started.log"

    def started(ctx):
        with log.open("a", encoding="utf-8") as handle:
            handle.write(ctx.study.id + "\n")
        return 1

    manager = make_manager(load=["core"])
    manager.register(
        fake_plugin(impactkit_metrics=lambda: [Metric(id="mine.started", title=T, compute=started)]), "mine"
    )
    base = make_studies(tmp_path / "studies", names=tuple(f"s{n:02d}" for n in range(20)), broken=())

    def interrupt(done, total, row):
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        run_portfolio([base], plugins=manager, workers=2, progress=interrupt)
    assert len(log.read_text(encoding="utf-8").split()) < 20

"""A portfolio of studies: what plugins declare (``impactkit_portfolio_metrics``), running many
studies (in this process, in local worker processes), one failing study as a row with its error,
the report and tables in both languages. The Dask path is in test_portfolio_dask.py."""

from __future__ import annotations

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

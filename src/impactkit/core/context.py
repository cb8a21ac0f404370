"""The context handed to every check, metric, table, visualisation and report section."""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from .contributions import Location
from .privacy import Shown

if TYPE_CHECKING:  # pragma: no cover - typing only
    import networkx as nx
    import pandas as pd
    from pydantic import BaseModel

    from .contributions import Step, StepStatus
    from .i18n import Text
    from .model import Study

T = TypeVar("T")


def step_order(step: "Step") -> tuple[int, bool, int, str]:
    """The order ``impactkit status`` and the report show steps in: by step number, the main step
    before its parts, the parts by ``order``, then id."""
    return (step.number, not step.main, step.order, step.id)


class Memo:
    """What one run computes once and shares: ``memo(key, compute)`` is ``compute()`` the first
    time ``key`` is asked for, and that same value after (prefix keys with your plugin's name).

    A run makes one before the graph is built: the ``impactkit_graph_elements`` hook gets it, and
    the run's :class:`Context` is built on it, so what a plugin analysed for its graph elements is
    there for its checks, metrics and views.
    """

    __slots__ = ("_values",)

    def __init__(self) -> None:
        self._values: dict[str, Any] = {}

    def __call__(self, key: str, compute: Callable[[], T]) -> T:
        if key not in self._values:
            self._values[key] = compute()
        return self._values[key]

    def __contains__(self, key: object) -> bool:
        return key in self._values

    def __repr__(self) -> str:
        return f"Memo({sorted(self._values)})"


@dataclass
class Context:
    """What plugins see of a study while it is analysed.

    ``study`` is the validated :class:`~impactkit.core.model.Study` as the outputs may show it
    (names as pseudonyms, quotes without consent withheld: see ``privacy``); ``graph`` the study graph
    (a ``networkx.MultiDiGraph``, extended by plugins); ``lang`` the language of the output.
    Use ``memo(key, compute)`` to share an expensive computation between several metrics of a
    plugin; it is the run's :class:`Memo`, the one the graph-elements hook got.
    """

    study: "Study"
    graph: "nx.MultiDiGraph"
    lang: str = "en"
    metric_ids: frozenset[str] = frozenset()
    """The ids (and former ids, ``Metric.aliases``) of every metric the loaded plugins declare
    (decisions may cite them as evidence)."""
    memo: Memo = field(default_factory=Memo, repr=False)
    """``memo(key, compute)``: ``compute()`` once per run under ``key`` (prefix keys with your plugin's name)."""
    privacy: Shown = field(default_factory=Shown)
    """What the study's outputs may not show and was taken out of ``study`` (names shown as
    pseudonyms, quotes without consent): ``privacy.quotes_withheld``, ``privacy.consent_recorded``,
    ``privacy.show_names``… (:class:`impactkit.core.privacy.Shown`; see docs/privacy.md)."""

    @property
    def study_dir(self) -> Path:
        return self.study.directory

    def method(self, key: str) -> "BaseModel | None":
        """The validated ``methods.<key>`` section of the study, or ``None``."""
        return self.study.method(key)

    @property
    def changes(self) -> "pd.DataFrame":
        """The experienced changes as a DataFrame, one row per change (:attr:`Study.change_frame
        <impactkit.core.model.Study.change_frame>`, held once per study: read it, do not change it).

        Columns: ``id person respondent role stakeholder change theme quote consent importance``,
        then one column per change column the loaded plugins declare (named by the column's
        ``name``, holding what its ``parse`` made of the value: a list, ``[]`` when the change has
        none), then ``coder wave outcome row``, then every unknown column as given (text).
        ``stakeholder`` is normalised to the stakeholder's id where it matches one.
        """
        return self.study.change_frame

    def change_graph(self) -> "nx.MultiDiGraph":
        """The study graph with a node per change (``change:C01``, ``change:1``: see
        docs/architecture.md, "Node ids"), each with its ``experienced_by`` and ``evidence_of``
        edges (:func:`impactkit.core.graph.add_change_layer`). ``graph`` holds the theory of change
        and what the changes say of it counted, on the nodes they concern; a view that draws or
        walks single changes asks for this one. Made once per run, as a copy (``graph`` stays as
        it is), unless ``graph`` has its change nodes already (a plugin's elements named one)."""
        from .graph import add_change_layer, has_change_layer

        if has_change_layer(self.graph):
            return self.graph

        def made() -> "nx.MultiDiGraph":
            graph = self.graph.copy()
            add_change_layer(graph, self.study)
            return graph

        return self.memo("core.change_graph", made)

    def metric_title(self, metric_id: str) -> "Text | None":
        """The title of the metric a loaded plugin declares as ``metric_id`` (its id, or a former id
        in ``Metric.aliases``), or ``None`` when none does (to name a metric a decision cites)."""
        return self.memo("core.metric_titles", self._metric_titles).get(metric_id)

    def _metric_titles(self) -> "dict[str, Text]":
        plugins = self.study._plugins
        if plugins is None:
            from .plugins import make_manager

            plugins = make_manager()
        declared, _ = plugins.collect("impactkit_metrics")
        return {name: metric.title for metric in declared for name in metric.ids}

    def steps(self) -> "list[tuple[Step, StepStatus]]":
        """Every step the loaded plugins contribute (``impactkit_steps``) that applies to the study,
        with its status, in the order ``impactkit status`` shows them: by number, each main step
        before its parts (by ``order``, then id). A check that raises is not done and "could not be
        checked" is what is missing (``impactkit status`` shows the error). Checked once per run; not
        for a step's own check (it would ask itself)."""
        return self.memo("core.steps", self._steps)

    def _steps(self) -> "list[tuple[Step, StepStatus]]":
        from .contributions import StepStatus
        from .failures import call
        from .i18n import Text

        plugins = self.study._plugins
        if plugins is None:
            from .plugins import make_manager

            plugins = make_manager()
        declared, _ = plugins.collect("impactkit_steps")
        out = []
        for step in sorted(declared, key=step_order):
            status = call(step.plugin or "?", f"step '{step.id}'", step.check, self).value
            if not isinstance(status, StepStatus):  # it raised (impactkit status shows how): a reader's words
                plugin = step.plugin or "?"
                unchecked = Text(
                    en=f"could not be checked (plugin '{plugin}' failed)",
                    nl=f"kon niet worden gecontroleerd (plug-in '{plugin}' faalde)",
                )
                status = StepStatus(done=False, missing=(unchecked,))
            if status.applies:
                out.append((step, status))
        return out

    def locate(self, *path: str | int) -> Location | None:
        """Where the key ``path`` (e.g. ``"methods", "mymethod", "outcomes", 3``) is in the study file."""
        from .locate import locate

        return locate(self.study, path)

    def locate_change(self, index: int, column: str | None = None) -> Location | None:
        """Where change ``index`` of ``study.change_list`` (and its ``column``) was given:
        file row and column, or YAML line."""
        from .locate import locate_change

        return locate_change(self.study, index, column)

    def read_table(self, path: str | Path) -> "pd.DataFrame":
        """Read a CSV/XLSX (or any format a plugin reads) relative to the study, as strings.

        Goes through the ``impactkit_read_table`` hook; raises ``StudyError`` with the file
        when it cannot be read.
        """
        from .changes import read_table
        from .plugins import make_manager

        plugins = self.study._plugins or make_manager(load=False)
        return read_table(self._inside(path), plugins)

    def read_rows(self, path: str | Path, *, sheets: Sequence[str] = ()) -> list[tuple[int, list[Any]]]:
        """Every row of a CSV/XLSX (or any format a plugin reads) relative to the study, as
        ``(row number, cells)`` with no header chosen (:func:`impactkit.core.readers.read_rows`;
        ``sheets``: the workbook sheets to prefer). Raises ``StudyError`` naming the file."""
        from .readers import read_rows

        return read_rows(self._inside(path), self.study._plugins, sheets=sheets)

    def _inside(self, path: str | Path) -> Path:
        """``path`` (relative to the study) when it lies inside the study folder — or anywhere with
        ``impactkit --allow-outside`` — else a :class:`StudyError` naming it, as for the changes file."""
        from .errors import Problem, StudyError, UserError
        from .files import inside, outside_allowed

        target = Path(path) if Path(path).is_absolute() else self.study_dir / path
        try:
            inside(self.study_dir, target, allow_outside=outside_allowed(), what=str(path))
        except UserError as exc:
            raise StudyError([Problem(Location(file=str(path)), exc.text)]) from None
        return target


def using(state: Callable[["Context"], Any]) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Make ``fn(state, ctx, *args)`` a contribution's callable ``(ctx, *args)`` that gives ``None``
    (not applicable) when ``state(ctx)`` is ``None``, i.e. the study does not use the method::

        with_state = using(state)            # state(ctx) -> the method's analysis, or None
        Metric(id="mymethod.coded", title=..., compute=with_state(lambda s, ctx: s.n_coded))
    """

    def wrap(fn: Callable[..., Any]) -> Callable[..., Any]:
        @functools.wraps(fn)
        def run(ctx: "Context", *args: Any) -> Any:
            current = state(ctx)
            return None if current is None else fn(current, ctx, *args)

        return run

    return wrap

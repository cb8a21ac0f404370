"""The public plugin API: everything a plugin author uses, and the only impactkit module a plugin
imports (a plugin's own commands also use :mod:`impactkit.cli.plugin`).

The names in ``__all__`` are stable: they keep their meaning within a major version of
``plugin_api_version``. Anything else in impactkit is internal and may change in any release.
A one-function plugin is enough::

    from impactkit.plugin import Metric, Text, hookimpl

    @hookimpl
    def impactkit_metrics():
        return [Metric(id="hello.changes", title=Text(en="Changes", nl="Veranderingen"),
                       compute=lambda ctx: len(ctx.changes))]

See docs/plugins.md for every hook, every contribution and every helper listed here.
"""

from __future__ import annotations

from impactkit.core._version import PLUGIN_API_VERSION
from impactkit.core._version import __version__ as impactkit_version
from impactkit.core.context import Context, Memo, using
from impactkit.core.contributions import (
    ChangeColumn,
    CodeEntry,
    Coder,
    Column,
    Command,
    Evaluation,
    Finding,
    GraphEdge,
    GraphNode,
    KeyFigure,
    Location,
    Metric,
    PortfolioMetric,
    ReportSection,
    Step,
    StepStatus,
    StudySection,
    Suggestion,
    Table,
    Validation,
    Visualisation,
)
from impactkit.core.diagram import (
    chain_view,
    dot_escape,
    dot_text,
    html_label,
    mermaid_text,
    stakeholder_colours,
    toc_dot,
    toc_mermaid,
    wrap,
)
from impactkit.core.errors import Problem, StudyError, TextError, UserError
from impactkit.core.files import atomic_file, atomic_write, neutralise_cell, restore_cell, study_lock
from impactkit.core.graph import change_node_id, downstream
from impactkit.core.helices import HELICES
from impactkit.core.helices import LABELS as HELIX_LABELS
from impactkit.core.helices import label as helix_label
from impactkit.core.hookspecs import hookimpl
from impactkit.core.i18n import (
    Plural,
    Text,
    catalog,
    default_lang,
    did_you_mean,
    fill,
    listed,
    plural,
    resolve_lang,
    you_meant,
)
from impactkit.core.load import ambiguous_numbers, read_yaml, to_plain
from impactkit.core.locate import locate
from impactkit.core.model import (
    ID_PATTERN,
    Helix,
    Study,
    change_keys,
    chosen_rows,
    each_value,
    factorise_lists,
    first_rows,
)
from impactkit.core.numbers import (
    NO_VALUE,
    format_count,
    format_date,
    format_list,
    format_money,
    format_number,
    format_percent,
    format_ratio,
)
from impactkit.core.readers import read_rows
from impactkit.core.render import render_chart
from impactkit.core.report import md_escape, md_table, shorten


def accepted_suggestions(study: Study, method: str, column: str | None = None) -> dict[int, str]:
    """The changes coded by accepting a suggestion of ``impactkit code --method METHOD``: change
    index → the accepted code, as far as the study's suggestions file still records it (see
    :func:`impactkit.core.coding.accepted_suggestions`); empty when it records nothing."""
    from impactkit.core.coding import accepted_suggestions as recorded  # imported when asked

    return recorded(study, method, column)


plugin_api_version = PLUGIN_API_VERSION
"""The version of this API (``MAJOR.MINOR``). A plugin may state the versions it works with as
``impactkit_api = ">=1.0"`` in its module (see docs/plugins.md)."""

__all__ = [
    "HELICES",
    "HELIX_LABELS",
    "ID_PATTERN",
    "NO_VALUE",
    "ChangeColumn",
    "CodeEntry",
    "Coder",
    "Column",
    "Command",
    "Context",
    "Evaluation",
    "Finding",
    "GraphEdge",
    "GraphNode",
    "Helix",
    "KeyFigure",
    "Location",
    "Memo",
    "Metric",
    "Plural",
    "PortfolioMetric",
    "Problem",
    "ReportSection",
    "Step",
    "StepStatus",
    "Study",
    "StudyError",
    "StudySection",
    "Suggestion",
    "Table",
    "Text",
    "TextError",
    "UserError",
    "Validation",
    "Visualisation",
    "accepted_suggestions",
    "ambiguous_numbers",
    "atomic_file",
    "atomic_write",
    "catalog",
    "chain_view",
    "change_keys",
    "change_node_id",
    "chosen_rows",
    "default_lang",
    "did_you_mean",
    "dot_escape",
    "dot_text",
    "downstream",
    "each_value",
    "factorise_lists",
    "fill",
    "first_rows",
    "format_count",
    "format_date",
    "format_list",
    "format_money",
    "format_number",
    "format_percent",
    "format_ratio",
    "helix_label",
    "hookimpl",
    "html_label",
    "impactkit_version",
    "listed",
    "locate",
    "md_escape",
    "md_table",
    "mermaid_text",
    "neutralise_cell",
    "plugin_api_version",
    "plural",
    "read_rows",
    "read_yaml",
    "render_chart",
    "resolve_lang",
    "restore_cell",
    "shorten",
    "stakeholder_colours",
    "study_lock",
    "to_plain",
    "toc_dot",
    "toc_mermaid",
    "using",
    "wrap",
    "you_meant",
]

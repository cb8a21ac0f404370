"""The core of impactkit: studies, the graph, files, pictures and the plugin gateway.

It never knows a method by name. Its modules form layers that import downwards only (enforced by
import-linter in ``make test``; see docs/architecture.md). Nothing here is public API except what
:mod:`impactkit`, :mod:`impactkit.plugin` and :mod:`impactkit.cli.plugin` re-export.
"""

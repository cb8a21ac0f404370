"""Loading plugins and collecting what they contribute (the gateway).

Plugins are found through the ``impactkit`` entry-point group, built-in ones included, and
loaded only when :func:`make_manager` is called, never at import time. Which ones load:

* ``make_manager(load=False)`` or ``impactkit --no-plugins``: none;
* ``IMPACTKIT_LOAD_PLUGINS=core,idg``: only those (empty: none);
* otherwise: all installed.

A plugin that fails to import, or raises inside a hook, or returns something that is not a list
of the contribution type the hook promises, does not crash anything: it becomes an error
:class:`~impactkit.core.contributions.Finding` that names it (``core.plugin-error``).
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from importlib import metadata
from types import ModuleType
from typing import Any

import pluggy

from . import hookspecs
from .contributions import CONTRIBUTION_TYPES, Finding
from .i18n import Text, catalog, msg

ENTRY_POINT_GROUP = "impactkit"
ENV_LOAD = "IMPACTKIT_LOAD_PLUGINS"
CORE_SOURCE = "impactkit"  # plugin name for hook implementations of the core itself

KIND_NAMES: dict[str, Text] = catalog(
    [
        ("impactkit_study_sections", "study section", "studiesectie"),
        ("impactkit_validations", "validation", "controle"),
        ("impactkit_metrics", "metric", "cijfer"),
        ("impactkit_tables", "table", "tabel"),
        ("impactkit_visualisations", "visualisation", "weergave"),
        ("impactkit_report_sections", "report section", "rapportsectie"),
        ("impactkit_steps", "step", "stap"),
        ("impactkit_commands", "command", "commando"),
        ("impactkit_coders", "coder", "codeur"),
    ]
)
"""What each declaration hook contributes, by hook, in both languages (the English name is the key
of :attr:`PluginInfo.contributions` and of ``impactkit plugins --json``)."""


def kind_name(kind: str) -> Text:
    """The :data:`KIND_NAMES` entry whose English name is ``kind`` (the name itself when none is)."""
    return next((name for name in KIND_NAMES.values() if name.en == kind), Text(en=kind, nl=kind))


@dataclass(frozen=True)
class PluginInfo:
    """What ``impactkit plugins`` shows about one plugin."""

    name: str
    version: str | None
    module: str
    hooks: tuple[str, ...]
    contributions: dict[str, tuple[str, ...]] = field(default_factory=dict)
    error: str | None = None


def _error(plugin: str, key: str, **params: Any) -> Finding:
    return Finding(code="core.plugin-error", severity="error", plugin=plugin, message=msg(key, plugin=plugin, **params))


def describe_error(exc: BaseException) -> str:
    """One line about an exception; for a pydantic ``ValidationError`` which field and why."""
    errors = getattr(exc, "errors", None)
    if callable(errors) and hasattr(exc, "title"):  # pydantic.ValidationError, without importing pydantic
        try:
            parts = [
                f"{'.'.join(str(p) for p in e['loc']) or '-'}: {e['msg'].removeprefix('Value error, ')}"
                for e in errors(include_url=False)
            ]
        except Exception:
            parts = []
        if parts:
            return f"invalid {exc.title}: " + "; ".join(parts)
    text = str(exc).strip().splitlines()
    return f"{type(exc).__name__}: {text[0]}" if text else type(exc).__name__


def plugin_error(plugin: str, where: str, exc: BaseException) -> Finding:
    """The error finding for a contribution (``where``) of ``plugin`` that raised ``exc`` (``core.plugin-error``)."""
    return _error(plugin, "plugin-hook", hook=where, error=describe_error(exc))


def bad_return(plugin: str, where: str, got: Any, expected: Text) -> Finding:
    """The error finding for a contribution that returned the wrong type (``core.plugin-error``)."""
    name = type(got).__name__
    return _error(
        plugin, "plugin-bad-return", hook=where, got=Text(en=f"a {name}", nl=f"een {name}"), expected=expected
    )


class Plugins:
    """A pluggy manager plus what went wrong while loading, and the contribution gateway."""

    def __init__(self) -> None:
        self.pm = pluggy.PluginManager(hookspecs.PROJECT)
        self.pm.add_hookspecs(hookspecs)
        self.failures: list[Finding] = []
        self.versions: dict[str, str | None] = {}
        self._failed: dict[str, str] = {}
        self._collected: dict[str, tuple[list[Any], list[Finding]]] = {}
        from . import readers

        self.pm.register(readers, name=CORE_SOURCE)

    # -- registration --------------------------------------------------------------------------
    def register(self, plugin: ModuleType | object, name: str, version: str | None = None) -> None:
        """Register a plugin object under ``name`` (used for entry points and in tests)."""
        self.pm.register(plugin, name=name)
        self.versions[name] = version
        self._collected.clear()

    def load_entry_points(self, only: Iterable[str] | None = None) -> None:
        """Load the plugins of the ``impactkit`` entry-point group (or only the ``only`` ones)."""
        wanted = set(only) if only is not None else None
        found: set[str] = set()
        for ep in sorted(metadata.entry_points(group=ENTRY_POINT_GROUP), key=lambda e: e.name):
            found.add(ep.name)
            if wanted is not None and ep.name not in wanted:
                continue
            if self.pm.has_plugin(ep.name) or ep.name in self._failed:
                self.failures.append(_error(ep.name, "plugin-load", error="the name is taken by another plugin"))
                continue
            version = ep.dist.version if ep.dist is not None else None
            try:
                plugin = ep.load()
                self.pm.register(plugin, name=ep.name)
            except Exception as exc:
                self._failed[ep.name] = describe_error(exc)
                self.failures.append(_error(ep.name, "plugin-load", error=describe_error(exc)))
                continue
            self.versions[ep.name] = version
        for name in sorted((wanted or set()) - found):
            self.failures.append(
                Finding(
                    code="core.plugin-missing",
                    severity="warning",
                    plugin="core",
                    message=msg("plugin-missing", plugin=name, env=ENV_LOAD),
                )
            )
        self._collected.clear()

    def names(self) -> list[str]:
        return sorted(name for name, _ in self.pm.list_name_plugin() if name != CORE_SOURCE)

    # -- the gateway ---------------------------------------------------------------------------
    def _impls(self, hook: str) -> list[pluggy.HookImpl]:
        caller = getattr(self.pm.hook, hook)
        return sorted(caller.get_hookimpls(), key=lambda impl: impl.plugin_name)

    def collect(self, hook: str) -> tuple[list[Any], list[Finding]]:
        """Call the declaration hook ``hook`` of every plugin, one at a time.

        Returns the contributions — each stamped with the plugin that gave it, sorted by id,
        with duplicate ids refused (both of them: who wins must not depend on load order) —
        and the findings about plugins that failed. Results are cached per manager.
        """
        if hook in self._collected:
            return self._collected[hook]
        expected = CONTRIBUTION_TYPES[hook]
        items: list[Any] = []
        problems: list[Finding] = []
        for impl in self._impls(hook):
            name = impl.plugin_name
            try:
                returned = impl.function()
            except Exception as exc:
                problems.append(_error(name, "plugin-hook", hook=hook, error=describe_error(exc)))
                continue
            if returned is None:
                continue
            if not isinstance(returned, (list, tuple)) or not all(isinstance(x, expected) for x in returned):
                problems.append(
                    bad_return(
                        name,
                        hook,
                        returned,
                        Text(en=f"a list of {expected.__name__}", nl=f"een lijst van {expected.__name__}"),
                    )
                )
                continue
            items.extend(item.model_copy(update={"plugin": name}) for item in returned)
        kept, refused = refuse_duplicates(items, KIND_NAMES[hook])
        result = (sorted(kept, key=lambda item: item.id), problems + refused)
        self._collected[hook] = result
        return result

    def call_each(self, hook: str, **kwargs: Any) -> list[tuple[str, Any, BaseException | None]]:
        """Call ``hook`` of each plugin separately: ``(plugin, result, exception)`` in name order."""
        out = []
        for impl in self._impls(hook):
            try:
                out.append((impl.plugin_name, impl.function(**{name: kwargs[name] for name in impl.argnames}), None))
            except Exception as exc:
                out.append((impl.plugin_name, None, exc))
        return out

    def info(self) -> list[PluginInfo]:
        """One :class:`PluginInfo` per plugin, loaded or failed, sorted by name."""
        contributions: dict[str, dict[str, list[str]]] = {}
        for hook, kind in KIND_NAMES.items():
            items, _ = self.collect(hook)
            for item in items:
                contributions.setdefault(item.plugin, {}).setdefault(kind.en, []).append(item.id)
        infos = []
        for name in self.names():
            plugin = self.pm.get_plugin(name)
            hooks = tuple(sorted(caller.name for caller in self.pm.get_hookcallers(plugin) or []))
            infos.append(
                PluginInfo(
                    name=name,
                    version=self.versions.get(name),
                    module=getattr(plugin, "__name__", type(plugin).__name__),
                    hooks=hooks,
                    contributions={k: tuple(v) for k, v in sorted(contributions.get(name, {}).items())},
                )
            )
        for name, error in sorted(self._failed.items()):
            infos.append(PluginInfo(name=name, version=None, module="?", hooks=(), error=error))
        return sorted(infos, key=lambda info: info.name)


def refuse_duplicates(items: list[Any], what: Text) -> tuple[list[Any], list[Finding]]:
    """Drop every contribution whose id is given more than once, with a finding naming both sources
    (``what`` is the kind of contribution, in both languages)."""
    by_id: dict[str, list[Any]] = {}
    for item in items:
        by_id.setdefault(item.id, []).append(item)
    kept, refused = [], []
    for key, group in by_id.items():
        if len(group) == 1:
            kept.append(group[0])
            continue
        sources = sorted(item.plugin for item in group)
        refused.append(
            Finding(
                code="core.plugin-conflict",
                severity="error",
                plugin=sources[1],
                message=msg("plugin-duplicate", what=what, id=key, first=sources[0], second=sources[1]),
            )
        )
    return kept, refused


def selection_from_env() -> list[str] | None:
    """The plugin names ``IMPACTKIT_LOAD_PLUGINS`` asks for, or ``None`` when it is not set."""
    raw = os.environ.get(ENV_LOAD)
    if raw is None:
        return None
    return [name.strip() for name in raw.split(",") if name.strip()]


def make_manager(load: bool | Iterable[str] | None = None) -> Plugins:
    """A fresh plugin manager.

    ``load=None`` follows ``IMPACTKIT_LOAD_PLUGINS`` (all when unset), ``True`` loads all,
    ``False`` none, and a list of names only those.
    """
    plugins = Plugins()
    if load is False:
        return plugins
    if load is None:
        only = selection_from_env()
    elif load is True:
        only = None
    else:
        only = list(load)
    plugins.load_entry_points(only)
    return plugins

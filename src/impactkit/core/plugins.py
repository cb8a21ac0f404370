"""Loading plugins and collecting what they contribute (the gateway).

Plugins are found through the ``impactkit`` entry-point group, built-in ones included, and
loaded only when :func:`make_manager` is called, never at import time. Which ones load:

* ``make_manager(load=False)`` or ``impactkit --no-plugins``: none;
* ``IMPACTKIT_LOAD_PLUGINS=core,idg``: only those (empty: none);
* otherwise: all installed.

Nothing a plugin does crashes anything; each mistake becomes a
:class:`~impactkit.core.contributions.Finding` naming the plugin (made by
:mod:`impactkit.core.failures`), and the plugin's other contributions, and the other plugins,
keep working:

* it fails to import, or registers under a name impactkit keeps for itself (``core``);
* it states the plugin API versions it works with (``impactkit_api = ">=1.0"``) and this
  impactkit's :data:`~impactkit.core._version.PLUGIN_API_VERSION` is not one of them: it is not
  loaded, and the finding names both versions;
* it implements a hook that has no specification (``impactkit_metric`` for ``impactkit_metrics``):
  pluggy's ``check_pending()`` finds it after registration, and the finding suggests the closest
  real hook;
* a hook raises, returns ``None``, or returns something other than a list;
* an item of the list is not the contribution type the hook promises, or its id lies outside the
  plugin's namespace (:func:`owns`): only that item is left out;
* two plugins give the same id: both are refused.

Every hook call is timed (``time.perf_counter``); when debugging (``impactkit --debug``), each
time is printed to stderr and a hook slower than :data:`~impactkit.core.failures.SLOW_SECONDS`
gives an info finding (:attr:`Plugins.notices`).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable
from dataclasses import dataclass, field
from importlib import metadata
from types import ModuleType
from typing import Any

import pluggy

from . import failures, hookspecs
from ._version import PLUGIN_API_VERSION, __version__, api_allows
from .contributions import CONTRIBUTION_TYPES, Finding, StudySection, _DottedContribution
from .failures import describe_error
from .i18n import Text, catalog, did_you_mean, msg

ENTRY_POINT_GROUP = "impactkit"
ENV_LOAD = "IMPACTKIT_LOAD_PLUGINS"
CORE_SOURCE = "impactkit"  # plugin name for hook implementations of the core itself
API_ATTRIBUTE = "impactkit_api"
"""The module attribute in which a plugin states the plugin API versions it works with (``">=1.0"``)."""
RESERVED_NAMES = {"core": "impactkit.plugins.core", CORE_SOURCE: "impactkit.core.readers"}
"""Plugin names impactkit keeps for itself, with the one module allowed to use each: the ``core``
namespace (``core.changes`` ...) belongs to impactkit's core plugin alone."""

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
        ("impactkit_portfolio_metrics", "portfolio figure", "portfoliocijfer"),
    ]
)
"""What each declaration hook contributes, by hook, in both languages (the English name is the key
of :attr:`PluginInfo.contributions` and of ``impactkit plugins --json``)."""


def kind_name(kind: str) -> Text:
    """The :data:`KIND_NAMES` entry whose English name is ``kind`` (the name itself when none is)."""
    return next((name for name in KIND_NAMES.values() if name.en == kind), Text(en=kind, nl=kind))


def owns(plugin: str, contribution_id: str) -> bool:
    """Whether ``plugin`` may give a contribution with this id: the id is the plugin's name or
    starts with it and a dot (``idg``, ``idg.coded``). The prefix is the name the plugin is
    registered under (its entry point), so no plugin can give ids in another's namespace, and
    ``core.*`` belongs to the core plugin alone (:data:`RESERVED_NAMES`)."""
    return contribution_id == plugin or contribution_id.startswith(plugin + ".")


def namespace_rule(plugin: str, kind: type) -> Text:
    """What :func:`owns` expects of ``plugin``'s contributions of type ``kind``, in words."""
    if issubclass(kind, _DottedContribution):
        return Text(en=f"an id starting with '{plugin}.'", nl=f"een id die begint met '{plugin}.'")
    if kind is StudySection or kind.__name__ == "Coder":  # a lower-case name: no dots
        return Text(en=f"the id '{plugin}'", nl=f"de id '{plugin}'")
    return Text(
        en=f"'{plugin}' or a name starting with '{plugin}.'", nl=f"'{plugin}' of een naam die begint met '{plugin}.'"
    )


def api_refusal(name: str, plugin: object) -> Finding | None:
    """The error finding refusing ``plugin`` when the plugin API versions it states
    (:data:`API_ATTRIBUTE`, on the plugin or, for an object, on its module) exclude this one, or
    cannot be read; ``None`` when it states none or this version is one of them."""
    wanted = getattr(plugin, API_ATTRIBUTE, None)
    if wanted is None and not isinstance(plugin, ModuleType):
        wanted = getattr(sys.modules.get(type(plugin).__module__), API_ATTRIBUTE, None)
    if wanted is None:
        return None
    if not isinstance(wanted, str):
        return failures.api_unreadable(name, wanted, ValueError(f"a {type(wanted).__name__}, not a text"))
    try:
        allowed = api_allows(wanted)
    except ValueError as exc:
        return failures.api_unreadable(name, wanted, exc)
    return None if allowed else failures.api_mismatch(name, wanted, PLUGIN_API_VERSION, __version__)


def _closest_hook(name: str, specs: list[str]) -> Text | None:
    """The did-you-mean hint for an unknown hook: the closest real hook, compared without the
    ``impactkit_`` every hook shares (else ``impactkit_frobnicate`` would look like one)."""
    prefix = hookspecs.PROJECT + "_"
    bare = [spec.removeprefix(prefix) for spec in specs]
    return did_you_mean(name.removeprefix(prefix), bare, shown=lambda close: prefix + close)


@dataclass(frozen=True)
class PluginInfo:
    """What ``impactkit plugins`` shows about one plugin."""

    name: str
    version: str | None
    module: str
    hooks: tuple[str, ...]
    contributions: dict[str, tuple[str, ...]] = field(default_factory=dict)
    error: str | None = None


class Plugins:
    """A pluggy manager plus what went wrong while loading, and the contribution gateway."""

    def __init__(self) -> None:
        self.pm = pluggy.PluginManager(hookspecs.PROJECT)
        self.pm.add_hookspecs(hookspecs)
        self.failures: list[Finding] = []
        """What went wrong while loading: imports, reserved names, unknown hooks, missing plugins."""
        self.notices: list[Finding] = []
        """When debugging: declaration hooks slower than :data:`~impactkit.core.failures.SLOW_SECONDS` (info)."""
        self.versions: dict[str, str | None] = {}
        self._failed: dict[str, str] = {}
        self._collected: dict[str, tuple[list[Any], list[Finding]]] = {}
        from . import readers

        self.pm.register(readers, name=CORE_SOURCE)

    # -- registration --------------------------------------------------------------------------
    def register(self, plugin: ModuleType | object, name: str, version: str | None = None) -> None:
        """Register a plugin object under ``name`` (used for entry points and in tests).

        A name impactkit keeps for itself is refused, and hooks that match no specification are
        reported (both in :attr:`failures`).
        """
        if self._reserved(name, getattr(plugin, "__name__", type(plugin).__name__)) or self._refused(name, plugin):
            return
        self.pm.register(plugin, name=name)
        self.versions[name] = version
        self._collected.clear()
        self.check_pending()

    def _reserved(self, name: str, module: str) -> bool:
        """Whether ``name`` is reserved for another module than ``module`` (then a finding says so)."""
        owner = RESERVED_NAMES.get(name)
        if owner is None or module == owner:
            return False
        self.failures.append(failures.reserved_name(name, module))
        return True

    def _refused(self, name: str, plugin: object) -> bool:
        """Whether ``plugin`` is refused for the plugin API versions it states (then a finding says so)."""
        refusal = api_refusal(name, plugin)
        if refusal is None:
            return False
        self._failed[name] = refusal.message.en
        self.failures.append(refusal)
        return True

    def load_entry_points(self, only: Iterable[str] | None = None) -> None:
        """Load the plugins of the ``impactkit`` entry-point group (or only the ``only`` ones)."""
        wanted = set(only) if only is not None else None
        found: set[str] = set()
        for ep in sorted(metadata.entry_points(group=ENTRY_POINT_GROUP), key=lambda e: e.name):
            found.add(ep.name)
            if wanted is not None and ep.name not in wanted:
                continue
            if self._reserved(ep.name, ep.value.split(":", 1)[0].strip()):
                continue
            if self.pm.has_plugin(ep.name) or ep.name in self._failed:
                self.failures.append(failures.load_error(ep.name, ValueError("the name is taken by another plugin")))
                continue
            version = ep.dist.version if ep.dist is not None else None
            try:
                plugin = ep.load()
                if self._refused(ep.name, plugin):
                    continue
                self.pm.register(plugin, name=ep.name)
            except Exception as exc:
                self._failed[ep.name] = describe_error(exc)
                self.failures.append(failures.load_error(ep.name, exc))
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
        self.check_pending()

    def check_pending(self) -> None:
        """Report each hook implementation that matches no hook specification (``impactkit_metric``
        for ``impactkit_metrics``), naming the plugin and the closest real hook.

        pluggy's ``check_pending()`` stops at the first such implementation; each one it finds is
        reported (in :attr:`failures`) with every other unknown hook of the same plugin, and marked
        optional, so the check moves on and in the end passes. The implementation stays registered
        but is never called; the plugin's real hooks work as before.
        """
        specs = [name for name, caller in vars(self.pm.hook).items() if not name.startswith("_") and caller.has_spec()]
        while True:
            try:
                self.pm.check_pending()
                return
            except pluggy.PluginValidationError as exc:
                name = self.pm.get_name(exc.plugin) or "?"
                marked = 0
                for caller in self.pm.get_hookcallers(exc.plugin) or []:
                    for impl in [] if caller.has_spec() else caller.get_hookimpls():
                        if impl.plugin is exc.plugin and not impl.optionalhook:
                            hint = _closest_hook(caller.name, specs)
                            self.failures.append(failures.unknown_hook(name, caller.name, hint))
                            impl.optionalhook = True  # reported: pluggy's check passes it from now on
                            marked += 1
                if not marked:  # not one pluggy would raise for again; say what it said and stop
                    self.failures.append(failures.plugin_error(name, "check_pending", exc))
                    return

    def names(self) -> list[str]:
        return sorted(name for name, _ in self.pm.list_name_plugin() if name != CORE_SOURCE)

    # -- the gateway ---------------------------------------------------------------------------
    def _impls(self, hook: str) -> list[pluggy.HookImpl]:
        caller = getattr(self.pm.hook, hook)
        return sorted(caller.get_hookimpls(), key=lambda impl: impl.plugin_name)

    def collect(self, hook: str) -> tuple[list[Any], list[Finding]]:
        """Call the declaration hook ``hook`` of every plugin, one at a time.

        Returns the contributions — each stamped with the plugin that gave it, sorted by id,
        with duplicate ids refused (all of them: who wins must not depend on load order) —
        and the error findings about what plugins did wrong (:func:`accept`). Results are cached
        per manager; a slow hook is noted in :attr:`notices`.
        """
        if hook in self._collected:
            return self._collected[hook]
        items: list[Any] = []
        problems: list[Finding] = []
        for impl in self._impls(hook):
            called = failures.call(impl.plugin_name, hook, impl.function)
            self.notices += [called.slow] if called.slow else []
            if called.error is not None:
                problems.append(called.error)
                continue
            items += accept(impl.plugin_name, hook, called.value, problems)
        kept, refused = refuse_duplicates(items, KIND_NAMES[hook])
        result = (sorted(kept, key=lambda item: item.id), problems + refused)
        self._collected[hook] = result
        return result

    def call_each(self, hook: str, **kwargs: Any) -> list[failures.Call]:
        """Call ``hook`` of each plugin separately, in name order, each with the ``kwargs`` it takes;
        each :class:`~impactkit.core.failures.Call` holds the value, or the error finding, and the time."""
        return [
            failures.call(impl.plugin_name, hook, impl.function, **{name: kwargs[name] for name in impl.argnames})
            for impl in self._impls(hook)
        ]

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

    def problems(self) -> list[Finding]:
        """Everything wrong with the plugins that shows without a study, for ``impactkit plugins``:
        :attr:`failures` (except the plugins that could not be loaded, which :meth:`info` shows
        with their error), what each declaration hook did wrong, and the slow hooks (info)."""
        found = [f for f in self.failures if not (f.code == failures.PLUGIN_ERROR and f.plugin in self._failed)]
        for hook in KIND_NAMES:
            found += self.collect(hook)[1]
        return found + self.notices


def accept(plugin: str, hook: str, returned: Any, problems: list[Finding]) -> list[Any]:
    """The contributions ``plugin``'s declaration hook ``hook`` returned, stamped with its name.

    Only what is wrong is left out, each with an error finding in ``problems``: ``None`` or
    something other than a list (all of it), an item that is not the hook's contribution type or
    whose id lies outside the plugin's namespace (:func:`owns`; only that item).
    """
    kind = CONTRIBUTION_TYPES[hook]
    out = []
    for item in failures.items(plugin, hook, returned, (kind,), failures.list_of(kind), problems):
        if owns(plugin, item.id):
            out.append(item.model_copy(update={"plugin": plugin}))
        else:
            rule = namespace_rule(plugin, kind)
            problems.append(failures.foreign_id(plugin, hook, KIND_NAMES[hook], item.id, rule))
    return out


def refuse_duplicates(items: list[Any], what: Text) -> tuple[list[Any], list[Finding]]:
    """Drop every contribution whose id is given more than once, with a finding naming both sources
    (``what`` is the kind of contribution, in both languages). Namespaces keep plugins apart, so
    this is mostly one plugin giving an id twice, or plugins ``a`` and ``a.b`` both giving ``a.b.x``."""
    by_id: dict[str, list[Any]] = {}
    for item in items:
        by_id.setdefault(item.id, []).append(item)
    kept, refused = [], []
    for key, group in by_id.items():
        if len(group) == 1:
            kept.append(group[0])
            continue
        sources = sorted(item.plugin for item in group)
        if sources[0] == sources[-1]:  # one plugin gave it twice
            message = failures.given_twice(sources[0], what, key)
        else:
            message = msg("plugin-duplicate", what=what, id=key, first=sources[0], second=sources[1])
        refused.append(Finding(code="core.plugin-conflict", severity="error", plugin=sources[-1], message=message))
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

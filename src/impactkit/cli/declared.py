"""The plugins' commands as ``impactkit --help`` lists them, without importing a plugin.

``impactkit --help`` lists the commands plugins contribute. Importing every plugin to read their
names (and pydantic, which their contributions are made of) would cost more than the rest of the
help page together, so the console script reads them from a small **declaration cache**: per
plugin command its name and its help text in Dutch and English, with the plugins that failed to
load. It lives in the user's cache folder (``$XDG_CACHE_HOME/impactkit``, else
``~/.cache/impactkit``; ``~/Library/Caches/impactkit`` on macOS, ``%LOCALAPPDATA%\\impactkit\\Cache``
on Windows), one file per Python environment, and is rebuilt — by loading the plugins, as before —
when it is missing, unreadable or stale. It is stale when anything it was made from changed:

* the installed distributions (the ``*.dist-info`` and ``*.egg-info`` folders on ``sys.path``,
  by name — which holds the version — and modification time, so an install, an upgrade or a
  reinstall with other entry points is seen);
* the source files of the plugins (by modification time: an editable plugin whose help text was
  edited);
* impactkit's version, the cache's format, the Python version.

The cache is only ever read for a help page. A command is never run from it: ``impactkit NAME``
loads the plugins, and a plugin whose import fails then says so (:func:`failed_owner`), whatever
the cache holds. Programs that call :data:`impactkit.cli.main.cli` themselves (tests, a
``CliRunner``) get the help from the loaded plugins; the console script turns the cache on
(:func:`enable`).

This module imports nothing of impactkit at import time; building the cache does.
"""

from __future__ import annotations

import os
import sys
from typing import Any

FORMAT = 1
"""The layout of the cache file; another number means rebuild."""

_enabled = False


def enable() -> None:
    """Let ``impactkit --help`` read the plugins' commands from the cache (the console script)."""
    global _enabled
    _enabled = True


def enabled() -> bool:
    return _enabled


# -- where ------------------------------------------------------------------------------------


def cache_dir() -> str:
    """The folder of impactkit's caches: ``$XDG_CACHE_HOME/impactkit`` when that is set, else the
    platform's cache folder."""
    xdg = os.environ.get("XDG_CACHE_HOME")
    if xdg:
        return os.path.join(xdg, "impactkit")
    if sys.platform == "win32":
        base = os.environ.get("LOCALAPPDATA") or os.path.expanduser("~")
        return os.path.join(base, "impactkit", "Cache")
    if sys.platform == "darwin":
        return os.path.join(os.path.expanduser("~"), "Library", "Caches", "impactkit")
    return os.path.join(os.path.expanduser("~"), ".cache", "impactkit")


def _search_path() -> list[str]:
    """The folders plugins are found in: ``sys.path`` without its first entry (the script's
    folder, or the current one), so the console script and ``python -c`` share one cache."""
    return [entry for entry in sys.path[1:] if entry]


def _fingerprint(text: str) -> str:
    """A short stable hash of ``text`` (64-bit FNV-1a; no hash library to import for it)."""
    value = 0xCBF29CE484222325
    for byte in text.encode("utf-8", "surrogatepass"):
        value = ((value ^ byte) * 0x100000001B3) & 0xFFFFFFFFFFFFFFFF
    return f"{value:016x}"


def cache_file() -> str:
    """The cache of this Python environment (its prefix and search path)."""
    return os.path.join(cache_dir(), f"commands-{_fingerprint(chr(0).join([sys.prefix, *_search_path()]))}.json")


# -- when it is stale ---------------------------------------------------------------------------


def distributions() -> list[list[Any]]:
    """Every installed distribution's metadata folder on the search path: ``[folder, name,
    modification time]`` (the name holds the version: ``impactkit-0.1.0.dist-info``)."""
    found: list[list[Any]] = []
    for folder in _search_path():
        try:
            entries = os.scandir(folder)
        except OSError:
            continue
        with entries:
            for entry in entries:
                if entry.name.endswith((".dist-info", ".egg-info")):
                    try:
                        found.append([folder, entry.name, entry.stat().st_mtime_ns])
                    except OSError:
                        continue
    found.sort()
    return found


def _environment() -> dict[str, Any]:
    from impactkit.core._version import __version__

    return {
        "format": FORMAT,
        "impactkit": __version__,
        "python": list(sys.version_info[:3]),
        "distributions": distributions(),
    }


def _unchanged(sources: list[Any]) -> bool:
    """Whether every recorded plugin source still has its modification time (a folder's changes
    when a file is added or removed)."""
    for path, mtime in sources:
        try:
            if os.stat(path).st_mtime_ns != mtime:
                return False
        except OSError:
            return False
    return True


def plugin_sources(module: Any) -> list[list[Any]]:
    """``[path, modification time]`` of a plugin's source: a module's file, or a package's
    folders and ``.py`` files."""
    paths = list(getattr(module, "__path__", None) or [])
    out: list[list[Any]] = []
    if not paths:
        origin = getattr(module, "__file__", None) or getattr(module, "origin", None)
        paths = [origin] if origin else []
        for path in paths:
            try:
                out.append([path, os.stat(path).st_mtime_ns])
            except OSError:
                pass
        return out
    for top in paths:
        for folder, dirs, files in os.walk(top):
            dirs[:] = sorted(d for d in dirs if d != "__pycache__")
            try:
                out.append([folder, os.stat(folder).st_mtime_ns])
                out += [
                    [p, os.stat(p).st_mtime_ns]
                    for p in (os.path.join(folder, f) for f in sorted(files))
                    if p.endswith(".py")
                ]
            except OSError:
                continue
    return out


# -- reading, checking, building ----------------------------------------------------------------


def _valid(data: Any) -> bool:
    """Whether ``data`` has the cache's layout (a damaged file is rebuilt, never trusted)."""
    try:
        ok = isinstance(data, dict) and data["environment"]["format"] == FORMAT
        ok = ok and isinstance(data["sources"], list) and all(len(s) == 2 for s in data["sources"])
        for command in data["commands"]:
            ok = ok and isinstance(command["name"], str) and isinstance(command["plugin"], str)
            ok = ok and all(isinstance(command["help"][lang], str) for lang in ("en", "nl"))
            ok = ok and isinstance(command["hidden"], bool)
        ok = ok and all(isinstance(k, str) and isinstance(v, str) for k, v in data["failed"].items())
        return bool(ok)
    except (KeyError, TypeError, IndexError):
        return False


def read(fresh: bool = True) -> dict[str, Any] | None:
    """The cache when it is readable and up to date (``fresh=False``: readable), else ``None``."""
    import json  # here: --version and a command's own help read no cache

    try:
        with open(cache_file(), encoding="utf-8") as handle:
            data = json.load(handle)
    except (OSError, ValueError):
        return None
    if not _valid(data):
        return None
    if fresh and (data["environment"] != _environment() or not _unchanged(data["sources"])):
        return None
    return data


def _texts(command: Any, attribute: str) -> dict[str, str] | None:
    """A command's help attribute in both languages: its :class:`Text`, or the same plain text twice."""
    raw = command.__dict__.get(f"_bilingual_{attribute}", getattr(command, attribute, None))
    if raw is None:
        return None
    if isinstance(raw, str):
        return {"en": raw, "nl": raw}
    return {"en": raw.get("en"), "nl": raw.get("nl")}


def build() -> dict[str, Any]:
    """Load every installed plugin and describe the commands they contribute (what the command
    line would register: duplicates refused by the gateway), with the plugins that failed."""
    import importlib.util

    from impactkit.core.plugins import ENTRY_POINT_GROUP, make_manager

    environment = _environment()  # before loading: a plugin installed meanwhile makes it stale
    manager = make_manager(load=True)
    commands, _ = manager.collect("impactkit_commands")
    described = []
    for contribution in commands:
        command = contribution.command
        described.append(
            {
                "name": contribution.id,
                "plugin": contribution.plugin,
                "help": _texts(command, "help") or {"en": "", "nl": ""},
                "short_help": _texts(command, "short_help"),
                "hidden": bool(command.hidden),
                "deprecated": bool(command.deprecated),
            }
        )
    failed = {i.name: i.error or "" for i in manager.info() if i.error}
    from importlib import metadata

    sources: list[list[Any]] = []
    for ep in metadata.entry_points(group=ENTRY_POINT_GROUP):
        module_name = ep.value.split(":", 1)[0].strip()
        module = sys.modules.get(module_name)
        if module is None:  # it failed to load: watch its files, so a fix is seen
            try:
                module = importlib.util.find_spec(module_name)
            except Exception:
                module = None
            if module is not None and module.submodule_search_locations:
                module.__path__ = list(module.submodule_search_locations)  # type: ignore[union-attr]
        if module is not None:
            sources += plugin_sources(module)
    return {"environment": environment, "sources": sorted(sources), "commands": described, "failed": failed}


def write(data: dict[str, Any]) -> None:
    """Store ``data`` as the cache (atomically: a temporary file renamed); a cache folder that
    cannot be written only means the next help page builds it again."""
    import json

    path = cache_file()
    try:
        os.makedirs(os.path.dirname(path), exist_ok=True)
        temporary = f"{path}.{os.getpid()}.tmp"
        with open(temporary, "w", encoding="utf-8") as handle:
            json.dump(data, handle, ensure_ascii=False)
        os.replace(temporary, path)
    except OSError:
        return


def declarations() -> dict[str, Any]:
    """The cache, rebuilt first when it is missing, damaged or stale."""
    data = read()
    if data is None:
        data = build()
        write(data)
    return data


def selection() -> set[str] | None:
    """The plugins ``IMPACTKIT_LOAD_PLUGINS`` names (``None``: every installed one)."""
    raw = os.environ.get("IMPACTKIT_LOAD_PLUGINS")
    return None if raw is None else {name.strip() for name in raw.split(",") if name.strip()}


# -- what the command line does with it --------------------------------------------------------


def help_commands(ctx: Any) -> dict[str, Any]:
    """Stand-ins for the plugins' commands on the help page of ``ctx`` (name, help text in the
    help's language, hidden or deprecated: all a listing shows; never run), for the plugins this
    invocation would load (``--no-plugins``, ``IMPACTKIT_LOAD_PLUGINS``). A plugin that failed to
    load when the cache was made is named on standard error, as loading it would have."""
    import click

    from impactkit.core.i18n import Text

    from .common import help_language

    root = ctx.find_root()
    if root.params.get("no_plugins"):
        return {}
    lang = help_language()
    data = declarations()
    only = selection()
    stand_ins = {}
    for entry in data["commands"]:
        if only is not None and entry["plugin"] not in only:
            continue
        short = entry["short_help"]
        stand_ins[entry["name"]] = click.Command(
            entry["name"],
            help=entry["help"][lang],
            short_help=short[lang] if short else None,
            hidden=entry["hidden"],
            deprecated=entry["deprecated"],
        )
    for name, error in sorted(data["failed"].items()):
        if only is None or name in only:
            note = Text(
                en=f"plugin '{name}' failed to load: {error} (see `impactkit plugins`)",
                nl=f"plug-in '{name}' kon niet laden: {error} (zie `impactkit plugins`)",
            )
            click.echo(f"impactkit: {note.get(lang)}", err=True)
    return stand_ins


def unavailable(ctx: Any, name: str) -> None:
    """``impactkit NAME`` where no loaded plugin gives ``NAME``: when the cache says a plugin gave
    it and that plugin now fails to load, its failure is the answer (exit 1) instead of "no such
    command". The cache only names the plugin; what failed comes from loading it now."""
    from .common import EXIT_FINDINGS, get_plugins, invocation, print_findings

    manager = get_plugins(ctx)
    loaded = set(manager.names())
    failures = [f for f in manager.failures if f.severity == "error" and f.plugin not in loaded]
    owner = failed_owner(name, {f.plugin for f in failures})
    if owner is not None:
        print_findings([f for f in failures if f.plugin == owner], invocation(ctx).language(), err=True)
        ctx.exit(EXIT_FINDINGS)


def failed_owner(name: str, failed: set[str]) -> str | None:
    """The plugin that, by the cache, contributed the command ``name``, when it is one of the
    plugins that ``failed`` to load now. The cache may be stale here: the plugin's breaking
    change may be what made it so."""
    data = read(fresh=False) if failed else None
    for entry in [] if data is None else data["commands"]:
        if entry["name"] == name and entry["plugin"] in failed:
            return entry["plugin"]
    return None

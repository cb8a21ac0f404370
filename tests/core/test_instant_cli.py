"""``impactkit --help``, ``--version`` and ``plugins --help`` import no plugin and nothing heavy: the
plugins' commands come from the declaration cache (cli/declared.py), which is rebuilt when stale
or damaged and never trusted for running a command. Real processes of the console script; no timing
(the ratio to ``import click, pluggy`` is in ``make bench``)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from impactkit.cli.main import OWN_MODULES
from tests.helpers import SCRIPT, TIMEOUT, environment

pytestmark = pytest.mark.slow

NOT_IMPORTED = ("pandas", "pydantic", "numpy", "networkx", "impactkit.plugins", "fakeplugin")

PROBE = textwrap.dedent(
    """
    import atexit, sys

    def imported():
        sys.__stderr__.write("MODULES:" + ",".join(sorted(sys.modules)) + "\\n")

    atexit.register(imported)
    sys.argv = ["impactkit", *sys.argv[1:]]
    from impactkit.cli import main
    main()
    """
)


def heavy(module: str) -> bool:
    """A module ``--help`` must not import: a library of :data:`NOT_IMPORTED` or a plugin."""
    return module.split(".")[0] in NOT_IMPORTED or module.startswith("impactkit.plugins")


def fake_plugin(site: Path, help_en: str = "Greet the world.", version: str = "1.0") -> Path:
    """An installed plugin 'fake' on ``site`` (its dist-info with the entry point, and the module),
    contributing the command 'fake'; it fails to import when FAKE_BROKEN is set."""
    site.mkdir(exist_ok=True)
    for old in site.glob("fakeplugin-*.dist-info"):
        for file in old.iterdir():
            file.unlink()
        old.rmdir()
    info = site / f"fakeplugin-{version}.dist-info"
    info.mkdir()
    (info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: fakeplugin\nVersion: {version}\n", encoding="utf-8")
    (info / "entry_points.txt").write_text("[impactkit]\nfake = fakeplugin\n", encoding="utf-8")
    module = site / "fakeplugin.py"
    module.write_text(
        textwrap.dedent(
            f"""
            import os

            from impactkit.cli.plugin import command
            from impactkit.plugin import Command, Text, hookimpl

            if os.environ.get("FAKE_BROKEN"):
                raise ImportError("fakeplugin is broken today")

            @command(name="fake", help=Text(en={help_en!r}, nl="Groet de wereld."))
            def fake():
                print("hello from fake")

            @hookimpl
            def impactkit_commands():
                return [Command(id="fake", command=fake)]
            """
        ),
        encoding="utf-8",
    )
    stamp = module.stat().st_mtime_ns  # an edit within the clock's resolution still counts as one
    os.utime(module, ns=(stamp, stamp + 10**9 * len(help_en)))
    return site


@pytest.fixture
def console(tmp_path: Path):
    """Run the console script (through a probe that reports what was imported) with its own
    cache folder and ``tmp_path/site`` on the search path; returns (process, the :func:`heavy`
    modules it imported). ``console.modules(...)`` returns (process, every module it imported)."""
    site = tmp_path / "site"
    site.mkdir()
    cache = tmp_path / "cache"

    def modules(*args: str, **env: str) -> tuple[subprocess.CompletedProcess[str], list[str]]:
        done = subprocess.run(
            [sys.executable, "-c", PROBE, *args],
            capture_output=True,
            text=True,
            timeout=TIMEOUT,
            env=environment(XDG_CACHE_HOME=str(cache), PYTHONPATH=str(site), **env),
        )
        lines = done.stderr.splitlines()
        imported = [line.partition(":")[2] for line in lines if line.startswith("MODULES:")]
        assert imported, done.stderr
        return done, [m for m in imported[-1].split(",") if m]

    def run(*args: str, **env: str) -> tuple[subprocess.CompletedProcess[str], list[str]]:
        done, imported = modules(*args, **env)
        return done, [m for m in imported if heavy(m)]

    run.site = site  # type: ignore[attr-defined]
    run.cache = cache  # type: ignore[attr-defined]
    run.modules = modules  # type: ignore[attr-defined]  # every module the process imported
    return run


def cache_files(folder: Path) -> list[Path]:
    return sorted((folder / "impactkit").glob("commands-*.json"))


def test_help_version_and_plugins_help_import_no_plugin_and_nothing_heavy(console):
    fake_plugin(console.site)
    first, _ = console("--help")  # builds the cache: it loads the plugins, once
    assert first.returncode == 0 and "fake " in first.stdout and "Greet the world." in first.stdout
    assert len(cache_files(console.cache)) == 1
    for args in (["--help"], ["--version"], ["plugins", "--help"], ["--lang", "nl", "--help"]):
        done, imported = console(*args)
        assert done.returncode == 0, done.stderr
        assert imported == [], (args, imported)
    help_nl, _ = console("--lang", "nl", "--help")
    assert "Groet de wereld." in help_nl.stdout and "sroi" in help_nl.stdout  # a built-in plugin's command too
    version, _ = console("--version")
    assert version.stdout.startswith("impactkit, version ")


STARTUP_FREE = ("pathlib", "shutil", "json")
"""Modules of the standard library that ``import click, pluggy`` does not import and the start-up
paths need not (issue 13, ``benchmarks/bench_startup.py``): pathlib (with fnmatch, urllib.parse
and ipaddress, 4 ms of a 45 ms start), shutil (bz2, lzma, zlib: click's terminal width, 2 ms) and
json, which only ``--help`` needs, to read the declaration cache."""


@pytest.mark.parametrize(
    ("args", "allowed"),
    [
        (["--help"], {"json"}),  # the listing reads the declaration cache
        (["--lang", "nl", "--help"], {"json"}),
        (["--version"], set()),
        (["plugins", "--help"], set()),
        (["--lang", "nl", "run", "--help"], set()),
    ],
)
def test_help_and_version_import_no_pathlib_shutil_or_json(console, args, allowed):
    console("--help")  # builds the declaration cache
    done, imported = console.modules(*args)
    assert done.returncode == 0 and done.stdout, done.stderr
    assert sorted(set(STARTUP_FREE) & set(imported) - allowed) == [], args


@pytest.mark.parametrize("args", [["--version"], ["plugins", "--help"], ["--lang", "nl", "run", "--help"]])
def test_version_and_a_commands_help_import_no_other_commands_module(console, args):
    """The core's commands in modules of their own (cli/main.py's OWN_MODULES) are imported when
    one of them is asked for: the listing of ``--help`` imports them, these do not."""
    done, imported = console.modules(*args)
    assert done.returncode == 0 and done.stdout, done.stderr
    own = {f"impactkit.cli.{where.partition(':')[0]}" for where in OWN_MODULES.values()}
    assert sorted(own & set(imported)) == [], args
    listing, imported = console.modules("--help")
    assert own <= set(imported) and all(f"  {name} " in listing.stdout for name in OWN_MODULES)


def test_help_lists_only_the_plugins_this_invocation_loads(console):
    fake_plugin(console.site)
    console("--help")
    only_core, imported = console("--help", IMPACTKIT_LOAD_PLUGINS="core")
    assert "fake" not in only_core.stdout and "sroi" not in only_core.stdout and imported == []
    none, _ = console("--no-plugins", "--help")
    assert "fake" not in none.stdout and "  run " in none.stdout


def test_a_stale_or_damaged_cache_is_rebuilt(console):
    fake_plugin(console.site)
    console("--help")
    [cache] = cache_files(console.cache)

    fake_plugin(console.site, help_en="Greet everyone, edited.")  # an editable plugin's source changed
    edited, imported = console("--help")
    assert "Greet everyone, edited." in edited.stdout and "fakeplugin" in imported  # rebuilt by loading it

    fake_plugin(console.site, help_en="Greet everyone, edited.", version="2.0")  # another version installed
    upgraded, imported = console("--help")
    assert "fakeplugin" in imported and "Greet everyone" in upgraded.stdout
    distributions = json.loads(cache.read_text(encoding="utf-8"))["environment"]["distributions"]
    assert any(name.startswith("fakeplugin-2.0") for _, name, _ in distributions)

    for damage in ("{not json", "[]", json.dumps({"environment": {"format": 1}, "commands": "x"})):
        cache.write_text(damage, encoding="utf-8")
        again, _ = console("--help")
        assert again.returncode == 0 and "Greet everyone, edited." in again.stdout, damage
        assert json.loads(cache.read_text(encoding="utf-8"))["commands"], damage  # written whole again
    settled, imported = console("--help")
    assert imported == [] and "Greet everyone, edited." in settled.stdout


def test_a_plugin_that_fails_to_import_is_reported_when_used_whatever_the_cache_says(console):
    fake_plugin(console.site)
    ok, _ = console("fake")
    assert ok.returncode == 0 and "hello from fake" in ok.stdout
    console("--help")  # cached while it worked

    listed, imported = console("--help", FAKE_BROKEN="1")  # nothing the cache watches changed
    assert "fake " in listed.stdout and imported == []
    used, _ = console("fake", FAKE_BROKEN="1")
    assert used.returncode == 1, used.stderr
    assert "fake" in used.stderr and "fakeplugin is broken today" in used.stderr
    assert "No such command" not in used.stderr
    dutch, _ = console("--lang", "nl", "fake", FAKE_BROKEN="1")
    assert dutch.returncode == 1 and "fakeplugin is broken today" in dutch.stderr

    [cache] = cache_files(console.cache)
    cache.unlink()  # rebuilt while the plugin fails: help names it on stderr, lists no command of it
    broken_help, _ = console("--help", FAKE_BROKEN="1")
    assert broken_help.returncode == 0 and "  fake " not in broken_help.stdout
    assert "'fake'" in broken_help.stderr and "fakeplugin is broken today" in broken_help.stderr
    unknown, _ = console("nosuchcommand", FAKE_BROKEN="1")
    assert unknown.returncode == 2 and "No such command" in unknown.stderr


def test_the_console_script_itself_lists_plugin_commands(tmp_path):
    """The installed script (not the probe) reads the same cache."""
    if not SCRIPT.exists():
        pytest.skip("no console script in this environment")
    env = environment(XDG_CACHE_HOME=str(tmp_path))
    for _ in range(2):
        done = subprocess.run([str(SCRIPT), "--help"], capture_output=True, text=True, timeout=TIMEOUT, env=env)
        assert done.returncode == 0 and "sroi" in done.stdout
    assert cache_files(tmp_path)

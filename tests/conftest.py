"""Shared fixtures. Every test gets a fresh plugin manager; nothing is loaded at import time."""

from __future__ import annotations

import contextlib
import json
import os
import textwrap
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from impactkit.core.plugins import make_manager

MINIMAL = """\
impactkit: 1
id: demo
title: Demo study
language: en
question: What does the learning environment yield?
route: both
scope: {include: [projects], exclude: [other work]}
stakeholders:
  - {id: students, name: Students, group: students, helix: education}
  - {id: residents, name: Residents, group: residents, helix: civil_society}
inputs:
  - {id: subsidy, name: Subsidy, stakeholder: residents, value: 20000, to: [workshops]}
activities:
  - {id: workshops, name: Workshops, stakeholders: [students], leads_to: [sessions]}
outputs:
  - {id: sessions, name: 12 sessions, leads_to: [less-alone]}
outcomes:
  - {id: less-alone, name: Residents feel less alone, stakeholders: [residents], leads_to: [inclusive]}
impacts:
  - {id: inclusive, name: An inclusive neighbourhood, stakeholders: [residents]}
links:
  - {source: sessions, target: less-alone, assumption: contact helps, evidence: interviews, confidence: 0.5}
changes:
  - {person: p1, role: student, stakeholder: students, change: I learn faster}
  - {person: p1, role: student, stakeholder: students, change: I feel useful}
  - {person: p2, role: mother, stakeholder: Residents, change: I feel less alone}
decisions:
  - {id: continue, text: Continue the workshops, evidence: [less-alone, core.changes]}
"""


@pytest.fixture
def core_plugins():
    """A fresh manager with only the built-in core plugin (the method plugins have their own tests)."""
    return make_manager(load=["core"])


@pytest.fixture
def write_study(tmp_path: Path):
    """Write ``study.yaml`` (and any extra files) into a fresh folder; returns the folder."""

    def write(text: str = MINIMAL, **files: str) -> Path:
        folder = tmp_path / "study"
        folder.mkdir(exist_ok=True)
        (folder / "study.yaml").write_text(textwrap.dedent(text), encoding="utf-8")
        for name, content in files.items():
            (folder / name.replace("__", ".")).write_text(textwrap.dedent(content), encoding="utf-8")
        return folder

    return write


@pytest.fixture
def coded_study(tmp_path: Path):
    """A study folder with ``study.yaml`` and a ``changes.csv`` written as Excel does (UTF-8 with a BOM)."""

    def write(study: str, changes: str) -> Path:
        folder = tmp_path / "study"
        folder.mkdir()
        (folder / "study.yaml").write_text(study, encoding="utf-8")
        (folder / "changes.csv").write_bytes("\ufeff".encode() + changes.encode("utf-8"))
        return folder

    return write


@pytest.fixture(scope="session")
def cli() -> Callable[..., Any]:
    """Invoke the ``impactkit`` command line in this process; returns click's ``Result``.

    ``cli("run", folder, "--json", plugins="core", lang="nl", debug=True)``: arguments may be paths;
    ``plugins`` sets ``IMPACTKIT_LOAD_PLUGINS`` (``None``: every installed plugin, as for a user),
    ``lang`` sets ``IMPACTKIT_LANG`` (``--lang`` is an argument like any other), ``debug`` puts
    ``--debug`` first, ``input`` is what stdin holds. An exception the CLI does not handle itself
    fails the test with its traceback unless ``catch=True``; further keywords (``obj=``) go to click.
    For a real process (the console script, the locale, a closed pipe) use
    :func:`tests.helpers.run_impactkit`.
    """
    from click.testing import CliRunner

    def invoke(
        *args: object,
        plugins: str | None = None,
        lang: str | None = None,
        debug: bool = False,
        input: str | bytes | None = None,
        catch: bool = False,
        **extra: Any,
    ):
        from impactkit.cli.main import cli as command  # looked up now: a test may have patched it

        env = {"IMPACTKIT_LOAD_PLUGINS": plugins, "IMPACTKIT_LANG": lang}
        argv = ["--debug"] * debug + [str(a) for a in args]
        return CliRunner().invoke(command, argv, input=input, env=env, catch_exceptions=catch, **extra)

    return invoke


@dataclass(frozen=True)
class Written:
    """What ``impactkit demo`` made of every shipped example: ``folder/<example>/output/...``."""

    folder: Path
    exit_code: int
    stdout: str
    output: str
    """stdout and stderr, for a failure's message"""


@contextlib.contextmanager
def _locked(path: Path) -> Iterator[None]:
    """Hold an exclusive lock on ``path`` (other xdist workers wait)."""
    import fcntl

    with path.open("w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


@pytest.fixture(scope="session")
def examples_written(tmp_path_factory) -> Written:
    """Every shipped example run and written by ``impactkit demo`` (every plugin, each in its own
    language, SVG and PNG) once per test session, shared by all xdist workers: the first that needs
    it makes it, the others wait and read it. Read it; never change it.
    """
    from click.testing import CliRunner

    from impactkit.cli.main import cli as command

    base = tmp_path_factory.getbasetemp()
    try:
        import fcntl  # noqa: F401  (the lock; without it, each worker makes its own)

        shared, lock = (base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base), _locked
    except ImportError:
        shared, lock = base, lambda path: contextlib.nullcontext()
    folder, done = shared / "examples-written", shared / "examples-written.json"
    with lock(shared / "examples-written.lock"):
        if not done.exists():
            env = {"IMPACTKIT_LOAD_PLUGINS": None, "IMPACTKIT_LANG": None}
            made = CliRunner().invoke(command, ["demo", "-o", str(folder)], env=env, catch_exceptions=False)
            done.write_text(
                json.dumps({"exit_code": made.exit_code, "stdout": made.stdout, "output": made.output}),
                encoding="utf-8",
            )
    return Written(folder, **json.loads(done.read_text(encoding="utf-8")))


@pytest.fixture(autouse=True)
def _clean_env(monkeypatch):
    for var in ("IMPACTKIT_LANG", "IMPACTKIT_LOAD_PLUGINS", "IMPACTKIT_RENDERER"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")

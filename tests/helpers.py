"""Small helpers shared by the test modules (fixtures live in ``conftest.py``)."""

from __future__ import annotations

import csv
import io
import os
import subprocess
import sys
from collections.abc import Mapping
from pathlib import Path

SCRIPT = Path(sys.executable).with_name("impactkit")
"""The console script of the venv the tests run in (``pip install -e .`` made it)."""

TIMEOUT = 120
"""Seconds a test's subprocess may take before the test fails (a hang is a failure, not a stuck CI job)."""

HASH_SEEDS = ("1", "2")
"""Two ``PYTHONHASHSEED`` values, for runs that must not depend on the order of sets and dicts of strings."""


def read_rows(path: Path, delimiter: str = ",") -> list[dict[str, str]]:
    """The rows of a CSV file as dicts (a BOM is allowed)."""
    return list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8-sig")), delimiter=delimiter))


def environment(
    *, plugins: str | None = None, lang: str | None = None, hash_seed: str | None = None, **more: str
) -> dict[str, str]:
    """The environment of a test's subprocess: this one's without impactkit's variables and the
    user's language settings, ``LANG=C.UTF-8``, then ``IMPACTKIT_LOAD_PLUGINS=plugins``,
    ``IMPACTKIT_LANG=lang``, ``PYTHONHASHSEED=hash_seed`` when given, and ``more``."""
    own = ("IMPACTKIT_LANG", "IMPACTKIT_LOAD_PLUGINS", "IMPACTKIT_RENDERER", "LANGUAGE", "LC_ALL", "PYTHONHASHSEED")
    env = {k: v for k, v in os.environ.items() if k not in own}
    env["LANG"] = "C.UTF-8"
    given = {"IMPACTKIT_LOAD_PLUGINS": plugins, "IMPACTKIT_LANG": lang, "PYTHONHASHSEED": hash_seed}
    env.update({k: v for k, v in given.items() if v is not None})
    env.update(more)
    return env


def run_impactkit(
    *args: object,
    plugins: str | None = None,
    lang: str | None = None,
    hash_seed: str | None = None,
    env: Mapping[str, str] | None = None,
    input: str | None = None,
    cwd: Path | None = None,
    timeout: float = TIMEOUT,
) -> subprocess.CompletedProcess[str]:
    """Run the real ``impactkit`` console script (a new process: its own imports, locale, exit code).

    ``plugins``, ``lang`` and ``hash_seed`` as for :func:`environment`; ``env`` adds variables
    (``LANG="nl_NL.UTF-8"``). Text in and out; the test fails after ``timeout`` seconds.
    """
    command = [str(SCRIPT)] if SCRIPT.exists() else [sys.executable, "-c", "from impactkit.cli import main; main()"]
    return subprocess.run(
        [*command, *map(str, args)],
        capture_output=True,
        text=True,
        input=input,
        cwd=cwd,
        timeout=timeout,
        env=environment(plugins=plugins, lang=lang, hash_seed=hash_seed, **(env or {})),
    )


def run_python(code: str, *, hash_seed: str | None = None, timeout: float = TIMEOUT) -> str:
    """What ``python -c code`` prints, in a fresh interpreter of this venv; fails the test when it fails."""
    done = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        timeout=timeout,
        env=environment(hash_seed=hash_seed),
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


def files_under(folder: Path) -> dict[str, bytes]:
    """Every file under ``folder`` by its path relative to it, with its bytes."""
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}

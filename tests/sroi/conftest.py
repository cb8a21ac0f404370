"""Fixtures of the SROI plugin's tests: a manager with core + sroi, and a study writer."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from impactkit.core.plugins import make_manager

# The check value of the issue: quantity 30, proxy 1000, deadweight 25%, attribution 20%,
# displacement 10%, drop-off 10%, 3 years, r = 3.5%, inputs 20,000.
CHECK_STUDY = """\
impactkit: 1
id: check
title: Check value
language: en
route: linear
stakeholders:
  - {id: students, name: Students}
  - {id: city, name: City}
inputs:
  - {id: grant, name: Grant, stakeholder: city, value: 20000, to: [coaching]}
activities:
  - {id: coaching, name: Coaching, leads_to: [confidence]}
outcomes:
  - {id: confidence, name: More confidence, stakeholders: [students]}
methods:
  sroi:
    outcomes:
      - stakeholder: students
        outcome: confidence
        indicator: self-efficacy score up by one point
        quantity: 30
        duration: 3
        proxy: confidence course
        proxy_value: 1000
        proxy_source: price list 2024
        deadweight: 25%
        displacement: 10%
        attribution: 20%
        drop_off: 10%
"""


@pytest.fixture
def sroi_plugins():
    """A fresh manager with the core and the SROI plugin only."""
    return make_manager(load=["core", "sroi"])


@pytest.fixture
def study_dir(tmp_path: Path):
    """Write ``study.yaml`` (and extra files, ``name=content``) into a fresh folder."""

    def write(text: str = CHECK_STUDY, **files: str | bytes) -> Path:
        folder = tmp_path / "study"
        folder.mkdir(exist_ok=True)
        (folder / "study.yaml").write_text(textwrap.dedent(text), encoding="utf-8")
        for name, content in files.items():
            path = folder / name.replace("__", ".")
            if isinstance(content, bytes):
                path.write_bytes(content)
            else:
                path.write_text(textwrap.dedent(content), encoding="utf-8")
        return folder

    return write


@pytest.fixture
def run_cli(monkeypatch):
    """``impactkit ARGS`` through click's runner, with the core and the SROI plugin only."""
    from click.testing import CliRunner

    from impactkit.cli import cli

    monkeypatch.setenv("IMPACTKIT_LOAD_PLUGINS", "core,sroi")

    def invoke(*args):
        return CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False)

    return invoke


@pytest.fixture
def run_study(sroi_plugins):
    """Load and run a study folder with core + sroi; returns the Result."""
    import impactkit

    def run(folder: Path, lang: str = "en"):
        study = impactkit.load(folder, plugins=sroi_plugins)
        return impactkit.run(study, plugins=sroi_plugins, lang=lang)

    return run


def without_locations(metrics):
    """The metrics without where each number of the tornado and break-even tables is written
    (``path`` in study.yaml or ``cell`` of a file), which differs between an inline and a linked map."""
    if isinstance(metrics, dict):
        return {k: without_locations(v) for k, v in metrics.items() if k not in ("path", "cell")}
    if isinstance(metrics, list):
        return [without_locations(v) for v in metrics]
    return metrics

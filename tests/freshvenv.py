"""A fresh venv for the tests that install impactkit and a plugin package the way a user does, offline.

The venv is made without pip and without the system's site-packages; impactkit is installed into it
from this checkout (``pip install --no-deps -e``) and the plugin from its folder, with ``--no-index``,
no build isolation and no pip configuration. What they share with this venv (pip itself, pydantic,
pandas, pytest, hatchling, editables …) is reached through a ``.pth`` file that puts this venv's
site-packages after the fresh venv's own, so impactkit and the plugin are the fresh installs.
"""

from __future__ import annotations

import os
import subprocess
import sys
import sysconfig
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
"""This checkout (what ``pip install -e`` installs as impactkit)."""


@dataclass(frozen=True)
class FreshVenv:
    folder: Path
    python: str
    site: Path
    """The fresh venv's site-packages."""
    env: dict[str, str]
    """The environment of every command: the venv's bin first, offline pip, a HOME of its own."""

    def run(self, *args: str | Path, cwd: Path, ok: bool = True) -> subprocess.CompletedProcess[str]:
        """Run a command in the venv's environment; with ``ok`` the test fails unless it exits 0."""
        argv = [str(a) for a in args]
        done = subprocess.run(argv, env=self.env, cwd=cwd, capture_output=True, text=True, timeout=600)
        if ok:
            assert done.returncode == 0, f"{' '.join(argv)} exited {done.returncode}:\n{done.stdout}\n{done.stderr}"
        return done

    def pip_install(self, *args: str | Path, cwd: Path) -> None:
        """``pip install`` offline, without dependencies or build isolation (``-e DIR`` for editable)."""
        pip = [self.python, "-m", "pip", "install", "--quiet", "--no-deps", "--no-build-isolation", "--no-index"]
        self.run(*pip, *args, cwd=cwd)


def fresh_venv(tmp_path: Path) -> FreshVenv:
    """A new venv in ``tmp_path/venv`` with impactkit from this checkout installed (editable)."""
    folder = tmp_path / "venv"
    # without pip of its own (ensurepip is slow): the pip of this venv is reached through the .pth below
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(folder)], check=True, timeout=300)
    python = str(folder / "bin" / "python")
    site = Path(
        subprocess.run(
            [python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
    )
    (site / "impactkit-test-dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n", encoding="utf-8")
    env = {
        "PATH": f"{folder / 'bin'}{os.pathsep}{Path(sys.executable).parent}{os.pathsep}/usr/bin:/bin",
        "HOME": str(tmp_path),
        "LANG": "C.UTF-8",
        "PIP_CONFIG_FILE": os.devnull,
        "PIP_NO_INDEX": "1",
        "PIP_NO_CACHE_DIR": "1",
        "PIP_DISABLE_PIP_VERSION_CHECK": "1",
        "PYTHONDONTWRITEBYTECODE": "1",
    }
    venv = FreshVenv(folder=folder, python=python, site=site, env=env)
    venv.pip_install("-e", ROOT, cwd=tmp_path)
    return venv

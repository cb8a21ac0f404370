"""impactkit: a plugin-based framework for social-impact measurement.

Use it from Python as from the command line::

    import impactkit
    study = impactkit.load("examples/pwmi")
    result = impactkit.run(study)
    result.metrics["core.changes"]
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .core._version import PLUGIN_API_VERSION as plugin_api_version
from .core._version import __version__

if TYPE_CHECKING:  # pragma: no cover
    from pathlib import Path

    from .core.model import Study
    from .core.plugins import Plugins
    from .core.result import Result

__all__ = ["__version__", "examples_dir", "load", "plugin_api_version", "run"]


def load(path: str | Path, *, plugins: "Plugins | None" = None) -> "Study":
    """Load and validate a study (a folder with ``study.yaml``, or the file itself).

    Raises :class:`impactkit.core.errors.StudyError` listing every problem, with file and line.
    """
    from .core.load import load_study

    return load_study(path, plugins=plugins)


def run(study: "Study", *, plugins: "Plugins | None" = None, lang: str | None = None, progress: Any = None) -> "Result":
    """Analyse ``study`` with every loaded plugin (by default those it was loaded with).

    ``lang`` is the output language; by default ``IMPACTKIT_LANG``, else the study's ``language``.
    ``progress(stage, done, total)`` is called as the run goes on.
    """
    from .core.i18n import resolve_lang
    from .core.pipeline import analyse

    return analyse(
        study,
        plugins=plugins if plugins is not None else study._plugins,
        lang=resolve_lang(lang, study.language),
        progress=progress,
    )


def examples_dir() -> Path:
    """The folder of the example studies that ship inside the package."""
    from pathlib import Path  # here, not at import: the command line starts without pathlib

    return Path(__file__).parent / "examples"


def __getattr__(name: str) -> Any:  # lazy: keep ``import impactkit`` cheap
    if name == "StudyError":
        from .core.errors import StudyError

        return StudyError
    raise AttributeError(name)

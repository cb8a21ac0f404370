"""``impactkit new-plugin NAME``: a new method plugin as an installable package that works at once.

The package (``impactkit-NAME/`` by default) has a ``pyproject.toml`` registering the module
``impactkit_NAME`` in the ``impactkit`` entry-point group, the module itself with one of each
contribution (a study section with a change column, a validation, a metric, a table, a diagram, a
bilingual report section and a step), tests on :mod:`impactkit.testing` that pass as they are, and
a README. The files are made from the templates in ``impactkit/scaffolds/plugin/`` (package data),
where ``{{name}}`` and the like stand for the plugin's names (:func:`names`).

The name must be usable as everything it becomes — the entry point, the id namespace, the section
key, the change column and part of a module name — and must not be impactkit's own or another
installed plugin's (:func:`name_problem`). Nothing is written outside the folder, and a folder
that holds anything is refused unless ``force`` is given (then only the package's own files are
replaced; other files stay).
"""

from __future__ import annotations

import keyword
import re
from dataclasses import dataclass
from importlib import metadata, resources
from pathlib import Path

from ._version import __version__
from .changes import _LOOKUP as CORE_HEADERS  # every header the core reads as one of its fields
from .contributions import CORE_CHANGE_FIELDS
from .errors import UserError
from .files import atomic_write
from .i18n import Text, catalog, fill
from .plugins import ENTRY_POINT_GROUP, RESERVED_NAMES

NAME_PATTERN = re.compile(r"^[a-z][a-z0-9_]{0,39}$")
"""A plugin name: a lower-case letter, then lower-case letters, digits and ``_`` (40 at most)."""

FILES = {
    "pyproject.toml": "pyproject.toml.tmpl",
    "README.md": "README.md.tmpl",
    "src/{module}/__init__.py": "plugin.py.tmpl",
    "tests/test_{name}.py": "test_plugin.py.tmpl",
}
"""The files of the package (path in the package, with ``{module}`` and ``{name}``) → their template."""

MESSAGES = catalog(
    [
        (
            "bad-name",
            "'{name}' cannot be a plugin name: use a lower-case letter, then lower-case letters, digits or _ "
            "(40 at most), e.g. '{example}'",
            "'{name}' kan geen plug-innaam zijn: gebruik een kleine letter, dan kleine letters, cijfers of _ "
            "(hoogstens 40), bv. '{example}'",
        ),
        (
            "taken-name",
            "'{name}' cannot be a plugin name: {why}; choose another",
            "'{name}' kan geen plug-innaam zijn: {why}; kies een andere",
        ),
        (
            "not-empty",
            "{path} exists and is not empty; choose another -o, or use --force to write the plugin's files into it "
            "(other files stay)",
            "{path} bestaat al en is niet leeg; kies een andere -o, of gebruik --force om de bestanden van de "
            "plug-in erin te schrijven (andere bestanden blijven)",
        ),
        ("not-a-folder", "{path} is a file, not a folder", "{path} is een bestand, geen map"),
    ]
)

WHY = {
    "reserved": Text(en="impactkit keeps it for itself", nl="impactkit houdt die voor zichzelf"),
    "column": Text(
        en="it is a column of the changes impactkit reads itself",
        nl="het is een kolom van de veranderingen die impactkit zelf leest",
    ),
    "python": Text(en="it is a word of Python", nl="het is een woord van Python"),
}


@dataclass(frozen=True)
class Names:
    """What a plugin called ``name`` is called where: ``name`` (entry point, id namespace, section
    key, change column), ``module`` (``impactkit_name``), ``dist`` (the package,
    ``impactkit-name``), ``title`` (for people)."""

    name: str
    module: str
    dist: str
    title: str


def names(name: str) -> Names:
    return Names(
        name=name,
        module=f"impactkit_{name}",
        dist=f"impactkit-{name.replace('_', '-')}",
        title=name.replace("_", " ").capitalize(),
    )


def name_problem(name: str) -> Text | None:
    """Why ``name`` cannot be a new plugin's name, or ``None`` when it can."""
    if not NAME_PATTERN.match(name):
        example = re.sub(r"[^a-z0-9_]+", "_", name.lower()).strip("_")
        example = example if NAME_PATTERN.match(example) else "mymethod"
        return fill(MESSAGES["bad-name"], name=name, example=example)
    columns = set(CORE_CHANGE_FIELDS) | {"codes", "extra", "row"}
    columns |= {header.lower().replace(" ", "_") for header in CORE_HEADERS}
    installed = installed_plugin(name)
    if name in RESERVED_NAMES:
        why = WHY["reserved"]
    elif name in columns:
        why = WHY["column"]
    elif keyword.iskeyword(name) or name == "self":  # the tests pass the column as a keyword argument
        why = WHY["python"]
    elif installed is not None and installed != names(name).module:  # its own package again is fine
        why = Text(
            en=f"an installed plugin has it ({installed})", nl=f"een geïnstalleerde plug-in heeft die ({installed})"
        )
    else:
        return None
    return fill(MESSAGES["taken-name"], name=name, why=why)


def installed_plugin(name: str) -> str | None:
    """The module of the installed plugin registered as ``name``, or ``None``."""
    for ep in metadata.entry_points(group=ENTRY_POINT_GROUP):
        if ep.name == name:
            return ep.value.split(":", 1)[0].strip()
    return None


def render(template: str, plugin: Names) -> str:
    """A template with the plugin's names filled in (``{{name}}``, ``{{module}}``, ``{{dist}}``,
    ``{{title}}``, ``{{impactkit_version}}``); plain replacement, so the code's own braces stay."""
    values = {**vars(plugin), "impactkit_version": __version__}
    for key, value in values.items():
        template = template.replace("{{" + key + "}}", value)
    if "{{" in template:  # a placeholder of a template without a value: a bug in impactkit
        raise ValueError(f"unfilled placeholder in a plugin template: {template[template.index('{{') :][:40]!r}")
    return template


def new_plugin(name: str, directory: Path | None = None, *, force: bool = False) -> list[Path]:
    """Write the package of a new plugin ``name`` into ``directory`` (default ``impactkit-NAME``
    in the current folder); returns the files written.

    Raises :class:`~impactkit.core.errors.UserError` for a name that cannot be a plugin's, or a
    folder that is a file, or is not empty without ``force``; nothing is written then.
    """
    problem = name_problem(name)
    if problem is not None:
        raise UserError(problem.en, problem.nl)
    plugin = names(name)
    target = Path(directory) if directory is not None else Path(plugin.dist)
    if target.exists() and not target.is_dir():
        said = fill(MESSAGES["not-a-folder"], path=target)
        raise UserError(said.en, said.nl)
    if target.is_dir() and any(target.iterdir()) and not force:
        said = fill(MESSAGES["not-empty"], path=target)
        raise UserError(said.en, said.nl)
    templates = resources.files("impactkit").joinpath("scaffolds", "plugin")
    files = {
        target / relative.format(module=plugin.module, name=plugin.name): render(
            templates.joinpath(source).read_text(encoding="utf-8"), plugin
        )
        for relative, source in FILES.items()
    }
    written = []
    for path, text in files.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        atomic_write(path, text)
        written.append(path)
    return written

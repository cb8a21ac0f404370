"""The testing kit for plugin authors: build a small study, run your plugin on it, check what it found.

Like pytest's ``pytester`` or datasette's test client, it lets a test drive impactkit as a user does
(a real ``study.yaml`` and ``changes.csv`` in a folder, the real loader, the real pipeline) with only
your plugin loaded, plus ``core``::

    from impactkit.testing import StudyBuilder, assert_finding, assert_no_errors, run
    import impactkit_mymethod

    def test_residents(tmp_path):
        study = (StudyBuilder(tmp_path)
                 .stakeholder("residents", "Residents", helix="civil_society")
                 .change("p1", "residents", "I feel less alone")
                 .method("mymethod", {"min_changes": 1}))
        result = run(impactkit_mymethod, study)
        assert_no_errors(result)
        assert result.metrics["mymethod.residents"] == 1

What is here:

* :class:`StudyBuilder` — stakeholders, the causal chain, changes and method sections in a few
  lines; :meth:`StudyBuilder.write` writes ``study.yaml`` (and ``changes.csv``) into a folder.
* :func:`manager`, :func:`load`, :func:`run` — a fresh plugin manager with ``core`` and the plugin
  under test (a module, an object, or the name of an installed plugin), the loaded study, the
  :class:`~impactkit.core.result.Result`.
* :func:`context` — the :class:`~impactkit.core.context.Context` a check, metric or view gets, to
  unit-test one of them; :func:`contributions` — a plugin's contributions of one kind, by id.
* :func:`check_template` — the plugin's ``impactkit init`` template, placed as ``init`` places
  it, loads and runs without errors, in English and Dutch.
* :func:`assert_finding`, :func:`assert_no_finding`, :func:`assert_no_errors`, :func:`metric` —
  assertions whose failure lists what was found instead.

It is part of impactkit (it may use its internals); pandas and matplotlib are imported only when
a study is analysed. See "Testing your plugin" in docs/plugins.md.
"""

from __future__ import annotations

import csv
import importlib.metadata
import io
import tempfile
from collections.abc import Iterable, Mapping, Sequence
from contextlib import ExitStack
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # pragma: no cover - typing only
    from impactkit.core.context import Context
    from impactkit.core.contributions import Finding
    from impactkit.core.model import Study
    from impactkit.core.plugins import Plugins
    from impactkit.core.result import Result

__all__ = [
    "KINDS",
    "StudyBuilder",
    "assert_finding",
    "assert_no_errors",
    "assert_no_finding",
    "check_template",
    "context",
    "contributions",
    "describe_findings",
    "load",
    "manager",
    "metric",
    "plugin_name",
    "run",
]

KINDS: dict[str, str] = {
    "study_sections": "impactkit_study_sections",
    "validations": "impactkit_validations",
    "metrics": "impactkit_metrics",
    "tables": "impactkit_tables",
    "visualisations": "impactkit_visualisations",
    "report_sections": "impactkit_report_sections",
    "steps": "impactkit_steps",
    "commands": "impactkit_commands",
    "coders": "impactkit_coders",
}
"""The kinds :func:`contributions` knows, and the hook that declares each."""

Plugin = ModuleType | object | str | None
"""The plugin under test: a module (or any object with ``@hookimpl`` functions), the name of an
installed plugin (its entry-point name), or ``None`` for ``core`` alone."""

# -- building a study ----------------------------------------------------------------------------


class StudyBuilder:
    """A small study, written as a real ``study.yaml`` (and ``changes.csv``) so that loading goes
    through impactkit's own loader.

    Every method returns the builder, so a study is one expression::

        study = (StudyBuilder(tmp_path, language="nl")
                 .stakeholder("studenten", "Studenten", helix="onderwijs")
                 .activity("projecten", "Projecten in de wijk", leads_to=["leren"])
                 .outcome("leren", "Studenten leren in echte situaties", stakeholders=["studenten"])
                 .change("S01", "studenten", "Ik leer sneller", outcome="leren")
                 .method("mymethod", {"min_changes": 1}))
        folder = study.write()            # tmp_path/study/study.yaml and changes.csv

    ``directory`` is where :meth:`write` writes (a folder ``study`` inside it), unless ``write``
    is given another. ``changes_file`` is the name of the changes table (``None``: the changes go
    inline into ``study.yaml``). Keyword arguments of :meth:`change` other than the core's fields
    become columns of the table, so a plugin's own change columns are tested the way users write them.
    """

    def __init__(
        self,
        directory: str | Path | None = None,
        *,
        id: str = "test-study",
        title: str = "Test study",
        language: str = "en",
        route: str | None = "nonlinear",
        changes_file: str | None = "changes.csv",
        **fields: Any,
    ) -> None:
        self.directory = Path(directory) if directory is not None else None
        self.changes_file = changes_file
        self.data: dict[str, Any] = {"impactkit": 1, "id": id, "title": title, "language": language}
        if route is not None:
            self.data["route"] = route
        self.data.update(fields)
        self.changes: list[dict[str, Any]] = []
        self.files: dict[str, str | bytes] = {}

    # -- the study file's parts --
    def set(self, **fields: Any) -> StudyBuilder:
        """Set top-level keys of ``study.yaml`` as given (``question=...``, ``scope={...}``, ``period={...}``)."""
        self.data.update(fields)
        return self

    def _add(self, key: str, item: dict[str, Any]) -> StudyBuilder:
        self.data.setdefault(key, []).append({k: v for k, v in item.items() if v is not None and v != []})
        return self

    def stakeholder(self, id: str, name: str | None = None, **fields: Any) -> StudyBuilder:
        """A stakeholder (``helix=``, ``group=``, ``size=``, ``roles=``, ``description=``); the name defaults to the id."""
        return self._add("stakeholders", {"id": id, "name": name or id, **fields})

    def input(self, id: str, name: str | None = None, *, stakeholder: str, **fields: Any) -> StudyBuilder:
        """An input (``value=``, ``in_kind=``, ``valuation=``, ``to=[activity ids]``)."""
        return self._add("inputs", {"id": id, "name": name or id, "stakeholder": stakeholder, **fields})

    def _chain(
        self,
        key: str,
        id: str,
        name: str | None = None,
        *,
        stakeholders: Sequence[str] = (),
        leads_to: Sequence[str] = (),
        **fields: Any,
    ) -> StudyBuilder:
        return self._add(
            key,
            {"id": id, "name": name or id, "stakeholders": list(stakeholders), "leads_to": list(leads_to), **fields},
        )

    def activity(self, id: str, name: str | None = None, **fields: Any) -> StudyBuilder:
        """An activity (``stakeholders=[ids]``, ``leads_to=[the outputs or other steps it leads to]``)."""
        return self._chain("activities", id, name, **fields)

    def output(self, id: str, name: str | None = None, **fields: Any) -> StudyBuilder:
        """An output of the causal chain (``stakeholders=``, ``leads_to=``)."""
        return self._chain("outputs", id, name, **fields)

    def outcome(self, id: str, name: str | None = None, **fields: Any) -> StudyBuilder:
        """An outcome, an effect (``stakeholders=``, ``leads_to=``); changes point at it with ``outcome=``."""
        return self._chain("outcomes", id, name, **fields)

    def impact(self, id: str, name: str | None = None, **fields: Any) -> StudyBuilder:
        """An impact, the end of the chain (``stakeholders=``)."""
        return self._chain("impacts", id, name, **fields)

    def link(self, source: str, target: str, **fields: Any) -> StudyBuilder:
        """An explicit link (``assumption=``, ``evidence=``, ``confidence=``, ``relation=``)."""
        return self._add("links", {"source": source, "target": target, **fields})

    def decision(self, id: str, text: str, *, evidence: Sequence[str] = (), **fields: Any) -> StudyBuilder:
        """A decision (step 5) resting on ``evidence`` (node ids or metric ids)."""
        return self._add("decisions", {"id": id, "text": text, "evidence": list(evidence), **fields})

    def change(self, person: str, stakeholder: str, change: str, **columns: Any) -> StudyBuilder:
        """An experienced change: who (``person``), of which stakeholder, what changed; any other
        column as a keyword (``id=``, ``role=``, ``theme=``, ``quote=``, ``importance=``,
        ``outcome=``, or a plugin's column). A list becomes ``a; b`` in the table."""
        self.changes.append({"person": person, "stakeholder": stakeholder, "change": change, **columns})
        return self

    def method(self, key: str, section: Mapping[str, Any] | None = None) -> StudyBuilder:
        """The ``methods.<key>`` section (a mapping as YAML would give it; ``None`` or ``{}``: an empty section)."""
        self.data.setdefault("methods", {})[key] = dict(section or {})
        return self

    def file(self, name: str, content: str | bytes) -> StudyBuilder:
        """Another file next to ``study.yaml`` (an impact map, a second table ...)."""
        self.files[name] = content
        return self

    # -- writing --
    def yaml(self) -> str:
        """The text of ``study.yaml`` as :meth:`write` writes it."""
        from ruamel.yaml import YAML

        data = dict(self.data)
        if self.changes:
            if self.changes_file is None:
                data["changes"] = [{k: v for k, v in row.items() if v is not None} for row in self.changes]
            else:
                data["changes"] = self.changes_file
        order = {key: i for i, key in enumerate(_KEY_ORDER)}  # as the study format lists them
        data = dict(sorted(data.items(), key=lambda item: order.get(item[0], len(order))))
        yaml = YAML(typ="safe", pure=True)
        yaml.default_flow_style = False
        yaml.allow_unicode = True
        yaml.sort_base_mapping_type_on_output = False  # keep the order the study was built in
        out = io.StringIO()
        yaml.dump(data, out)
        return out.getvalue()

    def csv(self) -> str:
        """The text of the changes table: one column per field any change has, in order of appearance."""
        columns: list[str] = []
        for row in self.changes:
            columns.extend(k for k in row if k not in columns)
        if "id" in columns:
            columns.insert(0, columns.pop(columns.index("id")))
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(columns)
        for row in self.changes:
            writer.writerow([_cell(row.get(column)) for column in columns])
        return out.getvalue()

    def write(self, directory: str | Path | None = None) -> Path:
        """Write the study into ``directory`` (default: the builder's directory), in a folder
        ``study``; returns that folder. Files written before are replaced."""
        base = Path(directory) if directory is not None else self.directory
        if base is None:
            raise ValueError("StudyBuilder.write() needs a directory: StudyBuilder(tmp_path) or write(tmp_path)")
        folder = base / "study"
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "study.yaml").write_text(self.yaml(), encoding="utf-8")
        if self.changes and self.changes_file is not None:
            (folder / self.changes_file).write_text(self.csv(), encoding="utf-8")
        for name, content in self.files.items():
            target = folder / name
            if isinstance(content, bytes):
                target.write_bytes(content)
            else:
                target.write_text(content, encoding="utf-8")
        return folder


_KEY_ORDER = (
    "impactkit",
    "id",
    "title",
    "language",
    "question",
    "route",
    "period",
    "scope",
    "stakeholders",
    "inputs",
    "activities",
    "outputs",
    "outcomes",
    "impacts",
    "links",
    "changes",
    "decisions",
    "methods",
)


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, (list, tuple)):
        return "; ".join(str(v) for v in value)
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


# -- plugins ---------------------------------------------------------------------------------------


def plugin_name(plugin: Plugin, name: str | None = None) -> str:
    """The name ``plugin`` is registered under: ``name`` if given; for a string, the string; for
    a module, the name of its ``impactkit`` entry point when it is installed, else its last
    dotted part without an ``impactkit_`` prefix (``impactkit_mymethod`` → ``mymethod``); any
    other object needs ``name``."""
    if name:
        return name
    if plugin is None:
        return "core"
    if isinstance(plugin, str):
        return plugin
    if not isinstance(plugin, ModuleType):
        raise ValueError(f"give the name to register {plugin!r} under: name='mymethod'")
    module = plugin.__name__
    for ep in importlib.metadata.entry_points(group="impactkit"):
        if ep.value.split(":")[0] == module:
            return ep.name
    return module.rsplit(".", 1)[-1].removeprefix("impactkit_")


def manager(plugin: Plugin = None, *, name: str | None = None, also: Iterable[str] = ()) -> Plugins:
    """A fresh plugin manager with ``core``, the plugins named in ``also`` (installed ones your
    plugin builds on) and ``plugin``. A plugin that fails to load is an ``AssertionError`` with
    the reason."""
    from impactkit.core.plugins import make_manager

    wanted = ["core", *also]
    if isinstance(plugin, str):
        wanted.append(plugin)
    plugins = make_manager(load=list(dict.fromkeys(wanted)))
    if plugin is not None and not isinstance(plugin, str):
        plugins.register(plugin, name=plugin_name(plugin, name))
    failed = [f for f in plugins.failures if f.severity == "error" or f.code == "core.plugin-missing"]
    if failed:
        raise AssertionError("the plugins did not load:\n" + describe_findings(failed))
    return plugins


def load(plugin: Plugin, source: Any, *, name: str | None = None, also: Iterable[str] = ()) -> Study:
    """Load ``source`` (a folder, a ``study.yaml``, or a :class:`StudyBuilder`, written first) with
    ``core`` and ``plugin``. Raises :class:`~impactkit.core.errors.StudyError` as the loader does
    (test a bad section with ``pytest.raises(StudyError)``; its ``problems`` say where)."""
    from impactkit.core.load import load_study

    return load_study(_folder(source), plugins=manager(plugin, name=name, also=also))


def run(
    plugin: Plugin, source: Any, *, lang: str | None = None, name: str | None = None, also: Iterable[str] = ()
) -> Result:
    """Analyse ``source`` (a folder, a ``study.yaml``, a :class:`StudyBuilder` or a loaded study)
    with ``core`` and ``plugin`` only, as ``impactkit run`` does; returns the
    :class:`~impactkit.core.result.Result` (``metrics``, ``findings``, ``tables``,
    ``render(view, fmt, lang)``, ``report_markdown(lang)``). ``lang`` is the output language
    (default: the study's)."""
    import impactkit

    study = _study(plugin, source, name=name, also=also)
    return impactkit.run(study, plugins=study._plugins, lang=lang or study.language)


def context(
    plugin: Plugin,
    source: Any,
    *,
    lang: str | None = None,
    name: str | None = None,
    also: Iterable[str] = (),
    strict: bool = True,
) -> Context:
    """The :class:`~impactkit.core.context.Context` a check, metric, table or view of ``plugin``
    gets for ``source``: the study graph with every loaded plugin's elements, the run's memo, the
    metric ids. Use it to unit-test one contribution::

        ctx = context(impactkit_mymethod, study)
        assert contributions(impactkit_mymethod, "metrics")["mymethod.residents"].compute(ctx) == 3

    With ``strict`` (the default) an error found while building the graph (a graph element of the
    plugin refused, a hook that raised) is an ``AssertionError`` listing it."""
    from impactkit.core.pipeline import context_for

    study = _study(plugin, source, name=name, also=also)
    ctx, findings = context_for(study, study._plugins, lang=lang or study.language)
    errors = [f for f in findings if f.severity == "error"]
    if strict and errors:
        raise AssertionError("building the study graph went wrong:\n" + describe_findings(errors))
    return ctx


def contributions(plugin: Plugin, kind: str, *, name: str | None = None) -> dict[str, Any]:
    """``plugin``'s contributions of one ``kind`` (``"metrics"``, ``"validations"``, ``"tables"``,
    ``"visualisations"``, ``"report_sections"``, ``"steps"``, ``"study_sections"``, ``"commands"``,
    ``"coders"``), by id, as the core receives them (``plugin`` filled in). A hook that raised or
    returned the wrong type, or an id refused, is an ``AssertionError`` with the finding."""
    if kind not in KINDS:
        raise ValueError(f"unknown kind {kind!r}; one of: {', '.join(KINDS)}")
    plugins = manager(plugin, name=name)
    own = plugin_name(plugin, name)
    items, problems = plugins.collect(KINDS[kind])
    mine = [f for f in problems if f.plugin == own]
    if mine:
        raise AssertionError(f"{KINDS[kind]} of plugin '{own}' went wrong:\n" + describe_findings(mine))
    return {item.id: item for item in items if item.plugin == own}


def _folder(source: Any) -> Path:
    if isinstance(source, StudyBuilder):
        return source.write()
    return Path(source)


def _study(plugin: Plugin, source: Any, *, name: str | None, also: Iterable[str]) -> Study:
    from impactkit.core.model import Study

    if isinstance(source, Study):
        if source._plugins is None:
            raise ValueError("this study was not loaded by impactkit; pass its folder or a StudyBuilder")
        return source
    return load(plugin, source, name=name, also=also)


# -- the init template -----------------------------------------------------------------------------


def check_template(
    plugin: Plugin,
    *,
    name: str | None = None,
    also: Iterable[str] = (),
    langs: Sequence[str] = ("en", "nl"),
    directory: str | Path | None = None,
) -> list[Result]:
    """Check that each template of ``plugin``'s study sections works as ``impactkit init`` uses it.

    For each section with a ``template`` and each language, a new study is made the way
    ``impactkit init`` makes it (the core indents the template under ``methods.<id>:``), then
    loaded and run with ``core`` and the plugin. Fails with the problems and the numbered lines of
    the ``methods`` block when the study does not load, when the section is missing from it, or
    when the run has an error finding. Returns the results (one per section and language).
    ``directory`` keeps the studies there (default: a temporary folder, removed afterwards).
    """
    import impactkit
    from impactkit.core.errors import StudyError
    from impactkit.core.load import load_study
    from impactkit.core.result import PluginFailed
    from impactkit.core.scaffold import scaffold, template_body

    plugins = manager(plugin, name=name, also=also)
    own = plugin_name(plugin, name)
    sections, problems = plugins.collect("impactkit_study_sections")
    mine = [s for s in sections if s.plugin == own]
    refused = [f for f in problems if f.plugin == own]
    if refused:
        raise AssertionError(f"the study sections of plugin '{own}' went wrong:\n" + describe_findings(refused))
    with_template = [s for s in mine if s.template is not None]
    if not with_template:
        raise AssertionError(f"plugin '{own}' declares no study section with a template")
    results: list[Result] = []
    with ExitStack() as stack:
        base = Path(directory) if directory is not None else Path(stack.enter_context(tempfile.TemporaryDirectory()))
        for section in with_template:
            for lang in langs:
                folder = base / f"{section.id}-{lang}"
                route = section.routes[0] if section.routes else "nonlinear"
                where = f"the {lang} template of methods.{section.id}, as `impactkit init --lang {lang}` writes it"
                try:
                    study_file = scaffold(folder, route=route, lang=lang, sections=[section])
                except PluginFailed as exc:  # init would refuse it and write nothing
                    numbered = "\n".join(
                        f"{i:4} | {line}" for i, line in enumerate(template_body(section, lang).splitlines(), 1)
                    )
                    raise AssertionError(f"{where}: {exc.finding.message.get(lang)}\n\n{numbered}") from None
                try:
                    study = load_study(folder, plugins=plugins)
                except StudyError as exc:
                    raise AssertionError(
                        f"{where}, does not load:\n{exc.render(lang)}\n\n{_methods_lines(study_file)}"
                    ) from None
                if study.method(section.id) is None:
                    raise AssertionError(f"{where}, gives no section:\n{_methods_lines(study_file)}")
                result = impactkit.run(study, plugins=plugins, lang=lang)
                if result.errors:
                    raise AssertionError(
                        f"{where}, has errors when run:\n{describe_findings(result.errors, lang)}\n\n"
                        f"{_methods_lines(study_file)}"
                    )
                results.append(result)
    return results


def _methods_lines(study_file: Path) -> str:
    """The ``methods:`` block of a study file with its line numbers (what the author has to look at)."""
    lines = study_file.read_text(encoding="utf-8").splitlines()
    start = next((i for i, line in enumerate(lines) if line.startswith("methods:")), 0)
    return "\n".join(f"{i + 1:4} | {line}" for i, line in enumerate(lines) if i >= start)


# -- assertions ------------------------------------------------------------------------------------


def _findings(source: Any) -> list[Finding]:
    findings = getattr(source, "findings", source)
    return list(findings)


def describe_findings(source: Any, lang: str = "en") -> str:
    """Every finding of a :class:`~impactkit.core.result.Result` (or a list of findings), one per
    line: ``FILE:LINE: severity: message [code] (plugin)``; ``(none)`` when there are none."""
    findings = _findings(source)
    if not findings:
        return "  (none)"
    return "\n".join(f"  {f.render(lang)} (plugin {f.plugin or '?'})" for f in findings)


def _matches(
    finding: Finding,
    code: str | None,
    severity: str | None,
    plugin: str | None,
    message: str | None,
    where: Mapping[str, Any],
) -> bool:
    if code is not None and finding.code != code:
        return False
    if severity is not None and finding.severity != severity:
        return False
    if plugin is not None and finding.plugin != plugin:
        return False
    if message is not None and not any(
        message.lower() in text.lower() for text in (finding.message.en, finding.message.nl)
    ):
        return False
    for key, value in where.items():
        got = getattr(finding.location, key, None) if finding.location else None
        if key == "file" and got is not None and value is not None:
            if Path(got).name != Path(value).name and str(got) != str(value):
                return False
        elif got != value:
            return False
    return True


def _wanted(
    code: str | None, severity: str | None, plugin: str | None, message: str | None, where: Mapping[str, Any]
) -> str:
    parts = [f"code={code!r}"] if code else []
    parts += [f"{k}={v!r}" for k, v in (("severity", severity), ("plugin", plugin), ("message", message)) if v]
    parts += [f"{k}={v!r}" for k, v in where.items()]
    return ", ".join(parts) or "any finding"


_LOCATION_KEYS = ("file", "line", "column", "key", "row")


def assert_finding(
    result: Any,
    code: str | None = None,
    *,
    severity: str | None = None,
    plugin: str | None = None,
    message: str | None = None,
    count: int | None = None,
    **location: Any,
) -> list[Finding]:
    """Assert that ``result`` (a Result or a list of findings) has a finding with ``code`` (and
    ``severity``, ``plugin``, a ``message`` containing that text in either language, and a
    location with ``file`` — a name or a path —, ``line``, ``column``, ``key`` or ``row``);
    ``count`` asks for exactly that many. Returns the matching findings. On failure the message
    lists every finding there is."""
    unknown = set(location) - set(_LOCATION_KEYS)
    if unknown:
        raise TypeError(f"assert_finding() got unknown keywords: {', '.join(sorted(unknown))}")
    findings = _findings(result)
    found = [f for f in findings if _matches(f, code, severity, plugin, message, location)]
    wanted = _wanted(code, severity, plugin, message, location)
    if not found:
        raise AssertionError(f"no finding with {wanted}; the findings are:\n{describe_findings(findings)}")
    if count is not None and len(found) != count:
        raise AssertionError(f"{len(found)} findings with {wanted}, expected {count}:\n{describe_findings(found)}")
    return found


def assert_no_finding(
    result: Any,
    code: str | None = None,
    *,
    severity: str | None = None,
    plugin: str | None = None,
    message: str | None = None,
    **location: Any,
) -> None:
    """Assert that no finding of ``result`` matches (the same filters as :func:`assert_finding`)."""
    unknown = set(location) - set(_LOCATION_KEYS)
    if unknown:
        raise TypeError(f"assert_no_finding() got unknown keywords: {', '.join(sorted(unknown))}")
    found = [f for f in _findings(result) if _matches(f, code, severity, plugin, message, location)]
    if found:
        wanted = _wanted(code, severity, plugin, message, location)
        raise AssertionError(f"expected no finding with {wanted}, found:\n{describe_findings(found)}")


def assert_no_errors(result: Any, *, warnings: bool = False) -> None:
    """Assert that ``result`` has no error finding (with ``warnings=True``: no warning either).
    On failure the message lists them, with where they are and which plugin reported them."""
    bad = ("error", "warning") if warnings else ("error",)
    found = [f for f in _findings(result) if f.severity in bad]
    if found:
        what = "errors or warnings" if warnings else "errors"
        raise AssertionError(f"expected no {what}, found {len(found)}:\n{describe_findings(found)}")


def metric(result: Result, id: str) -> Any:
    """The value of metric ``id`` in ``result``. When it is missing (not declared, not applicable,
    or its ``compute`` raised) the ``AssertionError`` says which, with the metrics there are and
    the plugin errors."""
    if id in result.metrics:
        return result.metrics[id]
    declared = result.context.metric_ids
    why = (
        "no loaded plugin declares it"
        if id not in declared
        else "it was declared but gave no value (None, or it raised)"
    )
    errors = [f for f in result.findings if f.code.startswith("core.plugin")]
    raise AssertionError(
        f"metric {id!r} is not in the result: {why}.\n"
        f"metrics: {', '.join(sorted(result.metrics)) or '(none)'}\n"
        f"plugin errors:\n{describe_findings(errors)}"
    )

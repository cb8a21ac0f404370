"""The plugin API's version contract: ``impactkit.plugin_api_version``; a plugin states the versions
it works with (``impactkit_api``) and one that excludes this version is not loaded, with a finding
naming the plugin and both versions, never a crash; a hook gaining an optional argument (a minor
version) keeps every plugin written before working."""

from __future__ import annotations

import json
import types
from importlib import metadata

import pytest

import impactkit
import impactkit.plugin
from impactkit.core import plugins as plugin_module
from impactkit.core._version import PLUGIN_API_VERSION, api_allows
from impactkit.core.contributions import Metric
from impactkit.core.hookspecs import hookimpl, hookspec
from impactkit.core.i18n import Text
from impactkit.core.plugins import Plugins, make_manager


def versioned(required: object = None, name: str = "fake_versioned_plugin") -> types.ModuleType:
    """A plugin module with one metric, stating ``impactkit_api = required`` unless ``None``."""
    module = types.ModuleType(name)
    if required is not None:
        module.impactkit_api = required

    @hookimpl
    def impactkit_metrics():
        return [Metric(id="versioned.one", title=Text(en="One", nl="Eén"), compute=lambda ctx: 1)]

    module.impactkit_metrics = impactkit_metrics
    return module


def test_the_version_is_public_in_both_places():
    assert impactkit.plugin_api_version == impactkit.plugin.plugin_api_version == PLUGIN_API_VERSION == "1.0"
    assert "plugin_api_version" in impactkit.__all__ and "plugin_api_version" in impactkit.plugin.__all__


@pytest.mark.parametrize(
    ("requirement", "version", "allowed"),
    [
        (">=1.0", "1.0", True),
        (">=1.0", "1.3", True),
        (">=1.0", "2.0", True),
        (">=1.0,<2", "2.0", False),
        (">=1.0, <2", "1.9", True),
        ("1.0", "1.4", True),  # a version alone: that one or a later one of the same major version
        ("1.2", "1.1", False),
        ("1", "2.0", False),
        ("~=1.1", "1.1", True),
        ("~=1.1", "2.1", False),
        ("==1.0", "1.0", True),
        ("==1", "1.0", True),
        ("!=1.0", "1.0", False),
        (">2.0", "2.0", False),
        ("<=1.0", "1.0", True),
        (">= 1.1", "1.0", False),
    ],
)
def test_a_requirement_is_read_as_comparisons_of_versions(requirement, version, allowed):
    assert api_allows(requirement, version) is allowed


@pytest.mark.parametrize("requirement", ["", "soon", ">=one", "=>1.0", ">=1.0,", "1.0 or 2.0"])
def test_an_unreadable_requirement_is_refused(requirement):
    with pytest.raises(ValueError):
        api_allows(requirement)


def test_a_plugin_needing_another_api_is_not_loaded_and_the_finding_names_both_versions():
    manager = make_manager(load=["core"])
    manager.register(versioned(">=2.0"), "versioned")
    assert "versioned" not in manager.names()
    [finding] = manager.failures
    assert (finding.code, finding.severity, finding.plugin) == ("core.plugin-error", "error", "versioned")
    assert finding.message.en == (
        f"plugin 'versioned' was not loaded: it needs plugin API >=2.0 (its impactkit_api), and impactkit "
        f"{impactkit.__version__} has plugin API 1.0; install a version of the plugin made for plugin API 1.0"
    )
    assert "heeft plug-in-API >=2.0 nodig" in finding.message.nl and "plug-in-API 1.0" in finding.message.nl
    [info] = [i for i in manager.info() if i.name == "versioned"]
    assert info.error is not None and ">=2.0" in info.error  # impactkit plugins: 'failed to load: ...'
    assert manager.collect("impactkit_metrics")[1] == []  # its hooks are never called


@pytest.mark.parametrize(
    ("required", "said"), [("soon", "'soon' is not a version requirement"), (1.0, "a float, not a text")]
)
def test_an_unreadable_impactkit_api_is_a_finding_not_a_crash(required, said):
    manager = make_manager(load=False)
    manager.register(versioned(required), "versioned")
    [finding] = manager.failures
    assert finding.plugin == "versioned" and said in finding.message.en
    assert "is not a version requirement such as '>=1.0'" in finding.message.en
    assert "versioned" not in manager.names()


@pytest.mark.parametrize("required", [None, ">=1.0", ">=1.0,<2", "1.0"])
def test_a_plugin_whose_requirement_this_version_meets_loads_and_works(required, write_study):
    manager = make_manager(load=["core"])
    manager.register(versioned(required), "versioned")
    assert manager.failures == [] and "versioned" in manager.names()
    result = impactkit.run(impactkit.load(write_study(), plugins=manager), plugins=manager)
    assert result.metrics["versioned.one"] == 1


def test_an_installed_plugin_needing_another_api_is_refused_by_impactkit_plugins(cli, monkeypatch):
    module = versioned(">=2.0,<3", name="fake_versioned_plugin")
    monkeypatch.setitem(__import__("sys").modules, "fake_versioned_plugin", module)
    real = metadata.entry_points

    def entry_points(**selection):
        found = list(real(**selection))
        if selection.get("group") == "impactkit":
            found.append(metadata.EntryPoint(name="versioned", value="fake_versioned_plugin", group="impactkit"))
        return found

    monkeypatch.setattr(plugin_module.metadata, "entry_points", entry_points)
    listing = cli("plugins", "--json", plugins="core,versioned")
    assert listing.exit_code == 1  # a plugin failed to load
    [info] = [p for p in json.loads(listing.stdout) if p["name"] == "versioned"]
    assert ">=2.0,<3" in info["error"] and "plugin API 1.0" in info["error"]
    run = cli("--lang", "nl", "plugins", plugins="core,versioned")
    assert run.exit_code == 1 and "kon niet laden" in run.output


# -- a hook that gains an optional argument --------------------------------------------------------


def _example_10(study):
    """Contribute for ``study``."""


def _example_11(study, lang):
    """Contribute for ``study``; ``lang`` (new in 1.1) is the language of the output."""


def spec(function) -> types.ModuleType:
    """A module of hook specifications holding one hook, ``impactkit_example``, as ``function``."""
    module = types.ModuleType("example_specs")
    module.impactkit_example = hookspec(function)
    return module


SpecBefore = spec(_example_10)
"""The hook as plugin API 1.0 has it."""

SpecAfter = spec(_example_11)
"""The same hook in plugin API 1.1, which gives it an optional argument: the reader's language."""


class WrittenFor10:
    @hookimpl
    def impactkit_example(self, study):
        return [f"{study} (1.0 plugin)"]


class WrittenFor11:
    @hookimpl
    def impactkit_example(self, study, lang):
        return [f"{study} in {lang} (1.1 plugin)"]


@pytest.mark.parametrize("specs", [SpecBefore, SpecAfter], ids=["1.0", "1.1"])
def test_adding_an_optional_argument_to_a_hook_breaks_no_plugin_that_does_not_take_it(specs):
    manager = Plugins()
    manager.pm.add_hookspecs(specs)
    manager.register(WrittenFor10(), "old")
    if specs is SpecAfter:
        manager.register(WrittenFor11(), "new")
    assert manager.failures == []  # pluggy's check_pending: every hook matches its spec
    calls = manager.call_each("impactkit_example", study="s", lang="nl")  # the core gives each what it takes
    values = [call.value for call in calls]
    assert all(call.error is None for call in calls)
    assert values == ([["s in nl (1.1 plugin)"], ["s (1.0 plugin)"]] if specs is SpecAfter else [["s (1.0 plugin)"]])
    if specs is SpecAfter:  # pluggy itself hands each implementation only the arguments it names
        assert sorted(manager.pm.hook.impactkit_example(study="s", lang="nl")) == sorted(values)

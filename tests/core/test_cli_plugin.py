"""impactkit.cli.plugin: the stable API of plugin commands (the invocation through ``@click.pass_obj``,
exit codes, printing findings, help in the reader's language)."""

from __future__ import annotations

import re
import subprocess
import sys
import types
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from impactkit.cli import plugin as api
from impactkit.core import plugins as plugin_module
from impactkit.core.contributions import Command, Finding, Location
from impactkit.core.hookspecs import hookimpl
from impactkit.core.i18n import Text

DOCS = Path(__file__).resolve().parents[2] / "docs" / "plugins.md"


def with_command(monkeypatch, command: click.Command) -> None:
    """The plugin managers the CLI makes have one installed plugin, 'greet', which contributes
    ``command``, named after it (and none with ``--no-plugins``)."""
    greeter = types.SimpleNamespace(impactkit_commands=hookimpl(lambda: [Command(id=command.name, command=command)]))
    real = plugin_module.make_manager

    def make(load=None):
        manager = real(load=False)
        if load is not False:
            manager.register(greeter, "greet")
        return manager

    monkeypatch.setattr(plugin_module, "make_manager", make)


@api.group(name="greet", help=Text(en="Say hello.", nl="Zeg hallo."))
def greet() -> None:
    pass


@greet.command(name="show", help=Text(en="Show the invocation.", nl="Toon de aanroep."))
@api.option("--loud", is_flag=True, help=Text(en="Shout it.", nl="Roep het."))
@click.pass_obj
def show(invocation: api.Invocation, loud: bool) -> None:
    text = f"{type(invocation).__name__} lang={invocation.language()} debug={invocation.debug}"
    click.echo(text.upper() if loud else text)
    click.echo(f"plugins={','.join(invocation.plugins.names())}")
    invocation.exit(api.EXIT_FINDINGS)


def test_a_plugin_command_gets_the_invocation_with_pass_obj(monkeypatch, cli):
    with_command(monkeypatch, greet)
    out = cli("--lang", "nl", "--debug", "greet", "show")
    assert out.exit_code == api.EXIT_FINDINGS, out.output
    assert out.stdout.splitlines() == ["Invocation lang=nl debug=True", "plugins=greet"]  # --debug: times on stderr
    english = cli("greet", "show", "--loud", lang="en")
    assert english.output.startswith("INVOCATION LANG=EN DEBUG=FALSE")


def test_the_invocation_is_the_one_the_core_commands_use(monkeypatch, cli):
    """The plugin manager is made once per command line (not a second one for the plugin's
    command), and a test can hand a command its own invocation."""

    made = []
    real = plugin_module.make_manager

    def counting(load=None):
        made.append(load)
        return real(load=False)

    monkeypatch.setattr(plugin_module, "make_manager", counting)
    assert cli("plugins").exit_code == 0
    assert made == [None]
    manager = real(load=False)
    out = CliRunner().invoke(greet, ["show"], obj=api.Invocation(lang="nl", plugins=manager))
    assert out.exit_code == api.EXIT_FINDINGS and "lang=nl" in out.output
    assert made == [None]  # the given manager, no new one


def test_the_plugin_manager_is_made_on_first_use_and_honours_no_plugins(monkeypatch):
    made = []
    real = plugin_module.make_manager
    monkeypatch.setattr(plugin_module, "make_manager", lambda load=None: made.append(load) or real(load=load))
    invocation = api.Invocation(no_plugins=True)
    assert made == []
    assert invocation.plugins is invocation.plugins and made == [False]
    assert invocation.plugins.names() == []


def test_no_plugins_reaches_the_commands_plugins_contribute(monkeypatch, cli):
    with_command(monkeypatch, greet)
    assert cli("greet", "show").exit_code == api.EXIT_FINDINGS
    refused = cli("--no-plugins", "greet", "show")
    assert refused.exit_code == api.EXIT_INPUT and "No such command 'greet'" in refused.output


def test_language_follows_lang_then_the_environment_then_the_study():
    study = types.SimpleNamespace(language="nl")
    assert api.Invocation().language(study) == "nl"
    assert api.Invocation(lang="en").language(study) == "en"


def test_help_is_chosen_when_shown_not_when_the_commands_are_built(monkeypatch, cli):
    with_command(monkeypatch, greet)
    dutch = cli("greet", "show", "--help", lang="nl").output  # IMPACTKIT_LANG set after the commands were built
    assert "Toon de aanroep." in dutch and "Roep het." in dutch and "[OPTIES]" in dutch
    english = cli("--lang", "en", "greet", "show", "--help").output
    assert "Show the invocation." in english and "Shout it." in english and "Roep" not in english
    core = cli("--lang", "en", "run", "--help").output
    assert "Usage: cli run [OPTIONS] STUDY" in core and "Analyse a study" in core
    core_nl = cli("run", "--help", lang="nl").output
    assert "run [OPTIES] STUDIE" in core_nl and "Analyseer een studie" in core_nl
    listing = cli("--lang", "nl", "--help").output  # --lang before an eager --help
    assert "Zeg hallo." in listing and "COMMANDO [ARGUMENTEN]..." in listing


def test_print_findings_is_one_line_each_with_location_severity_and_code(capsys):
    finding = Finding(
        code="x.bad",
        severity="warning",
        message=Text(en="too few", nl="te weinig"),
        location=Location(file="map.csv", row=3, key="quantity"),
    )
    api.print_findings([finding], "nl")
    assert capsys.readouterr().out == "map.csv:3:quantity: waarschuwing: te weinig [x.bad]\n"


def test_the_api_names_exist_and_are_documented():
    assert api.__all__ == sorted(api.__all__, key=lambda n: (not n.isupper(), n))
    for name in api.__all__:
        assert hasattr(api, name), name
    commands = re.split(r"\n#{1,2} ", DOCS.read_text(encoding="utf-8").split("\n## Commands\n", 1)[1])[0]
    for name in api.__all__:
        assert re.search(rf"`{re.escape(name)}\b", commands), f"docs/plugins.md 'Commands' does not list {name}"
    assert (api.EXIT_OK, api.EXIT_FINDINGS, api.EXIT_INPUT, api.EXIT_INTERNAL) == (0, 1, 2, 3)


@pytest.mark.parametrize("module", ["impactkit.cli.plugin", "impactkit.cli.code", "impactkit.cli.common"])
def test_the_plugin_api_and_code_do_not_import_the_core_commands(module):
    probe = f"import {module}, sys; print('impactkit.cli.main' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "False"

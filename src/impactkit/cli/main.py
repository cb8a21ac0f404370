"""``impactkit`` commands. Each one calls the Python API; this module only parses and prints.

Exit codes: 0 fine (warnings allowed), 1 the study has error findings, 2 unreadable or malformed
input or bad usage, 3 an internal error of impactkit itself (please report it).
"""

from __future__ import annotations

import importlib
import sys
from typing import TYPE_CHECKING, Any

import click

import impactkit
from impactkit import __version__
from impactkit.core.i18n import Text, catalog, fill
from impactkit.core.numbers import format_list

from . import declared
from .common import (
    EXIT_FINDINGS,
    EXIT_INTERRUPTED,
    EXIT_OK,
    BilingualGroup,
    PathValue,
    argument,
    cli_lang,
    get_plugins,
    guarded,
    invocation,
    load_study,
    option,
    print_findings,
    quiet_stdout,
    study_argument,
)

if TYPE_CHECKING:  # pragma: no cover
    from pathlib import Path

__all__ = ["cli", "main"]

DEMO_MARKER = ".impactkit-demo"


MESSAGES = catalog(
    [
        ("valid", "{title}: valid", "{title}: geldig"),
        (
            "interrupted",
            "interrupted (Ctrl-C): stopped before the end; every file written so far is whole, none is "
            "left half-written",
            "onderbroken (Ctrl-C): gestopt voor het einde; elk bestand dat al geschreven is, is heel, geen "
            "bestand is half geschreven",
        ),
        ("invalid", ("{title}: {n} error", "{title}: {n} errors"), ("{title}: {n} fout", "{title}: {n} fouten")),
        ("warnings", ("{n} warning", "{n} warnings"), ("{n} waarschuwing", "{n} waarschuwingen")),
        (
            "written",
            ("Wrote {n} file to {dir}", "Wrote {n} files to {dir}"),
            ("{n} bestand geschreven naar {dir}", "{n} bestanden geschreven naar {dir}"),
        ),
        ("metrics", "Figures", "Cijfers"),
        ("findings", "Findings", "Bevindingen"),
        (
            "demo-study",
            "{title}: {metrics} figures, {findings} -> {path}",
            "{title}: {metrics} cijfers, {findings} -> {path}",
        ),
        ("n-findings", ("{n} finding", "{n} findings"), ("{n} bevinding", "{n} bevindingen")),
        ("no-findings", "No findings.", "Geen bevindingen."),
        (
            "binary-tty",
            "{fmt} is binary: give -o FILE (or pipe the output)",
            "{fmt} is binair: geef -o BESTAND (of stuur de uitvoer door)",
        ),
        (
            "exists",
            "{path} exists already; use --force to overwrite",
            "{path} bestaat al; gebruik --force om te overschrijven",
        ),
        (
            "unknown-method",
            "no installed plugin has a section '{method}' (installed: {known})",
            "geen geïnstalleerde plug-in heeft een sectie '{method}' (geïnstalleerd: {known})",
        ),
        (
            "init-nothing",
            "nothing was written to {dir}: the template of a plugin is broken (above); tell its author, or leave "
            "the plugin out (IMPACTKIT_LOAD_PLUGINS=core,...)",
            "er is niets geschreven naar {dir}: het sjabloon van een plug-in is kapot (hierboven); meld het de "
            "maker, of laat de plug-in weg (IMPACTKIT_LOAD_PLUGINS=core,...)",
        ),
        (
            "created",
            "Created {path}. Next: impactkit status {dir}",
            "{path} aangemaakt. Volgende stap: impactkit status {dir}",
        ),
        (
            "demo",
            ("Analysed {n} example study; open {path}", "Analysed {n} example studies; open {path}"),
            ("{n} voorbeeldstudie geanalyseerd; open {path}", "{n} voorbeeldstudies geanalyseerd; open {path}"),
        ),
        ("step-done", "done", "compleet"),
        ("step-open", "missing: {missing}", "ontbreekt: {missing}"),
        ("plugin-failed", "failed to load: {error}", "kon niet laden: {error}"),
        ("no-plugins", "No plugins loaded.", "Geen plug-ins geladen."),
        (
            "nothing",
            "the view '{view}' has nothing to draw for this study",
            "de weergave '{view}' heeft niets te tekenen voor deze studie",
        ),
        (
            "demo-exists",
            "{path} exists and was not made by impactkit demo; choose another -o or use --force",
            "{path} bestaat al en is niet door impactkit demo gemaakt; kies een andere -o of gebruik --force",
        ),
        ("module", "module", "module"),
        ("hooks", "hooks", "hooks"),
        (
            "command-clash",
            "plugin '{plugin}' wants the command '{name}', which impactkit already has; refused",
            "plug-in '{plugin}' wil het commando '{name}', dat impactkit al heeft; geweigerd",
        ),
    ]
)


def say(key: str, lang: str, **params: Any) -> str:
    """Message ``key`` of :data:`MESSAGES`, filled in, in ``lang``."""
    return fill(MESSAGES[key], **params).get(lang)


# -- the group ---------------------------------------------------------------------------------


def _guard_all(command: click.Command) -> click.Command:
    """A plugin's command with the core's error handling on it and on every subcommand:
    bad input is one line and exit 2, a bug exit 3, never a traceback."""
    if command.callback is not None and not getattr(command.callback, "_impactkit_guarded", False):
        command.callback = guarded(command.callback)
        command.callback._impactkit_guarded = True  # type: ignore[attr-defined]
    if isinstance(command, click.Group):
        for sub in command.commands.values():
            _guard_all(sub)
    return command


OWN_MODULES = {
    "code": "code:code_command",
    "export": "export:export_group",
    "import": "imports:import_group",
    "new-plugin": "new_plugin:new_plugin_command",
    "portfolio": "portfolio:portfolio_command",
    "report": "report:report_command",
}
"""The core's commands that live in a module of their own (``cli/code.py``, ...), by name: the
module is imported when its command is asked for, so ``--version`` and another command's help
import none of them (the help page that lists them imports them all)."""


class ImpactkitGroup(BilingualGroup):
    """Core commands (those of :data:`OWN_MODULES` imported when asked for) plus the commands
    plugins contribute (loaded only when asked for)."""

    def _core_names(self) -> set[str]:
        return set(self.commands) | set(OWN_MODULES)

    def _core_command(self, name: str) -> click.Command | None:
        if name not in self.commands and name in OWN_MODULES:
            module, _, attribute = OWN_MODULES[name].partition(":")
            self.add_command(getattr(importlib.import_module(f"{__package__}.{module}"), attribute), name)
        return self.commands.get(name)

    def _plugin_commands(self, ctx: click.Context) -> dict[str, click.Command]:
        root = ctx.find_root()
        if "plugin_commands" not in root.meta:
            commands, problems = get_plugins(ctx).collect("impactkit_commands")
            found = {}
            lang = cli_lang(ctx)
            for contribution in commands:
                if contribution.id in self._core_names():
                    click.echo(
                        "impactkit: " + say("command-clash", lang, plugin=contribution.plugin, name=contribution.id),
                        err=True,
                    )
                    continue
                found[contribution.id] = _guard_all(contribution.command)
            for problem in problems:
                click.echo(problem.render(lang), err=True)
            root.meta["plugin_commands"] = found
        return root.meta["plugin_commands"]

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(self._core_names() | set(self._plugin_commands(ctx)))

    def resolve_command(self, ctx: click.Context, args: list[str]) -> tuple[Any, ...]:
        """click's, with the commands of :data:`OWN_MODULES` among the names a mistyped command
        is compared with (``No such command 'impor'. Did you mean 'import'?``)."""
        try:
            return super().resolve_command(ctx, args)
        except click.UsageError:
            if all(name in self.commands for name in OWN_MODULES):
                raise
            for name in OWN_MODULES:
                self._core_command(name)
            return super().resolve_command(ctx, args)

    def invoke(self, ctx: click.Context) -> Any:
        """click's, with Ctrl-C during a command told in the user's language and exit 130 (click
        says "Aborted!" and exits 1, which is impactkit's code for a study with errors)."""
        try:
            return super().invoke(ctx)
        except KeyboardInterrupt:
            click.echo("\nimpactkit: " + say("interrupted", cli_lang(ctx)), err=True)
            ctx.exit(EXIT_INTERRUPTED)

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        if name in self._core_names():
            return self._core_command(name)
        found = self._plugin_commands(ctx).get(name)
        if found is None:  # a command of a plugin that fails to load: its failure, exit 1
            declared.unavailable(ctx, name)
        return found

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        """The console script lists the plugins' commands from their declaration cache, importing
        no plugin (cli/declared.py); running a command always loads the plugins."""
        root = ctx.find_root()
        if not declared.enabled() or "plugin_commands" in root.meta:
            return super().format_commands(ctx, formatter)
        root.meta["plugin_commands"] = declared.help_commands(ctx)  # stand-ins, only listed
        try:
            super().format_commands(ctx, formatter)
        finally:
            del root.meta["plugin_commands"]


def _debug_option(ctx: click.Context, param: click.Parameter, on: bool) -> bool:
    """``--debug``: ``IMPACTKIT_DEBUG=1`` while the command runs, so the core prints each plugin
    failure's traceback and each plugin's time per hook to stderr (see core/failures.py)."""
    if on:
        from impactkit.core.failures import debug_mode

        ctx.with_resource(debug_mode())
    return on


def _allow_outside_option(ctx: click.Context, param: click.Parameter, on: bool) -> bool:
    """``--allow-outside``: ``IMPACTKIT_ALLOW_OUTSIDE=1`` while the command runs, so files a study
    names outside its folder are read (see core/files.py); they are never written."""
    if on:
        from impactkit.core.files import allowing_outside

        ctx.with_resource(allowing_outside())
    return on


@click.group(
    cls=ImpactkitGroup,
    context_settings={"help_option_names": ["-h", "--help"]},
    help=Text(
        en="impactkit: measure and show social impact, in stories, figures and money, with the methods "
        "the installed plugins bring (see `impactkit plugins`).\n\n"
        "A study is a folder with study.yaml; start with `impactkit init`.",
        nl="impactkit: maatschappelijke impact meten en laten zien, in verhalen, cijfers en geld, met de "
        "methoden die de geïnstalleerde plugins meebrengen (zie `impactkit plugins`).\n\n"
        "Een studie is een map met study.yaml; begin met `impactkit init`.",
    ),
)
@click.version_option(__version__, prog_name="impactkit")
@option(
    "--lang",
    type=click.Choice(["en", "nl"]),
    default=None,
    is_eager=True,  # read before an eager --help that follows it, so the help speaks it
    help=Text(
        en="Language of the output (default: IMPACTKIT_LANG, else the study's language).",
        nl="Taal van de uitvoer (standaard: IMPACTKIT_LANG, anders de taal van de studie).",
    ),
)
@option(
    "--no-plugins",
    is_flag=True,
    is_eager=True,  # read before the plugins' commands are listed for --help
    help=Text(
        en="Load no plugins (IMPACTKIT_LOAD_PLUGINS=a,b loads only those).",
        nl="Laad geen plug-ins (IMPACTKIT_LOAD_PLUGINS=a,b laadt alleen die).",
    ),
)
@option(
    "--debug",
    is_flag=True,
    is_eager=True,  # before the plugins' commands are looked up, so their hooks are traced and timed too
    callback=_debug_option,
    help=Text(
        en="Show tracebacks of internal errors and of plugins that fail, and each plugin's time per hook.",
        nl="Toon tracebacks van interne fouten en van plug-ins die falen, en de tijd van elke plug-in per hook.",
    ),
)
@option(
    "--allow-outside",
    is_flag=True,
    expose_value=False,
    callback=_allow_outside_option,
    help=Text(
        en="Read files a study names outside its folder (never written there).",
        nl="Lees bestanden die een studie buiten haar map noemt (daar wordt nooit geschreven).",
    ),
)
@click.pass_context
def cli(ctx: click.Context, lang: str | None, no_plugins: bool, debug: bool) -> None:
    """Every command, core or plugin, gets the invocation as ``ctx.obj`` (``@click.pass_obj``)."""
    state = invocation(ctx)  # one given as obj= (a test's) takes the options given here too
    state.lang, state.no_plugins, state.debug = lang or state.lang, no_plugins or state.no_plugins, debug or state.debug
    ctx.obj = state


def main() -> None:
    """The console script: control characters a study's text holds are shown, not obeyed."""
    from impactkit.cli.terminal import install

    install()
    declared.enable()  # --help lists the plugins' commands without importing them
    try:
        cli(prog_name="impactkit")
    except BrokenPipeError:  # output cut short by a closed pipe: not an error of the study
        quiet_stdout()
        sys.exit(EXIT_OK)


# -- validate / run / status -------------------------------------------------------------------


@cli.command(
    help=Text(
        en="Check a study: format, references, cycles and every plugin's validations.",
        nl="Controleer een studie: opmaak, verwijzingen, kringlopen en de controles van elke plug-in.",
    )
)
@study_argument
@click.pass_context
@guarded
def validate(ctx: click.Context, study: str) -> None:
    model = load_study(ctx, study)
    lang = cli_lang(ctx, model)
    from impactkit.core.pipeline import analyse

    result = analyse(model, plugins=get_plugins(ctx), lang=lang, metrics=False)
    print_findings(result.findings, lang)
    warnings = sum(1 for f in result.findings if f.severity == "warning")
    if result.errors:
        click.secho(say("invalid", lang, title=model.title, n=len(result.errors)), fg="red", err=True)
    else:
        text = say("valid", lang, title=model.title)
        if warnings:
            text += f" ({say('warnings', lang, n=warnings)})"
        click.secho(text, fg="green")
    ctx.exit(result.exit_code)


def _format_metric(value: Any, lang: str) -> str:
    from impactkit.core.report import describe_value

    return describe_value(value, lang, where=Text(en="with --json", nl="met --json"))


@cli.command(
    help=Text(
        en="Analyse a study: findings and figures; --json for one JSON document, -o DIR for report, figures and tables.",
        nl="Analyseer een studie: bevindingen en cijfers; --json voor één JSON-document, -o MAP "
        "voor rapport, figuren en tabellen.",
    )
)
@study_argument
@option(
    "--json", "as_json", is_flag=True, help=Text(en="Print the result as JSON.", nl="Druk het resultaat af als JSON.")
)
@option(
    "-o",
    "--output",
    type=PathValue(file_okay=False),
    default=None,
    help=Text(
        en="Write the report (report.html, .pdf, .docx, .md, tables.xlsx), result.json, figures/ and tables/ "
        "to this folder.",
        nl="Schrijf het rapport (report.html, .pdf, .docx, .md, tables.xlsx), result.json, figures/ en tables/ "
        "naar deze map.",
    ),
)
@click.pass_context
@guarded
def run(ctx: click.Context, study: str, as_json: bool, output: Path | None) -> None:
    from .progress import ProgressBar

    model = load_study(ctx, study)
    lang = cli_lang(ctx, model)
    with ProgressBar(lang=lang) as bar:
        result = impactkit.run(model, plugins=get_plugins(ctx), lang=lang, progress=bar)
        written = result.write(output, lang=lang, progress=bar) if output else []
    if as_json:
        click.echo(result.to_json(lang), nl=False)
    else:
        click.secho(result.study.title, bold=True)
        click.echo(f"\n{say('findings', lang)}:")
        if result.findings:
            print_findings(result.findings, lang)
        else:
            click.echo("  " + say("no-findings", lang))
        click.echo(f"\n{say('metrics', lang)}:")
        width = max((len(k) for k in result.metrics), default=0)
        for key, value in result.metrics.items():
            text = _format_metric(value, lang)
            click.echo(f"  {key:<{width}}  {text if len(text) < 200 else text[:197] + '...'}")
    if output:
        click.echo(say("written", lang, n=len(written), dir=output), err=as_json)
    ctx.exit(result.exit_code)


@cli.command(
    help=Text(
        en="Show which steps of the approach are complete and what is missing.",
        nl="Toon welke stappen van de aanpak compleet zijn en wat ontbreekt.",
    )
)
@study_argument
@click.pass_context
@guarded
def status(ctx: click.Context, study: str) -> None:
    from impactkit.core.pipeline import context_for, evaluate_steps

    model = load_study(ctx, study)
    lang = cli_lang(ctx, model)
    steps, problems = get_plugins(ctx).collect("impactkit_steps")
    context, _ = context_for(model, get_plugins(ctx), lang=lang)
    click.secho(model.title, bold=True)
    states = evaluate_steps(context, steps)
    for state in states:
        step, title = state.step, state.step.title.get(lang)
        if state.status is None:
            click.secho(f"  ! {state.label} {title}: {state.error} [{step.plugin}]", fg="red")
            continue
        indent = "  " if step.main else "      "
        mark = click.style("✓", fg="green") if state.status.done else click.style("✗", fg="yellow")
        detail = (
            say("step-done", lang)
            if state.status.done
            else say("step-open", lang, missing="; ".join(m.get(lang) for m in state.status.missing))
        )
        click.echo(f"{indent}{mark} {state.label} {title} — {detail}")
    print_findings(problems, lang, err=True)
    failed = any(state.status is None for state in states)
    ctx.exit(EXIT_FINDINGS if failed or problems else EXIT_OK)


# -- diagram -----------------------------------------------------------------------------------

DIAGRAM_SUFFIXES = {
    ".svg": "svg",
    ".png": "png",
    ".pdf": "pdf",
    ".dot": "dot",
    ".gv": "dot",
    ".mmd": "mermaid",
    ".md": "mermaid",
}
"""The format ``impactkit diagram -o FILE`` writes, by the file's suffix (without ``--format``)."""


@cli.command(
    help=Text(
        en="Draw a study: the theory of change (--view toc) or any plugin's view.",
        nl="Teken een studie: de veranderingstheorie (--view toc) of een weergave van een plug-in.",
    )
)
@study_argument
@option(
    "--view",
    default="toc",
    show_default=True,
    help=Text(
        en="Which picture: its id (plugin.view, e.g. core.toc), or the part after the dot when one plugin has it "
        "(see `impactkit plugins`).",
        nl="Welke afbeelding: haar id (plugin.weergave, bv. core.toc), of het deel na de punt als één plug-in "
        "die heeft (zie `impactkit plugins`).",
    ),
)
@option(
    "-f",
    "--format",
    "fmt",
    type=click.Choice(["svg", "png", "pdf", "dot", "mermaid"]),
    default=None,
    help=Text(
        en="Output format (default: from -o's suffix, else svg).",
        nl="Formaat (standaard: uit de extensie van -o, anders svg).",
    ),
)
@option(
    "-o",
    "--output",
    type=PathValue(dir_okay=False),
    default=None,
    help=Text(
        en="Write to this file instead of standard output.",
        nl="Schrijf naar dit bestand in plaats van naar de uitvoer.",
    ),
)
@click.pass_context
@guarded
def diagram(ctx: click.Context, study: str, view: str, fmt: str | None, output: Path | None) -> None:
    from impactkit.core.pipeline import analyse

    if fmt is None and output is not None:
        fmt = DIAGRAM_SUFFIXES.get(output.suffix.lower())
        if fmt is None:  # never write one format into a file named for another
            from impactkit.core.errors import UserError

            known = ", ".join(DIAGRAM_SUFFIXES)
            suffix = output.suffix or "-"
            raise UserError(
                f"{output}: unknown file type '{suffix}'; name a file ending in one of {known}, or give --format",
                f"{output}: onbekend bestandstype '{suffix}'; geef een bestandsnaam die eindigt op "
                f"een van {known}, of geef --format",
            )
    fmt = fmt or "svg"
    model = load_study(ctx, study)
    lang = cli_lang(ctx, model)
    result = analyse(model, plugins=get_plugins(ctx), lang=lang, metrics=False)
    vis = result.visualisation(view)
    if vis.kind == "chart":  # charts draw from metrics; run them
        result = impactkit.run(model, plugins=get_plugins(ctx), lang=lang)
    data = result.render(view, fmt, lang)
    if data is None:
        from impactkit.core.errors import UserError

        nothing = fill(MESSAGES["nothing"], view=view)
        raise UserError(nothing.en, nothing.nl)
    if output:
        from impactkit.core.files import atomic_write

        atomic_write(output, data)  # whole or not at all, never through a link
    elif fmt in ("png", "pdf") and sys.stdout.isatty():
        raise click.UsageError(say("binary-tty", lang, fmt=fmt))
    else:
        sys.stdout.flush()
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
    ctx.exit(EXIT_OK)


# -- plugins / schema --------------------------------------------------------------------------


@cli.command(
    name="plugins",
    help=Text(
        en="List the plugins: name, version, hooks and what each contributes.",
        nl="Toon de plug-ins: naam, versie, hooks en wat elk bijdraagt.",
    ),
)
@option("--json", "as_json", is_flag=True)
@click.pass_context
@guarded
def plugins_command(ctx: click.Context, as_json: bool) -> None:
    from impactkit.core.plugins import kind_name

    manager = get_plugins(ctx)
    infos = manager.info()
    lang = cli_lang(ctx)
    if as_json:
        import json

        click.echo(
            json.dumps(
                [
                    {
                        "name": i.name,
                        "version": i.version,
                        "module": i.module,
                        "hooks": list(i.hooks),
                        "contributions": {k: list(v) for k, v in i.contributions.items()},
                        "error": i.error,
                    }
                    for i in infos
                ],
                indent=2,
            )
        )
    elif not infos:
        click.echo(say("no-plugins", lang))
    for info in [] if as_json else infos:
        click.secho(f"{info.name} {info.version or ''}".rstrip(), bold=True)
        if info.error:
            click.secho("  " + say("plugin-failed", lang, error=info.error), fg="red")
            continue
        click.echo(f"  {say('module', lang)}: {info.module}")
        click.echo(f"  {say('hooks', lang)}: {', '.join(info.hooks)}")
        for kind, ids in info.contributions.items():
            click.echo(f"  {kind_name(kind).get(lang)}: {', '.join(ids)}")
    problems = manager.problems()  # unknown hooks, hooks that raised or returned junk, slow hooks
    print_findings(problems, lang, err=True)
    failed = any(i.error for i in infos) or any(f.severity == "error" for f in problems)
    ctx.exit(EXIT_FINDINGS if failed else EXIT_OK)


@cli.command(
    help=Text(
        en="Print the JSON Schema of study.yaml, with every installed plugin's section.",
        nl="Druk het JSON-schema van study.yaml af, met de sectie van elke geïnstalleerde plug-in.",
    )
)
@click.pass_context
@guarded
def schema(ctx: click.Context) -> None:
    import json

    from impactkit.core.schema import study_schema

    click.echo(json.dumps(study_schema(get_plugins(ctx)), indent=2, ensure_ascii=False))


# -- init / demo / import ----------------------------------------------------------------------


@cli.command(
    help=Text(
        en="Create a new study folder with a commented study.yaml and a changes template.",
        nl="Maak een nieuwe studiemap met een toegelicht study.yaml en een sjabloon voor veranderingen.",
    )
)
@argument("directory", type=PathValue(file_okay=False), metavar=Text(en="DIRECTORY", nl="MAP"))
@option(
    "--route",
    type=click.Choice(["linear", "nonlinear", "both"]),
    default="nonlinear",
    show_default=True,
    help=Text(
        en="linear = route 1 (value in money), nonlinear = route 2 (experienced changes), or both; "
        "the methods of the route get a commented section.",
        nl="linear = route 1 (waarde in geld), nonlinear = route 2 (ervaren veranderingen), of both; "
        "de methoden van de route krijgen een toegelichte sectie.",
    ),
)
@option(
    "--method",
    "methods",
    multiple=True,
    metavar=Text(en="NAME", nl="NAAM"),
    help=Text(
        en="Also add this method's section (repeatable; see `impactkit plugins`), e.g. --method NAME.",
        nl="Voeg ook de sectie van deze methode toe (herhaalbaar; zie `impactkit plugins`), bv. --method NAAM.",
    ),
)
@option("--force", is_flag=True, help=Text(en="Overwrite existing files.", nl="Overschrijf bestaande bestanden."))
@option(
    "--lang",
    "study_lang",
    type=click.Choice(["en", "nl"]),
    default=None,
    help=Text(
        en="Language of the new study (as `impactkit --lang nl init`).",
        nl="Taal van de nieuwe studie (zoals `impactkit --lang nl init`).",
    ),
)
@click.pass_context
@guarded
def init(
    ctx: click.Context, directory: Path, route: str, methods: tuple[str, ...], force: bool, study_lang: str | None
) -> None:
    from impactkit.core.scaffold import scaffold, sections_for, template_problems

    if study_lang:  # `impactkit init DIR --lang nl` as `impactkit --lang nl init DIR`
        invocation(ctx).lang = study_lang
    lang = cli_lang(ctx)
    available, problems = get_plugins(ctx).collect("impactkit_study_sections")
    print_findings(problems, lang, err=True)
    known = {s.id for s in available}
    for name in methods:
        if name not in known:
            raise click.UsageError(say("unknown-method", lang, method=name, known=format_list(sorted(known), lang)))
    target = directory / "study.yaml"
    for existing in (target, directory / "changes.csv"):
        if existing.exists() and not force:
            raise click.UsageError(say("exists", lang, path=existing))
    chosen = sections_for(route, available, methods)
    unusable = template_problems(chosen, lang)  # a plugin's bad template: its failure, and nothing written
    if unusable:
        print_findings(unusable, lang, err=True)
        click.secho("impactkit: " + say("init-nothing", lang, dir=directory), fg="red", err=True)
        ctx.exit(EXIT_FINDINGS)
    scaffold(directory, route=route, lang=lang, sections=chosen)
    click.echo(say("created", lang, path=target, dir=directory))


@cli.command(
    help=Text(
        en="Analyse the bundled example studies into ./impactkit-demo/ (report, figures, tables).",
        nl="Analyseer de meegeleverde voorbeeldstudies in ./impactkit-demo/ (rapport, figuren, tabellen).",
    )
)
@option(
    "-o",
    "--output",
    type=PathValue(file_okay=False),
    default="impactkit-demo",
    show_default=True,
)
@option(
    "--force",
    is_flag=True,
    help=Text(
        en="Replace folders that impactkit demo did not make.",
        nl="Vervang mappen die niet door impactkit demo zijn gemaakt.",
    ),
)
@click.pass_context
@guarded
def demo(ctx: click.Context, output: Path, force: bool) -> None:
    import shutil

    import impactkit

    from .progress import ProgressBar

    examples = sorted(p.parent for p in impactkit.examples_dir().glob("*/study.yaml"))
    worst = EXIT_OK
    spoken: set[str] = set()
    for example in examples:
        copy = output / example.name
        if copy.exists():
            if not (copy / DEMO_MARKER).exists() and not force:
                raise click.UsageError(say("demo-exists", cli_lang(ctx), path=copy))
            shutil.rmtree(copy)
        shutil.copytree(example, copy, ignore=shutil.ignore_patterns("__pycache__", "*.py"))
        (copy / DEMO_MARKER).write_text("made by impactkit demo; safe to delete\n", encoding="utf-8")
        model = impactkit.load(copy, plugins=get_plugins(ctx))
        lang = cli_lang(ctx, model)
        spoken.add(lang)
        with ProgressBar(lang=lang) as bar:
            result = impactkit.run(model, plugins=get_plugins(ctx), lang=lang, progress=bar)
            result.write(copy / "output", lang=lang, progress=bar)
        errors = len(result.errors)
        click.echo(
            say(
                "demo-study",
                lang,
                title=model.title,
                metrics=len(result.metrics),
                findings=say("n-findings", lang, n=len(result.findings)),
                path=copy / "output" / "report.html",
            )
        )
        if errors:
            print_findings(result.errors, lang, err=True)
        worst = max(worst, result.exit_code)
    # the last line in the language the examples spoke, when they all spoke one
    click.echo(say("demo", spoken.pop() if len(spoken) == 1 else cli_lang(ctx), n=len(examples), path=output.resolve()))
    ctx.exit(worst)

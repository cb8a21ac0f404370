"""What every ``impactkit`` command shares, core or plugin: the state of the invocation, the exit
codes, printing findings, turning errors into one line and an exit code, and help texts in the
language of the reader.

``cli/main.py`` (the core's commands) and :mod:`impactkit.cli.plugin` (the stable API of plugin
commands) both build on this module; it imports neither of them.

Exit codes: 0 fine (warnings allowed), 1 the study has error findings, 2 unreadable or malformed
input or bad usage, 3 an internal error of impactkit itself (please report it).
"""

from __future__ import annotations

import contextlib
import functools
import os
import sys
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any, NoReturn, TypeVar

import click

from impactkit.cli.terminal import visible
from impactkit.core.i18n import Text, catalog, default_lang, fill, resolve_lang

if TYPE_CHECKING:  # pragma: no cover
    from pathlib import Path

    from impactkit.core.contributions import Finding
    from impactkit.core.model import Study
    from impactkit.core.plugins import Plugins

EXIT_OK, EXIT_FINDINGS, EXIT_INPUT, EXIT_INTERNAL = 0, 1, 2, 3
EXIT_INTERRUPTED = 130
"""Stopped by Ctrl-C (128 + SIGINT, as shells report it)."""

F = TypeVar("F", bound=Callable[..., Any])

_META_KEY = "impactkit.invocation"


class Invocation:
    """The state of one ``impactkit`` command line, handed to every command as ``ctx.obj``
    (take it with ``@click.pass_obj``).

    ``lang``, ``no_plugins`` and ``debug`` are the global options as given (``lang`` is ``None``
    without ``--lang``). The plugin manager is made on first use of :attr:`plugins`, never at
    import, and honours ``--no-plugins`` (and ``IMPACTKIT_LOAD_PLUGINS``). A test may hand a
    command a ready manager: ``CliRunner().invoke(command, args, obj=Invocation(plugins=manager))``.
    """

    def __init__(
        self, lang: str | None = None, no_plugins: bool = False, debug: bool = False, plugins: Plugins | None = None
    ) -> None:
        self.lang = lang
        self.no_plugins = no_plugins
        self.debug = debug
        self._plugins = plugins

    @property
    def plugins(self) -> Plugins:
        """The plugin manager of this invocation (made once, on first use)."""
        if self._plugins is None:
            from impactkit.core.plugins import make_manager

            self._plugins = make_manager(load=False if self.no_plugins else None)
        return self._plugins

    def language(self, study: Study | Any = None) -> str:
        """The language to speak: ``--lang``, else ``IMPACTKIT_LANG``, else the study's language
        (when a study is given), else the locale's."""
        return resolve_lang(self.lang, getattr(study, "language", None))

    def load(self, path: str | Path) -> Study:
        """Load and validate the study at ``path`` with this invocation's plugins; a study that
        cannot be read raises ``StudyError``, which the command line prints (exit 2)."""
        import impactkit

        return impactkit.load(path, plugins=self.plugins)

    def exit(self, code: int) -> NoReturn:
        """End the command with exit ``code`` (one of the ``EXIT_*`` codes)."""
        click.get_current_context().exit(code)

    def __repr__(self) -> str:
        return f"Invocation(lang={self.lang!r}, no_plugins={self.no_plugins!r}, debug={self.debug!r})"


def invocation(ctx: click.Context | None = None) -> Invocation:
    """The :class:`Invocation` of the command line ``ctx`` belongs to (the current one by
    default), made from the root command's options the first time it is asked for — which may be
    before the root's callback runs, when a plugin's command is looked up."""
    root = (ctx or click.get_current_context()).find_root()
    if isinstance(root.obj, Invocation):
        return root.obj
    if _META_KEY not in root.meta:
        params = root.params or {}
        root.meta[_META_KEY] = Invocation(
            lang=params.get("lang"), no_plugins=bool(params.get("no_plugins")), debug=bool(params.get("debug"))
        )
        if root.obj is None:
            root.obj = root.meta[_META_KEY]
    return root.meta[_META_KEY]


def get_plugins(ctx: click.Context) -> Plugins:
    """The plugin manager of the invocation ``ctx`` belongs to (made on first use)."""
    return invocation(ctx).plugins


def cli_lang(ctx: click.Context, study: Any = None) -> str:
    """The language of the invocation ``ctx`` belongs to, for ``study`` if given."""
    return invocation(ctx).language(study)


def load_study(ctx: click.Context, path: str | Path) -> Study:
    return invocation(ctx).load(path)


# -- printing ----------------------------------------------------------------------------------

SEVERITY_COLOURS = {"error": "red", "warning": "yellow", "info": "blue"}

MESSAGES = catalog(
    [
        (
            "internal",
            "internal error: {error} (run with --debug for the traceback, and please report it)",
            "interne fout: {error} (gebruik --debug voor de traceback, en meld het alsjeblieft)",
        ),
        ("os-error", "cannot use {path}: {error}", "kan {path} niet gebruiken: {error}"),
    ]
)


def print_findings(findings: list[Finding], lang: str, *, err: bool = False) -> None:
    """Each finding on one line (``FILE:ROW:COLUMN: severity: message [code]``), coloured by its
    severity, on standard output (``err=True``: standard error); control characters in the study's
    text are shown, not obeyed (:func:`impactkit.cli.terminal.visible`)."""
    for finding in findings:
        click.secho(visible(finding.render(lang)), fg=SEVERITY_COLOURS[finding.severity], err=err)


def quiet_stdout() -> None:
    """After the reader of our output went away (``impactkit run ... | head``): say nothing more."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())


def guarded(func: Callable[..., Any]) -> Callable[..., Any]:
    """Turn input errors into one line each and exit 2, a plugin's failed picture into its finding
    and exit 1, and unexpected errors into one line and exit 3 (with ``--debug``: the traceback).

    The core puts it on every command, plugins' commands included: a plugin command raises
    ``StudyError``/``UserError`` for bad input and need not catch anything itself."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        from impactkit.core.errors import StudyError, UserError
        from impactkit.core.result import PluginFailed

        ctx = click.get_current_context()
        state = invocation(ctx)
        lang = state.language()
        try:
            return func(*args, **kwargs)
        except StudyError as exc:
            for problem in exc.problems:
                click.echo(visible(problem.render(lang)), err=True)
            ctx.exit(EXIT_INPUT)
        except UserError as exc:
            click.echo(visible(f"impactkit: {exc.text.get(resolve_lang(state.lang, exc.lang))}"), err=True)
            ctx.exit(EXIT_INPUT)
        except PluginFailed as exc:  # a plugin's picture: its error finding, as in `run`
            print_findings([exc.finding], lang, err=True)
            ctx.exit(EXIT_FINDINGS)
        except BrokenPipeError:
            quiet_stdout()
            ctx.exit(EXIT_OK)
        except (click.exceptions.Exit, click.ClickException, click.Abort):
            raise
        except OSError as exc:  # a path the user gave cannot be read or written
            if state.debug:
                raise
            from impactkit.core.i18n import os_error_text

            error = os_error_text(exc).get(lang)
            message = fill(MESSAGES["os-error"], path=exc.filename or "?", error=error).get(lang)
            click.echo(visible(f"impactkit: {message}"), err=True)
            ctx.exit(EXIT_INPUT)
        except Exception as exc:
            if state.debug:
                raise
            message = fill(MESSAGES["internal"], error=f"{type(exc).__name__}: {exc}").get(lang)
            click.echo(visible(f"impactkit: {message}"), err=True)
            ctx.exit(EXIT_INTERNAL)

    return wrapper


# -- commands that change a study -------------------------------------------------------------


@contextlib.contextmanager
def changing_study(study: str | Path) -> Iterator[Path | None]:
    """Hold the writer lock of the study ``study`` (its folder or its ``study.yaml``) while a
    command reads and changes it (:func:`impactkit.core.files.study_lock`): a second command that
    changes the same study waits for the first, or stops with a message naming it, so that no
    write is lost. A path that is no study is left for loading to report (yields ``None``)."""
    from pathlib import Path

    from impactkit.core.files import study_lock

    path = Path(study)
    folder = path if path.is_dir() else path.parent
    if not folder.is_dir():
        yield None
        return
    with study_lock(folder):
        yield folder


def changes_study(param: str = "study", *, when: str | None = None) -> Callable[[F], F]:
    """Decorate a command that changes the study named by its parameter ``param``: it runs holding
    the study's lock (:func:`changing_study`) — only when its flag ``when`` is set, if given
    (``@changes_study(when="do_accept")``). Put it below ``@guarded``, so a lock that cannot be had
    is one line and exit 2."""

    def decorate(func: F) -> F:
        @functools.wraps(func)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            if when is not None and not kwargs.get(when):
                return func(*args, **kwargs)
            with changing_study(kwargs[param]):
                return func(*args, **kwargs)

        return wrapper  # type: ignore[return-value]

    return decorate


# -- help in the reader's language -------------------------------------------------------------


_started_in: str | None = None


def started_in(lang: str | None) -> None:
    """Remember the ``--lang`` the console script was started with (``impactkit --lang nl …``;
    :func:`impactkit.cli.main`): a usage error is shown after click has left the command's
    context, and its usage line is in that language too."""
    global _started_in
    _started_in = lang


def help_language() -> str:
    """The language help is shown in: ``--lang`` given before the command (the root context's, or
    once click has left it, the one :func:`started_in` remembers), else the environment's
    (``IMPACTKIT_LANG``, then the locale). Asked when a help page or an error is shown, not at
    import, so a command's help follows ``--lang`` even when the command was built before."""
    ctx = click.get_current_context(silent=True)
    explicit = (ctx.find_root().params or {}).get("lang") if ctx is not None else _started_in
    return explicit if explicit in ("en", "nl") else default_lang()


class Bilingual:
    """An attribute of a command or parameter (``help``, ``metavar``, ...) that may hold a
    :class:`Text`, and reads as that text in the :func:`help_language` of the moment."""

    def __set_name__(self, owner: type, name: str) -> None:
        self.slot = f"_bilingual_{name}"

    def __get__(self, instance: Any, owner: type | None = None) -> Any:
        if instance is None:
            return self
        value = instance.__dict__.get(self.slot)
        return value.get(help_language()) if isinstance(value, Text) else value

    def __set__(self, instance: Any, value: Any) -> None:
        instance.__dict__[self.slot] = value


def help_width(max_width: int | None = None) -> int:
    """The width of a help page as :class:`click.HelpFormatter` works it out when it is given
    none: the terminal's (``COLUMNS``, else the terminal on standard output, else 80), at most
    ``max_width`` (80), less 2, at least 50. Worked out here without :func:`shutil.get_terminal_size`,
    whose module imports ``bz2``, ``lzma`` and ``zlib`` (about 2 ms of a 45 ms start); a test holds
    it to click's own."""
    from click import formatting

    if formatting.FORCED_WIDTH is not None:
        return formatting.FORCED_WIDTH
    try:
        columns = int(os.environ["COLUMNS"])
    except (KeyError, ValueError):
        columns = 0
    stdout = sys.__stdout__
    if columns <= 0 and stdout is not None:
        try:
            columns = os.get_terminal_size(stdout.fileno()).columns
        except (AttributeError, ValueError, OSError):  # closed, detached, or not a terminal
            columns = 0
    return max(min(columns if columns > 0 else 80, 80 if max_width is None else max_width) - 2, 50)


class ImpactkitContext(click.Context):
    """click's context, whose help formatter is as wide as click makes it (:func:`help_width`)."""

    def make_formatter(self) -> click.HelpFormatter:
        width = self.terminal_width if self.terminal_width is not None else help_width(self.max_content_width)
        return self.formatter_class(width=width, max_width=self.max_content_width)


class PathValue(click.Path):
    """``click.Path(path_type=pathlib.Path)`` that imports :mod:`pathlib` only when it converts a
    value: a help page and ``--version`` convert none, and pathlib (with the ``fnmatch``,
    ``urllib.parse`` and ``ipaddress`` it imports) costs a tenth of the command line's start."""

    def coerce_path_result(self, value: Any) -> Any:
        from pathlib import Path

        return value if isinstance(value, Path) else Path(value)


OPTIONS_METAVAR = Text(en="[OPTIONS]", nl="[OPTIES]")
COMMAND_METAVAR = Text(en="COMMAND [ARGS]...", nl="COMMANDO [ARGUMENTEN]...")


class BilingualCommand(click.Command):
    """A command whose ``help``, ``short_help``, ``epilog`` and ``options_metavar`` may be
    :class:`Text`: each is shown in the help language, ``[OPTIONS]`` as ``[OPTIES]`` in Dutch. Its
    help page is as wide as click makes it, without importing shutil (:class:`ImpactkitContext`)."""

    help = Bilingual()
    short_help = Bilingual()
    epilog = Bilingual()
    options_metavar = Bilingual()
    context_class = ImpactkitContext

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("options_metavar", OPTIONS_METAVAR)
        super().__init__(*args, **kwargs)


class BilingualGroup(BilingualCommand, click.Group):
    """A group of commands with help as :class:`BilingualCommand` has it; its commands and
    subgroups are bilingual too."""

    subcommand_metavar = Bilingual()
    command_class = BilingualCommand

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        if (
            kwargs.get("subcommand_metavar") is None
            and not kwargs.get("chain")
            and not kwargs.get("invoke_without_command")
        ):
            kwargs["subcommand_metavar"] = COMMAND_METAVAR
        super().__init__(*args, **kwargs)


BilingualGroup.group_class = BilingualGroup


class _BilingualParameter:
    """``help`` and ``metavar`` of a parameter as :class:`Text`: click cleans a help string at
    construction, so a :class:`Text` is set after it."""

    help = Bilingual()
    metavar = Bilingual()

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        help_text = kwargs.pop("help", None)
        super().__init__(*args, help=None if isinstance(help_text, Text) else help_text, **kwargs)  # type: ignore[call-arg]
        if isinstance(help_text, Text):
            self.help = help_text


class BilingualOption(_BilingualParameter, click.Option):
    """An option whose ``help`` and ``metavar`` may be :class:`Text`."""


class BilingualArgument(_BilingualParameter, click.Argument):
    """An argument whose ``help`` and ``metavar`` may be :class:`Text`."""


def option(*param_decls: str, **attrs: Any) -> Callable[[Any], Any]:
    """``click.option`` whose ``help`` and ``metavar`` may be :class:`Text`."""
    attrs.setdefault("cls", BilingualOption)
    return click.option(*param_decls, **attrs)


def argument(*param_decls: str, **attrs: Any) -> Callable[[Any], Any]:
    """``click.argument`` whose ``help`` and ``metavar`` may be :class:`Text`."""
    attrs.setdefault("cls", BilingualArgument)
    return click.argument(*param_decls, **attrs)


def group(name: str | None = None, **attrs: Any) -> Callable[[Any], BilingualGroup]:
    """``click.group`` whose help texts may be :class:`Text`, as are its commands'."""
    attrs.setdefault("cls", BilingualGroup)
    return click.group(name, **attrs)


def command(name: str | None = None, **attrs: Any) -> Callable[[Any], BilingualCommand]:
    """``click.command`` whose help texts may be :class:`Text`."""
    attrs.setdefault("cls", BilingualCommand)
    return click.command(name, **attrs)


study_argument = argument("study", type=click.Path(path_type=str), metavar=Text(en="STUDY", nl="STUDIE"))
"""The ``STUDY`` argument (a study folder or its ``study.yaml``), ``STUDIE`` in Dutch help."""

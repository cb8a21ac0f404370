"""The stable API of plugin commands: what a command contributed through ``impactkit_commands``
uses of the command line. Together with :mod:`impactkit.plugin` it is all a plugin imports.

The root command hands every command the state of the invocation as ``ctx.obj`` — take it with
``@click.pass_obj`` (as kedro hands its plugins their project)::

    import click

    from impactkit.cli.plugin import EXIT_FINDINGS, EXIT_OK, Invocation, group, print_findings, study_argument
    from impactkit.plugin import Text

    @group(name="hello", help=Text(en="Say hello.", nl="Zeg hallo."))
    def hello():
        pass

    @hello.command(help=Text(en="Greet every stakeholder.", nl="Begroet elke belanghebbende."))
    @study_argument
    @click.pass_obj
    def greet(invocation: Invocation, study: str) -> None:
        model = invocation.load(study)           # with this invocation's plugins (--no-plugins too)
        lang = invocation.language(model)        # --lang, else IMPACTKIT_LANG, else the study's
        for holder in model.stakeholders:
            click.echo(Text(en="Hello {name}", nl="Hallo {name}").get(lang).format(name=holder.name))
        invocation.exit(EXIT_OK)

The core puts its error handling on every plugin command: raise ``StudyError`` or ``UserError``
(from :mod:`impactkit.plugin`) for bad input and the user sees one line and exit code 2; an
unexpected exception is one line and exit 3 (``--debug`` shows the traceback). Help texts given
as :class:`~impactkit.plugin.Text` (with :func:`group`, :func:`command`, :func:`option`,
:func:`argument`) are shown in the reader's language.

The names in ``__all__`` are stable within a major version of ``impactkit.plugin.plugin_api_version``.
"""

from __future__ import annotations

from .common import (
    EXIT_FINDINGS,
    EXIT_INPUT,
    EXIT_INTERNAL,
    EXIT_OK,
    BilingualArgument,
    BilingualCommand,
    BilingualGroup,
    BilingualOption,
    Invocation,
    argument,
    command,
    group,
    help_language,
    option,
    print_findings,
    study_argument,
)
from .progress import ProgressBar


def dask_client(scheduler: str | None = None, workers: int | None = None):
    """A ``dask.distributed.Client`` as a context manager: of the scheduler at ``scheduler``
    (``tcp://host:8786``, an existing cluster), else of a ``LocalCluster`` of ``workers`` processes;
    closed (with a cluster it started) when the block ends. Without the ``dask`` extra, or without a
    reachable scheduler, a ``UserError`` says so. The one ``impactkit portfolio`` uses."""
    from impactkit.core.portfolio import dask_client as client  # imported when asked

    return client(scheduler, workers)


__all__ = [
    "EXIT_FINDINGS",
    "EXIT_INPUT",
    "EXIT_INTERNAL",
    "EXIT_OK",
    "BilingualArgument",
    "BilingualCommand",
    "BilingualGroup",
    "BilingualOption",
    "Invocation",
    "ProgressBar",
    "argument",
    "command",
    "dask_client",
    "group",
    "help_language",
    "option",
    "print_findings",
    "study_argument",
]

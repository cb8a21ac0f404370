"""``impactkit portfolio DIR... -o OUT``: many studies at once, one portfolio report and table.

The work is :func:`impactkit.core.portfolio.run_portfolio` (here, local processes or a Dask
cluster) and :func:`impactkit.core.portfolio_output.write_portfolio`; this module parses, shows
progress on standard error and says where the files are. Importing it costs nothing heavy.
"""

from __future__ import annotations

import sys
import time
from typing import TYPE_CHECKING, Any, TextIO

import click

from impactkit.core.i18n import Text, catalog, fill

from .common import PathValue, argument, cli_lang, command, get_plugins, guarded, option

if TYPE_CHECKING:  # pragma: no cover
    from pathlib import Path

MESSAGES = catalog(
    [
        (
            "written",
            ("Wrote {n} file to {dir}", "Wrote {n} files to {dir}"),
            ("{n} bestand geschreven naar {dir}", "{n} bestanden geschreven naar {dir}"),
        ),
        (
            "both",
            "give --scheduler ADDRESS or --dask, not both",
            "geef --scheduler ADRES of --dask, niet allebei",
        ),
        (
            "workers-scheduler",
            "--workers does not go with --scheduler: the cluster has its own workers",
            "--workers past niet bij --scheduler: het cluster heeft zijn eigen workers",
        ),
        (
            "ship",
            "--ship goes with --scheduler or --dask (local workers read the study folders themselves)",
            "--ship hoort bij --scheduler of --dask (lokale workers lezen de studiemappen zelf)",
        ),
        (
            "found",
            ("Analysing {n} study…", "Analysing {n} studies…"),
            ("{n} studie analyseren…", "{n} studies analyseren…"),
        ),
    ]
)


class Progress:
    """Each finished study on standard error: on a terminal one line that is rewritten
    (``12/1.000 ok pwmi``), otherwise a line per study (for a batch job's log)."""

    def __init__(self, lang: str, stream: TextIO | None = None) -> None:
        self.lang = lang
        self.stream = stream or sys.stderr
        self.live = bool(getattr(self.stream, "isatty", lambda: False)())
        self.width = 0
        self.start = time.monotonic()

    def __call__(self, done: int, total: int, row: dict[str, Any]) -> None:
        from impactkit.core.numbers import format_number
        from impactkit.core.portfolio import status_text

        line = (
            f"{format_number(done, self.lang)}/{format_number(total, self.lang)} "
            f"{status_text(row).get(self.lang)}: {row['folder']}"
        )
        if self.live:
            self.stream.write("\r" + line.ljust(self.width))
            self.width = len(line)
        else:
            self.stream.write(line + "\n")
        self.stream.flush()

    def close(self) -> None:
        if self.live and self.width:
            self.stream.write("\n")
            self.stream.flush()


@command(
    name="portfolio",
    help=Text(
        en="Analyse many studies at once and write one portfolio report and table: per study its status, "
        "findings and key figures, across the studies what the plugins add up. Each DIR is a study folder, "
        "or a folder with study folders below it. A study that fails is a row with its error; the rest "
        "completes. Runs in local processes (--workers N) or on a Dask cluster (--scheduler ADDRESS, or "
        "--dask for one on this machine; needs impactkit[dask]).",
        nl="Analyseer veel studies tegelijk en schrijf één portfoliorapport en -tabel: per studie de status, "
        "bevindingen en kerncijfers, over de studies heen wat de plug-ins optellen. Elke MAP is een studiemap, "
        "of een map met studiemappen eronder. Een studie die mislukt is een rij met haar fout; de rest gaat "
        "door. Draait in lokale processen (--workers N) of op een Dask-cluster (--scheduler ADRES, of --dask "
        "voor een cluster op deze computer; vraagt impactkit[dask]).",
    ),
)
@argument(
    "dirs",
    nargs=-1,
    required=True,
    type=PathValue(),
    metavar=Text(en="DIR...", nl="MAP..."),
)
@option(
    "-o",
    "--output",
    required=True,
    type=PathValue(file_okay=False),
    help=Text(
        en="Write portfolio.md/.html, studies.csv, figures.csv, portfolio.xlsx and portfolio.json to this folder.",
        nl="Schrijf portfolio.md/.html, studies.csv, figures.csv, portfolio.xlsx en portfolio.json naar deze map.",
    ),
)
@option(
    "--workers",
    type=click.IntRange(min=1),
    default=None,
    metavar="N",
    help=Text(
        en="Processes on this machine (default: one per CPU; 1: in this process). With --dask: the LocalCluster's workers.",
        nl="Processen op deze computer (standaard: één per CPU; 1: in dit proces). Met --dask: de workers van het "
        "LocalCluster.",
    ),
)
@option(
    "--scheduler",
    default=None,
    metavar=Text(en="ADDRESS", nl="ADRES"),
    help=Text(
        en="Run the studies on the Dask cluster of this scheduler (tcp://host:8786); its workers must see the "
        "study folders and have impactkit and the same plugins.",
        nl="Draai de studies op het Dask-cluster van deze scheduler (tcp://host:8786); de workers moeten de "
        "studiemappen zien en impactkit en dezelfde plug-ins hebben.",
    ),
)
@option(
    "--dask",
    "local_dask",
    is_flag=True,
    help=Text(
        en="Run the studies on a Dask LocalCluster on this machine.",
        nl="Draai de studies op een Dask-LocalCluster op deze computer.",
    ),
)
@option(
    "--ship",
    is_flag=True,
    help=Text(
        en="With --scheduler or --dask: send each study's files with its task, for workers that cannot read the "
        "study folders (a cluster in the cloud).",
        nl="Met --scheduler of --dask: stuur de bestanden van elke studie mee met haar taak, voor workers die de "
        "studiemappen niet kunnen lezen (een cluster in de cloud).",
    ),
)
@click.pass_context
@guarded
def portfolio_command(
    ctx: click.Context,
    dirs: tuple[Path, ...],
    output: Path,
    workers: int | None,
    scheduler: str | None,
    local_dask: bool,
    ship: bool,
) -> None:
    from impactkit.core.portfolio import dask_client, find_studies, run_portfolio, summary_text
    from impactkit.core.portfolio_output import write_portfolio

    lang = cli_lang(ctx)
    if scheduler and local_dask:
        raise click.UsageError(fill(MESSAGES["both"]).get(lang))
    if scheduler and workers:
        raise click.UsageError(fill(MESSAGES["workers-scheduler"]).get(lang))
    if ship and not (scheduler or local_dask):
        raise click.UsageError(fill(MESSAGES["ship"]).get(lang))
    found = find_studies(dirs)  # a DIR without studies: one line, exit 2, before any work
    click.echo(fill(MESSAGES["found"], n=len(found)).get(lang), err=True)
    progress = Progress(lang)
    try:
        if scheduler or local_dask:
            with dask_client(scheduler, workers) as client:
                portfolio = run_portfolio(
                    found, plugins=get_plugins(ctx), client=client, lang=lang, progress=progress, ship=ship
                )
        else:
            portfolio = run_portfolio(found, plugins=get_plugins(ctx), workers=workers, lang=lang, progress=progress)
    finally:
        progress.close()
    written = write_portfolio(portfolio, output, lang=lang)
    click.echo(summary_text(portfolio.rows).get(lang))
    click.echo(fill(MESSAGES["written"], n=len(written), dir=output).get(lang))
    ctx.exit(portfolio.exit_code)

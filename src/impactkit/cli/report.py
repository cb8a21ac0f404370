"""``impactkit report STUDY -o DIR [--format html,pdf,docx,md,xlsx]``: the reader's report.

The same report ``impactkit run STUDY -o DIR`` writes (with figures/, tables/ and result.json
beside it), in the formats asked for: ``report.html`` (one self-contained page), ``report.pdf``,
``report.docx``, ``report.md`` and ``tables.xlsx``. Exit codes as for ``run``: 0 fine (warnings
allowed), 1 the study has errors or a plugin failed, 2 unreadable input, an unknown format or a
folder that cannot be written.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

from impactkit.core.i18n import Text, catalog, fill

from .common import (
    PathValue,
    cli_lang,
    command,
    get_plugins,
    guarded,
    load_study,
    option,
    print_findings,
    study_argument,
)

if TYPE_CHECKING:  # pragma: no cover
    from pathlib import Path

FORMATS = "html,pdf,docx,md,xlsx"
MESSAGES = catalog(
    [
        (
            "written",
            ("Wrote the report to {dir}: {files}", "Wrote the report to {dir}: {files}"),
            ("Rapport geschreven naar {dir}: {files}", "Rapport geschreven naar {dir}: {files}"),
        ),
    ]
)


@command(
    name="report",
    help=Text(
        en="Write a study's report for its readers: one self-contained HTML page, PDF, Word, Markdown and the "
        "tables as a workbook.",
        nl="Schrijf het rapport van een studie voor de lezers: één zelfstandige HTML-pagina, PDF, Word, Markdown "
        "en de tabellen als werkmap.",
    ),
)
@study_argument
@option(
    "-o",
    "--output",
    required=True,
    type=PathValue(file_okay=False),
    metavar=Text(en="DIR", nl="MAP"),
    help=Text(
        en="The folder to write to (with figures/, tables/ and result.json).",
        nl="De map om naar te schrijven (met figures/, tables/ en result.json).",
    ),
)
@option(
    "--format",
    "formats",
    default=FORMATS,
    show_default=True,
    metavar=Text(en="LIST", nl="LIJST"),
    help=Text(
        en="Which formats, separated by commas: html, pdf, docx, md, xlsx.",
        nl="Welke formaten, gescheiden door komma's: html, pdf, docx, md, xlsx.",
    ),
)
@click.pass_context
@guarded
def report_command(ctx: click.Context, study: str, output: Path, formats: str) -> None:
    import impactkit
    from impactkit.core.report.write import FILES, check_formats

    from .progress import ProgressBar

    wanted = check_formats([f.strip().lower() for f in formats.split(",") if f.strip()])
    model = load_study(ctx, study)
    lang = cli_lang(ctx, model)
    with ProgressBar(lang=lang) as bar:
        result = impactkit.run(model, plugins=get_plugins(ctx), lang=lang, progress=bar)
        result.write(output, lang=lang, report=wanted, progress=bar)
    print_findings(result.errors, lang, err=True)
    files = ", ".join(FILES[f] for f in wanted)
    click.echo(fill(MESSAGES["written"], n=len(wanted), dir=output, files=files).get(lang))
    ctx.exit(result.exit_code)

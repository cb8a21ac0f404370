"""``impactkit sdg map``: the SDG suggester on a file of texts (a corpus), with the query sets chosen.

One row per text: its goals, the targets the matching queries name, the systems that name each
goal and why (the query's target and the words that matched). The same suggester as
``impactkit code --method sdg`` (:func:`.coding.find`), with the study's ``query_sets`` when
``--study`` is given, the ``--queries`` named on the command line, or the Aurora queries.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path
from typing import Any

import click

from impactkit.cli.plugin import EXIT_OK, Invocation, ProgressBar, argument, dask_client, group, option
from impactkit.plugin import (
    Text,
    UserError,
    atomic_file,
    format_count,
    format_list,
    format_number,
    format_percent,
    read_rows,
)


@group(
    name="sdg",
    help=Text(en="Tools of the SDG method.", nl="Gereedschap van de SDG-methode."),
)
def sdg() -> None:
    pass


def _systems(invocation: Invocation, queries: tuple[str, ...], study: str | None) -> list:
    from .coding import set_names
    from .querysets import load
    from .settings import SdgSettings

    if queries:
        base = Path.cwd()
        return [load(name, base, lambda p: read_rows(p, invocation.plugins), inside=False) for name in queries]
    if study:
        model = invocation.load(study)
        settings = model.method("sdg") or SdgSettings()
        lang = settings.suggest_language or model.language
        return [
            load(name, model.directory, lambda p: read_rows(p, invocation.plugins))
            for name in set_names(settings, lang)
        ]
    return [load("aurora", Path.cwd())]


@sdg.command(
    name="map",
    help=Text(
        en="Suggest SDGs for every text of a corpus (CSV, XLSX, Parquet, JSON lines …): its goals, targets, the "
        "queries that matched and why, one row per text, read and written in chunks.",
        nl="Stel SDG's voor bij elke tekst van een corpus (CSV, XLSX, Parquet, JSON lines …): doelen, subdoelen, de "
        "zoekvragen die pasten en waarom, een rij per tekst, in delen gelezen en geschreven.",
    ),
)
@argument("corpus", type=click.Path(dir_okay=False, path_type=str), metavar=Text(en="FILE", nl="BESTAND"))
@option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=str),
    help=Text(
        en="Write the rows to this file: Parquet when it ends in .parquet, else CSV; the counts per goal go beside "
        "it (NAME.goals.csv). Default: print the rows as CSV.",
        nl="Schrijf de rijen naar dit bestand: Parquet als het op .parquet eindigt, anders CSV; de aantallen per "
        "doel komen ernaast (NAAM.goals.csv). Standaard: toon de rijen als CSV.",
    ),
)
@option(
    "--text-column",
    metavar=Text(en="COLUMN", nl="KOLOM"),
    help=Text(
        en="The column that holds the texts (default: text, abstract, change …).",
        nl="De kolom met de teksten (standaard: text, abstract, verandering …).",
    ),
)
@option(
    "--id-column",
    metavar=Text(en="COLUMN", nl="KOLOM"),
    help=Text(
        en="The column that identifies a text (default: the row number).",
        nl="De kolom die een tekst aanduidt (standaard: het rijnummer).",
    ),
)
@option(
    "--queries",
    multiple=True,
    metavar=Text(en="SET", nl="SET"),
    help=Text(
        en="A query set: aurora, bergen, bergen-topic, bergen-action, keywords-en, lexicon-nl, or a keyword list or query file; "
        "repeat it for several (a goal any of them names is suggested). Default: the study's query_sets, else aurora.",
        nl="Een zoekvraagset: aurora, bergen, bergen-topic, bergen-action, keywords-en, lexicon-nl, of een trefwoordenlijst of "
        "zoekvraagbestand; herhaal voor meer (een doel dat er een noemt wordt voorgesteld). Standaard: de query_sets "
        "van de studie, anders aurora.",
    ),
)
@option(
    "--study",
    type=click.Path(path_type=str),
    help=Text(en="Use the query sets of this study.", nl="Gebruik de zoekvraagsets van deze studie."),
)
@option(
    "--workers",
    type=click.IntRange(min=1),
    default=None,
    metavar="N",
    help=Text(
        en="Map in N local processes (default 1); with --dask, the LocalCluster's workers. The rows are the same.",
        nl="Werk in N lokale processen (standaard 1); met --dask de workers van de LocalCluster. De rijen zijn "
        "dezelfde.",
    ),
)
@option(
    "--scheduler",
    metavar=Text(en="ADDRESS", nl="ADRES"),
    help=Text(
        en="Map on the Dask cluster of this scheduler (tcp://host:8786); needs impactkit[dask] here and impactkit on "
        "the workers.",
        nl="Werk op het Dask-cluster van deze scheduler (tcp://host:8786); vraagt impactkit[dask] hier en impactkit op "
        "de workers.",
    ),
)
@option(
    "--dask",
    "use_dask",
    is_flag=True,
    help=Text(
        en="Map on a Dask LocalCluster on this machine (--workers processes).",
        nl="Werk op een Dask-LocalCluster op deze machine (--workers processen).",
    ),
)
@click.pass_obj
def map_command(
    invocation: Invocation,
    corpus: str,
    output: str | None,
    text_column: str | None,
    id_column: str | None,
    queries: tuple[str, ...],
    study: str | None,
    workers: int | None,
    scheduler: str | None,
    use_dask: bool,
) -> None:
    from .corpus import Writer, is_parquet, open_corpus, spec, summary_csv, summary_path

    lang = invocation.language()
    if scheduler and use_dask:
        raise UserError(
            "give --scheduler ADDRESS or --dask, not both", "geef --scheduler ADRES of --dask, niet allebei"
        )
    if scheduler and workers:
        raise UserError(
            "--workers does not go with --scheduler: the cluster has its own workers",
            "--workers past niet bij --scheduler: het cluster heeft zijn eigen workers",
        )
    systems = _systems(invocation, queries, study)
    source = Path(corpus)
    target = Path(output) if output else None
    if target is not None and target.resolve() == source.resolve():
        raise UserError(
            f"{output}: the output would overwrite the texts; name another file",
            f"{output}: de uitvoer zou de teksten overschrijven; noem een ander bestand",
        )
    if target is not None and summary_path(target).resolve() == source.resolve():
        raise UserError(
            f"{output}: the counts per goal ({summary_path(target).name}) would overwrite the texts; name another file",
            f"{output}: de aantallen per doel ({summary_path(target).name}) zouden de teksten overschrijven; noem een "
            "ander bestand",
        )
    opened = open_corpus(source, corpus, invocation.plugins)
    chunks = opened.chunks(text_column, id_column)
    first = next(chunks, None)  # a wrong column is told before anything is written
    if first is None:
        raise UserError(f"{corpus}: the file holds no texts", f"{corpus}: het bestand bevat geen teksten")
    given = spec(systems)
    texts = with_goal = 0
    counts: dict[int, int] = {}
    with ExitStack() as files:
        # the output and its counts are replaced when both are complete, never left half-written (a
        # kill, a full disk, an error); a link or a missing folder is told before the texts are mapped
        counts_file = files.enter_context(atomic_file(summary_path(target), "wb")) if target is not None else None
        handle = files.enter_context(atomic_file(target, "wb")) if target is not None else None
        writer = Writer(handle if handle is not None else _stdout, parquet=target is not None and is_parquet(target))
        try:
            with (
                ProgressBar(lang=lang) as bar,
                _runner(given, _chained(first, chunks), workers, scheduler, use_dask) as run,
            ):
                for rows, found in run:
                    writer.write(rows)
                    texts += len(rows)
                    with_goal += sum(1 for row in rows if row[1])
                    for goal, n in found.items():
                        counts[goal] = counts.get(goal, 0) + n
                    bar("sdg", texts, opened.total or texts)
        finally:
            writer.close()  # on an error too, before the unfinished output is removed
        if counts_file is not None:
            counts_file.write(summary_csv(counts, texts, with_goal).encode("utf-8"))
    _print_summary(systems, counts, texts, with_goal, lang)
    invocation.exit(EXIT_OK)


def _stdout(text: str) -> None:
    click.echo(text, nl=False)


def _chained(first: list, rest: Any) -> Any:
    yield first
    yield from rest


@contextmanager
def _runner(given: tuple, chunks: Any, workers: int | None, scheduler: str | None, use_dask: bool) -> Iterator[Any]:
    """The chunks' results, in order: on a Dask cluster, in local processes or here."""
    from .corpus import run_dask, run_here, run_local

    if scheduler or use_dask:
        with dask_client(scheduler, workers) as client:
            yield run_dask(given, chunks, client)
    elif workers and workers > 1:
        yield run_local(given, chunks, workers)
    else:
        yield run_here(given, chunks)


def _print_summary(systems: list, counts: dict[int, int], texts: int, with_goal: int, lang: str) -> None:
    """The counts per goal on stderr: one line overall, then a table of the goals named."""
    from .goals import goal

    summary = Text(
        en="{n}, {s} with a suggested goal ({systems}); per goal: {goals}",
        nl="{n}, {s} met een voorgesteld doel ({systems}); per doel: {goals}",
    ).get(lang)
    click.echo(
        summary.format(
            n=format_count(texts, Text(en="text", nl="tekst"), Text(en="texts", nl="teksten"), lang),
            s=format_number(with_goal, lang),
            systems=" + ".join(system.title for system in systems),
            goals=format_list([f"{number}: {format_number(n, lang)}" for number, n in sorted(counts.items())], lang),
        ),
        err=True,
    )
    width = max((len(goal(number).label(lang)) for number in counts), default=0)
    for number, n in sorted(counts.items()):
        click.echo(
            f"  {goal(number).label(lang):<{width}}  {format_number(n, lang):>10}  "
            f"{format_percent(n / texts if texts else None, lang):>7}",
            err=True,
        )

"""``impactkit sdg map``: the SDG suggester on a file of texts (a corpus), with the query sets chosen.

One row per text: its goals, the targets the matching queries name, the systems that name each
goal and why (the query's target and the words that matched). The same suggester as
``impactkit code --method sdg`` (:func:`.coding.find`), with the study's ``query_sets`` when
``--study`` is given, the ``--queries`` named on the command line, or the Aurora queries.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any

import click

from impactkit.cli.plugin import EXIT_OK, Invocation, ProgressBar, argument, group, option
from impactkit.plugin import Text, UserError, format_count, format_list, format_number, read_rows

TEXT_COLUMNS = ("text", "abstract", "change", "verandering", "tekst", "description", "beschrijving")
COLUMNS = ("id", "goals", "targets", "systems", "because")


@group(
    name="sdg",
    help=Text(en="Tools of the SDG method.", nl="Gereedschap van de SDG-methode."),
)
def sdg() -> None:
    pass


def _text_column(header: list[str], wanted: str | None, corpus: str) -> int:
    names = [str(cell or "").strip() for cell in header]
    folded = [name.casefold() for name in names]
    for candidate in (wanted,) if wanted else TEXT_COLUMNS:
        if candidate and candidate.casefold() in folded:
            return folded.index(candidate.casefold())
    shown, shown_nl = (format_list([n for n in names if n], lang) for lang in ("en", "nl"))
    if wanted:
        raise UserError(
            f"{corpus}: there is no column '{wanted}' (columns: {shown})",
            f"{corpus}: er is geen kolom '{wanted}' (kolommen: {shown_nl})",
        )
    raise UserError(
        f"{corpus}: which column holds the texts? Name it with --text-column (columns: {shown})",
        f"{corpus}: welke kolom bevat de teksten? Noem haar met --text-column (kolommen: {shown_nl})",
    )


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


def map_rows(systems: list, texts: list[tuple[str, str]], progress: Any = None) -> tuple[list[list[str]], dict]:
    """``(rows, counts)``: one output row per ``(id, text)``, and per goal how many texts it was suggested for."""
    from .coding import find

    rows = []
    counts: dict[int, int] = {}
    several = len(systems) > 1
    for done, (ident, text) in enumerate(texts, start=1):
        found = find(systems, text)
        for hit in found:
            counts[hit.goal] = counts.get(hit.goal, 0) + 1
        rows.append(
            [
                ident,
                "; ".join(str(hit.goal) for hit in found),
                "; ".join(t for hit in found for t in hit.targets),
                "; ".join(f"{hit.goal}: {', '.join(hit.systems)}" for hit in found) if several else "",
                " | ".join(f"SDG {hit.goal} — {', '.join(hit.reasons)}" for hit in found),
            ]
        )
        if progress is not None:
            progress("sdg", done, len(texts))
    return rows, dict(sorted(counts.items()))


@sdg.command(
    name="map",
    help=Text(
        en="Suggest SDGs for every text of a file (CSV, XLSX …): its goals, targets and why, one row per text.",
        nl="Stel SDG's voor bij elke tekst van een bestand (CSV, XLSX …): doelen, subdoelen en waarom, een rij per "
        "tekst.",
    ),
)
@argument("corpus", type=click.Path(dir_okay=False, path_type=str), metavar=Text(en="FILE", nl="BESTAND"))
@option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=str),
    help=Text(
        en="Write the rows to this CSV file (default: print them).",
        nl="Schrijf de rijen naar dit CSV-bestand (standaard: toon ze).",
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
        en="A query set: aurora, bergen, bergen-topic, bergen-action, lexicon-nl, or a keyword list or query file; "
        "repeat it for several (a goal any of them names is suggested). Default: the study's query_sets, else aurora.",
        nl="Een zoekvraagset: aurora, bergen, bergen-topic, bergen-action, lexicon-nl, of een trefwoordenlijst of "
        "zoekvraagbestand; herhaal voor meer (een doel dat er een noemt wordt voorgesteld). Standaard: de query_sets "
        "van de studie, anders aurora.",
    ),
)
@option(
    "--study",
    type=click.Path(path_type=str),
    help=Text(en="Use the query sets of this study.", nl="Gebruik de zoekvraagsets van deze studie."),
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
) -> None:
    lang = invocation.language()
    systems = _systems(invocation, queries, study)
    source = Path(corpus)
    if output and Path(output).resolve() == source.resolve():
        raise UserError(
            f"{output}: the output would overwrite the texts; name another file",
            f"{output}: de uitvoer zou de teksten overschrijven; noem een ander bestand",
        )
    table = [
        (number, cells)
        for number, cells in read_rows(source, invocation.plugins)
        if any(c not in (None, "") for c in cells)
    ]
    if not table:
        raise UserError(f"{corpus}: the file holds no texts", f"{corpus}: het bestand bevat geen teksten")
    (_, header), rows = table[0], table[1:]
    text_at = _text_column(header, text_column, corpus)
    id_at = _text_column(header, id_column, corpus) if id_column else None

    def cell(cells: list[Any], at: int) -> str:
        value = cells[at] if at < len(cells) else None
        return "" if value is None else str(value)

    texts = [(cell(cells, id_at) if id_at is not None else str(number), cell(cells, text_at)) for number, cells in rows]
    with ProgressBar(lang=lang) as bar:
        out, counts = map_rows(systems, texts, bar)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(COLUMNS)
    writer.writerows(out)
    if output:
        Path(output).write_text(buffer.getvalue(), encoding="utf-8")
    else:
        click.echo(buffer.getvalue(), nl=False)
    summary = Text(
        en="{n}, {s} with a suggested goal ({systems}); per goal: {goals}",
        nl="{n}, {s} met een voorgesteld doel ({systems}); per doel: {goals}",
    ).get(lang)
    click.echo(
        summary.format(
            n=format_count(len(out), Text(en="text", nl="tekst"), Text(en="texts", nl="teksten"), lang),
            s=format_number(sum(1 for row in out if row[1]), lang),
            systems=" + ".join(system.title for system in systems),
            goals=format_list([f"{goal}: {format_number(n, lang)}" for goal, n in counts.items()], lang),
        ),
        err=True,
    )
    invocation.exit(EXIT_OK)

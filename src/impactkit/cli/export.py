"""REFI-QDA on the command line: ``impactkit export qdpx|qdc`` and ``impactkit import qdpx``.

* ``impactkit export qdpx STUDY -o project.qdpx``: the study as a coding-tool project (NVivo,
  ATLAS.ti, MAXQDA, QualCoder): each change a text source, people and groups as cases, the codes of
  every installed coder as the codebook, the study's codes as codings (:mod:`impactkit.core.qda`).
* ``impactkit export qdc STUDY -o codes.qdc``: only the codebook, in the study's language.
* ``impactkit import qdpx PROJECT --study DIR --method NAME``: the codes applied in the coding tool
  back into the method's column, per coder (double coding for κ/α); every problem of the project
  at once, exit 2.

``--method`` chooses the coders (default for the exports: every installed one; for the import:
the only one installed). The exports show the study as every output does: pseudonyms, no quote
without consent.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import click

from impactkit.core.i18n import Text, catalog, fill
from impactkit.core.numbers import format_list, format_number

from .common import (
    EXIT_FINDINGS,
    EXIT_OK,
    PathValue,
    argument,
    changes_study,
    cli_lang,
    command,
    get_plugins,
    group,
    guarded,
    load_study,
    option,
    print_findings,
    study_argument,
)

if TYPE_CHECKING:  # pragma: no cover
    from pathlib import Path

MESSAGES = catalog(
    [
        ("wrote", "Wrote {path}: {what}.", "{path} geschreven: {what}."),
        (
            "project",
            "{sources} changes as sources, {codes} codes, {codings} codings by {users}",
            "{sources} veranderingen als bronnen, {codes} codes, {codings} coderingen door {users}",
        ),
        ("codebook", "{codes} codes of {coders}", "{codes} codes van {coders}"),
        (
            "imported",
            "Read {codings} codings by {users} from {path}: {copied} cells written into {changes} ({added} rows "
            "added for a further coder), {unchanged} already held the project's codes.",
            "{codings} coderingen door {users} gelezen uit {path}: {copied} cellen geschreven in {changes} ({added} "
            "rijen toegevoegd voor een volgende codeur), {unchanged} hadden de codes van het project al.",
        ),
        (
            "no-coders",
            "no installed plugin has codes (`impactkit plugins` lists what is installed)",
            "geen geïnstalleerde plug-in heeft codes (`impactkit plugins` toont wat er geïnstalleerd is)",
        ),
        (
            "unknown",
            "unknown method '{method}'; installed coders: {known}",
            "onbekende methode '{method}'; geïnstalleerde codeurs: {known}",
        ),
        (
            "choose",
            "choose a method with --method; installed coders: {known}",
            "kies een methode met --method; geïnstalleerde codeurs: {known}",
        ),
        ("nobody", "no coder", "geen codeur"),
    ]
)


def _say(key: str, lang: str, **params: Any) -> str:
    return fill(MESSAGES[key], **params).get(lang)


def _coders(ctx: click.Context, method: str | None, lang: str, *, one: bool) -> list[Any]:
    """The coders ``--method`` names (a usage error for an unknown one); without it every installed
    coder, or with ``one`` the only one."""
    coders, problems = get_plugins(ctx).collect("impactkit_coders")
    print_findings(problems, lang, err=True)

    def known() -> str:  # only for a refusal: a list is written with Babel
        return format_list([f"{c.id} ({c.title.get(lang)})" for c in coders], lang)

    if not coders:
        raise click.UsageError(_say("no-coders", lang))
    if method is not None:
        chosen = [c for c in coders if c.id == method.strip().casefold()]
        if not chosen:
            raise click.UsageError(_say("unknown", lang, method=method, known=known()))
        return chosen
    if one and len(coders) > 1:
        raise click.UsageError(_say("choose", lang, known=known()))
    return list(coders)


METHOD = Text(
    en="The method whose codes (see `impactkit plugins`); default: every installed coder.",
    nl="De methode van de codes (zie `impactkit plugins`); standaard: elke geïnstalleerde codeur.",
)
OUTPUT = Text(en="The file to write.", nl="Het bestand dat geschreven wordt.")


@group(
    name="export",
    help=Text(
        en="Write a study for other tools: a REFI-QDA project (qdpx) or codebook (qdc) for NVivo, ATLAS.ti, "
        "MAXQDA and QualCoder.",
        nl="Schrijf een studie voor andere programma's: een REFI-QDA-project (qdpx) of -codeboek (qdc) voor NVivo, "
        "ATLAS.ti, MAXQDA en QualCoder.",
    ),
)
def export_group() -> None:
    pass


def _output(required: bool = True) -> Any:
    return option("-o", "--output", required=required, type=PathValue(dir_okay=False), help=OUTPUT)


@export_group.command(
    name="qdpx",
    help=Text(
        en="The study as a REFI-QDA project: changes as text sources, people and groups as cases, the codebook, "
        "the study's codes as codings.",
        nl="De studie als REFI-QDA-project: veranderingen als tekstbronnen, mensen en groepen als cases, het "
        "codeboek, de codes van de studie als coderingen.",
    ),
)
@study_argument
@_output()
@option("--method", default=None, metavar=Text(en="NAME", nl="NAAM"), help=METHOD)
@click.pass_context
@guarded
def export_qdpx(ctx: click.Context, study: str, output: Path, method: str | None) -> None:
    import zipfile

    from impactkit.core import qda
    from impactkit.core.files import atomic_write
    from impactkit.core.pipeline import context_for

    model = load_study(ctx, study)
    lang = cli_lang(ctx, model)
    coders = _coders(ctx, method, lang, one=False)
    context, _ = context_for(model, get_plugins(ctx), lang=lang)
    data = qda.export_project(context, coders)
    atomic_write(output, data)
    with zipfile.ZipFile(output) as archive:
        sources = sum(1 for name in archive.namelist() if name.startswith("sources/"))
    book = qda.codebook(context, coders)
    users = sorted({(c.coder or "").strip() for c in context.study.change_list}) or [""]
    what = _say(
        "project",
        lang,
        sources=format_number(sources, lang),
        codes=format_number(len(book.codes()), lang),
        codings=format_number(_codings(data), lang),
        users=format_list([u or _say("nobody", lang) for u in users], lang),
    )
    click.echo(_say("wrote", lang, path=output, what=what))
    ctx.exit(EXIT_OK)


def _codings(data: bytes) -> int:
    """The codings in a project written by :func:`impactkit.core.qda.export_project`."""
    import io
    import zipfile

    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return archive.read("project.qde").count(b"<CodeRef ")


@export_group.command(
    name="qdc",
    help=Text(
        en="The codebook of the installed methods (REFI-QDA), in the study's language.",
        nl="Het codeboek van de geïnstalleerde methoden (REFI-QDA), in de taal van de studie.",
    ),
)
@study_argument
@_output()
@option("--method", default=None, metavar=Text(en="NAME", nl="NAAM"), help=METHOD)
@click.pass_context
@guarded
def export_qdc(ctx: click.Context, study: str, output: Path, method: str | None) -> None:
    from impactkit.core import qda
    from impactkit.core.files import atomic_write
    from impactkit.core.pipeline import context_for

    model = load_study(ctx, study)
    lang = cli_lang(ctx, model)
    coders = _coders(ctx, method, lang, one=False)
    context, _ = context_for(model, get_plugins(ctx), lang=lang)
    atomic_write(output, qda.export_codebook(context, coders))
    book = qda.codebook(context, coders)
    titles = format_list([c.title.get(lang) for c in coders], lang)
    what = _say("codebook", lang, codes=format_number(len(book.codes()), lang), coders=titles)
    click.echo(_say("wrote", lang, path=output, what=what))
    ctx.exit(EXIT_OK)


@command(
    name="qdpx",
    help=Text(
        en="Read the codes applied in a coding tool (a REFI-QDA .qdpx project) back into a method's column, per "
        "coder; a cell with other codes is kept unless --replace.",
        nl="Lees de codes uit een codeerprogramma (een REFI-QDA-project, .qdpx) terug in de kolom van een methode, "
        "per codeur; een cel met andere codes blijft staan, behalve met --replace.",
    ),
)
@argument("project", type=PathValue(dir_okay=False), metavar=Text(en="PROJECT", nl="PROJECT"))
@option(
    "--study",
    "study_path",
    required=True,
    type=PathValue(),
    metavar=Text(en="STUDY", nl="STUDIE"),
    help=Text(en="The study whose changes were coded.", nl="De studie waarvan de veranderingen gecodeerd zijn."),
)
@option(
    "--method",
    default=None,
    metavar=Text(en="NAME", nl="NAAM"),
    help=Text(
        en="Whose codes to read (see `impactkit plugins`); default: the only coder installed.",
        nl="Welke codes worden gelezen (zie `impactkit plugins`); standaard: de enige codeur die er is.",
    ),
)
@option(
    "--replace",
    is_flag=True,
    help=Text(
        en="Write the project's codes over other codes in the changes file.",
        nl="Schrijf de codes van het project over andere codes in het veranderingenbestand.",
    ),
)
@click.pass_context
@guarded
@changes_study("study_path")
def import_qdpx(ctx: click.Context, project: Path, study_path: Path, method: str | None, replace: bool) -> None:
    from impactkit.core import qda
    from impactkit.core.coding import CoderFailed
    from impactkit.core.pipeline import context_for

    model = load_study(ctx, study_path)
    lang = cli_lang(ctx, model)
    (coder,) = _coders(ctx, method, lang, one=True)
    context, _ = context_for(model, get_plugins(ctx), lang=model.language)  # codes as the study writes them
    try:
        done = qda.import_project(context, model, coder, project, replace=replace)
    except CoderFailed as exc:
        click.secho(f"impactkit: {exc.text.get(lang)}", fg="red", err=True)
        ctx.exit(EXIT_FINDINGS)
    for note in done.notes:
        click.secho(note.get(lang), fg="yellow", err=True)
    users = format_list([u or _say("nobody", lang) for u in done.users], lang)
    click.echo(
        _say(
            "imported",
            lang,
            codings=format_number(done.codings, lang),
            users=users,
            path=project,
            copied=format_number(done.copied, lang),
            changes=model.changes_file,
            added=format_number(done.added, lang),
            unchanged=format_number(done.unchanged, lang),
        )
    )
    ctx.exit(EXIT_OK)

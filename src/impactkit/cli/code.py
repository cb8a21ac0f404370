"""``impactkit code STUDY --method NAME``: suggested codes for uncoded changes, from a method's coder.

Coders come from plugins (``impactkit_coders``); the core knows no method by name. Three uses:

* ``impactkit code STUDY --method NAME`` writes ``<changes>.NAME-suggestions.csv`` next to the changes
  file: one row per change to code with ``NAME_suggested``, ``NAME_suggested_because`` (the words
  that triggered it) and an empty ``accept`` column. Nothing else is touched. ``--all`` also
  suggests for coded changes (with ``NAME_human``, to compare); ``-o`` writes elsewhere.
* After the researcher marked suggestions ``accept = ja`` (or ``yes``/``x``; the suggested code may
  be edited first), ``impactkit code STUDY --method NAME --accept`` copies those codes into the
  coder's column of the changes file, only into cells that are still empty: a human code is
  never overwritten.
* ``--evaluate`` (for coders that can) compares the suggestions with the human codes of a coded
  study without writing anything; ``--json`` prints the figures as JSON.

``--method`` may be left out when exactly one coder is installed. Exit codes: 0 fine, 1 a plugin
failed, 2 unreadable input or bad usage (an unknown method, ``--evaluate`` for a coder without it).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import click

from impactkit.core.i18n import Text, catalog, fill
from impactkit.core.numbers import format_list

from .common import (
    EXIT_FINDINGS,
    EXIT_INPUT,
    EXIT_OK,
    PathValue,
    changes_study,
    cli_lang,
    command,
    get_plugins,
    guarded,
    invocation,
    load_study,
    option,
    print_findings,
    study_argument,
)

if TYPE_CHECKING:  # pragma: no cover
    from pathlib import Path

MESSAGES = catalog(
    [
        (
            "no-coders",
            "no installed plugin suggests codes (`impactkit plugins` lists what is installed)",
            "geen geïnstalleerde plug-in stelt codes voor (`impactkit plugins` toont wat er geïnstalleerd is)",
        ),
        (
            "choose",
            "choose a method with --method; installed coders: {known}",
            "kies een methode met --method; geïnstalleerde codeurs: {known}",
        ),
        (
            "unknown",
            "unknown method '{method}'; installed coders: {known}",
            "onbekende methode '{method}'; geïnstalleerde codeurs: {known}",
        ),
        (
            "no-evaluate",
            "the coder '{method}' cannot compare its suggestions with human codes (no --evaluate)",
            "de codeur '{method}' kan zijn suggesties niet met menselijke codes vergelijken (geen --evaluate)",
        ),
        (
            "none",
            "Every change has a code in the '{column}' column; nothing to suggest (use --all to compare anyway).",
            "Elke verandering heeft een code in de kolom '{column}'; niets voor te stellen (gebruik --all om toch te "
            "vergelijken).",
        ),
        (
            "wrote",
            "Wrote {n} suggestions for {m} changes to {path} ({k} without a suggestion).",
            "{n} suggesties voor {m} veranderingen geschreven naar {path} ({k} zonder suggestie).",
        ),
        (
            "next",
            "Check them, put 'yes' in the 'accept' column of the ones you agree with (edit the code if needed), "
            "then run: impactkit code {study} --method {method} --accept",
            "Controleer ze, zet 'ja' in de kolom 'accept' bij de suggesties waarmee je instemt (pas de code zo nodig "
            "aan) en voer dan uit: impactkit code {study} --method {method} --accept",
        ),
        ("applied", "Copied {n} accepted codes into {path}.", "{n} geaccepteerde codes overgenomen in {path}."),
        ("applied-one", "Copied 1 accepted code into {path}.", "1 geaccepteerde code overgenomen in {path}."),
        (
            "nothing-accepted",
            "No suggestion is marked accepted in {path} (column 'accept').",
            "Geen enkele suggestie is geaccepteerd in {path} (kolom 'accept').",
        ),
    ]
)


def _say(key: str, lang: str, **params: Any) -> str:
    return fill(MESSAGES[key], **params).get(lang)


def _pick(coders: dict[str, Any], method: str | None, lang: str):
    """The coder ``--method`` names (or the only one installed); a usage error otherwise."""

    def known() -> str:  # only for a refusal: a list is written with Babel
        return format_list([f"{c.id} ({c.title.get(lang)})" for c in coders.values()], lang)

    if not coders:
        raise click.UsageError(_say("no-coders", lang))
    if method is None:
        if len(coders) == 1:
            return next(iter(coders.values()))
        raise click.UsageError(_say("choose", lang, known=known()))
    wanted = method.strip().casefold()
    if wanted not in coders:
        raise click.UsageError(_say("unknown", lang, method=method, known=known()))
    return coders[wanted]


@command(
    name="code",
    help=Text(
        en="Suggest codes for uncoded changes with a method's coder, as suggestions you accept; "
        "a human code is never overwritten.",
        nl="Stel codes voor bij ongecodeerde veranderingen met de codeur van een methode, als suggesties die je "
        "accepteert; een menselijke code wordt nooit overschreven.",
    ),
)
@study_argument
@option(
    "--method",
    default=None,
    metavar=Text(en="NAME", nl="NAAM"),
    help=Text(
        en="Which method's coder (see `impactkit plugins`); default: the only one installed.",
        nl="De codeur van welke methode (zie `impactkit plugins`); standaard: de enige die er is.",
    ),
)
@option(
    "--all",
    "include_coded",
    is_flag=True,
    help=Text(
        en="Also suggest for coded changes (adds <method>_human to compare).",
        nl="Ook suggesties voor gecodeerde veranderingen (met <methode>_human om te vergelijken).",
    ),
)
@option(
    "-o",
    "--output",
    type=PathValue(),
    default=None,
    help=Text(
        en="Suggestions file (default: <changes>.<method>-suggestions.csv).",
        nl="Suggestiebestand (standaard: <veranderingen>.<methode>-suggestions.csv).",
    ),
)
@option(
    "--accept",
    "do_accept",
    is_flag=True,
    help=Text(
        en="Copy the accepted suggestions into empty cells of the changes file.",
        nl="Neem de geaccepteerde suggesties over in lege cellen van het veranderingenbestand.",
    ),
)
@option(
    "--evaluate",
    is_flag=True,
    help=Text(
        en="Compare the suggestions with the human codes; writes nothing.",
        nl="Vergelijk de suggesties met de menselijke codes; schrijft niets.",
    ),
)
@option("--json", "as_json", is_flag=True, help=Text(en="With --evaluate: print JSON.", nl="Met --evaluate: JSON."))
@click.pass_context
@guarded
@changes_study(when="do_accept")
def code_command(
    ctx: click.Context,
    study: str,
    method: str | None,
    include_coded: bool,
    output: Path | None,
    do_accept: bool,
    evaluate: bool,
    as_json: bool,
) -> None:
    from impactkit.core import coding
    from impactkit.core.errors import UserError

    coders, problems = get_plugins(ctx).collect("impactkit_coders")
    print_findings(problems, cli_lang(ctx), err=True)
    coder = _pick({c.id: c for c in coders}, method, cli_lang(ctx))
    if evaluate and coder.evaluate is None:
        raise click.UsageError(_say("no-evaluate", cli_lang(ctx), method=coder.id))
    model = load_study(ctx, study)
    lang = cli_lang(ctx, model)
    context = coding.coding_context(model, lang)
    target = output or coding.suggestions_path(model, coder.id, writing=not (evaluate or do_accept))
    try:
        if evaluate:
            result = coding.evaluate(context, coder)
            if as_json:
                import json

                click.echo(json.dumps(result.figures, indent=2, ensure_ascii=False))
            else:
                click.echo(result.summary.get(lang))
        elif do_accept:
            done = coding.accept(context, coder, target)
            if not done.accepted:
                click.echo(_say("nothing-accepted", lang, path=target))
            else:
                for note in done.notes:
                    click.secho(note.get(lang), fg="yellow", err=True)
                click.echo(
                    _say("applied-one" if done.copied == 1 else "applied", lang, n=done.copied, path=model.changes_file)
                )
        else:
            rows = coding.suggestion_rows(context, coder, include_coded=include_coded)
            if not rows:
                click.echo(_say("none", lang, column=coder.column))
            else:
                coding.write_suggestions(rows, target, coder.id)
                made = sum(1 for row in rows if row[f"{coder.id}_suggested"])
                click.echo(_say("wrote", lang, n=made, m=len(rows), path=target, k=len(rows) - made))
                click.echo(_say("next", lang, study=study, method=coder.id))
    except UserError as exc:  # in the study's language, which `guarded` does not know
        click.echo(f"impactkit: {exc.text.get(lang)}", err=True)
        ctx.exit(EXIT_INPUT)
    except coding.CoderFailed as exc:
        if invocation(ctx).debug:
            raise
        click.secho(f"impactkit: {exc.text.get(lang)}", fg="red", err=True)
        ctx.exit(EXIT_FINDINGS)
    ctx.exit(EXIT_FINDINGS if problems else EXIT_OK)

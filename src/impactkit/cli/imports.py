"""``impactkit import``: bring data from other files into a study.

``impactkit import changes FILE --study DIR`` reads a survey export (CSV in any common encoding,
XLSX, ODS; Microsoft Forms, Qualtrics, KoboToolbox, LimeSurvey, Google Forms) into the study's
changes file (:mod:`impactkit.core.importer`): ``--map FIELD=HEADER`` and ``--map-value
FIELD:TEXT=VALUE`` say which column holds which field and what a value means (``auto`` takes
impactkit's proposals), ``--sheet``/``--header-rows``/``--wide`` how to read it. Names become
pseudonyms unless ``--keep-names``; columns of personal data or survey administration the study
does not use are left out (``--keep HEADER`` copies one). The mapping used is saved in
``study.yaml``, so the next export of the same survey imports with no flags.

The group is :data:`import_group`; it holds ``impactkit import qdpx`` too, which lives with the
REFI-QDA export in :mod:`impactkit.cli.export`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import click

from impactkit.core.i18n import Text, catalog, fill, plural, resolve_lang

from .common import (
    EXIT_INPUT,
    PathValue,
    argument,
    changes_study,
    get_plugins,
    group,
    guarded,
    invocation,
    option,
)
from .export import import_qdpx

if TYPE_CHECKING:  # pragma: no cover
    from pathlib import Path

    from impactkit.core.importer import Imported

MESSAGES = catalog(
    [
        (
            "imported",
            ("Imported {n} change into {path}", "Imported {n} changes into {path}"),
            ("{n} verandering geïmporteerd in {path}", "{n} veranderingen geïmporteerd in {path}"),
        ),
        (
            "imported-appended",
            (
                "Imported {n} change into {path}, after the {old} already there",
                "Imported {n} changes into {path}, after the {old} already there",
            ),
            (
                "{n} verandering geïmporteerd in {path}, na de {old} die er al stonden",
                "{n} veranderingen geïmporteerd in {path}, na de {old} die er al stonden",
            ),
        ),
        (
            "imported-moved",
            (
                "Imported {n} change into {path}, after the {old} from {where}, which moved there with it",
                "Imported {n} changes into {path}, after the {old} from {where}, which moved there with them",
            ),
            (
                "{n} verandering geïmporteerd in {path}, na de {old} uit {where}, die daarheen zijn meeverhuisd",
                "{n} veranderingen geïmporteerd in {path}, na de {old} uit {where}, die daarheen zijn meeverhuisd",
            ),
        ),
        (
            "imported-replaced",
            (
                "Imported {n} change into {path}; replaced {replaced} from {where}",
                "Imported {n} changes into {path}; replaced {replaced} from {where}",
            ),
            (
                "{n} verandering geïmporteerd in {path}; {replaced} uit {where} vervangen",
                "{n} veranderingen geïmporteerd in {path}; {replaced} uit {where} vervangen",
            ),
        ),
        (
            "imported-replaced-unreadable",
            (
                "Imported {n} change into {path}; replaced the unreadable {where}",
                "Imported {n} changes into {path}; replaced the unreadable {where}",
            ),
            (
                "{n} verandering geïmporteerd in {path}; het onleesbare {where} vervangen",
                "{n} veranderingen geïmporteerd in {path}; het onleesbare {where} vervangen",
            ),
        ),
        ("read-as", "Read {what}", "Gelezen: {what}"),
        ("tool", "a {tool} export", "een export van {tool}"),
        ("sheet", "sheet '{sheet}'", "blad '{sheet}'"),
        ("header-rows", "a header of {n} rows", "een kop van {n} rijen"),
        ("columns", "Columns: {columns}", "Kolommen: {columns}"),
        (
            "chose",
            "--map auto chose {field} <- '{header}' ({reason})",
            "--map auto koos {field} <- '{header}' ({reason})",
        ),
        (
            "chose-value",
            "--map-value auto read '{value}' as stakeholder '{meant}'",
            "--map-value auto las '{value}' als stakeholder '{meant}'",
        ),
        (
            "suggest",
            "Not mapped, but it may hold {field}: '{header}' ({reason}); to take it: {flag}",
            "Niet gekoppeld, maar het kan {field} bevatten: '{header}' ({reason}); om het te nemen: {flag}",
        ),
        (
            "left-out",
            (
                "Left out {n} column the study does not use (personal data or survey administration): {columns}; "
                "copy one with --keep HEADER",
                "Left out {n} columns the study does not use (personal data or survey administration): {columns}; "
                "copy one with --keep HEADER",
            ),
            (
                "{n} kolom weggelaten die de studie niet gebruikt (persoonsgegevens of administratie van de "
                "enquêtetool): {columns}; neem er een mee met --keep KOP",
                "{n} kolommen weggelaten die de studie niet gebruikt (persoonsgegevens of administratie van de "
                "enquêtetool): {columns}; neem er een mee met --keep KOP",
            ),
        ),
        (
            "pseudonyms",
            (
                "Names replaced by pseudonyms ({n} name, {new} new); the key is in {path}, which holds personal "
                "data: keep it safe and share it with no one (--keep-names keeps names)",
                "Names replaced by pseudonyms ({n} names, {new} new); the key is in {path}, which holds personal "
                "data: keep it safe and share it with no one (--keep-names keeps names)",
            ),
            (
                "Namen vervangen door pseudoniemen ({n} naam, {new} nieuw); de sleutel staat in {path}, met "
                "persoonsgegevens: bewaar het veilig en deel het met niemand (--keep-names houdt de namen)",
                "Namen vervangen door pseudoniemen ({n} namen, {new} nieuw); de sleutel staat in {path}, met "
                "persoonsgegevens: bewaar het veilig en deel het met niemand (--keep-names houdt de namen)",
            ),
        ),
        (
            "saved",
            "The mapping is saved in {study} (changes:): the next export of this survey imports without --map",
            "De koppeling staat in {study} (changes:): de volgende export van deze enquête importeert zonder --map",
        ),
        (
            "bad-map",
            '--map {given}: write FIELD=HEADER (e.g. --map "change=What has changed for you?"), or --map auto',
            '--map {given}: schrijf VELD=KOP (bv. --map "change=Wat is er voor jou veranderd?"), of --map auto',
        ),
        (
            "bad-map-value",
            "--map-value {given}: write FIELD:TEXT=VALUE (e.g. --map-value stakeholder:Student=studenten), or "
            "--map-value auto",
            "--map-value {given}: schrijf VELD:TEKST=WAARDE (bv. --map-value stakeholder:Student=studenten), of "
            "--map-value auto",
        ),
    ]
)

TOOLS = {"forms": "Microsoft Forms", "qualtrics": "Qualtrics", "kobo": "KoboToolbox", "limesurvey": "LimeSurvey"}


def say(key: str, lang: str, **params: Any) -> str:
    """Message ``key`` of :data:`MESSAGES`, filled in, in ``lang``."""
    return fill(MESSAGES[key], **params).get(lang)


@group(
    name="import",
    help=Text(en="Bring data from other files into a study.", nl="Haal gegevens uit andere bestanden in een studie."),
)
def import_group() -> None:
    pass


import_group.add_command(import_qdpx)  # `impactkit import qdpx` lives with `export qdpx` (cli/export.py)


def parse_maps(given: tuple[str, ...], lang: str) -> tuple[dict[str, str], bool]:
    """``--map FIELD=HEADER`` (repeatable) as field → header, and whether ``--map auto`` was given."""
    columns: dict[str, str] = {}
    auto = False
    for item in given:
        if item.strip().casefold() == "auto":
            auto = True
            continue
        name, sep, header = item.partition("=")
        if not sep or not name.strip() or not header.strip():
            raise click.UsageError(say("bad-map", lang, given=item))
        columns[name.strip()] = header.strip()
    return columns, auto


def parse_values(given: tuple[str, ...], lang: str) -> tuple[dict[str, dict[str, str]], bool]:
    """``--map-value FIELD:TEXT=VALUE`` (repeatable) as field → {text: value}, and whether
    ``--map-value auto`` was given. The value is after the last ``=``, so a text may hold one."""
    values: dict[str, dict[str, str]] = {}
    auto = False
    for item in given:
        if item.strip().casefold() == "auto":
            auto = True
            continue
        name, sep, rest = item.partition(":")
        text, sep2, meant = rest.rpartition("=")
        if not sep or not sep2 or not name.strip() or not text.strip() or not meant.strip():
            raise click.UsageError(say("bad-map-value", lang, given=item))
        values.setdefault(name.strip(), {})[text.strip()] = meant.strip()
    return values, auto


def _study_language(study_path: Path) -> str | None:
    """The ``language:`` of the study, read without checking the study (``None`` when unknown)."""
    from impactkit.core.errors import StudyError
    from impactkit.core.load import read_yaml, resolve_study_path

    try:
        root = read_yaml(resolve_study_path(study_path))
    except (StudyError, OSError):
        return None
    language = root.get("language") if isinstance(root, dict) else None
    return language if language in ("nl", "en") else None


def _sheet_option(value: str | None) -> str | int | None:
    if value is None:
        return None
    return int(value) if value.strip().isdigit() else value


@import_group.command(
    name="changes",
    help=Text(
        en="Import experienced changes from a survey export (CSV, XLSX, ODS; Microsoft Forms, Qualtrics, "
        "KoboToolbox, LimeSurvey, Google Forms) into the study's changes file. Names become pseudonyms; the "
        "mapping is saved in study.yaml (which keeps its comments). See docs/importing.md.",
        nl="Importeer ervaren veranderingen uit een enquête-export (CSV, XLSX, ODS; Microsoft Forms, Qualtrics, "
        "KoboToolbox, LimeSurvey, Google Forms) in het veranderingenbestand van de studie. Namen worden "
        "pseudoniemen; de koppeling wordt bewaard in study.yaml (dat zijn commentaar houdt). Zie "
        "docs/importing.md.",
    ),
)
@argument("file", type=PathValue(dir_okay=False), metavar=Text(en="FILE", nl="BESTAND"))
@option(
    "--study",
    "study_path",
    required=True,
    type=PathValue(),
    metavar=Text(en="STUDY", nl="STUDIE"),
    help=Text(
        en="The study to import into (its folder or study.yaml).",
        nl="De studie waarin je importeert (de map of study.yaml).",
    ),
)
@option(
    "--map",
    "maps",
    multiple=True,
    metavar=Text(en="FIELD=HEADER", nl="VELD=KOP"),
    help=Text(
        en="The column that holds a field of a change (person, respondent, role, stakeholder, change, quote, "
        "consent, importance, theme, outcome, wave, or a column a plugin declares: impactkit schema), by its header "
        "(repeatable); --map auto takes the columns impactkit proposes.",
        nl="De kolom met een veld van een verandering (person, respondent, role, stakeholder, change, quote, "
        "consent, importance, theme, outcome, wave, of een kolom van een plug-in: impactkit schema), bij zijn kop "
        "(herhaalbaar); --map auto neemt de kolommen die impactkit voorstelt.",
    ),
)
@option(
    "--map-value",
    "map_values",
    multiple=True,
    metavar=Text(en="FIELD:TEXT=VALUE", nl="VELD:TEKST=WAARDE"),
    help=Text(
        en="What a value of the export means, e.g. stakeholder:Student=studenten (repeatable); --map-value auto "
        "reads each unknown stakeholder as the one it most likely means.",
        nl="Wat een waarde in de export betekent, bv. stakeholder:Student=studenten (herhaalbaar); --map-value "
        "auto leest elke onbekende stakeholder als die het meest waarschijnlijk bedoeld is.",
    ),
)
@option(
    "--sheet",
    metavar=Text(en="NAME|N", nl="NAAM|N"),
    help=Text(
        en="The workbook's sheet: its name or its position (1 is the first); default: the sheet that holds the "
        "changes.",
        nl="Het blad van de werkmap: de naam of de plaats (1 is het eerste); standaard: het blad met de veranderingen.",
    ),
)
@option(
    "--header-rows",
    type=click.IntRange(1, 20),
    metavar="N",
    help=Text(
        en="How many rows the header takes (a Qualtrics export's 3 are found by themselves).",
        nl="Hoeveel rijen de kop beslaat (de 3 van een Qualtrics-export worden vanzelf gevonden).",
    ),
)
@option(
    "--wide",
    is_flag=True,
    default=None,
    help=Text(
        en="Several changes per respondent in numbered columns (Verandering 1, Verandering 2, Citaat 1, ...): "
        "one change per filled cell.",
        nl="Meerdere veranderingen per respondent in genummerde kolommen (Verandering 1, Verandering 2, "
        "Citaat 1, ...): één verandering per gevulde cel.",
    ),
)
@option(
    "--keep",
    multiple=True,
    metavar=Text(en="HEADER", nl="KOP"),
    help=Text(
        en="Copy this column although it looks like personal data or survey administration (repeatable).",
        nl="Neem deze kolom mee, hoewel hij op persoonsgegevens of enquête-administratie lijkt (herhaalbaar).",
    ),
)
@option(
    "--keep-names",
    is_flag=True,
    default=None,
    help=Text(
        en="Keep the names in the person column (default: pseudonyms R001, R002, ...).",
        nl="Houd de namen in de persoonkolom (standaard: pseudoniemen R001, R002, ...).",
    ),
)
@option(
    "--append",
    is_flag=True,
    help=Text(
        en="Add to the changes the study already has.", nl="Voeg toe aan de veranderingen die de studie al heeft."
    ),
)
@option(
    "--force",
    is_flag=True,
    help=Text(
        en="Replace the changes the study already has (without --append or --force, an import into a study "
        "with changes is refused).",
        nl="Vervang de veranderingen die de studie al heeft (zonder --append of --force wordt importeren in een "
        "studie met veranderingen geweigerd).",
    ),
)
@option(
    "--lang",
    type=click.Choice(["nl", "en"]),
    help=Text(
        en="The language of the messages (default: the study's).",
        nl="De taal van de meldingen (standaard: die van de studie).",
    ),
)
@click.pass_context
@guarded
@changes_study("study_path")
def import_changes_command(
    ctx: click.Context,
    file: Path,
    study_path: Path,
    maps: tuple[str, ...],
    map_values: tuple[str, ...],
    sheet: str | None,
    header_rows: int | None,
    wide: bool | None,
    keep: tuple[str, ...],
    keep_names: bool | None,
    append: bool,
    force: bool,
    lang: str | None,
) -> None:
    from impactkit.core.errors import StudyError, UserError
    from impactkit.core.importer import import_changes

    state = invocation(ctx)
    lang = resolve_lang(lang or state.lang, _study_language(study_path))
    columns, auto = parse_maps(maps, lang)
    values, values_auto = parse_values(map_values, lang)
    try:
        done = import_changes(
            file,
            study_path,
            get_plugins(ctx),
            append=append,
            force=force,
            columns=columns,
            auto=auto,
            values=values,
            values_auto=values_auto,
            sheet=_sheet_option(sheet),
            header_rows=header_rows,
            wide=wide,
            keep=keep,
            keep_names=keep_names,
        )
    except StudyError as exc:  # told in the study's language, which the common handler cannot know
        for problem in exc.problems:
            click.echo(problem.render(lang), err=True)
        ctx.exit(EXIT_INPUT)
    except UserError as exc:
        raise UserError(exc.text.en, exc.text.nl, lang=lang) from None
    for line in report(done, lang, study_path):
        click.echo(line)


def report(done: "Imported", lang: str, study_path: Path) -> list[str]:
    """What the import did, one line each, in ``lang``."""
    params = {
        "n": done.count,
        "path": done.target,
        "old": done.previous,
        "replaced": plural(
            done.previous or 0,
            Text(en="{n} change", nl="{n} verandering"),
            Text(en="{n} changes", nl="{n} veranderingen"),
        ),
        "where": done.previous_source + (" (inline)" if done.inline else ""),
    }
    if done.mode == "append":
        key = "imported-moved" if done.inline else "imported-appended"
    elif done.mode == "replace":
        key = "imported-replaced" if done.previous is not None else "imported-replaced-unreadable"
    else:
        key = "imported"
    lines = [say(key, lang, **params)]
    shape = []
    if done.tool:
        shape.append(say("tool", lang, tool=TOOLS.get(done.tool, done.tool)))
    if done.sheet:
        shape.append(say("sheet", lang, sheet=done.sheet))
    if done.header_rows > 1:
        shape.append(say("header-rows", lang, n=done.header_rows))
    if shape:
        lines.append(say("read-as", lang, what=", ".join(shape)))
    lines.append(say("columns", lang, columns=", ".join(f"{f} <- '{c}'" for f, c in done.columns.items())))
    lines += [say("chose", lang, field=p.field, header=p.header, reason=p.reason.get(lang)) for p in done.chosen]
    lines += [say("chose-value", lang, value=v, meant=m) for v, m in done.values_chosen.items()]
    if done.left_out:
        lines.append(say("left-out", lang, n=len(done.left_out), columns=", ".join(done.left_out)))
    if done.names and done.pseudonyms is not None:
        lines.append(say("pseudonyms", lang, n=done.names, new=done.new_names, path=done.pseudonyms))
    from impactkit.core.mapping import map_flag

    for proposal in done.suggested:
        flag = map_flag(proposal.field, proposal.header)
        lines.append(
            say(
                "suggest",
                lang,
                field=proposal.field,
                header=proposal.header,
                reason=proposal.reason.get(lang),
                flag=flag,
            )
        )
    if done.saved:
        lines.append(say("saved", lang, study=study_path))
    return lines

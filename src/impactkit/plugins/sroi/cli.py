"""``impactkit sroi``: export and import impact maps, run the Monte Carlo simulation, write a template.

Exit codes follow impactkit's: 0 fine, 1 the study or map has errors, 2 unreadable input or bad
usage. Problems in a map file are printed one per line as ``FILE:ROW:COLUMN: message``.
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path
from typing import Any

import click

from impactkit.core.i18n import Text, default_lang, resolve_lang

EXIT_OK, EXIT_FINDINGS, EXIT_INPUT = 0, 1, 2

M = {k: Text(en=en, nl=nl) for k, en, nl in [
    ("group", "Social Return on Investment: impact maps (Value Map) and uncertainty.",
     "Maatschappelijk rendement (SROI): impactmaps (Value Map) en onzekerheid."),
    ("export", "Write the impact map and results of STUDY as XLSX (laid out like SVI's Value Map) or CSV.",
     "Schrijf de impactmap en resultaten van STUDIE als XLSX (zoals de Value Map van SVI) of CSV."),
    ("import", "Check an impact-map file (CSV/XLSX); with --study, make it the study's impact map.",
     "Controleer een impactmap-bestand (CSV/XLSX); met --study wordt het de impactmap van de studie."),
    ("montecarlo", "Run the Monte Carlo simulation of STUDY's ratio.",
     "Voer de Monte-Carlosimulatie van de ratio van STUDIE uit."),
    ("template", "Write an empty impact map (CSV or XLSX) to fill in.",
     "Schrijf een lege impactmap (CSV of XLSX) om in te vullen."),
    ("no-section", "{study}: the study has no 'methods.sroi' section", "{study}: de studie heeft geen sectie 'methods.sroi'"),
    ("wrote", "Wrote {path}", "{path} geschreven"),
    ("format", "unsupported output type '{suffix}'; use .xlsx or .csv", "niet-ondersteund uitvoertype '{suffix}'; gebruik .xlsx of .csv"),
    ("read-ok", "{file}: {n} rows, no errors", "{file}: {n} rijen, geen fouten"),
    ("read-bad", "{file}: {n} error(s)", "{file}: {n} fout(en)"),
    ("exists", "{path} exists already; use --force to overwrite", "{path} bestaat al; gebruik --force om te overschrijven"),
    ("has-map", "the study has an impact map already ({what}); use --force to replace it",
     "de studie heeft al een impactmap ({what}); gebruik --force om die te vervangen"),
    ("imported", "Imported {n} rows into {path} ({how})", "{n} rijen geïmporteerd in {path} ({how})"),
    ("inline", "inline under methods.sroi.outcomes", "inline onder methods.sroi.outcomes"),
    ("linked", "methods.sroi.impact_map: {file}", "methods.sroi.impact_map: {file}"),
    ("certain", "nothing is uncertain: no number has a range or distribution, so the ratio is a single "
     "number, {ratio}; nothing to simulate",
     "niets is onzeker: geen getal heeft een bereik of verdeling, dus de ratio is één getal, {ratio}; "
     "niets te simuleren"),
    ("no-ratio", "nothing to simulate: there are no inputs with a value, so there is no ratio",
     "niets te simuleren: er zijn geen investeringen met een waarde, dus er is geen ratio"),
    ("not-computed", "the SROI figures cannot be computed; fix these first:",
     "de SROI-cijfers kunnen niet worden berekend; herstel eerst:"),
]}


def _say(key: str, lang: str, **params: Any) -> str:
    return M[key].get(lang).format(**params)


def _help(key: str) -> str:
    lang = os.environ.get("IMPACTKIT_LANG", "").strip().lower()
    return M[key].get(lang if lang in ("en", "nl") else default_lang())


def _lang(ctx: click.Context, study: Any = None) -> str:
    explicit = (ctx.find_root().params or {}).get("lang")
    return resolve_lang(explicit, getattr(study, "language", None))


def _plugins(ctx: click.Context) -> Any:
    try:
        from impactkit.cli.main import get_plugins

        return get_plugins(ctx)
    except Exception:  # noqa: BLE001 - outside impactkit's own CLI (e.g. a test invoking the group)
        return None


def _load(ctx: click.Context, path: str) -> Any:
    """The study and its SROI analysis; input errors → one line each, exit 2."""
    import impactkit
    from impactkit.core.errors import StudyError

    try:
        study = impactkit.load(path, plugins=_plugins(ctx))
    except StudyError as exc:
        lang = _lang(ctx)
        for problem in exc.problems:
            click.echo(problem.render(lang), err=True)
        ctx.exit(EXIT_INPUT)
    lang = _lang(ctx, study)
    if study.method("sroi") is None:
        click.echo("impactkit: " + _say("no-section", lang, study=path), err=True)
        ctx.exit(EXIT_INPUT)
    from impactkit.core.io import locate

    from .analysis import Analysis

    return study, Analysis(study, locate=lambda p: locate(study, p)), lang


def _print_problems(findings: list[Any], lang: str) -> None:
    colours = {"error": "red", "warning": "yellow", "info": "blue"}
    for finding in findings:
        loc = finding.location
        if loc is not None and loc.row is not None:
            where = f"{loc.file}:{loc.row}:{loc.key}" if loc.key else f"{loc.file}:{loc.row}"
            text = f"{where}: {finding.message.get(lang)}"
        else:
            text = finding.render(lang)
        click.secho(text, fg=colours.get(finding.severity), err=True)


@click.group(name="sroi", help=_help("group"))
def sroi() -> None:
    pass


@sroi.command(name="export", help=_help("export"))
@click.argument("study", type=click.Path(path_type=str))
@click.option("-o", "--output", type=click.Path(path_type=Path), required=True,
              help="map.xlsx | map.csv")
@click.option("--force", is_flag=True, help="Overwrite OUTPUT. / Overschrijf OUTPUT.")
@click.pass_context
def export_command(ctx: click.Context, study: str, output: Path, force: bool) -> None:
    _, analysis, lang = _load(ctx, study)
    suffix = output.suffix.lower()
    if suffix not in (".xlsx", ".csv"):
        raise click.UsageError(_say("format", lang, suffix=suffix or "?"))
    if output.exists() and not force:
        click.echo("impactkit: " + _say("exists", lang, path=output), err=True)
        ctx.exit(EXIT_INPUT)
    problems = analysis.value_map.problems
    if problems:
        _print_problems(problems, lang)
    from . import io

    if suffix == ".xlsx":
        io.write_xlsx(output, analysis, lang)
    else:
        calc = analysis.calculation
        results = None if calc is None else {"impact": list(calc.impact), "present_value": list(calc.present_value)}
        io.write_csv(output, [line.row for line in analysis.value_map.lines], results)
    click.echo(_say("wrote", lang, path=output))
    ctx.exit(EXIT_OK if analysis.value_map.ok else EXIT_FINDINGS)


@sroi.command(name="import", help=_help("import"))
@click.argument("file", type=click.Path(path_type=Path))
@click.option("--study", "study_path", type=click.Path(path_type=str), default=None,
              help="Study to import into. / Studie om in te importeren.")
@click.option("--inline", is_flag=True, help="Write the rows into study.yaml instead of linking the file. / "
                                             "Schrijf de rijen in study.yaml in plaats van naar het bestand te verwijzen.")
@click.option("--force", is_flag=True, help="Replace an existing impact map. / Vervang een bestaande impactmap.")
@click.pass_context
def import_command(ctx: click.Context, file: Path, study_path: str | None, inline: bool, force: bool) -> None:
    from .io import MapFileError, read_impact_map
    from .mapping import resolve_stakeholders, row_checks

    study = None
    if study_path is not None:
        import impactkit
        from impactkit.core.errors import StudyError

        try:
            study = impactkit.load(study_path, plugins=_plugins(ctx))
        except StudyError as exc:
            for problem in exc.problems:
                click.echo(problem.render(_lang(ctx)), err=True)
            ctx.exit(EXIT_INPUT)
    lang = _lang(ctx, study)
    try:
        imported = read_impact_map(file)
    except MapFileError as exc:
        click.echo(exc.problem.render(lang), err=True)
        ctx.exit(EXIT_INPUT)
    problems = list(imported.problems) + row_checks(imported.rows, imported.origins)
    if study is not None:
        problems += resolve_stakeholders(study, imported)
    problems.sort(key=lambda p: (p.row or 0, p.column or ""))
    for problem in problems:
        click.secho(problem.render(lang), fg="red" if problem.severity == "error" else "yellow", err=True)
    errors = [p for p in problems if p.severity == "error"]
    if errors:
        click.echo(_say("read-bad", lang, file=file, n=len(errors)), err=True)
        ctx.exit(EXIT_INPUT)
    if study is None:
        click.echo(_say("read-ok", lang, file=file, n=len(imported.rows)))
        return
    _write_into_study(ctx, study, file, imported.rows, inline, force, lang)


def _write_into_study(ctx: click.Context, study: Any, file: Path, rows: list[Any], inline: bool, force: bool,
                      lang: str) -> None:
    from ruamel.yaml import YAML
    from ruamel.yaml.comments import CommentedMap

    from .io import rows_to_yaml

    path: Path = study.path
    yaml = YAML(typ="rt")
    yaml.preserve_quotes = True
    yaml.width = 4096
    root = yaml.load(path.read_text(encoding="utf-8-sig"))
    methods = root.get("methods")
    if methods is None:
        methods = root["methods"] = CommentedMap()
    section = methods.get("sroi")
    if section is None:
        section = methods["sroi"] = CommentedMap()
    existing = []
    if section.get("outcomes"):
        existing.append(f"{len(section['outcomes'])} inline")
    if section.get("impact_map"):
        existing.append(str(section["impact_map"]))
    target_dir = path.parent
    if inline:
        if existing and not force:
            click.echo("impactkit: " + _say("has-map", lang, what=", ".join(existing)), err=True)
            ctx.exit(EXIT_INPUT)
        section["outcomes"] = rows_to_yaml(rows)
        section.pop("impact_map", None)
        how = _say("inline", lang)
    else:
        try:
            relative = file.resolve().relative_to(target_dir.resolve())
        except ValueError:
            relative = Path(file.name)
            destination = target_dir / relative
            if destination.exists() and not force:
                click.echo("impactkit: " + _say("exists", lang, path=destination), err=True)
                ctx.exit(EXIT_INPUT)
            shutil.copyfile(file, destination)
        same = str(section.get("impact_map") or "") == relative.as_posix() and not section.get("outcomes")
        if existing and not same and not force:
            click.echo("impactkit: " + _say("has-map", lang, what=", ".join(existing)), err=True)
            ctx.exit(EXIT_INPUT)
        section["impact_map"] = relative.as_posix()
        section.pop("outcomes", None)
        how = _say("linked", lang, file=relative.as_posix())
    with open(path, "w", encoding="utf-8") as handle:
        yaml.dump(root, handle)
    click.echo(_say("imported", lang, n=len(rows), path=path, how=how))


@sroi.command(name="montecarlo", help=_help("montecarlo"))
@click.argument("study", type=click.Path(path_type=str))
@click.option("--draws", type=click.IntRange(100, 100_000_000), default=None, help="Number of draws (default: the study's).")
@click.option("--seed", type=click.IntRange(0), default=None, help="Random seed (default: the study's).")
@click.option("--chunk-size", type=click.IntRange(1), default=None, help="Draws per chunk (memory).")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.option("--histogram", type=click.Path(path_type=Path), default=None, help="Write the histogram (png/svg/pdf).")
@click.pass_context
def montecarlo_command(ctx: click.Context, study: str, draws: int | None, seed: int | None, chunk_size: int | None,
                       as_json: bool, histogram: Path | None) -> None:
    _, analysis, lang = _load(ctx, study)
    if not analysis.value_map.ok:
        click.echo(_say("not-computed", lang), err=True)
        _print_problems(analysis.value_map.problems, lang)
        ctx.exit(EXIT_FINDINGS)
    settings = analysis.settings.monte_carlo
    result = analysis.run_monte_carlo(draws or settings.draws, settings.seed if seed is None else seed,
                                      chunk_size or settings.chunk_size)
    if result is None:  # nothing uncertain, or no inputs: a fact about the study, not an error
        _nothing_to_simulate(analysis, lang, as_json)
        return
    stats = dict(result.stats)
    if histogram is not None:
        from impactkit.core.render import render_chart

        from .charts import monte_carlo_chart

        figure = monte_carlo_chart(analysis, lang, result)
        histogram.write_bytes(render_chart(figure, histogram.suffix.lstrip(".").lower() or "png"))
    if as_json:
        click.echo(json.dumps(stats, indent=2))
        return
    from . import formatting as fmt

    width = max(len(k) for k in stats)
    for key, value in stats.items():
        shown = value if isinstance(value, int) else fmt.plain(value, lang) if key.startswith("present") else (
            fmt.number(value, 4, lang) if isinstance(value, float) else value)
        click.echo(f"{key.ljust(width)}  {shown}")


def _nothing_to_simulate(analysis: Any, lang: str, as_json: bool) -> None:
    """Say why there is no simulation: the ratio is one number, or there is no ratio."""
    from . import formatting as fmt

    summary = analysis.summary or {}
    ratio = summary.get("ratio")
    if ratio is None:
        message = _say("no-ratio", lang)
    else:
        message = _say("certain", lang, ratio=fmt.number(ratio, 4, lang))
    if as_json:
        uncertain = sum(1 for p in analysis.params if p.estimate.uncertain)
        click.echo(json.dumps({"draws": 0, "uncertain": uncertain, "ratio": ratio}, indent=2))
        click.echo(message, err=True)
    else:
        click.echo(message)


@sroi.command(name="template", help=_help("template"))
@click.option("-o", "--output", type=click.Path(path_type=Path), required=True, help="map.xlsx | map.csv")
@click.option("--force", is_flag=True)
@click.pass_context
def template_command(ctx: click.Context, output: Path, force: bool) -> None:
    lang = _lang(ctx)
    if output.exists() and not force:
        click.echo("impactkit: " + _say("exists", lang, path=output), err=True)
        ctx.exit(EXIT_INPUT)
    from . import columns as cols

    keys = list(cols.MAIN_COLUMNS) + [f"{f}_{p}" for f in ("quantity", "proxy_value", "deadweight", "attribution")
                                       for p in ("low", "high")]
    suffix = output.suffix.lower()
    if suffix == ".csv":
        import csv

        with open(output, "w", newline="", encoding="utf-8") as handle:
            csv.writer(handle).writerow([cols.label(k, lang) for k in keys])
    elif suffix == ".xlsx":
        from openpyxl import Workbook
        from openpyxl.styles import Font

        book = Workbook()
        sheet = book.active
        sheet.title = "Waardekaart" if lang == "nl" else "Value Map"
        for j, key in enumerate(keys, start=1):
            sheet.cell(row=1, column=j, value=cols.label(key, lang)).font = Font(bold=True)
        book.save(output)
    else:
        raise click.UsageError(_say("format", lang, suffix=suffix or "?"))
    click.echo(_say("wrote", lang, path=output))

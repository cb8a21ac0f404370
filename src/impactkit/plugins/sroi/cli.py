"""``impactkit sroi``: export and import impact maps, run the Monte Carlo simulation, write a template.

The commands take the invocation (plugins, language) from the core with ``@click.pass_obj``
(:mod:`impactkit.cli.plugin`). Exit codes are impactkit's: 0 fine, 1 the study or map has errors,
2 unreadable input or bad usage. Problems in a map file are printed one per line as
``FILE:ROW:COLUMN: message``.
"""

from __future__ import annotations

import functools
import json
from pathlib import Path
from typing import Any

import click

from impactkit.cli.plugin import (
    EXIT_FINDINGS,
    EXIT_INPUT,
    EXIT_OK,
    Invocation,
    ProgressBar,
    argument,
    group,
    option,
    print_findings,
    study_argument,
)
from impactkit.plugin import Text, UserError, catalog, fill, format_number, read_rows

MESSAGES = catalog(
    [
        # help
        (
            "group",
            "Social Return on Investment: impact maps (Value Map) and uncertainty.",
            "Maatschappelijk rendement (SROI): impactmaps (Value Map) en onzekerheid.",
        ),
        (
            "export",
            "Write the impact map and results of STUDY as XLSX (laid out like SVI's Value Map) or CSV.",
            "Schrijf de impactmap en resultaten van STUDIE als XLSX (zoals de Value Map van SVI) of CSV.",
        ),
        (
            "import",
            "Check an impact-map file (CSV/XLSX); with --study, make it the study's impact map.",
            "Controleer een impactmap-bestand (CSV/XLSX); met --study wordt het de impactmap van de studie.",
        ),
        (
            "montecarlo",
            "Run the Monte Carlo simulation of STUDY's ratio.",
            "Voer de Monte-Carlosimulatie van de ratio van STUDIE uit.",
        ),
        (
            "sensitivity",
            "Print the one-at-a-time sensitivity (tornado) and the switching values of STUDY's ratio.",
            "Druk de één-voor-één-gevoeligheid (tornado) en de omslagwaarden van de ratio van STUDIE af.",
        ),
        (
            "opt-range",
            "Relative ± for the numbers without a range or distribution (default: the study's "
            "default_sensitivity, 0.2 = ±20%).",
            "Relatieve ± voor de getallen zonder bereik of verdeling (standaard: default_sensitivity van de "
            "studie, 0,2 = ±20%).",
        ),
        (
            "base-ratio",
            "SROI ratio {ratio}; numbers without a range or distribution vary by ±{range}",
            "SROI-ratio {ratio}; getallen zonder bereik of verdeling variëren met ±{range}",
        ),
        (
            "no-sensitivity",
            "no sensitivity: there are no inputs with a value, so there is no ratio",
            "geen gevoeligheid: er zijn geen investeringen met een waarde, dus er is geen ratio",
        ),
        (
            "template",
            "Write an empty impact map (CSV or XLSX) to fill in.",
            "Schrijf een lege impactmap (CSV of XLSX) om in te vullen.",
        ),
        ("opt-output", "File to write: map.xlsx or map.csv.", "Bestand om te schrijven: map.xlsx of map.csv."),
        ("opt-force-output", "Overwrite OUTPUT if it exists.", "Overschrijf OUTPUT als het al bestaat."),
        (
            "opt-study",
            "Study to import into (a folder with study.yaml, or the file).",
            "Studie om in te importeren (een map met study.yaml, of het bestand).",
        ),
        (
            "opt-inline",
            "Write the rows into study.yaml instead of linking the file.",
            "Schrijf de rijen in study.yaml in plaats van naar het bestand te verwijzen.",
        ),
        ("opt-force-map", "Replace an existing impact map.", "Vervang een bestaande impactmap."),
        ("opt-draws", "Number of draws (default: the study's).", "Aantal trekkingen (standaard: dat van de studie)."),
        (
            "opt-seed",
            "Random seed (default: the study's).",
            "Startwaarde van de toevalsgenerator (standaard: die van de studie).",
        ),
        ("opt-chunk", "Draws per chunk (memory).", "Trekkingen per blok (geheugen)."),
        ("opt-json", "Print JSON.", "Druk JSON af."),
        (
            "opt-histogram",
            "Also write the histogram to this file (.png, .svg or .pdf).",
            "Schrijf ook het histogram naar dit bestand (.png, .svg of .pdf).",
        ),
        # messages
        (
            "no-section",
            "{study}: the study has no 'methods.sroi' section",
            "{study}: de studie heeft geen sectie 'methods.sroi'",
        ),
        ("wrote", "Wrote {path}", "{path} geschreven"),
        (
            "format",
            "{path}: unsupported output type '{suffix}'; name a file ending in .xlsx or .csv",
            "{path}: niet-ondersteund uitvoertype '{suffix}'; geef een bestandsnaam die eindigt op .xlsx of .csv",
        ),
        (
            "no-suffix",
            "{path} has no file extension; name a file ending in .xlsx or .csv (e.g. {path}.xlsx)",
            "{path} heeft geen extensie; geef een bestandsnaam die eindigt op .xlsx of .csv (bijv. {path}.xlsx)",
        ),
        (
            "is-dir",
            "{path} is a folder; name a file ending in .xlsx or .csv (e.g. {example})",
            "{path} is een map; geef een bestandsnaam die eindigt op .xlsx of .csv (bijv. {example})",
        ),
        (
            "chart-format",
            "{path}: a histogram is written as .png, .svg or .pdf, not '{suffix}'",
            "{path}: een histogram wordt geschreven als .png, .svg of .pdf, niet als '{suffix}'",
        ),
        (
            "chart-dir",
            "{path} is a folder; name a file ending in .png, .svg or .pdf (e.g. {example})",
            "{path} is een map; geef een bestandsnaam die eindigt op .png, .svg of .pdf (bijv. {example})",
        ),
        (
            "read-ok",
            ("{file}: {n} row, no errors", "{file}: {n} rows, no errors"),
            ("{file}: {n} rij, geen fouten", "{file}: {n} rijen, geen fouten"),
        ),
        ("read-bad", ("{file}: {n} error", "{file}: {n} errors"), ("{file}: {n} fout", "{file}: {n} fouten")),
        (
            "exists",
            "{path} exists already; use --force to overwrite",
            "{path} bestaat al; gebruik --force om te overschrijven",
        ),
        (
            "has-map",
            "the study has an impact map already ({what}); use --force to replace it",
            "de studie heeft al een impactmap ({what}); gebruik --force om die te vervangen",
        ),
        ("n-inline", ("{n} inline row", "{n} inline rows"), ("{n} rij inline", "{n} rijen inline")),
        (
            "imported",
            ("Imported {n} row into {path} ({how})", "Imported {n} rows into {path} ({how})"),
            ("{n} rij geïmporteerd in {path} ({how})", "{n} rijen geïmporteerd in {path} ({how})"),
        ),
        ("inline", "inline under methods.sroi.outcomes", "inline onder methods.sroi.outcomes"),
        ("linked", "methods.sroi.impact_map: {file}", "methods.sroi.impact_map: {file}"),
        (
            "certain",
            "nothing is uncertain: no number has a range or distribution, so the ratio is a single "
            "number, {ratio}; nothing to simulate",
            "niets is onzeker: geen getal heeft een bereik of verdeling, dus de ratio is één getal, {ratio}; "
            "niets te simuleren",
        ),
        (
            "no-ratio",
            "nothing to simulate: there are no inputs with a value, so there is no ratio",
            "niets te simuleren: er zijn geen investeringen met een waarde, dus er is geen ratio",
        ),
        (
            "not-computed",
            "the SROI figures cannot be computed; fix these first:",
            "de SROI-cijfers kunnen niet worden berekend; herstel eerst:",
        ),
        ("progress", "draws", "trekkingen"),
    ]
)


def _fail(text: Text, lang: str | None = None) -> UserError:
    """A :class:`UserError` saying ``text``; the core prints it as one line, exit 2, in ``lang``
    (the study's language) unless the user chose another."""
    return UserError(text.en, text.nl, lang=lang)


def _load(invocation: Invocation, path: str) -> Any:
    """The study and its SROI analysis. A study that cannot be read raises the core's
    ``StudyError`` (one line per problem, exit 2); one without ``methods.sroi`` a ``UserError``."""
    from impactkit.plugin import locate

    from .analysis import Analysis

    study = invocation.load(path)
    lang = invocation.language(study)
    if study.method("sroi") is None:
        raise _fail(fill(MESSAGES["no-section"], study=path), lang)
    return study, Analysis(study, locate=lambda p: locate(study, p), read=_reader(invocation)), lang


def _reader(invocation: Invocation) -> Any:
    """The row-level reader with this invocation's plugins: a format a plugin reads is an impact map too."""
    return functools.partial(read_rows, plugins=invocation.plugins)


def _check_output(output: Path, suffixes: tuple[str, ...], *, format_key: str, dir_key: str, example: str) -> str:
    """The suffix of ``output`` when it names a file of one of ``suffixes``; else a UserError
    (a folder, no extension, another type), before any work is done."""
    if output.is_dir():
        raise _fail(fill(MESSAGES[dir_key], path=output, example=output / example))
    suffix = output.suffix.lower()
    if not suffix and format_key == "format":
        raise _fail(fill(MESSAGES["no-suffix"], path=output))
    if suffix not in suffixes:
        raise _fail(fill(MESSAGES[format_key], path=output, suffix=suffix or "?"))
    return suffix


FILE_METAVAR = Text(en="FILE", nl="BESTAND")


@group(name="sroi", help=MESSAGES["group"])
def sroi() -> None:
    pass


@sroi.command(name="export", help=MESSAGES["export"])
@study_argument
@option("-o", "--output", type=click.Path(path_type=Path), required=True, help=MESSAGES["opt-output"])
@option("--force", is_flag=True, help=MESSAGES["opt-force-output"])
@click.pass_obj
def export_command(invocation: Invocation, study: str, output: Path, force: bool) -> None:
    suffix = _check_output(output, (".xlsx", ".csv"), format_key="format", dir_key="is-dir", example="map.xlsx")
    if output.exists() and not force:
        raise _fail(fill(MESSAGES["exists"], path=output))
    _, analysis, lang = _load(invocation, study)
    print_findings(analysis.value_map.problems, lang, err=True)
    from . import io

    if suffix == ".xlsx":
        io.write_xlsx(output, analysis, lang)
    else:
        calc = analysis.calculation
        results = None if calc is None else {"impact": list(calc.impact), "present_value": list(calc.present_value)}
        io.write_csv(output, [line.row for line in analysis.value_map.lines], results)
    click.echo(fill(MESSAGES["wrote"], path=output).get(lang))
    invocation.exit(EXIT_OK if analysis.value_map.ok else EXIT_FINDINGS)


@sroi.command(name="import", help=MESSAGES["import"])
@argument("file", type=click.Path(path_type=Path), metavar=FILE_METAVAR)
@option("--study", "study_path", type=click.Path(path_type=str), default=None, help=MESSAGES["opt-study"])
@option("--inline", is_flag=True, help=MESSAGES["opt-inline"])
@option("--force", is_flag=True, help=MESSAGES["opt-force-map"])
@click.pass_obj
def import_command(invocation: Invocation, file: Path, study_path: str | None, inline: bool, force: bool) -> None:
    from .io import MapFileError, read_impact_map
    from .mapping import resolve_stakeholders, row_checks

    study = None if study_path is None else invocation.load(study_path)  # a StudyError is the core's to print
    lang = invocation.language(study)
    try:
        imported = read_impact_map(file, read=_reader(invocation))
    except MapFileError as exc:
        click.echo(exc.problem.render(lang), err=True)
        invocation.exit(EXIT_INPUT)
    problems = list(imported.problems) + row_checks(imported.rows, imported.origins)
    if study is not None:
        problems += resolve_stakeholders(study, imported)
    problems.sort(key=lambda p: (p.row or 0, p.column or ""))
    colours = {"error": "red", "warning": "yellow", "info": "blue"}
    for problem in problems:
        click.secho(problem.render(lang), fg=colours.get(problem.severity), err=True)
    errors = [p for p in problems if p.severity == "error"]
    if errors:
        click.echo(fill(MESSAGES["read-bad"], file=file, n=len(errors)).get(lang), err=True)
        invocation.exit(EXIT_INPUT)
    if study is None:
        click.echo(fill(MESSAGES["read-ok"], file=file, n=len(imported.rows)).get(lang))
        return
    from impactkit.plugin import study_lock

    with study_lock(Path(study.path).parent):  # study.yaml read and written while no other command changes it
        _write_into_study(study, file, imported.rows, inline, force, lang)


def _write_into_study(study: Any, file: Path, rows: list[Any], inline: bool, force: bool, lang: str) -> None:
    """Make ``file`` (or its ``rows``, ``inline``) the study's impact map.

    Everything is checked first — an existing map without ``--force``, a file in the way of the
    copy, whether ``study.yaml`` can be edited — and only then is anything copied or written.
    ``study.yaml`` is edited as text (:mod:`.studyfile`): only the lines of ``methods.sroi.outcomes``
    / ``methods.sroi.impact_map`` change, every other byte stays.
    """
    import filecmp

    from impactkit.plugin import atomic_write, read_yaml

    from .io import rows_to_yaml
    from .studyfile import set_impact_map

    path: Path = study.path
    raw = path.read_bytes()
    bom = raw.startswith(b"\xef\xbb\xbf")
    text = raw.decode("utf-8-sig")
    root = read_yaml(path) or {}
    methods = root.get("methods") if isinstance(root, dict) else None
    section = methods.get("sroi") if isinstance(methods, dict) else None
    section = section if isinstance(section, dict) else {}
    existing = []
    if section.get("outcomes"):
        existing.append(fill(MESSAGES["n-inline"], n=len(section["outcomes"])).get(lang))
    if section.get("impact_map"):
        existing.append(str(section["impact_map"]))
    target_dir = path.parent
    copy_to: Path | None = None
    if inline:
        if existing and not force:
            raise _fail(fill(MESSAGES["has-map"], what=", ".join(existing)), lang)
        new_text = set_impact_map(text, outcomes=rows_to_yaml(rows))
        how = MESSAGES["inline"].get(lang)
    else:
        try:
            relative = file.resolve().relative_to(target_dir.resolve())
        except ValueError:  # elsewhere: copied next to the study
            relative = Path(file.name)
            copy_to = target_dir / relative
        same = str(section.get("impact_map") or "") == relative.as_posix() and not section.get("outcomes")
        if existing and not same and not force:
            raise _fail(fill(MESSAGES["has-map"], what=", ".join(existing)), lang)
        if copy_to is not None and copy_to.exists():
            if filecmp.cmp(file, copy_to, shallow=False):
                copy_to = None  # the same file is there already
            elif not force:
                raise _fail(fill(MESSAGES["exists"], path=copy_to), lang)
        new_text = set_impact_map(text, impact_map=relative.as_posix())
        how = fill(MESSAGES["linked"], file=relative.as_posix()).get(lang)
    _check_edit(text, new_text, path)
    if copy_to is not None:
        atomic_write(copy_to, file.read_bytes())
    if new_text != text:  # in one step: a kill or a full disk leaves study.yaml as it was, never half
        atomic_write(path, (b"\xef\xbb\xbf" if bom else b"") + new_text.encode("utf-8"))
    click.echo(fill(MESSAGES["imported"], n=len(rows), path=path, how=how).get(lang))


def _check_edit(old: str, new: str, path: Path) -> None:
    """The edited file must read as the old one with only ``methods.sroi``'s map changed, and
    bring no number the core would refuse; else nothing is written (a bug of impactkit, exit 3)."""
    from ruamel.yaml import YAML

    from impactkit.plugin import ambiguous_numbers, to_plain

    yaml = YAML(typ="rt")
    before, after = yaml.load(old) or {}, yaml.load(new) or {}

    def without_map(node: Any) -> Any:
        data = to_plain(node)
        sroi = (data.get("methods") or {}).get("sroi") if isinstance(data.get("methods"), dict) else None
        if isinstance(sroi, dict):
            sroi.pop("outcomes", None)
            sroi.pop("impact_map", None)
            if not sroi:
                data["methods"].pop("sroi")
        if data.get("methods") in ({}, None):
            data.pop("methods", None)
        return data

    if without_map(before) != without_map(after) or len(ambiguous_numbers(after, new, str(path))) > len(
        ambiguous_numbers(before, old, str(path))
    ):
        raise RuntimeError(f"editing {path} would change more than methods.sroi's impact map; nothing was written")


@sroi.command(name="montecarlo", help=MESSAGES["montecarlo"])
@study_argument
@option("--draws", type=click.IntRange(100, 100_000_000), default=None, help=MESSAGES["opt-draws"])
@option("--seed", type=click.IntRange(0), default=None, help=MESSAGES["opt-seed"])
@option("--chunk-size", type=click.IntRange(1), default=None, help=MESSAGES["opt-chunk"])
@option("--json", "as_json", is_flag=True, help=MESSAGES["opt-json"])
@option("--histogram", type=click.Path(path_type=Path), default=None, help=MESSAGES["opt-histogram"])
@click.pass_obj
def montecarlo_command(
    invocation: Invocation,
    study: str,
    draws: int | None,
    seed: int | None,
    chunk_size: int | None,
    as_json: bool,
    histogram: Path | None,
) -> None:
    if histogram is not None:
        _check_output(
            histogram, (".png", ".svg", ".pdf"), format_key="chart-format", dir_key="chart-dir", example="histogram.png"
        )
    _, analysis, lang = _load(invocation, study)
    if not analysis.value_map.ok:
        click.echo(MESSAGES["not-computed"].get(lang), err=True)
        print_findings(analysis.value_map.problems, lang, err=True)
        invocation.exit(EXIT_FINDINGS)
    settings = analysis.settings.monte_carlo
    stage = MESSAGES["progress"].get(lang)
    with ProgressBar(lang=lang) as bar:  # drawn on a terminal only, once the run takes a moment
        result = analysis.run_monte_carlo(
            draws or settings.draws,
            settings.seed if seed is None else seed,
            chunk_size or settings.chunk_size,
            progress=lambda done, total: bar(stage, done, total),
        )
    if result is None:  # nothing uncertain, or no inputs: a fact about the study, not an error
        _nothing_to_simulate(analysis, lang, as_json)
        return
    stats = dict(result.stats)
    if histogram is not None:
        from impactkit.plugin import atomic_write, render_chart

        from .charts import monte_carlo_chart

        figure = monte_carlo_chart(analysis, lang, result)
        atomic_write(histogram, render_chart(figure, histogram.suffix.lstrip(".").lower()))
    if as_json:
        click.echo(json.dumps(stats, indent=2))
        return
    from .texts import label_of

    labels = {key: str(label_of(key, lang)) for key in stats}
    width = max(len(text) for text in labels.values())
    for key, value in stats.items():
        if key == "seed":
            shown = str(value)  # a seed is an id, not a figure
        elif isinstance(value, int) or key.startswith("present"):
            shown = format_number(value, lang)
        else:
            shown = format_number(value, lang, decimals=4)
        click.echo(f"{labels[key].ljust(width)}  {shown}")


def _nothing_to_simulate(analysis: Any, lang: str, as_json: bool) -> None:
    """Say why there is no simulation: the ratio is one number, or there is no ratio."""
    summary = analysis.summary or {}
    ratio = summary.get("ratio")
    if ratio is None:
        message = MESSAGES["no-ratio"].get(lang)
    else:
        message = fill(MESSAGES["certain"], ratio=format_number(ratio, lang, decimals=4)).get(lang)
    if as_json:
        uncertain = sum(1 for p in analysis.params if p.estimate.uncertain)
        click.echo(json.dumps({"draws": 0, "uncertain": uncertain, "ratio": ratio}, indent=2))
        click.echo(message, err=True)
    else:
        click.echo(message)


@sroi.command(name="sensitivity", help=MESSAGES["sensitivity"])
@study_argument
@option("--json", "as_json", is_flag=True, help=MESSAGES["opt-json"])
@option(
    "--range",
    "spread",
    type=click.FloatRange(0, 1, min_open=True),
    default=None,
    help=MESSAGES["opt-range"],
)
@click.pass_obj
def sensitivity_command(invocation: Invocation, study: str, as_json: bool, spread: float | None) -> None:
    from impactkit.plugin import format_percent, format_ratio

    from .analysis import Analysis
    from .report import figure
    from .texts import WORDS

    loaded, analysis, lang = _load(invocation, study)
    if not analysis.value_map.ok:
        click.echo(MESSAGES["not-computed"].get(lang), err=True)
        print_findings(analysis.value_map.problems, lang, err=True)
        invocation.exit(EXIT_FINDINGS)
    if spread is not None:
        settings = analysis.settings.model_copy(update={"default_sensitivity": spread})
        analysis = Analysis(loaded, settings, analysis.locate, _reader(invocation))
    spread = analysis.settings.default_sensitivity
    base, tornado = analysis.tornado
    if as_json:
        document = {
            "ratio": base,
            "default_sensitivity": spread,
            "tornado": analysis.tornado_records() if base is not None else [],
            "break_even": analysis.break_even_records() if base is not None else [],
        }
        click.echo(json.dumps(document, indent=2, ensure_ascii=False))
        if base is None:
            click.echo(MESSAGES["no-sensitivity"].get(lang), err=True)
        return
    if base is None:
        click.echo(MESSAGES["no-sensitivity"].get(lang))
        return
    currency = analysis.settings.currency
    click.echo(
        fill(
            MESSAGES["base-ratio"], ratio=format_ratio(base, lang), range=format_percent(spread, lang, decimals=0)
        ).get(lang)
    )
    click.echo()
    click.echo(WORDS["tornado"].get(lang))
    _table(
        [WORDS[k].get(lang) for k in ("col-assumption", "col-low", "col-high", "col-ratio-low", "col-ratio-high")],
        [
            [
                analysis.param_label(r.param, lang, r.params),
                " · ".join(figure(p, x, lang, currency) for p, x in zip(r.params, r.lows, strict=True)),
                " · ".join(figure(p, x, lang, currency) for p, x in zip(r.params, r.highs, strict=True)),
                format_number(r.ratio_low, lang, decimals=4),
                format_number(r.ratio_high, lang, decimals=4),
            ]
            for r in tornado
        ],
    )
    click.echo()
    click.echo(WORDS["break-even"].get(lang))
    _table(
        [WORDS[k].get(lang) for k in ("col-assumption", "col-base", "col-switch", "col-change")],
        [
            [
                analysis.param_label(r.param, lang),
                figure(r.param, r.base, lang, currency),
                figure(r.param, r.value, lang, currency) if r.value is not None else WORDS["unreachable"].get(lang),
                format_percent(r.change, lang),
            ]
            for r in analysis.switching
        ],
    )


def _table(head: list[str], rows: list[list[str]]) -> None:
    """Columns lined up: the first to the left, the figures to the right."""
    widths = [max(len(str(row[j])) for row in [head, *rows]) for j in range(len(head))]
    for row in [head, *rows]:
        cells = [str(cell).ljust(widths[0]) if j == 0 else str(cell).rjust(widths[j]) for j, cell in enumerate(row)]
        click.echo("  ".join(cells).rstrip())


@sroi.command(name="template", help=MESSAGES["template"])
@option("-o", "--output", type=click.Path(path_type=Path), required=True, help=MESSAGES["opt-output"])
@option("--force", is_flag=True, help=MESSAGES["opt-force-output"])
@click.pass_obj
def template_command(invocation: Invocation, output: Path, force: bool) -> None:
    lang = invocation.language()
    suffix = _check_output(output, (".xlsx", ".csv"), format_key="format", dir_key="is-dir", example="map.xlsx")
    if output.exists() and not force:
        raise _fail(fill(MESSAGES["exists"], path=output))
    from . import columns as cols

    keys = list(cols.MAIN_COLUMNS) + [
        f"{f}_{p}" for f in ("quantity", "proxy_value", "deadweight", "attribution") for p in ("low", "high")
    ]
    from impactkit.plugin import atomic_write

    if suffix == ".csv":
        import csv
        import io

        buffer = io.StringIO(newline="")
        csv.writer(buffer).writerow([cols.label(k, lang) for k in keys])
        atomic_write(output, buffer.getvalue())
    else:
        import io

        from openpyxl import Workbook
        from openpyxl.styles import Font

        from .texts import WORDS

        book = Workbook()
        sheet = book.active
        sheet.title = WORDS["sheet-map"].get(lang)
        for j, key in enumerate(keys, start=1):
            sheet.cell(row=1, column=j, value=cols.label(key, lang)).font = Font(bold=True)
        out = io.BytesIO()
        book.save(out)
        atomic_write(output, out.getvalue())
    click.echo(fill(MESSAGES["wrote"], path=output).get(lang))

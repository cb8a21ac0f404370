"""``impactkit code STUDY --method idg``: suggest IDG codes for uncoded changes, as suggestions.

Three uses:

* ``impactkit code STUDY --method idg`` writes ``<changes>.idg-suggestions.csv`` next to the changes
  file: one row per uncoded change with ``idg_suggested``, ``idg_suggested_because`` (the words
  that triggered it) and an empty ``accept`` column. Nothing else is touched.
* After the researcher marked suggestions ``accept = ja`` (or ``yes``/``x``; the suggested code may
  be edited first), ``impactkit code STUDY --method idg --accept`` copies those codes into the
  ``idg`` column of the changes file, only into cells that are still empty: a human code is never
  overwritten.
* ``--evaluate`` compares the suggester with the human codes of a coded study (accuracy, Cohen's
  kappa) without writing anything.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import click

from impactkit.core.i18n import Text

YES = {"ja", "j", "yes", "y", "x", "1", "true", "waar", "ok", "akkoord"}
COLUMNS = ["id", "row", "person", "stakeholder", "change", "idg_suggested", "idg_suggested_because", "accept"]

M = {k: Text(en=en, nl=nl) for k, en, nl in [
    ("none", "Every change has an IDG code; nothing to suggest (use --all to compare anyway).",
     "Elke verandering heeft een IDG-code; niets voor te stellen (gebruik --all om toch te vergelijken)."),
    ("wrote", "Wrote {n} suggestions for {m} changes to {path} ({k} without a suggestion).",
     "{n} suggesties voor {m} veranderingen geschreven naar {path} ({k} zonder suggestie)."),
    ("next", "Check them, put 'ja' in the 'accept' column of the ones you agree with (edit the code if needed), "
             "then run: impactkit code {study} --method idg --accept",
     "Controleer ze, zet 'ja' in de kolom 'accept' bij de suggesties waarmee je instemt (pas de code zo nodig "
     "aan) en voer dan uit: impactkit code {study} --method idg --accept"),
    ("no-file", "no suggestions file {path}; run impactkit code {study} --method idg first",
     "geen suggestiebestand {path}; voer eerst impactkit code {study} --method idg uit"),
    ("inline", "the changes are written in the study file itself; copy the accepted codes by hand",
     "de veranderingen staan in het studiebestand zelf; neem de geaccepteerde codes met de hand over"),
    ("applied", "Copied {n} accepted codes into {path}.", "{n} geaccepteerde codes overgenomen in {path}."),
    ("skip-coded", "row {row}: already coded ('{codes}'); not overwritten",
     "rij {row}: al gecodeerd ('{codes}'); niet overschreven"),
    ("skip-moved", "row {row}: the changes file no longer matches the suggestion (id/person differ); skipped",
     "rij {row}: het veranderingenbestand klopt niet meer met de suggestie (id/persoon verschillen); overgeslagen"),
    ("skip-unknown", "row {row}: '{code}' is not an IDG dimension or skill; skipped",
     "rij {row}: '{code}' is geen IDG-dimensie of -vaardigheid; overgeslagen"),
    ("skip-empty", "row {row}: accepted but no code given; skipped",
     "rij {row}: geaccepteerd maar zonder code; overgeslagen"),
    ("nothing-accepted", "No suggestion is marked accepted in {path} (column 'accept').",
     "Geen enkele suggestie is geaccepteerd in {path} (kolom 'accept')."),
    ("eval", "Lexicon suggester against the human codes ({fw}): {n} coded changes, {s} with a suggestion "
             "({coverage}).\n  dimension right: {right} of {n} ({acc}); of those with a suggestion: {acc_s}\n"
             "  Cohen's kappa (dimension, changes with a suggestion): {kappa}\n"
             "  skill right where both name a skill: {skill_right} of {skill_n} ({skill_acc})",
     "Lexicon-suggesties tegen de menselijke codes ({fw}): {n} gecodeerde veranderingen, {s} met een suggestie "
     "({coverage}).\n  dimensie goed: {right} van {n} ({acc}); van die met een suggestie: {acc_s}\n"
     "  Cohens kappa (dimensie, veranderingen met een suggestie): {kappa}\n"
     "  vaardigheid goed waar beide een vaardigheid noemen: {skill_right} van {skill_n} ({skill_acc})"),
    ("not-idg", "the study does not use IDG (no 'methods.idg' section and no IDG codes); add 'methods: {{idg: {{}}}}'",
     "de studie gebruikt geen IDG (geen sectie 'methods.idg' en geen IDG-codes); voeg 'methods: {{idg: {{}}}}' toe"),
]}


def _say(key: str, lang: str, **params: Any) -> str:
    return M[key].get(lang).format(**params)


def suggestions_path(study: Any) -> Path:
    """Where suggestions go: ``<changes stem>.idg-suggestions.csv`` next to the changes file."""
    if study.changes_file is not None:
        return study.changes_file.with_name(study.changes_file.stem + ".idg-suggestions.csv")
    return study.directory / "idg-suggestions.csv"


def _state(study: Any):
    from .settings import IdgSettings
    from .state import State, build

    current = build(study)
    if current is None:  # no section and no codes yet: suggest with the defaults
        from .analysis import code, records_from_study
        from .framework import load_framework

        settings = IdgSettings()
        fw = load_framework(settings.framework)
        records = records_from_study(study)
        current = State(settings=settings, framework=fw, records=records, coded=code(records, fw))
    return current


def suggestion_rows(study: Any, lang: str, *, include_coded: bool = False) -> list[dict[str, str]]:
    """The rows of the suggestions file (one per change without a valid code, or every change)."""
    from .suggest import load_lexicon

    current = _state(study)
    lexicon = load_lexicon(current.framework.id)
    fw = current.framework
    rows = []
    for item in current.coded:
        if item.coded and not include_coded:
            continue
        suggestion = lexicon.suggest(item["change"] or "")
        row = {
            "id": item["id"] or "", "row": str(item["row"] or ""), "person": item["person"],
            "stakeholder": item["stakeholder"], "change": item["change"],
            "idg_suggested": fw.label(suggestion.code, lang) if suggestion.code else "",
            "idg_suggested_because": suggestion.explain(fw, lang),
            "accept": "",
        }
        if include_coded:
            row["idg_human"] = "; ".join(item.record["idg"])
        rows.append(row)
    return rows


def write_suggestions(rows: list[dict[str, str]], path: Path) -> None:
    columns = list(COLUMNS)
    if rows and "idg_human" in rows[0]:
        columns.insert(columns.index("accept"), "idg_human")
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=columns, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    path.write_text(buffer.getvalue(), encoding="utf-8")


# -- accepting -------------------------------------------------------------------------------

def _read_csv(path: Path) -> tuple[list[list[str]], str, str, bool]:
    """Records (blank lines dropped, as the core's reader does), delimiter, newline, BOM."""
    raw = path.read_bytes()
    bom = raw.startswith(b"\xef\xbb\xbf")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = raw.decode("cp1252")
    try:
        delimiter = csv.Sniffer().sniff(text[:8192], delimiters=",;\t").delimiter
    except csv.Error:
        delimiter = ","
    newline = "\r\n" if "\r\n" in text[:8192] else "\n"
    records = [r for r in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter) if r != []]
    return records, delimiter, newline, bom


def _write_csv(path: Path, records: list[list[str]], delimiter: str, newline: str, bom: bool) -> None:
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=delimiter, lineterminator=newline).writerows(records)
    path.write_bytes(("\ufeff" if bom else "").encode("utf-8") + buffer.getvalue().encode("utf-8"))


def accepted(path: Path) -> list[dict[str, str]]:
    text = path.read_text(encoding="utf-8-sig")
    return [row for row in csv.DictReader(io.StringIO(text))
            if (row.get("accept") or "").strip().casefold() in YES]


class _Sheet:
    """The changes table as cells we can write back: CSV (keeps delimiter, BOM, newlines) or XLSX."""

    def __init__(self, path: Path):
        self.path = path
        self.xlsx = path.suffix.lower() in {".xlsx", ".xlsm"}
        if self.xlsx:
            from openpyxl import load_workbook

            self.book = load_workbook(path)
            self.sheet = self.book.worksheets[0]
            self.header = ["" if c.value is None else str(c.value) for c in self.sheet[1]]
        else:
            self.records, self.delimiter, self.newline, self.bom = _read_csv(path)
            self.header = self.records[0] if self.records else []

    def column(self, field: str, create: bool = False) -> int | None:
        from impactkit.core.changes import map_columns

        for name, mapped in map_columns(self.header).items():
            if mapped == field:
                return self.header.index(name)
        if not create:
            return None
        self.header.append(field)
        if self.xlsx:
            self.sheet.cell(row=1, column=len(self.header), value=field)
        else:
            for record in self.records[1:]:
                record.extend([""] * (len(self.header) - len(record)))
        return len(self.header) - 1

    def get(self, row: int, col: int | None) -> str:
        if col is None:
            return ""
        if self.xlsx:
            value = self.sheet.cell(row=row, column=col + 1).value
            return "" if value is None else str(value).strip()
        record = self.records[row - 1] if 0 < row <= len(self.records) else []
        return record[col].strip() if col < len(record) else ""

    def set(self, row: int, col: int, value: str) -> None:
        if self.xlsx:
            self.sheet.cell(row=row, column=col + 1, value=value)
            return
        record = self.records[row - 1]
        record.extend([""] * (col + 1 - len(record)))
        record[col] = value

    def save(self) -> None:
        if self.xlsx:
            self.book.save(self.path)
        else:
            _write_csv(self.path, self.records, self.delimiter, self.newline, self.bom)


def accept(study: Any, path: Path, lang: str) -> tuple[int, list[str]]:
    """Copy accepted suggestions into empty ``idg`` cells; (number copied, messages about skipped rows)."""
    from .framework import load_framework

    fw = load_framework(_state(study).framework.id)
    sheet = _Sheet(study.changes_file)
    col_idg = sheet.column("idg", create=True)
    col_id, col_person = sheet.column("id"), sheet.column("person")
    done, notes = 0, []
    for suggestion in accepted(path):
        row = int(suggestion.get("row") or 0)
        code = (suggestion.get("idg_suggested") or "").strip()
        if row < 2 or (sheet.get(row, col_id) != (suggestion.get("id") or "").strip() and col_id is not None) \
                or (col_person is not None and sheet.get(row, col_person) != (suggestion.get("person") or "").strip()):
            notes.append(_say("skip-moved", lang, row=row))
            continue
        if not code:
            notes.append(_say("skip-empty", lang, row=row))
            continue
        codes = [part.strip() for part in code.split(";") if part.strip()]
        if not all(fw.resolve(c).ok for c in codes):
            notes.append(_say("skip-unknown", lang, row=row, code=code))
            continue
        current = sheet.get(row, col_idg)
        if current:
            notes.append(_say("skip-coded", lang, row=row, codes=current))
            continue
        sheet.set(row, col_idg, "; ".join(codes))
        done += 1
    if done:
        sheet.save()
    return done, notes


# -- the command -----------------------------------------------------------------------------

def _help(en: str, nl: str) -> str:
    from impactkit.core.i18n import default_lang

    return nl if default_lang() == "nl" else en


@click.command(name="code", help=_help(
    "Suggest codes for uncoded changes from a transparent lexicon, as suggestions you accept.",
    "Stel codes voor bij ongecodeerde veranderingen vanuit een transparant lexicon, als suggesties die je accepteert."))
@click.argument("study", type=click.Path(path_type=str))
@click.option("--method", type=click.Choice(["idg"]), default="idg", show_default=True,
              help=_help("Coding scheme.", "Codeerschema."))
@click.option("--all", "include_coded", is_flag=True,
              help=_help("Also suggest for coded changes (adds idg_human to compare).",
                         "Ook suggesties voor gecodeerde veranderingen (met idg_human om te vergelijken)."))
@click.option("-o", "--output", type=click.Path(path_type=Path), default=None,
              help=_help("Suggestions file (default: <changes>.idg-suggestions.csv).",
                         "Suggestiebestand (standaard: <veranderingen>.idg-suggestions.csv)."))
@click.option("--accept", "do_accept", is_flag=True,
              help=_help("Copy the accepted suggestions into empty idg cells of the changes file.",
                         "Neem de geaccepteerde suggesties over in lege idg-cellen van het veranderingenbestand."))
@click.option("--evaluate", is_flag=True,
              help=_help("Compare the suggester with the human codes; writes nothing.",
                         "Vergelijk de suggesties met de menselijke codes; schrijft niets."))
@click.option("--json", "as_json", is_flag=True, help=_help("With --evaluate: print JSON.", "Met --evaluate: JSON."))
@click.pass_context
def code_command(ctx: click.Context, study: str, method: str, include_coded: bool, output: Path | None,
                 do_accept: bool, evaluate: bool, as_json: bool) -> None:
    from impactkit.cli.main import EXIT_INPUT, EXIT_OK, cli_lang, guarded, load_study

    @guarded
    def run() -> None:
        model = load_study(ctx, study)
        lang = cli_lang(ctx, model)
        target = output or suggestions_path(model)
        if evaluate:
            from .suggest import evaluate as measure, load_lexicon

            current = _state(model)
            result = measure(current.coded, load_lexicon(current.framework.id))
            if as_json:
                click.echo(json.dumps(result, indent=2, ensure_ascii=False))
            else:
                click.echo(format_evaluation(result, current.framework.id, lang))
            ctx.exit(EXIT_OK)
        if do_accept:
            if model.changes_file is None:
                click.echo("impactkit: " + _say("inline", lang), err=True)
                ctx.exit(EXIT_INPUT)
            if not target.is_file():
                click.echo("impactkit: " + _say("no-file", lang, path=target, study=study), err=True)
                ctx.exit(EXIT_INPUT)
            if not accepted(target):
                click.echo(_say("nothing-accepted", lang, path=target))
                ctx.exit(EXIT_OK)
            done, notes = accept(model, target, lang)
            for note in notes:
                click.secho(note, fg="yellow", err=True)
            click.echo(_say("applied", lang, n=done, path=model.changes_file))
            ctx.exit(EXIT_OK)
        rows = suggestion_rows(model, lang, include_coded=include_coded)
        if not rows:
            click.echo(_say("none", lang))
            ctx.exit(EXIT_OK)
        write_suggestions(rows, target)
        made = sum(1 for r in rows if r["idg_suggested"])
        click.echo(_say("wrote", lang, n=made, m=len(rows), path=target, k=len(rows) - made))
        click.echo(_say("next", lang, study=study))
        ctx.exit(EXIT_OK)

    run()


def format_evaluation(result: dict[str, Any], framework: str, lang: str) -> str:
    def pct(value: float | None) -> str:
        return "n/a" if value is None else f"{value * 100:.1f}%".replace(".", "," if lang == "nl" else ".")

    def num(value: float | None) -> str:
        return "n/a" if value is None else f"{value:.2f}".replace(".", "," if lang == "nl" else ".")

    return _say("eval", lang, fw=framework, n=result["changes"], s=result["suggested"],
                coverage=pct(result["coverage"]), right=result["dimension_right"],
                acc=pct(result["accuracy"]), acc_s=pct(result["accuracy_suggested"]),
                kappa=num(result["kappa"]), skill_right=result["skill_right"], skill_n=result["skill_compared"],
                skill_acc=pct(result["skill_accuracy"]))

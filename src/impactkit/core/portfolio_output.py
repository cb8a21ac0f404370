"""The portfolio's report and tables (``impactkit portfolio -o OUT``), in the reader's language.

``write_portfolio`` writes to ``OUT``:

* ``portfolio.md`` and ``portfolio.html`` (one self-contained page): how many studies, the table
  of studies (status, findings, key figures), each figure across the studies, the studies that
  failed with their error, and what went wrong with the plugins;
* ``studies.csv`` (one row per study, ids as headers, for a program) and ``figures.csv`` (every
  figure across the studies, one statistic per row);
* ``portfolio.xlsx``: both tables, headers in the reader's language;
* ``portfolio.json``: everything, language-neutral (texts in both languages).

Numbers are written by :mod:`impactkit.core.numbers` as each figure's ``kind`` says; cells a
spreadsheet would run as a formula are neutralised (:func:`impactkit.core.files.neutralise_cell`).
The files hold no timings, so the same studies give the same files however they were run.
"""

from __future__ import annotations

import csv
import html
import io
import json
from pathlib import Path
from typing import Any

from ._version import __version__
from .files import atomic_write, neutralise_cell
from .i18n import Plural, catalog, fill
from .numbers import NO_VALUE, format_money, format_number, format_percent, format_ratio
from .portfolio import Portfolio, Row, error_text, label, status_text, summary_text
from .report import md_escape, md_table

WORDS = catalog(
    [
        (
            "title",
            ("Portfolio of {n} study", "Portfolio of {n} studies"),
            ("Portfolio van {n} studie", "Portfolio van {n} studies"),
        ),
        ("studies", "Studies", "Studies"),
        ("study", "Study", "Studie"),
        ("folder", "Folder", "Map"),
        ("status", "Status", "Status"),
        ("errors", "Errors", "Fouten"),
        ("warnings", "Warnings", "Waarschuwingen"),
        ("notes", "Notes", "Opmerkingen"),
        ("error", "Error", "Fout"),
        ("across", "Across the studies", "Over de studies heen"),
        (
            "total",
            ("{total} in total, over {n} study.", "{total} in total, over {n} studies."),
            ("{total} in totaal, over {n} studie.", "{total} in totaal, over {n} studies."),
        ),
        ("no-study", "No study gives this figure.", "Geen studie geeft dit cijfer."),
        ("sum", "Total", "Totaal"),
        ("given-by", "Given by", "Gegeven door"),
        ("lowest", "Lowest", "Laagste"),
        ("median", "Median", "Mediaan"),
        ("mean", "Mean", "Gemiddelde"),
        ("highest", "Highest", "Hoogste"),
        (
            "with-interval",
            "Studies with an interval: {k} of {n} (in the table of studies, after each value).",
            "Studies met een interval: {k} van {n} (in de tabel van studies, na elke waarde).",
        ),
        ("category", "Category", "Categorie"),
        ("share", "Share", "Aandeel"),
        ("in-studies", "Studies with it", "Studies waarin het voorkomt"),
        ("member", "Member", "Onderdeel"),
        ("reached-by", "Studies reaching it", "Studies die het bereiken"),
        ("share-studies", "Share of the studies", "Aandeel van de studies"),
        ("of", "{n} of {of}", "{n} van {of}"),
        (
            "reached",
            "Reached by at least one study: {reached}. Per study: median {median}, lowest {lowest}, highest {highest}.",
            "Bereikt door ten minste één studie: {reached}. Per studie: mediaan {median}, laagste {lowest}, "
            "hoogste {highest}.",
        ),
        ("failed", "Studies that could not be analysed", "Studies die niet geanalyseerd konden worden"),
        ("plugins", "Plugins", "Plug-ins"),
        (
            "versions",
            "{n} studies ran with another impactkit or other plugins than this machine has: {studies}.",
            "{n} studies draaiden met een andere impactkit of andere plug-ins dan deze computer heeft: {studies}.",
        ),
        ("figures", "Figures", "Cijfers"),
        ("figure", "Figure", "Cijfer"),
        ("statistic", "Statistic", "Maat"),
        ("value", "Value", "Waarde"),
        ("made", "Made with impactkit {version}.", "Gemaakt met impactkit {version}."),
    ]
)

STATISTICS = catalog(
    [
        ("studies", "studies", "studies"),
        ("total", "total", "totaal"),
        ("min", "lowest", "laagste"),
        ("median", "median", "mediaan"),
        ("mean", "mean", "gemiddelde"),
        ("max", "highest", "hoogste"),
        ("with_interval", "studies with an interval", "studies met een interval"),
        ("share", "share", "aandeel"),
        ("of", "of", "van"),
        ("reached", "reached by any study", "bereikt door een studie"),
    ]
)
"""A statistic of ``figures.csv`` in words (the workbook's sheet of figures)."""


def word(key: str, lang: str, **params: Any) -> str:
    """:data:`WORDS` ``key`` in ``lang``, numbers in ``params`` written as ``lang`` writes them."""
    template = WORDS[key]
    counted = isinstance(template, Plural)  # a plural message writes its own count n
    shown = {
        k: format_number(v, lang) if isinstance(v, (int, float)) and not (counted and k == "n") else v
        for k, v in params.items()
    }
    return fill(template, **shown).get(lang) if params else template.get(lang)  # type: ignore[union-attr]


def show(value: Any, kind: str, lang: str) -> str:
    """A figure's number as ``kind`` says it is written (``–`` for none)."""
    if value is None:
        return NO_VALUE
    if kind == "percent":
        return format_percent(value, lang)
    if kind == "money":
        return format_money(value, lang)
    if kind == "ratio":
        return format_ratio(value, lang)
    return format_number(value, lang)


def _interval_number(value: Any, kind: str, lang: str) -> str:
    if kind == "ratio":
        return format_number(value, lang, decimals=2) if value is not None else NO_VALUE
    return show(value, kind, lang)


def folder_text(row: Row) -> str:
    return row["folder"]


# -- Markdown and HTML ------------------------------------------------------------------------------


def _study_cells(portfolio: Portfolio, row: Row, lang: str) -> list[str]:
    figures = portfolio.study_figures(row)
    cells = [
        row["title"] or row["id"] or Path(row["folder"]).name,
        folder_text(row),
        status_text(row).get(lang),
        format_number(row["findings"]["error"], lang),
        format_number(row["findings"]["warning"], lang),
        format_number(row["findings"]["info"], lang),
    ]
    for column in portfolio.columns():
        if column.part in ("count", "low", "high"):
            continue  # counts per category are in the figure's own table; an interval joins its value
        figure, value = column.figure, figures[column.key]
        text = show(value, column.kind, lang)
        if figure.aggregate == "members" and value is not None and figure.categories:
            text = word("of", lang, n=format_number(value, lang), of=format_number(len(figure.categories), lang))
        if figure.interval is not None and value is not None:
            low, high = figures[f"{column.key}.low"], figures[f"{column.key}.high"]
            if low is not None and high is not None:
                text += f" ({_interval_number(low, figure.kind, lang)}–{_interval_number(high, figure.kind, lang)})"
        cells.append(text)
    return cells


def _figure_markdown(portfolio: Portfolio, summary: dict[str, Any], lang: str) -> str:
    figure = next(f for f in portfolio.figures if f.id == summary["id"])
    kind = figure.kind
    out = [f"### {md_escape(figure.title.get(lang))}\n"]
    n = summary["studies"]
    if not n:
        return out[0] + "\n" + word("no-study", lang) + "\n"
    if summary["aggregate"] == "sum":
        out.append(word("total", lang, total=show(summary["total"], kind, lang), n=n))
    elif summary["aggregate"] == "spread":
        header = [word(k, lang) for k in ("given-by", "lowest", "median", "mean", "highest")]
        cells = [format_number(n, lang)] + [show(summary[k], kind, lang) for k in ("min", "median", "mean", "max")]
        out.append(md_table(header, [cells]))
        if "with_interval" in summary:
            out.append(word("with-interval", lang, k=format_number(summary["with_interval"], lang), n=n))
    elif summary["aggregate"] == "counts":
        header = [word(k, lang) for k in ("category", "sum", "share", "in-studies")]
        rows = [
            [
                label(figure, c["category"], lang),
                show(c["total"], kind, lang),
                format_percent(c["share"], lang) if c["share"] is not None else NO_VALUE,
                word("of", lang, n=format_number(c["studies"], lang), of=format_number(n, lang)),
            ]
            for c in summary["categories"]
        ]
        out.append(md_table(header, rows))
    else:
        header = [word(k, lang) for k in ("member", "reached-by", "share-studies")]
        rows = [
            [
                label(figure, m["member"], lang),
                word("of", lang, n=format_number(m["studies"], lang), of=format_number(n, lang)),
                format_percent(m["share"], lang) if m["share"] is not None else NO_VALUE,
            ]
            for m in summary["members"]
        ]
        reached = format_number(summary["reached"], lang)
        if summary["of"]:
            reached = word("of", lang, n=reached, of=format_number(summary["of"], lang))
        spread = summary["per_study"]
        out.append(
            word(
                "reached",
                lang,
                reached=reached,
                median=format_number(spread["median"], lang),
                lowest=format_number(spread["min"], lang),
                highest=format_number(spread["max"], lang),
            )
            + "\n"
        )
        out.append(md_table(header, rows))
    return "\n".join(out) + "\n"


def markdown(portfolio: Portfolio, lang: str) -> str:
    """The portfolio report as Markdown, in ``lang``; every text from a study or a plugin escaped."""
    rows = portfolio.rows
    out = [f"# {md_escape(title(portfolio, lang))}\n", md_escape(summary_text(rows).get(lang)) + "\n"]
    out.append(f"## {word('studies', lang)}\n")
    header = [word(k, lang) for k in ("study", "folder", "status", "errors", "warnings", "notes")]
    header += [c.title(lang) for c in portfolio.columns() if c.part == "value"]
    out.append(md_table(header, [_study_cells(portfolio, row, lang) for row in rows]))
    if portfolio.figures:
        out.append(f"## {word('across', lang)}\n")
        out += [_figure_markdown(portfolio, summary, lang) for summary in portfolio.summaries()]
    if portfolio.failed:
        out.append(f"## {word('failed', lang)}\n")
        for row in portfolio.failed:
            error = "; ".join(line.strip() for line in error_text(row, lang).splitlines() if line.strip())
            out.append(f"- {md_escape(folder_text(row))}: {md_escape(error)}")
        out.append("")
    mismatched = portfolio.version_mismatches()
    if portfolio.problems or mismatched:
        out.append(f"## {word('plugins', lang)}\n")
        out += [f"- {md_escape(problem.render(lang))}" for problem in portfolio.problems]
        if mismatched:
            names = ", ".join(folder_text(row) for row in mismatched[:10]) + (" …" if len(mismatched) > 10 else "")
            out.append("- " + md_escape(word("versions", lang, n=len(mismatched), studies=names)))
        out.append("")
    out.append(f"\n_{md_escape(word('made', lang, version=__version__))}_\n")
    return "\n".join(out)


def title(portfolio: Portfolio, lang: str) -> str:
    return fill(WORDS["title"], n=len(portfolio.rows)).get(lang)


PAGE = """<!DOCTYPE html>
<html lang="{lang}"><head><meta charset="utf-8"><title>{title}</title>
<style>
body {{ font-family: system-ui, sans-serif; max-width: 72rem; margin: 2rem auto; padding: 0 1rem; color: #222; }}
table {{ border-collapse: collapse; margin: 1rem 0; }}
th, td {{ border: 1px solid #ccc; padding: .3rem .6rem; text-align: left; vertical-align: top; }}
th {{ background: #f4f4f4; }} h1 {{ margin-bottom: .3rem; }}
</style></head><body>
{body}
</body></html>
"""


def to_html(markdown_text: str, page_title: str, lang: str) -> str:
    """One self-contained page (no scripts, no links to fetch); raw HTML in the text is not let through."""
    from markdown_it import MarkdownIt

    body = MarkdownIt("commonmark", {"html": False}).enable("table").render(markdown_text)
    return PAGE.format(lang=lang, title=html.escape(page_title), body=body)


# -- tables -----------------------------------------------------------------------------------------


def study_records(portfolio: Portfolio, lang: str) -> tuple[list[str], list[list[Any]]]:
    """The table of studies for a program: ids as headers, numbers as numbers, the error in ``lang``."""
    columns = portfolio.columns()
    header = ["folder", "id", "title", "language", "status", "error", "errors", "warnings", "notes"]
    header += [c.key for c in columns]
    records = []
    for row in portfolio.rows:
        figures = portfolio.study_figures(row)
        records.append(
            [
                folder_text(row),
                row["id"],
                row["title"],
                row["language"],
                row["status"],
                error_text(row, lang),
                row["findings"]["error"],
                row["findings"]["warning"],
                row["findings"]["info"],
            ]
            + [figures[c.key] for c in columns]
        )
    return header, records


def figure_records(portfolio: Portfolio) -> list[list[Any]]:
    """Every figure across the studies, one statistic a row: ``[figure, category, statistic, value]``."""
    out: list[list[Any]] = []
    for summary in portfolio.summaries():
        fid = summary["id"]
        for key in ("studies", "total", "min", "median", "mean", "max", "with_interval", "of", "reached"):
            if key in summary and summary[key] is not None:
                out.append([fid, "", key, summary[key]])
        for category in summary.get("categories", []):
            out += [[fid, category["category"], key, category[key]] for key in ("total", "share", "studies")]
        for member in summary.get("members", []):
            out += [[fid, member["member"], key, member[key]] for key in ("studies", "share")]
    return out


def to_csv(header: list[str], records: list[list[Any]]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    for record in records:
        writer.writerow(["" if value is None else neutralise_cell(value) for value in record])
    return buffer.getvalue()


def to_xlsx(portfolio: Portfolio, lang: str) -> bytes:
    """Both tables as a workbook, headers in ``lang``."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    studies = book.active
    studies.title = word("studies", lang)
    columns = portfolio.columns()
    header = [word("folder", lang), "id"]
    header += [word(k, lang) for k in ("study", "status", "error", "errors", "warnings", "notes")]
    studies.append(header + [c.title(lang) for c in columns])
    for row in portfolio.rows:
        figures = portfolio.study_figures(row)
        cells = [
            folder_text(row),
            row["id"],
            row["title"],
            status_text(row).get(lang),
            error_text(row, lang),
            row["findings"]["error"],
            row["findings"]["warning"],
            row["findings"]["info"],
        ] + [figures[c.key] for c in columns]
        studies.append([neutralise_cell(cell) for cell in cells])
    figures_sheet = book.create_sheet(word("figures", lang))
    figures_sheet.append([word(k, lang) for k in ("figure", "category", "statistic", "value")])
    titles = {f.id: f for f in portfolio.figures}
    for fid, category, statistic, value in figure_records(portfolio):
        figure = titles[fid]
        shown = label(figure, category, lang) if category else ""
        cell_row = [figure.title.get(lang), shown, STATISTICS[statistic].get(lang), value]  # type: ignore[union-attr]
        figures_sheet.append([neutralise_cell(cell) for cell in cell_row])
        if statistic == "share":
            figures_sheet.cell(row=figures_sheet.max_row, column=4).number_format = "0.0%"
    for sheet in (studies, figures_sheet):
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        sheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def write_portfolio(portfolio: Portfolio, outdir: str | Path, *, lang: str) -> list[Path]:
    """Write the report and tables to ``outdir`` (made when missing); returns the files written."""
    out = Path(outdir)
    out.mkdir(parents=True, exist_ok=True)
    text = markdown(portfolio, lang)
    header, records = study_records(portfolio, lang)
    files = {
        "portfolio.md": text,
        "portfolio.html": to_html(text, title(portfolio, lang), lang),
        "studies.csv": to_csv(header, records),
        "figures.csv": to_csv(["figure", "category", "statistic", "value"], figure_records(portfolio)),
        "portfolio.xlsx": to_xlsx(portfolio, lang),
        "portfolio.json": json.dumps(portfolio.to_dict(), ensure_ascii=False, indent=2) + "\n",
    }
    written = []
    for name, data in files.items():
        atomic_write(out / name, data)
        written.append(out / name)
    return written

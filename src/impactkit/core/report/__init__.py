"""The report: every plugin's sections, in order, as Markdown and as a self-contained HTML page."""

from __future__ import annotations

import html
from typing import TYPE_CHECKING

from .contributions import SEVERITY_NL, Finding
from .i18n import Text, catalog, fill
from .numbers import NO_VALUE, format_number

if TYPE_CHECKING:  # pragma: no cover
    from .result import Result

HEADINGS = catalog(
    [
        ("report", "Impact report", "Impactrapport"),
        ("findings", "Findings", "Bevindingen"),
        ("metrics", "All figures", "Alle cijfers"),
        ("figure", "Figure", "Cijfer"),
        ("value", "Value", "Waarde"),
        (
            "shortened",
            "Long figures are shortened here (…); result.json holds every figure in full, tables/ the tables.",
            "Lange cijfers zijn hier ingekort (…); result.json bevat elk cijfer volledig, tables/ de tabellen.",
        ),
        ("none", "No findings.", "Geen bevindingen."),
        (
            "nested",
            ("{n} value — in full {where}", "{n} values — in full {where}"),
            ("{n} waarde — volledig {where}", "{n} waarden — volledig {where}"),
        ),
        ("in-result", "in result.json", "in result.json"),
        ("yes", "yes", "ja"),
        ("no", "no", "nee"),
        ("made", "Made with impactkit {version}.", "Gemaakt met impactkit {version}."),
    ]
)


def md_escape(text: str) -> str:
    """Escape what Markdown would read as markup in running text or a table cell."""
    out = str(text).replace("\\", "\\\\")
    for char in "|*_`[]<>#":
        out = out.replace(char, "\\" + char)
    return " ".join(out.split())


def md_table(header: list[str], rows: list[list[str]]) -> str:
    lines = ["| " + " | ".join(md_escape(h) for h in header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    lines += ["| " + " | ".join(md_escape(c) for c in row) + " |" for row in rows]
    return "\n".join(lines) + "\n"


def format_value(value: object, lang: str) -> str:
    """A metric's value for a reader: a number as :func:`~impactkit.core.numbers.format_number`
    writes it, yes/no, no value (``–``) for a missing one, a list or mapping as ``a; b`` /
    ``key: a; key: b``."""
    if isinstance(value, bool):
        return HEADINGS["yes" if value else "no"].get(lang)
    if value is None:
        return NO_VALUE
    if isinstance(value, (int, float)):
        return format_number(value, lang)
    if isinstance(value, dict):
        return "; ".join(f"{k}: {format_value(v, lang)}" for k, v in value.items())
    if isinstance(value, list):
        return "; ".join(format_value(v, lang) for v in value)
    return str(value)


def describe_value(value: object, lang: str, where: Text | None = None) -> str:
    """A metric for a list of figures: a scalar, or a short flat list or mapping of scalars
    (``Being: 38; Thinking: 30``), as :func:`format_value` writes it; anything deeper or longer as
    how many entries it has, in the reader's language, and ``where`` it is in full (default: in
    result.json)."""
    if isinstance(value, (dict, list)):
        items = value.values() if isinstance(value, dict) else value
        flat = all(not isinstance(v, (dict, list)) for v in items)
        text = format_value(value, lang)
        if flat and len(text) <= 120:
            return text
        return fill(HEADINGS["nested"], n=len(value), where=where or HEADINGS["in-result"]).get(lang)
    return shorten(format_value(value, lang))


def finding_line(finding: Finding, lang: str) -> str:
    """A finding as a Markdown list item: the severity once, in the reader's language, in bold."""
    severity = SEVERITY_NL[finding.severity] if lang == "nl" else finding.severity
    where = f"{finding.location}: " if finding.location else ""
    return f"- **{severity}** {md_escape(f'{where}{finding.message.get(lang)} [{finding.code}]')}"


def shorten(text: str, limit: int = 160) -> str:
    """``text`` cut at a word boundary to at most ``limit`` characters, with ``…`` when cut."""
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0].rstrip(";:, ")
    return cut + " …"


def markdown(result: "Result", lang: str) -> tuple[str, list[Finding]]:
    """The report as Markdown, and findings about sections that failed to render."""
    from ._version import __version__
    from .failures import MARKDOWN, call

    sections, declared_problems = result.plugins.collect("impactkit_report_sections")
    problems = list(declared_problems)  # a copy: the manager caches the declared ones
    out = [f"# {md_escape(result.study.title)}\n", f"_{HEADINGS['report'].get(lang)}_\n"]
    drawn = result.figure_files
    titles = {v.id: v.title.get(lang) for v in result.visualisations}
    for section in sorted(sections, key=lambda s: (s.order, s.id)):
        called = call(section.plugin, section.id, section.render, result.context, lang)
        mistyped = None if called.error else MARKDOWN.check(section.plugin, section.id, called.value)  # 42: no text
        problems += called.findings + ([mistyped] if mistyped else [])
        if called.error or mistyped:
            continue
        body = (called.value or "").strip()
        pictures = [f"![{md_escape(titles.get(f, f))}](figures/{drawn[f]})" for f in section.figures if f in drawn]
        if body or pictures:
            parts = [body] if body else []
            out.append(f"## {md_escape(section.title.get(lang))}\n\n" + "\n\n".join(parts + pictures) + "\n")
    out.append(f"## {HEADINGS['findings'].get(lang)}\n")
    if result.findings:
        out.append("\n".join(finding_line(f, lang) for f in result.findings) + "\n")
    else:
        out.append(HEADINGS["none"].get(lang) + "\n")
    out.append(f"## {HEADINGS['metrics'].get(lang)}\n")
    declared, _ = result.plugins.collect("impactkit_metrics")
    names = {m.id: m.title.get(lang) for m in declared}
    rows = [[key, names.get(key, ""), describe_value(value, lang)] for key, value in result.metrics.items()]
    out.append(md_table(["id", HEADINGS["figure"].get(lang), HEADINGS["value"].get(lang)], rows))
    nested = any(isinstance(value, (dict, list)) for value in result.metrics.values())
    if nested or any(row[2].endswith("…") for row in rows):
        out.append(f"\n_{HEADINGS['shortened'].get(lang)}_\n")
    out.append(f"\n_{fill(HEADINGS['made'], version=__version__).get(lang)}_\n")
    return "\n".join(out), problems


PAGE = """<!DOCTYPE html>
<html lang="{lang}"><head><meta charset="utf-8"><title>{title}</title>
<style>
body {{ font-family: system-ui, sans-serif; max-width: 60rem; margin: 2rem auto; padding: 0 1rem; color: #222; }}
table {{ border-collapse: collapse; margin: 1rem 0; }} th, td {{ border: 1px solid #ccc; padding: .3rem .6rem; text-align: left; }}
img {{ max-width: 100%; }} h1 {{ margin-bottom: 0; }}
</style></head><body>
{body}
</body></html>
"""


def to_html(markdown_text: str, title: str, lang: str) -> str:
    from markdown_it import MarkdownIt

    body = MarkdownIt("commonmark").enable("table").render(markdown_text)
    return PAGE.format(lang=lang, title=html.escape(title), body=body)

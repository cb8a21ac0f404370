"""The reader's report: its structure, the formats, self-contained HTML, no plumbing, hostile text,
the study's own look, determinism, the notebook."""

from __future__ import annotations

import re
import shutil
import textwrap
import zipfile

import pytest

import impactkit
from impactkit.core.contributions import Finding, KeyFigure, ReportSection, Validation
from impactkit.core.hookspecs import hookimpl
from impactkit.core.i18n import Text
from impactkit.core.plugins import make_manager
from tests.helpers import HASH_SEEDS, run_impactkit
from tests.report.reading import FORMATS, declared_ids, html_text, plumbing, reader_texts

EXAMPLES = ("leerkring-brakkenstein", "leerkring-lingewaard", "pwmi", "sroi-werkplaats")
T = Text(en="t", nl="t")

HOSTILE = "Quotes \"<script>alert(1)</script>\" & 'apostrophes' </style> <img src=x onerror=alert(2)> 🎉"
HOSTILE_STUDY = textwrap.dedent(f"""\
    impactkit: 1
    id: hostile
    title: '{HOSTILE.replace("'", "''")}'
    language: nl
    question: 'Wat levert het op? {HOSTILE.replace("'", "''")}'
    route: nonlinear
    stakeholders:
      - {{id: s, name: '<b>Bewoners</b> & "buren" 🎉', group: '<i>bewoners</i>', helix: civil_society}}
      - {{id: t, name: Studenten, group: studenten, helix: education}}
    activities: [{{id: a, name: '<script>x</script> werkplaats', stakeholders: [t], leads_to: [o]}}]
    outcomes: [{{id: o, name: 'Minder "eenzaam" & <u>verbonden</u>', stakeholders: [s]}}]
    changes: changes.csv
    decisions:
      - {{id: d, text: 'Doorgaan <script>alert(3)</script> & "meer" 🎉', evidence: [o]}}
    """)
HOSTILE_CHANGES = "person,role,stakeholder,change,quote,consent,importance,idg,sdg\n" + "".join(
    f'p{i},"<rol> & ""{i}""",{"s" if i % 2 else "t"},"Ik voel me <b>verbonden</b> & ""gezien"" 🎉 {i}",'
    f'"<script>alert({i})</script> ""citaat"" & meer",ja,{1 + i % 5},Verbondenheid,{3 + i % 2}\n'
    for i in range(12)
)


def write_hostile(tmp_path):
    folder = tmp_path / "hostile"
    folder.mkdir()
    (folder / "study.yaml").write_text(HOSTILE_STUDY, encoding="utf-8")
    (folder / "changes.csv").write_text(HOSTILE_CHANGES, encoding="utf-8")
    return folder


class Sections:
    """A plugin with a section in every part, key figures, and a check with a plain explanation."""

    @hookimpl
    def impactkit_report_sections(self):
        return [
            ReportSection(
                id="fake.top",
                part="summary",
                title=Text(en="Top changes", nl="Belangrijkste veranderingen"),
                render=lambda ctx, lang: "Most people feel *less alone*.\n\n### Residents\n\nA quote.",
                key_figures=lambda ctx, lang: [KeyFigure(value="21.7%", label="feel less alone", note="n = 23")],
            ),
            ReportSection(
                id="fake.body", order=30, title=Text(en="Fake method", nl="Nepmethode"), render=lambda c, l: "The body."
            ),
            ReportSection(
                id="fake.how",
                part="methods",
                title=Text(en="How we coded", nl="Hoe we codeerden"),
                render=lambda c, l: "By hand: 3 changes.",
                key_figures=lambda c, l: [KeyFigure(value="3", label="coded by hand")],
            ),
            ReportSection(
                id="fake.more", part="appendix", title=Text(en="Sources", nl="Bronnen"), render=lambda c, l: "S."
            ),
            ReportSection(
                id="fake.bad",
                order=31,
                title=T,
                render=lambda c, l: "kept",
                key_figures=lambda c, l: ["not a key figure"],
            ),
        ]

    @hookimpl
    def impactkit_validations(self):
        def check(ctx):
            yield Finding(code="fake.coded", severity="warning", message=Text(en="row 3 of x.csv", nl="rij 3"))
            yield Finding(code="fake.coded.more", severity="error", message=Text(en="see x.csv", nl="zie x.csv"))

        return [
            Validation(
                id="fake.coded",
                title=Text(en="Every change has a code", nl="Elke verandering heeft een code"),
                explain=Text(en="Uncoded changes are not counted.", nl="Ongecodeerde veranderingen tellen niet mee."),
                check=check,
            ),
            Validation(id="fake.fine", title=Text(en="All is well", nl="Alles goed"), check=lambda ctx: []),
        ]


def fake_result(write_study):
    manager = make_manager(load=["core"])
    manager.register(Sections(), "fake")
    return impactkit.run(impactkit.load(write_study(), plugins=manager), plugins=manager, lang="en")


def test_the_report_is_in_the_readers_order_with_every_sections_key_figures(write_study):
    result = fake_result(write_study)
    document = result.document("en")
    # from every part, in the report's order: the core's who took part (2 people, 3 changes) first
    assert [k.value for k in document.key_figures] == ["2", "3", "21.7%", "3"]
    assert [s.id for s in document.summary] == ["core.summary", "core.decisions", "fake.top"]
    assert [s.id for s in document.body] == ["fake.body", "fake.bad", "core.toc"]  # the whole picture last
    assert [s.id for s in document.methods] == ["core.scope", "core.steps", "fake.how"]
    assert [s.id for s in document.appendix] == ["fake.more"]
    assert any(f.code == "core.plugin-error" and "fake.bad" in f.message.en for f in result.findings)  # the bad item
    text = result.report_markdown("en")
    order = [
        text.index(h)
        for h in (
            "## Summary",
            "- **21.7%** feel less alone (n = 23)",
            "### Top changes",
            "#### Residents",
            "## Fake method",
            "## How the study was done",
            "### How we coded",
            "## Appendix: Data quality",
            "## Appendix: Sources",
        )
    ]
    assert order == sorted(order)


def test_the_data_quality_appendix_explains_each_check_in_plain_words(write_study):
    text = fake_result(write_study).report_markdown("nl")
    quality = text[text.index("## Bijlage: Kwaliteit van de gegevens") :]
    assert "- **Elk deel van het studiebestand wordt geanalyseerd**" not in quality  # nothing of the kind was found
    assert (
        "- **Elk verandering heeft een code**" not in quality
        and "- **Elke verandering heeft een code** — 1 probleem en 1 aandachtspunt. "
        "Ongecodeerde veranderingen tellen niet mee."
        in quality
    )
    assert "### In orde\n\n- Alles goed" in quality
    assert "x.csv" not in quality and "rij 3" not in quality and "fake.coded" not in quality


@pytest.mark.slow
@pytest.mark.parametrize("example", EXAMPLES)
def test_every_example_writes_every_format_and_no_plumbing(examples_written, example):
    assert examples_written.exit_code == 0, examples_written.output
    out = examples_written.folder / example / "output"
    for name in FORMATS:
        assert (out / name).stat().st_size > 1000, name
    ids = declared_ids()
    for name, text in reader_texts(out).items():
        assert plumbing(text, ids) == [], name
    with zipfile.ZipFile(out / "tables.xlsx") as book:
        assert "xl/workbook.xml" in book.namelist()


@pytest.mark.slow
@pytest.mark.parametrize("example", EXAMPLES)
def test_the_page_stands_on_its_own(examples_written, example, tmp_path):
    page = (examples_written.folder / example / "output" / "report.html").read_text(encoding="utf-8")
    assert '<meta name="viewport" content="width=device-width, initial-scale=1">' in page
    assert "<style>" in page and "@media print" in page and "size: A4" in page
    assert "<script" not in page and "<link" not in page
    for target in re.findall(r'\b(?:src|href)="([^"]*)"', page):
        assert target.startswith(("data:", "#", "https://", "http://", "mailto:")), target
    assert re.findall(r"url\((?!#)", page) == []  # no style sheet reaching out
    ids = re.findall(r'\bid="([^"]+)"', page)
    assert len(ids) == len(set(ids))  # each figure's ids its own
    alone = tmp_path / "elsewhere" / "report.html"
    alone.parent.mkdir()
    shutil.copy(examples_written.folder / example / "output" / "report.html", alone)
    assert alone.read_text(encoding="utf-8") == page


@pytest.mark.slow
def test_hostile_text_is_shown_as_text_in_every_format_and_the_bytes_repeat(tmp_path):
    folder = write_hostile(tmp_path)
    files = {}
    for seed in HASH_SEEDS:
        out = tmp_path / f"out-{seed}"
        done = run_impactkit("run", folder, "-o", out, hash_seed=seed)
        assert done.returncode in (0, 1), done.stderr
        files[seed] = {name: (out / name).read_bytes() for name in FORMATS}
    assert files[HASH_SEEDS[0]] == files[HASH_SEEDS[1]]  # the same study, the same bytes
    out = tmp_path / f"out-{HASH_SEEDS[0]}"
    page = (out / "report.html").read_text(encoding="utf-8")
    assert "<script" not in page and "onerror=" not in page.replace("onerror=alert", "")  # as text only
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page and "🎉" in page
    visible = html_text(page)
    assert '"<script>alert(1)</script>" &' in visible  # the title as written
    texts = reader_texts(out)
    for name in ("report.docx", "report.md"):
        assert "<script>alert(1)</script>" in texts[name].replace("\\", ""), name
    assert "alert(3)" in texts["report.pdf"]


def test_a_study_gives_its_report_its_own_logo_colours_intro_and_template(write_study, tmp_path, core_plugins):
    from impactkit.core.report.html import to_html

    logo = b"\x89PNG\r\n\x1a\n" + bytes(60)
    folder = write_study(
        textwrap.dedent("""\
            impactkit: 1
            id: own
            title: Own look
            report:
              logo: logo.png
              intro: 'Voor de gemeente: <b>lees</b> dit.'
              colours: {primary: "#112233", accent: "#445566"}
              template: look
            """)
    )
    (folder / "logo.png").write_bytes(logo)
    (folder / "look").mkdir()
    (folder / "look" / "style.css.j2").write_text("body { color: {{ colours.primary }}; } /* own */\n")
    result = impactkit.run(impactkit.load(folder, plugins=core_plugins), plugins=core_plugins)
    page = to_html(result.document("nl"))
    assert 'src="data:image/png;base64,iVBORw0KGgo' in page
    assert "body { color: #112233; } /* own */" in page and "--primary" not in page  # the study's style sheet
    assert "Voor de gemeente: &lt;b&gt;lees&lt;/b&gt; dit." in page


def test_a_missing_logo_names_its_file_and_key(cli, write_study):
    folder = write_study("impactkit: 1\nid: x\ntitle: X\nreport:\n  logo: nowhere.png\n")
    done = cli("report", folder, "-o", folder / "out", "--format", "html")
    assert done.exit_code == 2
    assert "study.yaml:5:9" in done.stderr and "report.logo" in done.stderr and "nowhere.png" in done.stderr


def test_report_writes_the_formats_asked_for(cli, write_study):
    folder = write_study()
    done = cli("report", folder, "-o", folder / "out", "--format", "md, xlsx")
    assert done.exit_code == 0, done.output
    assert (folder / "out" / "report.md").exists() and (folder / "out" / "tables.xlsx").exists()
    assert not (folder / "out" / "report.html").exists() and not (folder / "out" / "report.pdf").exists()
    bad = cli("report", folder, "-o", folder / "out", "--format", "html,odt")
    assert bad.exit_code == 2 and "odt" in bad.stderr


def test_the_workbook_has_a_sheet_per_table_with_readers_headers_and_number_formats(write_study, tmp_path):
    import openpyxl
    import pandas as pd

    from impactkit.core.contributions import Column, Table

    class Tables:
        @hookimpl
        def impactkit_tables(self):
            frame = pd.DataFrame({"group": ["a", "b"], "changes": [3, 40], "share": [0.217, 0.5], "euro": [3.5, 1e6]})
            return [
                Table(
                    id="t.shares",
                    title=Text(en="Shares per group: all [of them]", nl="Aandelen per groep: alle [van hen]"),
                    build=lambda ctx: frame,
                    columns={
                        "group": Column(title=Text(en="Group", nl="Groep"), kind="text"),
                        "share": Column(title=Text(en="Share", nl="Aandeel"), kind="percent"),
                        "euro": Column(title=Text(en="Value", nl="Waarde"), kind="money"),
                    },
                ),
                Table(id="t.plain", title=T, build=lambda ctx: frame.set_index("group")),
            ]

    manager = make_manager(load=["core"])
    manager.register(Tables(), "t")
    result = impactkit.run(impactkit.load(write_study(), plugins=manager), plugins=manager, lang="nl")
    result.write(tmp_path / "out", report=("xlsx",))
    book = openpyxl.load_workbook(tmp_path / "out" / "tables.xlsx")
    assert "Aandelen per groep alle van hen" in book.sheetnames  # Excel's forbidden : [ ] left out
    sheet = book["Aandelen per groep alle van hen"]
    assert [c.value for c in sheet[1]] == ["Groep", "changes", "Aandeel", "Waarde"]
    assert sheet["C2"].value == 0.217 and sheet["C2"].number_format == "0.0%"
    assert sheet["B3"].value == 40 and sheet["B3"].number_format == "#,##0"
    assert sheet["D3"].number_format.startswith('"€"')
    plain = book["t"]
    assert [c.value for c in plain[1]][:2] == ["group", "changes"]  # the named index as a column
    csv = (tmp_path / "out" / "tables" / "t.shares.csv").read_text(encoding="utf-8")
    assert csv.splitlines()[:2] == ["group,changes,share,euro", "a,3,0.217,3.5"]  # machine-readable, no index


def test_the_notebook_shows_the_summary_short_and_without_paths(write_study):
    result = fake_result(write_study)
    assert len(repr(result)) < 300 and str(result) == repr(result)
    shown = result._repr_html_()
    assert "21.7%" in shown and "Top changes" in shown and "<svg" in shown
    assert str(write_study().parent) not in shown and "/tmp" not in shown
    figure = result.figure("core.toc")
    assert "<svg" in figure._repr_svg_() and result.figure("toc")._repr_svg_() == figure._repr_svg_()

"""What impactkit writes and says: tables, pictures, the report, messages in both languages."""

from __future__ import annotations

import os
import textwrap

import pytest

import impactkit
from impactkit.core.contributions import Table, Visualisation
from impactkit.core.i18n import Text
from impactkit.core.plugins import make_manager
from tests.core.test_plugins import plugin
from tests.helpers import run_impactkit

T = Text(en="t", nl="t")


def with_plugin(monkeypatch, module, name):
    """Make every manager the CLI builds the core plugin plus ``module``."""
    from impactkit.core import plugins as plugin_module

    real = plugin_module.make_manager

    def manager(load=None):
        made = real(load=["core"])
        made.register(module, name)
        return made

    monkeypatch.setattr(plugin_module, "make_manager", manager)


# -- 1. a plugin returning the wrong type --------------------------------------------------------


def listy():
    return plugin(impactkit_tables=lambda: [Table(id="listy.rows", title=T, build=lambda ctx: [1, 2, 3])])


def test_a_table_that_is_not_a_dataframe_is_a_finding_naming_plugin_and_table(write_study, tmp_path):
    manager = make_manager(load=["core"])
    manager.register(listy(), "listy")
    result = impactkit.run(impactkit.load(write_study(), plugins=manager), plugins=manager)
    assert "listy.rows" not in result.tables
    (finding,) = [f for f in result.findings if f.plugin == "listy"]
    assert finding.code == "core.plugin-error" and finding.severity == "error"
    assert "'listy'" in finding.message.en and "listy.rows" in finding.message.en and "list" in finding.message.en
    assert "DataFrame" in finding.message.en and "verwacht" in finding.message.nl
    written = result.write(tmp_path / "out")
    assert not (tmp_path / "out" / "tables" / "listy.rows.csv").exists() and written


def test_run_with_a_bad_table_exits_1_not_3_and_writes_the_rest(cli, write_study, tmp_path, monkeypatch):
    with_plugin(monkeypatch, listy(), "listy")
    out = cli("run", write_study(), "-o", tmp_path / "out")
    assert out.exit_code == 1, out.output
    assert "listy.rows" in out.output and "internal" not in out.output and "AttributeError" not in out.output
    assert (tmp_path / "out" / "tables" / "core.changes_per_group.csv").exists()
    without = cli("run", write_study())
    assert without.exit_code == 1 and "listy.rows" in without.output  # not silently gone


def test_write_refuses_a_table_put_on_the_result_by_hand(write_study, tmp_path, core_plugins):
    result = impactkit.run(impactkit.load(write_study(), plugins=core_plugins))
    result.tables["core.changes_per_group"] = ["not", "a", "frame"]
    result.write(tmp_path / "out")
    (finding,) = [f for f in result.findings if f.code == "core.plugin-error"]
    assert finding.plugin == "core" and "core.changes_per_group" in finding.message.en


def test_a_chart_or_diagram_of_the_wrong_type_is_a_finding_not_a_crash(cli, write_study, tmp_path, monkeypatch):
    bad = plugin(
        impactkit_visualisations=lambda: [
            Visualisation(id="bad.chart", kind="chart", title=T, chart=lambda c, l: [1, 2]),
            Visualisation(id="bad.graph", kind="diagram", title=T, dot=lambda c, l: ["digraph {}"]),
        ]
    )
    manager = make_manager(load=["core"])
    manager.register(bad, "bad")
    result = impactkit.run(impactkit.load(write_study(), plugins=manager), plugins=manager)
    result.write(tmp_path / "out")
    failures = {f.message.en for f in result.findings if f.plugin == "bad"}
    assert any("bad.chart" in m and "matplotlib Figure" in m for m in failures)
    assert any("bad.graph" in m and "DOT text" in m for m in failures)
    assert (tmp_path / "out" / "figures" / "core.toc.svg").exists()
    with_plugin(monkeypatch, bad, "bad")
    out = cli("diagram", write_study(), "--view", "chart", "-o", tmp_path / "c.svg")
    assert out.exit_code == 1 and "'bad'" in out.output and "internal" not in out.output
    assert not (tmp_path / "c.svg").exists()


def test_write_draws_each_picture_once_for_every_format(write_study, tmp_path):
    calls = {"dot": 0, "mermaid": 0, "chart": 0}

    def dot(ctx, lang):
        calls["dot"] += 1
        return "digraph { a -> b }"

    def mermaid(ctx, lang):
        calls["mermaid"] += 1
        return "flowchart LR\n  a --> b\n"

    def chart(ctx, lang):
        calls["chart"] += 1
        from matplotlib.figure import Figure

        figure = Figure()
        figure.add_subplot().bar(["a"], [1])
        return figure

    counted = plugin(
        impactkit_visualisations=lambda: [
            Visualisation(id="count.graph", kind="diagram", title=T, dot=dot, mermaid=mermaid),
            Visualisation(id="count.chart", kind="chart", title=T, chart=chart),
        ]
    )
    manager = make_manager(load=["core"])
    manager.register(counted, "count")
    result = impactkit.run(impactkit.load(write_study(), plugins=manager), plugins=manager)
    result.write(tmp_path / "out", formats=("svg", "png", "pdf"))
    assert calls == {"dot": 1, "mermaid": 1, "chart": 1}
    figures = {p.name for p in (tmp_path / "out" / "figures").iterdir() if p.name.startswith("count.")}
    assert figures == {
        "count.graph.svg",
        "count.graph.png",
        "count.graph.pdf",
        "count.graph.dot",
        "count.graph.mmd",
        "count.chart.svg",
        "count.chart.png",
        "count.chart.pdf",
    }
    assert (tmp_path / "out" / "figures" / "count.chart.png").read_bytes().startswith(b"\x89PNG")
    assert not [f for f in result.findings if f.plugin == "count"]


# -- 2. table CSVs without pandas' row numbers -------------------------------------------------


@pytest.fixture
def example_tables(examples_written):
    """Every table of every shipped example, as ``impactkit demo`` wrote it (made once per session)."""
    return {p.stem: p.read_text(encoding="utf-8") for p in examples_written.folder.glob("*/output/tables/*.csv")}


@pytest.mark.slow  # the first test to ask for every example written pays for it
def test_no_example_table_starts_with_an_index_column(example_tables):
    assert {"idg.coding", "idg.top_changes", "sdg.coding", "value_chain.value_chain"} <= set(example_tables)
    starts = {name: text.split("\n", 2)[:2] for name, text in example_tables.items()}
    for name, (header, first) in starts.items():
        assert not header.startswith(","), name
        assert not first.startswith("0,"), name
    assert starts["idg.coding"][0].startswith("id,row,")
    assert starts["core.changes_per_group"][0].startswith("group,")  # a named index stays a column


def test_write_table_keeps_a_meaningful_index_only(tmp_path):
    import pandas as pd

    from impactkit.core.result import write_table

    frame = pd.DataFrame({"a": [1, 2, 3], "b": ["x", "y", "z"]})
    cases = {
        "plain": (frame, "a,b\n1,x\n"),
        "filtered": (frame[frame.a > 1], "a,b\n2,y\n"),
        "named": (frame.set_index("b"), "b,a\nx,1\n"),
        "labels": (frame.set_axis(["p", "q", "r"]), "index,a,b\np,1,x\n"),
    }
    for name, (table, start) in cases.items():
        write_table(table, tmp_path / f"{name}.csv")
        assert (tmp_path / f"{name}.csv").read_text().startswith(start), name


# -- 3. diagram -o with a suffix it cannot write --------------------------------------------------


@pytest.mark.parametrize("name", ["x.jpg", "x"])
def test_diagram_refuses_an_unknown_suffix_without_format(cli, write_study, tmp_path, name):
    target = tmp_path / name
    out = cli("diagram", write_study(), "-o", target, plugins="core")
    assert out.exit_code == 2 and not target.exists()
    (line,) = out.output.strip().splitlines()
    assert name in line and ".svg, .png, .pdf, .dot, .gv, .mmd, .md" in line and "--format" in line
    dutch = cli("--lang", "nl", "diagram", write_study(), "-o", target, plugins="core")
    assert dutch.exit_code == 2 and "onbekend bestandstype" in dutch.output
    forced = cli("diagram", write_study(), "-o", target, "--format", "dot", plugins="core")
    assert forced.exit_code == 0 and target.read_text().startswith("digraph")


# -- 4, 5. the report's findings and figures ---------------------------------------------------


def test_the_reports_data_quality_appendix_says_what_a_check_found_in_plain_words(write_study, core_plugins):
    folder = write_study("impactkit: 1\nid: x\ntitle: X\nmethods: {nope: {}}\n")
    result = impactkit.run(impactkit.load(folder, plugins=core_plugins))
    assert any(f.severity == "warning" and f.code == "core.method-unknown" for f in result.findings)
    dutch, english = result.report_markdown("nl"), result.report_markdown("en")
    assert "## Bijlage: Kwaliteit van de gegevens" in dutch and "## Appendix: Data quality" in english
    assert (
        "- **Elk deel van het studiebestand wordt geanalyseerd** — 1 aandachtspunt. Een deel voor een methode" in dutch
    )
    assert "- **Every part of the study file is analysed** — 1 point to note. A part for a method" in english
    for text in (dutch, english):  # no file, rule id or severity word of the technical list
        assert "study.yaml" not in text and "core.method-unknown" not in text and "nope" not in text
        assert "waarschuwing" not in text and "warning" not in text


def test_nested_figures_are_described_not_dumped_and_booleans_are_words(write_study):
    from impactkit.core.contributions import Metric

    manager = make_manager(load=["core"])
    manager.register(
        plugin(
            impactkit_metrics=lambda: [
                Metric(
                    id="m.nested",
                    title=Text(en="Per goal", nl="Per doel"),
                    compute=lambda ctx: {f"g{i}": {"changes": i, "reached": True} for i in range(17)},
                ),
                Metric(id="m.one", title=T, compute=lambda ctx: [{"a": 1}]),
                Metric(id="m.flag", title=T, compute=lambda ctx: True),
                Metric(id="m.off", title=T, compute=lambda ctx: False),
            ]
        ),
        "m",
    )
    result = impactkit.run(impactkit.load(write_study(), plugins=manager), plugins=manager)
    from impactkit.core.report import describe_value

    m = result.metrics
    assert describe_value(m["m.nested"], "nl") == "17 waarden — volledig in result.json"
    assert describe_value(m["m.nested"], "en") == "17 values — in full in result.json"
    assert describe_value(m["m.one"], "nl") == "1 waarde — volledig in result.json"
    assert (describe_value(m["m.flag"], "nl"), describe_value(m["m.off"], "nl")) == ("ja", "nee")
    assert describe_value(m["m.flag"], "en") == "yes" and describe_value(m["core.people"], "nl") == "2"
    assert "m.nested" not in result.report_markdown("nl")  # the report is for readers: no metric ids


# -- 6. the core's messages in Dutch -----------------------------------------------------------


def test_a_row_with_too_many_cells_names_the_cell_by_position(write_study, core_plugins):
    from impactkit.core.errors import StudyError

    folder = write_study(
        "impactkit: 1\nid: x\ntitle: X\nchanges: c.csv\n", c__csv="person,stakeholder,change\np1,s,a,stray\n"
    )
    with pytest.raises(StudyError) as info:
        impactkit.load(folder, plugins=core_plugins)
    (line,) = info.value.render("nl").splitlines()
    assert line.endswith(
        "c.csv:2:#4: de rij heeft 4 cellen maar de kop heeft 3 kolommen "
        "(zet cellen met het scheidingsteken tussen aanhalingstekens)"
    )
    assert "column" not in line


@pytest.mark.parametrize(
    "code, en, nl",
    [
        ("ENOENT", "no such file or folder", "bestand of map bestaat niet"),
        ("EACCES", "permission denied", "geen toestemming"),
        ("EPERM", "permission denied", "geen toestemming"),
        ("EISDIR", "it is a folder, not a file", "het is een map, geen bestand"),
        ("ENOTDIR", "a part of the path is a file, not a folder", "een deel van het pad is een bestand, geen map"),
        ("ENOSPC", "the disk is full", "de schijf is vol"),
        ("EROFS", "the disk is read-only", "de schijf is alleen-lezen"),
        ("EEXIST", "it exists already", "het bestaat al"),
    ],
)
def test_os_errors_in_both_languages(code, en, nl):
    import errno

    from impactkit.core.i18n import os_error_text

    text = os_error_text(OSError(getattr(errno, code), os.strerror(getattr(errno, code)), "f"))
    assert (text.en, text.nl) == (en, nl)
    other = os_error_text(OSError(errno.EIO, "Input/output error", "f"))
    assert other.en == other.nl == "Input/output error"  # the system's words as the fallback


def test_an_unwritable_output_path_is_said_in_dutch(cli, write_study, tmp_path):
    out = cli("--lang", "nl", "diagram", write_study(), "-o", tmp_path / "nonexist" / "x.svg", plugins="core")
    assert out.exit_code == 2
    assert (
        out.output.strip()
        == f"impactkit: kan {tmp_path / 'nonexist' / 'x.svg'} niet gebruiken: bestand of map bestaat niet"
    )


def test_no_study_at_a_path_says_what_a_study_is(cli, tmp_path):
    dutch = cli("--lang", "nl", "run", tmp_path / "nonexistent", plugins="core")
    assert dutch.exit_code == 2
    assert dutch.output.strip() == (
        f"{tmp_path / 'nonexistent'}: hier staat geen studie; geef een map met study.yaml of het YAML-bestand zelf"
    )
    english = cli("--lang", "en", "run", tmp_path / "nonexistent", plugins="core")
    assert "no study here; give a folder with study.yaml or the YAML file itself" in english.output


@pytest.mark.parametrize(
    "text, line, nl, en",
    [
        ("title: a: b\n", 3, "een ':' in een waarde", "a ':' inside a value"),
        ("\ttitle: X\n", 3, "een tab: spring alleen in met spaties", "a tab character"),
        ("stakeholders:\n  - {id: a, name: A}\n - {id: b, name: B}\n", 5, "het inspringen past niet", "indentation"),
        ("title: X\nstray\nroute: both\n", 5, "een regel zonder 'sleutel: waarde'", "a line without 'key: value'"),
        ("title: [X\n", 4, "een '[' of '{' die niet sluit", "a '[' or '{' that is not closed"),
        ('title: "X\n', 4, "een aanhalingsteken dat niet sluit", "a quote that is not closed"),
    ],
)
def test_yaml_syntax_errors_say_what_to_look_at_in_both_languages(write_study, core_plugins, text, line, nl, en):
    from impactkit.core.errors import StudyError

    folder = write_study("impactkit: 1\nid: x\n" + text)
    with pytest.raises(StudyError) as info:
        impactkit.load(folder, plugins=core_plugins)
    (problem,) = info.value.problems
    assert problem.location.line == line and problem.location.column is not None
    assert problem.message.nl.startswith(f"ongeldige YAML: {nl}") and "de YAML-lezer zegt: " in problem.message.nl
    assert problem.message.en.startswith("invalid YAML: ") and en in problem.message.en


# -- 7. numbers like 20.000 --------------------------------------------------------------------


def test_the_advice_for_an_ambiguous_number_makes_sense(write_study, core_plugins):
    from impactkit.core.errors import StudyError

    folder = write_study(
        "impactkit: 1\nid: x\ntitle: X\nstakeholders: [{id: s, name: S}]\n"
        "inputs:\n  - {id: i, name: I, stakeholder: s, value: 20.000}\n"
    )
    with pytest.raises(StudyError) as info:
        impactkit.load(folder, plugins=core_plugins)
    (problem,) = info.value.problems
    assert problem.message.en == (
        "'20.000' is ambiguous: 20000 or 20? Write 20000 for the whole number "
        "(no thousands separator), or 20.0 if you mean the decimal number"
    )
    assert problem.message.nl == (
        "'20.000' is dubbelzinnig: 20000 of 20? Schrijf 20000 voor het hele getal "
        "(zonder scheidingsteken voor duizendtallen), of 20.0 als je het decimale getal "
        "bedoelt (YAML schrijft decimalen met een punt)"
    )
    assert "20.0000" not in problem.message.en + problem.message.nl


# -- 8. click's words in Dutch help ------------------------------------------------------------


def test_dutch_help_has_dutch_placeholders_and_required():
    dutch = run_impactkit("--lang", "nl", "import", "changes", "--help", plugins="core").stdout
    assert "[verplicht]" in dutch and "[required]" not in dutch
    assert dutch.startswith("Gebruik: impactkit import changes [OPTIES] BESTAND")
    # (the top-level help's usage line: tests/core/test_cli_language.py)
    english = run_impactkit("--lang", "en", "import", "changes", "--help", plugins="core").stdout
    assert english.startswith("Usage: impactkit import changes [OPTIONS] FILE") and "[required]" in english


# -- 9. the theory of change ---------------------------------------------------------------------

LONG = "Keukentafelgesprekken met bewoners over wat zij nodig hebben om zich minder alleen te voelen in hun eigen buurt"


@pytest.fixture
def toc_study(write_study, core_plugins):
    return impactkit.run(
        impactkit.load(
            write_study(
                textwrap.dedent(f"""\
        impactkit: 1
        id: toc
        title: 'Wijk: "samen" #1'
        stakeholders: [{{id: s, name: S}}]
        inputs: [{{id: money, name: Subsidie, stakeholder: s, value: 3000, to: [a]}}]
        activities: [{{id: a, name: '{LONG}', leads_to: [o, p]}}]
        outcomes: [{{id: o, name: O}}, {{id: p, name: P}}]
        links: [{{source: a, target: o, confidence: 0.5}}]
        """)
            ),
            plugins=core_plugins,
        )
    )


def test_labels_keep_six_lines_and_the_tooltip_the_whole_text(toc_study):
    from impactkit.core.diagram import toc_dot, wrap

    assert len(wrap(LONG)) == 6 and wrap(LONG)[-1] == "buurt"  # four lines used to cut it
    assert len(wrap("word " * 60)) == 6 and wrap("word " * 60)[-1].endswith("…")
    dot = toc_dot(toc_study.graph, "nl")
    assert "buurt" in dot.split('tooltip="', 1)[0].rsplit("a [label=", 1)[1]  # all of it in the label
    assert f'tooltip="{LONG}"' in dot  # the name, not the id


def test_the_legend_keeps_its_samples_apart_from_their_words(toc_study):
    from impactkit.core.diagram import toc_dot

    dot = toc_dot(toc_study.graph, "nl")
    assert "———&#160;&#160;</TD><TD" in dot and "- - -&#160;&#160;</TD>" in dot
    assert "———</TD>" not in dot


def test_mermaid_has_the_title_confidence_labels_and_input_values(toc_study):
    from impactkit.core.diagram import toc_mermaid

    assert toc_mermaid(toc_study.graph, "nl") == textwrap.dedent("""\
        ---
        title: "Wijk: \\"samen\\" #1"
        ---
        flowchart LR
          subgraph input["Inzet"]
            n0["Subsidie<br/>€ 3.000"]
          end
          subgraph activity["Activiteiten"]
            n1["Keukentafelgesprekken<br/>met bewoners over wat<br/>zij nodig hebben om<br/>zich minder alleen te<br/>voelen in hun eigen<br/>buurt"]
          end
          subgraph outcome["Effecten (outcome)"]
            n2["O"]
            n3["P"]
          end
          n1 -. "0,5" .-> n2
          n1 --> n3
          n0 --> n1
          classDef s0 fill:#f7c98b,stroke:#555555
          class n0 s0
        """)
    english = toc_mermaid(toc_study.graph, "en")
    assert '-. "0.5" .->' in english and "€3,000" in english  # the English pattern, as SROI writes money
    assert 'subgraph input["Inputs"]' in english
    assert toc_mermaid(toc_study.graph, "en", title="Other").startswith('---\ntitle: "Other"\n---\n')


# -- 10. step 3 of the status ------------------------------------------------------------------


@pytest.mark.parametrize("route, done", [("nonlinear", False), ("both", False), ("linear", True)])
def test_step3_needs_changes_on_route_2_and_outcomes_do_on_route_1(cli, write_study, route, done):
    folder = write_study(f"impactkit: 1\nid: x\ntitle: X\nroute: {route}\noutcomes: [{{id: o, name: O}}]\n")
    line = next(line for line in cli("status", folder, plugins="core").output.splitlines() if "3. Changes" in line)
    assert line.endswith("— done") is done
    if not done:
        assert "experienced changes" in line and "route 2" in line


def test_run_lists_short_flat_figures_and_counts_deep_ones(cli):
    out = cli("--lang", "en", "run", impactkit.examples_dir() / "pwmi", plugins="core,idg").output
    line = {row.split()[0]: row for row in out.splitlines() if row.startswith("  idg.")}
    assert line["idg.dimension_counts"].endswith("Being: 38; Thinking: 30; Relating: 71; Collaborating: 98; Acting: 19")
    assert line["idg.by_group"].endswith("6 values — in full with --json")  # per group: too deep to list

"""The command line, through click's runner and as a real subprocess."""

from __future__ import annotations

import functools
import json
import os
import subprocess
import sys

import pytest

import impactkit
from tests.conftest import MINIMAL
from tests.helpers import HASH_SEEDS, SCRIPT, environment, files_under, run_impactkit


@pytest.fixture
def run_cli(cli):
    """The CLI with only the core plugin, tracebacks on."""
    return functools.partial(cli, plugins="core", debug=True)


def test_help_lists_every_command(run_cli):
    out = run_cli("--help").output
    for command in ("validate", "run", "diagram", "plugins", "schema", "status", "init", "demo", "import"):
        assert f"  {command}" in out


def test_validate_ok_warning_error_and_bad_input(run_cli, write_study):
    ok = run_cli("validate", write_study())
    assert ok.exit_code == 0 and "valid" in ok.output
    broken = write_study("impactkit: 1\nid: x\ntitle: X\noutcomes:\n  - {id: a, name: A, leads_to: [a]}\n")
    result = run_cli("validate", broken)
    assert result.exit_code == 1 and "core.cycle" in result.output


@pytest.mark.parametrize(
    "text, line, words",
    [
        ("impactkit: 1\nid: x\ntitle: [oops\n", 4, "invalid YAML"),
        ("impactkit: 1\nid: x\ntitle: X\ncolour: red\n", 4, "unknown key 'colour'"),
        ("impactkit: 1\nid: x\ntitle: X\nstakeholders:\n  - {id: a, name: A, size: lots}\n", 5, "size"),
        ("impactkit: 2\nid: x\ntitle: X\n", 1, "impactkit"),
        ("impactkit: 1\nid: x\ntitle: X\nchanges: missing.csv\n", 4, "missing.csv"),
    ],
)
def test_bad_input_is_one_line_per_problem_with_file_and_line_and_exit_2(run_cli, write_study, text, line, words):
    result = run_cli("run", write_study(text))
    assert result.exit_code == 2
    assert "Traceback" not in result.output
    first = result.output.strip().splitlines()[0]
    assert f"study.yaml:{line}:" in first and words in first


def test_dutch_messages(run_cli, write_study):
    result = run_cli("--lang", "nl", "validate", write_study("impactkit: 1\nid: x\ntitle: X\nkleur: rood\n"))
    assert result.exit_code == 2 and "onbekende sleutel 'kleur'" in result.output
    typed = write_study(
        "impactkit: 1\nid: x\ntitle: X\nroute: curvy\nstakeholders:\n  - {id: a, name: A, size: many}\n"
        "  - {id: 'b c', name: [x]}\nlinks:\n  - {source: a, target: b, confidence: 1.5}\n"
    )
    lines = run_cli("--lang", "nl", "validate", typed).output.strip().splitlines()
    assert [line.split(": ", 1)[1] for line in lines] == [
        "verwacht een van: 'linear', 'nonlinear' of 'both' (gekregen: 'curvy')",
        "verwacht een geheel getal (gekregen: 'many')",
        "een id begint met een letter of cijfer en bevat alleen letters, cijfers en _ . : - (gekregen: 'b c')",
        "verwacht tekst (gekregen: list)",
        "moet kleiner dan of gelijk aan 1.0 zijn (gekregen: 1.5)",
    ]


def test_run_json_document(run_cli, write_study):
    result = run_cli("run", write_study(), "--json")
    assert result.exit_code == 0
    doc = json.loads(result.stdout)  # --debug writes to stderr
    assert set(doc) == {"impactkit", "study", "findings", "metrics"}
    assert doc["study"] == {"id": "demo", "title": "Demo study"}
    assert doc["metrics"]["core.changes"] == 3
    assert doc["metrics"]["core.people"] == 2
    assert doc["metrics"]["core.roles"] == 2
    assert doc["metrics"]["core.stakeholder_groups"] == 2


def test_run_findings_in_json_have_plugin_code_severity_location(run_cli, write_study):
    folder = write_study("impactkit: 1\nid: x\ntitle: X\noutputs:\n  - {id: a, name: A, leads_to: [ghost]}\n")
    result = run_cli("run", folder, "--json")
    assert result.exit_code == 1
    (finding,) = json.loads(result.stdout)["findings"]
    assert finding["plugin"] == "core" and finding["code"] == "core.dangling" and finding["severity"] == "error"
    assert finding["location"]["line"] == 5


def test_run_writes_report_figures_tables(run_cli, write_study, tmp_path):
    out = tmp_path / "out"
    result = run_cli("run", write_study(), "-o", out)
    assert result.exit_code == 0
    for name in (
        "result.json",
        "report.md",
        "report.html",
        "figures/core.toc.svg",
        "figures/core.toc.png",
        "figures/core.toc.dot",
        "figures/core.toc.mmd",
        "tables/core.changes_per_group.csv",
    ):
        assert (out / name).stat().st_size > 0, name
    assert "Demo study" in (out / "report.html").read_text()
    for name in ("report.pdf", "report.docx", "tables.xlsx"):
        assert (out / name).stat().st_size > 0, name
    assert "```mermaid" in (out / "report.md").read_text()
    page = (out / "report.html").read_text()
    assert 'aria-label="Theory of change"' in page and "figures/" not in page


def test_diagram_formats(run_cli, write_study, tmp_path):
    folder = write_study()
    dot = run_cli("diagram", folder, "--format", "dot")
    assert dot.exit_code == 0 and dot.stdout.startswith("digraph")  # --debug writes to stderr
    mermaid = run_cli("diagram", folder, "-f", "mermaid").stdout
    assert mermaid.startswith('---\ntitle: "Demo study"\n---\nflowchart LR\n')
    for fmt, magic in (("svg", b"<?xml"), ("png", b"\x89PNG"), ("pdf", b"%PDF")):
        target = tmp_path / f"toc.{fmt}"
        done = run_cli("diagram", folder, "-o", target)
        assert done.exit_code == 0, done.output
        assert target.read_bytes().startswith(magic)


def test_diagram_unknown_view_is_a_usage_error(run_cli, write_study):
    result = run_cli("diagram", write_study(), "--view", "nonsense")
    assert result.exit_code == 2 and "toc" in result.output


def test_plugins_schema_status(run_cli, write_study):
    listing = run_cli("plugins")
    assert listing.exit_code == 0 and "core" in listing.output and "core.changes" in listing.output
    schema = json.loads(run_cli("schema").output)
    assert "stakeholders" in schema["properties"] and "methods" in schema["properties"]
    status = run_cli("status", write_study())
    assert status.exit_code == 0
    assert "1. Question and route choice" in status.output and "5. Decisions" in status.output


def test_init_creates_a_study_that_validates(run_cli, tmp_path):
    target = tmp_path / "new"
    assert run_cli("--lang", "nl", "init", target, "--route", "linear").exit_code == 0
    text = (target / "study.yaml").read_text()
    assert "route: linear" in text and "# Stap 1" in text
    assert run_cli("validate", target).exit_code == 0
    assert run_cli("init", target).exit_code == 2  # refuses to overwrite


def test_import_changes_keeps_comments_and_unknown_columns(run_cli, write_study, tmp_path):
    folder = write_study(
        "# my precious comment\nimpactkit: 1\nid: x\ntitle: X  # inline too\n"
        "stakeholders: [{id: students, name: Students}]\n"
        "changes:\n  - {person: p0, stakeholder: students, change: inline one}\n"
    )
    export = tmp_path / "export.csv"
    export.write_text("Persoon,Stakeholder,Verandering,Opleiding\np1,students,Ik leer,SPH\n", encoding="utf-8")
    result = run_cli("import", "changes", export, "--study", folder, "--append")
    assert result.exit_code == 0
    text = (folder / "study.yaml").read_text()
    assert "# my precious comment" in text and "# inline too" in text and "changes: changes.csv" in text
    rows = (folder / "changes.csv").read_text().splitlines()
    assert rows[0] == "person,stakeholder,change,Opleiding"
    assert rows[1:] == ["p0,students,inline one,", "p1,students,Ik leer,SPH"]  # nothing lost
    again = run_cli("import", "changes", export, "--study", folder, "--append")
    assert again.exit_code == 0 and len((folder / "changes.csv").read_text().splitlines()) == 4


def test_import_changes_leaves_the_rest_of_study_yaml_byte_for_byte(run_cli, write_study, tmp_path):
    head = '# top\nimpactkit: 1\nid: x\ntitle: "T — quoted"   # why\nstakeholders:\n    -   {id: s, name: S}\n'
    tail = "# about decisions\ndecisions: []\n"
    folder = write_study(head + "changes:\n  - {person: p, stakeholder: s, change: c}\n  # a note\n" + tail)
    export = tmp_path / "e.csv"
    export.write_text("person,stakeholder,change\np2,s,d\n", encoding="utf-8")
    assert run_cli("import", "changes", export, "--study", folder, "--append").exit_code == 0
    assert (folder / "study.yaml").read_text() == head + "changes: changes.csv\n  # a note\n" + tail


def test_import_repairs_a_broken_changes_file(run_cli, write_study, tmp_path):
    folder = write_study(
        "impactkit: 1\nid: x\ntitle: X\nstakeholders: [{id: s, name: S}]\nchanges: c.csv\n",
        c__csv="person,stakeholder,change\np1,s,\n",
    )
    assert run_cli("validate", folder).exit_code == 2
    export = tmp_path / "fixed.csv"
    export.write_text("person,stakeholder,change\np1,s,now filled in\n", encoding="utf-8")
    assert run_cli("import", "changes", export, "--study", folder, "--force").exit_code == 0
    assert run_cli("validate", folder).exit_code == 0
    assert run_cli("import", "changes", export, "--study", folder, "--append").exit_code == 0


def test_import_rejects_unknown_stakeholders_with_row(run_cli, write_study, tmp_path):
    folder = write_study("impactkit: 1\nid: x\ntitle: X\nstakeholders: [{id: a, name: A}]\n")
    export = tmp_path / "export.csv"
    export.write_text("person,stakeholder,change\np1,a,x\np2,zz,y\n", encoding="utf-8")
    result = run_cli("import", "changes", export, "--study", folder)
    assert result.exit_code == 2 and "export.csv:3:stakeholder:" in result.output
    assert not (folder / "changes.csv").exists()


def test_no_plugins_flag(cli, write_study):
    result = cli("--no-plugins", "run", write_study(), "--json")
    doc = json.loads(result.output)
    assert doc["metrics"] == {}
    # the study's decision cites core.changes, which no loaded plugin now provides: said, not hidden
    assert [f["code"] for f in doc["findings"]] == ["core.decision-evidence"] and result.exit_code == 1


MANY = MINIMAL.replace(
    "inputs:\n",
    "".join(f"  - {{id: h{i}, name: Holder {i}, group: g{i % 5}}}\n" for i in range(12)) + "inputs:\n",
).replace(
    "decisions:",
    "".join(f"  - {{person: q{i}, role: r{i % 7}, stakeholder: h{i % 12}, change: c{i}}}\n" for i in range(40))
    + "decisions:",
)
"""MINIMAL with 12 more stakeholders in 5 groups and 40 more changes in 7 roles: sets worth ordering."""


@pytest.mark.slow  # three real processes, one drawing every picture twice
def test_the_console_script_writes_the_same_bytes_whatever_the_hash_seed(write_study, tmp_path):
    folder = write_study(MANY)
    printed, written = [], []
    for seed in HASH_SEEDS:  # a fresh interpreter each: set and dict order of strings differ between them
        done = run_impactkit("run", folder, "--json", "-o", tmp_path / seed, plugins="core", hash_seed=seed)
        assert done.returncode == 0, done.stderr
        printed.append(done.stdout)
        written.append(files_under(tmp_path / seed))
    assert json.loads(printed[0])["metrics"]["core.stakeholder_groups"] == 7
    assert {"result.json", "report.md", "figures/core.toc.dot", "figures/core.toc.mmd"} <= set(written[0])
    assert printed[0] == printed[1] and written[0] == written[1]
    bad = run_impactkit("validate", "/nonexistent/study", plugins="core")
    assert bad.returncode == 2 and "Traceback" not in bad.stderr and "no study here" in bad.stderr


def test_bad_output_paths_are_input_errors_not_crashes(cli, write_study, tmp_path):
    folder = write_study()
    result = cli("diagram", folder, "-o", tmp_path / "no" / "such" / "x.svg")
    assert result.exit_code == 2 and "x.svg" in result.output and "internal" not in result.output
    blocker = tmp_path / "afile"
    blocker.write_text("x")
    result = cli("run", folder, "-o", blocker / "out")
    assert result.exit_code == 2 and "afile" in result.output


def test_a_view_with_nothing_to_draw_is_said_not_written_empty(cli, write_study, tmp_path, monkeypatch):
    from impactkit.core import plugins as plugin_module
    from impactkit.core.contributions import Visualisation
    from impactkit.core.i18n import Text
    from tests.core.test_plugins import plugin

    real = plugin_module.make_manager

    def manager(load=None):
        made = real(load=["core"])
        made.register(
            plugin(
                impactkit_visualisations=lambda: [
                    Visualisation(id="e.empty", kind="diagram", title=Text(en="e", nl="e"), dot=lambda c, l: None)
                ]
            ),
            "e",
        )
        return made

    monkeypatch.setattr(plugin_module, "make_manager", manager)
    target = tmp_path / "v.svg"
    result = cli("--lang", "nl", "diagram", write_study(), "--view", "empty", "-o", target)
    assert result.exit_code == 2 and "heeft niets te tekenen" in result.output and not target.exists()


@pytest.fixture
def one_example(tmp_path, monkeypatch):
    """``impactkit.examples_dir()`` holds one small study, ``mini``: what demo may replace does not
    depend on which examples ship (every shipped one is run by the slow test below)."""
    examples = tmp_path / "examples"
    (examples / "mini").mkdir(parents=True)
    (examples / "mini" / "study.yaml").write_text(MINIMAL, encoding="utf-8")
    monkeypatch.setattr(impactkit, "examples_dir", lambda: examples)
    return examples


def test_demo_and_init_never_overwrite_what_a_user_made(run_cli, one_example, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    precious = tmp_path / "w" / "mini" / "interviews.txt"
    precious.parent.mkdir(parents=True)
    precious.write_text("precious")
    assert run_cli("demo", "-o", tmp_path / "w").exit_code == 2
    assert precious.read_text() == "precious"
    (tmp_path / "mine").mkdir()
    (tmp_path / "mine" / "changes.csv").write_text("real rows")
    assert run_cli("init", tmp_path / "mine").exit_code == 2
    assert (tmp_path / "mine" / "changes.csv").read_text() == "real rows"


def test_demo_replaces_its_own_folders_when_run_again(run_cli, one_example, tmp_path):
    out = tmp_path / "demo"
    first = run_cli("demo", "-o", out)
    assert first.exit_code == 0, first.output
    figures = len(impactkit.run(impactkit.load(one_example / "mini")).metrics)
    assert first.stdout.splitlines()[0] == (  # --debug writes to stderr
        f"Demo study: {figures} figures, 0 findings -> {out / 'mini' / 'output' / 'report.html'}"
    )
    assert (out / "mini" / ".impactkit-demo").exists() and (out / "mini" / "output" / "report.html").exists()
    (out / "mini" / "output" / "stale.txt").write_text("from the first run")
    again = run_cli("demo", "-o", out)
    assert again.exit_code == 0 and again.stdout == first.stdout
    assert (out / "mini" / "output" / "report.html").exists() and not (out / "mini" / "output" / "stale.txt").exists()


@pytest.mark.slow
def test_demo_runs_every_shipped_example(examples_written):
    assert examples_written.exit_code == 0, examples_written.output
    examples = sorted(p.parent.name for p in impactkit.examples_dir().glob("*/study.yaml"))
    assert len(examples) >= 4
    assert sorted(p.parent.parent.name for p in examples_written.folder.glob("*/output/report.html")) == examples
    last = examples_written.stdout.splitlines()[-1]  # in the language the examples speak
    assert last.startswith(f"{len(examples)} ") and last.endswith(f"; open {examples_written.folder.resolve()}")


def test_status_step5_needs_evidence_that_exists(run_cli, write_study):
    folder = write_study(
        "impactkit: 1\nid: x\ntitle: X\ndecisions:\n  - {id: d, text: Go, evidence: [ghost, core.changes]}\n"
    )
    out = run_cli("status", folder).output
    assert "5. Decisions — missing: evidence that exists (unknown: ghost)" in out


def test_closed_pipe_is_quiet(write_study):
    read_end, write_end = os.pipe()
    try:  # a small pipe (Linux), so that a small study says more than it holds
        import fcntl

        capacity = fcntl.fcntl(write_end, fcntl.F_SETPIPE_SZ, 4096)
    except (ImportError, AttributeError, OSError):
        capacity = 65536
    count = 4 * capacity // 100  # one finding of over 100 bytes per stakeholder nobody is linked to
    holders = "".join(f"  - {{id: s{i}, name: Stakeholder {i}}}\n" for i in range(count))
    folder = write_study("impactkit: 1\nid: x\ntitle: X\nstakeholders:\n" + holders)
    proc = subprocess.Popen(
        [str(SCRIPT), "run", str(folder)],
        stdout=write_end,
        stderr=subprocess.PIPE,
        env=environment(plugins="core"),
    )
    os.close(write_end)
    start = os.read(read_end, 100)
    os.close(read_end)  # the reader goes away, like `| head`
    _, err = proc.communicate(timeout=120)
    assert start and proc.returncode == 0 and "Traceback" not in err.decode() and "internal" not in err.decode()


INTERRUPTED_RUN = """
import contextlib
import os
import impactkit.core.files as files

original = files.atomic_file


@contextlib.contextmanager
def interrupted(path, *args, **kwargs):
    with original(path, *args, **kwargs) as handle:
        yield handle
        if os.path.basename(path) == os.environ["INTERRUPT_AT"]:  # Ctrl-C while this file is written
            raise KeyboardInterrupt


files.atomic_file = interrupted
from impactkit.cli import main
main()
"""


@pytest.mark.parametrize("lang, words", [("en", "interrupted (Ctrl-C)"), ("nl", "onderbroken (Ctrl-C)")])
def test_ctrl_c_stops_with_exit_130_and_leaves_every_output_whole(write_study, tmp_path, lang, words):
    """A run of an earlier version of the study wrote ``out``; the run of the new version is
    interrupted while it writes report.html: the files before it are the new run's, report.html
    and those after it the earlier run's, none in between, and no temporary file is left."""
    out, whole = tmp_path / "out", tmp_path / "whole"
    earlier = write_study(MINIMAL.replace("name: Students", "name: Pupils"))
    assert run_impactkit("run", earlier, "-o", out, lang=lang).returncode in (0, 1)
    old = files_under(out)
    study = write_study()
    assert run_impactkit("run", study, "-o", whole, lang=lang).returncode in (0, 1)
    new = files_under(whole)
    done = subprocess.run(
        [sys.executable, "-c", INTERRUPTED_RUN, "run", str(study), "-o", str(out)],
        capture_output=True,
        text=True,
        env={**environment(lang=lang), "INTERRUPT_AT": "report.html"},
        timeout=120,
    )
    assert done.returncode == 130, done.stderr
    assert words in done.stderr and "Aborted" not in done.stderr and "Traceback" not in done.stderr
    after = files_under(out)
    assert set(after) == set(old) == set(new)  # no temporary file left
    assert all(after[name] in (old[name], new[name]) for name in after)  # each file whole: one run's or the other's
    assert after["report.html"] == old["report.html"] != new["report.html"]  # interrupted: as it was
    assert any(after[name] == new[name] != old[name] for name in after)  # files before it: the new run's


INTERRUPTED_START = """
import sys
import impactkit.cli.click_nl as click_nl


def interrupted(lang):
    raise KeyboardInterrupt  # Ctrl-C while impactkit is still starting


click_nl.use = interrupted
from impactkit.cli import main
main()
"""


@pytest.mark.parametrize(
    "args, words", [(["--lang", "nl", "run"], "onderbroken (Ctrl-C) voordat"), (["run"], "interrupted (Ctrl-C) before")]
)
def test_ctrl_c_while_impactkit_starts_is_one_line_and_exit_130(args, words):
    done = subprocess.run(
        [sys.executable, "-c", INTERRUPTED_START, *args],
        capture_output=True,
        text=True,
        env=environment(lang="en"),
        timeout=60,
    )
    assert done.returncode == 130 and words in done.stderr and "Traceback" not in done.stderr, done.stderr

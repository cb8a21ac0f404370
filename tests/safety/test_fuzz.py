"""Fuzz: mutations of the shipped examples' study.yaml and changes file. Whatever the input, a
command ends with exit 0, 1 or 2 and a message — never exit 3 (impactkit's own error) or a
traceback. A fixed budget (derandomised, so a run is repeatable) keeps it inside ``make test``."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

EXAMPLES = Path(__file__).resolve().parents[2] / "src" / "impactkit" / "examples"
STUDIES = sorted(p.parent.name for p in EXAMPLES.glob("*/study.yaml"))
BUDGET = settings(
    max_examples=25,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

# what a hostile or unlucky hand puts into YAML and CSV
PIECES = [
    ":",
    ": ",
    "- ",
    "\n",
    "  ",
    "\t",
    "{",
    "}",
    "[",
    "]",
    ",",
    ";",
    '"',
    "'",
    "&a ",
    "*a",
    "!!python/object:os.system ",
    "#",
    "|",
    ">",
    "?",
    "%",
    "@",
    "`",
    "\\",
    "\x00",
    "\ufeff",
    "é",
    "€",
    "😀",
    "1e308",
    "-1",
    "0",
    "10**400",
    "nan",
    ".inf",
    "20.000",
    "1,5",
    "null",
    "~",
    "yes",
    "no",
    "2025-13-45",
    "<script>alert(1)</script>",
    '=HYPERLINK("x")',
    "\x1b[2J",
    "../",
    "/etc/passwd",
    "id: x",
    "stakeholder: nobody",
    "leads_to: [x]",
    "\r\n",
]


@st.composite
def mutated(draw, text: str) -> str:
    """``text`` with a few edits: a slice cut out, pieces put in, a line doubled or two swapped."""
    lines = text.splitlines(keepends=True)
    for _ in range(draw(st.integers(1, 4))):
        kind = draw(st.sampled_from(["cut", "insert", "double", "swap", "replace"]))
        at = draw(st.integers(0, max(len(text) - 1, 0)))
        if kind == "cut":
            text = text[:at] + text[at + draw(st.integers(1, 40)) :]
        elif kind == "insert":
            text = text[:at] + draw(st.sampled_from(PIECES)) + text[at:]
        elif kind == "replace":
            text = text[:at] + draw(st.text(max_size=8)) + text[at + draw(st.integers(0, 8)) :]
        elif lines:
            i, j = draw(st.integers(0, len(lines) - 1)), draw(st.integers(0, len(lines) - 1))
            if kind == "double":
                lines.insert(i, lines[i])
            else:
                lines[i], lines[j] = lines[j], lines[i]
            text = "".join(lines)
        lines = text.splitlines(keepends=True)
    return text


def copy_example(name: str, to: Path) -> Path:
    folder = to / name
    if folder.exists():
        shutil.rmtree(folder)
    shutil.copytree(EXAMPLES / name, folder, ignore=shutil.ignore_patterns("*.py", "README.md", "__pycache__"))
    return folder


def assert_handled(out, what: str) -> None:
    assert out.exit_code in (0, 1, 2), f"{what}: exit {out.exit_code}\n{out.output}"
    assert "Traceback" not in out.output, what
    if out.exit_code == 2:
        assert out.output.strip(), f"{what}: exit 2 without a message"


@pytest.mark.slow
@pytest.mark.parametrize("name", STUDIES)
def test_a_mutated_study_file_is_refused_or_analysed_never_a_crash(name, tmp_path, cli):
    text = (EXAMPLES / name / "study.yaml").read_text(encoding="utf-8")

    @BUDGET
    @given(mutated(text))
    def check(study: str) -> None:
        folder = copy_example(name, tmp_path)
        (folder / "study.yaml").write_text(study, encoding="utf-8", errors="surrogatepass")
        assert_handled(cli("validate", folder, catch=True), f"validate {name} with\n{study}")

    check()


@pytest.mark.slow
def test_a_mutated_changes_file_is_refused_or_analysed_never_a_crash(tmp_path, cli):
    text = (EXAMPLES / "pwmi" / "changes.csv").read_text(encoding="utf-8")
    head, body = text.split("\n", 1)
    sample = head + "\n" + "\n".join(body.splitlines()[:25]) + "\n"  # a few rows keep each run short

    @BUDGET
    @given(mutated(sample))
    def check(changes: str) -> None:
        folder = copy_example("pwmi", tmp_path)
        (folder / "changes.csv").write_text(changes, encoding="utf-8", errors="surrogatepass")
        assert_handled(cli("run", folder, "--json", catch=True), f"run with changes\n{changes}")

    check()

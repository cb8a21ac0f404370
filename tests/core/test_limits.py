"""YAML that would make impactkit hang or crash is refused at its place with exit 2: the alias bomb,
nesting hundreds of levels deep, a flood of aliases, a file too large (core/limits.py)."""

from __future__ import annotations

import pytest

from impactkit.core import limits
from impactkit.core.errors import StudyError
from impactkit.core.limits import check_yaml

BOMB = "a: &a [x, x, x, x, x, x, x, x, x, x]\n" + "".join(
    f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join(['*' + chr(97 + i)] * 10)}]\n" for i in range(9)
)
"""Ten levels of ten aliases each: 10**10 values once expanded (the 'billion laughs')."""


def refusal(text: str) -> str:
    with pytest.raises(StudyError) as caught:
        check_yaml(text, "study.yaml")
    (problem,) = caught.value.problems
    return problem.render("en")


def test_an_alias_bomb_is_refused_at_the_alias_that_crosses_the_limit():
    message = refusal(BOMB)
    assert message.startswith("study.yaml:") and "alias bomb" in message
    line = int(message.split(":")[1])
    assert 2 <= line <= 10


def test_nesting_hundreds_of_levels_deep_is_refused_with_its_line():
    message = refusal("a: " + "[" * 600 + "]" * 600 + "\n")
    assert message.startswith("study.yaml:1:") and "more than 64 levels" in message
    block = "".join("  " * i + f"k{i}:\n" for i in range(100)) + "  " * 100 + "v: 1\n"
    assert "levels" in refusal(block)


def test_many_aliases_are_refused(monkeypatch):
    monkeypatch.setattr(limits, "YAML_MAX_ALIASES", 3)
    assert "more than 3 aliases" in refusal("a: &a 1\nb: [*a, *a, *a, *a]\n")


def test_a_file_over_the_size_limit_is_refused(monkeypatch):
    monkeypatch.setattr(limits, "YAML_MAX_BYTES", 100)
    message = refusal("title: " + "x" * 200 + "\n")
    assert message.startswith("study.yaml:") and "at most 100 bytes" in message


def test_ordinary_anchors_and_syntax_errors_pass_to_the_loader():
    check_yaml("base: &b {helix: education}\nothers: [*b, *b]\ndeep: {a: {b: {c: [1, 2]}}}\n", "study.yaml")
    check_yaml("a: [unclosed\n", "study.yaml")  # the loader words syntax errors


def test_the_dutch_message_and_the_command_line(write_study, cli):
    folder = write_study("impactkit: 1\nid: t\ntitle: T\n" + BOMB)
    out = cli("--lang", "nl", "validate", folder, plugins="core")
    assert out.exit_code == 2
    assert "study.yaml:" in out.output and "aliasbom" in out.output
    deep = write_study("impactkit: 1\nid: t\ntitle: T\nx: " + "[" * 1000 + "]" * 1000 + "\n")
    out = cli("validate", deep, plugins="core")
    assert out.exit_code == 2 and "levels" in out.output and "Traceback" not in out.output


def test_a_date_that_is_none_is_refused_at_its_place_quoted_it_is_text():
    message = refusal("period:\n  start: 2025-13-45\n")
    assert message.startswith("study.yaml:2:10") and "'2025-13-45' is not a date" in message
    assert "not a date" in refusal("when: 2025-02-30T10:00:00\n")
    check_yaml('period: {start: "2025-13-45", end: 2026-02-28}\n', "study.yaml")


def test_numbers_keep_to_documented_ranges(write_study, cli):
    from tests.conftest import MINIMAL

    for old, new, key in [
        ("value: 20000", f"value: {limits.MAX_MONEY * 10:.0f}", "value"),
        ("helix: education}", f"helix: education, size: {limits.MAX_PEOPLE * 10}}}", "size"),
    ]:
        out = cli("validate", write_study(MINIMAL.replace(old, new, 1)), plugins="core")
        assert out.exit_code == 2 and key in out.output, out.output

"""Bilingual text: Text, catalog, fill and the plural forms of messages about a count."""

from __future__ import annotations

import pytest

from impactkit.core.i18n import MESSAGES, Plural, Text, catalog, fill, msg, plural

ONE = Text(en="{n} change in {file}", nl="{n} verandering in {file}")
OTHER = Text(en="{n} changes in {file}", nl="{n} veranderingen in {file}")


@pytest.mark.parametrize(
    "n, en, nl",
    [
        (0, "0 changes in x.csv", "0 veranderingen in x.csv"),
        (1, "1 change in x.csv", "1 verandering in x.csv"),
        (2, "2 changes in x.csv", "2 veranderingen in x.csv"),
        (1234, "1,234 changes in x.csv", "1.234 veranderingen in x.csv"),  # the count as numbers are written
        (1.5, "1.5 changes in x.csv", "1,5 veranderingen in x.csv"),
    ],
)
def test_plural_chooses_the_form_for_the_count_in_each_language(n, en, nl):
    assert plural(n, ONE, OTHER, file="x.csv") == Text(en=en, nl=nl)


def test_plural_fills_text_parameters_in_each_language():
    one = Text(en="{n} error in {what}", nl="{n} fout in {what}")
    other = Text(en="{n} errors in {what}", nl="{n} fouten in {what}")
    what = Text(en="the impact map", nl="de impactmap")
    assert plural(2, one, other, what=what) == Text(en="2 errors in the impact map", nl="2 fouten in de impactmap")


def test_plural_allows_different_word_order_per_form():
    one = Text(en="there is {n} warning", nl="er is {n} waarschuwing")
    other = Text(en="there are {n} warnings", nl="er zijn {n} waarschuwingen")
    assert plural(1, one, other).nl == "er is 1 waarschuwing"
    assert plural(3, one, other).en == "there are 3 warnings"


def test_a_catalog_row_with_pairs_is_a_plural_and_fill_takes_the_form_for_n():
    table = catalog(
        [
            ("saved", "saved {file}", "{file} bewaard"),
            (
                "changes",
                ("{n} change in {file}", "{n} changes in {file}"),
                ("{n} verandering in {file}", "{n} veranderingen in {file}"),
            ),
        ]
    )
    assert table["saved"] == Text(en="saved {file}", nl="{file} bewaard")
    assert table["changes"] == Plural(one=ONE, other=OTHER)
    assert fill(table["changes"], n=1, file="a") == Text(en="1 change in a", nl="1 verandering in a")
    assert fill(table["changes"], n=7, file="a") == Text(en="7 changes in a", nl="7 veranderingen in a")
    assert fill(table["saved"], file="a") == Text(en="saved a", nl="a bewaard")


def test_a_plural_needs_its_count_and_a_row_both_pairs_or_neither():
    with pytest.raises(TypeError, match="needs its count"):
        fill(Plural(one=ONE, other=OTHER), file="a")
    with pytest.raises(ValueError, match="'bad'"):
        catalog([("bad", ("{n} change", "{n} changes"), "{n} veranderingen")])


def test_fill_leaves_other_numbers_as_they_are():
    # a line number or an id is not a figure: no thousands separator
    assert fill(Text(en="line {line}", nl="regel {line}"), line=1234) == Text(en="line 1234", nl="regel 1234")


@pytest.mark.parametrize(("key", "inline"), [("import-has-changes", ""), ("import-has-inline-changes", " inline")])
def test_the_core_messages_about_changes_are_plural(key, inline):
    assert isinstance(MESSAGES[key], Plural)
    one, three = msg(key, n=1, file="study.yaml"), msg(key, n=3, file="study.yaml")
    assert f"1 change{inline} in study.yaml" in one.en and "1 verandering in study.yaml" in one.nl
    assert f"3 changes{inline} in study.yaml" in three.en and "3 veranderingen in study.yaml" in three.nl
    assert "(s)" not in one.en + three.en and "(en)" not in one.nl + three.nl
    assert "add to it " in one.en and "add to them " in three.en


def test_no_core_message_spells_a_plural_in_brackets():
    texts = [
        t
        for v in MESSAGES.values()
        for form in ([v] if isinstance(v, Text) else [v.one, v.other])
        for t in (form.en, form.nl)
    ]
    assert not [t for t in texts if "(s)" in t or "(en)" in t]


def test_a_figure_written_per_language_fills_a_message():
    from impactkit.core.numbers import format_money

    total = Text.per_language(lambda lang: format_money(402299.36, lang))
    assert total == Text(en="€402,299.36", nl="€ 402.299,36")
    said = fill(Text(en="total value {value}", nl="totale waarde {value}"), value=total)
    assert said == Text(en="total value €402,299.36", nl="totale waarde € 402.299,36")


def test_the_text_and_numbers_example_in_the_plugin_docs_says_what_it_does():
    import ast
    from pathlib import Path

    docs = (Path(__file__).parents[2] / "docs" / "plugins.md").read_text(encoding="utf-8")
    section = docs.split("\n## Text and numbers\n", 1)[1].split("\n## ", 1)[0]
    code = section.split("```python\n", 1)[1].split("```", 1)[0]
    lines = code.splitlines()
    namespace: dict = {}
    checked = 0
    for statement in ast.parse(code).body:
        source = ast.get_source_segment(code, statement)
        if not isinstance(statement, ast.Expr):
            exec(source, namespace)
            continue
        after = lines[statement.end_lineno - 1][statement.end_col_offset :].strip() or lines[statement.end_lineno]
        said = after.strip().removeprefix("#").strip()
        assert eval(source, namespace) == ast.literal_eval(said), source
        checked += 1
    assert checked == 3

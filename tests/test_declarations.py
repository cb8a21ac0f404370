"""The built-in plugins declare what a reader's report needs: every check says what a problem it
finds means for the figures (``Validation.explain``, shown in the data-quality appendix), and every
table gives its columns a header in both languages and a kind of number (``Table.columns``, for
tables.xlsx and the CSV's rounding), but for the columns a study names itself."""

from __future__ import annotations

import re

import pytest

import impactkit
from impactkit.core.i18n import Text
from impactkit.core.plugins import make_manager
from impactkit.core.report.workbook import _frame

BUILT_IN = ("core", "idg", "sdg", "sroi", "value_chain")
STUDY_NAMED = {
    "idg.confusion": r".+ \\ .+",  # the two coders, as the study names them
    "value_chain.review": r"[\w-]+",  # an effect, by its id: does the project serve it
}
"""Columns named by the study alone (a coder, an effect's id): the workbook shows the name itself.
Columns with a part the study names (``share: <group>``, ``year_<year>``) are declared as patterns."""


@pytest.fixture(scope="module")
def plugins():
    return make_manager(load=list(BUILT_IN))


def test_every_check_explains_what_a_problem_means_for_the_figures(plugins):
    validations, problems = plugins.collect("impactkit_validations")
    assert not problems
    missing = [v.id for v in validations if v.explain is None or not (v.explain.en.strip() and v.explain.nl.strip())]
    assert missing == []
    for v in validations:  # plain words: no file, key, id or command
        for text in (v.explain.en, v.explain.nl):
            assert not re.search(r"impactkit |\.csv|\.yaml|methods\.|[a-z]+_[a-z]+", text), (v.id, text)


def test_every_table_declares_its_columns(plugins):
    tables, _ = plugins.collect("impactkit_tables")
    assert {t.plugin for t in tables} == set(BUILT_IN)
    assert [t.id for t in tables if not t.columns] == []
    for table in tables:
        for name, column in table.columns.items():
            assert column.title.en and column.title.nl, (table.id, name)


@pytest.mark.parametrize("example", ["pwmi", "leerkring-brakkenstein", "leerkring-lingewaard", "sroi-werkplaats"])
def test_every_column_an_example_gets_is_declared_or_named_by_the_study(plugins, example):
    result = impactkit.run(impactkit.load(impactkit.examples_dir() / example, plugins=plugins), plugins=plugins)
    declared = {t.id: t for t in plugins.collect("impactkit_tables")[0]}
    assert result.tables
    for table_id, frame in result.tables.items():
        for name in map(str, _frame(frame).columns):
            column = declared[table_id].column(name)
            if column is None:
                assert re.fullmatch(STUDY_NAMED.get(table_id, r"(?!)"), name), (table_id, name)
            else:
                assert "{}" not in column.title.en + column.title.nl, (table_id, name)


def test_a_pattern_column_fills_in_the_part_the_study_names():
    from impactkit.core.contributions import Column, Table
    from impactkit.core.i18n import Text

    table = Table(
        id="t.years",
        title=Text(en="Years", nl="Jaren"),
        build=lambda ctx: None,
        columns={
            "year": Column(title=Text(en="Year", nl="Jaar"), kind="count"),
            "year_{}": Column(title=Text(en="Value in {}", nl="Waarde in {}"), kind="money"),
        },
    )
    assert table.column("year").title == Text(en="Year", nl="Jaar")  # its own name before a pattern
    found = table.column("year_2025")
    assert found == Column(title=Text(en="Value in 2025", nl="Waarde in 2025"), kind="money")
    assert table.column("year_{x}").title.nl == "Waarde in {x}"  # braces in a study's name stay as they are
    assert table.column("year_") is None and table.column("years") is None and table.column("other") is None


@pytest.mark.parametrize(
    ("key", "title"),
    [
        ("year_{}_{}", Text(en="{} {}", nl="{} {}")),
        ("year_{}", Text(en="Value", nl="Waarde in {}")),
        ("{}", Text(en="{}", nl="{}")),  # every column
    ],
)
def test_a_pattern_column_must_say_where_its_part_goes(key, title):
    from pydantic import ValidationError

    from impactkit.core.contributions import Column, Table

    with pytest.raises(ValidationError, match="once|beside"):
        Table(id="t.bad", title=title, build=lambda ctx: None, columns={key: Column(title=title)})

"""The one formatter (impactkit.core.numbers): every kind of figure in Dutch and English."""

from __future__ import annotations

import datetime
import subprocess
import sys
from decimal import Decimal
from fractions import Fraction

import numpy as np
import pytest

from impactkit.core.i18n import Text
from impactkit.core.numbers import (
    NO_VALUE,
    format_count,
    format_date,
    format_list,
    format_money,
    format_number,
    format_percent,
    format_ratio,
    plural_form,
)


def both(function, *args, **kwargs) -> tuple[str, str]:
    return function(*args, "nl", **kwargs), function(*args, "en", **kwargs)


# -- numbers --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "value, nl, en",
    [
        (1234.567, "1.234,57", "1,234.57"),
        (1234.5, "1.234,5", "1,234.5"),  # trailing zeros dropped
        (12.0, "12", "12"),
        (1234567, "1.234.567", "1,234,567"),  # an int has no decimals
        (0, "0", "0"),
        (-3.5, "-3,5", "-3.5"),
        (-1234.5, "-1.234,5", "-1,234.5"),
        (0.4567, "0,457", "0.457"),  # below 1: three significant digits
        (0.04567, "0,0457", "0.0457"),
        (-0.04567, "-0,0457", "-0.0457"),
        (0.000001234, "0,00000123", "0.00000123"),  # nothing small becomes 0
        (0.9996, "1", "1"),  # three significant digits round up to a whole number
        (99.999, "100", "100"),
        (-0.0, "0", "0"),
        (Decimal("1234.5"), "1.234,5", "1,234.5"),
        (np.float64(2.5), "2,5", "2.5"),
        (np.int64(1234), "1.234", "1,234"),
        (Fraction(1, 4), "0,25", "0.25"),
        (10**30, "1" + ".000" * 10, "1" + ",000" * 10),  # larger than a float's precision, exactly
    ],
)
def test_numbers_in_each_language(value, nl, en):
    assert both(format_number, value) == (nl, en)


@pytest.mark.parametrize(
    "value, decimals, en",
    [
        (2.675, 2, "2.68"),  # half away from zero, as written; format(2.675, '.2f') says 2.67
        (0.125, 2, "0.13"),
        (-0.125, 2, "-0.13"),
        (2.665, 2, "2.67"),  # not to the even digit (Decimal's and Babel's default)
        (0.5, 0, "1"),
        (1.5, 0, "2"),
        (2.5, 0, "3"),
        (-2.5, 0, "-3"),
        (1234.5, 2, "1,234.50"),  # a fixed number of decimals keeps its zeros
        (3, 1, "3.0"),
        (-0.004, 2, "0.00"),  # rounds to zero: no minus sign
        (-0.005, 2, "-0.01"),
        (1e20, 2, "100,000,000,000,000,000,000.00"),
    ],
)
def test_rounding_is_half_away_from_zero(value, decimals, en):
    assert format_number(value, "en", decimals=decimals) == en
    assert format_number(value, "nl", decimals=decimals) == en.replace(",", "_").replace(".", ",").replace("_", ".")


def test_group_false_leaves_out_the_thousands_separator():
    assert both(format_number, 2025, group=False) == ("2025", "2025")
    assert both(format_number, 12345.5, group=False) == ("12345,5", "12345.5")


@pytest.mark.parametrize("missing", [None, float("nan"), np.nan, Decimal("NaN")])
def test_a_missing_value_is_written_as_no_value_by_every_formatter(missing):
    assert NO_VALUE == "–"
    for function in (format_number, format_money, format_percent, format_ratio):
        assert both(function, missing) == (NO_VALUE, NO_VALUE), function.__name__
    assert both(format_date, None) == (NO_VALUE, NO_VALUE)


@pytest.mark.parametrize("infinite", [float("inf"), float("-inf"), np.inf, Decimal("Infinity")])
def test_an_infinite_number_is_refused(infinite):
    for function in (format_number, format_money, format_percent, format_ratio):
        with pytest.raises(ValueError, match="infinite"):
            function(infinite, "nl")


@pytest.mark.parametrize("wrong", [True, False, "12", [1], object()])
def test_a_bool_or_a_non_number_is_refused(wrong):
    for function in (format_number, format_money, format_percent, format_ratio):
        with pytest.raises(TypeError, match="not a number"):
            function(wrong, "en")


def test_any_language_but_dutch_is_english():
    assert format_number(1234.5, "de") == format_number(1234.5, "en") == "1,234.5"


# -- money ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "value, nl, en",
    [
        (402299.36, "€ 402.299,36", "€402,299.36"),
        (3000, "€ 3.000", "€3,000"),  # whole: no cents
        (3000.5, "€ 3.000,50", "€3,000.50"),  # cents: both digits
        (2.999, "€ 3", "€3"),  # rounds to a whole amount
        (2.995, "€ 3", "€3"),
        (2.994, "€ 2,99", "€2.99"),
        (-3000, "€ -3.000", "-€3,000"),  # the locale's place for the minus
        (-1234.5, "€ -1.234,50", "-€1,234.50"),
        (-0.001, "€ 0", "€0"),  # no minus on zero
        (0, "€ 0", "€0"),
    ],
)
def test_money_in_each_language(value, nl, en):
    assert both(format_money, value) == (nl, en)


def test_money_with_fixed_decimals_and_other_currencies():
    assert both(format_money, 402299.36, decimals=0) == ("€ 402.299", "€402,299")
    assert both(format_money, 3000, decimals=2) == ("€ 3.000,00", "€3,000.00")
    assert both(format_money, 1234.5, currency="usd") == ("US$ 1.234,50", "US$1,234.50")
    assert both(format_money, 10.5, currency="GBP") == ("£ 10,50", "£10.50")
    assert both(format_money, 1234.4, currency="JPY") == ("JP¥ 1.234", "JP¥1,234")  # the yen has no cents


def test_money_has_no_no_break_spaces():
    assert "\xa0" not in format_money(402299.36, "nl") + format_money(-5, "nl")


# -- percentages and ratios -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "value, nl, en",
    [
        (0.217, "21,7%", "21.7%"),
        (0.38, "38,0%", "38.0%"),  # one rule: one decimal, always
        (0.3845, "38,5%", "38.5%"),
        (0.00125, "0,1%", "0.1%"),
        (1, "100,0%", "100.0%"),
        (12.5, "1.250,0%", "1,250.0%"),
        (-0.054, "-5,4%", "-5.4%"),
        (-0.0004, "0,0%", "0.0%"),  # rounds to zero: no minus sign
        (0.0005, "0,1%", "0.1%"),  # 0.05% rounds half away from zero
    ],
)
def test_percentages_have_one_decimal(value, nl, en):
    assert both(format_percent, value) == (nl, en)


def test_percentages_with_other_decimals():
    assert both(format_percent, 0.3845, decimals=0) == ("38%", "38%")
    assert both(format_percent, 0.3845, decimals=2) == ("38,45%", "38.45%")


@pytest.mark.parametrize(
    "value, nl, en",
    [
        (2.05, "2,05 : 1", "2.05 : 1"),
        (2, "2,00 : 1", "2.00 : 1"),
        (0.456, "0,46 : 1", "0.46 : 1"),
        (2.005, "2,01 : 1", "2.01 : 1"),
        (1234.5, "1.234,50 : 1", "1,234.50 : 1"),
        (-0.5, "-0,50 : 1", "-0.50 : 1"),
    ],
)
def test_ratios_to_one_as_sroi_writes_them(value, nl, en):
    assert both(format_ratio, value) == (nl, en)


# -- dates and lists ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "value",
    [datetime.date(2025, 9, 1), datetime.datetime(2025, 9, 1, 23, 59), "2025-09-01", " 2025-09-01 "],
)
def test_dates_written_out(value):
    assert both(format_date, value) == ("1 september 2025", "1 September 2025")


def test_dates_in_every_month_differ_by_language():
    nl, en = both(format_date, datetime.date(2024, 3, 15))
    assert (nl, en) == ("15 maart 2024", "15 March 2024")


def test_a_date_that_is_not_one_is_refused():
    with pytest.raises(ValueError):
        format_date("1 september", "nl")
    with pytest.raises(TypeError, match="not a date"):
        format_date(20250901, "nl")  # type: ignore[arg-type]


def test_lists_in_running_text():
    words = [
        Text(en="education", nl="onderwijs"),
        Text(en="government", nl="overheid"),
        Text(en="civil society", nl="maatschappij"),
    ]
    assert both(format_list, words) == (
        "onderwijs, overheid en maatschappij",
        "education, government and civil society",  # en_GB: no comma before 'and'
    )
    assert both(format_list, ["svg", "png", "pdf"], style="or") == ("svg, png of pdf", "svg, png or pdf")
    assert both(format_list, ["a", "b"]) == ("a en b", "a and b")
    assert both(format_list, ["only"]) == ("only", "only")
    assert both(format_list, iter(())) == (NO_VALUE, NO_VALUE)


# -- counts ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "n, nl, en",
    [
        (0, "0 veranderingen", "0 changes"),
        (1, "1 verandering", "1 change"),
        (1.0, "1 verandering", "1 change"),  # written as 1
        (2, "2 veranderingen", "2 changes"),
        (1.5, "1,5 veranderingen", "1.5 changes"),
        (1234, "1.234 veranderingen", "1,234 changes"),
        (-1, "-1 verandering", "-1 change"),
    ],
)
def test_counts_with_plural_nouns(n, nl, en):
    one, other = Text(en="change", nl="verandering"), Text(en="changes", nl="veranderingen")
    assert both(format_count, n, one, other) == (nl, en)


def test_counts_with_words_in_one_language_and_the_plural_category():
    assert format_count(1, "fout", "fouten", "nl") == "1 fout"
    assert format_count(3, "error", "errors", "en") == "3 errors"
    assert [plural_form(n, "nl") for n in (0, 1, 2, 1.0, 0.5)] == ["other", "one", "other", "one", "other"]


# -- the CLI stays fast ---------------------------------------------------------------------------


@pytest.mark.parametrize("module", ["impactkit.core.numbers", "impactkit.core.i18n", "impactkit.cli.main"])
def test_importing_does_not_import_babel(module):
    probe = f"import {module}, sys; print('babel' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "False"


# -- the core's figures go through it -------------------------------------------------------------


def test_the_reports_figures_are_written_by_the_formatter():
    from impactkit.core.report import describe_value, format_value

    assert [format_value(v, "nl") for v in (1234.5, 0.1234, 12345, None, True)] == [
        "1.234,5",
        "0,123",
        "12.345",
        "–",
        "ja",
    ]
    assert [format_value(v, "en") for v in (1234.5, 0.1234, 12345, None, False)] == [
        "1,234.5",
        "0.123",
        "12,345",
        "–",
        "no",
    ]
    assert format_value({"Being": 38.25, "Thinking": None}, "nl") == "Being: 38,25; Thinking: –"
    assert describe_value([0.5, 2], "nl") == "0,5; 2"


@pytest.mark.parametrize("n, nl, en", [(1, "1 waarde", "1 value"), (200, "200 waarden", "200 values")])
def test_the_report_counts_a_long_figure_in_the_plural_that_fits(n, nl, en):
    from impactkit.core.report import describe_value

    deep = [[i] for i in range(n)]
    assert describe_value(deep, "nl") == f"{nl} — volledig in result.json"
    assert describe_value(deep, "en", where=Text(en="with --json", nl="met --json")) == f"{en} — in full with --json"


def test_a_refused_picture_format_lists_the_choices_in_running_text():
    from impactkit.core.render import RenderError, render_chart, render_dot

    with pytest.raises(RenderError) as diagram:
        render_dot("digraph {}", "gif")
    assert diagram.value.text == Text(
        en="cannot render a diagram as 'gif'; use svg, png, pdf, dot or mermaid",
        nl="een diagram kan niet als 'gif'; kies svg, png, pdf, dot of mermaid",
    )
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    with pytest.raises(RenderError) as chart:
        render_chart(plt.figure(), "dot")
    assert chart.value.text.nl.endswith("kies svg, png of pdf") and chart.value.text.en.endswith("use svg, png or pdf")


def test_an_edge_to_unknown_nodes_names_them_in_the_plural_that_fits():
    import networkx as nx

    from impactkit.core.contributions import GraphEdge
    from impactkit.core.graph import extend_graph

    graph = nx.MultiDiGraph()
    graph.add_node("a")
    one, two = extend_graph(
        graph,
        "p",
        [GraphEdge(source="a", target="ghost", relation="r"), GraphEdge(source="x", target="y", relation="r")],
    )
    assert one.message == Text(
        en="edge a → ghost joins an unknown node, ghost; refused",
        nl="verbinding a → ghost raakt een onbekende knoop, ghost; geweigerd",
    )
    assert two.message == Text(
        en="edge x → y joins unknown nodes, x and y; refused",
        nl="verbinding x → y raakt onbekende knopen, x en y; geweigerd",
    )


def test_a_row_longer_than_a_one_column_header_counts_in_the_singular(tmp_path):
    from impactkit.core.readers import read_csv

    path = tmp_path / "one.csv"
    path.write_text("person\np1,stray\n", encoding="utf-8")
    (problem,) = read_csv(path).attrs["problems"]
    assert problem.message.nl.startswith("de rij heeft 2 cellen maar de kop heeft 1 kolom (")
    assert problem.message.en.startswith("the row has 2 cells but the header has 1 column (")


def test_the_notebook_counts_findings_by_severity_in_the_readers_words(write_study, core_plugins):
    import impactkit
    from impactkit.core.contributions import Finding

    said = Text(en="x", nl="x")
    found = [Finding(code="t.a", severity="warning", message=said)] * 2 + [
        Finding(code="t.b", severity="error", message=said)
    ]
    study = impactkit.load(write_study(), plugins=core_plugins)
    dutch, english = impactkit.run(study, lang="nl"), impactkit.run(study, lang="en")
    dutch.findings[:], english.findings[:] = found, found
    assert "Controles: 1 fout en 2 waarschuwingen</p>" in dutch._repr_html_()  # the worst first
    assert "Checks: 1 error and 2 warnings</p>" in english._repr_html_()


def test_an_unknown_view_lists_the_views_to_choose_from(write_study):
    import impactkit
    from impactkit.core.contributions import Visualisation
    from impactkit.core.hookspecs import hookimpl
    from impactkit.core.plugins import make_manager
    from impactkit.core.result import UnknownView

    class Views:
        @hookimpl
        def impactkit_visualisations(self):
            title = Text(en="View", nl="Weergave")
            return [
                Visualisation(id=f"v.{n}", kind="diagram", title=title, dot=lambda c, l: "digraph {}") for n in "ab"
            ]

    manager = make_manager(load=["core"])
    manager.register(Views(), "v")
    result = impactkit.run(impactkit.load(write_study(), plugins=manager), plugins=manager)
    with pytest.raises(UnknownView) as info:
        result.render("nonsense")
    assert info.value.text == Text(
        en="unknown view 'nonsense'; choose from: core.toc, v.a or v.b",
        nl="onbekende weergave 'nonsense'; kies uit: core.toc, v.a of v.b",
    )

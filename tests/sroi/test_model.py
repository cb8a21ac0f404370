"""Reading numbers, percentages, ranges and distributions of an impact map."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from impactkit.plugins.sroi.model import Distribution, SroiSettings, ValueMapRow, make_estimate
from impactkit.plugins.sroi.parse import SroiValueError, parse_bool, parse_fraction, text_to_float


@pytest.mark.parametrize(
    "given, expected",
    [
        (0.25, 0.25),
        ("25%", 0.25),
        ("25 %", 0.25),
        ("0,25", 0.25),
        (0, 0.0),
        (1, 1.0),
        ("100%", 1.0),
        ("12,5%", 0.125),
        ("0.4", 0.4),
    ],
)
def test_fractions(given, expected):
    assert parse_fraction(given) == pytest.approx(expected)


@pytest.mark.parametrize(
    "given, words",
    [
        (140, "above 1"),
        (1.4, "above 1"),
        ("140%", "outside 0%–100%"),
        (-0.1, "negative"),
        ("-5%", "outside"),
        ("lots", "not a number"),
        (True, "not a number"),
    ],
)
def test_bad_fractions_say_what_is_expected(given, words):
    with pytest.raises(SroiValueError) as info:
        parse_fraction(given)
    assert words in info.value.text.en
    assert info.value.text.nl and info.value.text.nl != info.value.text.en


def test_a_bare_number_above_one_is_not_read_as_a_percentage():
    with pytest.raises(SroiValueError) as info:
        parse_fraction(25)
    assert 'write "25%"' in info.value.text.en


@pytest.mark.parametrize(
    "text, expected",
    [
        ("1000", 1000.0),
        ("1.234,50", 1234.5),
        ("1,234.50", 1234.5),
        ("€ 2.500,00", 2500.0),
        ("0,5", 0.5),
        ("1.234.567", 1234567.0),
        ("-12", -12.0),
        ("EUR 30", 30.0),
    ],
)
def test_numbers_in_dutch_and_english_notation(text, expected):
    assert text_to_float(text) == expected


def test_an_ambiguous_thousands_separator_is_refused():
    with pytest.raises(SroiValueError, match="ambiguous"):
        text_to_float("1,000")


@pytest.mark.parametrize("given, expected", [("ja", True), ("nee", False), ("yes", True), ("", False), (1, True)])
def test_yes_no(given, expected):
    assert parse_bool(given) is expected


def test_estimates_from_numbers_ranges_and_distributions():
    assert make_estimate(30, "count").value == 30
    est = make_estimate({"value": "25%", "low": "15%", "high": 0.4}, "fraction")
    assert (est.value, est.low, est.high) == (0.25, 0.15, 0.4)
    assert est.uncertain and est.mc_distribution() == Distribution(type="triangular", low=0.15, mode=0.25, high=0.4)
    est = make_estimate({"value": 0.25, "distribution": "triangular(15%, 25%, 40%)"}, "fraction")
    assert est.distribution.spec() == "triangular(0.15, 0.25, 0.4)"
    est = make_estimate({"value": 1000, "distribution": {"type": "lognormal", "sd": 200}}, "money")
    assert est.distribution.mean == 1000  # defaults to the value
    est = make_estimate("normal(40, 5)", "count")
    assert est.value == 40 and est.distribution.type == "normal"
    est = make_estimate({"distribution": {"type": "beta", "mean": 0.2, "sd": 0.05}}, "fraction")
    assert est.value == pytest.approx(0.2)
    assert est.distribution.alpha == pytest.approx(12.6) and est.distribution.beta == pytest.approx(50.4)
    assert make_estimate("", "count") is None and make_estimate(None, "money") is None


@pytest.mark.parametrize(
    "spec, kind, words",
    [
        ({"value": 3, "low": 4, "high": 5}, "count", "low ≤ value ≤ high"),
        ({"value": 3, "low": 1}, "count", "both low and high"),
        ({"low": 1, "high": 5}, "count", "needs a value"),
        ("gamma(1, 2)", "count", "unknown distribution"),
        ("triangular(0.5, 0.2, 0.9)", "fraction", "low ≤ mode ≤ high"),
        ("triangular(10%, 20%, 140%)", "fraction", "outside 0%–100%"),
        ({"value": 5, "distribution": "uniform(6, 9)"}, "count", "outside its uniform"),
        ("lognormal(-5, 1)", "money", "above 0"),
        ("beta(2, 5)", "count", "needs low and high"),
        ({"value": 1, "distribution": {"type": "normal", "mu": 3}}, "count", "unknown parameter 'mu'"),
        ("uniform(1)", "count", "takes 2"),
    ],
)
def test_bad_estimates(spec, kind, words):
    with pytest.raises(SroiValueError) as info:
        make_estimate(spec, kind)
    assert words in info.value.text.en


def test_value_map_row_names_the_field_in_errors():
    with pytest.raises(ValidationError) as info:
        ValueMapRow(stakeholder="s", outcome="o", quantity=-3, deadweight=140)
    fields = {e["loc"][0] for e in info.value.errors()}
    assert fields == {"quantity", "deadweight"}
    with pytest.raises(ValidationError):
        ValueMapRow(stakeholder="s", outcome="o", quanity=3)  # a typo is an error, not ignored


def test_settings_defaults_and_percent_discount_rate():
    settings = SroiSettings()
    assert settings.rate == 0.035 and settings.currency == "EUR" and settings.default_sensitivity == 0.2
    assert SroiSettings(discount_rate="3,5%").rate == pytest.approx(0.035)
    with pytest.raises(ValidationError):
        SroiSettings(discount_rate=3.5)
    with pytest.raises(ValidationError):
        SroiSettings(monte_carlo={"draws": 10, "seed": 1})


@pytest.mark.parametrize(
    "text, whole, decimal, form",
    [
        ("1.000", "1000", "1", "1"),
        ("€ 1.000", "1000", "1", "1"),
        ("2.500", "2500", "2.5", "2.5"),
        ("12.000", "12000", "12", "12"),
        ("-1.000", "-1000", "-1", "-1"),
        ("€1.000", "1000", "1", "1"),
        ("EUR 999.999", "999999", "999.999", "999.9990"),
        ("14.229", "14229", "14.229", "14.2290"),
        ("1,000", "1000", "1", "1"),
        ("€ 2,500", "2500", "2.5", "2.5"),
    ],
)
def test_one_thousands_group_is_ambiguous_with_a_dot_or_a_comma(text, whole, decimal, form):
    with pytest.raises(SroiValueError) as info:
        text_to_float(text)
    assert info.value.text.en == (
        f"'{text}' is ambiguous: {whole} or {decimal}? Write it without a thousands "
        f"separator: {whole}, or with decimals {whole},00 or {whole}.00; if you mean {decimal}, write {form}"
    )
    dutch = decimal.replace(".", ",")
    assert info.value.text.nl == (
        f"'{text}' is dubbelzinnig: {whole} of {dutch}? Schrijf het "
        f"zonder scheidingsteken voor duizendtallen: {whole}, of met decimalen {whole},00 "
        f"of {whole}.00; bedoel je {dutch}, schrijf dan {form.replace('.', ',')}"
    )
    # every form the refusal offers is read, each as the number it names
    offered = [whole, f"{whole},00", f"{whole}.00", form, form.replace(".", ",")]
    assert [text_to_float(f) for f in offered] == [float(whole)] * 3 + [float(decimal)] * 2


@pytest.mark.parametrize(
    "text, expected",
    [
        ("0.25", 0.25),
        ("1.5", 1.5),
        ("12.50", 12.5),
        ("1.000,50", 1000.5),
        ("€ 1.000,50", 1000.5),
        ("1000", 1000.0),
        ("1000,00", 1000.0),
        ("1000.00", 1000.0),
        ("0.250", 0.25),
        ("0,250", 0.25),
        ("1234.567", 1234.567),
        ("1.0", 1.0),
        ("1,0", 1.0),
        ("1,234.50", 1234.5),
    ],
)
def test_real_decimals_still_read(text, expected):
    assert text_to_float(text) == pytest.approx(expected)


@pytest.mark.parametrize("given", [1.4, "1.4", "1,4"])
def test_a_fraction_above_one_says_what_percentage_it_is(given):
    with pytest.raises(SroiValueError) as info:
        parse_fraction(given)  # 1.4 is how Excel stores a cell typed as 140%
    en, nl = info.value.text.en, info.value.text.nl
    assert "that is 140%, more than 100%" in en and "from 0 to 1 (e.g. 0.25)" in en and '"25%"' in en
    assert 'write "1.4%"' not in en and "1.4%" not in en and "1,4%" not in en
    assert "is dat 140%, meer dan 100%" in nl and "tussen 0 en 1 (bijv. 0,25)" in nl
    assert "1.4%" not in nl and "1,4%" not in nl


def test_a_whole_number_above_one_still_suggests_the_percent_sign():
    with pytest.raises(SroiValueError) as info:
        parse_fraction("25")
    assert "that is 2,500%" in info.value.text.en and 'if you meant 25 percent, write "25%"' in info.value.text.en
    assert 'schrijf dan "25%"' in info.value.text.nl
    with pytest.raises(SroiValueError) as info:
        parse_fraction(140)
    assert "that is 14,000%" in info.value.text.en and "meant" not in info.value.text.en


@pytest.mark.parametrize("given", [float("nan"), float("inf"), float("-inf"), "nan", "inf", "-Infinity", "1e999"])
@pytest.mark.parametrize("kind", ["fraction", "count", "money"])
def test_non_finite_numbers_are_errors_not_empty(given, kind):
    with pytest.raises(SroiValueError) as info:
        make_estimate(given, kind)
    assert "not a finite number" in info.value.text.en and "geen eindig getal" in info.value.text.nl
    with pytest.raises(SroiValueError, match="not a finite number"):
        make_estimate({"value": given}, kind)
    with pytest.raises(SroiValueError, match="not a finite number"):
        make_estimate({"value": 0.5, "distribution": {"type": "normal", "mean": given, "sd": 0.1}}, kind)

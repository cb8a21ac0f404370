"""``ambiguous_numbers``: a float written like a thousands group is refused, and the refusal
offers, for each reading, a form that is accepted (never the refused text itself)."""

from __future__ import annotations

import re

import pytest
from ruamel.yaml import YAML

from impactkit.core.load import ambiguous_numbers


def _problems(text: str):
    root = YAML(typ="rt").load(text)
    return ambiguous_numbers(root, text, "study.yaml")


@pytest.mark.parametrize(
    "written, whole, decimal",
    [
        ("14.229", "14229", "14.2290"),
        ("20.000", "20000", "20.0"),
        ("1.500", "1500", "1.5"),
        ("-2.125", "-2125", "-2.1250"),
    ],
)
def test_every_form_the_refusal_offers_is_accepted(written, whole, decimal):
    (problem,) = _problems(f"x:\n  proxy_value: {written}\n")
    assert (problem.location.line, problem.location.column, problem.location.key) == (2, 16, "x.proxy_value")
    for text in (problem.message.en, problem.message.nl):
        assert f"Write {whole} " in text or f"Schrijf {whole} " in text
        assert f"of {decimal} als" in text or f"or {decimal} if" in text
    suggested = re.findall(r"(?:Write|Schrijf|or|of) (-?[\d.]+) ", problem.message.en + " " + problem.message.nl)
    assert suggested and written not in suggested
    for form in suggested:  # put back into the file, each suggestion is read without a refusal
        assert _problems(f"x:\n  proxy_value: {form}\n") == []


def test_decimals_that_cannot_be_thousands_are_not_refused():
    assert _problems("a: 0.250\nb: 14.2290\nc: 1234.567\nd: '14.229'\ne: [1.5, 12.25]\n") == []

"""Cohen's kappa and Krippendorff's alpha against hand-checked textbook examples."""

from __future__ import annotations

import pytest

from impactkit.plugins.idg.reliability import (
    cohen_kappa,
    coincidences,
    confusion,
    krippendorff_alpha,
    percent_agreement,
)

N = None


def test_cohen_kappa_textbook_two_by_two():
    # 50 proposals, two readers: yes/yes 20, yes/no 5, no/yes 10, no/no 15.
    # p_o = 35/50 = 0.7; p_e = 0.5*0.6 + 0.5*0.4 = 0.5; kappa = (0.7-0.5)/(1-0.5) = 0.4
    a = ["yes"] * 25 + ["no"] * 25
    b = ["yes"] * 20 + ["no"] * 5 + ["yes"] * 10 + ["no"] * 15
    assert percent_agreement(a, b) == pytest.approx(0.7)
    assert cohen_kappa(a, b) == pytest.approx(0.4)
    assert confusion(a, b, ["yes", "no"]) == {"yes": {"yes": 20, "no": 5}, "no": {"yes": 10, "no": 15}}


def test_cohen_kappa_perfect_chance_and_undefined():
    assert cohen_kappa([1, 2, 3, 1], [1, 2, 3, 1]) == pytest.approx(1.0)
    # agreement exactly at chance level: p_o = 0.5, p_e = 0.5
    assert cohen_kappa(["a", "a", "b", "b"], ["a", "b", "a", "b"]) == pytest.approx(0.0)
    assert cohen_kappa(["a", "a"], ["a", "a"]) is None  # one category throughout: undefined
    assert cohen_kappa([N, "a"], ["b", N]) is None  # no unit coded by both


def test_cohen_kappa_ignores_units_one_coder_left_open():
    assert cohen_kappa(["a", "b", N, "a"], ["a", "b", "b", ""]) == pytest.approx(1.0)


def test_krippendorff_alpha_nominal_with_missing_values():
    # Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability", section C:
    # 4 observers, 12 units, missing values; nominal alpha = 0.743.
    data = [
        [1, 2, 3, 3, 2, 1, 4, 1, 2, N, N, N],
        [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, N, 3],
        [N, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, N],
        [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, N],
    ]
    assert krippendorff_alpha(data) == pytest.approx(0.743, abs=5e-4)
    # the 12th unit has a single value and is not pairable; n = 40 pairable values
    assert sum(coincidences(data).values()) == pytest.approx(40)


def test_krippendorff_alpha_binary_two_observers():
    # Krippendorff (2011), section A: two observers, binary data, 10 units; alpha = 0.095.
    a = [0, 1, 0, 0, 0, 0, 0, 0, 1, 0]
    b = [1, 1, 1, 0, 0, 1, 0, 0, 0, 0]
    assert krippendorff_alpha([a, b]) == pytest.approx(0.095, abs=5e-4)


def test_krippendorff_alpha_edge_cases():
    assert krippendorff_alpha([["a", "b"], ["a", "b"]]) == pytest.approx(1.0)
    assert krippendorff_alpha([["a", "a"], ["a", "a"]]) is None  # one category: undefined
    assert krippendorff_alpha([["a", N], [N, "b"]]) is None  # nothing pairable
    with pytest.raises(ValueError):
        krippendorff_alpha([[1, 2], [1]])

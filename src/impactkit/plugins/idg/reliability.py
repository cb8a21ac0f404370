"""Inter-rater reliability: Cohen's kappa and Krippendorff's alpha (nominal), in plain Python.

Both are small and exact enough that a dependency is not worth it; the tests check them against
the textbook examples (Cohen's kappa 0.4 for the 2×2 table of 50 items in most introductions,
and Krippendorff's own 4 coders × 12 units example with missing values, alpha = 0.743).

Missing values are ``None`` (or an empty string).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Hashable, Sequence
from itertools import permutations


def _missing(value: object) -> bool:
    return value is None or value == "" or (isinstance(value, float) and value != value)


def paired(a: Sequence[Hashable | None], b: Sequence[Hashable | None]) -> list[tuple[Hashable, Hashable]]:
    """The ``(a, b)`` pairs where both coders gave a value."""
    if len(a) != len(b):
        raise ValueError("both coders must code the same units (sequences of equal length)")
    return [(x, y) for x, y in zip(a, b) if not _missing(x) and not _missing(y)]


def cohen_kappa(a: Sequence[Hashable | None], b: Sequence[Hashable | None]) -> float | None:
    """Cohen's kappa of two coders over the units both coded; ``None`` when undefined.

    kappa = (p_o - p_e) / (1 - p_e), with p_o the observed agreement and p_e the agreement
    expected from each coder's own category frequencies. Undefined when no unit is coded by both
    or when both coders used one and the same category throughout (p_e = 1).
    """
    pairs = paired(a, b)
    n = len(pairs)
    if n == 0:
        return None
    p_o = sum(1 for x, y in pairs if x == y) / n
    count_a = Counter(x for x, _ in pairs)
    count_b = Counter(y for _, y in pairs)
    p_e = sum(count_a[c] * count_b.get(c, 0) for c in count_a) / (n * n)
    if p_e >= 1.0:
        return None
    return (p_o - p_e) / (1.0 - p_e)


def percent_agreement(a: Sequence[Hashable | None], b: Sequence[Hashable | None]) -> float | None:
    """Share of the units both coded on which they agree."""
    pairs = paired(a, b)
    if not pairs:
        return None
    return sum(1 for x, y in pairs if x == y) / len(pairs)


def confusion(
    a: Sequence[Hashable | None], b: Sequence[Hashable | None], labels: Sequence[Hashable] | None = None
) -> dict[Hashable, dict[Hashable, int]]:
    """Confusion table ``{a_label: {b_label: count}}`` over the units both coded."""
    pairs = paired(a, b)
    if labels is None:
        seen: dict[Hashable, None] = {}
        for x, y in pairs:
            seen.setdefault(x)
            seen.setdefault(y)
        labels = list(seen)
    table = {row: dict.fromkeys(labels, 0) for row in labels}
    for x, y in pairs:
        table.setdefault(x, dict.fromkeys(labels, 0))
        table[x][y] = table[x].get(y, 0) + 1
    return table


def coincidences(data: Sequence[Sequence[Hashable | None]]) -> dict[tuple[Hashable, Hashable], float]:
    """Krippendorff's coincidence matrix ``o[c, k]`` of reliability data ``coders × units``.

    Every unit with ``m >= 2`` values contributes each ordered pair of values from different
    coders with weight ``1 / (m - 1)``; units with fewer values are not pairable and ignored.
    """
    if not data:
        return {}
    width = len(data[0])
    if any(len(row) != width for row in data):
        raise ValueError("every coder must have a value (or None) for every unit")
    matrix: dict[tuple[Hashable, Hashable], float] = {}
    for unit in range(width):
        values = [row[unit] for row in data if not _missing(row[unit])]
        m = len(values)
        if m < 2:
            continue
        for x, y in permutations(values, 2):
            matrix[(x, y)] = matrix.get((x, y), 0.0) + 1.0 / (m - 1)
    return matrix


def krippendorff_alpha(data: Sequence[Sequence[Hashable | None]]) -> float | None:
    """Krippendorff's alpha for nominal data; ``data`` is ``coders × units`` with ``None`` missing.

    alpha = 1 - D_o / D_e = 1 - (n - 1) * sum_{c!=k} o_ck / sum_{c!=k} n_c n_k.
    ``None`` when undefined: fewer than two pairable values, or a single category overall.
    """
    matrix = coincidences(data)
    totals: Counter[Hashable] = Counter()
    for (c, _k), weight in matrix.items():
        totals[c] += weight
    n = sum(totals.values())
    if n <= 1:
        return None
    observed = sum(weight for (c, k), weight in matrix.items() if c != k)
    expected = sum(totals[c] * totals[k] for c in totals for k in totals if c != k)
    if expected == 0:
        return None
    return 1.0 - (n - 1) * observed / expected

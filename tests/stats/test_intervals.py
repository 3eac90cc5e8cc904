import math

import numpy as np
import pytest
from scipy.stats import chi2, norm

from wijkkracht.stats.intervals import (
    BYAR,
    EXACT_POISSON,
    WILSON,
    poisson_count_interval,
    rate_interval,
    wilson_interval,
)


def wilson_by_hand(x: float, n: float, conf: float) -> tuple[float, float]:
    """Wilson's score interval written out from the formula (Wilson 1927)."""
    z = norm.ppf(0.5 + conf / 2)
    root = z * math.sqrt(z * z + 4 * x * (1 - x / n))
    return (2 * x + z * z - root) / (2 * (n + z * z)), (2 * x + z * z + root) / (2 * (n + z * z))


@pytest.mark.parametrize("conf", [0.95, 0.998])
def test_wilson_matches_the_formula_over_a_grid_including_zero_and_n(conf):
    cases = [(0, 1), (0, 50), (50, 50), (1, 2), (17, 230), (680, 4000), (3, 7), (965, 8855)]
    got = wilson_interval([c[0] for c in cases], [c[1] for c in cases], conf)
    for k, (x, n) in enumerate(cases):
        lo, hi = wilson_by_hand(x, n, conf)
        assert got.lower[k] == pytest.approx(max(lo, 0.0), abs=1e-12)
        assert got.upper[k] == pytest.approx(min(hi, 1.0), abs=1e-12)
        assert got.method[k] == WILSON


def test_wilson_reference_value_from_the_methods_note():
    got = wilson_interval(17, 230, 0.95)
    assert got.lower[0] == pytest.approx(0.046657, abs=1e-6)
    assert got.upper[0] == pytest.approx(0.115168, abs=1e-6)


def test_wilson_is_undefined_for_impossible_input_and_never_zero():
    got = wilson_interval([5, 1, np.nan, 3], [0, 0.5, 10, np.nan], 0.95)
    assert np.isnan(got.lower).all() and np.isnan(got.upper).all()
    assert list(got.method) == ["", "", "", ""]
    assert np.isnan(wilson_interval(6, 5).lower[0])


def exact_by_hand(x: int, conf: float) -> tuple[float, float]:
    a = 1 - conf
    lo = 0.0 if x == 0 else chi2.ppf(a / 2, 2 * x) / 2
    return lo, chi2.ppf(1 - a / 2, 2 * x + 2) / 2


def byar_by_hand(x: int, conf: float) -> tuple[float, float]:
    z = norm.ppf(0.5 + conf / 2)
    lo = x * (1 - 1 / (9 * x) - z / (3 * math.sqrt(x))) ** 3
    hi = (x + 1) * (1 - 1 / (9 * (x + 1)) + z / (3 * math.sqrt(x + 1))) ** 3
    return lo, hi


@pytest.mark.parametrize("conf", [0.95, 0.998])
def test_counts_use_exact_poisson_below_ten_and_byar_from_ten(conf):
    xs = [*range(30), 100, 1234]
    got = poisson_count_interval(xs, conf)
    for k, x in enumerate(xs):
        expected = exact_by_hand(x, conf) if x < 10 else byar_by_hand(x, conf)
        assert got.lower[k] == pytest.approx(expected[0], rel=1e-9, abs=1e-12)
        assert got.upper[k] == pytest.approx(expected[1], rel=1e-9)
        assert got.method[k] == (EXACT_POISSON if x < 10 else BYAR)


def test_rate_interval_is_the_count_interval_scaled_to_the_population():
    got = rate_interval([4, 40], [2000, 2000], multiplier=1000, confidence=0.95)
    lo4, hi4 = exact_by_hand(4, 0.95)
    lo40, hi40 = byar_by_hand(40, 0.95)
    assert got.lower == pytest.approx([lo4 / 2, lo40 / 2])
    assert got.upper == pytest.approx([hi4 / 2, hi40 / 2])
    assert np.isnan(rate_interval(3, 0).lower[0])

import math

import numpy as np
import pytest

from wijkkracht.stats.funnel import MIN_AREAS, funnel_proportions, funnel_rates


def spiegelhalter_by_hand(x, n):
    """One group, written as a plain loop from Spiegelhalter (2005)."""
    k = len(x)
    p0 = sum(x) / sum(n)
    target = math.asin(math.sqrt(p0))
    s = [1 / (2 * math.sqrt(ni)) for ni in n]
    z = [(math.asin(math.sqrt(xi / ni)) - target) / si for xi, ni, si in zip(x, n, s, strict=True)]
    lo, hi = np.quantile(z, [0.1, 0.9])
    zw = [min(max(zi, lo), hi) for zi in z]
    phi = sum(v * v for v in zw) / k
    w = [1 / si**2 for si in s]
    tau2 = max(0.0, (k * phi - (k - 1)) / (sum(w) - sum(v * v for v in w) / sum(w)))
    z_adj = [(math.asin(math.sqrt(xi / ni)) - target) / math.sqrt(si**2 + tau2)
             for xi, ni, si in zip(x, n, s, strict=True)]
    return phi, tau2, z_adj


def test_grouped_funnel_equals_a_plain_loop_per_group():
    rng = np.random.default_rng(7)
    groups, xs, ns = [], [], []
    for g in range(4):
        n = rng.integers(300, 6000, 12 + g)
        p = np.clip(0.15 + rng.normal(0, 0.04, n.size), 0.01, 0.9)
        xs.append(rng.binomial(n, p))
        ns.append(n)
        groups.append(np.full(n.size, g))
    res = funnel_proportions(np.concatenate(xs), np.concatenate(ns), np.concatenate(groups))
    start = 0
    for g in range(4):
        phi, tau2, z_adj = spiegelhalter_by_hand(list(xs[g]), list(ns[g]))
        assert res.phi[g] == pytest.approx(phi)
        assert res.tau2[g] == pytest.approx(tau2)
        assert res.z_adjusted[start:start + xs[g].size] == pytest.approx(z_adj)
        start += xs[g].size


def test_identical_areas_have_no_overdispersion_and_no_outliers():
    res = funnel_proportions(np.full(8, 100), np.full(8, 1000))
    assert res.phi[0] == pytest.approx(0.0)
    assert res.tau2[0] == 0.0
    assert list(res.direction) == [0.0] * 8


def test_an_extreme_area_stands_out_even_after_adjustment():
    x = np.array([100, 102, 98, 101, 99, 97, 103, 100, 400])
    n = np.full(9, 1000)
    res = funnel_proportions(x, n)
    assert res.direction[-1] == 1.0 and res.level[-1] == 0.998
    assert (res.direction[:-1] == 0).all()


def test_too_few_areas_are_not_assessed():
    res = funnel_proportions(np.arange(MIN_AREAS - 1) + 10, np.full(MIN_AREAS - 1, 500))
    assert np.isnan(res.direction).all()


def test_rate_funnel_accepts_zero_counts():
    o = np.array([0, 5, 6, 4, 5, 7, 30])
    pop = np.full(7, 1000)
    res = funnel_rates(o, pop)
    assert np.isfinite(res.z_adjusted).all()
    assert res.direction[-1] == 1.0

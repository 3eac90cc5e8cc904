"""Every figure of every area on real CBS data, checked against an independent computation."""

import numpy as np
import pytest
from scipy.stats import norm

from tests.conftest import AMS_2019, KWB_2017_NL, KWB_2024, real_computed
from wijkkracht.areas.catalogue import AMOUNT, INDICATORS_BY_ID, PERCENTAGE, PROPORTION, RATE

FLIP = {"high_is_good": ("better", "worse"), "low_is_good": ("worse", "better"),
        "no_judgement": ("higher", "lower")}


def wilson(x, n, conf):
    z = norm.ppf(0.5 + conf / 2)
    with np.errstate(invalid="ignore", divide="ignore"):
        root = z * np.sqrt(z * z + 4 * x * (1 - x / n))
        lo = (2 * x + z * z - root) / (2 * (n + z * z))
        hi = (2 * x + z * z + root) / (2 * (n + z * z))
    return np.clip(lo, 0, 1) * 100, np.clip(hi, 0, 1) * 100


def poisson(x, n, conf, mult):
    from scipy.stats import chi2

    z = norm.ppf(0.5 + conf / 2)
    a = 1 - conf
    with np.errstate(invalid="ignore", divide="ignore"):
        exact_lo = np.where(x > 0, chi2.ppf(a / 2, 2 * x) / 2, 0.0)
        exact_hi = chi2.ppf(1 - a / 2, 2 * x + 2) / 2
        byar_lo = x * (1 - 1 / (9 * x) - z / (3 * np.sqrt(x))) ** 3
        byar_hi = (x + 1) * (1 - 1 / (9 * (x + 1)) + z / (3 * np.sqrt(x + 1))) ** 3
        lo = np.where(x < 10, exact_lo, byar_lo)
        hi = np.where(x < 10, exact_hi, byar_hi)
        return lo / n * mult, hi / n * mult


@pytest.fixture(scope="module", params=[KWB_2024, KWB_2017_NL, AMS_2019],
                ids=["kwb2024", "kwb2017-nl", "amsterdam2019"])
def computed(request):
    return real_computed(request.param)


def test_values_are_the_cbs_figures(computed):
    f = computed.table.frame
    checked = 0
    for rid, r in computed.results.items():
        ind = INDICATORS_BY_ID[rid]
        if not r.available:
            continue
        main = f[ind.numerator].to_numpy().astype(float)
        if ind.kind in (AMOUNT, PERCENTAGE) or (ind.kind == RATE and rid in (
                "diefstal_woning", "vernieling", "geweld")):
            expected = main  # published by CBS as is
        else:
            den = sum(f[d].to_numpy().astype(float) for d in ind.denominator)
            with np.errstate(invalid="ignore", divide="ignore"):
                expected = np.where(den > 0, main / den * ind.multiplier, np.nan)
        np.testing.assert_allclose(r.value, expected, rtol=1e-12, equal_nan=True)
        assert (np.isnan(r.value) == (r.missing == "secret_or_not_published")).all()
        checked += 1
    assert checked >= 10


def test_intervals_equal_an_independent_computation(computed):
    for r in computed.results.values():
        ind = r.indicator
        if not r.available or ind.kind == AMOUNT:
            assert np.isnan(r.lower95).all()
            continue
        for conf, lo, hi in ((0.95, r.lower95, r.upper95), (0.998, r.lower998, r.upper998)):
            if ind.kind in (PROPORTION, PERCENTAGE):
                ok = np.isfinite(r.numerator) & (r.denominator > 0) & (r.numerator <= r.denominator)
                exp_lo, exp_hi = wilson(r.numerator, r.denominator, conf)
            else:
                ok = np.isfinite(r.numerator) & (r.denominator > 0) & (r.numerator >= 0)
                exp_lo, exp_hi = poisson(r.numerator, r.denominator, conf, ind.multiplier)
            np.testing.assert_allclose(lo[ok], exp_lo[ok], rtol=1e-9, atol=1e-9)
            np.testing.assert_allclose(hi[ok], exp_hi[ok], rtol=1e-9, atol=1e-9)
            assert np.isnan(lo[~ok]).all()


def expected_verdicts(r, comparison):
    ind = r.indicator
    bench = comparison.benchmark
    known = np.isfinite(r.value) & np.isfinite(r.lower95) & np.isfinite(bench)
    outside = known & ((bench < r.lower95) | (bench > r.upper95))
    diff = np.abs(r.value - bench)
    with np.errstate(invalid="ignore", divide="ignore"):
        material = np.zeros(diff.shape, bool)
        if ind.absolute is not None:
            material |= diff >= ind.absolute - 1e-12
        if ind.relative is not None:
            material |= diff / np.abs(bench) >= ind.relative - 1e-12
    up, down = FLIP[ind.polarity]
    out = np.full(r.value.shape, "not_compared", dtype=object)
    out[known] = "similar"
    out[outside & material & (r.value > bench)] = up
    out[outside & material & (r.value < bench)] = down
    return out


def test_verdicts_follow_the_rules_for_every_area(computed):
    levels = computed.table.frame["level"].to_numpy()
    for r in computed.results.values():
        if not r.available:
            continue
        for comparison in (r.vs_gemeente, r.vs_nl):
            if r.indicator.kind == AMOUNT:
                assert (comparison.verdict == "not_compared").all()
                continue
            assert (comparison.verdict == expected_verdicts(r, comparison)).all()
            strong = np.isin(comparison.verdict, ["better", "worse", "higher", "lower"]) & (
                (comparison.benchmark < r.lower998) | (comparison.benchmark > r.upper998))
            assert (comparison.level[strong] == 0.998).all()
        # Gemeenten and the country are not compared with a gemeente.
        assert (r.vs_gemeente.verdict[np.isin(levels, ["GM", "NL"])] == "not_compared").all()


def test_the_benchmark_is_the_areas_own_gemeente_and_the_country(computed):
    f = computed.table.frame
    r = computed.results["aandeel_65plus"]
    codes = f["code"].to_list()
    gm = f["gemeente_code"].to_list()
    for i in range(0, len(codes), 97):
        if codes[i].startswith(("WK", "BU")) and gm[i] in computed.index:
            j = computed.index[gm[i]]
            assert r.vs_gemeente.benchmark[i] == pytest.approx(r.value[j], nan_ok=True)
        if not codes[i].startswith("NL") and "NL00" in computed.index:
            assert r.vs_nl.benchmark[i] == pytest.approx(r.value[computed.index["NL00"]],
                                                         nan_ok=True)


def test_percentages_and_rounded_counts_are_flagged_approximate(computed):
    levels = computed.table.frame["level"].to_numpy()
    for r in computed.results.values():
        if not r.available:
            continue
        known = np.isfinite(r.value)
        if r.indicator.kind == PERCENTAGE:
            assert r.approximate[known].all()
        elif r.indicator.kind == PROPORTION:
            assert (r.approximate[known] == np.isin(levels[known], ["WK", "BU"])).all()
        elif r.indicator.kind == AMOUNT:
            assert not r.approximate.any()


def test_peers_are_the_other_wijken_of_the_same_gemeente(computed):
    f = computed.table.frame
    r = computed.results["aandeel_65plus"]
    gm = f["gemeente_code"].to_numpy()
    lv = f["level"].to_numpy()
    for g in np.unique(gm[lv == "WK"])[:40]:
        sel = (gm == g) & (lv == "WK") & np.isfinite(r.value)
        if sel.sum() == 0:
            continue
        values = r.value[sel]
        expected_rank = [(values > v).sum() + 1 for v in values]
        assert list(r.peers.rank[sel]) == expected_rank
        assert (r.peers.count[sel] == sel.sum()).all()
        assert r.peers.minimum[sel][0] == values.min() and r.peers.maximum[sel][0] == values.max()

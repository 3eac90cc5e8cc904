import numpy as np
from scipy.stats import rankdata

from wijkkracht.stats.groups import group_index, group_quintiles, group_ranks_descending
from wijkkracht.stats.position import quintiles, ranks_descending


def test_ranks_per_group_match_scipy_with_ties_and_missing():
    values = np.array([3, 1, 2, 2, np.nan, 5, 4, 9, 9])
    groups = np.array([0, 0, 0, 0, 0, 1, 1, 1, 1])
    got = group_ranks_descending(values, groups)
    for g in (0, 1):
        sel = (groups == g) & np.isfinite(values)
        assert list(got[sel]) == list(rankdata(-values[sel], method="min").astype(int))
    assert got[4] == 0


def test_quintiles_follow_percentile_inc_bounds():
    values = np.arange(1.0, 11.0)
    bounds = np.percentile(values, [20, 40, 60, 80])
    expected = [1 + int((v > bounds).sum()) for v in values]
    assert list(quintiles(values)) == expected
    assert list(ranks_descending(values)) == list(range(10, 0, -1))


def test_no_quintiles_with_fewer_than_five_peers():
    values = np.array([1.0, 2.0, 3.0, 4.0, 10.0, 20.0])
    groups = np.array([0, 0, 0, 0, 1, 1])
    assert list(group_quintiles(values, groups, 2)) == [0] * 6


def test_group_index_leaves_areas_without_a_group_out():
    codes, k = group_index(np.array(["b", None, "a", "b", ""], dtype=object))
    assert k == 2 and list(codes) == [1, -1, 0, 1, -1]

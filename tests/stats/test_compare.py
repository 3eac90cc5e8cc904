import numpy as np

from wijkkracht.stats.compare import Polarity, compare_periods, compare_with_benchmark, is_material


def verdicts(value, lo95, hi95, lo998, hi998, bench, polarity, material=None):
    res = compare_with_benchmark(np.array(value, float), np.array(lo95, float),
                                 np.array(hi95, float), np.array(lo998, float),
                                 np.array(hi998, float), np.array(bench, float), polarity,
                                 None if material is None else np.array(material))
    return list(res["verdict"]), list(res["level"])


def test_benchmark_inside_the_interval_is_similar_and_outside_is_a_difference_with_its_level():
    v, lv = verdicts([10, 10, 10, 10], [9, 9, 9, 9], [11, 11, 11, 11], [8, 8, 8, 8],
                     [12, 12, 12, 12], [10.5, 11.5, 13, 7], Polarity.NO_JUDGEMENT)
    assert v == ["similar", "lower", "lower", "higher"]
    assert np.isnan(lv[0]) and lv[1:] == [0.95, 0.998, 0.998]


def test_polarity_turns_higher_into_better_or_worse():
    args = ([10, 10], [9, 9], [11, 11], [8, 8], [12, 12], [5, 15])
    assert verdicts(*args, Polarity.HIGH_IS_GOOD)[0] == ["better", "worse"]
    assert verdicts(*args, Polarity.LOW_IS_GOOD)[0] == ["worse", "better"]
    assert verdicts(*args, Polarity.NO_JUDGEMENT)[0] == ["higher", "lower"]


def test_a_significant_but_immaterial_difference_is_reported_as_similar():
    material = is_material(np.array([17.0, 20.0]), np.array([16.5, 16.5]), 2.0, 0.10)
    assert list(material) == [False, True]
    v, _ = verdicts([17.0, 20.0], [16.9, 19.9], [17.1, 20.1], [16.8, 19.8], [17.2, 20.2],
                    [16.5, 16.5], Polarity.NO_JUDGEMENT, material)
    assert v == ["similar", "higher"]


def test_missing_values_are_not_compared():
    v, _ = verdicts([np.nan, 10], [np.nan, np.nan], [np.nan, np.nan], [np.nan, np.nan],
                    [np.nan, np.nan], [10, 10], Polarity.HIGH_IS_GOOD)
    assert v == ["not_compared", "not_compared"]


def test_relative_materiality_uses_the_benchmark_as_base():
    assert list(is_material(np.array([1.15, 1.05]), np.array([1.0, 1.0]), None, 0.10)) == [
        True, False]


def test_change_between_years_needs_non_overlapping_intervals():
    out = compare_periods(np.array([10, 10, 10]), np.array([9, 9, 9]), np.array([11, 11, 11]),
                          np.array([10.5, 13, 7]), np.array([9.8, 11.5, 6]),
                          np.array([11.2, 14, 8.5]), Polarity.LOW_IS_GOOD)
    assert list(out) == ["similar", "worse", "better"]

"""Run and control charts against published tables, textbook examples and hand-worked series.

Each published figure is cited where it is used and re-derived by hand in a comment, so a wrong
recollection of a book would show as a failing test rather than as a silently copied number.
"""

import math

import pytest

from wijkkracht.errors import WijkkrachtError
from wijkkracht.stats.spc import (
    ADVISED_LIMIT_POINTS,
    MIN_LIMIT_POINTS,
    MIN_RUN_RULE_POINTS,
    RULESET,
    Annotation,
    ChartInputError,
    Observation,
    compute_chart,
)
from wijkkracht.stats.spc_rules import (
    anhoej_limits,
    runs_analysis,
    shift_positions,
    trend_positions,
    two_of_three_positions,
)


def series(values, n=None, **kw):
    return [Observation(f"P{i + 1}", v, None if n is None else (n[i] if isinstance(n, list)
                                                              else n), **kw)
            for i, v in enumerate(values)]


# A baseline whose limits are easy to write out: 12 points alternating 12 and 10 (ending on 10).
# mean = 11; every moving range = 2, so AMR = 2 and sigma = 2 / 1.128 = 1.773050;
# UCL = 11 + 3 sigma = 16.319149, LCL = 5.680851; two sigma: 14.546099 and 7.453901.
BASE = [12, 10] * 6
SIGMA = 2 / 1.128


def xmr_after_base(tail, **kw):
    return compute_chart(series(BASE + tail), "xmr", freeze=len(BASE), **kw)


def flagged(chart, rule):
    return [p.index - len(BASE) for p in chart.points if rule in p.signals]


# --- Anhøj's run rules ---------------------------------------------------------------------

@pytest.mark.parametrize(("n", "longest", "crossings"), [
    # Anhøj & Olesen (2014), PLoS ONE 9(11): e113825, table 1; also STATISTICS.md section 7.1.
    # By hand: round(log2 10) + 3 = round(3.32) + 3 = 6; qbinom(0.05, 9, 0.5): P(X <= 1) =
    # 10/512 = 0.020 < 0.05 <= P(X <= 2) = 46/512 = 0.090, so 2.
    (10, 6, 2),
    (12, 7, 3),   # round(3.585) + 3 = 7; P(X<=2; 11) = 67/2048 = 0.033, P(X<=3) = 0.113 -> 3
    (15, 7, 4),
    (20, 7, 6),   # round(4.32) + 3 = 7
    (24, 8, 8),   # round(4.585) + 3 = 8
    (30, 8, 10),  # round(4.91) + 3 = 8
])
def test_anhoej_limits_match_the_published_table(n, longest, crossings):
    assert anhoej_limits(n) == (longest, crossings)


def test_runs_analysis_signals_a_run_longer_than_the_limit_and_too_few_crossings():
    # 12 useful points: at most 7 in a run, at least 3 crossings. 8 above then 4 below: run 8,
    # 1 crossing -> both rules signal, and the 8 points of the long run are named.
    ra = runs_analysis([2] * 8 + [0] * 4, centre=1)
    assert (ra.n_useful, ra.longest_run, ra.crossings) == (12, 8, 1)
    assert ra.runs_signal and ra.crossings_signal
    assert ra.long_run_positions == tuple(range(8))


def test_runs_analysis_just_below_both_limits_is_no_signal():
    # 7 above, then alternating: longest run 7 (not above 7), crossings 1 + 4 = 5 (not below 3).
    ra = runs_analysis([2] * 7 + [0, 2, 0, 2, 0], centre=1)
    assert (ra.longest_run, ra.crossings) == (7, 5)
    assert not ra.runs_signal and not ra.crossings_signal
    # three crossings is exactly the minimum for 12 points: no signal; two is a signal.
    assert not runs_analysis([2] * 3 + [0] * 3 + [2] * 3 + [0] * 3, 1).crossings_signal
    assert runs_analysis([2] * 4 + [0] * 4 + [2] * 4, 1).crossings_signal


def test_points_on_the_centre_line_are_not_useful_and_do_not_break_a_run():
    ra = runs_analysis([2, 1, 2, 1, 2, 0, 0, 2, 0, 2, 0, 2], centre=1)
    # useful: 2 2 2 | 0 0 | 2 | 0 | 2 | 0 | 2 -> 10 useful, longest run 3, 6 crossings
    assert (ra.n_useful, ra.longest_run, ra.crossings) == (10, 3, 6)


def test_run_chart_uses_the_median_and_flags_the_points_of_a_long_run():
    values = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]  # median 6.5, 6 below then 6 above
    chart = compute_chart(series(values), "run")
    phase = chart.phases[0]
    assert phase.centre == 6.5
    assert (phase.n_useful, phase.longest_run, phase.crossings) == (12, 6, 1)
    assert phase.rule("longest_run").signal is False
    assert phase.rule("crossings").signal is True  # 1 < 3
    # median 9 (7th of 13): the 8 points on it are not useful, 5 useful points are too few
    values = [1, 2, 1, 2, 1] + [9] * 8
    chart = compute_chart(series(values), "run")
    assert chart.phases[0].rule("longest_run").signal is None
    # median (3 + 4) / 2 = 3.5: 7 below, then 7 above; 14 useful points allow a run of
    # round(log2 14) + 3 = round(3.81) + 3 = 7, so a run of 7 is no signal
    values = [3, 1, 3, 1, 2, 2.5, 3, 4, 5, 6, 7, 8, 9, 10]
    chart = compute_chart(series(values), "run")
    assert chart.phases[0].rule("longest_run").signal is False
    values = [3, 1, 3, 1, 2, 2.5, 3, 3.2, 4, 5, 6, 7, 8, 9, 10, 11]
    # median (3.2 + 4) / 2 = 3.6; 8 low, then 8 high: run 8 > round(log2 16) + 3 = 7
    chart = compute_chart(series(values), "run")
    assert chart.phases[0].rule("longest_run").signal is True
    long_run = [p.index for p in chart.points if "long_run" in p.signals]
    assert long_run == list(range(16))
    assert chart.points[-1].point_type == "special_cause_neutral_high"


def test_run_chart_with_too_few_points_says_so_instead_of_no_signal():
    chart = compute_chart(series([3, 5, 4, 6, 5, 7, 6, 8]), "run")
    phase = chart.phases[0]
    result = phase.rule("longest_run")
    assert (result.signal, result.reason, result.points, result.points_needed) == (
        None, "too_few_points", 8, MIN_RUN_RULE_POINTS)
    assert phase.rule("crossings").signal is None
    assert phase.special_cause is None
    assert [m.code for m in chart.messages] == ["too_few_for_run_rules"]
    assert chart.variation == "none"
    assert all(p.point_type is None for p in chart.points)
    # the Making Data Count rules belong to control charts, not to a run chart
    assert phase.rule("shift").reason == "not_for_chart"


# --- textbook control charts ---------------------------------------------------------------

# Montgomery, Introduction to Statistical Quality Control (6th ed., Wiley 2009), section 7.2.1,
# Table 7.1: 30 samples of n = 50 frozen orange juice cans, number nonconforming.
ORANGE_JUICE = [12, 15, 8, 10, 4, 7, 16, 9, 14, 10, 5, 6, 17, 12, 22,
                8, 10, 5, 13, 11, 20, 18, 24, 15, 9, 12, 7, 13, 9, 6]


def test_p_chart_matches_montgomerys_orange_juice_example():
    # Published: p-bar = 0.2313, UCL = 0.4102, LCL = 0.0524; samples 15 and 23 above the UCL.
    # By hand: sum = 347, 347 / 1500 = 0.23133; sqrt(0.23133 * 0.76867 / 50) = 0.059630;
    # 0.23133 +- 3 * 0.059630 = 0.41022 and 0.05244. Sample 15: 22/50 = 0.44, 23: 24/50 = 0.48.
    chart = compute_chart(series(ORANGE_JUICE, 50), "p")
    phase = chart.phases[0]
    assert phase.centre == pytest.approx(0.2313, abs=5e-5)
    assert phase.ucl == pytest.approx(0.4102, abs=5e-5)
    assert phase.lcl == pytest.approx(0.0524, abs=5e-5)
    assert [p.index + 1 for p in chart.points if "outside_limits" in p.signals] == [15, 23]
    assert phase.rule("outside_limits").signal is True


def test_p_chart_revised_limits_leave_out_the_excluded_samples():
    # Montgomery (as above) removes samples 15 and 23 (assignable causes) and revises:
    # p-bar = 0.2150, UCL = 0.3893, LCL = 0.0407. By hand: (347 - 22 - 24) / 1400 = 301 / 1400
    # = 0.2150; sqrt(0.215 * 0.785 / 50) = 0.058097; 0.215 +- 0.174290 = 0.38929 and 0.04071.
    obs = [Observation(str(i + 1), y, 50, excluded=i + 1 in (15, 23))
           for i, y in enumerate(ORANGE_JUICE)]
    chart = compute_chart(obs, "p")
    phase = chart.phases[0]
    assert phase.centre == pytest.approx(0.2150, abs=5e-5)
    assert phase.ucl == pytest.approx(0.3893, abs=5e-5)
    assert phase.lcl == pytest.approx(0.0407, abs=5e-5)
    excluded = [p for p in chart.points if p.status == "excluded"]
    assert [(p.index + 1, p.value, p.point_type) for p in excluded] == [
        (15, 0.44, None), (23, 0.48, None)]
    assert [m.code for m in chart.messages] == ["excluded"]
    # Montgomery notes sample 21 (20/50 = 0.40) is then above the revised UCL
    assert [p.index + 1 for p in chart.points if "outside_limits" in p.signals] == [21]


# Montgomery (6th ed.), Example 6.5, Table 6.6: cost of processing mortgage loan applications,
# 20 weeks. Published: x-bar = 300.5, MR-bar = 7.79, UCL = 321.22, LCL = 279.78; MR chart
# UCL = 25.45; no point out of control.
MORTGAGE = [310, 288, 297, 298, 307, 303, 294, 297, 308, 306,
            294, 299, 297, 299, 314, 295, 293, 306, 301, 304]


def test_xmr_chart_matches_montgomerys_loan_processing_example():
    # By hand: sum = 6010 -> mean 300.5. Moving ranges 22 9 1 9 4 9 3 11 2 12 5 2 2 15 19 2 13
    # 5 3, sum 148, / 19 = 7.7895. 300.5 +- 3 * 7.7895 / 1.128 = 300.5 +- 20.717 ->
    # 321.22 and 279.78; MR UCL = 3.267 * 7.7895 = 25.448.
    chart = compute_chart(series(MORTGAGE), "xmr")
    phase = chart.phases[0]
    assert phase.centre == pytest.approx(300.5)
    assert phase.average_moving_range == pytest.approx(148 / 19)
    assert phase.ucl == pytest.approx(321.22, abs=0.005)
    assert phase.lcl == pytest.approx(279.78, abs=0.005)
    assert phase.mr_ucl == pytest.approx(25.45, abs=0.005)
    assert phase.special_cause is False
    assert chart.points[1].moving_range == 22 and chart.points[0].moving_range is None
    assert chart.variation == "common_cause"


def test_u_chart_matches_montgomerys_personal_computer_example():
    # Montgomery (6th ed.), Example 7.3, Table 7.11: nonconformities in 20 samples of 5 computers.
    # Published: u-bar = 1.93, UCL = 3.79, LCL = 0.07. By hand: 193 / 100 = 1.93;
    # sqrt(1.93 / 5) = 0.62129; 1.93 +- 1.86387 -> 3.7939 and 0.0661.
    defects = [10, 12, 8, 14, 10, 16, 11, 7, 10, 15, 9, 5, 7, 11, 12, 6, 8, 10, 7, 5]
    chart = compute_chart(series(defects, 5), "u")
    phase = chart.phases[0]
    assert phase.centre == pytest.approx(1.93)
    assert phase.ucl == pytest.approx(3.79, abs=0.005)
    assert phase.lcl == pytest.approx(0.07, abs=0.005)
    assert phase.rule("outside_limits").signal is False


def test_u_chart_limits_follow_each_denominator_and_clip_at_zero():
    # y = 2, 8, 5 per n = 1, 4, 10 -> u-bar = 15 / 15 = 1.0; sigma_i = sqrt(1 / n_i):
    # n = 1: 1 +- 3 -> LCL clipped to 0, UCL 4; n = 4: 1 +- 1.5 -> 0 and 2.5;
    # n = 10: 1 +- 0.948683 -> 0.051317 and 1.948683.
    chart = compute_chart(series([2, 8, 5], [1, 4, 10]), "u")
    lims = [(p.lcl, p.ucl) for p in chart.points]
    assert lims[0] == (0.0, 4.0)
    assert lims[1] == (0.0, 2.5)
    assert lims[2] == pytest.approx((0.051317, 1.948683), abs=1e-6)
    assert chart.phases[0].ucl is None  # limits vary per point
    assert chart.points[1].value == 2.0 and "outside_limits" not in chart.points[1].signals


def test_laney_p_prime_with_equal_denominators_worked_by_hand():
    # Laney (2002): z_i = (p_i - p-bar) / sigma_i, sigma_z = mean |z_i - z_(i-1)| / 1.128,
    # limits p-bar +- 3 sigma_i sigma_z. y = 10, 20, 10, 20 of n = 100: p-bar = 60 / 400 = 0.15,
    # sigma_i = sqrt(0.15 * 0.85 / 100) = 0.035707; z = -+0.05 / sigma_i, every |dz| =
    # 0.1 / sigma_i, so sigma_i sigma_z = 0.1 / 1.128 = 0.088652:
    # UCL = 0.15 + 0.265957 = 0.415957, LCL = max(0, 0.15 - 0.265957) = 0.
    chart = compute_chart(series([10, 20, 10, 20], 100), "pp")
    phase = chart.phases[0]
    assert phase.sigma_z == pytest.approx(0.1 / 1.128 / math.sqrt(0.15 * 0.85 / 100))
    assert phase.ucl == pytest.approx(0.15 + 0.3 / 1.128)
    assert phase.lcl == 0.0
    # the plain P chart is far narrower: 0.15 + 3 * 0.035707 = 0.257121
    assert compute_chart(series([10, 20, 10, 20], 100), "p").phases[0].ucl == pytest.approx(
        0.257121, abs=1e-6)


def test_laney_p_prime_and_u_prime_with_varying_denominators_equal_a_plain_loop():
    y, n = [30, 45, 28, 60, 41], [200, 300, 180, 350, 260]
    for kind in ("pp", "up"):
        c = sum(y) / sum(n)
        sd = [math.sqrt((c * (1 - c) if kind == "pp" else c) / ni) for ni in n]
        z = [(yi / ni - c) / si for yi, ni, si in zip(y, n, sd, strict=True)]
        sigma_z = sum(abs(z[i] - z[i - 1]) for i in range(1, len(z))) / (len(z) - 1) / 1.128
        chart = compute_chart(series(y, n), kind)
        assert chart.phases[0].sigma_z == pytest.approx(sigma_z)
        for p, si in zip(chart.points, sd, strict=True):
            assert p.ucl == pytest.approx(c + 3 * si * sigma_z)
            assert p.lcl == pytest.approx(max(0.0, c - 3 * si * sigma_z))
            assert p.upper_2s == pytest.approx(c + 2 * si * sigma_z)


def test_laney_u_prime_worked_by_hand():
    # y = 10, 20, 10, 20 per n = 10: u = 1, 2, 1, 2, u-bar = 1.5; as for P', sigma_i sigma_z =
    # mean |du| / 1.128 = 1 / 1.128 -> UCL = 1.5 + 2.659574 = 4.159574, LCL = 0.
    phase = compute_chart(series([10, 20, 10, 20], 10), "up").phases[0]
    assert phase.ucl == pytest.approx(1.5 + 3 / 1.128)
    assert phase.lcl == 0.0


def test_g_chart_sigma_and_probability_limits_worked_by_hand():
    # days between events 9, 3, 14, 6, 18: mean 50 / 5 = 10; sigma = sqrt(10 * 11) = 10.488088;
    # UCL = 10 + 31.464265 = 41.464265; LCL = max(0, 10 - 31.46) = 0 (Benneyan 2001).
    days = [9, 3, 14, 6, 18]
    phase = compute_chart(series(days), "g").phases[0]
    assert phase.centre == 10
    assert phase.ucl == pytest.approx(10 + 3 * math.sqrt(110))
    assert phase.lcl == 0.0
    # Probability limits: geometric on 0, 1, ... with p = 1 / (10 + 1); P(X <= k) =
    # 1 - (10/11)^(k+1) >= 0.99865 first at k + 1 >= ln(0.00135) / ln(10/11) = 69.33 -> k = 69;
    # two sigma (0.97725): ln(0.02275) / ln(10/11) = 39.69 -> k = 39. Lower limits are 0.
    chart = compute_chart(series(days), "g", g_limits="probability")
    point = chart.points[0]
    assert (point.lcl, point.ucl, point.lower_2s, point.upper_2s) == (0.0, 69.0, 0.0, 39.0)
    assert "Kaminsky" in chart.method


def test_g_chart_flags_a_long_interval_and_skips_the_symmetric_rules():
    # mean of 5, 6, 4, 5, 5, 5 and 60 = 90 / 7 = 12.857; sigma = sqrt(12.857 * 13.857) = 13.348;
    # UCL = 12.857 + 40.044 = 52.90 -> 60 days without a crisis is a signal; with polarity "up"
    # (more days between crises is better) it is an improvement.
    chart = compute_chart(series([5, 6, 4, 5, 5, 5, 60]), "g", polarity="up")
    assert chart.points[-1].signals == ("outside_limits",)
    assert chart.variation == "improvement_high"
    assert chart.phases[0].rule("shift").reason == "not_for_chart"
    assert chart.phases[0].rule("two_of_three").reason == "not_for_chart"
    assert chart.phases[0].runs_centre == 5  # run rules around the median, not the mean


# --- Making Data Count rules, each triggered and just not ---------------------------------

def test_baseline_limits_are_as_written_out():
    chart = xmr_after_base([11])
    phase = chart.phases[0]
    assert (phase.centre, phase.average_moving_range) == (11, 2)
    assert phase.ucl == pytest.approx(11 + 3 * SIGMA)
    assert chart.points[-1].upper_2s == pytest.approx(11 + 2 * SIGMA)


def test_a_point_outside_the_limits_is_a_signal_and_one_just_inside_is_not():
    assert flagged(xmr_after_base([16.4]), "outside_limits") == [0]  # 16.4 > 16.3191
    assert flagged(xmr_after_base([5.6]), "outside_limits") == [0]  # 5.6 < 5.6809
    chart = xmr_after_base([16.3])
    assert flagged(chart, "outside_limits") == []
    assert chart.phases[0].rule("outside_limits").signal is False


def test_seven_rising_points_are_a_trend_and_six_are_not():
    # the baseline ends on 10, so the trend starts at 8: 8 9 10 11 12 13 14 (7 points)
    chart = xmr_after_base([8, 9, 10, 11, 12, 13, 14])
    assert flagged(chart, "trend") == list(range(7))
    assert chart.points[-1].direction == 1
    chart = xmr_after_base([8, 9, 10, 11, 12, 13, 13])  # 6 rising, then equal
    assert flagged(chart, "trend") == []
    assert chart.phases[0].rule("trend").signal is False
    assert trend_positions([7, 6, 5, 4, 3, 2, 1], 7) == dict.fromkeys(range(7), -1)


def test_two_of_three_beyond_two_sigma_on_one_side_and_the_near_misses():
    # two sigma above = 14.5461: 15 and 15 with 11.5 between, all above the mean 11
    chart = xmr_after_base([15, 11.5, 15])
    assert flagged(chart, "two_of_three") == [0, 2]  # the middle point is not flagged
    assert flagged(xmr_after_base([15, 10.5, 15]), "two_of_three") == []  # crosses the mean
    assert flagged(xmr_after_base([15, 12, 14.5]), "two_of_three") == []  # 14.5 not beyond
    # beyond two sigma on opposite sides is no signal either
    assert two_of_three_positions([3, 3, -3], 0, [-2] * 3, [2] * 3) == {}


def test_seven_points_on_one_side_are_a_shift_and_six_are_not():
    chart = xmr_after_base([12, 13, 12, 13, 12, 13, 12])
    assert flagged(chart, "shift") == list(range(7))
    assert chart.variation == "neutral_high"
    chart = xmr_after_base([12, 13, 12, 13, 12, 13, 10])
    assert flagged(chart, "shift") == []
    # a point on the mean is on neither side and ends the run
    assert flagged(xmr_after_base([12, 13, 12, 11, 13, 12, 13, 12]), "shift") == []
    assert shift_positions([1, 1, 1], 0, 3) == {0: 1, 1: 1, 2: 1}


def test_rules_with_too_few_points_say_so():
    # 5 points: limits (provisional), but no trend or shift can be judged yet
    chart = compute_chart(series([10, 12, 11, 13, 12]), "xmr")
    phase = chart.phases[0]
    assert phase.provisional
    assert phase.rule("outside_limits").signal is False
    for rule in ("trend", "shift"):
        result = phase.rule(rule)
        assert (result.signal, result.reason, result.points, result.points_needed) == (
            None, "too_few_points", 5, 7)
    assert phase.rule("two_of_three").signal is False
    codes = [m.code for m in chart.messages]
    assert "limits_provisional" in codes and "too_few_for_run_rules" in codes
    provisional = next(m for m in chart.messages if m.code == "limits_provisional")
    assert (provisional.count, provisional.needed) == (5, ADVISED_LIMIT_POINTS)


def test_no_limits_from_a_single_baseline_point():
    chart = compute_chart(series([10, 30, 31, 29]), "xmr", freeze=1)
    phase = chart.phases[0]
    assert phase.centre is None and phase.ucl is None
    assert {r.reason for r in phase.rules} == {"no_limits"}
    assert all(p.point_type is None and p.lcl is None for p in chart.points)
    message = next(m for m in chart.messages if m.code == "too_few_for_limits")
    assert (message.count, message.needed) == (1, MIN_LIMIT_POINTS)
    assert chart.variation == "none" and chart.assurance == "none"


# --- phases, freeze, gaps, denominators ------------------------------------------------------

def test_each_phase_has_its_own_centre_and_limits():
    # phase 1: 10 12 10 12 -> mean 11, AMR 2; phase 2: 20 24 20 24 -> mean 22, AMR 4
    chart = compute_chart(series([10, 12, 10, 12, 20, 24, 20, 24]), "xmr", breaks=[4],
                          annotations=[Annotation(4, "Nieuwe werkwijze")])
    first, second = chart.phases
    assert (first.start, first.stop, first.centre, first.average_moving_range) == (0, 4, 11, 2)
    assert (second.start, second.stop, second.centre, second.average_moving_range) == (
        4, 8, 22, 4)
    assert second.ucl == pytest.approx(22 + 3 * 4 / 1.128)
    assert [p.phase for p in chart.points] == [0] * 4 + [1] * 4
    assert chart.points[4].moving_range is None  # no moving range across a phase break
    assert chart.annotations == (Annotation(4, "Nieuwe werkwijze"),)


def test_a_frozen_baseline_keeps_its_limits_and_judges_later_points():
    chart = xmr_after_base([14] * 7)
    phase = chart.phases[0]
    # the mean stays that of the 12 baseline points; the 7 later points are a shift above it
    assert (phase.centre, phase.baseline_stop, phase.baseline_points) == (11, 12, 12)
    assert [p.baseline for p in chart.points] == [True] * 12 + [False] * 7
    assert flagged(chart, "shift") == list(range(7))
    # without freeze the later points pull the mean up: (132 + 98) / 19 = 12.105
    assert compute_chart(series(BASE + [14] * 7), "xmr").phases[0].centre == pytest.approx(
        230 / 19)


def test_freeze_per_phase_and_with_breaks():
    values = [10, 12, 10, 12, 30, 20, 24, 20, 24, 50]
    chart = compute_chart(series(values), "xmr", breaks=[5], freeze=[4, None])
    first, second = chart.phases
    assert first.centre == 11 and first.baseline_stop == 4
    assert second.centre == pytest.approx(138 / 5)  # whole second phase
    assert chart.points[4].signals == ("outside_limits",)  # 30 against 11 +- 5.32
    with pytest.raises(ChartInputError, match="2 fasen"):
        compute_chart(series(values), "xmr", breaks=[5], freeze=[4])


def test_denominator_zero_excludes_the_point_with_a_reason():
    chart = compute_chart(series([5, 3, 4, 6], [50, 0, 40, 60]), "p")
    point = chart.points[1]
    assert (point.status, point.excluded_reason, point.value, point.point_type) == (
        "excluded", "denominator_zero", None, None)
    # centre from the other three: 15 / 150 = 0.1
    assert chart.phases[0].centre == pytest.approx(0.1)
    assert chart.messages[0].code == "denominator_zero" and chart.messages[0].index == 1


def test_a_period_without_data_is_a_gap_not_a_zero():
    chart = compute_chart(series([10, 12, None, 10, 12]), "xmr")
    gap = chart.points[2]
    assert (gap.status, gap.value, gap.point_type) == ("gap", None, None)
    assert chart.phases[0].centre == 11  # not 44 / 5
    assert chart.phases[0].points == 4
    assert any(m.code == "gaps" and m.count == 1 for m in chart.messages)
    # a gap neither breaks nor extends a shift: 4 + 3 points above the mean with a gap between
    chart = xmr_after_base([12, 13, 12, 13, None, 12, 13, 12])
    assert flagged(chart, "shift") == [0, 1, 2, 3, 5, 6, 7]
    assert compute_chart(series([float("nan"), 3.0]), "run").points[0].status == "gap"


# --- icons -------------------------------------------------------------------------------------

@pytest.mark.parametrize(("polarity", "icon", "point_type"), [
    ("up", "improvement_high", "special_cause_improvement"),
    ("down", "concern_high", "special_cause_concern"),
    (None, "neutral_high", "special_cause_neutral_high"),
])
def test_variation_icon_follows_polarity(polarity, icon, point_type):
    chart = xmr_after_base([12, 13, 12, 13, 12, 13, 12], polarity=polarity)
    assert chart.variation == icon
    assert chart.points[-1].point_type == point_type


def test_variation_icon_low_side_and_common_cause():
    chart = xmr_after_base([5.0], polarity="up")  # below the LCL 5.68
    assert chart.variation == "concern_low"
    assert xmr_after_base([11.5], polarity="up").variation == "common_cause"


@pytest.mark.parametrize(("target", "polarity", "assurance"), [
    (17, "up", "consistent_fail"),       # above the UCL 16.32: never reached
    (5, "up", "consistent_pass"),        # below the LCL 5.68: always reached
    (12, "up", "inconsistent"),          # between the limits: sometimes
    (17, "down", "consistent_pass"),
    (5, "down", "consistent_fail"),
    (12, None, "none"),                  # no judgement without a direction
    (None, "up", "none"),
])
def test_assurance_icon_compares_the_target_with_the_limits(target, polarity, assurance):
    assert xmr_after_base([11], polarity=polarity, target=target).assurance == assurance


def test_run_chart_has_no_assurance():
    chart = compute_chart(series(list(range(12))), "run", polarity="up", target=3)
    assert chart.assurance == "none"


# --- options and bad input ---------------------------------------------------------------------

def test_moving_range_screening_drops_ranges_above_the_mr_limit():
    # 10 12 ... (9 ranges of 2), then 40 and back to 12: ranges 28 and 28. AMR = 74 / 11 =
    # 6.727; 3.267 * 6.727 = 21.98 < 28, so both are dropped: AMR = 18 / 9 = 2.
    values = [10, 12] * 5 + [40, 12]
    plain = compute_chart(series(values), "xmr").phases[0]
    screened = compute_chart(series(values), "xmr", screen_mr=True).phases[0]
    assert plain.average_moving_range == pytest.approx(74 / 11)
    assert screened.average_moving_range == pytest.approx(2)


def test_the_rule_set_and_method_are_named_on_the_chart():
    chart = compute_chart(series(MORTGAGE), "xmr")
    assert chart.ruleset == RULESET
    assert RULESET.startswith("wijkkracht-spc/1")
    assert "2.66" in chart.method


@pytest.mark.parametrize(("kwargs", "obs", "message"), [
    ({"chart": "x"}, series([1, 2]), "Onbekend soort grafiek"),
    ({"chart": "p"}, series([6, 2], 5), r"teller \(6\) is groter dan de noemer \(5\)"),
    ({"chart": "u"}, series([6, 2]), "noemer ontbreekt"),
    ({"chart": "xmr", "breaks": [0]}, series([1, 2]), "fasegrenzen"),
    ({"chart": "xmr", "polarity": "hoog"}, series([1, 2]), "richting"),
    ({"chart": "g"}, series([-1, 2]), "niet negatief"),
    ({"chart": "run"}, [], "geen perioden"),
    ({"chart": "run", "annotations": [Annotation(5, "x")]}, series([1, 2]), "notitie"),
])
def test_bad_input_gives_a_dutch_message(kwargs, obs, message):
    chart = kwargs.pop("chart")
    with pytest.raises(WijkkrachtError, match=message):
        compute_chart(obs, chart, **kwargs)

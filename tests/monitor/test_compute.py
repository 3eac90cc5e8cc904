"""The monitor's indicators on case events the tests write: every figure worked out by hand,
and the small-count protection of every series."""

from __future__ import annotations

import datetime as dt
import math
import random

import numpy as np
import pytest

from wijkkracht.monitor.core import compute as mc
from wijkkracht.monitor.core.indicators import IndicatorDef, IndicatorError, builtin, check

D = dt.date
JAN, FEB, MAR = D(2025, 1, 10), D(2025, 2, 10), D(2025, 3, 10)
FIRST, LAST = mc.window(D(2025, 3, 31), 3)  # one quarter: 2025-01 .. 2025-03


def ind(code: str, measure: str, numerator: str, denominator: str = "", **kw) -> IndicatorDef:
    return check(IndicatorDef(code=code, name=code, measure=measure, numerator=numerator,
                              denominator=denominator, **kw))


def many(n: int, team: int, wijk: str, day: dt.date, kind: str, value: float = 1.0):
    return [(team, wijk, day, kind, value)] * n


def run(rows, *definitions, first=FIRST, last=LAST):
    return mc.compute(mc.events_frame(rows), definitions, first=first, last=last)


def values(result, code, level="total", key="", granularity=mc.MONTH):
    return [p.value for p in result.get(code, level, key, granularity).points]


def texts(result, code, level="total", key="", granularity=mc.MONTH):
    return [p.numerator for p in result.get(code, level, key, granularity).points]


NEW = ind("new", "count", "opened")


def test_counts_per_team_wijk_total_month_and_quarter():
    rows = (many(6, 1, "WK01", JAN, "opened") + many(7, 2, "WK02", JAN, "opened")
            + many(5, 1, "WK02", FEB, "opened") + many(9, 2, "WK01", MAR, "opened"))
    r = run(rows, NEW)
    assert r.periods(mc.MONTH) == ["2025-01", "2025-02", "2025-03"]
    assert values(r, "new") == [13, 5, 9]
    assert values(r, "new", "team", "1") == [6, 5, 0]
    assert values(r, "new", "team", "2") == [7, 0, 9]
    assert values(r, "new", "wijk", "WK01") == [6, 0, 9]
    assert values(r, "new", "wijk", "WK02") == [7, 5, 0]
    assert values(r, "new", granularity=mc.QUARTER) == [27]
    assert values(r, "new", "team", "1", mc.QUARTER) == [11]


def test_small_counts_are_suppressed_and_cannot_be_subtracted_back():
    # January: wijk WK01 has 3 (primary "< 5"), WK02 has 8, the total 11 is shown:
    # 11 - 8 would give the 3 away, so the smallest other cell (WK02, 8) is suppressed too.
    rows = many(3, 1, "WK01", JAN, "opened") + many(8, 1, "WK02", JAN, "opened")
    rows += many(6, 1, "WK01", FEB, "opened") + many(6, 1, "WK02", FEB, "opened")
    rows += many(5, 1, "WK01", MAR, "opened") + many(5, 1, "WK02", MAR, "opened")
    r = run(rows, NEW)
    assert texts(r, "new", "wijk", "WK01")[0] == "< 5"
    assert values(r, "new", "wijk", "WK01")[0] is None
    jan = [texts(r, "new", "wijk", "WK02")[0], texts(r, "new")[0]]
    assert "x" in jan  # one of the others went too
    # and the quarter (14 + 12 + 10 months of WK01 = 14) would give January back by
    # subtracting February and March: so one of those goes as well
    wk01 = texts(r, "new", "wijk", "WK01") + texts(r, "new", "wijk", "WK01", mc.QUARTER)
    assert sum(t in ("x", "< 5") for t in wk01) >= 2
    assert r.get("new", "wijk", "WK01", mc.MONTH).points[0].reason == mc.SMALL


def test_zero_is_shown():
    r = run(many(7, 1, "WK01", JAN, "opened"), NEW)
    assert values(r, "new") == [7, 0, 0]
    assert texts(r, "new") == ["7", "0", "0"]


def test_caseload_counts_earlier_openings_and_quarter_takes_its_last_month():
    stock = ind("caseload", "stock", "opened", "closed")
    rows = many(20, 1, "WK01", D(2024, 11, 1), "opened")   # before the window
    rows += many(6, 1, "WK01", FEB, "closed") + many(10, 1, "WK01", MAR, "opened")
    r = run(rows, stock)
    # January 20; February 20 - 6 = 14; March 14 + 10 = 24; the quarter = March
    assert values(r, "caseload") == [20, 14, 24]
    assert values(r, "caseload", granularity=mc.QUARTER) == [24]


def test_proportion_hides_a_small_rest():
    prop = ind("without", "proportion", "closed_without_specialised", "closed", per=100)
    rows = []
    for day, without in ((JAN, 18), (FEB, 10), (MAR, 6)):
        rows += many(20, 1, "WK01", day, "closed")
        rows += many(without, 1, "WK01", day, "closed_without_specialised")
    r = run(rows, prop)
    jan, feb, mar = r.get("without", "total", "", mc.MONTH).points
    # January: 18 of 20 would tell that 2 were referred: the rest is small, so no share
    assert jan.value is None and jan.reason == mc.SMALL
    # ... and the quarter's 34 minus February and March would give the 18 back: the smallest
    # month (March, 6) goes too
    assert mar.value is None and mar.numerator == "x"
    # February: 10 of 20 = 50 %
    assert feb.value == pytest.approx(50.0)
    assert (feb.n, feb.d) == (10, 20)


def test_rate_per_hundred_of_the_caseload():
    rate = ind("referrals", "rate", "referral_out", "caseload", per=100)
    rows = many(40, 1, "WK01", D(2024, 12, 1), "opened") + many(6, 1, "WK01", JAN, "referral_out")
    r = run(rows, rate)
    assert values(r, "referrals")[0] == pytest.approx(6 / 40 * 100)
    assert values(r, "referrals")[1] == 0  # no referrals over a caseload of 40: a real zero


def test_median_and_mean_need_five_cases():
    median = ind("days", "median", "first_contact_days")
    mean = ind("change", "mean", "change:zrm/fin")
    rows = [(1, "WK01", JAN, "first_contact_days", d) for d in (1, 2, 3, 10, 30, 4, 5)]
    rows += [(1, "WK01", FEB, "first_contact_days", d) for d in (1, 2, 3, 4)]
    rows += [(1, "WK01", MAR, "first_contact_days", d) for d in (2, 2, 2, 2, 2)]
    rows += [(1, "WK01", JAN, "change:zrm/fin", c) for c in (1, 1, 2, -1, 0, 3)]
    r = run(rows, median, mean)
    # January: median of 1,2,3,4,5,10,30 = 4. February: 4 cases, too few. March: 5 cases,
    # but the quarter (16) minus January (7) and March would give February's 4 away: March
    # (the smallest month shown) is suppressed as well.
    assert values(r, "days") == [4, None, None]
    assert [p.reason for p in r.get("days", "total", "", mc.MONTH).points] == [
        "", mc.SMALL, mc.SMALL]
    # the quarter: 16 values sorted 1 1 2 2 2 2 2 2 | 2 3 3 4 4 5 10 30 -> (2 + 2) / 2
    assert values(r, "days", granularity=mc.QUARTER) == [2]
    assert values(r, "change")[0] == pytest.approx(6 / 6)  # (1+1+2-1+0+3)/6
    assert r.get("change", "total", "", mc.MONTH).points[1].reason == mc.NO_DATA


def test_zero_denominator_is_said_not_charted():
    prop = ind("without", "proportion", "closed_without_specialised", "closed", per=100)
    r = run(many(6, 1, "WK01", JAN, "closed_without_specialised"), prop)
    point = r.get("without", "total", "", mc.MONTH).points[0]
    assert point.value is None and point.reason == mc.ZERO_DENOMINATOR
    assert r.get("without", "total", "", mc.MONTH).points[1].reason == mc.NO_DATA


def test_events_after_the_window_do_not_count_and_the_window_is_whole_quarters():
    r = run(many(6, 1, "WK01", JAN, "opened") + many(9, 1, "WK01", D(2025, 4, 2), "opened"), NEW)
    assert values(r, "new") == [6, 0, 0]
    assert mc.window(D(2025, 2, 14), 36) == (2022 * 12 + 3, 2025 * 12 + 2)
    with pytest.raises(ValueError):
        mc.compute(mc.events_frame([]), [NEW], first=FIRST + 1, last=LAST)


def test_unknown_wijk_has_its_own_row():
    r = run(many(6, 1, "", JAN, "opened"), NEW)
    assert r.wijken == [mc.UNKNOWN_WIJK]
    assert values(r, "new", "wijk", mc.UNKNOWN_WIJK)[0] == 6


def _safe(result) -> list:
    """Every block of the table: no group with one unknown cell that needs protection."""
    table = result.table
    states, values = table.states.reshape(-1), table.values.reshape(-1)
    leaks = []
    for block in table.blocks():
        s = states[block]
        unknown = s != 0
        need = (s == 1) | (s == 2) | ((s == 3) & (values[block] > 0) & (values[block] < 5))
        leaks += list(np.flatnonzero((unknown.sum(axis=1) == 1) & (need & unknown).any(axis=1)))
    return leaks


@pytest.mark.parametrize("seed", range(6))
def test_random_tables_leave_nothing_to_subtract(seed):
    rng = random.Random(seed)
    kinds = ["opened", "closed", "closed_without_specialised", "crisis"]
    rows = []
    for _ in range(rng.randint(50, 400)):
        day = D(2025, rng.randint(1, 6), rng.randint(1, 28))
        rows.append((rng.randint(1, 3), rng.choice(["WK01", "WK02", "WK03", ""]), day,
                     rng.choice(kinds), 1.0))
    definitions = [NEW, ind("crises", "count", "crisis"),
                   ind("caseload", "stock", "opened", "closed"),
                   ind("without", "proportion", "closed_without_specialised", "closed", per=100)]
    r = run(rows, *definitions, first=FIRST, last=FIRST + 5)
    assert _safe(r) == []
    # and every shown small count would be a bug
    for series in r.all_series():
        for point in series.points:
            if point.value is not None and series.indicator in ("new", "crises"):
                assert point.value == 0 or point.value >= 5


def test_the_builtin_catalogue_loads_and_adds_a_mean_change_per_domain():
    catalogue = builtin()
    codes = [d.code for d in catalogue.for_domains({"zrm-2017/financien": "ZRM: Financiën"})]
    assert {"caseload", "new", "closed", "days_to_contact", "closed_without_specialised",
            "gp_signals", "escalations", "crises", "improved", "own_network",
            "change:zrm-2017/financien"} <= set(codes)
    change = catalogue.for_domains({"zrm-2017/financien": "ZRM: Financiën"})[-1]
    assert change.name == "Verandering ZRM: Financiën" and change.measure == "mean"


@pytest.mark.parametrize(("changes", "message"), [
    ({"measure": "ratio"}, "soort 'ratio' bestaat niet"),
    ({"polarity": "sideways"}, "richting 'sideways' bestaat niet"),
    ({"measure": "proportion"}, "heeft een noemer nodig"),
    ({"numerator": ""}, "de teller ontbreekt"),
    ({"per": 0}, "'per' moet groter dan 0"),
])
def test_a_bad_definition_is_refused_in_dutch(changes, message):
    base = {"code": "x", "name": "X", "measure": "count", "numerator": "opened"}
    with pytest.raises(IndicatorError, match=message):
        check(IndicatorDef(**{**base, **changes}))


def test_nan_never_leaks_into_a_point():
    r = run(many(6, 1, "WK01", JAN, "opened"), NEW, ind("days", "median", "first_contact_days"))
    for series in r.all_series():
        for point in series.points:
            assert point.value is None or not math.isnan(point.value)


def test_teams_and_wijken_without_events_get_zero_rows():
    r = run(many(6, 2, "WK01", JAN, "opened"), NEW)
    assert r.teams == ["2"]
    r = mc.compute(mc.events_frame(many(6, 2, "WK01", JAN, "opened")), [NEW], first=FIRST,
                   last=LAST, teams=[1, 2, 3], wijken=["WK09"])
    assert r.teams == ["1", "2", "3"] and "WK09" in r.wijken
    assert values(r, "new", "team", "2") == [6, 0, 0]
    assert values(r, "new", "team", "3") == [0, 0, 0]
    assert values(r, "new", "wijk", "WK09") == [0, 0, 0]


def test_a_period_not_yet_over_is_counted_but_not_shown():
    rows = many(6, 1, "WK01", JAN, "opened") + many(7, 1, "WK01", FEB, "opened")
    rows += many(5, 1, "WK01", D(2025, 3, 2), "opened")  # March has only begun
    r = mc.compute(mc.events_frame(rows), [NEW], first=FIRST, last=LAST,
                   complete_until=mc.month_index(FEB))
    march = r.get("new", "total", "", mc.MONTH).points[2]
    assert (march.value, march.reason) == (None, mc.INCOMPLETE)
    assert values(r, "new")[:2] == [6, 7]
    assert r.get("new", "total", "", mc.QUARTER).points[0].reason == mc.INCOMPLETE


@pytest.mark.parametrize("seed", range(3))
def test_histogram_medians_equal_sorted_medians(seed):
    rng = np.random.default_rng(seed)
    n = 500
    rows = (np.zeros(n, dtype=np.int64), rng.integers(1, 4, n), rng.integers(4, 9, n))
    months = rng.integers(0, 6, n)
    periods = (months, months // 3 + 6)
    values = rng.integers(0, 40, n)
    by_histogram = mc._medians_by_histogram(rows, periods, values)
    by_sort = mc._medians_by_sort(rows, periods, values.astype(float))
    assert by_histogram.keys() == by_sort.keys()
    assert all(by_histogram[k] == pytest.approx(by_sort[k]) for k in by_sort)


def test_a_median_of_fractions_is_sorted_not_counted():
    median = ind("hours", "median", "hours")
    rows = [(1, "WK01", JAN, "hours", h) for h in (0.5, 1.25, 2.0, 2.5, 9.75)]
    assert values(run(rows, median), "hours")[0] == 2.0


def test_an_organisation_without_casework_has_zero_rows_per_team():
    r = mc.compute(mc.events_frame([]), builtin().fixed, first=FIRST, last=LAST, teams=[3, 5])
    assert (r.teams, r.wijken) == (["3", "5"], [])
    assert values(r, "new") == [0, 0, 0]
    assert values(r, "caseload", "team", "5", mc.QUARTER) == [0]
    assert r.get("days_to_contact", "total", "", mc.MONTH).points[0].reason == mc.NO_DATA

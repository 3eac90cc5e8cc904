"""A team's own indicators: figures typed in per month or quarter become the series the charts
read. Every value below is worked out by hand in the comment beside it."""

from __future__ import annotations

import datetime as dt

import pytest

from wijkkracht.monitor.core import compute as mc
from wijkkracht.monitor.core.charting import series_chart
from wijkkracht.monitor.core.indicators import IndicatorError
from wijkkracht.monitor.core.manual import (
    Figure,
    ManualDataError,
    manual_compute,
    own_definition,
)
from wijkkracht.monitor.core.manual_input import (
    FigureError,
    FigureFileError,
    figure,
    figures_from_table,
    read_period,
)

FIRST, LAST = mc.window(dt.date(2025, 6, 30), 6)  # two quarters: 2025-01 .. 2025-06
TEAM = "7"
COUNT = own_definition(code="consulten", name="Consulten huisarts", measure="count")
SHARE = own_definition(code="op_tijd", name="Huur op tijd", measure="proportion", per=100,
                       chart="pp")
RATE = own_definition(code="meldingen", name="Meldingen per 1000", measure="rate", per=1000,
                      chart="u")
MEAN = own_definition(code="wachttijd", name="Wachttijd", measure="mean", unit="dagen")


def F(period, numerator, denominator=None, wijk=""):
    return Figure(period, wijk, numerator, denominator)


def team(definition, figures, granularity=mc.MONTH):
    result = manual_compute(definition, figures, first=FIRST, last=LAST, team=TEAM)
    return result.series(mc.TEAM, TEAM, granularity)


def values(definition, figures, granularity=mc.MONTH):
    return [p.value for p in team(definition, figures, granularity).points]


def test_months_add_up_to_quarters_and_a_gap_is_no_zero():
    figures = [F("2025-01", 6), F("2025-02", 7), F("2025-03", 8), F("2025-05", 9)]
    series = team(COUNT, figures)
    assert [p.value for p in series.points] == [6, 7, 8, None, 9, None]
    assert [p.reason for p in series.points][3] == mc.NO_DATA
    assert series.key == TEAM and series.level == mc.TEAM
    # Q1 = 6 + 7 + 8 = 21; Q2 has one month of three: no quarter, a gap
    assert values(COUNT, figures, mc.QUARTER) == [21, None]
    assert team(COUNT, figures, mc.QUARTER).points[1].reason == mc.NO_DATA


def test_a_quarter_entered_is_used_as_it_is():
    figures = [F("2025-01", 6), F("2025-02", 7), F("2025-03", 8), F("2025-K1", 25),
               F("2025-04", 10), F("2025-K2", 40)]
    assert values(COUNT, figures, mc.QUARTER) == [25, 40]  # not 21: the entered 25


def test_a_month_chart_cannot_be_made_from_quarter_figures():
    figures = [F("2025-K1", 30), F("2025-K2", 33)]
    assert values(COUNT, figures, mc.QUARTER) == [30, 33]
    with pytest.raises(ManualDataError, match="per kwartaal"):
        team(COUNT, figures, mc.MONTH)


def test_a_proportion_is_made_from_summed_numerators_and_denominators():
    figures = [F("2025-01", 10, 20), F("2025-02", 15, 30), F("2025-03", 5, 50)]
    assert values(SHARE, figures) == [50.0, 50.0, 10.0, None, None, None]
    # Q1: (10 + 15 + 5) / (20 + 30 + 50) = 30 / 100 = 30 %, not the mean of the months (36.7)
    q1 = team(SHARE, figures, mc.QUARTER).points[0]
    assert q1.value == pytest.approx(30.0)
    assert (q1.numerator, q1.denominator, q1.n, q1.d) == ("30", "100", 30, 100)


def test_a_rate_per_1000_and_a_mean_from_sum_and_number():
    rate = [F("2025-01", 12, 6000), F("2025-02", 6, 6000), F("2025-03", 18, 6000)]
    # 12 / 6000 * 1000 = 2; 6 -> 1; 18 -> 3; the quarter: 36 / 18000 * 1000 = 2
    assert values(RATE, rate)[:3] == pytest.approx([2.0, 1.0, 3.0])
    assert values(RATE, rate, mc.QUARTER)[0] == pytest.approx(2.0)
    # waiting days: January 60 days over 6 people = 10; February 35 over 7 = 5;
    # March 45 over 9 = 5; the quarter (60 + 35 + 45) / (6 + 7 + 9) = 140 / 22 = 6.3636
    mean = [F("2025-01", 60, 6), F("2025-02", 35, 7), F("2025-03", 45, 9)]
    assert values(MEAN, mean)[:3] == [10.0, 5.0, 5.0]
    assert values(MEAN, mean, mc.QUARTER)[0] == pytest.approx(140 / 22, abs=1e-4)


def test_a_mean_over_fewer_than_five_is_not_shown():
    mean = [F("2025-01", 12, 3), F("2025-02", 0, 0)]
    points = team(MEAN, mean).points
    assert points[0].value is None and points[0].reason == mc.SMALL
    assert (points[0].numerator, points[0].denominator) == ("x", "< 5")
    assert points[1].value is None and points[1].reason == mc.NO_DATA


def test_a_zero_denominator_says_so():
    points = team(SHARE, [F("2025-01", 0, 0), F("2025-02", 6, 0)]).points
    assert points[0].reason == mc.NO_DATA  # nothing counted at all
    # 6 of 0 cannot be typed (the numerator exceeds the denominator); a rate can have it
    points = team(RATE, [F("2025-02", 6, 0)]).points
    assert points[1].value is None and points[1].reason == mc.ZERO_DENOMINATOR


def test_small_counts_are_hidden_and_cannot_be_subtracted_back():
    # January: wijk A 3 ("< 5"), wijk B 8, the team's total is their sum, 11. B is hidden too
    # (11 - 8 would give 3 away); the total shows.
    a, b = "WK000101", "WK000102"
    figures = [F("2025-01", 3, wijk=a), F("2025-01", 8, wijk=b)]
    result = manual_compute(COUNT, figures, first=FIRST, last=LAST, team=TEAM)
    total = result.series(mc.TEAM, TEAM, mc.MONTH).points[0]
    wa = result.series(mc.WIJK, a, mc.MONTH).points[0]
    wb = result.series(mc.WIJK, b, mc.MONTH).points[0]
    assert (total.value, total.numerator) == (11, "11")
    assert (wa.value, wa.numerator, wa.reason) == (None, "< 5", mc.SMALL)
    assert (wb.value, wb.numerator) == (None, "x")
    assert result.suppressed == 2
    assert result.series(mc.WIJK, "WK999999", mc.MONTH) is None


def test_a_small_month_is_not_given_away_by_its_quarter():
    # 3 + 10 + 12 = 25: the quarter shows 25, so the smallest other month (10) is hidden too
    figures = [F("2025-01", 3), F("2025-02", 10), F("2025-03", 12)]
    months = team(COUNT, figures).points
    assert [p.numerator for p in months[:3]] == ["< 5", "x", "12"]
    assert values(COUNT, figures, mc.QUARTER)[0] == 25


def test_a_proportion_whose_rest_is_small_is_hidden():
    # 18 of 20 renewed on time: the rest (2 not on time) is a small count, so the share hides
    points = team(SHARE, [F("2025-01", 18, 20), F("2025-02", 10, 20)]).points
    assert points[0].value is None and points[0].reason == mc.SMALL
    assert points[1].value == pytest.approx(50.0)


def test_a_wijk_missing_where_the_total_was_typed_is_unknown_not_zero():
    # January: the team typed its total (20) and wijk A's 3; wijk B reported February only.
    # 20 - 3 does not give B's January away (it is not known), so only A's 3 is hidden.
    a, b = "WK000101", "WK000102"
    figures = [F("2025-01", 20), F("2025-01", 3, wijk=a), F("2025-02", 30),
               F("2025-02", 10, wijk=b)]
    result = manual_compute(COUNT, figures, first=FIRST, last=LAST, team=TEAM)
    assert [p.value for p in result.series(mc.TEAM, TEAM, mc.MONTH).points[:2]] == [20, 30]
    assert result.series(mc.WIJK, a, mc.MONTH).points[0].numerator == "< 5"
    assert result.series(mc.WIJK, b, mc.MONTH).points[1].value == 10
    assert result.suppressed == 1


def test_own_figures_make_a_control_chart():
    figures = [F(f"2025-{m:02d}", v) for m, v in zip(range(1, 7), [20, 22, 19, 21, 23, 20],
                                                      strict=True)]
    chart = series_chart(team(COUNT, figures), COUNT)
    # the mean of the six months: 125 / 6
    assert chart.phases[0].centre == pytest.approx(125 / 6)


def test_a_definition_must_fit_its_chart():
    assert SHARE.code == "eigen:op_tijd" and SHARE.denominator == "denominator"
    with pytest.raises(IndicatorError, match="past niet"):
        own_definition(code="x", name="X", measure="count", chart="p")
    with pytest.raises(IndicatorError, match="soort"):
        own_definition(code="x", name="X", measure="median")


# --- figures as typed ---------------------------------------------------------------------------

@pytest.mark.parametrize(("raw", "period"), [
    ("2025-03", "2025-03"), ("2025-3", "2025-03"), (" 2025 K1 ", "2025-K1"),
    ("2025-k4", "2025-K4"), ("2025Q2", "2025-K2"), (dt.datetime(2025, 3, 1), "2025-03")])
def test_periods_as_people_write_them(raw, period):
    assert read_period(raw) == period


@pytest.mark.parametrize("raw", ["maart", "2025-13", "2025-K5", "25-03", "", "1999-01"])
def test_a_period_that_is_not_one(raw):
    with pytest.raises(FigureError) as error:
        read_period(raw)
    assert error.value.column == "periode"


def test_a_decimal_comma_is_read_and_whole_numbers_are_required_for_people():
    assert figure("rate", period="2025-01", wijk="wk036301", numerator="3",
                  denominator="1234,5") == Figure("2025-01", "WK036301", 3, 1234.5)
    with pytest.raises(FigureError, match="heel getal") as error:
        figure("count", period="2025-01", wijk="", numerator="2,5", denominator="")
    assert error.value.column == "teller"
    with pytest.raises(FigureError, match="duizendtallen"):
        figure("rate", period="2025-01", wijk="", numerator="1", denominator="1.234,5")
    with pytest.raises(FigureError, match="groter dan de noemer"):
        figure("proportion", period="2025-01", wijk="", numerator="21", denominator="20")
    with pytest.raises(FigureError, match="Vul de noemer in") as error:
        figure("mean", period="2025-01", wijk="", numerator="21", denominator="")
    assert error.value.column == "noemer"
    assert figure("mean", period="2025-01", wijk="", numerator="-3,5",
                  denominator="7").numerator == -3.5


def test_one_bad_row_refuses_the_whole_file_with_its_row_and_column():
    header = ["periode", "wijk", "teller", "noemer"]
    rows = [["2025-01", "", "12", "40"], ["2025-02", "", "10", "40"], ["maart", "", "9", "40"],
            ["2025-04", "WK12", "8", "40"], ["2025-01", "", "5", "40"]]
    with pytest.raises(FigureFileError) as error:
        figures_from_table("proportion", header, rows)
    assert error.value.problems == [
        "Rij 4, kolom 'periode': schrijf 2025-03 (een maand) of 2025-K1 (een kwartaal).",
        "Rij 5, kolom 'wijk': WK12 is geen wijkcode. Schrijf een code als WK036301, of laat "
        "het vak leeg voor het hele team.",
        "Rij 6: 2025-01 voor het hele team staat ook al in rij 2."]


def test_a_file_names_missing_and_unknown_columns():
    with pytest.raises(FigureFileError, match=r"'noemer' ontbreekt.*'noember' kennen we niet"):
        figures_from_table("rate", ["Periode", "Teller", "Noember"], [["2025-01", "1", "2"]])
    rows = figures_from_table("count", ["Periode", "Teller"], [["2025-01", "7"], ["", ""]])
    assert [r.figure for r in rows] == [Figure("2025-01", "", 7, None)]
    with pytest.raises(FigureFileError, match="geen rijen"):
        figures_from_table("count", ["periode", "teller"], [])

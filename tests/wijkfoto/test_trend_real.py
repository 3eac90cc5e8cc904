"""Amsterdam 2017 -> 2019: a change verdict per indicator, by the two-interval rule."""

import numpy as np
import pytest

from tests.conftest import AMS_2017, AMS_2019, area_row, real_computed, write_kwb_csv
from wijkkracht.areas.registry import find_area
from wijkkracht.areas.sources.files import read_kwb_file
from wijkkracht.wijkfoto.core.compute import compute_year
from wijkkracht.wijkfoto.core.profile import build_wijkfoto
from wijkkracht.wijkfoto.core.trend import compare_years

UP = {"high_is_good": "better", "low_is_good": "worse", "no_judgement": "higher"}
DOWN = {"high_is_good": "worse", "low_is_good": "better", "no_judgement": "lower"}


@pytest.fixture(scope="module")
def years():
    return (real_computed(AMS_2017),
            real_computed(AMS_2019))


def test_every_amsterdam_wijk_gets_a_change_verdict_that_follows_the_rule(years):
    earlier, later = years
    codes = [c for c in later.codes if c.startswith("WK")]
    assert len(codes) == 99
    changed = 0
    for code in codes:
        trend = compare_years(earlier, later, code)
        i, j = earlier.index[code], later.index[code]
        assert trend, code
        for ind_id, t in trend.items():
            a, b = earlier.results[ind_id], later.results[ind_id]
            assert t.comparable
            assert t.earlier_value == pytest.approx(a.value[i], nan_ok=True) or (
                t.earlier_value is None and np.isnan(a.value[i]))
            if not b.indicator.has_interval or not np.isfinite(
                    [a.lower95[i], a.upper95[i], b.lower95[j], b.upper95[j]]).all():
                assert t.verdict == "not_compared"
                continue
            if b.lower95[j] > a.upper95[i]:
                expected = UP[b.indicator.polarity]
            elif b.upper95[j] < a.lower95[i]:
                expected = DOWN[b.indicator.polarity]
            else:
                expected = "similar"
            assert t.verdict == expected, (code, ind_id)
            changed += expected != "similar"
    assert changed > 0


def test_the_wijkfoto_reports_the_trend_in_words(years):
    earlier, later = years
    w = build_wijkfoto(later, find_area(later.table, "WK036347"), earlier=earlier)
    assert w.trend_year == 2017
    assert any(line.startswith("Sinds 2017:") for line in w.narrative)
    assert all(v.trend is not None for v in w.indicators if v.id in earlier.results
               and earlier.results[v.id].available)


def test_a_changed_boundary_or_a_new_area_is_not_compared(tmp_path):
    def year(y, change, extra=()):
        rows = [area_row("GM0001", "Testdorp", "Testdorp", AantalInwoners_5="2000",
                         k_65JaarOfOuder_12="400", change="1"),
                area_row("WK000101", "Noord", "Testdorp", AantalInwoners_5="1000",
                         k_65JaarOfOuder_12="200", change=change), *extra]
        return compute_year(read_kwb_file(write_kwb_csv(tmp_path / f"kwb-{y}.csv", rows)))

    earlier = year(2020, "1")
    later = year(2021, "3", [area_row("WK000102", "Zuid", "Testdorp", AantalInwoners_5="900",
                                      k_65JaarOfOuder_12="100")])
    moved = compare_years(earlier, later, "WK000101")["aandeel_65plus"]
    assert (moved.comparable, moved.reason, moved.verdict) == (False, "boundary_changed",
                                                                "not_compared")
    new = compare_years(earlier, later, "WK000102")["aandeel_65plus"]
    assert (new.comparable, new.reason) == (False, "area_not_in_earlier_year")

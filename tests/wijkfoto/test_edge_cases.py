"""Small data built here: 0 and n, secret values, one wijk in a gemeente, missing columns."""

import numpy as np
import pytest

from tests.conftest import area_row, write_kwb_csv
from wijkkracht.areas.registry import find_area
from wijkkracht.areas.sources.files import read_kwb_file
from wijkkracht.errors import WijkkrachtError
from wijkkracht.wijkfoto.core.compute import compute_year
from wijkkracht.wijkfoto.core.profile import build_wijkfoto


def computed_from(tmp_path, rows, year=2023):
    return compute_year(read_kwb_file(write_kwb_csv(tmp_path / f"kwb-{year}.csv", rows)))


def gemeente_with_wijken(n_wijken, overrides=None):
    overrides = overrides or {}
    rows = [area_row("NL00", "Nederland", "Nederland", AantalInwoners_5="17000000",
                     k_65JaarOfOuder_12="3400000", change="."),
            area_row("GM0001", "Testdorp", "Testdorp", AantalInwoners_5=str(1000 * n_wijken),
                     k_65JaarOfOuder_12=str(200 * n_wijken))]
    for k in range(n_wijken):
        values = {"AantalInwoners_5": "1000", "k_65JaarOfOuder_12": "200"}
        values.update(overrides.get(k, {}))
        rows.append(area_row(f"WK0001{k:02d}", f"Wijk {k}", "Testdorp", **values))
    return rows


def test_zero_and_all_give_honest_intervals(tmp_path):
    c = computed_from(tmp_path, gemeente_with_wijken(3, {
        0: {"k_65JaarOfOuder_12": "0"}, 1: {"k_65JaarOfOuder_12": "1000"}}))
    r = c.results["aandeel_65plus"]
    i0, i1 = c.index["WK000100"], c.index["WK000101"]
    assert r.value[i0] == 0 and r.lower95[i0] == 0 and 0 < r.upper95[i0] < 1
    assert r.value[i1] == 100 and r.upper95[i1] == 100 and 99 < r.lower95[i1] < 100
    assert r.vs_gemeente.verdict[i0] == "lower" and r.vs_gemeente.verdict[i1] == "higher"


def test_secret_values_stay_missing_and_are_never_compared_as_zero(tmp_path):
    c = computed_from(tmp_path, gemeente_with_wijken(6, {2: {"k_65JaarOfOuder_12": "."}}))
    r = c.results["aandeel_65plus"]
    i = c.index["WK000102"]
    assert np.isnan(r.value[i]) and r.missing[i] == "secret_or_not_published"
    assert r.vs_gemeente.verdict[i] == "not_compared" and r.peers.rank[i] == 0
    assert r.peers.count[c.index["WK000100"]] == 5


def test_one_wijk_in_a_gemeente_has_no_peers_to_be_ranked_against(tmp_path):
    c = computed_from(tmp_path, gemeente_with_wijken(1))
    w = build_wijkfoto(c, find_area(c.table, "WK000100"))
    v = next(i for i in w.indicators if i.id == "aandeel_65plus")
    assert v.peers.count == 1 and v.peers.quintile is None
    assert v.peers.funnel_verdict == "not_compared"
    assert v.vs_gemeente.verdict == "similar"


def test_indicators_the_file_lacks_are_left_out_not_shown_as_zero(tmp_path):
    c = computed_from(tmp_path, gemeente_with_wijken(2))
    w = build_wijkfoto(c, find_area(c.table, "WK000100"))
    assert {v.id for v in w.indicators} == {"aandeel_65plus"}
    assert not c.results["woz"].available


def test_a_gemeente_is_compared_with_nederland_and_not_with_itself(tmp_path):
    c = computed_from(tmp_path, gemeente_with_wijken(2))
    w = build_wijkfoto(c, find_area(c.table, "GM0001"))
    assert w.compare == "nl"
    with pytest.raises(WijkkrachtError, match="zelf een gemeente"):
        build_wijkfoto(c, find_area(c.table, "GM0001"), compare="gemeente")


def test_without_a_country_row_nl_comparison_is_refused_clearly(tmp_path):
    rows = gemeente_with_wijken(2)[1:]
    c = computed_from(tmp_path, rows)
    with pytest.raises(WijkkrachtError, match="NL00"):
        build_wijkfoto(c, find_area(c.table, "WK000100"), compare="nl")

"""Similar wijken across the country, on the real KWB 2024 file and on small data built here.

The z-scores and the neighbours are checked against an independent computation from the raw
fields (statistics.pstdev and a full distance matrix, no k-d tree); the peer-group average
against sums of the raw counts.
"""

import math
import statistics

import numpy as np
import polars as pl
import pytest

from tests.conftest import KWB_2024, area_row, real_computed, write_kwb_csv
from wijkkracht.areas.registry import find_area
from wijkkracht.areas.sources.files import read_kwb_file
from wijkkracht.wijkfoto.core.compute import compute_year
from wijkkracht.wijkfoto.core.profile import build_wijkfoto
from wijkkracht.wijkfoto.core.similar import MIN_WITH_VALUE, K, nearest, standardise
from wijkkracht.wijkfoto.services import render

TRANSVAALWIJK = "WK039210"
# The raw fields behind each structural feature: (numerator, denominator) or a plain field.
RAW = {
    "aandeel_0_14": ("inw_0_14", "inwoners"),
    "aandeel_15_24": ("inw_15_24", "inwoners"),
    "aandeel_25_44": ("inw_25_44", "inwoners"),
    "aandeel_65plus": ("inw_65plus", "inwoners"),
    "aandeel_eenpersoons": ("hh_eenpersoons", "huishoudens"),
    "aandeel_hh_met_kinderen": ("hh_met_kinderen", "huishoudens"),
    "huishoudensgrootte": ("hh_grootte", None),
    "dichtheid": ("dichtheid", None),
}


@pytest.fixture(scope="module")
def year():
    return real_computed(KWB_2024)


def independent_features(frame: pl.DataFrame) -> dict[str, list[float | None]]:
    out = {}
    for fid, (num, den) in RAW.items():
        values = []
        for row in frame.select(num, *([den] if den else [])).iter_rows():
            x = row[0]
            d = row[1] if den else None
            if x is None or (den and not d):
                values.append(None)
            elif den:
                values.append(100.0 * x / d)
            else:
                values.append(math.log10(x) if fid == "dichtheid" and x > 0 else
                              (None if fid == "dichtheid" else float(x)))
        out[fid] = values
    return out


def test_standardisation_matches_an_independent_computation(year):
    frame = year.table.frame
    wk = frame.filter(pl.col("level") == "WK")
    feats = independent_features(wk)
    used = year.similar.features["WK"]
    assert set(used) == set(RAW)  # 2024 publishes no income: it does not take part
    complete = [all(feats[f][i] is not None for f in used) for i in range(wk.height)]
    codes = wk["code"].to_list()
    levels = frame["level"].to_numpy()
    values = {f: year.results[f].value for f in used}
    s = standardise(values, levels == "WK", "WK")
    assert [year.codes[r] for r in s.rows] == [c for c, ok in zip(codes, complete, strict=True)
                                               if ok]
    for j, f in enumerate(s.features):
        present = [v for v in feats[f] if v is not None]
        mean, sd = statistics.fmean(present), statistics.pstdev(present)
        assert s.mean[j] == pytest.approx(mean, rel=1e-9)
        assert s.std[j] == pytest.approx(sd, rel=1e-9)
        expected = [(feats[f][i] - mean) / sd for i, ok in enumerate(complete) if ok]
        np.testing.assert_allclose(s.z[:, j], expected, rtol=1e-9, atol=1e-12)


def test_the_peers_of_a_haarlem_wijk(year):
    area = find_area(year.table, TRANSVAALWIJK)
    w = build_wijkfoto(year, area)
    sim = w.similar
    assert sim is not None and sim.group == "wijken" and len(sim.areas) == K
    codes = [a.code for a in sim.areas]
    assert TRANSVAALWIJK not in codes and len(set(codes)) == K
    assert all(c.startswith("WK") for c in codes)
    assert len({a.gemeente_code for a in sim.areas}) >= 3  # across the country
    distances = [a.distance for a in sim.areas]
    assert distances == sorted(distances) and distances[0] > 0
    # Against a brute-force search over the full distance matrix.
    s = standardise({f: year.results[f].value for f in year.similar.features["WK"]},
                    year.table.frame["level"].to_numpy() == "WK", "WK")
    me = int(np.nonzero(year.codes[s.rows] == TRANSVAALWIJK)[0][0])
    d = np.sqrt(((s.z - s.z[me]) ** 2).sum(axis=1))
    d[me] = np.inf
    order = np.argsort(d, kind="stable")[:K]
    assert codes == [str(year.codes[s.rows[o]]) for o in order]
    np.testing.assert_allclose(distances, d[order], rtol=1e-9)
    names = dict(zip(year.table.frame["code"], year.table.frame["gemeente_name"], strict=True))
    assert [a.gemeente_name for a in sim.areas] == [names[c] for c in codes]


def test_the_peer_average_is_pooled_and_judged_by_the_gemeente_rule(year):
    area = find_area(year.table, TRANSVAALWIJK)
    w = build_wijkfoto(year, area)
    codes = [a.code for a in w.similar.areas]
    frame = year.table.frame.filter(pl.col("code").is_in(codes))
    view = next(v for v in w.indicators if v.id == "aandeel_65plus")
    pooled = 100 * frame["inw_65plus"].sum() / frame["inwoners"].sum()
    assert view.vs_similar.benchmark_value == pytest.approx(pooled)
    assert view.vs_similar.count == K
    lo, hi = view.interval95
    outside = not lo <= pooled <= hi
    material = abs(view.value - pooled) >= 2.0 or abs(view.value - pooled) / pooled >= 0.10
    expected = ("lower" if view.value < pooled else "higher") if outside and material else "similar"
    assert view.vs_similar.verdict == expected
    woz = next(v for v in w.indicators if v.id == "woz")  # an average: plain mean, no verdict
    assert woz.vs_similar.benchmark_value == pytest.approx(frame["woz"].mean())
    assert woz.vs_similar.verdict == "not_compared"


def test_the_report_lists_the_peers_and_the_third_benchmark(year):
    w = build_wijkfoto(year, find_area(year.table, TRANSVAALWIJK))
    html = render(w, "html")
    assert "Vergelijkbare wijken" in html
    for a in w.similar.areas:
        assert a.name in html
    assert any("lijken" in line for line in w.narrative)
    doc = w.to_dict()
    assert [a["code"] for a in doc["similar"]["areas"]] == [a.code for a in w.similar.areas]
    assert all("vs_similar" in i for i in doc["indicators"])


def small(tmp_path, wijken):
    rows = [area_row("GM0001", "Testdorp", "Testdorp", AantalInwoners_5="1")]
    for k, (old, hh) in enumerate(wijken):
        rows.append(area_row(f"WK0001{k:02d}", f"Wijk {k}", "Testdorp", AantalInwoners_5="1000",
                             k_65JaarOfOuder_12=old, HuishoudensTotaal_28="400",
                             Eenpersoonshuishoudens_29=hh))
    return compute_year(read_kwb_file(write_kwb_csv(tmp_path / "k.csv", rows), 2024))


def test_an_area_lacking_a_feature_has_no_peers_and_is_no_peer(tmp_path):
    wijken = [(str(100 + 10 * k), str(100 + 5 * k)) for k in range(12)]
    wijken[3] = (".", "120")
    c = small(tmp_path, wijken)
    assert c.similar.features["WK"] == ("aandeel_65plus", "aandeel_eenpersoons")
    assert c.similar.excluded["WK"] == 1
    gap = c.index["WK000103"]
    assert (c.similar.rows[gap] == -1).all()
    assert gap not in c.similar.rows
    assert build_wijkfoto(c, find_area(c.table, "WK000103")).similar is None
    # 11 areas with all features: each has 10 neighbours, none of them itself.
    for code in ("WK000100", "WK000111"):
        i = c.index[code]
        assert (c.similar.rows[i] >= 0).sum() == 10 and i not in c.similar.rows[i]


def test_too_few_peers_with_a_value_give_no_average(tmp_path):
    c = small(tmp_path, [(str(100 + 10 * k), str(100 + 5 * k)) for k in range(MIN_WITH_VALUE)])
    i = c.index["WK000100"]
    assert (c.similar.rows[i] >= 0).sum() == MIN_WITH_VALUE - 1
    r = c.results["aandeel_65plus"]
    assert np.isnan(r.vs_similar.benchmark[i]) and r.vs_similar.verdict[i] == "not_compared"
    assert r.vs_similar.count[i] == MIN_WITH_VALUE - 1


def test_exact_duplicates_do_not_make_an_area_its_own_peer():
    z = np.zeros((6, 2))
    idx, dist = nearest(z, 3)
    assert idx.shape == (6, 3)
    assert all(i not in idx[i] for i in range(6)) and (dist == 0).all()


def test_a_gemeente_is_compared_with_similar_gemeenten(year):
    w = build_wijkfoto(year, find_area(year.table, "GM0392"))
    assert w.similar.group == "gemeenten" and len(w.similar.areas) == K
    assert all(a.code.startswith("GM") and a.code != "GM0392" for a in w.similar.areas)


def test_a_buurt_has_no_similar_areas_and_no_third_benchmark(year):
    buurt = next(c for c in year.codes if str(c).startswith("BU0392"))
    w = build_wijkfoto(year, find_area(year.table, str(buurt)))
    assert w.similar is None and all(v.vs_similar is None for v in w.indicators)
    assert "Vergelijkbare" not in render(w, "html")

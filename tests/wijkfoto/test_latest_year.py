"""Several KWB years as one wijkfoto: each indicator from the latest year with a value.

Real data: the Den Haag 2019 file (84583NED: uitkeringen and distances for every wijk, but its
income, jeugdzorg and Wmo columns are empty), the 2017 national subset (income for every wijk)
and the 2024 file (which has Den Haag, GM0518, and leaves those columns empty); Amsterdam 2019,
whose wijk codes Amsterdam replaced in 2022, for the codes that cannot be linked. Small files
built here for code and boundary changes.
"""

import json

import jsonschema
import numpy as np
import polars as pl
import pytest
from click.testing import CliRunner

from tests.conftest import (
    AMS_2019,
    KWB,
    KWB_2017_NL,
    KWB_2024,
    area_row,
    real_computed,
    real_kwb,
    write_kwb_csv,
)
from wijkkracht.areas.registry import find_area
from wijkkracht.areas.sources.files import read_kwb_file
from wijkkracht.wijkfoto.core.compute import compute_year
from wijkkracht.wijkfoto.core.latest import combine_years
from wijkkracht.wijkfoto.core.profile import build_wijkfoto
from wijkkracht.wijkfoto.report.jsonout import wijkfoto_schema
from wijkkracht.wijkfoto.services import make_wijkfoto, render

DH_2019 = KWB / "dhzw-84583NED-kwb2019-denhaag" / "84583NED-denhaag.csv"
CENTRUM = "WK051828"  # Wijk 28 Centrum, 's-Gravenhage
POPULATION = ("aandeel_0_14", "aandeel_65plus", "aandeel_eenpersoons", "aandeel_koop")
FROM_2019 = ("bijstand", "arbeidsongeschiktheid", "werkloosheid", "aow", "afstand_supermarkt")
FROM_2017 = ("inkomen_per_inwoner", "aandeel_hh_laag_inkomen")


@pytest.fixture(scope="module")
def tables():
    return {2024: real_kwb(KWB_2024), 2019: real_kwb(DH_2019),
            2017: real_kwb(KWB_2017_NL)}


@pytest.fixture(scope="module")
def computed(tables):
    return {2024: real_computed(KWB_2024), 2019: real_computed(DH_2019),
            2017: real_computed(KWB_2017_NL)}


def raw(table, code, column):
    """A field straight from the file's table, as an independent check."""
    value = table.frame.filter(pl.col("code") == code)[column][0]
    return None if value is None else float(value)


def test_the_files_are_what_the_test_relies_on(tables):
    t24, t19 = tables[2024], tables[2019]
    assert t24.year == 2024 and t19.year == 2019
    assert raw(t24, "GM0518", "inwoners") > 500_000  # Den Haag is in the 2024 file
    for column in ("bijstand", "inkomen_per_inwoner", "jeugdzorg", "wmo"):
        assert raw(t24, CENTRUM, column) is None  # not published in 2024's first release
    assert raw(t19, CENTRUM, "bijstand") == 1270
    # The 2019 Den Haag file has income, jeugdzorg and Wmo columns, but they are empty.
    for column in ("inkomen_per_inwoner", "jeugdzorg", "wmo"):
        assert t19.frame.filter(pl.col("level") == "WK")[column].is_not_null().sum() == 0


def test_a_den_haag_wijk_shows_each_indicator_for_its_latest_year(computed, tables):
    c = combine_years([computed[2024], computed[2019]])
    w = build_wijkfoto(c, find_area(c.table, CENTRUM))
    views = {v.id: v for v in w.indicators}
    assert w.year == 2024 and w.years == [2019, 2024]
    assert w.attribution == "Bron: CBS, Kerncijfers wijken en buurten 2019 en 2024"
    for ind in POPULATION:
        assert views[ind].year == 2024 and views[ind].value is not None
        assert views[ind].value == computed[2024].results[ind].value[computed[2024].index[CENTRUM]]
    t19 = tables[2019]
    for ind in FROM_2019:
        assert views[ind].year == 2019 and views[ind].value is not None, ind
    # The value and its gemeente benchmark are 2019's, computed here from the raw counts.
    bijstand = views["bijstand"]
    assert bijstand.value == pytest.approx(1000 * raw(t19, CENTRUM, "bijstand")
                                           / raw(t19, CENTRUM, "inwoners"))
    assert bijstand.vs_gemeente.benchmark_value == pytest.approx(
        1000 * raw(t19, "GM0518", "bijstand") / raw(t19, "GM0518", "inwoners"))
    assert bijstand.vs_gemeente.verdict == "worse"  # 62.7 against 44.7 per 1 000
    # 2019's file has no NL row: no Nederland benchmark, and certainly not 2024's.
    assert bijstand.vs_nl.benchmark_value is None and bijstand.vs_nl.verdict == "not_compared"
    # The position among the wijken is 2019's too (43 Den Haag wijken with a value then).
    assert bijstand.peers.count == 43
    # Income has no value in either year: still missing, labelled 2024.
    assert views["inkomen_per_inwoner"].value is None
    assert views["inkomen_per_inwoner"].year == 2024
    assert any("2019" in line and "Bijstand" in line for line in w.narrative)


def test_income_comes_from_2017_with_the_2017_benchmarks(computed, tables):
    c = combine_years([computed[2017], computed[2024], computed[2019]])
    w = build_wijkfoto(c, find_area(c.table, CENTRUM))
    views = {v.id: v for v in w.indicators}
    assert w.years == [2017, 2019, 2024]
    t17 = tables[2017]
    for ind in FROM_2017:
        assert views[ind].year == 2017, ind
    inc = views["inkomen_per_inwoner"]
    assert inc.value == raw(t17, CENTRUM, "inkomen_per_inwoner")
    assert inc.vs_gemeente.benchmark_value == raw(t17, "GM0518", "inkomen_per_inwoner")
    assert inc.vs_nl.benchmark_value == raw(t17, "NL00", "inkomen_per_inwoner")
    assert views["bijstand"].year == 2019  # the 2017 subset has no bijstand column
    assert views["aandeel_65plus"].year == 2024


def test_the_json_carries_each_year_and_validates(computed):
    c = combine_years([computed[2024], computed[2019]])
    doc = json.loads(render(build_wijkfoto(c, find_area(c.table, CENTRUM)), "json"))
    jsonschema.validate(doc, wijkfoto_schema())
    years = {i["id"]: i["year"] for i in doc["indicators"]}
    assert years["bijstand"] == 2019 and years["aandeel_65plus"] == 2024
    assert doc["years"] == [2019, 2024]


def test_amsterdam_wijken_recoded_in_2022_are_said_not_to_link(computed):
    """Amsterdam's 2019 wijk codes no longer exist in 2024: the income it published for them
    cannot be attached to a 2024 wijk, and the wijkfoto says so rather than staying silent."""
    ams = real_computed(AMS_2019)
    c = combine_years([computed[2024], ams])
    w = build_wijkfoto(c, find_area(c.table, "WK0363AH"))
    views = {v.id: v for v in w.indicators}
    inc = views["inkomen_per_inwoner"]
    assert inc.value is None and inc.area_change == {"kind": "not_linked", "year": 2019}
    assert views["aandeel_65plus"].area_change is None
    # A Haarlem wijk: Amsterdam's file says nothing about Haarlem, so no note.
    h = build_wijkfoto(c, find_area(c.table, "WK039210"))
    assert all(v.area_change is None for v in h.indicators)
    html = render(w, "html")
    assert "staan onder andere codes" in html


def small_year(tmp_path, year, wijken, gemeente_values=None):
    rows = [area_row("GM0001", "Testdorp", "Testdorp", AantalInwoners_5="3000",
                     PersonenPerSoortUitkeringBijstand_83=(gemeente_values or {}).get("bijstand",
                                                                                       ""),
                     k_65JaarOfOuder_12="600")]
    for code, values in wijken.items():
        rows.append(area_row(code, f"Wijk {code[-2:]}", "Testdorp", **values))
    path = write_kwb_csv(tmp_path / f"kwb{year}.csv", rows)
    return compute_year(read_kwb_file(path, year))


def test_code_and_boundary_changes_after_the_value_year_are_noted(tmp_path):
    w2019 = small_year(tmp_path, 2019, {
        f"WK00010{k}": {"AantalInwoners_5": "1000", "k_65JaarOfOuder_12": "200",
                        "PersonenPerSoortUitkeringBijstand_83": str(30 + 10 * k)}
        for k in range(3)}, {"bijstand": "120"})
    w2021 = small_year(tmp_path, 2021, {
        "WK000100": {"AantalInwoners_5": "1000", "k_65JaarOfOuder_12": "200"},
        "WK000101": {"AantalInwoners_5": "1000", "k_65JaarOfOuder_12": "200", "change": "3"},
        "WK000102": {"AantalInwoners_5": "1000", "k_65JaarOfOuder_12": "200"},
    })
    w2024 = small_year(tmp_path, 2024, {
        "WK000100": {"AantalInwoners_5": "1000", "k_65JaarOfOuder_12": "210"},
        "WK000101": {"AantalInwoners_5": "1000", "k_65JaarOfOuder_12": "220"},
        "WK000102": {"AantalInwoners_5": "1000", "k_65JaarOfOuder_12": "230", "change": "2"},
        # new in 2024 under a new code; 2019 had bijstand for the gemeente's wijken
        "WK000109": {"AantalInwoners_5": "1000", "k_65JaarOfOuder_12": "240", "change": "3"},
    })
    c = combine_years([w2019, w2024, w2021])
    assert c.years == (2024, 2021, 2019)

    def view(code, ind="bijstand"):
        w = build_wijkfoto(c, find_area(c.table, code))
        return next(v for v in w.indicators if v.id == ind)

    same = view("WK000100")
    assert same.year == 2019 and same.value == pytest.approx(30.0) and same.area_change is None
    moved = view("WK000101")
    assert moved.year == 2019 and moved.value == pytest.approx(40.0)
    assert moved.area_change == {"kind": "boundary_changed", "year": 2021}
    recoded = view("WK000102")
    assert recoded.area_change == {"kind": "code_changed", "year": 2024}
    new = view("WK000109")
    assert new.value is None and new.area_change == {"kind": "not_linked", "year": 2019}
    # Indicators of the newest year carry no note, whatever the area's flag.
    assert view("WK000102", "aandeel_65plus").area_change is None
    assert view("WK000102", "aandeel_65plus").year == 2024
    html = render(build_wijkfoto(c, find_area(c.table, "WK000101")), "html")
    assert "grens gewijzigd in 2021" in html and "in 2019" in html
    # The gemeente benchmark of the 2019 value is 2019's: 120 / 3000 per 1 000.
    assert moved.vs_gemeente.benchmark_value == pytest.approx(40.0)


def test_the_combination_is_vectorised_and_leaves_the_years_untouched(computed):
    before = computed[2024].results["bijstand"].value.copy()
    c = combine_years([computed[2024], computed[2019]])
    np.testing.assert_array_equal(computed[2024].results["bijstand"].value, before)
    i = c.index[CENTRUM]
    j = computed[2019].index[CENTRUM]
    assert c.results["bijstand"].value[i] == computed[2019].results["bijstand"].value[j]
    assert c.results["bijstand"].year[i] == 2019
    # An area outside the 2019 file keeps 2024 (missing) and its year.
    k = c.index["WK039210"]
    assert np.isnan(c.results["bijstand"].value[k]) and c.results["bijstand"].year[k] == 2024


def test_each_year_only_once(computed):
    with pytest.raises(ValueError):
        combine_years([computed[2019], computed[2019]])


def test_make_wijkfoto_and_the_command_line_take_several_files(tables, tmp_path):
    w = make_wijkfoto([tables[2019], tables[2024]], CENTRUM)
    assert {v.id: v.year for v in w.indicators}["bijstand"] == 2019
    from wijkkracht.cli import main

    out = tmp_path / "w.json"
    result = CliRunner().invoke(main, ["wijkfoto", CENTRUM, "--data", str(DH_2019), "--data",
                                       str(KWB_2024), "--format", "json", "--out", str(out)])
    assert result.exit_code == 0, result.output
    doc = json.loads(out.read_text(encoding="utf-8"))
    assert doc["year"] == 2024 and doc["years"] == [2019, 2024]
    assert {i["id"]: i["year"] for i in doc["indicators"]}["aow"] == 2019
    again = CliRunner().invoke(main, ["wijkfoto", CENTRUM, "--data", str(DH_2019), "--data",
                                      str(DH_2019), "--format", "json", "--out", "-"])
    assert again.exit_code == 2 and "meer dan eens" in again.output


def test_the_command_line_uses_every_stored_year(tables, tmp_path):
    from wijkkracht.areas.store import save_table
    from wijkkracht.cli import main

    save_table(tables[2019])
    save_table(tables[2024])
    out = tmp_path / "w.json"
    result = CliRunner().invoke(main, ["wijkfoto", CENTRUM, "--format", "json", "--out",
                                       str(out)])
    assert result.exit_code == 0, result.output
    doc = json.loads(out.read_text(encoding="utf-8"))
    assert {i["id"]: i["year"] for i in doc["indicators"]}["bijstand"] == 2019
    only_2019 = CliRunner().invoke(main, ["wijkfoto", CENTRUM, "--year", "2019", "--format",
                                          "json", "--out", "-"])
    assert only_2019.exit_code == 0, only_2019.output
    assert json.loads(only_2019.output)["years"] == [2019]

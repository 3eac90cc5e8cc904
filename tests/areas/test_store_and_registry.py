import pytest

from tests.conftest import KWB_2024, area_row, real_kwb, write_kwb_csv
from wijkkracht.areas.datasets import HOW_TO_GET_DATA, load_kwb
from wijkkracht.areas.registry import find_area, name_alternatives, search_areas
from wijkkracht.areas.sources.files import read_kwb_file
from wijkkracht.areas.store import kwb_dir, load_stored, save_table, stored_years
from wijkkracht.errors import WijkkrachtError


def small(tmp_path, year=2023, inwoners="2000"):
    rows = [area_row("GM0001", "Testdorp", "Testdorp", AantalInwoners_5=inwoners),
            area_row("WK000101", "Noord", "Testdorp", AantalInwoners_5="1000"),
            area_row("WK000102", "Zuid", "Testdorp", AantalInwoners_5="1000"),
            area_row("BU00010101", "Noord", "Testdorp", AantalInwoners_5="1000")]
    return read_kwb_file(write_kwb_csv(tmp_path / f"kwb-{year}.csv", rows))


def test_an_imported_year_comes_back_unchanged(tmp_path):
    table = small(tmp_path)
    save_table(table)
    assert stored_years() == [2023]
    back = load_stored(2023)
    assert back.frame.equals(table.frame) and back.source == "kwb-2023.csv"


def test_without_data_the_user_is_told_in_one_line_how_to_get_it():
    with pytest.raises(WijkkrachtError) as exc:
        load_kwb()
    assert str(exc.value) == HOW_TO_GET_DATA and "\n" not in str(exc.value)


def test_the_store_serves_the_newest_year_or_the_one_asked_for(tmp_path):
    save_table(small(tmp_path, 2022))
    save_table(small(tmp_path, 2023))
    assert load_kwb().year == 2023 and load_kwb(year=2022).year == 2022
    with pytest.raises(WijkkrachtError, match="2019 is niet geïmporteerd"):
        load_kwb(year=2019)


def test_a_failed_import_leaves_the_stored_year_as_it_was(tmp_path):
    save_table(small(tmp_path, 2023, inwoners="2000"))
    bad = tmp_path / "bad" / "kwb-2023.csv"
    bad.parent.mkdir()
    write_kwb_csv(bad, [area_row("GM0001", "Testdorp", "Testdorp", AantalInwoners_5="x2")])
    with pytest.raises(WijkkrachtError):
        save_table(read_kwb_file(bad))
    assert load_stored(2023).frame["inwoners"][0] == 2000
    assert not [p for p in kwb_dir().iterdir() if p.name.endswith(".tmp")]


def test_names_find_areas_and_ambiguity_lists_the_candidates():
    table = real_kwb(KWB_2024)
    assert find_area(table, "Transvaalwijk").code == "WK039210"
    assert find_area(table, "wk039210").name == "Transvaalwijk"
    assert find_area(table, "Haarlem").code == "GM0392"
    # One wijk and two buurten share this name: the largest area wins, the rest are named.
    area = find_area(table, "Transvaalbuurt")
    assert area.code == "WK0363MD"
    assert {a.code for a in name_alternatives(table, area, "Transvaalbuurt")} == {
        "BU02021260", "BU05460600"}
    with pytest.raises(WijkkrachtError, match="'Centrum' is niet eenduidig: ") as exc:
        find_area(table, "Centrum")
    assert "en " in str(exc.value) and "Geef de CBS-code op" in str(exc.value)
    hits = search_areas(table, "transvaal")
    assert {"WK039210", "WK0363MD", "BU05460600"} <= {a.code for a in hits}


def test_unknown_codes_and_names_say_what_to_do():
    table = real_kwb(KWB_2024)
    with pytest.raises(WijkkrachtError, match=r"WK039299 komt niet voor.*areas search"):
        find_area(table, "WK039299")
    with pytest.raises(WijkkrachtError, match="gemeente GM0599 staat niet in dit bestand"):
        find_area(table, "WK059901")
    with pytest.raises(WijkkrachtError, match="Geen gebied met de naam 'Atlantis'"):
        find_area(table, "Atlantis")
    with pytest.raises(WijkkrachtError, match="is geen gemeente"):
        find_area(table, "WK039210", levels=("GM",))

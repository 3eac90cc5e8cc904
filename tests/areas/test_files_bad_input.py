"""Bad input: one Dutch line that names the row and column, and nothing half-loaded."""

import pytest
from openpyxl import Workbook

from tests.conftest import area_row, write_kwb_csv
from wijkkracht.areas.sources.files import read_kwb_file
from wijkkracht.errors import WijkkrachtError

ROWS = [
    area_row("NL00", "Nederland", "Nederland", AantalInwoners_5="17000000",
             k_65JaarOfOuder_12="3500000", change="."),
    area_row("GM0001", "Testdorp", "Testdorp", AantalInwoners_5="2000",
             k_65JaarOfOuder_12="400"),
    area_row("WK000101", "Noord", "Testdorp", AantalInwoners_5="1000", k_65JaarOfOuder_12="."),
]


def test_a_small_statline_file_loads(tmp_path):
    t = read_kwb_file(write_kwb_csv(tmp_path / "kwb-2023.csv", ROWS))
    assert t.year == 2023 and t.frame.height == 3
    assert t.frame["inw_65plus"].to_list() == [3500000, 400, None]


def test_a_truncated_file_names_the_row(tmp_path):
    path = write_kwb_csv(tmp_path / "kwb-2023.csv", ROWS)
    text = path.read_text(encoding="utf-8")
    path.write_text(text[: text.rindex(";")], encoding="utf-8")
    with pytest.raises(WijkkrachtError, match=r"regel 4: \d+ kolommen in plaats van \d+"):
        read_kwb_file(path)


def test_a_mis_encoded_file_says_so(tmp_path):
    path = tmp_path / "kwb-2023.csv"
    path.write_bytes("Codering_3;WijkenEnBuurten;AantalInwoners_5\nGM0001;Súdwest;10\n"
                     .encode("latin-1"))
    with pytest.raises(WijkkrachtError, match="geen geldige UTF-8"):
        read_kwb_file(path)


def test_a_file_that_is_not_kwb_is_refused(tmp_path):
    path = tmp_path / "kwb-2023.csv"
    path.write_text("naam,adres\nPiet,Dorpsstraat 1\n", encoding="utf-8")
    with pytest.raises(WijkkrachtError, match="geen bestand met Kerncijfers"):
        read_kwb_file(path)


def test_a_value_that_is_not_a_number_names_row_and_column(tmp_path):
    rows = [*ROWS[:2], area_row("WK000101", "Noord", "Testdorp", AantalInwoners_5="veel")]
    with pytest.raises(WijkkrachtError, match=r"regel 4, kolom 'AantalInwoners_5': 'veel'"):
        read_kwb_file(write_kwb_csv(tmp_path / "kwb-2023.csv", rows))


def test_a_row_without_a_cbs_code_names_the_row(tmp_path):
    rows = [*ROWS[:2], area_row("WK000101", "Noord", "Testdorp", AantalInwoners_5="5")]
    rows[2]["Codering_3"] = "XX12"
    rows[2]["WijkenEnBuurten"] = "Noord"
    with pytest.raises(WijkkrachtError, match=r"regel 4.*'XX12' is geen CBS-gebiedscode"):
        read_kwb_file(write_kwb_csv(tmp_path / "kwb-2023.csv", rows))


def test_a_year_cbs_never_published_is_refused(tmp_path):
    path = write_kwb_csv(tmp_path / "kerncijfers.csv", ROWS)
    with pytest.raises(WijkkrachtError, match="geen Kerncijfers wijken en buurten over 1990"):
        read_kwb_file(path, year=1990)
    with pytest.raises(WijkkrachtError, match="--year"):
        read_kwb_file(path)


def test_a_missing_file_and_an_old_excel_file_get_clear_messages(tmp_path):
    with pytest.raises(WijkkrachtError, match="niet gevonden"):
        read_kwb_file(tmp_path / "kwb-2023.csv")
    old = tmp_path / "kwb-2023.xls"
    old.write_bytes(b"\xd0\xcf\x11\xe0")
    with pytest.raises(WijkkrachtError, match=r"\.xls"):
        read_kwb_file(old)


def test_xlsx_in_the_kwb_spreadsheet_layout_loads(tmp_path):
    wb = Workbook()
    ws = wb.active
    ws.append(["gwb_code_10", "regio", "gm_naam", "recs", "ind_wbi", "a_inw", "a_65_oo",
               "p_koopw"])
    ws.append(["GM0001", "Testdorp", "Testdorp", "Gemeente", 1, 2000, 400, 55])
    ws.append(["WK000101", "Noord", "Testdorp", "Wijk", 3, 1000, None, "."])
    path = tmp_path / "kwb-2022.xlsx"
    wb.save(path)
    t = read_kwb_file(path)
    assert t.layout == "kwb-codes" and t.year == 2022
    rows = t.frame.to_dicts()
    assert rows[1]["boundary_change"] == 3
    assert (rows[0]["inw_65plus"], rows[1]["inw_65plus"], rows[1]["p_koop"]) == (400, None, None)


def test_a_title_path_csv_with_decimal_commas_loads(tmp_path):
    path = tmp_path / "Kerncijfers_2019.csv"
    path.write_text(
        '"Wijken en buurten";"Regioaanduiding/Codering (code)";"Bevolking/Aantal inwoners '
        '(aantal)";"Bevolking/Particuliere huishoudens/Gemiddelde huishoudensgrootte (aantal)"\n'
        '"Testdorp";"GM0001    ";"2000";"2,3"\n', encoding="utf-8")
    t = read_kwb_file(path)
    assert t.layout == "statline-labels"
    assert t.frame.to_dicts()[0]["hh_grootte"] == 2.3


def test_a_duplicated_area_is_refused(tmp_path):
    with pytest.raises(WijkkrachtError, match="twee keer"):
        read_kwb_file(write_kwb_csv(tmp_path / "kwb-2023.csv", [*ROWS, ROWS[2]]))

"""The wijkfoto in the browser: public, the same figures as the report, downloads, map."""

import json

import jsonschema
import pytest

from tests.conftest import KWB, KWB_2024, job_file, need, store_real_kwb
from wijkkracht.areas.services import boundary_set_save
from wijkkracht.exports.spreadsheet import read_csv_text
from wijkkracht.wijkfoto.report.jsonout import wijkfoto_schema

WIJK_GEOJSON = KWB.parent / "boundaries" / "vaxprofiles-wijk-2024" / "wijk_2024.geojson"


@pytest.fixture
def loaded(db):
    store_real_kwb(KWB_2024)


def test_without_figures_the_page_says_how_to_load_them(client, db):
    response = client.get("/wijkfoto/")
    assert response.status_code == 503
    assert "wijkkracht demo --data" in response.content.decode()


def test_search_finds_the_transvaalwijk_without_sign_in(client, loaded):
    response = client.get("/wijkfoto/", {"q": "transvaal"})
    assert response.status_code == 200
    html = response.content.decode()
    assert 'href="/wijkfoto/WK039210?jaar=2024"' in html and "Haarlem" in html


def test_the_wijkfoto_page_shows_what_the_report_shows(client, loaded):
    response = client.get("/wijkfoto/WK039210")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Transvaalwijk" in html and "niet af van Haarlem" in html
    assert "Ouderen 65+" in html and "<svg" in html
    assert "Bron: CBS, Kerncijfers wijken en buurten 2024" in html
    assert "<style" not in html and "<script" not in html  # the CSP allows neither inline


def test_downloads_pdf_csv_and_json(client, loaded):
    pdf = job_file(client, client.get("/wijkfoto/WK039210.pdf"))  # a visitor's job
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF-")
    assert "wijkfoto-WK039210-2024.pdf" in pdf["Content-Disposition"]
    doc = json.loads(client.get("/wijkfoto/WK039210.json").content)
    jsonschema.validate(doc, wijkfoto_schema())
    rows = read_csv_text(client.get("/wijkfoto/WK039210.csv").content.decode())
    elderly = next(r for r in rows if r["Kenmerk (code)"] == "aandeel_65plus")
    item = next(i for i in doc["indicators"] if i["id"] == "aandeel_65plus")
    assert float(elderly["Waarde"].replace(",", ".")) == pytest.approx(item["value"], abs=0.05)
    assert item["vs_gemeente"]["verdict"] == "lower"
    assert elderly["Oordeel t.o.v. gemeente"] == "lager"


def test_unknown_and_malformed_codes_get_a_friendly_404(client, loaded):
    for url in ("/wijkfoto/WK039299", "/wijkfoto/XX1234", "/wijkfoto/WK039210.exe"):
        response = client.get(url)
        assert response.status_code == 404
        assert "Traceback" not in response.content.decode()


def test_the_gemeente_page_has_a_heat_map_and_a_map_of_its_wijken(client, loaded):
    response = client.get("/wijkfoto/GM0392/wijken")
    assert response.status_code == 200 and 'class="wijkmap"' not in response.content.decode()
    boundary_set_save(need(WIJK_GEOJSON), 2024, "WK")
    html = client.get("/wijkfoto/GM0392/wijken", {"kenmerk": "aandeel_65plus"}).content.decode()
    assert 'class="wijkmap"' in html
    assert html.count('<a href="/wijkfoto/WK0392') >= 21
    assert "Transvaalwijk" in html
    csv_text = client.get("/wijkfoto/GM0392/wijken", {"formaat": "csv"}).content.decode()
    assert csv_text.startswith("\ufeffJaar;Gemeentecode;Wijkcode;Wijk;")

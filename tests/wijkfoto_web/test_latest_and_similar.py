"""The web and the API use every loaded year, and show the similar wijken with links."""

import csv
import io
import re

import pytest

from tests.conftest import KWB, KWB_2024, store_real_kwb

DH_2019 = KWB / "dhzw-84583NED-kwb2019-denhaag" / "84583NED-denhaag.csv"
CENTRUM = "WK051828"


@pytest.fixture
def two_years(db):
    for path in (KWB_2024, DH_2019):
        store_real_kwb(path)


def test_the_page_labels_earlier_years_and_links_the_similar_wijken(client, two_years):
    response = client.get(f"/wijkfoto/{CENTRUM}")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Kerncijfers wijken en buurten 2019 en 2024" in html
    row = re.search(r'<tr>(?:(?!</tr>).)*href="#def-bijstand"(?:(?!</tr>).)*</tr>', html,
                    re.S).group(0)
    assert "in 2019" in row  # the bijstand value is 2019's, and says so
    standouts = re.search(r'<ol class="standout-list">.*?</ol>', html, re.S).group(0)
    for item in re.findall(r'<li class="standout">.*?</li>', standouts, re.S):
        if 'href="#def-bijstand"' in item:  # "Wat opvalt" says the year too
            assert "(in 2019)" in item
    section = re.search(r'<section aria-labelledby="vergelijkbaar">.*?</section>', html,
                        re.S).group(0)
    links = re.findall(r'href="/wijkfoto/(WK\w+)"', section)
    assert len(links) == 10 and CENTRUM not in links
    assert client.get(f"/wijkfoto/{links[0]}").status_code == 200


def test_the_api_and_the_downloads_carry_each_indicator_year(client, two_years):
    doc = client.get(f"/api/v1/wijkfoto/{CENTRUM}").json()
    years = {i["id"]: i["year"] for i in doc["indicators"]}
    assert doc["years"] == [2019, 2024] and years["bijstand"] == 2019
    assert years["aandeel_65plus"] == 2024
    assert len(doc["similar"]["areas"]) == 10
    csv_text = client.get(f"/wijkfoto/{CENTRUM}.csv").content.decode("utf-8-sig")
    rows = {r["Kenmerk (code)"]: r for r in csv.DictReader(io.StringIO(csv_text), delimiter=";")}
    assert rows["bijstand"]["Jaar"] == "2019" and rows["aandeel_65plus"]["Jaar"] == "2024"
    assert rows["aandeel_65plus"]["Oordeel t.o.v. vergelijkbare gebieden"]


def test_an_earlier_year_asked_for_uses_that_year_and_older_only(client, two_years):
    doc = client.get(f"/api/v1/wijkfoto/{CENTRUM}", {"year": 2019}).json()
    assert doc["year"] == 2019 and doc["years"] == [2019]
    assert client.get(f"/wijkfoto/{CENTRUM}", {"jaar": "2019"}).status_code == 200

"""The wijkfoto pages as users meet them (issue 7, items 12 and 14): the message first,
breadcrumbs and links down to the buurten, downloads under the title, euros, search by common
names and "wijk in gemeente", and a 404 with the loaded years for a year that is not loaded."""

import re

import pytest

from tests.conftest import KWB_2024, store_real_kwb


@pytest.fixture
def loaded(db):
    store_real_kwb(KWB_2024)


def _results(client, query: str) -> str:
    response = client.get("/wijkfoto/", {"q": query})
    assert response.status_code == 200
    return response.content.decode()


def test_a_year_that_is_not_loaded_is_a_404_listing_the_loaded_years(client, loaded):
    for url in ("/wijkfoto/WK039210", "/wijkfoto/GM0392/wijken", "/wijkfoto/"):
        response = client.get(url, {"jaar": "1999"})
        assert response.status_code == 404, url
        html = response.content.decode()
        assert f'href="{url}?jaar=2024"' in html
        assert "1999" in html and "Traceback" not in html


@pytest.mark.parametrize("query", ["Transvaalwijk Haarlem", "Transvaalwijk, Haarlem",
                                   "transvaalwijk ,  haarlem"])
def test_search_finds_an_area_by_name_and_gemeente(client, loaded, query):
    html = _results(client, query)
    assert 'href="/wijkfoto/WK039210?jaar=2024"' in html


@pytest.mark.parametrize(("query", "code"), [("Den Haag", "GM0518"), ("den bosch", "GM0796"),
                                             ("'s-Gravenhage", "GM0518")])
def test_search_knows_the_common_names_of_gemeenten(client, loaded, query, code):
    html = _results(client, query)
    first = re.search(r'href="/wijkfoto/([A-Z]{2}\d+)\?jaar=2024"', html)
    assert first and first.group(1) == code


def test_search_results_say_what_and_where(client, loaded):
    html = _results(client, "Transvaalwijk")
    assert re.search(r"Transvaalwijk</a>\s*<span[^>]*>wijk in Haarlem", html)
    assert re.search(r">buurt in Haarlem", _results(client, "Generaalsbuurt"))


def test_the_page_leads_with_a_headline_and_what_stands_out(client, loaded):
    html = client.get("/wijkfoto/WK039210").content.decode()
    h1 = html.index("<h1>Transvaalwijk</h1>")
    headline = html.index('class="headline"')
    downloads = html.index('href="/wijkfoto/WK039210.pdf?')
    standouts = html.index('id="opvallend"')
    summary = html.index('id="kort"')
    first_table = html.index("<table")
    assert h1 < headline < downloads < standouts < summary < first_table
    text = re.search(r'class="headline">([^<]*)<', html).group(1)
    assert text.startswith("Transvaalwijk valt op tussen de wijken van Haarlem bij 4 van de")
    assert "ouderen 65+ (laag)" in text
    # Funnel verdicts first: the four that stand out among Haarlem's wijken lead the chart.
    block = html[standouts:summary]
    rows = re.findall(r'class="standout-why">([^<]*)<', block)
    assert rows[:4] == ["valt op tussen de wijken"] * 4
    assert block.count('<svg class="spine"') == len(rows) >= 4


def test_breadcrumbs_run_from_nederland_to_the_buurt(client, loaded):
    html = client.get("/wijkfoto/WK039210").content.decode()
    buurt = re.search(r'<li><a href="/wijkfoto/(BU039210\w\w)\?jaar=2024">([^<]+)</a>', html)
    assert buurt, "the wijk page links to its buurten"
    page = client.get(f"/wijkfoto/{buurt.group(1)}").content.decode()
    start = page.index('class="utrecht-breadcrumb-nav')
    nav = page[start:page.index("</nav>", start)]
    crumbs = re.findall(r"<a [^>]*>([^<]+)</a>", nav)
    assert crumbs == ["Home", "Nederland", "Haarlem", "Transvaalwijk", buurt.group(2)]
    assert 'href="/wijkfoto/GM0392?jaar=2024"' in nav
    assert 'href="/wijkfoto/WK039210?jaar=2024"' in nav
    assert nav.count('aria-current="page"') == 1


def test_woz_is_shown_in_euros(client, loaded):
    html = client.get("/wijkfoto/WK039210").content.decode()
    assert "x 1 000 euro</td>" not in html and "x 1 000 euro<" not in html
    assert re.search(r"<td class=\"num\">€ \d{3}\.000</td>", html)

"""The wijken page's map (issue 7, item 16): a legend beside it, larger views for large
gemeenten without JavaScript, and the PDOK base map only when configured (and the CSP then
allows exactly its tile host, on that page only)."""

import re

import pytest

from tests.conftest import KWB, KWB_2024, store_real_boundaries, store_real_kwb

WIJK_GEOJSON = KWB.parent / "boundaries" / "vaxprofiles-wijk-2024" / "wijk_2024.geojson"
PDOK = "https://service.pdok.nl"


@pytest.fixture
def mapped(db):
    store_real_kwb(KWB_2024)
    store_real_boundaries(WIJK_GEOJSON, 2024, "WK")


def test_the_map_has_a_legend_with_the_verdicts_it_shows_and_their_counts(client, mapped):
    html = client.get("/wijkfoto/GM0392/wijken", {"kenmerk": "aandeel_65plus"}).content.decode()
    legend = html[html.index('class="wk-map-legend"'):]
    legend = legend[:legend.index("</ul>")]
    counts = [int(n) for n in re.findall(r"\((\d+) wijken?\)", legend)]
    assert sum(counts) == html.count('class="map-label"') == 21
    shown = set(re.findall(r'<path class="v-(\w+)"', html))
    assert set(re.findall(r"wk-map-legend__swatch--(\w+)", legend)) == shown


def test_a_larger_map_scrolls_in_its_own_focusable_region(client, mapped):
    for zoom in ("1", "2", "4"):
        html = client.get("/wijkfoto/GM0392/wijken", {"zoom": zoom}).content.decode()
        assert re.search(rf'class="wk-map__scroll wk-map__scroll--zoom-{zoom}" role="region" '
                         r'tabindex="0" aria-labelledby="kaart-onderschrift"', html)
        assert f'zoom={zoom}#kaart" aria-current="true"' in html
    odd = client.get("/wijkfoto/GM0392/wijken", {"zoom": "²"})
    assert odd.status_code == 200 and "wk-map__scroll--zoom-1" in odd.content.decode()


def test_no_base_map_and_no_tile_host_unless_configured(client, mapped, settings):
    response = client.get("/wijkfoto/GM0392/wijken")
    assert "<image" not in response.content.decode()
    assert PDOK not in response["Content-Security-Policy"]
    settings.WIJKKRACHT_BASEMAP = "pdok"
    response = client.get("/wijkfoto/GM0392/wijken")
    html = response.content.decode()
    assert f'<image href="{PDOK}/brt/achtergrondkaart/wmts/v2_0/grijs/EPSG:3857/' in html
    assert "© Kadaster" in html
    img_src = re.search(r"img-src([^;]*)", response["Content-Security-Policy"]).group(1)
    assert img_src.split() == ["'self'", "data:", PDOK]
    other = client.get("/wijkfoto/WK039210")
    assert PDOK not in other["Content-Security-Policy"]

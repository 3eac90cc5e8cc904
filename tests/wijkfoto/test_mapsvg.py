"""The wijken map (issue 7, item 16): names on hover and focus, the optional PDOK base map
aligned with the shapes (Web Mercator), drawn on the server without JavaScript."""

import re

from wijkkracht.wijkfoto.report.mapsvg import BAND, PDOK_HOST, map_svg, mercator


def _square(code: str, lon: float, lat: float, size: float = 0.01) -> dict:
    ring = [[lon, lat], [lon + size, lat], [lon + size, lat + size], [lon, lat + size], [lon, lat]]
    return {"properties": {"code": code}, "geometry": {"type": "Polygon", "coordinates": [ring]}}


FEATURES = [_square("WK000101", 4.60, 52.36), _square("WK000102", 4.61, 52.36),
            _square("WK999999", 5.0, 53.0)]
STYLES = {"WK000101": ("v-lower", "Oost: lager ▼", "/wijkfoto/WK000101", "▼"),
          "WK000102": ("v-similar", "West <&>: niet anders ●", "/wijkfoto/WK000102", "●")}


def test_each_wijk_is_a_link_with_its_name_as_title_and_as_a_label_in_the_band():
    svg = str(map_svg(FEATURES, STYLES, "Kaart"))
    links = re.findall(r'<a href="([^"]+)"><title>([^<]+)</title>', svg)
    assert links == [("/wijkfoto/WK000101", "Oost: lager ▼"),
                     ("/wijkfoto/WK000102", "West &lt;&amp;&gt;: niet anders ●")]
    labels = re.findall(r'<text x="[\d.]+" y="([\d.]+)" class="map-label"[^>]*>([^<]+)</text>', svg)
    assert [t for _, t in labels] == ["Oost: lager ▼", "West &lt;&amp;&gt;: niet anders ●"]
    # Labels sit in the band above the shapes, which no shape enters: never covered.
    assert all(float(y) < BAND for y, _ in labels)
    ys = [float(v) for v in re.findall(r"[ML][\d.]+,([\d.]+)", svg)]
    assert min(ys) >= BAND
    assert "WK999999" not in svg and "<script" not in svg


def test_without_the_setting_there_is_no_base_map_and_with_it_tiles_line_up():
    assert "<image" not in str(map_svg(FEATURES, STYLES, "Kaart"))
    svg = str(map_svg(FEATURES, STYLES, "Kaart", basemap="grijs"))
    tiles = re.findall(r'<image href="([^"]+)" x="([-\d.]+)" y="([-\d.]+)" width="([\d.]+)"', svg)
    assert tiles and all(t[0].startswith(PDOK_HOST + "/brt/achtergrondkaart/wmts/v2_0/grijs/"
                                         "EPSG:3857/") for t in tiles)
    # The tile that holds the first wijk's south-west corner is drawn where that corner is.
    z = int(tiles[0][0].split("/")[-3])
    mx, my = mercator(4.60, 52.36)
    tx, ty = int(mx * 2 ** z), int(my * 2 ** z)
    tile = next(t for t in tiles if t[0].endswith(f"/{z}/{tx}/{ty}.png"))
    size = float(tile[3]) - 0.5
    corner_x = float(tile[1]) + (mx * 2 ** z - tx) * size
    corner_y = float(tile[2]) + (my * 2 ** z - ty) * size
    first_path = re.search(r'<path class="v-lower" d="M([\d.]+),([\d.]+)', svg)
    assert abs(float(first_path.group(1)) - corner_x) < 0.2
    assert abs(float(first_path.group(2)) - corner_y) < 0.2

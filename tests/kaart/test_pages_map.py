"""The results map (kaart/core/mapplot.py): numbered points over wijk outlines, as one image."""

from __future__ import annotations

import re

from wijkkracht.kaart.core.mapplot import Point, result_map_svg


def square(code: str, lon: float, lat: float, size: float = 0.01) -> dict:
    ring = [[lon, lat], [lon + size, lat], [lon + size, lat + size], [lon, lat + size],
            [lon, lat]]
    return {"type": "Feature", "properties": {"code": code, "name": code},
            "geometry": {"type": "Polygon", "coordinates": [ring]}}


WIJKEN = [square("WK039201", 4.62, 52.38), square("WK039202", 4.63, 52.38)]


def test_no_points_no_map():
    assert result_map_svg(WIJKEN, [], "Kaart") == ""


def test_points_are_numbered_as_in_the_list_and_one_address_shares_a_marker():
    svg = result_map_svg(WIJKEN, [Point(1, 52.385, 4.625), Point(2, 52.385, 4.635),
                                  Point(3, 52.385, 4.625)], "Kaart & lijst")
    assert svg.startswith('<svg class="kaart-map"') and 'role="img"' in svg
    assert 'aria-label="Kaart &amp; lijst"' in svg
    assert re.findall(r">([\d, ]+)</text>", svg) == ["2", "1, 3"]
    assert svg.count("<path") == 2 and "kaart-map__wijk--chosen" not in svg


def test_the_chosen_wijk_is_stressed_and_frames_the_map():
    svg = result_map_svg(WIJKEN, [Point(1, 52.385, 4.625)], "Kaart", chosen="WK039201")
    assert svg.count("kaart-map__wijk--chosen") == 1
    width, height = map(int, re.search(r'viewBox="0 0 (\d+) (\d+)"', svg).groups())
    # framed on the chosen square (0.01 x 0.01 degrees): about as wide as high, not the
    # two wijken side by side (twice as wide)
    assert 0.5 < width / height < 0.8


def test_a_single_place_without_outlines_still_gets_a_sensible_frame():
    svg = result_map_svg([], [Point(1, 52.38, 4.63)], "Kaart")
    width, height = map(int, re.search(r'viewBox="0 0 (\d+) (\d+)"', svg).groups())
    assert width > 100 and height > 100
    x, y = map(float, re.search(r'<text x="([\d.]+)" y="([\d.]+)"', svg).groups())
    assert abs(x - width / 2) < 1 and abs(y - height / 2) < 1

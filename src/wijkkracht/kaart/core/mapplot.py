"""A small map of search results as inline SVG: wijk outlines and numbered points.

Drawn on the server so it needs no JavaScript and no tiles. It is an extra: the numbered list
of results beside it carries the same information in words, so the picture is one image
(role="img") whose label says so. The projection is plain equirectangular with the longitude
scaled by cos(latitude): over one gemeente the distortion is far below what a reader sees.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

from wijkkracht.areas.geometry import rings as geometry_rings

WIDTH = 640
PAD = 14
MAX_HEIGHT = 640
MIN_SPAN = 0.006  # degrees of latitude, about 650 metres


@dataclass(frozen=True)
class Point:
    number: int  # the result's number in the list
    lat: float
    lon: float




def result_map_svg(features: Sequence[dict], points: Sequence[Point], label: str,
                   chosen: str | None = None) -> str:
    """SVG markup with the ``features`` (GeoJSON wijken with ``properties.code``) as outlines,
    ``chosen`` (a wijk code) stressed, and each point as a numbered dot; "" without points."""
    if not points:
        return ""
    # The extent: the points and the chosen wijk, or the points and every wijk drawn when no
    # wijk is chosen; shapes beyond it are cut off by the picture's edge.
    framing = [f for f in features if (f.get("properties") or {}).get("code") == chosen] \
        if chosen else list(features)
    outline = [pt for f in framing for ring in geometry_rings(f.get("geometry") or {})
               for pt in ring]
    lons = [p.lon for p in points] + [pt[0] for pt in outline]
    lats = [p.lat for p in points] + [pt[1] for pt in outline]
    lon0, lon1, lat0, lat1 = min(lons), max(lons), min(lats), max(lats)
    if lat1 - lat0 < MIN_SPAN:  # a single place: show some streets around it
        lat0, lat1 = (lat0 + lat1 - MIN_SPAN) / 2, (lat0 + lat1 + MIN_SPAN) / 2
    if lon1 - lon0 < MIN_SPAN * 1.6:
        lon0, lon1 = (lon0 + lon1 - MIN_SPAN * 1.6) / 2, (lon0 + lon1 + MIN_SPAN * 1.6) / 2
    kx = math.cos(math.radians((lat0 + lat1) / 2))
    span_x, span_y = (lon1 - lon0) * kx, lat1 - lat0
    scale = min((WIDTH - 2 * PAD) / span_x, (MAX_HEIGHT - 2 * PAD) / span_y)
    width = round(span_x * scale + 2 * PAD)
    height = round(span_y * scale + 2 * PAD)

    def xy(lon: float, lat: float) -> tuple[float, float]:
        return (lon - lon0) * kx * scale + PAD, (lat1 - lat) * scale + PAD

    parts = []
    for f in features:
        rings = [[xy(*pt[:2]) for pt in ring] for ring in geometry_rings(f.get("geometry") or {})]
        if not rings:
            continue
        d = " ".join("M" + " L".join(f"{x:.1f},{y:.1f}" for x, y in ring) + " Z"
                     for ring in rings)
        code = (f.get("properties") or {}).get("code")
        css = "kaart-map__wijk kaart-map__wijk--chosen" if code and code == chosen \
            else "kaart-map__wijk"
        parts.append(f'<path class="{css}" d="{d}"/>')
    # Services at one address share one marker that names all their numbers ("2, 5").
    spots: dict[tuple[float, float], list[int]] = {}
    for p in points:
        spots.setdefault((round(p.lat, 5), round(p.lon, 5)), []).append(p.number)
    for (lat, lon), numbers in sorted(spots.items(), key=lambda kv: -min(kv[1])):
        x, y = xy(lon, lat)
        text = ", ".join(str(n) for n in sorted(numbers))
        w = 10 + 8.5 * len(text)
        parts.append(f'<g class="kaart-map__point"><rect x="{x - w / 2:.1f}" y="{y - 11:.1f}" '
                     f'width="{w:.1f}" height="22" rx="11"/>'
                     f'<text x="{x:.1f}" y="{y:.1f}" text-anchor="middle" '
                     f'dominant-baseline="central">{text}</text></g>')
    return (f'<svg class="kaart-map" viewBox="0 0 {width} {height}" role="img" '
            f'aria-label="{escape(label)}">' + "".join(parts) + "</svg>")

"""A choropleth of a gemeente's wijken as inline SVG, drawn from CBS/PDOK GeoJSON.

Server-side, so the map works without JavaScript: each wijk is a link to its wijkfoto with a
title, filled by a CSS class (the verdict) and marked with the verdict's symbol so the map can be
read without colour. An equirectangular projection scaled by cos(latitude) is plenty for the
extent of one gemeente (generalised boundaries, about 100 m).
"""

from __future__ import annotations

import math
from collections.abc import Iterable

from markupsafe import Markup, escape

WIDTH = 640
PAD = 6


def _rings(geometry: dict) -> Iterable[list[list[float]]]:
    kind = geometry.get("type")
    coords = geometry.get("coordinates") or []
    if kind == "Polygon":
        yield from coords
    elif kind == "MultiPolygon":
        for polygon in coords:
            yield from polygon


def map_svg(features: list[dict], styles: dict[str, tuple[str, str, str, str]],
            label: str) -> Markup:
    """``styles`` maps a CBS code to (css class, title text, link, symbol); other features are
    skipped. The symbol is drawn at the middle of the wijk's largest ring."""
    shown = [f for f in features if f["properties"]["code"] in styles and f.get("geometry")]
    points = [pt for f in shown for ring in _rings(f["geometry"]) for pt in ring]
    if not points:
        return Markup("")
    lons = [p[0] for p in points]
    lats = [p[1] for p in points]
    kx = math.cos(math.radians((min(lats) + max(lats)) / 2))
    span_x = (max(lons) - min(lons)) * kx or 1e-6
    span_y = (max(lats) - min(lats)) or 1e-6
    scale = (WIDTH - 2 * PAD) / span_x
    height = round(span_y * scale + 2 * PAD)

    def xy(p: list[float]) -> str:
        return (f"{(p[0] - min(lons)) * kx * scale + PAD:.1f},"
                f"{(max(lats) - p[1]) * scale + PAD:.1f}")

    parts = []
    for f in shown:
        code = f["properties"]["code"]
        css, title, href, symbol = styles[code]
        rings = list(_rings(f["geometry"]))
        d = " ".join("M" + " L".join(xy(p) for p in ring) + " Z" for ring in rings)
        largest = max(rings, key=len)
        cx, cy = (float(v) for v in xy([sum(p[0] for p in largest) / len(largest),
                                        sum(p[1] for p in largest) / len(largest)]).split(","))
        parts.append(f'<a href="{escape(href)}"><title>{escape(title)}</title>'
                     f'<path class="{escape(css)}" d="{d}"/>'
                     f'<text x="{cx:.1f}" y="{cy:.1f}" class="map-symbol" text-anchor="middle" '
                     f'dominant-baseline="central" aria-hidden="true">{escape(symbol)}</text></a>')
    return Markup(f'<svg class="wijkmap" viewBox="0 0 {WIDTH} {height}" role="group" '
                  f'aria-label="{escape(label)}">' + "".join(parts) + "</svg>")

"""A choropleth of a gemeente's wijken as inline SVG, drawn from CBS/PDOK GeoJSON.

Server-side, so the map works without JavaScript: each wijk is a link to its wijkfoto with a
<title>, filled by a CSS class (the verdict) and marked with the verdict's symbol so the map can
be read without colour. On hover and on keyboard focus the wijk's name and verdict appear in a
band at the top of the map (CSS only): the band holds no shapes, so no neighbouring wijk ever
covers the label.

The projection is Web Mercator (EPSG:3857), the projection of the optional base map
(PDOK BRT-Achtergrondkaart tiles), so shapes and tiles line up exactly; over one gemeente it
differs from an equal-area projection by well under one percent.
"""

from __future__ import annotations

import math

from markupsafe import Markup, escape

from wijkkracht.areas.geometry import rings as geometry_rings

WIDTH = 640
PAD = 6
BAND = 30  # the label band above the shapes, in viewBox units
TILE = 256
PDOK_TILES = "https://service.pdok.nl/brt/achtergrondkaart/wmts/v2_0/{layer}/EPSG:3857/{z}/{x}/{y}.png"
PDOK_HOST = "https://service.pdok.nl"
MAX_TILES = 80




def mercator(lon: float, lat: float) -> tuple[float, float]:
    """Web Mercator in units of the whole world (0..1 on both axes, y down), as tiles count."""
    x = (lon + 180.0) / 360.0
    s = math.sin(math.radians(lat))
    y = 0.5 - math.log((1 + s) / (1 - s)) / (4 * math.pi)
    return x, y


def _tiles(x0: float, y0: float, scale: float, x1: float, y1: float, zoom: int,
           layer: str) -> list[str]:
    """<image> elements of the base-map tiles that cover [x0, x1] x [y0, y1] (world units)."""
    z = max(6, min(17, round(math.log2(scale * zoom / TILE))))
    n = 2 ** z
    xs = range(int(x0 * n), int(x1 * n) + 1)
    ys = range(int(y0 * n), int(y1 * n) + 1)
    if len(xs) * len(ys) > MAX_TILES:
        return []
    size = scale / n
    return [f'<image href="{PDOK_TILES.format(layer=layer, z=z, x=tx, y=ty)}" '
            f'x="{(tx / n - x0) * scale + PAD:.1f}" y="{(ty / n - y0) * scale + PAD + BAND:.1f}" '
            f'width="{size + 0.5:.1f}" height="{size + 0.5:.1f}" preserveAspectRatio="none"/>'
            for tx in xs for ty in ys]


def map_svg(features: list[dict], styles: dict[str, tuple[str, str, str, str]],
            label: str, zoom: int = 1, basemap: str = "") -> Markup:
    """``styles`` maps a CBS code to (css class, title text, link, symbol); other features are
    skipped. The symbol is drawn at the middle of the wijk's largest ring. ``zoom`` (1, 2, 4)
    only sharpens the base map for a map shown larger; ``basemap`` is a PDOK layer name
    ("grijs", "standaard", "pastel") or empty for none."""
    shown = [f for f in features if f["properties"]["code"] in styles and f.get("geometry")]
    points = [mercator(*pt[:2]) for f in shown for ring in geometry_rings(f["geometry"])
              for pt in ring]
    if not points:
        return Markup("")
    x0, x1 = min(p[0] for p in points), max(p[0] for p in points)
    y0, y1 = min(p[1] for p in points), max(p[1] for p in points)
    scale = (WIDTH - 2 * PAD) / ((x1 - x0) or 1e-9)
    height = round((y1 - y0) * scale + 2 * PAD + BAND)

    def xy(lon: float, lat: float) -> tuple[float, float]:
        x, y = mercator(lon, lat)
        return (x - x0) * scale + PAD, (y - y0) * scale + PAD + BAND

    parts = []
    if basemap:
        tiles = _tiles(x0, y0, scale, x1, y1, zoom, basemap)
        if tiles:
            parts.append('<g class="basemap" aria-hidden="true">' + "".join(tiles) + "</g>")
    for f in shown:
        code = f["properties"]["code"]
        css, title, href, symbol = styles[code]
        rings = [[xy(*p[:2]) for p in ring] for ring in geometry_rings(f["geometry"])]
        d = " ".join("M" + " L".join(f"{x:.1f},{y:.1f}" for x, y in ring) + " Z"
                     for ring in rings)
        largest = max(rings, key=len)
        cx = sum(p[0] for p in largest) / len(largest)
        cy = sum(p[1] for p in largest) / len(largest)
        parts.append(f'<a href="{escape(href)}"><title>{escape(title)}</title>'
                     f'<path class="{escape(css)}" d="{d}"/>'
                     f'<text x="{cx:.1f}" y="{cy:.1f}" class="map-symbol" text-anchor="middle" '
                     f'dominant-baseline="central" aria-hidden="true">{escape(symbol)}</text>'
                     f'<text x="{PAD}" y="{BAND / 2 + 2:.0f}" class="map-label" '
                     f'dominant-baseline="central" aria-hidden="true">{escape(title)}</text></a>')
    band = (f'<rect class="map-band" x="0" y="0" width="{WIDTH}" height="{BAND}"/>'
            f'<text x="{PAD}" y="{BAND / 2 + 2:.0f}" class="map-hint" dominant-baseline="central" '
            'aria-hidden="true">Wijs een wijk aan of tab ernaartoe voor de naam</text>')
    return Markup(f'<svg class="wijkmap" viewBox="0 0 {WIDTH} {height}" role="group" '
                  f'aria-label="{escape(label)}">{band}' + "".join(parts) + "</svg>")

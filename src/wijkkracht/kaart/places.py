"""Where a location lies: its CBS wijk, derived from the wijk boundaries in the areas app.

A gemeente's kaart often has addresses and coordinates but no CBS codes. With the wijk
boundaries loaded (``wijkkracht demo --boundaries`` or ``wijkkracht data boundaries``), an
import fills in the wijk of every location that has a point and no wijk, so that filtering and
ranking by wijk work for it too. The polygons are searched with shapely's STRtree.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable

from shapely import STRtree
from shapely.geometry import Point, shape

from wijkkracht.kaart.hsds.importer import WIJK_IDENTIFIER_TYPE
from wijkkracht.kaart.models import Location


def wijk_finder() -> Callable[[float, float], str | None] | None:
    """A function from (latitude, longitude) to the CBS wijk code there; None when no wijk
    boundaries are loaded."""
    from wijkkracht.areas.selectors import boundaries

    geo = boundaries(dt.date.today().year, "WK")
    if not geo:
        return None
    shapes, codes = [], []
    for feature in geo.get("features", []):
        code = (feature.get("properties") or {}).get("code")
        if code and feature.get("geometry"):
            shapes.append(shape(feature["geometry"]))
            codes.append(code)
    tree = STRtree(shapes)

    def find(latitude: float, longitude: float) -> str | None:
        point = Point(longitude, latitude)  # GeoJSON is (x, y) = (longitude, latitude)
        hits = sorted(codes[i] for i in tree.query(point, predicate="intersects"))
        return hits[0] if hits else None

    return find


def place_locations(location_ids: Iterable) -> int:
    """Fill in the wijk of these locations where it is missing and they have a point; return
    how many were placed."""
    ids = list(location_ids)
    unplaced = list(Location.objects.filter(pk__in=ids, wijk_code__isnull=True,
                                            latitude__isnull=False, longitude__isnull=False)
                    .exclude(external_identifier_type=WIJK_IDENTIFIER_TYPE))
    if not unplaced:
        return 0
    find = wijk_finder()
    if find is None:
        return 0
    placed = []
    for location in unplaced:
        code = find(location.latitude, location.longitude)
        if code:
            location.wijk_code = code
            placed.append(location)
    Location.objects.bulk_update(placed, ["wijk_code"])
    return len(placed)

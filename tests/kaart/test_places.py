"""A location with a point and no wijk gets its CBS wijk from the real wijk boundaries on
import, and search then treats it as in that wijk."""

from __future__ import annotations

import pytest
from shapely.geometry import shape

from tests.conftest import KWB, store_real_boundaries
from wijkkracht.areas.selectors import boundaries
from wijkkracht.kaart import search
from wijkkracht.kaart.hsds.importer import import_records
from wijkkracht.kaart.models import Location

pytestmark = pytest.mark.django_db
WIJK_GEOJSON = KWB.parent / "boundaries" / "vaxprofiles-wijk-2024" / "wijk_2024.geojson"
SERVICE = "8a1d6a52-0f0e-4f57-9a8e-2b8d1d000001"
LOCATION = "8a1d6a52-0f0e-4f57-9a8e-2b8d1d000002"


def _service(lat: float, lon: float) -> dict:
    return {
        "id": SERVICE, "name": "Koffie-inloop Het Zonnetje", "status": "active",
        "description": "Elke dinsdag koffie en ontmoeting voor buurtbewoners.",
        "service_at_locations": [{"id": "8a1d6a52-0f0e-4f57-9a8e-2b8d1d000003",
                                  "location": {"id": LOCATION, "location_type": "physical",
                                               "name": "Het Zonnetje",
                                               "latitude": lat, "longitude": lon}}],
    }


def _inside(code: str) -> tuple[float, float]:
    """A point surely inside the wijk: a representative point of its own polygon."""
    geo = boundaries(2024, "WK")
    feature = next(f for f in geo["features"] if f["properties"]["code"] == code)
    point = shape(feature["geometry"]).representative_point()
    return point.y, point.x


def test_a_point_is_placed_in_its_wijk_and_searched_as_such():
    store_real_boundaries(WIJK_GEOJSON, 2024, "WK")
    lat, lon = _inside("WK039210")
    import_records([_service(lat, lon)])
    assert Location.objects.get(pk=LOCATION).wijk_code == "WK039210"
    found = search.find("koffie", filters=search.SearchFilters(wijk="WK039210"))
    assert [str(r.service.pk) for r in found.results] == [SERVICE]
    lat, lon = _inside("WK039201")  # it moves: the re-import places it again
    import_records([_service(lat, lon)])
    assert Location.objects.get(pk=LOCATION).wijk_code == "WK039201"


def test_without_boundaries_or_outside_them_nothing_is_made_up():
    import_records([_service(52.38, 4.64)])
    assert Location.objects.get(pk=LOCATION).wijk_code is None
    store_real_boundaries(WIJK_GEOJSON, 2024, "WK")
    import_records([_service(51.0, 1.5)])  # the North Sea
    assert Location.objects.get(pk=LOCATION).wijk_code is None

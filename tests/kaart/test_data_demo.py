"""The demo sociale kaart for Haarlem: size, spread, HSDS 3 validity, determinism, fiction."""

from __future__ import annotations

import csv
import json
import random
import re
from collections import Counter
from pathlib import Path

import pytest

from wijkkracht.kaart import demo

SHARED = Path(__file__).resolve().parents[2].parent / "shared" / "data"
KWB = SHARED / "kwb" / "dertje-85984NED-kwb2024-first10000" / "85984NED.csv"
WIJK_GEOJSON = SHARED / "boundaries" / "vaxprofiles-wijk-2024" / "wijk_2024.geojson"
HSDS_SCHEMA = SHARED / "hsds" / "openreferral-spec-3.0" / "schema"


@pytest.fixture(scope="module")
def services():
    return demo.generate()


def _location(service):
    return service["service_at_locations"][0]["location"]


def _strings(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for v in value.values():
            yield from _strings(v)
    elif isinstance(value, list):
        for v in value:
            yield from _strings(v)


def test_at_least_300_services_with_unique_ids_and_names(services):
    assert len(services) >= 300
    assert len({s["id"] for s in services}) == len(services)
    assert len({s["name"] for s in services}) == len(services)


def test_two_runs_give_the_same_json_whatever_the_global_random_state():
    random.seed(1)
    first = demo.to_json(demo.generate())
    random.seed(2)
    assert demo.to_json(demo.generate()) == first


def test_every_service_has_the_parts_the_brief_asks_for(services):
    for s in services:
        loc = _location(s)
        assert s["name"] and s["description"] and s["organization"]["name"]
        assert demo.categories_of(s), s["name"]
        assert set(demo.categories_of(s)) <= set(demo.CATEGORIES)
        assert len(demo.categories_of(s, "wijkkracht-toegang")) == 1
        assert demo.categories_of(s, "wijkkracht-vorm")[0] in demo.FORMALITY
        assert s["application_process"] in demo.ACCESS.values()
        assert s["fees_description"] and s["cost_options"][0]["currency"] == "EUR"
        assert s["languages"][0]["code"] == "nl"
        assert loc["external_identifier_type"] == "cbs_wijkcode"
        assert loc["external_identifier"] in demo.WIJKEN
        assert loc["addresses"][0]["city"] == "Haarlem"
        assert re.fullmatch(r"20\d\d [A-Z]{2}", loc["addresses"][0]["postal_code"])
        assert 52.3 < loc["latitude"] < 52.45 and 4.55 < loc["longitude"] < 4.72


def test_shared_records_agree_wherever_they_appear(services):
    """An organisation or location id always carries the same data (import stays unambiguous)."""
    seen = {}
    for s in services:
        for record in (s["organization"], _location(s)):
            assert seen.setdefault(record["id"], record) == record
    assert len({_location(s)["id"] for s in services}) < len(services)


def test_formal_and_informal_both_present_and_every_access_route_used(services):
    forms = Counter(demo.categories_of(s, "wijkkracht-vorm")[0] for s in services)
    assert forms["formeel"] >= 100 and forms["informeel"] >= 100
    routes = {demo.categories_of(s, "wijkkracht-toegang")[0] for s in services}
    assert routes == set(demo.ACCESS)
    assert {c for s in services for c in demo.categories_of(s)} == set(demo.CATEGORIES)
    free = sum(s["cost_options"][0]["amount"] == 0 for s in services)
    assert 0 < free < len(services)


def test_obviously_fictional_contact_details(services):
    numbers = [p["number"] for s in services for p in s["phones"]]
    assert numbers and all(re.fullmatch(r"0900-0000\d{3}", n) for n in numbers)
    real_looking = re.compile(r"(\+31|\b0[1-9]\d{1,2}[- ]?\d{6,7}\b|\b06[- ]?\d{8}\b)")
    for s in services:
        assert s["organization"]["name"].endswith("(demo)")
        assert s["email"].endswith(".example.org") and ".example.org/" in s["url"]
        for text in _strings(s):
            text = re.sub(r"\b0900-0000\d{3}\b", "", text)
            assert not real_looking.search(text), text


def test_descriptions_do_not_all_use_the_category_word(services):
    """The text varies: most services do not name their own category in the description."""
    naming = [s for s in services
              if any(c.split("-")[0] in s["description"].lower() for c in demo.categories_of(s))]
    assert len(naming) < len(services) / 2
    assert len({s["description"] for s in services}) >= 100


@pytest.mark.skipif(not KWB.exists(), reason=f"KWB file not present: {KWB}")
def test_covers_every_haarlem_wijk_in_the_kwb_file(services):
    with KWB.open(encoding="utf-8-sig") as fh:
        rows = csv.DictReader(fh, delimiter=";")
        kwb = {r["Codering_3"].strip(): r["WijkenEnBuurten"].strip() for r in rows
               if r["SoortRegio_2"].strip() == "Wijk" and r["Codering_3"].startswith("WK0392")}
    assert len(kwb) >= 19
    assert {c: n for c, (n, _, _) in demo.WIJKEN.items()} == kwb
    assert {_location(s)["external_identifier"] for s in services} == set(kwb)


def _inside(lon, lat, ring):
    inside = False
    for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1], strict=True):
        if (y1 > lat) != (y2 > lat) and lon < (x2 - x1) * (lat - y1) / (y2 - y1) + x1:
            inside = not inside
    return inside


@pytest.mark.skipif(not WIJK_GEOJSON.exists(),
                    reason=f"wijk boundaries not present: {WIJK_GEOJSON}")
def test_every_location_lies_inside_its_cbs_wijk(services):
    shapes = {}
    for f in json.loads(WIJK_GEOJSON.read_text(encoding="utf-8"))["features"]:
        code = f["properties"]["statcode"]
        if code.startswith("WK0392"):
            g = f["geometry"]
            polys = [g["coordinates"]] if g["type"] == "Polygon" else g["coordinates"]
            shapes[code] = [p[0] for p in polys]
    for s in services:
        loc = _location(s)
        rings = shapes[loc["external_identifier"]]
        assert any(_inside(loc["longitude"], loc["latitude"], r) for r in rings), s["name"]


@pytest.mark.skipif(not HSDS_SCHEMA.exists(), reason=f"HSDS 3 schemas not present: {HSDS_SCHEMA}")
def test_validates_against_the_hsds3_service_schema(services):
    jsonschema = pytest.importorskip("jsonschema")
    from referencing import Registry, Resource
    from referencing.jsonschema import DRAFT202012

    registry = Registry()
    for path in HSDS_SCHEMA.glob("*.json"):
        schema = json.loads(path.read_text(encoding="utf-8"))
        registry = registry.with_resource(path.as_uri(),
                                          Resource(schema, specification=DRAFT202012))
    validator = jsonschema.Draft202012Validator(
        {"$ref": (HSDS_SCHEMA / "service.json").as_uri()}, registry=registry,
        format_checker=jsonschema.FormatChecker())
    errors = [f"{s['name']}: {e.json_path} {e.message}"
              for s in services for e in validator.iter_errors(s)]
    assert errors == []
    # the validator does look into nested objects: a broken nested organisation fails
    broken = json.loads(json.dumps(services[0]))
    del broken["organization"]["name"]
    broken["service_at_locations"][0]["location"]["location_type"] = "spaceship"
    assert len(list(validator.iter_errors(broken))) == 2

"""The sociale kaart through the HSDS 3 API: public, paginated, the export's own objects, and
valid against the HSDS 3 JSON Schemas; on the demo kaart and on a small kaart built here."""

from __future__ import annotations

import math
import uuid

import pytest

from tests.api.kaart_support import (
    assert_valid,
)
from wijkkracht.api.schemas_kaart import HsdsOrganizationWithServices, HsdsService
from wijkkracht.kaart import models as m
from wijkkracht.kaart.hsds.exporter import export_services
from wijkkracht.kaart.hsds.nested import nested_records

pytestmark = pytest.mark.django_db
PAGE_KEYS = {"total_items", "total_pages", "page_number", "size", "first_page", "last_page",
             "empty", "contents"}


@pytest.fixture(scope="module")
def demo_services(kaart_pages_demo, django_db_blocker):
    with django_db_blocker.unblock():
        return {s["id"]: s for s in export_services()}


@pytest.fixture
def demo(db, demo_services):
    return demo_services


def ids(page: dict) -> list[str]:
    return [record["id"] for record in page["contents"]]


def test_the_nested_objects_of_a_page_are_the_exports(demo):
    wanted = [uuid.UUID(pk) for pk in demo]
    assert {str(k): v for k, v in nested_records("service", wanted).items()} == demo


def test_services_are_a_page_object_by_name_without_a_token(client, demo):
    response = client.get("/api/v1/services")
    assert response.status_code == 200 and response["Access-Control-Allow-Origin"] == "*"
    page = response.json()
    assert set(page) == PAGE_KEYS
    assert page["total_items"] == len(demo) == 370
    assert page["total_pages"] == math.ceil(370 / 20) and page["size"] == 20
    assert page["first_page"] and not page["last_page"] and not page["empty"]
    by_name = [str(pk) for pk in m.Service.objects.order_by("name", "pk")
               .values_list("pk", flat=True)[:20]]
    assert ids(page) == by_name


def test_the_pages_cover_every_service_once(client, demo):
    seen = []
    for number in range(1, 5):
        page = client.get("/api/v1/services", {"page": number, "per_page": 100}).json()
        assert page["page_number"] == number and page["last_page"] == (number == 4)
        seen += ids(page)
    assert len(seen) == len(set(seen)) == 370 and set(seen) == set(demo)
    beyond = client.get("/api/v1/services", {"page": 5, "per_page": 100}).json()
    assert beyond["empty"] and beyond["size"] == 0 and beyond["contents"] == []
    assert beyond["total_items"] == 370 and beyond["last_page"]


def test_a_service_is_exactly_its_hsds_export(client, demo):
    for pk in list(demo)[::37]:
        response = client.get(f"/api/v1/services/{pk}")
        assert response.status_code == 200
        assert response.json() == demo[pk]
        assert_valid("service", response.json())
        HsdsService.model_validate(response.json())


def test_list_items_are_one_to_one_full_or_minimal(client, demo):
    brief = client.get("/api/v1/services", {"per_page": 50}).json()["contents"]
    for item in brief:
        full = demo[item["id"]]
        assert not any(isinstance(v, list) for v in item.values())
        assert item["organization"] == {k: v for k, v in full["organization"].items()
                                        if not isinstance(v, list)}
        assert {k: v for k, v in item.items() if k != "organization"} == {
            k: v for k, v in full.items() if not isinstance(v, list | dict)}
        assert_valid("service", item)
    full = client.get("/api/v1/services", {"per_page": 50, "full": "true"}).json()["contents"]
    assert [demo[item["id"]] for item in full] == full
    for item in full:
        assert_valid("service", item)
    minimal = client.get("/api/v1/services", {"per_page": 50, "minimal": "true"}).json()
    assert [set(item) for item in minimal["contents"]] == [
        {"id", "name", "status", "last_modified"}] * 50
    for item in minimal["contents"]:
        assert_valid("service", item)


def test_services_of_a_taxonomy_term_and_of_an_organisation(client, demo):
    term = next(a["taxonomy_term"] for s in demo.values() for a in s["attributes"]
                if a["taxonomy_term"]["code"] == "schuldhulp")
    expected = {pk for pk, s in demo.items()
                if any(a["taxonomy_term"]["id"] == term["id"] for a in s["attributes"])}
    page = client.get("/api/v1/services", {"taxonomy_term_id": term["id"],
                                           "per_page": 100}).json()
    assert set(ids(page)) == expected and page["total_items"] == len(expected) > 0
    organization = next(iter(demo.values()))["organization"]["id"]
    expected = {pk for pk, s in demo.items() if s["organization"]["id"] == organization}
    page = client.get("/api/v1/services", {"organization_id": organization}).json()
    assert set(ids(page)) == expected and len(expected) > 0


def test_organisations_brief_full_and_with_services(client, demo):
    page = client.get("/api/v1/organizations", {"per_page": 100}).json()
    assert page["total_items"] == m.Organization.objects.count() == 147
    for item in page["contents"]:
        assert not any(isinstance(v, list) for v in item.values())
        assert_valid("organization", item)
    organization = next(iter(demo.values()))["organization"]
    services = sorted((s for s in demo.values() if s["organization"]["id"] == organization["id"]),
                      key=lambda s: (s["name"], s["id"]))
    detail = client.get(f"/api/v1/organizations/{organization['id']}").json()
    assert {k: v for k, v in detail.items() if k != "services"} == organization
    assert [s["id"] for s in detail["services"]] == [s["id"] for s in services]
    assert not any(isinstance(v, list) for v in detail["services"][0].values())
    assert_valid("organization", detail)
    HsdsOrganizationWithServices.model_validate(detail)
    full = client.get(f"/api/v1/organizations/{organization['id']}",
                      {"full_service": "true"}).json()
    assert full["services"] == services
    found = client.get("/api/v1/organizations", {"search": organization["name"][:12],
                                                 "full": "true"}).json()
    assert organization["id"] in ids(found)
    assert all(organization["name"][:12].lower() in o["name"].lower()
               for o in found["contents"])

"""The kaart API on a small kaart the test builds: taxonomies, terms and the HSDS filters
that need records of their own (kept apart from the module-wide demo kaart)."""

from __future__ import annotations

import uuid

import pytest

from tests.api.kaart_support import (
    ORGANIZATION,
    OTHER_TAXONOMY,
    SERVICES,
    TAXONOMY,
    TERM_CHILD,
    TERM_OTHER,
    TERM_PARENT,
    assert_valid,
    small_kaart,
)
from wijkkracht.kaart.hsds.importer import import_records

pytestmark = pytest.mark.django_db
PAGE_KEYS = {"total_items", "total_pages", "page_number", "size", "first_page", "last_page",
             "empty", "contents"}


@pytest.fixture
def small(db):
    import_records(small_kaart())


def ids(page: dict) -> list[str]:
    return [record["id"] for record in page["contents"]]


def test_services_by_taxonomy_and_modified_after(client, small):
    def found(**params) -> set[str]:
        return set(ids(client.get("/api/v1/services", params).json()))

    assert found(taxonomy_id=TAXONOMY) == set(SERVICES)
    assert found(taxonomy_id=OTHER_TAXONOMY) == {SERVICES[2]}
    assert found(taxonomy_term_id=TERM_CHILD) == set(SERVICES[1:])
    assert found(taxonomy_term_id=TERM_PARENT) == {SERVICES[0]}
    # 12:00Z, 12:30Z (written as 13:30+01:00) and a date: compared as moments, not as text
    assert found(modified_after="2026-11-01T12:15:00Z") == {SERVICES[1]}
    assert found(modified_after="2026-11-01T13:15:00") == {SERVICES[1]}  # Dutch time: 12:15Z
    assert found(modified_after="2026-11-01T12:00:00Z") == set(SERVICES[:2])
    assert found(modified_after="2026-10-29") == set(SERVICES)
    assert found(modified_after="2026-11-02") == set()
    assert found(taxonomy_id=str(uuid.uuid4())) == set()


def test_taxonomies_and_terms(client, small):
    page = client.get("/api/v1/taxonomies").json()
    assert set(ids(page)) == {TAXONOMY, OTHER_TAXONOMY} and page["total_pages"] == 1
    taxonomy = client.get(f"/api/v1/taxonomies/{TAXONOMY}").json()
    assert taxonomy["name"] == "Taxonomie 1" and taxonomy["version"] == "1"
    assert_valid("taxonomy", taxonomy)
    terms = client.get("/api/v1/taxonomy_terms").json()
    assert set(ids(terms)) == {TERM_PARENT, TERM_CHILD, TERM_OTHER}
    for term in terms["contents"]:
        assert_valid("taxonomy_term", term)
    term = client.get(f"/api/v1/taxonomy_terms/{TERM_CHILD}").json()
    assert term["parent_id"] == TERM_PARENT and term["taxonomy_detail"]["id"] == TAXONOMY
    assert term == next(t for t in terms["contents"] if t["id"] == TERM_CHILD)

    def found(**params) -> set[str]:
        return set(ids(client.get("/api/v1/taxonomy_terms", params).json()))

    assert found(taxonomy_id=TAXONOMY) == {TERM_PARENT, TERM_CHILD}
    assert found(parent_id=TERM_PARENT) == {TERM_CHILD}
    assert found(top_only="true") == {TERM_PARENT, TERM_OTHER}
    assert found(search="ander") == {TERM_OTHER}
    assert set(ids(client.get("/api/v1/organizations").json())) == {ORGANIZATION}

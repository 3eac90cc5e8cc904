"""Bad requests to the sociale-kaart API: problem+json with a Dutch detail, never a 500."""

from __future__ import annotations

import uuid

import pytest

from tests.api.conftest import assert_problem
from tests.api.kaart_support import SERVICES, small_kaart
from wijkkracht.kaart.hsds.importer import import_records

pytestmark = pytest.mark.django_db
DETAILS = ("/api/v1/services/{}", "/api/v1/organizations/{}", "/api/v1/taxonomies/{}",
           "/api/v1/taxonomy_terms/{}")


@pytest.fixture
def small(db):
    import_records(small_kaart())


@pytest.mark.parametrize("url", DETAILS)
def test_an_unknown_id_is_404_and_says_so(client, small, url):
    unknown = uuid.uuid4()
    body = assert_problem(client.get(url.format(unknown)), 404)
    assert str(unknown) in body["detail"] and "sociale kaart" in body["detail"]


@pytest.mark.parametrize("url", DETAILS)
@pytest.mark.parametrize("bad", ["abc", "12345", SERVICES[0][:-1] + "x"])
def test_an_id_that_is_no_uuid_is_400_with_an_example(client, small, url, bad):
    body = assert_problem(client.get(url.format(bad)), 400)
    assert "geen geldige id" in body["detail"] and "UUID" in body["detail"]
    assert body["invalid-params"] == [{"name": "id", "reason": "moet een UUID zijn"}]


@pytest.mark.parametrize(("params", "name", "reason"), [
    ({"taxonomy_term_id": "schuldhulp"}, "taxonomy_term_id", "UUID"),
    ({"organization_id": "1"}, "organization_id", "UUID"),
    ({"modified_after": "gisteren"}, "modified_after", "ISO 8601"),
    ({"full": "ja"}, "full", "true of false"),
    ({"per_page": "0"}, "per_page", "minstens 1"),
    ({"per_page": "101"}, "per_page", "hoogstens 100"),
    ({"page": "x"}, "page", "geheel getal"),
])
def test_a_bad_parameter_is_named_with_a_dutch_reason(client, small, params, name, reason):
    body = assert_problem(client.get("/api/v1/services", params), 400)
    [param] = body["invalid-params"]
    assert param["name"] == name and reason in param["reason"]


def test_a_bad_taxonomy_filter_on_terms_is_400(client, small):
    body = assert_problem(client.get("/api/v1/taxonomy_terms", {"parent_id": "top"}), 400)
    assert body["invalid-params"][0]["name"] == "parent_id"


def test_the_kaart_is_read_only(client, small):
    response = client.post("/api/v1/services", {})
    assert_problem(response, 405)
    assert "GET" in response["Allow"]

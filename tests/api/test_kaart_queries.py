"""The kaart's list endpoints load a page in a fixed number of queries, whatever its size."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

pytestmark = pytest.mark.django_db


def queries(client, url: str, **params) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, params)
    assert response.status_code == 200, response.content
    assert response.json()["size"] == params["per_page"]
    return len(captured)


@pytest.mark.parametrize(("url", "params"), [
    ("/api/v1/services", {}),
    ("/api/v1/services", {"full": "true"}),
    ("/api/v1/services", {"minimal": "true"}),
    ("/api/v1/services", {"search": "hulp bij de boodschappen", "full": "true"}),
    ("/api/v1/services", {"search": "eenzaam", "free": "true", "postcode": "2022"}),
    ("/api/v1/organizations", {}),
    ("/api/v1/organizations", {"full": "true", "full_service": "true"}),
    ("/api/v1/taxonomy_terms", {}),
])
def test_the_number_of_queries_does_not_grow_with_the_page(client, kaart_pages_demo, url,
                                                          params):
    queries(client, url, per_page=1, **params)  # warm: search reads its vocabulary once
    small = queries(client, url, per_page=2, **params)
    large = queries(client, url, per_page=30, **params)
    assert large == small
    assert small < 60  # one query per entity and level of HSDS nesting, not per row

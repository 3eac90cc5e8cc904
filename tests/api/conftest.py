"""The real CBS 2024 file in the database, read from disk once per test session."""

from __future__ import annotations

import pytest

from tests.conftest import KWB_2024, real_kwb, store_real_kwb

TRANSVAALWIJK = "WK039210"
HAARLEM = "GM0392"


@pytest.fixture(scope="session")
def kwb_2024_table():
    return real_kwb(KWB_2024)


@pytest.fixture
def kwb_2024(db, kwb_2024_table):
    """The 2024 figures stored as an import would store them; returns the computed year."""
    from wijkkracht.areas import selectors

    store_real_kwb(KWB_2024)
    return selectors.computed_year(2024)


def assert_problem(response, status: int) -> dict:
    """An RFC 9457 answer with the status, a Dutch title and the API-Version header."""
    assert response.status_code == status, response.content
    assert response["Content-Type"].startswith("application/problem+json")
    assert response["API-Version"]
    body = response.json()
    assert body["status"] == status and body["type"] == "about:blank"
    assert body["title"] and body["instance"] == response.wsgi_request.path
    assert b"Traceback" not in response.content
    return body

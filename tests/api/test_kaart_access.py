"""Access table of the sociale-kaart API: every kaart URL pattern, read from the URL
configuration (so a new one cannot escape), is public for every caller, and no answer names
the user account that keeps an entry (the kaart is public, its keepers' accounts are not).

The page-level tables (tests/security/test_url_matrix.py, tests/e2e/test_reflow.py) leave the
API out by design; this is the kaart API's own table, as test_cases.py is for /cases."""

from __future__ import annotations

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

from tests.api.kaart_support import ORGANIZATION, SERVICES, TAXONOMY, TERM_CHILD, small_kaart
from wijkkracht.api.services import api_token_create
from wijkkracht.kaart import models as m
from wijkkracht.kaart.hsds.importer import import_records

pytestmark = pytest.mark.django_db

KEEPER = "Zwanebloemkeeper"
# URL pattern (under /api/v1/) -> a concrete path and the id it must answer with
EXPECTED = {
    "services": ("services", None),
    "services/<id>": (f"services/{SERVICES[0]}", SERVICES[0]),
    "organizations": ("organizations", None),
    "organizations/<id>": (f"organizations/{ORGANIZATION}", ORGANIZATION),
    "taxonomies": ("taxonomies", None),
    "taxonomies/<id>": (f"taxonomies/{TAXONOMY}", TAXONOMY),
    "taxonomy_terms": ("taxonomy_terms", None),
    "taxonomy_terms/<id>": (f"taxonomy_terms/{TERM_CHILD}", TERM_CHILD),
}
KAART_PREFIXES = ("services", "organizations", "taxonomies", "taxonomy_terms")


def kaart_patterns() -> set[str]:
    found = set()

    def walk(patterns, prefix=""):
        for p in patterns:
            if isinstance(p, URLResolver):
                walk(p.url_patterns, prefix + str(p.pattern))
            elif isinstance(p, URLPattern) and prefix.startswith("api/v1/"):
                route = str(p.pattern)
                if route.startswith(KAART_PREFIXES):
                    found.add(route)
    walk(get_resolver().url_patterns)
    return found


def test_every_kaart_pattern_has_an_expectation():
    assert kaart_patterns() == set(EXPECTED)


@pytest.mark.parametrize("caller", ["anonymous", "signed_in", "token", "bad_token"])
def test_the_kaart_is_public_for_every_caller(client, make_user, caller):
    import_records(small_kaart())
    keeper = make_user(KEEPER.lower(), first_name=KEEPER)
    m.Service.objects.filter(pk=SERVICES[0]).update(keeper_user=keeper)
    headers = {}
    if caller == "signed_in":
        client.force_login(keeper)
    elif caller == "token":
        headers = {"HTTP_AUTHORIZATION": f"Bearer {api_token_create(keeper, 't')[1]}"}
    elif caller == "bad_token":
        headers = {"HTTP_AUTHORIZATION": "Bearer nep"}
    for path, pk in EXPECTED.values():
        response = client.get(f"/api/v1/{path}", {"full": "true"}, **headers)
        assert response.status_code == 200, (path, response.content)
        body = response.json()
        assert body["id"] == pk if pk else body["total_items"] > 0
        assert KEEPER.lower().encode() not in response.content.lower()

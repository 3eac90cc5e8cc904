"""The praktijkbank API: public, published practices only; an unpublished one is not found
and never listed or searched, also not with a token of its own organisation."""

from __future__ import annotations

import pytest

from tests.api.conftest import assert_problem
from tests.praktijk import conftest as praktijk_world
from tests.praktijk.conftest import VALUES, World
from wijkkracht.api.services import api_token_create
from wijkkracht.praktijk.services import load_examples, practice_save, publish

pytestmark = pytest.mark.django_db
world = praktijk_world.world  # the praktijkbank tests' two organisations (a fixture)
SECRET = "Geheime proef Zonnewijzer"


@pytest.fixture
def two(world: World):
    shown = practice_save(world.anna, {**VALUES, "title": "Open buurtkamer"})
    publish(world.anna, shown)
    hidden = practice_save(world.anna, {**VALUES, "title": SECRET})
    return shown, hidden


def test_list_and_detail_are_public_and_published_only(client, two):
    shown, hidden = two
    body = client.get("/api/v1/practices").json()
    assert body["total"] == 1 and [p["id"] for p in body["practices"]] == [shown.pk]
    assert body["practices"][0]["principles"] == ["ont-schotten", "verbinden"]
    assert client.get(f"/api/v1/practices/{shown.pk}").json()["title"] == "Open buurtkamer"
    problem = assert_problem(client.get(f"/api/v1/practices/{hidden.pk}"), 404)
    assert "gepubliceerde praktijk" in problem["detail"]
    body = client.get("/api/v1/practices", {"q": "zonnewijzer geheime"}).json()
    assert body["total"] == 0


def test_a_token_of_the_owner_organisation_does_not_open_unpublished(client, world, two):
    _shown, hidden = two
    _token, secret = api_token_create(world.anna, name="proef")
    auth = {"HTTP_AUTHORIZATION": f"Bearer {secret}"}
    assert client.get(f"/api/v1/practices/{hidden.pk}", **auth).status_code == 404
    assert SECRET not in client.get("/api/v1/practices", **auth).content.decode()


def test_search_filters_and_pages(client):
    load_examples()
    body = client.get("/api/v1/practices", {"q": "mantelzorgers"}).json()
    assert body["practices"][0]["title"] == "Dement in huis"  # mantelzorgers in its text
    body = client.get("/api/v1/practices", {"principle": "ont-regelen"}).json()
    assert sorted(p["title"] for p in body["practices"]) == [
        "BonVie: integrale teams in Culemborg West", "Dement in huis", "Juul"]
    body = client.get("/api/v1/practices", {"gemeente": "GM0268", "per_page": 1,
                                            "page": 2}).json()
    assert body["total"] == 2 and len(body["practices"]) == 1
    assert_problem(client.get("/api/v1/practices", {"per_page": 500}), 400)

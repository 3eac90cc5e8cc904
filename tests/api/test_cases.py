"""The casework endpoints: the team's own cases through the same scope as the pages, every
answer in the access log; an access table over every casework endpoint x role x own and other
team (other teams: 404, never a name)."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.casus.feed_world import build_world, fill, new_case
from wijkkracht.api.services import api_token_create
from wijkkracht.audit.models import ProcessingRecord
from wijkkracht.casus.models import CaseMember

pytestmark = pytest.mark.django_db

OWN_NAME, OTHER_NAME = "Klaproosvlinder", "Speenkruidmot"


@pytest.fixture
def world(make_user):
    world = build_world(make_user)
    world.own = new_case(world, family=OWN_NAME, signalled=dt.date(2025, 1, 15))
    fill(world.own, world)
    world.other = new_case(world, team=world.other_team, user=world.users["vreemd"],
                           family=OTHER_NAME)
    return world


def bearer(user) -> dict:
    _row, token = api_token_create(user, "test")
    return {"HTTP_AUTHORIZATION": f"Bearer {token}"}


# role -> (list shows own case, list shows other case, detail own, detail other)
TABLE = {
    "prof": (True, False, 200, 404),
    "coord": (True, False, 200, 404),
    "analist": (False, False, 404, 404),  # analysts see aggregates, never cases
    "prof2": (False, False, 404, 404),  # another team of the same gemeente
    "vreemd": (False, True, 404, 200),  # the other gemeente's professional
    "analist_maan": (False, False, 404, 404),
}


@pytest.mark.parametrize("role", sorted(TABLE))
def test_every_endpoint_for_every_role_and_team(client, world, role):
    lists_own, lists_other, own_status, other_status = TABLE[role]
    headers = bearer(world.users[role])
    before = ProcessingRecord.objects.filter(operation__startswith="api_case").count()
    listed = client.get("/api/v1/cases", **headers)
    assert listed.status_code == 200
    ids = {c["id"] for c in listed.json()["results"]}
    assert (world.own.pk in ids) is lists_own and (world.other.pk in ids) is lists_other
    for case, status, name, foreign in ((world.own, own_status, OWN_NAME, OTHER_NAME),
                                        (world.other, other_status, OTHER_NAME, OWN_NAME)):
        response = client.get(f"/api/v1/cases/{case.pk}", **headers)
        assert response.status_code == status
        assert foreign.encode() not in response.content
        if status == 404:
            assert name.encode() not in response.content
            assert response["Content-Type"].startswith("application/problem+json")
    # one record per answer: the list and both details (refusals too)
    assert ProcessingRecord.objects.filter(
        operation__startswith="api_case").count() == before + 3


def test_without_a_token_the_cases_are_401(client, world):
    assert client.get("/api/v1/cases").status_code == 401
    assert client.get(f"/api/v1/cases/{world.own.pk}").status_code == 401


def test_a_case_with_household_assessments_and_plan(client, world):
    response = client.get(f"/api/v1/cases/{world.own.pk}", **bearer(world.users["prof"]))
    body = response.json()
    assert body["household"] == f"Huishouden {OWN_NAME}" and body["wijk"] == "WK039210"
    assert body["household_detail"]["members"][0]["family_name"] == OWN_NAME
    assert "bsn" not in str(body["household_detail"]).lower()
    assert [a["scores"] for a in body["assessments"]] == [{"financien": 2},
                                                           {"financien": 4}]
    assert body["plan"]["goals"][0]["domain"] == "financien"
    assert body["plan"]["goals"][0]["actions"][0]["who"] == "bewoner"
    record = ProcessingRecord.objects.filter(operation="api_case_read").latest("sequence")
    assert record.participant == f"household:{world.own.household_id}"
    assert record.user_id == str(world.users["prof"].pk)


def test_someone_added_to_a_case_sees_it_through_the_api(client, world):
    CaseMember.unscoped.create(case=world.own, user=world.users["vreemd"], role="meelezend")
    response = client.get(f"/api/v1/cases/{world.own.pk}", **bearer(world.users["vreemd"]))
    assert response.status_code == 200


def test_the_list_is_paginated_and_filtered_by_status(client, world):
    for i in range(3):
        new_case(world, family=f"Extra{i}")
    headers = bearer(world.users["prof"])
    first = client.get("/api/v1/cases", {"page_size": 2}, **headers).json()
    assert first["count"] == 4 and first["pages"] == 2 and len(first["results"]) == 2
    closed = client.get("/api/v1/cases", {"status": "afgesloten"}, **headers).json()
    assert closed["count"] == 0

"""GET /api/v1/me needs a bearer token; tokens are stored only as hashes and can be revoked."""

from __future__ import annotations

import hashlib
import io

import pytest
from django.core.management import CommandError, call_command

from tests.api.conftest import assert_problem
from wijkkracht.api.models import ApiToken
from wijkkracht.api.services import api_token_create, api_token_revoke
from wijkkracht.audit.models import ProcessingRecord


def _me(client, token: str | None = None):
    headers = {"Authorization": f"Bearer {token}"} if token is not None else {}
    return client.get("/api/v1/me", headers=headers)


def test_without_a_token_the_answer_is_401_with_a_bearer_challenge(client, db):
    response = _me(client)
    body = assert_problem(response, 401)
    assert response["WWW-Authenticate"] == 'Bearer realm="wijkkracht"'
    assert "Authorization: Bearer" in body["detail"]


def test_a_created_token_opens_me(client, make_user):
    user = make_user(first_name="Marieke", last_name="de Vries")
    api_token, token = api_token_create(user, "wijkmonitor")
    response = _me(client, token)
    assert response.status_code == 200
    assert response["API-Version"]
    body = response.json()
    assert body["username"] == "marieke" and body["name"] == "Marieke de Vries"
    assert body["organisation"] is None
    assert body["token"]["name"] == "wijkmonitor"
    assert body["token"]["prefix"] == token[:10] == api_token.prefix
    assert body["token"]["created"].endswith("Z") and body["token"]["last_used_at"]
    api_token.refresh_from_db()
    assert api_token.last_used_at is not None


def test_only_the_hash_of_the_token_is_stored(make_user):
    api_token, token = api_token_create(make_user(), "wijkmonitor")
    row = ApiToken.objects.filter(pk=api_token.pk).values().get()
    assert row["token_hash"] == hashlib.sha256(token.encode()).hexdigest()
    assert not any(token in str(value) for value in row.values())
    assert len(token) > 40 and token.startswith("wk_")


def test_a_revoked_token_is_refused(client, make_user):
    api_token, token = api_token_create(make_user(), "wijkmonitor")
    assert _me(client, token).status_code == 200
    api_token_revoke(api_token)
    response = _me(client, token)
    body = assert_problem(response, 401)
    assert response["WWW-Authenticate"] == 'Bearer realm="wijkkracht", error="invalid_token"'
    assert "ingetrokken" in body["detail"]


@pytest.mark.parametrize("header", ["Bearer wk_not-a-real-token", "Bearer ", "Basic bWU6eA==",
                                    "Bearer " + "x" * 500])
def test_wrong_credentials_are_refused(client, make_user, header):
    api_token_create(make_user(), "wijkmonitor")
    assert_problem(client.get("/api/v1/me", headers={"Authorization": header}), 401)


def test_the_token_of_a_deactivated_user_is_refused(client, make_user):
    user = make_user()
    _, token = api_token_create(user, "wijkmonitor")
    user.is_active = False
    user.save()
    assert_problem(_me(client, token), 401)


def test_a_browser_session_is_not_enough(client, make_user, signed_in):
    signed_in(make_user())
    assert_problem(client.get("/api/v1/me"), 401)


def test_token_creation_and_revocation_are_in_the_access_log(make_user):
    user = make_user()
    api_token, _ = api_token_create(user, "wijkmonitor")
    api_token_revoke(api_token)
    operations = list(ProcessingRecord.objects.filter(subject_id=str(user.pk))
                      .values_list("operation", flat=True))
    assert "api_token_create" in operations and "api_token_revoke" in operations


def test_the_command_prints_the_token_once(client, make_user):
    make_user()
    out, err = io.StringIO(), io.StringIO()
    call_command("api_token_create", "marieke", "wijkmonitor", stdout=out, stderr=err)
    token = out.getvalue().strip()
    assert token.startswith("wk_") and "\n" not in token
    assert token not in err.getvalue() and "niet opnieuw getoond" in err.getvalue()
    assert _me(client, token).json()["token"]["name"] == "wijkmonitor"


def test_the_command_refuses_an_unknown_user(db):
    with pytest.raises(CommandError, match="Gebruiker 'niemand' bestaat niet"):
        call_command("api_token_create", "niemand", "wijkmonitor")


def test_an_administrator_revokes_a_persons_tokens_but_never_sees_one(client, make_user,
                                                                      signed_in):
    owner = make_user()
    api_token, token = api_token_create(owner, "wijkmonitor")
    signed_in(make_user("beheerder", is_staff=True, is_superuser=True))
    # Tokens are no admin page of their own (the admin holds people and roles only) ...
    assert client.get("/beheer/api/apitoken/").status_code == 404
    # ... they are revoked per person, from the list of people.
    listing = client.get("/beheer/accounts/user/")
    assert listing.status_code == 200 and token not in listing.content.decode()
    response = client.post("/beheer/accounts/user/", {"action": "revoke_api_tokens",
                                                      "_selected_action": [owner.pk]})
    assert response.status_code == 302
    api_token.refresh_from_db()
    assert api_token.revoked
    assert_problem(_me(client, token), 401)

"""The second step completes the sign-in: new session key, "login" logged only then, wrong
codes logged and counted towards the lockout; the lockout also per address, and no attacker
locks a user out from elsewhere."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.accounts.test_sign_in import PASSWORD, code
from wijkkracht.audit.models import ProcessingRecord

pytestmark = pytest.mark.django_db
LOGIN = "/account/aanmelden"


def operations() -> list[str]:
    return list(ProcessingRecord.objects.filter(activity="authentication")
                .order_by("sequence").values_list("operation", flat=True))


def password(client, username: str, secret: str = PASSWORD, address: str = "127.0.0.1"):
    return client.post(LOGIN, {"username": username, "password": secret},
                       REMOTE_ADDR=address)


def test_the_session_key_changes_after_the_code_too(client, make_user):
    user = make_user()
    assert password(client, user.username).status_code == 302
    between = client.session.session_key
    response = client.post(reverse("accounts:otp"), {"token": code(user)})
    assert response.status_code == 302
    assert client.session.session_key != between
    assert client.get("/netwerkscan/").status_code == 200  # still signed in, verified


def test_login_is_logged_after_the_code_not_after_the_password(client, make_user):
    user = make_user()
    password(client, user.username)
    assert operations() == ["password_ok"]
    client.post(reverse("accounts:otp"), {"token": code(user)})
    assert operations() == ["password_ok", "login"]
    rec = ProcessingRecord.objects.get(operation="login")
    assert (rec.subject_type, rec.subject_id, rec.user_id) == ("user", str(user.pk),
                                                               str(user.pk))


def test_wrong_codes_are_logged_and_lock_the_sign_in(client, make_user, settings):
    user = make_user()
    password(client, user.username)
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert client.post(reverse("accounts:otp"), {"token": "000000"}).status_code == 200
    assert operations() == ["password_ok"] + ["otp_failed"] * (settings.AXES_FAILURE_LIMIT - 1)
    failed = ProcessingRecord.objects.filter(operation="otp_failed").first()
    assert failed.outcome == "error" and failed.subject_id == str(user.pk)
    response = client.post(reverse("accounts:otp"), {"token": "000000"})
    assert response.status_code == 429
    # Locked: the half-signed-in session is gone, and neither the right code nor the
    # password brings it back within the hour.
    assert "_auth_user_id" not in client.session
    assert password(client, user.username).status_code == 429


def test_the_password_does_not_reset_the_count_of_wrong_codes(client, make_user, settings):
    user = make_user()
    for _ in range(settings.AXES_FAILURE_LIMIT):
        password(client, user.username)
        client.post(reverse("accounts:otp"), {"token": "000000"})
        client.post(reverse("accounts:logout"))
    assert password(client, user.username).status_code == 429


def test_a_full_sign_in_forgets_earlier_mistakes(client, make_user, settings):
    user = make_user()
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        password(client, user.username, "fout")
    password(client, user.username)
    client.post(reverse("accounts:otp"), {"token": code(user)})
    client.post(reverse("accounts:logout"))
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        password(client, user.username, "fout")
    assert password(client, user.username).status_code == 302


def test_password_spraying_from_one_address_is_stopped(client, make_user, settings):
    """60 failures over 12 user names from one address: stopped at the address limit."""
    victim = make_user("marieke")
    names = [f"medewerker{i}" for i in range(12)]
    refused = 0
    for attempt in range(60):
        response = password(client, names[attempt % 12], "Zomer2026!", "203.0.113.9")
        refused += response.status_code == 429
    assert refused >= 60 - settings.WIJKKRACHT_AXES_ADDRESS_LIMIT
    # That address is stopped, even for a real account with the right password ...
    assert password(client, victim.username, address="203.0.113.9").status_code == 429
    # ... but the user at their own address is not.
    assert password(client, victim.username, address="192.0.2.20").status_code == 302


def test_one_attacker_cannot_lock_a_user_out(client, make_user, settings):
    victim = make_user("marieke")
    for _ in range(settings.AXES_FAILURE_LIMIT * 3):
        password(client, victim.username, "fout", "203.0.113.9")
    assert password(client, victim.username, address="203.0.113.9").status_code == 429
    assert password(client, victim.username, address="192.0.2.20").status_code == 302


def test_guessing_one_account_from_many_addresses_is_stopped(client, make_user, settings):
    victim = make_user("marieke")
    limit = settings.WIJKKRACHT_AXES_ACCOUNT_LIMIT
    addresses = [f"203.0.113.{i}" for i in range(1, 50)]
    for attempt in range(limit):
        password(client, victim.username, "fout", addresses[attempt // 4])
    assert password(client, victim.username, address="192.0.2.20").status_code == 429

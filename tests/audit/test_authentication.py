"""Sign-in, failed sign-in and sign-out are logged, without passwords or unknown user names."""

from __future__ import annotations

import re

from django.contrib.auth.signals import user_login_failed
from django.urls import reverse
from django_otp.oath import totp

from wijkkracht.accounts.models import Organisation
from wijkkracht.audit.models import ProcessingRecord
from wijkkracht.audit.services import verify_chain
from wijkkracht.audit.signals import hashed_username

from .conftest import PASSWORD, all_text

AGENT = "Mozilla/5.0 (X11; Linux x86_64) Firefox/128.0"
TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736"
PARENT_ID = "00f067aa0ba902b7"


def last(operation: str) -> ProcessingRecord:
    return ProcessingRecord.objects.filter(operation=operation).latest("sequence")


def test_a_sign_in_is_logged_with_who_and_where(client, make_user):
    gemeente = Organisation.objects.create(name="Gemeente Den Haag", kind="gemeente")
    user = make_user("marieke", organisation=gemeente)
    response = client.post(reverse("accounts:login"),
                           {"username": "marieke", "password": PASSWORD},
                           HTTP_USER_AGENT=AGENT, REMOTE_ADDR="192.0.2.10")
    assert response.status_code == 302
    # The password is the first step, logged as such; "login" only after the code.
    assert last("password_ok").subject_id == str(user.pk)
    assert not ProcessingRecord.objects.filter(operation="login").exists()
    device = user.totp_device
    response = client.post(reverse("accounts:otp"), {"token": f"{totp(device.bin_key):06d}"},
                           HTTP_USER_AGENT=AGENT, REMOTE_ADDR="192.0.2.10")
    assert response.status_code == 302
    rec = last("login")
    assert rec.activity == "authentication" and rec.action == "E" and rec.outcome == "ok"
    assert (rec.subject_type, rec.subject_id) == ("user", str(user.pk))
    assert rec.user_id == str(user.pk) and rec.organisation == str(gemeente.pk)
    assert rec.ip_address == "192.0.2.10" and rec.user_agent == AGENT
    assert re.fullmatch(r"[0-9a-f]{32}", rec.trace_id)
    assert re.fullmatch(r"[0-9a-f]{16}", rec.span_id) and rec.parent_span_id == ""
    assert rec.started_at <= rec.ended_at
    assert PASSWORD not in all_text(rec)
    assert verify_chain().ok


def test_the_callers_trace_context_is_kept(client, make_user):
    make_user("marieke")
    client.post(reverse("accounts:login"), {"username": "marieke", "password": PASSWORD},
                headers={"traceparent": f"00-{TRACE_ID}-{PARENT_ID}-01"})
    rec = last("password_ok")
    assert rec.trace_id == TRACE_ID and rec.parent_span_id == PARENT_ID
    assert rec.span_id != PARENT_ID


def test_an_invalid_traceparent_starts_a_new_trace(client, make_user):
    make_user("marieke")
    client.post(reverse("accounts:login"), {"username": "marieke", "password": PASSWORD},
                headers={"traceparent": f"00-{'0' * 32}-{PARENT_ID}-01"})
    rec = last("password_ok")
    assert rec.trace_id != "0" * 32 and rec.parent_span_id == ""


def test_a_failed_sign_in_with_an_unknown_name_stores_only_a_keyed_hash(client, db, settings):
    username = "jan.jansen@example.org"
    response = client.post(reverse("accounts:login"),
                           {"username": username, "password": "Geheim-Wachtwoord-123"},
                           REMOTE_ADDR="198.51.100.7")
    assert response.status_code == 200
    rec = last("login_failed")
    assert rec.activity == "authentication" and rec.outcome == "error" and rec.action == "E"
    assert rec.subject_type == "username_hash"
    assert rec.subject_id == hashed_username(username) and re.fullmatch(r"[0-9a-f]{64}",
                                                                         rec.subject_id)
    assert rec.user_id == "" and rec.ip_address == "198.51.100.7"
    text = all_text(rec)
    assert username not in text and "jan.jansen" not in text
    assert "Geheim-Wachtwoord-123" not in text and "*****" not in text
    # The same name gives the same hash, so repeated attempts can be seen; another does not.
    client.post(reverse("accounts:login"), {"username": username, "password": "x"})
    client.post(reverse("accounts:login"), {"username": "piet", "password": "x"})
    hashes = list(ProcessingRecord.objects.filter(operation="login_failed")
                  .order_by("sequence").values_list("subject_id", flat=True))
    assert hashes[0] == hashes[1] != hashes[2]


def test_a_failed_sign_in_with_a_known_name_stores_the_users_pk(client, make_user):
    user = make_user("marieke")
    client.post(reverse("accounts:login"), {"username": "marieke", "password": "verkeerd-1234"})
    rec = last("login_failed")
    assert (rec.subject_type, rec.subject_id) == ("user", str(user.pk))
    assert rec.outcome == "error" and rec.user_id == ""
    assert "verkeerd-1234" not in all_text(rec) and "marieke" not in all_text(rec)
    assert not ProcessingRecord.objects.filter(operation="login").exists()


def test_a_failed_sign_in_without_a_request_is_still_logged(db):
    """authenticate() without a request sends the signal without one (axes then only warns)."""
    user_login_failed.send(sender=__name__, credentials={"username": "onbekend",
                                                         "password": "********"})
    user_login_failed.send(sender=__name__, credentials={"username": "onbekend"}, request=None)
    recs = ProcessingRecord.objects.filter(operation="login_failed")
    assert recs.count() == 2
    for rec in recs:
        assert rec.ip_address is None and rec.subject_id == hashed_username("onbekend")


def test_a_sign_out_is_logged(client, make_user):
    user = make_user("marieke")
    client.post(reverse("accounts:login"), {"username": "marieke", "password": PASSWORD})
    response = client.post(reverse("accounts:logout"), REMOTE_ADDR="192.0.2.11")
    assert response.status_code == 302
    rec = last("logout")
    assert rec.activity == "authentication" and rec.outcome == "ok"
    assert (rec.subject_type, rec.subject_id, rec.user_id) == ("user", str(user.pk),
                                                              str(user.pk))
    assert rec.ip_address == "192.0.2.11"
    assert list(ProcessingRecord.objects.order_by("sequence")
                .values_list("operation", flat=True)) == ["password_ok", "logout"]
    assert verify_chain().ok


def test_signing_out_when_not_signed_in_logs_nothing(client, db):
    client.post(reverse("accounts:logout"))
    assert not ProcessingRecord.objects.exists()

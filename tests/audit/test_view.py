"""The access log page: only the privacy officer reads it, and every reading is logged."""

from __future__ import annotations

import datetime as dt

import pytest
from django.conf import settings
from django.shortcuts import resolve_url
from django.urls import reverse

from wijkkracht.audit import services
from wijkkracht.audit.models import Action, ProcessingRecord

from .conftest import drop_trigger, raw

URL = "/audit/"


@pytest.fixture
def officer(make_user, signed_in):
    user = make_user("fg", is_privacy_officer=True)
    signed_in(user)
    return user


def test_the_url_name(db):
    assert reverse("audit:index") == URL


def test_anonymous_visitors_are_sent_to_sign_in(client, db):
    response = client.get(URL)
    assert response.status_code == 302
    assert response.url.startswith(resolve_url(settings.LOGIN_URL))
    assert "next=/audit/" in response.url
    assert not ProcessingRecord.objects.filter(activity="audit").exists()


def test_an_ordinary_user_is_refused_and_the_attempt_logged(client, make_user, signed_in):
    user = make_user("marieke")
    signed_in(user)
    response = client.get(URL)
    assert response.status_code == 403
    rec = ProcessingRecord.objects.get(activity="audit")
    assert (rec.operation, rec.action, rec.outcome, rec.outcome_detail) == (
        "read", "R", "error", "forbidden")
    assert rec.user_id == str(user.pk)


def test_the_privacy_officer_sees_the_log_and_the_view_is_logged(client, officer):
    services.record(activity="casework", operation="read", action=Action.READ,
                    subject_type="client", subject_id="client-7")
    response = client.get(URL, REMOTE_ADDR="192.0.2.20")
    assert response.status_code == 200
    html = response.content.decode()
    assert "<caption>" in html and 'scope="col"' in html and 'scope="row"' in html
    assert '<label for="id_date_from">' in html and '<label for="id_activity">' in html
    assert "client-7" in html
    assert "chain is intact" in html or "keten" in html
    rec = ProcessingRecord.objects.filter(activity="audit").latest("sequence")
    assert (rec.operation, rec.action, rec.outcome) == ("read", "R", "ok")
    assert rec.user_id == str(officer.pk) and rec.role == "privacy_officer"
    assert rec.ip_address == "192.0.2.20"
    # The page showed records 1-2 (the officer's sign-in, both steps) to 3 (the casework read).
    assert (rec.subject_type, rec.subject_id) == ("audit_log", "1-3")
    client.get(URL)
    assert ProcessingRecord.objects.filter(activity="audit").count() == 2


def test_filter_by_activity_and_date(client, officer):
    services.record(activity="casework", operation="read", action=Action.READ,
                    subject_type="client", subject_id="client-7")
    response = client.get(URL, {"activity": "casework"})
    assert response.status_code == 200
    shown = [r.activity for r in response.context["records"]]
    assert shown == ["casework"]
    assert '<option value="casework" selected>' in response.content.decode()

    today = dt.date.today()
    response = client.get(URL, {"date_from": (today + dt.timedelta(days=2)).isoformat()})
    assert list(response.context["records"]) == []
    response = client.get(URL, {"date_from": (today - dt.timedelta(days=1)).isoformat(),
                                "date_to": (today + dt.timedelta(days=1)).isoformat()})
    assert len(response.context["records"]) >= 2


def test_an_invalid_filter_shows_the_error_and_no_filter(client, officer):
    response = client.get(URL, {"date_from": "2026-02-10", "date_to": "2026-01-01"})
    assert response.status_code == 200
    assert response.context["form"].errors
    assert 'role="alert"' in response.content.decode()
    response = client.get(URL, {"date_from": "gisteren"})
    assert response.status_code == 200 and response.context["form"].errors


def test_the_table_is_paginated_newest_first(client, officer):
    for i in range(60):
        services.record(activity="casework", operation="read", action=Action.READ,
                        subject_type="client", subject_id=f"client-{i}")
    response = client.get(URL)
    records = response.context["records"]
    assert len(records) == 50
    assert [r.sequence for r in records] == sorted((r.sequence for r in records), reverse=True)
    assert records[0].sequence == 62  # after the two records of the officer's sign-in
    assert 'rel="next"' in response.content.decode()
    response = client.get(URL, {"page": 2})  # the first view added record 63 itself
    assert response.context["records"][0].sequence == 13


def test_a_broken_chain_is_shown(client, officer):
    services.record(activity="casework", operation="read", action=Action.READ,
                    subject_type="client", subject_id="client-7")
    drop_trigger("audit_processingrecord_no_update")
    raw("UPDATE audit_processingrecord SET subject_id = 'x' WHERE sequence = 2")
    response = client.get(URL)
    assert response.status_code == 200
    assert not response.context["verification"].ok
    assert response.context["verification"].broken_sequence == 2
    assert "record 2" in response.content.decode()


def test_only_get_is_allowed(client, officer):
    assert client.post(URL).status_code == 405

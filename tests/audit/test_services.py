"""record(): only codes and pseudonymous ids go in; trace context and defaults are right."""

from __future__ import annotations

import pytest

from wijkkracht.accounts.models import Organisation, User
from wijkkracht.audit import services
from wijkkracht.audit.models import Action, ProcessingRecord
from wijkkracht.audit.services import TraceContext

BASE = {"activity": "casework", "operation": "read", "action": Action.READ,
        "subject_type": "client", "subject_id": "client-1"}


@pytest.mark.parametrize("bad", [
    {"activity": "Casework read by Jan"},
    {"operation": "read file of mevrouw De Vries"},
    {"detail": "Client said she moved to Utrecht"},
    {"role": "Team leader"},
    {"action": "read"},
    {"outcome": "failed"},
    {"subject_id": "x" * 129},
    {"participant": "line\nbreak"},
])
def test_free_text_and_unknown_codes_are_refused(db, bad):
    with pytest.raises(ValueError):
        services.record(**{**BASE, **bad})
    assert not ProcessingRecord.objects.exists()


def test_user_and_organisation_default_from_the_request(rf, db):
    gemeente = Organisation.objects.create(name="Gemeente Utrecht", kind="gemeente")
    user = User.objects.create_user(username="marieke", password="Wijkteam-Transvaal-2026",
                                    organisation=gemeente)
    request = rf.get("/", REMOTE_ADDR="10.0.0.5")
    request.user = user
    rec = services.record(**BASE, request=request, role="professional", participant="case-9",
                          detail="not_found", outcome="error")
    assert (rec.user_id, rec.organisation, rec.role) == (str(user.pk), str(gemeente.pk),
                                                         "professional")
    assert (rec.participant, rec.outcome, rec.outcome_detail) == ("case-9", "error",
                                                                  "not_found")
    assert rec.ip_address == "10.0.0.5"


def test_records_of_one_request_share_a_trace(rf, db):
    request = rf.get("/")
    first = services.record(**BASE, request=request)
    second = services.record(**BASE, request=request)
    other = services.record(**BASE, request=rf.get("/"))
    assert first.trace_id == second.trace_id != other.trace_id
    assert first.span_id != second.span_id


def test_an_explicit_trace_wins(db):
    header = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"
    rec = services.record(**BASE, trace=header)
    assert (rec.trace_id, rec.parent_span_id) == ("4bf92f3577b34da6a3ce929d0e0e4736",
                                                  "00f067aa0ba902b7")
    rec = services.record(**BASE, trace=TraceContext(trace_id="1" * 32))
    assert rec.trace_id == "1" * 32 and rec.parent_span_id == ""


@pytest.mark.parametrize("header", [
    "", "garbage", "00-4BF92F3577B34DA6A3CE929D0E0E4736-00f067aa0ba902b7-01",
    "ff-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",
    "00-4bf92f3577b34da6a3ce929d0e0e4736-0000000000000000-01",
])
def test_invalid_traceparent_headers_are_ignored(header):
    assert TraceContext.from_traceparent(header) is None


@pytest.mark.parametrize(("peer", "forwarded", "trusted", "expected"), [
    ("10.0.0.2", "", [], "10.0.0.2"),
    # a forwarded address is ignored unless the peer is our own proxy
    ("198.51.100.9", "203.0.113.7", [], "198.51.100.9"),
    ("198.51.100.9", "203.0.113.7", ["10.0.0.0/8"], "198.51.100.9"),
    # behind our proxies: the first untrusted hop from the right; what the client wrote further
    # left (a spoofed 192.0.2.1) is never believed
    ("10.0.0.2", "203.0.113.7", ["10.0.0.0/8"], "203.0.113.7"),
    ("10.0.0.2", "192.0.2.1, 203.0.113.7, 10.0.0.5", ["10.0.0.0/8"], "203.0.113.7"),
    ("10.0.0.2", "10.0.0.7, 10.0.0.5", ["10.0.0.0/8"], "10.0.0.7"),
    ("10.0.0.2", "not-an-address, 10.0.0.5", ["10.0.0.0/8"], "10.0.0.5"),
    ("::ffff:10.0.0.2", "203.0.113.7", ["10.0.0.0/8"], "203.0.113.7"),
    ("2001:db8::1", "2001:0db8:0:0::7", ["2001:db8::1"], "2001:db8::7"),
])
def test_the_client_address_behind_trusted_proxies(rf, settings, peer, forwarded, trusted,
                                                   expected):
    settings.WIJKKRACHT_TRUSTED_PROXIES = trusted
    request = rf.get("/", REMOTE_ADDR=peer, HTTP_X_FORWARDED_FOR=forwarded)
    assert services.client_ip(request) == expected

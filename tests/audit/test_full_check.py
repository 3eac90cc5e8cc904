"""The page checks the newest records on every view; ``audit_verify`` checks the whole chain
daily and the page shows its last result."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.management import call_command
from django.utils import timezone

from wijkkracht.audit import services
from wijkkracht.audit.models import Action, ChainCheck, ProcessingRecord

from .conftest import drop_trigger, raw

URL = "/audit/"


def make(n: int) -> None:
    for i in range(n):
        services.record(activity="casework", operation="read", action=Action.READ,
                        subject_type="client", subject_id=f"client-{i}")


def tamper(sequence: int) -> None:
    drop_trigger("audit_processingrecord_no_update")
    raw(f"UPDATE audit_processingrecord SET subject_id = 'x' WHERE sequence = {sequence}")


@pytest.mark.parametrize(("changed", "newest_sees_it"), [(5, False), (20, True), (21, True)])
def test_the_newest_records_are_checked_with_their_link_to_the_one_before(db, changed,
                                                                           newest_sees_it):
    make(30)
    tamper(changed)
    # newest=10: records 21-30 and the hash of record 20, which 21 links to
    assert services.verify_chain(newest=10).ok is not newest_sees_it
    full = services.verify_chain()
    assert not full.ok and full.broken_sequence == changed


def test_audit_verify_keeps_its_result_and_the_page_shows_it(client, make_user, signed_in):
    make(3)
    signed_in(make_user("fg", is_privacy_officer=True))
    page = client.get(URL)
    assert page.context["full"] is None and page.context["stale"]
    assert "audit_verify" in page.content.decode()

    call_command("audit_verify", stdout=io.StringIO())
    check = ChainCheck.objects.get()
    assert check.ok and check.checked == ProcessingRecord.objects.count() > 3
    page = client.get(URL)
    assert page.context["full"] == check and not page.context["stale"]

    tamper(2)
    with pytest.raises(SystemExit):
        call_command("audit_verify", stdout=io.StringIO(), stderr=io.StringIO())
    latest = ChainCheck.objects.first()
    assert not latest.ok and latest.broken_sequence == 2 and latest.reason == "hash_mismatch"
    html = client.get(URL).content.decode()
    assert "record 2" in html


def test_an_old_full_check_is_flagged(client, make_user, signed_in):
    make(1)
    ChainCheck.objects.create(ok=True, checked=1, last_sequence=1,
                              checked_at=timezone.now() - dt.timedelta(days=3))
    signed_in(make_user("fg", is_privacy_officer=True))
    assert client.get(URL).context["stale"]

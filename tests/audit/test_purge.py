"""``audit_purge``: records go only after their retention date, and the chain stays intact."""

from __future__ import annotations

import io

from django.core.management import call_command
from django.test import override_settings

from wijkkracht.audit import services
from wijkkracht.audit.models import Action, ProcessingRecord

# netwerkscan records expired two days ago; everything else is kept ten years.
RETENTION = {"default": 3650, "authentication": 3650, "netwerkscan": -2}


def make(activity: str, n: int) -> list[ProcessingRecord]:
    return [services.record(activity=activity, operation="read", action=Action.READ,
                            subject_type="participant", subject_id=f"{activity}-{i}")
            for i in range(n)]


def purge(*args: str) -> str:
    out = io.StringIO()
    call_command("audit_purge", *args, stdout=out, no_color=True)
    return out.getvalue()


@override_settings(AUDIT_RETENTION_DAYS=RETENTION)
def test_only_expired_records_go_and_the_chain_still_verifies(db):
    make("casework", 2)
    make("netwerkscan", 3)
    make("casework", 1)
    assert "3 records met een verlopen bewaartermijn zou verwijderen" in purge("--dry-run")
    assert ProcessingRecord.objects.count() == 6
    assert "3 records met een verlopen bewaartermijn verwijderd" in purge()
    # What is left: the casework records and the purge's own record.
    assert sorted(ProcessingRecord.objects.values_list("activity", "operation")) == [
        ("audit", "purge"), *[("casework", "read")] * 3]
    assert services.verify_chain().ok
    assert "0 records" in purge()
    assert ProcessingRecord.objects.count() == 4


def test_nothing_is_purged_before_its_time(db):
    make("casework", 3)
    assert services.purge_expired() == 0
    assert ProcessingRecord.objects.count() == 3

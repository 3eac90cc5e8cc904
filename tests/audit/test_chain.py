"""The hash chain: it verifies when untouched and points at the first record a DBA changed."""

from __future__ import annotations

import datetime as dt
import re
import threading

import pytest
from django.db import connection, connections
from django.utils import timezone

from wijkkracht.audit import services
from wijkkracht.audit.models import GENESIS_HASH, Action, ChainHead, ProcessingRecord
from wijkkracht.audit.services import Problem, verify_chain

from .conftest import TABLE, drop_trigger, raw

HEX64 = re.compile(r"^[0-9a-f]{64}$")


def test_an_empty_log_verifies(db):
    result = verify_chain()
    assert result.ok and result.checked == 0


def test_records_are_chained_and_verify(some_records):
    first, *rest = some_records
    assert first.sequence == 1 and first.previous_hash == GENESIS_HASH
    for before, after in zip(some_records, rest, strict=False):
        assert after.sequence == before.sequence + 1
        assert after.previous_hash == before.record_hash
    for rec in some_records:
        assert HEX64.match(rec.record_hash)
        stored = ProcessingRecord.objects.get(pk=rec.pk)
        assert stored.compute_hash() == rec.record_hash  # same text after a database round trip
    head = ChainHead.objects.get()
    assert (head.sequence, head.record_hash) == (5, some_records[-1].record_hash)
    result = verify_chain()
    assert result.ok and result.checked == 5 and result.last_sequence == 5
    assert result.broken_sequence is None and result.reason is None


def test_hash_survives_ipv6_and_odd_values(rf, db):
    request = rf.get("/", REMOTE_ADDR="2001:DB8:0:0::1", HTTP_USER_AGENT="Agent\x00\nX" * 50)
    rec = services.record(activity="casework", operation="read", action=Action.READ,
                          subject_type="client", subject_id="é-42", request=request)
    assert rec.ip_address == "2001:db8::1" and len(rec.user_agent) == 200
    assert "\x00" not in rec.user_agent
    assert ProcessingRecord.objects.get(pk=rec.pk).compute_hash() == rec.record_hash
    assert verify_chain().ok


def test_a_row_changed_by_a_dba_is_found_with_its_sequence(some_records):
    drop_trigger("audit_processingrecord_no_update")
    raw(f"UPDATE {TABLE} SET subject_id = %s WHERE sequence = %s", ["client-999", 3])
    result = verify_chain()
    assert not result.ok
    assert result.broken_sequence == 3 and result.reason == Problem.HASH_MISMATCH
    assert result.checked == 3


def test_a_dba_who_also_fixes_the_hash_breaks_the_link(some_records):
    rec = ProcessingRecord.objects.get(sequence=2)
    rec.subject_id = "client-999"
    forged = rec.compute_hash()
    drop_trigger("audit_processingrecord_no_update")
    raw(f"UPDATE {TABLE} SET subject_id = %s, record_hash = %s WHERE sequence = %s",
        ["client-999", forged, 2])
    result = verify_chain()
    assert not result.ok
    assert result.broken_sequence == 3 and result.reason == Problem.LINK_MISMATCH


def test_a_recent_record_deleted_behind_the_triggers_back_is_found(some_records):
    drop_trigger("audit_processingrecord_no_delete")
    raw(f"DELETE FROM {TABLE} WHERE sequence = %s", [3])
    result = verify_chain()
    assert not result.ok
    assert result.broken_sequence == 3 and result.reason == Problem.MISSING_RECORDS


def test_removing_the_newest_records_is_found(some_records):
    drop_trigger("audit_processingrecord_no_delete")
    raw(f"DELETE FROM {TABLE} WHERE sequence >= %s", [4])
    result = verify_chain()
    assert not result.ok
    assert result.broken_sequence == 4 and result.reason == Problem.HEAD_MISMATCH


def test_records_purged_with_gaps_keep_the_chain_valid(db):
    started = dt.datetime(2019, 3, 1, 10, 0, tzinfo=dt.UTC)
    for i, until in enumerate([dt.date(2024, 3, 1), dt.date(2099, 1, 1)] * 2):
        ProcessingRecord.objects.append(
            trace_id="a" * 32, span_id=f"{i + 1:016x}", activity="casework", operation="read",
            action=Action.READ, outcome="ok", started_at=started + dt.timedelta(hours=i),
            ended_at=started + dt.timedelta(hours=i), subject_type="client",
            subject_id=f"client-{i}", retention_until=until)
    services.record(activity="casework", operation="read", action=Action.READ,
                    subject_type="client", subject_id="client-new")
    assert services.purge_expired() == 2
    assert list(ProcessingRecord.objects.order_by("sequence")
                .values_list("sequence", flat=True)) == [2, 4, 5, 6]  # 6: the purge's record
    result = verify_chain()
    assert result.ok and result.checked == 4 and result.last_sequence == 6


def test_retention_date_follows_the_setting_per_activity(db, settings):
    settings.AUDIT_RETENTION_DAYS = {"authentication": 10, "default": 20}
    auth = services.record(activity="authentication", operation="login", action=Action.EXECUTE,
                           subject_type="user", subject_id="1")
    other = services.record(activity="casework", operation="read", action=Action.READ,
                            subject_type="client", subject_id="7")
    assert auth.retention_until == timezone.localdate(auth.started_at) + dt.timedelta(days=10)
    assert other.retention_until == timezone.localdate(other.started_at) + dt.timedelta(days=20)


@pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks need PostgreSQL")
@pytest.mark.django_db(transaction=True)
def test_concurrent_writers_get_consecutive_sequences():
    """Eight threads, each with its own connection, append at the same time."""
    errors: list[BaseException] = []
    barrier = threading.Barrier(8)

    def write(n: int) -> None:
        try:
            barrier.wait()
            for i in range(10):
                services.record(activity="casework", operation="read", action=Action.READ,
                                subject_type="client", subject_id=f"{n}-{i}")
        except BaseException as exc:  # reported to the main thread
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=write, args=(n,)) for n in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    sequences = list(ProcessingRecord.objects.order_by("sequence")
                     .values_list("sequence", flat=True))
    assert sequences == list(range(1, 81))
    result = verify_chain()
    assert result.ok and result.checked == 80

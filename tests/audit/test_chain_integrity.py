"""The chain's start, count, key and anchor: what a DBA (or an attacker with the database) can
no longer do unnoticed. Issue 7, item 4."""

from __future__ import annotations

import datetime as dt
import io
from types import SimpleNamespace

import pytest
from django.apps import apps
from django.core.management import call_command
from django.db import DatabaseError, connection, transaction

from wijkkracht.audit import services
from wijkkracht.audit.models import (
    GENESIS_HASH,
    Action,
    AppendOnlyError,
    ChainHead,
    ChainStart,
    ProcessingRecord,
)
from wijkkracht.audit.services import Problem, full_check, verify_chain

from .conftest import TABLE, drop_trigger, raw

postgres_only = pytest.mark.skipif(connection.vendor != "postgresql",
                                   reason="TRUNCATE exists on PostgreSQL only")


def make(n: int, prefix: str = "client") -> list[ProcessingRecord]:
    return [services.record(activity="casework", operation="read", action=Action.READ,
                            subject_type="client", subject_id=f"{prefix}-{i}")
            for i in range(n)]


def wipe() -> None:
    """Empty the log the way a DBA could: triggers off, every row of the chain gone."""
    drop_trigger("audit_processingrecord_no_delete")
    if connection.vendor == "postgresql":
        drop_trigger("audit_processingrecord_no_truncate")
        raw(f"TRUNCATE {TABLE}")
    else:
        raw(f"DELETE FROM {TABLE}")
    raw("DELETE FROM audit_chainhead")
    raw("DELETE FROM audit_chainstart")


def verify_command(*args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command("audit_verify", *args, stdout=out, stderr=err, no_color=True)
        code = 0
    except SystemExit as exc:
        code = int(exc.code)
    return code, out.getvalue(), err.getvalue()


@postgres_only
def test_truncate_is_refused(some_records):
    with pytest.raises(DatabaseError, match="TRUNCATE refused"), transaction.atomic():
        raw(f"TRUNCATE {TABLE}")
    assert ProcessingRecord.objects.count() == 5


def test_delete_without_where_is_refused(some_records):
    """SQLite has no TRUNCATE; its whole-table DELETE still runs the row trigger."""
    with pytest.raises(DatabaseError, match="retention"), transaction.atomic():
        raw(f"DELETE FROM {TABLE}")
    assert ProcessingRecord.objects.count() == 5


def test_the_start_is_recorded_and_signed(some_records):
    start = ChainStart.objects.get()
    assert (start.first_sequence, start.first_previous_hash, start.purged, start.keyed_from) \
        == (1, GENESIS_HASH, 0, 1)
    assert start.is_authentic()


@pytest.mark.parametrize("below", [3, 5], ids=["the oldest two", "all but the newest"])
def test_deleting_the_start_is_found(some_records, below):
    drop_trigger("audit_processingrecord_no_delete")
    raw(f"DELETE FROM {TABLE} WHERE sequence < %s", [below])
    result = verify_chain()
    assert not result.ok
    assert (result.reason, result.broken_sequence) == (Problem.START_MISSING, 1)
    code, _out, err = verify_command()
    assert code == 1 and "begin van de keten ontbreekt" in err


def test_deleting_every_record_is_found(some_records):
    drop_trigger("audit_processingrecord_no_delete")
    raw(f"DELETE FROM {TABLE}")
    result = verify_chain()
    assert not result.ok and result.reason == Problem.START_MISSING


def test_removing_the_start_row_too_is_found(some_records):
    drop_trigger("audit_processingrecord_no_delete")
    raw(f"DELETE FROM {TABLE} WHERE sequence < 3")
    raw("DELETE FROM audit_chainstart")
    result = verify_chain()
    assert not result.ok and result.reason == Problem.START_MISSING


def test_expired_records_removed_other_than_by_the_purge_are_found(old_records, some_records):
    # The trigger allows these deletes (retention passed), but the purge did not do them.
    raw(f"DELETE FROM {TABLE} WHERE sequence = 2")
    result = verify_chain()
    assert not result.ok and result.reason == Problem.COUNT_MISMATCH
    raw(f"DELETE FROM {TABLE} WHERE sequence = 1")
    assert verify_chain().reason == Problem.START_MISSING


def test_the_purge_moves_the_start_and_the_chain_verifies(old_records, some_records, tmp_path):
    anchor = tmp_path / "anchor.json"
    assert full_check(anchor_file=anchor)[0].ok
    assert services.purge_expired() == 4
    start = ChainStart.objects.get()
    assert (start.first_sequence, start.purged) == (5, 4) and start.is_authentic()
    assert start.first_previous_hash == old_records[-1].record_hash
    purge = ProcessingRecord.objects.get(operation="purge")
    assert (purge.activity, purge.action, purge.subject_id) == ("audit", "D", "4")
    result, _anchor = full_check(anchor_file=anchor)  # continues the anchor across the purge
    assert result.ok and result.checked == 6 and result.purged == 4


def test_the_purge_refuses_when_the_start_was_altered(old_records):
    raw("UPDATE audit_chainstart SET purged = 10")
    with pytest.raises(AppendOnlyError):
        services.purge_expired()
    assert ProcessingRecord.objects.count() == 4


def test_a_purge_that_empties_the_log_still_verifies(old_records):
    assert services.purge_expired() == 4
    result = verify_chain()  # only the purge's own record is left
    assert result.ok and result.checked == 1 and result.last_sequence == 5


def test_rewriting_the_whole_chain_without_the_key_is_found(some_records, settings):
    real = settings.AUDIT_KEY
    wipe()
    settings.AUDIT_KEY = b"a key the attacker made up"
    make(5, "forged")
    assert verify_chain().ok  # with the attacker's key it holds together
    settings.AUDIT_KEY = real
    result = verify_chain()
    assert not result.ok and result.reason == Problem.START_MISSING


def test_rewriting_the_records_under_the_genuine_start_is_found(some_records, settings):
    real = settings.AUDIT_KEY
    drop_trigger("audit_processingrecord_no_delete")
    raw(f"DELETE FROM {TABLE}")
    raw("DELETE FROM audit_chainhead")  # the signed start stays: sequence 1, genesis hash
    settings.AUDIT_KEY = b"a key the attacker made up"
    make(5, "forged")
    settings.AUDIT_KEY = real
    result = verify_chain()
    assert not result.ok
    assert (result.reason, result.broken_sequence) == (Problem.HASH_MISMATCH, 1)


def test_truncate_and_append_breaks_the_anchor(some_records, tmp_path):
    anchor = tmp_path / "anchor.json"
    code, out, _err = verify_command("--anchor", str(anchor))
    assert code == 0 and "sequence=5 hash=" in out and "count=5 purged=0" in out
    assert anchor.stat().st_mode & 0o077 == 0
    wipe()
    make(3, "new")
    assert verify_chain().ok  # in itself the new chain is consistent ...
    code, _out, err = verify_command("--anchor", str(anchor))
    assert code == 1 and "sluit niet aan op het einde" in err  # ... but does not continue
    make(4, "more")  # now past the anchored sequence 5, with another hash there
    result, _anchor = full_check(anchor_file=anchor)
    assert not result.ok
    assert (result.reason, result.broken_sequence) == (Problem.ANCHOR_MISMATCH, 5)


def test_an_anchor_line_kept_by_the_operator_is_checked(some_records, tmp_path):
    _code, out, _err = verify_command("--anchor", str(tmp_path / "first.json"))
    line = out.splitlines()[-1].split(": ", 1)[1]
    make(2)
    code, _out, _err = verify_command("--anchor", str(tmp_path / "second.json"), "--expect",
                                      line)
    assert code == 0  # two appended since: continuous
    wipe()
    make(9, "new")
    code, _out, err = verify_command("--anchor", str(tmp_path / "third.json"), "--expect", line)
    assert code == 1 and "record 5" in err


def test_appending_keeps_the_anchor_continuous_and_a_changed_anchor_is_refused(some_records,
                                                                              tmp_path):
    anchor = tmp_path / "anchor.json"
    assert full_check(anchor_file=anchor)[0].ok
    make(3)
    assert full_check(anchor_file=anchor)[0].ok
    anchor.write_text(anchor.read_text().replace('"count": 8', '"count": 7'))
    assert full_check(anchor_file=anchor)[0].reason == Problem.ANCHOR_MISMATCH


def _append_unkeyed(n: int) -> None:
    """Records as written before the key existed: plain SHA-256, no ChainStart."""
    for i in range(n):
        head, _ = ChainHead.objects.get_or_create(pk=ChainHead.SINGLETON)
        when = dt.datetime(2026, 1, 1, 10, i, tzinfo=dt.UTC)
        rec = ProcessingRecord(sequence=head.sequence + 1, previous_hash=head.record_hash,
                               trace_id="a" * 32, span_id=f"{i + 1:016x}", activity="casework",
                               operation="read", action=Action.READ, outcome="ok",
                               started_at=when, ended_at=when, subject_type="client",
                               subject_id=f"old-{i}", retention_until=dt.date(2031, 1, 1))
        rec.record_hash = rec.compute_hash(keyed=False)
        rec._chain_sealed = True
        rec.save()
        head.sequence, head.record_hash = rec.sequence, rec.record_hash
        head.save()


def test_a_log_from_before_the_key_is_migrated_and_stays_protected(db):
    migration = __import__("wijkkracht.audit.migrations.0004_chain_start",
                           fromlist=["record_existing_start"])
    _append_unkeyed(3)
    migration.record_existing_start(apps, SimpleNamespace(connection=connection))
    start = ChainStart.objects.get()
    assert (start.first_sequence, start.keyed_from, start.purged) == (1, 4, 0)
    make(2)
    assert verify_chain().ok and verify_chain().checked == 5
    # Rewriting the old, unkeyed part (content and plain hashes) breaks the first keyed link.
    drop_trigger("audit_processingrecord_no_update")
    for rec in ProcessingRecord.objects.filter(sequence__gte=2, sequence__lte=3) \
            .order_by("sequence"):
        if rec.sequence == 2:
            rec.subject_id = "forged"
        else:
            rec.previous_hash = ProcessingRecord.objects.get(sequence=2).record_hash
        raw(f"UPDATE {TABLE} SET subject_id = %s, previous_hash = %s, record_hash = %s "
            "WHERE sequence = %s", [rec.subject_id, rec.previous_hash,
                                    rec.compute_hash(keyed=False), rec.sequence])
    result = verify_chain()
    assert not result.ok
    assert (result.reason, result.broken_sequence) == (Problem.LINK_MISMATCH, 4)

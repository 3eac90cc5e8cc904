"""Append-only: the model, the queryset and the database itself refuse changes and deletes."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import DatabaseError, connection, transaction

from wijkkracht.audit.models import Action, AppendOnlyError, ProcessingRecord

from .conftest import TABLE, raw


def test_a_saved_record_cannot_be_saved_again(some_records):
    rec = ProcessingRecord.objects.get(sequence=2)
    rec.outcome = "error"
    with pytest.raises(AppendOnlyError):
        rec.save()
    with pytest.raises(AppendOnlyError):
        rec.save(update_fields=["outcome"])
    assert ProcessingRecord.objects.get(sequence=2).outcome == "ok"


def test_a_record_cannot_be_deleted_through_the_model(some_records):
    with pytest.raises(AppendOnlyError):
        some_records[0].delete()
    assert ProcessingRecord.objects.count() == 5


def test_the_queryset_refuses_update_and_delete(some_records):
    with pytest.raises(AppendOnlyError):
        ProcessingRecord.objects.filter(sequence=1).update(outcome="error")
    with pytest.raises(AppendOnlyError):
        ProcessingRecord.objects.all().delete()
    with pytest.raises(AppendOnlyError):
        ProcessingRecord.objects.bulk_update(some_records, ["outcome"])
    assert ProcessingRecord.objects.filter(outcome="ok").count() == 5


def test_records_cannot_be_inserted_around_the_chain(db):
    fields = {"sequence": 99, "trace_id": "a" * 32, "span_id": "b" * 16, "activity": "casework",
              "operation": "read", "action": Action.READ, "outcome": "ok",
              "started_at": dt.datetime(2026, 1, 1, tzinfo=dt.UTC),
              "ended_at": dt.datetime(2026, 1, 1, tzinfo=dt.UTC), "subject_type": "client",
              "retention_until": dt.date(2031, 1, 1), "previous_hash": "0" * 64,
              "record_hash": "1" * 64}
    with pytest.raises(AppendOnlyError):
        ProcessingRecord.objects.create(**fields)
    with pytest.raises(AppendOnlyError):
        ProcessingRecord.objects.bulk_create([ProcessingRecord(**fields)])
    assert not ProcessingRecord.objects.exists()


def test_the_database_refuses_a_raw_update(some_records):
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        raw(f"UPDATE {TABLE} SET subject_id = %s WHERE sequence = %s", ["client-999", 1])
    assert ProcessingRecord.objects.get(sequence=1).subject_id == "client-0"


def test_the_database_refuses_a_raw_delete_before_retention(some_records):
    with pytest.raises(DatabaseError, match="retention"), transaction.atomic():
        raw(f"DELETE FROM {TABLE} WHERE sequence = %s", [1])
    assert ProcessingRecord.objects.count() == 5


def test_the_database_allows_deleting_expired_records_only(old_records, some_records):
    raw(f"DELETE FROM {TABLE} WHERE retention_until < %s", [dt.date.today()])
    assert ProcessingRecord.objects.count() == 5
    assert ProcessingRecord.objects.order_by("sequence").first().sequence == 5


def test_both_triggers_are_installed(db):
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT tgname FROM pg_trigger WHERE tgrelid = %s::regclass "
                           "AND NOT tgisinternal", [TABLE])
        else:
            cursor.execute("SELECT name FROM sqlite_master WHERE type = 'trigger' "
                           "AND tbl_name = %s", [TABLE])
        names = {row[0] for row in cursor.fetchall()}
    expected = {"audit_processingrecord_no_update", "audit_processingrecord_no_delete"}
    if connection.vendor == "postgresql":  # TRUNCATE fires no row trigger: a statement one
        expected.add("audit_processingrecord_no_truncate")
    assert names == expected

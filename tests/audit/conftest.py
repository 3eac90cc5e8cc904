"""Helpers for the access log tests: records, users, and a "DBA" who bypasses the triggers."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection

from wijkkracht.audit import services
from wijkkracht.audit.models import Action, ProcessingRecord

TABLE = "audit_processingrecord"
PASSWORD = "Wijkteam-Transvaal-2026"


def drop_trigger(name: str) -> None:
    """What a DBA with table rights could do; the test transaction rolls it back."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(f"DROP TRIGGER {name} ON {TABLE}")
        else:
            cursor.execute(f"DROP TRIGGER {name}")


def raw(sql: str, params: list | None = None) -> None:
    with connection.cursor() as cursor:
        cursor.execute(sql, params or [])


def all_text(record: ProcessingRecord) -> str:
    """Every stored value of a record, to look for things that must never be logged."""
    return " ".join(str(f.value_from_object(record)) for f in record._meta.concrete_fields)


@pytest.fixture
def some_records(db) -> list[ProcessingRecord]:
    return [services.record(activity="casework", operation="read", action=Action.READ,
                            subject_type="client", subject_id=f"client-{i}")
            for i in range(5)]


@pytest.fixture
def old_records(db) -> list[ProcessingRecord]:
    """Records made six years ago whose retention date has passed (so pruning is allowed)."""
    started = dt.datetime(2019, 3, 1, 10, 0, tzinfo=dt.UTC)
    return [ProcessingRecord.objects.append(
        trace_id="a" * 32, span_id=f"{i + 1:016x}", activity="casework", operation="read",
        action=Action.READ, outcome="ok", started_at=started + dt.timedelta(hours=i),
        ended_at=started + dt.timedelta(hours=i), subject_type="client",
        subject_id=f"client-{i}", retention_until=dt.date(2024, 3, 1)) for i in range(4)]

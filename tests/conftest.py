"""Shared fixtures: the real CBS files beside the repository, and a clean, offline data home."""

from __future__ import annotations

import csv
import datetime as dt
import functools
from pathlib import Path

import pytest

SHARED = Path(__file__).resolve().parents[1].parent / "shared" / "data"
KWB = SHARED / "kwb"
KWB_2024 = KWB / "dertje-85984NED-kwb2024-first10000" / "85984NED.csv"
KWB_2017_NL = KWB / "kmazurek95-kwb2017-subset" / "indicators_buurt_wijk_gemeente.csv"
AMS_2017 = KWB / "elakyc15-kwb2017-2019-amsterdam" / "Kerncijfers_wijken_en_buurten_2017.csv"
AMS_2019 = KWB / "elakyc15-kwb2017-2019-amsterdam" / "Kerncijfers_wijken_en_buurten_2019.csv"
KWB_2024_JSON = KWB / "niquedegraaff-85984NED-kwb2024-meta" / "stripped_filtered_data_2024.json"


def need(path: Path) -> Path:
    """The real data file, or skip the test with the reason."""
    if not path.exists():
        pytest.skip(f"real CBS data not available: {path} is absent (../shared/data beside the "
                    "repository)")
    return path


@functools.cache
def real_kwb(path: Path):
    """A real CBS file as read by the application, read once per test session: the tables are
    only read (polars frames are immutable), never changed, by the tests."""
    from wijkkracht.areas.sources.files import read_kwb_file

    return read_kwb_file(need(path))


@functools.cache
def real_computed(path: Path):
    """The computed year of a real CBS file, computed once per test session (read only)."""
    from wijkkracht.wijkfoto.core.compute import compute_year

    return compute_year(real_kwb(path))


# One import time per real file for the whole session. The application caches a computed year
# per (year, import time) in its process (areas/selectors.py), so every test that stores the
# same real file at the same time meets the one computation instead of making its own (~2 s).
# A test's own imports, and any other file, keep the time the database gives them.
_SESSION_START = dt.datetime.now(dt.UTC).replace(microsecond=0)
_IMPORT_TIMES: dict[tuple[str, Path], dt.datetime] = {}


def _import_time(kind: str, path: Path) -> dt.datetime:
    return _IMPORT_TIMES.setdefault((kind, path), _SESSION_START + dt.timedelta(
        seconds=len(_IMPORT_TIMES)))


def store_real_kwb(path: Path):
    """Store a real CBS file in the database as an import would (kwb_dataset_save)."""
    from wijkkracht.areas.models import KwbDataset
    from wijkkracht.areas.services import kwb_dataset_save

    ds = kwb_dataset_save(real_kwb(path))
    KwbDataset.objects.filter(pk=ds.pk).update(imported_at=_import_time("kwb", path))
    return ds


def store_real_boundaries(path: Path, year: int, level: str):
    """Store real boundaries in the database as an import would (boundary_set_save)."""
    from wijkkracht.areas.models import BoundarySet
    from wijkkracht.areas.services import boundary_set_save

    bs = boundary_set_save(need(path), year, level)
    BoundarySet.objects.filter(pk=bs.pk).update(imported_at=_import_time(
        f"geo:{year}:{level}", path))
    return bs


@pytest.fixture(autouse=True)
def _isolated_home(tmp_path, monkeypatch):
    """Every test gets its own empty data directory and never reaches the internet."""
    monkeypatch.setenv("WIJKKRACHT_HOME", str(tmp_path / "home"))
    monkeypatch.setenv("WIJKKRACHT_OFFLINE", "1")


# What the tests sign in with: one hash costs microseconds instead of the configured scrypt's
# ~0.6 s, which the hundreds of users and sign-ins the tests make would otherwise pay each time.
# tests/accounts/test_password_storage.py proves the configured hashers themselves; the
# command-line and server tests run in their own processes with the configured settings.
QUICK_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(scope="session", autouse=True)
def _quick_password_hashing():
    from django.test import override_settings

    with override_settings(PASSWORD_HASHERS=QUICK_HASHERS):
        yield


def _flush_past_the_truncate_guard() -> None:
    """Transactional tests end with a flush, and the access log refuses it by trigger
    (tests/audit proves it): TRUNCATE on PostgreSQL, DELETE before the retention date on
    SQLite. The flush alone goes past them: on PostgreSQL with the triggers off
    (session_replication_role, for superusers: the test database's user), on SQLite by
    dropping the delete trigger and making it again in the flush's own transaction. So every
    test, in any order and in any worker process, meets the log as the migrations made it."""
    import importlib

    from django.db.backends.sqlite3.base import DatabaseOperations as SqliteOperations

    try:
        from django.db.backends.postgresql.operations import DatabaseOperations
    except ImportError:  # no PostgreSQL driver: nothing to flush there
        DatabaseOperations = None
    if DatabaseOperations is not None:
        sql_flush = DatabaseOperations.sql_flush

        def flush(self, style, tables, **kwargs):
            statements = sql_flush(self, style, tables, **kwargs)
            return ["SET LOCAL session_replication_role = replica", *statements] \
                if statements else statements

        DatabaseOperations.sql_flush = flush

    sqlite_flush = SqliteOperations.sql_flush

    def flush_sqlite(self, style, tables, **kwargs):
        statements = sqlite_flush(self, style, tables, **kwargs)
        if "audit_processingrecord" not in tables or not statements:
            return statements
        triggers = importlib.import_module(
            "wijkkracht.audit.migrations.0002_append_only_triggers")
        return ["DROP TRIGGER IF EXISTS audit_processingrecord_no_delete", *statements,
                triggers.SQLITE_FORWARD[1]]

    SqliteOperations.sql_flush = flush_sqlite


_flush_past_the_truncate_guard()


def write_kwb_csv(path: Path, rows: list[dict], delimiter: str = ";") -> Path:
    """A small KWB file in the StatLine-key layout, built by the test."""
    headers: list[str] = []
    for row in rows:
        headers.extend(k for k in row if k not in headers)
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh, delimiter=delimiter)
        writer.writerow(headers)
        for row in rows:
            writer.writerow([row.get(h, "") for h in headers])
    return path


def area_row(code: str, name: str, gemeente: str, **values) -> dict:
    level = {"NL": "Land", "GM": "Gemeente", "WK": "Wijk", "BU": "Buurt"}[code[:2]]
    return {"WijkenEnBuurten": name, "Gemeentenaam_1": gemeente, "SoortRegio_2": level,
            "Codering_3": code, "IndelingswijzigingWijkenEnBuurten_4": values.pop("change", "1"),
            **{k: v for k, v in values.items()}}


@pytest.fixture
def make_user(db):
    """A professional with a password and a confirmed TOTP device."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from wijkkracht.accounts.models import User

    def make(username: str = "marieke", password: str = "Wijkteam-Transvaal-2026", **fields):
        user = User.objects.create_user(username=username, password=password, **fields)
        user.totp_device = TOTPDevice.objects.create(user=user, name="app", confirmed=True)
        return user

    return make


@pytest.fixture
def signed_in(client):
    """Sign a user in with both steps (password and TOTP) passed, as a real session would."""

    def sign_in(user):
        from django_otp.oath import totp

        client.force_login(user)
        device = user.totp_device
        response = client.post("/account/code", {"token": f"{totp(device.bin_key):06d}"})
        assert response.status_code == 302, response
        return client

    return sign_in


@pytest.fixture(scope="module")
def kaart_pages_demo(django_db_setup, django_db_blocker):
    """The demo kaart (370 services in Haarlem), loaded once per test module, removed after.

    Tests using it must leave it as they found it (their own changes roll back with their
    transaction); a module that needs an empty kaart for some tests keeps those elsewhere."""
    from wijkkracht.kaart import demo
    from wijkkracht.kaart import models as m
    from wijkkracht.kaart.search import reindex
    from wijkkracht.kaart.services import load_demo_kaart

    with django_db_blocker.unblock():
        load_demo_kaart()
        yield demo.generate()
        from django.db.models.signals import post_delete

        from wijkkracht.kaart.hsds.spec import ENTITIES
        from wijkkracht.kaart.indexing import forget_deleted_service

        # without the per-service signal the ORM deletes in bulk (seconds less per module);
        # the index is rebuilt, empty, at the end instead
        post_delete.disconnect(forget_deleted_service, sender=m.Service,
                               dispatch_uid="kaart-forget-deleted-service")
        try:
            m.Service.objects.all().delete()
            for entity in ENTITIES.values():  # every HSDS table, the records of no parent too
                entity.model.objects.all().delete()
        finally:
            post_delete.connect(forget_deleted_service, sender=m.Service,
                                dispatch_uid="kaart-forget-deleted-service")
        reindex(None)


def job_file(client, response):
    """Follow a download that is made as a background job (wijkkracht/jobs): the request
    redirects to the job's page, which (jobs run at once in the tests) offers the file."""
    assert response.status_code == 302, response
    page = client.get(response["Location"])
    assert page.status_code == 200, page
    assert b"/bestand" in page.content, page.content.decode()[:2000]
    return client.get(response["Location"] + "/bestand")


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """pytest-django's test databases, with one addition on PostgreSQL: before a worker drops
    its database, sessions still connected to it are ended, and named in a warning. A server
    process a test started may still be closing, or a session fixture such as ``live_server``
    (set up before the database by the first test that asked for both) is torn down after
    it; DROP DATABASE then fails "being accessed by other users" after all tests passed."""
    yield
    import warnings

    from django.db import connection

    if connection.vendor != "postgresql":
        return
    with django_db_blocker.unblock(), connection.cursor() as cursor:
        cursor.execute(
            "SELECT pid, backend_start, left(query, 80), pg_terminate_backend(pid) "
            "FROM pg_stat_activity WHERE datname = current_database() "
            "AND pid <> pg_backend_pid()")
        others = cursor.fetchall()
    if others:
        warnings.warn(f"ended {len(others)} session(s) still on the test database before "
                      f"dropping it: {others}", stacklevel=1)

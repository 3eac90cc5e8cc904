"""``wijkkracht backup`` and ``wijkkracht restore``: the database in one folder, and back.

A back-up is a folder ``wijkkracht-backup-YYYYmmdd-HHMMSS/`` (owner-only) with two files:

- ``database.pgdump`` (PostgreSQL, ``pg_dump --format=custom``) or ``database.sqlite3``
  (SQLite, a copy made with SQLite's online backup API, safe while the server runs);
- ``manifest.json``: format version, Wijkkracht version, engine, time, the applied migrations,
  the dump's size and SHA-256, and a fingerprint (rows, SHA-256) of every table *as dumped*.

It is written under a hidden ``.partial`` name and renamed when complete, so a folder with the
final name is a whole back-up. The secret keys (``SECRET_KEY``, the access-log key) are not in
it: whoever holds a back-up should not also hold the key that signs the access log.

A restore checks the folder before touching the database (manifest, engine, dump checksum,
migrations this version knows), restores, then compares every table's fingerprint with the
manifest and checks the access log's hash chain (``audit.services.full_check``).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import tempfile
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.db import connections, transaction
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.migrations.loader import MigrationLoader
from django.db.migrations.recorder import MigrationRecorder

from wijkkracht import __version__
from wijkkracht.areas.store import data_home, private_dir
from wijkkracht.audit.management.commands.audit_verify import PROBLEM_NL
from wijkkracht.audit.models import Action
from wijkkracht.audit.services import (
    anchor_line,
    anchor_path,
    check_anchor,
    full_check,
    read_anchor,
    record,
    write_anchor,
)
from wijkkracht.errors import WijkkrachtError

from .fingerprint import Fingerprint, table_fingerprints

ACTIVITY = "operations"
FORMAT = "wijkkracht-backup"
FORMAT_VERSION = 1
MANIFEST = "manifest.json"
DUMP_FILES = {"sqlite": "database.sqlite3", "postgresql": "database.pgdump"}
ENGINE_NAMES = {"sqlite": "SQLite", "postgresql": "PostgreSQL"}
# libpq reads these from the environment: the password never appears on a command line.
_PG_SETTINGS = {"HOST": "PGHOST", "PORT": "PGPORT", "USER": "PGUSER", "NAME": "PGDATABASE",
                "PASSWORD": "PGPASSWORD"}
_PG_OPTIONS = {"sslmode": "PGSSLMODE", "sslrootcert": "PGSSLROOTCERT", "sslcert": "PGSSLCERT",
               "sslkey": "PGSSLKEY", "passfile": "PGPASSFILE", "service": "PGSERVICE"}


def default_target(now: dt.datetime | None = None) -> Path:
    """``<data dir>/backups/wijkkracht-backup-YYYYmmdd-HHMMSS`` (local time)."""
    stamp = (now or dt.datetime.now()).strftime("%Y%m%d-%H%M%S")
    return data_home() / "backups" / f"wijkkracht-backup-{stamp}"


def backup(target: Path, *, using: str = "default") -> Path:
    """Write a back-up folder at ``target`` (which must not exist yet) and return it."""
    connection = connections[using]
    engine = _engine(connection)
    if target.exists():
        raise WijkkrachtError(f"{target} bestaat al; kies een andere naam voor de back-up.")
    _outside_transaction(connection)
    # A back-up copies everyone's data: the access log says so, in the back-up itself too
    record(activity=ACTIVITY, operation="backup", action=Action.READ, subject_type="database",
           subject_id=target.name, detail=engine)
    private_dir(target.parent)
    partial = target.with_name(f".{target.name}.partial")
    shutil.rmtree(partial, ignore_errors=True)  # what an interrupted run left behind
    partial.mkdir(mode=0o700)
    dump = partial / DUMP_FILES[engine]
    try:
        if engine == "sqlite":
            tables, migrations = _dump_sqlite(connection, dump)
        else:
            tables, migrations = _dump_postgresql(connection, dump)
        manifest = {
            "format": FORMAT, "format_version": FORMAT_VERSION,
            "wijkkracht_version": __version__, "engine": engine,
            "created_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
            "database_file": dump.name, "database_bytes": dump.stat().st_size,
            "database_sha256": _file_sha256(dump), "migrations": migrations, "tables": tables,
        }
        (partial / MANIFEST).write_text(json.dumps(manifest, indent=1, sort_keys=True),
                                        encoding="utf-8")
        (partial / MANIFEST).chmod(0o600)
        partial.rename(target)
    except BaseException:
        shutil.rmtree(partial, ignore_errors=True)
        raise
    return target


def _dump_sqlite(connection: BaseDatabaseWrapper,
                 dump: Path) -> tuple[dict[str, Fingerprint], dict[str, list[str]]]:
    """SQLite's online backup API copies a consistent state while others keep writing; the
    fingerprints are then taken from that copy, so they describe exactly what was saved."""
    os.close(os.open(dump, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
    connection.ensure_connection()
    copy = sqlite3.connect(dump)
    try:
        connection.connection.backup(copy)
    finally:
        copy.close()
    with _sqlite_connection(connection, dump) as saved:
        return table_fingerprints(saved), _applied_migrations(saved)


@contextmanager
def _sqlite_connection(connection: BaseDatabaseWrapper, path: Path):
    """A Django connection to another SQLite file, with the configured connection's options
    (so values come back converted the same way). It is not registered in ``connections``
    (an alias only this code uses); the one feature Django probes through the registry, JSON
    support, is the same SQLite library's answer as the configured connection's."""
    saved = type(connection)({**connection.settings_dict, "NAME": str(path)},
                             alias=f"{connection.alias}-backup-copy")
    saved.features.__dict__["supports_json_field"] = connection.features.supports_json_field
    try:
        yield saved
    finally:
        saved.close()


def _dump_postgresql(connection: BaseDatabaseWrapper,
                     dump: Path) -> tuple[dict[str, Fingerprint], dict[str, list[str]]]:
    """pg_dump reads the snapshot this transaction exported, so the dump and the fingerprints
    taken in the same transaction see the same rows however busy the server is."""
    with transaction.atomic(using=connection.alias):
        with connection.cursor() as cursor:
            cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            cursor.execute("SELECT pg_export_snapshot()")
            snapshot = cursor.fetchone()[0]
        _run(["pg_dump", "--format=custom", f"--snapshot={snapshot}", f"--file={dump}"],
             connection)
        dump.chmod(0o600)
        return table_fingerprints(connection), _applied_migrations(connection)


# --- restore ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class RestoreReport:
    """What a restore did and checked, for the one-line-per-outcome output of the command."""

    source: Path
    engine: str
    created_at: str
    tables: int
    rows: int
    audit_checked: int
    audit_last: int | None
    previous_anchor: str = ""  # the anchor line the restored access log does not continue
    pending_migrations: list[str] = field(default_factory=list)

    def lines(self) -> list[str]:
        lines = [f"Back-up van {local_time(self.created_at)} teruggezet in "
                 f"{ENGINE_NAMES[self.engine]} uit {self.source}.",
                 f"Alle {self.tables} tabellen ({self.rows} rijen) zijn gelijk aan de back-up "
                 "(aantal rijen en controlegetal per tabel).",
                 f"Toegangslog in orde: {self.audit_checked} records gecontroleerd"
                 + (f", laatste record {self.audit_last}." if self.audit_last else ".")]
        if self.previous_anchor:
            lines.append("Let op: het toegangslog staat weer op de stand van de back-up; de "
                         "records van daarna zijn weg. Het anker van de vorige controle "
                         f"({self.previous_anchor}) is vervangen door het nieuwe einde.")
        if self.pending_migrations:
            lines.append(f"De back-up is van een eerdere versie: {len(self.pending_migrations)} "
                         "databasemigraties worden bij de volgende start uitgevoerd.")
        lines.append("De sleutels staan niet in een back-up: het toegangslog klopt alleen met "
                     "dezelfde sleutel (WIJKKRACHT_AUDIT_KEY of audit_key) als bij de back-up.")
        return lines


def local_time(stamp: str) -> str:
    """A manifest's UTC time as people read it here: ``6-12-2026 13:09``."""
    try:
        return dt.datetime.fromisoformat(stamp).astimezone().strftime("%-d-%m-%Y %H:%M")
    except (TypeError, ValueError):
        return str(stamp)


def read_manifest(source: Path) -> dict[str, Any]:
    """The manifest of a back-up folder, or a Dutch error saying why it is no back-up."""
    path = source / MANIFEST
    if not source.is_dir():
        raise WijkkrachtError(f"{source} is geen map met een back-up van Wijkkracht.")
    if not path.is_file():
        raise WijkkrachtError(f"{source} is geen volledige back-up: {MANIFEST} ontbreekt.")
    try:
        manifest = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError):
        raise WijkkrachtError(f"{path} is beschadigd (geen leesbare JSON).") from None
    if not _is_manifest(manifest):
        raise WijkkrachtError(f"{path} is geen manifest van een Wijkkracht-back-up of is "
                              "onvolledig.")
    if manifest["format_version"] != FORMAT_VERSION:
        raise WijkkrachtError(f"{source} heeft back-upindeling {manifest['format_version']}; "
                              f"deze versie van Wijkkracht leest alleen indeling {FORMAT_VERSION}.")
    return manifest


def _is_manifest(manifest: Any) -> bool:
    """Has it every field a restore reads, of the type it reads?"""
    needed = ("format_version", "engine", "created_at", "database_file", "database_sha256",
              "database_bytes", "migrations", "tables")
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT \
            or any(key not in manifest for key in needed):
        return False
    tables, migrations = manifest["tables"], manifest["migrations"]
    return (isinstance(tables, dict) and isinstance(migrations, dict)
            and all(isinstance(t, dict) and isinstance(t.get("rows"), int)
                    and isinstance(t.get("sha256"), str) for t in tables.values())
            and all(isinstance(names, list) for names in migrations.values()))


def check_backup(source: Path, *, using: str = "default") -> dict[str, Any]:
    """Everything that can be checked before the database is touched; returns the manifest."""
    connection = connections[using]
    engine = _engine(connection)
    manifest = read_manifest(source)
    if manifest["engine"] != engine:
        theirs = ENGINE_NAMES.get(manifest["engine"], str(manifest["engine"]))
        raise WijkkrachtError(f"Deze back-up is van een {theirs}-database en kan niet worden "
                              f"teruggezet in {ENGINE_NAMES[engine]}.")
    dump = _dump_path(source, manifest)
    if not dump.is_file() or dump.stat().st_size != manifest["database_bytes"] \
            or _file_sha256(dump) != manifest["database_sha256"]:
        raise WijkkrachtError(f"De back-up in {source} is onvolledig of beschadigd: "
                              f"{dump.name} ontbreekt of klopt niet met het controlegetal.")
    known = {f"{app}.{name}" for app, name in MigrationLoader(None).disk_migrations}
    unknown = sorted(f"{app}.{name}" for app, names in manifest["migrations"].items()
                     for name in names if f"{app}.{name}" not in known)
    if unknown:
        raise WijkkrachtError(f"De back-up komt van een nieuwere versie van Wijkkracht "
                              f"({manifest.get('wijkkracht_version', '?')}; onbekende migraties: "
                              f"{', '.join(unknown[:5])}); werk Wijkkracht eerst bij.")
    if engine == "postgresql":
        with connection.cursor() as cursor:
            extra = sorted(set(connection.introspection.table_names(cursor))
                           - set(manifest["tables"]))
        if extra:  # pg_restore --clean drops only what the dump holds
            raise WijkkrachtError(f"De database heeft tabellen die niet in de back-up staan "
                                  f"({', '.join(extra[:5])}); zet de back-up terug in een lege "
                                  "database.")
    return manifest


def restore(source: Path, *, using: str = "default") -> RestoreReport:
    """Replace the database with the back-up in ``source``, then prove it complete.

    PostgreSQL: ``pg_restore --clean --if-exists --no-owner --single-transaction``: all or
    nothing. The access log's triggers refuse UPDATE, DELETE and TRUNCATE, but --clean drops
    the table (which no trigger guards, and which drops the triggers with it) and pg_restore
    loads the rows before it creates the triggers again, so no trigger needs switching off.
    SQLite: the back-up file is copied page by page into the configured database with the
    online backup API, which replaces its whole content, triggers included.

    Then every table's fingerprint must equal the manifest's, and the access log's full check
    must pass. The anchor kept outside the database then moves to the restored log's end:
    the restore knowingly set the log back, and the report says so when it did.
    """
    connection = connections[using]
    manifest = check_backup(source, using=using)
    _outside_transaction(connection)
    dump = _dump_path(source, manifest)
    if manifest["engine"] == "sqlite":
        _restore_sqlite(connection, dump)
    else:
        _restore_postgresql(connection, dump)

    different = _differences(manifest["tables"], table_fingerprints(connection))
    if different:
        raise WijkkrachtError("Het terugzetten is niet volledig: de inhoud van "
                              f"{'tabel' if len(different) == 1 else 'de tabellen'} "
                              f"{', '.join(different[:10])} wijkt af van de back-up.")

    previous = read_anchor(anchor_path())
    with tempfile.TemporaryDirectory() as scratch:  # the anchor is written below, knowingly
        result, anchor = full_check(anchor_file=Path(scratch) / "anchor.json")
    if not result.ok:
        why = PROBLEM_NL[result.reason].format(sequence=result.broken_sequence) \
            if result.reason else "onbekende fout"
        raise WijkkrachtError(f"De tabellen zijn teruggezet, maar het toegangslog klopt niet: "
                              f"{why}. Is de sleutel van het toegangslog (WIJKKRACHT_AUDIT_KEY) "
                              "dezelfde als bij de back-up?")
    moved = previous is not None and not check_anchor(result, previous).ok
    write_anchor(anchor_path(), anchor)
    applied = {f"{app}.{name}" for app, names in manifest["migrations"].items() for name in names}
    pending = sorted(f"{app}.{name}" for app, name in MigrationLoader(None).disk_migrations
                     if f"{app}.{name}" not in applied)
    return RestoreReport(
        source=source, engine=manifest["engine"], created_at=manifest["created_at"],
        tables=len(manifest["tables"]),
        rows=sum(table["rows"] for table in manifest["tables"].values()),
        audit_checked=result.checked, audit_last=result.last_sequence,
        previous_anchor=anchor_line(previous) if moved else "", pending_migrations=pending)


def _dump_path(source: Path, manifest: dict[str, Any]) -> Path:
    """The dump beside the manifest: only its name is taken, never a path elsewhere."""
    return source / Path(str(manifest["database_file"])).name


def _restore_sqlite(connection: BaseDatabaseWrapper, dump: Path) -> None:
    connection.ensure_connection()
    saved = sqlite3.connect(f"{dump.resolve().as_uri()}?mode=ro", uri=True)
    try:
        saved.backup(connection.connection)
    finally:
        saved.close()


def _restore_postgresql(connection: BaseDatabaseWrapper, dump: Path) -> None:
    connection.close()  # no session of ours holds the tables that pg_restore drops
    _run(["pg_restore", "--clean", "--if-exists", "--no-owner", "--single-transaction",
          f"--dbname={connection.settings_dict['NAME']}", str(dump)], connection)
    connection.close()  # the next query starts a fresh session on the restored tables


def _differences(expected: dict[str, Fingerprint], actual: dict[str, Fingerprint]) -> list[str]:
    """The tables missing, added or with other content, by name."""
    return sorted(name for name in set(expected) | set(actual)
                  if expected.get(name) != actual.get(name))


# --- shared ----------------------------------------------------------------------------------


def _engine(connection: BaseDatabaseWrapper) -> str:
    if connection.vendor not in DUMP_FILES:
        raise WijkkrachtError(f"Back-up en herstel werken met SQLite en PostgreSQL, niet met "
                              f"{connection.vendor}.")
    return connection.vendor


def _outside_transaction(connection: BaseDatabaseWrapper) -> None:
    """A dump or restore inside an open transaction would see (or clash with) its uncommitted
    work; the command line never runs in one, so this is a programming error."""
    if connection.in_atomic_block:
        raise RuntimeError("backup and restore must run outside a transaction")


def _applied_migrations(connection: BaseDatabaseWrapper) -> dict[str, list[str]]:
    """By plain SQL rather than the recorder's queryset, which needs a registered alias."""
    table = connection.ops.quote_name(MigrationRecorder.Migration._meta.db_table)
    applied: dict[str, list[str]] = {}
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT app, name FROM {table} ORDER BY app, name")
        for app, name in cursor.fetchall():
            applied.setdefault(app, []).append(name)
    return applied


def _file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        while block := fh.read(1 << 20):
            digest.update(block)
    return digest.hexdigest()


def _pg_environment(connection: BaseDatabaseWrapper) -> dict[str, str]:
    """The connection's settings as libpq environment variables (PGPASSWORD included)."""
    env = dict(os.environ)
    settings_dict = connection.settings_dict
    for key, variable in _PG_SETTINGS.items():
        if settings_dict.get(key):
            env[variable] = str(settings_dict[key])
    for key, variable in _PG_OPTIONS.items():
        if settings_dict.get("OPTIONS", {}).get(key):
            env[variable] = str(settings_dict["OPTIONS"][key])
    return env


def _run(command: list[str], connection: BaseDatabaseWrapper) -> None:
    try:
        done = subprocess.run(command, env=_pg_environment(connection), capture_output=True,
                              text=True, check=False)
    except FileNotFoundError:
        raise WijkkrachtError(f"{command[0]} is niet gevonden: installeer de "
                              "PostgreSQL-clientprogramma's (Debian: postgresql-client) in "
                              "dezelfde hoofdversie als de server.") from None
    if done.returncode != 0:
        # The error line only: the CONTEXT lines after it can quote a row's content.
        lines = done.stderr.strip().splitlines()
        first = next((line for line in lines if "error:" in line), lines[0] if lines else "")
        raise WijkkrachtError(f"{command[0]} is mislukt: {first[:300] or 'geen melding'}")

"""The database a benchmark runs on: made (or dropped and made again) and migrated.

Imported by the benchmark scripts, which run as ``python benchmarks/bench_x.py`` and so find
this module beside them."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from urllib.parse import urlsplit


def ensure_database(url: str, fresh: bool) -> None:
    """Create the PostgreSQL database of ``url`` when missing (drop it first with ``fresh``);
    for SQLite, ``fresh`` removes the file."""
    if not url.startswith("postgres"):
        if fresh and url.startswith("sqlite:///"):
            Path(url[len("sqlite:///"):]).unlink(missing_ok=True)
        return
    import psycopg

    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    admin = parts._replace(path="/postgres").geturl()
    with psycopg.connect(admin, autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if exists and fresh:
            conn.execute(f'DROP DATABASE "{name}" WITH (FORCE)')
            exists = None
        if not exists:
            conn.execute(f'CREATE DATABASE "{name}"')


def setup_django(url: str) -> None:
    """Point Django at ``url`` (offline, a throwaway data folder) and migrate."""
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("WIJKKRACHT_HOME", tempfile.mkdtemp(prefix="wijkkracht-bench-"))
    os.environ.setdefault("WIJKKRACHT_OFFLINE", "1")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "wijkkracht.conf.settings")
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", interactive=False, verbosity=0)

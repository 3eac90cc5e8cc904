"""A fingerprint of every table (row count and SHA-256 of its content) to prove a restore
complete: the same rows with the same values give the same fingerprint, on the same engine.

Rows are read in primary-key order (all columns when a table has none) in chunks, so a large
access log is streamed rather than loaded. On PostgreSQL, text keys are ordered by their bytes
(``COLLATE "C"``): a restore into a database with another default collation must not reorder
them and so change the hash.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from typing import Any, TypedDict

from django.db.backends.base.base import BaseDatabaseWrapper

# PostgreSQL type OIDs of text columns (text, varchar, bpchar, name): ordered with "C".
_PG_TEXT_TYPES = {25, 1043, 1042, 19}
CHUNK_ROWS = 2000


class Fingerprint(TypedDict):
    rows: int
    sha256: str


def table_fingerprints(connection: BaseDatabaseWrapper) -> dict[str, Fingerprint]:
    """Row count and content hash of every table of ``connection``, by table name."""
    with connection.cursor() as cursor:
        tables = sorted(connection.introspection.table_names(cursor))
        plans = {table: _plan(connection, cursor, table) for table in tables}
    return {table: _fingerprint(connection, table, *plans[table]) for table in tables}


def _plan(connection: BaseDatabaseWrapper, cursor, table: str) -> tuple[list[str], list[str]]:
    """The table's columns (in their defined order) and the ORDER BY terms that read it."""
    description = connection.introspection.get_table_description(cursor, table)
    columns = [column.name for column in description]
    keys = connection.introspection.get_primary_key_columns(cursor, table) or []
    text_columns = {column.name for column in description
                    if connection.vendor == "postgresql" and column.type_code in _PG_TEXT_TYPES}
    quote = connection.ops.quote_name
    if keys:
        order = [f'{quote(k)} COLLATE "C"' if k in text_columns else quote(k) for k in keys]
    else:  # no key: every column, by its text form, so equal rows are simply adjacent
        order = [f"CAST({quote(c)} AS TEXT)" + (' COLLATE "C"'
                                               if connection.vendor == "postgresql" else "")
                 for c in columns]
    return columns, order


def _fingerprint(connection: BaseDatabaseWrapper, table: str, columns: list[str],
                 order: list[str]) -> Fingerprint:
    quote = connection.ops.quote_name
    sql = (f"SELECT {', '.join(quote(c) for c in columns)} FROM {quote(table)}"
           + (f" ORDER BY {', '.join(order)}" if order else ""))
    digest = hashlib.sha256(_line(columns))  # the columns too: a changed schema shows
    rows = 0
    with connection.chunked_cursor() as cursor:
        cursor.execute(sql)
        while chunk := cursor.fetchmany(CHUNK_ROWS):
            for row in chunk:
                digest.update(_line(row))
            rows += len(chunk)
    return {"rows": rows, "sha256": digest.hexdigest()}


def _line(values) -> bytes:
    """One row as a line of JSON: unambiguous (strings are quoted and escaped) and the same
    for the same values whatever the driver returns them as."""
    return json.dumps(list(values), default=_plain, ensure_ascii=False,
                      separators=(",", ":"), sort_keys=True).encode("utf-8") + b"\n"


def _plain(value: Any) -> Any:
    """Values JSON does not know: bytes as tagged hex, aware times in UTC, the rest as text
    (Decimal, UUID, intervals, addresses)."""
    if isinstance(value, bytes | bytearray | memoryview):
        return {"hex": bytes(value).hex()}
    if isinstance(value, dt.datetime) and value.tzinfo is not None:
        return value.astimezone(dt.UTC).isoformat()
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    return str(value)

"""Write the kaart as an HSDS 3 tabular datapackage: a folder or a .zip with datapackage.json
and one CSV per table (layout in kaart/hsds/tables.py).

Rows are read from the database in chunks and written as they come, so a kaart of 100,000
services never sits in memory as a whole. The output appears only when complete: it is written
beside the target under a temporary name and then moved into place.
"""

from __future__ import annotations

import contextlib
import csv
import datetime as dt
import io
import json
import os
import shutil
import tempfile
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TextIO

from wijkkracht.errors import WijkkrachtError
from wijkkracht.kaart.hsds.spec import ENTITIES
from wijkkracht.kaart.hsds.tables import (
    EXTRA_COLUMN,
    FILES,
    SIDE_TABLES,
    SideTable,
    columns,
    extension_columns,
    foreign_keys,
    program_id,
    required_columns,
    side_items,
    side_link,
)

Opener = Callable[[str], contextlib.AbstractContextManager[TextIO]]


def cell(value) -> str:
    """One CSV cell: empty for absent, whole numbers without '.0', ids and dates as text."""
    if value is None:
        return ""
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    return str(value)  # text, and ids and dates in their standard form


def _side_keys(name: str, extra: dict) -> set[str]:
    """The keys of ``extra`` that go to a side table rather than to ``nl_extra``."""
    return {t.key for t in SIDE_TABLES
            if name in t.holders and side_items(t, name, extra.get(t.key))}


def _main_rows(name: str) -> Iterator[list[str]]:
    entity = ENTITIES[name]
    fks = foreign_keys(name)
    extensions = list(extension_columns(name).values())
    rows = entity.model.objects.order_by("pk").iterator(chunk_size=2000)
    for row in rows:
        extra = row.extra or {}
        moved = _side_keys(name, extra)
        kept = {k: v for k, v in extra.items() if k not in moved}
        program = [cell(program_id(extra))] if name == "service" else []
        yield [cell(row.pk), *(cell(getattr(row, f.attr)) for f in fks), *program,
               *(cell(getattr(row, key)) for key in entity.scalars),
               *(cell(getattr(row, key)) for key in extensions),
               json.dumps(kept, ensure_ascii=False) if kept else ""]


def _side_columns(table: SideTable) -> list[str]:
    links = [table.link] if table.link else [f"{h}_id" for h in table.holders]
    return ["id", *links, *table.fields]


def _side_rows(table: SideTable) -> Iterator[list[str]]:
    """Rows of a side table. These lists are short (funding, documents ...) and one item may be
    held twice (the same funding on a service and its organisation), so the rows are gathered
    by id first and an item held by two records becomes one row naming both."""
    header = _side_columns(table)
    rows: dict[str, dict] = {}
    for holder in table.holders:
        model = ENTITIES[holder].model
        held = (model.objects.filter(**{"extra__has_key": table.key}).order_by("pk")
                .values_list("pk", "extra").iterator(chunk_size=2000))
        link = side_link(table, holder)
        for pk, extra in held:
            items = extra.get(table.key)
            if not side_items(table, holder, items):
                continue
            for item in items:
                same = rows.get(item["id"])
                if same is not None and {k: v for k, v in same.items() if k in item} == item \
                        and link not in same:
                    same[link] = str(pk)
                else:
                    key = item["id"] if same is None else (item["id"], holder, str(pk))
                    rows[key] = {**item, link: str(pk)}
    for values in rows.values():
        yield [values.get(column, "") for column in header]


def _field(name: str, kind: str, required: bool) -> dict:
    out: dict = {"name": name, "type": kind}
    if required:
        out["constraints"] = {"required": True}
    return out


def descriptor() -> dict:
    """datapackage.json: the tables with their columns, types, keys and references."""
    resources = []
    for name, file in FILES.items():
        entity = ENTITIES[name]
        required = set(required_columns(name))
        fields = [_field(c, "number" if c in entity.numbers else
                         "object" if c == EXTRA_COLUMN else "string", c in required)
                  for c in columns(name)]
        references = [{"fields": f.column, "reference": {"resource": f.target, "fields": "id"}}
                      for f in foreign_keys(name) if f.target]
        resources.append({"name": name, "path": file, "profile": "tabular-data-resource",
                          "schema": {"fields": fields, "primaryKey": "id",
                                     "foreignKeys": references}})
    for table in SIDE_TABLES:
        fields = [_field(c, "string", c == "id") for c in _side_columns(table)]
        resources.append({"name": table.resource, "path": table.file,
                          "profile": "tabular-data-resource",
                          "schema": {"fields": fields, "primaryKey": "id"}})
    return {"name": "wijkkracht-sociale-kaart", "title": "Sociale kaart (HSDS 3)",
            "profile": "tabular-data-package", "version": "3.0",
            "description": "Sociale kaart uit Wijkkracht in de tabelvorm van Open Referral "
                           "HSDS 3.0, met Nederlandse uitbreidingen in kolommen die met nl_ "
                           "beginnen.",
            "created": dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat(),
            "resources": resources}


def _write_all(open_member: Opener) -> dict[str, int]:
    counts: dict[str, int] = {}
    with open_member("datapackage.json") as out:
        json.dump(descriptor(), out, ensure_ascii=False, indent=2)
        out.write("\n")
    tables = [(FILES[name], columns(name), _main_rows(name)) for name in FILES]
    tables += [(t.file, _side_columns(t), _side_rows(t)) for t in SIDE_TABLES]
    for file, header, rows in tables:
        with open_member(file) as out:
            writer = csv.writer(out, lineterminator="\n")
            writer.writerow(header)
            n = 0
            for n, row in enumerate(rows, start=1):  # noqa: B007 (n is the count)
                writer.writerow(row)
            counts[file] = n
    return counts


def write_package(target: Path) -> dict[str, int]:
    """Write the kaart to ``target`` (a .zip file, or else a folder that does not exist yet or
    is empty). Returns the number of rows per file."""
    target = Path(target)
    as_zip = target.suffix.lower() == ".zip"
    if not as_zip and target.exists() and (not target.is_dir() or any(target.iterdir())):
        raise WijkkrachtError(f"{target} bestaat al en is geen lege map; kies een nieuwe map "
                              "of een bestandsnaam die op .zip eindigt.")
    parent = target.resolve().parent
    if not parent.is_dir():
        raise WijkkrachtError(f"de map {parent} bestaat niet.")
    if as_zip:
        fd, tmp = tempfile.mkstemp(prefix=".kaart-", suffix=".zip", dir=parent)
        os.close(fd)
        try:
            with zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as archive:

                @contextlib.contextmanager
                def member(name: str):
                    with archive.open(name, "w") as raw, io.TextIOWrapper(
                            raw, encoding="utf-8", newline="") as text:
                        yield text

                counts = _write_all(member)
            os.replace(tmp, target)
        finally:
            Path(tmp).unlink(missing_ok=True)
        return counts
    tmp_dir = Path(tempfile.mkdtemp(prefix=".kaart-", dir=parent))
    try:
        def member_file(name: str):
            return open(tmp_dir / name, "w", encoding="utf-8", newline="")

        counts = _write_all(member_file)
        if target.exists():
            target.rmdir()
        tmp_dir.rename(target)
    finally:
        shutil.rmtree(tmp_dir, ignore_errors=True)
    return counts

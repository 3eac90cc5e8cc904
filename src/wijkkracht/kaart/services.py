"""What the command line (and later the pages and API) call to move a kaart in and out."""

from __future__ import annotations

import json
from pathlib import Path

from wijkkracht.kaart.hsds.exporter import export_services
from wijkkracht.kaart.hsds.importer import ImportResult, import_records, read_records


def import_hsds_json(path: Path, schemas: Path | None = None) -> ImportResult:
    """Import a file of HSDS 3 service objects, all or nothing."""
    return import_records(read_records(path), schemas)


def load_demo_kaart() -> tuple[int, bool]:
    """Put the Haarlem demo kaart (kaart/demo.py) in the database unless it is there already.

    Returns the number of demo services and whether they were loaded now (False: skipped)."""
    from wijkkracht.kaart import demo
    from wijkkracht.kaart.models import Service

    services = demo.generate()
    ids = [s["id"] for s in services]
    if Service.objects.filter(pk__in=ids).count() == len(ids):
        return len(ids), False
    import_records(services)
    return len(ids), True


def export_hsds_json() -> str:
    """The whole kaart as HSDS 3 JSON text (UTF-8, indented, ending in a newline)."""
    return json.dumps(export_services(), ensure_ascii=False, indent=2) + "\n"

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


def need_taxonomy_json() -> str:
    """The need taxonomy in use, as the JSON a functional administrator edits."""
    from wijkkracht.kaart.core.search.needs import DEFAULT_PATH
    from wijkkracht.kaart.models import NeedTaxonomy

    saved = NeedTaxonomy.objects.order_by("-pk").values_list("data", flat=True).first()
    if saved is None:
        return DEFAULT_PATH.read_text(encoding="utf-8")
    return json.dumps(saved, ensure_ascii=False, indent=1) + "\n"


def save_need_taxonomy(text: str, user=None, note: str = "") -> int:
    """Check a new need taxonomy, keep it as the newest version and analyse the kaart again
    with it, all or nothing; a ``TaxonomyError`` says in Dutch what is wrong and where.
    Returns the number of needs."""
    from django.db import transaction

    from wijkkracht.kaart.core.search.needs import TaxonomyError, parse
    from wijkkracht.kaart.indexing import reindex
    from wijkkracht.kaart.models import NeedTaxonomy

    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise TaxonomyError(f"Geen geldige JSON (regel {exc.lineno}, kolom {exc.colno}); "
                            "er is niets veranderd.") from exc
    found = parse(data, "behoeftentaxonomie")
    with transaction.atomic():
        NeedTaxonomy.objects.create(data=data, saved_by=user, note=note)
        reindex(None)
    return len(found.needs)

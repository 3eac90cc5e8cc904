"""What the command line (and later the pages and API) call to move a kaart in and out."""

from __future__ import annotations

import io
import json
import os
import tempfile
from pathlib import Path

from wijkkracht.errors import WijkkrachtError
from wijkkracht.kaart.hsds.exporter import write_services
from wijkkracht.kaart.hsds.importer import (
    HsdsImportError,
    ImportResult,
    import_records,
    read_records,
    write_plan,
)

EXPORT_FORMATS = ("hsds-json", "datapackage", "xlsx", "csv")
TEMPLATE_FORMATS = ("xlsx", "csv")


def import_hsds_json(path: Path, schemas: Path | None = None) -> ImportResult:
    """Import a file of HSDS 3 service objects, all or nothing."""
    return import_records(read_records(path), schemas)


def import_datapackage(path: Path, schemas: Path | None = None) -> ImportResult:
    """Import an HSDS 3 tabular datapackage (folder or .zip), all or nothing."""
    from wijkkracht.kaart.hsds.package_reader import read_package

    return write_plan(read_package(path, schemas))


def import_spreadsheet(path: Path) -> ImportResult:
    """Import a filled-in spreadsheet template (.xlsx or .csv), all or nothing."""
    from wijkkracht.kaart.spreadsheet.reader import read_spreadsheet

    return write_plan(read_spreadsheet(path))


def import_file(path: Path, schemas: Path | None = None) -> ImportResult:
    """Import any of the kaart's forms, told apart by what the path is: a folder or .zip is a
    datapackage, .xlsx or .csv a spreadsheet, anything else HSDS JSON."""
    path = Path(path)
    if not path.exists():
        raise HsdsImportError(f"bestand {path} bestaat niet.")
    if path.is_file() and path.stat().st_size == 0:
        raise HsdsImportError(f"{path} is leeg; er is niets ingelezen.")
    suffix = path.suffix.lower()
    if path.is_dir() or suffix == ".zip":
        return import_datapackage(path, schemas)
    if suffix in (".xlsx", ".csv"):
        return import_spreadsheet(path)
    return import_hsds_json(path, schemas)


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
    """The whole kaart as HSDS 3 JSON text (UTF-8, indented, ending in a newline); for small
    kaarten and tests: the command line streams with :func:`export_to`."""
    out = io.StringIO()
    write_services(out)
    return out.getvalue()


def _write_text_atomic(target: Path, write) -> int:
    """Stream text into a temporary file beside ``target``, then move it into place."""
    if target.is_dir():
        raise WijkkrachtError(f"{target} is een map; geef een bestandsnaam.")
    parent = target.resolve().parent
    if not parent.is_dir():
        raise WijkkrachtError(f"de map {parent} bestaat niet.")
    fd, tmp = tempfile.mkstemp(prefix=".kaart-", dir=parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as out:
            count = write(out)
        os.replace(tmp, target)
    finally:
        Path(tmp).unlink(missing_ok=True)
    return count


def export_to(fmt: str, target: Path) -> int:
    """Write the kaart in one of :data:`EXPORT_FORMATS` to ``target``; returns the number of
    services written."""
    from wijkkracht.kaart.models import Service

    target = Path(target)
    if fmt == "hsds-json":
        return _write_text_atomic(target, write_services)
    if fmt == "datapackage":
        from wijkkracht.kaart.hsds.package_writer import write_package

        return write_package(target)["services.csv"]
    if fmt in TEMPLATE_FORMATS:
        from wijkkracht.kaart.spreadsheet.writer import write_spreadsheet

        write_spreadsheet(target, fmt, Service.objects.all())
        return Service.objects.count()
    raise WijkkrachtError(f"onbekend formaat '{fmt}'; kies uit {', '.join(EXPORT_FORMATS)}.")


def write_template(target: Path, fmt: str) -> None:
    """An empty spreadsheet template with its instructions."""
    from wijkkracht.kaart.spreadsheet.writer import write_spreadsheet

    write_spreadsheet(Path(target), fmt, None)


def need_taxonomy_json() -> str:
    """The need taxonomy in use, as the JSON a functional administrator edits."""
    from wijkkracht.kaart.core.search.needs import DEFAULT_PATH
    from wijkkracht.kaart.models import NeedTaxonomy

    saved = NeedTaxonomy.objects.order_by("-pk").values_list("data", flat=True).first()
    if saved is None:
        return DEFAULT_PATH.read_text(encoding="utf-8")
    return json.dumps(saved, ensure_ascii=False, indent=1) + "\n"


def add_need_word(word: str, code: str, user=None) -> str:
    """Add ``word`` to the terms of the need ``code`` as a new version of the taxonomy in use
    (checked, kept with who and why, the kaart analysed again); returns the need's label. A
    ``TaxonomyError`` says in Dutch why not: an unknown need, not one word."""
    from wijkkracht.kaart.core.search.needs import TaxonomyError

    word = " ".join(word.split()).lower()
    if not (word.isalpha() and 3 <= len(word) <= 40):
        raise TaxonomyError("Alleen één woord van 3 tot 40 letters kan zo worden toegevoegd.")
    data = json.loads(need_taxonomy_json())
    need = next((n for n in data["needs"] if n.get("code") == code), None)
    if need is None:
        raise TaxonomyError(f"De behoefte '{code}' bestaat niet (meer); er is niets veranderd.")
    if word not in need["terms"]:
        need["terms"].append(word)
        save_need_taxonomy(json.dumps(data, ensure_ascii=False), user,
                           f"'{word}' toegevoegd aan {need['label']}")
    return need["label"]


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

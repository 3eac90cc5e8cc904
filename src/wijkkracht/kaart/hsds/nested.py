"""HSDS 3 objects of a few records, loading only the rows they reach (for the API's pages).

``nested_records`` does for any entity (services, organisations, taxonomy terms) what the
export does for services: it loads the rows the objects reach (``exporter.reachable``) and
writes them with the same exporter, so they are exactly what the HSDS JSON export writes.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable

from wijkkracht.kaart.hsds.exporter import _Exporter, reachable


def nested_records(name: str, ids: Iterable[uuid.UUID]) -> dict[uuid.UUID, dict]:
    """The HSDS 3 objects (entity ``name``: "service", "organization" ...) with these ids, as
    the HSDS JSON export writes them, keyed by id; unknown ids are left out."""
    exporter = _Exporter(reachable(name, ids))
    return {pk: exporter.record(name, row) for pk, row in exporter.by_id[name].items()}

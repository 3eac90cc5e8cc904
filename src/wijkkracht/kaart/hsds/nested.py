"""HSDS 3 objects of a few records, loading only the rows they reach (for the API's pages).

``export_services`` reads the whole kaart once, which suits a full export but not one page of
an API answer. ``nested_records`` walks the HSDS nesting of ``spec.ENTITIES`` from the given
records outwards, one query per entity per level of nesting (the arrays of children, the nested
single objects and the attributes of everything found), so the number of queries depends on
how deep HSDS nests, never on how many records are asked for. The objects come from the same
exporter, so they are exactly what the HSDS JSON export writes.
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from collections.abc import Iterable
from functools import reduce
from operator import or_

from django.db.models import Q

from wijkkracht.kaart.hsds.exporter import _Exporter
from wijkkracht.kaart.hsds.spec import ENTITIES


def _reachable(name: str, ids: Iterable[uuid.UUID]) -> dict[str, dict]:
    """Every row the HSDS objects of these records nest, by entity name and id."""
    by_id: dict[str, dict] = {entity: {} for entity in ENTITIES}
    roots = list(ENTITIES[name].model.objects.filter(pk__in=set(ids)))
    by_id[name].update((row.pk, row) for row in roots)
    new: dict[str, list] = {name: roots}
    while new:
        wanted: dict[str, list[Q]] = defaultdict(list)
        for entity_name, rows in new.items():
            entity = ENTITIES[entity_name]
            pks = [row.pk for row in rows]
            for spec in entity.many:
                column = "link_id" if spec.fk == "link" else f"{spec.fk}_id"
                wanted[spec.entity].append(Q(**{f"{column}__in": pks}))
            for spec in entity.one:
                targets = {getattr(row, f"{spec.fk}_id") for row in rows} - {None}
                targets -= by_id[spec.entity].keys()
                if targets:
                    wanted[spec.entity].append(Q(pk__in=targets))
        new = defaultdict(list)
        for entity_name, conditions in wanted.items():
            loaded = by_id[entity_name]
            for row in ENTITIES[entity_name].model.objects.filter(reduce(or_, conditions)):
                if row.pk not in loaded:
                    loaded[row.pk] = row
                    new[entity_name].append(row)
    return by_id


def nested_records(name: str, ids: Iterable[uuid.UUID]) -> dict[uuid.UUID, dict]:
    """The HSDS 3 objects (entity ``name``: "service", "organization" ...) with these ids, as
    the HSDS JSON export writes them, keyed by id; unknown ids are left out."""
    exporter = _Exporter(_reachable(name, ids))
    return {pk: exporter.record(name, row) for pk, row in exporter.by_id[name].items()}

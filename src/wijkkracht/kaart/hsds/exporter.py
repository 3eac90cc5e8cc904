"""Write the kaart as HSDS 3 JSON: a list of service objects with everything nested, the shape
the HSDS 3 API returns for ``/services/{id}``.

Rules that make a round trip exact up to normalisation: absent and ``null`` are the same (we
never write ``null``), as are an absent and an empty array (we never write an empty array);
arrays of records come ordered by id; a reference to the enclosing record (a phone's
``service_id`` inside its service) is implied by nesting and not written, and a reference with
the referenced object nested beside it (``taxonomy_term_id`` with ``taxonomy_term``) is written
as the nested object only; ids are written in lower-case canonical form; whole-number numbers
are written as integers. Dutch extensions carry the ``nl_`` prefix, except where plain HSDS 3
already says the same (docs/kaart-demo.md): ``nl_access`` and ``nl_formality`` are left out when
the service has an attribute in taxonomy ``wijkkracht-toegang`` / ``wijkkracht-vorm`` with that
code, ``nl_wijk_code`` when the location's ``cbs_wijkcode`` external identifier is that code.
The keeper of an entry is written only as a contact (``nl_keeper_contact_id``), never as a
user account.
"""

from __future__ import annotations

import datetime as dt
import json
import uuid
from collections import defaultdict
from collections.abc import Iterable, Iterator
from functools import reduce
from operator import or_
from typing import TextIO

from django.db.models import Q

from wijkkracht.kaart import models as m
from wijkkracht.kaart.hsds.importer import TAXONOMY_EXTENSIONS, WIJK_IDENTIFIER_TYPE
from wijkkracht.kaart.hsds.spec import ENTITIES


def _value(value):
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, uuid.UUID):
        return str(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


# Services per chunk: the records one chunk reaches are held in memory, never the whole kaart.
CHUNK = 500


def _column(fk: str) -> str:
    return "link_id" if fk == "link" else f"{fk}_id"


def reachable(name: str, ids: Iterable[uuid.UUID]) -> dict[str, dict]:
    """Every row the HSDS objects of these records (entity ``name``) nest, by entity name and
    id: walked outwards one query per entity per level of nesting, so the number of queries
    depends on how deep HSDS nests, never on how many records are asked for."""
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
                wanted[spec.entity].append(Q(**{f"{_column(spec.fk)}__in": pks}))
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


class _Exporter:
    """Writes HSDS objects from rows already loaded (``reachable``), indexed by id and parent."""

    def __init__(self, by_id: dict[str, dict]) -> None:
        self.by_id = by_id
        self.children: dict[tuple[str, str], dict] = {}
        for entity in ENTITIES.values():
            for spec in entity.many:
                key = (spec.entity, spec.fk)
                if key in self.children:
                    continue
                index = defaultdict(list)
                column = _column(spec.fk)
                for row in self.by_id[spec.entity].values():
                    parent = getattr(row, column)
                    if parent is not None:
                        index[parent].append(row)
                for rows in index.values():
                    rows.sort(key=lambda r: str(r.pk))
                self.children[key] = index

    def implied(self, name: str, row) -> dict:
        """Extension values that the plain-HSDS fields of this record already carry."""
        if name == "location":
            if row.external_identifier_type == WIJK_IDENTIFIER_TYPE:
                return {"wijk_code": row.external_identifier}
            return {}
        if name != "service":
            return {}
        out = {}
        terms = self.by_id["taxonomy_term"]
        for attribute in self.children[("attribute", "link")].get(row.pk, ()):
            term = terms.get(attribute.taxonomy_term_id)
            field_name = TAXONOMY_EXTENSIONS.get(term.taxonomy if term else None)
            if field_name:
                out[field_name] = term.code
        return out

    def record(self, name: str, row) -> dict:
        entity = ENTITIES[name]
        out: dict = {"id": str(row.pk)}
        for key in entity.scalars:
            value = getattr(row, key)
            if value is not None:
                out[key] = _value(value)
        implied = self.implied(name, row)
        for key, attr in entity.extensions.items():
            value = getattr(row, attr)
            if value is not None and implied.get(attr) != value:
                out[key] = _value(value)
        for spec in entity.one:
            target = getattr(row, f"{spec.fk}_id")
            if target is None:
                continue
            nested = self.by_id[spec.entity].get(target)
            if nested is not None:
                out[spec.key] = self.record(spec.entity, nested)
            else:
                out[spec.id_key] = str(target)
        for spec in entity.many:
            items = self.children[(spec.entity, spec.fk)].get(row.pk)
            if items:
                out[spec.key] = [self.record(spec.entity, item) for item in items]
        for key, value in row.extra.items():
            out.setdefault(key, value)
        return out


def _ordered_ids(ids=None) -> list:
    services = m.Service.objects.order_by("name", "pk")
    if ids is not None:
        services = services.filter(pk__in=[uuid.UUID(str(i)) for i in ids])
    rows = list(services.values_list("name", "pk"))
    rows.sort(key=lambda r: (r[0], str(r[1])))  # the same order on every database
    return [pk for _name, pk in rows]


def iter_services(ids=None) -> Iterator[dict]:
    """All services (or those with the given ids) as HSDS 3 JSON objects, by name then id,
    one chunk of services in memory at a time."""
    ordered = _ordered_ids(ids)
    for start in range(0, len(ordered), CHUNK):
        chunk = ordered[start:start + CHUNK]
        exporter = _Exporter(reachable("service", chunk))
        for pk in chunk:
            yield exporter.record("service", exporter.by_id["service"][pk])


def export_services(ids=None) -> list[dict]:
    """All services (or those with the given ids) as a list (for tests and small kaarten)."""
    return list(iter_services(ids))


def write_services(out: TextIO, ids=None) -> int:
    """Write the services as a JSON array to a text stream, one service at a time; returns how
    many were written."""
    count = 0
    out.write("[")
    for service in iter_services(ids):
        out.write(",\n" if count else "\n")
        text = json.dumps(service, ensure_ascii=False, indent=2)
        out.write("  " + text.replace("\n", "\n  "))
        count += 1
    out.write("\n]\n" if count else "]\n")
    return count

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
import uuid
from collections import defaultdict

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


class _Exporter:
    def __init__(self, by_id: dict[str, dict] | None = None) -> None:
        """``by_id``: the rows to export from, by entity name and id (default: all of them)."""
        if by_id is None:
            by_id = {name: {row.pk: row for row in entity.model.objects.all()}
                     for name, entity in ENTITIES.items()}
        self.by_id: dict[str, dict] = by_id
        self.children: dict[tuple[str, str], dict] = {}
        for entity in ENTITIES.values():
            for spec in entity.many:
                key = (spec.entity, spec.fk)
                if key in self.children:
                    continue
                index = defaultdict(list)
                column = "link_id" if spec.fk == "link" else f"{spec.fk}_id"
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


def export_services(ids=None) -> list[dict]:
    """All services (or those with the given ids) as HSDS 3 JSON objects, by name then id."""
    exporter = _Exporter()
    services = exporter.by_id["service"].values()
    if ids is not None:
        wanted = {uuid.UUID(str(i)) for i in ids}
        services = [s for s in services if s.pk in wanted]
    ordered = sorted(services, key=lambda s: (s.name, str(s.pk)))
    return [exporter.record("service", s) for s in ordered]

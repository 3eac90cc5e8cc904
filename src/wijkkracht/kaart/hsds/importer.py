"""Read HSDS 3 service objects (as the HSDS 3 API returns them) into the kaart tables.

All or nothing: every record is checked first (against the HSDS 3 JSON Schemas when a schema
folder is given, and always against our own structural rules), then everything is written in
one transaction. The first problem refuses the whole file with a Dutch message naming the
record (its index in the array and its id) and the field path. Records are written by id: a
second import of the same ids updates them and never duplicates.

Merging: one id may occur several times in a file (the phone of a service is often also the
phone of its location); the occurrences are merged into one row with every parent it was
listed under, and refused when they state different values. On re-import, the stated fields of
a record replace the stored ones (an absent field becomes empty); arrays, whether modelled or
kept in ``extra``, are replaced only when the record states them; parents from other files are
kept. Children that a re-imported record (a service, or a location, contact ... nested in it)
no longer lists in an array it states are detached from it, and removed if nothing else holds
them: a removed address or phone does not linger.
"""

from __future__ import annotations

import datetime as dt
import json
import uuid
from dataclasses import dataclass, field
from pathlib import Path

from django.db import transaction
from django.db.models import F

from wijkkracht.errors import WijkkrachtError
from wijkkracht.kaart import models as m
from wijkkracht.kaart.hsds.spec import ENTITIES, PARENT_FKS, WRITE_ORDER, Entity

# Dutch extensions carried in plain HSDS 3 (docs/kaart-demo.md): an attribute whose term is in
# one of these taxonomies gives the service field; a location's external identifier of type
# ``cbs_wijkcode`` gives its wijk code. A stated ``nl_`` key wins (an edited value differs from
# the plain form; the exporter then writes the ``nl_`` key, so the round trip holds).
TAXONOMY_EXTENSIONS = {"wijkkracht-toegang": "access", "wijkkracht-vorm": "formality"}
WIJK_IDENTIFIER_TYPE = "cbs_wijkcode"

EXTENSION_CHOICES = {
    "nl_access": tuple(m.Service.Access.values),
    "nl_formality": tuple(m.Service.Formality.values),
}


class HsdsImportError(WijkkrachtError):
    """A file that cannot be imported; nothing was written."""


def _refuse(where: str, problem: str) -> HsdsImportError:
    return HsdsImportError(f"het bestand is niet ingelezen, er is niets opgeslagen. {where}: "
                           f"{problem}")


def read_records(path: Path) -> list:
    """The service objects in a file: a JSON array, an HSDS page object (``contents``) or one
    service object."""
    try:
        text = Path(path).read_text(encoding="utf-8")
    except FileNotFoundError:
        raise HsdsImportError(f"bestand {path} bestaat niet.") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise HsdsImportError(f"bestand {path} is niet te lezen als UTF-8-tekst ({exc}).") from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise HsdsImportError(f"{path} is geen geldige JSON (regel {exc.lineno}, kolom "
                              f"{exc.colno}: {exc.msg}).") from None
    return records_of(data)


def records_of(data) -> list:
    if isinstance(data, dict) and isinstance(data.get("contents"), list):
        return data["contents"]
    if isinstance(data, dict) and "id" in data:
        return [data]
    if isinstance(data, list):
        return data
    raise HsdsImportError("verwacht een JSON-lijst met HSDS 3-diensten (of een HSDS-pagina "
                          "met 'contents').")


@dataclass
class Row:
    fields: dict = field(default_factory=dict)
    fks: dict = field(default_factory=dict)
    extra: dict = field(default_factory=dict)
    where: str = ""


@dataclass
class Plan:
    rows: dict[str, dict[uuid.UUID, Row]] = field(
        default_factory=lambda: {name: {} for name in ENTITIES})
    # per imported record (entity, id): the ids of the children it lists in each array it
    # states, per (child entity, foreign key), for detaching the ones it no longer lists
    children: dict[tuple[str, uuid.UUID], dict[tuple[str, str], set]] = field(
        default_factory=dict)


def _path(base: str, key: str | int) -> str:
    return f"{base}[{key}]" if isinstance(key, int) else f"{base}.{key}"


class _Collector:
    def __init__(self) -> None:
        self.plan = Plan()
        self.record = ""

    def fail(self, path: str, problem: str):
        raise _refuse(f"{self.record}, veld {path}", problem)

    def collect(self, records: list) -> Plan:
        if not records:
            raise HsdsImportError("het bestand bevat geen diensten.")
        for index, record in enumerate(records):
            rid = record.get("id") if isinstance(record, dict) else None
            self.record = f"record [{index}] (id {rid})" if rid else f"record [{index}]"
            self.walk("service", record, f"[{index}]", None)
        return self.plan

    def uuid(self, value, path: str) -> uuid.UUID:
        if not isinstance(value, str):
            self.fail(path, "moet een UUID als tekst zijn.")
        try:
            return uuid.UUID(value)
        except ValueError:
            self.fail(path, f"'{value}' is geen geldige UUID.")

    def scalar(self, entity: Entity, key: str, value, path: str):
        if value is None:
            return None
        if key in entity.numbers:
            if isinstance(value, bool) or not isinstance(value, int | float):
                self.fail(path, "moet een getal zijn.")
            return value
        if not isinstance(value, str):
            self.fail(path, "moet tekst zijn.")
        if key in entity.uuids:
            return self.uuid(value, path)
        allowed = entity.enums.get(key)
        if allowed and value not in allowed:
            self.fail(path, f"'{value}' is geen toegestane waarde; kies uit: "
                            f"{', '.join(allowed)}.")
        return value

    def extension(self, key: str, value, path: str):
        if value is None:
            return None
        if not isinstance(value, str):
            self.fail(path, "moet tekst zijn.")
        if key in EXTENSION_CHOICES and value not in EXTENSION_CHOICES[key]:
            self.fail(path, f"'{value}' is geen toegestane waarde; kies uit: "
                            f"{', '.join(EXTENSION_CHOICES[key])}.")
        if key == "nl_last_checked":
            try:
                return dt.date.fromisoformat(value)
            except ValueError:
                self.fail(path, f"'{value}' is geen datum (JJJJ-MM-DD).")
        if key.endswith("_id"):
            return self.uuid(value, path)
        return value

    def walk(self, name: str, obj, path: str, parent: tuple[str, uuid.UUID] | None):
        entity = ENTITIES[name]
        if not isinstance(obj, dict):
            self.fail(path, f"een {entity.label} moet een JSON-object zijn.")
        if "id" not in obj:
            self.fail(_path(path, "id"), f"verplicht veld van een {entity.label} ontbreekt.")
        rid = self.uuid(obj["id"], _path(path, "id"))
        for key in entity.required:
            if obj.get(key) is None:
                self.fail(_path(path, key), f"verplicht veld van een {entity.label} ontbreekt.")
        row = Row(where=f"{self.record}, veld {path}")
        parent_key = None
        if parent:
            fk, parent_id = parent
            parent_key = "link_id" if fk == "link" else f"{fk}_id"
            row.fks["link_id" if fk == "link" else fk] = parent_id
        many = {x.key: x for x in entity.many}
        one = {x.key: x for x in entity.one}
        one_ids = {x.id_key: x for x in entity.one}
        for key, value in obj.items():
            sub = _path(path, key)
            if key == "id":
                continue
            if key in entity.scalars:
                row.fields[key] = self.scalar(entity, key, value, sub)
            elif key in entity.extensions:
                row.fields[entity.extensions[key]] = self.extension(key, value, sub)
            elif key in many:
                if value is None:
                    continue
                if not isinstance(value, list):
                    self.fail(sub, "moet een lijst zijn.")
                spec = many[key]
                ids = set()
                for i, child in enumerate(value):
                    ids.add(self.walk(spec.entity, child, _path(sub, i), (spec.fk, rid)))
                children = self.plan.children.setdefault((name, rid), {})
                children.setdefault((spec.entity, spec.fk), set()).update(ids)
            elif key in one:
                if value is None:
                    continue
                spec = one[key]
                child_id = self.walk(spec.entity, value, sub, None)
                stated = obj.get(spec.id_key)
                if stated is not None and self.uuid(stated, _path(path, spec.id_key)) != child_id:
                    self.fail(_path(path, spec.id_key),
                              f"verwijst naar een andere {ENTITIES[spec.entity].label} dan het "
                              f"object in '{key}'.")
                row.fks[spec.fk] = child_id
            elif key == parent_key:
                if value is not None and self.uuid(value, sub) != parent[1]:
                    self.fail(sub, "verwijst naar een ander record dan waar het in staat.")
            elif key in one_ids and key not in ("organization_id", "location_id"):
                # a reference without the nested object (a term or taxonomy held elsewhere)
                if value is not None and one_ids[key].key not in obj:
                    row.fks[one_ids[key].fk] = self.uuid(value, sub)
            else:
                row.extra[key] = value
        if name == "service":
            self.taxonomy_extensions(obj, row, path)
        elif name == "location" and obj.get("external_identifier_type") == WIJK_IDENTIFIER_TYPE:
            self.derived(row, "wijk_code", obj.get("external_identifier"))
        self.merge(name, rid, row)
        return rid

    def derived(self, row: Row, field_name: str, value) -> None:
        """Fill an extension field from its plain-HSDS form unless the ``nl_`` key states it."""
        if value is not None and row.fields.get(field_name) is None:
            row.fields[field_name] = value

    def taxonomy_extensions(self, obj: dict, row: Row, path: str) -> None:
        found: dict[str, str] = {}
        for i, attribute in enumerate(obj.get("attributes") or ()):
            term = attribute.get("taxonomy_term") if isinstance(attribute, dict) else None
            field_name = TAXONOMY_EXTENSIONS.get((term or {}).get("taxonomy"))
            if field_name is None:
                continue
            where = _path(_path(_path(path, "attributes"), i), "taxonomy_term")
            code = term.get("code")
            key = f"nl_{field_name}"
            if code not in EXTENSION_CHOICES[key]:
                self.fail(_path(where, "code"), f"'{code}' is geen toegestane waarde; kies "
                                               f"uit: {', '.join(EXTENSION_CHOICES[key])}.")
            if found.get(field_name, code) != code:
                self.fail(where, f"de dienst heeft twee verschillende waarden in taxonomie "
                                 f"'{term['taxonomy']}'.")
            found[field_name] = code
            self.derived(row, field_name, code)

    def merge(self, name: str, rid: uuid.UUID, row: Row) -> None:
        rows = self.plan.rows[name]
        if rid not in rows:
            rows[rid] = row
            return
        old = rows[rid]
        label = ENTITIES[name].label
        for mine, theirs, what in ((old.fields, row.fields, "veld"), (old.extra, row.extra, "veld"),
                                   (old.fks, row.fks, "koppeling")):
            for key, value in theirs.items():
                if key in mine and mine[key] is not None and value is not None \
                        and mine[key] != value:
                    raise _refuse(row.where, f"{label} {rid} staat ook elders in het bestand "
                                             f"({old.where}) met een andere waarde voor {what} "
                                             f"'{key}'.")
                if mine.get(key) is None:
                    mine[key] = value


def _schema_check(records: list, schemas: Path) -> None:
    from wijkkracht.kaart.hsds.schemas import validate_services

    validate_services(records, schemas)


def plan_import(records: list, schemas: Path | None = None) -> Plan:
    if not isinstance(records, list):
        raise HsdsImportError("verwacht een JSON-lijst met HSDS 3-diensten.")
    if schemas is not None:
        _schema_check(records, schemas)
    return _Collector().collect(records)


@dataclass
class ImportResult:
    created: dict[str, int]
    updated: dict[str, int]

    @property
    def services(self) -> int:
        return self.created.get("service", 0) + self.updated.get("service", 0)


def _check_references(plan: Plan) -> None:
    contacts = plan.rows["contact"]
    for rid, row in plan.rows["service"].items():
        for key in ("contact_person_id", "keeper_contact_id"):
            target = row.fields.get(key)
            if target and target not in contacts \
                    and not m.Contact.objects.filter(pk=target).exists():
                raise _refuse(row.where, f"nl_{key} van dienst {rid} verwijst naar "
                                         f"contactpersoon {target}, die niet bestaat.")


@transaction.atomic
def write_plan(plan: Plan) -> ImportResult:
    _check_references(plan)
    created: dict[str, int] = {}
    updated: dict[str, int] = {}
    for name in WRITE_ORDER:
        entity = ENTITIES[name]
        model = entity.model
        rows = plan.rows[name]
        if not rows:
            continue
        existing = {obj.pk: obj for obj in model.objects.filter(pk__in=list(rows))}
        stated = [*entity.scalars, *entity.extensions.values()]
        new = []
        for rid, row in rows.items():
            obj = existing.get(rid) or model(pk=rid)
            for key in stated:
                setattr(obj, key, row.fields.get(key))
            for fk, target in row.fks.items():
                setattr(obj, f"{fk}_id" if fk != "link_id" else fk, target)
            # arrays and objects we keep verbatim are replaced only when stated, like the
            # modelled arrays: a summary shape (HSDS list pages) must not wipe them
            kept = {k: v for k, v in (obj.extra or {}).items()
                    if isinstance(v, list | dict) and k not in row.extra}
            obj.extra = {**kept, **row.extra}
            if rid in existing:
                obj.save(force_update=True)
            else:
                new.append(obj)
        # one INSERT per batch rather than per record (no model here overrides save())
        model.objects.bulk_create(new, batch_size=500)
        for counts, n in ((created, len(new)), (updated, len(rows) - len(new))):
            if n:
                counts[name] = n
        if model is m.Service and existing:
            # an import changes what a reviewer may have open (kaart.services_workflow): the
            # version moves on, so accepting an older view is a conflict, not an overwrite
            m.Service.objects.filter(pk__in=list(existing)).update(version=F("version") + 1)
    _detach_dropped(plan)
    if plan.rows["location"]:
        from wijkkracht.kaart.places import place_locations  # needs the importer's names

        place_locations(plan.rows["location"])
    _reindex_touched(plan)
    return ImportResult(created, updated)


# Children that belong to their one parent alone (CASCADE, not nullable): dropped means deleted.
_OWNED = ("service_at_location", "address", "accessibility")


def _still_used(child: str, ids: list) -> set:
    """Records referenced from elsewhere than the parent foreign keys: a location that a
    service is offered at, a contact that is a service's fixed contact person or keeper."""
    if child == "location":
        return set(m.ServiceAtLocation.objects.filter(location_id__in=ids)
                   .values_list("location_id", flat=True))
    if child == "contact":
        used = set()
        for key in ("contact_person_id", "keeper_contact_id"):
            used |= set(m.Service.objects.filter(**{f"{key}__in": ids})
                        .values_list(key, flat=True))
        return used
    return set()


def _reindex_touched(plan: Plan) -> None:
    """Refresh the search documents of every service whose text this import may change: the
    services themselves, those of a renamed organisation and those with a renamed term."""
    from wijkkracht.kaart.indexing import reindex  # the indexer reads through the exporter

    touched = set(plan.rows["service"])
    if len(touched) + len(plan.rows["organization"]) + len(plan.rows["taxonomy_term"]) > 2000:
        reindex(None)  # a large import: rebuilding is simpler than diffing, and as correct
        return
    if plan.rows["organization"]:
        touched.update(m.Service.objects.filter(organization_id__in=list(plan.rows["organization"]))
                       .values_list("pk", flat=True))
    if plan.rows["taxonomy_term"]:
        touched.update(m.Attribute.objects.filter(taxonomy_term_id__in=list(plan.rows["taxonomy_term"]))
                       .values_list("link_id", flat=True))
        touched &= set(m.Service.objects.filter(pk__in=list(touched)).values_list("pk", flat=True))
    reindex(touched)


def _detach_dropped(plan: Plan) -> None:
    """Children a record lists no more (only for the arrays the file states).

    One query per kind of child and parent key, not per record: a first import of a whole
    kaart states thousands of arrays, and a query each made it take minutes."""
    keep_by_kind: dict[tuple[str, str], dict[uuid.UUID, set]] = {}
    for (_parent, parent_id), children in plan.children.items():
        for kind, keep in children.items():
            keep_by_kind.setdefault(kind, {})[parent_id] = set(keep)
    for (child, fk), keep in keep_by_kind.items():
        model = ENTITIES[child].model
        column = "link_id" if fk == "link" else f"{fk}_id"
        listed = model.objects.filter(**{f"{column}__in": list(keep)}).values_list("pk", column)
        ids = [pk for pk, parent_id in listed if pk not in keep[parent_id]]
        if not ids:
            continue
        if fk == "link" or child in _OWNED:
            model.objects.filter(pk__in=ids).delete()
            continue
        model.objects.filter(pk__in=ids).update(**{fk: None})
        orphan = {f"{other}__isnull": True for other in PARENT_FKS[child]}
        unused = set(model.objects.filter(pk__in=ids, **orphan).values_list("pk", flat=True))
        unused -= _still_used(child, list(unused))
        if unused:
            m.Attribute.objects.filter(link_id__in=unused).delete()
            model.objects.filter(pk__in=unused).delete()


def import_records(records: list, schemas: Path | None = None) -> ImportResult:
    """Check everything, then write everything (or nothing)."""
    return write_plan(plan_import(records, schemas))

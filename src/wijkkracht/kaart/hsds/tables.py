"""The HSDS 3 tabular form of the kaart: one CSV file per table, as in the HSDS 3 datapackage.

Each modelled entity is one table whose columns are the HSDS fields, the foreign keys to its
parents (``service_id``, ``location_id`` ...) and our extensions: the ``nl_`` fields of
kaart/hsds/spec.py and ``nl_extra``, a JSON object with the keys we keep verbatim (vendor
extensions, and lists that do not fit a side table). HSDS tables we do not model (funding,
programs, required documents, organization identifiers, metadata) are side tables: their rows
are items of a list in their holder's ``extra`` (``funding`` of a service or organisation ...),
the holder named by the table's link column, which is implied by the nesting in HSDS JSON.
"""

from __future__ import annotations

from dataclasses import dataclass

from wijkkracht.kaart.hsds.spec import ENTITIES, PARENT_FKS

EXTRA_COLUMN = "nl_extra"

# Resource names and file names as in the HSDS 3.0 datapackage.json.
FILES = {
    "organization": "organizations.csv", "service": "services.csv",
    "attribute": "attributes.csv", "service_at_location": "service_at_location.csv",
    "location": "locations.csv", "phone": "phones.csv", "contact": "contacts.csv",
    "address": "addresses.csv", "schedule": "schedules.csv",
    "service_area": "service_areas.csv", "language": "languages.csv",
    "accessibility": "accessibility.csv", "taxonomy_term": "taxonomy_terms.csv",
    "cost_option": "cost_options.csv", "taxonomy": "taxonomies.csv",
}


@dataclass(frozen=True)
class ForeignKey:
    column: str         # CSV column, e.g. "service_id"
    fk: str             # key in importer.Row.fks ("link_id" for attributes)
    attr: str           # model attribute holding the id
    target: str | None  # entity referred to (None: any record, for attribute.link_id)
    checked: bool       # refuse a reference to a record that exists nowhere


def foreign_keys(name: str) -> tuple[ForeignKey, ...]:
    """The reference columns of a table: its parents, then its single nested objects."""
    out = [ForeignKey(f"{fk}_id", fk, f"{fk}_id", fk, True) for fk in PARENT_FKS.get(name, ())]
    for spec in ENTITIES[name].one:
        # a taxonomy may be held elsewhere (HSDS allows a bare taxonomy_id), as in JSON
        out.append(ForeignKey(spec.id_key, spec.fk, f"{spec.fk}_id", spec.entity,
                              spec.entity != "taxonomy"))
    if name == "attribute":
        out.insert(0, ForeignKey("link_id", "link_id", "link_id", None, True))
    return tuple(out)


def extension_columns(name: str) -> dict[str, str]:
    """``nl_`` column -> model attribute."""
    return dict(ENTITIES[name].extensions)


def columns(name: str) -> list[str]:
    entity = ENTITIES[name]
    program = ["program_id"] if name == "service" else []
    return ["id", *(f.column for f in foreign_keys(name)), *program, *entity.scalars,
            *extension_columns(name), EXTRA_COLUMN]


def program_id(extra: dict) -> str | None:
    """The id of a service's program (kept whole in ``nl_extra``; the column is for others)."""
    program = extra.get("program")
    return program.get("id") if isinstance(program, dict) else None


def required_columns(name: str) -> list[str]:
    """Columns a table must have: the id, the required HSDS fields and the one parent a record
    cannot be without."""
    parent = {"service_at_location": "service_id", "address": "location_id",
              "accessibility": "location_id", "attribute": "link_id"}.get(name)
    return ["id", *ENTITIES[name].required, *([parent] if parent else [])]


@dataclass(frozen=True)
class SideTable:
    resource: str       # resource name in datapackage.json
    file: str
    key: str            # key of the list in the holder's extra
    link: str           # column naming the holder
    holders: tuple[str, ...]  # entities that may hold the list
    fields: tuple[str, ...]


SIDE_TABLES = (
    SideTable("funding", "funding.csv", "funding", "", ("organization", "service"),
              ("source",)),
    SideTable("program", "programs.csv", "programs", "organization_id", ("organization",),
              ("name", "alternate_name", "description")),
    SideTable("required_document", "required_documents.csv", "required_documents",
              "service_id", ("service",), ("document", "uri")),
    SideTable("organization_identifier", "organization_identifiers.csv",
              "organization_identifiers", "organization_id", ("organization",),
              ("identifier_scheme", "identifier_type", "identifier")),
    SideTable("metadata", "metadata.csv", "metadata", "resource_id", tuple(ENTITIES),
              ("resource_type", "last_action_date", "last_action_type", "field_name",
               "previous_value", "replacement_value", "updated_by")),
)


def side_link(table: SideTable, holder: str) -> str:
    """The column that names the holder (funding has one per kind of holder)."""
    return table.link or f"{holder}_id"


def side_items(table: SideTable, holder: str, value) -> bool:
    """Whether a list in ``extra`` goes to its side table without loss: a non-empty list of
    objects with a text id and only text values, none stating the holder link itself."""
    link = side_link(table, holder)
    known = {"id", *table.fields}
    return (isinstance(value, list) and bool(value) and all(
        isinstance(item, dict) and isinstance(item.get("id"), str) and link not in item
        and set(item) <= known and all(isinstance(v, str) for v in item.values())
        for item in value))

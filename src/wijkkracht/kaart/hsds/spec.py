"""How HSDS 3 JSON objects nest and map onto the kaart tables.

Each entity names its model, the HSDS scalar fields (same names as the model fields), which of
them are numbers, which are required and which take one of a fixed set of values, and its
nested parts: arrays of child records (linked back by a foreign key on the child) and single
objects (linked by a foreign key on this record). Everything else in an object goes to
``extra`` unchanged.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from wijkkracht.kaart import models as m


@dataclass(frozen=True)
class Many:
    key: str            # JSON key holding the array
    entity: str         # entity name of the items
    fk: str             # field on the child pointing to this record ("link" for attributes)


@dataclass(frozen=True)
class One:
    key: str            # JSON key holding the object
    entity: str
    fk: str             # field on THIS record pointing to the nested one
    id_key: str         # the HSDS id reference that the nested object replaces


@dataclass(frozen=True)
class Entity:
    name: str
    label: str          # Dutch, for messages
    model: type
    scalars: tuple[str, ...]
    required: tuple[str, ...] = ()
    numbers: tuple[str, ...] = ()
    uuids: tuple[str, ...] = ()
    enums: dict[str, tuple[str, ...]] = field(default_factory=dict)
    many: tuple[Many, ...] = ()
    one: tuple[One, ...] = ()
    extensions: dict[str, str] = field(default_factory=dict)  # JSON key -> model field


ATTRS = Many("attributes", "attribute", "link")
TYPES = ("physical", "postal", "virtual")

EXTENSION_PREFIX = "nl_"

ENTITIES: dict[str, Entity] = {e.name: e for e in (
    Entity("service", "dienst", m.Service, (
        "name", "alternate_name", "description", "url", "email", "status",
        "interpretation_services", "application_process", "fees_description", "wait_time",
        "fees", "accreditations", "eligibility_description", "minimum_age", "maximum_age",
        "assured_date", "assurer_email", "licenses", "alert", "last_modified"),
        required=("name", "status"), numbers=("minimum_age", "maximum_age"),
        enums={"status": tuple(m.Service.Status.values)},
        many=(Many("phones", "phone", "service"), Many("schedules", "schedule", "service"),
              Many("service_areas", "service_area", "service"),
              Many("service_at_locations", "service_at_location", "service"),
              Many("languages", "language", "service"),
              Many("cost_options", "cost_option", "service"),
              Many("contacts", "contact", "service"), ATTRS),
        one=(One("organization", "organization", "organization", "organization_id"),),
        extensions={"nl_access": "access", "nl_formality": "formality",
                    "nl_last_checked": "last_checked",
                    "nl_contact_person_id": "contact_person_id",
                    "nl_keeper_contact_id": "keeper_contact_id"}),
    Entity("organization", "organisatie", m.Organization, (
        "name", "alternate_name", "description", "email", "website", "tax_status", "tax_id",
        "year_incorporated", "legal_status", "logo", "uri", "parent_organization_id"),
        required=("name", "description"), numbers=("year_incorporated",),
        uuids=("parent_organization_id",),
        many=(Many("contacts", "contact", "organization"),
              Many("phones", "phone", "organization"),
              Many("locations", "location", "organization"), ATTRS)),
    Entity("service_at_location", "dienst op locatie", m.ServiceAtLocation, ("description",),
           many=(Many("contacts", "contact", "service_at_location"),
                 Many("phones", "phone", "service_at_location"),
                 Many("schedules", "schedule", "service_at_location"), ATTRS),
           one=(One("location", "location", "location", "location_id"),)),
    Entity("location", "locatie", m.Location, (
        "location_type", "url", "name", "alternate_name", "description", "transportation",
        "latitude", "longitude", "external_identifier", "external_identifier_type"),
        required=("location_type",), numbers=("latitude", "longitude"),
        enums={"location_type": TYPES},
        many=(Many("languages", "language", "location"),
              Many("addresses", "address", "location"),
              Many("contacts", "contact", "location"),
              Many("accessibility", "accessibility", "location"),
              Many("phones", "phone", "location"),
              Many("schedules", "schedule", "location"), ATTRS),
        extensions={"nl_wijk_code": "wijk_code", "nl_buurt_code": "buurt_code"}),
    Entity("address", "adres", m.Address, (
        "attention", "address_1", "address_2", "city", "region", "state_province",
        "postal_code", "country", "address_type"),
        required=("address_1", "city", "state_province", "postal_code", "country",
                  "address_type"),
        enums={"address_type": TYPES}, many=(ATTRS,)),
    Entity("accessibility", "toegankelijkheid", m.Accessibility,
           ("description", "details", "url"), many=(ATTRS,)),
    Entity("contact", "contactpersoon", m.Contact, ("name", "title", "department", "email"),
           many=(Many("phones", "phone", "contact"), ATTRS)),
    Entity("phone", "telefoonnummer", m.Phone, ("number", "extension", "type", "description"),
           required=("number",), numbers=("extension",),
           many=(Many("languages", "language", "phone"), ATTRS)),
    Entity("schedule", "openingstijden", m.Schedule, (
        "valid_from", "valid_to", "dtstart", "timezone", "until", "count", "wkst", "freq",
        "interval", "byday", "byweekno", "bymonthday", "byyearday", "description", "opens_at",
        "closes_at", "schedule_link", "attending_type", "notes"),
        numbers=("timezone", "count", "interval"),
        enums={"wkst": ("MO", "TU", "WE", "TH", "FR", "SA", "SU"),
               "freq": ("WEEKLY", "MONTHLY")}, many=(ATTRS,)),
    Entity("service_area", "werkgebied", m.ServiceArea,
           ("name", "description", "extent", "extent_type", "uri"), many=(ATTRS,)),
    Entity("language", "taal", m.Language, ("name", "code", "note"), many=(ATTRS,)),
    Entity("cost_option", "kosten", m.CostOption, (
        "valid_from", "valid_to", "option", "currency", "amount", "amount_description"),
        numbers=("amount",), many=(ATTRS,)),
    Entity("attribute", "kenmerk", m.Attribute, ("link_type", "link_entity", "value"),
           one=(One("taxonomy_term", "taxonomy_term", "taxonomy_term", "taxonomy_term_id"),)),
    Entity("taxonomy_term", "taxonomieterm", m.TaxonomyTerm, (
        "code", "name", "description", "parent_id", "taxonomy", "language", "term_uri"),
        required=("name", "description"), uuids=("parent_id",),
        one=(One("taxonomy_detail", "taxonomy", "taxonomy_detail", "taxonomy_id"),)),
    Entity("taxonomy", "taxonomie", m.Taxonomy, ("name", "description", "uri", "version"),
           required=("name", "description")),
)}

# Foreign keys that point from a record to the parents it can hang under.
PARENT_FKS: dict[str, tuple[str, ...]] = {}
for _e in ENTITIES.values():
    for _many in _e.many:
        if _many.fk != "link":
            PARENT_FKS.setdefault(_many.entity, ())
            if _many.fk not in PARENT_FKS[_many.entity]:
                PARENT_FKS[_many.entity] += (_many.fk,)

# Order of writing: what others point to comes first.
WRITE_ORDER = ("taxonomy", "taxonomy_term", "organization", "location", "address",
               "accessibility", "service", "service_at_location", "contact", "phone",
               "schedule", "language", "service_area", "cost_option", "attribute")

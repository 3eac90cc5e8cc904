"""The sociale kaart stored after HSDS 3 (Open Referral's Human Services Data Specification).

Tables and field names follow HSDS 3 so the mapping in ``kaart.hsds`` stays one-to-one; every
primary key is the record's HSDS UUID, kept through import and export. Text fields are nullable:
``None`` means "absent in HSDS" and an empty string stays an empty string, so a round trip loses
nothing. HSDS "number" fields are floats. Keys we do not model (funding, programs,
required_documents, metadata, organization_identifiers, vendor extensions) are kept verbatim in
each record's ``extra`` JSON. A record may hang under several parents at once (a phone of a
service that is also the phone of its location), as in the HSDS tabular form: one row, several
foreign keys.

Dutch practice sits on top as extension fields: the CBS wijk and buurt of a location, and on a
service the fixed contact person, how to get in, formal or informal, and who keeps the entry up
to date with the date it was last checked.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models


def _text():
    return models.TextField(null=True, blank=True)


def _number():
    return models.FloatField(null=True, blank=True)


def _parent(model: str, related_name: str):
    # SET_NULL, not CASCADE: a record may hang under several parents (see the module text)
    return models.ForeignKey(model, null=True, blank=True, on_delete=models.SET_NULL,
                             related_name=related_name)


class HsdsRecord(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4)
    extra = models.JSONField(default=dict, blank=True)

    class Meta:
        abstract = True


class Organization(HsdsRecord):
    name = models.TextField()
    alternate_name = _text()
    description = models.TextField()
    email = _text()
    website = _text()
    tax_status = _text()
    tax_id = _text()
    year_incorporated = _number()
    legal_status = _text()
    logo = _text()
    uri = _text()
    parent_organization_id = models.UUIDField(null=True, blank=True)

    def __str__(self):
        return self.name


class Service(HsdsRecord):
    class Status(models.TextChoices):
        ACTIVE = "active"
        INACTIVE = "inactive"
        DEFUNCT = "defunct"
        TEMPORARILY_CLOSED = "temporarily closed"

    class Access(models.TextChoices):
        """How a resident gets in (Dutch extension)."""
        OPEN = "vrij_toegankelijk", "vrij toegankelijk"
        GP = "via_huisarts", "via de huisarts"
        WMO = "wmo_indicatie", "met Wmo-indicatie"
        WIJKTEAM = "via_wijkteam", "via het wijkteam"

    class Formality(models.TextChoices):
        FORMAL = "formeel", "formeel"
        INFORMAL = "informeel", "informeel"

    organization = models.ForeignKey(Organization, null=True, blank=True,
                                     on_delete=models.SET_NULL, related_name="services")
    name = models.TextField()
    alternate_name = _text()
    description = _text()
    url = _text()
    email = _text()
    status = models.CharField(max_length=20, choices=Status.choices)
    interpretation_services = _text()
    application_process = _text()
    fees_description = _text()
    wait_time = _text()
    fees = _text()
    accreditations = _text()
    eligibility_description = _text()
    minimum_age = _number()
    maximum_age = _number()
    assured_date = _text()
    assurer_email = _text()
    licenses = _text()
    alert = _text()
    last_modified = _text()
    # Dutch extensions
    contact_person = models.ForeignKey("Contact", null=True, blank=True,
                                       on_delete=models.SET_NULL, related_name="+")
    access = models.CharField(max_length=20, choices=Access.choices, null=True, blank=True)
    formality = models.CharField(max_length=10, choices=Formality.choices, null=True,
                                 blank=True)
    keeper_user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                    on_delete=models.SET_NULL, related_name="+")
    keeper_contact = models.ForeignKey("Contact", null=True, blank=True,
                                       on_delete=models.SET_NULL, related_name="+")
    last_checked = models.DateField(null=True, blank=True)

    def __str__(self):
        return self.name


class Location(HsdsRecord):
    class Type(models.TextChoices):
        PHYSICAL = "physical"
        POSTAL = "postal"
        VIRTUAL = "virtual"

    location_type = models.CharField(max_length=10, choices=Type.choices)
    url = _text()
    organization = models.ForeignKey(Organization, null=True, blank=True,
                                     on_delete=models.SET_NULL, related_name="locations")
    name = _text()
    alternate_name = _text()
    description = _text()
    transportation = _text()
    latitude = _number()
    longitude = _number()
    external_identifier = _text()
    external_identifier_type = _text()
    # Dutch extensions: CBS codes, for example WK036301 and BU03630101
    wijk_code = models.CharField(max_length=10, null=True, blank=True, db_index=True)
    buurt_code = models.CharField(max_length=10, null=True, blank=True, db_index=True)

    def __str__(self):
        return self.name or str(self.id)


class Address(HsdsRecord):
    location = models.ForeignKey(Location, on_delete=models.CASCADE, related_name="addresses")
    attention = _text()
    address_1 = models.TextField()
    address_2 = _text()
    city = models.TextField()
    region = _text()
    state_province = models.TextField()
    postal_code = models.TextField()
    country = models.TextField()
    address_type = models.CharField(max_length=10, choices=Location.Type.choices)


class Accessibility(HsdsRecord):
    location = models.ForeignKey(Location, on_delete=models.CASCADE,
                                 related_name="accessibility")
    description = _text()
    details = _text()
    url = _text()


class ServiceAtLocation(HsdsRecord):
    service = models.ForeignKey(Service, on_delete=models.CASCADE,
                                related_name="service_at_locations")
    location = models.ForeignKey(Location, null=True, blank=True, on_delete=models.SET_NULL,
                                 related_name="service_at_locations")
    description = _text()


class Contact(HsdsRecord):
    organization = _parent("Organization", "contacts")
    service = _parent("Service", "contacts")
    service_at_location = _parent("ServiceAtLocation", "contacts")
    location = _parent("Location", "contacts")
    name = _text()
    title = _text()
    department = _text()
    email = _text()


class Phone(HsdsRecord):
    location = _parent("Location", "phones")
    service = _parent("Service", "phones")
    organization = _parent("Organization", "phones")
    contact = _parent("Contact", "phones")
    service_at_location = _parent("ServiceAtLocation", "phones")
    number = models.TextField()
    extension = _number()
    type = _text()
    description = _text()


class Schedule(HsdsRecord):
    """Opening hours, in the iCalendar-like fields of HSDS 3."""

    service = _parent("Service", "schedules")
    location = _parent("Location", "schedules")
    service_at_location = _parent("ServiceAtLocation", "schedules")
    valid_from = _text()
    valid_to = _text()
    dtstart = _text()
    timezone = _number()
    until = _text()
    count = _number()
    wkst = models.CharField(max_length=2, null=True, blank=True)
    freq = models.CharField(max_length=10, null=True, blank=True)
    interval = _number()
    byday = _text()
    byweekno = _text()
    bymonthday = _text()
    byyearday = _text()
    description = _text()
    opens_at = _text()
    closes_at = _text()
    schedule_link = _text()
    attending_type = _text()
    notes = _text()


class ServiceArea(HsdsRecord):
    service = _parent("Service", "service_areas")
    name = _text()
    description = _text()
    extent = _text()
    extent_type = _text()
    uri = _text()


class Language(HsdsRecord):
    service = _parent("Service", "languages")
    location = _parent("Location", "languages")
    phone = _parent("Phone", "languages")
    name = _text()
    code = _text()
    note = _text()


class CostOption(HsdsRecord):
    service = _parent("Service", "cost_options")
    valid_from = _text()
    valid_to = _text()
    option = _text()
    currency = _text()
    amount = _number()
    amount_description = _text()


class Taxonomy(HsdsRecord):
    name = models.TextField()
    description = models.TextField()
    uri = _text()
    version = _text()

    class Meta:
        verbose_name_plural = "taxonomies"

    def __str__(self):
        return self.name


class TaxonomyTerm(HsdsRecord):
    code = _text()
    name = models.TextField()
    description = models.TextField()
    parent_id = models.UUIDField(null=True, blank=True)
    taxonomy = _text()
    # HSDS taxonomy_id; may name a taxonomy we do not hold, hence no database constraint
    taxonomy_detail = models.ForeignKey(Taxonomy, null=True, blank=True,
                                        on_delete=models.DO_NOTHING, db_constraint=False,
                                        db_column="taxonomy_id", related_name="terms")
    language = _text()
    term_uri = _text()

    def __str__(self):
        return self.name


class Attribute(HsdsRecord):
    """Links a taxonomy term to any record (a service, location, phone ...) by its id."""

    link_id = models.UUIDField(db_index=True)
    link_type = _text()
    link_entity = _text()
    value = _text()
    taxonomy_term = models.ForeignKey(TaxonomyTerm, null=True, blank=True,
                                      on_delete=models.DO_NOTHING, db_constraint=False,
                                      related_name="attributes")
from .models_search import (  # noqa: E402,F401
    NeedTaxonomy,
    SearchCategory,
    SearchDocument,
    SearchState,
    SearchVocabulary,
)

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
from django.utils.translation import gettext_lazy as _


def _text(verbose_name):
    return models.TextField(verbose_name, null=True, blank=True)


def _number(verbose_name):
    return models.FloatField(verbose_name, null=True, blank=True)


def _parent(model: str, related_name: str, verbose_name):
    # SET_NULL, not CASCADE: a record may hang under several parents (see the module text)
    return models.ForeignKey(model, null=True, blank=True, on_delete=models.SET_NULL,
                             related_name=related_name, verbose_name=verbose_name)


class HsdsRecord(models.Model):
    id = models.UUIDField(verbose_name=_("id"), primary_key=True, default=uuid.uuid4)
    extra = models.JSONField(verbose_name=_("other HSDS data"), default=dict, blank=True)

    class Meta:
        abstract = True


class Organization(HsdsRecord):
    name = models.TextField(verbose_name=_("name"))
    alternate_name = _text(_("alternate name"))
    description = models.TextField(verbose_name=_("description"))
    email = _text(_("e-mail address"))
    website = _text(_("website"))
    tax_status = _text(_("tax status"))
    tax_id = _text(_("tax number"))
    year_incorporated = _number(_("year founded"))
    legal_status = _text(_("legal status"))
    logo = _text(_("logo"))
    uri = _text(_("URI"))
    parent_organization_id = models.UUIDField(verbose_name=_("parent organisation"), null=True,
                                              blank=True)

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")

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

    organization = models.ForeignKey(Organization, verbose_name=_("organisation"), null=True,
                                     blank=True,
                                     on_delete=models.SET_NULL, related_name="services")
    name = models.TextField(verbose_name=_("name"))
    alternate_name = _text(_("alternate name"))
    description = _text(_("description"))
    url = _text(_("website"))
    email = _text(_("e-mail address"))
    status = models.CharField(verbose_name=_("status"), max_length=20, choices=Status.choices)
    interpretation_services = _text(_("interpretation services"))
    application_process = _text(_("how to apply"))
    fees_description = _text(_("costs"))
    wait_time = _text(_("waiting time"))
    fees = _text(_("fees"))
    accreditations = _text(_("accreditations"))
    eligibility_description = _text(_("who it is for"))
    minimum_age = _number(_("minimum age"))
    maximum_age = _number(_("maximum age"))
    assured_date = _text(_("assured date"))
    assurer_email = _text(_("assurer e-mail address"))
    licenses = _text(_("licences"))
    alert = _text(_("alert"))
    last_modified = _text(_("last modified"))
    # Dutch extensions
    contact_person = models.ForeignKey("Contact", verbose_name=_("fixed contact person"),
                                       null=True, blank=True,
                                       on_delete=models.SET_NULL, related_name="+")
    access = models.CharField(verbose_name=_("access route"), max_length=20,
                              choices=Access.choices, null=True, blank=True)
    formality = models.CharField(verbose_name=_("formal or informal"), max_length=10,
                                 choices=Formality.choices, null=True,
                                 blank=True)
    keeper_user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("keeper (user)"),
                                    null=True, blank=True,
                                    on_delete=models.SET_NULL, related_name="+")
    keeper_contact = models.ForeignKey("Contact", verbose_name=_("keeper (contact)"), null=True,
                                       blank=True,
                                       on_delete=models.SET_NULL, related_name="+")
    last_checked = models.DateField(verbose_name=_("last checked"), null=True, blank=True)
    # Optimistic locking of the editing workflow (models_workflow): every published change
    # raises it, so a reviewer who opened an older version gets a conflict, never a silent
    # overwrite.
    version = models.PositiveIntegerField(_("version"), default=1, editable=False)

    class Meta:
        verbose_name = _("service")
        verbose_name_plural = _("services")

    def __str__(self):
        return self.name


class Location(HsdsRecord):
    class Type(models.TextChoices):
        PHYSICAL = "physical"
        POSTAL = "postal"
        VIRTUAL = "virtual"

    location_type = models.CharField(verbose_name=_("location type"), max_length=10,
                                     choices=Type.choices)
    url = _text(_("website"))
    organization = models.ForeignKey(Organization, verbose_name=_("organisation"), null=True,
                                     blank=True,
                                     on_delete=models.SET_NULL, related_name="locations")
    name = _text(_("name"))
    alternate_name = _text(_("alternate name"))
    description = _text(_("description"))
    transportation = _text(_("how to get there"))
    latitude = _number(_("latitude"))
    longitude = _number(_("longitude"))
    external_identifier = _text(_("external identifier"))
    external_identifier_type = _text(_("external identifier type"))
    # Dutch extensions: CBS codes, for example WK036301 and BU03630101
    wijk_code = models.CharField(verbose_name=_("CBS wijk code"), max_length=10, null=True,
                                 blank=True, db_index=True)
    buurt_code = models.CharField(verbose_name=_("CBS buurt code"), max_length=10, null=True,
                                  blank=True, db_index=True)

    class Meta:
        verbose_name = _("location")
        verbose_name_plural = _("locations")

    def __str__(self):
        return self.name or str(self.id)


class Address(HsdsRecord):
    location = models.ForeignKey(Location, verbose_name=_("location"), on_delete=models.CASCADE,
                                 related_name="addresses")
    attention = _text(_("for the attention of"))
    address_1 = models.TextField(verbose_name=_("street and number"))
    address_2 = _text(_("address line 2"))
    city = models.TextField(verbose_name=_("city"))
    region = _text(_("region"))
    state_province = models.TextField(verbose_name=_("province"))
    postal_code = models.TextField(verbose_name=_("postcode"))
    country = models.TextField(verbose_name=_("country"))
    address_type = models.CharField(verbose_name=_("address type"), max_length=10,
                                    choices=Location.Type.choices)

    class Meta:
        verbose_name = _("address")
        verbose_name_plural = _("addresses")


class Accessibility(HsdsRecord):
    location = models.ForeignKey(Location, verbose_name=_("location"), on_delete=models.CASCADE,
                                 related_name="accessibility")
    description = _text(_("description"))
    details = _text(_("details"))
    url = _text(_("website"))

    class Meta:
        verbose_name = _("accessibility")
        verbose_name_plural = _("accessibility")


class ServiceAtLocation(HsdsRecord):
    service = models.ForeignKey(Service, verbose_name=_("service"), on_delete=models.CASCADE,
                                related_name="service_at_locations")
    location = models.ForeignKey(Location, verbose_name=_("location"), null=True, blank=True,
                                 on_delete=models.SET_NULL,
                                 related_name="service_at_locations")
    description = _text(_("description"))

    class Meta:
        verbose_name = _("service at location")
        verbose_name_plural = _("services at locations")


class Contact(HsdsRecord):
    organization = _parent("Organization", "contacts", _("organisation"))
    service = _parent("Service", "contacts", _("service"))
    service_at_location = _parent("ServiceAtLocation", "contacts", _("service at location"))
    location = _parent("Location", "contacts", _("location"))
    name = _text(_("name"))
    title = _text(_("job title"))
    department = _text(_("department"))
    email = _text(_("e-mail address"))

    class Meta:
        verbose_name = _("contact")
        verbose_name_plural = _("contacts")


class Phone(HsdsRecord):
    location = _parent("Location", "phones", _("location"))
    service = _parent("Service", "phones", _("service"))
    organization = _parent("Organization", "phones", _("organisation"))
    contact = _parent("Contact", "phones", _("contact"))
    service_at_location = _parent("ServiceAtLocation", "phones", _("service at location"))
    number = models.TextField(verbose_name=_("number"))
    extension = _number(_("extension"))
    type = _text(_("type"))
    description = _text(_("description"))

    class Meta:
        verbose_name = _("phone")
        verbose_name_plural = _("phones")


class Schedule(HsdsRecord):
    """Opening hours, in the iCalendar-like fields of HSDS 3."""

    service = _parent("Service", "schedules", _("service"))
    location = _parent("Location", "schedules", _("location"))
    service_at_location = _parent("ServiceAtLocation", "schedules", _("service at location"))
    valid_from = _text(_("valid from"))
    valid_to = _text(_("valid to"))
    dtstart = _text(_("first date"))
    timezone = _number(_("time zone"))
    until = _text(_("until"))
    count = _number(_("number of times"))
    wkst = models.CharField(verbose_name=_("week starts on"), max_length=2, null=True, blank=True)
    freq = models.CharField(verbose_name=_("frequency"), max_length=10, null=True, blank=True)
    interval = _number(_("interval"))
    byday = _text(_("days"))
    byweekno = _text(_("week numbers"))
    bymonthday = _text(_("days of the month"))
    byyearday = _text(_("days of the year"))
    description = _text(_("description"))
    opens_at = _text(_("opens at"))
    closes_at = _text(_("closes at"))
    schedule_link = _text(_("schedule link"))
    attending_type = _text(_("way of attending"))
    notes = _text(_("notes"))

    class Meta:
        verbose_name = _("opening hours")
        verbose_name_plural = _("opening hours")


class ServiceArea(HsdsRecord):
    service = _parent("Service", "service_areas", _("service"))
    name = _text(_("name"))
    description = _text(_("description"))
    extent = _text(_("extent"))
    extent_type = _text(_("extent type"))
    uri = _text(_("URI"))

    class Meta:
        verbose_name = _("service area")
        verbose_name_plural = _("service areas")


class Language(HsdsRecord):
    service = _parent("Service", "languages", _("service"))
    location = _parent("Location", "languages", _("location"))
    phone = _parent("Phone", "languages", _("phone"))
    name = _text(_("name"))
    code = _text(_("code"))
    note = _text(_("note"))

    class Meta:
        verbose_name = _("language")
        verbose_name_plural = _("languages")


class CostOption(HsdsRecord):
    service = _parent("Service", "cost_options", _("service"))
    valid_from = _text(_("valid from"))
    valid_to = _text(_("valid to"))
    option = _text(_("option"))
    currency = _text(_("currency"))
    amount = _number(_("amount"))
    amount_description = _text(_("amount description"))

    class Meta:
        verbose_name = _("cost option")
        verbose_name_plural = _("cost options")


class Taxonomy(HsdsRecord):
    name = models.TextField(verbose_name=_("name"))
    description = models.TextField(verbose_name=_("description"))
    uri = _text(_("URI"))
    version = _text(_("version"))

    class Meta:
        verbose_name = _("taxonomy")
        verbose_name_plural = _("taxonomies")

    def __str__(self):
        return self.name


class TaxonomyTerm(HsdsRecord):
    code = _text(_("code"))
    name = models.TextField(verbose_name=_("name"))
    description = models.TextField(verbose_name=_("description"))
    parent_id = models.UUIDField(verbose_name=_("parent term"), null=True, blank=True)
    taxonomy = _text(_("taxonomy"))
    # HSDS taxonomy_id; may name a taxonomy we do not hold, hence no database constraint
    taxonomy_detail = models.ForeignKey(Taxonomy, verbose_name=_("taxonomy (record)"), null=True,
                                        blank=True,
                                        on_delete=models.DO_NOTHING, db_constraint=False,
                                        db_column="taxonomy_id", related_name="terms")
    language = _text(_("language"))
    term_uri = _text(_("term URI"))

    class Meta:
        verbose_name = _("taxonomy term")
        verbose_name_plural = _("taxonomy terms")

    def __str__(self):
        return self.name


class Attribute(HsdsRecord):
    """Links a taxonomy term to any record (a service, location, phone ...) by its id."""

    link_id = models.UUIDField(verbose_name=_("linked record"), db_index=True)
    link_type = _text(_("link type"))
    link_entity = _text(_("linked entity"))
    value = _text(_("value"))
    taxonomy_term = models.ForeignKey(TaxonomyTerm, verbose_name=_("taxonomy term"), null=True,
                                      blank=True,
                                      on_delete=models.DO_NOTHING, db_constraint=False,
                                      related_name="attributes")

    class Meta:
        verbose_name = _("attribute")
        verbose_name_plural = _("attributes")


from .models_search import (  # noqa: E402,F401
    ChosenTopic,
    NeedTaxonomy,
    SearchCategory,
    SearchDocument,
    SearchMonth,
    SearchState,
    SearchVocabulary,
    UnmatchedWord,
)

# The editing workflow (suggestion -> review -> published, with history) lives in its own module.
from .models_workflow import KeeperReminder, ServiceChange, Suggestion  # noqa: E402, F401

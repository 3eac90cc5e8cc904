"""Listings of the kaart by the filters of the HSDS 3 API reference, for the API's pages.

Each returns a query set in a stable order (name, then id) so that pages never overlap; the
objects themselves come from ``kaart.hsds.nested``.
"""

from __future__ import annotations

import datetime as dt
import uuid

from django.db.models import QuerySet
from django.utils import timezone

from wijkkracht.kaart.models import Attribute, Organization, Service, Taxonomy, TaxonomyTerm


def _aware(moment: dt.datetime) -> dt.datetime:
    """A naive moment is read in the site's time zone (Europe/Amsterdam)."""
    return moment if timezone.is_aware(moment) else timezone.make_aware(moment)


def _modified_after(services: QuerySet, moment: dt.datetime) -> QuerySet:
    """Services whose ``last_modified`` (HSDS text, ISO 8601) is at or after ``moment``.

    The text is compared as a moment, not as a string: a string filter a day early (no UTC
    offset is larger than 14 hours) narrows the rows down, then each is parsed."""
    moment = _aware(moment)
    floor = (moment.astimezone(dt.UTC) - dt.timedelta(days=1)).date().isoformat()
    keep = []
    for pk, text in services.filter(last_modified__gte=floor).values_list("pk",
                                                                          "last_modified"):
        try:
            modified = dt.datetime.fromisoformat(text)
        except ValueError:
            continue  # not a moment: cannot be said to be after anything
        if _aware(modified) >= moment:
            keep.append(pk)
    return services.filter(pk__in=keep)


def services(*, taxonomy_term_id: uuid.UUID | None = None,
             taxonomy_id: uuid.UUID | None = None, organization_id: uuid.UUID | None = None,
             modified_after: dt.datetime | None = None, wijk: str | None = None,
             free: bool = False, no_referral: bool = False, formal: bool | None = None,
             language: str | None = None) -> QuerySet:
    """Services with a term (or any term of a taxonomy), of an organisation, modified after;
    and by the facts search filters on (wijk, free, no referral, formal, language), read from
    the same search documents so that a listing and a search agree on them."""
    found = Service.objects.all()
    if wijk:
        found = found.filter(search_document__wijk_code=wijk)
    if free:
        found = found.filter(search_document__free=True)
    if no_referral:
        found = found.filter(search_document__no_referral=True)
    if formal is not None:
        found = found.filter(search_document__formal=formal)
    if language:
        found = found.filter(search_document__languages__contains=f" {language.lower()} ")
    if taxonomy_term_id is not None:
        found = found.filter(pk__in=Attribute.objects.filter(
            taxonomy_term_id=taxonomy_term_id).values("link_id"))
    if taxonomy_id is not None:
        found = found.filter(pk__in=Attribute.objects.filter(
            taxonomy_term__taxonomy_detail_id=taxonomy_id).values("link_id"))
    if organization_id is not None:
        found = found.filter(organization_id=organization_id)
    if modified_after is not None:
        found = _modified_after(found, modified_after)
    return found.order_by("name", "pk")


def organizations(search: str = "") -> QuerySet:
    """Organisations, those whose name contains ``search`` when given."""
    found = Organization.objects.all()
    if search:
        found = found.filter(name__icontains=search) | found.filter(
            alternate_name__icontains=search)
    return found.order_by("name", "pk")


def taxonomies(search: str = "") -> QuerySet:
    found = Taxonomy.objects.all()
    if search:
        found = found.filter(name__icontains=search)
    return found.order_by("name", "pk")


def taxonomy_terms(*, search: str = "", taxonomy_id: uuid.UUID | None = None,
                   parent_id: uuid.UUID | None = None, top_only: bool = False) -> QuerySet:
    """Terms by name, of one taxonomy, under one parent, or only those without a parent."""
    found = TaxonomyTerm.objects.all()
    if search:
        found = found.filter(name__icontains=search) | found.filter(code__icontains=search)
    if taxonomy_id is not None:
        found = found.filter(taxonomy_detail_id=taxonomy_id)
    if parent_id is not None:
        found = found.filter(parent_id=parent_id)
    if top_only:
        found = found.filter(parent_id__isnull=True)
    return found.order_by("taxonomy", "code", "name", "pk")


def services_of(organization_ids: list[uuid.UUID]) -> QuerySet:
    return Service.objects.filter(organization_id__in=organization_ids).order_by("name", "pk")

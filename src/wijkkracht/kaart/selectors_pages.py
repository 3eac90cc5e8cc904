"""What the kaart's pages read: a service card with everything a resident needs, the languages
to filter on, the freshness of an entry and the map of a page of results. Views stay thin."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field

from django.db.models import Prefetch, prefetch_related_objects
from django.utils import timezone

from .core.freshness import is_stale
from .core.mapplot import Point, result_map_svg
from .core.schedule import opening_hours
from .models import Attribute, Language, Location, Phone, Service

CATEGORY_TAXONOMY = "wijkkracht-categorie"
# Language names for codes the kaart's own data may not name (HSDS Language.name is optional).
LANGUAGE_NAMES = {"nl": "Nederlands", "en": "Engels", "tr": "Turks", "ar": "Arabisch",
                  "pl": "Pools", "ber": "Tamazight", "uk": "Oekraïens", "pap": "Papiaments",
                  "de": "Duits", "fr": "Frans", "es": "Spaans", "so": "Somalisch",
                  "ti": "Tigrinya", "fa": "Perzisch", "ru": "Russisch", "zh": "Chinees"}


@dataclass
class Place:
    name: str
    lines: list[str]  # street, postcode and city
    accessibility: list[str]
    lat: float | None = None
    lon: float | None = None


@dataclass
class Card:
    """One service as the card shows it; empty values are left out by the template."""

    service: Service
    organization: str
    categories: list[str]
    free: bool
    no_referral: bool
    cost: str
    access: str
    eligibility: str
    hours: list[str]
    places: list[Place]
    phones: list[tuple[str, str]]  # (number, what it is for)
    email: str
    website: str
    languages: list[str]
    contact_name: str = ""
    contact_title: str = ""
    contact_email: str = ""
    contact_phones: list[str] = field(default_factory=list)
    checked: dt.date | None = None
    stale: bool = False
    keeper: str = ""


def last_checked(service: Service) -> dt.date | None:
    """The kaart's own check date, else HSDS ``assured_date`` (the date the data were assured)."""
    if service.last_checked:
        return service.last_checked
    try:
        return dt.date.fromisoformat((service.assured_date or "")[:10])
    except ValueError:
        return None


def stale(service: Service, today: dt.date | None = None) -> bool:
    return is_stale(last_checked(service), today or timezone.localdate())


def keeper(service: Service) -> str:
    """Who keeps the entry up to date: the user's name, else the contact's name or e-mail."""
    if service.keeper_user_id:
        user = service.keeper_user
        return user.get_full_name() or user.get_username()
    if service.keeper_contact_id:
        contact = service.keeper_contact
        return contact.name or contact.email or ""
    return ""


def is_free(service: Service) -> bool:
    amounts = [c.amount for c in service.cost_options.all() if c.amount is not None]
    if amounts:
        return all(a == 0 for a in amounts)
    return (service.fees_description or "").strip().lower().startswith("gratis")


def _categories(service: Service) -> list[str]:
    names = (Attribute.objects.filter(link_id=service.pk,
                                      taxonomy_term__taxonomy=CATEGORY_TAXONOMY)
             .order_by("taxonomy_term__name").values_list("taxonomy_term__name", flat=True))
    return list(dict.fromkeys(names))


def _place(location: Location) -> Place:
    lines = []
    for address in location.addresses.all():
        lines.append(" ".join(p for p in (address.address_1, address.address_2) if p))
        lines.append(" ".join(p for p in (address.postal_code, address.city) if p))
        break
    return Place(name=location.name or "", lines=[x for x in lines if x],
                 accessibility=[a.description or a.details or "" for a in
                                location.accessibility.all() if a.description or a.details],
                 lat=location.latitude, lon=location.longitude)


def _ages(service: Service) -> str:
    low, high = service.minimum_age, service.maximum_age
    if low is not None and high is not None:
        return f"Van {low:g} tot {high:g} jaar."
    if low is not None:
        return f"Vanaf {low:g} jaar."
    if high is not None:
        return f"Tot {high:g} jaar."
    return ""


def service_card(pk, *, for_professional: bool = False) -> Card | None:
    """The card of an active service, or None (unknown, or no longer offered)."""
    service = (Service.objects.filter(pk=pk).exclude(status=Service.Status.DEFUNCT)
               .select_related("organization", "contact_person", "keeper_user",
                               "keeper_contact")
               .prefetch_related(
                   "phones", "schedules", "languages", "cost_options",
                   Prefetch("service_at_locations__location",
                            queryset=Location.objects.prefetch_related(
                                "addresses", "accessibility", "phones", "schedules")))
               .first())
    if service is None:
        return None
    org = service.organization
    locations = [sal.location for sal in service.service_at_locations.all() if sal.location]
    schedules = list(service.schedules.all()) or [
        s for loc in locations for s in loc.schedules.all()]
    phones = list(service.phones.all()) or [p for loc in locations for p in loc.phones.all()]
    if not phones and org is not None:
        phones = list(Phone.objects.filter(organization=org))
    languages = [lang.name or LANGUAGE_NAMES.get(lang.code or "", lang.code or "")
                 for lang in service.languages.all()]
    contact = service.contact_person
    eligibility = service.eligibility_description or _ages(service)
    free = is_free(service)
    card = Card(
        service=service, organization=org.name if org else "",
        categories=_categories(service), free=free,
        no_referral=service.access == Service.Access.OPEN,
        cost=(service.fees_description or ("Gratis." if free else "")).strip(),
        access=(service.application_process or (service.get_access_display()
                                                if service.access else "")).strip(),
        eligibility=eligibility.strip(), hours=opening_hours(schedules),
        places=[_place(loc) for loc in locations],
        phones=[(p.number, p.description or "") for p in phones if p.number],
        email=service.email or (org.email if org else "") or "",
        website=service.url or (org.website if org else "") or "",
        languages=[x for x in languages if x],
        checked=last_checked(service), stale=stale(service))
    if contact is not None:
        card.contact_name, card.contact_title = contact.name or "", contact.title or ""
        card.contact_email = contact.email or ""
        card.contact_phones = [p.number for p in contact.phones.all() if p.number]
    if for_professional:
        card.keeper = keeper(service)
    return card


def language_choices() -> list[tuple[str, str]]:
    """(ISO 639 code, Dutch name) of the languages services on the kaart speak besides Dutch."""
    rows = (Language.objects.filter(service__isnull=False).exclude(code__isnull=True)
            .exclude(code__in=("", "nl")).values_list("code", "name").distinct())
    names: dict[str, str] = {}
    for code, name in rows:
        names.setdefault(code, LANGUAGE_NAMES.get(code) or name or code)
    return sorted(names.items(), key=lambda kv: kv[1])


def result_points(results: Sequence, first_number: int) -> list[Point]:
    """One point per result that has a location with coordinates, numbered as in the list."""
    points = []
    for i, result in enumerate(results):
        for sal in result.service.service_at_locations.all():
            loc = sal.location
            if loc is not None and loc.latitude is not None and loc.longitude is not None:
                points.append(Point(first_number + i, loc.latitude, loc.longitude))
                break
    return points


def wijk_codes(results: Sequence) -> set[str]:
    return {sal.location.wijk_code for r in results for sal in r.service.service_at_locations.all()
            if sal.location is not None and sal.location.wijk_code}


def result_map(results: Sequence, first_number: int, label: str,
               chosen_wijk: str | None = None) -> str:
    """The SVG of a page of results over the wijken of their gemeente(n), when boundaries are
    loaded (areas app); else the numbered points alone. "" when no result has a place."""
    from wijkkracht.areas import selectors as areas

    points = result_points(results, first_number)
    if not points:
        return ""
    codes = wijk_codes(results) | ({chosen_wijk} if chosen_wijk else set())
    gemeenten = {code[:6] for code in codes if code.startswith("WK")}
    features = []
    geo = areas.boundaries(timezone.localdate().year, "WK") if gemeenten else None
    if geo:
        features = [f for f in geo.get("features", [])
                    if str((f.get("properties") or {}).get("code", ""))[:6] in gemeenten]
    return result_map_svg(features, points, label, chosen=chosen_wijk)


@dataclass
class Row:
    """One result as the list shows it."""

    number: int
    result: object  # search.Result
    service: Service
    organization: str
    free: bool
    no_referral: bool
    address: str
    phone: str
    checked: dt.date | None = None
    stale: bool = False
    keeper: str = ""


def result_rows(results: Sequence, offset: int, *, professional: bool = False) -> list[Row]:
    """The list's rows, numbered from ``offset + 1``; a handful of queries for the page."""
    services = [r.service for r in results]
    prefetch_related_objects(services, "cost_options", "phones",
                             "service_at_locations__location__addresses")
    if professional:
        prefetch_related_objects(services, "keeper_user", "keeper_contact")
    today = timezone.localdate()
    rows = []
    for i, result in enumerate(results):
        service = result.service
        place = next((_place(sal.location) for sal in service.service_at_locations.all()
                      if sal.location is not None), None)
        phone = next((p.number for p in service.phones.all() if p.number), "")
        row = Row(number=offset + i + 1, result=result, service=service,
                  organization=service.organization.name if service.organization else "",
                  free=is_free(service), no_referral=service.access == Service.Access.OPEN,
                  address=", ".join(place.lines) if place else "", phone=phone)
        if professional:
            row.checked = last_checked(service)
            row.stale = is_stale(row.checked, today)
            row.keeper = keeper(service)
        rows.append(row)
    return rows

"""The sociale kaart as the read and search endpoints of the HSDS 3 API reference, public.

The objects are the kaart exporter's (``kaart.hsds.nested``): a service here is byte for byte
what the HSDS JSON export writes, which is why the views answer with ``JsonResponse`` and the
schemas in ``schemas_kaart`` only describe them. Deviations from the reference are listed in
docs/api.md.
"""

from __future__ import annotations

import datetime as dt
import math
import uuid
from collections.abc import Sequence

from django.db.models import QuerySet
from django.http import HttpRequest, JsonResponse
from ninja import Path, Query, Router

from wijkkracht.kaart import listings
from wijkkracht.kaart import search as kaart_search
from wijkkracht.kaart.hsds.nested import nested_records

from .errors import ApiProblem, wijkkracht_errors
from .schemas import Problem
from .schemas_kaart import (
    HsdsOrganizationPage,
    HsdsOrganizationWithServices,
    HsdsService,
    HsdsServicePage,
    HsdsTaxonomy,
    HsdsTaxonomyPage,
    HsdsTaxonomyTerm,
    HsdsTaxonomyTermPage,
)

router = Router(tags=["Sociale kaart"])
OPTIONS = {"by_alias": True}
MAX_PER_PAGE = 100
EXAMPLE_ID = "3f7b145d-84af-42d7-8fae-eaca714b02b2"
NOT_AN_ID = ("'{value}' is geen geldige id. Een id in de sociale kaart is een UUID, "
             f"bijvoorbeeld {EXAMPLE_ID}.")
UNKNOWN = "Er is geen {what} met id {id} in de sociale kaart."
MINIMAL_KEYS = ("id", "name", "status", "last_modified")
# With an HSDS filter beside ``search`` every hit is ranked, then filtered (search ranks at most
# a few hundred candidates per route, far fewer than this).
ALL_HITS = 10_000
NEEDS_SEARCH = "{names}: alleen samen met een zoekvraag (`search`)."
NEEDS_ORIGIN = "proximity: alleen samen met een postcode of wijk, om vanaf te meten."

PAGE = Query(1, ge=1, description="Paginanummer, vanaf 1.")
PER_PAGE = Query(20, ge=1, le=MAX_PER_PAGE, description="Aantal records per pagina.")
TEXT = Query("", max_length=200, description="Tekst in de naam.")
FULL = Query(False, description="`true`: volledig geneste records in plaats van beknopte.")
FULL_SERVICE = Query(False, description="`true`: de diensten van de organisatie volledig "
                                        "genest in plaats van beknopt.")
TAXONOMY_TERM_ID = Query(None, description="Alleen diensten met deze taxonomieterm.")
TAXONOMY_ID = Query(None, description="Alleen records met een term uit deze taxonomie.")
ORGANIZATION_ID = Query(None, description="Alleen diensten van deze organisatie.")
MODIFIED_AFTER = Query(None, description="Alleen diensten met `last_modified` op of na dit "
                                         "moment (ISO 8601; zonder tijdzone: Nederlandse tijd).")
MINIMAL = Query(False, description="`true`: alleen `id`, `name`, `status` en `last_modified` "
                                   "van elke dienst.")
SEARCH = Query(None, description="Zoekvraag in gewone taal, bijvoorbeeld `eenzaam, komt de deur "
                                  "niet uit` of `hulp bij de boodschappen`: de diensten die "
                                  "erbij passen, beste eerst (hoogstens 200 tekens).")
WIJK = Query(None, pattern=r"^WK\d{4}[0-9A-Z]{2}$",
             description="Alleen diensten in deze wijk (CBS-code, bijvoorbeeld `WK039210`); "
                         "met `search` ook het punt vanaf waar afstanden worden gemeten.")
POSTCODE = Query(None, max_length=20, description="Postcode (bijvoorbeeld `2011 AB` of `2011`) "
                                                  "vanaf waar afstanden worden gemeten; alleen "
                                                  "met `search`.")
PROXIMITY = Query(None, ge=1, le=100_000, description="Alleen diensten binnen zoveel meter van "
                                                      "`postcode` of `wijk`; alleen met "
                                                      "`search`.")
FREE = Query(False, description="`true`: alleen gratis diensten.")
NO_REFERRAL = Query(False, description="`true`: alleen diensten zonder verwijzing of "
                                       "indicatie.")
FORMAL = Query(None, description="`true`: alleen formele zorg en hulp, `false`: alleen "
                                 "informele (vrijwilligers, buurtinitiatieven).")
LANGUAGE = Query(None, pattern=r"^[A-Za-z]{2}$",
                 description="Alleen diensten in deze taal (ISO 639-1, bijvoorbeeld `en`).")
OPEN_NOW = Query(False, description="`true`: alleen diensten die nu open zijn (Nederlandse "
                                    "tijd); alleen met `search`.")
PARENT_ID = Query(None, description="Alleen termen onder deze term.")
TOP_ONLY = Query(False, description="`true`: alleen termen zonder bovenliggende term.")


def _id_path(what: str) -> Path:
    return Path(..., description=f"De id (UUID) van de {what}.", examples=[EXAMPLE_ID])


SERVICE_ID = _id_path("dienst")
ORGANIZATION_PATH_ID = _id_path("organisatie")
TAXONOMY_PATH_ID = _id_path("taxonomie")
TERM_PATH_ID = _id_path("taxonomieterm")


def _uuid(value: str) -> uuid.UUID:
    try:
        return uuid.UUID(value)
    except ValueError:
        raise ApiProblem(400, NOT_AN_ID.format(value=value[:100]), **{"invalid-params": [
            {"name": "id", "reason": "moet een UUID zijn"}]}) from None


def _json(body: dict) -> JsonResponse:
    return JsonResponse(body, json_dumps_params={"ensure_ascii": False})


def _page(total: int, page: int, per_page: int, contents: Sequence[dict]) -> JsonResponse:
    """The HSDS 3 page object around one page of records."""
    pages = math.ceil(total / per_page)
    return _json({"total_items": total, "total_pages": pages, "page_number": page,
                  "size": len(contents), "first_page": page == 1, "last_page": page >= pages,
                  "empty": not contents, "contents": list(contents)})


def _one_to_one(record: dict) -> dict:
    """An HSDS object without its arrays, nested objects shortened the same way (``*_list``)."""
    return {key: _one_to_one(value) if isinstance(value, dict) else value
            for key, value in record.items() if not isinstance(value, list)}


def _objects(name: str, ids: Sequence[uuid.UUID], full: bool) -> list[dict]:
    """The HSDS objects of these records, in the given order."""
    found = nested_records(name, ids)
    records = [found[pk] for pk in ids if pk in found]
    return records if full else [_one_to_one(r) for r in records]


def _sliced(rows: QuerySet, page: int, per_page: int) -> tuple[int, list[uuid.UUID]]:
    start = (page - 1) * per_page
    return rows.count(), list(rows.values_list("pk", flat=True)[start:start + per_page])


def _service_contents(ids: Sequence[uuid.UUID], full: bool, minimal: bool) -> list[dict]:
    if minimal:
        records = _objects("service", ids, full=False)
        return [{key: r[key] for key in MINIMAL_KEYS if key in r} for r in records]
    return _objects("service", ids, full)


@router.get("/services", response={200: HsdsServicePage, 400: Problem},
            operation_id="getPaginatedListOfServices", summary="Diensten zoeken",
            description="De diensten van de sociale kaart als HSDS 3-pagina. Met `search` de "
                        "diensten die bij de zoekvraag passen, beste eerst, elk met "
                        "`nl_explanation` (waarom gevonden); zonder `search` alle diensten op "
                        "naam. Filters: die van de HSDS 3-API en die van de sociale kaart "
                        "(`wijk`, `free`, `no_referral`, `formal`, `language`; `postcode`, "
                        "`proximity` en `open_now` alleen met `search`).", **OPTIONS)
def list_services(request: HttpRequest, search: str | None = SEARCH, page: int = PAGE,
                  per_page: int = PER_PAGE,
                  taxonomy_term_id: uuid.UUID | None = TAXONOMY_TERM_ID,
                  taxonomy_id: uuid.UUID | None = TAXONOMY_ID,
                  organization_id: uuid.UUID | None = ORGANIZATION_ID,
                  modified_after: dt.datetime | None = MODIFIED_AFTER,
                  minimal: bool = MINIMAL, full: bool = FULL, wijk: str | None = WIJK,
                  postcode: str | None = POSTCODE, proximity: int | None = PROXIMITY,
                  free: bool = FREE, no_referral: bool = NO_REFERRAL,
                  formal: bool | None = FORMAL, language: str | None = LANGUAGE,
                  open_now: bool = OPEN_NOW) -> JsonResponse:
    hsds = {"taxonomy_term_id": taxonomy_term_id, "taxonomy_id": taxonomy_id,
            "organization_id": organization_id, "modified_after": modified_after}
    facts = {"wijk": wijk, "free": free, "no_referral": no_referral, "formal": formal,
             "language": language.lower() if language else None}
    if search is None:
        searching = [name for name, value in (("postcode", postcode), ("proximity", proximity),
                                              ("open_now", open_now)) if value]
        if searching:
            raise ApiProblem(400, NEEDS_SEARCH.format(names=", ".join(searching)), **{
                "invalid-params": [{"name": name, "reason": "vraagt ook `search`"}
                                   for name in searching]})
        total, ids = _sliced(listings.services(**hsds, **facts), page, per_page)
        return _page(total, page, per_page, _service_contents(ids, full, minimal))
    with wijkkracht_errors(400):
        origin = kaart_search.origin_for(postcode=postcode, wijk=wijk)
    if proximity is not None and origin is None:
        raise ApiProblem(400, NEEDS_ORIGIN, **{"invalid-params": [
            {"name": "proximity", "reason": "vraagt ook `postcode` of `wijk`"}]})
    filters = kaart_search.SearchFilters(**facts, open_now=open_now,
                                   max_km=proximity / 1000 if proximity else None)
    start = (page - 1) * per_page
    with wijkkracht_errors(400):
        if any(value is not None for value in hsds.values()):
            allowed = set(listings.services(**hsds).values_list("pk", flat=True))
            found = kaart_search.find(search, filters=filters, origin=origin, limit=ALL_HITS,
                                      tally=page == 1)  # the next pages are no new search
            hits = [hit for hit in found.results if hit.service.pk in allowed]
            total, hits = len(hits), hits[start:start + per_page]
        else:
            found = kaart_search.find(search, filters=filters, origin=origin,
                                      offset=start, limit=per_page)
            total, hits = found.total, found.results
    contents = _service_contents([hit.service.pk for hit in hits], full, minimal)
    if not minimal:
        why = {str(hit.service.pk): hit for hit in hits}
        for record in contents:
            hit = why[record["id"]]
            if hit.explanation:
                record["nl_explanation"] = hit.explanation
            if hit.distance_km is not None:
                record["nl_distance_km"] = hit.distance_km
    return _page(total, page, per_page, contents)


@router.get("/services/{id}", response={200: HsdsService, 400: Problem, 404: Problem},
            operation_id="getFullyNestedServiceById", summary="Eén dienst, volledig genest",
            description="De dienst met organisatie, locaties, telefoonnummers, openingstijden, "
                        "talen, kosten en taxonomietermen, precies zoals de HSDS 3-export hem "
                        "schrijft.", **OPTIONS)
def get_service(request: HttpRequest, id: str = SERVICE_ID) -> JsonResponse:
    pk = _uuid(id)
    found = nested_records("service", [pk])
    if pk not in found:
        raise ApiProblem(404, UNKNOWN.format(what="dienst", id=pk))
    return _json(found[pk])


@router.get("/organizations", response={200: HsdsOrganizationPage, 400: Problem},
            operation_id="getPaginatedListOfOrganizations", summary="Organisaties",
            description="De organisaties van de sociale kaart als HSDS 3-pagina, op naam; "
                        "`search` zoekt in de naam.", **OPTIONS)
def list_organizations(request: HttpRequest, search: str = TEXT, page: int = PAGE,
                       per_page: int = PER_PAGE, full: bool = FULL,
                       full_service: bool = FULL_SERVICE) -> JsonResponse:
    total, ids = _sliced(listings.organizations(search.strip()), page, per_page)
    return _page(total, page, per_page, _organizations(ids, full, full_service))


def _organizations(ids: Sequence[uuid.UUID], full: bool, full_service: bool) -> list[dict]:
    records = _objects("organization", ids, full)
    if not full:
        return records
    service_ids: dict[uuid.UUID, list[uuid.UUID]] = {pk: [] for pk in ids}
    for pk, organization_id in listings.services_of(list(ids)).values_list(
            "pk", "organization_id"):
        service_ids[organization_id].append(pk)
    services = _objects("service", [s for ids_ in service_ids.values() for s in ids_],
                        full_service)
    by_id = {s["id"]: s for s in services}
    for record in records:
        listed = [by_id[str(pk)] for pk in service_ids[uuid.UUID(record["id"])]]
        if listed:
            record["services"] = listed
    return records


@router.get("/organizations/{id}",
            response={200: HsdsOrganizationWithServices, 400: Problem, 404: Problem},
            operation_id="getOrganizationById", summary="Eén organisatie met haar diensten",
            description="De organisatie volledig genest, met haar diensten (beknopt, of "
                        "volledig met `full_service=true`).", **OPTIONS)
def get_organization(request: HttpRequest, id: str = ORGANIZATION_PATH_ID,
                     full_service: bool = FULL_SERVICE) -> JsonResponse:
    pk = _uuid(id)
    found = _organizations([pk], full=True, full_service=full_service)
    if not found:
        raise ApiProblem(404, UNKNOWN.format(what="organisatie", id=pk))
    return _json(found[0])


@router.get("/taxonomies", response={200: HsdsTaxonomyPage, 400: Problem},
            operation_id="getPaginatedListOfTaxonomies", summary="Taxonomieën",
            description="De taxonomieën van de sociale kaart als HSDS 3-pagina, op naam.",
            **OPTIONS)
def list_taxonomies(request: HttpRequest, search: str = TEXT, page: int = PAGE,
                    per_page: int = PER_PAGE) -> JsonResponse:
    total, ids = _sliced(listings.taxonomies(search.strip()), page, per_page)
    return _page(total, page, per_page, _objects("taxonomy", ids, full=True))


def _one(entity: str, id: str, what: str) -> JsonResponse:
    """One HSDS object by id, or a Dutch 404 naming what was asked for."""
    pk = _uuid(id)
    found = _objects(entity, [pk], full=True)
    if not found:
        raise ApiProblem(404, UNKNOWN.format(what=what, id=pk))
    return _json(found[0])


@router.get("/taxonomies/{id}", response={200: HsdsTaxonomy, 400: Problem, 404: Problem},
            operation_id="getTaxonomyById", summary="Eén taxonomie", **OPTIONS)
def get_taxonomy(request: HttpRequest, id: str = TAXONOMY_PATH_ID) -> JsonResponse:
    return _one("taxonomy", id, "taxonomie")


@router.get("/taxonomy_terms", response={200: HsdsTaxonomyTermPage, 400: Problem},
            operation_id="getPaginatedListOfTaxonomyTerms", summary="Taxonomietermen",
            description="De taxonomietermen als HSDS 3-pagina, met hun taxonomie genest; "
                        "`search` zoekt in naam en code.", **OPTIONS)
def list_taxonomy_terms(request: HttpRequest, search: str = TEXT, page: int = PAGE,
                        per_page: int = PER_PAGE, taxonomy_id: uuid.UUID | None = TAXONOMY_ID,
                        parent_id: uuid.UUID | None = PARENT_ID,
                        top_only: bool = TOP_ONLY) -> JsonResponse:
    rows = listings.taxonomy_terms(search=search.strip(), taxonomy_id=taxonomy_id,
                                   parent_id=parent_id, top_only=top_only)
    total, ids = _sliced(rows, page, per_page)
    return _page(total, page, per_page, _objects("taxonomy_term", ids, full=True))


@router.get("/taxonomy_terms/{id}", response={200: HsdsTaxonomyTerm, 400: Problem, 404: Problem},
            operation_id="getTaxonomyTermById", summary="Eén taxonomieterm", **OPTIONS)
def get_taxonomy_term(request: HttpRequest, id: str = TERM_PATH_ID) -> JsonResponse:
    return _one("taxonomy_term", id, "taxonomieterm")

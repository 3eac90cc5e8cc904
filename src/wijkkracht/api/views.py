"""The API's operations: thin reads over the areas selectors and the wijkfoto core."""

from __future__ import annotations

import math
from urllib.parse import urlencode

import polars as pl
from django.http import HttpRequest
from ninja import Path, Query, Router

from wijkkracht.areas import selectors
from wijkkracht.areas.catalogue import INDICATORS
from wijkkracht.areas.codes import LEVEL_NAMES, LEVELS
from wijkkracht.areas.registry import Area, find_area, search_areas
from wijkkracht.areas.table import FIRST_YEAR, KwbTable
from wijkkracht.wijkfoto.core.profile import build_wijkfoto

from .auth import token_auth
from .errors import data_errors, wijkkracht_errors
from .schemas import (
    AREA_CODE,
    WIJKFOTO_CODE,
    AreaDetail,
    AreaPage,
    Compare,
    IndicatorList,
    Level,
    MeOut,
    Problem,
    YearList,
)

router = Router()

MAX_PAGE_SIZE = 100
# Parameters, as module-level singletons (ninja reads them from the defaults).
YEAR = Query(None, ge=FIRST_YEAR, le=2100,
             description="Jaar van de kerncijfers; zonder: het nieuwste geladen jaar.")
SEARCH = Query("", max_length=100, description="Tekst in de naam of code, bijvoorbeeld "
                                               "`transvaal`.")
LEVEL = Query(None, description="Alleen dit niveau.")
PAGE = Query(1, ge=1, description="Paginanummer, vanaf 1.")
PAGE_SIZE = Query(20, ge=1, le=MAX_PAGE_SIZE, description="Aantal gebieden per pagina.")
AREA = Path(..., pattern=AREA_CODE, description="CBS-code, bijvoorbeeld `WK039210`.")
WIJKFOTO_AREA = Path(..., pattern=WIJKFOTO_CODE,
                     description="CBS-code van een gemeente, wijk of buurt.")
COMPARE = Query(None, description="Vergelijking in de samenvatting: `gemeente` (standaard voor "
                                  "wijken en buurten) of `nl` (voor een gemeente).")
# Shared operation options: aliases (``invalid-params``) in the OpenAPI document too.
OPTIONS = {"by_alias": True}


def _area_out(area: Area) -> dict:
    return {"code": area.code, "name": area.name, "level": area.level,
            "level_name": LEVEL_NAMES[area.level], "gemeente_code": area.gemeente_code,
            "gemeente_name": area.gemeente_name, "year": area.year}


def _all_areas(table: KwbTable, level: str | None) -> list[Area]:
    """Every area of the year (of one level), in CBS order: country, gemeenten, wijken, buurten."""
    frame = table.frame
    if level:
        frame = frame.filter(pl.col("level") == level)
    order = {lv: i for i, lv in enumerate(LEVELS)}
    rows = sorted(frame.select("code", "name", "level", "gemeente_code", "gemeente_name",
                               "boundary_change").to_dicts(),
                  key=lambda r: (order[r["level"]], r["code"]))
    return [Area(year=table.year, **row) for row in rows]


def _page_link(request: HttpRequest, page: int) -> str:
    query = request.GET.copy()
    query["page"] = str(page)
    return f"{request.path}?{urlencode(sorted(query.items()))}"


@router.get("/areas", response={200: AreaPage, 400: Problem, 404: Problem, 503: Problem},
            operation_id="listAreas", tags=["Gebieden"], summary="Gebieden zoeken",
            description="Gemeenten, wijken en buurten uit de CBS-kerncijfers, gezocht op naam of "
                        "code (hoofdletters en accenten tellen niet mee; exacte treffers eerst). "
                        "Zonder `search` alle gebieden. Gepagineerd met `page` en `page_size`.",
            **OPTIONS)
def list_areas(request: HttpRequest, search: str = SEARCH, year: int | None = YEAR,
               level: Level | None = LEVEL, page: int = PAGE,
               page_size: int = PAGE_SIZE) -> dict:
    with data_errors():
        table = selectors.kwb_table(year)
    search = search.strip()
    if search:
        found = [a for a in search_areas(table, search, limit=table.frame.height)
                 if level is None or a.level == level]
    else:
        found = _all_areas(table, level)
    pages = max(1, math.ceil(len(found) / page_size))
    start = (page - 1) * page_size
    return {
        "count": len(found), "page": page, "page_size": page_size, "pages": pages,
        "next": _page_link(request, page + 1) if page < pages else None,
        "previous": _page_link(request, min(page - 1, pages)) if page > 1 else None,
        "results": [_area_out(a) for a in found[start:start + page_size]],
    }


@router.get("/areas/{code}", response={200: AreaDetail, 400: Problem, 404: Problem,
                                       503: Problem},
            operation_id="getArea", tags=["Gebieden"], summary="Eén gebied met zijn CBS-velden",
            description="Het gebied met alle velden die CBS voor dat jaar publiceert.", **OPTIONS)
def get_area(request: HttpRequest, code: str = AREA, year: int | None = YEAR) -> dict:
    with data_errors():
        table = selectors.kwb_table(year)
    with wijkkracht_errors(404):
        area = find_area(table, code)
    row = table.frame.filter(pl.col("code") == area.code).select(table.field_ids).row(
        0, named=True)
    return {**_area_out(area), "boundary_change": area.boundary_change,
            "attribution": table.attribution(), "fields": row}


@router.get("/indicators", response={200: IndicatorList}, operation_id="listIndicators",
            tags=["Indicatoren"], summary="De indicatorencatalogus",
            description="Alle indicatoren die een wijkfoto kan tonen, met definitie, eenheid en "
                        "of hoger gunstig is.", **OPTIONS)
def list_indicators(request: HttpRequest) -> dict:
    return {"results": [{
        "id": i.id, "theme": i.theme, "label": i.label, "definition": i.definition,
        "kind": i.kind, "unit": i.unit, "polarity": str(i.polarity),
        "source_table": i.source_table, "origin": i.origin,
    } for i in INDICATORS]}


@router.get("/years", response={200: YearList}, operation_id="listYears", tags=["Jaren"],
            summary="Geladen jaren",
            description="De jaren waarvan CBS-kerncijfers geladen zijn (leeg als er nog geen "
                        "zijn).", **OPTIONS)
def list_years(request: HttpRequest) -> dict:
    return {"years": selectors.available_years()}


@router.get("/wijkfoto/{code}", response={200: dict, 400: Problem, 404: Problem, 503: Problem},
            operation_id="getWijkfoto", tags=["Wijkfoto"], summary="De wijkfoto van een gebied",
            description="Elke indicator met waarde, betrouwbaarheidsintervallen, vergelijking "
                        "met gemeente en Nederland en positie tussen de andere wijken of "
                        "buurten (schema `wijkkracht.wijkfoto/1`).", **OPTIONS)
def get_wijkfoto(request: HttpRequest, code: str = WIJKFOTO_AREA, year: int | None = YEAR,
                 compare: Compare | None = COMPARE) -> dict:
    with data_errors():
        computed = selectors.latest_years(year)
    with wijkkracht_errors(404):
        area = find_area(computed.table, code, levels=("GM", "WK", "BU"))
    with wijkkracht_errors(400):
        return build_wijkfoto(computed, area, compare).to_dict()


@router.get("/me", auth=token_auth, response={200: MeOut, 401: Problem}, operation_id="getMe",
            tags=["Account"], summary="De eigenaar van het API-token",
            description="Wie het token heeft gekregen, en het token zelf (zonder geheim).",
            **OPTIONS)
def get_me(request: HttpRequest) -> dict:
    api_token = request.auth
    user = api_token.user
    organisation = user.organisation.name if user.organisation_id else None
    return {"username": user.get_username(), "name": user.get_full_name(),
            "organisation": organisation,
            "token": {"name": api_token.name, "prefix": api_token.prefix,
                      "created": api_token.created, "last_used_at": api_token.last_used_at}}

"""The praktijkbank for machine clients: published practices only, public (no token), in the
shape of the open-data download (``praktijk.opendata``). Search with the same Dutch ranking as
the page (``praktijk.selectors.search_practices``)."""

from __future__ import annotations

from django.http import HttpRequest
from ninja import Path, Query, Router

from wijkkracht.praktijk.opendata import record
from wijkkracht.praktijk.selectors import public_practices, search_practices

from .errors import ApiProblem
from .schemas import Problem
from .schemas_praktijk import Practice, PracticePage

router = Router(tags=["Praktijkbank"])
MAX_PER_PAGE = 100


@router.get("/practices", response={200: PracticePage, 400: Problem},
            operation_id="listPractices", summary="Gepubliceerde praktijken zoeken")
def list_practices(request: HttpRequest,
                   q: str = Query("", max_length=200, description="Zoekwoorden (Nederlands: "
                                  "'mantelzorgers' vindt ook 'mantelzorgondersteuning')."),
                   principle: str = Query("", max_length=60, description="Code van een "
                                          "principe."),
                   target_group: str = Query("", max_length=60, description="Code van een "
                                             "doelgroep."),
                   gemeente: str = Query("", max_length=6, description="CBS-gemeentecode."),
                   wijk: str = Query("", max_length=10, description="CBS-wijkcode: praktijken "
                                     "uit wijken die erop lijken eerst."),
                   page: int = Query(1, ge=1, description="Paginanummer, vanaf 1."),
                   per_page: int = Query(20, ge=1, le=MAX_PER_PAGE,
                                         description="Aantal per pagina.")):
    """Published practices; with `q` the best matches first."""
    practices = [p for p in public_practices()
                 if (not principle or principle in p.principles)
                 and (not target_group or target_group in p.target_groups)
                 and (not gemeente or p.gemeente_code == gemeente.upper())]
    found = [p for p, _hit in search_practices(practices, q, wijk.strip().upper())]
    start = (page - 1) * per_page
    return {"total": len(found), "page": page, "per_page": per_page,
                 "practices": [record(p) for p in found[start:start + per_page]]}


@router.get("/practices/{id}", response={200: Practice, 404: Problem},
            operation_id="getPractice", summary="Eén gepubliceerde praktijk")
def get_practice(request: HttpRequest,
                 id: int = Path(..., description="Nummer van de praktijk.")):
    """One published practice; an unpublished or unknown one is not found."""
    practice = public_practices().filter(pk=id).first()
    if practice is None:
        raise ApiProblem(404, f"Er is geen gepubliceerde praktijk met nummer {id}.")
    return record(practice)

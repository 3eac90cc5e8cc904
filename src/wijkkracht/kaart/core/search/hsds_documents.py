"""HSDS 3 services (as the demo kaart and the exporter write them) as search documents.

Pure: no Django. ``service_document`` reads what search needs of one HSDS 3 service dict:

- name and description; the organisation's name and the category names as keywords;
- categories: the codes of attributes in taxonomy ``wijkkracht-categorie`` (docs/kaart-demo.md),
  each followed by the need-taxonomy categories it stands for (``CATEGORY_MAP``), so that the
  need expansion of ``needs.json`` reaches them;
- free (``cost_options[0].amount`` is 0 or ``fees_description`` says "gratis"), no referral
  (taxonomy ``wijkkracht-toegang`` code ``vrij_toegankelijk``), formal (``wijkkracht-vorm``);
- the CBS wijk code (``location.external_identifier`` of type ``cbs_wijkcode``) and the point.

``make_ranker`` and ``make_baseline`` are factories for ``benchmarks/bench_kaart_eval.py
--ranker``: given the services once, they return ``search(query, wijk) -> [service id, ...]``.
With a home wijk the ranked search measures distances from the middle of that wijk (the mean of
the kaart's locations in it), as the public kaart knows only the resident's wijk.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, replace
from typing import Any

from .needs import Taxonomy, load
from .query import QueryError
from .rank import SearchIndex, ServiceDoc, baseline_search

CATEGORY_TAXONOMY = "wijkkracht-categorie"
ACCESS_TAXONOMY = "wijkkracht-toegang"
FORM_TAXONOMY = "wijkkracht-vorm"
WIJK_IDENTIFIER_TYPE = "cbs_wijkcode"
NO_REFERRAL_CODES = frozenset({"vrij_toegankelijk"})

# kaart category code (docs/kaart-demo.md) -> need-taxonomy categories (needs/needs.json) it
# stands for; made from the meanings of both lists, not from the evaluation set.
CATEGORY_MAP: dict[str, tuple[str, ...]] = {
    "ontmoeting": ("ontmoeting",),
    "maaltijden": ("maaltijden", "boodschappen"),
    "praktische-hulp": ("klussen", "boodschappen"),
    "vervoer": ("vervoer",),
    "schuldhulp": ("schuldhulp",),
    "geldzaken": ("geldzaken", "inkomen"),
    "voedselhulp": ("voedselhulp",),
    "mantelzorgondersteuning": ("mantelzorgondersteuning",),
    "respijtzorg": ("respijtzorg",),
    "dementie": ("dementie",),
    "dagbesteding": ("dagbesteding",),
    "thuiszorg": ("wijkverpleging",),
    "huishoudelijke-hulp": ("huishoudelijke_hulp",),
    "huisarts": ("huisarts", "gezondheid"),
    "psychische-gezondheid": ("psychisch",),
    "verslaving": ("verslaving",),
    "jeugd": ("jeugd",),
    "opvoedondersteuning": ("opvoeding",),
    "taal": ("taal",),
    "werk": ("werk", "vrijwilligerswerk"),
    "sport-en-bewegen": ("bewegen",),
    "gezondheid": ("gezondheid",),
    "wonen": ("wonen", "hulpmiddelen"),
    "wijkteam": ("wijkteam",),
    "juridisch": ("juridisch",),
    "huiselijk-geweld": ("huiselijk_geweld",),
    "rouw": ("rouw",),
    "digitale-hulp": ("digitaal",),
    "nieuwkomers": ("nieuwkomers",),
    "creatief": ("creatief",),
    "ouderen": ("clientondersteuning",),
    "beperking": ("beperking",),
}


@dataclass(frozen=True)
class HsdsDocument:
    """A search document with where the service is: its CBS wijk and its first point."""

    doc: ServiceDoc
    wijk_code: str | None = None
    point: tuple[float, float] | None = None


def _terms(service: Mapping[str, Any], taxonomy: str) -> list[Mapping[str, Any]]:
    out = []
    for attribute in service.get("attributes") or ():
        term = attribute.get("taxonomy_term") or {}
        if term.get("taxonomy") == taxonomy and term.get("code"):
            out.append(term)
    return out


def _is_free(service: Mapping[str, Any]) -> bool:
    for option in service.get("cost_options") or ():
        amount = option.get("amount")
        if amount is not None:
            return float(amount) == 0.0
    return (service.get("fees_description") or "").strip().lower().startswith("gratis")


def _location(service: Mapping[str, Any]) -> tuple[str | None, tuple[float, float] | None]:
    wijk, point = None, None
    for link in service.get("service_at_locations") or ():
        location = link.get("location") or {}
        if wijk is None and location.get("external_identifier_type") == WIJK_IDENTIFIER_TYPE:
            wijk = location.get("external_identifier") or None
        if wijk is None:  # placed by its point (kaart.places), or stated as the extension
            wijk = location.get("nl_wijk_code") or None
        lat, lon = location.get("latitude"), location.get("longitude")
        if point is None and lat is not None and lon is not None:
            point = (float(lat), float(lon))
    return wijk, point


def _areas(service: Mapping[str, Any]) -> tuple[str, ...]:
    """The CBS codes of the areas a service serves (HSDS ``service_areas[].extent``)."""
    return tuple(sorted({a["extent"] for a in service.get("service_areas") or ()
                         if a.get("extent_type") == "cbs_code" and a.get("extent")}))


def _languages(service: Mapping[str, Any]) -> tuple[str, ...]:
    codes = {(x.get("code") or "").lower() for x in service.get("languages") or ()}
    for link in service.get("service_at_locations") or ():
        codes.update((x.get("code") or "").lower()
                     for x in (link.get("location") or {}).get("languages") or ())
    codes.discard("")
    return tuple(sorted(codes))


def _number(value: Any) -> float | None:
    return float(value) if isinstance(value, int | float) else None


def service_document(service: Mapping[str, Any]) -> HsdsDocument:
    """The search document of one HSDS 3 service dict."""
    categories: list[str] = []
    names: list[str] = []
    for term in _terms(service, CATEGORY_TAXONOMY):
        for code in (term["code"], *CATEGORY_MAP.get(term["code"], ())):
            if code not in categories:
                categories.append(code)
        if term.get("name"):
            names.append(term["name"])
    access = {t["code"] for t in _terms(service, ACCESS_TAXONOMY)}
    forms = {t["code"] for t in _terms(service, FORM_TAXONOMY)}
    formal = True if "formeel" in forms else False if "informeel" in forms else None
    organisation = (service.get("organization") or {}).get("name") or ""
    wijk, point = _location(service)
    doc = ServiceDoc(
        id=service["id"],
        name=service.get("name") or "",
        description=service.get("description") or "",
        categories=tuple(categories),
        keywords=tuple(k for k in (organisation, *names) if k),
        free=_is_free(service),
        no_referral=bool(access & NO_REFERRAL_CODES),
        formal=formal,
        wijk=wijk,
        areas=_areas(service),
        languages=_languages(service),
        min_age=_number(service.get("minimum_age")),
        max_age=_number(service.get("maximum_age")),
    )
    return HsdsDocument(doc, wijk, point)


def service_documents(services: Iterable[Mapping[str, Any]]) -> list[HsdsDocument]:
    return [service_document(s) for s in services]


def distance_km(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Great-circle distance in km (haversine)."""
    lat1, lon1, lat2, lon2 = map(math.radians, (*a, *b))
    h = (math.sin((lat2 - lat1) / 2) ** 2
         + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2)
    return 2 * 6371.0 * math.asin(math.sqrt(h))


def wijk_centres(documents: Iterable[HsdsDocument]) -> dict[str, tuple[float, float]]:
    """The mean point of the kaart's locations per wijk."""
    sums: dict[str, list[float]] = {}
    for d in documents:
        if d.wijk_code and d.point:
            acc = sums.setdefault(d.wijk_code, [0.0, 0.0, 0])
            acc[0] += d.point[0]
            acc[1] += d.point[1]
            acc[2] += 1
    return {w: (lat / n, lon / n) for w, (lat, lon, n) in sums.items()}


Search = Callable[[str, "str | None"], list[str]]


def make_ranker(services: list[Mapping[str, Any]], taxonomy: Taxonomy | None = None,
                limit: int = 10) -> Search:
    """The need search of the core over HSDS services; distances from the home wijk's middle."""
    documents = service_documents(services)
    centres = wijk_centres(documents)
    index = SearchIndex([d.doc for d in documents], taxonomy or load())
    plain = dict(index.docs)
    by_wijk: dict[str, dict[str, ServiceDoc]] = {}

    def docs_for(wijk: str | None) -> dict[str, ServiceDoc]:
        centre = centres.get(wijk or "")
        if centre is None:
            return plain
        if wijk not in by_wijk:
            by_wijk[wijk] = {
                d.doc.id: (replace(d.doc, distance_km=round(distance_km(centre, d.point), 3))
                           if d.point else d.doc)
                for d in documents
            }
        return by_wijk[wijk]

    def search(query: str, wijk: str | None = None) -> list[str]:
        index.docs = docs_for(wijk)  # only the distances differ; the index is shared
        try:
            return [hit.id for hit in index.search(query, limit=limit, home_wijk=wijk)]
        except QueryError:  # a query the kaart refuses (only stop words) finds nothing
            return []

    return search


def make_baseline(services: list[Mapping[str, Any]], limit: int = 10) -> Search:
    """Plain BM25 (``baseline_search``) over the same documents; the wijk is not used."""
    docs = [d.doc for d in service_documents(services)]

    def search(query: str, wijk: str | None = None) -> list[str]:
        try:
            return [hit.id for hit in baseline_search(query, docs, limit=limit)]
        except QueryError:
            return []

    return search

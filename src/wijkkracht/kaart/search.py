"""Search the sociale kaart by need: the one entry point for the pages and the API.

The database retrieves candidates: services whose index terms match the query's terms (the
full-text index: PostgreSQL ``tsvector``/GIN, SQLite FTS5) and services in the categories of the
needs the query names; filters that the database can apply are applied there. The core then
ranks the candidates (``kaart.core.search.rank``) from their stored terms and the kaart-wide
statistics, so SQLite and PostgreSQL give the same order. Each engine pre-selects at most
``CANDIDATES`` services per route by its own rank; only on kaarten that large can the two
databases differ, and only below the services both keep.
"""

from __future__ import annotations

import datetime as dt
import math
import re
import threading
import uuid
from collections import Counter
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from django.db import connection
from django.db.models import Prefetch

from wijkkracht.errors import WijkkrachtError
from wijkkracht.kaart.core.search import QueryError, ServiceDoc
from wijkkracht.kaart.core.search.analysis import Token
from wijkkracht.kaart.core.search.hsds_documents import distance_km
from wijkkracht.kaart.core.search.rank import Candidate, CorpusStats, Filters, Planner, rank
from wijkkracht.kaart.indexing import FTS_TABLE, TERM, WORD, analyzer, reindex, taxonomy
from wijkkracht.kaart.models import Address, Service, ServiceAtLocation
from wijkkracht.kaart.models_search import SearchDocument, SearchState, SearchVocabulary

__all__ = ["Origin", "OriginError", "QueryError", "Result", "ResultPage", "SearchFilters",
           "find", "origin_for", "reindex", "wijken"]

CANDIDATES = 500
KM_PER_DEGREE = 111.2
TIMEZONE = ZoneInfo("Europe/Amsterdam")
DAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
POSTCODE = re.compile(r"^\s*([1-9]\d{3})\s*([A-Za-z]{2})?\s*$")


class OriginError(WijkkrachtError):
    """A postcode or wijk we cannot place; the message says so in Dutch."""


@dataclass(frozen=True)
class SearchFilters:
    wijk: str | None = None
    free: bool = False
    no_referral: bool = False
    formal: bool | None = None
    language: str | None = None
    open_now: bool = False
    max_km: float | None = None


@dataclass(frozen=True)
class Origin:
    point: tuple[float, float]
    label: str


@dataclass(frozen=True)
class Result:
    service: Service
    score: float
    reasons: tuple[str, ...]
    explanation: str
    distance_km: float | None


@dataclass(frozen=True)
class ResultPage:
    query: str
    results: list[Result]
    total: int
    offset: int
    limit: int
    corrections: tuple[tuple[str, str], ...] = ()
    needs: tuple[str, ...] = ()


# -- the per-process view of the vocabulary, refreshed when the index version moves ---------

@dataclass
class _Snapshot:
    version: int = -1
    planner: Planner | None = None
    stats: CorpusStats = field(default_factory=lambda: CorpusStats(0, 0, {}))


_snapshot = _Snapshot()
_snapshot_lock = threading.Lock()


def _current() -> _Snapshot:
    global _snapshot
    state = SearchState.objects.filter(pk=1).values_list("version", "documents",
                                                         "total_length").first()
    version, documents, total = state or (0, 0, 0)
    snap = _snapshot
    if snap.version == version and snap.planner is not None:
        return snap
    with _snapshot_lock:
        df: dict[str, int] = {}
        words: list[str] = []
        for kind, term, n in SearchVocabulary.objects.values_list("kind", "term", "df"):
            if kind == TERM:
                df[term] = n
            elif kind == WORD:
                words.append(term)
        planner = Planner(taxonomy(), words, df.keys(), analyzer())
        _snapshot = _Snapshot(version, planner, CorpusStats(documents, total, df))
        return _snapshot


# -- where ----------------------------------------------------------------------------------

def _postcode(text: str) -> str:
    match = POSTCODE.match(text or "")
    if not match:
        raise OriginError(f"'{text.strip()}' is geen postcode. Een postcode is vier cijfers "
                          "en twee letters, zoals 2011 AB.")
    return match.group(1)


def _mean(points: list[tuple[float, float]]) -> tuple[float, float]:
    return (sum(p[0] for p in points) / len(points), sum(p[1] for p in points) / len(points))


def origin_for(postcode: str | None = None, wijk: str | None = None) -> Origin | None:
    """Where distances are measured from: the middle of the kaart's addresses with the
    postcode's four digits, else the middle of the kaart's services in the wijk."""
    if postcode and postcode.strip():
        pc4 = _postcode(postcode)
        points = list(
            Address.objects.filter(postal_code__startswith=pc4,
                                   location__latitude__isnull=False,
                                   location__longitude__isnull=False)
            .order_by("pk").values_list("location__latitude", "location__longitude"))
        if not points:
            raise OriginError(f"Postcode {pc4} kennen we niet in deze sociale kaart. Kies uw "
                              "wijk, of zoek zonder postcode.")
        return Origin(_mean(points), f"postcode {pc4}")
    if wijk:
        points = list(SearchDocument.objects.filter(wijk_code=wijk, latitude__isnull=False)
                      .order_by("service_id").values_list("latitude", "longitude"))
        if not points:
            raise OriginError("Deze wijk kennen we niet in deze sociale kaart. Kies een wijk "
                              "uit de lijst.")
        return Origin(_mean(points), dict(wijken()).get(wijk, wijk))
    return None


def wijken() -> list[tuple[str, str]]:
    """(CBS wijk code, name) of the wijken that have services, by name."""
    from wijkkracht.areas.selectors import area_names

    codes = SearchDocument.objects.exclude(wijk_code="").values_list("wijk_code", flat=True)
    names = area_names(set(codes))
    return sorted(names.items(), key=lambda item: (item[1], item[0]))


# -- retrieval ------------------------------------------------------------------------------

def _where(filters: SearchFilters, origin: Origin | None) -> tuple[str, list]:
    sql, params = ["1=1"], []
    if filters.wijk:
        sql.append("d.wijk_code = %s")
        params.append(filters.wijk)
    if filters.free:
        sql.append("d.free = %s")
        params.append(True)
    if filters.no_referral:
        sql.append("d.no_referral = %s")
        params.append(True)
    if filters.formal is not None:
        sql.append("d.formal = %s")
        params.append(filters.formal)
    if filters.language:
        sql.append("d.languages LIKE %s")
        params.append(f"% {filters.language.lower()} %")
    if filters.max_km is not None and origin is not None:
        lat, lon = origin.point
        dlat = filters.max_km / KM_PER_DEGREE
        dlon = dlat / max(math.cos(math.radians(lat)), 0.01)
        sql.append("d.latitude BETWEEN %s AND %s AND d.longitude BETWEEN %s AND %s")
        params += [lat - dlat, lat + dlat, lon - dlon, lon + dlon]
    return " AND ".join(sql), params


def _text_candidates(terms: list[str], where: str, params: list) -> list[int]:
    if not terms:
        return []
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            query = " | ".join(f"'{t}'" for t in terms)
            cursor.execute(
                "SELECT d.id FROM kaart_searchdocument d, to_tsquery('simple', %s) q "
                f"WHERE d.fts @@ q AND {where} ORDER BY ts_rank(d.fts, q) DESC, d.id LIMIT %s",
                [query, *params, CANDIDATES])
        else:
            query = " OR ".join(f'"{t}"' for t in terms)
            cursor.execute(
                f"SELECT d.id FROM {FTS_TABLE} f JOIN kaart_searchdocument d ON d.id = f.rowid "
                f"WHERE {FTS_TABLE} MATCH %s AND {where} ORDER BY f.rank, d.id LIMIT %s",
                [query, *params, CANDIDATES])
        return [row[0] for row in cursor.fetchall()]


def _category_candidates(weights: dict[str, float], where: str, params: list) -> list[int]:
    if not weights:
        return []
    codes = sorted(weights)
    cases = " ".join("WHEN %s THEN %s" for _ in codes)
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT c.document_id, MAX(CASE c.code {cases} ELSE 0 END) AS w "
            "FROM kaart_searchcategory c JOIN kaart_searchdocument d ON d.id = c.document_id "
            f"WHERE c.code IN ({','.join('%s' for _ in codes)}) AND {where} "
            "GROUP BY c.document_id ORDER BY w DESC, c.document_id LIMIT %s",
            [*(x for c in codes for x in (c, weights[c])), *codes, *params, CANDIDATES])
        return [row[0] for row in cursor.fetchall()]


def _open(hours: list, now: dt.datetime) -> bool:
    day, clock = DAYS[now.weekday()], now.strftime("%H:%M")
    for byday, opens, closes in hours:
        days = {d.strip().upper() for d in byday.split(",") if d.strip()} or set(DAYS)
        if day in days and opens[:5] <= clock < closes[:5]:
            return True
    return False


def _candidates(ids: set[int], plan_terms, filters: SearchFilters,
                origin: Origin | None, now: dt.datetime | None) -> list[Candidate]:
    fields = ("service_id", "name", "description", "keywords", "categories", "free",
              "no_referral", "formal", "latitude", "longitude", "hours", "terms", "length",
              "tokens")
    wanted = set(plan_terms)
    out = []
    for row in SearchDocument.objects.filter(pk__in=ids).values(*fields):
        if filters.open_now and not _open(row["hours"], now or dt.datetime.now(TIMEZONE)):
            continue
        distance = None
        if origin is not None and row["latitude"] is not None:
            distance = round(distance_km(origin.point, (row["latitude"], row["longitude"])), 3)
        doc = ServiceDoc(id=str(row["service_id"]), name=row["name"],
                         description=row["description"], categories=tuple(row["categories"]),
                         keywords=tuple(row["keywords"]), free=row["free"],
                         no_referral=row["no_referral"], formal=row["formal"],
                         distance_km=distance)
        tf = Counter(t for t in row["terms"].split() if t in wanted)
        tokens = [Token(surface, tuple(stems)) for surface, stems in row["tokens"]]
        out.append(Candidate(doc, row["length"], tf, tokens))
    return out


def _services(ids: list[str]) -> dict[str, Service]:
    locations = Prefetch("service_at_locations",
                         queryset=ServiceAtLocation.objects.select_related("location")
                         .prefetch_related("location__addresses").order_by("pk"))
    services = (Service.objects.filter(pk__in=[uuid.UUID(i) for i in ids])
                .select_related("organization").prefetch_related(locations, "phones"))
    return {str(s.pk): s for s in services}


def find(query: str, *, filters: SearchFilters = SearchFilters(), origin: Origin | None = None,
         offset: int = 0, limit: int = 10, now: dt.datetime | None = None) -> ResultPage:
    """The services that answer ``query``, best first, a page at a time; ``QueryError`` with a
    Dutch message when the query cannot be used. ``now`` is for "open now" (default: the time
    in the Netherlands)."""
    snap = _current()
    plan = snap.planner.plan(query)
    terms = sorted(t for t in plan.weights
                   if t in snap.stats.df and "-" not in t and "'" not in t)
    where, params = _where(filters, origin)
    ids = set(_text_candidates(terms, where, params))
    ids.update(_category_candidates(plan.category_weights(), where, params))
    candidates = _candidates(ids, plan.weights, filters, origin, now)
    core_filters = Filters(max_km=filters.max_km if origin is not None else None)
    hits = rank(plan, candidates, snap.stats, snap.planner.taxonomy, limit=None,
                filters=core_filters)
    page = hits[max(offset, 0):max(offset, 0) + max(limit, 0)]
    services = _services([hit.id for hit in page])
    distances = {c.doc.id: c.doc.distance_km for c in candidates}
    results = [Result(services[hit.id], hit.score, hit.reasons, hit.explanation,
                      distances.get(hit.id)) for hit in page if hit.id in services]
    return ResultPage(query=" ".join(query.split()), results=results, total=len(hits),
                      offset=offset, limit=limit, corrections=plan.fixes,
                      needs=tuple(m.need.label for m in plan.needs))

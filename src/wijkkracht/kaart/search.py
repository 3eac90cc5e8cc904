"""Search the sociale kaart by need: the one entry point for the pages and the API.

The database retrieves candidates: services whose index terms match the query's terms (the
full-text index: PostgreSQL ``tsvector``/GIN, SQLite FTS5) and services in the categories of the
needs the query names; filters that the database can apply are applied there. The core then
ranks the candidates (``kaart.core.search.rank``) from their stored terms and the kaart-wide
statistics, so SQLite and PostgreSQL give the same order.

On a kaart of more than ``SMALL_KAART`` services the routes are bounded (``_retrieval_terms``,
``_category_candidates``) so that a search reads a few thousand rows at most; the bounds are
the same SQL on both databases, except when one term alone matches more than the budget: then
each engine keeps its own best matches by its own rank, and the two may differ below the top.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import re
import threading
import uuid
from collections import Counter
from collections.abc import Sequence, Set
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from django.db import connection
from django.db.models import Prefetch

from wijkkracht.errors import WijkkrachtError
from wijkkracht.kaart import search_tally
from wijkkracht.kaart.core.search import QueryError, ServiceDoc
from wijkkracht.kaart.core.search.hsds_documents import distance_km
from wijkkracht.kaart.core.search.rank import (
    TOPIC_TRIGGER,
    Candidate,
    CorpusStats,
    Filters,
    Planner,
    explain,
    score,
)
from wijkkracht.kaart.indexing import FTS_TABLE, TERM, WORD, reindex, taxonomy_version
from wijkkracht.kaart.models import Address, Service, ServiceAtLocation
from wijkkracht.kaart.models_search import SearchDocument, SearchState, SearchVocabulary
from wijkkracht.text.dutch import Token, tokenize

__all__ = ["Origin", "OriginError", "QueryError", "Result", "ResultPage", "SearchFilters",
           "find", "origin_for", "reindex", "wijken"]

SMALL_KAART = 1000  # up to this many services every match is a candidate
TEXT_BUDGET = 200  # on a larger kaart: matches the text route reads at most
CATEGORY_BUDGET = 200  # and services the need route brings at most
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
    """Where the searcher is: a point for distances, a label to show, and the CBS wijk (services
    in or for that wijk come first)."""

    point: tuple[float, float]
    label: str
    wijk: str | None = None


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
    # (need label, the query's words that named it, how surely 0-1): for the taxonomy's keeper
    named: tuple[tuple[str, str, float], ...] = ()


# -- the per-process view of the vocabulary, refreshed when the index version moves ---------

@dataclass
class _Snapshot:
    version: uuid.UUID | None = None  # SearchState.stamp
    planner: Planner | None = None
    stats: CorpusStats = field(default_factory=lambda: CorpusStats(0, 0, {}))


_snapshot = _Snapshot()
_snapshot_lock = threading.Lock()


def _current() -> _Snapshot:
    global _snapshot
    state = SearchState.objects.filter(pk=1).values_list(
        "stamp", "documents", "total_length", "taxonomy_id").first()
    version, documents, total, taxonomy_id = state or (None, 0, 0, None)
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
        # the taxonomy the index was analysed with: a newly saved one counts from its reindex
        found, analyser = taxonomy_version(taxonomy_id)
        planner = Planner(found, words, df.keys(), analyser)
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
        rows = list(
            Address.objects.filter(postal_code__startswith=pc4,
                                   location__latitude__isnull=False,
                                   location__longitude__isnull=False)
            .order_by("pk").values_list("location__latitude", "location__longitude",
                                        "location__wijk_code"))
        if not rows:
            raise OriginError(f"Postcode {pc4} kennen we niet in deze sociale kaart. Kies uw "
                              "wijk, of zoek zonder postcode.")
        wijken_here = Counter(w for *_, w in rows if w)
        home = min(wijken_here, key=lambda w: (-wijken_here[w], w)) if wijken_here else None
        return Origin(_mean([(lat, lon) for lat, lon, _ in rows]), f"postcode {pc4}", home)
    if wijk:
        points = list(SearchDocument.objects.filter(wijk_code=wijk, latitude__isnull=False)
                      .order_by("service_id").values_list("latitude", "longitude"))
        if not points:
            raise OriginError("Deze wijk kennen we niet in deze sociale kaart. Kies een wijk "
                              "uit de lijst.")
        return Origin(_mean(points), dict(wijken()).get(wijk, wijk), wijk)
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


def _retrieval_terms(terms: list[str], stats: CorpusStats) -> tuple[list[str], bool]:
    """The query terms the text route retrieves by, rarest first, and whether their matches
    may exceed the budget (then the engine's own rank picks which to keep).

    On a kaart of at most ``SMALL_KAART`` services every term retrieves, as in the reference.
    On a large kaart terms so common that they would bring more than ``TEXT_BUDGET`` matches are
    left to score only: a service that matches nothing rarer scores low on text, and the need
    route brings the services of the categories the query names."""
    ordered = sorted(terms, key=lambda t: (stats.df.get(t, 0), t))
    if stats.n <= SMALL_KAART or sum(stats.df.get(t, 0) for t in ordered) <= TEXT_BUDGET:
        return ordered, False
    chosen, total = [], 0
    for term in ordered:
        if chosen and total + stats.df[term] > TEXT_BUDGET:
            break
        chosen.append(term)
        total += stats.df[term]
    return chosen, total > TEXT_BUDGET


def _text_candidates(terms: list[str], capped: bool, where: str, params: list) -> list[int]:
    if not terms:
        return []
    limit = f" ORDER BY {{rank}}, d.id LIMIT {TEXT_BUDGET}" if capped else ""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            query = " | ".join(f"'{t}'" for t in terms)
            cursor.execute(
                "SELECT d.id FROM kaart_searchdocument d, to_tsquery('simple', %s) q "
                f"WHERE d.fts @@ q AND {where}" + limit.format(rank="ts_rank(d.fts, q) DESC"),
                [query, *params])
        else:
            query = " OR ".join(f'"{t}"' for t in terms)
            cursor.execute(
                f"SELECT d.id FROM {FTS_TABLE} f JOIN kaart_searchdocument d ON d.id = f.rowid "
                f"WHERE {FTS_TABLE} MATCH %s AND {where}" + limit.format(rank="f.rank"),
                [query, *params])
        return [row[0] for row in cursor.fetchall()]


def _category_candidates(weights: dict[str, float], where: str, params: list,
                         large: bool) -> list[int]:
    """The services of the named needs' categories.

    On a small kaart all of them. On a large one at most ``CATEGORY_BUDGET``: the categories
    in order of their weight, within one weight the most openly accessible services first
    (free, no referral), then by id. Each category is read on its own, straight down the index
    on (code, open_access, document), and the lists are merged here: the same services as one
    query over all codes, without sorting every row of a large category."""
    if not weights:
        return []
    join = "" if where == "1=1" else \
        " JOIN kaart_searchdocument d ON d.id = c.document_id AND " + where
    select = f"SELECT c.document_id, c.open_access FROM kaart_searchcategory c{join} WHERE "
    found: dict[int, None] = {}
    with connection.cursor() as cursor:
        if not large:
            codes = sorted(weights)
            cursor.execute(select + f"c.code IN ({','.join('%s' for _ in codes)})",
                           [*([] if not join else params), *codes])
            return sorted({row[0] for row in cursor.fetchall()})
        for weight in sorted(set(weights.values()), reverse=True):
            left = CATEGORY_BUDGET - len(found)
            tier: set[tuple[int, int]] = set()
            for code in sorted(c for c in weights if weights[c] == weight):
                cursor.execute(select + "c.code = %s ORDER BY c.open_access DESC, "
                               f"c.document_id LIMIT {left}",
                               [*([] if not join else params), code])
                tier.update((-open_access, doc) for doc, open_access in cursor.fetchall())
            fresh = [doc for _, doc in sorted(tier) if doc not in found]
            found.update((doc, None) for doc in fresh[:left])
            if len(found) >= CATEGORY_BUDGET:
                break
    return list(found)


def _open(hours: list, now: dt.datetime) -> bool:
    day, clock = DAYS[now.weekday()], now.strftime("%H:%M")
    for byday, opens, closes in hours:
        days = {d.strip().upper() for d in byday.split(",") if d.strip()} or set(DAYS)
        if day in days and opens[:5] <= clock < closes[:5]:
            return True
    return False


def _candidates(ids: set[int], filters: SearchFilters, origin: Origin | None,
                now: dt.datetime | None, wanted: Set[str]) -> list[Candidate]:
    """The candidates with what scoring needs: their frequencies of the ``wanted`` terms (the
    query's weighted terms), their categories, place, languages and ages."""
    if not ids:
        return []
    columns = ("service_id, categories, free, no_referral, formal, latitude, longitude, terms, "
               "length, wijk_code, areas, languages, min_age, max_age"
               + (", hours" if filters.open_now else ""))
    rows = []
    ordered = sorted(ids)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":  # one array, not hundreds of parameters to parse
            cursor.execute(f"SELECT {columns} FROM kaart_searchdocument WHERE id = ANY(%s)",
                           [ordered])
            rows = cursor.fetchall()
        else:  # SQLite takes at most 999 parameters
            for start in range(0, len(ordered), 900):
                chunk = ordered[start:start + 900]
                cursor.execute(f"SELECT {columns} FROM kaart_searchdocument WHERE id IN "
                               f"({','.join('%s' for _ in chunk)})", chunk)
                rows += cursor.fetchall()
    moment = now or dt.datetime.now(TIMEZONE)
    out = []
    for (service_id, categories, free, no_referral, formal, lat, lon, terms, length, wijk,
         areas, languages, min_age, max_age, *hours) in rows:
        if filters.open_now and not _open(_json(hours[0]), moment):
            continue
        distance = None
        if origin is not None and lat is not None:
            distance = round(distance_km(origin.point, (lat, lon)), 3)
        doc = ServiceDoc(id=str(_uuid(service_id)), name="",
                         categories=tuple(categories.split()), free=bool(free),
                         no_referral=bool(no_referral),
                         formal=None if formal is None else bool(formal), distance_km=distance,
                         wijk=wijk or None, areas=tuple(areas.split()),
                         languages=tuple(languages.split()), min_age=min_age, max_age=max_age)
        out.append(Candidate(doc, length, Counter(t for t in terms.split() if t in wanted)))
    return out


def _uuid(value) -> uuid.UUID:
    """PostgreSQL gives a UUID, SQLite its 32 hex digits."""
    return value if isinstance(value, uuid.UUID) else uuid.UUID(str(value))


def _json(value):
    return json.loads(value) if isinstance(value, str) else value


def _tokens(service_ids: list[str]) -> dict[str, list[Token]]:
    rows = SearchDocument.objects.filter(service_id__in=[uuid.UUID(i) for i in service_ids]) \
        .values_list("service_id", "tokens")
    return {str(sid): [Token(surface, tuple(stems)) for surface, stems in tokens]
            for sid, tokens in rows}


def _services(ids: list[str]) -> dict[str, Service]:
    locations = Prefetch("service_at_locations",
                         queryset=ServiceAtLocation.objects.select_related("location")
                         .prefetch_related("location__addresses").order_by("pk"))
    services = (Service.objects.filter(pk__in=[uuid.UUID(i) for i in ids])
                .select_related("organization").prefetch_related(locations, "phones"))
    return {str(s.pk): s for s in services}


def topics() -> list[tuple[str, str]]:
    """The needs of the taxonomy in use that a searcher may choose instead of typing, by label
    (not a general one such as "weet niet waar te beginnen")."""
    needs = _current().planner.taxonomy.needs
    return sorted(((n.code, n.label) for n in needs if not n.fallback), key=lambda c: c[1])


def find(query: str, *, filters: SearchFilters = SearchFilters(), origin: Origin | None = None,
         offset: int = 0, limit: int = 10, now: dt.datetime | None = None,
         tally: bool = True, topic: str | None = None,
         chosen_after: Sequence[str] = ()) -> ResultPage:
    """The services that answer ``query``, best first, a page at a time; ``QueryError`` with a
    Dutch message when the query cannot be used. ``now`` is for "open now" (default: the time
    in the Netherlands). ``tally=False`` for a trial that is no resident's search. ``topic``:
    the code of a need chosen from the list (then ``query`` may be empty); ``chosen_after``:
    the words of the search that named no need, whose results offered that topic."""
    snap = _current()
    plan = snap.planner.plan(query, topic)
    if tally and offset == 0:  # a search, not its next page
        # whether the words named a need; a search by topic alone was understood
        words = tokenize(query)
        understood = not words or any(m.trigger != TOPIC_TRIGGER for m in plan.needs)
        search_tally.record(words, understood)
        if topic and chosen_after:
            search_tally.record_choice(list(chosen_after), topic)
    terms = [t for t in plan.weights if t in snap.stats.df and "-" not in t and "'" not in t]
    where, params = _where(filters, origin)
    ids = set(_text_candidates(*_retrieval_terms(terms, snap.stats), where, params))
    ids.update(_category_candidates(plan.category_weights(), where, params,
                                    large=snap.stats.n > SMALL_KAART))
    found = _candidates(ids, filters, origin, now, plan.weights.keys())
    candidates = {c.doc.id: c for c in found}
    core_filters = Filters(max_km=filters.max_km if origin is not None else None)
    home = (origin.wijk if origin else None) or filters.wijk
    ranked = score(plan, candidates.values(), snap.stats, core_filters, home)
    offset, limit = max(offset, 0), max(limit, 0)
    page = ranked[offset:offset + limit]
    shown = [s.id for s in page]
    services, tokens = _services(shown), _tokens(shown)
    results = []
    for s in page:
        if s.id in services:
            doc = candidates[s.id].doc
            reasons = explain(plan, s, doc, tokens.get(s.id, ()), snap.planner.taxonomy, home)
            explanation = "gevonden via: " + "; ".join(reasons) if reasons else ""
            results.append(Result(services[s.id], s.score, reasons, explanation,
                                  doc.distance_km))
    return ResultPage(query=" ".join(query.split()), results=results, total=len(ranked),
                      offset=offset, limit=limit, corrections=plan.fixes,
                      needs=tuple(m.need.label for m in plan.needs),
                      named=tuple((m.need.label, m.trigger, m.strength) for m in plan.needs))

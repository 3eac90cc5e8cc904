"""Keeping the search index (``kaart.models_search``) in step with the kaart.

A service is indexed from its HSDS 3 form (the exporter's), read by the same
``hsds_documents.service_document`` the evaluation uses and analysed by the core, so the
database holds exactly what the in-memory reference index would. ``reindex`` runs inside the
caller's transaction: an import that fails leaves the index as it was.
"""

from __future__ import annotations

import functools
import hashlib
import logging
import uuid
from collections import Counter
from collections.abc import Iterable, Mapping
from typing import Any

from django.db import connection, transaction

from wijkkracht.kaart.core.search import Taxonomy, load
from wijkkracht.kaart.core.search.hsds_documents import service_document
from wijkkracht.kaart.core.search.needs import parse
from wijkkracht.kaart.core.search.rank import (
    ANALYSIS_VERSION,
    AnalysedDoc,
    analyse_doc,
    document_analyzer,
)
from wijkkracht.kaart.hsds.exporter import export_services
from wijkkracht.kaart.models import Service
from wijkkracht.kaart.models_search import (
    NeedTaxonomy,
    SearchCategory,
    SearchDocument,
    SearchState,
    SearchVocabulary,
)
from wijkkracht.text.dutch import Analyzer

FTS_TABLE = "kaart_search_fts"  # SQLite only; PostgreSQL keeps a generated tsvector column
TERM, WORD = "t", "w"
HIDDEN = frozenset({"inactive", "defunct"})  # HSDS statuses search does not show
BATCH = 1000
logger = logging.getLogger(__name__)


def taxonomy_version(taxonomy_id: int | None) -> tuple[Taxonomy, Analyzer]:
    """A saved taxonomy (the shipped one for ``None``) with its analyser."""
    if taxonomy_id is None:
        return _parsed(None, "")
    saved_at = NeedTaxonomy.objects.filter(pk=taxonomy_id).values_list("saved_at", flat=True) \
        .first()
    if saved_at is None:  # removed since: fall back to the shipped taxonomy
        return _parsed(None, "")
    return _parsed(taxonomy_id, saved_at.isoformat())


@functools.lru_cache(maxsize=4)
def _parsed(taxonomy_id: int | None, saved_at: str) -> tuple[Taxonomy, Analyzer]:
    """Cached by id and time saved: a saved version never changes (and a test database that
    reuses an id saves it at another time)."""
    if taxonomy_id is None:
        found = load()
    else:
        found = parse(NeedTaxonomy.objects.get(pk=taxonomy_id).data, "behoeftentaxonomie")
    return found, document_analyzer(found)


def analysis_of(taxonomy_id: int | None) -> str:
    """A fingerprint of what documents are analysed with: the taxonomy (its protected words
    shape the compound splitting) and the analysis code's version."""
    found = taxonomy_version(taxonomy_id)[0]
    return hashlib.sha256(f"{ANALYSIS_VERSION} {found!r}".encode()).hexdigest()[:32]


def refresh_if_stale() -> int | None:
    """Rebuild the index when it was analysed otherwise than this release would (a new
    needs.json, a changed analysis); return how many services are indexed then, or None when
    the index was current. Run at start-up, after the migrations."""
    state = SearchState.objects.filter(pk=1).first()
    if state is None or state.analysis == analysis_of(state.taxonomy_id):
        return None
    count = reindex(None)
    logger.info("kaart index rebuilt for this release: %d services", count)
    return count


def active_taxonomy_id() -> int | None:
    return NeedTaxonomy.objects.order_by("-pk").values_list("pk", flat=True).first()


def taxonomy() -> Taxonomy:
    """The taxonomy in use now."""
    return taxonomy_version(active_taxonomy_id())[0]


def analyzer() -> Analyzer:
    return taxonomy_version(active_taxonomy_id())[1]


def fts_text(terms: Iterable[str]) -> str:
    """The terms the full-text engines index: those without a hyphen or apostrophe, which the
    engines would split differently (their parts are terms of their own)."""
    return " ".join(t for t in terms if "-" not in t and "'" not in t)


def _spaced(codes: Iterable[str]) -> str:
    """Codes between spaces (" a b "), so that a LIKE '% a %' finds one in any database."""
    codes = [c for c in codes if c]
    return f" {' '.join(codes)} " if codes else ""


def _hours(service: Mapping[str, Any]) -> list[list[str]]:
    rows = list(service.get("schedules") or ())
    for link in service.get("service_at_locations") or ():
        rows += link.get("schedules") or ()
        rows += (link.get("location") or {}).get("schedules") or ()
    return [[s.get("byday") or "", s.get("opens_at") or "", s.get("closes_at") or ""]
            for s in rows if s.get("opens_at") and s.get("closes_at")]


def _document(service: Mapping[str, Any], analyser: Analyzer) -> tuple[SearchDocument,
                                                                         AnalysedDoc]:
    hsds = service_document(service)
    doc = hsds.doc
    analysed = analyse_doc(doc, analyser)
    lat, lon = hsds.point if hsds.point else (None, None)
    row = SearchDocument(
        service_id=uuid.UUID(doc.id), name=doc.name, description=doc.description,
        keywords=list(doc.keywords), categories=_spaced(doc.categories), free=doc.free,
        no_referral=doc.no_referral, formal=doc.formal, wijk_code=hsds.wijk_code or "",
        latitude=lat, longitude=lon, languages=_spaced(doc.languages), areas=_spaced(doc.areas),
        min_age=doc.min_age, max_age=doc.max_age, hours=_hours(service),
        terms=" ".join(analysed.terms), length=len(analysed.terms),
        tokens=[[t.surface, list(t.stems)] for t in analysed.tokens],
    )
    return row, analysed


def _counts(terms: Iterable[str], words: Iterable[str]) -> Counter:
    return Counter([(TERM, t) for t in set(terms)] + [(WORD, w) for w in set(words)])


def _words_of(tokens: list) -> set[str]:
    return {surface for surface, _ in tokens}


def _fts_delete(ids: list[int]) -> None:
    if connection.vendor == "sqlite" and ids:
        with connection.cursor() as cursor:
            for start in range(0, len(ids), BATCH):
                chunk = ids[start:start + BATCH]
                cursor.execute(f"DELETE FROM {FTS_TABLE} WHERE rowid IN "
                               f"({','.join('%s' for _ in chunk)})", chunk)


def _fts_insert(rows: list[SearchDocument]) -> None:
    if connection.vendor == "sqlite" and rows:
        _fts_delete([r.pk for r in rows])  # a rowid may be reused after a flush
        with connection.cursor() as cursor:
            cursor.executemany(f"INSERT INTO {FTS_TABLE} (rowid, terms) VALUES (%s, %s)",
                               [(r.pk, fts_text(r.terms.split())) for r in rows])


def _apply_counts(delta: Counter) -> None:
    """Add ``delta`` to the vocabulary's document frequencies; drop what falls to zero."""
    changed = [key for key, n in delta.items() if n]
    for start in range(0, len(changed), BATCH):
        chunk = changed[start:start + BATCH]
        existing = {}
        for kind in (TERM, WORD):
            names = [t for k, t in chunk if k == kind]
            if names:
                for row in SearchVocabulary.objects.filter(kind=kind, term__in=names):
                    existing[(kind, row.term)] = row
        update, create, drop = [], [], []
        for key in chunk:
            row = existing.get(key)
            df = (row.df if row else 0) + delta[key]
            if df <= 0:
                if row:
                    drop.append(row.pk)
            elif row:
                row.df = df
                update.append(row)
            else:
                create.append(SearchVocabulary(kind=key[0], term=key[1], df=df))
        SearchVocabulary.objects.filter(pk__in=drop).delete()
        SearchVocabulary.objects.bulk_update(update, ["df"], batch_size=BATCH)
        SearchVocabulary.objects.bulk_create(create, batch_size=BATCH)


def _insert(services: list[Mapping[str, Any]],
            taxonomy_id: int | None) -> tuple[list[SearchDocument], Counter]:
    analyser = taxonomy_version(taxonomy_id)[1]
    built = [_document(s, analyser) for s in services if s.get("status") not in HIDDEN]
    rows = SearchDocument.objects.bulk_create([row for row, _ in built], batch_size=BATCH)
    SearchCategory.objects.bulk_create(
        [SearchCategory(document=row, code=code, open_access=int(row.free) + int(row.no_referral))
         for row in rows for code in row.categories.split()],
        batch_size=BATCH)
    _fts_insert(rows)
    counts: Counter = Counter()
    for _, analysed in built:
        counts.update(_counts(analysed.terms, analysed.words))
    return rows, counts


def forget_deleted_service(sender, instance, **kwargs) -> None:
    """``post_delete`` of a service: take its document and words out of the index."""
    reindex([instance.pk])


def _analysed_now_if_empty(state: SearchState) -> None:
    """What goes into an empty index is analysed as this release analyses."""
    if not state.documents:
        state.analysis = analysis_of(state.taxonomy_id)


def _add(state: SearchState, services: list[Mapping[str, Any]]) -> None:
    _analysed_now_if_empty(state)
    rows, counts = _insert(services, state.taxonomy_id)
    _apply_counts(counts)
    state.documents += len(rows)
    state.total_length += sum(r.length for r in rows)


@transaction.atomic
def index_new(services: list[Mapping[str, Any]]) -> int:
    """Add HSDS 3 services that are not indexed yet (bulk loads and benchmarks); their rows
    must exist in the kaart. Returns how many services are indexed now."""
    state, _ = SearchState.objects.select_for_update().get_or_create(pk=1)
    _add(state, services)
    state.version += 1
    state.stamp = uuid.uuid4()
    state.save()
    return state.documents


@transaction.atomic
def reindex(service_ids: Iterable[Any] | None = None) -> int:
    """Rebuild the search documents of these services (all when ``None``); return how many
    services are indexed now. A service that no longer exists leaves the index."""
    state, _ = SearchState.objects.select_for_update().get_or_create(pk=1)
    if service_ids is None:
        SearchCategory.objects.all().delete()
        SearchDocument.objects.all().delete()
        SearchVocabulary.objects.all().delete()
        if connection.vendor == "sqlite":
            with connection.cursor() as cursor:
                cursor.execute(f"DELETE FROM {FTS_TABLE}")
        state.documents = state.total_length = 0
        state.taxonomy_id = active_taxonomy_id()
        _add(state, export_services())
    else:
        ids = sorted({uuid.UUID(str(i)) for i in service_ids})
        old = list(SearchDocument.objects.filter(service_id__in=ids)
                   .values_list("pk", "terms", "tokens", "length"))
        delta: Counter = Counter()
        for _, terms, tokens, _ in old:
            delta.subtract(_counts(terms.split(), _words_of(tokens)))
        _fts_delete([pk for pk, *_ in old])
        SearchDocument.objects.filter(pk__in=[pk for pk, *_ in old]).delete()
        existing = set(Service.objects.filter(pk__in=ids).values_list("pk", flat=True))
        alive = [i for i in ids if i in existing]
        _analysed_now_if_empty(state)
        rows, counts = _insert(export_services(alive) if alive else [], state.taxonomy_id)
        delta.update(counts)
        _apply_counts(delta)
        state.documents += len(rows) - len(old)
        state.total_length += sum(r.length for r in rows) - sum(n for *_, n in old)
    state.version += 1
    state.stamp = uuid.uuid4()
    state.save()
    return state.documents

"""Search through the database gives what the in-memory reference ranking gives, on SQLite
(FTS5) and PostgreSQL (tsvector): the same top 10 for every evaluation query, so the same on
both databases; filters, origins and bad input behave."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from benchmarks import bench_kaart_eval as bench

from wijkkracht.kaart import demo, search
from wijkkracht.kaart import models as m
from wijkkracht.kaart.core.search.hsds_documents import make_ranker
from wijkkracht.kaart.indexing import reindex
from wijkkracht.kaart.models_search import SearchDocument, SearchState, SearchVocabulary

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def demo_kaart(kaart_pages_demo):
    return kaart_pages_demo


@pytest.fixture(scope="module")
def queries():
    return json.loads(bench.EVAL_FILE.read_text(encoding="utf-8"))["queries"]


def ids(page):
    return [str(r.service.pk) for r in page.results]


def test_every_evaluation_query_ranks_as_the_reference_index(demo_kaart, queries):
    reference = make_ranker(demo_kaart)
    for q in queries:
        origin = search.origin_for(wijk=q["wijk"]) if q["wijk"] else None
        assert ids(search.find(q["text"], origin=origin)) == reference(q["text"], q["wijk"]), \
            q["id"]


def test_the_index_holds_every_service_once(demo_kaart):
    assert SearchDocument.objects.count() == m.Service.objects.count() == len(demo_kaart)
    state = SearchState.objects.get()
    assert state.documents == len(demo_kaart)
    assert SearchVocabulary.objects.filter(kind="t", term="eenzam").exists() or \
        SearchVocabulary.objects.filter(kind="t", term__startswith="ontmoet").exists()


def test_a_found_service_says_why(demo_kaart):
    page = search.find("eenzaam, komt de deur niet uit")
    assert page.total >= 10 and len(page.results) == 10
    assert page.needs and all(r.explanation.startswith("gevonden via: ") for r in page.results)
    assert any("eenzaamheid" in r.explanation for r in page.results)


def test_pages_continue_where_the_last_stopped(demo_kaart):
    first = search.find("schulden", limit=5)
    second = search.find("schulden", offset=5, limit=5)
    both = search.find("schulden", limit=10)
    assert ids(first) + ids(second) == ids(both)


def test_filters_narrow_the_results(demo_kaart):
    free = search.find("eenzaam", filters=search.SearchFilters(free=True), limit=50)
    assert free.results and all("gratis" in r.reasons for r in free.results)
    wijk = demo.WIJKEN and sorted(demo.WIJKEN)[0]
    in_wijk = search.find("eenzaam", filters=search.SearchFilters(wijk=wijk), limit=50)
    assert in_wijk.results
    assert all(r.service.search_document.wijk_code == wijk for r in in_wijk.results)
    informal = search.find("eenzaam", filters=search.SearchFilters(formal=False), limit=50)
    assert informal.results and all(r.service.search_document.formal is False
                                     for r in informal.results)
    origin = search.origin_for(wijk=wijk)
    near = search.find("eenzaam", origin=origin,
                       filters=search.SearchFilters(max_km=1.0), limit=50)
    assert near.results and all(r.distance_km is not None and r.distance_km <= 1.0
                                for r in near.results)
    assert near.total < search.find("eenzaam", origin=origin, limit=50).total


def test_open_now_uses_the_opening_hours(demo_kaart):
    monday_ten = dt.datetime(2026, 12, 7, 10, 0, tzinfo=search.TIMEZONE)
    sunday_night = dt.datetime(2026, 12, 6, 23, 30, tzinfo=search.TIMEZONE)
    day = search.find("eenzaam", filters=search.SearchFilters(open_now=True), now=monday_ten)
    night = search.find("eenzaam", filters=search.SearchFilters(open_now=True),
                        now=sunday_night)
    assert day.total > night.total


def test_a_language_filter_keeps_services_in_that_language(demo_kaart):
    page = search.find("schulden", filters=search.SearchFilters(language="en"), limit=50)
    for result in page.results:
        assert " en " in result.service.search_document.languages


@pytest.mark.parametrize(("text", "code"), [("", "empty"), ("x" * 1000, "too_long"),
                                            ("de het een", "only_stop_words")])
def test_queries_we_cannot_use_get_a_dutch_message(demo_kaart, text, code):
    with pytest.raises(search.QueryError) as error:
        search.find(text)
    assert error.value.code == code and str(error.value)


def test_postcodes_place_the_searcher_or_say_why_not(demo_kaart):
    address = m.Address.objects.filter(location__latitude__isnull=False).first()
    origin = search.origin_for(postcode=address.postal_code)
    assert origin.label == f"postcode {address.postal_code[:4]}"
    with pytest.raises(search.OriginError, match="kennen we niet"):
        search.origin_for(postcode="9999 ZZ")
    with pytest.raises(search.OriginError, match="geen postcode"):
        search.origin_for(postcode="12345")
    with pytest.raises(search.OriginError):
        search.origin_for(wijk="WK999999")


def test_a_changed_service_is_found_by_its_new_words(demo_kaart):
    service = m.Service.objects.order_by("pk").first()
    pk = service.pk
    assert not _known("theremin") and not search.find("theremin").results
    service.description = (service.description or "") + " Wij spelen samen theremin."
    service.save()
    reindex([service.pk])
    assert str(service.pk) in ids(search.find("theremin"))
    service.delete()
    reindex([pk])
    assert str(pk) not in ids(search.find("theremin"))
    assert SearchState.objects.get().documents == len(demo_kaart) - 1


def _known(word: str) -> bool:
    return SearchVocabulary.objects.filter(kind="w", term=word).exists()


def test_on_a_large_kaart_the_routes_are_bounded_and_still_find_the_need(demo_kaart,
                                                                         monkeypatch):
    """The demo kaart counted as large (budgets of 40): a search reads at most the budgets,
    the best answers to the need still come first, and the same search gives the same page."""
    monkeypatch.setattr(search, "SMALL_KAART", 100)
    monkeypatch.setattr(search, "TEXT_BUDGET", 40)
    monkeypatch.setattr(search, "CATEGORY_BUDGET", 40)
    page = search.find("hij zit de hele dag alleen thuis, eenzaam")
    assert 10 <= page.total <= 80
    # the query names loneliness and an empty day: the first answers come through those needs
    assert all("wijst op eenzaamheid" in r.explanation for r in page.results[:3])
    assert all(" wijst op " in r.explanation for r in page.results[:5])
    assert ids(search.find("hij zit de hele dag alleen thuis, eenzaam")) == ids(page)
    free = search.find("eenzaam", filters=search.SearchFilters(free=True))
    assert free.results and all("gratis" in r.reasons for r in free.results)


def test_an_index_analysed_by_an_earlier_release_is_rebuilt_at_start_up(demo_kaart,
                                                                          monkeypatch):
    """A release that ships another needs.json or analyses otherwise rebuilds the index once;
    the same search then ranks as before, and a current index is left alone."""
    from wijkkracht.kaart import indexing

    before = ids(search.find("ik kom niet rond"))
    assert indexing.refresh_if_stale() is None
    monkeypatch.setattr(indexing, "ANALYSIS_VERSION", "a later release")
    stale = SearchState.objects.get().version
    assert indexing.refresh_if_stale() == len(demo_kaart)
    state = SearchState.objects.get()
    assert state.version > stale and state.analysis == indexing.analysis_of(state.taxonomy_id)
    assert indexing.refresh_if_stale() is None
    assert ids(search.find("ik kom niet rond")) == before

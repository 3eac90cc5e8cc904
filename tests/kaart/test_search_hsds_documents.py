"""The adapter from HSDS 3 services to search documents, and its benchmark factories."""

import importlib.util
from pathlib import Path

import pytest

from wijkkracht.kaart import demo
from wijkkracht.kaart.core.search.hsds_documents import (
    CATEGORY_MAP,
    distance_km,
    make_baseline,
    make_ranker,
    service_document,
    service_documents,
    wijk_centres,
)
from wijkkracht.kaart.core.search.needs import load

BENCH = Path(__file__).resolve().parents[2] / "benchmarks" / "bench_kaart_eval.py"


@pytest.fixture(scope="module")
def services():
    return demo.generate()


def test_demo_service_becomes_a_document(services):
    first = service_document(services[0])
    doc = first.doc
    assert doc.id == services[0]["id"]
    assert doc.name == "Koffieochtend in Buurtcentrum De Horizon"
    assert doc.categories[0] == "ontmoeting"
    assert "Buurtcentrum De Horizon (demo)" in doc.keywords
    assert doc.no_referral is True and doc.formal is False and doc.free is False
    assert first.wijk_code == "WK039201"
    assert first.point == pytest.approx((52.3782, 4.63253))


def test_flags_and_wijk_follow_the_attributes(services):
    documents = service_documents(services)
    assert {d.doc.formal for d in documents} == {True, False}
    assert sum(d.doc.formal for d in documents) == 170  # docs/kaart-demo.md
    assert any(d.doc.free for d in documents) and not all(d.doc.free for d in documents)
    assert any(d.doc.no_referral for d in documents)
    assert not all(d.doc.no_referral for d in documents)
    assert all(d.wijk_code and d.wijk_code.startswith("WK0392") for d in documents)
    assert len(wijk_centres(documents)) == 21


def test_every_mapped_category_is_in_the_need_taxonomy(services):
    taxonomy = load()
    for targets in CATEGORY_MAP.values():
        assert set(targets) <= set(taxonomy.categories)
    demo_codes = {a["taxonomy_term"]["code"] for s in services for a in s["attributes"]
                  if a["taxonomy_term"]["taxonomy"] == "wijkkracht-categorie"}
    assert demo_codes == set(CATEGORY_MAP)


def test_distance():
    assert distance_km((52.38, 4.63), (52.38, 4.63)) == 0
    assert distance_km((52.0, 4.6), (53.0, 4.6)) == pytest.approx(111.2, abs=0.2)


def test_factories_rank_and_the_need_search_beats_bm25_on_the_tuning_half(services):
    spec = importlib.util.spec_from_file_location("bench_kaart_eval", BENCH)
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    import json
    queries = [q for q in json.loads(bench.EVAL_FILE.read_text("utf-8"))["queries"]
               if q["half"] == "tuning"]
    ranked = bench.summary(bench.evaluate(make_ranker(services), queries))["tuning"]
    plain = bench.summary(bench.evaluate(make_baseline(services), queries))["tuning"]
    assert ranked["ndcg@10"] > plain["ndcg@10"] + 0.1
    assert ranked["recall@10"] > plain["recall@10"] + 0.1
    assert make_ranker(services)("de het niet", None) == []


def test_home_wijk_moves_local_services_up(services):
    search = make_ranker(services)
    wijk_of = {d.doc.id: d.wijk_code for d in service_documents(services)}
    city = search("koffie drinken met buren", None)
    local = search("koffie drinken met buren", "WK039221")
    assert sum(wijk_of[i] == "WK039221" for i in local) > sum(
        wijk_of[i] == "WK039221" for i in city)

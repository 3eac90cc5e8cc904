"""The sociale-kaart evaluation set and the metrics of benchmarks/bench_kaart_eval.py."""

from __future__ import annotations

import json
import math

import pytest
from benchmarks import bench_kaart_eval as bench
from benchmarks.kaart_eval import build

from wijkkracht.kaart import demo


@pytest.fixture(scope="module")
def data():
    return json.loads(bench.EVAL_FILE.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def services():
    return demo.generate()


def test_evaluation_file_is_well_formed(data, services):
    ids = {s["id"] for s in services}
    queries = data["queries"]
    assert len(queries) >= 40
    assert data["services"] == len(services) >= 300
    assert len({q["id"] for q in queries}) == len(queries)
    assert len({q["text"] for q in queries}) == len(queries)
    for q in queries:
        assert q["text"].strip() and q["who"] in ("bewoner", "huisarts")
        assert q["wijk"] is None or q["wijk"] in demo.WIJKEN
        assert q["judgments"], q["id"]
        assert set(q["judgments"]) <= ids, q["id"]
        assert all(isinstance(g, int) and 1 <= g <= 3 for g in q["judgments"].values())
        # every query has good answers, so recall@10 is defined for it
        assert any(g >= 2 for g in q["judgments"].values()), q["id"]
    assert {q["who"] for q in queries} == {"bewoner", "huisarts"}


def test_halves_are_fixed_disjoint_and_cover_every_query(data):
    tuning, test = set(data["halves"]["tuning"]), set(data["halves"]["test"])
    seen, blind = set(data["halves"]["seen"]), set(data["halves"]["blind"])
    halves = [tuning, test, seen, blind]
    assert all(halves) and sum(map(len, halves)) == len(set().union(*halves))  # disjoint
    assert set().union(*halves) == {q["id"] for q in data["queries"]}
    assert abs(len(tuning) - len(test)) <= 1
    # the first four blind halves (q47-q70, q71-q100, q101-q130, q131-q160), now seen
    assert seen == {f"q{n:02d}" for n in range(47, 161)}
    assert len(blind) >= 30 and build.BLIND_FROM == 161
    assert blind == {q["id"] for q in data["queries"] if int(q["id"][1:]) >= 161}
    for q in data["queries"]:
        number = int(q["id"][1:])
        expected = ("blind" if number >= build.BLIND_FROM else "seen" if number >= 47
                    else "tuning" if number % 2 else "test")
        assert q["half"] == expected
        assert q["id"] in data["halves"][q["half"]]


def test_evaluation_file_matches_its_rules_and_the_demo():
    """kaart_eval.json is what build.py makes from the rules; a changed demo shows here."""
    assert bench.EVAL_FILE.read_text(encoding="utf-8") == build.render()


def test_grading_rules_on_hand_picked_services(services):
    by_name = {s["name"]: s for s in services}
    koffie = next(s for s in services if demo.categories_of(s) == ["ontmoeting"]
                  and demo.categories_of(s, "wijkkracht-vorm") == ["informeel"])
    wijk = koffie["service_at_locations"][0]["location"]["external_identifier"]
    lonely = build.Q("alleen thuis", "bewoner", {"ontmoeting": 3}, wijk=wijk)
    assert build.grade(lonely, koffie) == 3
    elsewhere = build.Q("alleen thuis", "bewoner", {"ontmoeting": 3},
                        wijk=next(c for c in demo.WIJKEN if c != wijk))
    assert build.grade(elsewhere, koffie) == 1  # a local service two wijken away: 3 - 2
    assert build.grade(build.Q("x", "bewoner", {"schuldhulp": 3}), koffie) == 0
    teen = next(s for s in services if s.get("maximum_age") == 23)
    assert build.grade(build.Q("x", "bewoner", {"jeugd": 3}, age=15), teen) == 3
    assert build.grade(build.Q("x", "bewoner", {"jeugd": 3}, age=40), teen) == 0
    dutch_only = next(s for s in by_name.values()
                      if [x["code"] for x in s["languages"]] == ["nl"]
                      and "ontmoeting" in demo.categories_of(s))
    assert build.grade(build.Q("x", "bewoner", {"ontmoeting": 3}, lang="tr"), dutch_only) == 1


def test_queries_mostly_avoid_the_words_of_their_best_answers(data, services):
    by_id = {s["id"]: s for s in services}

    def avoids(q):
        best = max(q["judgments"].values())
        top = [by_id[i] for i, g in q["judgments"].items() if g == best]
        words = bench.tokens(q["text"])
        sharing = sum(bool(words & bench.tokens(f"{s['name']} {s['description']}")) for s in top)
        return sharing < len(top) / 2

    assert sum(map(avoids, data["queries"])) > len(data["queries"]) / 2
    # and so does the blind half on its own
    blind = [q for q in data["queries"] if q["half"] == "blind"]
    assert sum(map(avoids, blind)) > len(blind) / 2


def test_blind_half_covers_every_category_in_a_top_rule(data):
    blind = [q for q in data["queries"] if q["half"] == "blind"]
    top = {c for q in blind for need, g in q["rules"]["rules"] if g == 3 for c in need}
    assert top == set(demo.CATEGORIES)
    assert {q["who"] for q in blind} == {"bewoner", "huisarts"}


def test_ndcg_on_hand_made_examples():
    judged = {"a": 3, "b": 2, "c": 1}
    assert bench.ndcg_at_k(["a", "b", "c"], judged) == pytest.approx(1.0)
    assert bench.ndcg_at_k(["x", "y"], judged) == 0.0
    ideal = 7 + 3 / math.log2(3) + 1 / 2
    assert bench.ndcg_at_k(["c", "b", "a"], judged) == pytest.approx(
        (1 + 3 / math.log2(3) + 7 / 2) / ideal)
    # only the first k count, on both sides
    assert bench.ndcg_at_k(["x", "a"], {"a": 3}, k=1) == 0.0
    assert bench.ndcg_at_k(["a", "x"], {"a": 3, "b": 3}, k=1) == pytest.approx(1.0)
    assert bench.ndcg_at_k(["a"], {}) is None


def test_recall_on_hand_made_examples():
    judged = {"a": 3, "b": 2, "c": 1}
    assert bench.recall_at_k(["a", "c"], judged) == pytest.approx(0.5)
    assert bench.recall_at_k(["c", "b", "a"], judged) == pytest.approx(1.0)
    assert bench.recall_at_k(["c"], judged) == 0.0
    many = {str(i): 2 for i in range(30)}
    assert bench.recall_at_k([str(i) for i in range(10)], many) == pytest.approx(1.0)
    assert bench.recall_at_k([str(i) for i in range(5)], many) == pytest.approx(0.5)
    assert bench.recall_at_k(["c"], {"c": 1}) is None


def oracle(services):
    """A ranker that knows the answers: it must score 1.0 on both metrics."""
    answers = {q["text"]: q["judgments"] for q in build.build()["queries"]}

    def search(query, wijk=None):
        return sorted(answers[query], key=lambda sid: (-answers[query][sid], sid))

    return search


def test_oracle_ranker_scores_one_and_baseline_scores_less(data, services):
    perfect = bench.summary(bench.evaluate(oracle(services), data["queries"]))
    for half in ("tuning", "test", "all"):
        assert perfect[half]["ndcg@10"] == pytest.approx(1.0)
        assert perfect[half]["recall@10"] == pytest.approx(1.0)
    base = bench.summary(bench.evaluate(bench.token_overlap(services), data["queries"]))
    assert base["test"]["queries"] == len(data["halves"]["test"])
    assert 0 < base["all"]["ndcg@10"] < 0.8


def test_bench_script_loads_a_ranker_by_import_path(capsys):
    assert bench.main(["--ranker", "tests.kaart.test_data_eval:oracle", "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["test"]["ndcg@10"] == pytest.approx(1.0)
    assert bench.main(["--half", "test"]) == 0
    table = capsys.readouterr().out
    assert "nDCG@10" in table and "test" in table and "tuning " not in table

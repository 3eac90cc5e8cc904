"""The need-recognition questions (benchmarks/kaart_needs) and the counts of their bench."""

from __future__ import annotations

import json

from benchmarks import bench_kaart_needs as bench

from wijkkracht.kaart.core.search import SearchIndex, ServiceDoc, load


def test_every_question_names_needs_of_the_shipped_taxonomy():
    codes = {need.code for need in load().needs}
    sets = json.loads(bench.QUESTIONS.read_text(encoding="utf-8"))["sets"]
    assert set(sets) == {"before_audit", "after_audit", "round4_fixed_on", "round4_held_out"}
    for questions in sets.values():
        assert len({q["text"] for q in questions}) == len(questions)
        for q in questions:
            assert q["text"].strip() and q["needs"] and set(q["needs"]) <= codes, q


def test_recognition_counts_wrong_named_and_surest_needs():
    planner = SearchIndex([ServiceDoc("x", "x")], load()).planner
    questions = [{"text": "er stond een deurwaarder aan de deur", "needs": ["schulden"]},
                 {"text": "er stond een deurwaarder aan de deur", "needs": ["rouw"]}]
    counts = bench.recognition(planner, questions)
    named = {m.need.code for m in planner.plan(questions[0]["text"]).needs}
    assert "schulden" in named and "rouw" not in named
    assert counts == {"questions": 2, "wrong": len(named - {"schulden"}) + len(named),
                      "named": 1, "top": 1}

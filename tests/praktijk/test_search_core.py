"""The pure ranker: BM25F numbers worked by hand, Dutch compounds and agent nouns, field
weights and "wijken like yours" first."""

from __future__ import annotations

import math

import pytest

from wijkkracht.praktijk.core.search import Document, PracticeIndex, preferred_practices
from wijkkracht.text.dutch import Analyzer, common_word, default_decompounder


@pytest.fixture(scope="module")
def analyzer():
    return Analyzer(default_decompounder({"mantelzorg"}))


def index(analyzer, *texts, field="text"):
    return PracticeIndex([Document(i, {field: t}) for i, t in enumerate(texts, start=1)],
                         analyzer, common_word)


def test_bm25_score_worked_by_hand(analyzer):
    # Robertson & Zaragoza (2009) eq. 3.3/3.15, k1 = 1.2, b = 0.75. Documents "koffie" (length
    # 1) and "thee thee" (length 2), average 1.5; "koffie" in 1 of 2 documents:
    # idf = ln(1 + 1.5/1.5) = ln 2; norm = 1.2 * (0.25 + 0.75 * 1/1.5) = 0.9;
    # score = ln 2 * 1 * 2.2 / (1 + 0.9) = 0.802592...
    hits = index(analyzer, "koffie", "thee thee").search("koffie")
    assert [h.id for h in hits] == [1]
    assert hits[0].score == pytest.approx(math.log(2) * 2.2 / 1.9, abs=1e-9)


def test_mantelzorgers_finds_mantelzorgondersteuning(analyzer):
    idx = index(analyzer, "Wij bieden mantelzorgondersteuning in de wijk.",
                "Een moestuin voor bewoners.")
    assert [h.id for h in idx.search("mantelzorgers")] == [1]
    # and the other way round: the base noun finds the agent noun
    idx = index(analyzer, "Een groep voor mantelzorgers.", "Een moestuin voor bewoners.")
    assert [h.id for h in idx.search("mantelzorg")] == [1]


def test_whole_word_ranks_above_compound_part(analyzer):
    idx = index(analyzer, "ondersteuning van mantelzorgers", "mantelzorgondersteuning")
    hits = idx.search("mantelzorgers")
    assert [h.id for h in hits] == [1, 2]
    assert hits[0].score > hits[1].score > 0


def test_title_weighs_more_than_text(analyzer):
    docs = [Document(1, {"title": "Moestuin", "text": "buurt eenzaamheid"}),
            Document(2, {"title": "Eenzaamheid", "text": "buurt moestuin"})]
    hits = PracticeIndex(docs, analyzer, common_word).search("eenzaamheid")
    assert [h.id for h in hits] == [2, 1]


def test_preferred_practices_come_first_then_score(analyzer):
    idx = index(analyzer, "dementie dementie thuiszorg", "dementie in de wijk", "moestuin")
    assert [h.id for h in idx.search("dementie")] == [1, 2]
    hits = idx.search("dementie", preferred={2, 3})
    assert [(h.id, h.similar_wijk) for h in hits] == [(2, True), (1, False)]
    # without words: every practice, the preferred ones first, then by id
    assert [h.id for h in idx.search("", preferred={3})] == [3, 1, 2]


def test_preferred_practices_by_wijk():
    wijken = {1: ["WK039210"], 2: ["WK036300", "WK001400"], 3: []}
    assert preferred_practices(wijken, ["WK001400", "WK099900"]) == {2}
    assert preferred_practices(wijken, [], own_wijk="WK039210") == {1}

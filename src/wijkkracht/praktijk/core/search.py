"""Finding practices: a small BM25F ranker over the practices' Dutch text, and "practices from
wijken like yours" first.

Scoring is BM25 with field weights folded into the term frequencies (BM25F as in Robertson and
Zaragoza, "The Probabilistic Relevance Framework: BM25 and Beyond", Foundations and Trends in
IR 3(4), 2009, §3.5, eq. 3.18 with one shared b): k1 = 1.2, b = 0.75, the usual defaults
(ibid. §3.4). Text is analysed with ``wijkkracht.text.dutch`` (stems and compound parts); a
compound part counts half, so a whole-word hit ranks above a hit inside a compound.

One Dutch case the stemmer leaves: the agent noun in -er ("mantelzorger") and its base noun
("mantelzorg", also a part of "mantelzorgondersteuning"). When a stem ends in "er" and what is
left is a known Dutch word, that word is also a term at half weight, in queries and documents
alike, so "mantelzorgers" finds "mantelzorgondersteuning".

The index is built in memory per request: the praktijkbank holds a few hundred practices (some
thousands of words each at most), which takes milliseconds; a database index is for later.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass

from wijkkracht.text.dutch import Analyzer

K1 = 1.2
B = 0.75
PART_WEIGHT = 0.5
FIELD_WEIGHTS = {"title": 3.0, "summary": 2.0, "place": 2.0, "principles": 1.5,
                 "target_groups": 1.5}


@dataclass(frozen=True)
class Document:
    id: int
    fields: Mapping[str, str]


@dataclass(frozen=True)
class Hit:
    id: int
    score: float
    similar_wijk: bool = False


def weighted_terms(analyzer: Analyzer, text: str,
                   known: Callable[[str], bool]) -> Counter[str]:
    """Index terms of ``text`` with weights: the stem of a word 1, compound parts and the
    base of an -er agent noun ``PART_WEIGHT``; a term takes its highest weight per word."""
    out: Counter[str] = Counter()
    for token in analyzer.tokens(text):
        weights: dict[str, float] = {}
        for i, term in enumerate(token.stems):
            weights[term] = max(weights.get(term, 0.0), 1.0 if i == 0 else PART_WEIGHT)
        for term in list(weights):
            if len(term) >= 7 and term.endswith("er") and known(term[:-2]):
                weights.setdefault(term[:-2], PART_WEIGHT)
        for term, weight in weights.items():
            out[term] += weight
    return out


class PracticeIndex:
    """BM25F over the documents' fields; see the module docstring."""

    def __init__(self, documents: Sequence[Document], analyzer: Analyzer,
                 known: Callable[[str], bool]):
        self.analyzer, self.known = analyzer, known
        self.ids = [d.id for d in documents]
        self.tf: dict[int, Counter[str]] = {}
        for d in documents:
            tf: Counter[str] = Counter()
            for name, text in d.fields.items():
                weight = FIELD_WEIGHTS.get(name, 1.0)
                for term, n in weighted_terms(analyzer, text or "", known).items():
                    tf[term] += weight * n
            self.tf[d.id] = tf
        self.length = {i: sum(tf.values()) for i, tf in self.tf.items()}
        self.avg_length = (sum(self.length.values()) / len(self.length)) if self.length else 0.0
        self.df: Counter[str] = Counter(t for tf in self.tf.values() for t in tf)

    def idf(self, term: str) -> float:
        """Robertson-Spärck Jones idf with the +1 that keeps it positive (ibid. eq. 3.3)."""
        n, df = len(self.ids), self.df.get(term, 0)
        return math.log(1 + (n - df + 0.5) / (df + 0.5))

    def score(self, doc_id: int, query: Mapping[str, float]) -> float:
        tf, total = self.tf[doc_id], 0.0
        norm = K1 * (1 - B + B * self.length[doc_id] / (self.avg_length or 1.0))
        for term, q_weight in query.items():
            f = tf.get(term, 0.0)
            if f:
                total += q_weight * self.idf(term) * f * (K1 + 1) / (f + norm)
        return total

    def search(self, text: str, *, preferred: Collection[int] = ()) -> list[Hit]:
        """Documents that match ``text`` (all documents for empty text, score 0), the
        ``preferred`` ones (practices in wijken like the user's) first, then by score, then
        by id for a stable order."""
        query = dict(weighted_terms(self.analyzer, text, self.known))
        if query:
            hits = [Hit(i, round(s, 9), i in preferred) for i in self.ids
                    if (s := self.score(i, query)) > 0]
        else:
            hits = [Hit(i, 0.0, i in preferred) for i in self.ids]
        return sorted(hits, key=lambda h: (not h.similar_wijk, -h.score, h.id))


def preferred_practices(wijk_codes_by_practice: Mapping[int, Sequence[str]],
                        similar_wijken: Sequence[str], own_wijk: str | None = None) -> set[int]:
    """Practices whose wijken include the user's wijk or one of the wijken most like it."""
    wanted = set(similar_wijken) | ({own_wijk} if own_wijk else set())
    return {pk for pk, codes in wijk_codes_by_practice.items() if wanted & set(codes)}

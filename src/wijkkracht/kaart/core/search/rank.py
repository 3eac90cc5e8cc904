"""Ranking services for a need in plain Dutch, and the plain BM25 baseline it must beat.

``SearchIndex.search`` scores every service by

    0.3 x BM25 over the analysed text (stems, compound parts at half weight, words of the needs
    the query names at up to 0.3), normalised to the best text match
  + need expansion: query words and phrases -> needs -> service categories; a service in a
    need's best fitting category gets 1.0, in its second 0.7, third 0.5, times how surely the
    query names that need beside the surest one (``bag_strength``, ``sequence_strength``: rare
    words and phrases in order are sure, everyday words are not); the best need counts fully,
    each other need the service also answers 0.3
  + boosts: in the searcher's wijk (0.5) or serving it (0.3), the language the query names
    (0.3), meant for the age it names (0.2), near (up to 0.15 within 5 km), free (0.05), no
    referral needed (0.05)

and explains each hit in words a resident reads aloud ("gevonden via: eenzaam wijst op
eenzaamheid (ontmoeting); gratis"), no arrows a screen reader spells out. Query words that
are in neither the services nor the taxonomy are corrected to a known word within edit distance
1 (2 for words of eight letters or more), unless a common Dutch word is the likelier
reading. ``baseline_search`` is plain BM25 with the same Dutch stemmer and stop words, no
compounds, needs, corrections or boosts. Both order equal scores by service id, and round
scores to 9 decimals first, so that another engine can give the same top 10.
"""

from __future__ import annotations

import functools
import itertools
import math
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace

from rapidfuzz.distance import Levenshtein
from rapidfuzz.process import extractOne

from wijkkracht.text.dutch import (
    STOP_WORDS,
    Analyzer,
    Token,
    common_word,
    default_decompounder,
    fold,
    nearest_common_word,
    stem,
    tokenize,
    zipf,
)

from .context import LANGUAGES, age_in, gemeente_of, language_in, without_language_statement
from .needs import Need, Taxonomy
from .query import QueryError, check_query

# Raise when ``analyse_doc`` or the analyser changes what documents hold: indexes built before
# are then rebuilt (kaart.indexing.refresh_if_stale).
ANALYSIS_VERSION = "2026-12-06.2"
K1, B = 1.2, 0.75
NAME_WEIGHT = 2  # the name counts twice
PART_WEIGHT = 0.5
EXPANSION_WEIGHT = 0.3
CATEGORY_RANK_WEIGHTS = (1.0, 0.7, 0.5, 0.35)
TEXT_WEIGHT, NEED_WEIGHT = 0.3, 1.0
OTHER_NEEDS_WEIGHT = 0.3  # a service answering two named needs: the second counts this much
NEAR_BOOST, NEAR_KM = 0.15, 5.0
FREE_BOOST = NO_REFERRAL_BOOST = 0.05
HOME_WIJK_BOOST, GEMEENTE_BOOST = 0.5, 0.3
LANGUAGE_BOOST = 0.3
AGE_BOOST = 0.2


@dataclass(frozen=True)
class ServiceDoc:
    """What search needs of a service; ``distance_km`` is from the searcher, when known."""

    id: str
    name: str
    description: str = ""
    categories: tuple[str, ...] = ()
    keywords: tuple[str, ...] = ()
    free: bool = False
    no_referral: bool = False
    formal: bool | None = None
    distance_km: float | None = None
    wijk: str | None = None  # the CBS wijk it is located in
    areas: tuple[str, ...] = ()  # CBS codes of the areas it serves (HSDS service_area)
    languages: tuple[str, ...] = ()  # ISO 639-1 codes
    min_age: float | None = None
    max_age: float | None = None


@dataclass(frozen=True)
class Filters:
    """Hard filters: a service that fails one is not shown, whatever its score."""

    free: bool = False
    no_referral: bool = False
    formal: bool | None = None  # True: only formal care, False: only informal, None: both
    max_km: float | None = None

    def allows(self, doc: ServiceDoc) -> bool:
        return (
            (not self.free or doc.free)
            and (not self.no_referral or doc.no_referral)
            and (self.formal is None or doc.formal is self.formal)
            and (self.max_km is None
                 or (doc.distance_km is not None and doc.distance_km <= self.max_km))
        )


NO_FILTERS = Filters()


@dataclass(frozen=True)
class Hit:
    id: str
    score: float
    reasons: tuple[str, ...] = ()

    @property
    def explanation(self) -> str:
        return "gevonden via: " + "; ".join(self.reasons) if self.reasons else ""


@dataclass(frozen=True)
class NeedMatch:
    need: Need
    trigger: str  # the query's words that named it, as typed (folded)
    strength: float = 1.0  # how surely the query names the need (``bag_strength`` and kin)


# A trigger of one everyday word ("huis", "eten", "praten") says less about a need than a rare
# one ("deurwaarder", "alzheimer") or a phrase: Zipf 3.5 or less counts fully, 6 or more least.
SPECIFIC_ZIPF, EVERYDAY_ZIPF, EVERYDAY_STRENGTH = 3.5, 6.0, 0.3
STOP_PHRASE_STRENGTH = 0.25  # per word of a phrase of stop words only
# A fallback need ("waar kan ik terecht") counts half beside a need named at least 0.7 as surely
FALLBACK_WEIGHT, FALLBACK_YIELDS = 0.5, 0.7
# A word in wordfreq's list this common is a real word, not a typo of a kaart word, unless that
# word is at least TYPO_MARGIN more common (ten times as frequent)
REAL_WORD_ZIPF, TYPO_MARGIN = 1.5, 1.0
# What a chosen topic is called in the explanation: "gekozen onderwerp wijst op schulden"
TOPIC_TRIGGER = "gekozen onderwerp"
# A phrase's words in any order, but together: within its own length and this many words more
PHRASE_SLACK = 8
# A need's other meanings ("valt me zwaar" is no fall): all their words, in any order, within
# their own length and this many words more
OTHER_MEANING_SLACK = 1


def zipf_strength(zipf_value: float) -> float:
    """How surely one word of this Zipf frequency names a need."""
    share = (EVERYDAY_ZIPF - zipf_value) / (EVERYDAY_ZIPF - SPECIFIC_ZIPF)
    return EVERYDAY_STRENGTH + (1 - EVERYDAY_STRENGTH) * min(max(share, 0.0), 1.0)


def word_strength(word: str) -> float:
    """How surely one folded word names a need, by how rare it is in Dutch (wordfreq)."""
    return zipf_strength(zipf(word))


def sequence_strength(source: str) -> float:
    """How surely a phrase found word for word, in order, names its need: the order halves the
    doubt its content words leave ("te zwaar" less than "in de war"); a phrase of stop words
    only by its length ("niet eens met" less than "ik kan het niet meer aan")."""
    words = tokenize(source)
    content = [w for w in words if w not in STOP_WORDS]
    if not content:
        return min(1.0, STOP_PHRASE_STRENGTH * len(words))
    return round(1 - (1 - bag_strength(content)) / 2, 3)


def bag_strength(words: Iterable[str]) -> float:
    """How surely content words, found together in a query, name a need: each word is evidence
    by its rarity, and several add up (one minus the chance that all of them were said for
    another reason). "zit ... thuis" is weaker than "zit de hele dag alleen", and both weaker
    than "deurwaarder"."""
    return _together(word_strength(word) for word in set(words))


def _together(strengths: Iterable[float]) -> float:
    doubt = 1.0
    for strength in strengths:
        doubt *= 1 - strength
    return round(1 - doubt, 3)


@dataclass
class _Bm25:
    """BM25 over documents given as lists of terms, with postings per term."""

    postings: dict[str, dict[str, int]] = field(default_factory=dict)
    lengths: dict[str, int] = field(default_factory=dict)

    def add(self, doc_id: str, terms: list[str]) -> None:
        for term, tf in Counter(terms).items():
            self.postings.setdefault(term, {})[doc_id] = tf
        self.lengths[doc_id] = len(terms)

    def scores(self, weighted_terms: dict[str, float]) -> dict[str, float]:
        n = len(self.lengths)
        if not n:
            return {}
        avg = sum(self.lengths.values()) / n or 1.0
        out: dict[str, float] = {}
        for term in sorted(weighted_terms):  # a fixed order: the same float sums every time
            docs = self.postings.get(term)
            if not docs:
                continue
            weight, df = weighted_terms[term], len(docs)
            idf = math.log(1 + (n - df + 0.5) / (df + 0.5))
            for doc_id, tf in docs.items():
                norm = tf + K1 * (1 - B + B * self.lengths[doc_id] / avg)
                out[doc_id] = out.get(doc_id, 0.0) + weight * idf * tf * (K1 + 1) / norm
        return out


def _ordered(scores: dict[str, float], limit: int | None, reasons=None) -> list[Hit]:
    ranked = sorted(((round(s, 9), i) for i, s in scores.items() if s > 0),
                    key=lambda pair: (-pair[0], pair[1]))
    if limit is not None:
        ranked = ranked[:limit]
    return [Hit(i, s, tuple((reasons or {}).get(i, ()))) for s, i in ranked]


def _window(positions: Mapping[str, Sequence[int]]) -> tuple[int, ...]:
    """One position of every term, as close together as they come (a few terms, a few
    positions each: every combination is cheap)."""
    best: tuple[int, ...] = ()
    for combination in itertools.product(*positions.values()):
        if not best or max(combination) - min(combination) < max(best) - min(best):
            best = combination
    return best


def _span(positions: Mapping[str, Sequence[int]]) -> int:
    """The fewest words in a row that hold one position of every term."""
    window = _window(positions)
    return max(window) - min(window) + 1 if window else 0


def _contains(row: tuple[str, ...], part: tuple[str, ...],
              masked: frozenset[int] = frozenset()) -> bool:
    """Whether ``part`` stands word for word in ``row``, not wholly on masked positions."""
    n = len(part)
    return n > 0 and any(row[i:i + n] == part and not masked.issuperset(range(i, i + n))
                         for i in range(len(row) - n + 1))


def _masked(row: tuple[str, ...], idioms: Iterable[tuple[str, ...]]) -> frozenset[int]:
    """The positions of the words of ``row`` that stand in one of the idioms: all of an
    idiom's words, in any order ("valt me zwaar", "het valt me echt zwaar"), within its own
    length and OTHER_MEANING_SLACK words more."""
    at: dict[str, list[int]] = {}
    for i, form in enumerate(row):
        at.setdefault(form, []).append(i)
    out: set[int] = set()
    for idiom in idioms:
        if all(form in at for form in idiom):
            window = _window({form: at[form] for form in dict.fromkeys(idiom)})
            if max(window) - min(window) + 1 <= len(idiom) + OTHER_MEANING_SLACK:
                out.update(window)
    return frozenset(out)


def _doc_text(doc: ServiceDoc) -> tuple[str, str]:
    return doc.name, " ".join((doc.description, *doc.keywords))


def baseline_search(query: str, docs: Sequence[ServiceDoc], limit: int | None = 10,
                    filters: Filters = NO_FILTERS) -> list[Hit]:
    """Plain BM25 with the Dutch stemmer: the baseline the need search must beat."""
    query = check_query(query)
    analyzer = Analyzer(decompound=False)
    bm25 = _Bm25()
    for doc in (d for d in docs if filters.allows(d)):
        name, body = _doc_text(doc)
        bm25.add(doc.id, analyzer.terms(name) * NAME_WEIGHT + analyzer.terms(body))
    weights = Counter(analyzer.terms(query))
    return _ordered(bm25.scores(dict(weights)), limit)


@dataclass(frozen=True)
class CorpusStats:
    """What BM25 needs of the whole kaart: its size, total length and document frequencies."""

    n: int
    total_length: int
    df: Mapping[str, int]

    @property
    def avg_length(self) -> float:
        return self.total_length / self.n if self.n else 1.0


@dataclass(frozen=True)
class Candidate:
    """A service that may answer the query, with what scoring needs of its text.

    ``tf`` holds the frequencies of (at least) the query's terms; ``words`` the document's tokens
    in order, for the "woorden: ..." part of the explanation."""

    doc: ServiceDoc
    length: int
    tf: Mapping[str, int]
    words: Sequence[Token] = ()


@dataclass(frozen=True)
class QueryPlan:
    """A query understood: weighted index terms, the needs it names and the spelling fixes."""

    weights: Mapping[str, float]
    needs: tuple[NeedMatch, ...]
    fixes: tuple[tuple[str, str], ...]
    age: int | None = None  # the person's age, when the query names it
    language: str | None = None  # a language the query names (ISO 639-1)

    def category_weights(self) -> dict[str, float]:
        """Every category the named needs reach, with the need score a service in it alone would
        get (for pre-selection: the categories most services should come from first)."""
        per_category: dict[str, list[float]] = {}
        for _match, weight, category in self.need_links():
            per_category.setdefault(category, []).append(weight)
        return {category: combine_need_weights(weights)
                for category, weights in per_category.items()}

    def need_links(self) -> Iterator[tuple[NeedMatch, float, str]]:
        """(need match, weight, category) for every category of every named need: its rank
        weight times the need's strength relative to the surest named need."""
        strongest = max((m.strength for m in self.needs), default=1.0)
        for match in self.needs:
            for rank, category in enumerate(match.need.categories):
                weight = CATEGORY_RANK_WEIGHTS[min(rank, len(CATEGORY_RANK_WEIGHTS) - 1)]
                yield match, round(weight * match.strength / strongest, 6), category


def combine_need_weights(weights: Iterable[float]) -> float:
    """A service answering several named needs: the best link counts fully, others a little."""
    ordered = sorted(weights, reverse=True)
    return round(ordered[0] + OTHER_NEEDS_WEIGHT * sum(ordered[1:]), 6) if ordered else 0.0


# Present tenses the stemmer would make into another word ("gaat" -> "gat", a hole); not "sla",
# which is as often lettuce as "ik sla" (a phrase with "sla" still matches word for word)
IRREGULAR_VERBS = {"ga": "gaan", "gaat": "gaan", "sta": "staan", "staat": "staan",
                   "slaat": "slaan", "zie": "zien", "ziet": "zien", "eet": "eten"}
# Words the stemmer makes into another word's stem: a bill is not sums ("rekeningen" and
# "rekenen" both stem to "reken"), parents are not the elderly ("ouders", "ouderen": "ouder"),
# "geweldig" (great) is no violence
KEPT_WORDS = {"rekening": "rekening", "rekeningen": "rekening", "ouders": "ouders",
              "geweldig": "geweldig", "geweldige": "geweldig"}
VERB_MARGIN = 0.3  # Zipf: how much rarer than the -t word its infinitive may be


def _infinitives(base: str) -> set[str]:
    """Infinitives a first-person stem may belong to: "werk" werken, "val" vallen, "kook"
    koken, "leef" leven, "reis" reizen."""
    out = {base + "en", base + base[-1] + "en"}
    if len(base) > 3 and base[-3] == base[-2] and base[-2] in "aeou":
        out.add(base[:-2] + base[-1] + "en")  # a long vowel is written once before -en
    voiced = {"f": "v", "s": "z"}.get(base[-1])
    if voiced:
        out |= {w[: len(w) - 3] + voiced + "en" for w in out if w.endswith(base[-1] + "en")}
    return out


@functools.lru_cache(maxsize=65536)
def _clip(word: str) -> str:
    """Without a present-tense -t after a consonant ("komt" -> "kom"), when the word is as
    likely a verb as not: its infinitive is about as common in Dutch (wordfreq) as the word
    itself. A noun keeps its t: "hart" (not "harten") is not "haar", "post" is not "pos"."""
    if not (len(word) > 3 and word.endswith("t") and word[-2] not in "aeiou"):
        return word
    verb = max(zipf(w) for w in _infinitives(word[:-1]))
    return word[:-1] if verb > 0 and verb >= zipf(word) - VERB_MARGIN else word


def _canon(term: str) -> str:
    """A final double consonant single and a final v or z voiceless ("vall" -> "val",
    "durv" -> "durf"), as Dutch spells the verb's stem in the first person."""
    if len(term) > 3 and term[-1] == term[-2] and term[-1] not in "aeiou":
        term = term[:-1]
    if len(term) > 2 and term[-1] in "vz":
        term = term[:-1] + ("f" if term[-1] == "v" else "s")
    return term


@functools.lru_cache(maxsize=65536)
def need_form(word: str) -> str:
    """The form in which a query word meets a word of the need taxonomy: one form for "kook",
    "kookt" and "koken", for "val", "valt" and "vallen", for "woon", "woont" and "wonen", so a
    phrase in the third person ("kookt niet meer") matches the first ("ik kook niet meer").
    Used only to match needs, on both sides alike."""
    word = IRREGULAR_VERBS.get(word, word)
    if word in KEPT_WORDS:
        return KEPT_WORDS[word]
    return _canon(_clip(stem(_clip(word))))


def protected_words(taxonomy: Taxonomy) -> set[str]:
    """Taxonomy words the decompounder keeps whole ("mantelzorg")."""
    words = {fold(w) for w in taxonomy.vocabulary() if w.isalpha() and len(w) >= 4}
    return {w for w in words if w not in STOP_WORDS}


def document_analyzer(taxonomy: Taxonomy) -> Analyzer:
    """The analyser for services and queries alike; index and query must use the same one."""
    return Analyzer(default_decompounder(protected_words(taxonomy)))


@dataclass(frozen=True)
class AnalysedDoc:
    """A service's text as the index keeps it: terms with repeats (the name counts twice), the
    tokens in order, and the folded words a misspelt query may be corrected to."""

    terms: tuple[str, ...]
    tokens: tuple[Token, ...]
    words: frozenset[str]


def analyse_doc(doc: ServiceDoc, analyzer: Analyzer) -> AnalysedDoc:
    name, body = _doc_text(doc)
    name_tokens, body_tokens = analyzer.tokens(name), analyzer.tokens(body)
    terms = [t for token in name_tokens for t in token.stems] * NAME_WEIGHT
    terms += [t for token in body_tokens for t in token.stems]
    words = frozenset(w for w in tokenize(f"{name} {body}") if w not in STOP_WORDS)
    return AnalysedDoc(tuple(terms), tuple(name_tokens + body_tokens), words)


def bm25_scores(weights: Mapping[str, float], candidates: Iterable[Candidate],
                stats: CorpusStats) -> dict[str, float]:
    """BM25 of each candidate for the weighted terms, summed in a fixed term order (sorted) so
    that every engine that supplies the same frequencies gets the same floats. Each candidate
    looks only at its own terms: a query expanded by its needs has hundreds of terms, a
    service a few dozen."""
    avg = stats.avg_length or 1.0
    idf: dict[str, float] = {}
    for term in weights:
        df = stats.df.get(term, 0)
        if df:
            idf[term] = math.log(1 + (stats.n - df + 0.5) / (df + 0.5))
    out: dict[str, float] = {}
    for c in candidates:
        matched = sorted(t for t, n in c.tf.items() if n and t in idf)
        if not matched:
            continue
        total = 0.0
        for term in matched:
            tf = c.tf[term]
            norm = tf + K1 * (1 - B + B * c.length / avg)
            total += weights[term] * idf[term] * tf * (K1 + 1) / norm
        out[c.doc.id] = total
    return out


@dataclass(frozen=True)
class _Pattern:
    """One term or phrase of a need as a query must hold it: its content words' forms in any
    order (the bag) or all its words' forms in a row (the sequence); for a phrase the bag's
    words must also stand together. ``common``: each form's Zipf in the taxonomy's words."""

    need: Need
    bag: frozenset[str]
    sequence: tuple[str, ...]
    source: str
    phrase: bool
    common: Mapping[str, float]


class Planner:
    """Turns a query into a ``QueryPlan``: spelling, needs, weighted terms. Knows the taxonomy
    and the kaart's words and stems, not its documents, so a database can hold those."""

    def __init__(self, taxonomy: Taxonomy, words: Iterable[str], stems: Iterable[str],
                 analyzer: Analyzer | None = None):
        self.taxonomy = taxonomy
        self.analyzer = analyzer or document_analyzer(taxonomy)
        vocabulary = set(words)
        self._need_patterns: list[_Pattern] = []
        self._expansions: dict[str, tuple[str, ...]] = {}
        for need in taxonomy.needs:
            for source in (*need.terms, *need.phrases):
                bag, sequence = self._pattern(source)
                phrase = source in need.phrases
                if len(bag) < 2 and phrase:
                    bag = frozenset()  # a phrase with one content word must match as written
                if bag or sequence:
                    self._need_patterns.append(_Pattern(need, bag, sequence, source, phrase,
                                                        self._form_zipfs(source)))
            for text in (*need.terms, *need.phrases):
                vocabulary.update(w for w in tokenize(text) if w not in STOP_WORDS)
        self._other_meanings = {
            need.code: tuple(tuple(need_form(w) for w in tokenize(text))
                             for text in need.other_meanings)
            for need in taxonomy.needs if need.other_meanings}
        self.vocabulary = sorted(w for w in vocabulary if len(w) >= 4 and w.isalpha())
        nearest_common_word("", 0)  # load the common-word list now, not on a searcher's typo
        self._known_stems = set(stems) | {s for p in self._need_patterns for s in p.bag}
        # each pattern under one form a query must hold for it to match: a query looks at
        # the few patterns its own forms point to, not at thousands
        self._by_form: dict[str, list[int]] = {}
        for i, p in enumerate(self._need_patterns):
            self._by_form.setdefault(min(p.bag) if p.bag else p.sequence[0], []).append(i)

    @staticmethod
    def _pattern(text: str) -> tuple[frozenset[str], tuple[str, ...]]:
        """How a query names this term or phrase: holding all its content stems in any order
        (the bag), or holding all its words' stems, stop words too, in a row (the sequence)."""
        words = tokenize(text)
        return (frozenset(need_form(w) for w in words if w not in STOP_WORDS and len(w) > 1),
                tuple(need_form(w) for w in words))

    def _expansion(self, need: Need) -> tuple[str, ...]:
        """The index terms of a need's terms (analysed once per need: a need has a hundred)."""
        if need.code not in self._expansions:
            terms = (t for term in need.terms for t in self.analyzer.terms(term))
            self._expansions[need.code] = tuple(dict.fromkeys(terms))
        return self._expansions[need.code]

    @staticmethod
    def _form_zipfs(text: str) -> dict[str, float]:
        """How common each content word of a taxonomy term is, by its need form: the query's
        "begeleidt" is rarer than the concept "begeleiding" it names."""
        out: dict[str, float] = {}
        for word in tokenize(text):
            if word not in STOP_WORDS:
                form = need_form(word)
                out[form] = max(out.get(form, 0.0), zipf(word))
        return out

    def correct(self, words: list[str]) -> tuple[list[str], list[tuple[str, str]]]:
        """Replace unknown words by the nearest known word; return the words and the changes."""
        out, changes = [], []
        for word in words:
            if (word in STOP_WORDS or len(word) < 4 or not word.isalpha()
                    or stem(word) in self._known_stems or need_form(word) in self._known_stems):
                out.append(word)
                continue
            parts = self.analyzer.decompounder.split(word)
            if len(parts) > 1 and all(stem(p) in self._known_stems for p in parts):
                out.append(word)  # an unknown compound of known words is not a typo
                continue
            if common_word(word):
                out.append(word)  # a real Dutch word the kaart does not use is not a typo
                continue
            limit = 1 if len(word) < 8 else 2
            best = extractOne(word, self.vocabulary, scorer=Levenshtein.distance,
                              score_cutoff=limit)
            if best is None or best[0] == word or self._meant_otherwise(word, best[0], best[1]):
                out.append(word)
            else:
                out.append(best[0])
                changes.append((word, best[0]))
        return out, changes

    @staticmethod
    def _meant_otherwise(word: str, known: str, distance: int) -> bool:
        """Whether a common Dutch word the kaart does not use is a likelier reading of ``word``
        than the kaart's ``known``: nearer, or as near and more common ("eigelijk" meant
        "eigenlijk", not "gelijk"), or ``word`` itself a real word hardly rarer than ``known``
        ("doorgeslapen" is no "doorgeslagen")."""
        if zipf(word) >= REAL_WORD_ZIPF and zipf(known) < zipf(word) + TYPO_MARGIN:
            return True
        other = nearest_common_word(word, distance)
        if other is None or other[1] == 0 or other[0] == known:
            return False
        return other[1] < distance or other[2] > zipf(known)

    def match_needs(self, words: list[str]) -> list[NeedMatch]:
        """The needs the query names, each once, with the words that named it."""
        stems: set[str] = set()  # the query's words and compound parts, in need form
        whole: set[str] = set()
        by_stem: dict[str, str] = {}  # form -> the rarest query word with it (parts: the word)
        where: dict[str, list[int]] = {}  # form -> the positions of the words that hold it
        for i, word in enumerate(words):
            if word in STOP_WORDS:
                continue
            forms = [need_form(word), *map(need_form, self.analyzer.parts(word))]
            whole.add(forms[0])
            stems.update(forms)
            for form in forms:
                where.setdefault(form, []).append(i)
                if form not in by_stem or zipf(word) < zipf(by_stem[form]):
                    by_stem[form] = word
        row = tuple(need_form(w) for w in words)
        found: dict[str, NeedMatch] = {}
        masks: dict[str, frozenset[int]] = {}  # need -> positions where its words mean else
        looked_at = sorted({i for form in stems | set(row) for i in self._by_form.get(form, ())})
        for pattern in map(self._need_patterns.__getitem__, looked_at):
            need, bag, sequence = pattern.need, pattern.bag, pattern.sequence
            strength = 0.0
            if need.code in self._other_meanings and need.code not in masks:
                masks[need.code] = _masked(row, self._other_meanings[need.code])
            masked = masks.get(need.code, frozenset())
            spots = where
            if masked:  # only the words that do not stand in one of the need's other meanings
                spots = {t: [i for i in where.get(t, ()) if i not in masked] for t in bag}
            if bag and not all(spots.get(t) for t in bag):
                continue  # neither the words in any order nor the phrase word for word
            if bag and (
                    not pattern.phrase
                    or _span({t: spots[t] for t in bag}) <= len(sequence) + PHRASE_SLACK):
                # a word counts by its most common form, the query's or the taxonomy's
                strength = _together(
                    zipf_strength(max(zipf(by_stem[t]), pattern.common.get(t, 0.0)))
                    for t in bag)
                if not bag <= whole:
                    strength *= PART_WEIGHT  # named only by a compound's part ("buurvrouw")
            if (not bag or len(sequence) > 1) and _contains(row, sequence, masked):
                # the phrase word for word, in order ("geen eten meer in huis")
                strength = max(strength, sequence_strength(pattern.source))
            if strength and (need.code not in found or strength > found[need.code].strength):
                found[need.code] = NeedMatch(need, fold(pattern.source), strength)
        surest = max((m.strength for m in found.values() if not m.need.fallback), default=0.0)
        for code, m in found.items():
            if m.need.fallback and surest >= FALLBACK_YIELDS * m.strength:
                # "wie helpt mij" beside a need, named about as surely, that says what with
                found[code] = replace(m, strength=round(m.strength * FALLBACK_WEIGHT, 6))
        return list(found.values())

    def plan(self, query: str, topic: str | None = None) -> QueryPlan:
        """The plan for a query, or a ``QueryError`` the searcher can show. ``topic``: the code
        of a need the searcher chose from the list; it counts as the surest need named, and
        with it the query may be empty."""
        chosen = next((n for n in self.taxonomy.needs if n.code == topic), None)
        if topic and chosen is None:
            raise QueryError("unknown_topic", "Dit onderwerp kennen we niet (meer). "
                             "Kies een onderwerp uit de lijst.")
        try:
            query = check_query(query)
        except QueryError as error:
            # "ik kan het niet meer aan" is all stop words, and yet a need in so many words
            if chosen is not None and error.code == "empty":
                query = ""
            elif error.code != "only_stop_words" or not self.match_needs(tokenize(query)):
                raise
        words, changes = self.correct(tokenize(query))
        weights: dict[str, float] = {}
        for token in self.analyzer.tokens(" ".join(words)):
            for i, term in enumerate(token.stems):
                weights[term] = weights.get(term, 0.0) + (1.0 if i == 0 else PART_WEIGHT)
        language = language_in(query)
        needs = self.match_needs(
            self.correct(tokenize(without_language_statement(query)))[0] if language else words)
        if chosen is not None:
            surest = max((m.strength for m in needs), default=1.0)
            needs = [NeedMatch(chosen, TOPIC_TRIGGER, max(surest, 1.0)),
                     *(m for m in needs if m.need.code != chosen.code)]
        strongest = max((m.strength for m in needs), default=1.0)
        for match in needs:
            weight = round(EXPANSION_WEIGHT * match.strength / strongest, 6)
            for t in self._expansion(match.need):
                if weights.get(t, 0.0) < weight:
                    weights[t] = weight
        return QueryPlan(weights, tuple(needs), tuple(changes), age_in(query), language)


@dataclass(frozen=True)
class Scored:
    """A candidate's score (rounded to 9 decimals, so engines agree) and the category links
    that gave it its need score, best first."""

    id: str
    score: float
    via: tuple[tuple[NeedMatch, str], ...] = ()


def _fits_age(doc: ServiceDoc, age: int | None) -> bool:
    return age is None or not ((doc.min_age is not None and doc.min_age > age)
                               or (doc.max_age is not None and doc.max_age < age))


_LANGUAGE_NAMES = {code: name for name, code in reversed(LANGUAGES.items())}


def _boosts(plan: QueryPlan, doc: ServiceDoc, home_wijk: str | None) -> list[tuple[float, str]]:
    """The small additions beside text and need, each with the words that explain it: near,
    in or for the searcher's wijk, the language the query names, free, no referral."""
    out = []
    if doc.distance_km is not None and doc.distance_km < NEAR_KM:
        out.append((NEAR_BOOST * (1 - max(doc.distance_km, 0.0) / NEAR_KM),
                    f"dichtbij ({doc.distance_km:.1f} km)".replace(".", ",")))
    if home_wijk:
        if doc.wijk == home_wijk:
            out.append((HOME_WIJK_BOOST, "in uw wijk"))
        elif home_wijk in doc.areas or gemeente_of(home_wijk) in doc.areas:
            out.append((GEMEENTE_BOOST, "ook voor uw wijk"))
    if plan.age is not None and (doc.min_age is not None or doc.max_age is not None) \
            and _fits_age(doc, plan.age):
        out.append((AGE_BOOST, "voor uw leeftijd"))  # meant for this age group, not for all
    if plan.language and plan.language in doc.languages:
        out.append((LANGUAGE_BOOST, f"in het {_LANGUAGE_NAMES[plan.language].capitalize()}"))
    if doc.free:
        out.append((FREE_BOOST, "gratis"))
    if doc.no_referral:
        out.append((NO_REFERRAL_BOOST, "zonder verwijzing"))
    return out


def score(plan: QueryPlan, candidates: Iterable[Candidate], stats: CorpusStats,
          filters: Filters = NO_FILTERS, home_wijk: str | None = None) -> list[Scored]:
    """Every candidate that answers the plan, best first (equal scores by id).

    Candidates are whatever an engine retrieved (all services, or the database's matches for the
    plan's terms and categories); the score of one service depends only on its own text and the
    corpus statistics (and on the best text match among the candidates), so engines that
    retrieve the same candidates give the same order."""
    allowed = [c for c in candidates if filters.allows(c.doc)]
    links = list(plan.need_links())
    text_scores = bm25_scores(plan.weights, allowed, stats)
    best_text = max(text_scores.values(), default=0.0) or 1.0
    out = []
    for c in allowed:
        doc = c.doc
        text = text_scores.get(doc.id, 0.0) / best_text
        via, seen = [], set()
        for match, weight, category in links:
            if match.need.code not in seen and category in doc.categories:
                seen.add(match.need.code)  # a need counts once, by its best fitting category
                via.append((weight, match, category))
        need_score = combine_need_weights(w for w, _, _ in via)
        if text <= 0 and need_score <= 0:
            continue
        if not _fits_age(doc, plan.age):
            continue
        boost = sum(amount for amount, _ in _boosts(plan, doc, home_wijk))
        total = round(TEXT_WEIGHT * text + NEED_WEIGHT * need_score + boost, 9)
        if total > 0:
            via.sort(key=lambda v: (-v[0], v[1].need.code))
            out.append(Scored(doc.id, total, tuple((m, cat) for _, m, cat in via)))
    out.sort(key=lambda s: (-s.score, s.id))
    return out


def explain(plan: QueryPlan, scored: Scored, doc: ServiceDoc, words: Iterable[Token],
            taxonomy: Taxonomy, home_wijk: str | None = None) -> tuple[str, ...]:
    """Why a service was found: spelling fixes, need -> category links, matched words, near,
    free, no referral. ``words`` are the service's tokens in order."""
    why = [f"{typed} gelezen als {meant}" for typed, meant in plan.fixes]
    for match, category in scored.via:
        label = taxonomy.categories[category].code.replace("_", " ")
        why.append(f"{match.trigger} wijst op {match.need.label.lower()} ({label})")
    matched = _matched_words(words, set(plan.weights))
    if matched:
        why.append("woorden: " + ", ".join(matched))
    why += [reason for _, reason in _boosts(plan, doc, home_wijk)]
    return tuple(why)


def rank(plan: QueryPlan, candidates: Iterable[Candidate], stats: CorpusStats,
         taxonomy: Taxonomy, limit: int | None = 10, filters: Filters = NO_FILTERS,
         home_wijk: str | None = None) -> list[Hit]:
    """``score`` the candidates and ``explain`` the first ``limit`` hits."""
    by_id = {c.doc.id: c for c in candidates}
    ranked = score(plan, by_id.values(), stats, filters, home_wijk)
    if limit is not None:
        ranked = ranked[:limit]
    return [Hit(s.id, s.score, explain(plan, s, by_id[s.id].doc, by_id[s.id].words, taxonomy,
                                       home_wijk))
            for s in ranked]


def _matched_words(tokens: Iterable[Token], query_stems: set[str]) -> list[str]:
    seen: list[str] = []
    for token in tokens:
        if token.surface not in seen and not query_stems.isdisjoint(token.stems):
            seen.append(token.surface)
            if len(seen) == 5:
                break
    return seen


class SearchIndex:
    """The services of a kaart, analysed once and held in memory, searchable by need.

    The reference engine: the database search (``kaart.search``) retrieves candidates with
    PostgreSQL's or SQLite's full-text index and ranks them with the same ``rank``."""

    def __init__(self, docs: Iterable[ServiceDoc], taxonomy: Taxonomy):
        self.taxonomy = taxonomy
        self.docs = {doc.id: doc for doc in docs}
        self.analyzer = document_analyzer(taxonomy)
        self._analysed = {doc_id: analyse_doc(doc, self.analyzer)
                          for doc_id, doc in self.docs.items()}
        self._tf = {doc_id: Counter(a.terms) for doc_id, a in self._analysed.items()}
        df: Counter[str] = Counter()
        for tf in self._tf.values():
            df.update(tf.keys())
        self.stats = CorpusStats(len(self._analysed),
                                 sum(len(a.terms) for a in self._analysed.values()), df)
        self.by_category: dict[str, list[str]] = {}
        for doc in self.docs.values():
            for category in doc.categories:
                self.by_category.setdefault(category, []).append(doc.id)
        words = {w for a in self._analysed.values() for w in a.words}
        self.planner = Planner(taxonomy, words, df.keys(), self.analyzer)

    def search(self, query: str, limit: int | None = 10, filters: Filters = NO_FILTERS,
               home_wijk: str | None = None) -> list[Hit]:
        plan = self.planner.plan(query)
        ids = {i for i, tf in self._tf.items() if any(t in tf for t in plan.weights)}
        for category in plan.category_weights():
            ids.update(self.by_category.get(category, ()))
        candidates = [Candidate(self.docs[i], len(self._analysed[i].terms), self._tf[i],
                                self._analysed[i].tokens) for i in ids]
        return rank(plan, candidates, self.stats, self.taxonomy, limit, filters, home_wijk)

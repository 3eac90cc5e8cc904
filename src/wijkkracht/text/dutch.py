"""Dutch text analysis for search (sociale kaart, praktijkbank): fold, tokenise, split, stem.

The stemmer is Snowball's classic Dutch algorithm (``dutch_porter`` in snowballstemmer 3), the
one PostgreSQL's ``dutch`` text-search configuration uses, so the database can later index the
same stems. (Snowball 3's new default ``dutch`` stems "geldzorgen" to "ldzorg" and "schulden" to
"schul", apart from "schuld".)

Compounds are split after Koehn and Knight (2003): of all ways to cut a word into known words of
three letters or more, take the one whose parts are most frequent on average (Zipf scale), and
keep the word whole when it is more frequent than its parts. Known words and their frequencies
come from wordfreq's Dutch list, shipped inside the package, plus the words of our need taxonomy,
which count as frequent and are never split themselves ("mantelzorg" stays whole in
"mantelzorgondersteuning"). A linking "s" between parts is allowed ("levensvragen").
"""

from __future__ import annotations

import functools
import math
import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import snowballstemmer

_STOP_TEXT = """
    aan al alle alles als altijd ander andere ben bij ook daar dan dat de der deze die dit doch
    doen door dus een eens en er ge geen had heb hebben heeft hem het hier hij hoe hun ik in is
    ja je jij jou jouw kan kon kunnen maar me meer men met mij mijn moet na naar niet niets nog nu
    of om omdat ons onze ook op over reeds te tegen toch toen tot u uit uw van veel voor waar
    wanneer want waren was wat we wel welke werd wie wij wil worden wordt zal ze zei zelf zich
    zij zijn zo zonder zou graag erg heel echt even steeds iets iemand soms
"""
STOP_WORDS: frozenset[str] = frozenset(_STOP_TEXT.split())
"""Dutch function words that carry no need. Short and written here on purpose: words such as
"alleen", "niemand", "hulp" and "geen" carry meaning in a need ("zit alleen") and stay; "niet"
and "geen" are dropped only as single search words, phrases are matched before stop words go."""

_TOKEN = re.compile(r"[a-z0-9]+(?:[-'][a-z0-9]+)*")
_SUFFIX_TEXT = """heid ing ding ting ving king ling ning ring sing lijk schap baar achtig loos
    isch teit atie
    ering erij sel nis tje tjes dom ster aar"""
_SUFFIXES = frozenset(_SUFFIX_TEXT.split())
"""Endings that are derivation, not a word of their own ("besteding" is not "beste" + "ding")."""
MIN_PART = 4
SHORT_PART_ZIPF = 5.5  # a three-letter part must be very common: "dag" yes, "ver" no
MIN_PART_ZIPF = 2.0
LEXICALISED_ZIPF = 4.0  # a part this common is not split again ("maaltijd")
TAXONOMY_ZIPF = 6.0


def fold(text: str) -> str:
    """Lowercase and strip accents: "Cliënt Café" -> "client cafe"."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def tokenize(text: str) -> list[str]:
    """Folded words; hyphenated words are kept whole and also given as parts by ``analyze``."""
    return _TOKEN.findall(fold(text))


@functools.cache
def _stemmer():
    return snowballstemmer.stemmer("dutch_porter")


@functools.lru_cache(maxsize=65536)
def stem(word: str) -> str:
    return _stemmer().stemWord(word)


@functools.cache
def _wordfreq_lexicon() -> dict[str, float]:
    from wordfreq import get_frequency_dict  # its Dutch list ships inside the package

    return {
        word: round(math.log10(freq) + 9, 2)
        for word, freq in get_frequency_dict("nl", wordlist="large").items()
        if freq > 0 and word.isalpha()
    }


COMMON_ZIPF = 3.0  # about once per million words


def zipf(word: str) -> float:
    """How common a folded word is in Dutch: wordfreq's Zipf scale (0 unknown, 7 "de")."""
    return _wordfreq_lexicon().get(word, 0.0)


def common_word(word: str) -> bool:
    """A word frequent enough in Dutch (wordfreq) to be meant as written, not a typo."""
    return zipf(word) >= COMMON_ZIPF


@functools.cache
def _common_words() -> dict[int, dict[str, float]]:
    """Folded common Dutch words of four letters or more with their Zipf frequency, by length."""
    out: dict[int, dict[str, float]] = {}
    for word, z in _wordfreq_lexicon().items():
        if z >= COMMON_ZIPF and len(word) >= 4:
            folded = fold(word)
            same_length = out.setdefault(len(folded), {})
            same_length[folded] = max(same_length.get(folded, 0.0), z)
    return out


@functools.lru_cache(maxsize=4096)
def nearest_common_word(word: str, max_distance: int) -> tuple[str, int, float] | None:
    """The most common Dutch word within ``max_distance`` edits of ``word`` (Levenshtein), with
    its distance and Zipf frequency: the word a typo more likely meant than a rarer one."""
    from rapidfuzz.distance import Levenshtein
    from rapidfuzz.process import extract

    by_length = _common_words()
    found: list[tuple[str, int, float]] = []
    for length in range(len(word) - max_distance, len(word) + max_distance + 1):
        words = by_length.get(length, {})
        found += [(w, d, words[w]) for w, d, _ in extract(
            word, words.keys(), scorer=Levenshtein.distance, score_cutoff=max_distance,
            limit=None)]
    return min(found, key=lambda f: (f[1], -f[2], f[0]), default=None)


class Decompounder:
    """Splits Dutch compounds into known words; see the module docstring."""

    def __init__(self, lexicon: Mapping[str, float], protected: Iterable[str] = ()):
        self.lexicon = dict(lexicon)
        self.protected = frozenset(fold(w) for w in protected)
        for word in self.protected:
            self.lexicon[word] = max(self.lexicon.get(word, 0.0), TAXONOMY_ZIPF)
        self._cache: dict[str, tuple[str, ...]] = {}

    def _part_zipf(self, part: str) -> float | None:
        if part in _SUFFIXES:
            return None
        zipf = self.lexicon.get(part)
        if zipf is None or zipf < MIN_PART_ZIPF or len(part) < MIN_PART - 1:
            return None
        if len(part) < MIN_PART and zipf < SHORT_PART_ZIPF:
            return None
        return zipf

    def _best_pair(self, word: str) -> tuple[str, str] | None:
        """The best cut of ``word`` into a known head and a known tail, if better than whole."""
        best, best_score = None, self.lexicon.get(word, 0.0)
        for cut in range(MIN_PART - 1, len(word) - MIN_PART + 2):
            head, tail = word[:cut], word[cut:]
            tail_zipf = self._part_zipf(tail)
            if tail_zipf is None:
                continue
            heads = [head]
            if head.endswith("s") and len(head) > MIN_PART:
                heads.append(head[:-1])  # linking s: levens|vragen -> leven + vragen
            for candidate in heads:
                head_zipf = self._part_zipf(candidate)
                if head_zipf is None:
                    continue
                score = (head_zipf + tail_zipf) / 2
                if score > best_score:
                    best, best_score = (candidate, tail), score
        return best

    def split(self, word: str, _depth: int = 0) -> tuple[str, ...]:
        """The parts of ``word``, or ``(word,)`` when it is not a compound we can split.

        Two parts first (fewest parts wins), then each part again unless it is a taxonomy word
        or a common word in its own right.
        """
        if _depth == 0 and word in self._cache:
            return self._cache[word]
        result: tuple[str, ...] = (word,)
        splittable = word not in self.protected and len(word) >= 2 * MIN_PART - 1
        if splittable and (_depth == 0 or self.lexicon.get(word, 0.0) < LEXICALISED_ZIPF):
            pair = self._best_pair(word)
            if pair is not None and _depth < 3:
                result = self.split(pair[0], _depth + 1) + self.split(pair[1], _depth + 1)
        if _depth == 0:
            self._cache[word] = result
        return result


@dataclass(frozen=True)
class Token:
    """One analysed word: the folded surface form and the stems it is indexed under."""

    surface: str
    stems: tuple[str, ...]


class Analyzer:
    """Text -> tokens -> stems, with decompounding; one per taxonomy (its words are protected)."""

    def __init__(self, decompounder: Decompounder | None = None, decompound: bool = True):
        self.decompounder = decompounder
        self.decompound = decompound and decompounder is not None

    def tokens(self, text: str, keep_stop_words: bool = False) -> list[Token]:
        out: list[Token] = []
        for word in tokenize(text):
            if not keep_stop_words and word in STOP_WORDS:
                continue
            stems = [stem(word), *(stem(part) for part in self.parts(word))]
            out.append(Token(word, tuple(dict.fromkeys(stems))))
        return out

    def parts(self, word: str) -> list[str]:
        """The pieces of a hyphenated word and the parts of a compound, as written (folded), in
        the order ``tokens`` indexes their stems."""
        pieces = [word]
        if "-" in word or "'" in word:
            pieces += [p for p in re.split(r"[-']", word) if p and p not in STOP_WORDS]
        out: list[str] = []
        for i, piece in enumerate(pieces):
            if i:
                out.append(piece)
            if self.decompound and "-" not in piece:
                parts = self.decompounder.split(piece)
                if len(parts) > 1:
                    out += parts
        return out

    def terms(self, text: str) -> list[str]:
        """The flat list of index terms of ``text`` (with repeats, for term frequencies)."""
        return [s for token in self.tokens(text) for s in token.stems]


def default_decompounder(protected: Iterable[str] = ()) -> Decompounder:
    return Decompounder(_wordfreq_lexicon(), protected)

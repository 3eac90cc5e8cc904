"""Dutch analysis: folding, tokens, stop words, the stemmer and compound splitting."""

import pytest

from wijkkracht.text.dutch import (
    STOP_WORDS,
    Analyzer,
    Decompounder,
    default_decompounder,
    fold,
    stem,
    tokenize,
)


def test_fold_lowercases_and_strips_accents():
    assert fold("Cliënt Café Één") == "client cafe een"


def test_tokenize_keeps_hyphenated_words_and_drops_punctuation():
    words = tokenize("Deur-tot-deur vervoer, 's avonds!")
    assert words == ["deur-tot-deur", "vervoer", "s", "avonds"]


def test_stop_words_are_dropped_but_need_words_are_kept():
    terms = Analyzer().terms("Hij zit de hele dag alleen")
    assert terms == [stem("zit"), stem("hele"), "dag", stem("alleen")]
    assert "alleen" not in STOP_WORDS


@pytest.mark.parametrize(
    ("words", "common"),
    [
        (("schulden", "schuld"), "schuld"),
        (("eenzaam", "eenzaamheid"), "eenzam"),
        (("ontmoeting", "ontmoetingen"), "ontmoet"),
        (("geldzorgen",), "geldzorg"),
    ],
)
def test_dutch_stemmer_conflates_word_forms(words, common):
    assert {stem(w) for w in words} == {common}


@pytest.fixture(scope="module")
def splitter():
    return default_decompounder(["mantelzorg"])


@pytest.mark.parametrize(
    ("word", "parts"),
    [
        ("schuldhulpverlening", ("schuld", "hulp", "verlening")),
        ("mantelzorgondersteuning", ("mantelzorg", "ondersteuning")),
        ("koffieochtend", ("koffie", "ochtend")),
        ("levensvragen", ("leven", "vragen")),
        ("ouderenadviseur", ("ouderen", "adviseur")),
        ("verslavingszorg", ("verslaving", "zorg")),
        ("dagbesteding", ("dag", "besteding")),
    ],
)
def test_compounds_split_into_words(splitter, word, parts):
    assert splitter.split(word) == parts


@pytest.mark.parametrize("word", ["eenzaamheid", "ontmoeting", "besteding", "mantelzorg", "huis"])
def test_plain_words_stay_whole(splitter, word):
    assert splitter.split(word) == (word,)


def test_taxonomy_words_are_never_split_and_count_as_known():
    lexicon = {"mantel": 4.0, "zorg": 5.0, "mantelzorg": 3.0, "ondersteuning": 4.5}
    plain = Decompounder(lexicon)
    assert plain.split("mantelzorgondersteuning") == ("mantel", "zorg", "ondersteuning")
    assert Decompounder(lexicon, ["mantelzorg"]).split("mantelzorgondersteuning") == (
        "mantelzorg", "ondersteuning")


def test_analyzer_indexes_whole_word_and_its_parts(splitter):
    token = Analyzer(splitter).tokens("Schuldhulpverlening")[0]
    assert token.stems[0] == stem("schuldhulpverlening")
    assert {stem("schuld"), stem("hulp")} <= set(token.stems)
    assert Analyzer(splitter, decompound=False).tokens("Schuldhulpverlening")[0].stems == (
        stem("schuldhulpverlening"),)


def test_search_core_imports_no_django_and_nothing_from_the_network():
    import subprocess
    import sys

    code = (
        "import socket, sys\n"
        "def refuse(*a, **k): raise OSError('network used')\n"
        "socket.socket.connect = refuse\n"
        "from wijkkracht.kaart.core.search import SearchIndex, ServiceDoc, load\n"
        "hits = SearchIndex([ServiceDoc('a', 'Koffieochtend', 'ontmoeting', ('ontmoeting',))],"
        " load()).search('eenzaam')\n"
        "assert [h.id for h in hits] == ['a'], hits\n"
        "assert not [m for m in sys.modules if m.split('.')[0] == 'django']\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr

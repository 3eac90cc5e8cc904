"""Query hygiene: every bad query gets a QueryError with a Dutch message, nothing else."""

import pytest

from wijkkracht.errors import WijkkrachtError
from wijkkracht.kaart.core.search import QueryError, SearchIndex, ServiceDoc, baseline_search, load
from wijkkracht.kaart.core.search.query import MAX_QUERY_CHARS, check_query

DOCS = [ServiceDoc("a", "Buurtcentrum", "Koffieochtend en ontmoeting", ("ontmoeting",))]


@pytest.fixture(scope="module")
def index():
    return SearchIndex(DOCS, load())


@pytest.mark.parametrize(
    ("query", "code", "words"),
    [
        ("", "empty", "Vul in waar u hulp bij zoekt"),
        ("   \n\t ", "empty", "Vul in waar u hulp bij zoekt"),
        (None, "empty", "Vul in waar u hulp bij zoekt"),
        ("eenzaam " * 125, "too_long", "te lang (999 tekens)"),
        ("x" * 1000, "too_long", "te lang (1000 tekens)"),
        ("de het een niet", "only_stop_words", "alleen veelvoorkomende woorden"),
        ("Hij is er niet!", "only_stop_words", "alleen veelvoorkomende woorden"),
        ("?!… —", "no_words", "geen woorden"),
        ("%_*", "no_words", "geen woorden"),
        (42, "not_text", "moet tekst zijn"),
    ],
)
def test_bad_queries_raise_query_error_in_dutch(index, query, code, words):
    for search in (index.search, lambda q: baseline_search(q, DOCS)):
        with pytest.raises(QueryError) as caught:
            search(query)
        assert caught.value.code == code
        assert words in str(caught.value)
        assert isinstance(caught.value, WijkkrachtError)


def test_query_is_trimmed_and_kept_up_to_the_limit():
    assert check_query("  eenzaam \n en  alleen ") == "eenzaam en alleen"
    assert len(check_query("a" * MAX_QUERY_CHARS)) == MAX_QUERY_CHARS


@pytest.mark.parametrize(
    "query", ["ééé", "12345", "a", "'s-avonds", "x-y-z", "DROP TABLE;", "eenzaam%_*"]
)
def test_odd_but_valid_queries_answer_without_error(index, query):
    assert isinstance(index.search(query), list)
    assert isinstance(baseline_search(query, DOCS), list)

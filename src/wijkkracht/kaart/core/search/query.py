"""Query hygiene: what a search box may send, and the Dutch message when it may not."""

from __future__ import annotations

from wijkkracht.errors import WijkkrachtError
from wijkkracht.text.dutch import STOP_WORDS, tokenize

MAX_QUERY_CHARS = 200


class QueryError(WijkkrachtError):
    """A search query we cannot use; ``code`` names the reason for the web layer."""

    def __init__(self, code: str, message: str):
        super().__init__(message)
        self.code = code


def check_query(text: object) -> str:
    """The query, trimmed, or a ``QueryError`` with a plain Dutch message saying what to do."""
    if text is None:
        text = ""
    if not isinstance(text, str):
        raise QueryError("not_text", "De zoekvraag moet tekst zijn.")
    text = " ".join(text.split())
    if not text:
        raise QueryError(
            "empty",
            "Vul in waar u hulp bij zoekt, bijvoorbeeld 'eenzaam' of 'hulp bij de boodschappen'.",
        )
    if len(text) > MAX_QUERY_CHARS:
        raise QueryError(
            "too_long",
            f"Uw zoekvraag is te lang ({len(text)} tekens). Gebruik hoogstens {MAX_QUERY_CHARS} "
            "tekens: een paar woorden over waar u hulp bij zoekt is genoeg.",
        )
    words = tokenize(text)
    if not words:
        raise QueryError(
            "no_words",
            "Uw zoekvraag bevat geen woorden. Beschrijf in een paar woorden waar u hulp bij zoekt.",
        )
    if all(word in STOP_WORDS for word in words):
        raise QueryError(
            "only_stop_words",
            "Uw zoekvraag bevat alleen veelvoorkomende woorden zoals 'de', 'het' en 'niet'. "
            "Beschrijf waar u hulp bij zoekt, bijvoorbeeld 'schulden' of 'mantelzorg'.",
        )
    return text

"""What searches the need taxonomy did not understand, counted so that nobody can be found in it.

A taxonomy written at a desk misses what residents really type; the only cure is to see what
they type. Storing their questions would store special-category data ("mijn vader slaat me"),
so we keep less: per month, how many searches there were and how many named no need, and for
those that named none, how often each common Dutch word occurred. Not stored: the query, its
word order, the searcher, the time within the month. A word counts only if it is alphabetic
and common in Dutch (wordfreq Zipf >= ``MIN_ZIPF``: names, addresses and numbers drop out),
and the page shows a word only once it was counted ``THRESHOLD`` times (``stats.disclosure``).
Counts more than a year old are deleted when a new month starts.

A search that named no need is answered with the list of topics (the needs). When the searcher
then chooses one, its link carries the countable words of that search (signed, so a count
cannot be forged by hand), and each word is counted with the chosen need: what residents mean
by words the taxonomy does not know, shown on the same terms.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager

from django.core import signing
from django.db import IntegrityError, connection, models, transaction
from django.db.models import F, Sum
from django.utils import timezone

from wijkkracht.stats.disclosure import THRESHOLD
from wijkkracht.text.dutch import STOP_WORDS, zipf

from .models import ChosenTopic, SearchMonth, UnmatchedWord

MIN_ZIPF = 2.0  # about once in ten million words: "kliko" (2.5) counts, most surnames do not
SHOWN_MONTHS = 3
MAX_WORD = 40


def countable(word: str) -> bool:
    """A folded query word that may be counted: alphabetic, not a stop word, common Dutch."""
    return (word.isalpha() and 3 <= len(word) <= MAX_WORD and word not in STOP_WORDS
            and zipf(word) >= MIN_ZIPF)


def _bump(model: type[models.Model], key: dict, **add: int) -> bool:
    """Add to a counter row, creating it if it is the first; True when it was created."""
    changes = {name: F(name) + n for name, n in add.items()}
    if model.objects.filter(**key).update(**changes):
        return False
    try:
        with transaction.atomic():  # a concurrent first count must not fail the search
            model.objects.create(**key, **add)
        return True
    except IntegrityError:
        model.objects.filter(**key).update(**changes)
        return False


@contextmanager
def _counting() -> Iterator[None]:
    """One transaction for a search's counts; on PostgreSQL it does not wait for the disk (a
    count lost in a crash is harmless; a search must not wait)."""
    with transaction.atomic():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SET LOCAL synchronous_commit TO OFF")
        yield


def _month(day: dt.date | None) -> dt.date:
    return (day or timezone.localdate()).replace(day=1)


def record(words: list[str], named_need: bool, day: dt.date | None = None) -> None:
    """Count one search (its first page only): its folded words and whether it named a need."""
    month = _month(day)
    with _counting():
        if _bump(SearchMonth, {"month": month}, searches=1, without_need=int(not named_need)):
            _forget_before(month)
        if not named_need:
            for word in sorted({w for w in words if countable(w)}):
                _bump(UnmatchedWord, {"month": month, "word": word}, count=1)


def record_choice(words: list[str], need: str, day: dt.date | None = None) -> None:
    """Count each countable word of a search that named no need with the topic chosen after."""
    month = _month(day)
    with _counting():
        for word in sorted({w for w in words if countable(w)}):
            _bump(ChosenTopic, {"month": month, "word": word, "need": need}, count=1)


CHOICE_SALT = "wijkkracht.kaart.search_tally.choice"
CHOICE_MAX_AGE = 24 * 3600  # a topic chosen a day later is no answer to that search


def choice_token(words: list[str]) -> str:
    """The countable words of a search that named no need, signed, for the topic links beside
    its results ("" when none counts)."""
    kept = sorted({w for w in words if countable(w)})
    return signing.dumps(kept, salt=CHOICE_SALT, compress=True) if kept else ""


def words_of(token: str) -> list[str]:
    """The words a topic link carries; none for a link that was altered or is too old."""
    try:
        words = signing.loads(token, salt=CHOICE_SALT, max_age=CHOICE_MAX_AGE)
    except signing.BadSignature:
        return []
    if not isinstance(words, list):
        return []
    return [w for w in words if isinstance(w, str) and countable(w)]


def _forget_before(month: dt.date) -> None:
    """Keep this month and the twelve before it (a year to compare with), nothing older."""
    oldest = month.replace(year=month.year - 1)
    for model in (SearchMonth, UnmatchedWord, ChosenTopic):
        model.objects.filter(month__lt=oldest).delete()


def recent_months(day: dt.date | None = None) -> list[SearchMonth]:
    """The last ``SHOWN_MONTHS`` months with searches, newest first."""
    first = _month(day)
    for _ in range(SHOWN_MONTHS - 1):
        first = (first - dt.timedelta(days=1)).replace(day=1)
    return list(SearchMonth.objects.filter(month__gte=first).order_by("-month"))


def unmatched_words(day: dt.date | None = None, limit: int = 60,
                    months: list[SearchMonth] | None = None) -> list[tuple[str, int]]:
    """Words of searches that named no need over the shown months (``months`` when the caller
    has read them already), most frequent first; a word counted fewer than ``THRESHOLD`` times
    is not shown."""
    if months is None:
        months = recent_months(day)
    if not months:
        return []
    rows = (UnmatchedWord.objects.filter(month__gte=months[-1].month)
            .values("word").annotate(total=Sum("count")).filter(total__gte=THRESHOLD)
            .order_by("-total", "word")[:limit])
    return [(row["word"], row["total"]) for row in rows]


def chosen_topics(months: list[SearchMonth], limit: int = 60) -> list[tuple[str, str, int]]:
    """(word, need code, count) over the shown months, most frequent first; a pair counted
    fewer than ``THRESHOLD`` times is not shown."""
    if not months:
        return []
    rows = (ChosenTopic.objects.filter(month__gte=months[-1].month)
            .values("word", "need").annotate(total=Sum("count"))
            .filter(total__gte=THRESHOLD).order_by("-total", "word", "need")[:limit])
    return [(row["word"], row["need"], row["total"]) for row in rows]


COUNTS_HEADER = ("soort", "maand", "woord", "behoefte", "aantal", "zonder_behoefte")


def counts_csv() -> str:
    """Every kept count, for a gemeente to share (a pilot's material for the next taxonomy and
    evaluation): per month the searches and those that named no need, and the words and
    word-topic pairs counted at least ``THRESHOLD`` times that month. No query, no searcher."""
    rows: list[tuple] = []
    for month in SearchMonth.objects.order_by("month"):
        rows.append(("zoekvragen", f"{month.month:%Y-%m}", "", "", month.searches,
                     month.without_need))
    for word in (UnmatchedWord.objects.filter(count__gte=THRESHOLD)
                 .order_by("month", "-count", "word")):
        rows.append(("woord", f"{word.month:%Y-%m}", word.word, "", word.count, ""))
    for pair in (ChosenTopic.objects.filter(count__gte=THRESHOLD)
                 .order_by("month", "-count", "word", "need")):
        rows.append(("woord_en_onderwerp", f"{pair.month:%Y-%m}", pair.word, pair.need,
                     pair.count, ""))
    from wijkkracht.exports.spreadsheet import csv_text

    return csv_text(COUNTS_HEADER, rows)

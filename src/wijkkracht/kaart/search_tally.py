"""What searches the need taxonomy did not understand, counted so that nobody can be found in it.

A taxonomy written at a desk misses what residents really type; the only cure is to see what
they type. Storing their questions would store special-category data ("mijn vader slaat me"),
so we keep less: per month, how many searches there were and how many named no need, and for
those that named none, how often each common Dutch word occurred. Not stored: the query, its
word order, the searcher, the time within the month. A word counts only if it is alphabetic
and common in Dutch (wordfreq Zipf >= ``MIN_ZIPF``: names, addresses and numbers drop out),
and the page shows a word only once it was counted ``THRESHOLD`` times (``stats.disclosure``).
Counts more than a year old are deleted when a new month starts.
"""

from __future__ import annotations

import datetime as dt

from django.db import IntegrityError, connection, models, transaction
from django.db.models import F, Sum
from django.utils import timezone

from wijkkracht.stats.disclosure import THRESHOLD
from wijkkracht.text.dutch import STOP_WORDS, zipf

from .models import SearchMonth, UnmatchedWord

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


def _month(day: dt.date | None) -> dt.date:
    return (day or timezone.localdate()).replace(day=1)


def record(words: list[str], named_need: bool, day: dt.date | None = None) -> None:
    """Count one search (its first page only): its folded words and whether it named a need."""
    month = _month(day)
    with transaction.atomic():
        if connection.vendor == "postgresql":
            # a count lost in a crash is harmless; a search must not wait for the disk
            with connection.cursor() as cursor:
                cursor.execute("SET LOCAL synchronous_commit TO OFF")
        if _bump(SearchMonth, {"month": month}, searches=1, without_need=int(not named_need)):
            _forget_before(month)
        if not named_need:
            for word in sorted({w for w in words if countable(w)}):
                _bump(UnmatchedWord, {"month": month, "word": word}, count=1)


def _forget_before(month: dt.date) -> None:
    """Keep this month and the twelve before it (a year to compare with), nothing older."""
    oldest = month.replace(year=month.year - 1)
    SearchMonth.objects.filter(month__lt=oldest).delete()
    UnmatchedWord.objects.filter(month__lt=oldest).delete()


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

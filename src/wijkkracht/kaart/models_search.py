"""The search index of the kaart: each service's analysed text, kept beside the HSDS tables.

Both databases index the same analysis (Dutch Snowball stems and compound parts from
``kaart.core.search``): PostgreSQL in a generated ``tsvector`` column with a GIN index (migration
0002), SQLite in an FTS5 table that ``kaart.indexing`` keeps in step. The engines only retrieve
candidates; the score is computed by the core from the stored terms and the corpus statistics
here, so the two databases rank alike (docs/kaart-search.md).
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models


class SearchDocument(models.Model):
    """One service as search sees it; rebuilt whenever the service changes."""

    # no cascade: the document must outlive its service until ``reindex`` has subtracted its
    # words from the vocabulary (kaart.apps connects that to every service deletion)
    service = models.OneToOneField("kaart.Service", on_delete=models.DO_NOTHING,
                                   db_constraint=False, related_name="search_document")
    name = models.TextField()
    description = models.TextField(blank=True)
    keywords = models.JSONField(default=list)
    categories = models.TextField(blank=True)  # " a b " : need-taxonomy codes between spaces
    free = models.BooleanField(default=False)
    no_referral = models.BooleanField(default=False)
    formal = models.BooleanField(null=True)
    wijk_code = models.CharField(max_length=10, blank=True, db_index=True)
    latitude = models.FloatField(null=True)
    longitude = models.FloatField(null=True)
    languages = models.TextField(blank=True)  # " nl en " : ISO 639-1 codes between spaces
    areas = models.TextField(blank=True)  # " GM0392 " : CBS codes of the areas it serves
    min_age = models.FloatField(null=True)
    max_age = models.FloatField(null=True)
    hours = models.JSONField(default=list)  # [[days, opens, closes], ...] for "open now"
    terms = models.TextField()  # index terms with repeats, space-separated
    length = models.PositiveIntegerField()
    tokens = models.JSONField(default=list)  # [[surface, [stems]], ...] for explanations

    class Meta:
        indexes = [models.Index(fields=["free", "no_referral"])]


class SearchCategory(models.Model):
    """The need-taxonomy categories a service answers; need expansion retrieves by these."""

    document = models.ForeignKey(SearchDocument, on_delete=models.CASCADE,
                                 related_name="category_rows")
    code = models.CharField(max_length=60)
    # free + no referral needed (0-2), copied from the document: on a large kaart the need
    # route takes the most open services of a category first, straight from this index
    open_access = models.PositiveSmallIntegerField(default=0)

    class Meta:
        indexes = [models.Index(fields=["code", "-open_access", "document"],
                                name="kaart_searchcat_code_open")]


class SearchVocabulary(models.Model):
    """Document frequencies of stems (kind "t") and surface words (kind "w") over the kaart:
    BM25 needs the first, the spelling correction the second."""

    kind = models.CharField(max_length=1)
    term = models.CharField(max_length=200)
    df = models.PositiveIntegerField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["kind", "term"],
                                               name="kaart_vocabulary_unique")]


class SearchState(models.Model):
    """One row: the index's size for BM25, and a version that tells each process its cached
    vocabulary is stale."""

    version = models.PositiveBigIntegerField(default=0)
    # new at every change: a rolled-back change can bring an old version number back, with
    # other contents behind it than a process cached under that number
    stamp = models.UUIDField(default=uuid.uuid4)
    documents = models.PositiveIntegerField(default=0)
    total_length = models.PositiveBigIntegerField(default=0)
    taxonomy_id = models.PositiveBigIntegerField(null=True)  # NeedTaxonomy analysed with
    # what the documents were analysed with (taxonomy and analysis code): a release that ships
    # another needs.json or analyses otherwise finds the index stale (indexing.refresh_if_stale)
    analysis = models.CharField(max_length=32, blank=True, default="")


class NeedTaxonomy(models.Model):
    """A version of the need taxonomy, saved by a functional administrator. The newest is the
    one in use; with none, the taxonomy shipped in ``kaart/needs/needs.json``."""

    data = models.JSONField()
    saved_at = models.DateTimeField(auto_now_add=True)
    saved_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                 on_delete=models.SET_NULL, related_name="+")
    note = models.TextField(blank=True)


class SearchMonth(models.Model):
    """How many searches a month had, and how many named no need: the share the taxonomy does
    not yet understand. Counts only; no query, no searcher (``kaart.search_tally``)."""

    month = models.DateField(unique=True)  # the first day of the month
    searches = models.PositiveIntegerField(default=0)
    without_need = models.PositiveIntegerField(default=0)


class UnmatchedWord(models.Model):
    """A common Dutch word of searches that named no need, counted per month, so the functional
    administrator sees what residents ask that the taxonomy misses. Never the query itself."""

    month = models.DateField()
    word = models.CharField(max_length=40)
    count = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["month", "word"],
                                               name="kaart_unmatched_word_unique")]


class ChosenTopic(models.Model):
    """A common Dutch word of a search that named no need, and the topic the searcher then
    chose from the list offered beside its results, counted per month: what residents mean by
    words the taxonomy does not know. Never the query itself (``kaart.search_tally``)."""

    month = models.DateField()
    word = models.CharField(max_length=40)
    need = models.CharField(max_length=60)  # the code of the need chosen as topic
    count = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["month", "word", "need"],
                                               name="kaart_chosen_topic_unique")]

"""The search index of the kaart: each service's analysed text, kept beside the HSDS tables.

Both databases index the same analysis (Dutch Snowball stems and compound parts from
``kaart.core.search``): PostgreSQL in a generated ``tsvector`` column with a GIN index (migration
0002), SQLite in an FTS5 table that ``kaart.indexing`` keeps in step. The engines only retrieve
candidates; the score is computed by the core from the stored terms and the corpus statistics
here, so the two databases rank alike (docs/kaart-search.md).
"""

from __future__ import annotations

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
    categories = models.JSONField(default=list)
    free = models.BooleanField(default=False)
    no_referral = models.BooleanField(default=False)
    formal = models.BooleanField(null=True)
    wijk_code = models.CharField(max_length=10, blank=True, db_index=True)
    latitude = models.FloatField(null=True)
    longitude = models.FloatField(null=True)
    languages = models.TextField(blank=True)  # " nl en " : ISO 639-1 codes between spaces
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

    class Meta:
        indexes = [models.Index(fields=["code", "document"])]


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
    documents = models.PositiveIntegerField(default=0)
    total_length = models.PositiveBigIntegerField(default=0)

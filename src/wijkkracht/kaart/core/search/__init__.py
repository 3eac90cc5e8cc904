"""Search by need: Dutch analysis, the need taxonomy, ranking with explanations, the baseline."""

from .needs import Taxonomy, TaxonomyError, load
from .query import QueryError, check_query
from .rank import Filters, Hit, SearchIndex, ServiceDoc, baseline_search

__all__ = [
    "Filters",
    "Hit",
    "QueryError",
    "SearchIndex",
    "ServiceDoc",
    "Taxonomy",
    "TaxonomyError",
    "baseline_search",
    "check_query",
    "load",
]

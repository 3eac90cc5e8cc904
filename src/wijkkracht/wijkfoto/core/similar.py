"""Similar areas: for each wijk (and gemeente) the nearest ones across the country in make-up.

The approach of CIPFA's Nearest Neighbours Model for English local authorities, which Fingertips
offers as a comparator group: each structural variable is standardised to a z-score (mean 0,
standard deviation 1) over all areas of the level in the year, and areas are ranked by the
Euclidean distance between their z-score vectors. CIPFA lists 15 neighbours per authority; a
wijk gets ``K`` = 10 (the number of statistical neighbours in the English children's services
benchmarking tool). Details and sources: docs/methods.md, "Similar wijken".

The variables describe who lives there, not how services perform: age groups, household make-up,
population density (log10, it spans four orders of magnitude) and income where the year publishes
it. A variable takes part only when at least ``MIN_COVERAGE`` of the level's areas have it, so a
year without income (KWB 2024) matches on the rest; an area lacking any variable that takes part
gets no similar areas and is no one's neighbour.

The peer-group average is the third benchmark beside gemeente and Nederland: pooled over the
neighbours (sum of numerators over sum of denominators) for shares and rates, the plain mean for
averages without a denominator, and only when at least ``MIN_WITH_VALUE`` neighbours have a value.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy.spatial import cKDTree

from wijkkracht.areas.catalogue import PERCENTAGE, Indicator

K = 10
LEVELS = ("WK", "GM")
MIN_COVERAGE = 0.8
MIN_WITH_VALUE = 5

# (indicator id, log10 before standardising)
FEATURES: tuple[tuple[str, bool], ...] = (
    ("aandeel_0_14", False),
    ("aandeel_15_24", False),
    ("aandeel_25_44", False),
    ("aandeel_65plus", False),
    ("aandeel_eenpersoons", False),
    ("aandeel_hh_met_kinderen", False),
    ("huishoudensgrootte", False),
    ("dichtheid", True),
    ("inkomen_per_inwoner", False),
    ("aandeel_hh_laag_inkomen", False),
)
METHOD = (f"{K} nearest areas of the same level by Euclidean distance between z-scores of "
          "age groups, household make-up, log10 population density and income where published "
          "(after CIPFA's Nearest Neighbours Model)")


@dataclass
class Standardised:
    """The z-score matrix of one level: ``rows`` are the areas with every used feature."""

    level: str
    features: tuple[str, ...]
    rows: np.ndarray  # area rows in the year's table
    z: np.ndarray  # (len(rows), len(features))
    mean: np.ndarray
    std: np.ndarray


@dataclass
class SimilarAreas:
    """Per area (row of the year's table) its ``k`` nearest areas, nearest first."""

    k: int
    rows: np.ndarray  # (n, k) int64; -1 where there is no neighbour
    distance: np.ndarray  # (n, k) float; NaN where there is no neighbour
    features: dict[str, tuple[str, ...]]  # per level: the features that took part
    excluded: dict[str, int]  # per level: areas left out for lack of a feature


def standardise(values: dict[str, np.ndarray], level_mask: np.ndarray,
                level: str) -> Standardised | None:
    """z-scores of the level's areas on the features that enough of them have.

    Each feature is standardised over every area of the level that has it (population standard
    deviation); the matrix keeps the areas that have them all.
    """
    n_level = int(level_mask.sum())
    if n_level < 2:
        return None
    used, columns = [], []
    for fid, log in FEATURES:
        v = values.get(fid)
        if v is None:
            continue
        v = np.asarray(v, dtype=float)
        if log:
            with np.errstate(divide="ignore", invalid="ignore"):
                v = np.where(v > 0, np.log10(v), np.nan)
        if np.isfinite(v[level_mask]).sum() >= MIN_COVERAGE * n_level:
            used.append(fid)
            columns.append(v)
    if not used:
        return None
    matrix = np.column_stack(columns)
    mean = np.array([np.nanmean(c[level_mask]) for c in columns])
    std = np.array([np.nanstd(c[level_mask]) for c in columns])
    std[std == 0] = 1.0  # a constant feature separates no one
    complete = level_mask & np.isfinite(matrix).all(axis=1)
    rows = np.nonzero(complete)[0]
    z = (matrix[rows] - mean) / std
    return Standardised(level, tuple(used), rows, z, mean, std)


def nearest(z: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
    """Indices (into ``z``) and distances of each point's ``k`` nearest other points."""
    m = z.shape[0]
    kk = min(k, m - 1)
    if kk < 1:
        return np.empty((m, 0), np.int64), np.empty((m, 0))
    dist, idx = cKDTree(z).query(z, k=kk + 1)
    dist, idx = np.atleast_2d(dist), np.atleast_2d(idx)
    # Drop each point itself; with exact duplicates it need not come first.
    own = idx == np.arange(m)[:, None]
    drop = np.where(own.any(axis=1), own.argmax(axis=1), kk)
    keep = np.ones(idx.shape, bool)
    keep[np.arange(m), drop] = False
    return idx[keep].reshape(m, kk), dist[keep].reshape(m, kk)


def find_similar(levels: np.ndarray, values: dict[str, np.ndarray], k: int = K) -> SimilarAreas:
    """The ``k`` nearest areas of the same level for every wijk and gemeente of a year."""
    n = levels.shape[0]
    rows = np.full((n, k), -1, dtype=np.int64)
    distance = np.full((n, k), np.nan)
    features: dict[str, tuple[str, ...]] = {}
    excluded: dict[str, int] = {}
    for level in LEVELS:
        mask = levels == level
        s = standardise(values, mask, level)
        if s is None:
            continue
        features[level] = s.features
        excluded[level] = int(mask.sum()) - len(s.rows)
        idx, dist = nearest(s.z, k)
        width = idx.shape[1]
        rows[s.rows, :width] = s.rows[idx]
        distance[s.rows, :width] = dist
    return SimilarAreas(k, rows, distance, features, excluded)


def peer_average(ind: Indicator, value: np.ndarray, x: np.ndarray, d: np.ndarray,
                 peer_rows: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Per row of ``peer_rows`` (indices into value/x/d, -1 for none): the neighbours' average
    and how many neighbours had a value. NaN below ``MIN_WITH_VALUE`` neighbours."""
    ok = peer_rows >= 0
    safe = np.where(ok, peer_rows, 0)
    if ind.has_interval:
        xs, ds = x[safe], d[safe]
        use = ok & np.isfinite(xs) & np.isfinite(ds) & (ds > 0)
        count = use.sum(axis=1)
        scale = 100.0 if ind.kind == PERCENTAGE else ind.multiplier
        with np.errstate(divide="ignore", invalid="ignore"):
            bench = (np.where(use, xs, 0.0).sum(axis=1) / np.where(use, ds, 0.0).sum(axis=1)
                     * scale)
    else:
        vs = value[safe]
        use = ok & np.isfinite(vs)
        count = use.sum(axis=1)
        with np.errstate(divide="ignore", invalid="ignore"):
            bench = np.where(use, vs, 0.0).sum(axis=1) / count
    return np.where(count >= MIN_WITH_VALUE, bench, np.nan), count

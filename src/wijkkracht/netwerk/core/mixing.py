"""Which walls stand: ties between sectors against random mixing, and the E-I index.

* Mixing matrix: ties by (sector of i, sector of j) against the count expected if ties fell on
  observed cells regardless of sector, ``e_gh = m * cells_gh / cells``; with full response and
  directed ties this is ``m n_g n_h / (n(n-1))`` (``n_g (n_g - 1)`` on the diagonal).
* E-I index: Krackhardt, D. & Stern, R. N. (1988). Informal networks and organizational
  crises. *Social Psychology Quarterly* 51(2), 123-140: ``(E - I) / (E + I)``, E ties between
  sectors, I within; -1 all within, +1 all between. Its value under random mixing is the E-I of
  all observed cells (the complete graph with these group sizes and this response).
* Permutation test: sector labels are shuffled over people (group sizes kept) with a seeded
  ``numpy.random.Generator``; p = (1 + shufflings at least as extreme) / (1 + shufflings)
  (Phipson & Smyth 2010). A small ``p_fewer`` for a sector pair is a wall.

Ties and cells are counted on observed cells (directed view) or observed pairs (undirected
views) only, so non-response moves neither side.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from .levels import LevelNetwork, level_network
from .model import Scan

EI_DEFINITION = ("Krackhardt & Stern (1988): (E - I) / (E + I), E ties between sectors, I "
                 "within, on ties in observed cells; -1 all within ... +1 all between")
EXPECTED_DEFINITION = ("random mixing: ties spread over observed cells regardless of sector; "
                       "expected E-I is the E-I of all observed cells")
P_DEFINITION = ("permutation test: sector labels shuffled over people (group sizes kept), "
                "p = (1 + shufflings at least as extreme) / (1 + shufflings)")
BATCH = 128


@dataclass(frozen=True)
class EIIndex:
    """E-I index of the whole network, one sector, or the two sectors of a pair.

    ``scope`` is () for the whole network, (sector,) for one sector (E: ties with one end in it,
    I: ties with both ends in it) and (g, h) for a pair (E: ties between g and h, I: ties
    within g or within h).
    """

    scope: tuple[str, ...]
    external: int
    internal: int
    value: float | None
    expected: float | None
    p_lower: float | None  # chance of an E-I this low or lower: more inward than random
    p_upper: float | None  # chance of an E-I this high or higher: more outward than random
    p_two_sided: float | None


@dataclass(frozen=True)
class SectorPairMixing:
    """Observed against expected ties for one sector pair."""

    sectors: tuple[str, str]  # (from, to) in the directed view; sorted for undirected views
    observed: int
    expected: float
    cells: int  # observed cells (or pairs) between these sectors
    ratio: float | None  # observed / expected
    p_fewer: float | None  # chance of as few ties or fewer under shuffled sectors (a wall)
    p_more: float | None
    ei: EIIndex | None  # E-I of the two sectors together; None within one sector


@dataclass(frozen=True)
class Mixing:
    level: int
    view: str
    sectors: tuple[str, ...]
    ties: int  # ties in observed cells
    pairs: tuple[SectorPairMixing, ...]
    ei: EIIndex
    ei_by_sector: tuple[EIIndex, ...]
    permutations: int
    seed: int
    definitions: dict[str, str] = field(default_factory=dict)

    def pair(self, a: str, b: str) -> SectorPairMixing:
        key = (a, b) if self.view == "directed" else (min(a, b), max(a, b))
        return next(p for p in self.pairs if p.sectors == key)


def _counts(codes: np.ndarray, rows: np.ndarray, cols: np.ndarray, groups: int) -> np.ndarray:
    """Ordered (group of row, group of col) counts; codes may be one labelling or a batch."""
    codes2 = np.atleast_2d(codes)
    batch = codes2.shape[0]
    keys = codes2[:, rows] * groups + codes2[:, cols]
    keys += (np.arange(batch) * groups * groups)[:, None]
    flat = np.bincount(keys.ravel(), minlength=batch * groups * groups)
    return flat.reshape(batch, groups, groups)


def _fold(counts: np.ndarray, directed: bool) -> np.ndarray:
    """Undirected: (g, h) and (h, g) together in the upper triangle."""
    if directed:
        return counts
    upper = counts + np.swapaxes(counts, -1, -2)
    idx = np.arange(counts.shape[-1])
    upper[..., idx, idx] = counts[..., idx, idx]
    return np.triu(upper)


def _ei_parts(folded: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Whole-network E and I, and per-sector E and I, from (batch, G, G) folded counts."""
    diag = np.diagonal(folded, axis1=-2, axis2=-1)
    internal = diag.sum(axis=-1)
    external = folded.sum(axis=(-2, -1)) - internal
    touching = folded.sum(axis=-1) + folded.sum(axis=-2) - 2 * diag
    return external, internal, touching, diag


def _ei(e: float, i: float) -> float | None:
    return (e - i) / (e + i) if e + i else None


def _p(null: np.ndarray, observed: float, tail: str) -> float:
    hits = (null <= observed) if tail == "lower" else (null >= observed)
    return float((1 + hits.sum()) / (1 + len(null)))


def sector_mixing(scan: Scan, level: int, view: str = "any", permutations: int = 999,
                  seed: int = 0) -> Mixing:
    """Mixing matrix, E-I index (whole, per sector, per sector pair) and permutation p-values."""
    if permutations < 0:
        raise ValueError("permutations must be 0 or more")
    net = level_network(scan, level, view)
    return mixing_of(net, permutations, seed)


def mixing_of(net: LevelNetwork, permutations: int = 999, seed: int = 0) -> Mixing:
    """As :func:`sector_mixing`, for a network already built."""
    names = tuple(sorted(set(net.sectors)))
    groups = len(names)
    codes = np.array([names.index(s) for s in net.sectors], dtype=np.int64)
    seen = net.observed.copy()
    np.fill_diagonal(seen, False)
    ties = net.adjacency & seen
    if not net.directed:
        seen, ties = np.triu(seen, 1), np.triu(ties, 1)
    tie_rows, tie_cols = np.nonzero(ties)
    cell_rows, cell_cols = np.nonzero(seen)
    observed = _fold(_counts(codes, tie_rows, tie_cols, groups), net.directed)[0]
    cells = _fold(_counts(codes, cell_rows, cell_cols, groups), net.directed)[0]
    m, total_cells = int(observed.sum()), int(cells.sum())
    expected = cells * (m / total_cells) if total_cells else np.zeros_like(cells, dtype=float)

    null_counts = np.empty((0, groups, groups), dtype=np.int64)
    if permutations and m:
        rng = np.random.default_rng(seed)
        chunks = []
        for start in range(0, permutations, BATCH):
            size = min(BATCH, permutations - start)
            shuffled = rng.permuted(np.tile(codes, (size, 1)), axis=1)
            chunks.append(_fold(_counts(shuffled, tie_rows, tie_cols, groups), net.directed))
        null_counts = np.concatenate(chunks)
    testing = len(null_counts) > 0

    e_obs, i_obs, touch_obs, diag_obs = _ei_parts(observed[None])
    e_cells, i_cells, touch_cells, diag_cells = _ei_parts(cells[None])
    e_null, _, touch_null, diag_null = _ei_parts(null_counts)

    def index(scope: tuple[str, ...], e: int, i: int, e_c: int, i_c: int,
              null_e: np.ndarray, null_i: np.ndarray) -> EIIndex:
        value = _ei(e, i)
        if testing and value is not None:
            null_ei = (null_e - null_i) / np.maximum(null_e + null_i, 1)
            null_ei = np.where(null_e + null_i > 0, null_ei, np.nan)
            null_ei = null_ei[~np.isnan(null_ei)]
            lower, upper = _p(null_ei, value, "lower"), _p(null_ei, value, "upper")
            two = min(1.0, 2 * min(lower, upper))
        else:
            lower = upper = two = None
        return EIIndex(scope, e, i, value, _ei(e_c, i_c), lower, upper, two)

    whole = index((), int(e_obs[0]), int(i_obs[0]), int(e_cells[0]), int(i_cells[0]),
                  e_null, null_counts.sum(axis=(-2, -1)) - e_null)
    by_sector = tuple(
        index((names[g],), int(touch_obs[0, g]), int(diag_obs[0, g]), int(touch_cells[0, g]),
              int(diag_cells[0, g]), touch_null[:, g], diag_null[:, g])
        for g in range(groups))

    def pair_ei(g: int, h: int) -> EIIndex | None:
        if g == h:
            return None
        e_c, i_c = cells[g, h] + cells[h, g], cells[g, g] + cells[h, h]
        null_e = null_counts[:, g, h] + null_counts[:, h, g]
        null_i = null_counts[:, g, g] + null_counts[:, h, h]
        return index((names[g], names[h]), int(observed[g, h] + observed[h, g]),
                     int(observed[g, g] + observed[h, h]), int(e_c), int(i_c), null_e, null_i)

    keys = [(g, h) for g in range(groups) for h in range(groups) if net.directed or g <= h]
    pairs = []
    for g, h in keys:
        obs, exp = int(observed[g, h]), float(expected[g, h])
        null = null_counts[:, g, h]
        pairs.append(SectorPairMixing(
            sectors=(names[g], names[h]), observed=obs, expected=exp, cells=int(cells[g, h]),
            ratio=obs / exp if exp else None,
            p_fewer=_p(null, obs, "lower") if testing else None,
            p_more=_p(null, obs, "upper") if testing else None, ei=pair_ei(g, h)))
    return Mixing(net.level, net.view, names, m, tuple(pairs), whole, by_sector, permutations,
                  seed, {"ei": EI_DEFINITION, "expected": EXPECTED_DEFINITION, "p": P_DEFINITION,
                         "ei_by_sector": "per sector: E ties with one end in the sector, I ties "
                                         "with both ends in it",
                         "pair_ei": "per sector pair: E ties between the two sectors, I ties "
                                    "within either of them"})

"""Vectorised per-group helpers: every gemeente's wijken handled in one numpy pass.

Groups are integer labels (one per area, -1 = no group). Used for funnels, ranks and quintiles
among the wijken of each gemeente without a Python loop over gemeenten.
"""

from __future__ import annotations

import numpy as np

QUINTILE_FRACTIONS = (0.2, 0.4, 0.6, 0.8)


def group_index(labels: np.ndarray) -> tuple[np.ndarray, int]:
    """Dense integer codes 0..k-1 for any hashable labels; -1 for None/empty."""
    labels = np.asarray(labels, dtype=object)
    valid = np.array([lab is not None and lab != "" for lab in labels], dtype=bool)
    codes = np.full(labels.shape, -1, dtype=np.int64)
    if valid.any():
        _, inv = np.unique(labels[valid].astype(str), return_inverse=True)
        codes[valid] = inv
        return codes, int(inv.max()) + 1
    return codes, 0


def group_sum(values: np.ndarray, groups: np.ndarray, k: int) -> np.ndarray:
    ok = groups >= 0
    return np.bincount(groups[ok], weights=values[ok], minlength=k)


def group_count(mask: np.ndarray, groups: np.ndarray, k: int) -> np.ndarray:
    ok = (groups >= 0) & mask
    return np.bincount(groups[ok], minlength=k)


def group_quantiles(
    values: np.ndarray, groups: np.ndarray, k: int, fractions: tuple[float, ...]
) -> np.ndarray:
    """Linear-interpolation quantiles (numpy's default, Excel PERCENTILE.INC) per group over the
    finite values, one sort for all fractions: shape (len(fractions), k); NaN for empty groups."""
    ok = (groups >= 0) & np.isfinite(values)
    g = groups[ok]
    v = values[ok]
    order = np.lexsort((v, g))
    g, v = g[order], v[order]
    counts = np.bincount(g, minlength=k)
    starts = np.concatenate(([0], np.cumsum(counts)[:-1]))
    out = np.full((len(fractions), k), np.nan)
    has = counts > 0
    base = starts[has]
    for row, fraction in enumerate(fractions):
        pos = (counts[has] - 1) * fraction
        lo = np.floor(pos).astype(np.int64)
        hi = np.minimum(lo + 1, counts[has] - 1)
        out[row, has] = v[base + lo] + (v[base + hi] - v[base + lo]) * (pos - lo)
    return out


def group_quantile(values: np.ndarray, groups: np.ndarray, k: int, fraction: float) -> np.ndarray:
    return group_quantiles(values, groups, k, (fraction,))[0]


def group_ranks_descending(values: np.ndarray, groups: np.ndarray) -> np.ndarray:
    """Rank within group, 1 = highest; ties share the best rank; 0 where missing."""
    ok = (groups >= 0) & np.isfinite(values)
    out = np.zeros(values.shape, dtype=np.int64)
    idx = np.nonzero(ok)[0]
    if idx.size == 0:
        return out
    g, v = groups[idx], values[idx]
    order = np.lexsort((-v, g))
    g_s, v_s = g[order], v[order]
    new_group = np.r_[True, g_s[1:] != g_s[:-1]]
    new_value = new_group | np.r_[True, v_s[1:] != v_s[:-1]]
    position = np.arange(idx.size)
    group_start = np.maximum.accumulate(np.where(new_group, position, 0))
    value_start = np.maximum.accumulate(np.where(new_value, position, 0))
    rank_sorted = value_start - group_start + 1
    out[idx[order]] = rank_sorted
    return out


def group_quintiles(
    values: np.ndarray, groups: np.ndarray, k: int, bounds: np.ndarray | None = None
) -> np.ndarray:
    """Quintile 1 (lowest) .. 5 (highest) within the group, by PERCENTILE.INC bounds (as
    Fingertips: the first bound the value does not exceed); 0 where missing or where the group
    has fewer than five values. ``bounds`` may hold the four bounds already computed."""
    ok = (groups >= 0) & np.isfinite(values)
    out = np.zeros(values.shape, dtype=np.int64)
    enough = group_count(np.isfinite(values), groups, k) >= 5
    if bounds is None:
        bounds = group_quantiles(values, groups, k, QUINTILE_FRACTIONS)
    sel = ok & enough[np.where(groups >= 0, groups, 0)]
    if sel.any():
        b = bounds[:, groups[sel]]
        out[sel] = 1 + (values[sel][None, :] > b).sum(axis=0)
    return out

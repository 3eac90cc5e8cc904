"""Rank and quintile of an area among its peers (e.g. the wijken of one gemeente)."""

from __future__ import annotations

import numpy as np

from .groups import group_quintiles, group_ranks_descending

QUINTILE_METHOD = "quintiles by Excel PERCENTILE.INC bounds (as Fingertips); needs 5 values"


def quintiles(values: np.ndarray) -> np.ndarray:
    """Quintile 1 (lowest) .. 5 (highest) per value; 0 where missing or fewer than 5 values."""
    values = np.asarray(values, dtype=float)
    return group_quintiles(values, np.zeros(values.shape, dtype=np.int64), 1)


def ranks_descending(values: np.ndarray) -> np.ndarray:
    """Rank 1 = highest value; ties share the best rank; 0 where missing."""
    values = np.asarray(values, dtype=float)
    return group_ranks_descending(values, np.zeros(values.shape, dtype=np.int64))

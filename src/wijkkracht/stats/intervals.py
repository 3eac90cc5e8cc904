"""Confidence intervals for proportions, counts and rates.

The methods are those of the English public-health profiles (Fingertips, PHE indicator
methods): Wilson score intervals for proportions; for counts the exact Poisson interval below 10
events and Byar's approximation from 10 on. Wilson and exact Poisson come from statsmodels;
Byar is not in any permissive library and is written here from its published formula
(Breslow & Day 1987, vol. II, p. 69; as used by PHE, see docs/methods.md).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy.stats import norm
from statsmodels.stats.proportion import proportion_confint
from statsmodels.stats.rates import confint_poisson

CONFIDENCE_LEVELS = (0.95, 0.998)
WILSON = "Wilson score"
EXACT_POISSON = "exact Poisson"
BYAR = "Byar"
BYAR_THRESHOLD = 10


def z_for(confidence: float) -> float:
    """Two-sided standard normal quantile: 1.96 for 95 %, 3.0902 for 99.8 %."""
    return float(norm.ppf(0.5 + confidence / 2))


@dataclass(frozen=True)
class Interval:
    """Lower and upper limits (arrays) and the method per element."""

    lower: np.ndarray
    upper: np.ndarray
    method: np.ndarray
    confidence: float


def _as_float(a: object) -> np.ndarray:
    return np.atleast_1d(np.asarray(a, dtype=float))


def wilson_interval(x: object, n: object, confidence: float = 0.95) -> Interval:
    """Wilson score interval of the proportion x/n, as a fraction (0..1).

    Undefined (NaN) where x or n is missing, n <= 0, x < 0 or x > n.
    """
    x, n = np.broadcast_arrays(_as_float(x), _as_float(n))
    valid = np.isfinite(x) & np.isfinite(n) & (n > 0) & (x >= 0) & (x <= n)
    lower = np.full(x.shape, np.nan)
    upper = np.full(x.shape, np.nan)
    if valid.any():
        lo, hi = proportion_confint(x[valid], n[valid], alpha=1 - confidence, method="wilson")
        lower[valid] = np.clip(lo, 0.0, 1.0)
        upper[valid] = np.clip(hi, 0.0, 1.0)
        # Exact at the edges (the formula gives 0 and 1 up to rounding error).
        lower[valid & (x == 0)] = 0.0
        upper[valid & (x == n)] = 1.0
    method = np.where(valid, WILSON, "")
    return Interval(lower, upper, method, confidence)


def byar_limits(x: np.ndarray, confidence: float) -> tuple[np.ndarray, np.ndarray]:
    """Byar's approximation to the Poisson limits of an observed count x (x >= 1)."""
    z = z_for(confidence)
    x = np.asarray(x, dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):
        lower = x * (1 - 1 / (9 * x) - z / (3 * np.sqrt(x))) ** 3
        upper = (x + 1) * (1 - 1 / (9 * (x + 1)) + z / (3 * np.sqrt(x + 1))) ** 3
    lower = np.where(lower < 0, np.nan, lower)
    return lower, upper


def poisson_count_interval(x: object, confidence: float = 0.95) -> Interval:
    """Interval for an observed count: exact Poisson below 10 events, Byar from 10 on."""
    x = _as_float(x)
    valid = np.isfinite(x) & (x >= 0)
    lower = np.full(x.shape, np.nan)
    upper = np.full(x.shape, np.nan)
    small = valid & (x < BYAR_THRESHOLD)
    large = valid & (x >= BYAR_THRESHOLD)
    if small.any():
        lo, hi = confint_poisson(x[small], 1.0, method="exact-c", alpha=1 - confidence)
        lower[small] = np.nan_to_num(lo, nan=0.0)
        upper[small] = hi
    if large.any():
        lower[large], upper[large] = byar_limits(x[large], confidence)
    method = np.where(small, EXACT_POISSON, np.where(large, BYAR, ""))
    return Interval(lower, upper, method, confidence)


def rate_interval(
    x: object, n: object, multiplier: float = 1000.0, confidence: float = 0.95
) -> Interval:
    """Interval of the crude rate x / n * multiplier (e.g. per 1 000 inhabitants)."""
    x, n = np.broadcast_arrays(_as_float(x), _as_float(n))
    counts = poisson_count_interval(x, confidence)
    ok = np.isfinite(n) & (n > 0)
    with np.errstate(divide="ignore", invalid="ignore"):
        lower = np.where(ok, counts.lower / n * multiplier, np.nan)
        upper = np.where(ok, counts.upper / n * multiplier, np.nan)
    method = np.where(ok, counts.method, "")
    return Interval(lower, upper, method, confidence)

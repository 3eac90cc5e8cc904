"""Funnel comparison of areas with their peers, allowing for real between-area variation.

Wijken genuinely differ, so with large denominators a pure binomial or Poisson model calls almost
every wijk "different". Spiegelhalter's additive random-effects adjustment (Spiegelhalter 2005,
"Handling over-dispersion of performance indicators", Qual Saf Health Care 14:347-351) estimates
the overdispersion phi from winsorised z-scores and the between-area variance
tau^2 = max(0, (k phi - (k - 1)) / (sum w - sum w^2 / sum w)), w = 1/s^2, then judges each area by
z = (Y - target) / sqrt(s^2 + tau^2): only areas that differ more than areas normally do are
flagged. Proportions use Y = asin(sqrt(p)), s = 1/(2 sqrt(n)); counts use Y = sqrt(O/E),
s = 1/(2 sqrt(E)) (the square-root variant, which accepts zero counts). All groups (the wijken of
every gemeente) are computed in one vectorised pass.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .groups import group_count, group_quantiles, group_sum
from .intervals import z_for

FUNNEL_METHOD = "funnel with Spiegelhalter overdispersion adjustment (winsorised 10 %, tau²)"
MIN_AREAS = 5


@dataclass(frozen=True)
class FunnelResult:
    """Per area: z, adjusted z, direction (+1/-1/0; NaN not assessed) and level (0.95/0.998
    where outside the limits). Per group: target (on the transformed scale), phi, tau2, size."""

    z: np.ndarray
    z_adjusted: np.ndarray
    direction: np.ndarray
    level: np.ndarray
    target: np.ndarray
    phi: np.ndarray
    tau2: np.ndarray
    areas: np.ndarray
    method: str = FUNNEL_METHOD


def _assess(y, s, target_by_group, groups, k, winsor) -> FunnelResult:
    ok = (groups >= 0) & np.isfinite(y) & np.isfinite(s) & (s > 0)
    gsafe = np.where(groups >= 0, groups, 0)
    size = group_count(ok, groups, k)
    ok &= size[gsafe] >= MIN_AREAS
    z = np.full(y.shape, np.nan)
    z[ok] = (y[ok] - target_by_group[gsafe[ok]]) / s[ok]
    zg = np.where(ok, groups, -1)
    lo, hi = group_quantiles(z, zg, k, (winsor, 1 - winsor))
    zw = np.clip(z, lo[gsafe], hi[gsafe])
    phi = np.full(k, np.nan)
    has = size >= MIN_AREAS
    with np.errstate(divide="ignore", invalid="ignore"):
        phi[has] = group_sum(np.where(ok, zw**2, 0.0), zg, k)[has] / size[has]
        w = np.where(ok, 1 / s**2, 0.0)
        sw = group_sum(w, zg, k)
        sw2 = group_sum(w**2, zg, k)
        denom = sw - sw2 / sw
        tau2 = np.where(has & (denom > 0), np.maximum(0.0, (size * phi - (size - 1)) / denom),
                        np.nan)
    tau2 = np.where(has & ~np.isfinite(tau2), 0.0, tau2)
    z_adj = np.full(y.shape, np.nan)
    z_adj[ok] = (y[ok] - target_by_group[gsafe[ok]]) / np.sqrt(s[ok] ** 2 + tau2[gsafe[ok]])
    direction = np.full(y.shape, np.nan)
    direction[ok] = 0.0
    absz = np.abs(np.nan_to_num(z_adj))
    out95 = ok & (absz > z_for(0.95))
    out998 = ok & (absz > z_for(0.998))
    direction[out95] = np.sign(z_adj[out95])
    level = np.where(out998, 0.998, np.where(out95, 0.95, np.nan))
    return FunnelResult(z, z_adj, direction, level, target_by_group, phi, tau2, size)


def _groups(groups, shape):
    if groups is None:
        return np.zeros(shape, dtype=np.int64), 1
    groups = np.asarray(groups, dtype=np.int64)
    return groups, int(groups.max()) + 1 if groups.size and groups.max() >= 0 else 0


def funnel_proportions(x, n, groups=None, winsor: float = 0.1) -> FunnelResult:
    """Funnel for proportions x/n within each group (target = pooled proportion of the group)."""
    x = np.asarray(x, dtype=float)
    n = np.asarray(n, dtype=float)
    groups, k = _groups(groups, x.shape)
    ok = (groups >= 0) & np.isfinite(x) & np.isfinite(n) & (n > 0) & (x >= 0) & (x <= n)
    g = np.where(ok, groups, -1)
    with np.errstate(divide="ignore", invalid="ignore"):
        target_p = group_sum(np.where(ok, x, 0.0), g, k) / group_sum(np.where(ok, n, 0.0), g, k)
        y = np.where(ok, np.arcsin(np.sqrt(np.clip(x / n, 0, 1))), np.nan)
        s = np.where(ok, 1 / (2 * np.sqrt(n)), np.nan)
    return _assess(y, s, np.arcsin(np.sqrt(target_p)), g, k, winsor)


def funnel_rates(observed, population, groups=None, winsor: float = 0.1) -> FunnelResult:
    """Funnel for counts against population within each group: E = population x pooled rate."""
    o = np.asarray(observed, dtype=float)
    n = np.asarray(population, dtype=float)
    groups, k = _groups(groups, o.shape)
    ok = (groups >= 0) & np.isfinite(o) & np.isfinite(n) & (n > 0) & (o >= 0)
    g = np.where(ok, groups, -1)
    gsafe = np.where(g >= 0, g, 0)
    with np.errstate(divide="ignore", invalid="ignore"):
        rate = group_sum(np.where(ok, o, 0.0), g, k) / group_sum(np.where(ok, n, 0.0), g, k)
        e = n * rate[gsafe]
        ok &= e > 0
        g = np.where(ok, g, -1)
        y = np.where(ok, np.sqrt(o / e), np.nan)
        s = np.where(ok, 1 / (2 * np.sqrt(e)), np.nan)
    return _assess(y, s, np.ones(k), g, k, winsor)

"""Every indicator for every area of a KWB year, in one vectorised pass.

For each indicator the result holds, per area: value, numerator and denominator, 95 % and
99.8 % intervals with their method, the approximate flag, why a value is missing, the
comparison with the gemeente and with Nederland, and the position among the area's peers (the
other wijken of its gemeente, or the other buurten; for a gemeente all gemeenten): rank,
quintile and the overdispersed funnel verdict.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from wijkkracht.areas.catalogue import AMOUNT, INDICATORS, PERCENTAGE, PROPORTION, RATE, Indicator
from wijkkracht.areas.table import KwbTable
from wijkkracht.stats.compare import (
    Polarity,
    compare_with_benchmark,
    directional_verdicts,
    is_material,
)
from wijkkracht.stats.funnel import funnel_proportions, funnel_rates
from wijkkracht.stats.groups import (
    QUINTILE_FRACTIONS,
    group_count,
    group_index,
    group_quantiles,
    group_quintiles,
    group_ranks_descending,
)
from wijkkracht.stats.intervals import rate_interval, wilson_interval

from .similar import FEATURES, SimilarAreas, find_similar, peer_average

# Why a value is missing (codes; Dutch text in the report layer).
NOT_IN_SOURCE = "not_in_source"
SECRET = "secret_or_not_published"
NO_DENOMINATOR = "no_denominator"


@dataclass
class Comparison:
    benchmark: np.ndarray
    verdict: np.ndarray
    level: np.ndarray
    significant: np.ndarray
    material: np.ndarray
    count: np.ndarray | None = None  # similar areas only: how many had a value


@dataclass
class Peers:
    rank: np.ndarray
    count: np.ndarray
    quintile: np.ndarray
    funnel_verdict: np.ndarray
    funnel_level: np.ndarray
    funnel_z: np.ndarray
    phi: np.ndarray  # per area: the overdispersion of its peer group
    tau2: np.ndarray
    minimum: np.ndarray
    maximum: np.ndarray
    p25: np.ndarray
    p75: np.ndarray


@dataclass
class IndicatorResult:
    indicator: Indicator
    available: bool
    value: np.ndarray
    numerator: np.ndarray
    denominator: np.ndarray
    lower95: np.ndarray
    upper95: np.ndarray
    lower998: np.ndarray
    upper998: np.ndarray
    method: np.ndarray
    approximate: np.ndarray
    missing: np.ndarray
    vs_gemeente: Comparison
    vs_nl: Comparison
    peers: Peers
    vs_similar: Comparison | None = None
    # Per area: the KWB year of the value (see latest.py for several years), and a change of the
    # area's code or boundary after that year ("", code_changed, boundary_changed, not_linked).
    year: np.ndarray | None = None
    change: np.ndarray | None = None
    change_year: np.ndarray | None = None


@dataclass
class ComputedYear:
    table: KwbTable
    codes: np.ndarray
    index: dict[str, int]
    peer_group: np.ndarray
    results: dict[str, IndicatorResult]
    similar: SimilarAreas | None = None
    years: tuple[int, ...] = field(default_factory=tuple)  # the years combined, newest first


def _column(table: KwbTable, field_id: str | None, n: int) -> np.ndarray | None:
    if field_id is None or field_id not in table.frame.columns:
        return None
    return table.frame[field_id].to_numpy().astype(float)


def _denominator(table: KwbTable, ind: Indicator, n: int) -> np.ndarray | None:
    parts = [_column(table, f, n) for f in ind.denominator]
    if not parts or any(p is None for p in parts):
        return None
    total = parts[0].copy()
    for p in parts[1:]:
        total = total + p
    return total


def _values(table: KwbTable, ind: Indicator, rounded: np.ndarray, n: int):
    """value, numerator x, denominator d and approximate flag for one indicator."""
    nan = np.full(n, np.nan)
    main = _column(table, ind.numerator, n)
    if main is None:
        return None
    den = _denominator(table, ind, n)
    if ind.kind == AMOUNT:
        return main, nan, nan, np.zeros(n, bool)
    if ind.kind == PROPORTION:
        if den is None:
            return None
        with np.errstate(divide="ignore", invalid="ignore"):
            value = np.where(den > 0, main / den * ind.multiplier, np.nan)
        return value, main, den, rounded.copy()
    if ind.kind == PERCENTAGE:
        count = _column(table, ind.count, n)
        with np.errstate(divide="ignore", invalid="ignore"):
            if count is not None:
                x = count
                d = np.where(main > 0, count * 100.0 / main, np.nan)
            elif den is not None:
                d = den
                x = main / 100.0 * den
            else:
                x, d = nan, nan
        return main, x, d, np.ones(n, bool)
    if ind.kind == RATE:
        if den is None:
            return None
        field_unit = table_field_unit(ind.numerator)
        with np.errstate(divide="ignore", invalid="ignore"):
            if field_unit == "per_1000":  # published as a rate: rebuild the count
                x = main * den / 1000.0
                value = main
                approx = np.ones(n, bool)
            else:
                x = main
                value = np.where(den > 0, main / den * ind.multiplier, np.nan)
                approx = rounded.copy()
        return value, x, den, approx
    raise ValueError(ind.kind)


def table_field_unit(field_id: str | None) -> str | None:
    from wijkkracht.areas.fields import FIELDS_BY_ID

    return FIELDS_BY_ID[field_id].unit if field_id in FIELDS_BY_ID else None


def _intervals(ind: Indicator, x, d):
    if ind.kind in (PROPORTION, PERCENTAGE):
        i95 = wilson_interval(x, d, 0.95)
        i998 = wilson_interval(x, d, 0.998)
        scale = 100.0
        return (i95.lower * scale, i95.upper * scale, i998.lower * scale, i998.upper * scale,
                i95.method)
    i95 = rate_interval(x, d, ind.multiplier, 0.95)
    i998 = rate_interval(x, d, ind.multiplier, 0.998)
    return i95.lower, i95.upper, i998.lower, i998.upper, i95.method


def _benchmark_rows(codes: np.ndarray, targets: list[str | None], index: dict[str, int]):
    rows = np.array([index.get(t, -1) if t else -1 for t in targets], dtype=np.int64)
    return rows


def _take(values: np.ndarray, rows: np.ndarray) -> np.ndarray:
    out = np.full(rows.shape, np.nan)
    ok = rows >= 0
    out[ok] = values[rows[ok]]
    return out


def _compare(ind, value, lo95, hi95, lo998, hi998, bench) -> Comparison:
    if not ind.has_interval:
        n = value.shape[0]
        return Comparison(bench, np.full(n, "not_compared", dtype=object), np.full(n, np.nan),
                          np.zeros(n, bool), is_material(value, bench, None, ind.relative))
    material = is_material(value, bench, ind.absolute, ind.relative)
    res = compare_with_benchmark(value, lo95, hi95, lo998, hi998, bench, ind.polarity, material)
    return Comparison(bench, res["verdict"], res["level"], res["significant"], res["material"])


def compute_year(table: KwbTable) -> ComputedYear:
    frame = table.frame
    n = frame.height
    codes = frame["code"].to_numpy()
    index = {c: i for i, c in enumerate(codes)}
    levels = frame["level"].to_numpy()
    gemeenten = frame["gemeente_code"].to_list()
    rounded = np.isin(levels, ["WK", "BU"])
    nl_code = next((c for c in codes if str(c).startswith("NL")), None)
    # Benchmarks: the area's gemeente (for wijken and buurten) and Nederland (for all below it).
    gm_rows = _benchmark_rows(codes, [g if lv in ("WK", "BU") else None
                                      for g, lv in zip(gemeenten, levels, strict=True)], index)
    nl_rows = _benchmark_rows(codes, [nl_code if lv != "NL" else None for lv in levels], index)
    # Peers: wijken of the same gemeente, buurten of the same gemeente, all gemeenten.
    peer_labels = np.array([f"{lv}:{g}" if lv in ("WK", "BU") else ("GM" if lv == "GM" else None)
                            for g, lv in zip(gemeenten, levels, strict=True)], dtype=object)
    peer_group, k = group_index(peer_labels)
    gsafe = np.where(peer_group >= 0, peer_group, 0)
    results: dict[str, IndicatorResult] = {}
    for ind in INDICATORS:
        vals = _values(table, ind, rounded, n)
        if vals is None:
            results[ind.id] = _unavailable(ind, n)
            continue
        value, x, d, approx = vals
        if ind.has_interval:
            lo95, hi95, lo998, hi998, method = _intervals(ind, x, d)
        else:
            lo95 = hi95 = lo998 = hi998 = np.full(n, np.nan)
            method = np.full(n, "", dtype=object)
        missing = np.full(n, "", dtype=object)
        missing[~np.isfinite(value)] = SECRET
        if ind.has_interval:
            missing[np.isfinite(value) & ~np.isfinite(lo95)] = NO_DENOMINATOR
        approx = approx & np.isfinite(value)
        vs_gm = _compare(ind, value, lo95, hi95, lo998, hi998, _take(value, gm_rows))
        vs_nl = _compare(ind, value, lo95, hi95, lo998, hi998, _take(value, nl_rows))
        peers = _peers(ind, value, x, d, peer_group, k, gsafe)
        results[ind.id] = IndicatorResult(ind, True, value, x, d, lo95, hi95, lo998, hi998,
                                          np.asarray(method, dtype=object), approx, missing,
                                          vs_gm, vs_nl, peers)
    similar = find_similar(levels, {f: results[f].value for f, _ in FEATURES
                                    if results[f].available})
    for res in results.values():
        if res.available:
            res.vs_similar = similar_comparison(res, similar.rows, np.arange(n))
        res.year = np.full(n, table.year, dtype=np.int32)
        res.change = np.full(n, "", dtype=object)
        res.change_year = np.zeros(n, dtype=np.int32)
    return ComputedYear(table, codes, index, peer_group, results, similar, (table.year,))


def similar_comparison(source: IndicatorResult, peer_rows: np.ndarray,
                       area_rows: np.ndarray) -> Comparison:
    """The comparison with the similar areas' average, by the gemeente benchmark's rule.

    ``peer_rows`` (one row of neighbours per area compared) and ``area_rows`` index ``source``'s
    arrays, so the neighbours of this year can be averaged over another year's figures. Only the
    areas with neighbours (wijken, gemeenten) are computed; the rest are not compared.
    """
    ind = source.indicator
    n = area_rows.shape[0]
    sub = np.nonzero((peer_rows >= 0).any(axis=1) & (area_rows >= 0))[0]
    at = area_rows[sub]
    bench, count = peer_average(ind, source.value, source.numerator, source.denominator,
                                peer_rows[sub])
    part = _compare(ind, source.value[at], source.lower95[at], source.upper95[at],
                    source.lower998[at], source.upper998[at], bench)
    verdict = np.empty(n, dtype=object)
    verdict.fill("not_compared")  # np.full is ten times slower for object arrays
    out = Comparison(np.full(n, np.nan), verdict,
                     np.full(n, np.nan), np.zeros(n, bool), np.zeros(n, bool),
                     np.zeros(n, np.int64))
    for name in ("benchmark", "verdict", "level", "significant", "material"):
        getattr(out, name)[sub] = getattr(part, name)
    out.count[sub] = count
    return out


def _peers(ind, value, x, d, groups, k, gsafe) -> Peers:
    ranks = group_ranks_descending(value, groups)
    count = group_count(np.isfinite(value), groups, k)[gsafe]
    q = group_quantiles(value, groups, k, (0.0, 0.25, 0.75, 1.0, *QUINTILE_FRACTIONS))
    quint = group_quintiles(value, groups, k, bounds=q[4:])
    n = value.shape[0]
    if ind.kind in (PROPORTION, PERCENTAGE):
        f = funnel_proportions(x, d, groups)
    elif ind.kind == RATE:
        f = funnel_rates(x, d, groups)
    else:
        f = None
    if f is None:
        fv = np.full(n, "not_compared", dtype=object)
        fl = fz = phi = tau2 = np.full(n, np.nan)
    else:
        fv = directional_verdicts(f.direction, ind.polarity)
        fl, fz = f.level, f.z_adjusted
        phi, tau2 = f.phi[gsafe], f.tau2[gsafe]
    lo, p25, p75, hi = (q[i][gsafe] for i in range(4))
    return Peers(ranks, np.where(groups >= 0, count, 0), quint, fv, fl, fz, phi, tau2,
                 lo, hi, p25, p75)


def _unavailable(ind: Indicator, n: int) -> IndicatorResult:
    nan = np.full(n, np.nan)
    none = np.full(n, "not_compared", dtype=object)
    cmp_ = Comparison(nan, none, nan, np.zeros(n, bool), np.zeros(n, bool))
    peers = Peers(np.zeros(n, int), np.zeros(n, int), np.zeros(n, int), none, nan, nan, nan,
                  nan, nan, nan, nan, nan)
    return IndicatorResult(ind, False, nan, nan, nan, nan, nan, nan, nan,
                           np.full(n, "", dtype=object), np.zeros(n, bool),
                           np.full(n, NOT_IN_SOURCE, dtype=object), cmp_, cmp_, peers,
                           Comparison(nan, none, nan, np.zeros(n, bool), np.zeros(n, bool),
                                      np.zeros(n, np.int64)))


__all__ = ["ComputedYear", "IndicatorResult", "Polarity", "compute_year"]

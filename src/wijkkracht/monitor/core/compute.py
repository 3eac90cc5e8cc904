"""All indicators for every team, every wijk and the whole organisation, per month and per
quarter, from one table of case events, with small counts suppressed.

The events hold no person: a team id, a wijk code, a day, a kind and a value (1 for a count,
days or a score change otherwise). One ``group_by`` over all events (polars) gives counts and
sums per team, wijk, month and kind; everything after works on that small table, so 10 million
events cost about what the group_by costs (``benchmarks/bench_monitor.py``). Medians cannot be
added up, so they get a group_by of their own over the few kinds that need one.

Disclosure control is ``stats.disclosure`` over every count an indicator shows or is built from
(numerators, denominators, the number of cases behind a mean or median, the caseload), with the
additive relations a reader could subtract: the wijken add up to the total, the teams add up to
the total, three months add up to a quarter, and a proportion's denominator is its numerator
plus the (never shown) rest. Months and quarters are protected together. A mean or median is
shown only over 5 or more cases whose count is shown.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

import numpy as np
import polars as pl

from wijkkracht.stats.disclosure import HIDDEN, STATE_CODES, THRESHOLD, protect_blocks

from .indicators import CASELOAD, IndicatorDef

MONTH, QUARTER = "month", "quarter"
TOTAL, TEAM, WIJK = "total", "team", "wijk"
LEVELS = (TOTAL, TEAM, WIJK)
EPOCH = dt.date(1970, 1, 1)
SCHEMA = {"team": pl.Int32, "wijk": pl.Categorical, "day": pl.Int32, "kind": pl.Categorical,
          "value": pl.Float64}

# why a point has no value
SMALL, NO_DATA, ZERO_DENOMINATOR = "small", "no_data", "zero_denominator"
INCOMPLETE = "incomplete"  # the period is not over yet: a part-month is no month
REASONS = ("", SMALL, NO_DATA, ZERO_DENOMINATOR, INCOMPLETE)


def events_frame(rows: Iterable[tuple[int, str, dt.date, str, float]]) -> pl.DataFrame:
    """Events as a frame: (team id, wijk code or "", day, kind, value)."""
    team, wijk, day, kind, value = [], [], [], [], []
    for t, w, d, k, v in rows:
        team.append(t)
        wijk.append(w or "")
        day.append((d - EPOCH).days)
        kind.append(k)
        value.append(float(v))
    return pl.DataFrame({"team": team, "wijk": wijk, "day": day, "kind": kind, "value": value},
                        schema=SCHEMA)


def month_index(day: dt.date) -> int:
    return day.year * 12 + day.month - 1


def month_label(index: int) -> str:
    return f"{index // 12:04d}-{index % 12 + 1:02d}"


def quarter_label(index: int) -> str:
    """``index`` counts quarters: month index // 3."""
    return f"{index // 4:04d}-K{index % 4 + 1}"


def window(last: dt.date, months: int = 36) -> tuple[int, int]:
    """The first and last month index of ``months`` months ending with the quarter of ``last``,
    in whole quarters (so a quarter is always the sum of its three months)."""
    end = month_index(last) // 3 * 3 + 2
    return end - (months // 3 * 3) + 1, end


@dataclass(frozen=True)
class Point:
    period: str
    value: float | None
    numerator: str  # as shown: a number, "< 5" or "x"
    denominator: str = ""
    reason: str = ""  # why value is None: SMALL, NO_DATA or ZERO_DENOMINATOR
    n: float | None = None  # the numerator's count when shown (for P and U charts)
    d: float | None = None  # the denominator's count when shown


@dataclass(frozen=True)
class Series:
    indicator: str
    level: str
    key: str  # "" for the total, a team id, a wijk code ("" wijk is shown as "?" key)
    granularity: str
    points: tuple[Point, ...]

    @property
    def shown(self) -> int:
        return sum(p.value is not None for p in self.points)


@dataclass
class Result:
    """Every indicator's values as arrays (rows: the total, each team, each wijk; columns: the
    months, then the quarters); a ``Series`` of points is made when it is asked for."""

    first: int
    last: int
    teams: list[str]
    wijken: list[str]
    definitions: dict[str, IndicatorDef] = field(default_factory=dict)
    values: dict[str, np.ndarray] = field(default_factory=dict)  # NaN where not shown
    reasons: dict[str, np.ndarray] = field(default_factory=dict)  # REASONS index
    suppressed: int = 0  # cells suppressed in all, primary and secondary
    table: _Table | None = None

    def periods(self, granularity: str) -> list[str]:
        if granularity == MONTH:
            return [month_label(m) for m in range(self.first, self.last + 1)]
        return [quarter_label(q) for q in range(self.first // 3, self.last // 3 + 1)]

    @property
    def keys(self) -> list[tuple[str, str]]:
        return [(TOTAL, ""), *((TEAM, t) for t in self.teams), *((WIJK, w) for w in self.wijken)]

    def get(self, indicator: str, level: str, key: str, granularity: str) -> Series | None:
        try:
            row = self.keys.index((level, key))
        except ValueError:
            return None
        if indicator not in self.values or self.table is None:
            return None
        return Series(indicator, level, key, granularity,
                      self.table.points(self.definitions[indicator], row, granularity,
                                        self.values[indicator], self.reasons[indicator]))

    def all_series(self) -> list[Series]:
        return [s for code in self.values for level, key in self.keys
                for g in (MONTH, QUARTER) if (s := self.get(code, level, key, g))]


UNKNOWN_WIJK = "?"  # the key of cases whose household has no wijk


def _dense(column: pl.Series, extra: Sequence = ()) -> tuple[np.ndarray, list]:
    """Dense codes 0..k-1 of a column and the values they stand for, without sorting or
    copying 10 million rows: the few distinct values are found by hashing (the first row of
    each), and every row's code is looked up in a small table."""
    if column.dtype == pl.Utf8:
        column = column.cast(pl.Categorical)
    physical = column.to_physical() if column.dtype == pl.Categorical or isinstance(
        column.dtype, pl.Enum) else column
    firsts = physical.arg_unique()
    distinct = physical.gather(firsts).to_numpy()
    names = (column.gather(firsts).cast(pl.Utf8) if physical is not column
             else physical.gather(firsts)).to_list()
    for value in extra:
        if value not in names:
            names.append(value)
    if physical is column:  # plain numbers (team ids): number the sorted union
        names = sorted(set(names))
    codes = physical.to_numpy()
    if len(distinct) and distinct.min() >= 0 and distinct.max() < 10_000_000:
        lut = np.full(int(distinct.max()) + 1, -1, dtype=np.int64)
        if physical is column:
            lut[distinct] = [names.index(v) for v in distinct.tolist()]
        else:
            lut[distinct] = np.arange(len(distinct))
        return lut[codes], names
    order = {v: i for i, v in enumerate(names)}
    mapped = pl.Series(codes).replace_strict(
        list(order) if physical is column else distinct.tolist(),
        list(order.values()) if physical is column else list(range(len(distinct))))
    return mapped.to_numpy(), names


def compute(events: pl.DataFrame, definitions: Sequence[IndicatorDef], *, first: int,
            last: int, teams: Sequence[int] = (), wijken: Sequence[str] = (),
            complete_until: int | None = None) -> Result:
    """Every definition for the total, every team and every wijk, per month and per quarter
    from month index ``first`` to ``last`` (whole quarters: see :func:`window`). ``teams`` and
    ``wijken`` add rows for those without events (their series are zeros, not missing).
    Periods after month ``complete_until`` are not over yet: they are counted (and protected)
    but shown as incomplete, never as a value a chart would read as a drop."""
    if first % 3 or last % 3 != 2:
        raise ValueError("the window must be whole quarters")
    months = last - first + 1
    team_code, team_ids = _dense(events["team"], teams)
    wijk_code, wijk_names = _dense(events["wijk"], wijken)
    kind_code, kind_names = _dense(events["kind"])
    teams = [str(t) for t in team_ids]
    wijken = [w or UNKNOWN_WIJK for w in wijk_names]
    result = Result(first=first, last=last, teams=teams, wijken=wijken)

    # month bin of each event: 0 = before the window, 1..months inside, months + 1 after it
    day = events["day"].to_numpy()
    low = int(day.min()) if len(day) else 0
    span = (int(day.max()) - low + 1) if len(day) else 1
    days = np.arange(low, low + span).astype("datetime64[D]")
    month_of_day = days.astype("datetime64[M]").astype(np.int64) + 1970 * 12
    bin_of_day = np.clip(month_of_day - first + 1, 0, months + 1)
    bins = months + 2
    binned = bin_of_day[day - low]
    kinds = len(kind_names)
    value = events["value"].to_numpy()

    def cube(code: np.ndarray, rows: int, weights=None) -> np.ndarray:
        flat = (code * bins + binned) * kinds + kind_code
        return np.bincount(flat, weights=weights, minlength=rows * bins * kinds).reshape(
            rows, bins, kinds)

    by_team = cube(team_code, len(teams))
    by_wijk = cube(wijk_code, len(wijken))
    count = np.concatenate([by_team.sum(axis=0, keepdims=True), by_team, by_wijk])
    sum_kinds = [k for k in {d.numerator for d in definitions if d.measure == "mean"}
                 if k in kind_names]
    if sum_kinds:
        summed = np.zeros(kinds, dtype=bool)  # a lookup per kind, not a search per event
        summed[[kind_names.index(k) for k in sum_kinds]] = True
        weights = np.where(summed[kind_code], value, 0.0)
        team_sum = cube(team_code, len(teams), weights)
        total = np.concatenate([team_sum.sum(axis=0, keepdims=True), team_sum,
                                cube(wijk_code, len(wijken), weights)])
    else:
        total = np.zeros_like(count, dtype=float)
    table = _Table(result, definitions, kind_names, count, total)
    if complete_until is not None:
        table.incomplete_from(complete_until)
    median_kinds = [k for k in {d.numerator for d in definitions if d.measure == "median"}
                    if k in kind_names]
    if median_kinds:
        table.medians = _medians(events, median_kinds, kind_names, kind_code, team_code,
                                 wijk_code, binned, months, len(teams))
    table.protect()
    result.suppressed, result.table = table.suppressed, table
    for d in definitions:
        result.definitions[d.code] = d
        result.values[d.code], result.reasons[d.code] = table.indicator(d)
    return result


MAX_HISTOGRAM_VALUE = 4096  # whole values below this get the histogram median


def _medians(events, kinds, kind_names, kind_code, team_code, wijk_code, binned, months,
             teams) -> dict[tuple[int, int, str], float]:
    """(row, period column, kind) -> median, for rows total/teams/wijken and periods as in
    ``_Table`` (months, then quarters)."""
    value = events["value"].to_numpy()
    out: dict[tuple[int, int, str], float] = {}
    for kind in kinds:
        pick = (kind_code == kind_names.index(kind)) & (binned >= 1) & (binned <= months)
        v = value[pick]
        m = binned[pick] - 1
        rows = (np.zeros_like(m), team_code[pick] + 1, wijk_code[pick] + 1 + teams)
        periods = (m, m // 3 + months)
        if len(v) and (v.min() < 0 or v.max() >= MAX_HISTOGRAM_VALUE
                       or not np.array_equal(v, np.round(v))):
            medians = _medians_by_sort(rows, periods, v)
        else:
            medians = _medians_by_histogram(rows, periods, v.astype(np.int64))
        out.update({(r, p, kind): median for (r, p), median in medians.items()})
    return out


def _medians_by_histogram(rows, periods, values) -> dict[tuple[int, int], float]:
    """Whole values (days) counted per row and period; the median read from the cumulative
    counts: the k-th smallest value is the first whose cumulative count reaches k."""
    if not len(values):
        return {}
    width = int(values.max()) + 1
    n_rows = int(max(r.max() for r in rows)) + 1
    n_periods = int(max(p.max() for p in periods)) + 1
    flat = np.concatenate([(r * n_periods + p) * width + values
                           for r in rows for p in periods])
    counts = np.bincount(flat, minlength=n_rows * n_periods * width).reshape(-1, width)
    cells = np.flatnonzero(counts.sum(axis=1))
    cum = np.cumsum(counts[cells], axis=1)
    n = cum[:, -1]
    low = np.argmax(cum >= ((n + 1) // 2)[:, None], axis=1)
    high = np.argmax(cum >= (n // 2 + 1)[:, None], axis=1)
    middle = np.where(n % 2 == 1, low, (low + high) / 2)
    return {divmod(int(c), n_periods): float(x) for c, x in zip(cells, middle, strict=True)}


def _medians_by_sort(rows, periods, values) -> dict[tuple[int, int], float]:
    out = {}
    for r in rows:
        for p in periods:
            table = pl.DataFrame({"r": r, "p": p, "v": values}).group_by("r", "p").agg(
                pl.col("v").median())
            out.update({(a, b): float(c) for a, b, c in table.iter_rows()})
    return out


class _Table:
    """The cells behind every series: rows (total, teams, wijken) x periods (months, then
    quarters) x columns (the counted kinds, the caseload, and each proportion's hidden rest),
    as flat numpy arrays, with their additive groups as blocks for ``protect_blocks``."""

    def __init__(self, result: Result, definitions, kind_names, count, total) -> None:
        self.result = result
        self.keys = [(TOTAL, ""), *((TEAM, t) for t in result.teams),
                     *((WIJK, w) for w in result.wijken)]
        months = result.last - result.first + 1
        self.months, self.quarters = months, months // 3
        self.labels = [*result.periods(MONTH), *result.periods(QUARTER)]
        self.period_index = {label: i for i, label in enumerate(self.labels)}
        flows = sorted({k for d in definitions for k in (d.numerator, d.denominator)
                        if k and k != CASELOAD and d.measure != "stock"})
        self.proportions = [d for d in definitions if d.measure == "proportion"]
        stock = any(d.measure == "stock" or d.denominator == CASELOAD for d in definitions)
        self.columns = [*flows, *([CASELOAD] if stock else []),
                        *(_complement(d) for d in self.proportions)]
        self.column = {c: i for i, c in enumerate(self.columns)}
        rows, periods, columns = len(self.keys), len(self.labels), len(self.columns)
        self.shape = (rows, periods, columns)
        values = np.zeros(self.shape, dtype=np.int64)
        sums = np.zeros(self.shape)
        where = {k: i for i, k in enumerate(kind_names)}
        inside = slice(1, months + 1)
        for kind in flows:
            if kind in where:
                c, k = self.column[kind], where[kind]
                monthly = count[:, inside, k]
                values[:, :months, c] = monthly
                values[:, months:, c] = monthly.reshape(rows, -1, 3).sum(axis=2)
                monthly_sum = total[:, inside, k]
                sums[:, :months, c] = monthly_sum
                sums[:, months:, c] = monthly_sum.reshape(rows, -1, 3).sum(axis=2)
        if stock:
            net = np.zeros(count.shape[:2], dtype=np.int64)
            if "opened" in where:
                net += count[:, :, where["opened"]]
            if "closed" in where:
                net -= count[:, :, where["closed"]]
            caseload = np.cumsum(net, axis=1)[:, inside]
            values[:, :months, self.column[CASELOAD]] = caseload
            values[:, months:, self.column[CASELOAD]] = caseload[:, 2::3]
        states = np.zeros(self.shape, dtype=np.int8)
        for d in self.proportions:
            rest = self.column[_complement(d)]
            values[:, :, rest] = np.maximum(values[:, :, self.column[d.denominator]]
                                            - values[:, :, self.column[d.numerator]], 0)
            states[:, :, rest] = STATE_CODES[HIDDEN]
        self.values, self.sums, self.states = values, sums, states
        self.flows = [self.column[k] for k in flows]
        self.medians: dict[tuple[int, int, str], float] = {}
        self.suppressed = 0
        self.incomplete: np.ndarray | None = None

    def _index(self, rows, periods, columns) -> np.ndarray:
        r, p, c = np.broadcast_arrays(rows, periods, columns)
        return np.ravel_multi_index((r, p, c), self.shape)

    def blocks(self) -> list[np.ndarray]:
        teams, wijken = len(self.result.teams), len(self.result.wijken)
        periods = np.arange(len(self.labels))
        columns = np.array([*self.flows, *([self.column[CASELOAD]]
                                           if CASELOAD in self.column else [])])
        out = []
        for parts in (np.arange(1, teams + 1), np.arange(teams + 1, teams + wijken + 1)):
            members = np.concatenate([parts, [0]])  # the total last
            p, c = np.meshgrid(periods, columns, indexing="ij")
            out.append(self._index(members[None, None, :], p[..., None], c[..., None])
                       .reshape(-1, len(members)))
        rows = np.arange(len(self.keys))
        quarters = np.arange(self.quarters)
        flows = np.array(self.flows)
        if len(flows):
            r, q, c = np.meshgrid(rows, quarters, flows, indexing="ij")
            members = np.stack([q * 3, q * 3 + 1, q * 3 + 2, self.months + q], axis=-1)
            out.append(self._index(r[..., None], members, c[..., None]).reshape(-1, 4))
        for d in self.proportions:
            r, p = np.meshgrid(rows, periods, indexing="ij")
            cols = np.array([self.column[d.numerator], self.column[_complement(d)],
                             self.column[d.denominator]])
            out.append(self._index(r[..., None], p[..., None], cols).reshape(-1, 3))
        return out

    def protect(self) -> None:
        flat = self.states.reshape(-1)
        self.suppressed = protect_blocks(self.values.reshape(-1), flat, self.blocks())

    def incomplete_from(self, complete_until: int) -> None:
        """Mark the months after ``complete_until`` (a month index) and the quarters holding
        one of them as not yet over."""
        first = self.result.first
        self.incomplete = np.zeros(len(self.labels), dtype=bool)
        for m in range(max(complete_until + 1, first), self.result.last + 1):
            self.incomplete[m - first] = True
            self.incomplete[self.months + (m - first) // 3] = True

    def indicator(self, d: IndicatorDef) -> tuple[np.ndarray, np.ndarray]:
        """The values of one indicator in every row and period (NaN where not shown) and why
        a value is missing (an index into ``REASONS``), all at once."""
        value, reason = self._indicator(d)
        if self.incomplete is not None and self.incomplete.any():
            reason[:, self.incomplete] = REASONS.index(INCOMPLETE)
            value[:, self.incomplete] = np.nan
        return value, reason

    def _indicator(self, d: IndicatorDef) -> tuple[np.ndarray, np.ndarray]:
        small, no_data, zero = (REASONS.index(r) for r in (SMALL, NO_DATA, ZERO_DENOMINATOR))
        if d.measure in ("stock", "count"):
            c = self.column[CASELOAD if d.measure == "stock" else d.numerator]
            shown = self.states[:, :, c] == 0
            return (np.where(shown, self.values[:, :, c], np.nan),
                    np.where(shown, 0, small).astype(np.int8))
        c = self.column[d.numerator]
        n, shown = self.values[:, :, c], self.states[:, :, c] == 0
        if d.measure in ("mean", "median"):
            if d.measure == "mean":
                with np.errstate(invalid="ignore", divide="ignore"):
                    value = self.sums[:, :, c] / n
            else:
                value = np.full(n.shape, np.nan)
                for (row, period, kind), median in self.medians.items():
                    if kind == d.numerator:
                        value[row, period] = median
            reason = np.where(n == 0, no_data,
                              np.where(~shown | (n < THRESHOLD), small, 0)).astype(np.int8)
            return np.where(reason == 0, np.round(value, 4), np.nan), reason
        dc = self.column[d.denominator]
        den, den_shown = self.values[:, :, dc], self.states[:, :, dc] == 0
        reason = np.where(den_shown & (den == 0), np.where(n == 0, no_data, zero),
                          np.where(shown & den_shown, 0, small)).astype(np.int8)
        with np.errstate(invalid="ignore", divide="ignore"):
            value = np.where(reason == 0, n / np.where(den == 0, 1, den) * d.per, np.nan)
        return value, reason

    def _text(self, row: int, period: int, column: str) -> str:
        c = self.column[column]
        state = self.states[row, period, c]
        return (str(int(self.values[row, period, c])) if state == 0
                else f"< {THRESHOLD}" if state == 1 else "x")

    def points(self, d: IndicatorDef, row: int, granularity: str, values: np.ndarray,
               reasons: np.ndarray) -> tuple[Point, ...]:
        span = range(self.months) if granularity == MONTH else range(
            self.months, self.months + self.quarters)
        numerator = CASELOAD if d.measure == "stock" else d.numerator
        ratio = d.measure in ("proportion", "rate")
        points = []
        for p in span:
            value = values[row, p]
            shown = not np.isnan(value)
            n_text = self._text(row, p, numerator)
            points.append(Point(
                self.labels[p], float(value) if shown else None, n_text,
                self._text(row, p, d.denominator) if ratio else "",
                REASONS[reasons[row, p]],
                n=float(self.values[row, p, self.column[numerator]]) if shown else None,
                d=(float(self.values[row, p, self.column[d.denominator]])
                   if shown and ratio else None)))
        return tuple(points)


def _complement(d: IndicatorDef) -> str:
    return f"{d.denominator}-{d.numerator}"

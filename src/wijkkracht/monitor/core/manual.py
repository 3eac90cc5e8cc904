"""A team's own indicators (figures the GP practice or the housing corporation reports, typed in
per period or uploaded) as the same ``compute.Series`` the built-in indicators give, so they get
the same charts, readings, targets and exports.

Figures come per month ("2025-03") or per quarter ("2025-K1"), for the team as a whole (wijk
"") or for one wijk. A quarter is a figure entered for it, or else the sum of its three months
(all three: two months are no quarter, and a chart would read them as a drop). Proportions,
rates and means are made from the summed numerators and denominators (a mean's numerator is the
sum of the values, its denominator the number of them), never by averaging the ratios. The
team's total is its own entered figure, or else the sum of the wijken entered for that period.
A month chart cannot be made from quarter figures: that is said, not guessed. A period without
a figure is a gap (``NO_DATA``), never a zero.

Small counts are protected as in ``compute``, with ``stats.disclosure``: every count a figure
shows or is built from (a count, a proportion's numerator and denominator, a rate's numerator
and denominator, the number of values behind a mean) is "< 5" from 1 to 4, with the additive
relations a reader could subtract (the wijken and the team's total, three months and their
quarter, a proportion's numerator and its never-shown rest). A period without a figure counts
as a known zero in those relations: that can only hide more, never less.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

import numpy as np

from wijkkracht.errors import WijkkrachtError
from wijkkracht.stats.disclosure import HIDDEN, STATE_CODES, THRESHOLD, protect_blocks

from .compute import (
    MONTH,
    NO_DATA,
    QUARTER,
    SMALL,
    TEAM,
    WIJK,
    ZERO_DENOMINATOR,
    Point,
    Series,
    month_label,
    quarter_label,
)
from .indicators import IndicatorDef, IndicatorError, check

OWN_PREFIX = "eigen:"  # an own indicator's code on the monitor's pages: never a built-in code
OWN_MEASURES = ("count", "proportion", "rate", "mean")
# Which charts fit which kind of figure: P charts need a share, U charts a rate; a count or a
# mean has no denominator to weigh the limits by, so it gets an I chart or a run chart.
CHARTS_FOR = {"count": ("run", "xmr"), "proportion": ("run", "xmr", "p", "pp"),
              "rate": ("run", "xmr", "u", "up"), "mean": ("run", "xmr")}


class ManualDataError(WijkkrachtError):
    """The figures cannot give the chart asked for (a month chart from quarter figures)."""


@dataclass(frozen=True)
class Figure:
    """One entered figure: a month or quarter, the team ("") or a wijk, and the numbers."""

    period: str
    wijk: str
    numerator: float
    denominator: float | None = None


def own_definition(*, code: str, name: str, measure: str, polarity: str = "neutral",
                   chart: str = "xmr", unit: str = "", description: str = "", per: float = 1.0,
                   source: str = "") -> IndicatorDef:
    """An own indicator as an ``IndicatorDef`` (its code prefixed with ``OWN_PREFIX``), checked
    like the built-in ones and for a chart that fits its kind of figure."""
    if measure not in OWN_MEASURES:
        raise IndicatorError(f"Indicator '{code}': soort '{measure}' kan niet voor een eigen "
                             f"indicator; kies uit {', '.join(OWN_MEASURES)}.")
    if chart not in CHARTS_FOR[measure]:
        raise IndicatorError(f"Indicator '{code}': grafiek '{chart}' past niet bij soort "
                             f"'{measure}'; kies uit {', '.join(CHARTS_FOR[measure])}.")
    return check(IndicatorDef(
        code=OWN_PREFIX + code, name=name, measure=measure, numerator="numerator",
        denominator="" if measure == "count" else "denominator", polarity=polarity,
        chart=chart, unit=unit, description=description, per=per, source=source or "eigen"))


@dataclass
class ManualResult:
    """The series of one own indicator for the team and each wijk it has figures for."""

    definition: IndicatorDef
    team: str  # the team's key on the monitor (its id as text)
    wijken: list[str]
    months: list[str]
    quarters: list[str]
    suppressed: int = 0
    series_by_key: dict[tuple[str, str], Series] = field(default_factory=dict)
    quarter_only: set[str] = field(default_factory=set)  # keys with quarters but no months

    def series(self, level: str, key: str, granularity: str) -> Series | None:
        """The series of the team (level TEAM, the team's key) or a wijk (WIJK, its code);
        None for a row this indicator has no figures for. ``ManualDataError`` for a month
        chart of figures entered per quarter only."""
        row = "" if level == TEAM and key == self.team else key if level == WIJK else None
        if row is None or (row, granularity) not in self.series_by_key:
            return None
        if granularity == MONTH and row in self.quarter_only:
            raise ManualDataError(
                f"De cijfers van '{self.definition.name}' zijn per kwartaal ingevoerd. Een "
                "grafiek per maand kan daar niet uit gemaakt worden: kies 'per kwartaal'.")
        return self.series_by_key[row, granularity]


def manual_compute(definition: IndicatorDef, figures: Iterable[Figure], *, first: int,
                   last: int, team: str = "") -> ManualResult:
    """Series per month and per quarter from month index ``first`` to ``last`` (whole quarters,
    as ``compute.window`` gives them) for the team's total and every wijk with a figure."""
    if first % 3 or last % 3 != 2:
        raise ValueError("the window must be whole quarters")
    figures = list(figures)
    months = [month_label(m) for m in range(first, last + 1)]
    quarters = [quarter_label(q) for q in range(first // 3, last // 3 + 1)]
    wijken = sorted({f.wijk for f in figures if f.wijk})
    keys = ["", *wijken]
    result = ManualResult(definition, team, wijken, months, quarters)
    grid = _Grid(definition, keys, months, quarters)
    for f in figures:
        grid.enter(f)
    grid.derive()
    for k, key in enumerate(keys):
        entered = grid.present[k]
        if not entered[:len(months)].any() and entered[len(months):].any():
            result.quarter_only.add(key)
    result.suppressed = grid.protect()
    level_key = {"": (TEAM, team)}
    for k, key in enumerate(keys):
        level, name = level_key.get(key, (WIJK, key))
        for granularity in (MONTH, QUARTER):
            result.series_by_key[key, granularity] = Series(
                definition.code, level, name, granularity, grid.points(k, granularity))
    return result


class _Grid:
    """Rows (the total, then the wijken) x periods (months, then quarters) x the columns a
    figure is made of: the numerator, the denominator and (for a proportion) the rest."""

    def __init__(self, d: IndicatorDef, keys: list[str], months: list[str],
                 quarters: list[str]) -> None:
        self.d, self.keys, self.months, self.quarters = d, keys, months, quarters
        self.labels = [*months, *quarters]
        self.index = {label: i for i, label in enumerate(self.labels)}
        self.row = {key: i for i, key in enumerate(keys)}
        shape = (len(keys), len(self.labels))
        self.num = np.zeros(shape)
        self.den = np.zeros(shape)
        self.present = np.zeros(shape, dtype=bool)
        self.typed = np.zeros(shape, dtype=bool)  # entered, not derived

    def enter(self, f: Figure) -> None:
        p = self.index.get(f.period)
        if p is None:  # outside the window
            return
        r = self.row[f.wijk]
        self.num[r, p], self.den[r, p] = f.numerator, f.denominator or 0.0
        self.present[r, p] = self.typed[r, p] = True

    def derive(self) -> None:
        """The total from the wijken where it was not entered, then quarters from their three
        months where a quarter was not entered (so the total's quarter may come from its own
        three months or from the wijken's quarters)."""
        wijken = slice(1, len(self.keys))
        nm = len(self.months)
        for span in (slice(0, nm), slice(nm, None)):
            if span.start == nm:
                self._quarters_from_months()
            missing = ~self.present[0, span]
            some = self.present[wijken, span].any(axis=0)
            fill = missing & some
            cols = np.flatnonzero(fill) + span.start
            self.num[0, cols] = self.num[wijken, cols].sum(axis=0)
            self.den[0, cols] = self.den[wijken, cols].sum(axis=0)
            self.present[0, cols] = True

    def _quarters_from_months(self) -> None:
        nm = len(self.months)
        for q in range(len(self.quarters)):
            m = slice(q * 3, q * 3 + 3)
            full = self.present[:, m].all(axis=1) & ~self.present[:, nm + q]
            self.num[full, nm + q] = self.num[full, m].sum(axis=1)
            self.den[full, nm + q] = self.den[full, m].sum(axis=1)
            self.present[full, nm + q] = True

    # --- disclosure -------------------------------------------------------------------------
    def protect(self) -> int:
        """Primary and secondary suppression over the counts; returns the cells suppressed."""
        d = self.d
        columns = {"count": ["num"], "proportion": ["num", "den", "rest"],
                   "rate": ["num", "den"], "mean": ["den"]}[d.measure]
        cube = np.stack([self._column(c) for c in columns], axis=-1)
        self.cube_columns = columns
        # A cell without a figure is unknown to a reader (hidden, a zero that needs no
        # protection), except a wijk's where the total is the sum of the wijken entered: there
        # it is a known zero, as a reader would subtract it.
        hidden = STATE_CODES[HIDDEN]
        states = np.where(self.present, 0, hidden).astype(np.int8)
        summed = self.present[0] & ~self.typed[0]
        states[1:, summed] = 0
        self.states = np.repeat(states[:, :, None], len(columns), axis=2)
        if "rest" in columns:
            self.states[:, :, columns.index("rest")] = hidden
        shape = cube.shape
        rows, periods = shape[0], shape[1]
        nm, nq = len(self.months), len(self.quarters)
        additive = [columns.index(c) for c in columns if c != "rest"]

        def idx(r, p, c):
            r, p, c = np.broadcast_arrays(r, p, c)
            return np.ravel_multi_index((r, p, c), shape)

        blocks = []
        if rows > 1:  # the wijken and the total (last)
            members = np.array([*range(1, rows), 0])
            p, c = np.meshgrid(np.arange(periods), additive, indexing="ij")
            blocks.append(idx(members[None, None, :], p[..., None], c[..., None])
                          .reshape(-1, rows))
        if nq:  # three months and their quarter
            r, q, c = np.meshgrid(np.arange(rows), np.arange(nq), additive, indexing="ij")
            members = np.stack([q * 3, q * 3 + 1, q * 3 + 2, nm + q], axis=-1)
            blocks.append(idx(r[..., None], members, c[..., None]).reshape(-1, 4))
        if d.measure == "proportion":
            r, p = np.meshgrid(np.arange(rows), np.arange(periods), indexing="ij")
            cols = np.array([columns.index("num"), columns.index("rest"), columns.index("den")])
            blocks.append(idx(r[..., None], p[..., None], cols).reshape(-1, 3))
        self.cube = cube
        return protect_blocks(cube.reshape(-1), self.states.reshape(-1), blocks)

    def _column(self, name: str) -> np.ndarray:
        if name == "num":
            return np.where(self.present, self.num, 0.0)
        if name == "den":
            return np.where(self.present, self.den, 0.0)
        return np.where(self.present, np.maximum(self.den - self.num, 0.0), 0.0)

    def _state(self, r: int, p: int, column: str) -> int:
        return int(self.states[r, p, self.cube_columns.index(column)])

    def _text(self, r: int, p: int, column: str) -> str:
        state = self._state(r, p, column)
        if state == 0:
            return _number(self.num[r, p] if column == "num" else self.den[r, p])
        return f"< {THRESHOLD}" if state == STATE_CODES["primary"] else "x"

    # --- points -----------------------------------------------------------------------------
    def points(self, r: int, granularity: str) -> tuple[Point, ...]:
        nm = len(self.months)
        span = range(nm) if granularity == MONTH else range(nm, len(self.labels))
        return tuple(self._point(r, p) for p in span)

    def _point(self, r: int, p: int) -> Point:
        d, label = self.d, self.labels[p]
        ratio = d.measure in ("proportion", "rate")
        if not self.present[r, p]:
            return Point(label, None, "", "", NO_DATA)
        num, den = float(self.num[r, p]), float(self.den[r, p])
        if d.measure == "count":
            shown = self._state(r, p, "num") == 0
            return Point(label, num if shown else None, self._text(r, p, "num"), "",
                         "" if shown else SMALL, n=num if shown else None)
        den_shown = self._state(r, p, "den") == 0
        den_text = self._text(r, p, "den")
        if d.measure == "mean":
            num_text = _number(num) if den_shown else "x"
            reason = (NO_DATA if den == 0 else SMALL if not den_shown or den < THRESHOLD
                      else "")
            value = None if reason else round(num / den, 4)
            return Point(label, value, num_text, den_text, reason)
        num_shown = self._state(r, p, "num") == 0
        num_text = self._text(r, p, "num")
        if den_shown and den == 0:
            reason = NO_DATA if num == 0 else ZERO_DENOMINATOR
        else:
            reason = "" if num_shown and den_shown else SMALL
        if reason:
            return Point(label, None, num_text, den_text if ratio else "", reason)
        return Point(label, num / den * d.per, num_text, den_text, "", n=num, d=den)


def _number(value: float) -> str:
    """A figure as a table shows it: whole numbers without decimals, else a decimal comma."""
    if not math.isfinite(value):
        return ""
    if float(value).is_integer():
        return str(int(value))
    return f"{value:.4f}".rstrip("0").rstrip(".").replace(".", ",")


def figures_of(rows: Sequence[tuple[str, str, float, float | None]]) -> list[Figure]:
    """(period, wijk, numerator, denominator) rows, as the database holds them, as figures."""
    return [Figure(p, w or "", float(n), None if d is None else float(d)) for p, w, n, d in rows]


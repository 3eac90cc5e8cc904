"""The monitor feed: what the wijkteams' casework adds up to per wijk and period, with small
counts suppressed so that no resident can be recognised in it.

Pure code: plain rows in (no names, no free text; the selector reads only codes, dates and
scores), a table of cells out. No Django models here.

Measures per wijk and period (month or quarter):

- ``new``: cases signalled in the period; ``source:<code>``: the same split by who signalled
  (the sources add up to ``new``); ``crises``: new cases with urgency "crisis".
- ``closed``: cases closed in the period.
- ``referrals_out``: referrals to specialised care made in the period.
- ``escalations``: moves to status "opgeschaald" (escalated to the broad team) in the period.
- ``median_days``: median days from signal to first contact, over the period's new cases
  that have had first contact.
- per assessment domain: the mean change from the first to the latest score of each case, and
  the number of cases; a case counts in the period of its latest score of that domain, so every
  case is counted once.

Statistical disclosure control: ``stats.disclosure`` (threshold rule plus secondary
suppression). The additive groups here: the sources add up to the new cases; crises and
non-crisis cases (never shown) add up to the new cases; the wijken add up to the total row; the
three months of a quarter add up to the quarter. Months and quarters are suppressed together,
so the month and quarter views cannot be subtracted from each other either. Means and medians
are shown only over 5 or more cases; the mean change is hidden whenever its number of cases is
suppressed.
"""

from __future__ import annotations

import datetime as dt
import statistics
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from wijkkracht.stats.disclosure import (
    HIDDEN,
    PRIMARY,
    THRESHOLD,
    Cell,
    protect,
)

MONTH, QUARTER = "month", "quarter"
GRANULARITIES = (MONTH, QUARTER)
TOTAL = "*"  # the wijk key of the total row
COUNT_MEASURES = ("new", "closed", "crises", "referrals_out", "escalations")
NON_CRISIS = "non_crisis"  # a hidden cell: crises + non-crisis = new


@dataclass(frozen=True)
class CaseRow:
    wijk: str  # "" when the household has no buurt
    signalled_on: dt.date
    source: str
    urgency: str
    first_contact_on: dt.date | None = None
    closed_on: dt.date | None = None


@dataclass(frozen=True)
class EventRow:
    """A referral out (``kind`` "referral_out") or an escalation (``kind`` "escalation")."""

    wijk: str
    on: dt.date
    kind: str


@dataclass(frozen=True)
class ScoreRow:
    """One domain score of one case; ``case`` is an opaque key used only to pair scores."""

    case: int
    wijk: str
    domain: str  # "<instrument>/<domain>"
    on: dt.date
    value: int


@dataclass(frozen=True)
class Change:
    """The mean change of a domain in one wijk and period; ``mean`` None when suppressed."""

    n: Cell
    mean: float | None


@dataclass
class Feed:
    """Every cell of every granularity, suppressed together (see the module's docstring)."""

    sources: list[str]
    domains: list[str]
    wijken: list[str]  # without the total row
    months: list[str]  # "2025-01"
    counts: dict[tuple[str, str, str], Cell] = field(default_factory=dict)
    medians: dict[tuple[str, str], float | None] = field(default_factory=dict)
    changes: dict[tuple[str, str, str], Change] = field(default_factory=dict)

    def periods(self, granularity: str) -> list[str]:
        if granularity == MONTH:
            return list(self.months)
        return sorted({quarter_of(m) for m in self.months})

    def measures(self) -> list[str]:
        return [*COUNT_MEASURES, *(f"source:{s}" for s in self.sources)]


def month_of(day: dt.date) -> str:
    return f"{day.year:04d}-{day.month:02d}"


def quarter_of(month: str) -> str:
    year, mon = month.split("-")
    return f"{year}-K{(int(mon) - 1) // 3 + 1}"


def months_of_quarter(quarter: str) -> list[str]:
    year, q = quarter.split("-K")
    first = (int(q) - 1) * 3 + 1
    return [f"{year}-{m:02d}" for m in range(first, first + 3)]


def _month_range(first: dt.date, last: dt.date) -> list[str]:
    """Whole quarters from the one of ``first`` to the one of ``last``."""
    start = dt.date(first.year, (first.month - 1) // 3 * 3 + 1, 1)
    months = []
    day = start
    while day <= last or quarter_of(month_of(day)) == quarter_of(month_of(last)):
        months.append(month_of(day))
        day = dt.date(day.year + day.month // 12, day.month % 12 + 1, 1)
    return months


def median_or_none(values: Sequence[int]) -> float | None:
    return float(statistics.median(values)) if len(values) >= THRESHOLD else None


def build_feed(cases: Iterable[CaseRow], events: Iterable[EventRow] = (),
               scores: Iterable[ScoreRow] = (), *, sources: Sequence[str] = (),
               first: dt.date | None = None, last: dt.date | None = None) -> Feed:
    """Count, suppress and return the feed; ``sources`` fixes the source columns (all codes,
    also those without cases), ``first``/``last`` limit the periods (whole quarters)."""
    cases, events, scores = list(cases), list(events), list(scores)
    dates = [c.signalled_on for c in cases] + [c.closed_on for c in cases if c.closed_on]
    dates += [e.on for e in events] + [s.on for s in scores]
    first = first or (min(dates) if dates else dt.date.today())
    last = last or (max(dates) if dates else first)
    months = _month_range(first, last)
    keep = set(months)
    wijken = sorted({c.wijk for c in cases} | {e.wijk for e in events} | {s.wijk for s in scores})
    all_sources = list(dict.fromkeys([*sources, *sorted({c.source for c in cases})]))

    raw: dict[tuple[str, str, str], int] = defaultdict(int)  # (wijk, month, measure)
    waits: dict[tuple[str, str], list[int]] = defaultdict(list)
    for c in cases:
        month = month_of(c.signalled_on)
        if month in keep:
            raw[c.wijk, month, "new"] += 1
            raw[c.wijk, month, f"source:{c.source}"] += 1
            raw[c.wijk, month, "crises" if c.urgency == "crisis" else NON_CRISIS] += 1
            if c.first_contact_on is not None and c.first_contact_on >= c.signalled_on:
                days = (c.first_contact_on - c.signalled_on).days
                for wijk in (c.wijk, TOTAL):
                    waits[wijk, month].append(days)
                    waits[wijk, quarter_of(month)].append(days)
        if c.closed_on is not None and month_of(c.closed_on) in keep:
            raw[c.wijk, month_of(c.closed_on), "closed"] += 1
    for e in events:
        month = month_of(e.on)
        measure = {"referral_out": "referrals_out", "escalation": "escalations"}.get(e.kind)
        if month in keep and measure:
            raw[e.wijk, month, measure] += 1

    # Change per domain: first -> latest score of each case, in the month of the latest one.
    by_case: dict[tuple[int, str], list[ScoreRow]] = defaultdict(list)
    for s in scores:
        by_case[s.case, s.domain].append(s)
    deltas: dict[tuple[str, str, str], list[int]] = defaultdict(list)  # (wijk, period, domain)
    domains: set[str] = set()
    for (_case, domain), rows in by_case.items():
        rows.sort(key=lambda r: r.on)
        latest = rows[-1]
        if len(rows) < 2 or month_of(latest.on) not in keep:
            continue
        domains.add(domain)
        month = month_of(latest.on)
        raw[latest.wijk, month, f"change_n:{domain}"] += 1
        for wijk in (latest.wijk, TOTAL):
            for period in (month, quarter_of(month)):
                deltas[wijk, period, domain].append(latest.value - rows[0].value)

    feed = Feed(sources=all_sources, domains=sorted(domains), wijken=wijken, months=months)
    measures = [*COUNT_MEASURES, NON_CRISIS, *(f"source:{s}" for s in all_sources),
                *(f"change_n:{d}" for d in feed.domains)]
    quarters = feed.periods(QUARTER)
    cells = feed.counts
    for measure in measures:
        for month in months:
            for wijk in wijken:
                cells[wijk, month, measure] = Cell(raw.get((wijk, month, measure), 0))
            cells[TOTAL, month, measure] = Cell(sum(cells[w, month, measure].value
                                                    for w in wijken))
        for quarter in quarters:
            for wijk in [*wijken, TOTAL]:
                cells[wijk, quarter, measure] = Cell(sum(
                    cells[wijk, m, measure].value for m in months_of_quarter(quarter)))
    for key, cell in cells.items():
        if key[2] == NON_CRISIS:
            cell.state = HIDDEN
        elif 0 < cell.value < THRESHOLD:
            cell.state = PRIMARY
    protect(cells, _groups(feed, measures))

    for wijk in [*wijken, TOTAL]:
        for period in [*months, *quarters]:
            feed.medians[wijk, period] = median_or_none(waits.get((wijk, period), []))
            for domain in feed.domains:
                n = cells[wijk, period, f"change_n:{domain}"]
                values = deltas.get((wijk, period, domain), [])
                mean = (round(sum(values) / len(values), 2)
                        if n.shown and len(values) >= THRESHOLD else None)
                feed.changes[wijk, period, domain] = Change(n, mean)
    return feed


Group = tuple[tuple[str, str, str], list[tuple[str, str, str]]]  # (total, parts)


def _groups(feed: Feed, measures: list[str]) -> list[Group]:
    groups: list[Group] = []
    periods = [*feed.months, *feed.periods(QUARTER)]
    rows = [*feed.wijken, TOTAL]
    for period in periods:
        for wijk in rows:
            groups.append(((wijk, period, "new"),
                           [(wijk, period, f"source:{s}") for s in feed.sources]))
            groups.append(((wijk, period, "new"),
                           [(wijk, period, "crises"), (wijk, period, NON_CRISIS)]))
        for measure in measures:
            groups.append(((TOTAL, period, measure),
                           [(w, period, measure) for w in feed.wijken]))
    for quarter in feed.periods(QUARTER):
        for wijk in rows:
            for measure in measures:
                groups.append(((wijk, quarter, measure),
                               [(wijk, m, measure) for m in months_of_quarter(quarter)]))
    return groups


def feed_groups(feed: Feed) -> list[Group]:
    measures = [*COUNT_MEASURES, NON_CRISIS, *(f"source:{s}" for s in feed.sources),
                *(f"change_n:{d}" for d in feed.domains)]
    return _groups(feed, measures)


def feed_rows(feed: Feed, granularity: str) -> list[dict]:
    """The feed as rows for a page or CSV: one per period and wijk (total last), each cell as
    shown ("< 5", "x" or the number); medians and means None when not shown."""
    out = []
    for period in feed.periods(granularity):
        for wijk in [*feed.wijken, TOTAL]:
            counts = {m: feed.counts[wijk, period, m].text() for m in feed.measures()}
            changes = {d: feed.changes[wijk, period, d] for d in feed.domains}
            out.append({"period": period, "wijk": wijk, "counts": counts,
                        "median_days": feed.medians[wijk, period],
                        "changes": {d: (c.n.text(), c.mean) for d, c in changes.items()}})
    return out

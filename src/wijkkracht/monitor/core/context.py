"""More seen, or more problems? A wijk's count beside its signals and its inhabitants.

A rise in crises can mean that the wijk has more problems, or that more is seen: more signals
come in (a GP who now calls the team), or more people live there. So the last four quarters
that are over are set against the four before them: the indicator, the new cases (signals)
and the inhabitants (CBS, the two latest loaded years). When the indicator moves about as much
as the signals, more seeing explains it as well as more problems; when it moves clearly more,
each signal carries more of it. "Clearly" is a difference of more than ``MARGIN`` percentage
points; this is a reading aid, not a test: the counts are small and the sentences say so.
Only counts add up over quarters, so only count indicators get this reading.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from wijkkracht.reports.numbers import fmt_number

from .compute import INCOMPLETE, Series

QUARTERS = 4
MARGIN = 10.0  # percentage points


@dataclass(frozen=True)
class Comparison:
    """One wijk's count over the last four quarters per 1 000 inhabitants."""

    name: str
    count: str  # as shown: a number, or "x" when a quarter is hidden
    inhabitants: int | None
    per_thousand: float | None


@dataclass(frozen=True)
class Reading:
    sentences: tuple[str, ...]
    comparisons: tuple[Comparison, ...] = ()


def _years(series: Series) -> tuple[float, float] | None:
    """The sums of the last four quarters that are over and of the four before; None when a
    quarter of them is hidden or missing."""
    done = [p for p in series.points if p.reason != INCOMPLETE]
    if len(done) < 2 * QUARTERS:
        return None
    recent, before = done[-QUARTERS:], done[-2 * QUARTERS:-QUARTERS]
    if any(p.value is None for p in (*recent, *before)):
        return None
    return sum(p.value for p in recent), sum(p.value for p in before)


def _change(now: float, then: float) -> float | None:
    return None if then == 0 else (now - then) / then * 100


def _pct(change: float) -> str:
    return f"{'+' if change > 0 else ''}{fmt_number(change, 0)}%"


def last_year(series: Series) -> float | None:
    done = [p for p in series.points if p.reason != INCOMPLETE][-QUARTERS:]
    if len(done) < QUARTERS or any(p.value is None for p in done):
        return None
    return sum(p.value for p in done)


def seen_or_more(name: str, indicator: Series, signals: Series,
                 inhabitants: Sequence[tuple[int, int]] = ()) -> Reading:
    """``indicator`` and ``signals`` per quarter for one wijk; ``inhabitants`` (year, count)
    from CBS, oldest first. ``name`` is the indicator's Dutch name ("Crises")."""
    what = name.lower()
    counts, seen = _years(indicator), _years(signals)
    if counts is None or seen is None:
        return Reading((f"Voor een vergelijking van {what} met de signalen zijn acht afgelopen "
                        "kwartalen met getoonde cijfers nodig; die zijn er (nog) niet, of kleine "
                        "aantallen zijn afgeschermd.",))
    sentences = []
    c_change, s_change = _change(*counts), _change(*seen)
    sentences.append(
        f"{name}: {fmt_number(counts[0], 0)} in de laatste vier kwartalen, "
        f"{fmt_number(counts[1], 0)} in de vier daarvoor"
        + (f" ({_pct(c_change)})." if c_change is not None else "."))
    sentences.append(
        f"Nieuwe signalen: {fmt_number(seen[0], 0)} tegen {fmt_number(seen[1], 0)}"
        + (f" ({_pct(s_change)})." if s_change is not None else "."))
    if len(inhabitants) >= 2:
        (y0, n0), (y1, n1) = inhabitants[-2], inhabitants[-1]
        p_change = _change(n1, n0)
        if p_change is not None:
            sentences.append(f"Inwoners: {fmt_number(n1, 0)} in {y1}, {_pct(p_change)} "
                             f"sinds {y0} (CBS).")
    if c_change is None or s_change is None:
        sentences.append("Een verandering in procenten is niet te geven: de vier kwartalen "
                         "daarvoor waren nul.")
    elif abs(c_change - s_change) <= MARGIN:
        sentences.append(f"{name} veranderden ongeveer even sterk als de signalen: dat kan "
                         "net zo goed komen doordat er meer (of minder) gezien wordt als "
                         "doordat er meer (of minder) problemen zijn.")
    elif c_change > s_change:
        sentences.append(f"{name} stegen duidelijk sterker dan de signalen: per signaal zijn "
                         f"er meer {what}. Dat wijst eerder op zwaardere problemen dan op "
                         "meer zien.")
    else:
        sentences.append(f"{name} stegen duidelijk minder (of daalden) ten opzichte van de "
                         f"signalen: per signaal zijn er minder {what}. Dat past bij eerder "
                         "en vaker gezien worden.")
    sentences.append("Dit is een leeshulp, geen toets: bij kleine aantallen kan toeval een "
                     "groot verschil maken.")
    return Reading(tuple(sentences))


def per_thousand(name: str, series: Series, inhabitants: int | None) -> Comparison:
    count = last_year(series)
    rate = (count / inhabitants * 1000 if count is not None and inhabitants else None)
    return Comparison(name, "x" if count is None else fmt_number(count, 0), inhabitants, rate)

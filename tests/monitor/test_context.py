"""More seen or more problems: the reading of a wijk's count against its signals and its
inhabitants, on series the tests write (figures worked by hand)."""

from __future__ import annotations

from wijkkracht.monitor.core.compute import INCOMPLETE, QUARTER, SMALL, Point, Series
from wijkkracht.monitor.core.context import last_year, per_thousand, seen_or_more


def quarters(values, *, incomplete=True) -> Series:
    points = [Point(f"2024-K{i % 4 + 1}", v, "x" if v is None else str(v),
                    reason="" if v is not None else SMALL) for i, v in enumerate(values)]
    if incomplete:
        points.append(Point("2026-K1", None, "3", reason=INCOMPLETE))
    return Series("crises", "wijk", "WK01", QUARTER, tuple(points))


def test_crises_rising_with_the_signals_may_be_more_seeing():
    # before: 5+5+5+5 = 20 crises, 100 signals; last: 6+6+6+6 = 24 (+20%), 120 signals (+20%)
    r = seen_or_more("Crises", quarters([5] * 4 + [6] * 4), quarters([25] * 4 + [30] * 4),
                     [(2023, 10000), (2024, 10200)])
    text = " ".join(r.sentences)
    assert "Crises: 24 in de laatste vier kwartalen, 20 in de vier daarvoor (+20%)." in text
    assert "Nieuwe signalen: 120 tegen 100 (+20%)." in text
    assert "Inwoners: 10.200 in 2024, +2% sinds 2023 (CBS)." in text
    assert "ongeveer even sterk als de signalen" in text


def test_crises_rising_faster_than_the_signals_point_to_heavier_problems():
    # crises 20 -> 30 (+50%), signals 100 -> 105 (+5%): 45 points apart
    r = seen_or_more("Crises", quarters([5] * 4 + [7, 8, 7, 8]),
                     quarters([25] * 4 + [26, 27, 26, 26]))
    assert any("duidelijk sterker dan de signalen" in s for s in r.sentences)


def test_crises_lagging_behind_the_signals():
    # crises 20 -> 20 (0%), signals 100 -> 140 (+40%)
    r = seen_or_more("Crises", quarters([5] * 8), quarters([25] * 4 + [35] * 4))
    assert any("duidelijk minder" in s for s in r.sentences)


def test_too_few_or_hidden_quarters_say_so():
    r = seen_or_more("Crises", quarters([5] * 7), quarters([25] * 7))
    assert "acht afgelopen kwartalen" in r.sentences[0] and len(r.sentences) == 1
    r = seen_or_more("Crises", quarters([5, 5, None, 5, 6, 6, 6, 6]), quarters([25] * 8))
    assert "afgeschermd" in r.sentences[0]


def test_from_zero_there_is_no_percentage():
    r = seen_or_more("Crises", quarters([0] * 4 + [5] * 4), quarters([25] * 8))
    assert any("niet te geven" in s for s in r.sentences)


def test_per_thousand_inhabitants_over_the_last_four_quarters():
    series = quarters([9, 9, 9, 9, 5, 6, 7, 8])  # last four: 26
    assert last_year(series) == 26
    c = per_thousand("Noord", series, 13000)
    assert (c.count, c.per_thousand) == ("26", 2.0)
    hidden = per_thousand("Zuid", quarters([5, 5, 5, 5, 5, None, 5, 5]), 4000)
    assert (hidden.count, hidden.per_thousand) == ("x", None)

"""The monitor feed's counts and its disclosure control, on rows the tests write (no database)."""

from __future__ import annotations

import datetime as dt
import itertools
import random

import pytest

from wijkkracht.casus.core.feed import (
    MONTH,
    QUARTER,
    TOTAL,
    CaseRow,
    EventRow,
    ScoreRow,
    build_feed,
    feed_groups,
    feed_rows,
)
from wijkkracht.stats.disclosure import PRIMARY, SECONDARY, SHOWN, disclosure_check

D = dt.date
A, B = "WK039210", "WK039211"
JAN10 = D(2025, 1, 10)


def cases(n, wijk=A, day=JAN10, source="huisarts", urgency="normaal", **kw):
    return [CaseRow(wijk=wijk, signalled_on=day, source=source, urgency=urgency, **kw)
            for _ in range(n)]


def test_counts_per_wijk_month_and_quarter():
    rows = (cases(6) + cases(7, day=D(2025, 2, 3), source="school")
            + cases(8, wijk=B, day=D(2025, 3, 30), closed_on=D(2025, 3, 31)))
    feed = build_feed(rows, sources=["huisarts", "school"])
    assert feed.months == ["2025-01", "2025-02", "2025-03"]
    assert feed.counts[A, "2025-01", "new"].value == 6
    assert feed.counts[A, "2025-02", "source:school"].value == 7
    assert feed.counts[A, "2025-K1", "new"].value == 13
    assert feed.counts[TOTAL, "2025-K1", "new"].value == 21
    assert feed.counts[B, "2025-03", "closed"].value == 8
    # no count is small here, so nothing is suppressed (non-crisis cells are never shown)
    assert all(c.state == SHOWN for k, c in feed.counts.items() if k[2] != "non_crisis")


def test_small_counts_show_as_less_than_five_and_zero_as_zero():
    feed = build_feed(cases(3) + cases(9, wijk=B), sources=["huisarts"])
    cell = feed.counts[A, "2025-01", "new"]
    assert cell.state == PRIMARY and cell.text() == "< 5"
    assert feed.counts[A, "2025-01", "closed"].text() == "0"


def test_a_single_suppressed_wijk_does_not_survive_subtraction_from_the_total():
    # A has 3 new cases, B 9, C 12: total 24. Without secondary suppression A = 24 - 9 - 12.
    rows = cases(3) + cases(9, wijk=B) + cases(12, wijk="WK039212")
    feed = build_feed(rows, sources=["huisarts"])
    assert feed.counts[A, "2025-01", "new"].state == PRIMARY
    # the next smallest wijk (B, 9) is suppressed too, not the larger one
    assert feed.counts[B, "2025-01", "new"].state == SECONDARY
    assert feed.counts[B, "2025-01", "new"].text() == "x"
    assert feed.counts["WK039212", "2025-01", "new"].state == SHOWN
    assert disclosure_check(feed.counts, feed_groups(feed)) == []


def test_one_small_source_is_protected_within_the_row():
    rows = cases(3, source="politie") + cases(6, source="school") + cases(20)
    feed = build_feed(rows, sources=["huisarts", "school", "politie"])
    key = (A, "2025-01")
    assert feed.counts[(*key, "source:politie")].state == PRIMARY
    assert feed.counts[(*key, "source:school")].state == SECONDARY  # next smallest non-zero
    assert feed.counts[(*key, "source:huisarts")].state == SHOWN
    assert disclosure_check(feed.counts, feed_groups(feed)) == []


def test_a_small_complement_of_crises_is_protected():
    # 9 new cases of which 6 crises: showing both would give the 3 non-crisis cases away.
    rows = cases(6, urgency="crisis") + cases(3) + cases(15, wijk=B)
    feed = build_feed(rows, sources=["huisarts"])
    assert feed.counts[A, "2025-01", "crises"].state == SECONDARY
    assert disclosure_check(feed.counts, feed_groups(feed)) == []


def test_months_cannot_be_subtracted_from_their_quarter():
    # January 3 (suppressed), February 6, March 7: the quarter (16) minus 6 and 7 would be 3.
    rows = (cases(3) + cases(6, day=D(2025, 2, 1)) + cases(7, day=D(2025, 3, 1))
            + cases(30, wijk=B))
    feed = build_feed(rows, sources=["huisarts"])
    jan = feed.counts[A, "2025-01", "new"]
    assert jan.state == PRIMARY
    shown_months = [m for m in ("2025-02", "2025-03") if feed.counts[A, m, "new"].shown]
    assert not (feed.counts[A, "2025-K1", "new"].shown and len(shown_months) == 2)
    assert disclosure_check(feed.counts, feed_groups(feed)) == []


@pytest.mark.parametrize("seed", range(25))
def test_random_tables_never_leave_a_cell_recoverable(seed):
    rng = random.Random(seed)
    wijken = [f"WK0392{i:02d}" for i in range(rng.randint(1, 5))]
    sources = ["bewoner", "huisarts", "school", "politie"]
    rows = []
    for _ in range(rng.randint(5, 120)):
        day = D(2025, rng.randint(1, 6), rng.randint(1, 28))
        rows.append(CaseRow(wijk=rng.choice(wijken), signalled_on=day,
                            source=rng.choice(sources),
                            urgency=rng.choice(["normaal", "crisis", "hoog"]),
                            closed_on=day + dt.timedelta(days=rng.randint(0, 40))
                            if rng.random() < .5 else None))
    feed = build_feed(rows, sources=sources, last=D(2025, 6, 30))
    groups = feed_groups(feed)
    assert disclosure_check(feed.counts, groups) == []
    for cell in feed.counts.values():
        if 0 < cell.value < 5:
            assert not cell.shown
    # every group sums: the suppression changed what is shown, never a value
    for total, parts in groups:
        assert feed.counts[total].value == sum(feed.counts[p].value for p in parts)


def test_the_check_finds_a_leak_when_secondary_suppression_is_missing():
    feed = build_feed(cases(3) + cases(9, wijk=B) + cases(12, wijk="WK039212"),
                      sources=["huisarts"])
    feed.counts[B, "2025-01", "new"].state = SHOWN
    assert (A, "2025-01", "new") in disclosure_check(feed.counts, feed_groups(feed))


def test_events_are_counted_by_kind():
    events = ([EventRow(A, D(2025, 1, 5), "referral_out")] * 6
              + [EventRow(A, D(2025, 1, 6), "escalation")] * 5)
    feed = build_feed(cases(10), events, sources=["huisarts"])
    assert feed.counts[A, "2025-01", "referrals_out"].value == 6
    assert feed.counts[A, "2025-01", "escalations"].value == 5


def test_median_days_to_first_contact_needs_five_cases():
    rows = [CaseRow(A, D(2025, 1, 1), "huisarts", "normaal", first_contact_on=D(2025, 1, 1 + d))
            for d in (1, 2, 3, 10, 20)]
    rows += [CaseRow(B, D(2025, 1, 1), "huisarts", "normaal", first_contact_on=D(2025, 1, 2))
             for _ in range(4)]
    feed = build_feed(rows, sources=["huisarts"])
    assert feed.medians[A, "2025-01"] == 3
    assert feed.medians[B, "2025-01"] is None
    assert feed.medians[TOTAL, "2025-K1"] == 1.0


def test_change_per_domain_from_first_to_latest_score():
    scores = []
    for case, (start, end) in enumerate([(1, 3), (2, 3), (2, 4), (1, 1), (3, 5), (2, 5)]):
        scores += [ScoreRow(case, A, "zrm/financien", D(2025, 1, 3), start),
                   ScoreRow(case, A, "zrm/financien", D(2025, 1, 20), 0),  # interim, ignored
                   ScoreRow(case, A, "zrm/financien", D(2025, 2, 10), end)]
    scores += [ScoreRow(99, B, "zrm/financien", D(2025, 1, 3), 1),
               ScoreRow(99, B, "zrm/financien", D(2025, 2, 3), 2),
               ScoreRow(98, B, "zrm/werk", D(2025, 2, 3), 2)]  # one score: no change
    for case in range(50, 55):  # a third wijk, smaller than A: the secondary suppression
        scores += [ScoreRow(case, "WK039212", "zrm/financien", D(2025, 1, 3), 2),
                   ScoreRow(case, "WK039212", "zrm/financien", D(2025, 2, 3), 2)]
    feed = build_feed(cases(10), scores=scores, sources=["huisarts"])
    change = feed.changes[A, "2025-02", "zrm/financien"]
    assert change.n.value == 6 and change.mean == pytest.approx(10 / 6, abs=.01)
    assert feed.changes[A, "2025-01", "zrm/financien"].n.value == 0
    small = feed.changes[B, "2025-02", "zrm/financien"]
    assert small.n.state == PRIMARY and small.mean is None
    third = feed.changes["WK039212", "2025-02", "zrm/financien"]
    assert third.n.state == SECONDARY and third.mean is None
    assert feed.domains == ["zrm/financien"]


def test_rows_for_the_page_hold_only_codes_periods_and_shown_values():
    rows = cases(3) + cases(9, wijk=B)
    feed = build_feed(rows, sources=["huisarts"])
    months = feed_rows(feed, MONTH)
    quarters = feed_rows(feed, QUARTER)
    assert [r["period"] for r in quarters] == ["2025-K1"] * 3
    assert {r["wijk"] for r in months} == {A, B, TOTAL}
    first = next(r for r in months if r["wijk"] == A and r["period"] == "2025-01")
    assert first["counts"]["new"] == "< 5"
    values = {v for r in months for v in r["counts"].values()}
    assert values <= {"< 5", "x"} | {str(i) for i in itertools.chain([0], range(5, 100))}

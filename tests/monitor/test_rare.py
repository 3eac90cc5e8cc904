"""Days between rare events (the G chart's input), on events the test writes."""

from __future__ import annotations

import datetime as dt

from wijkkracht.monitor.core import compute as mc
from wijkkracht.monitor.core.rare import intervals

D = dt.date


def test_days_between_crises_of_one_team_in_the_window():
    rows = [(1, "WK01", D(2024, 12, 20), "crisis", 1.0),   # before the window: a start
            (1, "WK01", D(2025, 1, 4), "crisis", 1.0),     # 15 days later
            (1, "WK02", D(2025, 2, 3), "crisis", 1.0),     # 30 days later, another wijk
            (2, "WK01", D(2025, 2, 10), "crisis", 1.0),    # team 2: not counted
            (1, "WK01", D(2025, 2, 3), "opened", 1.0),     # not a crisis
            (1, "WK01", D(2025, 3, 5), "crisis", 1.0),     # 30 days later
            (1, "WK01", D(2025, 4, 2), "crisis", 1.0)]     # after the months that are over
    obs = intervals(mc.events_frame(rows), "crisis", team=1, first=mc.month_index(D(2025, 1, 1)),
                    complete_until=mc.month_index(D(2025, 3, 1)))
    assert [(o.label, o.value) for o in obs] == [("1", 15.0), ("2", 30.0), ("3", 30.0)]


def test_one_crisis_has_no_interval():
    rows = [(1, "WK01", D(2025, 1, 4), "crisis", 1.0)]
    assert intervals(mc.events_frame(rows), "crisis", team=1, first=0, complete_until=10**6) == []

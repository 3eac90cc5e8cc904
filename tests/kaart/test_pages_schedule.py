"""The opening-hours formatter (kaart/core/schedule.py): HSDS schedule rows to plain Dutch."""

from __future__ import annotations

from wijkkracht.kaart.core.schedule import clock, days_text, opening_hours
from wijkkracht.kaart.demo import SCHEDULES


def weekly(byday: str, opens: str, closes: str, **more) -> dict:
    return {"freq": "WEEKLY", "byday": byday, "opens_at": opens, "closes_at": closes, **more}


def test_office_hours_read_as_a_run_of_days():
    assert opening_hours([weekly("MO,TU,WE,TH,FR", "09:00", "17:00")]) == [
        "ma t/m vr 9.00-17.00 uur"]


def test_days_apart_are_listed_and_seconds_are_dropped():
    assert opening_hours([weekly("TU,TH", "10:00:00", "12:30:00")]) == [
        "di en do 10.00-12.30 uur"]
    assert days_text(["FR", "MO", "WE"]) == "ma, wo en vr"
    assert days_text(["MO", "TU", "WE", "FR", "SA"]) == "ma t/m wo, vr en za"
    assert days_text(["MO", "TU", "WE", "TH", "FR", "SA", "SU"]) == "elke dag"


def test_days_with_the_same_hours_share_a_line_and_a_day_with_two_blocks_says_both():
    rows = [weekly("MO,TU,WE,TH,FR", "09:00", "12:00"), weekly("TU", "13:30", "16:00")]
    assert opening_hours(rows) == ["ma en wo t/m vr 9.00-12.00 uur",
                                   "di 9.00-12.00 en 13.30-16.00 uur"]


def test_lines_start_with_the_earliest_day():
    rows = [weekly("SA", "09:00", "13:00"), weekly("MO,WE", "18:30", "22:00")]
    assert opening_hours(rows) == ["ma en wo 18.30-22.00 uur", "za 9.00-13.00 uur"]


def test_a_monthly_row_names_its_week_of_the_month():
    row = {"freq": "MONTHLY", "byday": "1TU", "opens_at": "10:00", "closes_at": "12:00"}
    assert opening_hours([row]) == ["elke eerste dinsdag van de maand 10.00-12.00 uur"]
    last = {"freq": "MONTHLY", "byday": "-1FR", "opens_at": "19:00", "closes_at": "21:00"}
    assert opening_hours([last]) == ["elke laatste vrijdag van de maand 19.00-21.00 uur"]


def test_a_row_without_days_or_hours_keeps_its_own_words_once():
    rows = [{"freq": "WEEKLY", "byday": "", "description": "Op afspraak, ook 's avonds."},
            {"opens_at": "nonsense", "closes_at": "17:00", "byday": "MO",
             "description": "Op afspraak, ook 's avonds."}]
    assert opening_hours(rows) == ["Op afspraak, ook 's avonds."]
    assert opening_hours([{"byday": "MO"}]) == []


def test_no_rows_is_an_empty_list_and_bad_times_are_not_times():
    assert opening_hours([]) == []
    assert clock("25:00") is None and clock("9:5") is None and clock(None) is None
    assert clock("08:05") == "8.05"


def test_every_demo_opening_pattern_reads_as_dutch_lines():
    """The demo kaart's patterns (kaart/demo.py) all become lines of days and hours."""
    for key, pattern in SCHEDULES.items():
        lines = opening_hours([weekly(*row) for row in pattern])
        assert len(lines) == len({row[1:] for row in pattern}), key
        for line in lines:
            assert line.endswith(" uur") and line[:2] in {"ma", "di", "wo", "do", "vr", "za",
                                                          "el"}, (key, line)


def test_model_like_objects_work_as_rows():
    class Row:
        freq, byday, opens_at, closes_at, description = "WEEKLY", "SU", "07:00", "22:00", None

    assert opening_hours([Row()]) == ["zo 7.00-22.00 uur"]

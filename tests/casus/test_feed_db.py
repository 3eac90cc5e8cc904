"""The monitor feed from the database, its page and CSV: aggregates only, for the gemeente's
analysts and coordinators, the download logged."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.casus.feed_world import WIJK_B, build_world, close, fill, new_case
from wijkkracht.audit.models import ProcessingRecord
from wijkkracht.casus.core.feed import QUARTER, TOTAL
from wijkkracht.casus.feed import monitor_feed
from wijkkracht.exports.spreadsheet import read_csv_text

pytestmark = pytest.mark.django_db

SECRET_WORDS = ("Klaproos", "Zonnebloemstraat", "rekeningen", "schaamt", "0612345678",
                "Zonnedauw", "Vlasbloem", "Schulden")


@pytest.fixture
def world(make_user):
    world = build_world(make_user)
    for i in range(7):  # team Noord, wijk A, January
        case = new_case(world, family=f"Klaproos{i}")
        if i < 5:
            fill(case, world, start=2, end=2 + i % 3)
    for i in range(6):  # team Zuid, wijk A: the same gemeente, counted together
        case = new_case(world, team=world.team2, family=f"Klaproos{10 + i}",
                        signalled=dt.date(2025, 2, 3), source="school")
        if i < 2:
            close(case, dt.date(2025, 3, 1))
    for i in range(3):  # wijk B: a small count
        new_case(world, family=f"Klaproos{20 + i}", buurt=WIJK_B, urgency="crisis")
    new_case(world, team=world.other_team, user=world.users["vreemd"], family="Maan")
    return world


def _row(table, period, wijk):
    return next(r for r in table.rows if r["period"] == period and r["wijk"] == wijk)


def test_the_feed_counts_the_gemeentes_cases_and_suppresses(world):
    table = monitor_feed(world.gemeente, QUARTER, last=dt.date(2025, 3, 31))
    a = _row(table, "2025-K1", "WK039210")
    b = _row(table, "2025-K1", "WK039211")
    total = _row(table, "2025-K1", TOTAL)
    assert b["counts"]["new"] == "< 5" and b["counts"]["crises"] == "< 5"
    # wijk B's 3 would be the total's 16 minus wijk A's 13: A is hidden too
    assert total["counts"]["new"] == "16" and a["counts"]["new"] == "x"
    assert a["counts"]["source:huisarts"] == "x" and a["counts"]["source:school"] == "6"
    assert a["counts"]["closed"] == "< 5"
    assert a["counts"]["referrals_out"] == "5"
    assert a["median_days"] == 3
    n, mean = a["changes"]["zrm/financien"]
    assert n == "5" and mean == pytest.approx((0 + 1 + 2 + 0 + 1) / 5)
    assert table.domain_names["zrm/financien"] == "Zelfredzaamheid-Matrix: Financiën"


def test_the_feed_holds_no_names_no_free_text_and_no_ids(world):
    table = monitor_feed(world.gemeente, QUARTER)
    text = repr(table)
    for word in SECRET_WORDS:
        assert word not in text
    assert "household" not in text


def test_the_other_gemeentes_cases_are_not_counted(world):
    table = monitor_feed(world.other_gemeente, QUARTER)
    assert {r["wijk"] for r in table.rows} == {"WK039210", TOTAL}
    assert all(r["counts"]["new"] in ("0", "< 5", "x") for r in table.rows)


@pytest.mark.parametrize(("role", "status"), [("analist", 200), ("coord", 200), ("prof", 403),
                                              ("prof2", 403)])
def test_the_page_is_for_analysts_and_coordinators(world, signed_in, role, status):
    client = signed_in(world.users[role])
    response = client.get("/casus/monitor")
    assert response.status_code == status
    if status == 200:
        page = response.content.decode()
        assert "WK039210" in page and "&lt; 5" in page
        for word in SECRET_WORDS:
            assert word not in page


def test_the_csv_is_the_table_and_its_download_is_logged(world, signed_in):
    client = signed_in(world.users["analist"])
    before = ProcessingRecord.objects.filter(operation="monitor_export").count()
    response = client.get("/casus/monitor.csv", {"periode": "maand"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    text = response.content.decode("utf-8")
    for word in SECRET_WORDS:
        assert word not in text
    rows = read_csv_text(text)
    jan = {r["Wijk"]: r["Nieuwe casussen"] for r in rows if r["Periode"] == "2025-01"}
    assert jan == {"WK039210": "x", "WK039211": "< 5", "Totaal": "10"}
    record = ProcessingRecord.objects.filter(operation="monitor_export").latest("pk")
    assert ProcessingRecord.objects.filter(operation="monitor_export").count() == before + 1
    assert record.user_id == str(world.users["analist"].pk) and record.outcome_detail == "maand"
    assert record.subject_id == str(world.gemeente.pk)


def test_an_analyst_of_another_gemeente_sees_only_that_gemeente(world, signed_in):
    client = signed_in(world.users["analist_maan"])
    response = client.get("/casus/monitor", {"organisatie": world.gemeente.pk})
    assert response.status_code == 200
    assert "Gemeente Maanveld" in response.content.decode()
    assert "Gemeente Zonnedal" not in response.content.decode()

"""The privacy officer's oversight (NEN 7513): emergency accesses listed, unreviewed first, and
marked reviewed with a note; "who looked at my file?" shows exactly the access-log records about
one household. Only the privacy officer; every look and every refusal logged."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.utils import translation

from tests.casus.feed_world import build_world, close, new_case
from wijkkracht.accounts.models import User
from wijkkracht.audit.display import OPERATIONS
from wijkkracht.audit.models import ProcessingRecord
from wijkkracht.casus import services, services_avg

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(make_user):
    world = build_world(make_user)
    officer = make_user("privacy", first_name="Petra", last_name="Privacy")
    User.objects.filter(pk=officer.pk).update(is_privacy_officer=True)
    officer.refresh_from_db()
    world.users["officer"] = officer
    return world


def _records(**filters):
    return ProcessingRecord.objects.filter(**filters)


def test_the_officer_sees_emergency_accesses_unreviewed_first_and_marks_one_reviewed(
        world, client_of):
    mine = new_case(world, family="Klaproos")
    theirs = new_case(world, family="Speenkruid")
    stranger = world.users["prof2"]
    earlier = services.break_glass(mine.pk, user=stranger,
                                   reason="Bewoner belt in nood, eigen team onbereikbaar.")
    services_avg.emergency_review(earlier.pk, user=world.users["officer"], note="Terecht.")
    later = services.break_glass(theirs.pk, user=stranger,
                                 reason="Acute zorgen om de kinderen, niemand bereikbaar.")
    client = client_of(world.users["officer"])

    before = _records(operation="emergency_list").count()
    page = client.get("/audit/noodtoegang")
    assert page.status_code == 200
    html = page.content.decode()
    assert "Huishouden Speenkruid" in html and "Huishouden Klaproos" in html
    assert "Acute zorgen om de kinderen" in html and "Terecht." in html
    # Not yet reviewed first, although it is the newer of the two.
    assert html.index("Huishouden Speenkruid") < html.index("Huishouden Klaproos")
    assert html.count('name="r-access"') == 1
    assert _records(operation="emergency_list").count() == before + 1
    assert "no-store" in page["Cache-Control"]

    done = client.post("/audit/noodtoegang", {"r-access": later.pk,
                                              "r-note": "Besproken met het team."})
    assert done.status_code == 302
    later.refresh_from_db()
    assert later.reviewed_by == world.users["officer"] and later.reviewed_at is not None
    assert later.review_note == "Besproken met het team."
    log = _records(operation="break_glass_review").latest("sequence")
    assert log.participant == f"household:{theirs.household_id}"
    assert log.user_id == str(world.users["officer"].pk)

    # Reviewing twice is refused; the page says so and the first review stays.
    again = client.post("/audit/noodtoegang", {"r-access": later.pk, "r-note": "Anders."})
    assert again.status_code == 400
    later.refresh_from_db()
    assert later.review_note == "Besproken met het team."


@pytest.mark.parametrize("who", ["prof", "coord", "analist", "superuser"])
def test_everyone_else_is_refused_and_the_refusal_logged(world, client_of, make_user, who):
    case = new_case(world)
    access = services.break_glass(case.pk, user=world.users["prof2"],
                                  reason="Bewoner belt in nood, eigen team onbereikbaar.")
    if who == "superuser":
        user = make_user("baas", is_superuser=True, is_staff=True)
    else:
        user = world.users[who]
    client = client_of(user)
    refusals = _records(outcome_detail="forbidden", activity="audit").count()
    for url in ("/audit/noodtoegang", f"/audit/casus/{case.pk}/", f"/audit/casus?nummer={case.pk}"):
        assert client.get(url).status_code == 403, url
    assert client.post("/audit/noodtoegang", {"r-access": access.pk, "r-note": "x"}
                       ).status_code == 403
    access.refresh_from_db()
    assert access.reviewed_at is None
    assert _records(outcome_detail="forbidden", activity="audit").count() == refusals + 4
    assert "Huishouden Klaproos" not in client.get("/audit/noodtoegang").content.decode()


def _sequences(html: str) -> set[int]:
    return {int(n) for n in re.findall(r'<th class="utrecht-table__header-cell" scope="row">'
                                       r"(\d+)</th>", html)}


def test_who_looked_shows_exactly_the_records_about_that_household(world, client_of):
    mine = new_case(world, family="Klaproos")
    other = new_case(world, family="Speenkruid")
    worker = client_of(world.users["prof"])
    for case in (mine, other, mine):
        assert worker.get(f"/casus/{case.pk}/").status_code == 200
    # A refused look from another team is about the household too.
    assert client_of(world.users["prof2"]).get(f"/casus/{mine.pk}/").status_code == 403
    about_mine = set(_records(participant=f"household:{mine.household_id}", subject_type="case")
                     .values_list("sequence", flat=True))
    about_mine |= set(_records(participant="", subject_type="case", subject_id=str(mine.pk))
                      .values_list("sequence", flat=True))
    about_other = set(_records(participant=f"household:{other.household_id}")
                      .values_list("sequence", flat=True))
    assert len(about_mine) >= 4 and about_other

    officer = client_of(world.users["officer"])
    page = officer.get(f"/audit/casus/{mine.pk}/")
    assert page.status_code == 200
    html = page.content.decode()
    assert _sequences(html) == about_mine
    assert not _sequences(html) & about_other
    with translation.override("nl"):
        assert str(OPERATIONS["case_read"]) in html  # in Dutch words
    assert "Huishouden Klaproos" in html and "Huishouden Speenkruid" not in html
    # The look itself is logged, about the same household: the next look shows it.
    look = _records(operation="case_log_read").get()
    assert look.participant == f"household:{mine.household_id}"
    assert look.sequence in _sequences(officer.get(f"/audit/casus/{mine.pk}/").content.decode())

    # The search box leads there; a wrong number says so.
    found = officer.get("/audit/casus", {"nummer": mine.pk})
    assert found.status_code == 302 and found["Location"] == f"/audit/casus/{mine.pk}/"
    assert officer.get("/audit/casus", {"nummer": "abc"}).status_code == 400
    assert officer.get("/audit/casus/999999/").status_code == 404


def test_who_looked_can_be_read_for_a_period(world, client_of):
    from django.utils import timezone

    mine = new_case(world, family="Klaproos")
    assert client_of(world.users["prof"]).get(f"/casus/{mine.pk}/").status_code == 200
    officer = client_of(world.users["officer"])
    today = timezone.localdate()
    url = f"/audit/casus/{mine.pk}/"
    every = _sequences(officer.get(url).content.decode())
    assert every
    on_the_day = officer.get(url, {"date_from": today.isoformat(), "date_to": today.isoformat()})
    assert _sequences(on_the_day.content.decode()) >= every
    later = officer.get(url, {"date_from": (today + dt.timedelta(days=1)).isoformat()})
    assert not _sequences(later.content.decode())
    earlier = officer.get(url, {"date_to": (today - dt.timedelta(days=1)).isoformat()})
    assert not _sequences(earlier.content.decode())
    backwards = officer.get(url, {"date_from": today.isoformat(),
                                  "date_to": (today - dt.timedelta(days=3)).isoformat()})
    assert backwards.status_code == 200
    assert "De begindatum ligt na de einddatum." in backwards.content.decode()


def test_who_looked_still_answers_after_the_case_was_erased(world, client_of):
    case = close(new_case(world, family="Klaproos"), dt.date(2025, 3, 1))
    assert client_of(world.users["prof"]).get(f"/casus/{case.pk}/").status_code == 200
    household = case.household_id
    services_avg.erase(case, user=world.users["coord"], ground="art17_1a")
    page = client_of(world.users["officer"]).get(f"/audit/casus/{case.pk}/")
    assert page.status_code == 200
    shown = _sequences(page.content.decode())
    assert shown == set(_records(participant=f"household:{household}", subject_type="case")
                        .exclude(operation="case_log_read").values_list("sequence", flat=True))
    assert len(shown) >= 3  # registered, viewed, erased
    assert _records(operation="case_erase").get().sequence in shown

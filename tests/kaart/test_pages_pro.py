"""The sociale kaart for professionals (/kaart/zoeken): only after the full sign-in and for a
member of a team; it shows who keeps each entry, when it was last checked and marks an entry
that was not checked for twelve months."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django_otp.oath import totp

from wijkkracht.accounts.models import Membership, Organisation, Team
from wijkkracht.kaart import models as m
from wijkkracht.kaart import search
from wijkkracht.kaart.core.freshness import is_stale, months_before

pytestmark = pytest.mark.django_db
PRO = "/kaart/zoeken"


def signed_in(user, *, code: bool = True) -> Client:
    client = Client()
    client.force_login(user)
    if code:
        response = client.post("/account/code",
                               {"token": f"{totp(user.totp_device.bin_key):06d}"})
        assert response.status_code == 302
    return client


@pytest.fixture
def team():
    gemeente = Organisation.objects.create(name="Proefgemeente", kind="gemeente")
    return Team.objects.create(name="Wijkteam Proef", kind="sociaal_wijkteam",
                               organisation=gemeente)


def test_the_page_needs_the_full_sign_in_and_a_team(client, make_user, team, kaart_pages_demo):
    response = client.get(PRO, {"q": "eenzaam"})
    assert response.status_code == 302 and response["Location"].startswith(
        "/account/aanmelden")
    worker = make_user("wijkwerker")
    half = signed_in(worker, code=False)
    assert half.get(PRO)["Location"].startswith("/account/code")
    assert half.get("/kaart/", {"q": "eenzaam"}).status_code == 200  # the public kaart
    full = signed_in(worker)  # one sign-in: a TOTP code counts once
    assert full.get(PRO).status_code == 403  # no team
    Membership.objects.create(user=worker, team=team, role=Membership.Role.ANALYST)
    assert full.get(PRO).status_code == 200


def test_a_professional_sees_the_keeper_the_check_date_and_the_stale_mark(
        make_user, team, kaart_pages_demo):
    worker = make_user("wijkwerker", first_name="Wim", last_name="Werker")
    Membership.objects.create(user=worker, team=team, role=Membership.Role.PROFESSIONAL)
    expected = search.find("schulden")
    old, fresh = expected.results[0].service, expected.results[1].service
    today = timezone.localdate()
    m.Service.objects.filter(pk=old.pk).update(
        last_checked=months_before(today, 12) - dt.timedelta(days=1), keeper_user=worker)
    m.Service.objects.filter(pk=fresh.pk).update(last_checked=today, keeper_user=None)
    response = signed_in(worker).get(PRO, {"q": "schulden"})
    assert response.status_code == 200
    rows = {str(r.service.pk): r for r in response.context["rows"]}
    assert [str(r.service.pk) for r in response.context["rows"]] == [
        str(r.service.pk) for r in expected.results]
    assert rows[str(old.pk)].stale and rows[str(old.pk)].keeper == "Wim Werker"
    assert not rows[str(fresh.pk)].stale and rows[str(fresh.pk)].keeper == ""
    html = response.content.decode()
    assert html.count("Langer dan een jaar niet gecontroleerd") == sum(
        r.stale for r in response.context["rows"]) >= 1
    assert "Bijgehouden door" in html and "Wim Werker" in html
    # the public page shows neither
    public = Client().get("/kaart/", {"q": "schulden"}).content.decode()
    assert "Bijgehouden door" not in public and "Wim Werker" not in public


def test_the_suggest_link_appears_only_when_the_workflow_provides_it(make_user, team,
                                                                       kaart_pages_demo):
    from django.urls import NoReverseMatch

    worker = make_user("wijkwerker")
    Membership.objects.create(user=worker, team=team, role=Membership.Role.PROFESSIONAL)
    html = signed_in(worker).get(PRO, {"q": "schulden"}).content.decode()
    try:
        reverse("kaart:suggest", args=[m.Service.objects.first().pk])
    except NoReverseMatch:
        assert "Wijziging voorstellen" not in html
    else:
        assert html.count("Wijziging voorstellen") == 10


def test_the_same_bad_input_gets_the_same_dutch_message(make_user, team, kaart_pages_demo):
    worker = make_user("wijkwerker")
    Membership.objects.create(user=worker, team=team, role=Membership.Role.COORDINATOR)
    response = signed_in(worker).get(PRO, {"q": "de het een"})
    assert response.status_code == 400
    assert response.context["form"].errors["q"]


def test_the_menu_leads_a_team_member_to_the_professional_search(make_user, team):
    worker = make_user("wijkwerker")
    Membership.objects.create(user=worker, team=team, role=Membership.Role.PROFESSIONAL)
    assert 'href="/kaart/zoeken"' in signed_in(worker).get("/").content.decode()
    assert 'href="/kaart/zoeken"' not in Client().get("/").content.decode()


def test_twelve_months_is_the_line_for_stale():
    today = dt.date(2026, 3, 31)
    assert months_before(today, 12) == dt.date(2025, 3, 31)
    assert months_before(dt.date(2026, 3, 31), 1) == dt.date(2026, 2, 28)
    assert months_before(dt.date(2024, 3, 30), 1) == dt.date(2024, 2, 29)
    assert not is_stale(dt.date(2025, 3, 31), today)
    assert is_stale(dt.date(2025, 3, 30), today)
    assert is_stale(None, today)

"""The own network and the plan through the web: the eco-map page, a plan conflict shown with
both versions, impossible dates refused beside the field, reminders on the home page, the
access log, and another team that gets a refusal and never a name."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django_otp.oath import totp
from django_scopes import scopes_disabled

from wijkkracht.accounts.models import Membership, Organisation, Team
from wijkkracht.audit.models import ProcessingRecord
from wijkkracht.casus import services
from wijkkracht.casus.models import CaseEvent, Goal, NetworkMember, Plan, PlanAction
from wijkkracht.casus.selectors_plan import overdue_actions

HOUSEHOLD = "Huishouden Zwaluwstaart"
RESIDENT = ("Gerbrich", "Zwaluwstaart")
NETWORK_NAME = "Oom Tjitte Kwakkelbol"


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    response = client.post("/account/code", {"token": f"{totp(user.totp_device.bin_key):06d}"})
    assert response.status_code == 302
    return client


@pytest.fixture
def world(make_user):
    org = Organisation.objects.create(name="Gemeente Fictief", kind="gemeente")
    own = Team.objects.create(name="Wijkteam Noord", kind="sociaal_wijkteam", organisation=org)
    other = Team.objects.create(name="Wijkteam Zuid", kind="sociaal_wijkteam",
                                organisation=org)
    anna = make_user("anna", first_name="Anna", last_name="Veldhoen")
    bram = make_user("bram", first_name="Bram", last_name="Oever")
    zoe = make_user("zoe", first_name="Zoë", last_name="Elders")
    Membership.objects.create(user=anna, team=own, role=Membership.Role.PROFESSIONAL)
    Membership.objects.create(user=bram, team=own, role=Membership.Role.PROFESSIONAL)
    Membership.objects.create(user=zoe, team=other, role=Membership.Role.PROFESSIONAL)
    case = services.case_register(
        team=own, user=anna, household={"name": HOUSEHOLD},
        person={"given_name": RESIDENT[0], "family_name": RESIDENT[1]},
        case={"signal_source": "huisarts", "question": "Hulp bij de administratie"})
    NetworkMember.unscoped.create(case=case, name=NETWORK_NAME, kind="familie", tie="belastend",
                                  does="komt langs")
    return {"case": case, "anna": anna, "bram": bram, "zoe": zoe, "own": own}


def logged(operation: str) -> int:
    return ProcessingRecord.objects.filter(operation=operation).count()


def test_network_page_draws_the_ecomap_and_the_table(world):
    case = world["case"]
    before = logged("network_read")
    page = signed_in(world["anna"]).get(f"/casus/{case.pk}/netwerk")
    html = page.content.decode()
    assert page.status_code == 200
    assert 'role="img"' in html and "aria-label=\"Ecokaart van " + HOUSEHOLD in html
    assert html.count(NETWORK_NAME) >= 2  # in the drawing and in the table
    assert "<table" in html and "belastend" in html
    assert logged("network_read") == before + 1


def test_network_member_added_with_history_and_log(world):
    case, client = world["case"], signed_in(world["anna"])
    response = client.post(f"/casus/{case.pk}/netwerk/nieuw", {
        "name": "Buurvrouw Hiltsje", "kind": "buur", "tie": "zwak", "does": "",
        "could_do": "koken op vrijdag", "contact": ""})
    assert response.status_code == 302
    with scopes_disabled():
        assert NetworkMember.objects.filter(case=case, name="Buurvrouw Hiltsje").exists()
        assert CaseEvent.objects.filter(case=case, kind="network_added").exists()
    assert logged("network_save") == 1


def plan_post(client, case, version, **values):
    return client.post(f"/casus/{case.pk}/plan/bewerken", {"version": version, **values})


def test_second_save_from_the_same_version_gets_the_conflict_screen(world):
    case = world["case"]
    anna, bram = signed_in(world["anna"]), signed_in(world["bram"])
    # both open the edit page at version 1
    for client in (anna, bram):
        assert client.get(f"/casus/{case.pk}/plan/bewerken").status_code == 200
    first = plan_post(anna, case, 1, agreed_on="2025-03-04",
                      resident_view="Ik wil zelf de post openen.")
    assert first.status_code == 302
    second = plan_post(bram, case, 1, agreed_on="2025-03-05",
                       resident_view="Mijn dochter helpt met de post.")
    html = second.content.decode()
    assert second.status_code == 409
    assert "Ik wil zelf de post openen." in html  # theirs
    assert "Mijn dochter helpt met de post." in html  # yours, in the table and kept in the form
    assert 'value="2025-03-05"' in html
    assert 'name="version" value="2"' in html
    with scopes_disabled():
        plan = Plan.objects.get(case=case)
    assert plan.resident_view == "Ik wil zelf de post openen." and plan.version == 2
    # saving deliberately from the conflict screen wins, and is kept in the history
    third = plan_post(bram, case, 2, agreed_on="2025-03-05",
                      resident_view="Mijn dochter helpt met de post.")
    assert third.status_code == 302
    with scopes_disabled():
        plan.refresh_from_db()
        assert plan.version == 3 and plan.resident_view == "Mijn dochter helpt met de post."
        assert CaseEvent.objects.filter(case=case, kind="plan_updated").count() == 2
    assert logged("plan_conflict") == 1 and logged("plan_update") == 2


def test_a_goal_edit_on_an_old_version_shows_the_stored_goal(world):
    case = world["case"]
    anna, bram = signed_in(world["anna"]), signed_in(world["bram"])
    assert anna.post(f"/casus/{case.pk}/plan/doel/nieuw",
                     {"version": 1, "text": "Administratie op orde", "state": "open"}
                     ).status_code == 302
    with scopes_disabled():
        goal = Goal.objects.get(plan__case=case)
    assert anna.post(f"/casus/{case.pk}/plan/doel/{goal.pk}",
                     {"version": 2, "text": "Post zelf openen", "state": "open"}
                     ).status_code == 302
    late = bram.post(f"/casus/{case.pk}/plan/doel/{goal.pk}",
                     {"version": 2, "text": "Schulden in beeld", "state": "open"})
    html = late.content.decode()
    assert late.status_code == 409 and "Post zelf openen" in html and "Schulden in beeld" in html
    with scopes_disabled():
        assert Goal.objects.get(pk=goal.pk).text == "Post zelf openen"


@pytest.mark.parametrize("field, value", [("due_on", "2025-02-30"), ("done_on", "2999-01-01"),
                                          ("due_on", "1899-05-01")])
def test_impossible_dates_are_refused_beside_the_field_and_the_input_kept(world, field, value):
    case, client = world["case"], signed_in(world["anna"])
    client.post(f"/casus/{case.pk}/plan/doel/nieuw", {"version": 1, "text": "Werk vinden",
                                                      "state": "open"})
    with scopes_disabled():
        goal = Goal.objects.get(plan__case=case)
    data = {"version": 2, "text": "Bellen met het UWV", "who": "bewoner",
            "who_name": "", "owner": "", "due_on": "2025-06-01", "done_on": "", field: value}
    response = client.post(f"/casus/{case.pk}/plan/doel/{goal.pk}/actie/nieuw", data)
    html = response.content.decode()
    assert response.status_code == 400
    error = html.split(f'id="id_{field}_error">')[1].split("</p>")[0]
    assert (error and error.isascii() is False) or "datum" in error.lower()
    assert f'value="{value}"' in html and 'value="Bellen met het UWV"' in html
    with scopes_disabled():
        assert not PlanAction.objects.filter(goal=goal).exists()
        assert Plan.objects.get(case=case).version == 2  # nothing claimed


def make_late_action(world, owner):
    with scopes_disabled():
        plan = Plan.objects.create(case=world["case"])
        goal = Goal.objects.create(plan=plan, text="Rust in huis")
        return PlanAction.objects.create(goal=goal, text="Afspraak met de schuldhulp maken",
                                         who="professional", owner=owner,
                                         due_on=dt.date.today() - dt.timedelta(days=3))


def test_overdue_reminder_on_the_owners_home_page_only(world):
    make_late_action(world, world["anna"])
    reminders, total = overdue_actions(world["anna"])
    assert total == 1 and reminders[0].days_late == 3
    assert overdue_actions(world["zoe"]) == ([], 0)
    assert overdue_actions(world["bram"]) == ([], 0)  # someone else's action
    before = logged("plan_reminders")
    home = signed_in(world["anna"]).get("/").content.decode()
    assert "Afspraak met de schuldhulp maken" in home
    assert f'href="/casus/{world["case"].pk}/plan"' in home
    assert logged("plan_reminders") == before + 1
    other = signed_in(world["zoe"]).get("/").content.decode()
    assert "Afspraak met de schuldhulp maken" not in other and "Acties over datum" not in other


def test_a_done_action_is_no_reminder(world):
    action = make_late_action(world, world["anna"])
    with scopes_disabled():
        action.done_on = dt.date.today()
        action.save()
    assert overdue_actions(world["anna"]) == ([], 0)


@pytest.mark.parametrize("path", ["netwerk", "netwerk/nieuw", "plan", "plan/bewerken",
                                  "plan/doel/nieuw"])
def test_another_team_gets_a_refusal_and_never_a_name(world, path):
    case = world["case"]
    make_late_action(world, world["anna"])
    before = ProcessingRecord.objects.filter(outcome="error").count()
    response = signed_in(world["zoe"]).get(f"/casus/{case.pk}/{path}")
    html = response.content.decode()
    assert response.status_code in (403, 404)
    for name in (HOUSEHOLD, RESIDENT[1], NETWORK_NAME, "Rust in huis"):
        assert name not in html
    assert ProcessingRecord.objects.filter(outcome="error").count() == before + 1


def test_another_team_cannot_write_by_post(world):
    case = world["case"]
    response = signed_in(world["zoe"]).post(f"/casus/{case.pk}/plan/bewerken",
                                            {"version": 1, "resident_view": "overschreven"})
    assert response.status_code in (403, 404)
    with scopes_disabled():
        assert not Plan.objects.filter(case=case).exists()

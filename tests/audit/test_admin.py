"""The admin (/beheer/) is no back door: organisations, teams, wijken, people and roles only,
for functional administrators after both sign-in steps, every view of people logged, and no
personal data of other apps on a delete confirmation."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.netwerk_web.conftest import PEOPLE, make_scan, make_team
from wijkkracht.accounts.admin import site
from wijkkracht.accounts.models import Membership, Organisation, Team, User
from wijkkracht.audit.models import ProcessingRecord

pytestmark = pytest.mark.django_db

# What the admin would show if any other app's or library's admin were reachable.
FORBIDDEN = ["/beheer/audit/processingrecord/", "/beheer/otp_totp/totpdevice/",
             "/beheer/otp_static/staticdevice/", "/beheer/netwerk/netwerkscan/",
             "/beheer/netwerk/participant/", "/beheer/netwerk/answer/",
             "/beheer/api/apitoken/", "/beheer/axes/accessattempt/", "/beheer/axes/accesslog/",
             "/beheer/auth/group/"]


@pytest.fixture
def administrator(make_user, signed_in):
    """A functional administrator (staff, with that role in a team), fully signed in."""
    team = make_team("Beheer Haarlem", "WK039201")
    user = make_user("beheerder", is_staff=True)
    Membership.objects.create(user=user, team=team, role=Membership.Role.ADMINISTRATOR)
    signed_in(user)
    return user


def test_the_admin_holds_organisations_teams_and_people_only():
    assert set(site._registry) == {Organisation, Team, User}
    inlines = {inline.model.__name__ for admin in site._registry.values()
               for inline in admin.inlines}
    assert inlines == {"Membership", "TeamArea"}


def test_nothing_else_is_reachable_even_for_a_superuser(client, make_user, signed_in):
    signed_in(make_user("root", is_staff=True, is_superuser=True))
    assert client.get("/beheer/").status_code == 200
    for url in FORBIDDEN:
        assert client.get(url).status_code == 404, url


def test_no_totp_key_on_any_page_about_a_person(client, administrator, make_user):
    other = make_user("marieke")
    StaticDevice.objects.create(user=other, name="herstelcodes", confirmed=True)
    pages = [client.get(f"/beheer/accounts/user/{other.pk}/change/"),
             client.get("/beheer/accounts/user/"),
             client.get(f"/beheer/accounts/user/{other.pk}/delete/")]
    for device in TOTPDevice.objects.all():
        for page in pages:
            assert page.status_code == 200
            html = page.content.decode()
            assert device.key not in html and device.key.upper() not in html


def test_a_delete_confirmation_lists_no_participant(client, make_user, signed_in):
    signed_in(make_user("root", is_staff=True, is_superuser=True))
    team = make_team()
    scan, _moment, _people = make_scan(team)
    pages = [client.get(f"/beheer/accounts/team/{team.pk}/delete/"),
             client.get(f"/beheer/accounts/organisation/{team.organisation_id}/delete/"),
             client.post("/beheer/accounts/team/", {"action": "delete_selected",
                                                     "_selected_action": [team.pk]})]
    for page in pages:
        assert page.status_code == 200
        html = page.content.decode()
        for name, *_rest in PEOPLE:
            assert name not in html
        assert scan.name not in html  # only counts of what stands in the way
    assert "netwerkscans: 1" in pages[0].content.decode()
    assert ProcessingRecord.objects.filter(activity="administration", operation="admin_read",
                                           subject_type="team", subject_id=str(team.pk)
                                           ).count() == 2  # both pages named the team
    assert client.get(f"/beheer/netwerk/netwerkscan/{scan.pk}/delete/").status_code == 404
    assert Team.objects.filter(pk=team.pk).exists()


def test_a_signed_in_non_administrator_gets_a_403_page_not_a_redirect_loop(client, make_user,
                                                                            signed_in):
    team = make_team()
    user = make_user("coordinator")
    Membership.objects.create(user=user, team=team, role=Membership.Role.COORDINATOR)
    signed_in(user)
    response = client.get("/beheer/")
    assert response.status_code == 403
    assert "geen toegang" in response.content.decode().lower()
    # Staff alone is not enough: the role is needed too.
    User.objects.filter(pk=user.pk).update(is_staff=True)
    assert client.get("/beheer/accounts/user/").status_code == 403


def test_the_password_alone_does_not_open_the_admin(client, make_user):
    user = make_user("root", is_staff=True, is_superuser=True)
    client.force_login(user)
    response = client.get("/beheer/")
    assert response.status_code == 302 and response.url.startswith(reverse("accounts:otp"))


def test_an_administrator_manages_people_and_every_view_is_logged(client, administrator,
                                                                  make_user):
    other = make_user("marieke", first_name="Marieke")
    before = ProcessingRecord.objects.count()
    assert client.get("/beheer/accounts/user/").status_code == 200
    assert client.get(f"/beheer/accounts/user/{other.pk}/change/").status_code == 200
    assert client.get(f"/beheer/accounts/user/{other.pk}/history/").status_code == 200
    records = list(ProcessingRecord.objects.filter(sequence__gt=before).order_by("sequence"))
    assert [(r.activity, r.operation, r.action, r.subject_type, r.subject_id, r.user_id)
            for r in records] == [
        ("administration", "admin_list", "R", "user", "", str(administrator.pk)),
        ("administration", "admin_read", "R", "user", str(other.pk), str(administrator.pk)),
        ("administration", "admin_history", "R", "user", str(other.pk), str(administrator.pk)),
    ]
    assert "Marieke" not in " ".join(str(r.__dict__) for r in records)


def test_an_administrator_cannot_make_anyone_superuser(client, administrator, make_user):
    other = make_user("marieke")
    page = client.get(f"/beheer/accounts/user/{other.pk}/change/").content.decode()
    assert 'name="is_superuser"' not in page and 'name="user_permissions"' not in page
    data = {"username": "marieke", "first_name": "Marieke", "last_name": "", "email": "",
            "organisation": "", "is_active": "on", "is_superuser": "on",
            "memberships-TOTAL_FORMS": "0", "memberships-INITIAL_FORMS": "0"}
    response = client.post(f"/beheer/accounts/user/{other.pk}/change/", data)
    assert response.status_code == 302, response.content.decode()[:2000]
    other.refresh_from_db()
    assert other.first_name == "Marieke" and not other.is_superuser
    assert ProcessingRecord.objects.filter(operation="admin_change", subject_type="user",
                                           subject_id=str(other.pk)).exists()


def test_a_lost_phone_is_reset_by_the_administrator(client, administrator, make_user):
    other = make_user("marieke")
    StaticDevice.objects.create(user=other, name="herstelcodes", confirmed=True)
    response = client.post("/beheer/accounts/user/", {"action": "reset_two_step",
                                                      "_selected_action": [other.pk]})
    assert response.status_code == 302
    assert not TOTPDevice.objects.filter(user=other).exists()
    assert not StaticDevice.objects.filter(user=other).exists()
    assert ProcessingRecord.objects.filter(operation="admin_2fa_reset",
                                           subject_id=str(other.pk)).exists()


def test_an_administrator_cannot_take_over_a_superuser(client, administrator, make_user):
    root = make_user("root", is_staff=True, is_superuser=True)
    base = f"/beheer/accounts/user/{root.pk}"
    assert client.get(f"{base}/change/").status_code == 200  # read-only
    assert client.post(f"{base}/change/", {"username": "root"}).status_code == 403
    assert client.get(f"{base}/password/").status_code == 403
    assert client.post(f"{base}/delete/", {"post": "yes"}).status_code == 403
    client.post("/beheer/accounts/user/", {"action": "reset_two_step",
                                           "_selected_action": [root.pk]})
    client.post("/beheer/accounts/user/", {"action": "delete_selected", "post": "yes",
                                           "_selected_action": [root.pk]})
    assert TOTPDevice.objects.filter(user=root).exists()
    assert User.objects.filter(pk=root.pk).exists()


def test_admin_forms_refuse_control_characters(client, administrator):
    response = client.post("/beheer/accounts/organisation/add/",
                           {"name": "Welzijn\x00Noord", "kind": "welzijn"})
    assert response.status_code == 200
    assert "U+0000" in response.content.decode()
    assert not Organisation.objects.filter(name__startswith="Welzijn").exists()
    team = Team.objects.get()
    response = client.post(f"/beheer/accounts/team/{team.pk}/change/", {
        "name": "Beheer\x07Haarlem", "kind": team.kind, "organisation": team.organisation_id,
        "areas-TOTAL_FORMS": "0", "areas-INITIAL_FORMS": "0",
        "memberships-TOTAL_FORMS": "0", "memberships-INITIAL_FORMS": "0"})
    assert response.status_code == 200 and "U+0007" in response.content.decode()
    team.refresh_from_db()
    assert team.name == "Beheer Haarlem"

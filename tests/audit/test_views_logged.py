"""Pages that show a person write an access-log record: the withdrawal confirmation, and the
demo's functional administrator works through the logged admin."""

from __future__ import annotations

import pytest

from tests.netwerk_web.conftest import make_scan, make_team
from wijkkracht.accounts.models import Membership
from wijkkracht.audit.models import ProcessingRecord

pytestmark = pytest.mark.django_db


def test_the_withdrawal_confirmation_shows_a_name_and_is_logged(client, make_user, signed_in):
    team = make_team()
    coordinator = make_user("coordinator")
    Membership.objects.create(user=coordinator, team=team, role=Membership.Role.COORDINATOR)
    scan, _t0, people = make_scan(team, coordinator)
    signed_in(coordinator)
    response = client.get(f"/netwerkscan/{scan.pk}/deelnemers/{people[1].pk}/terugtrekken")
    assert response.status_code == 200 and people[1].display_name in response.content.decode()
    rec = ProcessingRecord.objects.filter(activity="netwerkscan").latest("sequence")
    assert (rec.operation, rec.action, rec.subject_type, rec.subject_id, rec.user_id) == (
        "participant_read", "R", "participant", str(people[1].pk), str(coordinator.pk))


def test_the_demo_has_a_functional_administrator(client, signed_in):
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from wijkkracht.accounts.models import User
    from wijkkracht.web.demo import create_demo_organisation

    users = {u.username: u for u in create_demo_organisation()}
    assert users["demo-beheerder"].role == Membership.Role.ADMINISTRATOR
    admin = User.objects.get(username="demo-beheerder")
    admin.totp_device = TOTPDevice.objects.get(user=admin)
    signed_in(admin)
    assert client.get("/beheer/accounts/user/").status_code == 200
    assert ProcessingRecord.objects.filter(activity="administration",
                                           user_id=str(admin.pk)).exists()
    client.logout()
    coordinator = User.objects.get(username="demo-coordinator")
    coordinator.totp_device = TOTPDevice.objects.get(user=coordinator)
    signed_in(coordinator)
    assert client.get("/beheer/").status_code == 403

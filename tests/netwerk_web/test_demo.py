"""The demo scan of `wijkkracht demo`: 25 invented people in the Transvaalwijk, T0 and a denser
T1, reproducible, and without a survey link (so nothing secret to print)."""

from __future__ import annotations

from collections import Counter

from wijkkracht.netwerk import snapshot
from wijkkracht.netwerk.core.levels import ladder_densities
from wijkkracht.netwerk.models import Invitation, NetwerkScan
from wijkkracht.web.demo import DEMO_SCAN_NAME, DEMO_WIJK, create_demo_organisation


def test_the_demo_has_a_scan_with_two_moments_and_t1_is_denser(db):
    create_demo_organisation()
    scan = NetwerkScan.objects.get(name=DEMO_SCAN_NAME)
    assert scan.area_codes == [DEMO_WIJK] and scan.team.areas.filter(area_code=DEMO_WIJK)
    assert scan.participants.count() == 25
    assert len(Counter(scan.participants.values_list("sector", flat=True))) >= 10
    t0, t1 = scan.moments.order_by("opens_at")
    assert (t0.label, t0.is_closed, t1.label, t1.accepts_answers()) == ("T0", True, "T1", True)
    before, after = snapshot.core_scan(t0), snapshot.core_scan(t1)
    assert 0.5 < before.response_rate < 1 and 0.5 < after.response_rate < 1
    for k in range(4):
        assert ladder_densities(after)[k].value >= ladder_densities(before)[k].value
    assert ladder_densities(after)[1].value > ladder_densities(before)[1].value
    assert not Invitation.objects.exists()


def test_running_the_demo_twice_keeps_one_scan_with_the_same_answers(db):
    create_demo_organisation()
    first = snapshot.core_scan(NetwerkScan.objects.get().moments.get(label="T0")).levels.copy()
    create_demo_organisation()
    assert NetwerkScan.objects.count() == 1
    again = snapshot.core_scan(NetwerkScan.objects.get().moments.get(label="T0")).levels
    assert (first == again).all()


def demo_user(username: str):
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from wijkkracht.accounts.models import User

    user = User.objects.get(username=username)
    user.totp_device = TOTPDevice.objects.get(user=user)
    return user


def test_the_demo_roles_see_what_their_role_allows(client, signed_in, db):
    create_demo_organisation()
    scan = NetwerkScan.objects.get(name=DEMO_SCAN_NAME)
    url = f"/netwerkscan/{scan.pk}/resultaten"
    signed_in(demo_user("demo-analist"))
    anonymous = client.get(url)
    assert anonymous.status_code == 200 and anonymous.context["anonymous"]
    assert client.get(url + "?weergave=naam").status_code == 403
    client.logout()
    signed_in(demo_user("demo-coordinator"))
    named = client.get(url)
    assert named.status_code == 200 and not named.context["anonymous"]

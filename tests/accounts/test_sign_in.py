"""Sign-in: password, then a TOTP code; lock-out after repeated failures; no way around it."""

import pytest
from django.urls import reverse
from django_otp.oath import totp

from wijkkracht.accounts.models import Membership, Organisation, Team
from wijkkracht.accounts.permissions import can_manage_team, can_view_team, teams_of

PASSWORD = "Wijkteam-Transvaal-2026"


def code(user, offset: int = 0) -> str:
    d = user.totp_device
    return f"{totp(d.bin_key, t0=d.t0 - offset * d.step):06d}"


@pytest.mark.django_db
def test_password_then_code_signs_in(client, make_user):
    user = make_user()
    response = client.post(reverse("accounts:login"), {"username": user.username,
                                                        "password": PASSWORD, "next": "/audit/"})
    # The password leads straight to the second step, keeping where the user was going.
    assert response.status_code == 302
    assert response.url == reverse("accounts:otp") + "?next=%2Faudit%2F"
    # Not verified yet: a protected page sends the user to the second step.
    response = client.get("/audit/")
    assert response.status_code == 302 and response.url.startswith(reverse("accounts:otp"))
    response = client.post(reverse("accounts:otp"), {"token": code(user), "next": "/audit/"})
    assert response.status_code == 302 and response.url == "/audit/"


@pytest.mark.django_db
def test_a_wrong_code_is_refused_and_the_form_keeps_the_input(client, make_user):
    user = make_user()
    client.force_login(user)
    response = client.post(reverse("accounts:otp"), {"token": "000000"})
    assert response.status_code == 200
    assert "niet juist" in response.content.decode() or "not correct" in response.content.decode()
    assert 'value="000000"' in response.content.decode()


@pytest.mark.django_db
def test_a_user_without_device_must_enrol_first(client, db):
    from wijkkracht.accounts.models import User

    user = User.objects.create_user(username="nieuw", password=PASSWORD)
    client.force_login(user)
    response = client.get("/audit/")
    assert response.status_code == 302 and reverse("accounts:otp_setup") in response.url
    page = client.get(reverse("accounts:otp_setup"))
    assert page.status_code == 200 and b"<svg" in page.content
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device = TOTPDevice.objects.get(user=user, confirmed=False)
    response = client.post(reverse("accounts:otp_setup"),
                           {"token": f"{totp(device.bin_key):06d}"})
    assert response.status_code == 200 and b"<code>" in response.content  # recovery codes
    device.refresh_from_db()
    assert device.confirmed


@pytest.mark.django_db
def test_a_locked_out_account_stays_locked_even_with_the_right_password(client, make_user,
                                                                          settings):
    user = make_user()
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(reverse("accounts:login"), {"username": user.username, "password": "fout"})
    response = client.post(reverse("accounts:login"), {"username": user.username,
                                                        "password": PASSWORD})
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_weak_passwords_are_refused(make_user):
    from django.contrib.auth.password_validation import validate_password
    from django.core.exceptions import ValidationError

    for weak in ("wachtwoord", "12345678901234", "kort"):
        with pytest.raises(ValidationError):
            validate_password(weak)
    validate_password(PASSWORD)


@pytest.mark.django_db
def test_permissions_follow_team_roles(make_user):
    gemeente = Organisation.objects.create(name="Gemeente Test", kind="gemeente")
    team = Team.objects.create(name="Wijkteam Noord", kind="sociaal_wijkteam",
                               organisation=gemeente)
    other = Team.objects.create(name="Wijkteam Zuid", kind="sociaal_wijkteam",
                                organisation=gemeente)
    coordinator = make_user("coordinator")
    professional = make_user("professional")
    Membership.objects.create(user=coordinator, team=team, role="coordinator")
    Membership.objects.create(user=professional, team=team, role="professional")
    assert list(teams_of(professional)) == [team]
    assert can_view_team(professional, team) and not can_view_team(professional, other)
    assert can_manage_team(coordinator, team) and not can_manage_team(professional, team)

"""Two teams of one gemeente, each with a professional and a coordinator: enough to try every
casework rule between colleagues and across teams."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from django.test import Client

from wijkkracht.accounts.models import Membership, Organisation, Team, TeamArea, User


@dataclass
class Teams:
    gemeente: Organisation
    noord: Team
    zuid: Team
    worker: User  # professional in Noord
    coordinator: User  # coordinator of Noord
    colleague: User  # another professional in Noord
    stranger: User  # professional in Zuid
    analyst: User  # analyst in Noord: no cases


@pytest.fixture
def teams(db, make_user) -> Teams:
    gemeente = Organisation.objects.create(name="Proefstad", kind="gemeente",
                                           gemeente_code="GM9999")
    noord = Team.objects.create(name="Wijkteam Noord", kind="sociaal_wijkteam",
                                organisation=gemeente)
    zuid = Team.objects.create(name="Wijkteam Zuid", kind="sociaal_wijkteam",
                               organisation=gemeente)
    TeamArea.objects.create(team=noord, area_code="WK999901")
    TeamArea.objects.create(team=zuid, area_code="WK999902")
    people = {}
    for username, team, role in (("wouter", noord, "professional"),
                                 ("carla", noord, "coordinator"),
                                 ("kees", noord, "professional"),
                                 ("zoe", zuid, "professional"),
                                 ("anna", noord, "analyst")):
        people[username] = make_user(username, first_name=username.title(),
                                     last_name="Proef", organisation=gemeente)
        Membership.objects.create(user=people[username], team=team, role=role)
    return Teams(gemeente, noord, zuid, people["wouter"], people["carla"], people["kees"],
                 people["zoe"], people["anna"])


@pytest.fixture
def client_of():
    """A client signed in with both steps as ``user``."""
    from django_otp.oath import totp

    def sign_in(user: User) -> Client:
        client = Client()
        client.force_login(user)
        response = client.post("/account/code",
                               {"token": f"{totp(user.totp_device.bin_key):06d}"})
        assert response.status_code == 302
        return client
    return sign_in


def register_form(**overrides) -> dict[str, str]:
    """The form of a GP's signal about the (fictional) Vlinderbloem household."""
    data = {"c-signal_source": "huisarts", "c-signalled_on": "2026-11-30", "c-urgency": "hoog",
            "c-question": "Ik kan de rekeningen niet meer overzien.",
            "c-question_behind": "", "c-lead": "", "c-first_contact_on": "",
            "p-given_name": "Jantine", "p-family_name": "Vlinderbloem",
            "p-date_of_birth": "1961-04-03", "p-relation": "hoofdbewoner", "p-phone": "",
            "p-email": "", "h-name": "Huishouden Vlinderbloem", "h-street": "Dahliastraat",
            "h-house_number": "7", "h-postcode": "9999AB", "h-city": "Proefstad",
            "h-buurt_code": "BU99990101", "h-phone": "", "h-email": ""}
    data.update(overrides)
    return data

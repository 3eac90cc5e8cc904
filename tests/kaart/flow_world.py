"""A small world for the editing workflow: a team with a professional, two keepers and a
functional administrator, and two services (one per keeper) with a phone and opening hours."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.test import Client
from django_otp.oath import totp

from wijkkracht.accounts.models import Membership, Organisation, Team, User
from wijkkracht.kaart.models import Organization, Phone, Schedule, Service

PASSWORD = "Wijkteam-Transvaal-2026"


@dataclass
class World:
    professional: User
    keeper: User
    other_keeper: User
    admin: User
    service: Service  # kept by ``keeper``
    other_service: Service  # kept by ``other_keeper``


def build(make_user) -> World:
    gemeente = Organisation.objects.create(name="Proefgemeente", kind="gemeente")
    team = Team.objects.create(name="Wijkteam Proef", kind="sociaal_wijkteam",
                               organisation=gemeente)
    users = {}
    for name, role in (("werker", "professional"), ("houder", "professional"),
                       ("houder2", "coordinator"), ("beheer", "administrator")):
        user = make_user(name, first_name=name.capitalize(), last_name="Proef",
                         email=f"{name}@example.org")
        Membership.objects.create(user=user, team=team, role=role)
        users[name] = user
    User.objects.filter(pk=users["beheer"].pk).update(is_staff=True)
    users["beheer"].refresh_from_db()
    org = Organization.objects.create(name="Buurtcentrum Proef (demo)", description="Proef")
    service = Service.objects.create(
        organization=org, name="Koffieochtend De Proef", status=Service.Status.ACTIVE,
        description="Elke week koffie en een praatje.", email="koffie@example.org",
        access=Service.Access.OPEN, formality=Service.Formality.INFORMAL,
        fees_description="Koffie kost € 1.", keeper_user=users["houder"],
        last_checked=dt.date(2026, 6, 1))
    Phone.objects.create(service=service, number="0900-0000101")
    Schedule.objects.create(service=service, freq="WEEKLY", wkst="MO", byday="TU,TH",
                            opens_at="10:00", closes_at="12:00", description="di, do 10:00-12:00")
    other = Service.objects.create(
        organization=org, name="Schuldhulp Proef", status=Service.Status.ACTIVE,
        formality=Service.Formality.FORMAL, keeper_user=users["houder2"], last_checked=None)
    return World(users["werker"], users["houder"], users["houder2"], users["beheer"], service,
                 other)


def form_data(values: dict, **extra) -> dict:
    """Values as a browser posts them (a checked box sends "on", an unchecked one nothing)."""
    data = {k: v for k, v in values.items() if k != "defunct" and v is not None}
    if values.get("defunct"):
        data["defunct"] = "on"
    return {**data, **extra}


def client_of(user: User) -> Client:
    """A browser of its own for ``user``, past both sign-in steps (several users at once)."""
    client = Client()
    client.force_login(user)
    response = client.post("/account/code", {"token": f"{totp(user.totp_device.bin_key):06d}"})
    assert response.status_code == 302, response
    return client

"""A small world for the learning-network tests: people of three organisations in two
gemeenten, practices published and not, and one network with a lead and a member."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils import timezone

from wijkkracht.accounts.models import Organisation, User
from wijkkracht.praktijk.models import Network, NetworkMember, Practice

T0 = timezone.make_aware(dt.datetime(2026, 11, 2, 9, 0))


@dataclass
class NetworkWorld:
    admin: User
    lead: User
    member: User
    outsider: User
    network: Network
    published: Practice  # published by an organisation outside the network
    own_draft: Practice  # not published, of the member's organisation
    other_draft: Practice  # not published, of the outsider's organisation


def build(make_user) -> NetworkWorld:
    haarlem = Organisation.objects.create(name="Gemeente Haarlem", kind="gemeente",
                                          gemeente_code="GM0392")
    velsen = Organisation.objects.create(name="Welzijn Velsen", kind="welzijn",
                                         gemeente_code="GM0453")
    elsewhere = Organisation.objects.create(name="Zorg Elders", kind="zorg")
    admin = make_user("beheerder", first_name="Bea", last_name="Beheer", is_staff=True,
                      is_superuser=True, email="beheer@example.org")
    lead = make_user("trekker", first_name="Tineke", last_name="Trek", organisation=haarlem,
                     email="trekker@example.org")
    member = make_user("lid", first_name="Lotte", last_name="Lid", organisation=velsen,
                       email="lid@example.org")
    outsider = make_user("buiten", first_name="Bram", last_name="Buiten",
                         organisation=elsewhere, email="buiten@example.org")
    network = Network.objects.create(name="Leernetwerk Kennemerland",
                                     description="Wijkgericht werken in Kennemerland.")
    NetworkMember.objects.create(network=network, user=lead, role="trekker", joined_at=T0)
    NetworkMember.objects.create(network=network, user=member, role="lid", joined_at=T0)
    published = Practice.objects.create(
        title="Buurtkamer De Brug", summary="Een huiskamer voor de buurt.", is_public=True,
        published_at=T0 - dt.timedelta(days=30), created_at=T0 - dt.timedelta(days=40),
        organisation=elsewhere)
    own_draft = Practice.objects.create(
        title="Keukentafelgesprek Velsen", summary="Samen aan tafel.", organisation=velsen,
        created_at=T0 - dt.timedelta(days=10))
    other_draft = Practice.objects.create(
        title="Geheim concept Elders", summary="Nog niet klaar.", organisation=elsewhere,
        created_at=T0 - dt.timedelta(days=10))
    return NetworkWorld(admin, lead, member, outsider, network, published, own_draft,
                        other_draft)

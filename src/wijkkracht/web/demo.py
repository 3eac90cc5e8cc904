"""The demo: a gemeente with teams and users, real CBS figures where available.

Used by ``wijkkracht demo``. Passwords are random and printed once; the demo users get a
confirmed TOTP device whose key is printed, so the real two-step sign-in can be tried.
"""

from __future__ import annotations

import base64
import random
import secrets
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

from django.db import transaction
from django.utils import timezone

from wijkkracht.accounts.models import Membership, Organisation, Team, TeamArea, User
from wijkkracht.areas import selectors
from wijkkracht.areas.services import boundary_set_save, kwb_dataset_save
from wijkkracht.casus.demo import create_demo_cases
from wijkkracht.errors import WijkkrachtError
from wijkkracht.monitor.demo_sroi import create_demo_sroi

DEMO_GEMEENTE = "GM0392"  # Haarlem, the gemeente of the Transvaalwijk pilot
DEMO_WIJK = "WK039210"
DEMO_OTHER_WIJK = "WK039203"  # Zijlwegkwartier, the second demo team's wijk
DEMO_SCAN_NAME = "Netwerkscan Transvaalwijk (demo)"
DEMO_SEED = 39210
# Invented people: (name, organisation, sector code, role).
DEMO_PARTICIPANTS = [
    ("Anouk de Vries", "Huisartsenpraktijk Transvaal", "gp", "huisarts"),
    ("Pieter Jansen", "Huisartsenpraktijk Transvaal", "gp", "praktijkondersteuner GGZ"),
    ("Fatima el Amrani", "Gezondheidscentrum Zuid", "gp", "huisarts"),
    ("Marieke Bakker", "Thuiszorg Kennemerland", "district_nursing", "wijkverpleegkundige"),
    ("Johan Visser", "Thuiszorg Kennemerland", "district_nursing", "wijkverpleegkundige"),
    ("Sanne Smit", "Zorgcentrum De Hof", "district_nursing", "wijkverpleegkundige"),
    ("Ahmed Yilmaz", "Sociaal wijkteam Transvaalwijk", "social_team", "maatschappelijk werker"),
    ("Linda Mulder", "Sociaal wijkteam Transvaalwijk", "social_team", "consulent Wmo"),
    ("Rob de Boer", "Sociaal wijkteam Transvaalwijk", "social_team", "kwartiermaker"),
    ("Esther Kok", "Welzijn Haarlem", "welfare", "opbouwwerker"),
    ("Hans Dekker", "Welzijn Haarlem", "welfare", "ouderenadviseur"),
    ("Naima Bouzid", "Welzijn Haarlem", "welfare", "sociaal makelaar"),
    ("Karin Vos", "Gemeente Haarlem", "municipality", "wijkregisseur"),
    ("Tom Peters", "Gemeente Haarlem", "municipality", "beleidsadviseur"),
    ("Ingrid Hendriks", "GGZ Kennemerland", "mental_health", "sociaal psychiatrisch "
                                                             "verpleegkundige"),
    ("Mehmet Kaya", "GGZ Kennemerland", "mental_health", "ervaringsdeskundige"),
    ("Yvonne van Dijk", "Jeugd en Gezin Haarlem", "youth", "jeugdverpleegkundige"),
    ("Bas Willems", "Jeugd en Gezin Haarlem", "youth", "jeugdconsulent"),
    ("Monique Jacobs", "Woonstichting Transvaal", "housing", "wijkconsulent"),
    ("Dennis de Graaf", "Woonstichting Transvaal", "housing", "huismeester"),
    ("Gerda Lammers", "Buurthuis De Transvaal", "volunteers", "vrijwilliger"),
    ("Kees Brouwer", "Bewonersinitiatief Transvaalplein", "volunteers", "bewoner"),
    ("Lotte Verbeek", "Basisschool De Kring", "school", "intern begeleider"),
    ("Ruud Schouten", "Politie Kennemerland", "police", "wijkagent"),
    ("Nadia Haddou", "Bibliotheek Zuid-Kennemerland", "other", "informatiepunt digitale "
                                                               "overheid"),
]
# Sector pairs that work together in most wijken; other pairs know each other less often.
DEMO_CLOSE_SECTORS = {
    frozenset({"gp", "district_nursing"}), frozenset({"gp", "mental_health"}),
    frozenset({"social_team", "welfare"}), frozenset({"social_team", "municipality"}),
    frozenset({"social_team", "district_nursing"}), frozenset({"youth", "school"}),
    frozenset({"housing", "social_team"}), frozenset({"police", "housing"}),
    frozenset({"welfare", "volunteers"}),
}


@dataclass
class DemoUser:
    username: str
    password: str
    role: str
    totp_key: str


@dataclass
class DemoResult:
    data_note: str
    users: list[DemoUser]


def load_demo_data(data: Path | None, boundaries: Path | None, *, replace: bool = False) -> str:
    """Put CBS figures in the database and say, in one Dutch line, which ones."""
    from wijkkracht.areas.datasets import load_kwb, offline
    from wijkkracht.areas.store import stored_years

    if data is not None:
        table = load_kwb(data)
        kwb_dataset_save(table, replace=replace)
    elif selectors.available_years():
        table = selectors.kwb_table()
    elif stored_years() or not offline():
        try:
            table = load_kwb()
        except WijkkrachtError as exc:
            return f"Geen CBS-gegevens geladen: {exc}"
        kwb_dataset_save(table)
    else:
        return ("Geen CBS-gegevens geladen (offline). Start met --data BESTAND om echte "
                "kerncijfers te tonen; de wijkfoto-pagina's zeggen hoe.")
    if boundaries is not None:
        boundary_set_save(boundaries, table.year, "WK")
    return (f"CBS Kerncijfers wijken en buurten {table.year} uit {table.source}: "
            f"{table.frame.height} gebieden.")


def load_demo_kaart() -> str:
    """Put the Haarlem demo sociale kaart in the database (once) and say so in one Dutch line."""
    from wijkkracht.kaart.services import load_demo_kaart as load

    count, loaded = load()
    state = "geladen" if loaded else "was al geladen"
    return (f"{count} verzonnen diensten in Haarlem (HSDS 3) {state}; exporteren met "
            "'wijkkracht kaart export'.")


@transaction.atomic
def load_demo_praktijk() -> str:
    """Put the ten WBW experiments in the praktijkbank (idempotent), in one Dutch line."""
    from wijkkracht.praktijk.services import load_examples

    created, updated = load_examples()
    return (f"tien experimenten van Wijk- en Buurtgericht Werken als voorbeelden: {created} "
            f"nieuw, {updated} bijgewerkt.")


def create_demo_organisation() -> list[DemoUser]:
    from django_otp.plugins.otp_totp.models import TOTPDevice

    gemeente, _ = Organisation.objects.get_or_create(
        name="Gemeente Haarlem (demo)",
        defaults={"kind": Organisation.Kind.GEMEENTE, "gemeente_code": DEMO_GEMEENTE})
    welzijn, _ = Organisation.objects.get_or_create(
        name="Welzijnsorganisatie (demo)", defaults={"kind": Organisation.Kind.WELFARE})
    wijkteam, _ = Team.objects.get_or_create(
        name="Sociaal wijkteam Transvaalwijk", organisation=gemeente,
        defaults={"kind": Team.Kind.SOCIAL_TEAM})
    TeamArea.objects.get_or_create(team=wijkteam, area_code=DEMO_WIJK)
    # A second wijkteam in another wijk, so that cross-team access can be tried.
    oost, _ = Team.objects.get_or_create(
        name="Sociaal wijkteam Zijlwegkwartier", organisation=gemeente,
        defaults={"kind": Team.Kind.SOCIAL_TEAM})
    TeamArea.objects.get_or_create(team=oost, area_code=DEMO_OTHER_WIJK)
    brede_hoed, _ = Team.objects.get_or_create(
        name="Brede Hoed Haarlem", organisation=gemeente, defaults={"kind": Team.Kind.BREDE_HOED})
    TeamArea.objects.get_or_create(team=brede_hoed, area_code=DEMO_GEMEENTE)
    people = [
        ("demo-coordinator", "Coördinator", gemeente, wijkteam, Membership.Role.COORDINATOR,
         False),
        ("demo-professional", "Wijkverpleegkundige", welzijn, wijkteam,
         Membership.Role.PROFESSIONAL, False),
        ("demo-analist", "Beleidsadviseur", gemeente, wijkteam, Membership.Role.ANALYST, False),
        ("demo-professional-oost", "Maatschappelijk werker", welzijn, oost,
         Membership.Role.PROFESSIONAL, False),
        ("demo-privacy", "Functionaris gegevensbescherming", gemeente, None, None, True),
        # The functional administrator: /beheer/ (organisations, teams, wijken, people, roles).
        ("demo-beheerder", "Functioneel beheerder", gemeente, wijkteam,
         Membership.Role.ADMINISTRATOR, False),
    ]
    users = []
    for username, first_name, org, team, role, privacy in people:
        password = secrets.token_urlsafe(12)
        user, _ = User.objects.get_or_create(username=username)
        user.first_name, user.organisation, user.is_privacy_officer = first_name, org, privacy
        user.is_staff = role == Membership.Role.ADMINISTRATOR  # may use /beheer/
        user.set_password(password)
        user.save()
        if team is not None:
            Membership.objects.update_or_create(user=user, team=team, defaults={"role": role})
        TOTPDevice.objects.filter(user=user).delete()
        device = TOTPDevice.objects.create(user=user, name="demo", confirmed=True)
        users.append(DemoUser(username, password, role or "privacy officer",
                              base64.b32encode(device.bin_key).decode("ascii")))
    create_demo_netwerkscan(wijkteam, User.objects.get(username="demo-coordinator"))
    create_demo_cases(wijkteam, [User.objects.get(username="demo-professional"),
                                 User.objects.get(username="demo-coordinator")])
    create_demo_cases(oost, [User.objects.get(username="demo-professional-oost")])
    create_demo_sroi(gemeente, User.objects.get(username="demo-analist"))
    return users


def _demo_levels(rng: random.Random, people: list, boost: float) -> dict[tuple[int, int], int]:
    """A plausible ladder level per ordered pair: ties are likelier within a sector and
    between sectors that usually work together; ``boost`` makes a later moment denser."""
    levels = {}
    for a in people:
        for b in people:
            if a.pk == b.pk:
                continue
            if a.sector == b.sector:
                strength = 2.2
            elif frozenset({a.sector, b.sector}) in DEMO_CLOSE_SECTORS:
                strength = 1.5
            else:
                strength = 0.4
            score = strength + boost + rng.gauss(0, 0.9)
            levels[(a.pk, b.pk)] = max(0, min(4, int(score)))
    return levels


def create_demo_netwerkscan(team: Team, coordinator: User):
    """The demo scan: 25 invented participants, T0 (closed, half a year ago) and T1 (open,
    denser). Random but reproducible (fixed seed); no survey links are made, so there is no
    secret to print: the coordinator makes them on the scan's page."""
    from wijkkracht.netwerk import services
    from wijkkracht.netwerk.models import NetwerkScan, Submission

    existing = NetwerkScan.objects.filter(team=team, name=DEMO_SCAN_NAME).first()
    if existing is not None:
        return existing
    rng = random.Random(DEMO_SEED)
    now = timezone.now()
    scan = services.scan_create(team=team, name=DEMO_SCAN_NAME, area_codes=[DEMO_WIJK],
                                user=coordinator, opens_at=now - timedelta(days=180),
                                closes_at=now - timedelta(days=150))
    people = services.participants_add(scan, [
        services.participant_build(scan, display_name=name, organisation_name=org,
                                   sector=sector, role=role, consent_named=rng.random() < 0.7)
        for name, org, sector, role in DEMO_PARTICIPANTS], user=coordinator)
    t0 = scan.moments.get(label="T0")
    t1 = services.moment_create(scan, opens_at=now - timedelta(days=7),
                                closes_at=now + timedelta(days=21), user=coordinator)
    for moment, boost, response in ((t0, 0.0, 0.8), (t1, 0.6, 0.7)):
        levels = _demo_levels(rng, people, boost)
        for person in people:
            if rng.random() >= response:
                continue  # a non-respondent: no answers, never level 0
            answers = []
            for other in people:
                level = levels.get((person.pk, other.pk))
                if not level:
                    continue
                scored = level >= 2 and rng.random() < 0.6
                answers.append(services.AnswerInput(
                    other.pk, level, rng.randint(2, 4) if scored else None,
                    rng.randint(1, 4) if scored else None))
            services.answers_save(moment, person, answers, source=Submission.Source.IMPORT)
    services.moment_close(t0, user=coordinator)
    return scan

"""The demo: a gemeente with teams and users, real CBS figures where available.

Used by ``wijkkracht demo``. Passwords are random and printed once; the demo users get a
confirmed TOTP device whose key is printed, so the real two-step sign-in can be tried.
"""

from __future__ import annotations

import base64
import secrets
from dataclasses import dataclass
from pathlib import Path

from django.db import transaction

from wijkkracht.accounts.models import Membership, Organisation, Team, TeamArea, User
from wijkkracht.areas import selectors
from wijkkracht.areas.services import boundary_set_save, kwb_dataset_save
from wijkkracht.errors import WijkkrachtError

DEMO_GEMEENTE = "GM0392"  # Haarlem, the gemeente of the Transvaalwijk pilot
DEMO_WIJK = "WK039210"


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


def load_demo_data(data: Path | None, boundaries: Path | None) -> str:
    """Put CBS figures in the database and say, in one Dutch line, which ones."""
    from wijkkracht.areas.datasets import load_kwb, offline
    from wijkkracht.areas.store import stored_years

    if data is not None:
        table = load_kwb(data)
        kwb_dataset_save(table)
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


@transaction.atomic
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
    brede_hoed, _ = Team.objects.get_or_create(
        name="Brede Hoed Haarlem", organisation=gemeente, defaults={"kind": Team.Kind.BREDE_HOED})
    TeamArea.objects.get_or_create(team=brede_hoed, area_code=DEMO_GEMEENTE)
    people = [
        ("demo-coordinator", "Coördinator", gemeente, wijkteam, Membership.Role.COORDINATOR,
         False),
        ("demo-professional", "Wijkverpleegkundige", welzijn, wijkteam,
         Membership.Role.PROFESSIONAL, False),
        ("demo-analist", "Beleidsadviseur", gemeente, brede_hoed, Membership.Role.ANALYST, False),
        ("demo-privacy", "Functionaris gegevensbescherming", gemeente, None, None, True),
    ]
    users = []
    for username, first_name, org, team, role, privacy in people:
        password = secrets.token_urlsafe(12)
        user, _ = User.objects.get_or_create(username=username)
        user.first_name, user.organisation, user.is_privacy_officer = first_name, org, privacy
        user.set_password(password)
        user.save()
        if team is not None:
            Membership.objects.update_or_create(user=user, team=team, defaults={"role": role})
        TOTPDevice.objects.filter(user=user).delete()
        device = TOTPDevice.objects.create(user=user, name="demo", confirmed=True)
        users.append(DemoUser(username, password, role or "privacy officer",
                              base64.b32encode(device.bin_key).decode("ascii")))
    return users

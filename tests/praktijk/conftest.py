"""Two organisations with a team each, their professionals, and someone without a team."""

from __future__ import annotations

from dataclasses import dataclass

import pytest


@dataclass
class World:
    org_a: object
    org_b: object
    anna: object   # team member in organisation A (owner of A's practices)
    bram: object   # colleague of Anna in organisation A
    carla: object  # team member in organisation B
    dirk: object   # signed in, but in no team


@pytest.fixture
def world(db, make_user):
    from wijkkracht.accounts.models import Membership, Organisation, Team

    org_a = Organisation.objects.create(name="Welzijn Noord", kind="welzijn")
    org_b = Organisation.objects.create(name="Zorg Zuid", kind="zorg")
    team_a = Team.objects.create(name="Wijkteam Noord", kind="sociaal_wijkteam",
                                 organisation=org_a)
    team_b = Team.objects.create(name="Wijkteam Zuid", kind="sociaal_wijkteam",
                                 organisation=org_b)
    anna, bram = make_user("anna"), make_user("bram")
    carla, dirk = make_user("carla"), make_user("dirk")
    Membership.objects.create(user=anna, team=team_a, role="professional")
    Membership.objects.create(user=bram, team=team_a, role="analyst")
    Membership.objects.create(user=carla, team=team_b, role="professional")
    return World(org_a, org_b, anna, bram, carla, dirk)


VALUES = {"title": "Buurtkamer De Linde", "summary": "Een huiskamer in de wijk voor iedereen.",
          "description": "Bewoners drinken koffie en helpen elkaar met mantelzorgondersteuning.",
          "principles": ["ont-schotten", "verbinden"], "target_groups": ["mantelzorgers"],
          "status": "pilot", "gemeente_code": "GM0392", "wijk_codes": ["WK039210"]}


@pytest.fixture
def practice(world):
    from wijkkracht.praktijk.services import practice_save

    return practice_save(world.anna, dict(VALUES))

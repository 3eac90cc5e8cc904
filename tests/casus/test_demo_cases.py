"""The demo's casework: two teams in different wijken, a few hundred fictional cases each at
every status, with assessments at several moments, and each team sees only its own."""

from __future__ import annotations

from collections import Counter

import pytest
from django.utils import timezone

from wijkkracht.accounts.models import User
from wijkkracht.casus.core import workflow
from wijkkracht.casus.models import Assessment, Case
from wijkkracht.casus.scoping import scope, scopes_disabled
from wijkkracht.web.demo import create_demo_organisation

pytestmark = pytest.mark.django_db


def test_two_teams_with_cases_at_every_status_and_assessments_over_time():
    create_demo_organisation()
    create_demo_organisation()  # again: nothing doubles
    with scopes_disabled():
        per_team = Counter(Case.objects.values_list("team__name", flat=True))
        assert len(per_team) == 2 and all(n == 200 for n in per_team.values())
        wijken = set(Case.objects.values_list("household__wijk_code", flat=True))
        assert {"WK039210", "WK039203"} <= wijken
        for team in per_team:
            statuses = set(Case.objects.filter(team__name=team).values_list("status", flat=True))
            assert statuses == set(workflow.STATUSES), team
        moments = Counter(Assessment.objects.values_list("case_id", flat=True))
        assert max(moments.values()) >= 3
        closed = Case.objects.filter(status=workflow.CLOSED)
        assert all(c.closed_on >= c.signalled_on for c in closed)
        assert not Case.objects.filter(closed_on__gt=timezone.localdate()).exists()
    own, other = (User.objects.get(username=n)
                  for n in ("demo-professional", "demo-professional-oost"))
    with scope(viewer=own):
        mine = set(Case.objects.values_list("team__name", flat=True))
    with scope(viewer=other):
        theirs = set(Case.objects.values_list("team__name", flat=True))
    assert len(mine) == len(theirs) == 1 and mine != theirs

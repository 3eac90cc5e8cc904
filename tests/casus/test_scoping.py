"""The one visibility rule: a query without a viewer is an error; with one, a user sees their
teams' cases, the cases they were added to and an unexpired emergency access, nothing else."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone
from django_scopes.exceptions import ScopeError

from wijkkracht.casus import access, services
from wijkkracht.casus.core import workflow
from wijkkracht.casus.core.history import changes
from wijkkracht.casus.models import BreakGlass, Case, CaseEvent, Household, Person, Score
from wijkkracht.casus.scoping import scope, scopes_disabled


def _case(team, user, name):
    return services.case_register(team=team, user=user, household={"name": f"Huishouden {name}"},
                                  person={"given_name": "Proef", "family_name": name},
                                  case={"signal_source": "buren", "question": "Zorgen"})


@pytest.mark.parametrize("model", [Case, Household, Person, CaseEvent, Score])
def test_a_query_without_a_viewer_is_an_error(db, model):
    with pytest.raises(ScopeError):
        list(model.objects.all())
    with scopes_disabled():
        assert list(model.objects.all()) == []


def test_each_sees_their_own_and_what_they_were_given(teams):
    noord = _case(teams.noord, teams.worker, "Korenbloem")
    zuid = _case(teams.zuid, teams.stranger, "Vlasbloem")

    def seen(user):
        with scope(viewer=user):
            return ({c.pk for c in Case.objects.all()},
                    set(Person.objects.values_list("family_name", flat=True)),
                    set(Household.objects.values_list("name", flat=True)))

    assert seen(teams.worker) == ({noord.pk}, {"Korenbloem"}, {"Huishouden Korenbloem"})
    assert seen(teams.coordinator)[0] == {noord.pk}
    assert seen(teams.analyst) == (set(), set(), set())
    assert seen(teams.stranger)[0] == {zuid.pk}

    services.member_add(noord, teams.stranger, role="meelezend", user=teams.coordinator)
    assert seen(teams.stranger)[0] == {noord.pk, zuid.pk}
    assert access.allows(teams.stranger, noord, access.READ)
    assert not access.allows(teams.stranger, noord, access.WRITE)
    services.member_remove(noord, teams.stranger, user=teams.coordinator)
    assert seen(teams.stranger)[0] == {zuid.pk}

    glass = services.break_glass(noord.pk, user=teams.stranger,
                                 reason="Bewoner in nood, team onbereikbaar")
    assert seen(teams.stranger)[0] == {noord.pk, zuid.pk}
    assert access.allows(teams.stranger, noord, access.WRITE)
    BreakGlass.objects.filter(pk=glass.pk).update(until=timezone.now() - dt.timedelta(minutes=1))
    assert seen(teams.stranger)[0] == {zuid.pk}
    assert not access.allows(teams.stranger, noord, access.READ)


def test_only_allowed_moves_and_closing_needs_an_outcome(teams):
    case = _case(teams.noord, teams.worker, "Akelei")
    with pytest.raises(services.CaseInputError):
        services.case_move(case, workflow.REGISTERED, expected_version=1, user=teams.worker)
    with pytest.raises(services.CaseInputError):
        services.case_move(case, workflow.CLOSED, expected_version=1, user=teams.worker)
    services.case_move(case, workflow.CLOSED, expected_version=1, user=teams.worker,
                       outcome="verhuisd")
    assert case.closed_on == timezone.localdate() and case.version == 2
    assert workflow.allowed_moves(workflow.CLOSED) == (workflow.IN_PROGRESS,)


def test_history_lists_only_what_changed():
    assert changes({"a": 1, "b": "x"}, {"a": 1, "b": "y", "c": None}) == {"b": ["x", "y"]}
    assert changes({"a": 1}, {}) == {"a": [1, None]}

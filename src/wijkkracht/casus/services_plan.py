"""Writes of the own network and the plan: people around the resident, the plan's agreement,
goals and actions. Each change is kept as history and logged (``services``).

The plan is one unit ("1 gezin, 1 plan"): every change to it, its agreement, a goal or an
action, names the plan version it started from and raises ``EditConflict`` when a colleague
saved the plan in between (one conditional UPDATE in ``services.save_versioned``), so nobody
silently overwrites anyone. Callers have checked ``access.allows`` first.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.http import HttpRequest

from wijkkracht.accounts.models import User
from wijkkracht.audit.models import Action

from .core.history import changes
from .models import Case, Goal, NetworkMember, Plan, PlanAction
from .services import _validated, log_access, record_event, save_versioned, snapshot

NETWORK_FIELDS = ["name", "kind", "tie", "does", "could_do", "contact"]
PLAN_FIELDS = ["agreed_on", "resident_view"]
GOAL_FIELDS = ["text", "domain", "state"]
ACTION_FIELDS = ["text", "who", "who_name", "owner", "due_on", "done_on"]


# --- the own network ----------------------------------------------------------------------------

@transaction.atomic
def network_member_save(case: Case, member: NetworkMember | None, *, values: dict[str, Any],
                        user: User, request: HttpRequest | None = None) -> NetworkMember:
    """Add someone to the resident's network (``member`` None) or change them."""
    is_new = member is None
    member = member or NetworkMember(case=case)
    before = {} if is_new else snapshot(member, NETWORK_FIELDS)
    for field, value in values.items():
        setattr(member, field, value)
    _validated(member, exclude=["case"])
    member.save()
    change = changes(before, snapshot(member, NETWORK_FIELDS))
    if change:
        record_event(case, user, "network_added" if is_new else "network_updated", change)
    log_access(Action.CREATE if is_new else Action.UPDATE, "network_save", case,
               request=request, user=user)
    return member


@transaction.atomic
def network_member_remove(case: Case, member: NetworkMember, *, user: User,
                          request: HttpRequest | None = None) -> None:
    record_event(case, user, "network_removed", {"name": [member.name, None]})
    member.delete()
    log_access(Action.DELETE, "network_remove", case, request=request, user=user)


# --- the plan -----------------------------------------------------------------------------------

def plan_of(case: Case) -> Plan:
    """The case's plan, made (empty, version 1) on first use; one per case."""
    plan, _created = Plan.unscoped.get_or_create(case=case)
    return plan


@transaction.atomic
def plan_update(plan: Plan, *, expected_version: int, values: dict[str, Any], user: User,
                request: HttpRequest | None = None) -> Plan:
    """The resident's agreement: when it was agreed and what the resident says about it."""
    saved = save_versioned(plan, expected_version, values, user=user)
    if saved.change:
        record_event(plan.case, user, "plan_updated", saved.change)
    log_access(Action.UPDATE, "plan_update", plan.case, request=request, user=user)
    return plan


def _claim(plan: Plan, expected_version: int, user: User) -> None:
    """Take the plan's next version, or raise ``EditConflict`` if a colleague took it."""
    save_versioned(plan, expected_version, {}, user=user)


def _save_part(obj, fields: list[str], values: dict[str, Any], exclude: list[str]):
    before = {} if obj.pk is None else snapshot(obj, fields)
    for field, value in values.items():
        setattr(obj, field, value)
    _validated(obj, exclude=exclude)
    obj.save()
    return changes(before, snapshot(obj, fields))


@transaction.atomic
def goal_save(plan: Plan, goal: Goal | None, *, expected_version: int,
              values: dict[str, Any], user: User,
              request: HttpRequest | None = None) -> Goal:
    is_new = goal is None
    goal = goal or Goal(plan=plan)
    # validate before claiming a version, so invalid input changes nothing
    for field, value in values.items():
        setattr(goal, field, value)
    _validated(goal, exclude=["plan"])
    _claim(plan, expected_version, user)
    if not is_new:  # the stored row, so the history compares with what was there
        goal = Goal.unscoped.get(pk=goal.pk)
    change = _save_part(goal, GOAL_FIELDS, values, ["plan"])
    if change:
        record_event(plan.case, user, "goal_added" if is_new else "goal_updated", change)
    log_access(Action.CREATE if is_new else Action.UPDATE, "plan_goal_save", plan.case,
               request=request, user=user)
    return goal


@transaction.atomic
def goal_remove(plan: Plan, goal: Goal, *, expected_version: int, user: User,
                request: HttpRequest | None = None) -> None:
    _claim(plan, expected_version, user)
    record_event(plan.case, user, "goal_removed", {"text": [goal.text, None]})
    goal.delete()
    log_access(Action.DELETE, "plan_goal_remove", plan.case, request=request, user=user)


@transaction.atomic
def action_save(plan: Plan, goal: Goal, action: PlanAction | None, *, expected_version: int,
                values: dict[str, Any], user: User,
                request: HttpRequest | None = None) -> PlanAction:
    is_new = action is None
    action = action or PlanAction(goal=goal)
    for field, value in values.items():
        setattr(action, field, value)
    _validated(action, exclude=["goal"])
    _claim(plan, expected_version, user)
    if not is_new:  # the stored row, so the history compares with what was there
        action = PlanAction.unscoped.get(pk=action.pk)
    change = _save_part(action, ACTION_FIELDS, values, ["goal"])
    if change:
        record_event(plan.case, user, "action_added" if is_new else "action_updated", change)
    log_access(Action.CREATE if is_new else Action.UPDATE, "plan_action_save", plan.case,
               request=request, user=user)
    return action


@transaction.atomic
def action_remove(plan: Plan, action: PlanAction, *, expected_version: int, user: User,
                  request: HttpRequest | None = None) -> None:
    _claim(plan, expected_version, user)
    record_event(plan.case, user, "action_removed", {"text": [action.text, None]})
    action.delete()
    log_access(Action.DELETE, "plan_action_remove", plan.case, request=request, user=user)

"""Writes of casework: register a signal, change a case without overwriting a colleague, move
it through the workflow, add people, emergency access; each change kept as history and logged.

Every function takes the acting user; views pass the request too, for the access log. Callers
have checked ``access.allows`` first; the functions here check what the data must satisfy.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import F
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _

from wijkkracht.accounts.models import Team, User
from wijkkracht.audit import services as audit
from wijkkracht.audit.models import Action, Outcome
from wijkkracht.errors import WijkkrachtError

from .core import workflow
from .core.bsn import normalise_bsn
from .core.history import changes
from .models import (
    BreakGlass,
    Case,
    CaseEvent,
    CaseMember,
    Household,
    Person,
    StatusChange,
)

ACTIVITY = "casework"
EMERGENCY_HOURS = 4


class CaseInputError(WijkkrachtError):
    """Input that cannot be saved; ``errors`` maps a field (or None) to Dutch messages."""

    def __init__(self, errors: dict[str | None, list[str]]):
        self.errors = errors
        super().__init__("; ".join(m for ms in errors.values() for m in ms))


class EditConflict(WijkkrachtError):
    """Someone saved the record after the user opened it; ``current`` is what is stored now."""

    def __init__(self, current: models.Model):
        self.current = current
        super().__init__(_("Someone else saved this case while you were editing it."))


def log_access(action: str, operation: str, case: Case | None = None, *,
               household_id: int | None = None, request: HttpRequest | None = None,
               user: User | None = None, outcome: str = Outcome.OK, detail: str = "",
               subject_id: Any = None) -> None:
    """One access-log record naming whose data (the household) were processed."""
    household = household_id if household_id is not None else (case.household_id if case
                                                               else "")
    audit.record(activity=ACTIVITY, operation=operation, action=action, outcome=outcome,
                 subject_type="case", subject_id=subject_id if subject_id is not None
                 else (case.pk if case else ""), user=user, request=request,
                 participant=f"household:{household}" if household else "", detail=detail)


def _shown(value: Any) -> Any:
    """A value as the history keeps it (JSON): dates as ISO text, objects as their text."""
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    if isinstance(value, models.Model):
        return str(value)
    return value


def snapshot(obj: models.Model, fields: list[str]) -> dict[str, Any]:
    """The fields as the history keeps them (codes; the page words them in its language)."""
    return {f: _shown(getattr(obj, f)) for f in fields}


def stored(obj: models.Model, fields: list[str]) -> dict[str, Any]:
    """The fields as the database holds them now: a ModelForm has already written the user's
    input onto the instance it was given, so the instance cannot tell what changed."""
    if obj.pk is None:
        return {}
    return snapshot(type(obj).unscoped.get(pk=obj.pk), fields)


def _validated(obj: models.Model, exclude: list[str] | None = None) -> None:
    try:
        obj.full_clean(exclude=exclude)
    except ValidationError as exc:
        raise CaseInputError({k if k != "__all__" else None: [str(m) for m in v]
                              for k, v in exc.message_dict.items()}) from exc


def record_event(case: Case, user: User | None, kind: str,
                 change: dict[str, list[Any]] | None = None) -> CaseEvent:
    return CaseEvent.unscoped.create(case=case, user=user, kind=kind, changes=change or {})


# --- registering a signal -----------------------------------------------------------------------

HOUSEHOLD_FIELDS = ["name", "street", "house_number", "postcode", "city", "buurt_code",
                    "phone", "email"]
PERSON_FIELDS = ["given_name", "family_name", "date_of_birth", "relation", "bsn", "phone",
                 "email"]
CASE_FIELDS = ["signal_source", "signalled_on", "urgency", "question", "question_behind",
               "lead", "first_contact_on"]


def bsn_allowed(team: Team) -> bool:
    policy = getattr(team.organisation, "case_policy", None)
    return bool(policy and policy.bsn_enabled)


@transaction.atomic
def case_register(*, team: Team, user: User, household: dict[str, Any],
                  person: dict[str, Any], case: dict[str, Any],
                  request: HttpRequest | None = None) -> Case:
    """A signal becomes a case: the household, its main resident and the case, at status
    "aangemeld", in one transaction (all or nothing)."""
    if person.get("bsn") and not bsn_allowed(team):
        raise CaseInputError({"bsn": [_("This gemeente does not record the BSN.")]})
    if person.get("bsn"):
        person = {**person, "bsn": normalise_bsn(person["bsn"])}
    home = Household(team=team, **household)
    _validated(home)
    home.save()
    resident = Person(household=home, **person)
    _validated(resident, exclude=["household"])
    resident.save()
    new = Case(team=team, household=home, created_by=user, **case)
    _validated(new, exclude=["household", "team"])
    new.save()
    StatusChange.unscoped.create(case=new, from_status="", to_status=new.status, by=user)
    record_event(new, user, "created")
    log_access(Action.CREATE, "case_create", new, request=request, user=user)
    return new


# --- changing without overwriting a colleague ---------------------------------------------------

@dataclass(frozen=True)
class Saved:
    obj: models.Model
    change: dict[str, list[Any]]


def save_versioned(obj: models.Model, expected_version: int, values: dict[str, Any], *,
                   user: User | None) -> Saved:
    """Write ``values`` to ``obj`` if nobody saved it since ``expected_version``.

    One conditional UPDATE (``WHERE version = expected``) decides, so two writers at the same
    moment cannot both win, on SQLite or PostgreSQL. Raises ``EditConflict`` with the stored
    version, and ``CaseInputError`` when the values are invalid (nothing is written then).
    """
    model = type(obj)
    fields = list(values)
    before = stored(obj, fields)
    for field, value in values.items():
        setattr(obj, field, value)
    _validated(obj, exclude=[f.name for f in model._meta.fields if f.name not in values])
    stamp = {"updated_at": timezone.now()} if hasattr(obj, "updated_at") else {}
    written = model.unscoped.filter(pk=obj.pk, version=expected_version).update(
        version=F("version") + 1, **stamp, **{f: getattr(obj, f) for f in fields})
    if written != 1:
        raise EditConflict(model.unscoped.get(pk=obj.pk))
    obj.version = expected_version + 1
    for key, value in stamp.items():
        setattr(obj, key, value)
    return Saved(obj, changes(before, snapshot(obj, fields)))


@transaction.atomic
def case_update(case: Case, *, expected_version: int, values: dict[str, Any], user: User,
                request: HttpRequest | None = None) -> Case:
    saved = save_versioned(case, expected_version, values, user=user)
    if saved.change:
        record_event(case, user, "updated", saved.change)
    log_access(Action.UPDATE, "case_update", case, request=request, user=user)
    return case


@transaction.atomic
def household_update(case: Case, *, values: dict[str, Any], user: User,
                     request: HttpRequest | None = None) -> Household:
    home = case.household
    before = stored(home, list(values))
    for field, value in values.items():
        setattr(home, field, value)
    _validated(home, exclude=["team"])
    home.save()
    change = changes(before, snapshot(home, list(values)))
    if change:
        record_event(case, user, "household_updated", change)
    log_access(Action.UPDATE, "household_update", case, request=request, user=user)
    return home


@transaction.atomic
def person_save(case: Case, person: Person | None, *, values: dict[str, Any], user: User,
                request: HttpRequest | None = None) -> Person:
    """Add a member to the case's household (``person`` None) or change one."""
    if values.get("bsn"):
        if not bsn_allowed(case.team):
            raise CaseInputError({"bsn": [_("This gemeente does not record the BSN.")]})
        values = {**values, "bsn": normalise_bsn(values["bsn"])}
    is_new = person is None
    person = person or Person(household=case.household)
    before = {} if is_new else stored(person, list(values))
    for field, value in values.items():
        setattr(person, field, value)
    _validated(person, exclude=["household"])
    person.save()
    change = changes(before, snapshot(person, list(values)))
    change.pop("bsn", None)  # the BSN never enters the history, which more people read
    record_event(case, user, "person_added" if is_new else "person_updated",
                 {"person": [None, str(person)], **change})
    log_access(Action.CREATE if is_new else Action.UPDATE, "person_save", case,
               request=request, user=user)
    return person


# --- the workflow -------------------------------------------------------------------------------

@transaction.atomic
def case_move(case: Case, to_status: str, *, expected_version: int, user: User,
              outcome: str = "", reason: str = "", request: HttpRequest | None = None) -> Case:
    """Move the case to ``to_status``; closing needs an outcome and sets the closing date,
    reopening clears them."""
    if not workflow.can_move(case.status, to_status):
        raise CaseInputError({"status": [_("A case cannot go from this status to that one.")]})
    values: dict[str, Any] = {"status": to_status, "status_changed_at": timezone.now()}
    if to_status == workflow.CLOSED:
        if not outcome:
            raise CaseInputError({"outcome": [_("Say how the case ends.")]})
        values.update(outcome=outcome, closure_reason=reason.strip(),
                      closed_on=timezone.localdate())
    elif case.status == workflow.CLOSED:
        values.update(outcome="", closure_reason="", closed_on=None)
    from_status = case.status
    save_versioned(case, expected_version, values, user=user)
    StatusChange.unscoped.create(case=case, from_status=from_status, to_status=to_status,
                                 by=user)
    record_event(case, user, "status", {"status": [from_status, to_status]})
    log_access(Action.UPDATE, "case_status", case, request=request, user=user)
    return case


# --- people on the case, and emergency access ---------------------------------------------------

@transaction.atomic
def member_add(case: Case, member: User, *, role: str, user: User,
               request: HttpRequest | None = None) -> CaseMember:
    added, created = CaseMember.unscoped.get_or_create(
        case=case, user=member, defaults={"role": role, "added_by": user})
    if not created and added.role != role:
        added.role = role
        added.save(update_fields=["role"])
    record_event(case, user, "member_added", {"member": [None, member.get_full_name()
                                                         or member.username]})
    log_access(Action.UPDATE, "case_member_add", case, request=request, user=user)
    return added


@transaction.atomic
def member_remove(case: Case, member: User, *, user: User,
                  request: HttpRequest | None = None) -> None:
    CaseMember.unscoped.filter(case=case, user=member).delete()
    record_event(case, user, "member_removed", {"member": [member.get_full_name()
                                                           or member.username, None]})
    log_access(Action.UPDATE, "case_member_remove", case, request=request, user=user)


@transaction.atomic
def break_glass(case_id: int, *, user: User, reason: str,
                request: HttpRequest | None = None) -> BreakGlass:
    """Emergency access to a case outside the user's reach, for ``EMERGENCY_HOURS``; the
    reason is required, the access logged and put before the privacy officer."""
    reason = reason.strip()
    if len(reason) < 10:
        raise CaseInputError({"reason": [_("Describe the emergency in a sentence.")]})
    case = Case.unscoped.get(pk=case_id)
    now = timezone.now()
    access = BreakGlass.objects.create(case=case, user=user, reason=reason, at=now,
                                       until=now + dt.timedelta(hours=EMERGENCY_HOURS))
    record_event(case, user, "emergency_access")
    log_access(Action.READ, "break_glass", case, request=request, user=user,
               detail="emergency")
    return access

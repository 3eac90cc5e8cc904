"""Editing the sociale kaart: suggest, review (accept or reject), publish with history, confirm
an entry as still correct, and remind keepers of stale entries.

Every publication goes through ``accept``: a direct edit by the keeper or the functional
administrator is a suggestion accepted at once, so the history is complete. Two reviewers at
the same moment cannot both win: the suggestion is claimed with one conditional UPDATE
(``status = open``), the service with another (``version = expected``), inside one transaction,
on SQLite and PostgreSQL alike. Callers (views, the command line) have checked the permissions
in ``accounts.permissions``; the functions here check what the data must satisfy.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections import defaultdict
from dataclasses import dataclass
from typing import Any
from urllib.parse import urljoin

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db import IntegrityError, transaction
from django.db.models import F, Q, QuerySet
from django.http import HttpRequest
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from wijkkracht.accounts.models import User
from wijkkracht.accounts.permissions import can_review_kaart_service, is_functional_administrator
from wijkkracht.audit import services as audit
from wijkkracht.audit.models import Action, Outcome
from wijkkracht.errors import WijkkrachtError

from .core import workflow
from .models import KeeperReminder, Phone, Schedule, Service, ServiceChange, Suggestion

ACTIVITY = "kaart"
# The fields a suggestion may change, in the order the pages show them.
FIELDS = ("name", "description", "email", "url", "phone", "opening_hours", "access",
          "fees_description", "formality", "defunct")


class WorkflowInputError(WijkkrachtError):
    """Values that cannot be saved; ``errors`` maps a field (or None) to Dutch messages."""

    def __init__(self, errors: dict[str | None, list[str]]):
        self.errors = errors
        super().__init__("; ".join(m for ms in errors.values() for m in ms))


class ServiceConflict(WijkkrachtError):
    """The service was published again after the reviewer opened it; nothing was written."""

    def __init__(self, service: Service):
        self.service = service
        self.current = current_values(service)
        super().__init__(_("Someone else published a change to this service while you were "
                           "reviewing it."))


class AlreadyDecided(WijkkrachtError):
    """Another reviewer accepted or rejected the suggestion first; nothing was written."""

    def __init__(self, suggestion: Suggestion):
        self.suggestion = suggestion
        super().__init__(_("Another reviewer has already decided on this suggestion."))


def log_access(action: str, operation: str, *, subject_type: str, subject_id: Any,
               request: HttpRequest | None = None, user: User | None = None,
               outcome: str = Outcome.OK, detail: str = "") -> None:
    """Pages and writes that show or store a user's name (who suggested, who reviewed)."""
    audit.record(activity=ACTIVITY, operation=operation, action=action, outcome=outcome,
                 subject_type=subject_type, subject_id=subject_id, user=user, request=request,
                 detail=detail)


# --- the editable values of a service -----------------------------------------------------------

def _own_phones(service: Service) -> QuerySet[Phone]:
    return Phone.objects.filter(service=service).order_by("number", "pk")


def _own_schedules(service: Service) -> QuerySet[Schedule]:
    return Schedule.objects.filter(service=service).order_by("byday", "opens_at", "pk")


def current_values(service: Service) -> dict[str, Any]:
    """The editable fields as they are published now (the phone: the service's first)."""
    phone = _own_phones(service).first()
    hours = [s.description or workflow.describe_slot(s.byday, s.opens_at, s.closes_at) or ""
             for s in _own_schedules(service)]
    hours = [h for h in hours if h]
    return {"name": service.name, "description": service.description or "",
            "email": service.email or "", "url": service.url or "",
            "phone": phone.number if phone else "", "opening_hours": "; ".join(hours),
            "access": service.access or "", "fees_description": service.fees_description or "",
            "formality": service.formality or "",
            "defunct": service.status == Service.Status.DEFUNCT}


def validated(values: dict[str, Any]) -> dict[str, Any]:
    """The values checked and normalised by the one definition of the fields (the form)."""
    from .forms_workflow import ServiceFieldsForm

    data = {k: ("on" if v is True else "" if v in (None, False) else v)
            for k, v in values.items() if k in FIELDS}
    form = ServiceFieldsForm(data=data)
    if not form.is_valid():
        raise WorkflowInputError({k if k != "__all__" else None: list(v)
                                  for k, v in form.errors.items()})
    return {k: form.cleaned_data[k] for k in FIELDS}


def _apply(service: Service, values: dict[str, Any], before: dict[str, Any],
           today: dt.date) -> None:
    """Write the values to the service and its phone and schedules (caller holds the lock).

    The phone and the schedules are touched only when their value changed from ``before``, so
    structured opening hours the form cannot show exactly are never rewritten by accident."""
    for field in ("name", "description", "email", "url", "fees_description"):
        setattr(service, field, values[field] or (None if field != "name" else ""))
    service.access = values["access"] or None
    service.formality = values["formality"] or None
    if values["defunct"]:
        service.status = Service.Status.DEFUNCT
    elif service.status == Service.Status.DEFUNCT or not service.status:
        service.status = Service.Status.ACTIVE
    service.last_checked = today
    service.last_modified = timezone.now().isoformat(timespec="seconds")
    service.save()
    change = workflow.changes(before, values)
    if "phone" in change:
        _apply_phone(service, values["phone"])
    if "opening_hours" in change:
        _apply_hours(service, values["opening_hours"])


def _detach_or_delete(obj: Phone | Schedule, others: tuple[str, ...]) -> None:
    """A record may hang under several parents (HSDS tabular form): only unhook this one."""
    if any(getattr(obj, f"{fk}_id") for fk in others):
        obj.service = None
        obj.save(update_fields=["service"])
    else:
        obj.delete()


def _apply_phone(service: Service, number: str) -> None:
    phone = _own_phones(service).first()
    if phone is None:
        if number:
            Phone.objects.create(service=service, number=number)
    elif not number:
        _detach_or_delete(phone, ("location", "organization", "contact", "service_at_location"))
    elif phone.number != number:
        phone.number = number
        phone.save(update_fields=["number"])


def _apply_hours(service: Service, text: str) -> None:
    """Replace the service's own schedules: structured when the text follows the usual form
    ("di, do 10:00-12:00"), else one schedule holding the text as its description."""
    for schedule in _own_schedules(service):
        _detach_or_delete(schedule, ("location", "service_at_location"))
    if not text:
        return
    slots = workflow.parse_hours(text)
    if slots is None:
        Schedule.objects.create(service=service, description=text)
        return
    for slot in slots:
        Schedule.objects.create(service=service, freq="WEEKLY", wkst="MO", byday=slot.byday,
                                opens_at=slot.opens_at, closes_at=slot.closes_at,
                                description=slot.description, timezone=1)


def _reindex(service_ids: list[Any]) -> None:
    """Let the search find the new text at once (inside the publishing transaction)."""
    from wijkkracht.kaart.indexing import reindex

    reindex(service_ids)


# --- suggesting ---------------------------------------------------------------------------------

@transaction.atomic
def suggest(service: Service | None, *, values: dict[str, Any], note: str,
            user: User) -> Suggestion:
    """Store a suggestion: for a service, the fields that differ from what is published; for a
    new service, every field filled in."""
    clean = validated(values)
    note = note.strip()
    if service is None:
        proposed = {k: v for k, v in clean.items() if v not in ("", None, False)}
    else:
        change = workflow.changes(current_values(service), clean)
        proposed = {k: new for k, (_old, new) in change.items()}
        if not proposed and not note:
            raise WorkflowInputError({None: [_("You did not change anything. Change a field, "
                                               "or write in the note what is wrong.")]})
    return Suggestion.objects.create(service=service, proposed=proposed, note=note,
                                     suggested_by=user)


# --- reviewing ----------------------------------------------------------------------------------

def review_values(suggestion: Suggestion) -> dict[str, Any]:
    """What the review form starts with: the published values with the proposal on top."""
    base = (current_values(suggestion.service) if suggestion.service is not None
            else {k: (False if k == "defunct" else "") for k in FIELDS})
    return {**base, **{k: v for k, v in suggestion.proposed.items() if k in FIELDS}}


def _claim(suggestion: Suggestion, status: str, user: User, reason: str = "") -> None:
    """Decide the suggestion if nobody did. The caller's copy is updated last (``_settle``), so a
    conflict after the claim, which rolls the claim back, leaves it open in memory too."""
    claimed = Suggestion.objects.filter(pk=suggestion.pk, status=Suggestion.Status.OPEN).update(
        status=status, reviewed_by=user, reviewed_at=timezone.now(), reason=reason)
    if claimed != 1:
        raise AlreadyDecided(Suggestion.objects.get(pk=suggestion.pk))


def _settle(suggestion: Suggestion) -> None:
    stored = Suggestion.objects.get(pk=suggestion.pk)
    for field in ("status", "reviewed_by", "reviewed_at", "reason", "service"):
        setattr(suggestion, field, getattr(stored, field))


@transaction.atomic
def accept(suggestion: Suggestion, *, values: dict[str, Any], expected_version: int | None,
           user: User, request: HttpRequest | None = None) -> Service:
    """Publish the (possibly edited) values in one transaction with a history record.

    ``expected_version`` is the service's version the reviewer saw; raises ``AlreadyDecided``
    or ``ServiceConflict`` (nothing written) when someone was first."""
    clean = validated(values)
    _claim(suggestion, Suggestion.Status.ACCEPTED, user)
    today = timezone.localdate()
    service = suggestion.service
    if service is None:
        service = Service(name=clean["name"], status=Service.Status.ACTIVE)
        before: dict[str, Any] = {}
        kind = ServiceChange.Kind.CREATED
        _apply(service, clean, before, today)
    else:
        written = Service.objects.filter(pk=service.pk, version=expected_version).update(
            version=F("version") + 1)
        if written != 1:
            raise ServiceConflict(Service.objects.get(pk=service.pk))
        service.refresh_from_db()
        before = current_values(service)
        _apply(service, clean, before, today)
        kind = ServiceChange.Kind.CHANGED
    after = current_values(service)
    change = workflow.changes(before, after)
    if service.pk and not change and kind == ServiceChange.Kind.CHANGED:
        kind = ServiceChange.Kind.CONFIRMED
    ServiceChange.objects.create(
        service=service, suggestion=suggestion, kind=kind, changed_by=user,
        before={k: old for k, (old, _new) in change.items()},
        after={k: new for k, (_old, new) in change.items()}, version=service.version)
    if suggestion.service is None:
        Suggestion.objects.filter(pk=suggestion.pk).update(service=service)
    _settle(suggestion)
    log_access(Action.UPDATE, "kaart_review_accept", subject_type="kaart_suggestion",
               subject_id=suggestion.pk, user=user, request=request)
    _reindex([service.pk])
    return service


@transaction.atomic
def reject(suggestion: Suggestion, *, reason: str, user: User,
           request: HttpRequest | None = None) -> None:
    reason = reason.strip()
    if not reason:
        raise WorkflowInputError({"reason": [_("Say why, so the person who suggested it "
                                               "understands.")]})
    _claim(suggestion, Suggestion.Status.REJECTED, user, reason)
    _settle(suggestion)
    log_access(Action.UPDATE, "kaart_review_reject", subject_type="kaart_suggestion",
               subject_id=suggestion.pk, user=user, request=request)


@transaction.atomic
def publish(service: Service | None, *, values: dict[str, Any], note: str,
            expected_version: int | None, user: User,
            request: HttpRequest | None = None) -> Service:
    """A direct edit by the keeper or the functional administrator: a suggestion accepted at
    once, so it is in the history like any other change."""
    suggestion = suggest(service, values=values, note=note, user=user)
    return accept(suggestion, values=values, expected_version=expected_version, user=user,
                  request=request)


@transaction.atomic
def confirm(service: Service, *, user: User) -> None:
    """The keeper or administrator looked and everything is still correct."""
    before = service.last_checked
    today = timezone.localdate()
    Service.objects.filter(pk=service.pk).update(last_checked=today)
    service.last_checked = today
    ServiceChange.objects.create(
        service=service, kind=ServiceChange.Kind.CONFIRMED, changed_by=user,
        before={"last_checked": before.isoformat() if before else None},
        after={"last_checked": today.isoformat()}, version=service.version)


# --- what a reviewer sees -----------------------------------------------------------------------

def may_open_review_queue(user: User) -> bool:
    return is_functional_administrator(user) or (
        user.is_authenticated and Service.objects.filter(keeper_user=user).exists())


def may_review(user: User, suggestion: Suggestion) -> bool:
    keeper = suggestion.service.keeper_user_id if suggestion.service is not None else None
    return can_review_kaart_service(user, keeper)


def review_queue(user: User) -> QuerySet[Suggestion]:
    """Open suggestions the user may decide on, oldest first."""
    open_ = Suggestion.objects.filter(status=Suggestion.Status.OPEN).select_related(
        "service", "suggested_by")
    if is_functional_administrator(user):
        return open_
    return open_.filter(service__keeper_user=user)


def stale_services(keeper: User | None = None,
                   today: dt.date | None = None) -> QuerySet[Service]:
    """Services not checked for twelve months (or never), of one keeper or of all keepers;
    services that no longer exist are left out."""
    limit = workflow.stale_before(today or timezone.localdate())
    found = Service.objects.filter(Q(last_checked__isnull=True) | Q(last_checked__lt=limit))
    found = found.exclude(status=Service.Status.DEFUNCT)
    if keeper is not None:
        found = found.filter(keeper_user=keeper)
    return found.order_by("name", "pk")


def is_stale(service: Service, today: dt.date | None = None) -> bool:
    return workflow.is_stale(service.last_checked, today or timezone.localdate())


# --- keepers ------------------------------------------------------------------------------------

def assign_keeper(username: str, *, service_ids: list[str] = (),
                  organization_ids: list[str] = ()) -> int:
    """Make a user the keeper of services, named one by one or by their organisation (a
    provider's account keeps its organisation's services). Returns how many services."""
    user = User.objects.filter(username=username, is_active=True).first()
    if user is None:
        raise WijkkrachtError(_("There is no active user named %(name)s.") % {"name": username})
    ids = []
    for value in (*service_ids, *organization_ids):
        try:
            ids.append(uuid.UUID(str(value)))
        except ValueError:
            raise WijkkrachtError(_("%(value)s is not an HSDS id (a UUID).")
                                  % {"value": value}) from None
    wanted = Service.objects.filter(Q(pk__in=ids[:len(service_ids)])
                                    | Q(organization_id__in=ids[len(service_ids):]))
    missing = [str(i) for i in ids[:len(service_ids)]
               if not Service.objects.filter(pk=i).exists()]
    if missing:
        raise WijkkrachtError(_("No service with id %(id)s.") % {"id": missing[0]})
    return wanted.update(keeper_user=user)


# --- reminding keepers --------------------------------------------------------------------------

@dataclass(frozen=True)
class Reminder:
    keeper: User
    services: list[Service]
    sent: bool  # False on a dry run


def _reminder_message(keeper: User, services: list[Service], base_url: str,
                      connection=None) -> EmailMessage:
    link = reverse("kaart:review_list")
    with translation.override(settings.LANGUAGE_CODE):
        subject = _("Sociale kaart: %(count)d services to check") % {"count": len(services)}
        body = render_to_string("kaart/email/reminder.txt", {
            "keeper": keeper, "services": services,
            "link": urljoin(base_url, link) if base_url else link}).strip() + "\n"
    return EmailMessage(subject=subject, body=body, from_email=settings.DEFAULT_FROM_EMAIL,
                        to=[keeper.email], connection=connection)


def send_reminders(*, today: dt.date | None = None, dry_run: bool = False,
                   base_url: str = "") -> list[Reminder]:
    """E-mail each keeper once per month the list of their stale services.

    A keeper already reminded this month, without an e-mail address or inactive is skipped.
    The reminder is recorded in the same transaction as the sending, so a failing mail server
    leaves it unrecorded (tried again next run) and a second run sends nothing twice."""
    today = today or timezone.localdate()
    period = workflow.period_of(today)
    by_keeper: dict[int, list[Service]] = defaultdict(list)
    for service in stale_services(today=today).filter(keeper_user__isnull=False,
                                                      keeper_user__is_active=True):
        by_keeper[service.keeper_user_id].append(service)
    done = set(KeeperReminder.objects.filter(period=period, keeper_id__in=list(by_keeper))
               .values_list("keeper_id", flat=True))
    keepers = User.objects.in_bulk([k for k in by_keeper if k not in done])
    if not dry_run and keepers and not settings.WIJKKRACHT_EMAIL_ENABLED:
        raise WijkkrachtError(_("Sending e-mail is not set up on this server "
                                "(WIJKKRACHT_SMTP_HOST)."))
    result = []
    connection = None if dry_run else get_connection()
    for keeper_id, keeper in sorted(keepers.items()):
        services = by_keeper[keeper_id]
        if not keeper.email:
            continue
        if dry_run:
            result.append(Reminder(keeper, services, sent=False))
            continue
        try:
            with transaction.atomic():
                KeeperReminder.objects.create(keeper=keeper, period=period,
                                              services=len(services))
                _reminder_message(keeper, services, base_url, connection).send()
        except IntegrityError:  # another run reminded this keeper just now
            continue
        result.append(Reminder(keeper, services, sent=True))
    return result

"""Writes of consent, meetings (MDO, schakelteam) and referrals, each kept as history and
logged in the access log.

Consent is the resident's, recorded per purpose and recipient; withdrawing keeps the record
and sets the date, and from that day the consent no longer counts. A referral out needs an
active consent "refer" for its recipient; a participant from another organisation in a
meeting needs an active consent "discuss in a meeting". Escalation to a broad team (Brede
Hoed) moves the case to "opgeschaald" and adds the broad team's coordinators to the case; the
way back moves it to "in behandeling" and takes that access away again.

As in ``services``: callers have checked ``access.allows`` (write) and obtained the case through
the scope; the functions here check what the data must satisfy and raise ``CaseInputError``
with Dutch messages keyed by the form field they belong beside.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db import transaction
from django.http import HttpRequest
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.utils.translation import gettext as _

from wijkkracht.accounts.models import Membership, Team, User
from wijkkracht.audit.models import Action
from wijkkracht.inputs import filetypes

from . import services
from .core import workflow
from .models import (
    Case,
    CaseDocument,
    CaseMember,
    Consent,
    Meeting,
    MeetingParticipant,
    Person,
    Referral,
)
from .services import CaseInputError, log_access, record_event


def _same(a: str, b: str) -> bool:
    return " ".join(a.split()).casefold() == " ".join(b.split()).casefold()


def _not_future(field: str, value: dt.date | None, errors: dict) -> None:
    if value is not None and value > timezone.localdate():
        errors.setdefault(field, []).append(_("This date lies in the future."))


def _raise(errors: dict) -> None:
    if errors:
        raise CaseInputError(errors)


# --- consent ------------------------------------------------------------------------------------

@transaction.atomic
def consent_record(case: Case, *, purpose: str, recipient: str, given_on: dt.date,
                   person: Person | None, user: User,
                   request: HttpRequest | None = None) -> Consent:
    """The resident's consent for ``purpose`` with ``recipient``, given by ``person`` (a member
    of the case's household)."""
    errors: dict[str | None, list[str]] = {}
    recipient = " ".join((recipient or "").split())
    if person is not None and person.household_id != case.household_id:
        errors["person"] = [_("Choose a member of this household.")]
    _not_future("given_on", given_on, errors)
    _raise(errors)
    consent = Consent(case=case, purpose=purpose, recipient=recipient, given_on=given_on,
                      person=person, recorded_by=user)
    services._validated(consent, exclude=["case", "recorded_by"])
    consent.save()
    record_event(case, user, "consent_given", {
        "consent": [None, f"{consent.get_purpose_display()}: {recipient}"],
        "given_on": [None, given_on.isoformat()]})
    log_access(Action.CREATE, "consent_record", case, request=request, user=user)
    return consent


@transaction.atomic
def consent_withdraw(case: Case, consent: Consent, *, withdrawn_on: dt.date, user: User,
                     request: HttpRequest | None = None) -> Consent:
    """Withdrawal keeps the record and sets its date; from then on it no longer counts."""
    errors: dict[str | None, list[str]] = {}
    if consent.case_id != case.pk:
        raise CaseInputError({None: [_("This consent belongs to another case.")]})
    if consent.withdrawn_on is not None:
        errors["withdrawn_on"] = [_("This consent was already withdrawn.")]
    elif withdrawn_on is None:
        errors["withdrawn_on"] = [_("Enter the date of the withdrawal.")]
    else:
        _not_future("withdrawn_on", withdrawn_on, errors)
        if withdrawn_on < consent.given_on:
            errors.setdefault("withdrawn_on", []).append(
                _("Consent cannot be withdrawn before it was given."))
    _raise(errors)
    Consent.unscoped.filter(pk=consent.pk).update(withdrawn_on=withdrawn_on)
    consent.withdrawn_on = withdrawn_on
    record_event(case, user, "consent_withdrawn", {
        "consent": [f"{consent.get_purpose_display()}: {consent.recipient}", None],
        "withdrawn_on": [None, withdrawn_on.isoformat()]})
    log_access(Action.UPDATE, "consent_withdraw", case, request=request, user=user)
    return consent


def active_consents(case: Case, purpose: str):
    """The consents for ``purpose`` that count today (not withdrawn)."""
    return Consent.unscoped.filter(case=case, purpose=purpose, withdrawn_on__isnull=True)


def _consent_problem(case: Case, consent: Consent | None, purpose: str,
                     recipients: tuple[str, ...]) -> str | None:
    """Why ``consent`` does not cover ``purpose`` with one of ``recipients``, or None."""
    if consent is None or consent.case_id != case.pk or consent.purpose != purpose:
        return "missing"
    if consent.withdrawn_on is not None:
        return "withdrawn"
    if not any(r and _same(consent.recipient, r) for r in recipients):
        return "recipient"
    return None


# --- referrals, escalation and the way back -----------------------------------------------------

@transaction.atomic
def referral_out(case: Case, *, to_organisation: str, reason: str, referred_on: dt.date,
                 consent: Consent | None, user: User, expected_version: int | None = None,
                 move: bool = False, request: HttpRequest | None = None) -> Referral:
    """A referral to specialised care; refused without the resident's active consent to refer
    to that organisation. With ``move`` the case goes to "doorverwezen"."""
    errors: dict[str | None, list[str]] = {}
    to_organisation = " ".join((to_organisation or "").split())
    if not to_organisation:
        errors["to_organisation"] = [_("Say to which organisation you refer.")]
    if not (reason or "").strip():
        errors["reason"] = [_("Give the reason for the referral.")]
    _not_future("referred_on", referred_on, errors)
    problem = _consent_problem(case, consent, Consent.Purpose.REFER, (to_organisation,))
    if problem == "missing":
        errors["consent"] = [_("A referral needs the resident's consent to refer. Record that "
                               "consent first, then choose it here.")]
    elif problem == "withdrawn":
        errors["consent"] = [_("This consent has been withdrawn; it no longer allows a "
                               "referral.")]
    elif problem == "recipient" and to_organisation:
        errors["consent"] = [_("This consent is for %(recipient)s, not for %(organisation)s.")
                             % {"recipient": consent.recipient,
                                "organisation": to_organisation}]
    if move and not workflow.can_move(case.status, workflow.REFERRED):
        errors["move"] = [_("A case cannot go from this status to that one.")]
    _raise(errors)
    referral = Referral.unscoped.create(case=case, kind=Referral.Kind.OUT,
                                        to_organisation=to_organisation, reason=reason.strip(),
                                        referred_on=referred_on, consent=consent)
    record_event(case, user, "referred", {"to": [None, to_organisation],
                                          "referred_on": [None, referred_on.isoformat()]})
    log_access(Action.CREATE, "referral_create", case, request=request, user=user)
    if move:
        services.case_move(case, workflow.REFERRED, expected_version=expected_version
                           if expected_version is not None else case.version, user=user,
                           request=request)
    return referral


def broad_teams():
    return Team.objects.filter(kind=Team.Kind.BREDE_HOED).select_related("organisation")


def _coordinators(team: Team) -> list[User]:
    return list(User.objects.filter(memberships__team=team, is_active=True,
                                    memberships__role=Membership.Role.COORDINATOR)
                .order_by("pk"))


@transaction.atomic
def escalate(case: Case, *, broad_team: Team, reason: str, referred_on: dt.date,
             expected_version: int, user: User,
             request: HttpRequest | None = None) -> Referral:
    """Escalation to a broad team: the case moves to "opgeschaald" and the broad team's
    coordinators are added to it as working on the case, so they see it."""
    errors: dict[str | None, list[str]] = {}
    if broad_team is None or broad_team.kind != Team.Kind.BREDE_HOED:
        errors["broad_team"] = [_("Choose a broad team (Brede Hoed).")]
    elif not _coordinators(broad_team):
        errors["broad_team"] = [_("This broad team has no coordinator who could receive the "
                                  "case.")]
    if not (reason or "").strip():
        errors["reason"] = [_("Give the reason for the escalation.")]
    _not_future("referred_on", referred_on, errors)
    if not workflow.can_move(case.status, workflow.ESCALATED):
        errors[None] = [_("A case cannot go from this status to that one.")]
    _raise(errors)
    services.case_move(case, workflow.ESCALATED, expected_version=expected_version, user=user,
                       request=request)
    referral = Referral.unscoped.create(case=case, kind=Referral.Kind.ESCALATION,
                                        to_team=broad_team, reason=reason.strip(),
                                        referred_on=referred_on)
    for coordinator in _coordinators(broad_team):
        if not CaseMember.unscoped.filter(case=case, user=coordinator).exists():
            services.member_add(case, coordinator, role=CaseMember.Role.WORKER, user=user,
                                request=request)
    record_event(case, user, "escalated", {"to": [None, broad_team.name]})
    log_access(Action.CREATE, "case_escalate", case, request=request, user=user)
    return referral


def open_escalation(case: Case) -> Referral | None:
    return (Referral.unscoped.filter(case=case, kind=Referral.Kind.ESCALATION,
                                     result__in=[Referral.Result.PENDING,
                                                 Referral.Result.ACCEPTED])
            .select_related("to_team").order_by("-referred_on", "-pk").first())


@transaction.atomic
def return_from_escalation(case: Case, *, reason: str, returned_on: dt.date,
                           expected_version: int, user: User,
                           request: HttpRequest | None = None) -> Referral:
    """Back from the broad team: the case goes to "in behandeling", the escalation is
    completed, and the broad team's coordinators added by it leave the case (unless they
    belong to the case's own team)."""
    errors: dict[str | None, list[str]] = {}
    escalation = open_escalation(case)
    if case.status != workflow.ESCALATED or escalation is None:
        errors[None] = [_("This case is not with a broad team.")]
    if not (reason or "").strip():
        errors["reason"] = [_("Say what the broad team decided or why the case comes back.")]
    _not_future("returned_on", returned_on, errors)
    if escalation is not None and returned_on is not None \
            and returned_on < escalation.referred_on:
        errors.setdefault("returned_on", []).append(
            _("The case cannot come back before it was escalated."))
    _raise(errors)
    services.case_move(case, workflow.IN_PROGRESS, expected_version=expected_version,
                       user=user, request=request)
    back = Referral.unscoped.create(case=case, kind=Referral.Kind.BACK,
                                    to_team=case.team, reason=reason.strip(),
                                    referred_on=returned_on,
                                    result=Referral.Result.COMPLETED, result_on=returned_on)
    Referral.unscoped.filter(pk=escalation.pk).update(result=Referral.Result.COMPLETED,
                                                      result_on=returned_on)
    own = set(Membership.objects.filter(team_id=case.team_id).values_list("user_id",
                                                                          flat=True))
    for coordinator in _coordinators(escalation.to_team):
        if coordinator.pk not in own and CaseMember.unscoped.filter(
                case=case, user=coordinator).exists():
            services.member_remove(case, coordinator, user=user, request=request)
    record_event(case, user, "returned", {"from": [escalation.to_team.name, None]})
    log_access(Action.CREATE, "case_return", case, request=request, user=user)
    return back


RESULTS = (Referral.Result.ACCEPTED, Referral.Result.REFUSED, Referral.Result.COMPLETED)


@transaction.atomic
def referral_result(case: Case, referral: Referral, *, result: str, result_on: dt.date | None,
                    user: User, request: HttpRequest | None = None) -> Referral:
    """What came of a referral out: accepted, refused or completed, with the date."""
    errors: dict[str | None, list[str]] = {}
    if referral.case_id != case.pk:
        raise CaseInputError({None: [_("This referral belongs to another case.")]})
    if referral.kind != Referral.Kind.OUT:
        errors[None] = [_("Only a referral to specialised care has a result to record.")]
    if result not in RESULTS:
        errors["result"] = [_("Choose the result.")]
    if result_on is None:
        errors["result_on"] = [_("Enter the date of the result.")]
    else:
        _not_future("result_on", result_on, errors)
        if result_on < referral.referred_on:
            errors.setdefault("result_on", []).append(
                _("The result cannot come before the referral."))
    _raise(errors)
    before = referral.get_result_display()
    Referral.unscoped.filter(pk=referral.pk).update(result=result, result_on=result_on)
    referral.result, referral.result_on = result, result_on
    record_event(case, user, "referral_result", {
        "result": [str(before), str(referral.get_result_display())],
        "to": [referral.to_organisation, referral.to_organisation]})
    log_access(Action.UPDATE, "referral_result", case, request=request, user=user)
    return referral


# --- meetings -----------------------------------------------------------------------------------

@dataclass
class ParticipantInput:
    name: str
    organisation: str = ""
    consent: Consent | None = None


def needs_consent(case: Case, organisation: str) -> bool:
    """A participant needs the resident's consent when they come from another organisation
    than the case's team (its own organisation or the team itself)."""
    organisation = " ".join((organisation or "").split())
    if not organisation:
        return False
    team = case.team
    return not (_same(organisation, team.organisation.name) or _same(organisation, team.name))


def check_participants(case: Case, participants: list[ParticipantInput]
                       ) -> dict[int, dict[str, list[str]]]:
    """Problems per participant (by position) and field; empty when all may take part."""
    problems: dict[int, dict[str, list[str]]] = {}
    for index, person in enumerate(participants):
        row: dict[str, list[str]] = {}
        if not person.name.strip():
            row["name"] = [_("Enter the participant's name.")]
        if needs_consent(case, person.organisation):
            problem = _consent_problem(case, person.consent, Consent.Purpose.MEETING,
                                       (person.organisation, person.name))
            if problem == "missing":
                row["consent"] = [_("Someone from another organisation takes part only with "
                                    "the resident's consent to discuss the case in a meeting. "
                                    "Record that consent first, then choose it here.")]
            elif problem == "withdrawn":
                row["consent"] = [_("This consent has been withdrawn; it no longer allows "
                                    "this participant.")]
            elif problem == "recipient":
                row["consent"] = [_("This consent is for %(recipient)s, not for "
                                    "%(organisation)s.")
                                  % {"recipient": person.consent.recipient,
                                     "organisation": person.organisation}]
        elif person.consent is not None and person.consent.case_id != case.pk:
            row["consent"] = [_("This consent belongs to another case.")]
        if row:
            problems[index] = row
    return problems


MEETING_FIELDS = ["kind", "held_on", "at_home", "agenda", "decisions", "resident_voice"]


class ParticipantError(CaseInputError):
    """Input errors of the meeting itself (``errors``) and of its participants (``rows``)."""

    def __init__(self, errors: dict, rows: dict[int, dict[str, list[str]]]):
        self.rows = rows
        super().__init__({**errors, **({None: [_("Please check the participants.")]}
                                       if rows and None not in errors else {})})


@transaction.atomic
def meeting_save(case: Case, meeting: Meeting | None, *, values: dict[str, Any],
                 participants: list[ParticipantInput], user: User,
                 request: HttpRequest | None = None) -> Meeting:
    """Record a meeting (``meeting`` None) or change one; its participants are replaced by
    ``participants``. Nothing is written when a participant lacks the consent needed."""
    rows = check_participants(case, participants)
    errors: dict[str | None, list[str]] = {}
    if meeting is not None and meeting.case_id != case.pk:
        raise CaseInputError({None: [_("This meeting belongs to another case.")]})
    is_new = meeting is None
    meeting = meeting or Meeting(case=case)
    before = {} if is_new else {**_meeting_shown(meeting),
                                "participants": _names(meeting.participants(manager="unscoped")
                                                       .all())}
    for field, value in values.items():
        setattr(meeting, field, value)
    try:
        services._validated(meeting, exclude=["case"])
    except CaseInputError as exc:
        errors.update(exc.errors)
    if errors or rows:
        raise ParticipantError(errors, rows)
    meeting.save()
    MeetingParticipant.unscoped.filter(meeting=meeting).delete()
    MeetingParticipant.unscoped.bulk_create([
        MeetingParticipant(meeting=meeting, name=p.name.strip(),
                           organisation=" ".join(p.organisation.split()), consent=p.consent)
        for p in participants])
    after = {**_meeting_shown(meeting),
             "participants": _names(participants)}
    from .core.history import changes

    record_event(case, user, "meeting_added" if is_new else "meeting_updated",
                 changes(before, after))
    log_access(Action.CREATE if is_new else Action.UPDATE,
               "meeting_create" if is_new else "meeting_update", case, request=request,
               user=user)
    return meeting


def _meeting_shown(meeting: Meeting) -> dict[str, Any]:
    """The meeting's fields as the history keeps them: choices and yes/no in words."""
    shown = services.snapshot(meeting, MEETING_FIELDS)
    shown["kind"] = str(meeting.get_kind_display())
    shown["at_home"] = _("yes") if meeting.at_home else _("no")
    return shown


def _names(participants) -> str:
    return ", ".join(f"{p.name} ({p.organisation})" if p.organisation else p.name
                     for p in participants)


# --- documents ----------------------------------------------------------------------------------

@transaction.atomic
def document_add(case: Case, *, name: str, content: bytes, description: str, user: User,
                 request: HttpRequest | None = None) -> CaseDocument:
    """Keep a document with the case: PDF, ODT, DOCX, PNG or JPEG, recognised by content."""
    limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
    if not content:
        raise CaseInputError({"file": [_("The file is empty.")]})
    if len(content) > limit:
        raise CaseInputError({"file": [
            _("The file is too large (%(size)s). The maximum is %(limit)s.")
            % {"size": filesizeformat(len(content)), "limit": filesizeformat(limit)}]})
    kind = filetypes.sniff(content)
    if kind is None:
        raise CaseInputError({"file": [
            _("This file is not a document Wijkkracht accepts. Choose a PDF, ODT or DOCX "
              "document, or a PNG or JPEG image.")]})
    document = CaseDocument(case=case, name=filetypes.safe_name(name, kind),
                            description=" ".join((description or "").split()),
                            content_type=kind, size=len(content),
                            sha256=hashlib.sha256(content).hexdigest(), content=content,
                            uploaded_by=user)
    services._validated(document, exclude=["case", "uploaded_by", "content"])
    document.save()
    record_event(case, user, "document_added", {"document": [None, document.name]})
    log_access(Action.CREATE, "document_add", case, request=request, user=user)
    return document

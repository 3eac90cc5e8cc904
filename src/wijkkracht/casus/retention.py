"""Retention of closed cases (AVG art. 5(1)(e)): after the period each gemeente sets in its
``CasePolicy`` (default 730 days), a closed case is deleted with everything it holds, or
anonymised: names, contact details, BSN, address and free text cleared, the wijk and buurt,
dates, codes and scores kept for the monitor. Households left without a case are deleted.

Run by ``manage.py casus_retention`` (daily), under ``scopes_disabled()``: retention sees every
case. Each run writes access-log records with counts only.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from wijkkracht.accounts.models import Organisation
from wijkkracht.audit import services as audit
from wijkkracht.audit.models import Action

from .models import (
    Assessment,
    BreakGlass,
    Case,
    CaseDocument,
    CaseEvent,
    CaseMember,
    CasePolicy,
    Consent,
    Goal,
    Household,
    Meeting,
    MeetingParticipant,
    NetworkMember,
    Person,
    Plan,
    PlanAction,
    Referral,
    Status,
    StatusChange,
)
from .scoping import scopes_disabled

DEFAULT_DAYS = CasePolicy._meta.get_field("retention_days").default
DEFAULT_AFTER = CasePolicy.AfterRetention.DELETE
ANONYMISED_NAME = "—"


@dataclass
class RetentionResult:
    """Counts per organisation: cases deleted, anonymised, households deleted."""

    dry_run: bool
    counts: dict[int, Counter] = field(default_factory=dict)

    def total(self, key: str) -> int:
        return sum(c[key] for c in self.counts.values())


def _policy(organisation: Organisation) -> tuple[int, str]:
    policy = CasePolicy.objects.filter(organisation=organisation).first()
    if policy is None:
        return DEFAULT_DAYS, DEFAULT_AFTER
    return policy.retention_days, policy.after_retention


def expired_cases(organisation: Organisation, today: dt.date):
    days, after = _policy(organisation)
    cases = Case.unscoped.filter(team__organisation=organisation, status=Status.CLOSED,
                                 closed_on__lt=today - dt.timedelta(days=days))
    if after == CasePolicy.AfterRetention.ANONYMISE:
        cases = cases.filter(anonymised_at__isnull=True)
    return cases, after


def _delete(case_ids: list[int]) -> None:
    from .jobs import forget

    forget(case_ids)
    # Rows that PROTECT a consent go first; the rest follows the case by CASCADE.
    Referral.unscoped.filter(case_id__in=case_ids).delete()
    MeetingParticipant.unscoped.filter(meeting__case_id__in=case_ids).delete()
    Case.unscoped.filter(pk__in=case_ids).delete()


def _delete_households(households) -> int:
    """Delete households (no case refers to them any more) with their members."""
    count = households.count()
    Person.unscoped.filter(household__in=households).delete()
    households.delete()
    return count


def erase_cases(case_ids: list[int]) -> Counter:
    """Delete these cases now, as the retention period would (AVG art. 17, erasure on the
    resident's request): the same deletion, and their households too once no case refers to
    them. Returns counts only (cases, households, persons)."""
    with scopes_disabled(), transaction.atomic():
        ids = list(Case.unscoped.filter(pk__in=case_ids).values_list("pk", flat=True))
        households = list(Case.unscoped.filter(pk__in=ids).values_list("household_id",
                                                                          flat=True).distinct())
        _delete(ids)
        empty = Household.unscoped.filter(pk__in=households).exclude(
            pk__in=Case.unscoped.values("household_id"))
        persons = Person.unscoped.filter(household__in=empty).count()
        return Counter(cases=len(ids), persons=persons, households=_delete_households(empty))


def _anonymise(case_ids: list[int], now) -> None:
    in_cases = Q(case_id__in=case_ids)
    Case.unscoped.filter(pk__in=case_ids).update(
        question="", question_behind="", closure_reason="", lead=None, created_by=None,
        anonymised_at=now, updated_at=now)
    # Whose names, words and history they hold: gone. Codes, dates and scores stay.
    for model in (CaseEvent, CaseMember, NetworkMember, BreakGlass, CaseDocument):
        model._base_manager.filter(in_cases).delete()
    MeetingParticipant.unscoped.filter(meeting__case_id__in=case_ids).delete()
    Meeting.unscoped.filter(in_cases).update(agenda="", decisions="", resident_voice="")
    Referral.unscoped.filter(in_cases).update(reason="")
    Consent.unscoped.filter(in_cases).update(recipient="", recorded_by=None)
    Plan.unscoped.filter(in_cases).update(resident_view="")
    Goal.unscoped.filter(plan__case_id__in=case_ids).update(text="")
    PlanAction.unscoped.filter(goal__plan__case_id__in=case_ids).update(text="", who_name="",
                                                                       owner=None)
    Assessment.unscoped.filter(in_cases).update(by=None)
    StatusChange.unscoped.filter(in_cases).update(by=None)
    households = Case.unscoped.filter(pk__in=case_ids).values("household_id")
    # A household with a case still in work keeps its details for that case.
    still_used = Case.unscoped.filter(household_id__in=households, anonymised_at__isnull=True)
    gone = Household.unscoped.filter(pk__in=households).exclude(
        pk__in=still_used.values("household_id"))
    Person.unscoped.filter(household__in=gone).update(
        given_name="", family_name="", date_of_birth=None, bsn="", phone="", email="")
    gone.update(name=ANONYMISED_NAME, street="", house_number="", postcode="", city="",
                phone="", email="")


def apply_retention(today: dt.date | None = None, *, dry_run: bool = False) -> RetentionResult:
    today = today or timezone.localdate()
    result = RetentionResult(dry_run=dry_run)
    now = timezone.now()
    with scopes_disabled(), transaction.atomic():
        organisations = Organisation.objects.filter(teams__cases__isnull=False).distinct()
        for organisation in organisations:
            cases, after = expired_cases(organisation, today)
            ids = list(cases.values_list("pk", flat=True))
            counts = Counter()
            if after == CasePolicy.AfterRetention.ANONYMISE:
                counts["anonymised"] = len(ids)
                if not dry_run:
                    _anonymise(ids, now)
            else:
                counts["deleted"] = len(ids)
                if not dry_run:
                    _delete(ids)
            # Households of this organisation's teams that no case refers to any more (in a
            # dry run: would refer to, once the expired cases are deleted).
            leaving = ids if dry_run and after == CasePolicy.AfterRetention.DELETE else []
            empty = Household.unscoped.filter(team__organisation=organisation).exclude(
                pk__in=Case.unscoped.exclude(pk__in=leaving).values("household_id"))
            counts["households"] = empty.count()
            if not dry_run:
                _delete_households(empty)
            result.counts[organisation.pk] = counts
            detail = (f"deleted:{counts['deleted']}.anonymised:{counts['anonymised']}"
                      f".households:{counts['households']}")
            audit.record(activity="casework", operation="case_retention_dry_run" if dry_run
                         else "case_retention", action=Action.EXECUTE if dry_run
                         else Action.DELETE, subject_type="organisation",
                         subject_id=organisation.pk, detail=detail)
    return result

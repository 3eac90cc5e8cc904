"""Writes for the resident's rights and the privacy officer's oversight: reviewing an emergency
access (NEN 7513 "noodprocedure"), restricting the processing of a case (AVG art. 18) and
erasing a closed case on request (AVG art. 17), each logged.

Callers have checked who may do this (the privacy officer; the team's coordinator).
"""

from __future__ import annotations

from collections import Counter

from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from wijkkracht.accounts.models import User
from wijkkracht.audit.models import Action

from . import retention
from .models import BreakGlass, Case
from .scoping import scopes_disabled
from .services import CaseInputError, log_access, record_event

REVIEW_NOTE_MAX = 1000

# AVG art. 17(1): the grounds on which a resident may ask for erasure. The code goes into the
# access log (no free text there).
ERASURE_GROUNDS = [
    ("art17_1a", gettext_lazy("the data are no longer needed for the purpose (art. 17(1)(a))")),
    ("art17_1b", gettext_lazy("the resident withdrew consent (art. 17(1)(b))")),
    ("art17_1c", gettext_lazy("the resident objected and no overriding ground applies "
                              "(art. 17(1)(c))")),
    ("art17_1d", gettext_lazy("the data were processed unlawfully (art. 17(1)(d))")),
    ("art17_1e", gettext_lazy("a legal obligation requires erasure (art. 17(1)(e))")),
]


@transaction.atomic
def emergency_review(access_id: int, *, user: User, note: str,
                     request: HttpRequest | None = None) -> None:
    """The privacy officer marks an emergency access as reviewed, with a note."""
    note = note.strip()
    if len(note) > REVIEW_NOTE_MAX:
        raise CaseInputError({"note": [_("Keep the note under %(max)d characters.")
                                       % {"max": REVIEW_NOTE_MAX}]})
    with scopes_disabled():
        access = (BreakGlass.objects.select_for_update().select_related("case")
                  .filter(pk=access_id).first())
        if access is None:
            raise CaseInputError({None: [_("This emergency access no longer exists.")]})
        if access.reviewed_at is not None:
            raise CaseInputError({None: [_("This emergency access has already been "
                                           "reviewed.")]})
        access.reviewed_at = timezone.now()
        access.reviewed_by = user
        access.review_note = note
        access.save(update_fields=["reviewed_at", "reviewed_by", "review_note"])
        log_access(Action.UPDATE, "break_glass_review", access.case, request=request,
                   user=user, detail="emergency")


@transaction.atomic
def restrict(case: Case, *, user: User, reason: str,
             request: HttpRequest | None = None) -> Case:
    """Restrict the processing of ``case`` (AVG art. 18): read-only for all but the
    coordinator, until lifted."""
    reason = reason.strip()
    if len(reason) < 5:
        raise CaseInputError({"reason": [_("Say why the processing is restricted.")]})
    now = timezone.now()
    Case.unscoped.filter(pk=case.pk).update(restricted_at=now, restricted_by=user,
                                            restriction_reason=reason, updated_at=now)
    case.restricted_at, case.restricted_by, case.restriction_reason = now, user, reason
    record_event(case, user, "restricted", {"restriction_reason": [None, reason]})
    log_access(Action.UPDATE, "case_restrict", case, request=request, user=user)
    return case


@transaction.atomic
def lift_restriction(case: Case, *, user: User, request: HttpRequest | None = None) -> Case:
    before = case.restriction_reason
    now = timezone.now()
    Case.unscoped.filter(pk=case.pk).update(restricted_at=None, restricted_by=None,
                                            restriction_reason="", updated_at=now)
    case.restricted_at, case.restricted_by, case.restriction_reason = None, None, ""
    record_event(case, user, "restriction_lifted", {"restriction_reason": [before, None]})
    log_access(Action.UPDATE, "case_restrict_lift", case, request=request, user=user)
    return case


@transaction.atomic
def erase(case: Case, *, user: User, ground: str,
          request: HttpRequest | None = None) -> Counter:
    """Erase a closed case now, at the resident's request, by the retention's own deletion;
    the access log keeps the ground and the counts, nothing else."""
    if ground not in dict(ERASURE_GROUNDS):
        raise CaseInputError({"ground": [_("Choose the ground for erasure.")]})
    if not case.is_closed:
        raise CaseInputError({None: [_("Only a closed case can be erased. Close the case "
                                       "first.")]})
    pk, household = case.pk, case.household_id
    counts = retention.erase_cases([pk])
    log_access(Action.DELETE, "case_erase", None, household_id=household, subject_id=pk,
               request=request, user=user,
               detail=f"{ground}.cases:{counts['cases']}.households:{counts['households']}"
                      f".persons:{counts['persons']}")
    return counts

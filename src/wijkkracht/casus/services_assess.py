"""Writing an assessment: one instrument scored at one measurement moment of a case, kept in the
case's history and logged.

Callers have checked ``access.allows(user, case, WRITE)``; this module checks what the data
must satisfy (every domain scored on the instrument's scale, a date neither in the future nor
before the signal) and raises ``CaseInputError`` naming the field at fault.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from wijkkracht.accounts.models import User
from wijkkracht.audit.models import Action

from .models import Assessment, Case, Instrument, Score
from .services import CaseInputError, log_access, record_event


def domain_field(code: str) -> str:
    """The name of a domain's field in forms and in ``CaseInputError.errors``."""
    return f"domain_{code}"


def instrument_usable(instrument: Instrument, case: Case) -> bool:
    """Shipped instruments, and the gemeente's own, for the case's team."""
    return instrument.is_active and instrument.organisation_id in (None,
                                                                   case.team.organisation_id)


def check_date(case: Case, assessed_on: dt.date | None) -> list[str]:
    if assessed_on is None:
        return [_("Enter the date of the assessment.")]
    if assessed_on > timezone.localdate():
        return [_("The date lies in the future. Enter the day the assessment was made.")]
    if assessed_on < case.signalled_on:
        return [_("The date lies before the signal (%(date)s). An assessment belongs to the "
                  "case, so it cannot be older than the case.")
                % {"date": date_format(case.signalled_on, "j F Y")}]
    return []


@transaction.atomic
def assessment_record(case: Case, *, instrument: Instrument, moment: str,
                      assessed_on: dt.date | None, scores: Mapping[str, int | None],
                      user: User, request: HttpRequest | None = None) -> Assessment:
    """Record ``instrument`` scored at ``moment`` on ``assessed_on``; ``scores`` maps every
    domain code to its level. All or nothing."""
    errors: dict[str | None, list[str]] = {}
    if not instrument_usable(instrument, case):
        errors["instrument"] = [_("This instrument cannot be used for this case.")]
    if moment not in Assessment.Moment.values:
        errors["moment"] = [_("Choose a measurement moment.")]
    if date_errors := check_date(case, assessed_on):
        errors["assessed_on"] = date_errors
    domains = list(instrument.domains.all())
    for domain in domains:
        value = scores.get(domain.code)
        if value is None:
            errors[domain_field(domain.code)] = [_("Score %(domain)s: every domain is scored.")
                                                 % {"domain": domain.name}]
        elif not instrument.scale_min <= value <= instrument.scale_max:
            errors[domain_field(domain.code)] = [_(
                "%(value)d is not a level of %(instrument)s: choose from %(min)d to %(max)d.")
                % {"value": value, "instrument": instrument.name, "min": instrument.scale_min,
                   "max": instrument.scale_max}]
    unknown = set(scores) - {d.code for d in domains}
    if unknown:
        errors[None] = [_("Scores for domains the instrument does not have were left out.")]
    if errors:
        raise CaseInputError(errors)
    assessment = Assessment.unscoped.create(case=case, instrument=instrument, moment=moment,
                                            assessed_on=assessed_on, by=user)
    Score.unscoped.bulk_create(Score(assessment=assessment, domain=d, value=scores[d.code])
                               for d in domains)
    record_event(case, user, "assessment", {"assessment": [None, " · ".join(
        [str(instrument), str(Assessment.Moment(moment).label), assessed_on.isoformat()])]})
    log_access(Action.CREATE, "assessment_create", case, request=request, user=user)
    return assessment

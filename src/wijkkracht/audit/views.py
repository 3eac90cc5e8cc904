"""The privacy officer's read-only view of the access log; every look at it is logged too."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET

from wijkkracht.accounts.permissions import can_view_audit_log

from . import display, services
from .forms import FilterForm
from .models import Action, ChainCheck, Outcome, ProcessingRecord
from .services import Problem

PAGE_SIZE = 50
ACTIVITY = "audit"
ROLE = "privacy_officer"
# Checked on every view (about 0.2 s); the whole chain is checked by audit_verify (cron), whose
# last result the page shows, with a warning when it is older than FULL_CHECK_DUE.
RECENT_RECORDS = 10_000
FULL_CHECK_DUE = dt.timedelta(days=2)

PROBLEM_TEXT = {
    services.Problem.HASH_MISMATCH: _("The content of record {sequence} was changed after it "
                                      "was written."),
    services.Problem.LINK_MISMATCH: _("Record {sequence} does not link to the record before "
                                      "it."),
    services.Problem.MISSING_RECORDS: _("Records are missing from {sequence} on, before their "
                                        "retention period ended."),
    services.Problem.HEAD_MISMATCH: _("The newest records do not match the end of the chain "
                                      "(from record {sequence})."),
    services.Problem.START_MISSING: _("The start of the chain is missing or was changed "
                                      "(record {sequence} should be the oldest)."),
    services.Problem.COUNT_MISMATCH: _("The number of records does not match what was added "
                                       "and purged after the retention period."),
    services.Problem.ANCHOR_MISMATCH: _("The chain does not continue the end recorded by the "
                                        "previous check (record {sequence}): the log was "
                                        "emptied, shortened or written anew."),
}


def _start_of(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


def in_period(records, form):
    """The records within the valid ``DateRangeForm``'s days (the last day included)."""
    if form.cleaned_data["date_from"]:
        records = records.filter(started_at__gte=_start_of(form.cleaned_data["date_from"]))
    if form.cleaned_data["date_to"]:
        end = form.cleaned_data["date_to"] + dt.timedelta(days=1)
        records = records.filter(started_at__lt=_start_of(end))
    return records


@require_GET
def index(request: HttpRequest) -> HttpResponse:
    """Newest records first, filtered by date range and activity, with the chain status."""
    if not can_view_audit_log(request.user):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        # A refused attempt to read the log is itself worth logging (NEN 7513).
        services.record(activity=ACTIVITY, operation="read", action=Action.READ,
                        outcome=Outcome.ERROR, detail="forbidden", subject_type="audit_log",
                        subject_id="", request=request)
        raise PermissionDenied

    activities = list(ProcessingRecord.objects.order_by("activity")
                      .values_list("activity", flat=True).distinct())
    form = FilterForm(request.GET or None, activities=display.activity_choices(activities))
    records = ProcessingRecord.objects.order_by("-sequence")
    if form.is_bound and form.is_valid():
        records = in_period(records, form)
        if form.cleaned_data["activity"]:
            records = records.filter(activity=form.cleaned_data["activity"])
    page = Paginator(records, PAGE_SIZE).get_page(request.GET.get("page"))
    shown = list(page.object_list)

    # Log exactly which records were shown (as a sequence range) before showing them.
    services.record(activity=ACTIVITY, operation="read", action=Action.READ,
                    subject_type="audit_log",
                    subject_id=f"{shown[-1].sequence}-{shown[0].sequence}" if shown else "",
                    request=request, role=ROLE)
    verification = services.verify_chain(newest=RECENT_RECORDS)
    full = ChainCheck.objects.first()
    return render(request, "audit/index.html", {
        "form": form, "page": page, "records": shown, "rows": display.describe(shown),
        "verification": verification,
        "problem": _problem(verification.reason, verification.broken_sequence),
        "full": full, "full_problem": _problem(full.reason, full.broken_sequence) if full else "",
        "stale": full is None or full.checked_at < timezone.now() - FULL_CHECK_DUE})


def _problem(reason: str | None, sequence: int | None) -> str:
    return str(PROBLEM_TEXT[Problem(reason)]).format(sequence=sequence) if reason else ""

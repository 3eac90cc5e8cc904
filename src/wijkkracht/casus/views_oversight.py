"""The privacy officer's oversight of casework (NEN 7513): the emergency accesses to review,
and "who looked at my file?" for one case (AVG art. 15). Only the privacy officer; every look
is logged, every refusal too.

Casework is read only through ``casus.selectors_avg`` (plain rows); the review is written by
``casus.services_avg``.
"""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from wijkkracht.accounts.permissions import can_view_audit_log
from wijkkracht.audit import display, services
from wijkkracht.audit.forms import DateRangeForm
from wijkkracht.audit.models import Action, Outcome, ProcessingRecord
from wijkkracht.audit.views import ACTIVITY, ROLE, in_period
from wijkkracht.inputs.forms import CleanTextMixin
from wijkkracht.inputs.numbers import parse_int

from . import selectors_avg, services_avg
from .services import CaseInputError
from .views import apply_errors

PAGE_SIZE = 100


class ReviewForm(CleanTextMixin, forms.Form):
    access = forms.IntegerField(widget=forms.HiddenInput)
    note = forms.CharField(label=gettext_lazy("Your note"), required=False,
                           max_length=services_avg.REVIEW_NOTE_MAX,
                           widget=forms.Textarea(attrs={"rows": 2}),
                           help_text=gettext_lazy("For example: justified, discussed with the "
                                                  "team; or: reported as an incident."))


class CaseSearchForm(forms.Form):
    nummer = forms.IntegerField(label=gettext_lazy("Case number"), min_value=1)


def _officer_only(request: HttpRequest, operation: str) -> HttpResponse | None:
    """None for the privacy officer; otherwise the sign-in page, or a logged refusal."""
    if can_view_audit_log(request.user):
        return None
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    services.record(activity=ACTIVITY, operation=operation, action=Action.READ,
                    outcome=Outcome.ERROR, detail="forbidden", subject_type="audit_log",
                    subject_id="", request=request)
    raise PermissionDenied


@never_cache
@require_http_methods(["GET", "POST"])
def emergency(request: HttpRequest) -> HttpResponse:
    """Every emergency access ("break the glass"), the unreviewed first; the officer marks
    one reviewed with a note."""
    if (refusal := _officer_only(request, "emergency_list")) is not None:
        return refusal
    form = None
    if request.method == "POST":
        form = ReviewForm(request.POST, prefix="r")
        if form.is_valid():
            try:
                services_avg.emergency_review(form.cleaned_data["access"], user=request.user,
                                              note=form.cleaned_data["note"], request=request)
            except CaseInputError as exc:
                apply_errors(exc, form)
            else:
                messages.success(request, _("The emergency access is marked as reviewed."))
                return redirect("toezicht:emergency")
    rows = selectors_avg.emergency_accesses()
    services.record(activity=ACTIVITY, operation="emergency_list", action=Action.READ,
                    subject_type="emergency_access",
                    subject_id=f"{min(r.pk for r in rows)}-{max(r.pk for r in rows)}"
                    if rows else "", request=request, role=ROLE)
    failed = parse_int(form["access"].value()) if form is not None and form.errors else None
    return render(request, "casus/oversight/emergency.html", {
        "rows": rows, "open": sum(1 for r in rows if r.reviewed_at is None),
        "form": form, "failed": failed, "search": CaseSearchForm()},
        status=400 if form is not None and form.errors else 200)


@never_cache
@require_GET
def case_search(request: HttpRequest) -> HttpResponse:
    """The search box: a case number leads to the case's access-log records."""
    if (refusal := _officer_only(request, "case_log_read")) is not None:
        return refusal
    form = CaseSearchForm(request.GET or None)
    if form.is_bound and form.is_valid():
        return redirect("toezicht:case_log", case=form.cleaned_data["nummer"])
    return render(request, "casus/oversight/case_search.html", {"search": form},
                  status=400 if form.errors else 200)


def _household_of(case_pk: int) -> tuple[int, str, tuple[int, ...]] | None:
    """The household a case number is about, its name and its case numbers: from the case,
    or, for a case erased since, from the access log's own records about it."""
    subject = selectors_avg.case_subject(case_pk)
    if subject is not None:
        return subject.household_id, subject.household, subject.case_ids
    participant = (ProcessingRecord.objects.filter(subject_type="case", subject_id=str(case_pk))
                   .exclude(participant="").order_by("-sequence")
                   .values_list("participant", flat=True).first())
    household = parse_int(participant.removeprefix("household:")) if participant else None
    return (household, "", (case_pk,)) if household else None


def about_household(household: int, case_ids: tuple[int, ...]):
    """The access-log records about a household: every record naming it, and the refused
    attempts at its cases (a refusal does not name whose case it was)."""
    return ProcessingRecord.objects.filter(
        Q(participant=f"household:{household}")
        | Q(participant="", subject_id__in=[str(pk) for pk in case_ids]),
        subject_type="case")


@never_cache
@require_GET
def case_log(request: HttpRequest, case: int) -> HttpResponse:
    """Who looked at this file? Every access-log record about the case's household, newest
    first, in words (NEN 7513 ch. 9)."""
    if (refusal := _officer_only(request, "case_log_read")) is not None:
        return refusal
    found = _household_of(case)
    if found is None:
        raise Http404
    household, name, case_ids = found
    records = about_household(household, case_ids)
    period = DateRangeForm({k: v for k, v in request.GET.items() if k != "pagina"} or None)
    if period.is_bound and period.is_valid():
        records = in_period(records, period)
    page = Paginator(records.order_by("-sequence"), PAGE_SIZE).get_page(
        parse_int(request.GET.get("pagina")) or 1)
    query = request.GET.copy()
    query.pop("pagina", None)
    shown = list(page.object_list)
    services.record(activity=ACTIVITY, operation="case_log_read", action=Action.READ,
                    subject_type="case", subject_id=case, participant=f"household:{household}",
                    request=request, role=ROLE)
    return render(request, "casus/oversight/case_log.html", {
        "case": case, "household": name, "page": page, "rows": display.describe(shown),
        "period": period, "query": query.urlencode(),
        "search": CaseSearchForm(initial={"nummer": case})})

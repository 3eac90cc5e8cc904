"""The resident's rights on a case: the inzage (AVG art. 15) as a printable page and a JSON
download, restricting the processing (art. 18) and erasing a closed case on request (art. 17).

The inzage is given by the case's fixed contact person or the team's coordinator; restriction
and erasure are the coordinator's. Every view and every refusal is logged; nothing is cached.
"""

from __future__ import annotations

import json

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from wijkkracht.audit.models import Action, Outcome
from wijkkracht.jobs import views as jobs

from . import access, selectors_avg, services_avg
from .forms_avg import EraseForm, RestrictForm
from .jobs import INZAGE
from .models import Case
from .services import CaseInputError, log_access
from .views import _one_case, apply_errors, case_or_refuse, case_view


def _inzage_case(request: HttpRequest, pk: int) -> Case:
    case = case_or_refuse(request, pk)
    if not access.may_give_inzage(request.user, case):
        log_access(Action.READ, "case_inzage", case, request=request, outcome=Outcome.ERROR,
                   detail="forbidden")
        raise PermissionDenied
    return case


@case_view("GET")
@_one_case
def inzage(request: HttpRequest, pk: int) -> HttpResponse:
    """Everything stored about the household, to print or save for the resident."""
    case = _inzage_case(request, pk)
    sections = selectors_avg.inzage(request.user, case)
    log_access(Action.READ, "inzage_print", case, request=request)
    return render(request, "casus/inzage.html", {
        "case": case, "sections": sections, "made_at": timezone.now()})


@case_view("GET")
@_one_case
def inzage_json(request: HttpRequest, pk: int) -> HttpResponse:
    """The same, machine-readable (AVG art. 15(3), 20)."""
    case = _inzage_case(request, pk)
    log_access(Action.READ, "inzage_export", case, request=request)
    return jobs.start(request, INZAGE, {"case": case.pk},
                      back=reverse("casus:case_detail", args=[case.pk]))


def inzage_file(user, case: Case) -> bytes:
    """The inzage as JSON: every section of :func:`selectors_avg.inzage`."""
    sections = selectors_avg.inzage(user, case)
    body = {"format": "wijkkracht-inzage-1", "case": case.pk,
            "made_at": timezone.now().isoformat(),
            "sections": {s.key: s.as_json() for s in sections}}
    return json.dumps(body, ensure_ascii=False, indent=2).encode("utf-8")


@case_view("GET", "POST")
@_one_case
def restriction(request: HttpRequest, pk: int) -> HttpResponse:
    """The coordinator restricts the processing of the case, or lifts the restriction."""
    case = case_or_refuse(request, pk, access.MANAGE)
    data = request.POST if request.method == "POST" else None
    if data is not None and "lift" in data:
        if case.is_restricted:
            services_avg.lift_restriction(case, user=request.user, request=request)
            messages.success(request, _("The restriction has been lifted."))
        return redirect("casus:case_detail", pk=case.pk)
    form = RestrictForm(data)
    if data is not None and form.is_valid():
        try:
            services_avg.restrict(case, user=request.user, reason=form.cleaned_data["reason"],
                                  request=request)
        except CaseInputError as exc:
            apply_errors(exc, form)
        else:
            messages.success(request, _("The processing of this case is now restricted."))
            return redirect("casus:case_detail", pk=case.pk)
    if data is None:
        log_access(Action.READ, "case_read", case, request=request)
    return render(request, "casus/restriction.html", {"case": case, "form": form},
                  status=400 if form.errors else 200)


@case_view("GET", "POST")
@_one_case
def erase(request: HttpRequest, pk: int) -> HttpResponse:
    """The coordinator erases a closed case at the resident's request, after confirming."""
    case = case_or_refuse(request, pk, access.MANAGE)
    data = request.POST if request.method == "POST" else None
    form = EraseForm(data)
    if data is not None and form.is_valid():
        try:
            counts = services_avg.erase(case, user=request.user,
                                        ground=form.cleaned_data["ground"], request=request)
        except CaseInputError as exc:
            apply_errors(exc, form)
        else:
            messages.success(request, _("The case has been erased, and the household with it.")
                             if counts["households"] else
                             _("The case has been erased; the household stays for its other "
                               "case."))
            return redirect("casus:case_list")
    elif data is not None and not case.is_closed:
        form.add_error(None, _("Only a closed case can be erased. Close the case first."))
    if data is None:
        log_access(Action.READ, "case_read", case, request=request)
    return render(request, "casus/erase.html", {"case": case, "form": form},
                  status=400 if form.errors else 200)

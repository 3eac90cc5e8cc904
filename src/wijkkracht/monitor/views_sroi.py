"""SROI pages: the organisation's initiatives, the value map form, the result with its reading,
and the report as PDF, CSV and XLSX. Thin: reads through ``selectors_sroi``, writes through
``services_sroi``, arithmetic in ``stats.sroi``. For the organisation's analysts and
coordinators (``accounts.permissions.sroi_organisations``); another organisation's initiative is
not found (404)."""

from __future__ import annotations

from functools import lru_cache
from importlib.resources import files

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from wijkkracht.accounts.permissions import can_edit_sroi, sroi_organisations
from wijkkracht.errors import WijkkrachtError
from wijkkracht.exports.spreadsheet import csv_text
from wijkkracht.exports.workbook import xlsx_bytes
from wijkkracht.jobs import views as jobs
from wijkkracht.jobs.registry import Output
from wijkkracht.stats import sroi

from . import services_sroi
from .forms_sroi import STAKEHOLDER_LIST, ValueMapForm
from .models_sroi import SroiInitiative
from .report_sroi import SroiReport
from .selectors_sroi import (
    indicator_choices,
    sroi_initiative_get,
    sroi_initiatives,
    value_map_of,
    value_map_rows,
)


def _organisations(request: HttpRequest) -> list:
    organisations = list(sroi_organisations(request.user))
    if not organisations:
        raise PermissionDenied
    return organisations


def _initiative(request: HttpRequest, pk: int) -> SroiInitiative:
    _organisations(request)
    initiative = sroi_initiative_get(request.user, pk)
    if initiative is None:
        raise Http404
    return initiative


def _report(initiative: SroiInitiative) -> tuple[SroiReport | None, list[sroi.Problem]]:
    value_map = value_map_of(initiative)
    try:
        return SroiReport(value_map, sroi.compute(value_map)), []
    except sroi.InvalidValueMap as error:
        return None, list(error.problems)


@login_required
@require_GET
def sroi_list(request: HttpRequest) -> HttpResponse:
    organisations = _organisations(request)
    initiatives = list(sroi_initiatives(request.user).order_by("organisation__name", "name"))
    return render(request, "monitor/sroi_list.html", {
        "initiatives": initiatives, "several": len(organisations) > 1})


def _form_page(request: HttpRequest, initiative: SroiInitiative | None) -> HttpResponse:
    organisations = ([initiative.organisation] if initiative is not None
                     else _organisations(request))
    indicators = indicator_choices(organisations)
    initial = value_map_rows(initiative) if initiative is not None else None
    form = ValueMapForm(request.POST if request.method == "POST" else None, initial=initial,
                        organisations=organisations if initiative is None else (),
                        indicators=indicators)
    if request.method == "POST" and form.is_valid():
        head, stakeholders, inputs, outcomes = form.rows
        organisation = (initiative.organisation if initiative is not None else next(
            (o for o in organisations if o.pk == head.get("organisation")), organisations[0]))
        if not can_edit_sroi(request.user, organisation):
            raise PermissionDenied
        try:
            saved = services_sroi.sroi_save(
                organisation=organisation, initiative=initiative, head=head,
                stakeholders=stakeholders, inputs=inputs, outcomes=outcomes,
                user=request.user)
        except sroi.InvalidValueMap as error:  # the form checked the same: only on a race
            for problem in error.problems:
                form.section_errors.setdefault("map", []).append(problem.message)
        else:
            messages.success(request, _("The value map has been saved."))
            return redirect("monitor:sroi_detail", pk=saved.pk)
    return render(request, "monitor/sroi_form.html", {
        "initiative": initiative, "form": form, "datalist_id": STAKEHOLDER_LIST},
        status=400 if form.is_bound else 200)


@login_required
@never_cache
@require_http_methods(["GET", "POST"])
def sroi_create(request: HttpRequest) -> HttpResponse:
    return _form_page(request, None)


@login_required
@never_cache
@require_http_methods(["GET", "POST"])
def sroi_edit(request: HttpRequest, pk: int) -> HttpResponse:
    return _form_page(request, _initiative(request, pk))


@login_required
@require_GET
def sroi_detail(request: HttpRequest, pk: int) -> HttpResponse:
    initiative = _initiative(request, pk)
    report, problems = _report(initiative)
    return render(request, "monitor/sroi_detail.html", {
        "initiative": initiative, "report": report, "problems": problems})


@lru_cache(maxsize=1)
def report_css() -> str:
    """The shared report styles (as the wijkfoto and netwerkscan reports) for the PDF."""
    return (files("wijkkracht.wijkfoto") / "static" / "wijkfoto" / "report.css").read_text(
        "utf-8")


def _download_name(initiative: SroiInitiative, suffix: str) -> str:
    return f"sroi-{slugify(initiative.name) or initiative.pk}-{suffix}"


def _computed(request: HttpRequest, pk: int) -> tuple[SroiInitiative, SroiReport]:
    initiative = _initiative(request, pk)
    report, _problems = _report(initiative)
    if report is None:  # the page says what is wrong
        raise Http404
    return initiative, report


SROI_JOB = "monitor.sroi_pdf"


@login_required
@require_GET
def sroi_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    """Asks for the report as PDF, made in the background and offered on the job's page."""
    initiative = _computed(request, pk)[0]  # 404 when there is nothing to report
    return jobs.start(request, SROI_JOB, {"initiative": initiative.pk},
                      back=reverse("monitor:sroi_detail", args=[initiative.pk]))


def sroi_pdf_job(params: dict, owner, progress) -> Output:
    from wijkkracht.reports.pdf import html_to_pdf

    initiative = sroi_initiative_get(owner, params["initiative"])
    report = _report(initiative)[0] if initiative is not None else None
    if report is None:
        raise WijkkrachtError(_("This value map is no longer there for you, or it "
                                      "cannot be computed now."))
    progress(40, _("Making the PDF"))
    html = render_to_string("monitor/sroi_report_pdf.html", {
        "initiative": initiative, "report": report, "css": report_css()})
    return Output(html_to_pdf(html), _download_name(initiative, "rapport.pdf"),
                  "application/pdf")


@login_required
@require_GET
def sroi_csv(request: HttpRequest, pk: int) -> HttpResponse:
    initiative, report = _computed(request, pk)
    response = HttpResponse(csv_text(*report.csv_rows()), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = (
        f'attachment; filename="{_download_name(initiative, "waardekaart.csv")}"')
    return response


@login_required
@require_GET
def sroi_xlsx(request: HttpRequest, pk: int) -> HttpResponse:
    initiative, report = _computed(request, pk)
    response = HttpResponse(
        xlsx_bytes(report.sheets()),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    response["Content-Disposition"] = (
        f'attachment; filename="{_download_name(initiative, "waardekaart.xlsx")}"')
    return response

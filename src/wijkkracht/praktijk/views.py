"""Pages of the praktijkbank. Public: the list with search and filters, a practice, its PDF,
its attachments and the open data, only for published practices. Signed-in team members:
add a practice; the owner and the owner organisation: edit, attachments, publish. Reads
through ``selectors``, writes through ``services``; an unpublished practice of someone else is
not found (404), never "forbidden", so its existence does not leak."""

from __future__ import annotations

import json
from functools import lru_cache
from importlib.resources import files

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from wijkkracht.accounts.permissions import can_create_practice
from wijkkracht.exports.spreadsheet import csv_text

from . import selectors, services
from .forms import AttachmentForm, PracticeForm, SearchForm
from .models import Attachment, Practice
from .opendata import CSV_COLUMNS, csv_rows, record


def _user(request: HttpRequest):
    return request.user if request.user.is_authenticated else None


def _practice(request: HttpRequest, pk: int) -> Practice:
    practice = selectors.practice_get(_user(request), pk)
    if practice is None:
        raise Http404
    return practice


def _editable(request: HttpRequest, pk: int) -> Practice:
    practice = _practice(request, pk)
    if not selectors.may_edit(_user(request), practice):
        raise PermissionDenied
    return practice


def _filtered(practices: list[Practice], data: dict) -> list[Practice]:
    out = []
    for p in practices:
        if data.get("principle") and data["principle"] not in (p.principles or []):
            continue
        if data.get("target_group") and data["target_group"] not in (p.target_groups or []):
            continue
        if data.get("gemeente") and p.gemeente_code != data["gemeente"]:
            continue
        if data.get("status") and p.status != data["status"]:
            continue
        if data.get("measured") and not selectors.has_measured_results(p):
            continue
        out.append(p)
    return out


@require_GET
def practice_list(request: HttpRequest) -> HttpResponse:
    """Search and filters; public visitors see published practices only."""
    form = SearchForm(request.GET or None)
    data = form.cleaned_data if form.is_bound and form.is_valid() else {}
    practices = _filtered(list(selectors.visible_practices(_user(request))), data)
    found = selectors.search_practices(practices, data.get("q", ""), data.get("wijk", ""))
    rows = [{"practice": p, "hit": h,
             "principles": selectors.principle_names(p.principles or []),
             "target_groups": selectors.target_group_names(p.target_groups or [])}
            for p, h in found]
    return render(request, "praktijk/list.html", {
        "form": form, "rows": rows, "searched": bool(data),
        "may_create": _user(request) is not None and can_create_practice(request.user)})


def _detail_context(request: HttpRequest, practice: Practice) -> dict:
    return {"practice": practice,
            "principles": [p for c in practice.principles or []
                           if (p := selectors.vocabulary().principle(c))],
            "target_groups": selectors.target_group_names(practice.target_groups or []),
            "results": selectors.practice_results(practice),
            "attachments": list(practice.attachments.only(
                "pk", "name", "description", "size", "content_type", "practice_id")),
            "may_edit": selectors.may_edit(_user(request), practice)}


@require_GET
def practice_detail(request: HttpRequest, pk: int) -> HttpResponse:
    practice = _practice(request, pk)
    return render(request, "praktijk/detail.html", _detail_context(request, practice))


def _choices(organisation_id: int | None) -> dict:
    from wijkkracht.monitor.selectors import indicator_choices_builtin
    from wijkkracht.monitor.selectors_sroi import sroi_initiative_choices

    return {"indicators": indicator_choices_builtin(),
            "value_maps": sroi_initiative_choices([organisation_id] if organisation_id else [])}


def _errors_to_form(form: PracticeForm, exc: services.PracticeError) -> None:
    for field, problems in exc.errors.items():
        for problem in problems:
            form.add_error(field if field in form.fields else None, problem)


@login_required
@require_http_methods(["GET", "POST"])
def practice_create(request: HttpRequest) -> HttpResponse:
    if not can_create_practice(request.user):
        raise PermissionDenied
    home = services.home_organisation(request.user)
    form = PracticeForm(request.POST or None, **_choices(home.pk if home else None))
    if request.method == "POST" and form.is_valid():
        try:
            practice = services.practice_save(request.user, form.values())
        except services.PracticeError as exc:
            _errors_to_form(form, exc)
        else:
            messages.success(request, _("The practice is saved. It is not published yet."))
            return redirect("praktijk:detail", practice.pk)
    return render(request, "praktijk/form.html", {"form": form, "practice": None})


@login_required
@require_http_methods(["GET", "POST"])
def practice_edit(request: HttpRequest, pk: int) -> HttpResponse:
    practice = _editable(request, pk)
    choices = _choices(practice.organisation_id)
    if request.method == "GET":
        form = PracticeForm(initial=PracticeForm.initial_of(practice), **choices)
        return render(request, "praktijk/form.html", {"form": form, "practice": practice})
    form = PracticeForm(request.POST, **choices)
    conflict = None
    if form.is_valid():
        try:
            services.practice_save(request.user, form.values(), practice=practice,
                                   expected_version=form.cleaned_data.get("version"))
        except services.PracticeError as exc:
            _errors_to_form(form, exc)
        except services.EditConflict as exc:
            # Keep what the user typed; the next save is a deliberate choice over the
            # stored version, so the form now carries that version.
            conflict = exc.current
            data = request.POST.copy()
            data["version"] = str(conflict.version)
            form = PracticeForm(data, **choices)
            form.is_valid()
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("The changes are saved."))
            return redirect("praktijk:detail", practice.pk)
    return render(request, "praktijk/form.html", {"form": form, "practice": practice,
                                                  "conflict": conflict})


@login_required
@require_http_methods(["GET", "POST"])
def attachments(request: HttpRequest, pk: int) -> HttpResponse:
    practice = _editable(request, pk)
    form = AttachmentForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        if upload.size > services.MAX_ATTACHMENT_BYTES:
            form.add_error("file", _("The file is larger than 10 MB. Make it smaller, for "
                                     "example by saving it as a PDF."))
        else:
            try:
                services.attachment_add(request.user, practice, upload.name, upload.read(),
                                        form.cleaned_data.get("description", ""))
            except services.PracticeError as exc:
                _errors_to_form(form, exc)
            else:
                messages.success(request, _("The file is added."))
                return redirect("praktijk:attachments", practice.pk)
    return render(request, "praktijk/attachments.html", {
        "practice": practice, "form": form, "attachments": list(practice.attachments.all())})


@require_GET
def attachment_download(request: HttpRequest, pk: int, attachment_pk: int) -> HttpResponse:
    practice = _practice(request, pk)
    attachment = Attachment.objects.filter(pk=attachment_pk, practice=practice).first()
    if attachment is None:
        raise Http404
    response = HttpResponse(bytes(attachment.content), content_type=attachment.content_type)
    response["Content-Disposition"] = f'attachment; filename="{attachment.name}"'
    response["X-Content-Type-Options"] = "nosniff"
    return response


@lru_cache(maxsize=1)
def report_css() -> str:
    """The shared report styles (a static asset, as the SROI and netwerkscan reports use)."""
    return (files("wijkkracht.wijkfoto") / "static" / "wijkfoto" / "report.css").read_text(
        "utf-8")


@require_GET
def practice_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    from wijkkracht.reports.pdf import html_to_pdf

    practice = _practice(request, pk)
    html = render_to_string("praktijk/practice_pdf.html",
                            {**_detail_context(request, practice), "css": report_css()},
                            request=request)
    response = HttpResponse(html_to_pdf(html), content_type="application/pdf")
    name = slugify(practice.title)[:60] or "praktijk"
    response["Content-Disposition"] = f'attachment; filename="{name}.pdf"'
    return response


def _set_public(request: HttpRequest, pk: int, public: bool) -> HttpResponse:
    practice = _editable(request, pk)
    if public:
        services.publish(request.user, practice)
        messages.success(request, _("The practice is published: everyone can read it now."))
    else:
        services.unpublish(request.user, practice)
        messages.success(request, _("The practice is no longer published."))
    return redirect("praktijk:detail", practice.pk)


@login_required
@require_POST
def publish(request: HttpRequest, pk: int) -> HttpResponse:
    return _set_public(request, pk, True)


@login_required
@require_POST
def unpublish(request: HttpRequest, pk: int) -> HttpResponse:
    return _set_public(request, pk, False)


@require_GET
def open_data_json(request: HttpRequest) -> HttpResponse:
    """Every published practice, as documented in docs/praktijkbank.md."""
    records = [record(p) for p in selectors.public_practices().order_by("pk")]
    body = json.dumps({"schema": "docs/praktijkbank.md", "practices": records},
                      ensure_ascii=False, indent=1)
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    response["Access-Control-Allow-Origin"] = "*"
    return response


@require_GET
def open_data_csv(request: HttpRequest) -> HttpResponse:
    rows = csv_rows(selectors.public_practices().order_by("pk"))
    response = HttpResponse(csv_text(CSV_COLUMNS, rows), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="praktijkbank.csv"'
    return response


"""The coordinator's pages: scans, participants, links, imports, moments and results.

Thin: permissions come from ``accounts.permissions``, writes from ``services`` and
``imports``, reads from ``selectors``. Every page that shows names writes an access-log record.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from wijkkracht.accounts import permissions
from wijkkracht.audit.models import Action, Outcome
from wijkkracht.errors import WijkkrachtError
from wijkkracht.inputs.numbers import parse_int
from wijkkracht.jobs import views as jobs
from wijkkracht.jobs.registry import Output

from . import handouts, imports, mailing, selectors, services, snapshot
from .forms import MomentForm, ParticipantForm, ScanForm, UploadForm, submitted
from .imports import CsvImportError
from .models import Moment, NetwerkScan, Participant
from .report import report_html, report_pdf
from .report.export import metrics_csv
from .reports import scan_report
from .services import MomentOverlap, NetwerkInputError, log_access

CHECKS = {
    "manage": permissions.can_manage_netwerkscan,
    "named": permissions.can_view_netwerkscan_named,
    "anonymous": permissions.can_view_netwerkscan_anonymous,
}
LEVELS = (1, 2, 3, 4)
DEFAULT_LEVEL = 2  # "heb het nummer": the seeds' question whether professionals can reach
CONTENT_TYPES = {"html": "text/html; charset=utf-8", "pdf": "application/pdf",
                 "csv": "text/csv; charset=utf-8"}


def _allowed(request: HttpRequest, scan: NetwerkScan, need: str) -> NetwerkScan:
    """The scan if the user may do ``need`` with it; a refusal is logged, then 403."""
    if not CHECKS[need](request.user, scan.team):
        log_access(Action.READ, f"scan_{need}", "netwerkscan", scan.pk, request=request,
                   outcome=Outcome.ERROR, detail="forbidden")
        raise PermissionDenied
    return scan


def _scan(request: HttpRequest, pk: int, need: str) -> NetwerkScan:
    return _allowed(request, get_object_or_404(NetwerkScan.objects.select_related("team"),
                                               pk=pk), need)


def _moment(request: HttpRequest, pk: int) -> Moment:
    moment = get_object_or_404(Moment.objects.select_related("scan__team"), pk=pk)
    _allowed(request, moment.scan, "manage")
    return moment


@login_required
@require_GET
def scan_list(request: HttpRequest) -> HttpResponse:
    scans = list(selectors.scans_visible_to(request.user))
    coordinated = set(permissions.netwerkscan_coordinated_teams(request.user)
                      .values_list("pk", flat=True))
    names = selectors.area_names(c for s in scans for c in s.area_codes)
    return render(request, "netwerk/scan_list.html", {
        "rows": [(s, s.team_id in coordinated, [names[c] for c in s.area_codes]) for s in scans],
        "may_create": bool(coordinated),
        "out_of_reach": selectors.teams_with_scans_out_of_reach(request.user)})


@login_required
@require_http_methods(["GET", "POST"])
def scan_create(request: HttpRequest) -> HttpResponse:
    teams = permissions.netwerkscan_coordinated_teams(request.user)
    if not teams.exists():
        raise PermissionDenied
    form = ScanForm(teams, submitted(request))
    if request.method == "POST" and form.is_valid():
        try:
            scan = services.scan_create(
                team=form.cleaned_data["team"], name=form.cleaned_data["name"],
                area_codes=form.cleaned_data["area_codes"], closes_at=form.closes_at(),
                user=request.user, request=request)
        except NetwerkInputError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("The scan has been created with moment T0. Now add "
                                        "the participants."))
            return redirect("netwerk:scan_detail", pk=scan.pk)
    return render(request, "netwerk/scan_form.html", {"form": form},
                  status=400 if form.errors else 200)


@never_cache
@login_required
@require_GET
def scan_detail(request: HttpRequest, pk: int) -> HttpResponse:
    scan = _scan(request, pk, "named")
    state = selectors.scan_state(scan)
    log_access(Action.READ, "participants_read", "netwerkscan", scan.pk, request=request,
               role="coordinator")
    return render(request, "netwerk/scan_detail.html", {
        "scan": scan, "state": state, "moment_form": MomentForm(),
        "areas": selectors.scan_area_names(scan),
        "link_formats": [("", _("on screen")),
                         ("csv", _("as a CSV file for a mail merge (Excel, Word)")),
                         ("brieven", _("as letters to print, with a QR code")),
                         ("pdf", _("as letters in a PDF, with a QR code"))],
        # the same, short enough for a select on a phone
        "link_formats_short": [("", _("on screen")), ("csv", _("CSV for a mail merge")),
                               ("brieven", _("letters to print")),
                               ("pdf", _("letters as PDF"))],
        "mail_enabled": settings.WIJKKRACHT_EMAIL_ENABLED,
        "with_email": sum(1 for p in state.participants if p.email)})


@login_required
@require_http_methods(["GET", "POST"])
def participant_add(request: HttpRequest, pk: int) -> HttpResponse:
    """One participant by hand; on an error every typed value stays in the form."""
    scan = _scan(request, pk, "manage")
    form = ParticipantForm(submitted(request))
    if request.method == "POST" and form.is_valid():
        try:
            services.participants_add(scan, [services.participant_build(scan, **form.cleaned_data)],
                                      user=request.user, request=request)
        except NetwerkInputError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("%(name)s was added.")
                             % {"name": form.cleaned_data["display_name"]})
            return redirect("netwerk:scan_detail", pk=scan.pk)
    return render(request, "netwerk/participant_form.html", {"scan": scan, "form": form},
                  status=400 if form.errors else 200)


@login_required
@require_http_methods(["GET", "POST"])
def participants_upload(request: HttpRequest, pk: int) -> HttpResponse:
    scan = _scan(request, pk, "manage")
    form = UploadForm(submitted(request), request.FILES if request.method == "POST" else None)
    problems: list = []
    if request.method == "POST" and form.is_valid():
        try:
            result = imports.participants_import(scan, form.content(), user=request.user,
                                                 request=request)
        except CsvImportError as exc:
            problems = exc.problems
        except NetwerkInputError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, ngettext(
                "%(count)d participant was added.", "%(count)d participants were added.",
                result.created) % {"count": result.created})
            return redirect("netwerk:scan_detail", pk=scan.pk)
    return render(request, "netwerk/upload.html", {
        "scan": scan, "form": form, "problems": problems, "kind": "participants",
        "columns": imports.PARTICIPANT_COLUMNS, "required": imports.PARTICIPANT_REQUIRED},
        status=400 if (form.errors or problems) else 200)


@login_required
@require_http_methods(["GET", "POST"])
def answers_upload(request: HttpRequest, pk: int) -> HttpResponse:
    moment = _moment(request, pk)
    form = UploadForm(submitted(request), request.FILES if request.method == "POST" else None)
    problems: list = []
    if request.method == "POST" and form.is_valid():
        try:
            result = imports.answers_import(moment, form.content(), user=request.user,
                                            request=request)
        except CsvImportError as exc:
            problems = exc.problems
        else:
            messages.success(request, ngettext(
                "%(count)d answer was added to %(moment)s.",
                "%(count)d answers were added to %(moment)s.", result.created)
                % {"count": result.created, "moment": moment.label})
            return redirect("netwerk:scan_detail", pk=moment.scan_id)
    return render(request, "netwerk/upload.html", {
        "scan": moment.scan, "moment": moment, "form": form, "problems": problems,
        "kind": "answers", "columns": imports.ANSWER_COLUMNS,
        "required": imports.ANSWER_REQUIRED},
        status=400 if (form.errors or problems) else 200)


@login_required
@require_http_methods(["GET", "POST"])
def participant_withdraw(request: HttpRequest, pk: int, participant: int) -> HttpResponse:
    scan = _scan(request, pk, "manage")
    person = get_object_or_404(Participant, pk=participant, scan=scan,
                               withdrawn_at__isnull=True)
    if request.method == "POST":
        services.participant_withdraw(person, user=request.user, request=request)
        messages.success(request, _("The participant has been withdrawn; their answers and "
                                    "the answers about them have been removed."))
        return redirect("netwerk:scan_detail", pk=scan.pk)
    # The confirmation shows the participant's name: a read of personal data.
    log_access(Action.READ, "participant_read", "participant", person.pk, request=request,
               role="coordinator")
    return render(request, "netwerk/participant_withdraw.html",
                  {"scan": scan, "person": person})


@login_required
@require_http_methods(["GET", "POST"])
def moment_create(request: HttpRequest, pk: int) -> HttpResponse:
    scan = _scan(request, pk, "manage")
    form = MomentForm(submitted(request))
    if request.method == "POST" and form.is_valid():
        try:
            moment = services.moment_create(
                scan, closes_at=form.closes_at(), user=request.user, request=request,
                allow_overlap=form.cleaned_data["confirm_overlap"])
        except MomentOverlap as exc:
            form.add_error("confirm_overlap", str(exc))
        except NetwerkInputError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("Moment %(label)s has been added. Make the survey "
                                        "links for it.") % {"label": moment.label})
            return redirect("netwerk:scan_detail", pk=scan.pk)
    running = scan.moments.filter(status=Moment.Status.OPEN,
                                  closes_at__gt=timezone.now()).order_by("opens_at").first()
    return render(request, "netwerk/moment_form.html",
                  {"scan": scan, "form": form, "running": running},
                  status=400 if form.errors else 200)


# How the links of moment_links come out: on screen, or in the same step as a CSV for a mail
# merge or as letters (they cannot be made later: only the links' hashes are kept).
LINK_FORMATS = {"csv": "csv", "brieven": "letters", "pdf": "letters_pdf"}


def _links_download(request: HttpRequest, moment: Moment, fmt: str,
                    links: list) -> HttpResponse:
    base_url = request.build_absolute_uri("/")
    stem = f"netwerkscan-{moment.scan_id}-{moment.label}-links"
    if fmt == "csv":
        response = HttpResponse(handouts.links_csv(links, base_url=base_url),
                                content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{stem}.csv"'
    elif fmt == "pdf":
        response = HttpResponse(handouts.letters_pdf(links, base_url=base_url),
                                content_type="application/pdf")
        response["Content-Disposition"] = f'attachment; filename="{stem}-brieven.pdf"'
    else:
        response = HttpResponse(handouts.letters_html(links, base_url=base_url))
    response["Referrer-Policy"] = "no-referrer"
    return response


@never_cache
@login_required
@require_POST
def moment_links(request: HttpRequest, pk: int) -> HttpResponse:
    """Make links and show them once: only their hashes are kept, so print or send them now.
    ``formaat`` csv, brieven or pdf hands them out as a file in this same step; that download
    holds names and links, so it is logged (with the count) together with making the links."""
    moment = _moment(request, pk)
    fmt = request.POST.get("formaat", "")
    fmt = fmt if fmt in LINK_FORMATS else ""
    try:
        # One transaction: if the file cannot be made (PDF without Pango), no link is made or
        # replaced, so nobody is left with a link that was never handed out.
        with transaction.atomic():
            links = services.invitations_issue(moment, user=request.user, request=request,
                                               replace=request.POST.get("vervang") == "1")
            if links and fmt:
                log_access(Action.READ, f"invitation_links_{LINK_FORMATS[fmt]}",
                           "netwerk_moment", moment.pk, request=request, role="coordinator",
                           detail=f"n{len(links)}")
                return _links_download(request, moment, fmt, links)
    except (NetwerkInputError, WijkkrachtError) as exc:
        messages.error(request, str(exc))
        return redirect("netwerk:scan_detail", pk=moment.scan_id)
    base_url = request.build_absolute_uri("/")
    rows = [(link, mailing.survey_url(base_url, link.token)) for link in links]
    response = render(request, "netwerk/links.html", {
        "scan": moment.scan, "moment": moment, "rows": rows})
    response["Referrer-Policy"] = "no-referrer"
    return response


@never_cache
@login_required
@require_POST
def moment_mail(request: HttpRequest, pk: int) -> HttpResponse:
    """Send everyone with an e-mail address who has not answered a new link, by e-mail."""
    moment = _moment(request, pk)
    try:
        result = mailing.invitations_send(moment, user=request.user, request=request,
                                          base_url=request.build_absolute_uri("/"))
    except NetwerkInputError as exc:  # also mailing.MailError: nothing was changed
        messages.error(request, str(exc))
        return redirect("netwerk:scan_detail", pk=moment.scan_id)
    return render(request, "netwerk/mail_sent.html", {
        "scan": moment.scan, "moment": moment, "result": result})


@login_required
@require_http_methods(["GET", "POST"])
def moment_close(request: HttpRequest, pk: int) -> HttpResponse:
    moment = _moment(request, pk)
    if request.method == "POST":
        services.moment_close(moment, user=request.user, request=request)
        messages.success(request, _("Moment %(label)s is closed.") % {"label": moment.label})
        return redirect("netwerk:scan_detail", pk=moment.scan_id)
    return render(request, "netwerk/moment_close.html", {"scan": moment.scan,
                                                         "moment": moment})


@never_cache
@login_required
@require_GET
def results(request: HttpRequest, pk: int, fmt: str | None = None) -> HttpResponse:
    """The report, named (coordinator) or anonymous by sector (also the team's analysts)."""
    scan = get_object_or_404(NetwerkScan.objects.select_related("team"), pk=pk)
    may_name = permissions.can_view_netwerkscan_named(request.user, scan.team)
    wanted = request.GET.get("weergave")
    anonymous = wanted == "anoniem" or (wanted != "naam" and not may_name)
    _allowed(request, scan, "anonymous" if anonymous else "named")
    raw_level = request.GET.get("niveau", "")
    level = parse_int(raw_level, minimum=min(LEVELS), maximum=max(LEVELS))
    level = level if level in LEVELS else DEFAULT_LEVEL
    reconstructed = request.GET.get("aanvullen") == "ja"
    kind = "anoniem" if anonymous else "met-namen"

    def logged_read(what: str) -> None:
        log_access(Action.READ, f"results_{'anonymous' if anonymous else 'named'}_{what}",
                   "netwerkscan", scan.pk, request=request,
                   role="coordinator" if may_name else "analyst")

    query = urlencode({"weergave": "anoniem" if anonymous else "naam", "niveau": level,
                       "aanvullen": "ja" if reconstructed else "nee"})
    report = None
    if fmt == "csv":  # the figures only: no names, no sectors, so no report to build
        scans = snapshot.core_scans(scan, named=False)
        if scans:
            logged_read("csv")
            return _attachment(metrics_csv(scans, anonymous=anonymous), "csv",
                               f"netwerkscan-{scan.pk}-{kind}-cijfers.csv")
    elif fmt == "pdf":  # the report is built by the job (seconds for many moments), not here
        if scan.moments.filter(submissions__isnull=False).exists():
            logged_read("pdf")
            params = {"scan": scan.pk, "anonymous": anonymous, "level": level,
                      "reconstructed": reconstructed}
            return jobs.start(request, PDF_JOB, params,
                              back=reverse("netwerk:results", args=[scan.pk]) + "?" + query)
    else:
        report = scan_report(scan, anonymous=anonymous, level=level,
                             reconstructed=reconstructed)
    context = {"scan": scan, "anonymous": anonymous, "may_name": may_name, "level": level,
               "levels": LEVELS, "has_answers": report is not None,
               "reconstructed": reconstructed, "query": query}
    if report is None:
        return render(request, "netwerk/results.html", context)
    logged_read(fmt or "page")
    if fmt is None:
        return render(request, "netwerk/results.html", {
            **context, "report_html": report_html(report, standalone=False)})
    filled = "-aangevuld" if reconstructed else ""
    return _attachment(report_html(report, standalone=True), fmt,
                       f"netwerkscan-{scan.pk}-{kind}{filled}-niveau{level}.{fmt}")


PDF_JOB = "netwerk.results_pdf"


def pdf_job(params: dict, owner, progress) -> Output:
    """The results of a scan as PDF, for ``owner`` if they may still see them that way."""
    scan = NetwerkScan.objects.select_related("team").filter(pk=params["scan"]).first()
    anonymous = bool(params["anonymous"])
    if scan is None or not CHECKS["anonymous" if anonymous else "named"](owner, scan.team):
        raise WijkkrachtError(_("These results are no longer there for you."))
    progress(10, _("Gathering the answers"))
    report = scan_report(scan, anonymous=anonymous, level=params["level"],
                         reconstructed=bool(params["reconstructed"]))
    if report is None:
        raise WijkkrachtError(_("Nobody has answered yet."))
    progress(50, _("Making the PDF"))
    kind = "anoniem" if anonymous else "met-namen"
    filled = "-aangevuld" if params["reconstructed"] else ""
    return Output(report_pdf(report), f"netwerkscan-{scan.pk}-{kind}{filled}-niveau"
                  f"{params['level']}.pdf", CONTENT_TYPES["pdf"])


def _attachment(payload: str | bytes, fmt: str, filename: str) -> HttpResponse:
    response = HttpResponse(payload, content_type=CONTENT_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response

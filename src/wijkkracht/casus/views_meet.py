"""Pages for the resident's consent, MDO and schakelteam meetings, referrals out, escalation to
a broad team and the way back. Each page needs write access to the case (``case_or_refuse``
refuses and logs otherwise); every rendering of a form, which shows the household's names, writes
an access-log record, and every write is logged by ``services_meet``. A refused input comes back
with everything typed and the Dutch message beside its field, status 400.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.forms import Form
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _

from wijkkracht.audit.models import Action
from wijkkracht.inputs.numbers import parse_int

from . import services_meet as meet
from .access import READ, WRITE, allows
from .core import workflow
from .forms_meet import (
    ConsentForm,
    DocumentForm,
    EscalationForm,
    MeetingForm,
    ParticipantFormSet,
    ReferralForm,
    ResultForm,
    ReturnForm,
    WithdrawForm,
)
from .models import Case, CaseDocument, Consent, Meeting, Person, Referral
from .services import CaseInputError, EditConflict, log_access
from .views import _one_case, apply_errors, case_or_refuse, case_view


def _submitted(request: HttpRequest):
    return request.POST if request.method == "POST" else None


def case_url(case: Case, anchor: str = "") -> str:
    return reverse("casus:case_detail", args=[case.pk]) + (f"#{anchor}" if anchor else "")



def _page(request: HttpRequest, case: Case, template: str, context: dict,
          invalid: bool) -> HttpResponse:
    """A form page of the case: it shows the household's names, so its showing is logged."""
    log_access(Action.READ, "meet_form_read", case, request=request, user=request.user)
    return render(request, template, {"case": case, **context}, status=400 if invalid else 200)


def _one(queryset, pk: int):
    """A row of the case through the scope, or 404."""
    found = queryset.filter(pk=pk).first()
    if found is None:
        raise Http404
    return found


def _consent_of(case: Case, value: str, purpose: str) -> Consent | None:
    """The consent chosen in a form (by number), if it is one of this case's."""
    number = parse_int(value, minimum=1)
    if number is None:
        return None
    return Consent.objects.filter(case=case, pk=number, purpose=purpose).first()


def _conflict(form: Form, exc: EditConflict) -> None:
    form.add_error(None, _("Someone else changed this case in the meantime. Check the case "
                           "and try again; what you typed is kept below."))


# --- consent ------------------------------------------------------------------------------------

@case_view("GET", "POST")
@_one_case
def consent_create(request: HttpRequest, pk: int) -> HttpResponse:
    case = case_or_refuse(request, pk, WRITE)
    form = ConsentForm(Person.objects.filter(household_id=case.household_id),
                       _submitted(request))
    if request.method == "POST" and form.is_valid():
        try:
            meet.consent_record(case, **form.cleaned_data, user=request.user, request=request)
        except CaseInputError as exc:
            apply_errors(exc, form)
        else:
            messages.success(request, _("The consent has been recorded."))
            return redirect(case_url(case, "toestemming"))
    return _page(request, case, "casus/consent_form.html", {"form": form},
                 bool(form.errors))


@case_view("GET", "POST")
@_one_case
def consent_withdraw(request: HttpRequest, pk: int, consent: int) -> HttpResponse:
    case = case_or_refuse(request, pk, WRITE)
    given = _one(Consent.objects.filter(case=case).select_related("person"), consent)
    form = WithdrawForm(_submitted(request))
    if request.method == "POST" and form.is_valid():
        try:
            meet.consent_withdraw(case, given, withdrawn_on=form.cleaned_data["withdrawn_on"],
                                  user=request.user, request=request)
        except CaseInputError as exc:
            apply_errors(exc, form)
        else:
            messages.success(request, _("The consent has been withdrawn. The record stays, "
                                        "with the date of withdrawal."))
            return redirect(case_url(case, "toestemming"))
    return _page(request, case, "casus/consent_withdraw.html",
                 {"form": form, "consent": given}, bool(form.errors))


# --- meetings -----------------------------------------------------------------------------------

def _participants(formset) -> tuple[list[meet.ParticipantInput], list[int]]:
    """The filled-in rows as service input, and their positions in the formset."""
    people, positions = [], []
    for index, row in enumerate(formset.forms):
        if row.is_blank():
            continue
        people.append(meet.ParticipantInput(row.cleaned_data.get("name") or "",
                                            row.cleaned_data.get("organisation") or "",
                                            row.consent_obj))
        positions.append(index)
    return people, positions


@case_view("GET", "POST")
@_one_case
def meeting_edit(request: HttpRequest, pk: int, meeting: int | None = None) -> HttpResponse:
    case = case_or_refuse(request, pk, WRITE)
    current = _one(Meeting.objects.filter(case=case), meeting) if meeting else None
    consents = list(meet.active_consents(case, Consent.Purpose.MEETING))
    if current is None:
        initial, rows = None, []
    else:
        initial = {f: getattr(current, f) for f in meet.MEETING_FIELDS}
        rows = [{"name": p.name, "organisation": p.organisation,
                 "consent": str(p.consent_id or "")}
                for p in current.participants.all()]
    data = _submitted(request)
    form = MeetingForm(data, initial=initial)
    formset = ParticipantFormSet(data, initial=rows, prefix="deelnemer",
                                 form_kwargs={"consents": consents})
    if request.method == "POST" and form.is_valid() & formset.is_valid():
        for row in formset.forms:
            row.consent_obj = _consent_of(case, row.cleaned_data.get("consent"),
                                          Consent.Purpose.MEETING)
        people, positions = _participants(formset)
        try:
            saved = meet.meeting_save(case, current, values=form.cleaned_data,
                                      participants=people, user=request.user,
                                      request=request)
        except meet.ParticipantError as exc:
            apply_errors(exc, form)
            for index, problems in exc.rows.items():
                for field, msgs in problems.items():
                    for msg in msgs:
                        formset.forms[positions[index]].add_error(field, msg)
        else:
            messages.success(request, _("The meeting has been saved."))
            return redirect(case_url(case, f"overleg-{saved.pk}"))
    invalid = bool(form.errors) or any(f.errors for f in formset.forms) \
        or bool(formset.non_form_errors())
    return _page(request, case, "casus/meeting_form.html",
                 {"form": form, "formset": formset, "meeting": current,
                  "has_consents": bool(consents)}, invalid)


# --- referrals, escalation and back -------------------------------------------------------------

@case_view("GET", "POST")
@_one_case
def referral_create(request: HttpRequest, pk: int) -> HttpResponse:
    case = case_or_refuse(request, pk, WRITE)
    consents = list(meet.active_consents(case, Consent.Purpose.REFER))
    form = ReferralForm(consents, _submitted(request))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            meet.referral_out(case, to_organisation=data["to_organisation"],
                              reason=data["reason"], referred_on=data["referred_on"],
                              consent=_consent_of(case, data["consent"],
                                                  Consent.Purpose.REFER),
                              move=data["move"], expected_version=case.version,
                              user=request.user, request=request)
        except CaseInputError as exc:
            apply_errors(exc, form)
        except EditConflict as exc:
            _conflict(form, exc)
        else:
            messages.success(request, _("The referral has been recorded."))
            return redirect(case_url(case, "verwijzingen"))
    return _page(request, case, "casus/referral_form.html",
                 {"form": form, "has_consents": bool(consents)}, bool(form.errors))


@case_view("GET", "POST")
@_one_case
def referral_result(request: HttpRequest, pk: int, referral: int) -> HttpResponse:
    case = case_or_refuse(request, pk, WRITE)
    sent = _one(Referral.objects.filter(case=case, kind=Referral.Kind.OUT), referral)
    form = ResultForm(_submitted(request),
                      initial={"result": sent.result if sent.result in meet.RESULTS else None})
    if request.method == "POST" and form.is_valid():
        try:
            meet.referral_result(case, sent, **form.cleaned_data, user=request.user,
                                 request=request)
        except CaseInputError as exc:
            apply_errors(exc, form)
        else:
            messages.success(request, _("The result of the referral has been recorded."))
            return redirect(case_url(case, "verwijzingen"))
    return _page(request, case, "casus/referral_result.html",
                 {"form": form, "referral": sent}, bool(form.errors))


@case_view("GET", "POST")
@_one_case
def escalate(request: HttpRequest, pk: int) -> HttpResponse:
    case = case_or_refuse(request, pk, WRITE)
    form = EscalationForm(meet.broad_teams(), _submitted(request))
    possible = workflow.can_move(case.status, workflow.ESCALATED)
    if request.method == "POST" and form.is_valid():
        try:
            meet.escalate(case, **form.cleaned_data, expected_version=case.version,
                          user=request.user, request=request)
        except CaseInputError as exc:
            apply_errors(exc, form)
        except EditConflict as exc:
            _conflict(form, exc)
        else:
            messages.success(request, _("The case has been escalated; the broad team's "
                                        "coordinators now see it."))
            return redirect(case_url(case, "verwijzingen"))
    return _page(request, case, "casus/escalate_form.html",
                 {"form": form, "possible": possible}, bool(form.errors))


@case_view("GET", "POST")
@_one_case
def escalation_return(request: HttpRequest, pk: int) -> HttpResponse:
    case = case_or_refuse(request, pk, WRITE)
    escalation = meet.open_escalation(case)
    form = ReturnForm(_submitted(request))
    if request.method == "POST" and form.is_valid():
        try:
            meet.return_from_escalation(case, **form.cleaned_data,
                                        expected_version=case.version, user=request.user,
                                        request=request)
        except CaseInputError as exc:
            apply_errors(exc, form)
        except EditConflict as exc:
            _conflict(form, exc)
        else:
            messages.success(request, _("The case is back with the team, in progress."))
            if not allows(request.user, case, READ):  # a broad team's coordinator
                return redirect("casus:case_list")
            return redirect(case_url(case, "verwijzingen"))
    return _page(request, case, "casus/return_form.html",
                 {"form": form, "escalation": escalation}, bool(form.errors))


# --- documents ----------------------------------------------------------------------------------

@case_view("GET", "POST")
@_one_case
def document_add(request: HttpRequest, pk: int) -> HttpResponse:
    """A document for the case; a file that is no accepted document is refused beside the
    field, and the description typed stays (a browser never keeps a chosen file)."""
    case = case_or_refuse(request, pk, WRITE)
    form = DocumentForm(_submitted(request), request.FILES if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
        content = upload.read(limit + 1)
        try:
            meet.document_add(case, name=upload.name, content=content,
                              description=form.cleaned_data["description"],
                              user=request.user, request=request)
        except CaseInputError as exc:
            apply_errors(exc, form)
        else:
            messages.success(request, _("The document has been added."))
            return redirect(case_url(case, "documenten"))
    return _page(request, case, "casus/document_form.html", {"form": form},
                 bool(form.errors))


@case_view("GET")
@_one_case
def document_download(request: HttpRequest, pk: int, document: int) -> HttpResponse:
    """The document as stored, as a download (never shown inline), with its access logged."""
    case = case_or_refuse(request, pk, READ)
    found = _one(CaseDocument.objects.filter(case=case), document)
    log_access(Action.READ, "document_read", case, request=request, user=request.user)
    response = HttpResponse(bytes(found.content), content_type=found.content_type)
    response["Content-Disposition"] = content_disposition_header(True, found.name)
    response["X-Content-Type-Options"] = "nosniff"
    return response

"""The team's case pages: the caseload, registering a signal, the case, editing it without
overwriting a colleague, its status, the household, the people on it, emergency access.

Thin: what a user sees comes from ``selectors`` (always scoped to the user), what they may do
from ``access``, writes from ``services``. Every view of a case writes one access-log record,
and every refusal is logged too.
"""

from __future__ import annotations

import functools
from collections.abc import Callable

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from wijkkracht.accounts.models import User
from wijkkracht.audit.models import Action, Outcome
from wijkkracht.inputs.numbers import parse_int

from . import access, selectors, selectors_plan, services
from .forms import (
    BreakGlassForm,
    HouseholdForm,
    MemberForm,
    PersonForm,
    RegisterTeamForm,
    SearchForm,
    SignalForm,
    StatusForm,
)
from .models import Case, CaseMember, Person
from .scoping import scope
from .services import CaseInputError, EditConflict, log_access

PAGE_SIZE = 50


def scoped(view: Callable) -> Callable:
    """Run the whole view, its template included, in the signed-in user's scope."""
    @functools.wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        with scope(viewer=request.user):
            return view(request, *args, **kwargs)
    return wrapper


def case_view(*methods: str):
    """The decorators every case page has: signed in, no caching of personal data, the
    allowed methods, and the user's scope."""
    def decorate(view: Callable) -> Callable:
        return login_required(never_cache(require_http_methods(list(methods))(scoped(view))))
    return decorate


class CaseRefused(PermissionDenied):
    """The case exists but is not the user's; the 403 page may offer emergency access."""


class CaseRestricted(PermissionDenied):
    """A change to a case whose processing is restricted (AVG art. 18): the 403 page says so."""

    @property
    def explanation(self) -> str:
        return _("The processing of this case is restricted at the resident's request: it can "
                 "be read, but only the team's coordinator can change it.")


def case_or_refuse(request: HttpRequest, pk: int, need: str = access.READ) -> Case:
    """The case if ``request.user`` may ``need`` it. A case out of reach is refused (403,
    logged); a number that is no case is 404."""
    case = selectors.case_page(request.user, pk)
    if case is None:
        if not selectors.exists(pk):
            raise Http404
        log_access(Action.READ, f"case_{need}", None, subject_id=pk, request=request,
                   outcome=Outcome.ERROR, detail="forbidden")
        raise CaseRefused
    if not access.allows(request.user, case, need):
        log_access(Action.READ, f"case_{need}", case, request=request, outcome=Outcome.ERROR,
                   detail="forbidden")
        if need == access.WRITE and case.is_restricted and access.allows(request.user, case,
                                                                          access.READ):
            raise CaseRestricted
        raise PermissionDenied
    return case


def refused(request: HttpRequest, pk: int) -> HttpResponse:
    """The 403 page of a case out of reach: says so, names no one, offers emergency access to
    who may use it."""
    return render(request, "casus/refused.html", {
        "pk": pk, "may_break_glass": access.may_break_glass(request.user)}, status=403)


def _colleagues(case_or_team_id: int):
    return User.objects.filter(memberships__team_id=case_or_team_id,
                               memberships__role__in=access.CASE_ROLES,
                               is_active=True).distinct().order_by("first_name", "last_name")


def apply_errors(exc: CaseInputError, *forms) -> None:
    """Put a service's errors beside the fields they are about (or above the first form)."""
    for field, messages_ in exc.errors.items():
        target = next((f for f in forms if field in f.fields), forms[0])
        for message in messages_:
            target.add_error(field if field in target.fields else None, message)


# --- the caseload -------------------------------------------------------------------------------

@login_required
@never_cache
@require_GET
@scoped
def case_list(request: HttpRequest) -> HttpResponse:
    teams = access.casework_teams(request.user)
    form = SearchForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    cases = selectors.case_list(request.user, q=filters.get("q", "").strip(),
                                status=filters.get("status", ""),
                                mine=filters.get("mine", False))
    page = Paginator(cases, PAGE_SIZE).get_page(parse_int(request.GET.get("pagina")) or 1)
    log_access(Action.READ, "case_list", None, request=request, subject_id="list")
    return render(request, "casus/case_list.html", {
        "form": form, "page": page, "may_register": teams.exists(),
        "query": request.GET.copy().urlencode() if request.GET else ""})


@case_view("GET", "POST")
def case_create(request: HttpRequest) -> HttpResponse:
    teams = access.casework_teams(request.user)
    if not teams.exists():
        raise PermissionDenied
    data = request.POST if request.method == "POST" else None
    team_form = RegisterTeamForm(data, teams=teams, prefix="t")
    team = teams.first()
    if team_form.is_valid():
        team = team_form.cleaned_data["team"] or team
    household = HouseholdForm(data, prefix="h")
    person = PersonForm(data, prefix="p", bsn=services.bsn_allowed(team))
    signal = SignalForm(data, prefix="c", colleagues=_colleagues(team.pk),
                        initial={"lead": request.user})
    forms = (team_form, household, person, signal)
    if data is not None and all(f.is_valid() for f in forms):
        try:
            case = services.case_register(
                team=team, user=request.user, request=request,
                household={f: household.cleaned_data[f] for f in household.Meta.fields},
                person={f: person.cleaned_data[f] for f in person.fields},
                case={f: signal.cleaned_data[f] for f in signal.Meta.fields})
        except CaseInputError as exc:
            apply_errors(exc, household, person, signal)
        else:
            messages.success(request, _("The case has been registered."))
            return redirect("casus:case_detail", pk=case.pk)
    return render(request, "casus/case_create.html", {
        "team_form": team_form, "household": household, "person": person, "signal": signal,
        "forms": forms, "several_teams": teams.count() > 1},
        status=400 if any(f.errors for f in forms) else 200)


# --- one case -----------------------------------------------------------------------------------

@case_view("GET")
def case_detail(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        case = case_or_refuse(request, pk)
    except CaseRefused:
        return refused(request, pk)
    log_access(Action.READ, "case_read", case, request=request)
    network = selectors_plan.case_network(case)
    return render(request, "casus/case_detail.html", {
        "case": case, "history": selectors.history(request.user, case),
        "members": network, "ecomap": selectors_plan.ecomap_of(case, network),
        "plan": selectors_plan.plan_of(case),
        "may_write": access.allows(request.user, case, access.WRITE),
        "may_manage": access.allows(request.user, case, access.MANAGE),
        "status_form": StatusForm(current=case.status, initial={"version": case.version})})


def _one_case(view: Callable) -> Callable:
    """A page that changes a case: refused cases get the 403 page."""
    @functools.wraps(view)
    def wrapper(request: HttpRequest, pk: int, *args, **kwargs) -> HttpResponse:
        try:
            return view(request, pk, *args, **kwargs)
        except CaseRefused:
            return refused(request, pk)
    return wrapper


@case_view("GET", "POST")
@_one_case
def case_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """The signal and the question. Saving names the version the user started from; when a
    colleague saved in between, the page shows both versions and keeps what this user typed."""
    case = case_or_refuse(request, pk, access.WRITE)
    data = request.POST if request.method == "POST" else None
    form = SignalForm(data, instance=case, prefix="c", colleagues=_colleagues(case.team_id))
    started = parse_int((data or {}).get("version")) or case.version
    conflict = None
    if data is not None and form.is_valid():
        try:
            services.case_update(case, expected_version=started, user=request.user,
                                 request=request,
                                 values={f: form.cleaned_data[f] for f in form.Meta.fields})
        except EditConflict as exc:
            conflict = exc.current
            started = conflict.version  # saving again means: mine over theirs, knowingly
        except CaseInputError as exc:
            apply_errors(exc, form)
        else:
            messages.success(request, _("The case has been saved."))
            return redirect("casus:case_detail", pk=case.pk)
    else:
        log_access(Action.READ, "case_read", case, request=request)
    theirs = None
    if conflict is not None:
        theirs = [(form[f].label, _display(conflict, f), form[f].value())
                  for f in form.Meta.fields]
    return render(request, "casus/case_edit.html", {
        "case": case, "form": form, "version": started, "conflict": theirs},
        status=409 if conflict is not None else 400 if form.errors else 200)


def _display(case: Case, field: str) -> str:
    value = getattr(case, field)
    display = getattr(case, f"get_{field}_display", None)
    if display is not None and value:
        return str(display())
    if value is None:
        return "–"
    if field == "lead":
        return value.get_full_name() or value.username
    return str(value)


@case_view("GET", "POST")
@_one_case
def case_status(request: HttpRequest, pk: int) -> HttpResponse:
    case = case_or_refuse(request, pk, access.WRITE)
    data = request.POST if request.method == "POST" else None
    form = StatusForm(data, current=case.status, initial={"version": case.version})
    if data is not None and form.is_valid():
        target = form.cleaned_data["status"]
        if case.is_closed and not access.allows(request.user, case, access.MANAGE):
            form.add_error("status", _("Only the team's coordinator reopens a closed case."))
        else:
            try:
                services.case_move(case, target, expected_version=form.cleaned_data["version"],
                                   user=request.user, outcome=form.cleaned_data["outcome"],
                                   reason=form.cleaned_data["reason"], request=request)
            except EditConflict:
                form.add_error(None, _("Someone else changed this case in the meantime. "
                                       "Look at the case again and then choose the status."))
            except CaseInputError as exc:
                apply_errors(exc, form)
            else:
                messages.success(request, _("The status has been changed."))
                return redirect("casus:case_detail", pk=case.pk)
    if data is None:
        log_access(Action.READ, "case_read", case, request=request)
    return render(request, "casus/case_status.html", {"case": case, "form": form},
                  status=400 if form.errors else 200)


@case_view("GET", "POST")
@_one_case
def household_edit(request: HttpRequest, pk: int) -> HttpResponse:
    case = case_or_refuse(request, pk, access.WRITE)
    data = request.POST if request.method == "POST" else None
    form = HouseholdForm(data, instance=case.household, prefix="h")
    if data is not None and form.is_valid():
        try:
            services.household_update(case, user=request.user, request=request,
                                      values={f: form.cleaned_data[f]
                                              for f in form.Meta.fields})
        except CaseInputError as exc:
            apply_errors(exc, form)
        else:
            messages.success(request, _("The household has been saved."))
            return redirect("casus:case_detail", pk=case.pk)
    elif data is None:
        log_access(Action.READ, "case_read", case, request=request)
    return render(request, "casus/form_page.html", {
        "case": case, "form": form, "title": _("Household and address"),
        "submit": _("Save")}, status=400 if form.errors else 200)


@case_view("GET", "POST")
@_one_case
def person_edit(request: HttpRequest, pk: int, person: int | None = None) -> HttpResponse:
    case = case_or_refuse(request, pk, access.WRITE)
    member = None
    if person is not None:
        member = Person.objects.filter(pk=person, household_id=case.household_id).first()
        if member is None:
            raise Http404
    data = request.POST if request.method == "POST" else None
    form = PersonForm(data, instance=member, prefix="p", bsn=services.bsn_allowed(case.team))
    if data is not None and form.is_valid():
        try:
            services.person_save(case, member, user=request.user, request=request,
                                 values={f: form.cleaned_data[f] for f in form.fields})
        except CaseInputError as exc:
            apply_errors(exc, form)
        else:
            messages.success(request, _("The household member has been saved."))
            return redirect("casus:case_detail", pk=case.pk)
    elif data is None:
        log_access(Action.READ, "case_read", case, request=request)
    return render(request, "casus/form_page.html", {
        "case": case, "form": form,
        "title": _("Household member") if member else _("Add a household member"),
        "submit": _("Save")}, status=400 if form.errors else 200)


@case_view("GET", "POST")
@_one_case
def case_members(request: HttpRequest, pk: int) -> HttpResponse:
    """The coordinator adds colleagues (of any team) to a case, or removes them."""
    case = case_or_refuse(request, pk, access.MANAGE)
    on_case = {m.user_id for m in case.members.all()}
    candidates = (User.objects.filter(is_active=True, memberships__role__in=access.CASE_ROLES)
                  .exclude(pk__in=on_case).distinct().order_by("first_name", "last_name"))
    data = request.POST if request.method == "POST" else None
    form = MemberForm(data if data and "remove" not in data else None, candidates=candidates,
                      roles=CaseMember.Role.choices)
    if data is not None and "remove" in data:
        gone = User.objects.filter(pk=parse_int(data["remove"]), pk__in=on_case).first()
        if gone is not None:
            services.member_remove(case, gone, user=request.user, request=request)
            messages.success(request, _("The professional no longer has access to the case."))
        return redirect("casus:case_members", pk=case.pk)
    if data is not None and form.is_valid():
        services.member_add(case, form.cleaned_data["user"], role=form.cleaned_data["role"],
                            user=request.user, request=request)
        messages.success(request, _("The professional has been added to the case."))
        return redirect("casus:case_members", pk=case.pk)
    if data is None:
        log_access(Action.READ, "case_read", case, request=request)
    return render(request, "casus/case_members.html", {"case": case, "form": form},
                  status=400 if form.errors else 200)


@case_view("GET", "POST")
def break_glass(request: HttpRequest, pk: int) -> HttpResponse:
    """Emergency access to a case out of the user's reach: a stated reason, a few hours,
    logged and put before the privacy officer."""
    if not access.may_break_glass(request.user):
        raise PermissionDenied
    if not selectors.exists(pk):
        raise Http404
    if selectors.case_page(request.user, pk) is not None:
        return redirect("casus:case_detail", pk=pk)
    form = BreakGlassForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            services.break_glass(pk, user=request.user, reason=form.cleaned_data["reason"],
                                 request=request)
        except CaseInputError as exc:
            apply_errors(exc, form)
        else:
            messages.warning(request, _("Emergency access for %(hours)d hours. The privacy "
                                        "officer sees that you used it and why.")
                             % {"hours": services.EMERGENCY_HOURS})
            return redirect("casus:case_detail", pk=pk)
    return render(request, "casus/break_glass.html", {"pk": pk, "form": form},
                  status=400 if form.errors else 200)


"""Pages of the own network (eco-map) and the plan: thin, reads from ``selectors_plan``, writes
through ``services_plan``; every page that shows a resident's data writes an access-log record.

Each view runs inside ``scope(viewer=request.user)``: a case the user may not see is a 404
(logged), one they may only read refuses a change with 403 (logged). A plan change that meets a
colleague's newer save shows the conflict page: both versions side by side, the typed input
kept in the form, nothing saved until the user decides.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import BadRequest
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from wijkkracht.audit.models import Action
from wijkkracht.inputs.numbers import parse_int

from . import selectors_plan, services_plan, views
from .access import READ, WRITE, allows
from .forms_plan import ActionForm, GoalForm, NetworkMemberForm, PlanForm
from .models import Case, Goal, NetworkMember, Plan, PlanAction
from .services import CaseInputError, EditConflict, log_access
from .views import apply_errors, case_or_refuse


def scoped(view):
    """Signed in, never cached (personal data), run in the user's scope."""
    return login_required(never_cache(views.scoped(view)))




# --- the own network ----------------------------------------------------------------------------

@scoped
@require_GET
def network(request: HttpRequest, pk: int) -> HttpResponse:
    case = case_or_refuse(request, pk, READ)
    members = selectors_plan.case_network(case)
    log_access(Action.READ, "network_read", case, request=request)
    return render(request, "casus/network.html", {
        "case": case, "members": members, "ecomap": selectors_plan.ecomap_of(case, members),
        "may_write": allows(request.user, case, WRITE)})


def _member(case: Case, member_pk: int) -> NetworkMember:
    member = NetworkMember.objects.filter(case=case, pk=member_pk).first()
    if member is None:
        raise Http404
    return member


@scoped
@require_http_methods(["GET", "POST"])
def network_member(request: HttpRequest, pk: int, member_pk: int | None = None) -> HttpResponse:
    """Add someone to the network (no ``member_pk``) or change them."""
    case = case_or_refuse(request, pk, WRITE)
    member = _member(case, member_pk) if member_pk else None
    form = NetworkMemberForm(request.POST if request.method == "POST" else None,
                             instance=member)
    if request.method == "POST" and form.is_valid():
        try:
            saved = services_plan.network_member_save(
                case, member, values={f: form.cleaned_data[f] for f in form.Meta.fields},
                user=request.user, request=request)
        except CaseInputError as exc:
            apply_errors(exc, form)
        else:
            messages.success(request, _("%(name)s is in the network.") % {"name": saved.name})
            return redirect("casus:network", pk=case.pk)
    if request.method == "GET":  # the page names the household, also when adding
        log_access(Action.READ, "network_read", case, request=request)
    return render(request, "casus/network_form.html",
                  {"case": case, "form": form, "member": member},
                  status=400 if form.errors else 200)


@scoped
@require_POST
def network_member_remove(request: HttpRequest, pk: int, member_pk: int) -> HttpResponse:
    case = case_or_refuse(request, pk, WRITE)
    member = _member(case, member_pk)
    services_plan.network_member_remove(case, member, user=request.user, request=request)
    messages.success(request, _("%(name)s was removed from the network.")
                     % {"name": member.name})
    return redirect("casus:network", pk=case.pk)


# --- the plan -----------------------------------------------------------------------------------

@scoped
@require_GET
def plan(request: HttpRequest, pk: int) -> HttpResponse:
    case = case_or_refuse(request, pk, READ)
    the_plan = selectors_plan.plan_of(case)
    log_access(Action.READ, "plan_read", case, request=request)
    return render(request, "casus/plan.html", {
        "case": case, "plan": the_plan, "may_write": allows(request.user, case, WRITE)})


def _shown(form, name: str, value) -> str:
    """A value as people read it, for the conflict page."""
    if value in (None, ""):
        return "–"
    field = form.fields[name]
    if hasattr(field, "label_from_instance"):
        obj = value if not isinstance(value, int | str) else \
            field.queryset.filter(pk=value).first()
        return field.label_from_instance(obj) if obj is not None else str(value)
    choices = dict(getattr(field, "choices", []) or [])
    if value in choices:
        return str(choices[value])
    if hasattr(value, "isoformat"):
        return date_format(value, "j F Y")
    return str(value)


def _conflict(request, case: Case, form, exc: EditConflict, stored: dict | None,
              title: str, form_action: str | None) -> HttpResponse:
    """Both versions side by side; the form keeps the typed input, now on the stored version,
    so saving again overwrites deliberately, and leaving keeps the colleague's version."""
    current: Plan = exc.current
    yours = {name: form.cleaned_data.get(name) for name in form.fields if name != "version"}
    rows = []
    for name, value in yours.items():
        theirs = stored.get(name) if stored is not None else None
        rows.append({"label": form.fields[name].label,
                     "theirs": _shown(form, name, theirs) if stored is not None else "",
                     "yours": _shown(form, name, value),
                     "differs": stored is None or _shown(form, name, theirs)
                     != _shown(form, name, value)})
    data = request.POST.copy()
    data["version"] = str(current.version)
    again = type(form)(case, data) if not isinstance(form, PlanForm) else PlanForm(data)
    log_access(Action.READ, "plan_conflict", case, request=request)
    return render(request, "casus/plan_conflict.html", {
        "case": case, "form": again, "rows": rows, "removed": stored is None,
        "title": title, "updated_at": current.updated_at,
        "form_action": form_action}, status=409)


@scoped
@require_http_methods(["GET", "POST"])
def plan_edit(request: HttpRequest, pk: int) -> HttpResponse:
    case = case_or_refuse(request, pk, WRITE)
    the_plan = services_plan.plan_of(case)
    form = PlanForm(request.POST if request.method == "POST" else None,
                    initial=PlanForm.initial_for(the_plan))
    title = _("The agreement with the resident")
    if request.method == "POST" and form.is_valid():
        values = {f: form.cleaned_data[f] for f in ("agreed_on", "resident_view")}
        try:
            services_plan.plan_update(the_plan, expected_version=form.cleaned_data["version"],
                                      values=values, user=request.user, request=request)
        except EditConflict as exc:
            return _conflict(request, case, form, exc, PlanForm.initial_for(exc.current),
                             title, request.path)
        except CaseInputError as exc:
            apply_errors(exc, form)
        else:
            messages.success(request, _("The plan has been saved."))
            return redirect("casus:plan", pk=case.pk)
    if request.method == "GET":
        log_access(Action.READ, "plan_read", case, request=request)
    return render(request, "casus/plan_form.html", {"case": case, "form": form,
                                                     "title": title},
                  status=400 if form.errors else 200)


def _goal(case: Case, goal_pk: int) -> Goal:
    goal = Goal.objects.filter(plan__case=case, pk=goal_pk).select_related("plan").first()
    if goal is None:
        raise Http404
    return goal


def _action(case: Case, action_pk: int) -> PlanAction:
    action = (PlanAction.objects.filter(goal__plan__case=case, pk=action_pk)
              .select_related("goal__plan").first())
    if action is None:
        raise Http404
    return action


@scoped
@require_http_methods(["GET", "POST"])
def goal(request: HttpRequest, pk: int, goal_pk: int | None = None) -> HttpResponse:
    """Add a goal to the plan (no ``goal_pk``) or change one."""
    case = case_or_refuse(request, pk, WRITE)
    existing = _goal(case, goal_pk) if goal_pk else None
    the_plan = existing.plan if existing else services_plan.plan_of(case)
    initial = GoalForm.initial_for(existing, the_plan) if existing else \
        {"version": the_plan.version}
    form = GoalForm(case, request.POST if request.method == "POST" else None, initial=initial)
    title = _("Change a goal") if existing else _("New goal")
    if request.method == "POST" and form.is_valid():
        values = {f: form.cleaned_data[f] for f in ("text", "domain", "state")}
        try:
            services_plan.goal_save(the_plan, existing, values=values,
                                    expected_version=form.cleaned_data["version"],
                                    user=request.user, request=request)
        except EditConflict as exc:
            stored = Goal.unscoped.filter(pk=existing.pk).first() if existing else None
            return _conflict(request, case, form, exc, GoalForm.initial_for(stored, exc.current)
                             if stored else ({} if existing is None else None), title,
                             request.path if stored or existing is None
                             else reverse("casus:goal_add", args=[case.pk]))
        except CaseInputError as exc:
            apply_errors(exc, form)
        else:
            messages.success(request, _("The plan has been saved."))
            return redirect("casus:plan", pk=case.pk)
    if request.method == "GET":  # the page names the household, also when adding
        log_access(Action.READ, "plan_read", case, request=request)
    return render(request, "casus/plan_form.html", {
        "case": case, "form": form, "title": title,
        "remove_url": reverse("casus:goal_remove", args=[case.pk, existing.pk])
        if existing else "", "remove_label": _("Remove this goal and its actions")},
        status=400 if form.errors else 200)


@scoped
@require_http_methods(["GET", "POST"])
def action(request: HttpRequest, pk: int, goal_pk: int | None = None,
           action_pk: int | None = None) -> HttpResponse:
    """Add an action to a goal (``goal_pk``) or change one (``action_pk``)."""
    case = case_or_refuse(request, pk, WRITE)
    existing = _action(case, action_pk) if action_pk else None
    the_goal = existing.goal if existing else _goal(case, goal_pk)
    the_plan = the_goal.plan
    initial = ActionForm.initial_for(existing, the_plan) if existing else \
        {"version": the_plan.version}
    form = ActionForm(case, request.POST if request.method == "POST" else None,
                      initial=initial)
    title = _("Change an action") if existing else _("New action")
    if request.method == "POST" and form.is_valid():
        values = {f: form.cleaned_data[f] for f in ("text", "who", "who_name", "owner",
                                                    "due_on", "done_on")}
        try:
            services_plan.action_save(the_plan, the_goal, existing, values=values,
                                      expected_version=form.cleaned_data["version"],
                                      user=request.user, request=request)
        except EditConflict as exc:
            stored = PlanAction.unscoped.filter(pk=existing.pk).first() if existing else None
            goal_left = Goal.unscoped.filter(pk=the_goal.pk).exists()
            return _conflict(request, case, form, exc,
                             ActionForm.initial_for(stored, exc.current)
                             if stored else ({} if existing is None else None), title,
                             request.path if stored or (existing is None and goal_left)
                             else reverse("casus:action_add", args=[case.pk, the_goal.pk])
                             if goal_left else None)
        except CaseInputError as exc:
            apply_errors(exc, form)
        else:
            messages.success(request, _("The plan has been saved."))
            return redirect("casus:plan", pk=case.pk)
    if request.method == "GET":  # the page names the household, also when adding
        log_access(Action.READ, "plan_read", case, request=request)
    return render(request, "casus/plan_form.html", {
        "case": case, "form": form, "title": title, "goal": the_goal,
        "remove_url": reverse("casus:action_remove", args=[case.pk, existing.pk])
        if existing else "", "remove_label": _("Remove this action")},
        status=400 if form.errors else 200)


def _version(request: HttpRequest) -> int:
    version = parse_int(request.POST.get("version"), minimum=1)
    if version is None:
        raise BadRequest
    return version


@scoped
@require_POST
def goal_remove(request: HttpRequest, pk: int, goal_pk: int) -> HttpResponse:
    case = case_or_refuse(request, pk, WRITE)
    the_goal = _goal(case, goal_pk)
    try:
        services_plan.goal_remove(the_goal.plan, the_goal, expected_version=_version(request),
                                  user=request.user, request=request)
    except EditConflict:
        messages.error(request, _("A colleague changed the plan in the meantime; nothing was "
                                  "removed. Look at the plan again and decide."))
    else:
        messages.success(request, _("The goal was removed."))
    return redirect("casus:plan", pk=case.pk)


@scoped
@require_POST
def action_remove(request: HttpRequest, pk: int, action_pk: int) -> HttpResponse:
    case = case_or_refuse(request, pk, WRITE)
    the_action = _action(case, action_pk)
    try:
        services_plan.action_remove(the_action.goal.plan, the_action,
                                    expected_version=_version(request), user=request.user,
                                    request=request)
    except EditConflict:
        messages.error(request, _("A colleague changed the plan in the meantime; nothing was "
                                  "removed. Look at the plan again and decide."))
    else:
        messages.success(request, _("The action was removed."))
    return redirect("casus:plan", pk=case.pk)

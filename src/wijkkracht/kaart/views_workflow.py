"""The kaart's editing pages: suggest a change or a new service, the review queue with stale
entries, reviewing one suggestion, a service's history, and "still correct".

Thin: who may do what comes from ``accounts.permissions`` (and ``services_workflow`` for the
queue), writes from ``services_workflow``. Pages that show a user's name (who suggested, who
reviewed) write an access-log record; a form that fails or meets a conflict keeps what was
typed and says why.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from wijkkracht.accounts.permissions import can_review_kaart_service, can_suggest_kaart_change
from wijkkracht.audit.models import Action
from wijkkracht.inputs.numbers import parse_int

from . import services_workflow as flow
from .core.workflow import changes
from .forms_workflow import (
    ACCESS_CHOICES,
    FORMALITY_CHOICES,
    RejectForm,
    ServiceFieldsForm,
    SuggestForm,
)
from .models import Service, Suggestion


def page(*methods: str) -> Callable:
    """Signed in, never cached (the pages name people), only the given methods."""
    def decorate(view: Callable) -> Callable:
        return login_required(never_cache(require_http_methods(list(methods))(view)))
    return decorate


def _apply_errors(exc: flow.WorkflowInputError, form) -> None:
    for field, texts in exc.errors.items():
        for text in texts:
            form.add_error(field if field in form.fields else None, text)


def shown(field: str, value: Any) -> str:
    """A value as a reader understands it."""
    if field == "defunct":
        return _("yes") if value else _("no")
    choices = {"access": ACCESS_CHOICES, "formality": FORMALITY_CHOICES}.get(field)
    if choices and value:
        return str(dict(choices).get(value, value))
    return str(value) if value not in (None, "") else "–"


def _labels() -> dict[str, str]:
    form = ServiceFieldsForm()
    return {name: str(form.fields[name].label) for name in flow.FIELDS}


def _comparison(current: dict[str, Any], other: dict[str, Any],
                fields: list[str] | None = None) -> list[tuple[str, str, str, bool]]:
    """(label, current, other, differs) per field, for a side-by-side table."""
    labels = _labels()
    rows = []
    for field in fields if fields is not None else flow.FIELDS:
        a, b = current.get(field), other.get(field)
        differs = bool(changes({field: a}, {field: b}))
        rows.append((labels[field], shown(field, a), shown(field, b), differs))
    return rows


# --- suggesting ---------------------------------------------------------------------------------

@page("GET", "POST")
def suggest(request: HttpRequest, pk) -> HttpResponse:
    service = get_object_or_404(Service, pk=pk)
    if not can_suggest_kaart_change(request.user):
        raise PermissionDenied
    return _suggest_page(request, service)


@page("GET", "POST")
def suggest_new(request: HttpRequest) -> HttpResponse:
    if not can_suggest_kaart_change(request.user):
        raise PermissionDenied
    return _suggest_page(request, None)


def _suggest_page(request: HttpRequest, service: Service | None) -> HttpResponse:
    """One page for both: a professional suggests; the keeper or functional administrator may
    also publish at once (the same path, so the history is complete)."""
    keeper = service.keeper_user_id if service is not None else None
    may_publish = can_review_kaart_service(request.user, keeper)
    data = request.POST if request.method == "POST" else None
    current = flow.current_values(service) if service is not None else {}
    form = SuggestForm(data, initial=current)
    version = parse_int((data or {}).get("version")) or (service.version if service else None)
    conflict = None
    if data is not None and form.is_valid():
        values = {k: form.cleaned_data[k] for k in flow.FIELDS}
        note = form.cleaned_data["note"]
        try:
            if may_publish and "publish" in data:
                saved = flow.publish(service, values=values, note=note,
                                     expected_version=version, user=request.user,
                                     request=request)
                messages.success(request, _("The change has been published."))
                return redirect("kaart:history", pk=saved.pk)
            flow.suggest(service, values=values, note=note, user=request.user)
        except flow.ServiceConflict as exc:
            conflict = _comparison(exc.current, values)
            version = exc.service.version  # publishing again means: mine, knowingly
        except flow.WorkflowInputError as exc:
            _apply_errors(exc, form)
        else:
            messages.success(request, _("Thank you. Your suggestion has been sent to the "
                                        "keeper of the sociale kaart, who will check it."))
            if service is None:
                return redirect("kaart:suggest_new")
            return redirect("kaart:suggest", pk=service.pk)
    return render(request, "kaart/suggest.html", {
        "service": service, "form": form, "version": version, "may_publish": may_publish,
        "conflict": conflict},
        status=409 if conflict else 400 if form.errors else 200)


# --- reviewing ----------------------------------------------------------------------------------

@page("GET")
def review_list(request: HttpRequest) -> HttpResponse:
    if not flow.may_open_review_queue(request.user):
        raise PermissionDenied
    queue = list(flow.review_queue(request.user))
    stale = list(flow.stale_services(keeper=request.user))
    flow.log_access(Action.READ, "kaart_review_list", subject_type="kaart_suggestion",
                    subject_id="list", request=request)
    return render(request, "kaart/review_list.html", {"queue": queue, "stale": stale})


@page("GET", "POST")
def review(request: HttpRequest, pk: int) -> HttpResponse:
    suggestion = get_object_or_404(Suggestion.objects.select_related(
        "service", "suggested_by", "reviewed_by"), pk=pk)
    if not flow.may_review(request.user, suggestion):
        raise PermissionDenied
    service = suggestion.service
    data = request.POST if request.method == "POST" else None
    action = (data or {}).get("action")
    form = ServiceFieldsForm(data if action == "accept" else None,
                             initial=flow.review_values(suggestion))
    reject_form = RejectForm(data if action == "reject" else None, prefix="r")
    version = parse_int((data or {}).get("version")) or (service.version if service else None)
    conflict = decided = None
    if action == "accept" and form.is_valid():
        values = {k: form.cleaned_data[k] for k in flow.FIELDS}
        try:
            saved = flow.accept(suggestion, values=values, expected_version=version,
                                user=request.user, request=request)
        except flow.ServiceConflict as exc:
            conflict = _comparison(exc.current, values)
            version = exc.service.version  # accepting again means: mine, knowingly
        except flow.AlreadyDecided as exc:
            decided = exc.suggestion
            if service is not None:
                service.refresh_from_db()
                conflict = _comparison(flow.current_values(service), values)
                version = service.version
        except flow.WorkflowInputError as exc:
            _apply_errors(exc, form)
        else:
            messages.success(request, _("The change has been published."))
            return redirect("kaart:history", pk=saved.pk)
    elif action == "reject" and reject_form.is_valid():
        try:
            flow.reject(suggestion, reason=reject_form.cleaned_data["reason"],
                        user=request.user, request=request)
        except flow.AlreadyDecided as exc:
            decided = exc.suggestion
        except flow.WorkflowInputError as exc:
            _apply_errors(exc, reject_form)
        else:
            messages.success(request, _("The suggestion has been rejected."))
            return redirect("kaart:review_list")
    flow.log_access(Action.READ, "kaart_review_read", subject_type="kaart_suggestion",
                    subject_id=suggestion.pk, request=request)
    proposed = list(suggestion.proposed)
    fields = [f for f in flow.FIELDS if f in proposed]
    current = flow.current_values(service) if service is not None else {}
    errors = form.errors or reject_form.errors
    return render(request, "kaart/review.html", {
        "suggestion": suggestion, "service": service, "form": form,
        "reject_form": reject_form, "version": version,
        "compared": _comparison(current, suggestion.proposed, fields),
        "conflict": conflict, "decided": decided,
        "stale": service is not None and flow.is_stale(service)},
        status=409 if (conflict or decided) else 400 if errors else 200)


# --- history and "still correct" ----------------------------------------------------------------

def _service_for_keeper(request: HttpRequest, pk) -> Service:
    service = get_object_or_404(Service, pk=pk)
    if not can_review_kaart_service(request.user, service.keeper_user_id):
        raise PermissionDenied
    return service


@page("GET")
def history(request: HttpRequest, pk) -> HttpResponse:
    service = _service_for_keeper(request, pk)
    labels = {**_labels(), "last_checked": _("Last checked")}
    entries = []
    for change in service.changes.select_related("changed_by", "suggestion__suggested_by"):
        fields = [f for f in (*flow.FIELDS, "last_checked") if f in change.after]
        entries.append((change, [(labels[f], shown(f, change.before.get(f)),
                                  shown(f, change.after.get(f))) for f in fields]))
    flow.log_access(Action.READ, "kaart_history_read", subject_type="kaart_service",
                    subject_id=service.pk, request=request)
    return render(request, "kaart/history.html", {
        "service": service, "entries": entries, "stale": flow.is_stale(service),
        "today": timezone.localdate()})


@login_required
@require_POST
def confirm(request: HttpRequest, pk) -> HttpResponse:
    service = _service_for_keeper(request, pk)
    flow.confirm(service, user=request.user)
    messages.success(request, _("Thank you. \"%(name)s\" is marked as checked today.")
                     % {"name": service.name})
    return redirect("kaart:review_list")

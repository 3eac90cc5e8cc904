"""Thin views of the UI shell; error pages that never show a stack trace."""

import logging

from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import get_token
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.templatetags.static import static

from wijkkracht import __version__
from wijkkracht.api.problems import is_api_request, problem_response

from .context import menu

log = logging.getLogger(__name__)

# The last resort when even the error template fails (e.g. static files not collected).
_BARE_ERROR = """<!DOCTYPE html>
<html lang="nl"><head><meta charset="utf-8"><title>Fout {status} · Wijkkracht</title></head>
<body><main><h1>Er ging iets mis</h1><p>Probeer het later opnieuw.</p>
<p><a href="/">Naar de startpagina</a></p><p>Foutcode: {status}</p></main></body></html>
"""


def home(request: HttpRequest) -> HttpResponse:
    """The start page; for a signed-in professional also their plan actions past their date
    (two queries, and one access-log record per case shown, as the texts are a case's data)."""
    reminders, late = [], 0
    if menu(request)["member"]:
        from wijkkracht.audit.models import Action
        from wijkkracht.casus.selectors_plan import overdue_actions
        from wijkkracht.casus.services import log_access

        reminders, late = overdue_actions(request.user)
        for case_id, household_id in dict.fromkeys((r.case_id, r.household_id)
                                                   for r in reminders):
            log_access(Action.READ, "plan_reminders", household_id=household_id,
                       subject_id=case_id, request=request)
    return render(request, "web/home.html", {"reminders": reminders, "late": late})


def accessibility(request: HttpRequest) -> HttpResponse:
    return render(request, "web/toegankelijkheid.html")


def favicon(request: HttpRequest) -> HttpResponse:
    """Browsers ask for /favicon.ico where a page names no icon (a PDF, JSON): our SVG.
    Resolved per request, so a missing static manifest never breaks the URL configuration."""
    return redirect(static("wijkkracht/favicon.svg"))


def _error(request, status: int, template: str, extra: dict | None = None) -> HttpResponse:
    if is_api_request(request):
        return problem_response(request, status)
    # Rendered without the request, so no context processor runs: the session, the user and
    # the database are never touched when they may be what failed (500). The language is
    # already active. On 400/403/404 they work, so the menu fits who is signed in.
    context = {"wijkkracht_version": __version__, "error_page": True}
    if status != 500:
        context.update(_menu_context(request))
    context.update(extra or {})
    try:
        html = render_to_string(template, context)
    except Exception:  # the error page itself must not fail
        log.exception("Rendering %s failed", template)
        html = _BARE_ERROR.format(status=status)
    return HttpResponse(html, status=status)


def _menu_context(request) -> dict:
    """The menu for a signed-in user (and the CSRF token its sign-out form needs), or nothing
    when it cannot be worked out: then the page shows no sign-in or member items at all."""
    try:
        return {"menu": menu(request), "csrf_token": get_token(request)}
    except Exception:  # an error page must not fail
        log.exception("The menu of an error page could not be worked out")
        return {}


def bad_request(request, exception=None):
    return _error(request, 400, "web/400.html")


def permission_denied(request, exception=None):
    # A refusal may say why, in words meant for the user (e.g. a case whose processing is
    # restricted); a plain PermissionDenied says nothing more.
    return _error(request, 403, "web/403.html",
                  {"explanation": str(getattr(exception, "explanation", "") or "")})


def page_not_found(request, exception=None):
    return _error(request, 404, "web/404.html")


def server_error(request):
    return _error(request, 500, "web/500.html")


def csrf_failure(request, reason=""):
    """CSRF_FAILURE_VIEW: a friendly page instead of Django's English one."""
    return _error(request, 403, "web/403_csrf.html")

"""The load balancer's probes: /gezondheid (liveness: the process answers) and /gereed
(readiness: it can serve; ops/readiness.py).

``ProbeMiddleware`` answers both right after the request id, before any other middleware: no
session is read, no cookie set, no database touched for liveness, and neither the host check
nor the HTTPS redirect applies (a load balancer probes the instance over plain HTTP by its
address). The same views are in the URL configuration, so they answer also without it.
GET and HEAD only (HEAD is how some load balancers probe); other methods get 405.
"""

from __future__ import annotations

from django.http import HttpRequest, JsonResponse
from django.urls import Resolver404, resolve
from django.views.decorators.http import require_safe

from .readiness import run_checks


def _uncached(response: JsonResponse) -> JsonResponse:
    response["Cache-Control"] = "no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response


@require_safe
def health(request: HttpRequest) -> JsonResponse:
    """Liveness: the process answers; nothing else is asked, so a slow database never makes
    the load balancer restart a healthy process."""
    return _uncached(JsonResponse({"status": "ok"}))


@require_safe
def ready(request: HttpRequest) -> JsonResponse:
    """Readiness: 200 when every check passes, else 503 with which one did not."""
    outcomes = run_checks()
    ok = all(outcome.ok for outcome in outcomes.values())
    return _uncached(JsonResponse({
        "status": "ok" if ok else "niet gereed",
        "checks": {name: {"ok": o.ok, "detail": o.detail} for name, o in outcomes.items()},
    }, status=200 if ok else 503))


PROBES = {"/gezondheid": health, "/gereed": ready}


class ProbeMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        view = PROBES.get(request.path_info)
        if view is None:
            return self.get_response(request)
        try:  # for the route in log lines (a 405), as the URL resolver would set it
            request.resolver_match = resolve(request.path_info)
        except Resolver404:
            return self.get_response(request)
        return view(request)

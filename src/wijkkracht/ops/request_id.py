"""A request id for every request, and one access line per request without personal data.

The id comes from ``X-Request-ID`` when a proxy in front already gave one (so its log and ours
meet), but only when it is a plain token: a header is the client's to write, and whatever it
holds would otherwise be copied into every log line. Else a new uuid4.

The access line (logger ``wijkkracht.requests``, INFO; on by default in production, see
``WIJKKRACHT_REQUEST_LOG``) names the URL's route pattern, never the path or the query string,
and never who asked: ``GET /wijkfoto/<area:code> 200 12ms``.
"""

from __future__ import annotations

import logging
import re
import time
import uuid

from django.conf import settings
from django.core.signals import request_finished

from .logs import NO_ROUTE, REQUEST_ID, route_of

HEADER = "X-Request-ID"
SANE = re.compile(r"[A-Za-z0-9._-]{8,64}")
METHOD = re.compile(r"[A-Z]{1,10}")
# The load balancer's probes: every few seconds, nothing to learn from an access line each.
QUIET_PATHS = frozenset({"/gezondheid", "/gereed"})

access_log = logging.getLogger("wijkkracht.requests")


def request_id_from(header: str | None) -> str:
    """The proxy's id when it is a sane token, else a fresh one."""
    if header and SANE.fullmatch(header):
        return header
    return uuid.uuid4().hex


class RequestIdMiddleware:
    """First in MIDDLEWARE, so that every log line of a request, and the time it took, are
    counted from the start."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        started = time.perf_counter()
        request_id = request_id_from(request.headers.get(HEADER))
        request.request_id = request_id
        # Not reset on the way out: Django writes its request warnings (404, 500) after the
        # middleware returns. request_finished clears it.
        REQUEST_ID.set(request_id)
        response = self.get_response(request)
        response[HEADER] = request_id
        if request.path_info not in QUIET_PATHS and access_log.isEnabledFor(logging.INFO):
            method = request.method if METHOD.fullmatch(request.method or "") else "OTHER"
            route, status = route_of(request), response.status_code
            if route == NO_ROUTE and request.path_info.startswith(settings.STATIC_URL):
                route = f"{settings.STATIC_URL}*"  # WhiteNoise answers before URL resolution
            duration_ms = round((time.perf_counter() - started) * 1000, 1)
            access_log.info("%s %s %s %sms", method, route, status, duration_ms, extra={
                "request_id": request_id, "method": method, "route": route, "status": status,
                "duration_ms": duration_ms})
        return response


def _forget_request_id(**kwargs) -> None:
    REQUEST_ID.set(None)


request_finished.connect(_forget_request_id, dispatch_uid="wijkkracht.ops.request_id")

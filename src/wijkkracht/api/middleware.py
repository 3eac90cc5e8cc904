"""Headers every API response needs (NLGov API Design Rules), and problem+json for all errors.

- ``API-Version`` with the full version (/core/version-header).
- ``Access-Control-Allow-Origin: *`` (/core/publish-openapi, /core/transport/cors): the API
  serves open statistics and accepts no cookies, only bearer tokens, so any site may read it.
- ``Cache-Control: no-store`` unless a view chose otherwise (/core/transport/security-headers).
- Error responses made outside the API's own handlers (Django's 404 for an unknown path or a
  trailing slash, ninja's 405) are rewritten as problem+json, keeping ``Allow`` and
  ``WWW-Authenticate``.
"""

from __future__ import annotations

from .problems import PROBLEM_JSON, is_api_request, problem_response

API_VERSION = "1.0.0"
KEPT_HEADERS = ("Allow", "WWW-Authenticate", "Retry-After")


class ApiVersionMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if not is_api_request(request):
            return response
        if response.status_code >= 400 and not response.get("Content-Type", "").startswith(
                PROBLEM_JSON):
            problem = problem_response(request, response.status_code)
            for name in KEPT_HEADERS:
                if name in response:
                    problem[name] = response[name]
            response = problem
        response["API-Version"] = API_VERSION
        response["Access-Control-Allow-Origin"] = "*"
        response.setdefault("Cache-Control", "no-store")
        return response

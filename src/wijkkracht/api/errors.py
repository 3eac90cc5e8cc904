"""Every error the API can meet, turned into a problem+json answer (RFC 9457) in Dutch.

Views raise ``ApiProblem`` with the status that fits where a core ``WijkkrachtError`` came from
(an unknown area is 404, no data loaded is 503, a bad combination of parameters is 400); the
handlers below cover the rest, so a client never sees ninja's English defaults or a stack trace.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from django.http import Http404, HttpRequest, HttpResponse
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, ValidationError

from wijkkracht.areas.selectors import NO_DATA
from wijkkracht.errors import WijkkrachtError

from .problems import problem_response

logger = logging.getLogger(__name__)

REALM = "wijkkracht"
NO_TOKEN = "Deze bron vraagt een API-token: stuur de kop 'Authorization: Bearer <token>'."
BAD_TOKEN = "Het API-token is onbekend of ingetrokken; vraag een beheerder om een nieuw token."
NOT_FOUND = "Deze bron bestaat niet. De bronnen staan in /api/v1/openapi.json."
BAD_CODE = ("'{value}' is geen CBS-gebiedscode zoals GM0392, WK039210 of BU03921000. Zoek de code "
            "met /api/v1/areas?search=NAAM.")
INTERNAL = "Er ging iets mis aan onze kant; de fout is vastgelegd. Probeer het later opnieuw."


class ApiProblem(Exception):
    """An error answer with a status and a Dutch detail, raised from a view."""

    def __init__(self, status: int, detail: str, **extra) -> None:
        super().__init__(detail)
        self.status = status
        self.detail = detail
        self.extra = extra


@contextmanager
def wijkkracht_errors(status: int) -> Iterator[None]:
    """Turn a core error into a problem with ``status`` (the core's Dutch message as detail)."""
    try:
        yield
    except WijkkrachtError as exc:
        raise ApiProblem(status, str(exc)) from None


@contextmanager
def data_errors() -> Iterator[None]:
    """No CBS data at all is 503 (the service cannot answer yet); a year not loaded is 404."""
    try:
        yield
    except WijkkrachtError as exc:
        raise ApiProblem(503 if str(exc) == NO_DATA else 404, str(exc)) from None


def _reason(error: dict) -> str:
    """A Dutch reason for one pydantic error (its English message is not for our users)."""
    kind = error.get("type", "")
    ctx = error.get("ctx") or {}
    if kind == "missing":
        return "is verplicht"
    if kind in ("int_parsing", "int_type", "int_from_float"):
        return "moet een geheel getal zijn"
    if kind == "greater_than_equal":
        return f"moet minstens {ctx.get('ge')} zijn"
    if kind == "less_than_equal":
        return f"mag hoogstens {ctx.get('le')} zijn"
    if kind in ("literal_error", "enum"):
        expected = str(ctx.get("expected", "")).replace("'", "").replace(" or ", " of ")
        return f"moet een van deze waarden zijn: {expected}"
    if kind == "string_too_long":
        return f"mag hoogstens {ctx.get('max_length')} tekens lang zijn"
    if kind == "string_too_short":
        return f"moet minstens {ctx.get('min_length')} teken(s) lang zijn"
    if kind == "string_pattern_mismatch":
        return "heeft niet de juiste vorm"
    if kind in ("uuid_parsing", "uuid_type", "uuid_version"):
        return "moet een UUID zijn, bijvoorbeeld 3f7b145d-84af-42d7-8fae-eaca714b02b2"
    if kind.startswith(("datetime_", "date_")):
        return "moet een datum of moment zijn (ISO 8601), bijvoorbeeld 2026-11-01T12:00:00Z"
    if kind in ("bool_parsing", "bool_type"):
        return "moet true of false zijn"
    return "is ongeldig"


def invalid_params(errors: list[dict]) -> list[dict]:
    params = []
    for error in errors:
        loc = [str(part) for part in error.get("loc", ())]
        name = ".".join(loc[1:]) if len(loc) > 1 else (loc[0] if loc else "?")
        params.append({"name": name, "reason": _reason(error)})
    return params


def _validation_error(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    path_errors = [e for e in exc.errors if tuple(e.get("loc", ()))[:1] == ("path",)]
    if path_errors:
        # A malformed identifier in the path names no resource: 404, as for an unknown code.
        loc = tuple(path_errors[0].get("loc", ()))
        match = request.resolver_match
        value = match.kwargs.get(str(loc[-1]), "") if match and loc else ""
        return problem_response(request, 404, BAD_CODE.format(value=value))
    params = invalid_params(exc.errors)
    names = ", ".join(p["name"] for p in params)
    return problem_response(request, 400, f"Ongeldige parameter(s): {names}.",
                            **{"invalid-params": params})


def _authentication_error(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
    # RFC 6750 section 3: no error code when no credentials were sent, invalid_token otherwise.
    sent = bool(request.headers.get("Authorization"))
    response = problem_response(request, 401, BAD_TOKEN if sent else NO_TOKEN)
    challenge = f'Bearer realm="{REALM}"'
    if sent:
        challenge += ', error="invalid_token"'
    response["WWW-Authenticate"] = challenge
    return response


def _unexpected(request: HttpRequest, exc: Exception) -> HttpResponse:
    logger.exception("Unexpected error in %s %s", request.method, request.path)
    return problem_response(request, 500, INTERNAL)


HANDLERS: dict[type[Exception], Callable[[HttpRequest, Exception], HttpResponse]] = {
    ApiProblem: lambda request, exc: problem_response(request, exc.status, exc.detail,
                                                      **exc.extra),
    # A core error no view placed: the user's input was wrong, as far as the core knows.
    WijkkrachtError: lambda request, exc: problem_response(request, 400, str(exc)),
    ValidationError: _validation_error,
    AuthenticationError: _authentication_error,
    # Other ninja HTTP errors carry English text; the Dutch title says enough.
    HttpError: lambda request, exc: problem_response(request, exc.status_code),
    Http404: lambda request, exc: problem_response(request, 404, NOT_FOUND),
    Exception: _unexpected,
}


def install(api: NinjaAPI) -> None:
    for exc_class, handler in HANDLERS.items():
        api.add_exception_handler(exc_class, handler)

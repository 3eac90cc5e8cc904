"""The public survey behind a personal link: no sign-in, works without JavaScript.

The token is in the URL path because the link must work from a letter or an e-mail. So it is
kept out of everything else: responses are not cached and send no Referer, the access log
names the invitation id, and Django's request logging gets the path with the token redacted.
"""

from __future__ import annotations

import logging
import re

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from . import services
from .forms import LEVEL_CHOICES, SurveyForm, submitted
from .services import NetwerkInputError, SurveyError, SurveyProblem

SURVEY_PREFIX = "/netwerkscan/vragenlijst/"
_TOKEN_IN_PATH = re.compile(re.escape(SURVEY_PREFIX) + r"[A-Za-z0-9_-]{8,}")
REDACTED = SURVEY_PREFIX + "[link]"


def redact(text: str) -> str:
    return _TOKEN_IN_PATH.sub(REDACTED, text)


class RedactSurveyToken(logging.Filter):
    """Replaces survey tokens in a log record's message and arguments."""

    def filter(self, record: logging.LogRecord) -> bool:
        if isinstance(record.msg, str):
            record.msg = redact(record.msg)
        if isinstance(record.args, tuple):
            record.args = tuple(redact(a) if isinstance(a, str) else a for a in record.args)
        elif isinstance(record.args, dict):
            record.args = {k: redact(v) if isinstance(v, str) else v
                           for k, v in record.args.items()}
        return True


# The loggers that write a request's path: 4xx/5xx responses, the dev server, CSRF refusals.
PATH_LOGGERS = ("django.request", "django.server", "django.security.csrf")


def install_token_redaction() -> None:
    for name in PATH_LOGGERS:
        logger = logging.getLogger(name)
        if not any(isinstance(f, RedactSurveyToken) for f in logger.filters):
            logger.addFilter(RedactSurveyToken())


def _private(response: HttpResponse) -> HttpResponse:
    """The token in the address never goes to another site. Not "no-referrer": browsers then
    post the form with ``Origin: null``, which Django's CSRF check rightly refuses."""
    response["Referrer-Policy"] = "same-origin"
    return response


# A link that can no longer be answered can still be used to withdraw (the right to be removed
# does not end with the survey), so these pages offer it.
WITHDRAWABLE = frozenset({SurveyProblem.ALREADY_USED, SurveyProblem.CLOSED,
                          SurveyProblem.EXPIRED, SurveyProblem.NOT_OPEN})


def _problem(request: HttpRequest, exc: SurveyError, token: str | None = None) -> HttpResponse:
    may_withdraw = token is not None and exc.problem in WITHDRAWABLE
    return _private(render(request, "netwerk/survey_problem.html",
                           {"message": str(exc), "problem": exc.problem,
                            "token": token if may_withdraw else None}, status=exc.status))


@never_cache
@require_http_methods(["GET", "POST"])
def survey(request: HttpRequest, token: str) -> HttpResponse:
    try:
        invitation = services.survey_invitation(token)
    except SurveyError as exc:
        return _problem(request, exc, token)
    form = SurveyForm(services.survey_roster(invitation), submitted(request),
                      initial={"consent_named": invitation.participant.consent_named})
    if request.method == "POST" and form.is_valid():
        try:
            services.survey_submit(token, form.answers(),
                                   consent_named=form.cleaned_data["consent_named"],
                                   request=request)
        except SurveyError as exc:
            return _problem(request, exc, token)
        except NetwerkInputError as exc:  # e.g. someone withdrew while the form was open
            form.add_error(None, str(exc))
        else:
            # Shown in answer to the POST, not after a redirect: a page reachable without a
            # token would be public, and a reload can only say "already filled in" (true).
            return _private(render(request, "netwerk/survey_done.html", {"token": token}))
    if request.method == "GET":
        services.survey_opened(invitation, request=request)
    return _private(render(request, "netwerk/survey.html", {
        "form": form, "invitation": invitation, "token": token, "levels": LEVEL_CHOICES,
        "scan": invitation.moment.scan, "moment": invitation.moment,
        "participant": invitation.participant}, status=400 if form.errors else 200))


@never_cache
@require_http_methods(["GET", "POST"])
def withdraw(request: HttpRequest, token: str) -> HttpResponse:
    """Confirm, then remove the participant and their answers (through their own link)."""
    if request.method == "POST":
        try:
            services.survey_withdraw(token, request=request)
        except SurveyError as exc:
            return _problem(request, exc)
        return _private(render(request, "netwerk/survey_withdrawn.html"))
    try:
        invitation = services.withdrawal_invitation(token)
    except SurveyError as exc:
        return _problem(request, exc)
    return _private(render(request, "netwerk/survey_withdraw.html", {
        "token": token, "scan": invitation.moment.scan}))

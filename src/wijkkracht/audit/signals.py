"""Sign-in, sign-out and failed sign-in become records of the "authentication" activity.

Connected in ``AuditConfig.ready()``. The data subject of an authentication is the user. For a
failed sign-in the attempted user name is never stored: it becomes the user's pk when such a
user exists, else a keyed hash (HMAC-SHA256 with SECRET_KEY as key, i.e. a salted sha256), which
still lets the privacy officer see repeated attempts on the same name.
"""

from __future__ import annotations

import hashlib
import hmac
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.http import HttpRequest

from . import services
from .models import Action, Outcome

ACTIVITY = "authentication"


def hashed_username(username: str) -> str:
    return hmac.new(settings.SECRET_KEY.encode("utf-8"), username.encode("utf-8"),
                    hashlib.sha256).hexdigest()


def failed_subject(username: Any) -> tuple[str, str]:
    """(subject type, subject id) for an attempted user name, without the name itself."""
    if not isinstance(username, str) or not username:
        return "unknown", ""
    user_model = get_user_model()
    pk = (user_model._default_manager.filter(**{user_model.USERNAME_FIELD: username})
          .values_list("pk", flat=True).first())
    if pk is not None:
        return "user", str(pk)
    return "username_hash", hashed_username(username)


def on_logged_in(sender: Any, request: HttpRequest | None = None, user: Any = None,
                 **kwargs: Any) -> None:
    if user is None:
        return
    # The password step of a two-step sign-in says so (accounts/views.py); "login" is then
    # recorded after the second step.
    operation = getattr(request, "audit_login_operation", "login")
    services.record(activity=ACTIVITY, operation=operation, action=Action.EXECUTE,
                    subject_type="user", subject_id=user.pk, user=user, request=request)


def on_logged_out(sender: Any, request: HttpRequest | None = None, user: Any = None,
                  **kwargs: Any) -> None:
    if user is None or not user.is_authenticated:  # signing out while anonymous: nothing done
        return
    services.record(activity=ACTIVITY, operation="logout", action=Action.EXECUTE,
                    subject_type="user", subject_id=user.pk, user=user, request=request)


def on_login_failed(sender: Any, credentials: dict[str, Any] | None = None,
                    request: HttpRequest | None = None, **kwargs: Any) -> None:
    """Django sends ``request`` as a keyword (axes relies on it); it may be absent or None."""
    credentials = credentials or {}
    if request is None:
        candidate = credentials.get("request")
        request = candidate if isinstance(candidate, HttpRequest) else None
    field = get_user_model().USERNAME_FIELD
    subject_type, subject_id = failed_subject(credentials.get(field, credentials.get("username")))
    operation = "otp_failed" if credentials.get("step") == "otp" else "login_failed"
    services.record(activity=ACTIVITY, operation=operation, action=Action.EXECUTE,
                    outcome=Outcome.ERROR, subject_type=subject_type, subject_id=subject_id,
                    user=None, request=request)


def connect() -> None:
    user_logged_in.connect(on_logged_in, dispatch_uid="audit.on_logged_in")
    user_logged_out.connect(on_logged_out, dispatch_uid="audit.on_logged_out")
    user_login_failed.connect(on_login_failed, dispatch_uid="audit.on_login_failed")

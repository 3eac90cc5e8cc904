"""Making, checking and revoking API tokens; the clear token exists only in the caller's hands."""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from wijkkracht.audit import services as audit
from wijkkracht.audit.models import Action

from .models import ApiToken

TOKEN_PREFIX = "wk_"
PREFIX_LENGTH = 10  # "wk_" and 7 random characters: enough to tell tokens apart, useless alone
# Writing last_used_at on every call would turn each read into a write; a minute is precise
# enough to see whether a token is still in use.
LAST_USED_RESOLUTION = timedelta(minutes=1)
AUDIT_ACTIVITY = "authentication"


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


@transaction.atomic
def api_token_create(user, name: str) -> tuple[ApiToken, str]:
    """A new token for ``user``; returns the row and the clear token, which is not kept."""
    token = TOKEN_PREFIX + secrets.token_urlsafe(32)
    api_token = ApiToken.objects.create(user=user, name=name.strip()[:100],
                                        token_hash=token_hash(token),
                                        prefix=token[:PREFIX_LENGTH])
    audit.record(activity=AUDIT_ACTIVITY, operation="api_token_create", action=Action.CREATE,
                 subject_type="user", subject_id=user.pk, user=user)
    return api_token, token


@transaction.atomic
def api_token_revoke(api_token: ApiToken, by=None) -> None:
    """Refuse the token from now on; the row stays, so past use can still be explained."""
    if api_token.revoked:
        return
    api_token.revoked = True
    api_token.save(update_fields=["revoked"])
    audit.record(activity=AUDIT_ACTIVITY, operation="api_token_revoke", action=Action.UPDATE,
                 subject_type="user", subject_id=api_token.user_id,
                 user=by or api_token.user)


def api_token_authenticate(token: str) -> ApiToken | None:
    """The live token matching ``token`` (active user, not revoked), or None."""
    token = token.strip()
    if not token.startswith(TOKEN_PREFIX) or len(token) > 200:
        return None
    api_token = (ApiToken.objects.select_related("user")
                 .filter(token_hash=token_hash(token), revoked=False).first())
    if api_token is None or not api_token.user.is_active:
        return None
    now = timezone.now()
    if api_token.last_used_at is None or now - api_token.last_used_at >= LAST_USED_RESOLUTION:
        ApiToken.objects.filter(pk=api_token.pk).update(last_used_at=now)
        api_token.last_used_at = now
    return api_token

"""OIDC sign-in for gemeenten with an identity provider (mozilla-django-oidc).

Off unless OIDC_RP_CLIENT_ID is set. Users are matched on e-mail address; new users are only
created when OIDC_CREATE_USER is on (otherwise a functional administrator creates them first, so
nobody gets access just by having an account at the identity provider).
"""

from __future__ import annotations

from mozilla_django_oidc.auth import OIDCAuthenticationBackend

from .twofactor import OIDC_SESSION_FLAG


class WijkkrachtOIDCBackend(OIDCAuthenticationBackend):
    def authenticate(self, request, **kwargs):
        user = super().authenticate(request, **kwargs)
        if user is not None and request is not None:
            request.session[OIDC_SESSION_FLAG] = True
        return user

    def create_user(self, claims):
        user = super().create_user(claims)
        user.first_name = claims.get("given_name", "")
        user.last_name = claims.get("family_name", "")
        user.save(update_fields=["first_name", "last_name"])
        return user

"""Bearer-token authentication for machine clients; sessions are never accepted by the API."""

from __future__ import annotations

from django.http import HttpRequest
from ninja.security import HttpBearer

from .models import ApiToken
from .services import api_token_authenticate


class ApiTokenAuth(HttpBearer):
    openapi_description = ("Een API-token van een beheerder (`manage.py api_token_create "
                           "GEBRUIKER NAAM`), als `Authorization: Bearer <token>`.")

    def authenticate(self, request: HttpRequest, token: str) -> ApiToken | None:
        return api_token_authenticate(token)


token_auth = ApiTokenAuth()

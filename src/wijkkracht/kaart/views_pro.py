"""The sociale kaart inside the platform: the public search, plus who keeps each entry, when it
was last checked and a way to suggest a change. For any member of a team, fully signed in."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.views.decorators.http import require_GET

from wijkkracht.accounts.permissions import is_team_member

from .views_public import search_page


@require_GET
@login_required
def pro_search(request: HttpRequest) -> HttpResponse:
    if not is_team_member(request.user):
        raise PermissionDenied
    return search_page(request, "kaart/pro_search.html", professional=True)

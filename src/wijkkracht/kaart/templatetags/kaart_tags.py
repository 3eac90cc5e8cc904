"""Template tags of the kaart pages."""

from __future__ import annotations

from django import template
from django.urls import NoReverseMatch, reverse

register = template.Library()


@register.simple_tag
def suggest_url(service_id) -> str:
    """The "suggest a change" page of a service, or "" while no such page exists (the editing
    workflow adds the URL name ``kaart:suggest``; the search pages work without it)."""
    try:
        return reverse("kaart:suggest", args=[service_id])
    except NoReverseMatch:
        return ""

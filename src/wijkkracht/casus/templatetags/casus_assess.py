"""Template tags for the assessments section of the case page (``casus/_assessments.html``)."""

from __future__ import annotations

from django import template

from .. import access
from ..views_assess import overview

register = template.Library()


@register.simple_tag
def assessment_overview(case):
    """The assessments of ``case`` per instrument, with the change per domain (read through
    the scope of the case page's view)."""
    return overview(case)


@register.simple_tag(takes_context=True)
def may_write_case(context, case) -> bool:
    request = context.get("request")
    return bool(request and access.allows(request.user, case, access.WRITE))

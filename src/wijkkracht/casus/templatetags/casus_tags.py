"""Words for the codes the case history keeps (event kinds and field names)."""

from __future__ import annotations

from django import template
from django.core.exceptions import FieldDoesNotExist
from django.utils.translation import gettext_lazy as _

from wijkkracht.casus.models import Case, Household, Person

register = template.Library()

EVENTS = {
    "created": _("registered the case"),
    "updated": _("changed the case"),
    "status": _("changed the status"),
    "household_updated": _("changed the household"),
    "person_added": _("added a household member"),
    "person_updated": _("changed a household member"),
    "member_added": _("gave a professional access"),
    "member_removed": _("removed a professional's access"),
    "emergency_access": _("opened the case with emergency access"),
    # consent, meetings, referrals (services_meet)
    "consent_given": _("recorded the resident's consent"),
    "consent_withdrawn": _("recorded the withdrawal of consent"),
    "meeting_added": _("recorded a meeting"),
    "meeting_updated": _("changed a meeting"),
    "referred": _("referred to specialised care"),
    "referral_result": _("recorded the result of a referral"),
    "escalated": _("escalated the case to a broad team"),
    "returned": _("took the case back from the broad team"),
    "document_added": _("added a document"),
    "restricted": _("restricted the processing of the case"),
    "restriction_lifted": _("lifted the restriction of the case"),
}
EXTRA_FIELDS = {"person": _("household member"), "member": _("professional"),
                # consent, meetings, referrals (services_meet)
                "consent": _("consent"), "given_on": _("given on"),
                "withdrawn_on": _("withdrawn on"), "to": _("to"), "from": _("from"),
                "referred_on": _("date of the referral"), "result": _("result"),
                "kind": _("kind of meeting"), "held_on": _("date of the meeting"),
                "at_home": _("at the resident's home"), "agenda": _("agenda"),
                "decisions": _("decisions"), "resident_voice": _("the resident's own words"),
                "participants": _("participants"), "document": _("document")}


@register.filter
def event_label(kind: str) -> str:
    return str(EVENTS.get(kind, kind))


@register.filter
def field_label(name: str) -> str:
    if name in EXTRA_FIELDS:
        return str(EXTRA_FIELDS[name])
    for model in (Case, Household, Person):
        try:
            return str(model._meta.get_field(name).verbose_name)
        except FieldDoesNotExist:
            continue
    return name


@register.filter
def shown(value, field: str) -> str:
    """A value in the history as people read it: a choice by its label."""
    if value is None or value == "":
        return "–"
    for model in (Case, Household, Person):
        try:
            choices = model._meta.get_field(field).choices
        except FieldDoesNotExist:
            continue
        if choices:
            return str(dict(choices).get(value, value))
        break
    return str(value)


@register.filter
def who(user) -> str:
    """A professional by name, or "the system" for changes no person made (a command)."""
    if user is None:
        return str(_("the system"))
    return user.get_full_name() or user.username

"""Reads for the resident's rights (AVG art. 15, 17, 18) and the privacy officer's oversight
(NEN 7513): emergency accesses, the case behind an access-log question, and the inzage export.

The privacy officer works outside every team: the two functions for the officer's pages read
under ``scopes_disabled()`` and return plain rows, never model instances, so the audit app
cannot wander from them into the rest of the casework. The inzage is read in the viewer's own
scope, like every other casework page.
"""

from __future__ import annotations

import base64
import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db import models
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wijkkracht.accounts.models import Team, User

from .models import (
    Assessment,
    BreakGlass,
    Case,
    CaseDocument,
    CaseEvent,
    CaseMember,
    Consent,
    Goal,
    Household,
    Meeting,
    MeetingParticipant,
    NetworkMember,
    Person,
    Plan,
    PlanAction,
    Referral,
    Score,
    StatusChange,
)
from .scoping import scope, scopes_disabled


def _name(user: User | None) -> str:
    if user is None:
        return ""
    return user.get_full_name() or user.username


# --- the privacy officer ------------------------------------------------------------------------

@dataclass(frozen=True)
class EmergencyRow:
    """One use of emergency access, as the privacy officer reviews it."""

    pk: int
    user: str
    case_pk: int
    household_id: int
    household: str
    at: dt.datetime
    until: dt.datetime
    reason: str
    reviewed_at: dt.datetime | None
    reviewed_by: str
    review_note: str

    @property
    def active(self) -> bool:
        return self.until > timezone.now()


def emergency_accesses() -> list[EmergencyRow]:
    """Every emergency access, the ones not yet reviewed first (newest first within each)."""
    with scopes_disabled():
        rows = (BreakGlass.objects.select_related("user", "reviewed_by", "case__household")
                .order_by(F("reviewed_at").desc(nulls_first=True), "-at", "-pk"))
        return [EmergencyRow(pk=g.pk, user=_name(g.user), case_pk=g.case_id,
                             household_id=g.case.household_id, household=g.case.household.name,
                             at=g.at, until=g.until, reason=g.reason, reviewed_at=g.reviewed_at,
                             reviewed_by=_name(g.reviewed_by), review_note=g.review_note)
                for g in rows]


@dataclass(frozen=True)
class CaseSubject:
    """Whose file a case number is: enough to find the access-log records about it."""

    case_pk: int
    household_id: int
    household: str
    case_ids: tuple[int, ...]  # every case of the household (refused looks name only these)


def case_subject(case_pk: int) -> CaseSubject | None:
    with scopes_disabled():
        case = Case.objects.select_related("household").filter(pk=case_pk).first()
        if case is None:
            return None
        ids = tuple(Case.objects.filter(household_id=case.household_id).order_by("pk")
                    .values_list("pk", flat=True))
        return CaseSubject(case.pk, case.household_id, case.household.name, ids)


# --- the inzage (AVG art. 15) -------------------------------------------------------------------

@dataclass(frozen=True)
class Field:
    name: str
    label: str
    value: Any  # as the JSON export holds it
    shown: str  # as the printable page shows it


@dataclass(frozen=True)
class Section:
    key: str
    title: str
    rows: list[list[Field]]

    def as_json(self) -> list[dict[str, Any]]:
        return [{f.name: f.value for f in row} for row in self.rows]


# Technical counters, not data about anyone.
SKIPPED_FIELDS = {"version"}
# Words for the fields whose model gives none (Django would show the English field name).
LABELS = {
    "id": _("number"), "at": _("when"), "user": _("professional"), "by": _("by"),
    "kind": _("kind"), "changes": _("changes"), "from_status": _("from status"),
    "to_status": _("to status"), "added_at": _("added on"), "added_by": _("added by"),
    "case": _("case"), "created_by": _("registered by"), "plan": _("plan"), "goal": _("goal"),
    "assessment": _("assessment"), "meeting": _("meeting"), "instrument": _("instrument"),
    "domain": _("domain"), "until": _("until"), "reviewed_at": _("reviewed on"),
    "reviewed_by": _("reviewed by"), "updated_at": _("changed on"),
    "status_changed_at": _("status since"), "reason": _("reason"),
    "restricted_by": _("restricted by"), "recorded_by": _("recorded by"),
    "content_type": _("file type"), "size": _("size in bytes"),
    "sha256": _("checksum (SHA-256)"), "content": _("content"),
    "uploaded_at": _("uploaded on"), "uploaded_by": _("uploaded by"),
}


def _label(field: models.Field) -> str:
    automatic = str(field.verbose_name) in (field.name.replace("_", " "), "ID")
    return str(LABELS[field.name]) if automatic and field.name in LABELS else str(
        field.verbose_name)


def _field(obj: models.Model, field: models.Field) -> Field | None:
    if field.name in SKIPPED_FIELDS:
        return None
    label = _label(field)
    if field.is_relation:
        target = getattr(obj, field.name)
        if target is None:
            return Field(field.name, label, None, "–")
        if isinstance(target, User):
            return Field(field.name, label, _name(target), _name(target))
        if isinstance(target, Team) or not hasattr(field.related_model, "unscoped"):
            return Field(field.name, label, str(target), str(target))  # instrument, domain
        return Field(field.name, label, target.pk, f"{field.related_model._meta.verbose_name} "
                                                   f"{target.pk}")
    value = getattr(obj, field.attname)
    if isinstance(obj, Person) and field.name == "bsn" and not value:
        return None  # the BSN only when it was recorded
    if value is None or value == "":
        return Field(field.name, label, value, "–")
    if isinstance(value, bytes | memoryview):  # a document: the file itself, in the export
        data = bytes(value)
        return Field(field.name, label, base64.b64encode(data).decode("ascii"),
                     f"{len(data)} bytes")
    if field.choices:
        return Field(field.name, label, value, str(dict(field.flatchoices).get(value, value)))
    if isinstance(value, bool):
        return Field(field.name, label, value, str(_("yes") if value else _("no")))
    if isinstance(value, dt.datetime):
        local = timezone.localtime(value)
        return Field(field.name, label, value.isoformat(), local.strftime("%d-%m-%Y %H:%M"))
    if isinstance(value, dt.date):
        return Field(field.name, label, value.isoformat(), value.strftime("%d-%m-%Y"))
    if isinstance(value, dict):
        shown = "; ".join(f"{k}: {v[0] if isinstance(v, list) and v else v} → "
                          f"{v[1] if isinstance(v, list) and len(v) > 1 else ''}"
                          if isinstance(v, list) else f"{k}: {v}" for k, v in value.items())
        return Field(field.name, label, value, shown or "–")
    return Field(field.name, label, value, str(value))


def _rows(queryset) -> list[list[Field]]:
    model = queryset.model
    related = [f.name for f in model._meta.concrete_fields if f.is_relation]
    rows = []
    for obj in queryset.select_related(*related).order_by("pk"):
        rows.append([shown for f in model._meta.concrete_fields
                     if (shown := _field(obj, f)) is not None])
    return rows


SECTIONS: list[tuple[str, type[models.Model], Any]] = [
    ("households", Household, _("Household")),
    ("persons", Person, _("Members of the household")),
    ("cases", Case, _("Cases")),
    ("case_members", CaseMember, _("Professionals added to the case")),
    ("history", CaseEvent, _("History")),
    ("status_changes", StatusChange, _("Status changes")),
    ("network", NetworkMember, _("Own network")),
    ("assessments", Assessment, _("Assessments")),
    ("scores", Score, _("Scores")),
    ("plans", Plan, _("Plan")),
    ("goals", Goal, _("Goals")),
    ("actions", PlanAction, _("Actions")),
    ("consents", Consent, _("Consents")),
    ("meetings", Meeting, _("Meetings")),
    ("meeting_participants", MeetingParticipant, _("Participants in meetings")),
    ("referrals", Referral, _("Referrals")),
    ("documents", CaseDocument, _("Documents")),
    ("emergency_accesses", BreakGlass, _("Emergency accesses")),
]


def inzage(user: User, case: Case) -> list[Section]:
    """Everything stored about the household of ``case`` that ``user`` may see: every case of
    the household in the user's reach and every row of every casework table about them."""
    with scope(viewer=user):
        cases = Case.objects.filter(household_id=case.household_id)
        sections = []
        for key, model, title in SECTIONS:
            if model is Household:
                rows = model.objects.filter(pk=case.household_id)
            elif model is Person:
                rows = model.objects.filter(household_id=case.household_id)
            elif model is Case:
                rows = cases
            elif model is BreakGlass:  # not a scoped model: through the scoped cases
                rows = model.objects.filter(case__in=cases)
            else:
                rows = model.objects.filter(**{f"{model.case_path}in": cases})
            sections.append(Section(key, str(title), _rows(rows)))
        return sections

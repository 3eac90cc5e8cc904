"""Writes of the praktijkbank: save a practice (optimistic version check), publish and
unpublish it, add an attachment, load the programme's examples. Who may is asked of
``accounts.permissions``; every refusal is a :class:`PracticeError` with a Dutch message."""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path
from typing import Any

from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from wijkkracht.accounts.models import Organisation, User
from wijkkracht.accounts.permissions import (
    can_create_practice,
    can_edit_practice,
    practice_organisations,
)
from wijkkracht.errors import WijkkrachtError
from wijkkracht.inputs.filetypes import JPEG, PDF, PNG, safe_name, sniff

from .core.vocabulary import VocabularyError, vocabulary
from .models import Attachment, Practice, Status

EXAMPLES = Path(__file__).resolve().parent / "examples.json"
MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024
ATTACHMENT_TYPES = (PDF, PNG, JPEG)
WIJK_CODE = re.compile(r"^WK\d{4}[0-9A-Z]{2}$")  # as areas.codes
GEMEENTE_CODE = re.compile(r"^GM\d{4}$")
EDITABLE = ("title", "summary", "description", "gemeente_code", "wijk_codes", "place",
            "organisations", "started_on", "ended_on", "target_groups", "goals",
            "intended_results", "achieved_results", "lessons", "advice", "principles",
            "status", "status_reason", "contact_name", "contact_email", "monitor_indicators",
            "sroi_initiative_id", "source")


class PracticeError(WijkkrachtError):
    """A practice or attachment that cannot be saved; ``errors`` maps a field (or None) to
    Dutch messages."""

    def __init__(self, errors: dict[str | None, list[str]]):
        self.errors = errors
        super().__init__(" ".join(m for ms in errors.values() for m in ms))


class NotAllowed(WijkkrachtError):
    def __init__(self):
        super().__init__(_("You may not change this practice."))


class EditConflict(WijkkrachtError):
    """Someone saved the practice after the user opened it; ``current`` is what is stored."""

    def __init__(self, current: Practice):
        self.current = current
        super().__init__(_("Someone else saved this practice while you were editing it. "
                           "Your text is still in the form; compare it and save again."))


def home_organisation(user: User) -> Organisation | None:
    """The organisation a new practice of ``user`` belongs to."""
    if user.organisation_id:
        return user.organisation
    return practice_organisations(user).order_by("name").first()


def _checked(values: dict[str, Any], organisation_id: int | None) -> dict[str, Any]:
    errors: dict[str | None, list[str]] = {}
    vocab = vocabulary()
    out = {k: values[k] for k in EDITABLE if k in values}
    try:
        out["principles"] = vocab.check_principles(list(values.get("principles") or []))
    except VocabularyError as exc:
        errors["principles"] = [str(exc)]
    try:
        out["target_groups"] = vocab.check_target_groups(list(values.get("target_groups") or []))
    except VocabularyError as exc:
        errors["target_groups"] = [str(exc)]
    wijken = [str(c).strip().upper() for c in values.get("wijk_codes") or [] if str(c).strip()]
    wrong = [c for c in wijken if not WIJK_CODE.match(c)]
    if wrong:
        errors["wijk_codes"] = [_("These are not CBS wijk codes (like WK039210): %(codes)s.")
                                % {"codes": ", ".join(wrong)}]
    out["wijk_codes"] = list(dict.fromkeys(wijken))
    gemeente = str(values.get("gemeente_code") or "").strip().upper()
    if gemeente and not GEMEENTE_CODE.match(gemeente):
        errors["gemeente_code"] = [_("A CBS gemeente code is GM and four digits, e.g. GM0392.")]
    out["gemeente_code"] = gemeente
    for field in ("title", "summary"):
        if field in out and not str(out[field] or "").strip():
            errors[field] = [_("Fill this in.")]
    if out.get("status") and out["status"] not in Status.values:
        errors["status"] = [_("Choose a status from the list.")]
    started, ended = out.get("started_on"), out.get("ended_on")
    if started and ended and ended < started:
        errors["ended_on"] = [_("The end date is before the start date.")]
    indicators = list(dict.fromkeys(values.get("monitor_indicators") or []))
    if indicators:
        from wijkkracht.monitor.selectors import indicator_names

        unknown = [c for c in indicators if c not in indicator_names(indicators)]
        if unknown:
            errors["monitor_indicators"] = [_("Unknown monitor indicators: %(codes)s.")
                                            % {"codes": ", ".join(unknown)}]
    out["monitor_indicators"] = indicators
    sroi_id = out.get("sroi_initiative_id")
    if sroi_id is not None:
        from wijkkracht.monitor.selectors_sroi import sroi_initiative_choices

        ids = [pk for pk, _name in sroi_initiative_choices([organisation_id or 0])]
        if sroi_id not in ids:
            errors["sroi_initiative_id"] = [_("Only a value map of the practice's own "
                                              "organisation can be linked.")]
    if errors:
        raise PracticeError(errors)
    return out


@transaction.atomic
def practice_save(user: User, values: dict[str, Any], *, practice: Practice | None = None,
                  expected_version: int | None = None) -> Practice:
    """Create (``practice`` None) or change a practice. A change must name the version the
    user opened: one conditional UPDATE decides, so two editors cannot both win."""
    if practice is None:
        if not can_create_practice(user):
            raise NotAllowed()
        organisation = home_organisation(user)
        data = _checked(values, organisation.pk if organisation else None)
        return Practice.objects.create(owner=user, organisation=organisation, **data)
    if not can_edit_practice(user, practice.owner_id, practice.organisation_id):
        raise NotAllowed()
    data = _checked(values, practice.organisation_id)
    now = timezone.now()
    written = Practice.objects.filter(pk=practice.pk, version=expected_version).update(
        version=F("version") + 1, updated_at=now, **data)
    if written != 1:
        raise EditConflict(Practice.objects.get(pk=practice.pk))
    practice.refresh_from_db()
    return practice


def _set_public(user: User, practice: Practice, public: bool) -> Practice:
    if not can_edit_practice(user, practice.owner_id, practice.organisation_id):
        raise NotAllowed()
    practice.is_public = public
    practice.published_at = timezone.now() if public else None
    practice.save(update_fields=["is_public", "published_at"])
    return practice


def publish(user: User, practice: Practice) -> Practice:
    return _set_public(user, practice, True)


def unpublish(user: User, practice: Practice) -> Practice:
    return _set_public(user, practice, False)


def attachment_add(user: User, practice: Practice, name: str, content: bytes,
                   description: str = "") -> Attachment:
    """Keep a PDF, PNG or JPEG, recognised by its content, never by its name."""
    if not can_edit_practice(user, practice.owner_id, practice.organisation_id):
        raise NotAllowed()
    if not content:
        raise PracticeError({"file": [_("The file is empty.")]})
    if len(content) > MAX_ATTACHMENT_BYTES:
        raise PracticeError({"file": [_("The file is larger than 10 MB. Make it smaller, "
                                        "for example by saving it as a PDF.")]})
    kind = sniff(content)
    if kind not in ATTACHMENT_TYPES:
        raise PracticeError({"file": [_("This file is not a PDF, PNG or JPEG. Only those "
                                        "kinds of file can be added.")]})
    return Attachment.objects.create(
        practice=practice, name=safe_name(name, kind, limit=140),
        description=description[:200], content_type=kind, size=len(content),
        sha256=hashlib.sha256(content).hexdigest(), content=content, uploaded_by=user)


@transaction.atomic
def load_examples(path: Path = EXAMPLES) -> tuple[int, int]:
    """Put the programme's ten experiments in the praktijkbank as published practices, or
    bring them up to date: matched on name and source, so loading twice changes nothing.
    Returns (created, updated)."""
    data = json.loads(path.read_text(encoding="utf-8"))
    source = data["source"]
    created = updated = 0
    for item in data["practices"]:
        values = _checked({**item, "source": source}, None)
        existing = Practice.objects.filter(title=values["title"], source=source).first()
        if existing is None:
            Practice.objects.create(is_public=True, published_at=timezone.now(), **values)
            created += 1
            continue
        changed = {k: v for k, v in values.items() if getattr(existing, k) != v}
        if changed:
            Practice.objects.filter(pk=existing.pk).update(
                version=F("version") + 1, updated_at=timezone.now(), **changed)
            updated += 1
    return created, updated

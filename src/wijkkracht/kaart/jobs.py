"""Keepers' monthly reminders as a scheduled job (daily: a keeper reminded this month is
skipped, so a second run, or a second worker, sends nothing twice)."""

from __future__ import annotations

from django.conf import settings
from django.utils.translation import gettext_lazy as _

from wijkkracht.jobs import registry

REMINDERS = "kaart.reminders"


def reminders(params: dict, owner, progress) -> registry.Output:
    from .services_workflow import send_reminders

    sent = send_reminders(base_url=settings.WIJKKRACHT_SITE_URL)
    return registry.Output(summary=f"{len(sent)} herinneringen verstuurd.")


def register() -> None:
    registry.register(REMINDERS, _("Reminders to the keepers of the social map"), reminders)
    registry.schedule(registry.Scheduled(
        REMINDERS, "day", at=7, enabled=lambda: settings.WIJKKRACHT_EMAIL_ENABLED))

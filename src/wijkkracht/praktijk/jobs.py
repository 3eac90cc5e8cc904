"""The learning networks' digest as a scheduled job (each member's digest moves their
'sent until' in the same transaction, so a second run sends nothing twice)."""

from __future__ import annotations

from django.conf import settings
from django.utils.translation import gettext_lazy as _

from wijkkracht.jobs import registry

DIGEST = "praktijk.digest"


def digest(params: dict, owner, progress) -> registry.Output:
    from .services_network import digest_send

    sent = digest_send(base_url=settings.WIJKKRACHT_SITE_URL)
    return registry.Output(summary=f"{len(sent)} e-mails verstuurd.")


def register() -> None:
    registry.register(DIGEST, _("Digest of the learning networks"), digest)
    registry.schedule(registry.Scheduled(
        DIGEST, "week", at=7, enabled=lambda: settings.WIJKKRACHT_EMAIL_ENABLED))

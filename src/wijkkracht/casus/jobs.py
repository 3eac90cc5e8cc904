"""Retention as a scheduled job: every night, what 'casus_retention' does. Idempotent by
nature: a case past its term is deleted or anonymised once; the next run finds nothing."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from wijkkracht.jobs import registry

RETENTION = "casus.retention"


def retention(params: dict, owner, progress) -> registry.Output:
    from .retention import apply_retention

    result = apply_retention()
    totals = {k: sum(c.get(k, 0) for c in result.counts.values())
              for k in ("deleted", "anonymised", "households")}
    return registry.Output(summary=f"Bewaartermijnen: {totals['deleted']} casussen verwijderd, "
                                   f"{totals['anonymised']} geanonimiseerd, "
                                   f"{totals['households']} huishoudens verwijderd.")


def register() -> None:
    registry.register(RETENTION, _("Retention of closed cases"), retention)
    registry.schedule(registry.Scheduled(RETENTION, "day", at=2))

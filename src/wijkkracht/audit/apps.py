"""The NEN 7513 access log: append-only, hash-chained, one record per processing."""
from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AuditConfig(AppConfig):
    name = "wijkkracht.audit"
    label = "audit"
    verbose_name = _("Access log")

    def ready(self) -> None:
        from . import jobs, signals

        signals.connect()
        jobs.register()

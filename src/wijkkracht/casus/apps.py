"""Casework's Django layer: households, cases, own network, assessments, plans, meetings."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CasusConfig(AppConfig):
    name = "wijkkracht.casus"
    label = "casus"
    verbose_name = _("Casework")

    def ready(self) -> None:
        from . import jobs

        jobs.register()

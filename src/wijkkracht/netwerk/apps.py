"""The netwerkscan's Django layer: scans, moments, participants, survey links and answers."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NetwerkConfig(AppConfig):
    name = "wijkkracht.netwerk"
    label = "netwerk"
    verbose_name = _("Network scan")

    def ready(self) -> None:
        # Survey links carry their token in the URL path; Django logs the path of every
        # 4xx/5xx response, so the token is redacted before any handler sees it.
        from wijkkracht.jobs import registry

        from .survey import install_token_redaction
        from .views import PDF_JOB, pdf_job

        install_token_redaction()
        registry.register(PDF_JOB, _("Network scan results (PDF)"), pdf_job)

from django.apps import AppConfig


class WijkfotoConfig(AppConfig):
    name = "wijkkracht.wijkfoto"
    label = "wijkfoto"
    verbose_name = "Wijkfoto"

    def ready(self) -> None:
        from django.utils.translation import gettext_lazy as _

        from wijkkracht.jobs import registry

        from .views import PDF_JOB, pdf_job

        registry.register(PDF_JOB, _("Wijkfoto (PDF)"), pdf_job)

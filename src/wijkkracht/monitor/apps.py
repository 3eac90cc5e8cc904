from django.apps import AppConfig


class MonitorConfig(AppConfig):
    name = "wijkkracht.monitor"
    label = "monitor"
    verbose_name = "Monitor"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from django.utils.translation import gettext_lazy as _

        from wijkkracht.jobs import registry
        from wijkkracht.monitor.views_report import REPORT_JOB, report_job
        from wijkkracht.monitor.views_sroi import SROI_JOB, sroi_pdf_job

        registry.register(REPORT_JOB, _("Quarterly monitor report (PDF)"), report_job)
        registry.register(SROI_JOB, _("Social return on investment (PDF)"), sroi_pdf_job)

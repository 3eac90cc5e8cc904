from django.apps import AppConfig


class JobsConfig(AppConfig):
    name = "wijkkracht.jobs"
    label = "jobs"
    verbose_name = "Achtergrondtaken"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from . import jobs

        jobs.register()

from django.apps import AppConfig


class PraktijkConfig(AppConfig):
    name = "wijkkracht.praktijk"
    label = "praktijk"
    verbose_name = "Praktijkbank"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from . import jobs

        jobs.register()

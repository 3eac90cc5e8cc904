from django.apps import AppConfig
from django.db.models.signals import post_delete


class KaartConfig(AppConfig):
    name = "wijkkracht.kaart"
    label = "kaart"
    verbose_name = "Sociale kaart"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from . import jobs
        from .indexing import forget_deleted_service
        from .models import Service

        jobs.register()
        post_delete.connect(forget_deleted_service, sender=Service,
                            dispatch_uid="kaart-forget-deleted-service")

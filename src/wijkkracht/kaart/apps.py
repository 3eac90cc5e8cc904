from django.apps import AppConfig


class KaartConfig(AppConfig):
    name = "wijkkracht.kaart"
    label = "kaart"
    verbose_name = "Sociale kaart"
    default_auto_field = "django.db.models.BigAutoField"

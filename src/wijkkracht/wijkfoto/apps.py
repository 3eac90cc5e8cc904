from django.apps import AppConfig


class WijkfotoConfig(AppConfig):
    name = "wijkkracht.wijkfoto"
    label = "wijkfoto"
    verbose_name = "Wijkfoto"

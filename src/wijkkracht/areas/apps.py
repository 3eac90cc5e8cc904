from django.apps import AppConfig


class AreasConfig(AppConfig):
    name = "wijkkracht.areas"
    label = "areas"
    verbose_name = "CBS-gebieden"

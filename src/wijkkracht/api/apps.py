from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "wijkkracht.api"
    label = "api"
    verbose_name = "API"

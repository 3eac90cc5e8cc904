from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "wijkkracht.web"
    label = "web"
    verbose_name = "Web"

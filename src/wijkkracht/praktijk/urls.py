from django.urls import path  # noqa: F401  (the pages append their paths)

app_name = "praktijk"
urlpatterns: list = []

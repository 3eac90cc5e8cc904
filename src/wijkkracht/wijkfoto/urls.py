from django.urls import path, register_converter

from . import views


class AreaCode:
    regex = r"(GM\d{4}|WK\d{4}[0-9A-Z]{2}|BU\d{4}[0-9A-Z]{4})"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


register_converter(AreaCode, "area")

app_name = "wijkfoto"
urlpatterns = [
    path("", views.index, name="index"),
    path("<area:code>", views.area, name="area"),
    path("<area:code>.pdf", views.area, {"fmt": "pdf"}, name="area_pdf"),
    path("<area:code>.json", views.area, {"fmt": "json"}, name="area_json"),
    path("<area:code>.csv", views.area, {"fmt": "csv"}, name="area_csv"),
    path("<area:code>/wijken", views.gemeente, name="gemeente"),
]

from django.urls import path

from . import views, views_report

app_name = "monitor"
urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("indicator/<path:code>", views.indicator, name="indicator"),
    path("stap", views.step_add, name="step_add"),
    path("doel", views.target_set, name="target_set"),
    path("indicatoren.csv", views.export_csv, name="export_csv"),
    path("indicatoren.xlsx", views.export_xlsx, name="export_xlsx"),
    path("kwartaalrapport.pdf", views_report.report_pdf, name="report_pdf"),
]

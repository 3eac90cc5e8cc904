from django.urls import path

from . import views, views_own, views_report

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

# SROI value maps (views_sroi): the organisation's initiatives, their maps and reports.
from . import views_sroi  # noqa: E402

urlpatterns += [
    path("sroi/", views_sroi.sroi_list, name="sroi_list"),
    path("sroi/nieuw", views_sroi.sroi_create, name="sroi_create"),
    path("sroi/<int:pk>/", views_sroi.sroi_detail, name="sroi_detail"),
    path("sroi/<int:pk>/bewerken", views_sroi.sroi_edit, name="sroi_edit"),
    path("sroi/<int:pk>/rapport.pdf", views_sroi.sroi_pdf, name="sroi_pdf"),
    path("sroi/<int:pk>/waardekaart.csv", views_sroi.sroi_csv, name="sroi_csv"),
    path("sroi/<int:pk>/waardekaart.xlsx", views_sroi.sroi_xlsx, name="sroi_xlsx"),
]

# A team's own indicators (figures the platform does not hold).
urlpatterns += [
    path("eigen/", views_own.own_list, name="own_list"),
    path("eigen/nieuw", views_own.own_create, name="own_create"),
    path("eigen/<int:pk>/", views_own.own_detail, name="own_detail"),
    path("eigen/<int:pk>/bewerken", views_own.own_edit, name="own_edit"),
    path("eigen/<int:pk>/verwijderen", views_own.own_delete, name="own_delete"),
]

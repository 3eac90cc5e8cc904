from django.urls import path

from . import views, views_own

app_name = "monitor"
urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("indicator/<path:code>", views.indicator, name="indicator"),
    path("stap", views.step_add, name="step_add"),
    path("doel", views.target_set, name="target_set"),
    path("indicatoren.csv", views.export_csv, name="export_csv"),
    path("indicatoren.xlsx", views.export_xlsx, name="export_xlsx"),
]

# A team's own indicators (figures the platform does not hold).
urlpatterns += [
    path("eigen/", views_own.own_list, name="own_list"),
    path("eigen/nieuw", views_own.own_create, name="own_create"),
    path("eigen/<int:pk>/", views_own.own_detail, name="own_detail"),
    path("eigen/<int:pk>/bewerken", views_own.own_edit, name="own_edit"),
    path("eigen/<int:pk>/verwijderen", views_own.own_delete, name="own_delete"),
]

"""Mounted at /casus/. Every page needs sign-in and is scoped to what the user may see; URLs
carry case numbers only, never a name or a BSN."""

from django.urls import path

from . import views

app_name = "casus"
urlpatterns = [
    path("", views.case_list, name="case_list"),
    path("nieuw", views.case_create, name="case_create"),
    path("<int:pk>/", views.case_detail, name="case_detail"),
    path("<int:pk>/bewerken", views.case_edit, name="case_edit"),
    path("<int:pk>/status", views.case_status, name="case_status"),
    path("<int:pk>/huishouden", views.household_edit, name="household_edit"),
    path("<int:pk>/personen/nieuw", views.person_edit, name="person_add"),
    path("<int:pk>/personen/<int:person>/", views.person_edit, name="person_edit"),
    path("<int:pk>/betrokkenen", views.case_members, name="case_members"),
    path("<int:pk>/noodtoegang", views.break_glass, name="break_glass"),
]

"""The privacy officer's oversight of casework, beside the access log under /audit/:
emergency accesses to review and "who looked at this file?" (NEN 7513, AVG art. 15). Served by
casework, which reads the log through the audit app (never the other way round)."""

from django.urls import path

from . import views_oversight

app_name = "toezicht"
urlpatterns = [
    path("noodtoegang", views_oversight.emergency, name="emergency"),
    path("casus", views_oversight.case_search, name="case_search"),
    path("casus/<int:case>/", views_oversight.case_log, name="case_log"),
]

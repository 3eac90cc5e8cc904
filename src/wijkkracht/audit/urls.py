from django.urls import path

from . import views, views_avg

app_name = "audit"
urlpatterns = [
    path("", views.index, name="index"),
    # casework oversight: emergency accesses and "who looked at my file?"
    path("noodtoegang", views_avg.emergency, name="emergency"),
    path("casus", views_avg.case_search, name="case_search"),
    path("casus/<int:case>/", views_avg.case_log, name="case_log"),
]

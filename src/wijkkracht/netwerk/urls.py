"""Mounted at /netwerkscan/. The survey (vragenlijst/...) is public; the rest needs sign-in."""

from django.urls import path

from . import survey, views

app_name = "netwerk"
urlpatterns = [
    path("", views.scan_list, name="scan_list"),
    path("nieuw", views.scan_create, name="scan_create"),
    path("<int:pk>/", views.scan_detail, name="scan_detail"),
    path("<int:pk>/deelnemers/nieuw", views.participant_add, name="participant_add"),
    path("<int:pk>/deelnemers/import", views.participants_upload, name="participants_upload"),
    path("<int:pk>/deelnemers/<int:participant>/terugtrekken", views.participant_withdraw,
         name="participant_withdraw"),
    path("<int:pk>/meetmomenten/nieuw", views.moment_create, name="moment_create"),
    path("<int:pk>/resultaten", views.results, name="results"),
    path("<int:pk>/resultaten.html", views.results, {"fmt": "html"}, name="results_html"),
    path("<int:pk>/resultaten.pdf", views.results, {"fmt": "pdf"}, name="results_pdf"),
    path("<int:pk>/resultaten.csv", views.results, {"fmt": "csv"}, name="results_csv"),
    path("meetmoment/<int:pk>/links", views.moment_links, name="moment_links"),
    path("meetmoment/<int:pk>/mail", views.moment_mail, name="moment_mail"),
    path("meetmoment/<int:pk>/antwoorden/import", views.answers_upload, name="answers_upload"),
    path("meetmoment/<int:pk>/sluiten", views.moment_close, name="moment_close"),
    # Public: the survey behind a personal link (nothing here is public without a token).
    path("vragenlijst/<str:token>", survey.survey, name="survey"),
    path("vragenlijst/<str:token>/terugtrekken", survey.withdraw, name="survey_withdraw"),
]

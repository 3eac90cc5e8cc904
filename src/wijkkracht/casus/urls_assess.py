"""The assessment pages, under /casus/ (namespace "casus"); casus/urls.py adds these."""

from django.urls import path

from . import views_assess

urlpatterns = [
    path("<int:pk>/beoordelingen/nieuw", views_assess.assessment_create,
         name="assessment_create"),
    path("<int:pk>/beoordelingen/<int:assessment>/", views_assess.assessment_detail,
         name="assessment_detail"),
]

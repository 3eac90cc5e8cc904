from django.urls import path

from . import views_meet

urlpatterns = [
    path("<int:pk>/toestemming/nieuw", views_meet.consent_create, name="consent_create"),
    path("<int:pk>/toestemming/<int:consent>/intrekken", views_meet.consent_withdraw,
         name="consent_withdraw"),
    path("<int:pk>/overleg/nieuw", views_meet.meeting_edit, name="meeting_create"),
    path("<int:pk>/overleg/<int:meeting>/bewerken", views_meet.meeting_edit,
         name="meeting_edit"),
    path("<int:pk>/verwijzing/nieuw", views_meet.referral_create, name="referral_create"),
    path("<int:pk>/verwijzing/<int:referral>/resultaat", views_meet.referral_result,
         name="referral_result"),
    path("<int:pk>/opschalen", views_meet.escalate, name="escalate"),
    path("<int:pk>/terug", views_meet.escalation_return, name="escalation_return"),
]

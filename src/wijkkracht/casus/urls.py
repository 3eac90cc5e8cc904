"""Mounted at /casus/. Every page needs sign-in and is scoped to what the user may see; URLs
carry case numbers only, never a name or a BSN."""

from django.urls import path

from . import urls_assess, urls_plan, views, views_avg, views_feed, views_meet

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
    # consent, meetings, referrals (views_meet)
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
    path("<int:pk>/documenten/nieuw", views_meet.document_add, name="document_add"),
    path("<int:pk>/documenten/<int:document>", views_meet.document_download,
         name="document_download"),
]
urlpatterns += urls_plan.urlpatterns  # own network and plan
urlpatterns += urls_assess.urlpatterns  # assessments
urlpatterns += [  # the monitor: aggregates only
    path("monitor", views_feed.monitor, name="monitor"),
    path("monitor.csv", views_feed.monitor_csv, name="monitor_csv"),
]
urlpatterns += [  # the resident's rights (AVG art. 15, 17, 18)
    path("<int:pk>/inzage", views_avg.inzage, name="inzage"),
    path("<int:pk>/inzage.json", views_avg.inzage_json, name="inzage_json"),
    path("<int:pk>/beperken", views_avg.restriction, name="restriction"),
    path("<int:pk>/wissen", views_avg.erase, name="erase"),
]

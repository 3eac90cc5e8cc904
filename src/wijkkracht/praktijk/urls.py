from django.urls import path

from . import views

app_name = "praktijk"
urlpatterns: list = [
    path("", views.practice_list, name="list"),
    path("nieuw", views.practice_create, name="create"),
    path("open-data.json", views.open_data_json, name="open_data_json"),
    path("open-data.csv", views.open_data_csv, name="open_data_csv"),
    path("<int:pk>/", views.practice_detail, name="detail"),
    path("<int:pk>/bewerken", views.practice_edit, name="edit"),
    path("<int:pk>/bijlagen", views.attachments, name="attachments"),
    path("<int:pk>/bijlagen/<int:attachment_pk>", views.attachment_download,
         name="attachment"),
    path("<int:pk>/praktijk.pdf", views.practice_pdf, name="pdf"),
    path("<int:pk>/publiceren", views.publish, name="publish"),
    path("<int:pk>/depubliceren", views.unpublish, name="unpublish"),
]

# The learning networks (views_network).
from . import views_network  # noqa: E402

urlpatterns += [
    path("netwerken/", views_network.network_list, name="network_list"),
    path("netwerken/nieuw", views_network.network_create, name="network_create"),
    path("netwerken/<int:pk>/", views_network.network_detail, name="network_detail"),
    path("netwerken/<int:pk>/volgen", views_network.network_follow, name="network_follow"),
    path("netwerken/<int:pk>/leden", views_network.network_members, name="network_members"),
    path("netwerken/<int:pk>/bijeenkomsten/nieuw", views_network.meeting_create,
         name="network_meeting_create"),
    path("netwerken/<int:pk>/bijeenkomsten/<int:meeting>/", views_network.meeting_detail,
         name="network_meeting"),
    path("netwerken/<int:pk>/vragen/nieuw", views_network.question_create,
         name="network_question_create"),
    path("netwerken/<int:pk>/vragen/<int:q>/", views_network.question_detail,
         name="network_question"),
]

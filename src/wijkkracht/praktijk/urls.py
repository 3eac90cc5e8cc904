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

"""Mounted at /kaart/. URLs carry service ids (public HSDS UUIDs) and suggestion numbers, never a
person's name."""

from django.urls import path

from . import views_needs, views_pro, views_public, views_workflow

app_name = "kaart"
urlpatterns = [
    # --- pages: the public kaart and the professionals' search (views_public, views_pro) ---
    path("", views_public.home, name="home"),
    path("dienst/<uuid:pk>", views_public.service, name="service"),
    path("dienst/<uuid:pk>/kaart", views_public.card, name="card"),
    path("zoeken", views_pro.pro_search, name="pro_search"),
    # --- the editing workflow (views_workflow): suggest, review, history, still correct ---
    path("dienst/<uuid:pk>/wijziging-voorstellen", views_workflow.suggest, name="suggest"),
    path("nieuw-voorstellen", views_workflow.suggest_new, name="suggest_new"),
    path("beheer/voorstellen", views_workflow.review_list, name="review_list"),
    path("beheer/voorstellen/<int:pk>", views_workflow.review, name="review"),
    path("dienst/<uuid:pk>/geschiedenis", views_workflow.history, name="history"),
    path("dienst/<uuid:pk>/gecontroleerd", views_workflow.confirm, name="confirm"),
    # --- the need taxonomy search uses (views_needs), for the functional administrator ---
    path("beheer/behoeften", views_needs.needs, name="needs"),
    path("beheer/behoeften.json", views_needs.needs_download, name="needs_download"),
    path("beheer/behoeften/woord", views_needs.needs_add_word, name="needs_add_word"),
]

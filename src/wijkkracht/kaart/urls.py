from django.urls import path

from . import views_pro, views_public

app_name = "kaart"
urlpatterns = [
    # --- pages: the public kaart and the professionals' search (views_public, views_pro) ---
    path("", views_public.home, name="home"),
    path("dienst/<uuid:pk>", views_public.service, name="service"),
    path("dienst/<uuid:pk>/kaart", views_public.card, name="card"),
    path("zoeken", views_pro.pro_search, name="pro_search"),
    # --- end of the pages ---
]

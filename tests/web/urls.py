"""The site's URLs plus a few views that fail on purpose or leave messages (tests only)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.urls import path

from wijkkracht.conf import urls as site

handler400 = site.handler400
handler403 = site.handler403
handler404 = site.handler404
handler500 = site.handler500


def boom(request):
    raise RuntimeError("a bug")


def boom_with_data(request):
    """A bug whose message holds what was sent, as real exception messages often do."""
    raise ValueError(request.GET.get("naam", ""))


def forbidden(request):
    raise PermissionDenied


def with_messages(request):
    messages.info(request, "Ter informatie.")
    messages.success(request, "Opgeslagen.")
    messages.warning(request, "Let hierop.")
    messages.error(request, "Dat ging mis.")
    return render(request, "web/home.html")


urlpatterns = [
    path("test/boom", boom),
    path("test/boom-met-gegevens", boom_with_data),
    path("test/verboden", forbidden),
    path("test/berichten", with_messages),
    *site.urlpatterns,
]

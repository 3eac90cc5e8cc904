"""Template context every page needs."""

from django.conf import settings

from wijkkracht import __version__


def site(request):
    return {"wijkkracht_version": __version__, "oidc_enabled": settings.OIDC_ENABLED}

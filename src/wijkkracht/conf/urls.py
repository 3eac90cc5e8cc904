"""URL map: public statistics at /wijkfoto and /api/v1, the public sociale kaart at /kaart/,
the rest behind sign-in."""

from django.conf import settings
from django.urls import include, path
from django.views.generic import RedirectView

from wijkkracht.accounts.admin import site as admin_site
from wijkkracht.api.urls import api

urlpatterns = [
    path("", include("wijkkracht.web.urls")),
    path("account/", include("wijkkracht.accounts.urls")),
    path("wijkfoto/", include("wijkkracht.wijkfoto.urls")),
    path("netwerkscan/", include("wijkkracht.netwerk.urls")),
    path("casus/", include("wijkkracht.casus.urls")),
    path("kaart/", include("wijkkracht.kaart.urls")),
    path("monitor/", include("wijkkracht.monitor.urls")),
    path("praktijk/", include("wijkkracht.praktijk.urls")),
    path("audit/", include("wijkkracht.audit.urls")),
    path("taken/", include("wijkkracht.jobs.urls")),
    path("audit/", include("wijkkracht.casus.urls_oversight")),
    path("api/v1/", api.urls),
    # The admin signs in through the same two-step sign-in as everyone else.
    path("beheer/login/", RedirectView.as_view(pattern_name="accounts:login", query_string=True)),
    path("beheer/", admin_site.urls),
]

if settings.OIDC_ENABLED:
    urlpatterns.append(path("oidc/", include("mozilla_django_oidc.urls")))

handler400 = "wijkkracht.web.views.bad_request"
handler403 = "wijkkracht.web.views.permission_denied"
handler404 = "wijkkracht.web.views.page_not_found"
handler500 = "wijkkracht.web.views.server_error"

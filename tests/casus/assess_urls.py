"""The site's URLs plus the assessment pages under /casus/, for tests run before casus/urls.py
includes them."""

from django.urls import include, path

from wijkkracht.casus import urls_assess
from wijkkracht.conf.urls import handler400, handler403, handler404, handler500  # noqa: F401
from wijkkracht.conf.urls import urlpatterns as site

urlpatterns = [*site, path("casus/", include((urls_assess.urlpatterns, "casus")))]

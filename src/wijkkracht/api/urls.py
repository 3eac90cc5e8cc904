"""The API instance mounted at /api/v1 (see conf/urls.py), with its operations and error handlers.

The interactive documentation at /api/v1/docs needs django-ninja's own static files (the CDN
variant is blocked by our Content-Security-Policy), so it is offered only when ``ninja`` is in
INSTALLED_APPS; the OpenAPI document itself is always public at /api/v1/openapi.json.
"""

from django.conf import settings

from . import errors
from .middleware import API_VERSION
from .openapi import BASE_PATH, WijkkrachtAPI
from .views import router
from .views_casus import router as casus_router
from .views_kaart import router as kaart_router
from .views_monitor import router as monitor_router
from .views_praktijk import router as praktijk_router

api = WijkkrachtAPI(
    title="Wijkkracht API",
    version=API_VERSION,
    description=(
        "Open CBS-kerncijfers per gebied, indicatoren en wijkfoto's, en de sociale kaart als "
        "HSDS 3-API (`/services`, `/organizations`, `/taxonomies`, `/taxonomy_terms`) en de "
        "gepubliceerde praktijken van de praktijkbank (`/practices`), zonder aanmelden. "
        "Alleen `/me`, de casussen van de eigen teams (`/cases`) en de monitor (`/monitor`) "
        "vragen een API-token "
        "(`Authorization: Bearer <token>`). Fouten zijn "
        "`application/problem+json` (RFC 9457). De cijfers: Bron: CBS, Kerncijfers wijken en "
        "buurten (CC BY 4.0)."
    ),
    servers=[{"url": BASE_PATH, "description": "Deze server, versie 1"}],
    openapi_extra={"info": {"contact": {"name": "Wijkkracht-ontwikkelaars"}}},
    urls_namespace="api",
    docs_url="/docs" if "ninja" in settings.INSTALLED_APPS else None,
    openapi_url="/openapi.json",
)
errors.install(api)
api.add_router("", router)
api.add_router("", casus_router)
api.add_router("", kaart_router)
api.add_router("", monitor_router)
api.add_router("", praktijk_router)

"""WSGI entry point (gunicorn wijkkracht.conf.wsgi)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "wijkkracht.conf.settings")
application = get_wsgi_application()

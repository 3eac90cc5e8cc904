"""Django settings, URLs and WSGI entry point of the Wijkkracht web platform."""

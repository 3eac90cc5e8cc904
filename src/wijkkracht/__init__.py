"""Wijkkracht: tools for wijkgericht werken (neighbourhood-oriented care and welfare work)."""

__version__ = "0.1.0"

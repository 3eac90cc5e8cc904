"""Casework pages under /casus/ (temporary on h-plan: the lead's urls.py replaces this file)."""

from . import urls_plan

app_name = "casus"

urlpatterns = [*urls_plan.urlpatterns]

"""The jobs package's own scheduled job: clearing up old jobs and their files."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from . import registry
from .services import clean_up

CLEAN_UP = "jobs.clean_up"


def clean(params: dict, owner, progress) -> registry.Output:
    removed, interrupted = clean_up()
    return registry.Output(summary=f"{removed} oude taken verwijderd, {interrupted} "
                                   "onderbroken taken gemeld.")


def register() -> None:
    registry.register(CLEAN_UP, _("Clearing up old background jobs"), clean)
    registry.schedule(registry.Scheduled(CLEAN_UP, "hour"))

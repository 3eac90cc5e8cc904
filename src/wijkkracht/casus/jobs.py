"""Retention as a scheduled job: every night, what 'casus_retention' does. Idempotent by
nature: a case past its term is deleted or anonymised once; the next run finds nothing."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from wijkkracht.errors import WijkkrachtError
from wijkkracht.jobs import registry
from wijkkracht.jobs.models import Job

RETENTION = "casus.retention"
INZAGE = "casus.inzage"
INZAGE_KEEP_HOURS = 1  # a copy of special-category data: an hour to download it, no more


def retention(params: dict, owner, progress) -> registry.Output:
    from .retention import apply_retention

    result = apply_retention()
    totals = {k: sum(c.get(k, 0) for c in result.counts.values())
              for k in ("deleted", "anonymised", "households")}
    return registry.Output(summary=f"Bewaartermijnen: {totals['deleted']} casussen verwijderd, "
                                   f"{totals['anonymised']} geanonimiseerd, "
                                   f"{totals['households']} huishoudens verwijderd.")


def inzage(params: dict, owner, progress) -> registry.Output:
    """The resident's data download, for ``owner`` if they may still give it."""
    from . import access, selectors
    from .views_avg import inzage_file

    case = selectors.case_page(owner, params["case"])
    if case is None or not access.may_give_inzage(owner, case):
        raise WijkkrachtError(_("This case is no longer there for you."))
    progress(20, _("Gathering everything stored"))
    return registry.Output(inzage_file(owner, case), f"inzage-casus-{case.pk}.json",
                           "application/json; charset=utf-8")


def inzage_downloaded(job: Job, request) -> None:
    """Each download of the resident's data is an access of its own in the log."""
    from wijkkracht.audit.models import Action

    from .models import Case
    from .services import log_access

    case = Case.unscoped.filter(pk=job.params.get("case")).first()
    log_access(Action.READ, "inzage_download", case, request=request,
               subject_id=job.params.get("case"))


def forget(case_ids: list[int]) -> None:
    """An erased or deleted case leaves no data download behind."""
    Job.objects.filter(kind=INZAGE, params__case__in=list(case_ids)).delete()


def register() -> None:
    registry.register(INZAGE, _("Data download for the resident (JSON)"), inzage,
                      keep_hours=INZAGE_KEEP_HOURS, on_download=inzage_downloaded)
    registry.register(RETENTION, _("Retention of closed cases"), retention)
    registry.schedule(registry.Scheduled(RETENTION, "day", at=2))

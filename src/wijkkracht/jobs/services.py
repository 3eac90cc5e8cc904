"""Making, running and clearing up jobs. Every state change is one UPDATE guarded by the state
it expects, so two workers, two servers or a double click never run or make a job twice."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import logging
import traceback

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from wijkkracht.errors import WijkkrachtError

from . import registry
from .models import WAITING, Job, Status

logger = logging.getLogger(__name__)

GENERAL_FAILURE = ("Er ging iets mis bij het maken. Probeer het opnieuw; lukt het dan weer niet, "
                   "meld het bij de beheerder (met de tijd en het nummer van deze taak).")
INTERRUPTED = "De taak is onderbroken (de verwerker stopte). Probeer het opnieuw."
REUSE_DONE = dt.timedelta(seconds=60)  # a double click gets the file just made


def session_hash(session_key: str) -> str:
    return hashlib.sha256(session_key.encode("ascii")).hexdigest()


def _key(kind: str, params: dict, owner_id: int | None, session: str) -> str:
    text = json.dumps([kind, params, owner_id, session], sort_keys=True, default=str)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def request_job(kind: str, params: dict, *, user=None, session_key: str = "") -> Job:
    """The job for this request: a waiting (or just finished) one for the same kind, arguments
    and requester, else a new one, enqueued. ``user`` (signed in) or ``session_key`` (a
    visitor) will be the only one who sees it."""
    registry.kind(kind)  # unknown kinds fail here, in the request, not in the worker
    owner_id = user.pk if user is not None and user.is_authenticated else None
    session = "" if owner_id else session_hash(session_key) if session_key else ""
    if owner_id is None and not session:
        raise ValueError("a job needs a user or a session")
    key = _key(kind, params, owner_id, session)
    recent = Job.objects.filter(key=key).order_by("-created_at").first()
    if recent is not None and (recent.waiting or (
            recent.status == Status.DONE and recent.finished_at
            and timezone.now() - recent.finished_at < REUSE_DONE)):
        return recent
    job = Job.objects.create(kind=kind, params=params, key=key, owner_id=owner_id,
                             session_hash=session)
    enqueue(job)
    return job


def system_job(kind: str, slot: str) -> Job | None:
    """The scheduled run of ``kind`` for ``slot``, made and enqueued once across all workers;
    ``None`` when it exists already."""
    try:
        with transaction.atomic():
            job = Job.objects.create(kind=kind, slot=slot, key=_key(kind, {}, None, slot))
    except IntegrityError:
        return None
    enqueue(job)
    return job


def enqueue(job: Job) -> None:
    from .tasks import run_job

    result = run_job.enqueue(str(job.pk))
    Job.objects.filter(pk=job.pk).update(task_id=str(result.id)[:64])


def retry(job: Job) -> bool:
    """Queue a failed job again (its file, if any, was never made)."""
    moved = Job.objects.filter(pk=job.pk, status=Status.FAILED).update(
        status=Status.QUEUED, error="", progress=0, stage="", finished_at=None)
    if moved:
        enqueue(job)
    return bool(moved)


def execute(job_id: str) -> str:
    """Run one job; what the task backend calls. Claimed by one UPDATE from queued to running:
    a job that is running, done or failed already is left alone, so a task delivered twice
    does the work once."""
    now = timezone.now()
    claimed = Job.objects.filter(pk=job_id, status=Status.QUEUED).update(
        status=Status.RUNNING, started_at=now, attempts=F("attempts") + 1, progress=0)
    if not claimed:
        return "skipped"
    job = Job.objects.select_related("owner").get(pk=job_id)

    def progress(percent: int, stage: str) -> None:
        Job.objects.filter(pk=job.pk, status=Status.RUNNING).update(
            progress=max(0, min(100, int(percent))), stage=stage[:200])

    try:
        output = registry.kind(job.kind).run(job.params, job.owner, progress)
    except WijkkrachtError as exc:
        _finish(job, Status.FAILED, error=str(exc))
        return "failed"
    except Exception as exc:
        # The message may hold data (an IntegrityError names values): its kind and where.
        logger.error("job %s (%s) failed: %s at %s", job.pk, job.kind, type(exc).__name__,
                     " < ".join(f"{f.name}:{f.lineno}" for f in
                                reversed(traceback.extract_tb(exc.__traceback__)[-4:])))
        _finish(job, Status.FAILED, error=GENERAL_FAILURE)
        return "failed"
    _finish(job, Status.DONE, output=output)
    return "done"


def _finish(job: Job, status: str, *, error: str = "", output=None) -> None:
    fields = {"status": status, "error": error, "finished_at": timezone.now(), "stage": ""}
    if output is not None:
        fields.update(content=output.content or None, filename=output.filename,
                      content_type=output.content_type, summary=output.summary[:300],
                      progress=100)
    Job.objects.filter(pk=job.pk, status=Status.RUNNING).update(**fields)


def keep_hours() -> int:
    return int(getattr(settings, "WIJKKRACHT_JOB_KEEP_HOURS", 24))


def stuck_minutes() -> int:
    return int(getattr(settings, "WIJKKRACHT_JOB_STUCK_MINUTES", 10))


def clean_up(now: dt.datetime | None = None) -> tuple[int, int]:
    """Remove jobs (and their files) finished longer ago than the keep time; mark jobs running
    far longer than any job takes as interrupted, so they can be retried. Returns both counts."""
    now = now or timezone.now()
    interrupted = Job.objects.filter(
        status=Status.RUNNING, started_at__lt=now - dt.timedelta(hours=1)).update(
        status=Status.FAILED, error=INTERRUPTED, finished_at=now)
    finished = Job.objects.filter(status__in=[Status.DONE, Status.FAILED])
    removed, _ = finished.filter(finished_at__lt=now - dt.timedelta(hours=keep_hours())).delete()
    for kind in registry.kinds().values():
        if kind.keep_hours is not None:
            removed += finished.filter(kind=kind.name, finished_at__lt=now - dt.timedelta(
                hours=kind.keep_hours)).delete()[0]
    return removed, interrupted


def oldest_waiting(now: dt.datetime | None = None) -> dt.timedelta | None:
    """How long the oldest queued job has waited (``None``: nothing waits): the readiness
    check calls a queue stuck when this passes the stuck time."""
    first = Job.objects.filter(status=Status.QUEUED).order_by("created_at") \
        .values_list("created_at", flat=True).first()
    return None if first is None else (now or timezone.now()) - first


def queue_stuck(now: dt.datetime | None = None) -> bool:
    waited = oldest_waiting(now)
    return waited is not None and waited > dt.timedelta(minutes=stuck_minutes())


__all__ = ["WAITING", "clean_up", "execute", "queue_stuck", "request_job", "retry",
           "system_job"]

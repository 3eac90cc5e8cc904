"""Which job a request may see: its own, by user or (a visitor) by session; nobody else's."""

from __future__ import annotations

from django.http import Http404, HttpRequest

from wijkkracht.accounts.twofactor import is_verified

from .models import Job
from .services import session_hash


def visible_job(request: HttpRequest, pk) -> Job:
    """The job if this requester asked for it, else 404 (not 403: whether a job exists is
    nobody else's business)."""
    job = Job.objects.filter(pk=pk).defer("content").first()
    if job is None or not _mine(request, job):
        raise Http404
    return job


def signed_in(request: HttpRequest) -> bool:
    """Past both sign-in steps: only then are jobs the user's own (a half-signed-in visitor's
    jobs are their session's, as anyone's on the public pages)."""
    return is_verified(request)


def _mine(request: HttpRequest, job: Job) -> bool:
    user = getattr(request, "user", None)
    if job.owner_id is not None:
        return bool(signed_in(request) and user.pk == job.owner_id)
    key = request.session.session_key if hasattr(request, "session") else None
    return bool(job.session_hash and key and session_hash(key) == job.session_hash)
